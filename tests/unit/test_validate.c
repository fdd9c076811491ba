/* test_validate.c - the validator's fast paths against the general ones.
 *
 * The validator (included here whole, with a hook in its walk) finds each
 * node's schema field from its parent's instead of formatting the node's
 * path and calling schema_find, looks ids up in hash tables instead of
 * scanning the lists, and reads nodes without doc_is_null, doc_map_get and
 * schema_enum_has calls.  On many generated trees (known fields, unknown
 * and extension keys, keys with '.', '[', ']' or empty, lists whose items
 * have their keys in other orders or more than the memo holds, wrong
 * kinds, nulls, repeated ids, references that name nothing):
 *
 * - the walk visits the nodes in doc_walk's order, and gives each the path
 *   doc_walk gives it and the field schema_find gives that path;
 * - the findings about ids (missing, repeated, with the first one's
 *   position), references that name nothing and needs no objective covers
 *   are those a plain search of the lists gives;
 * - is_null, map_get and enum_has answer as doc_is_null, doc_map_get and
 *   schema_enum_has. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/doc.h"
#include "src/schema.h"
/* tap.h's is_int would clash with the validator's */
#define is_int tap_is_int
#include "tests/tap.h"
#undef is_int

struct twalk;
struct place;
static void hook(struct twalk *w, const struct doc_node *n, const struct place *p);
#define VALIDATE_TEST_HOOK(w, n, p) hook((w), (n), (p))
#include "src/validate.c"

/* ---- what doc_walk sees: the oracle of the walk ---- */

struct seen {
    const struct doc_node *n;
    char *path;
};
static struct seen *seen;
static size_t nseen, capseen, next_seen;
static size_t bad_order, bad_path, bad_field, bad_top, visits;

static int record(const char *path, const struct doc_node *n, void *ud)
{
    (void)ud;
    seen = xgrow(seen, &capseen, nseen + 1, sizeof *seen);
    seen[nseen++] = (struct seen){n, xstrdup(path)};
    return 0;
}

static void hook(struct twalk *w, const struct doc_node *n, const struct place *p)
{
    visits++;
    if (next_seen >= nseen || seen[next_seen].n != n) {
        if (!bad_order++)
            diag("node %zu: not the node doc_walk visits next", next_seen);
        return;
    }
    const char *want = seen[next_seen++].path;
    const char *got = place_path(w, p);
    if (strcmp(got, want) && !bad_path++)
        diag("path \"%s\", doc_walk says \"%s\"", got, want);
    if ((p->mode == AT_TOP) != !*want && !bad_top++)
        diag("\"%s\": at the top is %d", want, p->mode == AT_TOP);
    if (p->mode != AT_TOP && p->f != schema_find(want) && !bad_field++)
        diag("\"%s\": field %s, schema_find says %s", want, p->f ? p->f->path : "none",
             schema_find(want) ? schema_find(want)->path : "none");
}

/* ---- random trees ---- */

static unsigned long long rng = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

#define LONG_KEY "a-key-longer-than-the-pool-keeps-so-never-interned-0123456789"
static const char *const odd_keys[] = {
    "", "a.b", "x[1]", "x]", "[", "]", ".", "x-ext", "x-", "x-a.b", "foo", "0", "id", "name", "needs", "target",
    "parties.provider", "metadata.title", "services[0]", "service_levels[].target", LONG_KEY, "N",
};
static const char *const values[] = {
    "", "~", "null", "Null", "NULL", "nul", "nullx", "N", "n", "No", "N1", "N2", "N3", "O1", "O2", "S1", "S2",
    "SL1", "SL2", "P1", "D1", "X1", "bad id!", "-3", "99.5", "100", "101", "2027-01-01", "2026-13-01", "09:00",
    "25:00", "30m", "4h", "1Q", "7x", "450.00", "EUR", "eu", "true", "yes", "provider", "client", "business",
    "calendar", "availability", "percent", "a|b", "must", "should", "two_way", "binding", "basic", "internal",
    "ñandú", "0", "-0.5", "1M", "mon", "gte", "x-ext",
};
static const char *const ids[] = {"N1", "N2", "N3", "O1", "O2", "S1", "S2", "SL1", "SL2", "P1", "D1", "X1", "", "~"};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

static struct doc_node *scalar(const char *s)
{
    static const enum doc_style styles[] = {DOC_PLAIN, DOC_PLAIN, DOC_QUOTED, DOC_SQUOTED, DOC_LITERAL};
    return doc_new_scalar(s, styles[rnd(COUNT(styles))]);
}

/* The keys the schema knows under f (NULL: the top), in table order. */
static size_t known_keys(const struct schema_field *f, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < schema_nfields && n < max; i++) {
        const char *p = schema_fields[i].path;
        const char *dot = strrchr(p, '.');
        const char *key = dot ? dot + 1 : p;
        if (strchr(key, '['))
            continue;
        if (schema_child(f, key) == &schema_fields[i])
            out[n++] = key;
    }
    return n;
}

static struct doc_node *gen(const struct schema_field *f, int depth);

/* A map with (some of) the keys of field f, in table order or shuffled,
 * and odd keys now and then. */
static struct doc_node *gen_map(const struct schema_field *f, int depth)
{
    const char *keys[64];
    size_t n = known_keys(f, keys, 40);
    struct doc_node *m = doc_new_map();
    if (rnd(4) == 0)
        for (size_t i = n; i > 1; i--) {
            size_t j = rnd((unsigned)i);
            const char *t = keys[i - 1];
            keys[i - 1] = keys[j];
            keys[j] = t;
        }
    for (size_t i = 0; i < n; i++) {
        if (rnd(3) == 0)
            continue;
        if (rnd(40) == 0)
            doc_map_put(m, odd_keys[rnd(COUNT(odd_keys))], gen(NULL, depth + 1));
        const struct schema_field *c = schema_child(f, keys[i]);
        doc_map_put(m, keys[i], c && c->type == SCH_ID && rnd(8) ? scalar(ids[rnd(COUNT(ids))]) : gen(c, depth + 1));
    }
    if (rnd(30) == 0) /* more keys than the memo holds */
        for (int i = 0; i < 40; i++) {
            char k[24];
            snprintf(k, sizeof k, "x-k%d", i);
            doc_map_put(m, k, scalar(values[rnd(COUNT(values))]));
        }
    if (rnd(6) == 0)
        doc_map_put(m, odd_keys[rnd(COUNT(odd_keys))], gen(rnd(2) ? f : NULL, depth + 1));
    return m;
}

static struct doc_node *gen(const struct schema_field *f, int depth)
{
    unsigned r = rnd(100);
    if (depth > 5)
        return scalar(values[rnd(COUNT(values))]);
    if (!f && depth > 0) {
        /* unknown: any shape */
        if (r < 60)
            return scalar(values[rnd(COUNT(values))]);
        if (r < 80) {
            struct doc_node *m = doc_new_map();
            for (unsigned i = rnd(4); i > 0; i--)
                doc_map_put(m, odd_keys[rnd(COUNT(odd_keys))], gen(NULL, depth + 1));
            return m;
        }
        struct doc_node *s = doc_new_seq();
        for (unsigned i = rnd(3); i > 0; i--)
            doc_seq_push(s, gen(NULL, depth + 1));
        return s;
    }
    if (r < 6) /* the wrong shape */
        return r < 2 ? scalar(values[rnd(COUNT(values))]) : r < 4 ? gen_map(NULL, depth + 1) : doc_new_seq();
    if (!f || f->type == SCH_MAP)
        return gen_map(f, depth);
    if (f->type == SCH_LIST || f->type == SCH_TEXTLIST || f->type == SCH_REFLIST || f->type == SCH_DATELIST ||
        f->type == SCH_ENUMLIST) {
        struct doc_node *s = doc_new_seq();
        const struct schema_field *it = schema_item(f);
        for (unsigned i = rnd(6); i > 0; i--)
            doc_seq_push(s, it && it->type == SCH_REF && rnd(2) ? scalar(ids[rnd(COUNT(ids))]) : gen(it, depth + 1));
        return s;
    }
    if (f->type == SCH_REF && rnd(4))
        return scalar(ids[rnd(COUNT(ids))]);
    if (f->type == SCH_ENUM && rnd(2)) {
        /* one of its values, or a piece of one */
        char v[64];
        size_t k = strcspn(f->arg, "|");
        unsigned how = rnd(8);
        if (how == 0) /* "a|b|...": the whole set */
            return scalar(f->arg);
        if (how == 1) /* "a|b": two of them */
            k += strcspn(f->arg + k + (f->arg[k] != 0), "|") + (f->arg[k] != 0);
        snprintf(v, sizeof v, "%.*s", (int)(how == 2 ? k / 2 : k), f->arg);
        return scalar(v);
    }
    return scalar(values[rnd(COUNT(values))]);
}

/* Positions as a loader gives them: a line per pair and per item, so that
 * findings sort by position and "first at line N" means something. */
static void place_lines(struct doc_node *n, unsigned *line, unsigned col)
{
    if (n->kind == DOC_MAP) {
        for (size_t i = 0; i < n->len; i++) {
            n->u.pairs[i].line = ++*line;
            n->u.pairs[i].col = col;
            n->u.pairs[i].val->line = *line;
            n->u.pairs[i].val->col = col + 2;
            place_lines(n->u.pairs[i].val, line, col + 2);
        }
    } else if (n->kind == DOC_SEQ) {
        for (size_t i = 0; i < n->len; i++) {
            n->u.items[i]->line = ++*line;
            n->u.items[i]->col = col + 2;
            place_lines(n->u.items[i], line, col + 2);
        }
    }
}

/* ---- the plain searches ---- */

/* The first item before j of list l whose id is id, or -1. */
static long first_with(const struct doc_node *l, size_t j, const char *id)
{
    for (size_t i = 0; i < j; i++) {
        const char *o = doc_get_str(l->u.items[i], "id");
        if (o && !strcmp(o, id))
            return (long)i;
    }
    return -1;
}

static bool named(const struct doc_node *root, const char *lists, const char *id)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", lists);
    for (char *save = NULL, *l = strtok_r(buf, "|", &save); l; l = strtok_r(NULL, "|", &save)) {
        const struct doc_node *list = doc_get(root, l);
        if (!list || list->kind != DOC_SEQ)
            continue;
        bool is_id_list = false;
        for (size_t k = 0; k < N_ID_LISTS; k++)
            is_id_list |= !strcmp(id_lists[k], l);
        if (is_id_list && first_with(list, list->len, id) >= 0)
            return true;
    }
    return false;
}

struct strs {
    char **v;
    size_t n, cap;
};

static void add(struct strs *s, const char *path, const char *msg)
{
    s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n++] = xasprintf("%s | %s", path, msg);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void strs_free(struct strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

/* The findings about ids, references and coverage that plain searches
 * give, as "path | message". */
static void expected(const struct doc_node *root, struct strs *out)
{
    char path[300], msg[400];
    for (size_t k = 0; k < N_ID_LISTS; k++) {
        const struct doc_node *l = doc_get(root, id_lists[k]);
        if (!l || l->kind != DOC_SEQ)
            continue;
        for (size_t j = 0; j < l->len; j++) {
            const char *id = doc_get_str(l->u.items[j], "id");
            snprintf(path, sizeof path, "%s[%zu]", id_lists[k], j);
            if (!id && l->u.items[j]->kind == DOC_MAP)
                add(out, path, "this item has no id (each item needs one, like X1)");
            long i = id ? first_with(l, j, id) : -1;
            if (i >= 0) {
                unsigned line = 0, col = 0;
                snprintf(path, sizeof path, "%s[%zu].id", id_lists[k], (size_t)i);
                doc_pos(root, path, &line, &col);
                snprintf(path, sizeof path, "%s[%zu].id", id_lists[k], j);
                snprintf(msg, sizeof msg, "the id \"%s\" is used twice in %s (first at line %u)", id, id_lists[k],
                         line);
                add(out, path, msg);
            }
        }
    }
    for (size_t i = 0; i < nseen; i++) {
        const struct doc_node *n = seen[i].n;
        const char *p = seen[i].path;
        const struct schema_field *f = *p ? schema_find(p) : NULL;
        if (*p && !f && p[strlen(p) - 1] != ']') {
            /* an unknown key: warned about at the top of the unknown part,
             * unless it is x-..., found from the path as it always was */
            const char *last = strrchr(p, '.');
            const char *key = last ? last + 1 : p;
            snprintf(path, sizeof path, "%.*s", (int)(last ? last - p : 0), p);
            const struct schema_field *pf = *path ? schema_find(path) : NULL;
            if ((!*path || pf) && !(pf && pf->type != SCH_MAP) && strncmp(key, "x-", 2) != 0) {
                snprintf(msg, sizeof msg,
                         "unknown field \"%s\": kept as it is, but pacta does not use it (extension fields start with x-)",
                         key);
                add(out, p, msg);
            }
        }
        if (!f || f->type != SCH_REF || n->kind != DOC_SCALAR || doc_is_null(n) || named(root, f->arg, n->u.str))
            continue;
        char *names = choices(f->arg);
        snprintf(msg, sizeof msg, "\"%s\" does not name any item of %s", n->u.str, names);
        free(names);
        add(out, seen[i].path, msg);
    }
    const struct doc_node *needs = doc_get(root, "needs"), *objectives = doc_get(root, "objectives");
    for (size_t i = 0; needs && needs->kind == DOC_SEQ && i < needs->len; i++) {
        const char *id = doc_get_str(needs->u.items[i], "id");
        bool covered = false;
        for (size_t o = 0; id && objectives && objectives->kind == DOC_SEQ && o < objectives->len; o++) {
            const struct doc_node *refs = doc_map_get(objectives->u.items[o], "needs");
            for (size_t r = 0; refs && refs->kind == DOC_SEQ && r < refs->len; r++)
                covered |= refs->u.items[r]->kind == DOC_SCALAR && !strcmp(refs->u.items[r]->u.str, id);
        }
        if (id && !covered) {
            snprintf(path, sizeof path, "needs[%zu]", i);
            snprintf(msg, sizeof msg, "no objective covers the need %s", id);
            add(out, path, msg);
        }
    }
}

static bool of_interest(const char *msg)
{
    return strstr(msg, "has no id") || strstr(msg, "unknown field") || strstr(msg, "is used twice") || strstr(msg, "does not name any item") ||
           strstr(msg, "no objective covers");
}

/* ---- the small readers ---- */

static size_t bad_null, bad_get, bad_enum, null_checks, get_checks, enum_checks;

static int check_readers(const char *path, const struct doc_node *n, void *ud)
{
    (void)path;
    (void)ud;
    null_checks++;
    if (is_null(n) != doc_is_null(n) && !bad_null++)
        diag("is_null(\"%s\") differs", n->kind == DOC_SCALAR ? n->u.str : "(collection)");
    if (n->kind == DOC_SCALAR) {
        /* against a few of the schema's sets */
        for (size_t i = rnd(8); i < schema_nfields; i += 1 + rnd(16))
            if (schema_fields[i].type == SCH_ENUM || schema_fields[i].type == SCH_ENUMLIST) {
                enum_checks++;
                if (enum_has(schema_fields[i].arg, n->u.str) != schema_enum_has(schema_fields[i].arg, n->u.str) &&
                    !bad_enum++)
                    diag("enum_has(\"%s\", \"%s\") differs", schema_fields[i].arg, n->u.str);
            }
    }
    if (n->kind == DOC_MAP) {
        for (size_t i = 0; i < COUNT(odd_keys) + n->len; i++) {
            const char *k = i < n->len ? n->u.pairs[i].key : odd_keys[i - n->len];
            get_checks++;
            if (map_get(n, k) != doc_map_get(n, k) && !bad_get++)
                diag("map_get(\"%s\") differs", k);
        }
    }
    return 0;
}

int main(void)
{
    size_t trees = 800, bad_findings = 0, bad_lang = 0, compared = 0, nodes = 0;
    for (size_t t = 0; t < trees; t++) {
        struct doc_node *root = t % 97 == 5 ? gen(schema_find("needs"), 1) : gen(NULL, 0);
        unsigned line = 0;
        if (t % 3)
            place_lines(root, &line, 1);
        nseen = next_seen = 0;
        doc_walk(root, record, NULL);
        nodes += nseen;
        struct findings f = {0};
        validate_doc(root, &f);
        if (next_seen != nseen && !bad_order++)
            diag("tree %zu: the walk visited %zu nodes of %zu", t, next_seen, nseen);

        struct strs want = {0}, got = {0};
        expected(root, &want);
        for (size_t i = 0; i < f.n; i++)
            if (of_interest(f.v[i].msg))
                add(&got, f.v[i].path, f.v[i].msg);
        if (want.n) /* qsort of NULL: UBSan */
            qsort(want.v, want.n, sizeof *want.v, cmp_str);
        if (got.n)
            qsort(got.v, got.n, sizeof *got.v, cmp_str);
        compared += want.n;
        bool same = want.n == got.n;
        for (size_t i = 0; same && i < want.n; i++)
            same = !strcmp(want.v[i], got.v[i]);
        if (!same && !bad_findings++) {
            diag("tree %zu: %zu findings about ids and references, %zu expected", t, got.n, want.n);
            for (size_t i = 0; i < got.n || i < want.n; i++)
                diag("  got %s / want %s", i < got.n ? got.v[i] : "-", i < want.n ? want.v[i] : "-");
        }
        strs_free(&want);
        strs_free(&got);

        /* the same findings in the language "en" (messages are msgids):
         * the language travels with the call, not in a static */
        struct findings g = {0};
        next_seen = 0; /* the hook walks the same nodes again */
        validate_doc_lang(root, "en", &g);
        bool same_lang = g.n == f.n;
        for (size_t i = 0; same_lang && i < f.n; i++)
            same_lang = !strcmp(f.v[i].path, g.v[i].path) && !strcmp(f.v[i].msg, g.v[i].msg) &&
                        f.v[i].severity == g.v[i].severity;
        bad_lang += !same_lang;

        doc_walk(root, check_readers, NULL);
        findings_free(&f);
        findings_free(&g);
        for (size_t i = 0; i < nseen; i++)
            free(seen[i].path);
        doc_free(root);
    }
    free(seen);
    ok(bad_order == 0, "%zu trees, %zu nodes: the walk visits every node in doc_walk's order", trees, nodes);
    ok(bad_path == 0, "every node's path is doc_walk's (%zu visits)", visits);
    ok(bad_top == 0, "the nodes at path \"\" (and only they) are not checked");
    ok(bad_field == 0, "every node's field is schema_find of its path");
    ok(bad_findings == 0, "unknown fields, ids, references, coverage: %zu findings as plain searches give them",
       compared);
    ok(bad_lang == 0, "validate_doc_lang(\"en\") finds the same as validate_doc");
    ok(bad_null == 0, "is_null is doc_is_null (%zu nodes)", null_checks);
    ok(bad_get == 0, "map_get is doc_map_get (%zu lookups)", get_checks);
    ok(bad_enum == 0, "enum_has is schema_enum_has (%zu checks)", enum_checks);
    return done_testing();
}
