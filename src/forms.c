/* forms.c - the wizard's steps, one YAML file each in forms/ (see src/forms.h).
 *
 * Each step file is read into a doc tree by sla_yaml_load_buffer (libyaml)
 * and then interpreted here: every key is checked, and every mistake names
 * the file, the line and column of the offending node and the field's path.
 * The shape of a step file is described at the top of forms/01-parties.yaml
 * and in doc/forms.md.
 *
 * This runs at build time, in forms/formsgen, which compiles the steps it
 * loads into src/forms_data.c (so a wrong step file fails the build with
 * this message), and in the tests, the fuzz target and translators'
 * previews.  forms_load and the starting points, which use the generated
 * data, are in src/forms_builtin.c: formsgen links this file and not that
 * one. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/forms.h"
#include "src/i18n.h"
#include "src/sla_yaml.h"
#include "src/xalloc.h"

/* ---- applies ----------------------------------------------------------- */

static const struct {
    const char *name;
    unsigned bit;
} applies_names[] = {
    {"basic", FORMS_BASIC},       {"binding", FORMS_BINDING},   {"two_way", FORMS_TWO_WAY},
    {"external", FORMS_EXTERNAL}, {"internal", FORMS_INTERNAL},
};

static unsigned applies_bit(const char *s)
{
    for (size_t i = 0; i < sizeof applies_names / sizeof applies_names[0]; i++)
        if (strcmp(s, applies_names[i].name) == 0)
            return applies_names[i].bit;
    return 0;
}

/* Naming only types keeps every scope, and the other way round. */
static unsigned applies_complete(unsigned a)
{
    if (!(a & FORMS_ALL_TYPES))
        a |= FORMS_ALL_TYPES;
    if (!(a & FORMS_ALL_SCOPES))
        a |= FORMS_ALL_SCOPES;
    return a;
}

bool forms_applies(unsigned applies, unsigned a)
{
    applies = applies_complete(applies);
    a = applies_complete(a);
    return (applies & a & FORMS_ALL_TYPES) && (applies & a & FORMS_ALL_SCOPES);
}

unsigned forms_applies_to(const struct doc_node *agreement)
{
    const struct doc_node *sec = agreement;
    if (agreement && doc_map_get(agreement, "agreement"))
        sec = doc_map_get(agreement, "agreement");
    const char *type = sec ? doc_get_str(sec, "type") : NULL;
    const char *scope = sec ? doc_get_str(sec, "scope") : NULL;
    unsigned t = type ? applies_bit(type) & FORMS_ALL_TYPES : 0;
    unsigned s = scope ? applies_bit(scope) & FORMS_ALL_SCOPES : 0;
    return (t ? t : FORMS_BASIC) | (s ? s : FORMS_EXTERNAL);
}

bool forms_field_required(const struct forms_field *fl, unsigned a)
{
    return fl->required && forms_applies(fl->required_in, a);
}

/* ---- widgets ----------------------------------------------------------- */

static const char *const widget_names[] = {
    [FW_TEXT] = "text",         [FW_MULTILINE] = "multiline", [FW_CHOICE] = "choice",
    [FW_DATE] = "date",         [FW_TIME] = "time",           [FW_DURATION] = "duration",
    [FW_PERCENT] = "percent",   [FW_NUMBER] = "number",       [FW_MONEY] = "money",
    [FW_BOOL] = "bool",         [FW_ID] = "id",               [FW_TEXTLIST] = "textlist",
    [FW_DATELIST] = "datelist", [FW_DAYS] = "days",           [FW_REF] = "ref",
    [FW_REFLIST] = "reflist",   [FW_LIST] = "list",
};

const char *forms_widget_name(enum forms_widget w)
{
    if ((size_t)w < sizeof widget_names / sizeof widget_names[0])
        return widget_names[w];
    return "?";
}

static int widget_parse(const char *s)
{
    for (size_t i = 0; i < sizeof widget_names / sizeof widget_names[0]; i++)
        if (strcmp(s, widget_names[i]) == 0)
            return (int)i;
    return -1;
}

/* ---- parsing ----------------------------------------------------------- */

struct ctx {
    const char *file;
    struct err *e;
};

static int fail_at(struct ctx *c, const struct doc_node *n, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail_at(struct ctx *c, const struct doc_node *n, unsigned line, unsigned col, const char *fmt, ...)
{
    char msg[sizeof c->e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n && n->line) {
        line = n->line;
        col = n->col;
    }
    err_set(c->e, c->file, line, col, "%s", msg);
    return -1;
}

static const char *kind_name(const struct doc_node *n)
{
    switch (n->kind) {
    case DOC_MAP:
        return _("a mapping");
    case DOC_SEQ:
        return _("a list");
    default:
        return _("a single value");
    }
}

/* What a message says is wrong: "step", or a field, "field \"needs[].id\"".
 * A field's name is formatted only when a message needs it: a gettext
 * look-up and a snprintf for each of the 190 fields were a tenth of
 * loading the steps. */
struct where {
    const char *fixed;        /* the name as it is, or NULL for a field: */
    const char *prefix, *path; /* "field \"%s%s\"" */
    char buf[512];
};

static const char *W(struct where *w)
{
    if (w->fixed)
        return w->fixed;
    if (!w->buf[0])
        snprintf(w->buf, sizeof w->buf, _("field \"%s%s\""), w->prefix, w->path);
    return w->buf;
}

/* A scalar string value at key (NULL when absent); -1 on a wrong type. */
static int get_text(struct ctx *c, const struct doc_node *map, const char *key, struct where *where,
                    const char **out)
{
    struct doc_pair *p = doc_map_pair(map, key);
    *out = NULL;
    if (!p)
        return 0;
    if (p->val->kind != DOC_SCALAR)
        return fail_at(c, p->val, p->line, p->col, _("%s: \"%s\" must be text, not %s"), W(where), key,
                       kind_name(p->val));
    *out = xstrdup(p->val->u.str);
    return 0;
}

static int get_applies(struct ctx *c, const struct doc_node *map, const char *key, struct where *where,
                       unsigned *out, bool *present)
{
    struct doc_pair *p = doc_map_pair(map, key);
    *out = FORMS_ALL;
    if (present)
        *present = false;
    if (!p)
        return 0;
    const struct doc_node *v = p->val;
    if (v->kind == DOC_SCALAR && strcmp(key, "required") == 0) {
        if (strcmp(v->u.str, "true") == 0) {
            *present = true;
            return 0;
        }
        if (strcmp(v->u.str, "false") == 0)
            return 0;
        return fail_at(c, v, p->line, p->col,
                       _("%s: \"required\" must be true, false or a list of types and scopes"), W(where));
    }
    if (v->kind != DOC_SEQ)
        return fail_at(c, v, p->line, p->col, _("%s: \"%s\" must be a list of types and scopes"), W(where), key);
    unsigned a = 0;
    for (size_t i = 0; i < v->len; i++) {
        const struct doc_node *it = v->u.items[i];
        unsigned b = it->kind == DOC_SCALAR ? applies_bit(it->u.str) : 0;
        if (!b)
            return fail_at(c, it, p->line, p->col,
                           _("%s: unknown type or scope \"%s\" in \"%s\" (basic, binding, two_way, external, "
                             "internal)"),
                           W(where), it->kind == DOC_SCALAR ? it->u.str : "?", key);
        a |= b;
    }
    if (v->len == 0)
        return fail_at(c, v, p->line, p->col, _("%s: \"%s\" is empty"), W(where), key);
    *out = applies_complete(a);
    if (present)
        *present = true;
    return 0;
}

static int check_keys(struct ctx *c, const struct doc_node *map, const char *const *known, struct where *where)
{
    for (size_t i = 0; i < map->len; i++) {
        const struct doc_pair *p = &map->u.pairs[i];
        bool ok = false;
        for (size_t k = 0; known[k] && !ok; k++)
            ok = strcmp(p->key, known[k]) == 0;
        if (!ok)
            return fail_at(c, NULL, p->line, p->col, _("%s: unknown key \"%s\""), W(where), p->key);
    }
    return 0;
}

/* What the loader allocated: its pointers are const for the readers (and
 * for the static data of forms_load), but these are the loader's own. */
static void own_free(const void *p)
{
    free((void *)p);
}

static void field_free(const struct forms_field *fl);

static void fields_free(const struct forms_field *fs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        field_free(&fs[i]);
    own_free(fs);
}

static void field_free(const struct forms_field *fl)
{
    own_free(fl->path);
    own_free(fl->label);
    own_free(fl->question);
    own_free(fl->hint);
    own_free(fl->help);
    for (size_t i = 0; i < fl->nchoices; i++) {
        own_free(fl->choices[i].value);
        own_free(fl->choices[i].label);
    }
    own_free(fl->choices);
    own_free(fl->ref);
    own_free(fl->item_title);
    own_free(fl->id_prefix);
    fields_free(fl->fields, fl->nfields);
}

static int parse_fields(struct ctx *c, const struct doc_pair *p, struct where *where, const char *prefix,
                        const struct forms_field **out, size_t *nout);

static int parse_choices(struct ctx *c, struct forms_field *fl, const struct doc_pair *p, struct where *where)
{
    static const char *const known[] = {"value", "label", NULL};
    const struct doc_node *v = p->val;
    if (v->kind != DOC_SEQ)
        return fail_at(c, v, p->line, p->col, _("%s: \"choices\" must be a list"), W(where));
    if (v->len == 0)
        return fail_at(c, v, p->line, p->col, _("%s: \"choices\" is empty"), W(where));
    struct forms_choice *chs = xcalloc(v->len, sizeof *chs);
    fl->choices = chs;
    for (size_t i = 0; i < v->len; i++) {
        const struct doc_node *it = v->u.items[i];
        struct forms_choice *ch = &chs[fl->nchoices];
        if (it->kind != DOC_MAP)
            return fail_at(c, it, p->line, p->col, _("%s: each choice must be {value: ..., label: ...}"), W(where));
        if (check_keys(c, it, known, where) < 0)
            return -1;
        fl->nchoices++;
        if (get_text(c, it, "value", where, &ch->value) < 0 || get_text(c, it, "label", where, &ch->label) < 0)
            return -1;
        if (!ch->value || !*ch->value)
            return fail_at(c, it, p->line, p->col, _("%s: a choice has no value"), W(where));
        if (!ch->label || !*ch->label)
            return fail_at(c, it, p->line, p->col, _("%s: choice \"%s\" has no label"), W(where), ch->value);
    }
    return 0;
}

static int parse_field(struct ctx *c, const struct doc_node *n, unsigned line, unsigned col, const char *prefix,
                       struct forms_field *fl)
{
    static const char *const known[] = {"path",     "widget",  "label", "question",   "hint",      "help",   "applies",
                                        "required", "choices", "ref",   "item_title", "id_prefix", "fields", NULL};
    struct where fw = {.fixed = prefix}, *where = &fw;
    const char *w = NULL;
    int rc = -1;

    fl->widget = FW_TEXT;
    fl->applies = FORMS_ALL;
    if (n->kind != DOC_MAP)
        return fail_at(c, n, line, col, _("a field must be a mapping, not %s"), kind_name(n));
    if (get_text(c, n, "path", where, &fl->path) < 0)
        return -1;
    if (!fl->path || !*fl->path)
        return fail_at(c, n, line, col, _("a field has no \"path\""));
    fw = (struct where){.prefix = prefix, .path = fl->path};
    if (check_keys(c, n, known, where) < 0)
        return -1;
    if (get_text(c, n, "label", where, &fl->label) < 0 || get_text(c, n, "question", where, &fl->question) < 0 ||
        get_text(c, n, "hint", where, &fl->hint) < 0 || get_text(c, n, "help", where, &fl->help) < 0 ||
        get_text(c, n, "ref", where, &fl->ref) < 0 ||
        get_text(c, n, "item_title", where, &fl->item_title) < 0 ||
        get_text(c, n, "id_prefix", where, &fl->id_prefix) < 0 || get_text(c, n, "widget", where, &w) < 0)
        goto out;
    if (!fl->label || !*fl->label) {
        fail_at(c, n, line, col, _("%s has no \"label\""), W(where));
        goto out;
    }
    if (!w) {
        fail_at(c, n, line, col, _("%s has no \"widget\""), W(where));
        goto out;
    }
    int wi = widget_parse(w);
    if (wi < 0) {
        const struct doc_pair *wp = doc_map_pair(n, "widget");
        fail_at(c, wp->val, wp->line, wp->col, _("%s: unknown widget \"%s\""), W(where), w);
        goto out;
    }
    fl->widget = (enum forms_widget)wi;
    bool present;
    if (get_applies(c, n, "applies", where, &fl->applies, NULL) < 0 ||
        get_applies(c, n, "required", where, &fl->required_in, &present) < 0)
        goto out;
    fl->required = present;
    if (!present)
        fl->required_in = 0;

    const struct doc_pair *p = doc_map_pair(n, "choices");
    if (fl->widget == FW_CHOICE) {
        if (!p) {
            fail_at(c, n, line, col, _("%s: a choice needs \"choices\""), W(where));
            goto out;
        }
        if (parse_choices(c, fl, p, where) < 0)
            goto out;
    } else if (p) {
        fail_at(c, NULL, p->line, p->col, _("%s: only a choice has \"choices\""), W(where));
        goto out;
    }

    bool is_ref = fl->widget == FW_REF || fl->widget == FW_REFLIST;
    if (is_ref && (!fl->ref || !*fl->ref)) {
        fail_at(c, n, line, col, _("%s: a %s needs \"ref\", the list whose ids it offers"), W(where), w);
        goto out;
    }
    if (!is_ref && fl->ref) {
        p = doc_map_pair(n, "ref");
        fail_at(c, NULL, p->line, p->col, _("%s: only a ref or reflist has \"ref\""), W(where));
        goto out;
    }

    p = doc_map_pair(n, "fields");
    if (fl->widget == FW_LIST) {
        if (!p || p->val->kind != DOC_SEQ || p->val->len == 0) {
            fail_at(c, p ? p->val : n, p ? p->line : line, p ? p->col : col,
                    _("%s: a list needs \"fields\", the sub-form of one item"), W(where));
            goto out;
        }
        char sub[512];
        snprintf(sub, sizeof sub, "%s%s[].", prefix, fl->path);
        if (parse_fields(c, p, where, sub, &fl->fields, &fl->nfields) < 0)
            goto out;
        bool has_id = false;
        for (size_t i = 0; i < fl->nfields; i++)
            has_id |= fl->fields[i].widget == FW_ID;
        if (has_id && (!fl->id_prefix || !*fl->id_prefix)) {
            fail_at(c, n, line, col, _("%s: a list whose items have an id needs \"id_prefix\""), W(where));
            goto out;
        }
        if (fl->item_title) {
            bool found = false;
            for (size_t i = 0; i < fl->nfields && !found; i++)
                found = strcmp(fl->fields[i].path, fl->item_title) == 0;
            if (!found) {
                p = doc_map_pair(n, "item_title");
                fail_at(c, p->val, p->line, p->col, _("%s: \"item_title\" names no field of the item: \"%s\""),
                        W(where), fl->item_title);
                goto out;
            }
        }
    } else if (p || fl->item_title || fl->id_prefix) {
        p = p ? p : doc_map_pair(n, fl->item_title ? "item_title" : "id_prefix");
        fail_at(c, NULL, p->line, p->col, _("%s: only a list has \"%s\""), W(where), p->key);
        goto out;
    }
    rc = 0;
out:
    own_free(w);
    return rc;
}

static int parse_fields(struct ctx *c, const struct doc_pair *p, struct where *where, const char *prefix,
                        const struct forms_field **out, size_t *nout)
{
    const struct doc_node *v = p->val;
    *out = NULL;
    *nout = 0;
    if (doc_is_null(v))
        return 0;
    if (v->kind != DOC_SEQ)
        return fail_at(c, v, p->line, p->col, _("%s: \"fields\" must be a list"), W(where));
    struct forms_field *fs = xcalloc(v->len ? v->len : 1, sizeof *fs);
    *out = fs;
    for (size_t i = 0; i < v->len; i++) {
        (*nout)++;
        if (parse_field(c, v->u.items[i], p->line, p->col, prefix, &fs[i]) < 0)
            return -1;
    }
    return 0;
}

static void step_free(const struct forms_step *s)
{
    own_free(s->id);
    own_free(s->title);
    own_free(s->short_title);
    own_free(s->help);
    fields_free(s->fields, s->nfields);
}

static int parse_step(struct ctx *c, const struct doc_node *root, struct forms_step *s)
{
    static const char *const known[] = {"step", "number", "title", "short_title", "help", "applies", "fields",
                                        NULL};
    struct where step = {.fixed = _("step")}, *where = &step;
    if (root->kind != DOC_MAP)
        return fail_at(c, root, 1, 1, _("a step file must be a mapping, not %s"), kind_name(root));
    if (check_keys(c, root, known, where) < 0)
        return -1;
    if (get_text(c, root, "step", where, &s->id) < 0 || get_text(c, root, "title", where, &s->title) < 0 ||
        get_text(c, root, "short_title", where, &s->short_title) < 0 ||
        get_text(c, root, "help", where, &s->help) < 0)
        return -1;
    if (!s->id || !*s->id)
        return fail_at(c, root, 1, 1, _("the step has no \"step\" (its id)"));
    if (!s->title || !*s->title)
        return fail_at(c, root, 1, 1, _("step \"%s\" has no \"title\""), s->id);
    if (!s->short_title)
        s->short_title = xstrdup(s->title);
    const struct doc_pair *p = doc_map_pair(root, "number");
    if (!p)
        return fail_at(c, root, 1, 1, _("step \"%s\" has no \"number\""), s->id);
    char *end = NULL;
    long num = p->val->kind == DOC_SCALAR ? strtol(p->val->u.str, &end, 10) : 0;
    if (p->val->kind != DOC_SCALAR || end == p->val->u.str || *end || num < 1 || num > 99)
        return fail_at(c, p->val, p->line, p->col, _("step \"%s\": \"number\" must be a number from 1 to 99"),
                       s->id);
    s->number = (int)num;
    if (get_applies(c, root, "applies", where, &s->applies, NULL) < 0)
        return -1;
    p = doc_map_pair(root, "fields");
    if (!p)
        return fail_at(c, root, 1, 1, _("step \"%s\" has no \"fields\""), s->id);
    return parse_fields(c, p, where, "", &s->fields, &s->nfields);
}

/* ---- loading ----------------------------------------------------------- */

static int load_step_tree(struct forms *f, const char *name, struct doc_node *root, struct err *e)
{
    struct forms_step *steps = xrealloc((void *)f->steps, (f->nsteps + 1) * sizeof *steps);
    f->steps = steps;
    struct forms_step *s = &steps[f->nsteps++];
    memset(s, 0, sizeof *s);
    struct ctx c = {name, e};
    int rc = parse_step(&c, root, s);
    doc_free(root);
    return rc;
}

int forms_load_buffer(struct forms *f, const char *name, const char *data, size_t len, struct err *e)
{
    struct doc_node *root = NULL;
    err_clear(e);
    if (sla_yaml_load_buffer(name, data, len, NULL, &root, NULL, e) < 0)
        return -1;
    return load_step_tree(f, name, root, e);
}

static int cmp_step(const void *a, const void *b)
{
    const struct forms_step *x = a, *y = b;
    return (x->number > y->number) - (x->number < y->number);
}

/* Steps sorted and numbered 1..n without gaps or repeats. */
static int check_numbers(struct forms *f, struct err *e)
{
    qsort((void *)f->steps, f->nsteps, sizeof *f->steps, cmp_step);
    for (size_t i = 0; i < f->nsteps; i++)
        if (f->steps[i].number != (int)i + 1) {
            err_set(e, NULL, 0, 0, _("step \"%s\" is number %d where number %zu was expected"), f->steps[i].id,
                    f->steps[i].number, i + 1);
            return -1;
        }
    if (f->nsteps == 0) {
        err_set(e, NULL, 0, 0, _("no step files found"));
        return -1;
    }
    return 0;
}

/* "forms/02-needs.yaml" or "02-needs.yaml": a step file, not a starting point. */
static bool is_step_name(const char *name)
{
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    size_t n = strlen(b);
    return b[0] >= '0' && b[0] <= '9' && b[1] >= '0' && b[1] <= '9' && b[2] == '-' && n > 8 &&
           strcmp(b + n - 5, ".yaml") == 0;
}

int forms_load_file(struct forms *f, const char *path, struct err *e)
{
    struct doc_node *root = NULL;
    err_clear(e);
    if (sla_yaml_load_file(path, NULL, &root, NULL, e) < 0)
        return -1;
    return load_step_tree(f, path, root, e);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int forms_load_dir(struct forms *f, const char *dir, struct err *e)
{
    memset(f, 0, sizeof *f);
    err_clear(e);
    DIR *d = opendir(dir);
    if (!d) {
        err_set(e, dir, 0, 0, _("cannot open the folder: %s"), strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!is_step_name(de->d_name))
            continue;
        names = xgrow(names, &cap, n + 1, sizeof *names);
        names[n++] = xasprintf("%s/%s", dir, de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = forms_load_file(f, names[i], e);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc == 0)
        rc = check_numbers(f, e);
    if (rc < 0)
        forms_free(f);
    return rc;
}

void forms_free(struct forms *f)
{
    if (!f->builtin) {
        for (size_t i = 0; i < f->nsteps; i++)
            step_free(&f->steps[i]);
        own_free(f->steps);
    }
    f->steps = NULL;
    f->nsteps = 0;
    f->builtin = false;
}
