/* measure.h - the measurements file: what was actually delivered.
 *
 * NAME.measurements.yaml sits beside NAME.sla.yaml and holds one entry per
 * period ("2027-03", "2027-Q1", "2027") with, for each service level, either
 * the measured value or the raw events pacta computes it from: outages,
 * tickets, deliveries and the client's obligations.  The format is described
 * in doc/measurements.md.
 *
 * The file is loaded with sla_yaml_load_file and the tree is kept; the
 * structures below point into it (strings are the tree's).  Malformed
 * values are errors with the file position; unknown keys are warnings (keys
 * starting with x- are silently kept), like in agreements.  Nothing prints. */
#ifndef PACTA_MEASURE_H
#define PACTA_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

#include "src/calc.h"
#include "src/doc.h"
#include "src/err.h"
#include "src/validate.h"

struct measure_outage {
    struct calc_stamp start, end; /* end after start */
    bool excluded;                /* falls under an exclusion: not counted */
    const char *note;             /* may be NULL */
};

struct measure_ticket {
    const char *id;       /* may be NULL */
    const char *priority; /* a priority id, may be NULL */
    struct calc_stamp opened;
    bool has_response, has_resolved;
    struct calc_stamp response, resolved; /* first response, resolution */
};

/* What was measured for one service level in one period. */
struct measure_level {
    const char *id;   /* the service level's id (the key) */
    const char *path; /* "periods[0].levels.SL1" (owned) */
    bool has_value;   /* a measured value given directly */
    long long value;  /* scaled by CALC_SCALE, in the level's unit */
    struct measure_outage *outages;
    size_t noutages;
    bool has_tickets; /* its own tickets list (overrides the period's) */
    struct measure_ticket *tickets;
    size_t ntickets;
};

/* A deliverable handed over (deadlines[].id). */
struct measure_delivery {
    const char *deadline;
    const char *path; /* owned */
    long delivered;   /* day number */
    const char **paused_by; /* deadline ids whose lateness pauses this one's clock */
    size_t npaused;
};

/* One of the parties' obligations (obligations.provider/client[].id) in the
 * period: kept or not; for a late payment, the amount and its dates. */
struct measure_obligation {
    const char *id;
    const char *path; /* owned */
    bool kept;
    bool has_amount;
    long long amount_cents;
    bool has_dates;
    long due, done; /* day numbers */
    const char *note;
};

enum measure_period_kind { MEASURE_MONTH, MEASURE_QUARTER, MEASURE_YEAR };

struct measure_period {
    const char *key; /* "2027-03" */
    enum measure_period_kind kind;
    long start, end; /* [start, end) as day numbers */
    struct measure_level *levels;
    size_t nlevels;
    struct measure_ticket *tickets; /* the period's tickets, for every level */
    size_t ntickets;
    struct measure_delivery *deliveries;
    size_t ndeliveries;
    struct measure_obligation *obligations;
    size_t nobligations;
};

struct measure {
    struct doc_node *root; /* the file as loaded, owned */
    char *name;            /* the file name, for messages (owned) */
    const char *agreement; /* metadata.id of the agreement, may be NULL */
    struct measure_period *periods; /* in start order, no two the same */
    size_t nperiods;
};

/* "2027-03", "2027-Q1" or "2027" into [start, end) day numbers. */
int measure_parse_period(const char *s, enum measure_period_kind *kind, long *start, long *end);

/* Load and check the file.  Returns 0, or -1 with e filled (file, line,
 * column).  Warnings (unknown keys) are added to warn when not NULL. */
int measure_load_file(const char *path, struct measure *m, struct findings *warn, struct err *e);
/* The same from a tree already loaded (taken over, even on failure: call
 * measure_free after either function, whatever it returned); name
 * is the file name used in messages. */
int measure_from_doc(struct doc_node *root, const char *name, struct measure *m, struct findings *warn,
                     struct err *e);
/* The period with that key, or NULL. */
const struct measure_period *measure_find_period(const struct measure *m, const char *key);
void measure_free(struct measure *m);

#endif
