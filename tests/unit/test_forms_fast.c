/* test_forms_fast.c - the step files' own reader (forms_read_fast, src/forms.c)
 * against libyaml (sla_yaml_load_buffer).
 *
 * Every embedded step file must be read by the fast reader (else the
 * editor's start-up is slow again), into the tree libyaml builds: the same
 * kinds, styles, keys in the same order, the same text.  Then thousands of
 * mutations of the step files (characters inserted or deleted, lines
 * deleted, doubled, swapped or re-indented, quotes added or removed,
 * comments, the whole file indented wider): for each, the fast reader must
 * either give up or build exactly libyaml's tree, and forms_load_buffer
 * must give the same steps, or the same error message, by either way. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/doc.h"
#include "src/forms.h"
#include "src/sla_yaml.h"
#include "src/xalloc.h"
#include "tests/tap.h"

/* ---- comparing ---------------------------------------------------------- */

static const char *why; /* the first difference found */

static bool same_tree(const struct doc_node *a, const struct doc_node *b)
{
    if (a->kind != b->kind)
        return why = "kind", false;
    if (a->style != b->style)
        return why = "style", false;
    if (a->len != b->len)
        return why = "length", false;
    if (a->kind == DOC_SCALAR)
        return memcmp(a->u.str, b->u.str, a->len) == 0 && !a->u.str[a->len] && !b->u.str[b->len]
                   ? true
                   : (why = "text", false);
    for (size_t i = 0; i < a->len; i++) {
        if (a->kind == DOC_MAP) {
            if (strcmp(a->u.pairs[i].key, b->u.pairs[i].key) != 0)
                return why = "key", false;
            if (!same_tree(a->u.pairs[i].val, b->u.pairs[i].val))
                return false;
        } else if (!same_tree(a->u.items[i], b->u.items[i])) {
            return false;
        }
    }
    return true;
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_fields(const struct forms_field *a, size_t na, const struct forms_field *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++) {
        const struct forms_field *x = &a[i], *y = &b[i];
        if (!same_str(x->path, y->path) || x->widget != y->widget || !same_str(x->label, y->label) ||
            !same_str(x->question, y->question) || !same_str(x->hint, y->hint) || !same_str(x->help, y->help) ||
            x->applies != y->applies || x->required != y->required || x->required_in != y->required_in ||
            x->nchoices != y->nchoices ||
            !same_str(x->ref, y->ref) || !same_str(x->item_title, y->item_title) ||
            !same_str(x->id_prefix, y->id_prefix))
            return false;
        for (size_t k = 0; k < x->nchoices; k++)
            if (!same_str(x->choices[k].value, y->choices[k].value) ||
                !same_str(x->choices[k].label, y->choices[k].label))
                return false;
        if (!same_fields(x->fields, x->nfields, y->fields, y->nfields))
            return false;
    }
    return true;
}

static bool same_forms(const struct forms *a, const struct forms *b)
{
    if (a->nsteps != b->nsteps)
        return false;
    for (size_t i = 0; i < a->nsteps; i++) {
        const struct forms_step *x = &a->steps[i], *y = &b->steps[i];
        if (!same_str(x->id, y->id) || x->number != y->number || !same_str(x->title, y->title) ||
            !same_str(x->short_title, y->short_title) || !same_str(x->help, y->help) || x->applies != y->applies ||
            !same_fields(x->fields, x->nfields, y->fields, y->nfields))
            return false;
    }
    return true;
}

/* ---- mutations ---------------------------------------------------------- */

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static size_t rnd(size_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return n ? (size_t)(rng % n) : 0;
}

struct buf {
    char *s;
    size_t n;
};

static void replace(struct buf *b, size_t at, size_t del, const char *ins, size_t nins)
{
    char *t = xmalloc(b->n - del + nins + 1);
    memcpy(t, b->s, at);
    memcpy(t + at, ins, nins);
    memcpy(t + at + nins, b->s + at + del, b->n - at - del);
    b->n = b->n - del + nins;
    t[b->n] = 0;
    free(b->s);
    b->s = t;
}

/* The start of the line holding byte at, and its length with the '\n'. */
static size_t line_of(const struct buf *b, size_t at, size_t *len)
{
    size_t s = at;
    while (s > 0 && b->s[s - 1] != '\n')
        s--;
    const char *nl = memchr(b->s + at, '\n', b->n - at);
    *len = (nl ? (size_t)(nl - b->s) + 1 : b->n) - s;
    return s;
}

static const char *const bits[] = {" ",  "#",  ":",  "-",  "\"", "'",  "\\", "[", "]", "{",  "}", ",", "|",
                                   ">",  "\n", "x",  "é",  "\t", "&",  "*",  "!", "%", ": ", " #", "- ", "\r",
                                   "\\n", "''", "\xC3", "~", "?",  "@",  "`",
                                   "\x01", "\x7F", "\x1B", "\xC2\x85", "\xEF\xBB\xBF", "\xC2\xA0", "ñ"};

static void mutate(struct buf *b)
{
    if (b->n == 0)
        return;
    size_t at = rnd(b->n), len, ls = line_of(b, at, &len);
    switch (rnd(13)) {
    case 11:
    case 12: { /* empty or blank lines in or after a literal block */
        const char *hdr = NULL;
        for (int tries = 0; tries < 8 && !hdr; tries++) {
            size_t from = rnd(b->n);
            const char *h = memmem(b->s + from, b->n - from, "|\n", 2);
            if (!h)
                h = memmem(b->s, b->n, "|\n", 2);
            hdr = h;
        }
        if (!hdr)
            break;
        size_t p = (size_t)(hdr - b->s) + 2;
        for (size_t k = rnd(6); k > 0 && p < b->n; k--) {
            const char *nl = memchr(b->s + p, '\n', b->n - p);
            p = nl ? (size_t)(nl - b->s) + 1 : b->n;
        }
        static const char *const blank[] = {"\n", "\n\n", " \n", "  \n", "    \n", "      \n", "  x\n", "# c\n"};
        const char *ins = blank[rnd(sizeof blank / sizeof blank[0])];
        replace(b, p, 0, ins, strlen(ins));
        break;
    }
    case 0: { /* insert a character */
        const char *c = bits[rnd(sizeof bits / sizeof bits[0])];
        replace(b, at, 0, c, strlen(c));
        break;
    }
    case 1: /* delete a byte */
        replace(b, at, 1, "", 0);
        break;
    case 2: /* delete a line */
        replace(b, ls, len, "", 0);
        break;
    case 3: { /* double a line */
        char *l = xmalloc(len + 1);
        memcpy(l, b->s + ls, len);
        replace(b, ls, 0, l, len);
        free(l);
        break;
    }
    case 4: /* indent a line more or less */
        if (rnd(2) && b->s[ls] == ' ')
            replace(b, ls, b->s[ls + 1] == ' ' && rnd(2) ? 2 : 1, "", 0);
        else
            replace(b, ls, 0, "  ", 1 + rnd(2));
        break;
    case 5: { /* remove the quotes of a quoted value, or quote a plain one */
        char *q = memchr(b->s + ls, '"', len);
        char *sep = memmem(b->s + ls, len, ": ", 2);
        if (q) {
            char *q2 = memchr(q + 1, '"', (size_t)(b->s + ls + len - q - 1));
            if (q2) {
                size_t i2 = (size_t)(q2 - b->s), i1 = (size_t)(q - b->s);
                replace(b, i2, 1, "", 0);
                replace(b, i1, 1, "", 0);
            }
        } else if (sep) {
            size_t v = (size_t)(sep - b->s) + 2, e = ls + len;
            if (e > v && b->s[e - 1] == '\n')
                e--;
            if (e > v) {
                const char *qc = rnd(2) ? "\"" : "'";
                replace(b, e, 0, qc, 1);
                replace(b, v, 0, qc, 1);
            }
        }
        break;
    }
    case 6: { /* a comment at the end of a line */
        size_t e = ls + len;
        if (e > ls && b->s[e - 1] == '\n')
            e--;
        const char *c = rnd(2) ? " # note" : "# note";
        replace(b, e, 0, c, strlen(c));
        break;
    }
    case 7: /* an empty line or a comment line */
        if (rnd(2))
            replace(b, ls, 0, "\n", 1);
        else
            replace(b, ls, 0, "  # note\n", 9);
        break;
    case 8: { /* swap a line with the next */
        size_t nlen, ns = ls + len;
        if (ns < b->n) {
            line_of(b, ns, &nlen);
            char *t = xmalloc(len + nlen);
            memcpy(t, b->s + ns, nlen);
            memcpy(t + nlen, b->s + ls, len);
            if (t[len + nlen - 1] == '\n' && t[nlen - 1] == '\n')
                replace(b, ls, len + nlen, t, len + nlen);
            free(t);
        }
        break;
    }
    case 9: { /* the whole file indented twice as wide */
        struct buf w = {xmalloc(b->n * 2 + 1), 0};
        for (size_t i = 0; i < b->n;) {
            size_t sp = 0;
            while (i + sp < b->n && b->s[i + sp] == ' ')
                sp++;
            for (size_t k = 0; k < sp * 2; k++)
                w.s[w.n++] = ' ';
            i += sp;
            while (i < b->n && b->s[i] != '\n')
                w.s[w.n++] = b->s[i++];
            if (i < b->n)
                w.s[w.n++] = b->s[i++];
        }
        w.s[w.n] = 0;
        free(b->s);
        *b = w;
        break;
    }
    default: /* the last line break */
        if (b->s[b->n - 1] == '\n')
            replace(b, b->n - 1, 1, "", 0);
        else
            replace(b, b->n, 0, "\n\n", 2);
        break;
    }
}

/* ---- one input ---------------------------------------------------------- */

static size_t n_fast, n_gave_up, n_tree_bad, n_forms_bad, n_yaml_err;
static char first_tree[96], first_forms[96];

static void check_one(const char *name, const char *data, size_t len)
{
    struct doc_node *fast = NULL, *slow = NULL;
    struct err e;
    int rf = forms_read_fast(data, len, &fast);
    int rs = sla_yaml_load_buffer(name, data, len, NULL, &slow, NULL, &e);
    if (rf == 0) {
        n_fast++;
        why = "libyaml failed";
        if (rs != 0 || !same_tree(fast, slow)) {
            if (!n_tree_bad++)
                snprintf(first_tree, sizeof first_tree, "%s: %s", name, why);
            if (getenv("TEST_FORMS_FAST_DUMP"))
                fprintf(stderr, "----- %s (%s)\n%.*s\n", name, why, (int)len, data);
        }
    } else {
        n_gave_up++;
        if (fast)
            n_tree_bad++;
    }
    n_yaml_err += rs != 0;
    doc_free(fast);
    doc_free(slow);

    struct forms a = {0}, b = {0};
    struct err ea, eb;
    int ra = forms_load_buffer(&a, name, data, len, true, &ea);
    int rb = forms_load_buffer(&b, name, data, len, false, &eb);
    bool same = ra == rb;
    if (same && ra == 0)
        same = same_forms(&a, &b);
    else if (same)
        same = strcmp(ea.msg, eb.msg) == 0 && strcmp(ea.file, eb.file) == 0 && ea.line == eb.line &&
               ea.col == eb.col;
    if (!same && !n_forms_bad++)
        snprintf(first_forms, sizeof first_forms, "%s: %s", name, ra != rb ? "one way failed" : "they differ");
    forms_free(&a);
    forms_free(&b);
}

static bool is_step(const char *name)
{
    const char *s = strrchr(name, '/');
    s = s ? s + 1 : name;
    return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == '-';
}

int main(void)
{
    /* The embedded step files: all read fast, into libyaml's tree. */
    size_t steps = 0, fast = 0, equal = 0;
    for (size_t i = 0; i < forms_nblobs; i++) {
        if (!is_step(forms_blobs[i].name))
            continue;
        steps++;
        struct doc_node *t = NULL, *u = NULL;
        struct err e;
        if (forms_read_fast(forms_blobs[i].data, forms_blobs[i].len, &t) == 0) {
            fast++;
            if (sla_yaml_load_buffer(forms_blobs[i].name, forms_blobs[i].data, forms_blobs[i].len, NULL, &u, NULL,
                                     &e) == 0 &&
                same_tree(t, u))
                equal++;
            else
                diag("%s: %s", forms_blobs[i].name, why);
        } else {
            diag("%s: the fast reader gave up", forms_blobs[i].name);
        }
        doc_free(t);
        doc_free(u);
    }
    ok(steps >= 10, "%zu embedded step files", steps);
    is_int((long long)fast, (long long)steps, "every step file is read by the fast reader");
    is_int((long long)equal, (long long)steps, "into the tree libyaml builds (kinds, styles, keys, text)");

    /* forms_load (fast) against the same files through libyaml. */
    {
        struct forms f, g = {0};
        struct err e;
        int rc = forms_load(&f, &e);
        int rs = 0;
        for (size_t i = 0; i < forms_nblobs && rs == 0; i++)
            if (is_step(forms_blobs[i].name))
                rs = forms_load_buffer(&g, forms_blobs[i].name, forms_blobs[i].data, forms_blobs[i].len, false, &e);
        ok(rc == 0 && rs == 0 && same_forms(&f, &g), "forms_load gives the steps libyaml's trees give");
        forms_free(&f);
        forms_free(&g);
    }

    /* The starting points (agreements, not steps) as more inputs. */
    for (size_t i = 0; i < forms_nblobs; i++)
        if (!is_step(forms_blobs[i].name))
            check_one(forms_blobs[i].name, forms_blobs[i].data, forms_blobs[i].len);

    /* Mutations of every step file. */
    for (size_t i = 0; i < forms_nblobs; i++) {
        if (!is_step(forms_blobs[i].name))
            continue;
        for (int k = 0; k < 150; k++) {
            struct buf b = {xmalloc(forms_blobs[i].len + 1), forms_blobs[i].len};
            memcpy(b.s, forms_blobs[i].data, b.n);
            b.s[b.n] = 0;
            for (size_t m = 1 + rnd(3); m > 0; m--)
                mutate(&b);
            check_one(forms_blobs[i].name, b.s, b.n);
            free(b.s);
        }
    }
    diag("%zu inputs: %zu read by the fast reader, %zu given up; libyaml refused %zu", n_fast + n_gave_up, n_fast,
         n_gave_up, n_yaml_err);
    ok(n_tree_bad == 0, "whenever the fast reader reads a file, libyaml reads the same tree%s%s",
       n_tree_bad ? ": " : "", n_tree_bad ? first_tree : "");
    ok(n_forms_bad == 0, "forms_load_buffer: the same steps or the same message either way%s%s",
       n_forms_bad ? ": " : "", n_forms_bad ? first_forms : "");
    ok(n_fast > 500 && n_gave_up > 300, "the mutations exercise both (%zu read, %zu given up)", n_fast, n_gave_up);
    return done_testing();
}
