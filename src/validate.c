/* validate.c - the rules of format.md, "Rules a loaded file is checked against".
 *
 * One pass over the tree checks every known field's shape and type against
 * the schema, and looks every reference up; then one function per rule of
 * format.md checks what spans fields: ids, references, dates, targets,
 * tiers, what each agreement type requires, and whether the promises are
 * realistic (using the calculator).
 *
 * Checking must stay linear in the size of the agreement (it runs after
 * every edit in the editor, and before every summary of a 100,000-item
 * file), and reentrant (it may run on a thread of its own beside a
 * renderer): the rules read the tree's nodes directly, ids are found through
 * hash tables (src/idindex.h), a path string is formatted only for a
 * finding, and nothing here is static and mutable. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/i18n.h"
#include "src/idindex.h"
#include "src/schema.h"
#include "src/validate.h"
#include "src/xalloc.h"

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

/* ---- the state of one validation ---- */

/* The lists whose items have ids, in the order their rules report. */
static const char *const id_lists[] = {
    "needs", "objectives", "services", "priorities", "service_levels", "deadlines", "pricing.items",
    "obligations.provider", "obligations.client", "remedies.penalties",
};
enum { N_ID_LISTS = sizeof id_lists / sizeof id_lists[0], L_SERVICE_LEVELS = 4 };
_Static_assert(N_ID_LISTS <= 16, "a reference field's lists are bits of an unsigned short");

/* An item of id list k without an id (first == NO_ID), or one that
 * repeats the id of item first. */
struct id_issue {
    size_t list, first, item;
};
#define NO_ID ((size_t)-1)

/* A reference that names nothing, found by the walk and reported after
 * the ids. */
struct broken_ref {
    char *path;
    const struct doc_node *n;
    const struct schema_field *f;
};

struct ctx {
    const struct doc_node *root;
    struct findings *out;
    /* Findings speak the screen language (NULL), or, for an output in the
     * agreement's language (validate_doc_lang), that language. */
    const char *lang;
    const struct doc_node *lists[N_ID_LISTS]; /* each id list, NULL when not a list */
    struct idindex ids[N_ID_LISTS];           /* id -> first item with it */
    struct id_issue *issues;                  /* in list order, then item order */
    size_t nissues, capissues;
    /* For each schema field of type SCH_REF (by rank): bit k set when its
     * arg names id_lists[k]. */
    unsigned short *refmask;
    struct broken_ref *broken; /* in document order */
    size_t nbroken, capbroken;
};

/* Every message of this file goes through tr(c, ...): gettext for the
 * screen, the catalogue of c->lang for an output.  The language travels in
 * the context rather than in a static, so that two validations may run at
 * once. */
static const char *tr(const struct ctx *c, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(const struct ctx *c, const char *msgid)
{
    return c->lang ? i18n_lang(c->lang, msgid) : gettext(msgid);
}
#undef _
#define _(s) tr(c, (s))

#define ERR(c, path, ...) findings_add((c)->out, FINDING_ERROR, (c)->root, (path), __VA_ARGS__)
#define WARN(c, path, ...) findings_add((c)->out, FINDING_WARNING, (c)->root, (path), __VA_ARGS__)

/* ---- reading nodes ---- */

/* doc_is_null(n) for a node that is there.  Only a plain scalar that is
 * empty or starts with '~', 'n' or 'N' can be one of doc_is_null's nulls
 * ("", "~", "null", "Null", "NULL"), so the call (four strcmp) is made for
 * those alone: most scalars are quoted text, ids, numbers. */
static inline bool is_null(const struct doc_node *n)
{
    if (n->kind != DOC_SCALAR || n->style != DOC_PLAIN)
        return false;
    char c0 = n->u.str[0];
    return (c0 == '\0' || c0 == '~' || c0 == 'n' || c0 == 'N') && doc_is_null(n);
}

/* Item i of a list as the path "list[i]" finds it (NULL when n is not a
 * list or too short), and the text under key in an item as doc_get_str
 * gives it: read from the nodes, with no path formatted per field. */
static const struct doc_node *item_at(const struct doc_node *n, size_t i)
{
    return n && n->kind == DOC_SEQ && i < n->len ? n->u.items[i] : NULL;
}

/* doc_map_get: the value of the first pair with this key, NULL when map is
 * not a map.  Inline, and the first bytes compared before strcmp is
 * called: the rules read several keys of each of thousands of items. */
static const struct doc_node *map_get(const struct doc_node *map, const char *key)
{
    if (!map || map->kind != DOC_MAP)
        return NULL;
    for (size_t i = 0; i < map->len; i++) {
        const char *k = map->u.pairs[i].key;
        if (k[0] == key[0] && strcmp(k, key) == 0)
            return map->u.pairs[i].val;
    }
    return NULL;
}

static const char *item_str(const struct doc_node *item, const char *key)
{
    const struct doc_node *n = map_get(item, key);
    return n && n->kind == DOC_SCALAR && !is_null(n) ? n->u.str : NULL;
}

/* What doc_count gives for the node: items or pairs, 0 for a scalar. */
static size_t node_count(const struct doc_node *n)
{
    return n && n->kind != DOC_SCALAR ? n->len : 0;
}

/* ---- values ---- */

static bool is_id(const char *s)
{
    if (!*s)
        return false;
    const char *p = s;
    for (; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              ((*p == '-' || *p == '_') && p != s)))
            return false;
    return p - s <= 64;
}

static bool is_int(const char *s)
{
    if (*s == '-')
        s++;
    return *s && strspn(s, "0123456789") == strlen(s);
}

static const char *kind_name(const struct ctx *c, const struct doc_node *n)
{
    return n->kind == DOC_MAP ? _("a group of fields") : n->kind == DOC_SEQ ? _("a list") : _("a single value");
}

/* schema_enum_has(set, value): is value one of the "a|b|c" of set?  In one
 * pass over set, with no strlen and strcspn per choice: every enum field of
 * every item is checked. */
static bool enum_has(const char *set, const char *value)
{
    if (!set || !*value)
        return false;
    for (const char *p = set;;) {
        const char *v = value;
        while (*v && *p == *v && *p != '|')
            p++, v++;
        if (!*v && (!*p || *p == '|'))
            return true;
        while (*p && *p != '|')
            p++;
        if (!*p++)
            return false;
    }
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

/* ---- ids ---- */

/* Index the ids of every id list: each list's ids by text (the first item
 * with an id wins, as a sorted index's lower bound did); note every item
 * without one and every repeat, in item order.  An id is what
 * doc_get_str(item, "id") gives. */
static void index_ids(struct ctx *c)
{
    for (size_t k = 0; k < N_ID_LISTS; k++) {
        const struct doc_node *l = doc_get(c->root, id_lists[k]);
        c->lists[k] = l && l->kind == DOC_SEQ ? l : NULL;
        idindex_init(&c->ids[k], c->lists[k] ? c->lists[k]->len : 0);
        for (size_t i = 0; c->lists[k] && i < l->len; i++) {
            const char *id = item_str(l->u.items[i], "id");
            size_t first = NO_ID;
            if (id ? !idindex_add(&c->ids[k], id, i, &first) : l->u.items[i]->kind == DOC_MAP) {
                c->issues = xgrow(c->issues, &c->capissues, c->nissues + 1, sizeof *c->issues);
                c->issues[c->nissues++] = (struct id_issue){k, first, i};
            }
        }
    }
}

/* The index in id_lists of list, or -1. */
static int list_number(const char *list, size_t len)
{
    for (size_t k = 0; k < N_ID_LISTS; k++)
        if (strncmp(id_lists[k], list, len) == 0 && id_lists[k][len] == '\0')
            return (int)k;
    return -1;
}

/* Which id lists each reference field names ("a|b": the id is looked for in
 * each; names that are no id list never match). */
static void index_ref_fields(struct ctx *c)
{
    c->refmask = xcalloc(schema_nfields, sizeof *c->refmask);
    for (size_t i = 0; i < schema_nfields; i++) {
        if (schema_fields[i].type != SCH_REF || !schema_fields[i].arg)
            continue;
        for (const char *p = schema_fields[i].arg; *p;) {
            size_t len = strcspn(p, "|");
            int k = list_number(p, len);
            if (k >= 0)
                c->refmask[i] |= (unsigned short)(1u << k);
            p += len;
            if (*p)
                p++;
        }
    }
}

/* Does the reference s (of field f, SCH_REF) name an item? */
static bool ref_found(const struct ctx *c, const struct schema_field *f, const char *s)
{
    unsigned mask = c->refmask[f - schema_fields];
    for (size_t k = 0; mask; k++, mask >>= 1)
        if ((mask & 1) && idindex_find(&c->ids[k], s, NULL))
            return true;
    return false;
}

/* The position in its list of the first item with this id, or -1. */
static long id_find(const struct ctx *c, size_t list, const char *id)
{
    size_t i;
    return idindex_find(&c->ids[list], id, &i) ? (long)i : -1;
}

/* ---- the walk over every node ----
 *
 * One walk visits every node in document order and checks it against the
 * field the schema gives its concrete path ("services[3].name"): exactly
 * schema_find(path), without building the path.  Each node's field comes
 * from its parent's (schema_child, schema_item), which is the same thing
 * for a key without '.', '[' or ']' (schema.h); the items of a list, having
 * mostly the same keys in the same order, remember their keys' fields by
 * position.  Below a key that is empty or holds '.', '[' or ']' (which a
 * path cannot tell apart from its own punctuation) the field is looked up
 * from the concrete path, as before.  The path is formatted only when a
 * finding needs it. */

enum place_mode {
    AT_TOP, /* the root, or under it by "" keys only: the path is "", not checked */
    EXACT,  /* f from the parent's field */
    BY_PATH /* f = schema_find(concrete path) */
};

/* Where the node being visited is: the chain of places up to the root
 * lives on the walk's stack. */
struct place {
    const struct place *up; /* NULL: the root */
    const char *key;        /* NULL: an item, at index */
    size_t index;
    const struct schema_field *f; /* schema_find of the concrete path */
    enum place_mode mode;
};

struct twalk {
    struct ctx *c;
    struct doc_path path; /* built on demand */
};

/* The fields of the keys of one list's items, by position. */
enum { MEMO_MAX = 32 };
struct tw_memo {
    size_t n;
    struct {
        const char *key; /* NULL: nothing remembered here */
        const struct schema_field *f;
    } v[MEMO_MAX];
};

static void path_add(struct doc_path *out, const struct place *p)
{
    if (!p->up)
        return;
    path_add(out, p->up);
    if (p->key)
        doc_path_key(out, p->key);
    else
        doc_path_index(out, p->index);
}

/* The concrete path of p (valid until the next call). */
static const char *place_path(struct twalk *w, const struct place *p)
{
    doc_path_truncate(&w->path, 0);
    path_add(&w->path, p);
    return w->path.s;
}

/* A key that one step of a path names exactly: not empty, no '.', '[', ']'. */
static bool key_simple(const char *k)
{
    return *k && !k[strcspn(k, ".[]")];
}

/* The place of the child of up reached by key (or, NULL, by index). */
static void place_child(struct twalk *w, struct place *p, const struct place *up, const char *key, size_t index)
{
    p->up = up;
    p->key = key;
    p->index = index;
    if (up->mode == AT_TOP && key && !*key) {
        p->mode = AT_TOP; /* the path stays "" */
        p->f = NULL;
    } else if (up->mode == BY_PATH || (key && !key_simple(key))) {
        p->mode = BY_PATH;
        p->f = schema_find(place_path(w, p));
    } else {
        /* "[i]" at the top is no field; nor is anything below an unknown
         * field (every field's parent is in the table) */
        p->mode = EXACT;
        if (up->mode == AT_TOP)
            p->f = key ? schema_child(NULL, key) : NULL;
        else if (!up->f)
            p->f = NULL;
        else
            p->f = key ? schema_child(up->f, key) : schema_item(up->f);
    }
}

/* Check one scalar against its type. */
static void check_scalar(struct twalk *w, const struct doc_node *n, const struct place *p)
{
    struct ctx *c = w->c;
    const struct schema_field *f = p->f;
    const char *s = n->u.str;
    long day;
    int minutes;
    long long v;
    struct calc_duration d;
    switch (f->type) {
    case SCH_ID:
        if (!is_id(s))
            ERR(c, place_path(w, p),
                _("\"%s\" is not a valid id: use letters, digits, '-' and '_' (like N1 or backup-daily)"), s);
        break;
    case SCH_ENUM: {
        if (!enum_has(f->arg, s)) {
            char *set = choices(f->arg);
            ERR(c, place_path(w, p), _("\"%s\" is not one of: %s"), s, set);
            free(set);
        }
        break;
    }
    case SCH_INT:
        if (!is_int(s))
            ERR(c, place_path(w, p), _("\"%s\" is not a whole number"), s);
        break;
    case SCH_NUMBER:
        if (calc_parse_decimal(s[0] == '-' ? s + 1 : s, &v) < 0)
            ERR(c, place_path(w, p), _("\"%s\" is not a number (write decimals with a point: 99.5)"), s);
        break;
    case SCH_DATE:
        if (calc_parse_date(s, &day) < 0)
            ERR(c, place_path(w, p), _("\"%s\" is not a date (YYYY-MM-DD, like 2027-01-31)"), s);
        break;
    case SCH_TIME:
        if (calc_parse_time(s, &minutes) < 0)
            ERR(c, place_path(w, p), _("\"%s\" is not a time of day (HH:MM, like 09:00)"), s);
        break;
    case SCH_DURATION:
        if (calc_parse_duration(s, &d) < 0)
            ERR(c, place_path(w, p),
                _("\"%s\" is not a duration (a number and a unit: 30m, 4h, 2d, 1w, 1M, 1Q, 1Y)"), s);
        break;
    case SCH_MONEY:
        if (!*s)
            ERR(c, place_path(w, p), _("fill in the amount (like 450.00)"));
        else if (calc_parse_money(s, &v) < 0)
            ERR(c, place_path(w, p), _("\"%s\" is not an amount of money (like 450.00)"), s);
        else if (n->style == DOC_PLAIN)
            WARN(c, place_path(w, p),
                 _("amounts are written as quoted text (\"%s\") so that no program rounds them"), s);
        break;
    case SCH_BOOL:
        if (strcmp(s, "true") && strcmp(s, "false"))
            ERR(c, place_path(w, p), _("\"%s\" is not true or false"), s);
        break;
    case SCH_CURRENCY:
        if (strlen(s) != 3 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
            ERR(c, place_path(w, p),
                _("\"%s\" is not a currency code (three capital letters, like EUR or USD)"), s);
        break;
    default:
        break;
    }
}

static bool is_list_type(enum schema_type t)
{
    return (1u << t) & (1u << SCH_LIST | 1u << SCH_TEXTLIST | 1u << SCH_REFLIST | 1u << SCH_DATELIST | 1u << SCH_ENUMLIST);
}

static bool kind_fits(const struct doc_node *n, enum schema_type t)
{
    if (t == SCH_MAP)
        return n->kind == DOC_MAP;
    if (is_list_type(t))
        return n->kind == DOC_SEQ;
    return n->kind == DOC_SCALAR;
}

/* A node the schema does not know.  Unknown keys are kept; say so once, at
 * the top of the unknown part, unless it is an extension key (x-...). */
static void check_unknown(struct twalk *w, const struct place *p)
{
    struct ctx *c = w->c;
    if (!p->key)
        return; /* an item: the path ends with ']' */
    const struct schema_field *pf;
    bool parent_known;
    const char *key;
    if (p->mode == EXACT) {
        /* A simple key: the path is the parent's, a '.' and the key (the
         * key alone at the top), and the parent's field is up->f. */
        pf = p->up->mode == AT_TOP ? NULL : p->up->f;
        parent_known = p->up->mode == AT_TOP || pf;
        key = p->key;
    } else {
        /* Where a key holds '.', the path's last '.' decides what the
         * parent and the key are, as it always did. */
        const char *path = place_path(w, p);
        const char *last = strrchr(path, '.');
        key = last ? last + 1 : path;
        if (path[strlen(path) - 1] == ']')
            return;
        char parent[512];
        snprintf(parent, sizeof parent, "%.*s", (int)(last ? last - path : 0), path);
        pf = *parent ? schema_find(parent) : NULL;
        parent_known = !*parent || pf;
    }
    /* Below a field that should be a single value, the shape error already
     * says what is wrong: no second finding per key. */
    if (pf && pf->type != SCH_MAP)
        return;
    if (parent_known && strncmp(key, "x-", 2) != 0)
        WARN(c, place_path(w, p),
             _("unknown field \"%s\": kept as it is, but pacta does not use it (extension fields start with x-)"), key);
}

static void check_node(struct twalk *w, const struct doc_node *n, const struct place *p)
{
    struct ctx *c = w->c;
    const struct schema_field *f = p->f;
    if (!f) {
        check_unknown(w, p);
        return;
    }
    if (is_null(n))
        return; /* an empty answer: the required-field rules speak for it */
    if (!kind_fits(n, f->type)) {
        const char *want = f->type == SCH_MAP     ? _("a group of fields")
                           : is_list_type(f->type) ? _("a list")
                                                   : _("a single value");
        ERR(c, place_path(w, p), _("expected %s here, found %s"), want, kind_name(c, n));
        return;
    }
    if (n->kind == DOC_SCALAR)
        check_scalar(w, n, p);
    /* a reference that names nothing is reported after the ids */
    if (f->type == SCH_REF && n->kind == DOC_SCALAR && !ref_found(c, f, n->u.str)) {
        c->broken = xgrow(c->broken, &c->capbroken, c->nbroken + 1, sizeof *c->broken);
        c->broken[c->nbroken++] = (struct broken_ref){xstrdup(place_path(w, p)), n, f};
    }
}

static void tw_node(struct twalk *w, const struct doc_node *n, const struct place *p, struct tw_memo *memo);

/* The items of a list: the items that are maps share one memo of their
 * keys' fields (their own field is the same for all). */
static void tw_list(struct twalk *w, const struct doc_node *n, const struct place *p)
{
    struct tw_memo memo;
    memo.n = 0;
    for (size_t i = 0; i < n->len; i++) {
        struct place ip;
        place_child(w, &ip, p, NULL, i);
        tw_node(w, n->u.items[i], &ip, ip.mode == EXACT ? &memo : NULL);
    }
}

/* Check n at p. */
static inline void tw_check(struct twalk *w, const struct doc_node *n, const struct place *p)
{
#ifdef VALIDATE_TEST_HOOK
    VALIDATE_TEST_HOOK(w, n, p);
#endif
    if (p->mode != AT_TOP)
        check_node(w, n, p);
}

/* The children of map n at p; memo (the list's, for an item of one whose
 * place is EXACT) gives their fields by position. */
static void tw_map(struct twalk *w, const struct doc_node *n, const struct place *p, struct tw_memo *memo)
{
    for (size_t i = 0; i < n->len; i++) {
        const char *key = n->u.pairs[i].key;
        struct place cp;
        if (memo && i < memo->n && memo->v[i].key &&
            (memo->v[i].key == key || strcmp(memo->v[i].key, key) == 0)) {
            /* the same simple key at the same position under the same
             * field: the same field (keys are mostly interned, so the
             * pointers are equal) */
            cp = (struct place){p, key, 0, memo->v[i].f, EXACT};
        } else {
            place_child(w, &cp, p, key, 0);
            if (memo && i < MEMO_MAX && cp.mode == EXACT) {
                while (memo->n < i)
                    memo->v[memo->n++].key = NULL;
                memo->v[i].key = key;
                memo->v[i].f = cp.f;
                if (memo->n == i)
                    memo->n++;
            }
        }
        /* most children are scalars: checked here, without a call */
        const struct doc_node *v = n->u.pairs[i].val;
        if (v->kind == DOC_SCALAR)
            tw_check(w, v, &cp);
        else
            tw_node(w, v, &cp, NULL);
    }
}

/* Visit n at p, then its children. */
static void tw_node(struct twalk *w, const struct doc_node *n, const struct place *p, struct tw_memo *memo)
{
    tw_check(w, n, p);
    if (n->kind == DOC_SEQ)
        tw_list(w, n, p);
    else if (n->kind == DOC_MAP)
        tw_map(w, n, p, memo);
}

static void walk_tree(struct ctx *c)
{
    struct twalk w = {.c = c};
    struct place top = {NULL, NULL, 0, NULL, AT_TOP};
    doc_path_init(&w.path, "");
    tw_node(&w, c->root, &top, NULL);
    doc_path_free(&w.path);
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

static void check_ids(struct ctx *c)
{
    char path[256];
    size_t from = 0;
    for (size_t k = 0; k < N_ID_LISTS; k++) {
        size_t to = from;
        while (to < c->nissues && c->issues[to].list == k)
            to++;
        /* each list's items without an id, then its repeats */
        for (size_t d = from; d < to; d++)
            if (c->issues[d].first == NO_ID)
                ERR(c, doc_pathf(path, sizeof path, "%s[%zu]", id_lists[k], c->issues[d].item),
                    _("this item has no id (each item needs one, like %s1)"), "X");
        for (size_t d = from; d < to; d++) {
            const struct id_issue *x = &c->issues[d];
            if (x->first == NO_ID)
                continue;
            unsigned line = 0, col = 0;
            doc_pos(c->root, doc_pathf(path, sizeof path, "%s[%zu].id", id_lists[k], x->first), &line, &col);
            ERR(c, doc_pathf(path, sizeof path, "%s[%zu].id", id_lists[k], x->item),
                _("the id \"%s\" is used twice in %s (first at line %u)"),
                item_str(c->lists[k]->u.items[x->item], "id"), id_lists[k], line);
        }
        from = to;
    }
}

static void report_broken_refs(struct ctx *c)
{
    for (size_t i = 0; i < c->nbroken; i++) {
        const struct broken_ref *b = &c->broken[i];
        char *names = choices(b->f->arg);
        ERR(c, b->path, _("\"%s\" does not name any item of %s"), b->n->u.str, names);
        free(names);
    }
}

/* ---- dates, targets, priorities, tiers ---- */

static bool get_date(const struct doc_node *item, const char *key, long *day)
{
    const char *s = item_str(item, key);
    return s && calc_parse_date(s, day) == 0;
}

static void check_dates(struct ctx *c)
{
    long from, to, due;
    const struct doc_node *agreement = map_get(c->root, "agreement");
    bool has_from = get_date(agreement, "effective_from", &from);
    bool has_to = get_date(agreement, "effective_to", &to);
    if (has_from && has_to && to <= from)
        ERR(c, "agreement.effective_to", _("the agreement ends before it starts (effective_to must be after effective_from)"));
    const struct doc_node *deadlines = map_get(c->root, "deadlines");
    size_t n = node_count(deadlines);
    char path[128];
    for (size_t i = 0; i < n; i++) {
        if (!get_date(item_at(deadlines, i), "due", &due))
            continue;
        if ((has_from && due < from) || (has_to && due > to))
            WARN(c, doc_pathf(path, sizeof path, "deadlines[%zu].due", i),
                 _("this deadline falls outside the agreement's term"));
    }
}

static bool get_decimal(const struct doc_node *item, const char *key, long long *v, bool *neg)
{
    const char *s = item_str(item, key);
    if (!s)
        return false;
    *neg = s[0] == '-';
    return calc_parse_decimal(*neg ? s + 1 : s, v) == 0;
}

static void check_targets(struct ctx *c)
{
    const struct doc_node *levels = map_get(c->root, "service_levels");
    size_t n = node_count(levels);
    char path[128];
    for (size_t i = 0; i < n; i++) {
        const struct doc_node *it = item_at(levels, i);
        long long t;
        bool neg;
        if (!item_str(it, "measurement"))
            WARN(c, doc_pathf(path, sizeof path, "service_levels[%zu].measurement", i),
                 _("say how this level is measured: without it nobody can tell whether it was met"));
        const char *unit = item_str(it, "unit");
        const char *ind = item_str(it, "indicator");
        bool percent = (unit && !strcmp(unit, "percent")) || (!unit && ind && !strcmp(ind, "availability"));
        const char *ts = item_str(it, "target");
        if (!ts)
            continue;
        neg = ts[0] == '-';
        if (calc_parse_decimal(neg ? ts + 1 : ts, &t) != 0)
            continue;
        if (neg)
            ERR(c, doc_pathf(path, sizeof path, "service_levels[%zu].target", i), _("a target cannot be negative"));
        else if (percent && t > 100 * CALC_SCALE)
            ERR(c, doc_pathf(path, sizeof path, "service_levels[%zu].target", i),
                _("a percentage target must be between 0 and 100"));
        else if (percent && t == 100 * CALC_SCALE)
            WARN(c, doc_pathf(path, sizeof path, "service_levels[%zu].target", i),
                 _("100 %% is impossible to promise: any single failure breaks it (99.9 %% is already demanding)"));
    }
}

static void check_priorities(struct ctx *c)
{
    const struct doc_node *prios = map_get(c->root, "priorities");
    size_t n = node_count(prios);
    char path[128];
    for (size_t i = 0; i < n; i++) {
        const struct doc_node *it = item_at(prios, i);
        const char *rs = item_str(it, "response");
        const char *ss = item_str(it, "resolution");
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

/* The cap under key of item; path is where to report it. */
static void check_cap(struct ctx *c, const struct doc_node *item, const char *key, const char *path)
{
    long long v;
    bool neg;
    if (get_decimal(item, key, &v, &neg) && (neg || v == 0 || v > 100 * CALC_SCALE))
        ERR(c, path, _("a cap must be more than 0 %% and at most 100 %%"));
}

static void check_tiers(struct ctx *c)
{
    const struct doc_node *remedies = map_get(c->root, "remedies");
    const struct doc_node *credits = map_get(remedies, "service_credits");
    size_t n = node_count(credits);
    char path[160];
    for (size_t i = 0; i < n; i++) {
        const struct doc_node *credit = item_at(credits, i);
        const struct doc_node *tiers = map_get(credit, "tiers");
        size_t nt = node_count(tiers);
        long long pb = 0, pc = 0;
        for (size_t t = 0; t < nt; t++) {
            const struct doc_node *tier = item_at(tiers, t);
            long long b, pct;
            bool nb, np;
            bool hb = get_decimal(tier, "below", &b, &nb);
            bool hc = get_decimal(tier, "credit_percent", &pct, &np);
            if (hc && (np || pct > 100 * CALC_SCALE))
                ERR(c, doc_pathf(path, sizeof path, "remedies.service_credits[%zu].tiers[%zu].credit_percent", i, t),
                    _("a credit must be between 0 %% and 100 %%"));
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
        check_cap(c, credit, "monthly_cap_percent",
                  doc_pathf(path, sizeof path, "remedies.service_credits[%zu].monthly_cap_percent", i));
        check_cap(c, credit, "yearly_cap_percent",
                  doc_pathf(path, sizeof path, "remedies.service_credits[%zu].yearly_cap_percent", i));
    }
    const struct doc_node *penalties = map_get(remedies, "penalties");
    n = node_count(penalties);
    for (size_t i = 0; i < n; i++)
        check_cap(c, item_at(penalties, i), "cap_percent",
                  doc_pathf(path, sizeof path, "remedies.penalties[%zu].cap_percent", i));
}

/* ---- what each type requires ---- */

static bool present(const struct doc_node *root, const char *path)
{
    const struct doc_node *n = doc_get(root, path);
    return !doc_is_null(n) && n->len > 0;
}

static const char *type_name(const struct ctx *c, const char *type)
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
        ERR(c, path, _("%s needs %s"), type_name(c, type), what);
}

/* Does some remedy make party pay? */
static bool remedy_for(const struct ctx *c, const char *party)
{
    const struct doc_node *remedies = map_get(c->root, "remedies");
    const struct doc_node *penalties = map_get(remedies, "penalties");
    size_t n = node_count(penalties);
    for (size_t i = 0; i < n; i++) {
        const char *o = item_str(item_at(penalties, i), "obligated");
        if (o && !strcmp(o, party))
            return true;
    }
    const struct doc_node *credits = map_get(remedies, "service_credits");
    n = node_count(credits);
    for (size_t i = 0; i < n; i++) {
        const char *sl = item_str(item_at(credits, i), "service_level");
        long j = sl ? id_find(c, L_SERVICE_LEVELS, sl) : -1;
        if (j < 0)
            continue;
        const char *o = item_str(item_at(c->lists[L_SERVICE_LEVELS], (size_t)j), "obligated");
        if (!strcmp(o ? o : "provider", party))
            return true;
    }
    return false;
}

static void check_type_table(struct ctx *c)
{
    const struct doc_node *agreement = map_get(c->root, "agreement");
    const char *type = item_str(agreement, "type");
    const char *scope = item_str(agreement, "scope");
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
            ERR(c, "remedies", _("%s needs a remedy for when the provider breaks a promise"), type_name(c, type));
        if (!strcmp(type, "two_way") && present(c->root, "remedies") && !remedy_for(c, "client"))
            ERR(c, "remedies", _("%s needs a remedy for when the client breaks a promise too"), type_name(c, type));
    }
    if (strcmp(type, "two_way") != 0) {
        char path[128];
        const struct doc_node *levels = map_get(c->root, "service_levels");
        size_t n = node_count(levels);
        for (size_t i = 0; i < n; i++) {
            const char *o = item_str(item_at(levels, i), "obligated");
            if (o && !strcmp(o, "client"))
                WARN(c, doc_pathf(path, sizeof path, "service_levels[%zu].obligated", i),
                     _("only a two-way agreement gives the client service levels of its own"));
        }
    }
}

/* ---- realistic expectations ---- */

/* Every id that the items of list name in their field (a list of ids). */
static void index_refs(const struct doc_node *root, const char *list, const char *field, struct idindex *ix)
{
    const struct doc_node *l = map_get(root, list);
    idindex_init(ix, node_count(l));
    for (size_t i = 0; l && l->kind == DOC_SEQ && i < l->len; i++) {
        const struct doc_node *refs = map_get(l->u.items[i], field);
        if (!refs || refs->kind != DOC_SEQ)
            continue;
        for (size_t j = 0; j < refs->len; j++)
            if (refs->u.items[j]->kind == DOC_SCALAR)
                idindex_add(ix, refs->u.items[j]->u.str, i, NULL);
    }
}

static void check_coverage(struct ctx *c)
{
    char path[128];
    struct idindex covered, served;
    index_refs(c->root, "objectives", "needs", &covered);
    index_refs(c->root, "services", "objectives", &served);
    const struct doc_node *needs = map_get(c->root, "needs");
    size_t n = node_count(needs);
    for (size_t i = 0; i < n; i++) {
        const char *id = item_str(item_at(needs, i), "id");
        if (id && !idindex_find(&covered, id, NULL))
            WARN(c, doc_pathf(path, sizeof path, "needs[%zu]", i), _("no objective covers the need %s"), id);
    }
    const struct doc_node *objectives = map_get(c->root, "objectives");
    n = node_count(objectives);
    for (size_t i = 0; i < n; i++) {
        const char *id = item_str(item_at(objectives, i), "id");
        if (id && !idindex_find(&served, id, NULL))
            WARN(c, doc_pathf(path, sizeof path, "objectives[%zu]", i), _("no service serves the objective %s"), id);
    }
    idindex_free(&covered);
    idindex_free(&served);
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
    char path[128];

    const struct doc_node *levels = map_get(c->root, "service_levels");
    size_t n = node_count(levels);
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
        if (lo < 600 && lo > 0)
            WARN(c, doc_pathf(path, sizeof path, "service_levels[%zu].target", i),
                 _("this target allows less than a minute of downtime per period: ordinary monitoring cannot even show it was kept"));
        /* Measured around the clock, supported only part of it: an outage
         * when support is closed cannot be fixed before it opens again. */
        if (!business && has_hours && closed * 600 > hi)
            WARN(c, doc_pathf(path, sizeof path, "service_levels[%zu].target", i),
                 _("availability is measured around the clock, but support is closed for up to %lld h at a time: one outage then uses up the whole downtime this target allows"),
                 closed / 60);
    }

    const struct doc_node *prios = map_get(c->root, "priorities");
    n = node_count(prios);
    for (size_t i = 0; i < n && has_hours; i++) {
        const struct doc_node *it = item_at(prios, i);
        const char *rs = item_str(it, "response");
        const char *clock = item_str(it, "clock");
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

/* ---- all the rules ---- */

static void validate(const struct doc_node *root, const char *lang, struct findings *out)
{
    struct ctx c = {.root = root, .out = out, .lang = lang};
    size_t first = out->n;
    index_ids(&c);
    index_ref_fields(&c);
    check_envelope(&c);
    /* shapes and types; the references are looked up in the same walk, and
     * those that name nothing are reported after the ids */
    walk_tree(&c);
    check_ids(&c);
    report_broken_refs(&c);
    check_dates(&c);
    check_targets(&c);
    check_priorities(&c);
    check_tiers(&c);
    check_type_table(&c);
    check_coverage(&c);
    check_realism(&c);
    struct findings tail = {out->v ? out->v + first : NULL, out->n - first, 0}; /* no arithmetic on NULL (UBSan) */
    findings_sort(&tail);
    for (size_t k = 0; k < N_ID_LISTS; k++)
        idindex_free(&c.ids[k]);
    for (size_t i = 0; i < c.nbroken; i++)
        free(c.broken[i].path);
    free(c.broken);
    free(c.issues);
    free(c.refmask);
}

void validate_doc_lang(const struct doc_node *root, const char *lang, struct findings *out)
{
    validate(root, lang, out);
}

void validate_doc(const struct doc_node *root, struct findings *out)
{
    validate(root, NULL, out);
}
