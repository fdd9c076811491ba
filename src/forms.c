/* forms.c - the wizard's steps, one YAML file each in forms/ (see src/forms.h).
 *
 * Each step file is read into a doc tree (by the reader below, else by
 * sla_yaml_load_buffer) and then interpreted here: every key is checked,
 * and every mistake names the file, the line and column of the offending
 * node and the field's path.  The
 * shape of a step file is described at the top of forms/01-parties.yaml and
 * in doc/forms.md. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

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
static int get_text(struct ctx *c, const struct doc_node *map, const char *key, struct where *where, char **out)
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

static void field_free(struct forms_field *fl);

static void fields_free(struct forms_field *fs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        field_free(&fs[i]);
    free(fs);
}

static void field_free(struct forms_field *fl)
{
    free(fl->path);
    free(fl->label);
    free(fl->question);
    free(fl->hint);
    free(fl->help);
    for (size_t i = 0; i < fl->nchoices; i++) {
        free(fl->choices[i].value);
        free(fl->choices[i].label);
    }
    free(fl->choices);
    free(fl->ref);
    free(fl->item_title);
    free(fl->id_prefix);
    fields_free(fl->fields, fl->nfields);
}

static int parse_fields(struct ctx *c, const struct doc_pair *p, struct where *where, const char *prefix,
                        struct forms_field **out, size_t *nout);

static int parse_choices(struct ctx *c, struct forms_field *fl, const struct doc_pair *p, struct where *where)
{
    static const char *const known[] = {"value", "label", NULL};
    const struct doc_node *v = p->val;
    if (v->kind != DOC_SEQ)
        return fail_at(c, v, p->line, p->col, _("%s: \"choices\" must be a list"), W(where));
    if (v->len == 0)
        return fail_at(c, v, p->line, p->col, _("%s: \"choices\" is empty"), W(where));
    fl->choices = xcalloc(v->len, sizeof *fl->choices);
    for (size_t i = 0; i < v->len; i++) {
        const struct doc_node *it = v->u.items[i];
        struct forms_choice *ch = &fl->choices[fl->nchoices];
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
    char *w = NULL;
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
    free(w);
    return rc;
}

static int parse_fields(struct ctx *c, const struct doc_pair *p, struct where *where, const char *prefix,
                        struct forms_field **out, size_t *nout)
{
    const struct doc_node *v = p->val;
    *out = NULL;
    *nout = 0;
    if (doc_is_null(v))
        return 0;
    if (v->kind != DOC_SEQ)
        return fail_at(c, v, p->line, p->col, _("%s: \"fields\" must be a list"), W(where));
    *out = xcalloc(v->len ? v->len : 1, sizeof **out);
    for (size_t i = 0; i < v->len; i++) {
        (*nout)++;
        if (parse_field(c, v->u.items[i], p->line, p->col, prefix, &(*out)[i]) < 0)
            return -1;
    }
    return 0;
}

static void step_free(struct forms_step *s)
{
    free(s->id);
    free(s->title);
    free(s->short_title);
    free(s->help);
    fields_free(s->fields, s->nfields);
    memset(s, 0, sizeof *s);
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

/* ---- the step files' own reader --------------------------------------- */

/* Every start of the editor reads the ten embedded step files, 31 KB of
 * YAML.  Through libyaml and sla_yaml_load_buffer that took 6.7 million
 * instructions, more than half of everything pacta did before its first
 * screen (bench/, row 5).  The step files use a small part of YAML, and
 * this reader handles exactly that part, building the same tree at a few
 * instructions a byte:
 *
 *   - block mappings whose keys are words ([A-Za-z0-9_]), block sequences
 *     ("- " items, a mapping may start on the item's line, a sequence may
 *     stand at its key's indentation);
 *   - scalars on one line: plain, "double-quoted" (escapes \" \\ \n \t
 *     only), 'single-quoted'; literal blocks "|" (clip, indentation found
 *     from the first line);
 *   - flow sequences [a, "b"] and flow mappings {k: v, k: "v"} on one line;
 *   - comments, empty lines.
 *
 * Anything else - a tab, a carriage return, a control character, text
 * that is not UTF-8, a plain scalar holding ':' or '#' or continued on the
 * next line, a quoted one not closed on its line, anchors, tags, folded or
 * chomped blocks, flow collections over several lines, a duplicate key, a
 * document marker - makes it give up, and the file is read with
 * sla_yaml_load_buffer as before.  So is a file whose tree parse_step finds
 * a mistake in: its messages keep the positions libyaml gives.
 * tests/unit/test_forms_fast.c checks that every embedded file is read
 * here, and that on the embedded files and thousands of mutations of them
 * this reader either gives up or builds the tree libyaml builds (kinds,
 * styles, keys, text). */

struct fr {
    const char *p, *end; /* the current position */
    const char *bol;     /* the start of the current line */
    unsigned line;       /* 1-based number of the current line */
    struct doc_arena *a;
    int depth;
    bool bad;            /* gave up */
};

enum { FR_MAX_DEPTH = 64 };

static struct doc_node *fr_give_up(struct fr *r)
{
    r->bad = true;
    return NULL;
}

static bool fr_keychar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Is the whole buffer UTF-8 that libyaml reads as printable text, with no
 * tab, carriage return or other control character? */
static bool fr_text_ok(const char *s, size_t n)
{
    const uint8_t *u = (const uint8_t *)s, *end = u + n;
    /* Eight bytes at a time while they are all printable ASCII or '\n':
     * exact per-byte masks (no carry crosses a byte) of the bytes with
     * the high bit, below 0x20, equal to '\n' and equal to 0x7F. */
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL, hi = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    while (end - u >= 8) {
        uint64_t w;
        memcpy(&w, u, 8);
        uint64_t below20 = ~(((w & lo7) + 0x60 * ones) | w) & hi;
        uint64_t nl = w ^ (0x0A * ones), del = w ^ (0x7F * ones);
        uint64_t is_nl = ~(((nl & lo7) + lo7) | nl) & hi;
        uint64_t is_del = ~(((del & lo7) + lo7) | del) & hi;
        if ((w & hi) | (below20 & ~is_nl) | is_del)
            break; /* the byte loop decides */
        u += 8;
    }
    while (u < end) {
        if ((unsigned char)(*u - 0x20) < 0x5F || *u == '\n') { /* printable ASCII */
            u++;
            continue;
        }
        if (*u < 0x80)
            return false;
        ucs4_t c;
        int l = u8_mbtoucr(&c, u, (size_t)(end - u));
        if (l < 0 || (c >= 0x80 && c <= 0x9F) || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF)
            return false;
        u += l;
    }
    return true;
}

/* Move to the start of the next line. */
static void fr_next_line(struct fr *r)
{
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    r->p = nl ? nl + 1 : r->end;
    r->bol = r->p;
    r->line++;
}

/* Skip empty lines and comment lines; stop at the start of a line with
 * content (or the end).  Returns that line's indentation, -1 at the end. */
static int fr_skip_blank(struct fr *r)
{
    while (r->p < r->end) {
        const char *q = r->p;
        while (q < r->end && *q == ' ')
            q++;
        if (q < r->end && *q != '\n' && *q != '#')
            return (int)(q - r->p);
        fr_next_line(r);
    }
    return -1;
}

/* The rest of the line after a value: spaces, then nothing or a comment
 * (a '#' after a space).  Moves to the next line. */
static bool fr_end_of_line(struct fr *r)
{
    const char *q = r->p;
    while (q < r->end && *q == ' ')
        q++;
    if (q < r->end && *q != '\n' && !(*q == '#' && q > r->p))
        return false;
    r->p = q;
    fr_next_line(r);
    return true;
}

static struct doc_node *fr_scalar(struct fr *r, const char *s, size_t len, enum doc_style st, const char *at)
{
    struct doc_node *n = doc_arena_scalar(r->a, s, len, st);
    n->line = r->line;
    n->col = (unsigned)(at - r->bol) + 1;
    return n;
}

/* A quoted scalar at r->p, closed on its line. */
static struct doc_node *fr_quoted(struct fr *r)
{
    const char *at = r->p, *q = r->p + 1;
    char quote = *at;
    /* Most have no escape: their text is taken where it stands. */
    const char *close = q;
    while (close < r->end && *close != quote && *close != '\\' && *close != '\n')
        close++;
    if (close < r->end && *close == quote && !(quote == '\'' && close + 1 < r->end && close[1] == '\'')) {
        r->p = close + 1;
        return fr_scalar(r, q, (size_t)(close - q), quote == '"' ? DOC_QUOTED : DOC_SQUOTED, at);
    }
    char *buf = xmalloc((size_t)(r->end - q) + 1);
    size_t n = 0;
    for (;;) {
        if (q >= r->end || *q == '\n') {
            free(buf);
            return fr_give_up(r);
        }
        if (*q == quote) {
            if (quote == '\'' && q + 1 < r->end && q[1] == '\'') {
                buf[n++] = '\'';
                q += 2;
                continue;
            }
            break;
        }
        if (quote == '"' && *q == '\\') {
            char e = q + 1 < r->end ? q[1] : 0;
            char c = e == '"' ? '"' : e == '\\' ? '\\' : e == 'n' ? '\n' : e == 't' ? '\t' : 0;
            if (!c) {
                free(buf);
                return fr_give_up(r);
            }
            buf[n++] = c;
            q += 2;
            continue;
        }
        buf[n++] = *q++;
    }
    r->p = q + 1;
    struct doc_node *node = fr_scalar(r, buf, n, quote == '"' ? DOC_QUOTED : DOC_SQUOTED, at);
    free(buf);
    return node;
}

/* Can c start a plain scalar here?  Not an indicator, not a space. */
static bool fr_plain_start(char c)
{
    return c != ' ' && c != '\n' && !strchr("-?:,[]{}#&*!|>'\"%@`", c);
}

/* A plain scalar in a flow collection: up to ',' ']' '}'. */
static struct doc_node *fr_flow_plain(struct fr *r)
{
    const char *at = r->p, *q = r->p;
    if (q >= r->end || !fr_plain_start(*q))
        return fr_give_up(r);
    while (q < r->end && *q != ',' && *q != ']' && *q != '}' && *q != '\n') {
        if (strchr(":#[{\"'", *q))
            return fr_give_up(r);
        q++;
    }
    const char *e = q;
    while (e > at && e[-1] == ' ')
        e--;
    r->p = q;
    return fr_scalar(r, at, (size_t)(e - at), DOC_PLAIN, at);
}

static struct doc_node *fr_flow(struct fr *r);

static void fr_skip_spaces(struct fr *r)
{
    while (r->p < r->end && *r->p == ' ')
        r->p++;
}

/* A key in a flow mapping or a block line: word characters, then ':' and a
 * space (or, in a block, the end of the line).  Returns its length, 0 when
 * there is none. */
static size_t fr_key_len(const char *p, const char *end, bool block)
{
    const char *q = p;
    while (q < end && fr_keychar(*q))
        q++;
    if (q == p || q >= end || *q != ':')
        return 0;
    if (q + 1 < end && q[1] == ' ')
        return (size_t)(q - p);
    if (block && (q + 1 == end || q[1] == '\n'))
        return (size_t)(q - p);
    return 0;
}

/* A map's pairs while it is read (then copied into the arena). */
struct fr_pairs {
    struct doc_pair *v;
    size_t n, cap;
};

/* Add key (len bytes at k) -> val; false on a duplicate key. */
static bool fr_pair(struct fr_pairs *ps, const char *k, size_t len, unsigned line, unsigned col, struct doc_node *val)
{
    for (size_t i = 0; i < ps->n; i++)
        if (strlen(ps->v[i].key) == len && memcmp(ps->v[i].key, k, len) == 0)
            return false;
    ps->v = xgrow(ps->v, &ps->cap, ps->n + 1, sizeof *ps->v);
    ps->v[ps->n++] = (struct doc_pair){doc_key_new(k, len), line, col, val};
    return true;
}

/* Giving up: what was read is freed (the nodes live in the arena, but a
 * key may not, and doc_free releases keys). */
static void fr_pairs_drop(struct fr_pairs *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        doc_key_free(ps->v[i].key);
        doc_free(ps->v[i].val);
    }
    free(ps->v);
}

static struct doc_node *fr_map_done(struct fr *r, struct fr_pairs *ps, struct doc_node *m)
{
    if (r->bad) {
        fr_pairs_drop(ps);
        return NULL;
    }
    doc_arena_set_pairs(r->a, m, ps->v, ps->n);
    free(ps->v);
    return m;
}

struct fr_items {
    struct doc_node **v;
    size_t n, cap;
};

static struct doc_node *fr_seq_done(struct fr *r, struct fr_items *is, struct doc_node *s)
{
    if (r->bad)
        for (size_t i = 0; i < is->n; i++)
            doc_free(is->v[i]);
    else
        doc_arena_set_items(r->a, s, is->v, is->n);
    free(is->v);
    return r->bad ? NULL : s;
}

/* [a, "b", {k: v}] or {k: v, k: [a]} on one line, at r->p. */
static struct doc_node *fr_flow(struct fr *r)
{
    bool is_map = *r->p == '{';
    char close = is_map ? '}' : ']';
    struct doc_node *n = doc_arena_collection(r->a, is_map ? DOC_MAP : DOC_SEQ);
    n->style = DOC_FLOW;
    n->line = r->line;
    n->col = (unsigned)(r->p - r->bol) + 1;
    if (++r->depth > FR_MAX_DEPTH)
        return fr_give_up(r);
    r->p++;
    struct fr_pairs ps = {0};
    struct fr_items is = {0};
    fr_skip_spaces(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
    } else {
        for (;;) {
            const char *k = NULL;
            size_t klen = 0;
            unsigned kcol = 0;
            if (is_map) {
                klen = fr_key_len(r->p, r->end, false);
                if (!klen) {
                    r->bad = true;
                    break;
                }
                k = r->p;
                kcol = (unsigned)(r->p - r->bol) + 1;
                r->p += klen + 1;
                fr_skip_spaces(r);
            }
            struct doc_node *v;
            char c = r->p < r->end ? *r->p : '\n';
            if (c == '"' || c == '\'')
                v = fr_quoted(r);
            else if (c == '[' || c == '{')
                v = fr_flow(r);
            else
                v = fr_flow_plain(r);
            if (!v)
                break;
            if (is_map) {
                if (!fr_pair(&ps, k, klen, r->line, kcol, v)) {
                    doc_free(v);
                    r->bad = true;
                    break;
                }
            } else {
                is.v = xgrow(is.v, &is.cap, is.n + 1, sizeof *is.v);
                is.v[is.n++] = v;
            }
            fr_skip_spaces(r);
            if (r->p < r->end && *r->p == close) {
                r->p++;
                break;
            }
            if (r->p >= r->end || *r->p != ',') {
                r->bad = true;
                break;
            }
            r->p++;
            fr_skip_spaces(r);
            if (r->p >= r->end || *r->p == close || *r->p == ',' || *r->p == '\n') {
                r->bad = true; /* a trailing or doubled comma, or the line ends */
                break;
            }
        }
    }
    r->depth--;
    return is_map ? fr_map_done(r, &ps, n) : fr_seq_done(r, &is, n);
}

/* A literal block "|" whose header is at r->p, for a value of the node at
 * indentation parent. */
static struct doc_node *fr_literal(struct fr *r, int parent)
{
    unsigned line = r->line, col = (unsigned)(r->p - r->bol) + 1;
    r->p++;
    if (!fr_end_of_line(r)) /* |- |+ |2 ... */
        return fr_give_up(r);
    int ind = -1;
    size_t cap = 256, n = 0, pending = 0; /* pending: empty lines not yet written */
    bool started = false;
    char *buf = xmalloc(cap);
    while (r->p < r->end) {
        const char *q = r->p;
        while (q < r->end && *q == ' ')
            q++;
        int sp = (int)(q - r->p);
        if (q >= r->end || *q == '\n') {
            if (ind < 0 ? sp > 0 : sp > ind) { /* spaces kept on an empty line */
                free(buf);
                return fr_give_up(r);
            }
            pending++;
            fr_next_line(r);
            continue;
        }
        if (ind < 0) {
            if (sp <= parent)
                break;
            ind = sp;
        } else if (sp < ind) {
            break;
        }
        const char *t = r->p + ind;
        const char *nl = memchr(t, '\n', (size_t)(r->end - t));
        size_t len = (size_t)((nl ? nl : r->end) - t);
        while (n + 1 + pending + len + 1 >= cap)
            cap *= 2;
        buf = xrealloc(buf, cap);
        if (started)
            buf[n++] = '\n';
        for (; pending; pending--)
            buf[n++] = '\n';
        started = true;
        memcpy(buf + n, t, len);
        n += len;
        fr_next_line(r);
    }
    /* Clip: one line break at the end, trailing empty lines dropped.  An
     * empty block, or one whose last line has no line break (the end of
     * the file), is left to libyaml. */
    if (ind < 0 || (r->p >= r->end && r->end[-1] != '\n')) {
        free(buf);
        return fr_give_up(r);
    }
    buf[n++] = '\n';
    struct doc_node *node = doc_arena_scalar(r->a, buf, n, DOC_LITERAL);
    node->line = line;
    node->col = col;
    free(buf);
    return node;
}

static struct doc_node *fr_block(struct fr *r, int parent);
static struct doc_node *fr_map(struct fr *r, int ind);
static struct doc_node *fr_seq(struct fr *r, int ind);

/* A value that starts on the current line at r->p: a scalar, a flow
 * collection or a literal block, for a node at indentation parent.  Moves
 * past it. */
static struct doc_node *fr_inline(struct fr *r, int parent)
{
    char c = *r->p;
    struct doc_node *v;
    if (c == '|')
        return fr_literal(r, parent);
    if (c == '"' || c == '\'')
        v = fr_quoted(r);
    else if (c == '[' || c == '{')
        v = fr_flow(r);
    else if (fr_plain_start(c)) {
        const char *at = r->p, *q = r->p, *e = r->p;
        while (q < r->end && *q != '\n') {
            if (*q == '#') {
                if (q[-1] != ' ')
                    return fr_give_up(r);
                break;
            }
            if (*q == ':')
                return fr_give_up(r);
            if (*q != ' ')
                e = q + 1;
            q++;
        }
        r->p = e;
        v = fr_scalar(r, at, (size_t)(e - at), DOC_PLAIN, at);
    } else
        return fr_give_up(r);
    if (!v)
        return fr_give_up(r);
    if (!fr_end_of_line(r)) {
        doc_free(v);
        return fr_give_up(r);
    }
    /* A more indented line after a value would continue it (a plain
     * scalar over several lines) or be an error: libyaml decides. */
    const char *save = r->p, *bol = r->bol;
    unsigned line = r->line;
    while (r->p < r->end) {
        const char *q = r->p;
        while (q < r->end && *q == ' ')
            q++;
        if (q < r->end && *q != '\n') {
            if ((int)(q - r->p) > parent) {
                doc_free(v);
                return fr_give_up(r);
            }
            break;
        }
        fr_next_line(r);
    }
    r->p = save;
    r->bol = bol;
    r->line = line;
    return v;
}

/* The value of a key (or item) at indentation ind whose line ended after
 * the ':' (or '-'): a block on the next lines, more indented; for a key, a
 * sequence at the key's own indentation; else null (an empty plain). */
static struct doc_node *fr_block_value(struct fr *r, int ind, bool key)
{
    const char *at = r->p;
    unsigned line = r->line, col = (unsigned)(at - r->bol) + 1;
    fr_next_line(r); /* the rest is spaces or a comment */
    int next = fr_skip_blank(r);
    if (next > ind)
        return fr_block(r, ind);
    if (key && next == ind && r->p[next] == '-' && (r->p + next + 1 >= r->end || r->p[next + 1] == ' ' ||
                                                   r->p[next + 1] == '\n'))
        return fr_seq(r, ind);
    struct doc_node *n = doc_arena_scalar(r->a, "", 0, DOC_PLAIN);
    n->line = line;
    n->col = col;
    return n;
}

/* A block map or sequence at column ind, one level deeper; NULL (given
 * up) when that is too deep. */
static struct doc_node *fr_open(struct fr *r, enum doc_kind kind, int ind)
{
    struct doc_node *n = doc_arena_collection(r->a, kind);
    n->line = r->line;
    n->col = (unsigned)ind + 1;
    if (++r->depth > FR_MAX_DEPTH)
        return fr_give_up(r);
    return n;
}

/* Whether the next line that is not blank goes on the block at column ind:
 * it does when it starts at ind; a line less indented ends the block, one
 * more indented is wrong (r->bad). */
static bool fr_next_at(struct fr *r, int ind)
{
    int i = fr_skip_blank(r);
    if (i > ind)
        r->bad = true;
    return i == ind;
}

/* A mapping whose keys stand at column ind; r->p is at its first key
 * (at the start of a line, or after "- " on an item's line). */
static struct doc_node *fr_map(struct fr *r, int ind)
{
    struct doc_node *m = fr_open(r, DOC_MAP, ind);
    if (!m)
        return NULL;
    struct fr_pairs ps = {0};
    bool first = true;
    while (!r->bad) {
        if (!first) {
            if (!fr_next_at(r, ind))
                break;
            r->p += ind;
        }
        first = false;
        size_t klen = fr_key_len(r->p, r->end, true);
        if (!klen) {
            r->bad = true;
            break;
        }
        const char *k = r->p;
        unsigned kline = r->line, kcol = (unsigned)(r->p - r->bol) + 1;
        r->p += klen + 1;
        fr_skip_spaces(r);
        struct doc_node *v;
        if (r->p >= r->end || *r->p == '\n' || *r->p == '#')
            v = fr_block_value(r, ind, true);
        else
            v = fr_inline(r, ind);
        if (!v || !fr_pair(&ps, k, klen, kline, kcol, v)) {
            doc_free(v);
            r->bad = true;
            break;
        }
    }
    r->depth--;
    /* Leave r->p at the start of the line that ends the map. */
    r->p = r->bol;
    return fr_map_done(r, &ps, m);
}

/* A block sequence whose "-" stand at column ind; r->p is at the start of
 * the first item's line. */
static struct doc_node *fr_seq(struct fr *r, int ind)
{
    struct doc_node *s = fr_open(r, DOC_SEQ, ind);
    if (!s)
        return NULL;
    struct fr_items is = {0};
    while (!r->bad && fr_next_at(r, ind)) {
        const char *q = r->p + ind;
        if (*q != '-')
            break; /* the parent map's next key */
        if (q + 1 < r->end && q[1] != ' ' && q[1] != '\n') {
            r->bad = true;
            break;
        }
        r->p = q + 1;
        fr_skip_spaces(r);
        struct doc_node *v;
        if (r->p >= r->end || *r->p == '\n' || *r->p == '#')
            v = fr_block_value(r, ind, false);
        else if (fr_key_len(r->p, r->end, true))
            v = fr_map(r, (int)(r->p - r->bol));
        else
            v = fr_inline(r, ind);
        if (!v) {
            r->bad = true;
            break;
        }
        is.v = xgrow(is.v, &is.cap, is.n + 1, sizeof *is.v);
        is.v[is.n++] = v;
    }
    r->depth--;
    r->p = r->bol;
    return fr_seq_done(r, &is, s);
}

/* A block node on the lines from r->p, more indented than parent. */
static struct doc_node *fr_block(struct fr *r, int parent)
{
    int i = fr_skip_blank(r);
    if (i <= parent)
        return fr_give_up(r);
    const char *q = r->p + i;
    if (*q == '-')
        return fr_seq(r, i);
    r->p = q;
    return fr_map(r, i);
}

int forms_read_fast(const char *data, size_t len, struct doc_node **out)
{
    *out = NULL;
    if (!fr_text_ok(data, len))
        return -1;
    /* Directives and document markers. */
    for (const char *l = data; l < data + len;) {
        if (*l == '%' || (data + len - l >= 3 && (memcmp(l, "---", 3) == 0 || memcmp(l, "...", 3) == 0)))
            return -1;
        const char *nl = memchr(l, '\n', (size_t)(data + len - l));
        l = nl ? nl + 1 : data + len;
    }
    struct fr r = {data, data + len, data, 1, doc_arena_new(len), 0, false};
    struct doc_node *root = NULL;
    int i = fr_skip_blank(&r);
    if (i == 0 && *r.p != '-') {
        root = fr_map(&r, 0);
        if (!r.bad && fr_skip_blank(&r) >= 0)
            r.bad = true; /* something after the top mapping */
    }
    if (!root || r.bad) {
        doc_free(root);
        doc_arena_free(r.a);
        return -1;
    }
    *out = doc_arena_adopt(r.a, root);
    return 0;
}

/* ---- loading ----------------------------------------------------------- */

static int load_step_tree(struct forms *f, const char *name, struct doc_node *root, struct err *e)
{
    f->steps = xrealloc(f->steps, (f->nsteps + 1) * sizeof *f->steps);
    struct forms_step *s = &f->steps[f->nsteps++];
    memset(s, 0, sizeof *s);
    struct ctx c = {name, e};
    int rc = parse_step(&c, root, s);
    doc_free(root);
    return rc;
}

int forms_load_buffer(struct forms *f, const char *name, const char *data, size_t len, bool fast, struct err *e)
{
    struct doc_node *root = NULL;
    err_clear(e);
    if (fast && forms_read_fast(data, len, &root) == 0) {
        struct err quiet;
        err_clear(&quiet);
        if (load_step_tree(f, name, root, &quiet) == 0)
            return 0;
        /* A mistake: read the file again the usual way, for the message
         * and position libyaml gives. */
        step_free(&f->steps[--f->nsteps]);
    }
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
    qsort(f->steps, f->nsteps, sizeof *f->steps, cmp_step);
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

int forms_load(struct forms *f, struct err *e)
{
    memset(f, 0, sizeof *f);
    err_clear(e);
    for (size_t i = 0; i < forms_nblobs; i++) {
        if (!is_step_name(forms_blobs[i].name))
            continue;
        if (forms_load_buffer(f, forms_blobs[i].name, forms_blobs[i].data, forms_blobs[i].len, true, e) < 0)
            goto fail;
    }
    if (check_numbers(f, e) < 0)
        goto fail;
    return 0;
fail:
    forms_free(f);
    return -1;
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
    for (size_t i = 0; i < f->nsteps; i++)
        step_free(&f->steps[i]);
    free(f->steps);
    f->steps = NULL;
    f->nsteps = 0;
}

/* ---- starting points --------------------------------------------------- */

static const struct forms_blob *blob_find(const char *name)
{
    for (size_t i = 0; i < forms_nblobs; i++)
        if (strcmp(forms_blobs[i].name, name) == 0)
            return &forms_blobs[i];
    return NULL;
}

/* Every quoted or literal text is an English msgid (see forms/start-*.yaml);
 * the empty string is not: gettext would answer with the catalogue header. */
static void translate_tree(struct doc_node *n, const char *lang)
{
    switch (n->kind) {
    case DOC_SCALAR:
        if ((n->style == DOC_QUOTED || n->style == DOC_SQUOTED || n->style == DOC_LITERAL) && n->u.str[0]) {
            const char *t = i18n_lang(lang, n->u.str);
            if (t != n->u.str && strcmp(t, n->u.str) != 0) {
                doc_scalar_set(n, t, strlen(t));
            }
        }
        break;
    case DOC_MAP:
        for (size_t i = 0; i < n->len; i++)
            translate_tree(n->u.pairs[i].val, lang);
        break;
    case DOC_SEQ:
        for (size_t i = 0; i < n->len; i++)
            translate_tree(n->u.items[i], lang);
        break;
    }
}

static void set_plain(struct doc_node *root, const char *path, const char *value)
{
    doc_set(root, path, doc_new_scalar(value, DOC_PLAIN));
}

static void set_date(struct doc_node *root, const char *path, const struct tm *tm)
{
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%d", tm);
    set_plain(root, path, buf);
}

/* The machine's time zone name ("Europe/Madrid"), or NULL. */
static char *local_timezone(void)
{
    const char *tz = getenv("TZ");
    if (tz && *tz) {
        if (*tz == ':')
            tz++;
        if (strchr(tz, '/') && *tz != '/')
            return xstrdup(tz);
    }
    char buf[4096];
    ssize_t n = readlink("/etc/localtime", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
        const char *z = strstr(buf, "zoneinfo/");
        if (z && strchr(z + 9, '/'))
            return xstrdup(z + 9);
    }
    FILE *fp = fopen("/etc/timezone", "r");
    if (fp) {
        char *r = NULL;
        if (fgets(buf, sizeof buf, fp)) {
            buf[strcspn(buf, "\r\n")] = '\0';
            if (strchr(buf, '/'))
                r = xstrdup(buf);
        }
        fclose(fp);
        return r;
    }
    return NULL;
}

/* Dates of a new agreement: created today, the term starting on the first
 * day of next month for one year, the first review three months in. */
static void fill_dates(struct doc_node *root, time_t now)
{
    struct tm today, t;
    localtime_r(&now, &today);
    set_date(root, "metadata.created", &today);
    set_date(root, "metadata.updated", &today);

    t = today;
    t.tm_mday = 1;
    t.tm_mon += 1;
    t.tm_hour = 12;
    t.tm_isdst = -1;
    mktime(&t);
    set_date(root, "agreement.effective_from", &t);
    struct tm r = t;
    r.tm_mon += 3;
    r.tm_isdst = -1;
    mktime(&r);
    if (doc_get(root, "evaluation"))
        set_date(root, "evaluation.next_review", &r);
    t.tm_year += 1;
    t.tm_mday -= 1; /* the day before: mktime normalises */
    t.tm_isdst = -1;
    mktime(&t);
    set_date(root, "agreement.effective_to", &t);
}

/* Between two departments of one company: no tax ids and no prices to
 * invoice (charge-back is optional, added by the user when wanted), so no
 * credit computed on a price either. */
static void make_internal(struct doc_node *root)
{
    set_plain(root, "agreement.scope", "internal");
    doc_del(root, "parties.provider.tax_id");
    doc_del(root, "parties.client.tax_id");
    doc_del(root, "pricing");
    struct doc_node *sc = doc_get(root, "remedies.service_credits");
    for (size_t i = 0; sc && sc->kind == DOC_SEQ && i < sc->len; i++)
        doc_map_del(sc->u.items[i], "basis");
}

struct doc_node *forms_starting_point(const char *type, bool internal, const char *lang, struct err *e)
{
    err_clear(e);
    if (!type)
        type = "basic";
    if (strcmp(type, "basic") != 0 && strcmp(type, "binding") != 0 && strcmp(type, "two_way") != 0) {
        err_set(e, NULL, 0, 0, _("unknown agreement type \"%s\" (basic, binding or two_way)"), type);
        return NULL;
    }
    if (!lang || !*lang)
        lang = "en";
    for (const char *p = lang; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' || *p == '-') ||
            p - lang > 15) {
            err_set(e, NULL, 0, 0, _("unknown language \"%s\""), lang);
            return NULL;
        }
    char name[64];
    snprintf(name, sizeof name, "forms/start-%s.yaml", type);
    const struct forms_blob *b = blob_find(name);
    if (!b) {
        err_set(e, name, 0, 0, _("the starting point is missing from this build"));
        return NULL;
    }
    struct doc_node *root = NULL;
    if (sla_yaml_load_buffer(b->name, b->data, b->len, NULL, &root, NULL, e) < 0)
        return NULL;
    translate_tree(root, lang);
    set_plain(root, "metadata.language", lang);
    fill_dates(root, time(NULL));
    char *tz = local_timezone();
    if (tz) {
        doc_set(root, "agreement.timezone", doc_new_scalar(tz, DOC_QUOTED));
        free(tz);
    } else {
        doc_set(root, "agreement.timezone", doc_new_scalar("", DOC_QUOTED));
    }
    if (internal)
        make_internal(root);
    return root;
}
