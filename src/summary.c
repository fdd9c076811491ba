/* summary.c - the printable summary: one document built from the tree. */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/i18n.h"
#include "src/l10n.h"
#include "src/summary.h"
#include "src/xalloc.h"

/* A growing string; a builder is reused (len back to 0) rather than freed. */
struct str {
    char *p;
    size_t len, cap;
};

/* Translations looked up once per msgid (by address) and kept in the
 * builder's context: a summary asks for the same labels for every item. */
#define TCACHE 128

struct tslot {
    const char *msgid, *tr;
};

/* The downtime an availability level allows depends only on its target,
 * window, month mode and clock (support hours are the same for the whole
 * agreement): the last answers are kept, since agreements repeat a few
 * targets over many levels. */
#define DCACHE 8

struct dslot {
    char *target, *window, *month; /* month may be NULL */
    bool business, used;
    char *text;                    /* the answer, NULL for none */
};

struct ctx {
    const struct doc_node *root;
    const char *lang;
    struct render_doc *d;
    char path[512];
    /* figures in the agreement's language, each valid for the next 7 */
    char fbuf[8][L10N_BUFSZ];
    int fnext;
    struct tslot tcache[TCACHE];
    struct str s1, s2, s3; /* scratch builders */
    struct dslot dcache[DCACHE];
    size_t dnext;
};

static const char *T(struct ctx *c, const char *msgid) __attribute__((format_arg(2)));
static const char *T(struct ctx *c, const char *msgid)
{
    /* i18n_lang(lang, msgid) gives the same answer for the whole process
     * (catalogues are loaded once, never dropped) */
    size_t h = ((uintptr_t)msgid >> 3) * 0x9E3779B97F4A7C15ull >> 57; /* 7 bits */
    for (size_t k = 0; k < TCACHE; k++) {
        struct tslot *t = &c->tcache[(h + k) & (TCACHE - 1)];
        if (t->msgid == msgid)
            return t->tr;
        if (!t->msgid) {
            t->msgid = msgid;
            t->tr = i18n_lang(c->lang, msgid);
            return t->tr;
        }
    }
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
 * null or not a scalar.  doc_is_null is asked only when the text could be
 * one of the null words (plain "", "~", "null", "Null", "NULL"). */
static const char *str_of(const struct doc_node *n)
{
    if (!n || n->kind != DOC_SCALAR)
        return NULL;
    const char *s = n->u.str;
    if (n->style == DOC_PLAIN && (s[0] == '\0' || s[0] == '~' || s[0] == 'n' || s[0] == 'N') && doc_is_null(n))
        return NULL;
    return s;
}

/* The scalar under key in the map item (doc_get_str(item, key)). */
static const char *F(const struct doc_node *item, const char *key)
{
    return str_of(doc_map_get(item, key));
}

/* Which key each pair of the previous item had: items of a list usually
 * have the same keys in the same order, and the loader shares one copy of
 * each key (doc_key_new), so comparing the key's address with the previous
 * item's finds most keys without comparing strings. */
struct fhint {
    const char *key[24];
    signed char slot[24]; /* index into keys[], -1: none of them */
};

/* The values of keys[0..nk) (nk <= 32) in the map item (NULL when absent
 * or item is not a map), in one pass over its pairs: what doc_map_get
 * would give for each (the first pair with the key). */
static void fields(const struct doc_node *item, const char *const *keys, size_t nk, const struct doc_node **out,
                   struct fhint *h)
{
    unsigned found = 0;
    for (size_t k = 0; k < nk; k++)
        out[k] = NULL;
    if (!item || item->kind != DOC_MAP)
        return;
    for (size_t i = 0; i < item->len; i++) {
        const char *key = item->u.pairs[i].key;
        int slot = -1;
        if (i < 24 && h->key[i] == key) {
            slot = h->slot[i]; /* the same string as before: the same answer */
        } else {
            for (size_t k = 0; k < nk; k++)
                if (key[0] == keys[k][0] && strcmp(key, keys[k]) == 0) {
                    slot = (int)k;
                    break;
                }
            if (i < 24) {
                h->key[i] = key;
                h->slot[i] = (signed char)slot;
            }
        }
        if (slot >= 0 && !(found & (1u << slot))) {
            out[slot] = item->u.pairs[i].val;
            found |= 1u << slot;
        }
    }
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

static const char *word(struct ctx *c, const char *value)
{
    if (!value)
        return NULL;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (words[i].value[0] == value[0] && strcmp(words[i].value, value) == 0)
            return T(c, words[i].msgid);
    return value;
}

static void sadd_n(struct str *s, const char *t, size_t n)
{
    if (s->len + n + 1 > s->cap)
        s->p = xgrow(s->p, &s->cap, s->len + n + 1, 1);
    memcpy(s->p + s->len, t, n);
    s->len += n;
    s->p[s->len] = '\0';
}

static void sadd(struct str *s, const char *t)
{
    sadd_n(s, t, strlen(t));
}

static void sep_add(struct str *s, const char *sep, const char *t)
{
    if (!t || !*t)
        return;
    if (s->len)
        sadd(s, sep);
    sadd(s, t);
}

/* A builder emptied for reuse. */
static struct str *sreset(struct str *s)
{
    s->len = 0;
    if (s->p)
        s->p[0] = '\0';
    return s;
}

/* What a builder holds, NULL when nothing was added (as a new builder's p
 * would be). */
static const char *sval(const struct str *s)
{
    return s->len ? s->p : NULL;
}

/* Append fmt with its arguments, n (<= 4) strings, as printf would write
 * them: formats of %s (or %N$s) and %% only -- the summary's formats and
 * their translations -- are filled by l10n_fill without printf's
 * machinery; anything else goes through vsnprintf as before. */
static void sfmt(struct str *s, const char *fmt, int n, ...)
{
    const char *args[4];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 4; i++)
        args[i] = va_arg(ap, const char *);
    va_end(ap);
    if (n <= 4 && l10n_fill(&s->p, &s->len, &s->cap, fmt, (size_t)n, args))
        return;
    va_start(ap, n);
    va_list aq;
    va_copy(aq, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    int len = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (len >= 0) {
        if (s->len + (size_t)len + 1 > s->cap)
            s->p = xgrow(s->p, &s->cap, s->len + (size_t)len + 1, 1);
        vsnprintf(s->p + s->len, (size_t)len + 1, fmt, ap);
        s->len += (size_t)len;
    }
#pragma GCC diagnostic pop
    va_end(ap);
}

/* The scalars of a sequence joined by sep into s (emptied first), each
 * through fn when given; sval(s) is NULL when none. */
static const char *join(struct ctx *c, struct str *s, const struct doc_node *seq, const char *sep,
                        const char *(*fn)(struct ctx *, const char *))
{
    sreset(s);
    for (size_t i = 0; i < count(seq) && seq->kind == DOC_SEQ; i++) {
        const struct doc_node *it = seq->u.items[i];
        const char *v = str_of(it);
        if (v)
            sep_add(s, sep, fn ? fn(c, v) : v);
    }
    return sval(s);
}

/* ---- figures in the agreement's language ---- */

static char *fb(struct ctx *c)
{
    c->fnext = (c->fnext + 1) % 8;
    return c->fbuf[c->fnext];
}

static const char *date_(struct ctx *c, const char *iso)
{
    long day;
    if (!iso || calc_parse_date(iso, &day) < 0)
        return iso;
    return l10n_date(fb(c), L10N_BUFSZ, day, c->lang);
}

static const char *percent_(struct ctx *c, const char *v)
{
    long long x;
    if (!v || calc_parse_decimal(v, &x) < 0)
        return v;
    return l10n_percent(fb(c), L10N_BUFSZ, x, c->lang);
}

static const char *number_(struct ctx *c, const char *v)
{
    long long x;
    if (!v || calc_parse_decimal(v, &x) < 0)
        return v;
    return l10n_decimal(fb(c), L10N_BUFSZ, x, c->lang);
}

static const char *money_(struct ctx *c, const char *v, const char *currency)
{
    long long cents;
    if (!v || calc_parse_money(v, &cents) < 0)
        return v;
    return l10n_money(fb(c), L10N_BUFSZ, cents, currency ? currency : "", c->lang);
}

/* A duration such as 4h in words ("4 h"); a calendar one (1M) as a period. */
static const char *duration_(struct ctx *c, const char *v)
{
    struct calc_duration du;
    if (!v || calc_parse_duration(v, &du) < 0)
        return v;
    long long lo, hi;
    if (calc_duration_is_fixed(&du) && calc_duration_seconds(&du, CALC_MONTH_CALENDAR, 0, &lo, &hi) == 0)
        return l10n_duration_words(fb(c), L10N_BUFSZ, lo * 10, c->lang);
    return l10n_duration_unit(fb(c), L10N_BUFSZ, &du, c->lang);
}

/* How long something lasts, in words: "30 days", "1 year", "4 hours". */
static const char *span_(struct ctx *c, const char *v)
{
    struct calc_duration du;
    if (!v || calc_parse_duration(v, &du) < 0)
        return v;
    static const char *const one[] = {N_("1 minute"), N_("1 hour"),    N_("1 day"), N_("1 week"),
                                      N_("1 month"),  N_("1 quarter"), N_("1 year")};
    static const char *const many[] = {N_("%lld minutes"), N_("%lld hours"),    N_("%lld days"),
                                       N_("%lld weeks"),   N_("%lld months"),   N_("%lld quarters"),
                                       N_("%lld years")};
    char *b = fb(c);
    if (du.count == 1)
        snprintf(b, L10N_BUFSZ, "%s", T(c, one[du.unit]));
    else {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        /* many[] holds only "%lld ..." msgids */
        snprintf(b, L10N_BUFSZ, T(c, many[du.unit]), du.count);
#pragma GCC diagnostic pop
    }
    return b;
}

/* A window or cadence: "per month", "every 2 weeks". */
static const char *period_(struct ctx *c, const char *v)
{
    struct calc_duration du;
    if (!v || calc_parse_duration(v, &du) < 0)
        return v;
    return l10n_duration_unit(fb(c), L10N_BUFSZ, &du, c->lang);
}

static const char *yesno(struct ctx *c, const char *v)
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

/* A row of a table of n (<= 8) cells; a NULL cell prints as empty. */
static void row(struct ctx *c, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    const char *cells[8];
    for (size_t i = 0; i < n && i < 8; i++) {
        const char *v = va_arg(ap, const char *);
        cells[i] = v ? v : "";
    }
    va_end(ap);
    render_row(c->d, cells);
}

static void table(struct ctx *c, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    const char *cells[8];
    for (size_t i = 0; i < n && i < 8; i++)
        cells[i] = va_arg(ap, const char *);
    va_end(ap);
    render_table(c->d, n, cells);
}

/* ---- sections ---- */

static void party(struct ctx *c, const char *role, const char *label)
{
    const char *name = S(c, "parties.%s.name", role);
    const char *tax = S(c, "parties.%s.tax_id", role);
    struct str *v = sreset(&c->s1);
    if (tax && name)
        sfmt(v, "%s (%s)", 2, name, tax);
    else
        sadd(v, name ? name : "");
    render_kv(c->d, label, v->p);
    struct str *r = sreset(&c->s1);
    sep_add(r, ", ", S(c, "parties.%s.representative.name", role));
    sep_add(r, ", ", S(c, "parties.%s.representative.title", role));
    kv(c, T(c, N_("Represented by")), sval(r));
    struct str *k = sreset(&c->s1);
    sep_add(k, ", ", S(c, "parties.%s.contact.name", role));
    sep_add(k, ", ", S(c, "parties.%s.contact.email", role));
    sep_add(k, ", ", S(c, "parties.%s.contact.phone", role));
    kv(c, T(c, N_("Contact")), sval(k));
}

static void sec_parties(struct ctx *c)
{
    render_heading(c->d, 1, T(c, N_("Parties and term")));
    party(c, "provider", T(c, N_("Provider")));
    party(c, "client", T(c, N_("Client")));
    struct str *t = sreset(&c->s1);
    sep_add(t, ", ", word(c, S(c, "agreement.type")));
    sep_add(t, ", ", word(c, S(c, "agreement.scope")));
    kv(c, T(c, N_("Kind of agreement")), sval(t));
    const char *from = S(c, "agreement.effective_from"), *to = S(c, "agreement.effective_to");
    if (from || to) {
        struct str *term = sreset(&c->s1);
        sfmt(term, T(c, N_("from %s to %s")), 2, from ? date_(c, from) : "\xe2\x80\x94",
             to ? date_(c, to) : "\xe2\x80\x94");
        kv(c, T(c, N_("Term")), term->p);
    }
    const char *autor = S(c, "agreement.renewal.auto");
    if (autor) {
        struct str *r = sreset(&c->s1);
        if (strcmp(autor, "true") == 0) {
            const char *term = S(c, "agreement.renewal.term"), *notice = S(c, "agreement.renewal.notice");
            sadd(r, T(c, N_("renews automatically")));
            if (term) {
                struct str *x = sreset(&c->s2);
                sfmt(x, T(c, N_("for %s")), 1, span_(c, term));
                sep_add(r, " ", x->p);
            }
            if (notice) {
                struct str *x = sreset(&c->s2);
                sfmt(x, T(c, N_("unless notice is given %s before")), 1, span_(c, notice));
                sep_add(r, ", ", x->p);
            }
        } else {
            sadd(r, T(c, N_("does not renew automatically")));
        }
        kv(c, T(c, N_("Renewal")), r->p);
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
        static const char *const keys[] = {"id", "description", "priority", "impact"};
        struct fhint hint = {0};
        for (size_t i = 0; i < count(needs); i++) {
            const struct doc_node *f[4];
            fields(at(needs, i), keys, 4, f, &hint);
            row(c, 4, str_of(f[0]), str_of(f[1]), word(c, str_of(f[2])), str_of(f[3]));
        }
    }
    if (count(objs)) {
        render_heading(c->d, 2, T(c, N_("Objectives")));
        static const char *const keys[] = {"id", "description", "needs", "success_criteria"};
        struct fhint hint = {0};
        for (size_t i = 0; i < count(objs); i++) {
            const struct doc_node *f[4];
            fields(at(objs, i), keys, 4, f, &hint);
            struct str *s = sreset(&c->s1);
            sep_add(s, " ", str_of(f[0]));
            sep_add(s, " \xc2\xb7 ", str_of(f[1]));
            const char *n = join(c, &c->s2, f[2], ", ", NULL);
            if (n) {
                struct str *x = sreset(&c->s3);
                sfmt(x, T(c, N_("(answers %s)")), 1, n);
                sep_add(s, " ", x->p);
            }
            const char *sc = str_of(f[3]);
            if (sc) {
                struct str *x = sreset(&c->s3);
                sfmt(x, T(c, N_("Success: %s")), 1, sc);
                sep_add(s, ". ", x->p);
            }
            render_bullet(c->d, s->len ? s->p : "");
        }
    }
}

/* "N. " and the text of a route's step. */
static void step_text(struct str *s, size_t n, const char *text)
{
    char digits[24], *d = digits + sizeof digits;
    do
        *--d = (char)('0' + n % 10);
    while ((n /= 10) > 0);
    sadd_n(s, d, (size_t)(digits + sizeof digits - d));
    sadd_n(s, ". ", 2);
    sadd(s, text);
}

static void sec_services(struct ctx *c)
{
    const struct doc_node *sv = N(c, "services");
    if (!count(sv))
        return;
    render_heading(c->d, 1, T(c, N_("Services")));
    static const char *const keys[] = {"id",           "name",       "description", "deliverables",
                                       "out_of_scope", "objectives", "route"};
    struct fhint hint = {0};
    for (size_t i = 0; i < count(sv); i++) {
        const struct doc_node *f[7];
        fields(at(sv, i), keys, 7, f, &hint);
        struct str *h = sreset(&c->s1);
        sep_add(h, " ", str_of(f[0]));
        sep_add(h, " \xc2\xb7 ", str_of(f[1]));
        render_heading(c->d, 2, h->len ? h->p : "");
        render_para(c->d, str_of(f[2]));
        kv(c, T(c, N_("Deliverables")), join(c, &c->s1, f[3], "; ", NULL));
        kv(c, T(c, N_("Out of scope")), join(c, &c->s1, f[4], "; ", NULL));
        kv(c, T(c, N_("Objectives served")), join(c, &c->s1, f[5], ", ", NULL));
        const struct doc_node *route = f[6];
        /* a route is a list (a map has no steps to number) */
        if (count(route) && route->kind == DOC_SEQ) {
            render_para(c->d, T(c, N_("Route of a request:")));
            for (size_t k = 0; k < count(route); k++) {
                const struct doc_node *step = route->u.items[k];
                step_text(sreset(&c->s1), k + 1, step->kind == DOC_SCALAR ? step->u.str : "");
                render_bullet(c->d, c->s1.p);
            }
        }
    }
}

/* The downtime an availability level allows, in words (NULL: none), from
 * its fields; kept in c->dcache. */
static const char *downtime(struct ctx *c, const char *ind, const char *unit, const char *target,
                            const char *win, const char *mm, const char *clock)
{
    if (!ind || strcmp(ind, "availability") != 0 || !target || !win || (unit && strcmp(unit, "percent") != 0))
        return NULL;
    bool business = clock && strcmp(clock, "business") == 0;
    for (size_t k = 0; k < DCACHE; k++) {
        const struct dslot *e = &c->dcache[k];
        if (e->used && e->business == business && strcmp(e->target, target) == 0 &&
            strcmp(e->window, win) == 0 && (e->month ? mm && strcmp(e->month, mm) == 0 : !mm))
            return e->text;
    }
    char *text = NULL;
    struct calc_window w = {0};
    if (calc_parse_duration(win, &w.len) == 0) {
        if (mm && calc_parse_month_mode(mm, &w.month) < 0)
            w.month = CALC_MONTH_CALENDAR;
        struct calc_hours hours = {0};
        struct err e;
        int rc = 0;
        if (business) {
            rc = calc_hours_from_doc(c->root, "support_hours", &hours, &e);
            w.hours = &hours;
        }
        long long lo, hi;
        if (rc == 0 && calc_downtime(target, &w, &lo, &hi) == 0) {
            char a[L10N_BUFSZ], b[L10N_BUFSZ], p[L10N_BUFSZ];
            l10n_duration_words(a, sizeof a, lo, c->lang);
            l10n_duration_words(b, sizeof b, hi, c->lang);
            l10n_duration_unit(p, sizeof p, &w.len, c->lang);
            const char *within = business ? T(c, N_(" within support hours")) : "";
            struct str s = {0};
            if (lo == hi)
                sfmt(&s, T(c, N_("up to %s of downtime %s%s")), 3, a, p, within);
            else
                sfmt(&s, T(c, N_("between %s and %s of downtime %s%s, depending on the length of the period")),
                     4, a, b, p, within);
            text = s.p;
        }
        if (business)
            calc_hours_free(&hours);
    }
    struct dslot *e = &c->dcache[c->dnext];
    c->dnext = (c->dnext + 1) % DCACHE;
    free(e->target);
    free(e->window);
    free(e->month);
    free(e->text);
    *e = (struct dslot){.target = xstrdup(target), .window = xstrdup(win), .month = mm ? xstrdup(mm) : NULL,
                        .business = business, .used = true, .text = text};
    return text;
}

static void sec_levels(struct ctx *c)
{
    const struct doc_node *sl = N(c, "service_levels");
    if (!count(sl))
        return;
    render_heading(c->d, 1, T(c, N_("Service levels")));
    enum { ID, NAME, SERVICE, OBLIGATED, INDICATOR, DEFINITION, MEASUREMENT, TARGET, UNIT, OP, WINDOW, CLOCK,
           PRIORITY, EXCLUSIONS, MONTH, NKEYS };
    static const char *const keys[NKEYS] = {"id",         "name",   "service", "obligated", "indicator",
                                            "definition", "measurement", "target", "unit", "op",
                                            "window",     "clock",  "priority", "exclusions", "month"};
    struct fhint hint = {0};
    for (size_t i = 0; i < count(sl); i++) {
        const struct doc_node *f[NKEYS];
        fields(at(sl, i), keys, NKEYS, f, &hint);
        struct str *h = sreset(&c->s1);
        sep_add(h, " ", str_of(f[ID]));
        sep_add(h, " \xc2\xb7 ", str_of(f[NAME]));
        render_heading(c->d, 2, h->len ? h->p : "");
        kv(c, T(c, N_("Service")), str_of(f[SERVICE]));
        kv(c, T(c, N_("Who promises it")), word(c, str_of(f[OBLIGATED])));
        kv(c, T(c, N_("What is measured")), word(c, str_of(f[INDICATOR])));
        kv(c, T(c, N_("Definition")), str_of(f[DEFINITION]));
        kv(c, T(c, N_("How it is measured")), str_of(f[MEASUREMENT]));
        const char *target = str_of(f[TARGET]);
        const char *unit = str_of(f[UNIT]);
        const char *win = str_of(f[WINDOW]);
        if (target) {
            const char *op = op_sign(str_of(f[OP]));
            struct str *t = sreset(&c->s1);
            sadd(t, op);
            if (!unit || strcmp(unit, "percent") == 0) {
                sadd(t, percent_(c, target));
            } else {
                sadd(t, number_(c, target));
                sadd_n(t, " ", 1);
                sadd(t, word(c, unit));
            }
            if (win) {
                sadd_n(t, " ", 1);
                sadd(t, period_(c, win));
            }
            kv(c, T(c, N_("Target")), t->p);
        }
        const char *clock = str_of(f[CLOCK]);
        kv(c, T(c, N_("Clock")), word(c, clock));
        kv(c, T(c, N_("Priority")), str_of(f[PRIORITY]));
        kv(c, T(c, N_("Downtime allowed")),
           downtime(c, str_of(f[INDICATOR]), unit, target, win, str_of(f[MONTH]), clock));
        kv(c, T(c, N_("Not counted")), join(c, &c->s1, f[EXCLUSIONS], "; ", NULL));
    }
}

static void sec_support(struct ctx *c)
{
    const struct doc_node *sh = N(c, "support_hours"), *pr = N(c, "priorities");
    if (!count(sh) && !count(pr))
        return;
    render_heading(c->d, 1, T(c, N_("Support hours and priorities")));
    kv(c, T(c, N_("Days")), join(c, &c->s1, N(c, "support_hours.days"), ", ", word));
    const char *from = S(c, "support_hours.from"), *to = S(c, "support_hours.to");
    if (from && to) {
        struct str *x = sreset(&c->s1);
        sfmt(x, "%s\xe2\x80\x93%s", 2, from, to); /* 09:00–18:00 */
        kv(c, T(c, N_("Hours")), x->p);
    }
    kv(c, T(c, N_("Closed on")), join(c, &c->s1, N(c, "support_hours.holidays"), "; ", date_));
    if (count(pr)) {
        table(c, 5, T(c, N_("Priority")), T(c, N_("When")), T(c, N_("Response")), T(c, N_("Resolution")),
              T(c, N_("Clock")));
        for (size_t i = 0; i < count(pr); i++) {
            const struct doc_node *it = at(pr, i);
            struct str *name = sreset(&c->s1);
            sep_add(name, " ", F(it, "id"));
            sep_add(name, " \xc2\xb7 ", F(it, "name"));
            row(c, 5, sval(name), F(it, "definition"), duration_(c, F(it, "response")),
                duration_(c, F(it, "resolution")), word(c, F(it, "clock")));
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
        struct str *name = sreset(&c->s1);
        sep_add(name, " ", F(it, "id"));
        sep_add(name, " \xc2\xb7 ", F(it, "deliverable"));
        row(c, 4, sval(name), date_(c, F(it, "due")), word(c, F(it, "obligated")), F(it, "acceptance"));
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
            struct str *name = sreset(&c->s1);
            sep_add(name, " ", F(it, "id"));
            sep_add(name, " \xc2\xb7 ", F(it, "description"));
            const char *amount = F(it, "amount");
            const char *per = F(it, "per");
            row(c, 3, sval(name), money_(c, amount, cur), word(c, per));
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
        struct str *x = sreset(&c->s1);
        sfmt(x, T(c, N_("%s days")), 1, pt);
        kv(c, T(c, N_("Payment within")), x->p);
    }
    kv(c, T(c, N_("Taxes included")), yesno(c, S(c, "pricing.taxes_included")));
}

static void obligations(struct ctx *c, const char *role, const char *title)
{
    const struct doc_node *ob = N(c, "obligations.%s", role);
    if (!count(ob))
        return;
    render_heading(c->d, 2, title);
    static const char *const keys[] = {"id", "text"};
    struct fhint hint = {0};
    for (size_t i = 0; i < count(ob); i++) {
        const struct doc_node *it = at(ob, i), *f[2];
        fields(it, keys, 2, f, &hint);
        struct str *s = sreset(&c->s1);
        sep_add(s, " ", str_of(f[0]));
        const char *t = str_of(f[1]);
        if (!t)
            t = str_of(it);
        sep_add(s, " \xc2\xb7 ", t);
        render_bullet(c->d, s->len ? s->p : "");
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
            const char *slc = sl ? sl : "";
            const char *basis = F(it, "basis");
            const struct doc_node *tiers = doc_map_get(it, "tiers");
            for (size_t k = 0; k < count(tiers); k++)
                row(c, 4, k == 0 ? slc : "", percent_(c, F(at(tiers, k), "below")),
                    percent_(c, F(at(tiers, k), "credit_percent")), basis);
            const char *cap = F(it, "monthly_cap_percent");
            const char *claim = F(it, "claim_within");
            struct str *s = sreset(&c->s1);
            if (cap) {
                struct str *x = sreset(&c->s2);
                sfmt(x, T(c, N_("%s: credits at most %s a month")), 2, slc, percent_(c, cap));
                sep_add(s, "; ", x->p);
            }
            if (claim) {
                struct str *x = sreset(&c->s2);
                sfmt(x, T(c, N_("to be claimed within %s")), 1, span_(c, claim));
                sep_add(s, s->len ? "; " : "", x->p);
            }
            if (s->len)
                render_bullet(c->d, s->p);
        }
    }
    if (count(pen)) {
        render_heading(c->d, 2, T(c, N_("Penalties")));
        table(c, 4, T(c, N_("Penalty")), T(c, N_("For")), T(c, N_("Who pays")), T(c, N_("Amount")));
        for (size_t i = 0; i < count(pen); i++) {
            const struct doc_node *it = at(pen, i);
            struct str *name = sreset(&c->s1);
            sep_add(name, " ", F(it, "id"));
            sep_add(name, " \xc2\xb7 ", F(it, "description"));
            struct str *am = sreset(&c->s2);
            const char *pc = F(it, "percent");
            const char *of = F(it, "of");
            const char *per = F(it, "per");
            const char *py = F(it, "percent_per_year");
            const char *cap = F(it, "cap_percent");
            const char *term = F(it, "termination_after");
            if (pc) {
                struct str *x = sreset(&c->s3);
                const char *pcs = percent_(c, pc);
                if (of)
                    sfmt(x, T(c, N_("%s of %s")), 2, pcs, of);
                else
                    sadd(x, pcs);
                if (per) {
                    /* "%s for each %s of delay" around what x holds */
                    char *y = xstrdup(x->p);
                    sfmt(sreset(x), T(c, N_("%s for each %s of delay")), 2, y, span_(c, per));
                    free(y);
                }
                sep_add(am, "; ", x->p);
            }
            if (py) {
                struct str *x = sreset(&c->s3);
                sfmt(x, T(c, N_("%s a year")), 1, percent_(c, py));
                sep_add(am, "; ", x->p);
            }
            if (cap) {
                struct str *x = sreset(&c->s3);
                sfmt(x, T(c, N_("at most %s")), 1, percent_(c, cap));
                sep_add(am, "; ", x->p);
            }
            if (term) {
                struct str *x = sreset(&c->s3);
                sfmt(x, T(c, N_("the agreement may be ended after %s")), 1, span_(c, term));
                sep_add(am, "; ", x->p);
            }
            row(c, 4, sval(name), F(it, "applies_to"), word(c, F(it, "obligated")), sval(am));
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
        render_signature(c->d, T(c, N_("For the provider")), S(c, "parties.provider.representative.name"),
                         S(c, "parties.provider.representative.title"), NULL);
        render_signature(c->d, T(c, N_("For the client")), S(c, "parties.client.representative.name"),
                         S(c, "parties.client.representative.title"), NULL);
        return;
    }
    for (size_t i = 0; i < count(sg); i++) {
        const struct doc_node *it = at(sg, i);
        const char *p = F(it, "party");
        const char *who = p && strcmp(p, "client") == 0     ? T(c, N_("For the client"))
                          : p && strcmp(p, "provider") == 0 ? T(c, N_("For the provider"))
                                                             : (p ? p : "");
        const char *name = F(it, "name");
        const char *title = F(it, "title");
        render_signature(c->d, who, name ? name : "", title ? title : "", date_(c, F(it, "date")));
    }
}

static void sec_points(struct ctx *c, const struct findings *open)
{
    if (!summary_lists_points(c->root))
        return;
    if (!open || !open->n)
        return;
    render_heading(c->d, 1, T(c, N_("Points to settle")));
    render_para(c->d, T(c, N_("This is a draft. These points are still open:")));
    for (size_t i = 0; i < open->n; i++) {
        const struct finding *f = &open->v[i];
        struct str *x = sreset(&c->s1);
        if (f->path && *f->path)
            sfmt(x, "%s (%s)", 2, f->msg, f->path);
        else
            sadd(x, f->msg);
        render_bullet(c->d, x->p);
    }
}

const char *summary_lang(const struct doc_node *root)
{
    const char *l = doc_get_str(root, "metadata.language");
    return l && *l ? l : "en";
}

bool summary_lists_points(const struct doc_node *root)
{
    const char *status = doc_get_str(root, "metadata.status");
    return !status || strcmp(status, "draft") == 0;
}

static const struct findings *given(void *ud, const struct render_doc *so_far)
{
    (void)so_far;
    return ud;
}

struct render_doc *summary_build(const struct doc_node *root, const struct findings *open)
{
    return summary_build_await(root, given, (void *)open);
}

struct render_doc *summary_build_await(const struct doc_node *root,
                                       const struct findings *(*await)(void *ud, const struct render_doc *so_far),
                                       void *ud)
{
    /* everything mutable lives in c: builds may run on several threads */
    struct ctx *c = xcalloc(1, sizeof *c);
    c->root = root;
    c->lang = summary_lang(root);
    const char *title = doc_get_str(root, "metadata.title");
    c->d = render_new(c->lang, title ? title : T(c, N_("Service Level Agreement")));
    struct str *sub = sreset(&c->s3);
    sadd(sub, "");
    const char *status = S(c, "metadata.status");
    if (status) {
        struct str *x = sreset(&c->s1);
        sfmt(x, T(c, N_("Status: %s")), 1, word(c, status));
        sep_add(sub, " \xc2\xb7 ", x->p);
    }
    const char *ver = S(c, "metadata.version");
    if (ver) {
        struct str *x = sreset(&c->s1);
        sfmt(x, T(c, N_("version %s")), 1, ver);
        sep_add(sub, " \xc2\xb7 ", x->p);
    }
    const char *upd = S(c, "metadata.updated");
    if (upd) {
        struct str *x = sreset(&c->s1);
        sfmt(x, T(c, N_("updated %s")), 1, date_(c, upd));
        sep_add(sub, " \xc2\xb7 ", x->p);
    }
    if (sub->len)
        render_subtitle(c->d, sub->p);
    sec_parties(c);
    sec_needs(c);
    sec_services(c);
    sec_levels(c);
    sec_support(c);
    sec_deadlines(c);
    sec_cost(c);
    sec_obligations(c);
    sec_remedies(c);
    sec_evaluation(c);
    sec_signatures(c);
    /* wait only now: the points come last (sec_points: only a draft's) */
    sec_points(c, await(ud, c->d));
    struct render_doc *d = c->d;
    free(c->s1.p);
    free(c->s2.p);
    free(c->s3.p);
    for (size_t k = 0; k < DCACHE; k++) {
        free(c->dcache[k].target);
        free(c->dcache[k].window);
        free(c->dcache[k].month);
        free(c->dcache[k].text);
    }
    free(c);
    return d;
}
