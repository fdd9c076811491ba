/* measure.c - loading and checking a measurements file. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/measure.h"
#include "src/sla_yaml.h"
#include "src/xalloc.h"

#define MEASURE_API "pacta/v1"
#define MEASURE_KIND "Measurements"

struct ctx {
    struct doc_node *root;
    const char *name;
    struct findings *warn;
    struct err *e;
};

static int fail(struct ctx *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(struct ctx *c, const char *path, const char *fmt, ...)
{
    unsigned line = 0, col = 0;
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    doc_pos(c->root, path, &line, &col);
    if (path && *path)
        err_set(c->e, c->name, line, col, "%s [%s]", msg, path);
    else
        err_set(c->e, c->name, line, col, "%s", msg);
    return -1;
}

/* Warn about keys of the map at path that are not in known (NULL-ended). */
static void check_keys(struct ctx *c, const struct doc_node *map, const char *path, const char *const *known)
{
    for (size_t i = 0; i < map->len; i++) {
        const char *k = map->u.pairs[i].key;
        if (strncmp(k, "x-", 2) == 0)
            continue;
        bool found = false;
        for (const char *const *q = known; *q && !found; q++)
            found = strcmp(*q, k) == 0;
        if (!found && c->warn) {
            char p[600];
            if (*path)
                doc_pathf(p, sizeof p, "%s.%s", path, k);
            else
                doc_pathf(p, sizeof p, "%s", k);
            findings_add(c->warn, FINDING_WARNING, c->root, p,
                         _("unknown field \"%s\": kept as it is, but pacta does not use it (extension fields start with x-)"),
                         k);
        }
    }
}

static const struct doc_node *want(struct ctx *c, const char *path, enum doc_kind kind, bool required, int *bad)
{
    const struct doc_node *n = doc_get(c->root, path);
    if (doc_is_null(n)) {
        if (required) {
            *bad = fail(c, path, _("this field is required"));
        }
        return NULL;
    }
    if (n->kind != kind) {
        *bad = fail(c, path,
                    kind == DOC_MAP   ? _("expected a map of fields")
                    : kind == DOC_SEQ ? _("expected a list")
                                      : _("expected a single value"));
        return NULL;
    }
    return n;
}

static int get_stamp(struct ctx *c, const char *path, bool required, bool *has, struct calc_stamp *t)
{
    int bad = 0;
    const struct doc_node *n = want(c, path, DOC_SCALAR, required, &bad);
    if (bad)
        return -1;
    if (has)
        *has = n != NULL;
    if (!n)
        return 0;
    if (calc_parse_stamp(n->u.str, t))
        return fail(c, path, _("not a date and time (like 2027-03-01T09:30): %s"), n->u.str);
    return 0;
}

static int get_date(struct ctx *c, const char *path, bool required, bool *has, long *day)
{
    int bad = 0;
    const struct doc_node *n = want(c, path, DOC_SCALAR, required, &bad);
    if (bad)
        return -1;
    if (has)
        *has = n != NULL;
    if (!n)
        return 0;
    if (calc_parse_date(n->u.str, day))
        return fail(c, path, _("not a date (like 2027-03-01): %s"), n->u.str);
    return 0;
}

static int get_bool(struct ctx *c, const char *path, bool dflt, bool *v)
{
    int bad = 0;
    const struct doc_node *n = want(c, path, DOC_SCALAR, false, &bad);
    if (bad)
        return -1;
    *v = dflt;
    if (!n)
        return 0;
    if (strcmp(n->u.str, "true") == 0)
        *v = true;
    else if (strcmp(n->u.str, "false") == 0)
        *v = false;
    else
        return fail(c, path, _("expected true or false: %s"), n->u.str);
    return 0;
}

static const char *get_str(struct ctx *c, const char *path, bool required, int *bad)
{
    const struct doc_node *n = want(c, path, DOC_SCALAR, required, bad);
    return n ? n->u.str : NULL;
}

int measure_parse_period(const char *s, enum measure_period_kind *kind, long *start, long *end)
{
    int y, m, q;
    char tail;
    if (!s || strlen(s) < 4)
        return -1;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 1 || y > 9998)
        return -1;
    if (s[4] == '\0') {
        *kind = MEASURE_YEAR;
        calc_day_from_ymd(y, 1, 1, start);
        calc_day_from_ymd(y + 1, 1, 1, end);
        return 0;
    }
    if (s[4] != '-')
        return -1;
    if (s[5] == 'Q' && sscanf(s + 6, "%1d%c", &q, &tail) == 1 && q >= 1 && q <= 4 && s[7] == '\0') {
        *kind = MEASURE_QUARTER;
        calc_day_from_ymd(y, 3 * (q - 1) + 1, 1, start);
        *end = calc_add_months(*start, 3);
        return 0;
    }
    if (s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9' && s[7] == '\0') {
        m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12)
            return -1;
        *kind = MEASURE_MONTH;
        calc_day_from_ymd(y, m, 1, start);
        *end = calc_add_months(*start, 1);
        return 0;
    }
    return -1;
}

static int cmp_stamp(struct calc_stamp a, struct calc_stamp b)
{
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return a.minute < b.minute ? -1 : a.minute > b.minute;
}

static int load_tickets(struct ctx *c, const char *path, struct measure_ticket **out, size_t *nout)
{
    static const char *const known[] = {"id", "priority", "opened", "first_response", "resolved", "note", NULL};
    int bad = 0;
    const struct doc_node *seq = want(c, path, DOC_SEQ, false, &bad);
    if (bad)
        return -1;
    *out = NULL;
    *nout = 0;
    if (!seq)
        return 0;
    *out = xcalloc(seq->len ? seq->len : 1, sizeof **out);
    for (size_t i = 0; i < seq->len; i++) {
        char p[600], q[700];
        doc_pathf(p, sizeof p, "%s[%zu]", path, i);
        const struct doc_node *t = want(c, p, DOC_MAP, true, &bad);
        if (bad)
            return -1;
        check_keys(c, t, p, known);
        struct measure_ticket *k = &(*out)[(*nout)++];
        doc_pathf(q, sizeof q, "%s.id", p);
        k->id = get_str(c, q, false, &bad);
        doc_pathf(q, sizeof q, "%s.priority", p);
        k->priority = get_str(c, q, false, &bad);
        if (bad)
            return -1;
        doc_pathf(q, sizeof q, "%s.opened", p);
        if (get_stamp(c, q, true, NULL, &k->opened))
            return -1;
        doc_pathf(q, sizeof q, "%s.first_response", p);
        if (get_stamp(c, q, false, &k->has_response, &k->response))
            return -1;
        if (k->has_response && cmp_stamp(k->response, k->opened) < 0)
            return fail(c, q, _("the first response comes before the ticket was opened"));
        doc_pathf(q, sizeof q, "%s.resolved", p);
        if (get_stamp(c, q, false, &k->has_resolved, &k->resolved))
            return -1;
        if (k->has_resolved && cmp_stamp(k->resolved, k->opened) < 0)
            return fail(c, q, _("the resolution comes before the ticket was opened"));
    }
    return 0;
}

static int load_outages(struct ctx *c, const char *path, struct measure_level *l)
{
    static const char *const known[] = {"start", "end", "excluded", "note", NULL};
    int bad = 0;
    const struct doc_node *seq = want(c, path, DOC_SEQ, false, &bad);
    if (bad)
        return -1;
    if (!seq)
        return 0;
    l->outages = xcalloc(seq->len ? seq->len : 1, sizeof *l->outages);
    for (size_t i = 0; i < seq->len; i++) {
        char p[600], q[700];
        doc_pathf(p, sizeof p, "%s[%zu]", path, i);
        const struct doc_node *t = want(c, p, DOC_MAP, true, &bad);
        if (bad)
            return -1;
        check_keys(c, t, p, known);
        struct measure_outage *o = &l->outages[l->noutages++];
        doc_pathf(q, sizeof q, "%s.start", p);
        if (get_stamp(c, q, true, NULL, &o->start))
            return -1;
        doc_pathf(q, sizeof q, "%s.end", p);
        if (get_stamp(c, q, true, NULL, &o->end))
            return -1;
        if (cmp_stamp(o->end, o->start) <= 0)
            return fail(c, q, _("an outage must end after it starts"));
        doc_pathf(q, sizeof q, "%s.excluded", p);
        if (get_bool(c, q, false, &o->excluded))
            return -1;
        doc_pathf(q, sizeof q, "%s.note", p);
        o->note = get_str(c, q, false, &bad);
        if (bad)
            return -1;
    }
    return 0;
}

static int load_level(struct ctx *c, const char *path, const char *id, struct measure_level *l)
{
    static const char *const known[] = {"value", "outages", "tickets", "note", NULL};
    int bad = 0;
    char q[700];
    l->id = id;
    l->path = xstrdup(path);
    const struct doc_node *map = want(c, path, DOC_MAP, true, &bad);
    if (bad)
        return -1;
    check_keys(c, map, path, known);
    doc_pathf(q, sizeof q, "%s.value", path);
    const char *v = get_str(c, q, false, &bad);
    if (bad)
        return -1;
    if (v) {
        if (calc_parse_decimal(v, &l->value))
            return fail(c, q, _("not a measured value (a number like 99.7): %s"), v);
        l->has_value = true;
    }
    doc_pathf(q, sizeof q, "%s.outages", path);
    if (load_outages(c, q, l))
        return -1;
    doc_pathf(q, sizeof q, "%s.tickets", path);
    l->has_tickets = doc_get(c->root, q) != NULL;
    if (load_tickets(c, q, &l->tickets, &l->ntickets))
        return -1;
    doc_pathf(q, sizeof q, "%s.note", path);
    get_str(c, q, false, &bad);
    return bad ? -1 : 0;
}

static int load_deliveries(struct ctx *c, const char *path, struct measure_period *pd)
{
    static const char *const known[] = {"deadline", "delivered", "paused_by", "note", NULL};
    int bad = 0;
    const struct doc_node *seq = want(c, path, DOC_SEQ, false, &bad);
    if (bad)
        return -1;
    if (!seq)
        return 0;
    pd->deliveries = xcalloc(seq->len ? seq->len : 1, sizeof *pd->deliveries);
    for (size_t i = 0; i < seq->len; i++) {
        char p[600], q[700];
        doc_pathf(p, sizeof p, "%s[%zu]", path, i);
        const struct doc_node *t = want(c, p, DOC_MAP, true, &bad);
        if (bad)
            return -1;
        check_keys(c, t, p, known);
        struct measure_delivery *d = &pd->deliveries[pd->ndeliveries++];
        d->path = xstrdup(p);
        doc_pathf(q, sizeof q, "%s.deadline", p);
        d->deadline = get_str(c, q, true, &bad);
        if (bad)
            return -1;
        doc_pathf(q, sizeof q, "%s.delivered", p);
        if (get_date(c, q, true, NULL, &d->delivered))
            return -1;
        doc_pathf(q, sizeof q, "%s.paused_by", p);
        const struct doc_node *pb = want(c, q, DOC_SEQ, false, &bad);
        if (bad)
            return -1;
        if (pb) {
            d->paused_by = xcalloc(pb->len ? pb->len : 1, sizeof *d->paused_by);
            for (size_t j = 0; j < pb->len; j++) {
                if (pb->u.items[j]->kind != DOC_SCALAR || doc_is_null(pb->u.items[j])) {
                    char r[760];
                    doc_pathf(r, sizeof r, "%s[%zu]", q, j);
                    return fail(c, r, _("expected the id of a deadline"));
                }
                d->paused_by[d->npaused++] = pb->u.items[j]->u.str;
            }
        }
        doc_pathf(q, sizeof q, "%s.note", p);
        get_str(c, q, false, &bad);
        if (bad)
            return -1;
    }
    return 0;
}

static int load_obligations(struct ctx *c, const char *path, struct measure_period *pd)
{
    static const char *const known[] = {"id", "kept", "amount", "due", "done", "note", NULL};
    int bad = 0;
    const struct doc_node *seq = want(c, path, DOC_SEQ, false, &bad);
    if (bad)
        return -1;
    if (!seq)
        return 0;
    pd->obligations = xcalloc(seq->len ? seq->len : 1, sizeof *pd->obligations);
    for (size_t i = 0; i < seq->len; i++) {
        char p[600], q[700];
        doc_pathf(p, sizeof p, "%s[%zu]", path, i);
        const struct doc_node *t = want(c, p, DOC_MAP, true, &bad);
        if (bad)
            return -1;
        check_keys(c, t, p, known);
        struct measure_obligation *o = &pd->obligations[pd->nobligations++];
        o->path = xstrdup(p);
        doc_pathf(q, sizeof q, "%s.id", p);
        o->id = get_str(c, q, true, &bad);
        if (bad)
            return -1;
        doc_pathf(q, sizeof q, "%s.kept", p);
        if (get_bool(c, q, true, &o->kept))
            return -1;
        doc_pathf(q, sizeof q, "%s.amount", p);
        const char *a = get_str(c, q, false, &bad);
        if (bad)
            return -1;
        if (a) {
            if (calc_parse_money(a, &o->amount_cents))
                return fail(c, q, _("not an amount of money (like 450.00)"));
            o->has_amount = true;
        }
        bool hd = false, hn = false;
        doc_pathf(q, sizeof q, "%s.due", p);
        if (get_date(c, q, false, &hd, &o->due))
            return -1;
        doc_pathf(q, sizeof q, "%s.done", p);
        if (get_date(c, q, false, &hn, &o->done))
            return -1;
        if (hd != hn)
            return fail(c, q, _("give both due and done, or neither"));
        o->has_dates = hd;
        if (hd && o->done > o->due)
            o->kept = false;
        doc_pathf(q, sizeof q, "%s.note", p);
        o->note = get_str(c, q, false, &bad);
        if (bad)
            return -1;
    }
    return 0;
}

static int load_period(struct ctx *c, size_t idx, struct measure_period *pd)
{
    static const char *const known[] = {"period", "levels", "tickets", "deliveries", "obligations", "notes", NULL};
    int bad = 0;
    char p[64], q[700];
    doc_pathf(p, sizeof p, "periods[%zu]", idx);
    const struct doc_node *map = want(c, p, DOC_MAP, true, &bad);
    if (bad)
        return -1;
    check_keys(c, map, p, known);
    doc_pathf(q, sizeof q, "%s.period", p);
    pd->key = get_str(c, q, true, &bad);
    if (bad)
        return -1;
    if (measure_parse_period(pd->key, &pd->kind, &pd->start, &pd->end))
        return fail(c, q, _("not a period (like 2027-03, 2027-Q1 or 2027): %s"), pd->key);

    doc_pathf(q, sizeof q, "%s.levels", p);
    const struct doc_node *lv = want(c, q, DOC_MAP, false, &bad);
    if (bad)
        return -1;
    if (lv) {
        pd->levels = xcalloc(lv->len ? lv->len : 1, sizeof *pd->levels);
        for (size_t i = 0; i < lv->len; i++) {
            const char *id = lv->u.pairs[i].key;
            if (strncmp(id, "x-", 2) == 0)
                continue;
            char r[800];
            doc_pathf(r, sizeof r, "%s.%s", q, id);
            if (load_level(c, r, id, &pd->levels[pd->nlevels++]))
                return -1;
        }
    }
    doc_pathf(q, sizeof q, "%s.tickets", p);
    if (load_tickets(c, q, &pd->tickets, &pd->ntickets))
        return -1;
    doc_pathf(q, sizeof q, "%s.deliveries", p);
    if (load_deliveries(c, q, pd))
        return -1;
    doc_pathf(q, sizeof q, "%s.obligations", p);
    if (load_obligations(c, q, pd))
        return -1;
    doc_pathf(q, sizeof q, "%s.notes", p);
    get_str(c, q, false, &bad);
    return bad ? -1 : 0;
}

static int cmp_period(const void *a, const void *b)
{
    const struct measure_period *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

int measure_from_doc(struct doc_node *root, const char *name, struct measure *m, struct findings *warn,
                     struct err *e)
{
    static const char *const known[] = {"apiVersion", "kind", "agreement", "periods", "notes", NULL};
    memset(m, 0, sizeof *m);
    m->root = root;
    m->name = xstrdup(name ? name : "");
    err_clear(e);
    struct ctx c = {root, name, warn, e};
    int bad = 0;
    if (!root || root->kind != DOC_MAP) {
        err_set(e, name, 0, 0, "%s", _("not a measurements file (the top level is not a map)"));
        return -1;
    }
    check_keys(&c, root, "", known);
    const char *api = get_str(&c, "apiVersion", true, &bad);
    if (bad)
        return -1;
    if (strcmp(api, MEASURE_API) != 0)
        return fail(&c, "apiVersion", _("unknown format version \"%s\" (this pacta reads %s)"), api, MEASURE_API);
    const char *kind = get_str(&c, "kind", true, &bad);
    if (bad)
        return -1;
    if (strcmp(kind, MEASURE_KIND) != 0)
        return fail(&c, "kind", _("this file is a \"%s\", not \"%s\""), kind, MEASURE_KIND);
    m->agreement = get_str(&c, "agreement", false, &bad);
    get_str(&c, "notes", false, &bad);
    if (bad)
        return -1;
    const struct doc_node *ps = want(&c, "periods", DOC_SEQ, true, &bad);
    if (bad)
        return -1;
    m->periods = xcalloc(ps->len ? ps->len : 1, sizeof *m->periods);
    for (size_t i = 0; i < ps->len; i++) {
        m->nperiods++;
        if (load_period(&c, i, &m->periods[i]))
            return -1;
        for (size_t j = 0; j < i; j++) {
            const struct measure_period *a = &m->periods[j], *b = &m->periods[i];
            if (a->start < b->end && b->start < a->end) {
                char p[64];
                doc_pathf(p, sizeof p, "periods[%zu].period", i);
                return fail(&c, p, _("period %s overlaps period %s"), b->key, a->key);
            }
        }
        /* An id twice in one period's levels cannot happen (no duplicate
         * keys); a deliverable twice in one period can. */
        const struct measure_period *pd = &m->periods[i];
        for (size_t a = 0; a < pd->ndeliveries; a++)
            for (size_t b = 0; b < a; b++)
                if (strcmp(pd->deliveries[a].deadline, pd->deliveries[b].deadline) == 0)
                    return fail(&c, pd->deliveries[a].path, _("deadline %s is delivered twice"),
                                pd->deliveries[a].deadline);
    }
    qsort(m->periods, m->nperiods, sizeof *m->periods, cmp_period);
    return 0;
}

int measure_load_file(const char *path, struct measure *m, struct findings *warn, struct err *e)
{
    struct doc_node *root = NULL;
    memset(m, 0, sizeof *m);
    if (sla_yaml_load_file(path, NULL, &root, NULL, e) < 0)
        return -1;
    return measure_from_doc(root, path, m, warn, e);
}

const struct measure_period *measure_find_period(const struct measure *m, const char *key)
{
    for (size_t i = 0; i < m->nperiods; i++)
        if (strcmp(m->periods[i].key, key) == 0)
            return &m->periods[i];
    return NULL;
}

void measure_free(struct measure *m)
{
    for (size_t i = 0; i < m->nperiods; i++) {
        struct measure_period *pd = &m->periods[i];
        for (size_t j = 0; j < pd->nlevels; j++) {
            free((char *)pd->levels[j].path);
            free(pd->levels[j].outages);
            free(pd->levels[j].tickets);
        }
        free(pd->levels);
        free(pd->tickets);
        for (size_t j = 0; j < pd->ndeliveries; j++) {
            free((char *)pd->deliveries[j].path);
            free(pd->deliveries[j].paused_by);
        }
        free(pd->deliveries);
        for (size_t j = 0; j < pd->nobligations; j++)
            free((char *)pd->obligations[j].path);
        free(pd->obligations);
    }
    free(m->periods);
    doc_free(m->root);
    free(m->name);
    memset(m, 0, sizeof *m);
}
