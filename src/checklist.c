/* checklist.c - the client-meeting checklist, built from the wizard steps. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/checklist.h"
#include "src/i18n.h"
#include "src/l10n.h"
#include "src/xalloc.h"

static const char *L(const char *lang, const char *msgid) __attribute__((format_arg(2)));
static const char *L(const char *lang, const char *msgid)
{
    return i18n_lang(lang, msgid);
}

struct str {
    char *p;
    size_t len, cap;
};

static void sadd(struct str *s, const char *sep, const char *t)
{
    if (!t || !*t)
        return;
    if (s->len && sep)
        sadd(s, NULL, sep);
    size_t n = strlen(t);
    s->p = xgrow(s->p, &s->cap, s->len + n + 1, 1);
    memcpy(s->p + s->len, t, n + 1);
    s->len += n;
}

/* Help texts are literal blocks wrapped by hand: join their lines into
 * paragraphs (kept apart by a blank line) so that each output can wrap them
 * to its own width. */
static char *unfold(const char *s)
{
    struct str o = {0};
    sadd(&o, NULL, "");
    const char *p = s;
    while (*p) {
        if (*p == '\n') {
            size_t k = strspn(p, "\n \t");
            size_t nl = 0;
            for (size_t i = 0; i < k; i++)
                nl += p[i] == '\n';
            if (p[k])
                sadd(&o, NULL, nl > 1 ? "\n" : " ");
            p += k;
            continue;
        }
        char c[2] = {*p++, 0};
        sadd(&o, NULL, c);
    }
    return o.p;
}

static const char *choice_label(const struct forms_field *fl, const char *v, const char *lang)
{
    for (size_t i = 0; i < fl->nchoices; i++)
        if (strcmp(fl->choices[i].value, v) == 0)
            return i18n_lang(lang, fl->choices[i].label);
    return v;
}

/* The text of one answer, in the agreement's language: choices by their
 * label, dates and weekdays in words; other values as written. */
static const char *scalar_text(const struct forms_field *fl, const struct doc_node *n, const char *lang, char *buf,
                               size_t size)
{
    long day;
    int wd;
    if (!n || n->kind != DOC_SCALAR || doc_is_null(n))
        return NULL;
    if (fl->widget == FW_CHOICE)
        return choice_label(fl, n->u.str, lang);
    if (fl->widget == FW_BOOL) {
        if (strcmp(n->u.str, "true") == 0)
            return i18n_lang(lang, N_("yes"));
        if (strcmp(n->u.str, "false") == 0)
            return i18n_lang(lang, N_("no"));
    }
    if ((fl->widget == FW_DATE || fl->widget == FW_DATELIST) && calc_parse_date(n->u.str, &day) == 0)
        return l10n_date(buf, size, day, lang);
    if (fl->widget == FW_DAYS && calc_parse_weekday(n->u.str, &wd) == 0)
        return l10n_weekday_name(wd, lang);
    return n->u.str;
}

/* The current answer of a field, as one line of text (NULL: none). */
static char *answer(const struct forms_field *fl, const struct doc_node *root, const char *lang)
{
    const struct doc_node *n = doc_get(root, fl->path);
    if (!n || doc_is_null(n))
        return NULL;
    char buf[L10N_BUFSZ];
    struct str s = {0};
    if (n->kind == DOC_SCALAR) {
        sadd(&s, NULL, scalar_text(fl, n, lang, buf, sizeof buf));
    } else if (n->kind == DOC_SEQ) {
        for (size_t i = 0; i < n->len; i++) {
            const struct doc_node *it = n->u.items[i];
            if (it->kind == DOC_SCALAR) {
                sadd(&s, "; ", scalar_text(fl, it, lang, buf, sizeof buf));
            } else if (it->kind == DOC_MAP) {
                const char *id = doc_get_str(it, "id");
                const char *title = fl->item_title ? doc_get_str(it, fl->item_title) : NULL;
                struct str one = {0};
                sadd(&one, NULL, id);
                sadd(&one, " \xc2\xb7 ", title);
                sadd(&s, "; ", one.p);
                free(one.p);
            }
        }
    }
    return s.p;
}

static void field(struct render_doc *d, const struct forms_field *fl, const struct doc_node *root,
                  const char *lang)
{
    /* The field's own question (its "question:" in forms/), to be read aloud
     * to the client; "Label?" only for a field without one (test_forms
     * requires one of every field the checklist prints). */
    char *q = fl->question ? xstrdup(i18n_lang(lang, fl->question))
                           : xasprintf(L(lang, N_("%s?")), i18n_lang(lang, fl->label));
    struct str hint = {0};
    /* a list's hint speaks of keys (F9 adds...), which paper has not */
    const char *h = fl->help ? fl->help : fl->widget != FW_LIST ? fl->hint : NULL;
    if (h) {
        char *u = unfold(i18n_lang(lang, h));
        sadd(&hint, NULL, u);
        free(u);
    }
    if (fl->widget == FW_LIST && fl->nfields) {
        struct str sub = {0};
        for (size_t i = 0; i < fl->nfields; i++)
            if (fl->fields[i].widget != FW_ID)
                sadd(&sub, ", ", i18n_lang(lang, fl->fields[i].label));
        if (sub.p) {
            char *x = xasprintf(L(lang, N_("For each: %s.")), sub.p);
            sadd(&hint, " ", x);
            free(x);
        }
        free(sub.p);
    }
    char *a = root ? answer(fl, root, lang) : NULL;
    render_check(d, a != NULL, q, hint.p);
    if (a)
        render_answer(d, a);
    else
        render_lines(d, fl->widget == FW_LIST || fl->widget == FW_MULTILINE || fl->widget == FW_TEXTLIST ? 3 : 1);
    free(a);
    free(q);
    free(hint.p);
}

static const char *type_word(const char *type, const char *lang)
{
    if (strcmp(type, "binding") == 0)
        return i18n_lang(lang, N_("binding"));
    if (strcmp(type, "two_way") == 0)
        return i18n_lang(lang, N_("two-way"));
    return i18n_lang(lang, N_("basic"));
}

struct render_doc *checklist_build(const struct forms *f, const struct doc_node *root, const char *type,
                                   const char *lang, const struct findings *open)
{
    if (!lang && root)
        lang = doc_get_str(root, "metadata.language");
    if (!lang || !*lang)
        lang = "en";
    if (!type && root)
        type = doc_get_str(root, "agreement.type");
    if (!type || (strcmp(type, "binding") != 0 && strcmp(type, "two_way") != 0))
        type = "basic";
    unsigned applies = strcmp(type, "binding") == 0   ? FORMS_BINDING
                       : strcmp(type, "two_way") == 0 ? FORMS_TWO_WAY
                                                      : FORMS_BASIC;
    const char *scope = root ? doc_get_str(root, "agreement.scope") : NULL;
    applies |= scope && strcmp(scope, "internal") == 0 ? FORMS_INTERNAL : FORMS_EXTERNAL;

    const char *title = root ? doc_get_str(root, "metadata.title") : NULL;
    char *t = title ? xasprintf(L(lang, N_("Meeting checklist: %s")), title)
                    : xstrdup(i18n_lang(lang, N_("Meeting checklist for a new agreement")));
    struct render_doc *d = render_new(lang, t);
    free(t);
    char *sub = xasprintf(L(lang, N_("Type of agreement: %s")), type_word(type, lang));
    render_subtitle(d, sub);
    free(sub);
    render_para(d, i18n_lang(lang, root ? N_("Tick each point once it is agreed with the client; "
                                              "correct the answers that have changed.")
                                        : N_("Ask each question and write the answer on the lines.")));
    for (size_t i = 0; i < f->nsteps; i++) {
        const struct forms_step *st = &f->steps[i];
        if (!forms_applies(st->applies, applies))
            continue;
        size_t asked = 0;
        for (size_t k = 0; k < st->nfields; k++)
            if (forms_applies(st->fields[k].applies, applies))
                asked++;
        if (!asked)
            continue;
        char *h = xasprintf("%d. %s", st->number, i18n_lang(lang, st->title));
        render_heading(d, 1, h);
        free(h);
        for (size_t k = 0; k < st->nfields; k++)
            if (forms_applies(st->fields[k].applies, applies))
                field(d, &st->fields[k], root, lang);
    }
    if (open && open->n) {
        render_heading(d, 1, i18n_lang(lang, N_("Questions to ask")));
        for (size_t i = 0; i < open->n; i++)
            render_check(d, false, open->v[i].msg, open->v[i].path && *open->v[i].path ? open->v[i].path : NULL);
    }
    render_heading(d, 1, i18n_lang(lang, N_("Notes")));
    render_lines(d, 4);
    return d;
}
