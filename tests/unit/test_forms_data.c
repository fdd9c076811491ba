/* test_forms_data.c - the steps compiled at build time (src/forms_data.c,
 * written by forms/formsgen) against the loader (forms_load_dir over
 * $top_srcdir/forms, through libyaml).
 *
 * forms_load hands out static data that no code parses at run time; this
 * test is what keeps it honest: every member of every step, field (sub-forms
 * included, recursively) and choice must be what the loader gives for the
 * step files of the source tree, so the test fails if the generator drops
 * or changes anything, or if src/forms_data.c is stale.  A member added to
 * struct forms_step / forms_field / forms_choice must be compared here and
 * written by forms/formsgen.  The comparison itself is checked too: on a
 * copy loaded from the files, changing one member at a time (a text, a
 * number, a flag, a count, deep in a sub-form) must be seen. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/err.h"
#include "src/forms.h"
#include "src/xalloc.h"
#include "tests/tap.h"

static char where[512]; /* the first difference found */
static size_t n_fields, n_choices; /* how many were compared */

static bool differ(const char *at, const char *what)
{
    snprintf(where, sizeof where, "%s: %s", at, what);
    return false;
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

#define STR(m)                                                                                                 \
    if (!same_str(x->m, y->m))                                                                                 \
    return differ(at, #m)
#define NUM(m)                                                                                                 \
    if (x->m != y->m)                                                                                          \
    return differ(at, #m)

static bool same_fields(const char *up, const struct forms_field *a, size_t na, const struct forms_field *b,
                        size_t nb)
{
    if (na != nb)
        return differ(up, "nfields");
    for (size_t i = 0; i < na; i++) {
        const struct forms_field *x = &a[i], *y = &b[i];
        char at[400];
        snprintf(at, sizeof at, "%s/%s", up, x->path ? x->path : "?");
        n_fields++;
        STR(path);
        NUM(widget);
        STR(label);
        STR(question);
        STR(hint);
        STR(help);
        NUM(applies);
        NUM(required);
        NUM(nchoices);
        STR(ref);
        STR(item_title);
        STR(id_prefix);
        NUM(required_in);
        for (size_t k = 0; k < x->nchoices; k++) {
            n_choices++;
            if (!same_str(x->choices[k].value, y->choices[k].value))
                return differ(at, "choices[].value");
            if (!same_str(x->choices[k].label, y->choices[k].label))
                return differ(at, "choices[].label");
        }
        if (!same_fields(at, x->fields, x->nfields, y->fields, y->nfields))
            return false;
    }
    return true;
}

static bool same_forms(const struct forms *a, const struct forms *b)
{
    where[0] = '\0';
    n_fields = n_choices = 0;
    if (a->nsteps != b->nsteps)
        return differ("forms", "nsteps");
    for (size_t i = 0; i < a->nsteps; i++) {
        const struct forms_step *x = &a->steps[i], *y = &b->steps[i];
        char at[64];
        snprintf(at, sizeof at, "step %zu", i + 1);
        STR(id);
        NUM(number);
        STR(title);
        STR(short_title);
        STR(help);
        NUM(applies);
        if (!same_fields(at, x->fields, x->nfields, y->fields, y->nfields))
            return false;
    }
    return true;
}

/* ---- the comparison sees a change --------------------------------------- */

/* The copy is the loader's own allocation: changing it is fine. */
#define RW(p) ((void *)(p))

static struct forms_field *first_list(const struct forms *f, size_t *step)
{
    for (size_t s = 0; s < f->nsteps; s++)
        for (size_t i = 0; i < f->steps[s].nfields; i++)
            if (f->steps[s].fields[i].nfields) {
                *step = s;
                return RW(&f->steps[s].fields[i]);
            }
    return NULL;
}

static struct forms_field *first_choice(const struct forms *f)
{
    for (size_t s = 0; s < f->nsteps; s++)
        for (size_t i = 0; i < f->steps[s].nfields; i++)
            if (f->steps[s].fields[i].nchoices)
                return RW(&f->steps[s].fields[i]);
    return NULL;
}

static void seen(const struct forms *builtin, const struct forms *copy, const char *what)
{
    ok(!same_forms(builtin, copy), "a change of %s is seen (%s)", what, where);
}

static void test_sensitive(const struct forms *builtin, const char *dir)
{
    struct forms c;
    struct err e;
    if (!ok(forms_load_dir(&c, dir, &e) == 0 && c.nsteps > 1, "a second copy loads"))
        return;
    struct forms_step *st = RW(&c.steps[c.nsteps / 2]);
    size_t ls = 0;
    struct forms_field *list = first_list(&c, &ls), *ch = first_choice(&c);
    if (!ok(list && ch && st->nfields, "the steps have a list, a choice and fields to change")) {
        forms_free(&c);
        return;
    }
    struct forms_field *sub = RW(&list->fields[list->nfields - 1]);
    struct forms_choice *cv = RW(&ch->choices[ch->nchoices - 1]);
    struct forms_field *fl = RW(&st->fields[st->nfields - 1]);

    const char *s = st->title;
    st->title = "Something else";
    seen(builtin, &c, "a step's title");
    st->title = s;
    st->number++;
    seen(builtin, &c, "a step's number");
    st->number--;
    st->applies ^= FORMS_INTERNAL;
    seen(builtin, &c, "a step's applies");
    st->applies ^= FORMS_INTERNAL;
    st->nfields--;
    seen(builtin, &c, "a step's number of fields");
    st->nfields++;

    s = fl->hint;
    fl->hint = s ? NULL : "A hint";
    seen(builtin, &c, "a field's hint (present or not)");
    fl->hint = s;
    enum forms_widget w = fl->widget;
    fl->widget = w == FW_TEXT ? FW_MULTILINE : FW_TEXT;
    seen(builtin, &c, "a field's widget");
    fl->widget = w;

    s = cv->label;
    cv->label = "Another label";
    seen(builtin, &c, "a choice's label");
    cv->label = s;
    s = cv->value;
    cv->value = "another_value";
    seen(builtin, &c, "a choice's value");
    cv->value = s;
    ch->nchoices--;
    seen(builtin, &c, "a field's number of choices");
    ch->nchoices++;

    sub->required = !sub->required;
    seen(builtin, &c, "a sub-field's required");
    sub->required = !sub->required;
    sub->required_in ^= FORMS_BINDING;
    seen(builtin, &c, "a sub-field's required_in");
    sub->required_in ^= FORMS_BINDING;
    s = sub->question;
    sub->question = s ? NULL : "Why?";
    seen(builtin, &c, "a sub-field's question");
    sub->question = s;
    s = list->id_prefix;
    list->id_prefix = s ? NULL : "Z";
    seen(builtin, &c, "a list's id_prefix");
    list->id_prefix = s;

    bool same;
    same = same_forms(builtin, &c);
    ok(same, "every change undone, the copy is the same again%s%s", where[0] ? ": " : "", where);
    forms_free(&c);
}

int main(void)
{
    const char *top = getenv("top_srcdir");
    char *dir = xasprintf("%s/forms", top ? top : ".");
    struct forms b, f;
    struct err e;

    int rc = forms_load(&b, &e);
    ok(rc == 0 && b.builtin && b.steps == forms_builtin_steps && b.nsteps == forms_builtin_nsteps,
       "forms_load hands out the compiled steps");
    rc = forms_load_dir(&f, dir, &e);
    if (!ok(rc == 0, "forms_load_dir reads %s", dir)) {
        char m[2200];
        err_format(&e, m, sizeof m);
        diag("%s", m);
        free(dir);
        return done_testing();
    }
    bool same = same_forms(&b, &f);
    ok(same, "the compiled steps are what the loader gives for forms/%s%s", where[0] ? ": " : "", where);
    diag("%zu steps, %zu fields, %zu choices compared", b.nsteps, n_fields, n_choices);
    ok(n_fields > 100 && n_choices > 10, "every field and choice was compared");

    test_sensitive(&b, dir);

    /* forms_free leaves the static data alone (ASan and valgrind would see a
     * free of it), and the steps can be handed out again. */
    forms_free(&b);
    ok(b.steps == NULL && b.nsteps == 0 && !b.builtin, "forms_free empties a built-in struct forms");
    rc = forms_load(&b, &e);
    ok(rc == 0 && same_forms(&b, &f), "and forms_load gives the same steps again");
    forms_free(&b);
    forms_free(&f);
    free(dir);
    return done_testing();
}
