/* evaluate.h - the scorecard: the service delivered against the agreement.
 *
 * Pure computation on an agreement tree and its measurements (measure.h):
 * for each period and service level, the target, the measured value, met or
 * missed, the margin left, and the credit that follows from
 * remedies.service_credits (tiers, monthly cap, basis price item, rounded to
 * the cent; a yearly cap, yearly_cap_percent, over the agreement year);
 * deadlines with days late, penalties per started period of delay, caps and
 * termination thresholds; the parties' obligations; across periods, the
 * termination.for_cause rules that name a service level flagged when it was
 * missed that many periods in a row.  Money is cents, values are decimals
 * scaled by CALC_SCALE; nothing prints.  evaluate_render turns a result
 * into a render document in the agreement's language. */
#ifndef PACTA_EVALUATE_H
#define PACTA_EVALUATE_H

#include <stdbool.h>
#include <stddef.h>

#include "src/doc.h"
#include "src/err.h"
#include "src/measure.h"
#include "src/render.h"

enum evaluate_status { EVALUATE_NO_DATA, EVALUATE_MET, EVALUATE_MISSED };
enum evaluate_party { EVALUATE_PROVIDER, EVALUATE_CLIENT };

struct evaluate_level {
    const char *id, *name, *indicator, *unit, *op; /* from the agreement */
    enum evaluate_party obligated;
    enum evaluate_status status;
    long long target; /* scaled */
    bool has_measured;
    long long measured; /* scaled: percent for availability, the level's unit for times */
    /* availability computed from outages */
    bool from_outages;
    long long open_minutes, down_minutes;
    long long budget_tenths, left_tenths; /* left < 0: over budget */
    /* response or resolution computed from tickets */
    bool from_tickets;
    size_t tickets, missed, pending; /* pending: still open, not yet due */
    long long within_percent;        /* scaled share of decided tickets on time */
    /* the credit (service_credits) */
    bool has_credit;
    long long basis_cents;
    const char *basis; /* the price item id */
    long long tier_percent; /* the tier reached, before the monthly cap */
    long long percent;      /* after the monthly cap */
    bool monthly_capped;
    long long cents;       /* owed, after the yearly cap */
    long long yearly_cut;  /* cents removed by the yearly cap */
    long long yearly_cap_cents; /* -1: none */
};

struct evaluate_deadline {
    const char *id, *deliverable, *penalty; /* penalty id, may be NULL */
    enum evaluate_party obligated;
    long due, due_paused; /* due_paused = due + pause_days */
    long pause_days;
    bool delivered; /* false: not delivered by the end of the period */
    long delivered_day;
    long days_late;
    long long periods_late;
    long long tier_percent, percent; /* before / after the cap */
    bool capped;
    long long basis_cents, cents;
    long termination_days; /* -1: none */
    bool termination;      /* late beyond termination_after */
};

struct evaluate_obligation {
    const char *id, *text, *penalty;
    enum evaluate_party party;
    bool kept;
    long days_late;
    bool has_amount;
    long long amount_cents, cents;
};

struct evaluate_period {
    const char *key;
    long start, end;
    struct evaluate_level *levels;
    size_t nlevels;
    struct evaluate_deadline *deadlines;
    size_t ndeadlines;
    struct evaluate_obligation *obligations;
    size_t nobligations;
    long long owed[2]; /* by the provider, by the client */
    size_t missed;     /* promises missed in the period */
};

struct evaluate_result {
    const char *lang, *currency, *title; /* point into the agreement */
    struct evaluate_period *periods;     /* the periods shown */
    size_t nperiods;
    char **flags; /* translated notes across periods (caps, for_cause, termination) */
    size_t nflags;
    long long owed[2];
    size_t missed;
};

/* Evaluate every period of m (only the one named period when period is not
 * NULL; earlier periods still count for yearly caps and repeated failures).
 * Returns 0, or -1 with e set when a measurement names something the
 * agreement does not have, or the agreement lacks what a computation needs
 * (support hours for a business clock, a price item).  Errors about the
 * measurements name m->name; errors about the agreement leave e->file empty
 * for the caller to fill, with the line and column from sla. */
int evaluate_run(const struct doc_node *sla, const struct measure *m, const char *period,
                 struct evaluate_result *r, struct err *e);
void evaluate_free(struct evaluate_result *r);

/* The scorecard as a document, in the agreement's language. */
struct render_doc *evaluate_render(const struct evaluate_result *r);

/* Open minutes between a and b on the clock (NULL: every minute counts). */
long long evaluate_clock_minutes(const struct calc_hours *h, struct calc_stamp a, struct calc_stamp b);

#endif
