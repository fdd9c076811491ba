/* test_evaluate.c - the measurements loader and the scorecard, with the
 * worked examples of issue 9 worked out by hand in the comments. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/evaluate.h"
#include "src/i18n.h"
#include "src/measure.h"
#include "src/render.h"
#include "src/sla_yaml.h"
#include "src/xalloc.h"
#include "tests/tap.h"

#define S CALC_SCALE

static struct doc_node *load(const char *name, const char *text)
{
    struct doc_node *root = NULL;
    struct err e;
    if (sla_yaml_load_buffer(name, text, strlen(text), NULL, &root, NULL, &e) < 0) {
        char buf[2200];
        err_format(&e, buf, sizeof buf);
        diag("cannot load %s: %s", name, buf);
        exit(99);
    }
    return root;
}

static int measure(const char *text, struct measure *m, struct findings *w, struct err *e)
{
    return measure_from_doc(load("m.yaml", text), "m.yaml", m, w, e);
}

/* Run the scorecard; exits on a failure the test did not expect. */
static void run(const char *sla_text, const char *m_text, const char *period, struct doc_node **sla,
                struct measure *m, struct evaluate_result *r)
{
    struct err e;
    char buf[2200];
    *sla = load("a.sla.yaml", sla_text);
    if (measure(m_text, m, NULL, &e) < 0 || evaluate_run(*sla, m, period, r, &e) < 0) {
        err_format(&e, buf, sizeof buf);
        diag("unexpected failure: %s", buf);
        exit(99);
    }
}

static const struct evaluate_level *level(const struct evaluate_period *p, const char *id)
{
    for (size_t i = 0; i < p->nlevels; i++)
        if (p->levels[i].id && strcmp(p->levels[i].id, id) == 0)
            return &p->levels[i];
    return NULL;
}

static char *text_of(const struct evaluate_result *r)
{
    struct render_doc *d = evaluate_render(r);
    char *out;
    size_t len;
    render_emit(d, RENDER_MD, &out, &len);
    render_free(d);
    return out;
}

/* ---- An agreement with tiered credits, a monthly cap and a yearly cap --- */

static const char *credits_sla =
    "apiVersion: pacta/v1\n"
    "kind: ServiceLevelAgreement\n"
    "metadata: {id: credits, title: \"Credits\", language: en}\n"
    "agreement: {type: binding, effective_from: 2027-01-01, effective_to: 2027-12-31}\n"
    "service_levels:\n"
    "- {id: SL1, name: \"Availability\", obligated: provider, indicator: availability, op: gte,\n"
    "   target: 99.5, unit: percent, clock: calendar, window: 1M}\n"
    "pricing:\n"
    "  currency: EUR\n"
    "  items: [{id: F1, description: \"Fee\", amount: \"100.00\", per: month}]\n"
    "remedies:\n"
    "  service_credits:\n"
    "  - service_level: SL1\n"
    "    basis: F1\n"
    "    tiers:\n"
    "    - {below: 99.5, credit_percent: 10}\n"
    "    - {below: 99.0, credit_percent: 25}\n"
    "    - {below: 95.0, credit_percent: 60}\n"
    "    monthly_cap_percent: 50\n"
    "    yearly_cap_percent: 10\n"
    "termination: {for_cause: [\"SL1 missed three months in a row\"]}\n";

/* Each month: a 60-hour outage (3600 minutes). */
static const char *credits_m =
    "apiVersion: pacta/v1\n"
    "kind: Measurements\n"
    "agreement: credits\n"
    "periods:\n"
    "- period: 2027-02\n"
    "  levels:\n"
    "    SL1:\n"
    "      outages:\n"
    "      - {start: 2027-02-10T00:00, end: 2027-02-12T12:00}\n"
    "      - {start: 2027-02-11T00:00, end: 2027-02-11T06:00, note: \"inside the first: not twice\"}\n"
    "      - {start: 2027-02-20T00:00, end: 2027-02-21T00:00, excluded: true}\n"
    "- period: 2027-03\n"
    "  levels:\n"
    "    SL1:\n"
    "      outages: [{start: 2027-03-01T00:00, end: 2027-03-03T12:00}]\n"
    "- period: 2027-04\n"
    "  levels:\n"
    "    SL1:\n"
    "      outages: [{start: 2027-04-30T12:00, end: 2027-05-03T00:00}]\n"
    "- period: 2027-05\n"
    "  levels:\n"
    "    SL1: {value: 99.9}\n";

static void test_credits(void)
{
    struct doc_node *sla;
    struct measure m;
    struct evaluate_result r;
    run(credits_sla, credits_m, NULL, &sla, &m, &r);
    is_int((long long)r.nperiods, 4, "four periods");

    /* February 2027: 28 days = 40 320 minutes; 3 600 down (the overlapping
     * outage is inside the first, the excluded one does not count):
     * 36 720 / 40 320 = 91.0714...%: the 60 % tier, the monthly cap of
     * 50 % bites: 50.00 of the 100.00 fee. */
    const struct evaluate_level *f = level(&r.periods[0], "SL1");
    is_int(f->open_minutes, 40320, "February: 40 320 minutes of service");
    is_int(f->down_minutes, 3600, "February: overlaps merged, exclusions left out");
    is_int(f->measured, 91071428, "February: 91.071428 %% measured (floored)");
    is_int(f->status, EVALUATE_MISSED, "February: missed");
    is_int(f->tier_percent, 60 * S, "February: the 60 %% tier");
    is_int(f->percent, 50 * S, "February: limited to the monthly cap of 50 %%");
    ok(f->monthly_capped, "February: the monthly cap bites");
    is_int(f->cents, 5000, "February: credit 50.00");
    /* Budget: 0.5 % of 40 320 min = 201.6 min = 120 960 tenths. */
    is_int(f->budget_tenths, 120960, "February: 201.6 minutes allowed");
    is_int(f->left_tenths, 120960 - 3600 * 600, "February: over budget");

    /* The yearly cap: 10 % of 12 x 100.00 = 120.00.  February 50.00,
     * March 50.00 (31 days: 41 040 / 44 640 = 91.93 %), April: 30 days,
     * the outage clipped to April 30 12:00..24:00 = 720 min: 98.33 %, the
     * 25 % tier = 25.00, of which only 20.00 fits under the yearly cap. */
    const struct evaluate_level *mar = level(&r.periods[1], "SL1");
    is_int(mar->cents, 5000, "March: 50.00");
    const struct evaluate_level *apr = level(&r.periods[2], "SL1");
    is_int(apr->down_minutes, 720, "April: the outage clipped to the period");
    is_int(apr->tier_percent, 25 * S, "April: the 25 %% tier");
    is_int(apr->yearly_cap_cents, 12000, "April: yearly cap 120.00");
    is_int(apr->yearly_cut, 500, "April: the yearly cap removes 5.00");
    is_int(apr->cents, 2000, "April: credit 20.00");
    const struct evaluate_level *may = level(&r.periods[3], "SL1");
    is_int(may->status, EVALUATE_MET, "May: 99.9 given directly, met");
    is_int(may->cents, 0, "May: no credit");
    is_int(r.owed[EVALUATE_PROVIDER], 12000, "provider owes 120.00 in all");
    is_int(r.owed[EVALUATE_CLIENT], 0, "client owes nothing");
    is_int((long long)r.missed, 3, "three promises missed");

    /* Three months in a row: the for_cause rule is flagged. */
    bool flagged = false, capflag = false;
    for (size_t i = 0; i < r.nflags; i++) {
        flagged |= strstr(r.flags[i], "3 periods in a row (2027-02 to 2027-04)") != NULL;
        capflag |= strstr(r.flags[i], "yearly cap of €120.00 reduces the credit from €25.00 to €20.00") != NULL;
    }
    ok(flagged, "termination for cause flagged after three misses in a row");
    ok(capflag, "the yearly cap reduction flagged");
    char *md = text_of(&r);
    ok(strstr(md, "| SL1 Availability | ≥ 99.5% | 91\\.07% | missed |") != NULL, "scorecard row for February");
    ok(strstr(md, "The tier reached is 60%, limited by the monthly cap to 50%.") != NULL, "the monthly cap explained");
    ok(strstr(md, "**Owed by the provider:** €120.00") != NULL, "total owed by the provider");
    if (!strstr(md, "| SL1 Availability | ≥ 99.5% | 91\\.07% | missed |"))
        diag("%s", md);
    free(md);
    evaluate_free(&r);
    measure_free(&m);

    /* --period 2027-04 shows April only, with the earlier credits counted
     * against the yearly cap. */
    struct measure m2;
    struct evaluate_result r2;
    struct doc_node *sla2;
    run(credits_sla, credits_m, "2027-04", &sla2, &m2, &r2);
    is_int((long long)r2.nperiods, 1, "--period: one period shown");
    is_str(r2.periods[0].key, "2027-04", "--period: April");
    is_int(level(&r2.periods[0], "SL1")->cents, 2000, "--period: the yearly cap still counts February and March");
    is_int(r2.owed[EVALUATE_PROVIDER], 2000, "--period: totals of the period shown");
    evaluate_free(&r2);
    measure_free(&m2);
    doc_free(sla2);
    doc_free(sla);
}

/* ---- Tickets on a business clock over a weekend and a holiday ---------- */

static const char *tickets_sla =
    "apiVersion: pacta/v1\n"
    "kind: ServiceLevelAgreement\n"
    "metadata: {id: tickets, title: \"Tickets\", language: en}\n"
    "support_hours: {days: [mon, tue, wed, thu, fri], from: \"09:00\", to: \"17:30\", holidays: [2027-01-01]}\n"
    "priorities:\n"
    "- {id: P1, name: \"Down\", response: 4h, resolution: 2d, clock: business}\n"
    "service_levels:\n"
    "- {id: SL2, name: \"First answer\", obligated: provider, indicator: response_time, op: lte,\n"
    "   target: 4, unit: hours, clock: business, window: 1M, priority: P1}\n"
    "- {id: SL3, name: \"Fixed\", obligated: provider, indicator: resolution_time, op: lte,\n"
    "   target: 4, unit: days, clock: calendar, window: 1M, priority: P1}\n";

static const char *tickets_m =
    "apiVersion: pacta/v1\n"
    "kind: Measurements\n"
    "periods:\n"
    "- period: 2027-01\n"
    "  tickets:\n"
    /* Opened on New Year's Day, a Friday and a holiday: the clock starts on
     * Monday 4 at 09:00, so 4 h are due at 13:00; answered 14:10: 310
     * business minutes, late.  Resolved Jan 2 calendar: within 2 d. */
    "  - {id: T1, priority: P1, opened: 2027-01-01T10:00, first_response: 2027-01-04T14:10,\n"
    "     resolved: 2027-01-02T10:00}\n"
    /* Friday 16:30: one hour on Friday, the weekend closed, three on
     * Monday: due Monday 11 at 12:00; answered 11:00 = 180 minutes. */
    "  - {id: T2, priority: P1, opened: 2027-01-08T16:30, first_response: 2027-01-11T11:00,\n"
    "     resolved: 2027-01-11T12:00}\n"
    /* Friday 29 at 17:00, not answered by the end of January: due Monday
     * February 1 at 12:30, after the period: it could still miss. */
    "  - {id: T3, priority: P1, opened: 2027-01-29T17:00}\n"
    "  - {id: T4, priority: P2, opened: 2027-01-05T09:00, note: \"another priority\"}\n";

static void test_tickets(void)
{
    struct calc_hours h;
    struct calc_stamp a, b;
    calc_parse_hours("mon-fri,09:00-17:30", &h);
    long ny;
    calc_parse_date("2027-01-01", &ny);
    calc_hours_add_holiday(&h, ny);
    calc_parse_stamp("2027-01-01T10:00", &a);
    calc_parse_stamp("2027-01-04T14:10", &b);
    is_int(evaluate_clock_minutes(&h, a, b), 310, "business minutes over a holiday and a weekend");
    is_int(evaluate_clock_minutes(NULL, a, b), 3 * 1440 + 250, "calendar minutes");
    calc_hours_free(&h);

    struct doc_node *sla;
    struct measure m;
    struct evaluate_result r;
    run(tickets_sla, tickets_m, NULL, &sla, &m, &r);
    const struct evaluate_level *l = level(&r.periods[0], "SL2");
    is_int((long long)l->tickets, 3, "three P1 tickets (the P2 one is not for this level)");
    is_int((long long)l->missed, 1, "one answered late");
    is_int((long long)l->pending, 1, "one still open, not yet due");
    is_int(l->measured, 310 * S / 60, "the longest answer: 310 minutes, in hours");
    is_int(l->within_percent, 50 * S, "one of the two decided on time");
    is_int(l->status, EVALUATE_MISSED, "missed");
    const struct evaluate_level *l3 = level(&r.periods[0], "SL3");
    is_int((long long)l3->missed, 0, "calendar resolution: none late");
    is_int((long long)l3->pending, 1, "calendar resolution: one pending");
    is_int(l3->status, EVALUATE_MET, "calendar resolution met; T3 (due February 2) still open");
    char *md = text_of(&r);
    ok(strstr(md, "| SL2 First answer | ≤ 4 h | 5 h 10 min | missed | 1 of 2 tickets late; 1 open could still miss |") != NULL,
       "scorecard row with the margin of open tickets");
    if (!strstr(md, "5 h 10 min"))
        diag("%s", md);
    free(md);
    evaluate_free(&r);
    measure_free(&m);
    doc_free(sla);
}

/* ---- Two-way: the client's late delivery pauses the provider's clock --- */

static const char *twoway_sla =
    "apiVersion: pacta/v1\n"
    "kind: ServiceLevelAgreement\n"
    "metadata: {id: tw, title: \"Two-way\", language: en}\n"
    "deadlines:\n"
    "- {id: D1, deliverable: \"New till\", due: 2027-01-15, obligated: provider}\n"
    "- {id: D2, deliverable: \"Remote access\", due: 2027-01-08, obligated: client}\n"
    "pricing: {currency: EUR, items: [{id: F1, description: \"Fee\", amount: \"90.00\", per: month}]}\n"
    "obligations:\n"
    "  client: [{id: OC2, text: \"Pay on time\"}]\n"
    "remedies:\n"
    "  penalties:\n"
    "  - {id: PEN1, applies_to: D1, obligated: provider, percent: 5, of: F1, per: 1d, cap_percent: 50,\n"
    "     termination_after: 15d}\n"
    "  - {id: PEN2, applies_to: OC2, obligated: client, description: \"Late interest\", percent_per_year: 8}\n";

static void test_deadlines(void)
{
    /* D2 delivered Jan 12, four days late: D1's clock pauses four days,
     * due Jan 19; delivered Jan 31: 12 days late, 12 x 5 % = 60 %, capped
     * at 50 % of 90.00 = 45.00; under the 15 days of termination_after. */
    const char *mt = "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n"
                     "- period: 2027-01\n"
                     "  deliveries:\n"
                     "  - {deadline: D2, delivered: 2027-01-12}\n"
                     "  - {deadline: D1, delivered: 2027-01-31, paused_by: [D2]}\n"
                     "- period: 2027-08\n"
                     "  obligations:\n"
                     "  - {id: OC2, amount: \"90.00\", due: 2027-07-30, done: 2027-08-19}\n";
    struct doc_node *sla;
    struct measure m;
    struct evaluate_result r;
    run(twoway_sla, mt, NULL, &sla, &m, &r);
    const struct evaluate_period *p = &r.periods[0];
    is_int((long long)p->ndeadlines, 2, "two deliveries in January");
    const struct evaluate_deadline *d2 = &p->deadlines[0], *d1 = &p->deadlines[1];
    is_int(d2->days_late, 4, "the client's D2 is 4 days late");
    is_int(d2->cents, 0, "no penalty on D2");
    is_int(d1->pause_days, 4, "D1 paused 4 days");
    is_int(d1->days_late, 12, "D1 12 days late after the pause");
    is_int(d1->tier_percent, 60 * S, "12 x 5 %%");
    is_int(d1->percent, 50 * S, "capped at 50 %%");
    ok(d1->capped, "the cap bites");
    is_int(d1->cents, 4500, "penalty 45.00");
    ok(!d1->termination, "not beyond termination_after");
    is_int(p->owed[EVALUATE_PROVIDER], 4500, "January: the provider owes 45.00");
    /* OC2: 90.00 paid 20 days late at 8 % a year: 90 x 0.08 x 20 / 365 =
     * 0.394... = 0.39. */
    const struct evaluate_obligation *o = &r.periods[1].obligations[0];
    ok(!o->kept, "a late payment is an obligation not kept");
    is_int(o->days_late, 20, "20 days late");
    is_int(o->cents, 39, "late interest 0.39");
    is_int(r.owed[EVALUATE_CLIENT], 39, "the client owes 0.39");
    is_int((long long)r.missed, 3, "D1, D2 and OC2 missed");
    char *md = text_of(&r);
    ok(strstr(md, "paused 4 days by the other party's late delivery, so due January 19, 2027") != NULL, "the pause explained");
    free(md);
    evaluate_free(&r);
    measure_free(&m);

    /* Without the pause: 16 days late, beyond the 15 days: flagged. */
    const char *mt2 = "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n"
                      "- period: 2027-01\n"
                      "  deliveries: [{deadline: D1, delivered: 2027-01-31}]\n";
    struct doc_node *sla2;
    run(twoway_sla, mt2, NULL, &sla2, &m, &r);
    const struct evaluate_deadline *d = NULL;
    for (size_t i = 0; i < r.periods[0].ndeadlines; i++)
        if (strcmp(r.periods[0].deadlines[i].id, "D1") == 0)
            d = &r.periods[0].deadlines[i];
    ok(d && d->days_late == 16 && d->termination, "without the pause: 16 days late, termination threshold passed");
    ok(r.nflags == 1 && strstr(r.flags[0], "D1 is 16 days late") != NULL, "termination flagged");
    /* D2 never delivered: reported at the end of the last period. */
    bool undelivered = false;
    for (size_t i = 0; i < r.periods[0].ndeadlines; i++)
        if (strcmp(r.periods[0].deadlines[i].id, "D2") == 0)
            undelivered = !r.periods[0].deadlines[i].delivered && r.periods[0].deadlines[i].days_late == 23;
    ok(undelivered, "D2 not delivered: 23 days late on January 31");
    evaluate_free(&r);
    measure_free(&m);
    doc_free(sla2);
    doc_free(sla);

    /* A penalty per week counts started weeks: 12 days = 2 weeks. */
    char *weekly = xstrdup(twoway_sla);
    char *at = strstr(weekly, "per: 1d");
    at[6] = 'w';
    run(weekly, "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n"
                "  deliveries: [{deadline: D2, delivered: 2027-01-12}, {deadline: D1, delivered: 2027-01-31, paused_by: [D2]}]\n",
        NULL, &sla, &m, &r);
    is_int(r.periods[0].deadlines[1].periods_late, 2, "12 days late = 2 started weeks");
    is_int(r.periods[0].deadlines[1].cents, 900, "2 x 5 %% of 90.00 = 9.00");
    evaluate_free(&r);
    measure_free(&m);
    doc_free(sla);
    free(weekly);
}

/* ---- The loader ---------------------------------------------------------- */

static void test_loader(void)
{
    enum measure_period_kind k;
    long a, b;
    ok(measure_parse_period("2027-03", &k, &a, &b) == 0 && k == MEASURE_MONTH && b - a == 31, "2027-03: 31 days");
    ok(measure_parse_period("2027-Q1", &k, &a, &b) == 0 && k == MEASURE_QUARTER && b - a == 90, "2027-Q1: 90 days");
    ok(measure_parse_period("2028", &k, &a, &b) == 0 && k == MEASURE_YEAR && b - a == 366, "2028: 366 days");
    ok(measure_parse_period("2027-13", &k, &a, &b) < 0, "2027-13 refused");
    ok(measure_parse_period("2027-Q5", &k, &a, &b) < 0, "2027-Q5 refused");
    ok(measure_parse_period("27-03", &k, &a, &b) < 0, "27-03 refused");

    struct measure m;
    struct findings w = {0};
    struct err e;
    char buf[2200];
    int rc = measure("apiVersion: pacta/v1\nkind: Measurements\nfoo: 1\nx-mine: 2\nperiods:\n"
                     "- period: 2027-01\n  levels:\n    SL1:\n      outages: []\n      bogus: true\n",
                     &m, &w, &e);
    is_int(rc, 0, "unknown keys load");
    is_int((long long)w.n, 2, "two warnings (x- keys are silent)");
    ok(w.n == 2 && w.v[0].line == 3 && strcmp(w.v[0].path, "foo") == 0, "warning at foo, line 3");
    ok(w.n == 2 && strcmp(w.v[1].path, "periods[0].levels.SL1.bogus") == 0 && w.v[1].line == 10,
       "warning at the nested key with its line");
    findings_free(&w);
    measure_free(&m);

    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-1\n", &m, NULL, &e);
    err_format(&e, buf, sizeof buf);
    ok(rc < 0 && e.line == 4 && strstr(buf, "not a period"), "a bad period refused with its line: %s", buf);
    measure_free(&m);

    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n  levels:\n    SL1:\n"
                 "      outages: [{start: 2027-01-02T10:00, end: 2027-01-02T09:00}]\n",
                 &m, NULL, &e);
    err_format(&e, buf, sizeof buf);
    ok(rc < 0 && e.line == 7 && strstr(buf, "end after it starts"), "an outage ending before it starts: %s", buf);
    measure_free(&m);

    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n- period: 2027-Q1\n", &m, NULL, &e);
    err_format(&e, buf, sizeof buf);
    ok(rc < 0 && e.line == 5 && strstr(buf, "overlaps"), "overlapping periods refused: %s", buf);
    measure_free(&m);

    rc = measure("apiVersion: pacta/v1\nkind: ServiceLevelAgreement\nperiods: []\n", &m, NULL, &e);
    ok(rc < 0 && e.line == 2, "an agreement is not a measurements file");
    measure_free(&m);

    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n  tickets:\n"
                 "  - {opened: \"2027-01-04 10:00\"}\n",
                 &m, NULL, &e);
    ok(rc < 0 && e.line == 6, "a malformed time refused at its line");
    measure_free(&m);

    /* A level the agreement does not have: an error at its place. */
    struct doc_node *sla = load("a.sla.yaml", credits_sla);
    struct evaluate_result r;
    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n  levels:\n    SL9: {value: 1}\n",
                 &m, NULL, &e);
    ok(rc == 0, "loads");
    rc = evaluate_run(sla, &m, NULL, &r, &e);
    err_format(&e, buf, sizeof buf);
    ok(rc < 0 && e.line == 6 && strstr(buf, "SL9"), "an unknown service level named at its line: %s", buf);
    evaluate_free(&r);
    measure_free(&m);

    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nagreement: other\nperiods: []\n", &m, NULL, &e);
    rc = evaluate_run(sla, &m, NULL, &r, &e);
    ok(rc < 0 && e.line == 3, "measurements of another agreement refused");
    evaluate_free(&r);
    measure_free(&m);
    doc_free(sla);
}

/* ---- The examples ---------------------------------------------------------- */

static void test_examples(void)
{
    const char *src = getenv("top_srcdir");
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/examples/panaderia-lopez.sla.yaml", src ? src : ".");
    snprintf(b, sizeof b, "%s/examples/panaderia-lopez.measurements.yaml", src ? src : ".");
    struct doc_node *sla = NULL;
    struct measure m;
    struct findings w = {0};
    struct err e;
    struct evaluate_result r;
    if (sla_yaml_load_file(a, NULL, &sla, NULL, &e) < 0) {
        ok(0, "the example agreement loads (top_srcdir=%s)", src ? src : "unset");
        return;
    }
    ok(measure_load_file(b, &m, &w, &e) == 0 && w.n == 0, "the example measurements load without warnings");
    ok(evaluate_run(sla, &m, NULL, &r, &e) == 0, "the example year evaluates");
    is_int((long long)r.nperiods, 12, "twelve months");
    is_int(r.owed[EVALUATE_PROVIDER], 13050, "the provider owes 130.50 over the year");
    is_int(r.owed[EVALUATE_CLIENT], 39, "the client owes 0.39");
    evaluate_free(&r);
    measure_free(&m);
    findings_free(&w);
    doc_free(sla);
}

int main(void)
{
    test_credits();
    test_tickets();
    test_deadlines();
    test_loader();
    test_examples();
    return done_testing();
}
