/* validate.c - the rules of format.md, "Rules a loaded file is checked against".
 *
 * One pass over the tree checks every known field's shape and type against
 * the schema; then one function per rule of format.md checks what spans
 * fields: ids, references, dates, targets, tiers, what each agreement type
 * requires, and whether the promises are realistic (using the calculator). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/i18n.h"
#include "src/schema.h"
#include "src/validate.h"
#include "src/xalloc.h"

/* Findings speak the screen language, except when an output in the
 * agreement's language asks for them (validate_doc_lang): then every
 * message of this file is looked up in that language's catalogue. */
static const char *msg_lang;

static const char *tr(const char *msgid) __attribute__((format_arg(1)));
static const char *tr(const char *msgid)
{
    return msg_lang ? i18n_lang(msg_lang, msgid) : gettext(msgid);
}
#undef _
#define _(s) tr(s)

#define API_VERSION "pacta/v1"
#define KIND "ServiceLevelAgreement"

/* ---- the findings list ---- */

void findings_add(struct findings *f, enum finding_severity sev, const struct doc_node *root, const char *path,
                  const char *fmt, ...)
{
    va_list ap;
    f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
    struct finding *x = &f->v[f->n++];
    x->severity = sev;
    x->path = xstrdup(path ? path : "");
    x->line = x->col = 0;
    if (root)
        doc_pos(root, x->path, &x->line, &x->col);
    va_start(ap, fmt);
    if (vasprintf(&x->msg, fmt, ap) < 0)
        x->msg = xstrdup("?");
    va_end(ap);
}

size_t findings_count(const struct findings *f, enum finding_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += f->v[i].severity == sev;
    return n;
}

static bool path_under(const char *p, const char *base)
{
    size_t n = strlen(base);
    return strncmp(p, base, n) == 0 && (p[n] == '\0' || p[n] == '.' || p[n] == '[');
}

size_t findings_for(const struct findings *f, const char *path, const struct finding **first)
{
    size_t n = 0;
    if (first)
        *first = NULL;
    for (size_t i = 0; i < f->n; i++) {
        if (path_under(f->v[i].path, path)) {
            if (!n && first)
                *first = &f->v[i];
            n++;
        }
    }
    return n;
}

static int cmp_finding(const void *a, const void *b)
{
    const struct finding *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

void findings_sort(struct findings *f)
{
    /* qsort is not stable; the pointer comparison keeps insertion order only
     * as a tie-break of last resort, which is enough for equal positions. */
    if (f->n > 1)
        qsort(f->v, f->n, sizeof *f->v, cmp_finding);
}

void findings_free(struct findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].path);
        free(f->v[i].msg);
    }
    free(f->v);
    f->v = NULL;
    f->n = f->cap = 0;
}

const char *finding_severity_name(enum finding_severity sev)
{
    return sev == FINDING_ERROR ? _("error") : _("warning");
}

/* ---- shape and types ---- */

/* The ids of a list, sorted, for lookups in O(log n): every rule that
 * resolves references uses these, so that checking stays O(n log n) for
 * agreements with many thousands of items. */
struct id_entry {
    const char *id;
    size_t index;
};

struct id_index {
    struct id_entry *v;
    size_t n;
};

struct ctx {
    const struct doc_node *root;
    struct findings *out;
    struct id_index *lists; /* one per id_lists[] entry */
};

#define ERR(c, path, ...) findings_add((c)->out, FINDING_ERROR, (c)->root, (path), __VA_ARGS__)
#define WARN(c, path, ...) findings_add((c)->out, FINDING_WARNING, (c)->root, (path), __VA_ARGS__)

static bool is_id(const char *s)
{
    if (!*s || strlen(s) > 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              ((*p == '-' || *p == '_') && p != s)))
            return false;
    return true;
}

static bool is_int(const char *s)
{
    if (*s == '-')
        s++;
    return *s && strspn(s, "0123456789") == strlen(s);
}

static const char *kind_name(const struct doc_node *n)
{
    return n->kind == DOC_MAP ? _("a group of fields") : n->kind == DOC_SEQ ? _("a list") : _("a single value");
}

/* "a|b|c" as "a, b, c" for a message (malloc'd). */
static char *choices(const char *set)
{
    size_t bars = 0;
    for (const char *p = set; *p; p++)
        bars += *p == '|';
    char *out = xmalloc(strlen(set) + bars + 1), *o = out;
    for (const char *p = set; *p; p++) {
        if (*p == '|') {
            *o++ = ',';
            *o++ = ' ';
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* ---- the walk over every node ----
 *
 * One walk visits every node in document order with its schema field
 * carried down: the pattern of a node ("services[].name") is its parent's
 * plus one step, and the items of a list, having the same keys in the same
 * order, look their fields up once per list rather than once per item.
 * The concrete path ("services[3].name") is built only when a finding needs
 * it.  What every node gets is exactly schema_find of its concrete path:
 * when a key holds '[' or ']' or the pattern grows too long for
 * schema_pattern's buffer, the field is looked up from the concrete path as
 * before. */
#define TW_PATTERN_MAX 480 /* below schema_find's 512-byte pattern buffer */

struct tw_step {
    const char *key; /* NULL for a list index */
    size_t index;
};

struct twalk {
    struct ctx *c;
    struct tw_step *steps;
    size_t depth, cap;
    char pat[TW_PATTERN_MAX + 1];
    size_t patlen;
    size_t inexact;            /* steps above whose pattern is not exact (0: exact) */
    struct doc_path path;      /* built on demand */
    bool emit_refs;            /* second walk: report the broken references */
    const struct doc_node **broken; /* references that name nothing, in document order */
    size_t nbroken, capbroken, nextbroken;
};

/* Is the concrete path of the node being visited empty (the root, or keys
 * "" below it)?  Such a node is not checked. */
static bool twalk_at_root(const struct twalk *w)
{
    for (size_t i = 0; i < w->depth; i++)
        if (!w->steps[i].key || *w->steps[i].key)
            return false;
    return true;
}

/* The concrete path of the node being visited (valid until the next call). */
static const char *twalk_path(struct twalk *w)
{
    doc_path_truncate(&w->path, 0);
    for (size_t i = 0; i < w->depth; i++) {
        if (w->steps[i].key)
            doc_path_key(&w->path, w->steps[i].key);
        else
            doc_path_index(&w->path, w->steps[i].index);
    }
    return w->path.s;
}

/* Check one scalar against its type. */
static void check_scalar(struct ctx *c, struct twalk *w, const struct doc_node *n, const struct schema_field *f)
{
    const char *s = n->u.str;
    long day;
    int minutes;
    long long v;
    struct calc_duration d;
    if (doc_is_null(n))
        return; /* an empty answer: the required-field rules speak for it */
    switch (f->type) {
    case SCH_ID:
        if (!is_id(s))
            ERR(c, twalk_path(w), _("\"%s\" is not a valid id: use letters, digits, '-' and '_' (like N1 or backup-daily)"), s);
        break;
    case SCH_ENUM: {
        if (!schema_enum_has(f->arg, s)) {
            char *set = choices(f->arg);
            ERR(c, twalk_path(w), _("\"%s\" is not one of: %s"), s, set);
            free(set);
        }
        break;
    }
    case SCH_INT:
        if (!is_int(s))
            ERR(c, twalk_path(w), _("\"%s\" is not a whole number"), s);
        break;
    case SCH_NUMBER:
        if (calc_parse_decimal(s[0] == '-' ? s + 1 : s, &v) < 0)
            ERR(c, twalk_path(w), _("\"%s\" is not a number (write decimals with a point: 99.5)"), s);
        break;
    case SCH_DATE:
        if (calc_parse_date(s, &day) < 0)
            ERR(c, twalk_path(w), _("\"%s\" is not a date (YYYY-MM-DD, like 2027-01-31)"), s);
        break;
    case SCH_TIME:
        if (calc_parse_time(s, &minutes) < 0)
            ERR(c, twalk_path(w), _("\"%s\" is not a time of day (HH:MM, like 09:00)"), s);
        break;
    case SCH_DURATION:
        if (calc_parse_duration(s, &d) < 0)
            ERR(c, twalk_path(w), _("\"%s\" is not a duration (a number and a unit: 30m, 4h, 2d, 1w, 1M, 1Q, 1Y)"), s);
        break;
    case SCH_MONEY:
        if (!*s)
            ERR(c, twalk_path(w), _("fill in the amount (like 450.00)"));
        else if (calc_parse_money(s, &v) < 0)
            ERR(c, twalk_path(w), _("\"%s\" is not an amount of money (like 450.00)"), s);
        else if (n->style == DOC_PLAIN)
            WARN(c, twalk_path(w), _("amounts are written as quoted text (\"%s\") so that no program rounds them"), s);
        break;
    case SCH_BOOL:
        if (strcmp(s, "true") && strcmp(s, "false"))
            ERR(c, twalk_path(w), _("\"%s\" is not true or false"), s);
        break;
    case SCH_CURRENCY:
        if (strlen(s) != 3 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
            ERR(c, twalk_path(w), _("\"%s\" is not a currency code (three capital letters, like EUR or USD)"), s);
        break;
    default:
        break;
    }
}

static bool kind_fits(const struct doc_node *n, enum schema_type t)
{
    switch (t) {
    case SCH_MAP:
        return n->kind == DOC_MAP;
    case SCH_LIST:
    case SCH_TEXTLIST:
    case SCH_REFLIST:
    case SCH_DATELIST:
    case SCH_ENUMLIST:
        return n->kind == DOC_SEQ;
    default:
        return n->kind == DOC_SCALAR;
    }
}

static void check_node(struct twalk *w, const struct doc_node *n, const struct schema_field *f)
{
    struct ctx *c = w->c;
    if (twalk_at_root(w))
        return;
    if (!f) {
        /* Unknown keys are kept; say so once, at the top of the unknown part,
         * unless it is an extension key (x-...). */
        if (!w->steps[w->depth - 1].key)
            return; /* an item: the path ends with ']' */
        const char *path = twalk_path(w);
        const char *last = strrchr(path, '.');
        const char *key = last ? last + 1 : path;
        if (path[strlen(path) - 1] == ']')
            return;
        char parent[512];
        snprintf(parent, sizeof parent, "%.*s", (int)(last ? last - path : 0), path);
        const struct schema_field *pf = *parent ? schema_find(parent) : NULL;
        bool parent_known = !*parent || pf;
        /* Below a field that should be a single value, the shape error
         * already says what is wrong: no second finding per key. */
        if (pf && pf->type != SCH_MAP)
            return;
        if (parent_known && strncmp(key, "x-", 2) != 0)
            WARN(c, path, _("unknown field \"%s\": kept as it is, but pacta does not use it (extension fields start with x-)"),
                 key);
        return;
    }
    if (doc_is_null(n))
        return;
    if (!kind_fits(n, f->type)) {
        const char *want = f->type == SCH_MAP ? _("a group of fields")
                           : (f->type == SCH_LIST || f->type == SCH_TEXTLIST || f->type == SCH_REFLIST ||
                              f->type == SCH_DATELIST || f->type == SCH_ENUMLIST)
                               ? _("a list")
                               : _("a single value");
        ERR(c, twalk_path(w), _("expected %s here, found %s"), want, kind_name(n));
        return;
    }
    if (n->kind == DOC_SCALAR)
        check_scalar(c, w, n, f);
}

static bool list_has_id(const struct ctx *c, const char *list, const char *id);

/* Does the reference n (a scalar of type SCH_REF) name an item? */
static bool ref_found(const struct ctx *c, const struct doc_node *n, const struct schema_field *f)
{
    char *lists = xstrdup(f->arg);
    bool found = false;
    for (char *save = NULL, *l = strtok_r(lists, "|", &save); l && !found; l = strtok_r(NULL, "|", &save))
        found = list_has_id(c, l, n->u.str);
    free(lists);
    return found;
}

/* The references of every node: in the first walk, remember those that
 * name nothing; in the second, report them (after the ids, as before). */
static void check_ref_node(struct twalk *w, const struct doc_node *n, const struct schema_field *f)
{
    if (!f || f->type != SCH_REF || twalk_at_root(w) || n->kind != DOC_SCALAR || doc_is_null(n))
        return;
    if (!w->emit_refs) {
        if (!ref_found(w->c, n, f)) {
            w->broken = xgrow(w->broken, &w->capbroken, w->nbroken + 1, sizeof *w->broken);
            w->broken[w->nbroken++] = n;
        }
        return;
    }
    if (w->nextbroken < w->nbroken && w->broken[w->nextbroken] == n) {
        w->nextbroken++;
        char *names = choices(f->arg);
        ERR(w->c, twalk_path(w), _("\"%s\" does not name any item of %s"), n->u.str, names);
        free(names);
    }
}

/* The fields of the children of one list's items, by position: items
 * mostly have the same keys in the same order. */
struct tw_memo {
    const char **keys;
    const struct schema_field **fields;
    size_t n, cap;
};

static void tw_push(struct twalk *w, const char *key, size_t index)
{
    w->steps = xgrow(w->steps, &w->cap, w->depth + 1, sizeof *w->steps);
    w->steps[w->depth++] = (struct tw_step){key, index};
}

/* Append one step to the pattern; false (pattern unchanged) when it would
 * no longer be what schema_pattern makes of the concrete path. */
static bool tw_pat_step(struct twalk *w, const char *key)
{
    size_t k = key ? strlen(key) : 2;
    size_t dot = key && w->patlen ? 1 : 0;
    if (key && strpbrk(key, "[]"))
        return false;
    if (w->patlen + dot + k > TW_PATTERN_MAX)
        return false;
    if (dot)
        w->pat[w->patlen++] = '.';
    memcpy(w->pat + w->patlen, key ? key : "[]", k);
    w->patlen += k;
    w->pat[w->patlen] = '\0';
    return true;
}

static void tw_node(struct twalk *w, const struct doc_node *n, const struct schema_field *f);

/* Visit child n reached by key (or index) with its field found from the
 * pattern, through memo slot i when given. */
static void tw_child(struct twalk *w, const struct doc_node *n, const char *key, size_t index,
                     struct tw_memo *memo, size_t i)
{
    size_t mark = w->patlen;
    tw_push(w, key, index);
    bool exact = !w->inexact && tw_pat_step(w, key);
    if (!exact)
        w->inexact++;
    const struct schema_field *f;
    if (!exact) {
        f = schema_find(twalk_path(w));
    } else if (memo && key && i < memo->n && memo->keys[i] && strcmp(memo->keys[i], key) == 0) {
        f = memo->fields[i];
    } else {
        f = schema_find(w->pat);
        if (memo && key) {
            if (i >= memo->n) {
                size_t cap = memo->cap;
                memo->keys = xgrow(memo->keys, &memo->cap, i + 1, sizeof *memo->keys);
                memo->fields = xgrow(memo->fields, &cap, i + 1, sizeof *memo->fields);
                for (size_t k = memo->n; k < i; k++)
                    memo->keys[k] = NULL;
                memo->n = i + 1;
            }
            memo->keys[i] = key;
            memo->fields[i] = f;
        }
    }
    tw_node(w, n, f);
    if (!exact)
        w->inexact--;
    w->patlen = mark;
    w->pat[mark] = '\0';
    w->depth--;
}

static void tw_map(struct twalk *w, const struct doc_node *n, struct tw_memo *memo)
{
    for (size_t i = 0; i < n->len; i++)
        tw_child(w, n->u.pairs[i].val, n->u.pairs[i].key, 0, memo, i);
}

static void tw_node(struct twalk *w, const struct doc_node *n, const struct schema_field *f)
{
    if (!w->emit_refs)
        check_node(w, n, f);
    check_ref_node(w, n, f);
    if (n->kind == DOC_MAP) {
        tw_map(w, n, NULL);
    } else if (n->kind == DOC_SEQ) {
        struct tw_memo memo = {0};
        size_t mark = w->patlen;
        for (size_t i = 0; i < n->len; i++) {
            const struct doc_node *it = n->u.items[i];
            if (it->kind != DOC_MAP) {
                tw_child(w, it, NULL, i, NULL, 0);
                continue;
            }
            /* an item map: its children share the memo of this list */
            tw_push(w, NULL, i);
            bool exact = !w->inexact && tw_pat_step(w, NULL);
            if (!exact)
                w->inexact++;
            const struct schema_field *itf = exact ? schema_find(w->pat) : schema_find(twalk_path(w));
            if (!w->emit_refs)
                check_node(w, it, itf);
            check_ref_node(w, it, itf);
            tw_map(w, it, exact ? &memo : NULL);
            if (!exact)
                w->inexact--;
            w->patlen = mark;
            w->pat[mark] = '\0';
            w->depth--;
        }
        free(memo.keys);
        free(memo.fields);
    }
}

static void twalk_run(struct twalk *w)
{
    w->depth = 0;
    w->patlen = 0;
    w->pat[0] = '\0';
    w->inexact = 0;
    w->nextbroken = 0;
    tw_node(w, w->c->root, NULL);
}

/* ---- the envelope ---- */

static void check_envelope(struct ctx *c)
{
    const char *api = doc_get_str(c->root, "apiVersion");
    const char *kind = doc_get_str(c->root, "kind");
    if (!api)
        ERR(c, "apiVersion", _("this is not a pacta agreement: \"apiVersion: %s\" is missing"), API_VERSION);
    else if (strcmp(api, API_VERSION) != 0) {
        /* pacta/v1.N: a newer minor version of the same format */
        if (strncmp(api, API_VERSION ".", strlen(API_VERSION) + 1) == 0 && is_int(api + strlen(API_VERSION) + 1))
            WARN(c, "apiVersion", _("written by a newer pacta (%s): fields this version does not know are kept as they are"),
                 api);
        else
            ERR(c, "apiVersion", _("unknown format version \"%s\" (this pacta reads %s)"), api, API_VERSION);
    }
    if (!kind)
        ERR(c, "kind", _("\"kind: %s\" is missing"), KIND);
    else if (strcmp(kind, KIND) != 0)
        ERR(c, "kind", _("\"%s\" is not an agreement (kind should be %s)"), kind, KIND);
}

/* ---- ids and references ---- */

static const char *const id_lists[] = {
    "needs", "objectives", "services", "priorities", "service_levels", "deadlines", "pricing.items",
    "obligations.provider", "obligations.client", "remedies.penalties",
};

static const size_t n_id_lists = sizeof id_lists / sizeof id_lists[0];

static int cmp_entry(const void *a, const void *b)
{
    const struct id_entry *x = a, *y = b;
    int r = strcmp(x->id, y->id);
    if (r)
        return r;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The ids of the list at path, sorted by id then position. */
static void index_list(const struct doc_node *root, const char *path, struct id_index *ix)
{
    const struct doc_node *l = doc_get(root, path);
    ix->v = NULL;
    ix->n = 0;
    if (!l || l->kind != DOC_SEQ || !l->len)
        return;
    ix->v = xmalloc(l->len * sizeof *ix->v);
    for (size_t i = 0; i < l->len; i++) {
        const char *id = doc_get_str(l->u.items[i], "id");
        if (id)
            ix->v[ix->n++] = (struct id_entry){id, i};
    }
    qsort(ix->v, ix->n, sizeof *ix->v, cmp_entry);
}

/* The position in its list of the first item with this id, or -1. */
static long index_find(const struct id_index *ix, const char *id)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(ix->v[mid].id, id);
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->n && strcmp(ix->v[lo].id, id) == 0 ? (long)ix->v[lo].index : -1;
}

static const struct id_index *list_index(const struct ctx *c, const char *list)
{
    for (size_t k = 0; k < n_id_lists; k++)
        if (strcmp(id_lists[k], list) == 0)
            return &c->lists[k];
    return NULL;
}

static bool list_has_id(const struct ctx *c, const char *list, const char *id)
{
    const struct id_index *ix = list_index(c, list);
    return ix && index_find(ix, id) >= 0;
}

static void check_ids(struct ctx *c)
{
    char path[256];
    for (size_t k = 0; k < n_id_lists; k++) {
        const struct doc_node *l = doc_get(c->root, id_lists[k]);
        if (!l || l->kind != DOC_SEQ)
            continue;
        for (size_t i = 0; i < l->len; i++)
            if (l->u.items[i]->kind == DOC_MAP && !doc_get_str(l->u.items[i], "id"))
                ERR(c, doc_pathf(path, sizeof path, "%s[%zu]", id_lists[k], i),
                    _("this item has no id (each item needs one, like %s1)"), "X");
        /* sorted by id then position: a repeat follows its first use */
        const struct id_index *ix = &c->lists[k];
        for (size_t j = 1; j < ix->n; j++) {
            size_t first = j - 1;
            while (first > 0 && strcmp(ix->v[first - 1].id, ix->v[j].id) == 0)
                first--;
            if (strcmp(ix->v[first].id, ix->v[j].id) != 0)
                continue;
            unsigned line = 0, col = 0;
            doc_pos(c->root, doc_pathf(path, sizeof path, "%s[%zu].id", id_lists[k], ix->v[first].index), &line,
                    &col);
            ERR(c, doc_pathf(path, sizeof path, "%s[%zu].id", id_lists[k], ix->v[j].index),
                _("the id \"%s\" is used twice in %s (first at line %u)"), ix->v[j].id, id_lists[k], line);
        }
    }
}

/* ---- dates, targets, priorities, tiers ---- */

static bool get_date(const struct doc_node *root, const char *path, long *day)
{
    const char *s = doc_get_str(root, path);
    return s && calc_parse_date(s, day) == 0;
}

static void check_dates(struct ctx *c)
{
    long from, to, due;
    bool has_from = get_date(c->root, "agreement.effective_from", &from);
    bool has_to = get_date(c->root, "agreement.effective_to", &to);
    if (has_from && has_to && to <= from)
        ERR(c, "agreement.effective_to", _("the agreement ends before it starts (effective_to must be after effective_from)"));
    size_t n = doc_count(c->root, "deadlines");
    char path[128];
    for (size_t i = 0; i < n; i++) {
        if (!get_date(c->root, doc_pathf(path, sizeof path, "deadlines[%zu].due", i), &due))
            continue;
        if ((has_from && due < from) || (has_to && due > to))
            WARN(c, path, _("this deadline falls outside the agreement's term"));
    }
}

static bool get_decimal(const struct doc_node *root, const char *path, long long *v, bool *neg)
{
    const char *s = doc_get_str(root, path);
    if (!s)
        return false;
    *neg = s[0] == '-';
    return calc_parse_decimal(*neg ? s + 1 : s, v) == 0;
}

/* Item i of a list as the path "list[i]" finds it (NULL when n is not a
 * list or too short), and the text under key in an item as doc_get_str
 * gives it: read from the nodes, with no path formatted per field. */
static const struct doc_node *item_at(const struct doc_node *n, size_t i)
{
    return n && n->kind == DOC_SEQ && i < n->len ? n->u.items[i] : NULL;
}

static const char *item_str(const struct doc_node *item, const char *key)
{
    const struct doc_node *n = doc_map_get(item, key);
    return n && n->kind == DOC_SCALAR && !doc_is_null(n) ? n->u.str : NULL;
}

static void check_targets(struct ctx *c)
{
    size_t n = doc_count(c->root, "service_levels");
    const struct doc_node *levels = doc_get(c->root, "service_levels");
    char path[128], base[64];
    for (size_t i = 0; i < n; i++) {
        const struct doc_node *it = item_at(levels, i);
        long long t;
        bool neg;
        if (!item_str(it, "measurement")) {
            doc_pathf(base, sizeof base, "service_levels[%zu]", i);
            WARN(c, doc_pathf(path, sizeof path, "%s.measurement", base),
                 _("say how this level is measured: without it nobody can tell whether it was met"));
        }
        const char *unit = item_str(it, "unit");
        const char *ind = item_str(it, "indicator");
        bool percent = (unit && !strcmp(unit, "percent")) || (!unit && ind && !strcmp(ind, "availability"));
        const char *ts = item_str(it, "target");
        if (!ts)
            continue;
        neg = ts[0] == '-';
        if (calc_parse_decimal(neg ? ts + 1 : ts, &t) != 0)
            continue;
        doc_pathf(base, sizeof base, "service_levels[%zu]", i);
        doc_pathf(path, sizeof path, "%s.target", base);
        if (neg)
            ERR(c, path, _("a target cannot be negative"));
        else if (percent && t > 100 * CALC_SCALE)
            ERR(c, path, _("a percentage target must be between 0 and 100"));
        else if (percent && t == 100 * CALC_SCALE)
            WARN(c, path, _("100 %% is impossible to promise: any single failure breaks it (99.9 %% is already demanding)"));
    }
}

static void check_priorities(struct ctx *c)
{
    size_t n = doc_count(c->root, "priorities");
    char path[128];
    for (size_t i = 0; i < n; i++) {
        const char *rs = doc_get_str(c->root, doc_pathf(path, sizeof path, "priorities[%zu].response", i));
        const char *ss = doc_get_str(c->root, doc_pathf(path, sizeof path, "priorities[%zu].resolution", i));
        struct calc_duration r, s;
        long long rmin, rmax, smin, smax;
        if (!rs || !ss || calc_parse_duration(rs, &r) < 0 || calc_parse_duration(ss, &s) < 0)
            continue;
        if (calc_duration_seconds(&r, CALC_MONTH_CALENDAR, 0, &rmin, &rmax) < 0 ||
            calc_duration_seconds(&s, CALC_MONTH_CALENDAR, 0, &smin, &smax) < 0)
            continue;
        if (rmin > smax)
            ERR(c, doc_pathf(path, sizeof path, "priorities[%zu].response", i),
                _("the response time (%s) is longer than the resolution time (%s)"), rs, ss);
    }
}

static void check_cap(struct ctx *c, const char *path)
{
    long long v;
    bool neg;
    if (get_decimal(c->root, path, &v, &neg) && (neg || v == 0 || v > 100 * CALC_SCALE))
        ERR(c, path, _("a cap must be more than 0 %% and at most 100 %%"));
}

static void check_tiers(struct ctx *c)
{
    size_t n = doc_count(c->root, "remedies.service_credits");
    char path[160];
    for (size_t i = 0; i < n; i++) {
        size_t nt = doc_count(c->root, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].tiers", i));
        long long pb = 0, pc = 0;
        for (size_t t = 0; t < nt; t++) {
            long long b, pct;
            bool nb, np;
            bool hb = get_decimal(c->root, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].tiers[%zu].below", i, t), &b, &nb);
            bool hc = get_decimal(c->root, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].tiers[%zu].credit_percent", i, t), &pct, &np);
            if (hc && (np || pct > 100 * CALC_SCALE))
                ERR(c, path, _("a credit must be between 0 %% and 100 %%"));
            if (t > 0 && hb && b >= pb)
                ERR(c, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].tiers[%zu].below", i, t),
                    _("tiers go from the mildest to the worst: each \"below\" must be lower than the one before"));
            if (t > 0 && hc && pct <= pc)
                ERR(c, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].tiers[%zu].credit_percent", i, t),
                    _("a worse tier must give a larger credit than the one before"));
            if (hb)
                pb = b;
            if (hc)
                pc = pct;
        }
        check_cap(c, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].monthly_cap_percent", i));
        check_cap(c, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].yearly_cap_percent", i));
    }
    n = doc_count(c->root, "remedies.penalties");
    for (size_t i = 0; i < n; i++)
        check_cap(c, doc_pathf(path, sizeof path, "remedies.penalties[%zu].cap_percent", i));
}

/* ---- what each type requires ---- */

static bool present(const struct doc_node *root, const char *path)
{
    const struct doc_node *n = doc_get(root, path);
    if (doc_is_null(n))
        return false;
    if (n->kind == DOC_SCALAR)
        return n->len > 0;
    return n->len > 0;
}

static const char *type_name(const char *type)
{
    if (!strcmp(type, "binding"))
        return _("a binding agreement");
    if (!strcmp(type, "two_way"))
        return _("a two-way agreement");
    return _("a basic agreement");
}

static void require(struct ctx *c, const char *path, const char *what, const char *type)
{
    if (!present(c->root, path))
        ERR(c, path, _("%s needs %s"), type_name(type), what);
}

/* Does some remedy make party pay? */
static bool remedy_for(const struct ctx *c, const char *party)
{
    const struct doc_node *root = c->root;
    char path[128];
    size_t n = doc_count(root, "remedies.penalties");
    for (size_t i = 0; i < n; i++) {
        const char *o = doc_get_str(root, doc_pathf(path, sizeof path, "remedies.penalties[%zu].obligated", i));
        if (o && !strcmp(o, party))
            return true;
    }
    const struct id_index *levels = list_index(c, "service_levels");
    n = doc_count(root, "remedies.service_credits");
    for (size_t i = 0; i < n; i++) {
        const char *sl = doc_get_str(root, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].service_level", i));
        long j = sl ? index_find(levels, sl) : -1;
        if (j < 0)
            continue;
        const char *o = doc_get_str(root, doc_pathf(path, sizeof path, "service_levels[%ld].obligated", j));
        if (!strcmp(o ? o : "provider", party))
            return true;
    }
    return false;
}

static void check_type_table(struct ctx *c)
{
    const char *type = doc_get_str(c->root, "agreement.type");
    const char *scope = doc_get_str(c->root, "agreement.scope");
    if (!type || !schema_enum_has("basic|binding|two_way", type))
        type = "basic";
    bool internal = scope && !strcmp(scope, "internal");
    bool strict = strcmp(type, "basic") != 0;

    require(c, "metadata.title", _("a title"), type);
    if (!present(c->root, "agreement.type"))
        ERR(c, "agreement.type", _("choose the type of agreement: basic, binding or two_way"));
    require(c, "parties.provider.name", internal ? _("the name of the department that provides the service")
                                                 : _("the provider's name"), type);
    require(c, "parties.client.name", internal ? _("the name of the department that receives the service")
                                               : _("the client's name"), type);
    require(c, "needs", _("at least one client need"), type);
    require(c, "objectives", _("at least one objective"), type);
    require(c, "services", _("at least one service"), type);
    require(c, "service_levels", _("at least one service level"), type);
    if (strict && !internal)
        require(c, "pricing.items", _("a price: what the client pays"), type);
    if (!strcmp(type, "two_way"))
        require(c, "obligations.client", _("at least one commitment of the client"), type);
    if (strict) {
        require(c, "remedies", _("remedies: what a broken promise costs"), type);
        require(c, "agreement.governing_law", _("the governing law"), type);
        require(c, "signatures", _("signatures"), type);
        if (present(c->root, "remedies") && !remedy_for(c, "provider"))
            ERR(c, "remedies", _("%s needs a remedy for when the provider breaks a promise"), type_name(type));
        if (!strcmp(type, "two_way") && present(c->root, "remedies") && !remedy_for(c, "client"))
            ERR(c, "remedies", _("%s needs a remedy for when the client breaks a promise too"), type_name(type));
    }
    if (strcmp(type, "two_way") != 0) {
        char path[128];
        size_t n = doc_count(c->root, "service_levels");
        for (size_t i = 0; i < n; i++) {
            const char *o = doc_get_str(c->root, doc_pathf(path, sizeof path, "service_levels[%zu].obligated", i));
            if (o && !strcmp(o, "client"))
                WARN(c, path, _("only a two-way agreement gives the client service levels of its own"));
        }
    }
}

/* ---- realistic expectations ---- */

/* Every id that the items of list name in their field (a list of ids),
 * sorted. */
static void index_refs(const struct doc_node *root, const char *list, const char *field, struct id_index *ix)
{
    const struct doc_node *l = doc_get(root, list);
    size_t cap = 0;
    ix->v = NULL;
    ix->n = 0;
    for (size_t i = 0; l && l->kind == DOC_SEQ && i < l->len; i++) {
        const struct doc_node *refs = doc_map_get(l->u.items[i], field);
        if (!refs || refs->kind != DOC_SEQ)
            continue;
        for (size_t j = 0; j < refs->len; j++)
            if (refs->u.items[j]->kind == DOC_SCALAR) {
                ix->v = xgrow(ix->v, &cap, ix->n + 1, sizeof *ix->v);
                ix->v[ix->n++] = (struct id_entry){refs->u.items[j]->u.str, i};
            }
    }
    if (ix->n)
        qsort(ix->v, ix->n, sizeof *ix->v, cmp_entry);
}

static void check_coverage(struct ctx *c)
{
    char path[128];
    struct id_index covered, served;
    index_refs(c->root, "objectives", "needs", &covered);
    index_refs(c->root, "services", "objectives", &served);
    size_t n = doc_count(c->root, "needs");
    for (size_t i = 0; i < n; i++) {
        const char *id = doc_get_str(c->root, doc_pathf(path, sizeof path, "needs[%zu].id", i));
        if (id && index_find(&covered, id) < 0)
            WARN(c, doc_pathf(path, sizeof path, "needs[%zu]", i), _("no objective covers the need %s"), id);
    }
    n = doc_count(c->root, "objectives");
    for (size_t i = 0; i < n; i++) {
        const char *id = doc_get_str(c->root, doc_pathf(path, sizeof path, "objectives[%zu].id", i));
        if (id && index_find(&served, id) < 0)
            WARN(c, doc_pathf(path, sizeof path, "objectives[%zu]", i), _("no service serves the objective %s"), id);
    }
    free(covered.v);
    free(served.v);
}

/* The longest stretch, in minutes, during which support is closed in an
 * ordinary week (holidays aside). */
static long long longest_closed(const struct calc_hours *h)
{
    if (!h->days)
        return 7 * 1440;
    long long best = 0, run = 0;
    /* two weeks so that a closure spanning Sunday night is seen whole */
    for (int d = 0; d < 14; d++) {
        bool open = h->days & (1u << (d % 7));
        if (!open) {
            run += 1440;
            continue;
        }
        run += h->from;
        if (run > best)
            best = run;
        run = 1440 - h->to;
    }
    if (run > best)
        best = run;
    return best;
}

static void check_realism(struct ctx *c)
{
    struct calc_hours hours;
    struct err e;
    bool has_hours = present(c->root, "support_hours") &&
                     calc_hours_from_doc(c->root, "support_hours", &hours, &e) == 0;
    long long closed = has_hours ? longest_closed(&hours) : 0;
    char path[128], base[64];

    size_t n = doc_count(c->root, "service_levels");
    const struct doc_node *levels = doc_get(c->root, "service_levels");
    for (size_t i = 0; i < n; i++) {
        const struct doc_node *it = item_at(levels, i);
        const char *ind = item_str(it, "indicator");
        const char *target = item_str(it, "target");
        const char *win = item_str(it, "window");
        const char *clock = item_str(it, "clock");
        const char *month = item_str(it, "month");
        if (!ind || strcmp(ind, "availability") || !target || !win)
            continue;
        struct calc_window w = {0};
        if (calc_parse_duration(win, &w.len) < 0)
            continue;
        w.month = CALC_MONTH_CALENDAR;
        if (month)
            calc_parse_month_mode(month, &w.month);
        bool business = clock && !strcmp(clock, "business");
        if (business && has_hours)
            w.hours = &hours;
        long long lo, hi;
        if (calc_downtime(target, &w, &lo, &hi) < 0)
            continue;
        doc_pathf(base, sizeof base, "service_levels[%zu]", i);
        doc_pathf(path, sizeof path, "%s.target", base);
        if (lo < 600 && lo > 0)
            WARN(c, path, _("this target allows less than a minute of downtime per period: ordinary monitoring cannot even show it was kept"));
        /* Measured around the clock, supported only part of it: an outage
         * when support is closed cannot be fixed before it opens again. */
        if (!business && has_hours && closed * 600 > hi)
            WARN(c, path, _("availability is measured around the clock, but support is closed for up to %lld h at a time: one outage then uses up the whole downtime this target allows"),
                 closed / 60);
    }

    n = doc_count(c->root, "priorities");
    for (size_t i = 0; i < n && has_hours; i++) {
        const char *rs = doc_get_str(c->root, doc_pathf(path, sizeof path, "priorities[%zu].response", i));
        const char *clock = doc_get_str(c->root, doc_pathf(path, sizeof path, "priorities[%zu].clock", i));
        struct calc_duration r;
        long long rmin, rmax;
        if (!rs || calc_parse_duration(rs, &r) < 0 || calc_duration_seconds(&r, CALC_MONTH_CALENDAR, 0, &rmin, &rmax) < 0)
            continue;
        if ((!clock || strcmp(clock, "business")) && rmax < closed * 60)
            WARN(c, doc_pathf(path, sizeof path, "priorities[%zu].response", i),
                 _("a response within %s on a calendar clock is not possible while support is closed (up to %lld h at a time): use the business clock or longer times"),
                 rs, closed / 60);
    }
    if (has_hours)
        calc_hours_free(&hours);
}

void validate_doc_lang(const struct doc_node *root, const char *lang, struct findings *out)
{
    msg_lang = lang;
    validate_doc(root, out);
    msg_lang = NULL;
}

void validate_doc(const struct doc_node *root, struct findings *out)
{
    struct id_index lists[sizeof id_lists / sizeof id_lists[0]];
    struct ctx c = {root, out, lists};
    size_t first = out->n;
    for (size_t k = 0; k < n_id_lists; k++)
        index_list(root, id_lists[k], &lists[k]);
    check_envelope(&c);
    /* shapes and types; the references are looked up in the same walk, and
     * those that name nothing are reported after the ids, as ever */
    struct twalk w = {.c = &c};
    doc_path_init(&w.path, "");
    twalk_run(&w);
    check_ids(&c);
    if (w.nbroken) {
        w.emit_refs = true;
        twalk_run(&w);
    }
    free(w.broken);
    free(w.steps);
    doc_path_free(&w.path);
    check_dates(&c);
    check_targets(&c);
    check_priorities(&c);
    check_tiers(&c);
    check_type_table(&c);
    check_coverage(&c);
    check_realism(&c);
    struct findings tail = {out->v ? out->v + first : NULL, out->n - first, 0}; /* no arithmetic on NULL (UBSan) */
    findings_sort(&tail);
    for (size_t k = 0; k < n_id_lists; k++)
        free(lists[k].v);
}
