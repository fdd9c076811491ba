/* evaluate.c - the scorecard computation and its document. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/evaluate.h"
#include "src/i18n.h"
#include "src/l10n.h"
#include "src/xalloc.h"

#define S CALC_SCALE

struct ctx {
    const struct doc_node *sla;
    const struct measure *m;
    struct evaluate_result *r;
    struct err *e;
    const char *lang;
    struct calc_hours hours;
    bool has_hours;
    bool hours_tried;
    char path[512];
    /* yearly caps: credits already granted, per service level and year */
    struct used {
        const char *sl;
        long year;
        long long cents;
    } *used;
    size_t nused, capused;
};

static const char *T(const struct ctx *c, const char *msgid) __attribute__((format_arg(2)));
static const char *T(const struct ctx *c, const char *msgid)
{
    return i18n_lang(c->lang, msgid);
}

static const char *P(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *P(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->path, sizeof c->path, fmt, ap);
    va_end(ap);
    return doc_get_str(c->sla, c->path);
}

/* An error about a place in the measurements file. */
static int mfail(struct ctx *c, const char *mpath, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int mfail(struct ctx *c, const char *mpath, const char *fmt, ...)
{
    unsigned line = 0, col = 0;
    char msg[800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    doc_pos(c->m->root, mpath, &line, &col);
    err_set(c->e, c->m->name, line, col, "%s [%s]", msg, mpath);
    return -1;
}

/* An error about the agreement. */
static int afail(struct ctx *c, const char *path, const char *msg)
{
    unsigned line = 0, col = 0;
    char p[600];
    snprintf(p, sizeof p, "%s", path); /* path may be c->path */
    doc_pos(c->sla, p, &line, &col);
    err_set(c->e, NULL, line, col, "%s [%s]", msg, p);
    return -1;
}

static void add_flag(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_flag(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = xstrdup("?");
    va_end(ap);
    c->r->flags = xrealloc(c->r->flags, (c->r->nflags + 1) * sizeof *c->r->flags);
    c->r->flags[c->r->nflags++] = s;
}

/* ---- Clock arithmetic ------------------------------------------------ */

static long long stamp_min(struct calc_stamp t)
{
    return (long long)t.day * 1440 + t.minute;
}

static int cmp_stamp(struct calc_stamp a, struct calc_stamp b)
{
    long long x = stamp_min(a), y = stamp_min(b);
    return (x > y) - (x < y);
}

long long evaluate_clock_minutes(const struct calc_hours *h, struct calc_stamp a, struct calc_stamp b)
{
    if (cmp_stamp(b, a) <= 0)
        return 0;
    if (!h)
        return stamp_min(b) - stamp_min(a);
    return calc_open_minutes(h, a, b);
}

static struct calc_stamp stamp_of_day(long day)
{
    struct calc_stamp t = {day, 0};
    return t;
}

/* The clock of a service level: NULL for calendar, the support hours for
 * business.  -1 when a business clock has no usable support hours. */
static int level_clock(struct ctx *c, const char *clock, const char *slpath, const struct calc_hours **h)
{
    *h = NULL;
    if (!clock || strcmp(clock, "business") != 0)
        return 0;
    if (!c->hours_tried) {
        struct err he;
        c->hours_tried = true;
        c->has_hours = calc_hours_from_doc(c->sla, "support_hours", &c->hours, &he) == 0;
    }
    if (!c->has_hours) {
        char p[600];
        doc_pathf(p, sizeof p, "%s.clock", slpath);
        return afail(c, p, T(c, N_("a business clock needs the support hours (support_hours)")));
    }
    *h = &c->hours;
    return 0;
}

/* ---- Lookups in the agreement ------------------------------------------ */

static long find_id(struct ctx *c, const char *list, const char *id)
{
    size_t n = doc_count(c->sla, list);
    for (size_t i = 0; i < n; i++) {
        const char *s = P(c, "%s[%zu].id", list, i);
        if (s && strcmp(s, id) == 0)
            return (long)i;
    }
    return -1;
}

static long find_by(struct ctx *c, const char *list, const char *key, const char *id)
{
    size_t n = doc_count(c->sla, list);
    for (size_t i = 0; i < n; i++) {
        const char *s = P(c, "%s[%zu].%s", list, i, key);
        if (s && strcmp(s, id) == 0)
            return (long)i;
    }
    return -1;
}

static enum evaluate_party party_of(const char *s)
{
    return s && strcmp(s, "client") == 0 ? EVALUATE_CLIENT : EVALUATE_PROVIDER;
}

static long long round_div(long long num, long long den)
{
    return (num + den / 2) / den;
}

/* Months of a price item's `per`, 0 when not a calendar period. */
static int per_months(const char *per)
{
    if (!per)
        return 0;
    if (strcmp(per, "month") == 0)
        return 1;
    if (strcmp(per, "quarter") == 0)
        return 3;
    if (strcmp(per, "year") == 0)
        return 12;
    return 0;
}

static int period_months(const struct measure_period *pd)
{
    return pd->kind == MEASURE_MONTH ? 1 : pd->kind == MEASURE_QUARTER ? 3 : 12;
}

/* The amount of price item id, and its `per`; -1 when missing. */
static int price_item(struct ctx *c, const char *id, const char *refpath, long long *cents, const char **per)
{
    long j = id ? find_id(c, "pricing.items", id) : -1;
    if (j < 0)
        return afail(c, refpath, T(c, N_("the basis is not a price item")));
    const char *a = P(c, "pricing.items[%ld].amount", j);
    if (calc_parse_money(a, cents))
        return afail(c, c->path, T(c, N_("not an amount of money (like 450.00)")));
    *per = P(c, "pricing.items[%ld].per", j);
    return 0;
}

static int percent_at(struct ctx *c, const char *path, long long *v, bool *has)
{
    const char *s = doc_get_str(c->sla, path);
    *has = s != NULL;
    if (!s)
        return 0;
    if (calc_parse_decimal(s, v) || *v > 100 * S)
        return afail(c, path, T(c, N_("not a percentage (a number from 0 to 100)")));
    return 0;
}

/* The agreement year a day falls in (0 = the first), from effective_from;
 * the calendar year without one. */
static long agreement_year(struct ctx *c, long day)
{
    long from;
    int y, m, d, fy, fm, fd;
    calc_ymd_from_day(day, &y, &m, &d);
    if (calc_parse_date(doc_get_str(c->sla, "agreement.effective_from"), &from))
        return y;
    calc_ymd_from_day(from, &fy, &fm, &fd);
    long months = (long)(y - fy) * 12 + (m - fm) - (d < fd ? 1 : 0);
    return months >= 0 ? months / 12 : -1 - (-months - 1) / 12;
}

/* ---- Service levels ---------------------------------------------------- */

static bool compare(long long measured, const char *op, long long target)
{
    if (!op || strcmp(op, "gte") == 0)
        return measured >= target;
    if (strcmp(op, "gt") == 0)
        return measured > target;
    if (strcmp(op, "lte") == 0)
        return measured <= target;
    return measured < target;
}

/* Minutes in one unit of a time level (0 for other units). */
static long long unit_minutes(const char *unit)
{
    if (!unit)
        return 0;
    if (strcmp(unit, "minutes") == 0)
        return 1;
    if (strcmp(unit, "hours") == 0)
        return 60;
    if (strcmp(unit, "days") == 0)
        return 1440;
    return 0;
}

static const struct measure_level *find_mlevel(const struct measure_period *pd, const char *id)
{
    for (size_t i = 0; i < pd->nlevels; i++)
        if (strcmp(pd->levels[i].id, id) == 0)
            return &pd->levels[i];
    return NULL;
}

struct span {
    long long a, b;
};

static int cmp_span(const void *x, const void *y)
{
    const struct span *p = x, *q = y;
    return (p->a > q->a) - (p->a < q->a);
}

static int eval_availability(struct ctx *c, const struct measure_period *pd, const struct measure_level *ml,
                             const struct calc_hours *h, struct evaluate_level *lv)
{
    struct calc_stamp ps = stamp_of_day(pd->start), pe = stamp_of_day(pd->end);
    lv->from_outages = true;
    lv->open_minutes = evaluate_clock_minutes(h, ps, pe);
    /* Merge the counted outages, clipped to the period, so that overlaps
     * are not counted twice. */
    struct span *sp = xcalloc(ml->noutages ? ml->noutages : 1, sizeof *sp);
    size_t n = 0;
    for (size_t i = 0; i < ml->noutages; i++) {
        const struct measure_outage *o = &ml->outages[i];
        if (o->excluded)
            continue;
        long long a = stamp_min(o->start), b = stamp_min(o->end);
        if (a < stamp_min(ps))
            a = stamp_min(ps);
        if (b > stamp_min(pe))
            b = stamp_min(pe);
        if (b > a)
            sp[n++] = (struct span){a, b};
    }
    qsort(sp, n, sizeof *sp, cmp_span);
    long long down = 0;
    for (size_t i = 0; i < n;) {
        long long a = sp[i].a, b = sp[i].b;
        size_t j = i + 1;
        while (j < n && sp[j].a <= b) {
            if (sp[j].b > b)
                b = sp[j].b;
            j++;
        }
        struct calc_stamp sa = {(long)(a / 1440), (int)(a % 1440)}, sb = {(long)(b / 1440), (int)(b % 1440)};
        down += evaluate_clock_minutes(h, sa, sb);
        i = j;
    }
    free(sp);
    lv->down_minutes = down;
    if (lv->open_minutes <= 0) {
        lv->status = EVALUATE_NO_DATA;
        return 0;
    }
    long long up = lv->open_minutes - down;
    lv->has_measured = true;
    lv->measured = up * 100 * S / lv->open_minutes; /* floor: exact against scaled thresholds */
    bool met;
    if (!lv->op || strcmp(lv->op, "gte") == 0)
        met = up * 100 * S >= lv->target * lv->open_minutes;
    else if (strcmp(lv->op, "gt") == 0)
        met = up * 100 * S > lv->target * lv->open_minutes;
    else
        met = compare(lv->measured, lv->op, lv->target);
    lv->status = met ? EVALUATE_MET : EVALUATE_MISSED;

    struct calc_window w = {0};
    w.len.count = 1;
    w.len.unit = pd->kind == MEASURE_MONTH ? CALC_MONTH : pd->kind == MEASURE_QUARTER ? CALC_QUARTER : CALC_YEAR;
    w.month = CALC_MONTH_CALENDAR;
    w.hours = h;
    w.has_start = true;
    w.start_day = pd->start;
    long long mn, mx;
    if (calc_downtime_scaled(lv->target, &w, &mn, &mx) == 0)
        lv->budget_tenths = mn;
    else /* the open time times the share allowed down, rounded half-up */
        lv->budget_tenths = round_div(lv->open_minutes * 600 * (100 * S - lv->target), 100 * S);
    lv->left_tenths = lv->budget_tenths - down * 600;
    (void)c;
    return 0;
}

static bool ticket_matches(const struct measure_ticket *t, const char *prio)
{
    return !prio || (t->priority && strcmp(t->priority, prio) == 0);
}

static int eval_tickets(struct ctx *c, const struct measure_period *pd, const struct measure_level *ml,
                        const struct calc_hours *h, const char *prio, struct evaluate_level *lv)
{
    const struct measure_ticket *tk = ml && ml->has_tickets ? ml->tickets : pd->tickets;
    size_t nt = ml && ml->has_tickets ? ml->ntickets : pd->ntickets;
    if (ml && ml->has_tickets)
        prio = NULL; /* the level's own tickets all count */
    bool response = lv->indicator && strcmp(lv->indicator, "response_time") == 0;
    long long um = unit_minutes(lv->unit);
    long long target_min = lv->target * um / S;
    struct calc_stamp pe = stamp_of_day(pd->end);
    long long worst = -1;
    lv->from_tickets = true;
    for (size_t i = 0; i < nt; i++) {
        const struct measure_ticket *t = &tk[i];
        if (!ticket_matches(t, prio))
            continue;
        lv->tickets++;
        struct calc_stamp due;
        if (h) {
            if (calc_due(h, t->opened, target_min, &due) < 0)
                return afail(c, "support_hours", T(c, N_("the support hours never open")));
        } else {
            long long d = stamp_min(t->opened) + target_min;
            due.day = (long)(d / 1440);
            due.minute = (int)(d % 1440);
        }
        bool has = response ? t->has_response : t->has_resolved;
        struct calc_stamp ev = response ? t->response : t->resolved;
        if (!has) {
            if (cmp_stamp(due, pe) < 0)
                lv->missed++; /* overdue at the end of the period */
            else
                lv->pending++;
            continue;
        }
        long long took = evaluate_clock_minutes(h, t->opened, ev);
        if (took > worst)
            worst = took;
        if (cmp_stamp(ev, due) > 0)
            lv->missed++;
    }
    if (worst >= 0 && um > 0) {
        lv->has_measured = true;
        lv->measured = worst * S / um;
    }
    size_t decided = lv->tickets - lv->pending;
    lv->within_percent = decided ? (long long)(decided - lv->missed) * 100 * S / (long long)decided : 100 * S;
    lv->status = lv->missed ? EVALUATE_MISSED : EVALUATE_MET;
    return 0;
}

static int eval_credit(struct ctx *c, const struct measure_period *pd, struct evaluate_level *lv)
{
    long k = find_by(c, "remedies.service_credits", "service_level", lv->id);
    lv->yearly_cap_cents = -1;
    if (k < 0 || lv->status == EVALUATE_NO_DATA)
        return 0;
    char base[128], p[256];
    doc_pathf(base, sizeof base, "remedies.service_credits[%ld]", k);
    long long measured = lv->from_tickets ? lv->within_percent : lv->measured;
    if (!lv->from_tickets && !lv->has_measured)
        return 0;
    size_t nt = doc_count(c->sla, doc_pathf(p, sizeof p, "%s.tiers", base));
    struct calc_tier *tiers = xcalloc(nt ? nt : 1, sizeof *tiers);
    bool has;
    for (size_t i = 0; i < nt; i++) {
        if (percent_at(c, doc_pathf(p, sizeof p, "%s.tiers[%zu].credit_percent", base, i), &tiers[i].percent, &has) ||
            calc_parse_decimal(doc_get_str(c->sla, doc_pathf(p, sizeof p, "%s.tiers[%zu].below", base, i)),
                               &tiers[i].below)) {
            free(tiers);
            return afail(c, p, T(c, N_("not a number")));
        }
    }
    long long mcap = -1, ycap = -1;
    if (percent_at(c, doc_pathf(p, sizeof p, "%s.monthly_cap_percent", base), &mcap, &has)) {
        free(tiers);
        return -1;
    }
    if (!has)
        mcap = -1;
    if (percent_at(c, doc_pathf(p, sizeof p, "%s.yearly_cap_percent", base), &ycap, &has)) {
        free(tiers);
        return -1;
    }
    if (!has)
        ycap = -1;
    const char *per = NULL;
    long long amount;
    lv->basis = doc_get_str(c->sla, doc_pathf(p, sizeof p, "%s.basis", base));
    if (price_item(c, lv->basis, p, &amount, &per)) {
        free(tiers);
        return -1;
    }
    int im = per_months(per);
    lv->basis_cents = im ? round_div(amount * period_months(pd), im) : amount;
    long long cents, pct;
    calc_credit(measured, tiers, nt, lv->basis_cents, -1, &cents, &lv->tier_percent);
    calc_credit(measured, tiers, nt, lv->basis_cents, mcap, &cents, &pct);
    free(tiers);
    lv->percent = pct;
    lv->monthly_capped = pct < lv->tier_percent;
    if (ycap >= 0) {
        long long year_basis = im ? amount * 12 / im : amount;
        lv->yearly_cap_cents = round_div(year_basis * ycap, 100 * S);
        long year = agreement_year(c, pd->start);
        struct used *u = NULL;
        for (size_t i = 0; i < c->nused; i++)
            if (c->used[i].year == year && strcmp(c->used[i].sl, lv->id) == 0)
                u = &c->used[i];
        if (!u) {
            c->used = xgrow(c->used, &c->capused, c->nused + 1, sizeof *c->used);
            u = &c->used[c->nused++];
            *u = (struct used){lv->id, year, 0};
        }
        long long room = lv->yearly_cap_cents - u->cents;
        if (room < 0)
            room = 0;
        if (cents > room) {
            lv->yearly_cut = cents - room;
            cents = room;
        }
        u->cents += cents;
    }
    lv->cents = cents;
    lv->has_credit = lv->tier_percent > 0;
    return 0;
}

static int eval_levels(struct ctx *c, const struct measure_period *pd, struct evaluate_period *ep)
{
    /* Every level the measurements name must exist. */
    for (size_t i = 0; i < pd->nlevels; i++)
        if (find_id(c, "service_levels", pd->levels[i].id) < 0)
            return mfail(c, pd->levels[i].path, T(c, N_("the agreement has no service level %s")), pd->levels[i].id);
    size_t n = doc_count(c->sla, "service_levels");
    ep->levels = xcalloc(n ? n : 1, sizeof *ep->levels);
    for (size_t i = 0; i < n; i++) {
        struct evaluate_level *lv = &ep->levels[ep->nlevels++];
        char sp[64];
        doc_pathf(sp, sizeof sp, "service_levels[%zu]", i);
        lv->id = P(c, "%s.id", sp);
        lv->name = P(c, "%s.name", sp);
        lv->indicator = P(c, "%s.indicator", sp);
        lv->unit = P(c, "%s.unit", sp);
        lv->op = P(c, "%s.op", sp);
        lv->obligated = party_of(P(c, "%s.obligated", sp));
        lv->yearly_cap_cents = -1;
        if (!lv->id)
            continue;
        const char *tg = P(c, "%s.target", sp);
        if (calc_parse_decimal(tg, &lv->target))
            return afail(c, c->path, T(c, N_("not a number")));
        const struct calc_hours *h;
        if (level_clock(c, P(c, "%s.clock", sp), sp, &h))
            return -1;
        const struct measure_level *ml = find_mlevel(pd, lv->id);
        bool times = lv->indicator && (strcmp(lv->indicator, "response_time") == 0 ||
                                       strcmp(lv->indicator, "resolution_time") == 0);
        if (ml && ml->has_value) {
            lv->has_measured = true;
            lv->measured = ml->value;
            lv->status = compare(lv->measured, lv->op, lv->target) ? EVALUATE_MET : EVALUATE_MISSED;
        } else if (ml && lv->indicator && strcmp(lv->indicator, "availability") == 0) {
            if (eval_availability(c, pd, ml, h, lv))
                return -1;
        } else if (times && unit_minutes(lv->unit) &&
                   ((ml && ml->has_tickets) || (lv->obligated == EVALUATE_PROVIDER && pd->tickets))) {
            if (eval_tickets(c, pd, ml, h, P(c, "%s.priority", sp), lv))
                return -1;
        } else {
            lv->status = EVALUATE_NO_DATA;
        }
        if (eval_credit(c, pd, lv))
            return -1;
        if (lv->status == EVALUATE_MISSED)
            ep->missed++;
        if (lv->cents)
            ep->owed[lv->obligated] += lv->cents;
    }
    return 0;
}

/* ---- Deadlines ---------------------------------------------------------- */

/* The delivery of deadline id in the periods up to and including last. */
static const struct measure_delivery *delivery_of(const struct measure *m, size_t last, const char *id)
{
    for (size_t i = 0; i <= last && i < m->nperiods; i++)
        for (size_t j = 0; j < m->periods[i].ndeliveries; j++)
            if (strcmp(m->periods[i].deliveries[j].deadline, id) == 0)
                return &m->periods[i].deliveries[j];
    return NULL;
}

/* Whole periods of delay, started periods counted: ceil(late / per). */
static long long periods_of_delay(long due, long delivered, const struct calc_duration *per)
{
    long days = delivered - due;
    if (days <= 0)
        return 0;
    switch (per->unit) {
    case CALC_MINUTE: return (long long)days * 1440;
    case CALC_HOUR: return ((long long)days * 24 + per->count - 1) / per->count;
    case CALC_DAY: return (days + per->count - 1) / per->count;
    case CALC_WEEK: return (days + 7 * per->count - 1) / (7 * per->count);
    default: {
        long long months = per->unit == CALC_MONTH ? per->count : per->unit == CALC_QUARTER ? 3 * per->count : 12 * per->count;
        long long k = 1;
        while (calc_add_months(due, k * months) < delivered)
            k++;
        return k;
    }
    }
}

static long duration_days(const struct calc_duration *d)
{
    switch (d->unit) {
    case CALC_MINUTE: return 0;
    case CALC_HOUR: return (long)(d->count / 24);
    case CALC_DAY: return (long)d->count;
    case CALC_WEEK: return (long)d->count * 7;
    case CALC_MONTH: return (long)d->count * 30;
    case CALC_QUARTER: return (long)d->count * 90;
    default: return (long)d->count * 365;
    }
}

static int eval_deadline(struct ctx *c, long di, long delivered, bool is_delivered, size_t pidx,
                         struct evaluate_deadline *dl)
{
    char dp[64];
    doc_pathf(dp, sizeof dp, "deadlines[%ld]", di);
    dl->id = P(c, "%s.id", dp);
    dl->deliverable = P(c, "%s.deliverable", dp);
    dl->obligated = party_of(P(c, "%s.obligated", dp));
    dl->termination_days = -1;
    if (calc_parse_date(P(c, "%s.due", dp), &dl->due))
        return afail(c, c->path, T(c, N_("not a date (like 2027-03-01)")));
    dl->delivered = is_delivered;
    dl->delivered_day = delivered;
    dl->due_paused = dl->due;
    return (void)pidx, 0;
}

static int finish_deadline(struct ctx *c, struct evaluate_deadline *dl)
{
    dl->due_paused = dl->due + dl->pause_days;
    dl->days_late = dl->delivered_day - dl->due_paused;
    if (dl->days_late < 0)
        dl->days_late = 0;
    long k = find_by(c, "remedies.penalties", "applies_to", dl->id);
    if (k < 0 || dl->days_late == 0)
        return 0;
    char pp[64], p[128];
    doc_pathf(pp, sizeof pp, "remedies.penalties[%ld]", k);
    dl->penalty = P(c, "%s.id", pp);
    const char *ob = P(c, "%s.obligated", pp);
    if (ob)
        dl->obligated = party_of(ob);
    const char *ta = P(c, "%s.termination_after", pp);
    struct calc_duration d;
    if (ta && calc_parse_duration(ta, &d) == 0) {
        dl->termination_days = duration_days(&d);
        dl->termination = dl->days_late > dl->termination_days;
    }
    long long pct, cap = -1;
    bool has;
    if (percent_at(c, doc_pathf(p, sizeof p, "%s.percent", pp), &pct, &has))
        return -1;
    if (!has)
        return 0;
    const char *per = P(c, "%s.per", pp);
    if (!per || calc_parse_duration(per, &d)) {
        d.count = 1;
        d.unit = CALC_DAY;
    }
    if (percent_at(c, doc_pathf(p, sizeof p, "%s.cap_percent", pp), &cap, &has))
        return -1;
    if (!has)
        cap = -1;
    const char *perunit;
    if (price_item(c, P(c, "%s.of", pp), doc_pathf(p, sizeof p, "%s.of", pp), &dl->basis_cents, &perunit))
        return -1;
    dl->periods_late = periods_of_delay(dl->due_paused, dl->delivered_day, &d);
    dl->tier_percent = pct * dl->periods_late;
    dl->percent = dl->tier_percent;
    if (cap >= 0 && dl->percent > cap) {
        dl->percent = cap;
        dl->capped = true;
    }
    dl->cents = round_div(dl->basis_cents * dl->percent, 100 * S);
    return 0;
}

static long pause_for(struct ctx *c, size_t pidx, const struct measure_delivery *md, long until)
{
    long pause = 0;
    for (size_t i = 0; i < md->npaused; i++) {
        long k = find_id(c, "deadlines", md->paused_by[i]);
        long due;
        if (k < 0 || calc_parse_date(P(c, "deadlines[%ld].due", k), &due))
            continue;
        const struct measure_delivery *o = delivery_of(c->m, pidx, md->paused_by[i]);
        long end = o && o->delivered < until ? o->delivered : until;
        if (end > due)
            pause += end - due;
    }
    return pause;
}

static int eval_deadlines(struct ctx *c, size_t pidx, bool last, struct evaluate_period *ep)
{
    const struct measure_period *pd = &c->m->periods[pidx];
    size_t nd = doc_count(c->sla, "deadlines");
    ep->deadlines = xcalloc(nd + pd->ndeliveries + 1, sizeof *ep->deadlines);
    for (size_t i = 0; i < pd->ndeliveries; i++) {
        const struct measure_delivery *md = &pd->deliveries[i];
        long di = find_id(c, "deadlines", md->deadline);
        if (di < 0)
            return mfail(c, md->path, T(c, N_("the agreement has no deadline %s")), md->deadline);
        for (size_t j = 0; j < md->npaused; j++)
            if (find_id(c, "deadlines", md->paused_by[j]) < 0)
                return mfail(c, md->path, T(c, N_("the agreement has no deadline %s")), md->paused_by[j]);
        struct evaluate_deadline *dl = &ep->deadlines[ep->ndeadlines++];
        if (eval_deadline(c, di, md->delivered, true, pidx, dl))
            return -1;
        dl->pause_days = pause_for(c, pidx, md, md->delivered);
        if (finish_deadline(c, dl))
            return -1;
    }
    /* At the last period: what is due and still not delivered. */
    if (last) {
        for (size_t i = 0; i < nd; i++) {
            const char *id = P(c, "deadlines[%zu].id", i);
            long due;
            if (!id || delivery_of(c->m, pidx, id) || calc_parse_date(P(c, "deadlines[%zu].due", i), &due) ||
                due >= pd->end - 1)
                continue;
            struct evaluate_deadline *dl = &ep->deadlines[ep->ndeadlines++];
            if (eval_deadline(c, (long)i, pd->end - 1, false, pidx, dl))
                return -1;
            if (finish_deadline(c, dl))
                return -1;
        }
    }
    for (size_t i = 0; i < ep->ndeadlines; i++) {
        struct evaluate_deadline *dl = &ep->deadlines[i];
        if (dl->days_late > 0 || !dl->delivered)
            ep->missed++;
        ep->owed[dl->obligated] += dl->cents;
    }
    return 0;
}

/* ---- Obligations -------------------------------------------------------- */

static int eval_obligations(struct ctx *c, const struct measure_period *pd, struct evaluate_period *ep)
{
    ep->obligations = xcalloc(pd->nobligations + 1, sizeof *ep->obligations);
    for (size_t i = 0; i < pd->nobligations; i++) {
        const struct measure_obligation *mo = &pd->obligations[i];
        struct evaluate_obligation *ob = &ep->obligations[ep->nobligations++];
        long k;
        ob->id = mo->id;
        if ((k = find_id(c, "obligations.provider", mo->id)) >= 0) {
            ob->party = EVALUATE_PROVIDER;
            ob->text = P(c, "obligations.provider[%ld].text", k);
        } else if ((k = find_id(c, "obligations.client", mo->id)) >= 0) {
            ob->party = EVALUATE_CLIENT;
            ob->text = P(c, "obligations.client[%ld].text", k);
        } else {
            return mfail(c, mo->path, T(c, N_("the agreement has no obligation %s")), mo->id);
        }
        ob->kept = mo->kept;
        ob->has_amount = mo->has_amount;
        ob->amount_cents = mo->amount_cents;
        ob->days_late = mo->has_dates && mo->done > mo->due ? mo->done - mo->due : 0;
        if (!ob->kept)
            ep->missed++;
        long p = find_by(c, "remedies.penalties", "applies_to", mo->id);
        if (ob->kept || p < 0)
            continue;
        char pp[64], q[128];
        doc_pathf(pp, sizeof pp, "remedies.penalties[%ld]", p);
        ob->penalty = P(c, "%s.id", pp);
        long long pct;
        bool has;
        if (percent_at(c, doc_pathf(q, sizeof q, "%s.percent_per_year", pp), &pct, &has))
            return -1;
        if (has && mo->has_amount && ob->days_late > 0) {
            /* Simple interest: amount x rate x days / 365. */
            ob->cents = round_div(mo->amount_cents * pct / 100 * ob->days_late, 365 * S);
        } else {
            if (percent_at(c, doc_pathf(q, sizeof q, "%s.percent", pp), &pct, &has))
                return -1;
            const char *of = P(c, "%s.of", pp);
            if (has && of) {
                long long basis;
                const char *per;
                if (price_item(c, of, doc_pathf(q, sizeof q, "%s.of", pp), &basis, &per))
                    return -1;
                ob->cents = round_div(basis * pct, 100 * S);
            }
        }
        ep->owed[ob->party] += ob->cents;
    }
    return 0;
}

/* ---- Across periods ----------------------------------------------------- */

static int number_word(const char *w, size_t n)
{
    static const char *const es[] = {"un", "uno", "una", "dos", "tres", "cuatro", "cinco", "seis",
                                     "siete", "ocho", "nueve", "diez", "once", "doce"};
    static const int esv[] = {1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    static const char *const en[] = {"one", "two", "three", "four", "five", "six",
                                     "seven", "eight", "nine", "ten", "eleven", "twelve"};
    for (size_t i = 0; i < sizeof es / sizeof *es; i++)
        if (strlen(es[i]) == n && strncasecmp(w, es[i], n) == 0)
            return esv[i];
    for (size_t i = 0; i < sizeof en / sizeof *en; i++)
        if (strlen(en[i]) == n && strncasecmp(w, en[i], n) == 0)
            return (int)i + 1;
    return 0;
}

/* The first count in a text: digits or a number word (es, en); 0: none. */
static int count_in(const char *s)
{
    const char *p = s;
    while (*p) {
        if (isalnum((unsigned char)*p)) {
            const char *q = p;
            while (isalnum((unsigned char)*q))
                q++;
            if (isdigit((unsigned char)*p)) {
                int v = atoi(p);
                if (v > 0)
                    return v;
            } else {
                int v = number_word(p, (size_t)(q - p));
                if (v)
                    return v;
            }
            p = q;
        } else {
            p++;
        }
    }
    return 0;
}

/* Does text name id as a whole word? */
static bool names_id(const char *text, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = strstr(text, id); p; p = strstr(p + 1, id)) {
        bool before = p == text || !isalnum((unsigned char)p[-1]);
        bool after = !isalnum((unsigned char)p[n]);
        if (before && after)
            return true;
    }
    return false;
}

static void for_cause(struct ctx *c, struct evaluate_period *all, size_t n)
{
    size_t nf = doc_count(c->sla, "termination.for_cause");
    for (size_t f = 0; f < nf; f++) {
        const char *text = P(c, "termination.for_cause[%zu]", f);
        if (!text)
            continue;
        for (size_t li = 0; n && li < all[0].nlevels; li++) {
            const char *id = all[0].levels[li].id;
            if (!id || !names_id(text, id))
                continue;
            size_t run = 0, best = 0, best_end = 0, total = 0;
            for (size_t i = 0; i < n; i++) {
                bool missed = all[i].levels[li].status == EVALUATE_MISSED;
                bool adjacent = i > 0 && all[i - 1].end == all[i].start;
                if (missed) {
                    total++;
                    run = run && adjacent ? run + 1 : 1;
                    if (run > best) {
                        best = run;
                        best_end = i;
                    }
                } else {
                    run = 0;
                }
            }
            int need = count_in(text);
            if (need > 0 && best >= (size_t)need)
                add_flag(c, T(c, N_("Termination for cause may apply: \"%s\": %s was missed %zu periods in a row (%s to %s).")),
                         text, id, best, all[best_end + 1 - best].key, all[best_end].key);
            else if (need <= 0 && total > 0)
                add_flag(c, T(c, N_("%s was missed in %zu periods: check the termination clause \"%s\".")), id, total,
                         text);
        }
    }
}

/* ---- The run -------------------------------------------------------------- */

int evaluate_run(const struct doc_node *sla, const struct measure *m, const char *period,
                 struct evaluate_result *r, struct err *e)
{
    memset(r, 0, sizeof *r);
    err_clear(e);
    struct ctx c = {0};
    c.sla = sla;
    c.m = m;
    c.r = r;
    c.e = e;
    c.lang = doc_get_str(sla, "metadata.language");
    if (!c.lang)
        c.lang = "en";
    r->lang = c.lang;
    r->currency = doc_get_str(sla, "pricing.currency");
    r->title = doc_get_str(sla, "metadata.title");
    const char *aid = doc_get_str(sla, "metadata.id");
    if (m->agreement && aid && strcmp(m->agreement, aid) != 0)
        return mfail(&c, "agreement", T(&c, N_("these measurements are for agreement %s, not %s")), m->agreement, aid);

    size_t last = m->nperiods;
    if (period) {
        for (size_t i = 0; i < m->nperiods; i++)
            if (strcmp(m->periods[i].key, period) == 0)
                last = i;
        if (last == m->nperiods) {
            err_set(e, m->name, 0, 0, T(&c, N_("no period %s in the measurements")), period);
            return -1;
        }
        last++;
    }
    struct evaluate_period *all = xcalloc(last ? last : 1, sizeof *all);
    int rc = 0;
    size_t done = 0;
    for (size_t i = 0; i < last; i++) {
        const struct measure_period *pd = &m->periods[i];
        struct evaluate_period *ep = &all[done++];
        ep->key = pd->key;
        ep->start = pd->start;
        ep->end = pd->end;
        if (eval_levels(&c, pd, ep) || eval_deadlines(&c, i, i + 1 == last, ep) || eval_obligations(&c, pd, ep)) {
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        for_cause(&c, all, done);
        for (size_t i = 0; i < done; i++) {
            for (size_t j = 0; j < all[i].nlevels; j++) {
                const struct evaluate_level *lv = &all[i].levels[j];
                if (lv->yearly_cut > 0) {
                    char a[L10N_BUFSZ], b[L10N_BUFSZ], cap[L10N_BUFSZ];
                    l10n_money(a, sizeof a, lv->cents + lv->yearly_cut, r->currency, c.lang);
                    l10n_money(b, sizeof b, lv->cents, r->currency, c.lang);
                    l10n_money(cap, sizeof cap, lv->yearly_cap_cents, r->currency, c.lang);
                    add_flag(&c, T(&c, N_("%s, %s: the yearly cap of %s reduces the credit from %s to %s.")),
                             all[i].key, lv->id, cap, a, b);
                }
            }
            for (size_t j = 0; j < all[i].ndeadlines; j++) {
                const struct evaluate_deadline *dl = &all[i].deadlines[j];
                if (dl->termination)
                    add_flag(&c, T(&c, N_("%s is %ld days late, more than the %ld days after which the agreement may be terminated (%s).")),
                             dl->id, dl->days_late, dl->termination_days, dl->penalty ? dl->penalty : "");
            }
        }
    }
    /* Keep the periods shown: all of them, or only the one asked for. */
    size_t first = period && done ? done - 1 : 0;
    for (size_t i = 0; i < first; i++) {
        free(all[i].levels);
        free(all[i].deadlines);
        free(all[i].obligations);
    }
    if (first)
        memmove(all, all + first, (done - first) * sizeof *all);
    r->periods = all;
    r->nperiods = done - first;
    for (size_t i = 0; i < r->nperiods; i++) {
        r->owed[0] += all[i].owed[0];
        r->owed[1] += all[i].owed[1];
        r->missed += all[i].missed;
    }
    free(c.used);
    if (c.has_hours)
        calc_hours_free(&c.hours);
    return rc;
}

void evaluate_free(struct evaluate_result *r)
{
    for (size_t i = 0; i < r->nperiods; i++) {
        free(r->periods[i].levels);
        free(r->periods[i].deadlines);
        free(r->periods[i].obligations);
    }
    free(r->periods);
    for (size_t i = 0; i < r->nflags; i++)
        free(r->flags[i]);
    free(r->flags);
    memset(r, 0, sizeof *r);
}

/* ---- The document --------------------------------------------------------- */

struct rctx {
    const struct evaluate_result *r;
    const char *lang;
    struct render_doc *d;
};

static const char *RT(const struct rctx *c, const char *msgid) __attribute__((format_arg(2)));
static const char *RT(const struct rctx *c, const char *msgid)
{
    return i18n_lang(c->lang, msgid);
}

/* i18n.h declares i18n_nlang without format_arg: say it here so that the
 * formats it returns are checked, and xgettext still sees the plural pairs
 * (keyword i18n_nlang:2,3). */
const char *i18n_nlang(const char *lang, const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(2), format_arg(3)));

static char *money(const struct rctx *c, char *buf, long long cents)
{
    return l10n_money(buf, L10N_BUFSZ, cents, c->r->currency, c->lang);
}

static char *pct(const struct rctx *c, char *buf, long long scaled)
{
    return l10n_percent(buf, L10N_BUFSZ, scaled, c->lang);
}

static char *minutes_words(const struct rctx *c, char *buf, long long minutes)
{
    return l10n_duration_words(buf, L10N_BUFSZ, minutes * 600, c->lang);
}

/* A value of a level in its unit. */
static char *value_text(const struct rctx *c, const struct evaluate_level *lv, char *buf, long long v)
{
    long long um = unit_minutes(lv->unit);
    if (lv->unit && strcmp(lv->unit, "percent") == 0)
        return pct(c, buf, v);
    if (um)
        return l10n_duration_words(buf, L10N_BUFSZ, round_div(v * um * 600, S), c->lang);
    return l10n_decimal(buf, L10N_BUFSZ, v, c->lang);
}

static const char *op_sign(const char *op)
{
    if (!op || strcmp(op, "gte") == 0)
        return "≥";
    if (strcmp(op, "gt") == 0)
        return ">";
    if (strcmp(op, "lte") == 0)
        return "≤";
    return "<";
}

static const char *status_text(const struct rctx *c, enum evaluate_status s)
{
    return s == EVALUATE_MET ? RT(c, N_("met")) : s == EVALUATE_MISSED ? RT(c, N_("missed")) : RT(c, N_("no data"));
}

static const char *party_text(const struct rctx *c, enum evaluate_party p)
{
    return p == EVALUATE_CLIENT ? RT(c, N_("client")) : RT(c, N_("provider"));
}

static void level_row(const struct rctx *c, const struct evaluate_level *lv)
{
    char name[400], target[L10N_BUFSZ + 8], meas[L10N_BUFSZ], margin[400];
    snprintf(name, sizeof name, "%s %s", lv->id, lv->name ? lv->name : "");
    char tv[L10N_BUFSZ];
    snprintf(target, sizeof target, "%s %s", op_sign(lv->op), value_text(c, lv, tv, lv->target));
    if (lv->has_measured) {
        long long v = lv->measured;
        if (lv->unit && strcmp(lv->unit, "percent") == 0)
            v = v / 10000 * 10000; /* two decimals, never rounded up */
        value_text(c, lv, meas, v);
    } else {
        snprintf(meas, sizeof meas, "—");
    }
    char w[L10N_BUFSZ];
    if (lv->status == EVALUATE_NO_DATA) {
        snprintf(margin, sizeof margin, "—");
    } else if (lv->from_outages) {
        if (lv->left_tenths >= 0)
            snprintf(margin, sizeof margin, RT(c, N_("%s left")), l10n_duration_words(w, sizeof w, lv->left_tenths, c->lang));
        else
            snprintf(margin, sizeof margin, RT(c, N_("%s over")), l10n_duration_words(w, sizeof w, -lv->left_tenths, c->lang));
    } else if (lv->from_tickets) {
        size_t decided = lv->tickets - lv->pending;
        margin[0] = '\0';
        if (lv->tickets == 0)
            snprintf(margin, sizeof margin, "%s", RT(c, N_("no tickets")));
        else if (decided == 0)
            ;
        else if (lv->missed)
            snprintf(margin, sizeof margin, i18n_nlang(c->lang, "%zu of %zu ticket late", "%zu of %zu tickets late", decided),
                     lv->missed, decided);
        else
            snprintf(margin, sizeof margin, i18n_nlang(c->lang, "%zu of %zu ticket on time", "%zu of %zu tickets on time", decided),
                     decided, decided);
        if (lv->pending) {
            size_t len = strlen(margin);
            if (len)
                snprintf(margin + len, sizeof margin - len, "; ");
            len = strlen(margin);
            snprintf(margin + len, sizeof margin - len,
                     i18n_nlang(c->lang, "%zu open could still miss", "%zu open could still miss", lv->pending),
                     lv->pending);
        }
    } else {
        snprintf(margin, sizeof margin, "—");
    }
    const char *cells[5] = {name, target, meas, status_text(c, lv->status), margin};
    render_row(c->d, cells);
}

static void level_details(const struct rctx *c, const struct evaluate_level *lv)
{
    char buf[1200], a[L10N_BUFSZ], b[L10N_BUFSZ], x[L10N_BUFSZ], y[L10N_BUFSZ];
    if (lv->from_outages && lv->status != EVALUATE_NO_DATA) {
        snprintf(buf, sizeof buf, RT(c, N_("%s: %s of downtime in %s h of service time; %s allowed.")), lv->id,
                 minutes_words(c, a, lv->down_minutes), l10n_decimal(b, sizeof b, lv->open_minutes * S / 60, c->lang),
                 l10n_duration_words(x, sizeof x, lv->budget_tenths, c->lang));
        render_bullet(c->d, buf);
    }
    if (lv->has_credit) {
        snprintf(buf, sizeof buf, RT(c, N_("%s: credit of %s of %s (%s) = %s, owed by the %s.")), lv->id,
                 pct(c, a, lv->percent), lv->basis ? lv->basis : "", money(c, b, lv->basis_cents),
                 money(c, x, round_div(lv->basis_cents * lv->percent, 100 * S)), party_text(c, lv->obligated));
        if (lv->monthly_capped) {
            size_t n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, " ");
            n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, RT(c, N_("The tier reached is %s, limited by the monthly cap to %s.")),
                     pct(c, y, lv->tier_percent), pct(c, a, lv->percent));
        }
        if (lv->yearly_cut) {
            size_t n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, " ");
            n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, RT(c, N_("The yearly cap of %s leaves %s.")),
                     money(c, a, lv->yearly_cap_cents), money(c, b, lv->cents));
        }
        render_bullet(c->d, buf);
    }
}

static char *date_text(const struct rctx *c, char *buf, long day)
{
    return l10n_date(buf, L10N_BUFSZ, day, c->lang);
}

static void deadline_details(const struct rctx *c, const struct evaluate_deadline *dl)
{
    char buf[1600], a[L10N_BUFSZ], b[L10N_BUFSZ], x[L10N_BUFSZ], y[L10N_BUFSZ];
    size_t n;
    snprintf(buf, sizeof buf, "%s %s (%s): ", dl->id ? dl->id : "", dl->deliverable ? dl->deliverable : "",
             party_text(c, dl->obligated));
    n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, RT(c, N_("due %s")), date_text(c, a, dl->due));
    if (dl->pause_days) {
        n = strlen(buf);
        snprintf(buf + n, sizeof buf - n,
                 i18n_nlang(c->lang, ", paused %ld day by the other party's late delivery, so due %s", ", paused %ld days by the other party's late delivery, so due %s", (unsigned long)dl->pause_days),
                 dl->pause_days, date_text(c, b, dl->due_paused));
    }
    n = strlen(buf);
    if (dl->delivered)
        snprintf(buf + n, sizeof buf - n, RT(c, N_("; delivered %s")), date_text(c, b, dl->delivered_day));
    else
        snprintf(buf + n, sizeof buf - n, RT(c, N_("; not delivered by %s")), date_text(c, b, dl->delivered_day));
    n = strlen(buf);
    if (dl->days_late)
        snprintf(buf + n, sizeof buf - n,
                 i18n_nlang(c->lang, ", %ld day late.", ", %ld days late.", (unsigned long)dl->days_late),
                 dl->days_late);
    else
        snprintf(buf + n, sizeof buf - n, "%s", RT(c, N_(", on time.")));
    if (dl->periods_late) {
        n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, " ");
        n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, RT(c, N_("Penalty %s: %lld periods of delay, %s of %s = %s.")),
                 dl->penalty ? dl->penalty : "", dl->periods_late, pct(c, a, dl->tier_percent), money(c, b, dl->basis_cents),
                 money(c, x, round_div(dl->basis_cents * dl->tier_percent, 100 * S)));
        if (dl->capped) {
            n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, " ");
            n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, RT(c, N_("Limited by the cap to %s: %s.")), pct(c, y, dl->percent),
                     money(c, a, dl->cents));
        }
    }
    if (dl->termination) {
        n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, " ");
        n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, RT(c, N_("Beyond the %ld days after which the agreement may be terminated.")),
                 dl->termination_days);
    }
    render_bullet(c->d, buf);
}

static void obligation_details(const struct rctx *c, const struct evaluate_obligation *ob)
{
    char buf[1200], a[L10N_BUFSZ], b[L10N_BUFSZ];
    size_t n;
    snprintf(buf, sizeof buf, "%s %s (%s): %s", ob->id, ob->text ? ob->text : "", party_text(c, ob->party),
             ob->kept ? RT(c, N_("kept")) : RT(c, N_("not kept")));
    if (ob->days_late) {
        n = strlen(buf);
        snprintf(buf + n, sizeof buf - n,
                 i18n_nlang(c->lang, ", %ld day late", ", %ld days late", (unsigned long)ob->days_late), ob->days_late);
    }
    if (ob->cents) {
        n = strlen(buf);
        if (ob->has_amount)
            snprintf(buf + n, sizeof buf - n, RT(c, N_("; penalty %s on %s: %s")), ob->penalty ? ob->penalty : "",
                     money(c, a, ob->amount_cents), money(c, b, ob->cents));
        else
            snprintf(buf + n, sizeof buf - n, RT(c, N_("; penalty %s: %s")), ob->penalty ? ob->penalty : "",
                     money(c, b, ob->cents));
    }
    n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, ".");
    render_bullet(c->d, buf);
}

static void owed(const struct rctx *c, const long long v[2])
{
    char a[L10N_BUFSZ];
    render_kv(c->d, RT(c, N_("Owed by the provider")), money(c, a, v[EVALUATE_PROVIDER]));
    render_kv(c->d, RT(c, N_("Owed by the client")), money(c, a, v[EVALUATE_CLIENT]));
}

struct render_doc *evaluate_render(const struct evaluate_result *r)
{
    struct rctx c = {r, r->lang ? r->lang : "en", NULL};
    char *title = xasprintf(RT(&c, N_("Scorecard: %s")), r->title ? r->title : "");
    c.d = render_new(c.lang, title);
    free(title);
    if (r->nperiods) {
        char *sub;
        if (r->nperiods == 1)
            sub = xasprintf(RT(&c, N_("Period %s")), r->periods[0].key);
        else
            sub = xasprintf(RT(&c, N_("Periods %s to %s")), r->periods[0].key, r->periods[r->nperiods - 1].key);
        render_subtitle(c.d, sub);
        free(sub);
    }
    for (size_t i = 0; i < r->nperiods; i++) {
        const struct evaluate_period *ep = &r->periods[i];
        char *h = xasprintf(RT(&c, N_("Period %s")), ep->key);
        render_heading(c.d, 1, h);
        free(h);
        const char *hdr[5] = {RT(&c, N_("Service level")), RT(&c, N_("Target")), RT(&c, N_("Measured")),
                              RT(&c, N_("Result")), RT(&c, N_("Margin"))};
        if (ep->nlevels) {
            render_table(c.d, 5, hdr);
            for (size_t j = 0; j < ep->nlevels; j++)
                if (ep->levels[j].id)
                    level_row(&c, &ep->levels[j]);
            for (size_t j = 0; j < ep->nlevels; j++)
                if (ep->levels[j].id)
                    level_details(&c, &ep->levels[j]);
        }
        if (ep->ndeadlines) {
            render_heading(c.d, 2, RT(&c, N_("Deadlines")));
            for (size_t j = 0; j < ep->ndeadlines; j++)
                deadline_details(&c, &ep->deadlines[j]);
        }
        if (ep->nobligations) {
            render_heading(c.d, 2, RT(&c, N_("Obligations")));
            for (size_t j = 0; j < ep->nobligations; j++)
                obligation_details(&c, &ep->obligations[j]);
        }
        owed(&c, ep->owed);
    }
    if (r->nflags) {
        render_heading(c.d, 1, RT(&c, N_("Across periods")));
        for (size_t i = 0; i < r->nflags; i++)
            render_bullet(c.d, r->flags[i]);
    }
    render_heading(c.d, 1, RT(&c, N_("Totals")));
    owed(&c, r->owed);
    char n[64];
    snprintf(n, sizeof n, "%zu", r->missed);
    render_kv(c.d, RT(&c, N_("Promises missed")), n);
    render_para(c.d, r->missed ? RT(&c, N_("At least one promise was missed.")) : RT(&c, N_("Every promise was kept.")));
    return c.d;
}
