/* measure.c - loading and checking a measurements file. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
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

/* What a field of a map is. */
enum field_kind {
    F_KNOWN, /* a key the file may have and the loader does not read (a ticket's note) */
    F_STR,   /* a single value, kept as the tree's string (const char *) */
    F_STAMP, /* a date and time (struct calc_stamp) */
    F_DATE,  /* a date (long, a day number) */
    F_BOOL,  /* true or false (bool); .dflt when it is not there */
    F_LIST,  /* a list of maps, each read by .list into an array and its length */
    F_SEQ,   /* a list, read by .read */
    F_MAP,   /* a map, read by .read */
};

/* Where a member is in the structure being filled: offsetof + 1, so that 0
 * (what a table leaves out) means "not kept". */
#define AT(type, member) ((int)offsetof(type, member) + 1)

static void *slot(void *item, int at)
{
    return (char *)item + at - 1;
}

struct list;

/* One field of a map: a table of them, in the order they are read, ends
 * with a NULL key.  Reading stops at the first error, so the order of a
 * table is the order in which a file's errors are found. */
struct field {
    const char *key;
    enum field_kind kind;
    bool required;
    bool dflt;  /* F_BOOL: the value when it is not there */
    int at;     /* AT() of the value; F_LIST: of the array */
    int has;    /* AT() of a bool, or 0: F_STAMP, F_DATE: it was given;
                 * F_LIST: the key is there, even with nothing in it */
    int count;  /* F_LIST: AT() of the array's length (size_t) */
    const struct list *list; /* F_LIST */
    /* F_SEQ, F_MAP: reads the field's node n into item, when it is there. */
    int (*read)(struct ctx *c, const char *path, void *item, const struct doc_node *n);
    /* What the table cannot say, run once the field is read (and kept):
     * a check against the fields before it.  n is the field's node, NULL
     * when it is not there. */
    int (*after)(struct ctx *c, const char *path, void *item, const struct doc_node *n);
};

/* A list of maps: the items' structure and how to read one. */
struct list {
    size_t size;                 /* of an item */
    int path;                    /* AT() of the item's path (owned), or 0 */
    const struct field *fields;  /* an item's fields */
    /* Run after item i is read, or NULL: checks between items. */
    int (*check)(struct ctx *c, void *items, size_t i);
};

/* Warn about keys of the map at path that are not in fields. */
static void check_keys(struct ctx *c, const struct doc_node *map, const char *path, const struct field *fields)
{
    for (size_t i = 0; i < map->len; i++) {
        const char *k = map->u.pairs[i].key;
        if (strncmp(k, "x-", 2) == 0)
            continue;
        bool found = false;
        for (const struct field *f = fields; f->key && !found; f++)
            found = strcmp(f->key, k) == 0;
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

static int read_map(struct ctx *c, const char *path, const struct doc_node *map, const struct field *fields,
                    void *item);

/* The list at path (seq) into the array and length of f in owner. */
static int read_list(struct ctx *c, const char *path, const struct field *f, void *owner, const struct doc_node *seq)
{
    const struct list *list = f->list;
    /* The array goes into a member of type "struct measure_... *": every
     * pointer to a structure has the same representation (C11 6.2.5), so
     * it is written as one. */
    struct any *items = xcalloc(seq->len ? seq->len : 1, list->size);
    memcpy(slot(owner, f->at), &items, sizeof items);
    size_t *n = slot(owner, f->count);
    for (size_t i = 0; i < seq->len; i++) {
        char p[600];
        int bad = 0;
        doc_pathf(p, sizeof p, "%s[%zu]", path, i);
        const struct doc_node *map = want(c, p, DOC_MAP, true, &bad);
        if (bad)
            return -1;
        void *item = (char *)items + (*n)++ * list->size;
        if (list->path)
            *(const char **)slot(item, list->path) = xstrdup(p);
        if (read_map(c, p, map, list->fields, item) || (list->check && list->check(c, items, i)))
            return -1;
    }
    return 0;
}

/* The value of a field read (n, NULL when it is not there) into item. */
static int read_value(struct ctx *c, const char *path, const struct field *f, void *item, const struct doc_node *n)
{
    switch (f->kind) {
    case F_STAMP:
    case F_DATE:
        if (f->has)
            *(bool *)slot(item, f->has) = n != NULL;
        if (!n)
            return 0;
        if (f->kind == F_STAMP && calc_parse_stamp(n->u.str, slot(item, f->at)))
            return fail(c, path, _("not a date and time (like 2027-03-01T09:30): %s"), n->u.str);
        if (f->kind == F_DATE && calc_parse_date(n->u.str, slot(item, f->at)))
            return fail(c, path, _("not a date (like 2027-03-01): %s"), n->u.str);
        return 0;
    case F_BOOL:
        if (n && strcmp(n->u.str, "true") != 0 && strcmp(n->u.str, "false") != 0)
            return fail(c, path, _("expected true or false: %s"), n->u.str);
        *(bool *)slot(item, f->at) = n ? strcmp(n->u.str, "true") == 0 : f->dflt;
        return 0;
    case F_LIST:
        if (f->has)
            *(bool *)slot(item, f->has) = doc_get(c->root, path) != NULL;
        return n ? read_list(c, path, f, item, n) : 0;
    case F_SEQ:
    case F_MAP:
        return n ? f->read(c, path, item, n) : 0;
    default:
        return 0;
    }
}

/* The map at path (map) into item: its keys checked, then its fields in
 * the table's order. */
static int read_map(struct ctx *c, const char *path, const struct doc_node *map, const struct field *fields,
                    void *item)
{
    int bad = 0;
    check_keys(c, map, path, fields);
    for (const struct field *f = fields; f->key; f++) {
        char q[700];
        if (f->kind == F_KNOWN)
            continue;
        if (*path)
            doc_pathf(q, sizeof q, "%s.%s", path, f->key);
        else
            doc_pathf(q, sizeof q, "%s", f->key);
        enum doc_kind kind = f->kind == F_LIST || f->kind == F_SEQ ? DOC_SEQ : f->kind == F_MAP ? DOC_MAP : DOC_SCALAR;
        const struct doc_node *n = want(c, q, kind, f->required, &bad);
        if (bad) /* the first wrong field, in the table's order, is the error */
            return -1;
        if (f->kind == F_STR) {
            if (f->at)
                *(const char **)slot(item, f->at) = n ? n->u.str : NULL;
            if (!f->after)
                continue;
        }
        if (read_value(c, q, f, item, n) || (f->after && f->after(c, q, item, n)))
            return -1;
    }
    return 0;
}

/* ---- The tables: one per map of the file, inner ones first ---- */

static int outage_end(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    const struct measure_outage *o = item;
    (void)n;
    return cmp_stamp(o->end, o->start) <= 0 ? fail(c, path, _("an outage must end after it starts")) : 0;
}

static const struct field outage_fields[] = {
    {"start", F_STAMP, .required = true, .at = AT(struct measure_outage, start)},
    {"end", F_STAMP, .required = true, .at = AT(struct measure_outage, end), .after = outage_end},
    {"excluded", F_BOOL, .dflt = false, .at = AT(struct measure_outage, excluded)},
    {"note", F_STR, .at = AT(struct measure_outage, note)},
    {.key = NULL},
};

static const struct list outages = {sizeof(struct measure_outage), 0, outage_fields, NULL};

/* Run after first_response and again after resolved: neither comes before
 * the opening.  (After first_response, has_resolved is still false: an item
 * starts zeroed and resolved is read next.) */
static int ticket_times(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    const struct measure_ticket *k = item;
    (void)n;
    if (k->has_response && cmp_stamp(k->response, k->opened) < 0)
        return fail(c, path, _("the first response comes before the ticket was opened"));
    if (k->has_resolved && cmp_stamp(k->resolved, k->opened) < 0)
        return fail(c, path, _("the resolution comes before the ticket was opened"));
    return 0;
}

static const struct field ticket_fields[] = {
    {"id", F_STR, .at = AT(struct measure_ticket, id)},
    {"priority", F_STR, .at = AT(struct measure_ticket, priority)},
    {"opened", F_STAMP, .required = true, .at = AT(struct measure_ticket, opened)},
    {"first_response", F_STAMP, .at = AT(struct measure_ticket, response),
     .has = AT(struct measure_ticket, has_response), .after = ticket_times},
    {"resolved", F_STAMP, .at = AT(struct measure_ticket, resolved), .has = AT(struct measure_ticket, has_resolved),
     .after = ticket_times},
    {"note", F_KNOWN, .required = false},
    {.key = NULL},
};

static const struct list tickets = {sizeof(struct measure_ticket), 0, ticket_fields, NULL};

static int level_value(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    struct measure_level *l = item;
    if (!n)
        return 0;
    if (calc_parse_decimal(n->u.str, &l->value))
        return fail(c, path, _("not a measured value (a number like 99.7): %s"), n->u.str);
    l->has_value = true;
    return 0;
}

static const struct field level_fields[] = {
    {"value", F_STR, .after = level_value},
    {"outages", F_LIST, .at = AT(struct measure_level, outages), .count = AT(struct measure_level, noutages),
     .list = &outages},
    /* A level's own tickets, even none, stand instead of the period's. */
    {"tickets", F_LIST, .at = AT(struct measure_level, tickets), .count = AT(struct measure_level, ntickets),
     .has = AT(struct measure_level, has_tickets), .list = &tickets},
    {"note", F_STR, .required = false},
    {.key = NULL},
};

/* A period's levels: a map of service level ids (x- keys skipped). */
static int period_levels(struct ctx *c, const char *path, void *item, const struct doc_node *lv)
{
    struct measure_period *pd = item;
    pd->levels = xcalloc(lv->len ? lv->len : 1, sizeof *pd->levels);
    for (size_t i = 0; i < lv->len; i++) {
        const char *id = lv->u.pairs[i].key;
        if (strncmp(id, "x-", 2) == 0)
            continue;
        char r[800];
        int bad = 0;
        doc_pathf(r, sizeof r, "%s.%s", path, id);
        struct measure_level *l = &pd->levels[pd->nlevels++];
        l->id = id;
        l->path = xstrdup(r);
        const struct doc_node *map = want(c, r, DOC_MAP, true, &bad);
        if (bad || read_map(c, r, map, level_fields, l))
            return -1;
    }
    return 0;
}

static int delivery_paused_by(struct ctx *c, const char *path, void *item, const struct doc_node *pb)
{
    struct measure_delivery *d = item;
    d->paused_by = xcalloc(pb->len ? pb->len : 1, sizeof *d->paused_by);
    for (size_t j = 0; j < pb->len; j++) {
        if (pb->u.items[j]->kind != DOC_SCALAR || doc_is_null(pb->u.items[j])) {
            char r[760];
            doc_pathf(r, sizeof r, "%s[%zu]", path, j);
            return fail(c, r, _("expected the id of a deadline"));
        }
        d->paused_by[d->npaused++] = pb->u.items[j]->u.str;
    }
    return 0;
}

static const struct field delivery_fields[] = {
    {"deadline", F_STR, .required = true, .at = AT(struct measure_delivery, deadline)},
    {"delivered", F_DATE, .required = true, .at = AT(struct measure_delivery, delivered)},
    {"paused_by", F_SEQ, .read = delivery_paused_by},
    {"note", F_STR, .required = false},
    {.key = NULL},
};

static const struct list deliveries = {sizeof(struct measure_delivery), AT(struct measure_delivery, path),
                                       delivery_fields, NULL};

static int obligation_amount(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    struct measure_obligation *o = item;
    if (!n)
        return 0;
    if (calc_parse_money(n->u.str, &o->amount_cents))
        return fail(c, path, _("not an amount of money (like 450.00)"));
    o->has_amount = true;
    return 0;
}

/* done, once due is read (has_dates says whether due was given). */
static int obligation_done(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    struct measure_obligation *o = item;
    if (o->has_dates != (n != NULL))
        return fail(c, path, _("give both due and done, or neither"));
    if (o->has_dates && o->done > o->due)
        o->kept = false;
    return 0;
}

static const struct field obligation_fields[] = {
    {"id", F_STR, .required = true, .at = AT(struct measure_obligation, id)},
    {"kept", F_BOOL, .dflt = true, .at = AT(struct measure_obligation, kept)},
    {"amount", F_STR, .after = obligation_amount},
    {"due", F_DATE, .at = AT(struct measure_obligation, due), .has = AT(struct measure_obligation, has_dates)},
    {"done", F_DATE, .at = AT(struct measure_obligation, done), .after = obligation_done},
    {"note", F_STR, .at = AT(struct measure_obligation, note)},
    {.key = NULL},
};

static const struct list obligations = {sizeof(struct measure_obligation), AT(struct measure_obligation, path),
                                        obligation_fields, NULL};

static int period_key(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    struct measure_period *pd = item;
    (void)n;
    if (measure_parse_period(pd->key, &pd->kind, &pd->start, &pd->end))
        return fail(c, path, _("not a period (like 2027-03, 2027-Q1 or 2027): %s"), pd->key);
    return 0;
}

static const struct field period_fields[] = {
    {"period", F_STR, .required = true, .at = AT(struct measure_period, key), .after = period_key},
    {"levels", F_MAP, .read = period_levels},
    {"tickets", F_LIST, .at = AT(struct measure_period, tickets), .count = AT(struct measure_period, ntickets),
     .list = &tickets},
    {"deliveries", F_LIST, .at = AT(struct measure_period, deliveries),
     .count = AT(struct measure_period, ndeliveries), .list = &deliveries},
    {"obligations", F_LIST, .at = AT(struct measure_period, obligations),
     .count = AT(struct measure_period, nobligations), .list = &obligations},
    {"notes", F_STR, .required = false},
    {.key = NULL},
};

/* Period i against the ones before it, and its deliveries. */
static int period_check(struct ctx *c, void *items, size_t i)
{
    const struct measure_period *ps = items, *pd = &ps[i];
    for (size_t j = 0; j < i; j++)
        if (ps[j].start < pd->end && pd->start < ps[j].end) {
            char p[64];
            doc_pathf(p, sizeof p, "periods[%zu].period", i);
            return fail(c, p, _("period %s overlaps period %s"), pd->key, ps[j].key);
        }
    /* An id twice in one period's levels cannot happen (no duplicate
     * keys); a deliverable twice in one period can. */
    for (size_t a = 0; a < pd->ndeliveries; a++)
        for (size_t b = 0; b < a; b++)
            if (strcmp(pd->deliveries[a].deadline, pd->deliveries[b].deadline) == 0)
                return fail(c, pd->deliveries[a].path, _("deadline %s is delivered twice"),
                            pd->deliveries[a].deadline);
    return 0;
}

static const struct list periods = {sizeof(struct measure_period), 0, period_fields, period_check};

static int top_api(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    (void)item;
    if (strcmp(n->u.str, MEASURE_API) != 0)
        return fail(c, path, _("unknown format version \"%s\" (this pacta reads %s)"), n->u.str, MEASURE_API);
    return 0;
}

static int top_kind(struct ctx *c, const char *path, void *item, const struct doc_node *n)
{
    (void)item;
    if (strcmp(n->u.str, MEASURE_KIND) != 0)
        return fail(c, path, _("this file is a \"%s\", not \"%s\""), n->u.str, MEASURE_KIND);
    return 0;
}

static const struct field top_fields[] = {
    {"apiVersion", F_STR, .required = true, .after = top_api},
    {"kind", F_STR, .required = true, .after = top_kind},
    {"agreement", F_STR, .at = AT(struct measure, agreement)},
    {"notes", F_STR, .required = false},
    {"periods", F_LIST, .required = true, .at = AT(struct measure, periods), .count = AT(struct measure, nperiods),
     .list = &periods},
    {.key = NULL},
};

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
    memset(m, 0, sizeof *m);
    m->root = root;
    m->name = xstrdup(name ? name : "");
    err_clear(e);
    struct ctx c = {root, name, warn, e};
    if (!root || root->kind != DOC_MAP) {
        err_set(e, name, 0, 0, "%s", _("not a measurements file (the top level is not a map)"));
        return -1;
    }
    if (read_map(&c, "", root, top_fields, m))
        return -1;
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
