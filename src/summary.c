/* summary.c - the printable summary: one document built from the tree. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/i18n.h"
#include "src/l10n.h"
#include "src/summary.h"
#include "src/xalloc.h"

struct ctx {
    const struct doc_node *root;
    const char *lang;
    struct render_doc *d;
    char path[512];
};

static const char *T(const struct ctx *c, const char *msgid) __attribute__((format_arg(2)));
static const char *T(const struct ctx *c, const char *msgid)
{
    return i18n_lang(c->lang, msgid);
}

/* The scalar at a printf-built path, or NULL. */
static const char *S(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *S(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->path, sizeof c->path, fmt, ap);
    va_end(ap);
    return doc_get_str(c->root, c->path);
}

static const struct doc_node *N(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const struct doc_node *N(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->path, sizeof c->path, fmt, ap);
    va_end(ap);
    return doc_get(c->root, c->path);
}

/* The items of lists are read straight from their nodes, the way doc_get
 * would find them, without formatting a path for every field. */

/* Item i of a list (NULL when n is not a list or too short), as the path
 * "list[i]" would find it. */
static const struct doc_node *at(const struct doc_node *n, size_t i)
{
    return n && n->kind == DOC_SEQ && i < n->len ? n->u.items[i] : NULL;
}

/* The text of a scalar node, as doc_get_str gives it: NULL when absent,
 * null or not a scalar. */
static const char *str_of(const struct doc_node *n)
{
    return n && n->kind == DOC_SCALAR && !doc_is_null(n) ? n->u.str : NULL;
}

/* The scalar under key in the map item (doc_get_str(item, key)). */
static const char *F(const struct doc_node *item, const char *key)
{
    return str_of(doc_map_get(item, key));
}

static size_t count(const struct doc_node *n)
{
    return n && (n->kind == DOC_SEQ || n->kind == DOC_MAP) ? n->len : 0;
}

/* A translated word for a stored value, or the value itself. */
struct word {
    const char *value, *msgid;
};

static const struct word words[] = {
    {"basic", N_("basic")},
    {"binding", N_("binding")},
    {"two_way", N_("two-way")},
    {"external", N_("between two companies")},
    {"internal", N_("inside one company")},
    {"draft", N_("draft")},
    {"proposed", N_("proposed")},
    {"signed", N_("signed")},
    {"superseded", N_("superseded")},
    {"terminated", N_("terminated")},
    {"provider", N_("provider")},
    {"client", N_("client")},
    {"must", N_("must have")},
    {"should", N_("should have")},
    {"could", N_("nice to have")},
    {"availability", N_("availability")},
    {"response_time", N_("response time")},
    {"resolution_time", N_("resolution time")},
    {"delivery_time", N_("delivery time")},
    {"quality", N_("quality")},
    {"custom", N_("custom")},
    {"calendar", N_("calendar time")},
    {"business", N_("support hours")},
    {"percent", N_("%")},
    {"minutes", N_("minutes")},
    {"hours", N_("hours")},
    {"days", N_("days")},
    {"count", N_("count")},
    {"month", N_("per month")},
    {"year", N_("per year")},
    {"quarter", N_("per quarter")},
    {"week", N_("per week")},
    {"day", N_("per day")},
    {"hour", N_("per hour")},
    {"once", N_("one-off")},
    {"one_off", N_("one-off")},
    {"monthly", N_("monthly")},
    {"quarterly", N_("quarterly")},
    {"yearly", N_("yearly")},
    {"annually", N_("yearly")},
    {"mon", N_("Monday")},
    {"tue", N_("Tuesday")},
    {"wed", N_("Wednesday")},
    {"thu", N_("Thursday")},
    {"fri", N_("Friday")},
    {"sat", N_("Saturday")},
    {"sun", N_("Sunday")},
};

static const char *word(const struct ctx *c, const char *value)
{
    if (!value)
        return NULL;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i].value, value) == 0)
            return i18n_lang(c->lang, words[i].msgid);
    return value;
}

/* Growing strings. */
struct str {
    char *p;
    size_t len, cap;
};

static void sadd(struct str *s, const char *t)
{
    size_t n = strlen(t);
    s->p = xgrow(s->p, &s->cap, s->len + n + 1, 1);
    memcpy(s->p + s->len, t, n + 1);
    s->len += n;
}

static void sep_add(struct str *s, const char *sep, const char *t)
{
    if (!t || !*t)
        return;
    if (s->len)
        sadd(s, sep);
    sadd(s, t);
}

/* The scalars of a sequence joined by sep (NULL when empty); each through
 * fn when given. */
static char *join(struct ctx *c, const struct doc_node *seq, const char *sep,
                  const char *(*fn)(const struct ctx *, const char *))
{
    struct str s = {0};
    for (size_t i = 0; i < count(seq) && seq->kind == DOC_SEQ; i++) {
        const struct doc_node *it = seq->u.items[i];
        if (it->kind == DOC_SCALAR && !doc_is_null(it))
            sep_add(&s, sep, fn ? fn(c, it->u.str) : it->u.str);
    }
    return s.p;
}

/* ---- figures in the agreement's language ---- */

static char fbuf[8][L10N_BUFSZ];
static int fnext;

static char *fb(void)
{
    fnext = (fnext + 1) % 8;
    return fbuf[fnext];
}

static const char *date_(const struct ctx *c, const char *iso)
{
    long day;
    if (!iso || calc_parse_date(iso, &day) < 0)
        return iso;
    return l10n_date(fb(), L10N_BUFSZ, day, c->lang);
}

static const char *percent_(const struct ctx *c, const char *v)
{
    long long x;
    if (!v || calc_parse_decimal(v, &x) < 0)
        return v;
    return l10n_percent(fb(), L10N_BUFSZ, x, c->lang);
}

static const char *number_(const struct ctx *c, const char *v)
{
    long long x;
    if (!v || calc_parse_decimal(v, &x) < 0)
        return v;
    return l10n_decimal(fb(), L10N_BUFSZ, x, c->lang);
}

static const char *money_(const struct ctx *c, const char *v, const char *currency)
{
    long long cents;
    if (!v || calc_parse_money(v, &cents) < 0)
        return v;
    return l10n_money(fb(), L10N_BUFSZ, cents, currency ? currency : "", c->lang);
}

/* A duration such as 4h in words ("4 h"); a calendar one (1M) as a period. */
static const char *duration_(const struct ctx *c, const char *v)
{
    struct calc_duration du;
    if (!v || calc_parse_duration(v, &du) < 0)
        return v;
    long long lo, hi;
    if (calc_duration_is_fixed(&du) && calc_duration_seconds(&du, CALC_MONTH_CALENDAR, 0, &lo, &hi) == 0)
        return l10n_duration_words(fb(), L10N_BUFSZ, lo * 10, c->lang);
    return l10n_duration_unit(fb(), L10N_BUFSZ, &du, c->lang);
}

/* How long something lasts, in words: "30 days", "1 year", "4 hours". */
static const char *span_(const struct ctx *c, const char *v)
{
    struct calc_duration du;
    if (!v || calc_parse_duration(v, &du) < 0)
        return v;
    static const char *const one[] = {N_("1 minute"), N_("1 hour"),    N_("1 day"), N_("1 week"),
                                      N_("1 month"),  N_("1 quarter"), N_("1 year")};
    static const char *const many[] = {N_("%lld minutes"), N_("%lld hours"),    N_("%lld days"),
                                       N_("%lld weeks"),   N_("%lld months"),   N_("%lld quarters"),
                                       N_("%lld years")};
    char *b = fb();
    if (du.count == 1)
        snprintf(b, L10N_BUFSZ, "%s", i18n_lang(c->lang, one[du.unit]));
    else {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        /* many[] holds only "%lld ..." msgids */
        snprintf(b, L10N_BUFSZ, i18n_lang(c->lang, many[du.unit]), du.count);
#pragma GCC diagnostic pop
    }
    return b;
}

/* A window or cadence: "per month", "every 2 weeks". */
static const char *period_(const struct ctx *c, const char *v)
{
    struct calc_duration du;
    if (!v || calc_parse_duration(v, &du) < 0)
        return v;
    return l10n_duration_unit(fb(), L10N_BUFSZ, &du, c->lang);
}

static const char *yesno(const struct ctx *c, const char *v)
{
    if (!v)
        return NULL;
    if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
        return T(c, N_("yes"));
    if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
        return T(c, N_("no"));
    return v;
}

static const char *op_sign(const char *op)
{
    if (!op)
        return "";
    if (strcmp(op, "gte") == 0)
        return "\xe2\x89\xa5 "; /* ≥ */
    if (strcmp(op, "gt") == 0)
        return "> ";
    if (strcmp(op, "lte") == 0)
        return "\xe2\x89\xa4 "; /* ≤ */
    if (strcmp(op, "lt") == 0)
        return "< ";
    return "";
}

static void kv(struct ctx *c, const char *key, const char *value)
{
    if (value && *value)
        render_kv(c->d, key, value);
}

static void kv_free(struct ctx *c, const char *key, char *value)
{
    kv(c, key, value);
    free(value);
}

static char *cells_free[8];

static void row(struct ctx *c, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    const char *cells[8];
    for (size_t i = 0; i < n && i < 8; i++) {
        const char *v = va_arg(ap, const char *);
        cells_free[i] = xstrdup(v ? v : "");
        cells[i] = cells_free[i];
    }
    va_end(ap);
    render_row(c->d, cells);
    for (size_t i = 0; i < n && i < 8; i++)
        free(cells_free[i]);
}

static void table(struct ctx *c, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    const char *cells[8];
    for (size_t i = 0; i < n && i < 8; i++) {
        cells_free[i] = xstrdup(va_arg(ap, const char *));
        cells[i] = cells_free[i];
    }
    va_end(ap);
    render_table(c->d, n, cells);
    for (size_t i = 0; i < n && i < 8; i++)
        free(cells_free[i]);
}

/* ---- sections ---- */

static void party(struct ctx *c, const char *role, const char *label)
{
    const char *name = S(c, "parties.%s.name", role);
    const char *tax = S(c, "parties.%s.tax_id", role);
    char *v = tax && name ? xasprintf("%s (%s)", name, tax) : xstrdup(name ? name : "");
    render_kv(c->d, label, v);
    free(v);
    struct str r = {0};
    sep_add(&r, ", ", S(c, "parties.%s.representative.name", role));
    sep_add(&r, ", ", S(c, "parties.%s.representative.title", role));
    kv_free(c, T(c, N_("Represented by")), r.p);
    struct str k = {0};
    sep_add(&k, ", ", S(c, "parties.%s.contact.name", role));
    sep_add(&k, ", ", S(c, "parties.%s.contact.email", role));
    sep_add(&k, ", ", S(c, "parties.%s.contact.phone", role));
    kv_free(c, T(c, N_("Contact")), k.p);
}

static void sec_parties(struct ctx *c)
{
    render_heading(c->d, 1, T(c, N_("Parties and term")));
    party(c, "provider", T(c, N_("Provider")));
    party(c, "client", T(c, N_("Client")));
    struct str t = {0};
    sep_add(&t, ", ", word(c, S(c, "agreement.type")));
    sep_add(&t, ", ", word(c, S(c, "agreement.scope")));
    kv_free(c, T(c, N_("Kind of agreement")), t.p);
    const char *from = S(c, "agreement.effective_from"), *to = S(c, "agreement.effective_to");
    if (from || to) {
        char *term = xasprintf(T(c, N_("from %s to %s")), from ? date_(c, from) : "\xe2\x80\x94",
                               to ? date_(c, to) : "\xe2\x80\x94");
        kv_free(c, T(c, N_("Term")), term);
    }
    const char *autor = S(c, "agreement.renewal.auto");
    if (autor) {
        char *r;
        if (strcmp(autor, "true") == 0) {
            const char *term = S(c, "agreement.renewal.term"), *notice = S(c, "agreement.renewal.notice");
            struct str s = {0};
            sadd(&s, T(c, N_("renews automatically")));
            if (term) {
                char *x = xasprintf(T(c, N_("for %s")), span_(c, term));
                sep_add(&s, " ", x);
                free(x);
            }
            if (notice) {
                char *x = xasprintf(T(c, N_("unless notice is given %s before")), span_(c, notice));
                sep_add(&s, ", ", x);
                free(x);
            }
            r = s.p;
        } else {
            r = xstrdup(T(c, N_("does not renew automatically")));
        }
        kv_free(c, T(c, N_("Renewal")), r);
    }
    kv(c, T(c, N_("Time zone")), S(c, "agreement.timezone"));
    kv(c, T(c, N_("Governing law")), S(c, "agreement.governing_law"));
}

static void sec_needs(struct ctx *c)
{
    const struct doc_node *needs = N(c, "needs"), *objs = N(c, "objectives");
    if (!count(needs) && !count(objs))
        return;
    render_heading(c->d, 1, T(c, N_("What the client needs")));
    if (count(needs)) {
        table(c, 4, T(c, N_("Id")), T(c, N_("Need")), T(c, N_("Priority")), T(c, N_("Impact")));
        for (size_t i = 0; i < count(needs); i++) {
            const struct doc_node *nd = at(needs, i);
            char *pr = xstrdup(word(c, F(nd, "priority")) ?: "");
            row(c, 4, F(nd, "id"), F(nd, "description"), pr,
                F(nd, "impact"));
            free(pr);
        }
    }
    if (count(objs)) {
        render_heading(c->d, 2, T(c, N_("Objectives")));
        for (size_t i = 0; i < count(objs); i++) {
            const struct doc_node *ob = at(objs, i);
            struct str s = {0};
            sep_add(&s, " ", F(ob, "id"));
            sep_add(&s, " \xc2\xb7 ", F(ob, "description"));
            char *n = join(c, doc_map_get(ob, "needs"), ", ", NULL);
            if (n) {
                char *x = xasprintf(T(c, N_("(answers %s)")), n);
                sep_add(&s, " ", x);
                free(x);
                free(n);
            }
            const char *sc = F(ob, "success_criteria");
            if (sc) {
                char *x = xasprintf(T(c, N_("Success: %s")), sc);
                sep_add(&s, ". ", x);
                free(x);
            }
            render_bullet(c->d, s.p ? s.p : "");
            free(s.p);
        }
    }
}

static void sec_services(struct ctx *c)
{
    const struct doc_node *sv = N(c, "services");
    if (!count(sv))
        return;
    render_heading(c->d, 1, T(c, N_("Services")));
    for (size_t i = 0; i < count(sv); i++) {
        const struct doc_node *it = at(sv, i);
        struct str h = {0};
        sep_add(&h, " ", F(it, "id"));
        sep_add(&h, " \xc2\xb7 ", F(it, "name"));
        render_heading(c->d, 2, h.p ? h.p : "");
        free(h.p);
        render_para(c->d, F(it, "description"));
        kv_free(c, T(c, N_("Deliverables")), join(c, doc_map_get(it, "deliverables"), "; ", NULL));
        kv_free(c, T(c, N_("Out of scope")), join(c, doc_map_get(it, "out_of_scope"), "; ", NULL));
        kv_free(c, T(c, N_("Objectives served")), join(c, doc_map_get(it, "objectives"), ", ", NULL));
        const struct doc_node *route = doc_map_get(it, "route");
        if (count(route)) {
            render_para(c->d, T(c, N_("Route of a request:")));
            for (size_t k = 0; k < count(route); k++) {
                const struct doc_node *step = route->u.items[k];
                char *x = xasprintf("%zu. %s", k + 1, step->kind == DOC_SCALAR ? step->u.str : "");
                render_bullet(c->d, x);
                free(x);
            }
        }
    }
}

/* The downtime an availability level allows, in words. */
static char *downtime(struct ctx *c, const struct doc_node *it)
{
    const char *ind = F(it, "indicator");
    const char *unit = F(it, "unit");
    const char *target = F(it, "target");
    const char *win = F(it, "window");
    if (!ind || strcmp(ind, "availability") != 0 || !target || !win || (unit && strcmp(unit, "percent") != 0))
        return NULL;
    struct calc_window w = {0};
    if (calc_parse_duration(win, &w.len) < 0)
        return NULL;
    const char *mm = F(it, "month");
    if (mm && calc_parse_month_mode(mm, &w.month) < 0)
        w.month = CALC_MONTH_CALENDAR;
    const char *clock = F(it, "clock");
    struct calc_hours hours = {0};
    struct err e;
    bool business = clock && strcmp(clock, "business") == 0;
    if (business) {
        if (calc_hours_from_doc(c->root, "support_hours", &hours, &e) < 0)
            return NULL;
        w.hours = &hours;
    }
    long long lo, hi;
    int rc = calc_downtime(target, &w, &lo, &hi);
    calc_hours_free(&hours);
    if (rc < 0)
        return NULL;
    char a[L10N_BUFSZ], b[L10N_BUFSZ], p[L10N_BUFSZ];
    l10n_duration_words(a, sizeof a, lo, c->lang);
    l10n_duration_words(b, sizeof b, hi, c->lang);
    l10n_duration_unit(p, sizeof p, &w.len, c->lang);
    const char *within = business ? T(c, N_(" within support hours")) : "";
    if (lo == hi)
        return xasprintf(T(c, N_("up to %s of downtime %s%s")), a, p, within);
    return xasprintf(T(c, N_("between %s and %s of downtime %s%s, depending on the length of the period")), a, b,
                     p, within);
}

static void sec_levels(struct ctx *c)
{
    const struct doc_node *sl = N(c, "service_levels");
    if (!count(sl))
        return;
    render_heading(c->d, 1, T(c, N_("Service levels")));
    for (size_t i = 0; i < count(sl); i++) {
        const struct doc_node *it = at(sl, i);
        struct str h = {0};
        sep_add(&h, " ", F(it, "id"));
        sep_add(&h, " \xc2\xb7 ", F(it, "name"));
        render_heading(c->d, 2, h.p ? h.p : "");
        free(h.p);
        kv(c, T(c, N_("Service")), F(it, "service"));
        kv(c, T(c, N_("Who promises it")), word(c, F(it, "obligated")));
        kv(c, T(c, N_("What is measured")), word(c, F(it, "indicator")));
        kv(c, T(c, N_("Definition")), F(it, "definition"));
        kv(c, T(c, N_("How it is measured")), F(it, "measurement"));
        const char *target = F(it, "target");
        if (target) {
            const char *unit = F(it, "unit");
            const char *op = op_sign(F(it, "op"));
            const char *win = F(it, "window");
            char *t;
            if (!unit || strcmp(unit, "percent") == 0)
                t = xasprintf("%s%s", op, percent_(c, target));
            else
                t = xasprintf("%s%s %s", op, number_(c, target), word(c, unit));
            if (win) {
                char *x = xasprintf("%s %s", t, period_(c, win));
                free(t);
                t = x;
            }
            kv_free(c, T(c, N_("Target")), t);
        }
        kv(c, T(c, N_("Clock")), word(c, F(it, "clock")));
        kv(c, T(c, N_("Priority")), F(it, "priority"));
        kv_free(c, T(c, N_("Downtime allowed")), downtime(c, it));
        kv_free(c, T(c, N_("Not counted")), join(c, doc_map_get(it, "exclusions"), "; ", NULL));
    }
}

static void sec_support(struct ctx *c)
{
    const struct doc_node *sh = N(c, "support_hours"), *pr = N(c, "priorities");
    if (!count(sh) && !count(pr))
        return;
    render_heading(c->d, 1, T(c, N_("Support hours and priorities")));
    kv_free(c, T(c, N_("Days")), join(c, N(c, "support_hours.days"), ", ", word));
    const char *from = S(c, "support_hours.from"), *to = S(c, "support_hours.to");
    if (from && to) {
        char *x = xasprintf("%s\xe2\x80\x93%s", from, to); /* 09:00–18:00 */
        kv_free(c, T(c, N_("Hours")), x);
    }
    kv_free(c, T(c, N_("Closed on")), join(c, N(c, "support_hours.holidays"), "; ", date_));
    if (count(pr)) {
        table(c, 5, T(c, N_("Priority")), T(c, N_("When")), T(c, N_("Response")), T(c, N_("Resolution")),
              T(c, N_("Clock")));
        for (size_t i = 0; i < count(pr); i++) {
            const struct doc_node *it = at(pr, i);
            struct str name = {0};
            sep_add(&name, " ", F(it, "id"));
            sep_add(&name, " \xc2\xb7 ", F(it, "name"));
            char *resp = xstrdup(duration_(c, F(it, "response")) ?: "");
            char *res = xstrdup(duration_(c, F(it, "resolution")) ?: "");
            row(c, 5, name.p, F(it, "definition"), resp, res,
                word(c, F(it, "clock")));
            free(name.p);
            free(resp);
            free(res);
        }
    }
}

static void sec_deadlines(struct ctx *c)
{
    const struct doc_node *dl = N(c, "deadlines");
    if (!count(dl))
        return;
    render_heading(c->d, 1, T(c, N_("Deadlines")));
    table(c, 4, T(c, N_("Deliverable")), T(c, N_("Due")), T(c, N_("Who delivers")), T(c, N_("Accepted when")));
    for (size_t i = 0; i < count(dl); i++) {
        const struct doc_node *it = at(dl, i);
        struct str name = {0};
        sep_add(&name, " ", F(it, "id"));
        sep_add(&name, " \xc2\xb7 ", F(it, "deliverable"));
        char *due = xstrdup(date_(c, F(it, "due")) ?: "");
        row(c, 4, name.p, due, word(c, F(it, "obligated")),
            F(it, "acceptance"));
        free(name.p);
        free(due);
    }
}

static void sec_cost(struct ctx *c)
{
    const struct doc_node *items = N(c, "pricing.items");
    if (!count(N(c, "pricing")))
        return;
    render_heading(c->d, 1, T(c, N_("Cost")));
    const char *cur = S(c, "pricing.currency");
    if (count(items)) {
        table(c, 3, T(c, N_("Item")), T(c, N_("Amount")), T(c, N_("Per")));
        /* totals per period, in order of first appearance */
        const char *pers[32];
        long long sums[32];
        size_t np = 0;
        bool bad = false;
        for (size_t i = 0; i < count(items); i++) {
            const struct doc_node *it = at(items, i);
            struct str name = {0};
            sep_add(&name, " ", F(it, "id"));
            sep_add(&name, " \xc2\xb7 ", F(it, "description"));
            const char *amount = F(it, "amount");
            char *am = xstrdup(money_(c, amount, cur) ?: "");
            const char *per = F(it, "per");
            row(c, 3, name.p, am, word(c, per));
            free(name.p);
            free(am);
            long long cents;
            if (!amount || calc_parse_money(amount, &cents) < 0) {
                bad = true;
                continue;
            }
            const char *key = per ? per : "";
            size_t k = 0;
            while (k < np && strcmp(pers[k], key) != 0)
                k++;
            if (k == np && np < 32) {
                pers[np] = key;
                sums[np++] = 0;
            }
            if (k < np)
                sums[k] += cents;
        }
        render_heading(c->d, 2, T(c, N_("Totals per period")));
        for (size_t k = 0; k < np; k++) {
            char m[L10N_BUFSZ];
            l10n_money(m, sizeof m, sums[k], cur ? cur : "", c->lang);
            render_kv(c->d, *pers[k] ? word(c, pers[k]) : T(c, N_("unspecified")), m);
        }
        if (bad)
            render_para(c->d, T(c, N_("Some amounts could not be read and are not in the totals.")));
    }
    kv(c, T(c, N_("Billing")), word(c, S(c, "pricing.billing")));
    const char *pt = S(c, "pricing.payment_terms_days");
    if (pt) {
        char *x = xasprintf(T(c, N_("%s days")), pt);
        kv_free(c, T(c, N_("Payment within")), x);
    }
    kv(c, T(c, N_("Taxes included")), yesno(c, S(c, "pricing.taxes_included")));
}

static void obligations(struct ctx *c, const char *role, const char *title)
{
    const struct doc_node *ob = N(c, "obligations.%s", role);
    if (!count(ob))
        return;
    render_heading(c->d, 2, title);
    for (size_t i = 0; i < count(ob); i++) {
        const struct doc_node *it = at(ob, i);
        struct str s = {0};
        sep_add(&s, " ", F(it, "id"));
        const char *t = F(it, "text");
        if (!t)
            t = str_of(it);
        sep_add(&s, " \xc2\xb7 ", t);
        render_bullet(c->d, s.p ? s.p : "");
        free(s.p);
    }
}

static void sec_obligations(struct ctx *c)
{
    if (!count(N(c, "obligations")))
        return;
    render_heading(c->d, 1, T(c, N_("Obligations of each party")));
    obligations(c, "provider", T(c, N_("The provider")));
    obligations(c, "client", T(c, N_("The client")));
}

static void sec_remedies(struct ctx *c)
{
    const struct doc_node *cr = N(c, "remedies.service_credits"), *pen = N(c, "remedies.penalties");
    if (!count(cr) && !count(pen))
        return;
    render_heading(c->d, 1, T(c, N_("Service credits and penalties")));
    if (count(cr)) {
        render_heading(c->d, 2, T(c, N_("Service credits")));
        table(c, 4, T(c, N_("Service level")), T(c, N_("Measured below")), T(c, N_("Credit")),
              T(c, N_("Of")));
        for (size_t i = 0; i < count(cr); i++) {
            const struct doc_node *it = at(cr, i);
            const char *sl = F(it, "service_level");
            char *slc = xstrdup(sl ? sl : "");
            const char *basis = F(it, "basis");
            char *bc = xstrdup(basis ? basis : "");
            const struct doc_node *tiers = doc_map_get(it, "tiers");
            for (size_t k = 0; k < count(tiers); k++) {
                char *below = xstrdup(percent_(c, F(at(tiers, k), "below")) ?: "");
                char *cp =
                    xstrdup(percent_(c, F(at(tiers, k), "credit_percent")) ?: "");
                row(c, 4, k == 0 ? slc : "", below, cp, bc);
                free(below);
                free(cp);
            }
            const char *cap = F(it, "monthly_cap_percent");
            const char *claim = F(it, "claim_within");
            struct str s = {0};
            if (cap) {
                char *x = xasprintf(T(c, N_("%s: credits at most %s a month")), slc, percent_(c, cap));
                sep_add(&s, "; ", x);
                free(x);
            }
            if (claim) {
                char *x = xasprintf(T(c, N_("to be claimed within %s")), span_(c, claim));
                sep_add(&s, s.len ? "; " : "", x);
                free(x);
            }
            if (s.p)
                render_bullet(c->d, s.p);
            free(s.p);
            free(slc);
            free(bc);
        }
    }
    if (count(pen)) {
        render_heading(c->d, 2, T(c, N_("Penalties")));
        table(c, 4, T(c, N_("Penalty")), T(c, N_("For")), T(c, N_("Who pays")), T(c, N_("Amount")));
        for (size_t i = 0; i < count(pen); i++) {
            const struct doc_node *it = at(pen, i);
            struct str name = {0};
            sep_add(&name, " ", F(it, "id"));
            sep_add(&name, " \xc2\xb7 ", F(it, "description"));
            struct str am = {0};
            const char *pc = F(it, "percent");
            const char *of = F(it, "of");
            const char *per = F(it, "per");
            const char *py = F(it, "percent_per_year");
            const char *cap = F(it, "cap_percent");
            const char *term = F(it, "termination_after");
            if (pc) {
                char *pcs = xstrdup(percent_(c, pc));
                char *x = of ? xasprintf(T(c, N_("%s of %s")), pcs, of) : xstrdup(pcs);
                free(pcs);
                if (per) {
                    char *y = xasprintf(T(c, N_("%s for each %s of delay")), x, span_(c, per));
                    free(x);
                    x = y;
                }
                sep_add(&am, "; ", x);
                free(x);
            }
            if (py) {
                char *x = xasprintf(T(c, N_("%s a year")), percent_(c, py));
                sep_add(&am, "; ", x);
                free(x);
            }
            if (cap) {
                char *x = xasprintf(T(c, N_("at most %s")), percent_(c, cap));
                sep_add(&am, "; ", x);
                free(x);
            }
            if (term) {
                char *x = xasprintf(T(c, N_("the agreement may be ended after %s")), span_(c, term));
                sep_add(&am, "; ", x);
                free(x);
            }
            char *who = xstrdup(word(c, F(it, "obligated")) ?: "");
            row(c, 4, name.p, F(it, "applies_to"), who, am.p);
            free(who);
            free(name.p);
            free(am.p);
        }
    }
}

static void sec_evaluation(struct ctx *c)
{
    const struct doc_node *esc = N(c, "escalation");
    if (!count(N(c, "evaluation")) && !count(esc) && !count(N(c, "termination")))
        return;
    render_heading(c->d, 1, T(c, N_("Evaluation and review")));
    kv(c, T(c, N_("Reports")), period_(c, S(c, "evaluation.reporting")));
    kv(c, T(c, N_("Reported to")), word(c, S(c, "evaluation.report_to")));
    kv(c, T(c, N_("Reviews")), period_(c, S(c, "evaluation.review_cadence")));
    kv(c, T(c, N_("Next review")), date_(c, S(c, "evaluation.next_review")));
    kv(c, T(c, N_("How the service is evaluated")), S(c, "evaluation.method"));
    if (count(esc)) {
        render_heading(c->d, 2, T(c, N_("Escalation")));
        table(c, 3, T(c, N_("Level")), T(c, N_("After")), T(c, N_("Contact")));
        for (size_t i = 0; i < count(esc); i++) {
            const struct doc_node *it = at(esc, i);
            row(c, 3, F(it, "level"), F(it, "after"), F(it, "contact"));
        }
    }
    const char *notice = S(c, "termination.notice");
    const struct doc_node *fc = N(c, "termination.for_cause");
    if (notice || count(fc)) {
        render_heading(c->d, 2, T(c, N_("Ending the agreement")));
        kv(c, T(c, N_("Notice")), span_(c, notice));
        for (size_t i = 0; i < count(fc); i++)
            if (fc->u.items[i]->kind == DOC_SCALAR)
                render_bullet(c->d, fc->u.items[i]->u.str);
    }
}

static void sec_signatures(struct ctx *c)
{
    const char *type = S(c, "agreement.type");
    if (!type || (strcmp(type, "binding") != 0 && strcmp(type, "two_way") != 0))
        return;
    render_heading(c->d, 1, T(c, N_("Signatures")));
    const struct doc_node *sg = N(c, "signatures");
    if (!count(sg)) {
        char *pv = xstrdup(T(c, N_("For the provider")));
        render_signature(c->d, pv, S(c, "parties.provider.representative.name"),
                         S(c, "parties.provider.representative.title"), NULL);
        free(pv);
        char *cl = xstrdup(T(c, N_("For the client")));
        render_signature(c->d, cl, S(c, "parties.client.representative.name"),
                         S(c, "parties.client.representative.title"), NULL);
        free(cl);
        return;
    }
    for (size_t i = 0; i < count(sg); i++) {
        const struct doc_node *it = at(sg, i);
        const char *p = F(it, "party");
        char *who = xstrdup(p && strcmp(p, "client") == 0     ? T(c, N_("For the client"))
                            : p && strcmp(p, "provider") == 0 ? T(c, N_("For the provider"))
                                                               : (p ? p : ""));
        char *name = xstrdup(F(it, "name") ?: "");
        char *title = xstrdup(F(it, "title") ?: "");
        const char *dt = date_(c, F(it, "date"));
        char *date = dt ? xstrdup(dt) : NULL;
        render_signature(c->d, who, name, title, date);
        free(who);
        free(name);
        free(title);
        free(date);
    }
}

static void sec_points(struct ctx *c, const struct findings *open)
{
    const char *status = S(c, "metadata.status");
    if (status && strcmp(status, "draft") != 0)
        return;
    if (!open || !open->n)
        return;
    render_heading(c->d, 1, T(c, N_("Points to settle")));
    render_para(c->d, T(c, N_("This is a draft. These points are still open:")));
    for (size_t i = 0; i < open->n; i++) {
        const struct finding *f = &open->v[i];
        char *x = f->path && *f->path ? xasprintf("%s (%s)", f->msg, f->path) : xstrdup(f->msg);
        render_bullet(c->d, x);
        free(x);
    }
}

const char *summary_lang(const struct doc_node *root)
{
    const char *l = doc_get_str(root, "metadata.language");
    return l && *l ? l : "en";
}

struct render_doc *summary_build(const struct doc_node *root, const struct findings *open)
{
    struct ctx c = {.root = root, .lang = summary_lang(root)};
    const char *title = doc_get_str(root, "metadata.title");
    char *t = xstrdup(title ? title : i18n_lang(c.lang, N_("Service Level Agreement")));
    c.d = render_new(c.lang, t);
    free(t);
    struct str sub = {0};
    sadd(&sub, "");
    const char *status = S(&c, "metadata.status");
    if (status) {
        char *x = xasprintf(T(&c, N_("Status: %s")), word(&c, status));
        sep_add(&sub, " \xc2\xb7 ", x);
        free(x);
    }
    const char *ver = S(&c, "metadata.version");
    if (ver) {
        char *x = xasprintf(T(&c, N_("version %s")), ver);
        sep_add(&sub, " \xc2\xb7 ", x);
        free(x);
    }
    const char *upd = S(&c, "metadata.updated");
    if (upd) {
        char *x = xasprintf(T(&c, N_("updated %s")), date_(&c, upd));
        sep_add(&sub, " \xc2\xb7 ", x);
        free(x);
    }
    if (sub.len)
        render_subtitle(c.d, sub.p);
    free(sub.p);
    sec_parties(&c);
    sec_needs(&c);
    sec_services(&c);
    sec_levels(&c);
    sec_support(&c);
    sec_deadlines(&c);
    sec_cost(&c);
    sec_obligations(&c);
    sec_remedies(&c);
    sec_evaluation(&c);
    sec_signatures(&c);
    sec_points(&c, open);
    return c.d;
}
