/* app.c - the wizard and editor.
 *
 * One loop: draw what the state says, read one key (term_key), let the
 * focused widget handle it, else look the key up in the action table and
 * run the action.  Widget handlers return flags (handled, redraw, next);
 * the loop decides what to draw.  The tree is the only copy of the answers:
 * the focused text field is edited in a buffer that is written back to the
 * tree by path when the focus leaves it (or on save). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uninorm.h>
#include <unistr.h>
#include <locale.h>

#include "src/calc.h"
#include "src/doc.h"
#include "src/err.h"
#include "src/evaluate.h"
#include "src/fileio.h"
#include "src/forms.h"
#include "src/i18n.h"
#include "src/l10n.h"
#include "src/measure.h"
#include "src/sla_yaml.h"
#include "src/spawn.h"
#include "src/spell.h"
#include "src/summary.h"
#include "src/print.h"
#include "src/render.h"
#include "src/validate.h"
#include "src/xalloc.h"
#include "ui/actions.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/textarea.h"
#include "ui/term.h"
#include "ui/theme.h"

/* Widget handler results. */
enum {
    R_HANDLED = 1 << 0, /* the key was used */
    R_REDRAW = 1 << 1,  /* something changed on screen */
    R_NEXT = 1 << 2,    /* move the focus to the next field */
    R_CLOSE = 1 << 3,   /* close the dialog / sub-form */
};

#define PATHMAX 512
#define MAXDEPTH 8
#define STEPLIST_W 24

/* One level of the form being shown: a step, or one item of a list. */
struct frame {
    const struct forms_field *fields;
    size_t nfields;
    char prefix[PATHMAX];          /* "" or "services[3]." */
    const struct forms_field *list; /* the list this frame edits an item of */
    char list_path[PATHMAX];       /* full path of that list */
    size_t item;                   /* its index */
    size_t focus;                  /* index into fields[] */
    int scroll;                    /* first body row shown */
    size_t sel;                    /* cursor inside the focused widget (list item, day, id) */
    size_t top;                    /* first list row shown */
};

/* The focused field's text: the one-line editor or the multi-line one. */
struct editor {
    bool ml, live;
    struct lineedit le;
    struct textarea ta;
};

static void ed_free(struct editor *e)
{
    if (e->live) {
        lineedit_free(&e->le);
        textarea_free(&e->ta);
    }
    e->live = false;
}

static void ed_set(struct editor *e, bool ml, const char *s)
{
    if (!e->live) {
        lineedit_init(&e->le, 0);
        textarea_init(&e->ta, 40, 0);
        e->live = true;
    }
    e->ml = ml;
    if (ml) {
        textarea_set(&e->ta, s);
        textarea_set_cursor(&e->ta, SIZE_MAX);
    } else {
        lineedit_set(&e->le, s);
    }
}

static const char *ed_text(const struct editor *e)
{
    if (!e->live)
        return "";
    return e->ml ? textarea_text(&e->ta) : lineedit_text(&e->le);
}

struct app {
    struct doc_node *root;
    char *path;         /* where saves go; NULL: ask */
    bool ask_overwrite; /* path was not read from: never replace what is there silently */
    struct fileio_stat stamp;
    bool dirty;
    struct forms forms;
    size_t step;
    struct frame frames[MAXDEPTH];
    int depth; /* frames[depth - 1] is shown */
    bool editing;
    struct editor ed;
    char edit_path[PATHMAX];
    const struct forms_field *edit_field;
    bool from_review;
    size_t review_sel;
    int review_scroll;
    char msg[512];
    enum theme_role msg_role;
    bool quit;
    char lang[16]; /* the screen language, for numbers and figures */
    struct findings findings;
    bool findings_stale;
    /* Spelling: the dictionary loads on a worker thread once the first
     * screen is out (spell_request); the loop takes it when it is ready
     * (spell_take). */
    struct spell *sp;
    struct spell_loader *spell_ld; /* loading, not taken yet */
    bool spell_tried;
    char *spell_lang; /* the metadata.language the speller is for */
    bool spell_shown; /* headless: the first screen was drawn again with it */
    const char *dict;    /* --dict NAME, or NULL */
    /* The lock on the file being edited (fileio_lock). */
    struct fileio_lock lock;
    int lock_state;      /* 0 held or no file, 1 held by another, -1 none possible */
    struct fileio_lock_holder holder;
    char lock_err[512];
    bool readonly;       /* chosen when another pacta holds the lock */
    /* Crash recovery: the file, and whether keys came since it was written. */
    char *recover_path;
    bool recover_pending;
    bool no_offer; /* app_edit: the tree is the caller's, never replaced */
    /* A brand-new agreement keeps quiet about missing answers until the
     * user has been there: fields focused then left (their full paths),
     * steps passed with PgDn.  Errors in what was typed always show. */
    bool quiet;
    char **visited;
    size_t nvisited, visited_cap;
    bool *passed; /* per step */
};

static struct app A;

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

static void set_msg(enum theme_role role, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_msg(enum theme_role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(A.msg, sizeof A.msg, fmt, ap);
    va_end(ap);
    A.msg_role = role;
}

static void say_readonly(void)
{
    set_msg(THEME_WARNING, _("Read-only: another pacta is editing this agreement; changes cannot be made here."));
}

static struct frame *top(void) { return &A.frames[A.depth - 1]; }

static const struct forms_step *cur_step(void) { return &A.forms.steps[A.step]; }

static bool is_review(const struct forms_step *s) { return strcmp(s->id, "review") == 0; }

static unsigned applies_now(void) { return forms_applies_to(A.root); }

static bool step_visible(size_t i) { return forms_applies(A.forms.steps[i].applies, applies_now()); }

static bool field_visible(const struct forms_field *f) { return forms_applies(f->applies, applies_now()); }

static void full_path(char *buf, size_t size, const struct frame *fr, const struct forms_field *f)
{
    snprintf(buf, size, "%s%s", fr->prefix, f->path);
}

static bool is_text_widget(enum forms_widget w)
{
    switch (w) {
    case FW_TEXT: case FW_MULTILINE: case FW_DATE: case FW_TIME: case FW_DURATION:
    case FW_PERCENT: case FW_NUMBER: case FW_MONEY: case FW_ID: case FW_TEXTLIST:
    case FW_DATELIST:
        return true;
    default:
        return false;
    }
}

static bool is_multiline(enum forms_widget w)
{
    return w == FW_MULTILINE || w == FW_TEXTLIST || w == FW_DATELIST;
}

static bool decimal_comma(void) { return strncmp(A.lang, "es", 2) == 0; }

static const char *today(char *buf, size_t size)
{
    const char *t = getenv("PACTA_TODAY");
    if (t && *t) {
        snprintf(buf, size, "%s", t);
        return buf;
    }
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(buf, size, "%Y-%m-%d", &tm);
    return buf;
}

/* The text of a field as the editor shows it ("" when absent). */
static char *field_text(const struct forms_field *f, const char *path)
{
    const struct doc_node *n = doc_get(A.root, path);
    if (!n || doc_is_null(n))
        return xstrdup("");
    if (n->kind == DOC_SEQ) {
        size_t cap = 1, len = 0;
        char *s = xmalloc(cap);
        s[0] = 0;
        for (size_t i = 0; i < n->len; i++) {
            const struct doc_node *it = n->u.items[i];
            const char *t = it->kind == DOC_SCALAR ? it->u.str : "";
            size_t l = strlen(t);
            s = xgrow(s, &cap, len + l + 2, 1);
            if (i)
                s[len++] = '\n';
            memcpy(s + len, t, l);
            len += l;
            s[len] = 0;
        }
        return s;
    }
    if (n->kind != DOC_SCALAR)
        return xstrdup("");
    char *s = xstrdup(n->u.str);
    if (decimal_comma() && (f->widget == FW_PERCENT || f->widget == FW_NUMBER || f->widget == FW_MONEY))
        for (char *p = s; *p; p++)
            if (*p == '.')
                *p = ',';
    return s;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

/* A number as typed ("99,5 %") in the file's form ("99.5"), in place. */
static char *number_form(char *s)
{
    s = trim(s);
    size_t n = strlen(s);
    if (n > 0 && s[n - 1] == '%') {
        s[--n] = 0;
        s = trim(s);
    }
    for (char *p = s; *p; p++)
        if (*p == ',')
            *p = '.';
    return s;
}

/* Is the text acceptable for its widget?  NULL or a (translated) reason. */
static const char *text_problem(enum forms_widget w, const char *text)
{
    char *copy = xstrdup(text);
    char *t = trim(copy);
    const char *why = NULL;
    long day;
    int minutes;
    long long v;
    struct calc_duration d;
    if (!*t) {
        free(copy);
        return NULL;
    }
    switch (w) {
    case FW_DATE:
        if (calc_parse_date(t, &day) != 0)
            why = _("not a date: write it as YYYY-MM-DD, e.g. 2027-01-31");
        break;
    case FW_TIME:
        if (calc_parse_time(t, &minutes) != 0)
            why = _("not a time of day: write it as HH:MM, e.g. 09:00");
        break;
    case FW_DURATION:
        if (calc_parse_duration(t, &d) != 0)
            why = _("not a duration: a number and m, h, d, w, M, Q or Y, e.g. 4h or 1M");
        break;
    case FW_PERCENT:
        t = number_form(t);
        if (calc_parse_decimal(t, &v) != 0 || v > 100 * CALC_SCALE)
            why = _("not a percentage: a number from 0 to 100, e.g. 99,5");
        break;
    case FW_NUMBER:
        t = number_form(t);
        if (calc_parse_decimal(t, &v) != 0)
            why = _("not a number");
        break;
    case FW_MONEY:
        t = number_form(t);
        if (calc_parse_money(t, &v) != 0)
            why = _("not an amount: digits with up to two decimals, e.g. 90,00");
        break;
    case FW_DATELIST: {
        for (char *line = strtok(t, "\n"); line && !why; line = strtok(NULL, "\n")) {
            char *l = trim(line);
            if (*l && calc_parse_date(l, &day) != 0)
                why = _("one line is not a date: write each as YYYY-MM-DD");
        }
        break;
    }
    default:
        break;
    }
    free(copy);
    return why;
}

/* The node a field's text becomes in the tree; NULL for an empty answer. */
static struct doc_node *text_node(const struct forms_field *f, const char *text)
{
    char *copy = xstrdup(text);
    char *t = f->widget == FW_MULTILINE ? copy : trim(copy);
    struct doc_node *n = NULL;
    if (f->widget == FW_MULTILINE) {
        size_t l = strlen(t);
        while (l > 0 && (t[l - 1] == '\n' || t[l - 1] == ' '))
            t[--l] = 0;
        while (*t == '\n')
            t++;
    }
    if (!*t) {
        free(copy);
        return NULL;
    }
    bool ok = text_problem(f->widget, t) == NULL;
    switch (f->widget) {
    case FW_MULTILINE:
        n = doc_new_scalar(t, strchr(t, '\n') ? DOC_LITERAL : DOC_QUOTED);
        break;
    case FW_PERCENT:
    case FW_NUMBER:
        t = number_form(t);
        n = doc_new_scalar(t, ok ? DOC_PLAIN : DOC_QUOTED);
        break;
    case FW_MONEY:
        t = number_form(t);
        n = doc_new_scalar(t, DOC_QUOTED);
        break;
    case FW_DATE:
    case FW_DURATION:
    case FW_ID:
        n = doc_new_scalar(t, ok ? DOC_PLAIN : DOC_QUOTED);
        break;
    case FW_TEXTLIST:
    case FW_DATELIST:
        n = doc_new_seq();
        for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
            char *l = trim(line);
            if (*l) {
                long day;
                bool plain = f->widget == FW_DATELIST && calc_parse_date(l, &day) == 0;
                doc_seq_push(n, doc_new_scalar(l, plain ? DOC_PLAIN : DOC_QUOTED));
            }
        }
        if (n->len == 0) {
            doc_free(n);
            n = NULL;
        }
        break;
    default:
        n = doc_new_scalar(t, DOC_QUOTED);
        break;
    }
    free(copy);
    return n;
}

/* Put node n (owned; NULL removes) at path unless the tree already says
 * the same.  Returns whether anything changed. */
static void say_readonly(void);

static bool tree_put(const char *path, struct doc_node *n)
{
    if (A.readonly) {
        doc_free(n);
        say_readonly();
        return false;
    }
    struct doc_node *old = doc_get(A.root, path);
    if (!n) {
        if (!old)
            return false;
        doc_del(A.root, path);
    } else {
        if (old && doc_equal(old, n)) {
            doc_free(n);
            return false;
        }
        if (doc_set(A.root, path, n) != 0) {
            doc_free(n);
            set_msg(THEME_ERROR, _("Cannot store the answer at %s"), path);
            return false;
        }
    }
    A.dirty = true;
    A.findings_stale = true;
    return true;
}

static void tree_put_plain(const char *path, const char *value)
{
    tree_put(path, value ? doc_new_scalar(value, DOC_PLAIN) : NULL);
}

/* ------------------------------------------------------------------ */
/* Focus and editing                                                     */
/* ------------------------------------------------------------------ */

static const struct forms_field *focused_field(void)
{
    struct frame *fr = top();
    if (fr->nfields == 0 || fr->focus >= fr->nfields)
        return NULL;
    return &fr->fields[fr->focus];
}

static bool path_under(const char *p, const char *base)
{
    size_t n = strlen(base);
    return strncmp(p, base, n) == 0 && (p[n] == '\0' || p[n] == '.' || p[n] == '[');
}

/* The focused field of the top frame is being left: remember it. */
static void note_left(void)
{
    if (!A.quiet || A.depth < 1)
        return;
    struct frame *fr = top();
    if (fr->nfields == 0 || fr->focus >= fr->nfields)
        return;
    char path[PATHMAX];
    full_path(path, sizeof path, fr, &fr->fields[fr->focus]);
    for (size_t i = 0; i < A.nvisited; i++)
        if (strcmp(A.visited[i], path) == 0)
            return;
    A.visited = xgrow(A.visited, &A.visited_cap, A.nvisited + 1, sizeof *A.visited);
    A.visited[A.nvisited++] = xstrdup(path);
}

static void commit_edit(void)
{
    if (!A.editing)
        return;
    tree_put(A.edit_path, text_node(A.edit_field, ed_text(&A.ed)));
    A.editing = false;
}

static void begin_edit(void)
{
    const struct forms_field *f = focused_field();
    A.editing = false;
    if (!f || !is_text_widget(f->widget))
        return;
    full_path(A.edit_path, sizeof A.edit_path, top(), f);
    char *t = field_text(f, A.edit_path);
    ed_set(&A.ed, is_multiline(f->widget), t);
    free(t);
    A.edit_field = f;
    A.editing = true;
}

/* Move the focus to field i of the top frame (commits the edit). */
static void focus_field(size_t i)
{
    struct frame *fr = top();
    if (i != fr->focus)
        note_left();
    commit_edit();
    fr->focus = i;
    fr->sel = 0;
    fr->top = 0;
    begin_edit();
}

static bool focus_step_first(int dir)
{
    struct frame *fr = top();
    if (fr->nfields == 0)
        return false;
    size_t i = fr->focus;
    for (size_t k = 0; k < fr->nfields; k++) {
        i = (i + fr->nfields + (size_t)dir) % fr->nfields;
        if (field_visible(&fr->fields[i])) {
            focus_field(i);
            return true;
        }
    }
    return false;
}

static void focus_first_visible(void)
{
    struct frame *fr = top();
    for (size_t i = 0; i < fr->nfields; i++)
        if (field_visible(&fr->fields[i])) {
            focus_field(i);
            return;
        }
    commit_edit();
    fr->focus = fr->nfields;
}

static void goto_step(size_t s)
{
    note_left();
    commit_edit();
    A.step = s;
    A.depth = 1;
    struct frame *fr = &A.frames[0];
    memset(fr, 0, sizeof *fr);
    fr->fields = A.forms.steps[s].fields;
    fr->nfields = A.forms.steps[s].nfields;
    fr->focus = fr->nfields; /* nothing focused yet */
    A.review_sel = 0;
    A.review_scroll = 0;
    focus_first_visible();
}

static size_t review_index(void)
{
    for (size_t i = 0; i < A.forms.nsteps; i++)
        if (is_review(&A.forms.steps[i]))
            return i;
    return A.forms.nsteps - 1;
}

static void step_move(int dir)
{
    if (A.from_review && dir > 0) {
        A.from_review = false;
        goto_step(review_index());
        return;
    }
    size_t s = A.step;
    if (dir > 0 && A.passed)
        A.passed[A.step] = true;
    for (;;) {
        if (dir > 0 && s + 1 >= A.forms.nsteps)
            return;
        if (dir < 0 && s == 0)
            return;
        s += (size_t)dir;
        if (step_visible(s))
            break;
    }
    goto_step(s);
}

/* Enter item i of the list field f (path lpath) on a sub-form. */
static void open_item(const struct forms_field *f, const char *lpath, size_t i)
{
    if (A.depth >= MAXDEPTH)
        return;
    note_left();
    commit_edit();
    top()->sel = i;
    struct frame *fr = &A.frames[A.depth++];
    memset(fr, 0, sizeof *fr);
    fr->fields = f->fields;
    fr->nfields = f->nfields;
    fr->focus = fr->nfields; /* nothing focused yet */
    fr->list = f;
    snprintf(fr->list_path, sizeof fr->list_path, "%s", lpath);
    fr->item = i;
    snprintf(fr->prefix, sizeof fr->prefix, "%s[%zu].", lpath, i);
    focus_first_visible();
}

static void close_item(void)
{
    if (A.depth <= 1)
        return;
    note_left();
    commit_edit();
    A.depth--;
    begin_edit();
}

/* ------------------------------------------------------------------ */
/* Completion, values for display                                        */
/* ------------------------------------------------------------------ */

static bool has_value(const char *path)
{
    const struct doc_node *n = doc_get(A.root, path);
    if (!n || doc_is_null(n))
        return false;
    if (n->kind == DOC_SCALAR)
        return n->u.str[0] != 0;
    return n->len > 0;
}

static bool step_complete(const struct forms_step *s)
{
    if (s->nfields == 0)
        return false;
    bool any = false;
    for (size_t i = 0; i < s->nfields; i++) {
        const struct forms_field *f = &s->fields[i];
        if (!field_visible(f))
            continue;
        bool v = has_value(f->path);
        any |= v;
        if (f->required && !v)
            return false;
    }
    return any;
}

static void refresh_findings(void)
{
    if (!A.findings_stale)
        return;
    findings_free(&A.findings);
    memset(&A.findings, 0, sizeof A.findings);
    validate_doc(A.root, &A.findings);
    A.findings_stale = false;
}

/* Is finding fd shown in the form?  Always, except on a brand-new
 * agreement where a missing answer (nothing at its path) waits until its
 * field was visited or its step passed.  The review and the step list
 * show every finding. */
static bool finding_loud(const struct finding *fd)
{
    if (!A.quiet || has_value(fd->path))
        return true;
    for (size_t i = 0; i < A.nvisited; i++)
        if (path_under(fd->path, A.visited[i]))
            return true;
    for (size_t s = 0; A.passed && s < A.forms.nsteps; s++) {
        if (!A.passed[s])
            continue;
        const struct forms_step *st = &A.forms.steps[s];
        for (size_t i = 0; i < st->nfields; i++)
            if (path_under(fd->path, st->fields[i].path))
                return true;
    }
    return false;
}

/* The first finding shown under the field at path, or NULL. */
static const struct finding *field_finding(const char *path)
{
    for (size_t i = 0; i < A.findings.n; i++)
        if (path_under(A.findings.v[i].path, path) && finding_loud(&A.findings.v[i]))
            return &A.findings.v[i];
    return NULL;
}

static bool step_has_findings(const struct forms_step *s)
{
    for (size_t i = 0; i < s->nfields; i++) {
        const struct finding *first;
        if (field_visible(&s->fields[i]) && findings_for(&A.findings, s->fields[i].path, &first) > 0)
            return true;
    }
    return false;
}

/* The title of an item of a list: its item_title field, else its id. */
static const char *item_title(const struct doc_node *item, const char *title_key)
{
    const char *t = NULL;
    if (title_key) {
        const struct doc_node *n = doc_get(item, title_key);
        if (n && n->kind == DOC_SCALAR && !doc_is_null(n))
            t = n->u.str;
    }
    if (!t) {
        static const char *keys[] = {"name", "description", "text", "deliverable"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0] && !t; i++) {
            const struct doc_node *n = doc_map_get(item, keys[i]);
            if (n && n->kind == DOC_SCALAR && !doc_is_null(n))
                t = n->u.str;
        }
    }
    return t ? t : "";
}

static const char *item_id(const struct doc_node *item)
{
    const struct doc_node *n = item && item->kind == DOC_MAP ? doc_map_get(item, "id") : NULL;
    return n && n->kind == DOC_SCALAR ? n->u.str : NULL;
}

static const char *choice_label(const struct forms_field *f, const char *value)
{
    for (size_t i = 0; i < f->nchoices; i++)
        if (value && strcmp(f->choices[i].value, value) == 0)
            return _(f->choices[i].label);
    return value;
}

static const char *const weekdays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const weekday_short[7] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"),
                                             N_("Su")};

static bool seq_has(const struct doc_node *seq, const char *value)
{
    if (!seq || seq->kind != DOC_SEQ)
        return false;
    for (size_t i = 0; i < seq->len; i++)
        if (seq->u.items[i]->kind == DOC_SCALAR && strcmp(seq->u.items[i]->u.str, value) == 0)
            return true;
    return false;
}

/* A one-line summary of a field's value (for the review and unfocused rows). */
static char *value_summary(const struct forms_field *f, const char *path)
{
    const struct doc_node *n = doc_get(A.root, path);
    if (!n || doc_is_null(n))
        return xstrdup("");
    switch (f->widget) {
    case FW_CHOICE:
        return xstrdup(n->kind == DOC_SCALAR ? choice_label(f, n->u.str) : "");
    case FW_BOOL:
        return xstrdup(n->kind == DOC_SCALAR && strcmp(n->u.str, "true") == 0 ? _("Yes") : _("No"));
    case FW_LIST: {
        if (n->kind != DOC_SEQ)
            return xstrdup("");
        char *s = xasprintf(P_("%zu item", "%zu items", n->len), n->len);
        for (size_t i = 0; i < n->len && i < 3; i++) {
            const char *id = item_id(n->u.items[i]);
            char *t = xasprintf("%s%s %s%s%s", s, i ? ";" : ":", id ? id : "", id ? " " : "",
                                item_title(n->u.items[i], f->item_title));
            free(s);
            s = t;
        }
        if (n->len > 3) {
            char *t = xasprintf("%s; %s", s, draw_glyph(DRAW_ELLIPSIS));
            free(s);
            s = t;
        }
        return s;
    }
    case FW_DAYS: {
        char *s = xstrdup("");
        for (int d = 0; d < 7; d++)
            if (seq_has(n, weekdays[d])) {
                char *t = xasprintf("%s%s%s", s, *s ? " " : "", _(weekday_short[d]));
                free(s);
                s = t;
            }
        return s;
    }
    default: {
        char *t = field_text(f, path);
        for (char *p = t; *p; p++)
            if (*p == '\n')
                *p = is_multiline(f->widget) && f->widget != FW_MULTILINE ? ';' : ' ';
        return t;
    }
    }
}

/* ------------------------------------------------------------------ */
/* Layout                                                                */
/* ------------------------------------------------------------------ */

struct layout {
    int body_x, body_w, body_y, body_h; /* the step's area */
    int label_w, value_x, value_w;
};

static struct layout L;

static bool too_small(void) { return COLS < APP_MIN_COLS || LINES < APP_MIN_ROWS; }

static void compute_layout(void)
{
    L.body_x = STEPLIST_W + 1;
    L.body_w = COLS - L.body_x;
    L.body_y = 1;
    L.body_h = LINES - 3;
    L.label_w = L.body_w * 2 / 5;
    if (L.label_w > 30)
        L.label_w = 30;
    L.value_x = L.body_x + 2 + L.label_w + 1;
    L.value_w = COLS - L.value_x - 1;
}

/* Visual lines of text wrapped at width columns: start offsets. */
struct wrap {
    size_t *start;
    size_t n, cap;
};

static void wrap_text(const char *s, int width, struct wrap *w)
{
    size_t len = strlen(s), pos = 0;
    w->n = 0;
    if (width < 1)
        width = 1;
    for (;;) {
        w->start = xgrow(w->start, &w->cap, w->n + 1, sizeof *w->start);
        w->start[w->n++] = pos;
        size_t nl = pos;
        while (nl < len && s[nl] != '\n')
            nl++;
        size_t fit = pos + draw_fit(s + pos, nl - pos, width);
        if (fit < nl) {
            /* Break after the last space inside the fitting part. */
            size_t brk = fit;
            while (brk > pos && s[brk - 1] != ' ')
                brk--;
            if (brk == pos)
                brk = fit > pos ? fit : pos + 1;
            pos = brk;
            continue;
        }
        if (nl >= len)
            break;
        pos = nl + 1;
    }
}

static size_t wrap_line_end(const char *s, const struct wrap *w, size_t l)
{
    size_t e = l + 1 < w->n ? w->start[l + 1] : strlen(s);
    if (e > w->start[l] && l + 1 < w->n && s[e - 1] == '\n')
        e--;
    return e;
}

#define MULTI_ROWS_FOCUSED 5
#define MULTI_ROWS 3
#define LIST_ROWS_FOCUSED 8
#define LIST_ROWS 3

static int field_rows(const struct forms_field *f, const char *path, bool focused)
{
    switch (f->widget) {
    case FW_MULTILINE:
    case FW_TEXTLIST:
    case FW_DATELIST: {
        if (focused)
            return MULTI_ROWS_FOCUSED;
        char *t = field_text(f, path);
        struct wrap w = {0};
        wrap_text(t, L.value_w, &w);
        int n = (int)w.n;
        free(w.start);
        free(t);
        return n < 1 ? 1 : n > MULTI_ROWS ? MULTI_ROWS : n;
    }
    case FW_LIST: {
        size_t n = doc_count(A.root, path);
        size_t max = focused ? LIST_ROWS_FOCUSED : LIST_ROWS;
        return 1 + (int)(n == 0 ? 1 : n > max ? max : n);
    }
    default:
        return 1;
    }
}

static bool downtime_figure(const char *item_prefix, char *buf, size_t size);

/* Is f the target of a service level, with a figure to show under it? */
static bool figure_for(const struct forms_field *f, char *buf, size_t size)
{
    return strcmp(f->path, "target") == 0 && top()->list && downtime_figure(top()->prefix, buf, size);
}

/* The rows under a field: hint, problem, finding, or the live figure
 * (which may take two rows). */
static int field_has_note(const struct forms_field *f, const char *path, bool focused)
{
    char fig[512];
    if (figure_for(f, fig, sizeof fig))
        return draw_width(fig, strlen(fig)) > COLS - L.body_x - 4 ? 2 : 1;
    return focused || field_finding(path) != NULL;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                               */
/* ------------------------------------------------------------------ */

static void draw_cropped(int y, int x, int w, const char *s);
static size_t wrap_rows(const char *text, int width, char ***out);
static void free_rows(char **rows, size_t n);

static void draw_title_bar(void)
{
    theme_set(THEME_TITLE);
    draw_blank(0, 0, COLS);
    const char *title = doc_get_str(A.root, "metadata.title");
    const char *status = doc_get_str(A.root, "metadata.status");
    const char *version = doc_get_str(A.root, "metadata.version");
    char right[256];
    char ro[64] = "";
    if (A.readonly)
        /* TRANSLATORS: in the title bar, after "draft · v3 · saved", when the file is open read-only. */
        snprintf(ro, sizeof ro, " %s %s", draw_glyph(DRAW_DOT), _("read-only"));
    snprintf(right, sizeof right, "%s %s v%s %s %s%s ", status ? _(status) : _("draft"), draw_glyph(DRAW_DOT),
             version ? version : "0", draw_glyph(DRAW_DOT), A.dirty ? _("unsaved") : A.stamp.valid ? _("saved") : _("new"),
             ro);
    int w = draw_width(right, strlen(right));
    int room = w < 30 ? 30 : w + 1; /* kept for the right side */
    int x = 1;
    x += draw_str(0, x, COLS - 2, "pacta");
    if (title && *title) {
        x += draw_str(0, x, COLS - x, " ");
        x += draw_str(0, x, COLS - x, draw_glyph(DRAW_HLINE));
        x += draw_str(0, x, COLS - x, " ");
        x += draw_str(0, x, COLS - x - room > 0 ? COLS - x - room : 0, title);
    }
    if (COLS - w > x + 1)
        draw_str(0, COLS - w, w, right);
}

static void draw_step_list(void)
{
    int y = 1;
    size_t nrows = (size_t)(LINES - 3);
    for (size_t i = 0; i < A.forms.nsteps && (size_t)(y - 1) < nrows; i++) {
        if (!step_visible(i))
            continue;
        const struct forms_step *s = &A.forms.steps[i];
        bool cur = i == A.step;
        theme_set(cur ? THEME_STEP_CURRENT : THEME_STEP);
        draw_blank(y, 0, STEPLIST_W);
        draw_str(y, 0, 1, cur ? draw_glyph(DRAW_CURRENT) : " ");
        char num[8];
        snprintf(num, sizeof num, "%2d ", s->number);
        draw_str(y, 1, 3, num);
        draw_cropped(y, 4, STEPLIST_W - 7, _(s->short_title));
        if (!is_review(s)) {
            bool done = step_complete(s), bad = step_has_findings(s);
            if (bad) {
                if (!cur)
                    theme_set(THEME_WARNING);
                draw_str(y, STEPLIST_W - 2, 1, "!");
            } else if (done) {
                if (!cur)
                    theme_set(THEME_STEP_DONE);
                draw_str(y, STEPLIST_W - 2, 1, draw_glyph(DRAW_CHECK));
            }
        }
        y++;
    }
    theme_set(THEME_FRAME);
    draw_vline(1, STEPLIST_W, LINES - 3);
}

/* Text cropped at w columns, with an ellipsis when it does not fit. */
static void draw_cropped(int y, int x, int w, const char *s)
{
    size_t n = strlen(s);
    if (draw_width(s, n) <= w) {
        draw_str(y, x, w, s);
        return;
    }
    const char *el = draw_glyph(DRAW_ELLIPSIS);
    int ew = draw_width(el, strlen(el));
    int used = draw_text(y, x, w - ew, s, draw_fit(s, n, w - ew));
    draw_str(y, x + used, ew, el);
}

static bool body_row(int y) { return y >= L.body_y && y < L.body_y + L.body_h; }

/* The live downtime figure under a target: "→ between 3 h 21 min and 3 h 43 min of downtime". */
static bool downtime_figure(const char *item_prefix, char *buf, size_t size)
{
    char p[PATHMAX];
    snprintf(p, sizeof p, "%starget", item_prefix);
    char *target = NULL;
    if (A.editing && strcmp(A.edit_path, p) == 0) {
        target = xstrdup(ed_text(&A.ed));
    } else {
        const char *t = doc_get_str(A.root, p);
        if (!t)
            return false;
        target = xstrdup(t);
    }
    snprintf(p, sizeof p, "%sunit", item_prefix);
    const char *unit = doc_get_str(A.root, p);
    snprintf(p, sizeof p, "%sindicator", item_prefix);
    const char *ind = doc_get_str(A.root, p);
    bool percent = (unit && strcmp(unit, "percent") == 0) || (!unit && ind && strcmp(ind, "availability") == 0);
    snprintf(p, sizeof p, "%swindow", item_prefix);
    const char *win = doc_get_str(A.root, p);
    snprintf(p, sizeof p, "%smonth", item_prefix);
    const char *month = doc_get_str(A.root, p);
    struct calc_window w;
    memset(&w, 0, sizeof w);
    char *t = number_form(target);
    long long scaled, lo, hi;
    bool ok = percent && calc_parse_decimal(t, &scaled) == 0 && scaled <= 100 * CALC_SCALE &&
              calc_parse_duration(win ? win : "1M", &w.len) == 0;
    if (ok && month && calc_parse_month_mode(month, &w.month) != 0)
        w.month = CALC_MONTH_CALENDAR;
    /* On a business clock only the support hours count. */
    snprintf(p, sizeof p, "%sclock", item_prefix);
    const char *clock = doc_get_str(A.root, p);
    struct calc_hours hours;
    memset(&hours, 0, sizeof hours);
    struct err e;
    bool business = clock && strcmp(clock, "business") == 0 &&
                    calc_hours_from_doc(A.root, "support_hours", &hours, &e) == 0;
    if (business)
        w.hours = &hours;
    ok = ok && calc_downtime_scaled(scaled, &w, &lo, &hi) == 0;
    calc_hours_free(&hours);
    free(target);
    if (!ok)
        return false;
    char pc[L10N_BUFSZ], per[L10N_BUFSZ], a[L10N_BUFSZ], b[L10N_BUFSZ];
    l10n_percent(pc, sizeof pc, scaled, A.lang);
    l10n_duration_unit(per, sizeof per, &w.len, A.lang);
    l10n_duration_words(a, sizeof a, lo, A.lang);
    if (lo == hi)
        snprintf(buf, size, _("%s %s %s %s of downtime"), pc, per, draw_glyph(DRAW_ARROW), a);
    else {
        l10n_duration_words(b, sizeof b, hi, A.lang);
        snprintf(buf, size, _("%s %s %s between %s and %s of downtime"), pc, per, draw_glyph(DRAW_ARROW), a, b);
    }
    return true;
}

static int draw_cursor_y = -1, draw_cursor_x = -1;

/* The one-line field being edited as drawn: where, and the display column
 * of its text at the field's left edge; as drawn now, and as last sent to
 * the terminal by the main loop. */
struct field_at {
    bool on;
    int y, x, w;
    size_t col0;
};
static struct field_at field_now, field_sent;

/* Is this field free text to spell check? */
static bool spell_field(const struct forms_field *f, const char *path)
{
    char buf[PATHMAX + 4];
    switch (f->widget) {
    case FW_TEXT:
    case FW_MULTILINE:
        return spell_is_text_path(path);
    case FW_TEXTLIST:
        snprintf(buf, sizeof buf, "%s[0]", path);
        return spell_is_text_path(buf);
    default:
        return false;
    }
}

struct ul_ctx {
    const char *text;
    size_t off, len;
    int y, x, w;
};

static int ul_cb(size_t off, size_t len, void *ud)
{
    struct ul_ctx *c = ud;
    if (off + len <= c->off || off >= c->off + c->len)
        return 0;
    size_t s = off < c->off ? c->off : off;
    size_t e = off + len > c->off + c->len ? c->off + c->len : off + len;
    int col = draw_width(c->text + c->off, s - c->off);
    if (col >= c->w)
        return 0;
    theme_set(THEME_MISSPELT);
    draw_text(c->y, c->x + col, c->w - col, c->text + s, e - s);
    return 0;
}

/* Underline the misspelt words of text that fall in the len bytes from off,
 * drawn at (y, x) in w columns.  The whole text is checked so that a word
 * cut by the edge of the view is judged whole. */
static void underline_misspelt(const char *text, size_t off, size_t len, int y, int x, int w)
{
    if (!A.sp || len == 0 || !body_row(y))
        return;
    struct ul_ctx c = {text, off, len, y, x, w};
    spell_check_text(A.sp, text, ul_cb, &c);
}

/* Draw a text field's value; focused: the editor with its cursor. */
static void draw_text_value(const struct forms_field *f, const char *path, int y, int rows, bool focused)
{
    int x = L.value_x, w = L.value_w;
    theme_set(focused ? THEME_FIELD_FOCUS : THEME_FIELD);
    if (focused && A.editing && !A.ed.ml) {
        struct lineedit_view v;
        lineedit_view(&A.ed.le, (size_t)w, &v);
        if (body_row(y)) {
            draw_blank(y, x, w);
            draw_text(y, x, w, lineedit_text(&A.ed.le) + v.off, v.len);
            if (spell_field(f, path))
                underline_misspelt(lineedit_text(&A.ed.le), v.off, v.len, y, x, w);
            draw_cursor_y = y;
            draw_cursor_x = x + (int)v.cursor_col;
            field_now = (struct field_at){true, y, x, w, (size_t)draw_width(lineedit_text(&A.ed.le), v.off)};
        }
        return;
    }
    if (focused && A.editing && A.ed.ml) {
        struct textarea_view v;
        textarea_set_width(&A.ed.ta, (size_t)(w > 2 ? w - 1 : 1));
        textarea_view(&A.ed.ta, (size_t)rows, &v);
        size_t n;
        const struct text_line *tl = textarea_rows(&A.ed.ta, &n);
        const char *t = textarea_text(&A.ed.ta);
        bool sp = spell_field(f, path);
        for (int r = 0; r < rows; r++) {
            if (!body_row(y + r))
                continue;
            theme_set(THEME_FIELD_FOCUS);
            draw_blank(y + r, x, w);
            size_t l = v.top + (size_t)r;
            if ((size_t)r < v.nrows && l < n) {
                draw_text(y + r, x, w, t + tl[l].off, tl[l].len);
                if (sp)
                    underline_misspelt(t, tl[l].off, tl[l].len, y + r, x, w);
            }
            if ((size_t)r == v.cursor_row) {
                draw_cursor_y = y + r;
                draw_cursor_x = x + (int)v.cursor_col;
            }
        }
        return;
    }
    char *s = field_text(f, path);
    bool sp = spell_field(f, path);
    if (!is_multiline(f->widget)) {
        if (body_row(y)) {
            draw_blank(y, x, w);
            draw_text(y, x, w, s, strlen(s));
            if (sp)
                underline_misspelt(s, 0, strlen(s), y, x, w);
        }
    } else {
        struct wrap wr = {0};
        wrap_text(s, w - 1, &wr);
        for (int r = 0; r < rows; r++) {
            size_t l = (size_t)r;
            if (!body_row(y + r))
                continue;
            theme_set(focused ? THEME_FIELD_FOCUS : THEME_FIELD);
            draw_blank(y + r, x, w);
            if (l < wr.n) {
                size_t e = wrap_line_end(s, &wr, l);
                draw_text(y + r, x, w, s + wr.start[l], e - wr.start[l]);
                if (sp)
                    underline_misspelt(s, wr.start[l], e - wr.start[l], y + r, x, w);
            }
        }
        if (wr.n > (size_t)rows && body_row(y + rows - 1)) {
            theme_set(THEME_HINT);
            draw_str(y + rows - 1, x + w - 1, 1, draw_glyph(DRAW_ELLIPSIS));
        }
        free(wr.start);
    }
    free(s);
}

/* The ids offered by a ref/reflist field. */
static const struct doc_node *ref_list(const struct forms_field *f)
{
    const struct doc_node *n = f->ref ? doc_get(A.root, f->ref) : NULL;
    return n && n->kind == DOC_SEQ ? n : NULL;
}

static void draw_other_value(const struct forms_field *f, const char *path, int y, bool focused)
{
    int x = L.value_x, w = L.value_w;
    const struct frame *fr = top();
    if (!body_row(y))
        return;
    theme_set(THEME_NORMAL);
    draw_blank(y, x, w);
    const struct doc_node *n = doc_get(A.root, path);
    const char *v = n && n->kind == DOC_SCALAR && !doc_is_null(n) ? n->u.str : NULL;
    char buf[1024];
    switch (f->widget) {
    case FW_CHOICE: {
        const char *label = v ? choice_label(f, v) : _("(choose)");
        snprintf(buf, sizeof buf, "%s %s ", label, draw_glyph(DRAW_DOWN));
        theme_set(focused ? THEME_FIELD_FOCUS : THEME_FIELD);
        draw_str(y, x, w, buf);
        break;
    }
    case FW_BOOL: {
        bool on = v && strcmp(v, "true") == 0;
        snprintf(buf, sizeof buf, "[%s] %s", on ? "x" : " ", on ? _("Yes") : _("No"));
        theme_set(focused ? THEME_FIELD_FOCUS : THEME_FIELD);
        draw_str(y, x, w, buf);
        break;
    }
    case FW_DAYS: {
        int cx = x;
        for (int d = 0; d < 7; d++) {
            snprintf(buf, sizeof buf, "%s%s", _(weekday_short[d]),
                     seq_has(n, weekdays[d]) ? draw_glyph(DRAW_CHECK) : draw_glyph(DRAW_DOT));
            theme_set(focused && fr->sel == (size_t)d ? THEME_FIELD_FOCUS : THEME_NORMAL);
            int used = draw_str(y, cx, x + w - cx, buf);
            cx += used + 1;
        }
        break;
    }
    case FW_REF: {
        const struct doc_node *list = ref_list(f);
        const char *title = NULL;
        for (size_t i = 0; list && v && i < list->len; i++) {
            const char *id = item_id(list->u.items[i]);
            if (id && strcmp(id, v) == 0)
                title = item_title(list->u.items[i], NULL);
        }
        if (v)
            snprintf(buf, sizeof buf, "%s %s %s ", v, title ? title : _("(not found)"), draw_glyph(DRAW_DOWN));
        else
            snprintf(buf, sizeof buf, "%s %s ", list && list->len ? _("(choose)") : _("(nothing to choose yet)"),
                     draw_glyph(DRAW_DOWN));
        theme_set(focused ? THEME_FIELD_FOCUS : THEME_FIELD);
        draw_str(y, x, w, buf);
        break;
    }
    case FW_REFLIST: {
        const struct doc_node *list = ref_list(f);
        if (!list || list->len == 0) {
            theme_set(THEME_HINT);
            draw_str(y, x, w, _("(nothing to choose yet)"));
            break;
        }
        /* Show a window of ids around the cursor. */
        size_t first = focused && fr->sel > 3 ? fr->sel - 3 : 0;
        int cx = x;
        if (first > 0)
            cx += draw_str(y, cx, 1, draw_glyph(DRAW_ELLIPSIS));
        for (size_t i = first; i < list->len && cx < x + w; i++) {
            const char *id = item_id(list->u.items[i]);
            if (!id)
                id = "?";
            snprintf(buf, sizeof buf, "[%s]%s", seq_has(n, id) ? "x" : " ", id);
            theme_set(focused && fr->sel == i ? THEME_FIELD_FOCUS : THEME_NORMAL);
            cx += draw_str(y, cx, x + w - cx, buf) + 1;
        }
        break;
    }
    default:
        break;
    }
}

static void draw_list_value(const struct forms_field *f, const char *path, int y, int rows, bool focused)
{
    struct frame *fr = top();
    const struct doc_node *n = doc_get(A.root, path);
    size_t count = n && n->kind == DOC_SEQ ? n->len : 0;
    int x = L.body_x + 3, w = COLS - x - 1;
    int nrows = rows - 1;
    if (count == 0) {
        if (body_row(y + 1)) {
            theme_set(THEME_HINT);
            draw_blank(y + 1, x, w);
            draw_str(y + 1, x, w, _("(none yet: F9 adds one)"));
        }
        return;
    }
    size_t first = 0;
    if (focused) {
        if (fr->sel >= count)
            fr->sel = count - 1;
        if (fr->sel < fr->top)
            fr->top = fr->sel;
        if (fr->sel >= fr->top + (size_t)nrows)
            fr->top = fr->sel - (size_t)nrows + 1;
        first = fr->top;
    }
    for (int r = 0; r < nrows && first + (size_t)r < count; r++) {
        size_t i = first + (size_t)r;
        int yy = y + 1 + r;
        if (!body_row(yy))
            continue;
        const struct doc_node *it = n->u.items[i];
        const char *id = item_id(it);
        char buf[64];
        snprintf(buf, sizeof buf, "%-5s ", id ? id : "");
        bool sel = focused && i == fr->sel;
        theme_set(sel ? THEME_SELECTED : THEME_NORMAL);
        draw_blank(yy, x, w);
        int used = draw_str(yy, x, w, buf);
        draw_str(yy, x + used, w - used, item_title(it, f->item_title));
        if (!focused && r == nrows - 1 && count > (size_t)nrows) {
            char more[64];
            snprintf(more, sizeof more, _(" +%zu more"), count - (size_t)nrows);
            int mw = draw_width(more, strlen(more));
            theme_set(THEME_HINT);
            draw_str(yy, x + w - mw, mw, more);
        }
    }
    if (focused) {
        char pos[64];
        snprintf(pos, sizeof pos, "%zu/%zu", fr->sel + 1, count);
        theme_set(THEME_HINT);
        int pw = draw_width(pos, strlen(pos));
        if (body_row(y))
            draw_str(y, COLS - pw - 2, pw, pos);
    }
}

static void draw_note(const struct forms_field *f, const char *path, int y, bool focused)
{
    if (!body_row(y))
        return;
    int x = L.body_x + 2, w = COLS - x - 1;
    theme_set(THEME_NORMAL);
    draw_blank(y, L.body_x + 1, COLS - L.body_x - 1);
    const struct finding *first = field_finding(path);
    const char *problem = focused && A.editing ? text_problem(f->widget, ed_text(&A.ed)) : NULL;
    char fig[512];
    if (problem) {
        theme_set(THEME_ERROR);
        int u = draw_str(y, x, w, "! ");
        draw_str(y, x + u, w - u, problem);
    } else if (first) {
        theme_set(first->severity == FINDING_ERROR ? THEME_ERROR : THEME_WARNING);
        int u = draw_str(y, x, w, "! ");
        draw_str(y, x + u, w - u, first->msg);
    } else if (figure_for(f, fig, sizeof fig)) {
        char **rows;
        size_t n = wrap_rows(fig, w - 1, &rows);
        theme_set(THEME_FIGURE);
        for (size_t i = 0; i < n && i < 2; i++)
            if (body_row(y + (int)i))
                draw_str(y + (int)i, x + 1, w - 1, rows[i]);
        free_rows(rows, n);
    } else if (focused && f->hint) {
        theme_set(THEME_HINT);
        draw_str(y, x, w, _(f->hint));
    }
}

static void draw_heading(void)
{
    const struct forms_step *s = cur_step();
    char buf[1024];
    int y = L.body_y;
    /* The body is blank already: draw_all, the only caller (through
     * draw_form and draw_review), erases the screen first, and nothing
     * before this draws right of the step list below the title bar.
     * Blanking it again cell by cell was a fifth of drawing a frame. */
    theme_set(THEME_HEADING);
    snprintf(buf, sizeof buf, "%d. %s", s->number, _(s->title));
    int x = L.body_x + 2;
    int used = draw_str(y, x, COLS - x - 1, buf);
    /* Breadcrumb of the items open. */
    for (int d = 1; d < A.depth; d++) {
        const struct frame *fr = &A.frames[d];
        const struct doc_node *it = doc_get(A.root, fr->list_path);
        it = it && it->kind == DOC_SEQ && fr->item < it->len ? it->u.items[fr->item] : NULL;
        const char *id = item_id(it);
        snprintf(buf, sizeof buf, " %s %s %s", draw_glyph(DRAW_ARROW), _(fr->list->label),
                 id ? id : "");
        used += draw_str(y, x + used, COLS - x - used - 1, buf);
    }
}

static void draw_form(void)
{
    struct frame *fr = top();
    draw_heading();
    /* Positions of the visible fields (bounded by the step's field count). */
    int rowpos[256], rowh[256];
    size_t nf = fr->nfields < 256 ? fr->nfields : 256;
    int yy = 0, ftop = 0, fbot = 0;
    for (size_t i = 0; i < nf; i++) {
        const struct forms_field *f = &fr->fields[i];
        rowpos[i] = -1;
        if (!field_visible(f))
            continue;
        char path[PATHMAX];
        full_path(path, sizeof path, fr, f);
        bool foc = i == fr->focus;
        rowpos[i] = yy;
        rowh[i] = field_rows(f, path, foc) + field_has_note(f, path, foc);
        if (foc) {
            ftop = yy;
            fbot = yy + rowh[i];
        }
        yy += rowh[i];
    }
    int avail = L.body_h - 2;
    if (ftop < fr->scroll)
        fr->scroll = ftop;
    if (fbot > fr->scroll + avail)
        fr->scroll = fbot - avail;
    if (fr->scroll < 0)
        fr->scroll = 0;
    int base = L.body_y + 2 - fr->scroll;
    draw_cursor_y = -1;
    for (size_t i = 0; i < nf; i++) {
        if (rowpos[i] < 0)
            continue;
        const struct forms_field *f = &fr->fields[i];
        int y = base + rowpos[i];
        if (y >= L.body_y + L.body_h || y + rowh[i] <= L.body_y + 1)
            continue;
        char path[PATHMAX];
        full_path(path, sizeof path, fr, f);
        bool foc = i == fr->focus;
        int rows = field_rows(f, path, foc);
        if (body_row(y) && y > L.body_y) {
            theme_set(foc ? THEME_HEADING : THEME_LABEL);
            draw_cropped(y, L.body_x + 2, L.label_w, _(f->label));
            if (f->required)
                draw_str(y, L.body_x + 1, 1, "*");
        }
        if (f->widget == FW_LIST)
            draw_list_value(f, path, y, rows, foc);
        else if (is_text_widget(f->widget))
            draw_text_value(f, path, y, rows, foc);
        else
            draw_other_value(f, path, y, foc);
        if (field_has_note(f, path, foc))
            draw_note(f, path, y + rows, foc);
    }
    /* The heading row stays on top of scrolled content. */
    if (fr->scroll > 0) {
        theme_set(THEME_HINT);
        draw_str(L.body_y + 1, COLS - 3, 1, "^");
    }
    if (yy - fr->scroll > avail) {
        theme_set(THEME_HINT);
        draw_str(L.body_y + L.body_h - 1, COLS - 3, 1, "v");
    }
}

/* ---- the review step ---- */

static int review_group_rows(const struct forms_step *s)
{
    int n = 1;
    for (size_t i = 0; i < s->nfields; i++)
        if (field_visible(&s->fields[i]))
            n++;
    return n + 1;
}

static void draw_review(void)
{
    draw_heading();
    int x = L.body_x + 2, w = COLS - x - 1;
    int avail = L.body_h - 2;
    /* Scroll so the selected group's header is visible. */
    int yy = 0, gsel = 0, gselh = 1;
    size_t g = 0;
    for (size_t i = 0; i < A.forms.nsteps; i++) {
        const struct forms_step *s = &A.forms.steps[i];
        if (!step_visible(i) || is_review(s))
            continue;
        if (g == A.review_sel) {
            gsel = yy;
            gselh = review_group_rows(s);
        }
        yy += review_group_rows(s);
        g++;
    }
    if (A.review_sel >= g && g > 0)
        A.review_sel = g - 1;
    if (gsel < A.review_scroll)
        A.review_scroll = gsel;
    if (gsel + (gselh < avail ? gselh : 1) > A.review_scroll + avail)
        A.review_scroll = gsel + (gselh < avail ? gselh : 1) - avail;
    int y = L.body_y + 2 - A.review_scroll;
    g = 0;
    char buf[1024];
    for (size_t i = 0; i < A.forms.nsteps; i++) {
        const struct forms_step *s = &A.forms.steps[i];
        if (!step_visible(i) || is_review(s))
            continue;
        bool sel = g == A.review_sel;
        if (body_row(y) && y > L.body_y) {
            theme_set(sel ? THEME_SELECTED : THEME_HEADING);
            draw_blank(y, x, w);
            snprintf(buf, sizeof buf, "%d %s", s->number, _(s->title));
            draw_str(y, x, w - 10, buf);
            snprintf(buf, sizeof buf, "[%s]", _("Edit"));
            int bw = draw_width(buf, strlen(buf));
            draw_str(y, x + w - bw, bw, buf);
        }
        y++;
        for (size_t k = 0; k < s->nfields; k++) {
            const struct forms_field *f = &s->fields[k];
            if (!field_visible(f))
                continue;
            if (body_row(y) && y > L.body_y) {
                theme_set(THEME_LABEL);
                draw_cropped(y, x + 1, L.label_w, _(f->label));
                int u = L.label_w + 2;
                char *v = value_summary(f, f->path);
                const struct finding *first;
                if (findings_for(&A.findings, f->path, &first) > 0) {
                    theme_set(first->severity == FINDING_ERROR ? THEME_ERROR : THEME_WARNING);
                    draw_str(y, x, 1, "!");
                }
                theme_set(*v ? THEME_NORMAL : THEME_HINT);
                draw_str(y, x + 1 + u, w - u - 1, *v ? v : draw_glyph(DRAW_DOT));
                free(v);
            }
            y++;
        }
        y++;
        g++;
    }
    /* All findings at the end. */
    if (A.findings.n > 0) {
        if (body_row(y) && y > L.body_y) {
            theme_set(THEME_HEADING);
            snprintf(buf, sizeof buf, P_("%zu finding", "%zu findings", A.findings.n), A.findings.n);
            draw_str(y, x, w, buf);
        }
        y++;
        for (size_t i = 0; i < A.findings.n && y < L.body_y + L.body_h; i++, y++) {
            const struct finding *fd = &A.findings.v[i];
            if (!body_row(y) || y <= L.body_y)
                continue;
            theme_set(fd->severity == FINDING_ERROR ? THEME_ERROR : THEME_WARNING);
            snprintf(buf, sizeof buf, "%s: %s [%s]", finding_severity_name(fd->severity), fd->msg, fd->path);
            draw_str(y, x, w, buf);
        }
    } else if (body_row(y) && y > L.body_y) {
        theme_set(THEME_STEP_DONE);
        draw_str(y, x, w, _("No findings."));
    }
}

static void draw_key_bar_ctx(unsigned ctx);

static void draw_key_bar(void)
{
    unsigned ctx = ACTIONS_GLOBAL;
    const struct forms_field *f = is_review(cur_step()) ? NULL : focused_field();
    if (f)
        ctx |= f->widget == FW_LIST ? ACTIONS_LIST : is_text_widget(f->widget) ? ACTIONS_TEXT : ACTIONS_OTHER;
    draw_key_bar_ctx(ctx);
}

/* Whether action d is in the key bar of context ctx; if it is, its keys as
 * the bar shows them: both ("F2/^S") when first_only is false, else the
 * first key only. */
static bool bar_keys(const struct actions_def *d, unsigned ctx, bool first_only, char *keys, size_t size)
{
    if (!d->in_bar || !(d->context & ctx))
        return false;
    snprintf(keys, size, "%s", d->keys);
    if (first_only)
        keys[strcspn(keys, " ")] = 0;
    else
        for (char *p = keys; *p; p++)
            if (*p == ' ')
                *p = '/';
    return true;
}

/* The columns of an action in the key bar: its keys, a space, its label. */
static int bar_width(const struct actions_def *d, const char *keys)
{
    return draw_width(keys, strlen(keys)) + 1 + draw_width(_(d->label), strlen(_(d->label)));
}

/* The key bar of the actions of context ctx. */
static void draw_key_bar_ctx(unsigned ctx)
{
    int y = LINES - 1;
    char keys[32];
    /* Both keys of each action when they fit, else the first key only. */
    int total = 0;
    for (unsigned i = 0; i < actions_count; i++)
        if (bar_keys(&actions_table[i], ctx, false, keys, sizeof keys))
            total += bar_width(&actions_table[i], keys) + 1;
    bool first_only = total > COLS;
    theme_set(THEME_KEYLABEL);
    draw_blank(y, 0, COLS);
    int x = 0;
    for (unsigned i = 0; i < actions_count && x < COLS; i++) {
        const struct actions_def *d = &actions_table[i];
        if (!bar_keys(d, ctx, first_only, keys, sizeof keys))
            continue;
        /* an action that does not fit whole is left out, never cut
         * ("F11 Evaluati"); F1 help lists them all */
        if (x + bar_width(d, keys) > COLS)
            continue;
        theme_set(THEME_KEY);
        x += draw_str(y, x, COLS - x, keys);
        theme_set(THEME_KEYLABEL);
        x += draw_str(y, x, COLS - x, " ");
        x += draw_str(y, x, COLS - x, _(d->label));
        x += draw_str(y, x, COLS - x, " ");
    }
}

static void draw_status(void)
{
    int y = LINES - 2;
    theme_set(THEME_FRAME);
    draw_hline(y, 0, COLS);
    draw_str(y, STEPLIST_W, 1, draw_glyph(DRAW_CROSS_UP));
    if (A.msg[0]) {
        theme_set(A.msg_role);
        char buf[600];
        snprintf(buf, sizeof buf, " %s ", A.msg);
        draw_str(y, 2, COLS - 4, buf);
    }
}

static void draw_too_small(void)
{
    theme_set(THEME_NORMAL);
    erase();
    char buf[256];
    snprintf(buf, sizeof buf, _("Terminal too small"));
    int y = LINES / 2 - 1;
    draw_str(y < 0 ? 0 : y, 0, COLS, buf);
    snprintf(buf, sizeof buf, _("need %dx%d"), APP_MIN_COLS, APP_MIN_ROWS);
    draw_str(y + 1, 0, COLS, buf);
    snprintf(buf, sizeof buf, _("have %dx%d"), COLS, LINES);
    draw_str(y + 2, 0, COLS, buf);
}

static void draw_all(void)
{
    compute_layout();
    field_now.on = false;
    if (too_small()) {
        curs_set(0);
        draw_too_small();
        return;
    }
    refresh_findings();
    draw_title_bar();
    draw_step_list();
    draw_cursor_y = -1;
    if (is_review(cur_step()))
        draw_review();
    else
        draw_form();
    draw_status();
    draw_key_bar();
    /* The cursor's visibility is set once, at the end: curs_set writes to
     * the terminal at once, so hiding it at the start and showing it again
     * cost 18 bytes on every key. */
    if (draw_cursor_y >= 0 && !term_headless()) {
        move(draw_cursor_y, draw_cursor_x);
        curs_set(1);
    } else {
        curs_set(0);
    }
}

/* Typing at the end of a long line scrolls the field one column a key:
 * let the terminal shift what it shows (draw_shift_left) rather than send
 * the whole field again. */
static void shift_field(void)
{
    if (!term_headless() && field_now.on && field_sent.on && field_now.y == field_sent.y &&
        field_now.x == field_sent.x && field_now.w == field_sent.w && field_now.col0 > field_sent.col0)
        draw_shift_left(field_now.y, field_now.x, field_now.w, (int)(field_now.col0 - field_sent.col0));
    field_sent = field_now;
}

/* ------------------------------------------------------------------ */
/* Dialogs                                                               */
/* ------------------------------------------------------------------ */

static bool eof_seen;

/* What dialogs are drawn over: the form, or the summary view. */
static void (*backdrop)(void) = draw_all;

struct box {
    int y, x, h, w;
};

/* A dialog box of h rows and w columns at row y (centred when y < 0). */
static struct box draw_box_at(int y, int h, int w, const char *title)
{
    struct box b;
    if (w > COLS - 2)
        w = COLS - 2;
    if (h > LINES - 2)
        h = LINES - 2;
    b.h = h;
    b.w = w;
    b.y = y < 0 || y + h > LINES ? (LINES - h) / 2 : y;
    b.x = (COLS - w) / 2;
    theme_set(THEME_DIALOG);
    for (int r = 0; r < h; r++)
        draw_blank(b.y + r, b.x, w);
    draw_hline(b.y, b.x, w);
    draw_hline(b.y + h - 1, b.x, w);
    draw_vline(b.y, b.x, h);
    draw_vline(b.y, b.x + w - 1, h);
    draw_str(b.y, b.x, 1, draw_glyph(DRAW_TL));
    draw_str(b.y, b.x + w - 1, 1, draw_glyph(DRAW_TR));
    draw_str(b.y + h - 1, b.x, 1, draw_glyph(DRAW_BL));
    draw_str(b.y + h - 1, b.x + w - 1, 1, draw_glyph(DRAW_BR));
    if (title) {
        char buf[512];
        snprintf(buf, sizeof buf, " %s ", title);
        draw_str(b.y, b.x + 2, w - 4, buf);
    }
    return b;
}

static struct box draw_box(int h, int w, const char *title) { return draw_box_at(-1, h, w, title); }

/* Wrap text to width columns into rows (each a new string). */
static size_t wrap_rows(const char *text, int width, char ***out)
{
    struct wrap w = {0};
    wrap_text(text, width, &w);
    char **rows = xcalloc(w.n, sizeof *rows);
    for (size_t i = 0; i < w.n; i++) {
        size_t e = wrap_line_end(text, &w, i);
        rows[i] = xstrndup(text + w.start[i], e - w.start[i]);
    }
    size_t n = w.n;
    free(w.start);
    *out = rows;
    return n;
}

static void free_rows(char **rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(rows[i]);
    free(rows);
}

/* A dialog box at most maxw wide holding text wrapped to its width, plus
 * extra rows below it (buttons, a field); *nrows gets the text's rows. */
static struct box dialog_frame(const char *title, const char *text, int maxw, int extra, size_t *nrows)
{
    int w = COLS - 8 < maxw ? COLS - 8 : maxw;
    char **rows;
    size_t n = wrap_rows(text, w - 4, &rows);
    struct box b = draw_box((int)n + extra, w, title);
    theme_set(THEME_DIALOG);
    for (size_t i = 0; i < n; i++)
        draw_str(b.y + 1 + (int)i, b.x + 2, w - 4, rows[i]);
    free_rows(rows, n);
    *nrows = n;
    return b;
}

/* Ask a question with buttons; returns the index chosen, -1 on Esc. */
static int ask(const char *title, const char *question, const char *const *buttons, int nbuttons, int def)
{
    int sel = def;
    for (;;) {
        erase();
        backdrop();
        if (!too_small()) {
            size_t n;
            struct box b = dialog_frame(title, question, 64, 4, &n);
            int w = b.w;
            int x = b.x + 2;
            for (int i = 0; i < nbuttons; i++) {
                char buf[128];
                snprintf(buf, sizeof buf, "[ %s ]", buttons[i]);
                theme_set(i == sel ? THEME_BUTTON_FOCUS : THEME_DIALOG);
                x += draw_str(b.y + b.h - 2, x, b.x + w - 2 - x, buf) + 1;
            }
        }
        struct term_key k = term_key();
        if (k.fn && (k.code == TERM_EOF || k.code == TERM_INTR)) {
            eof_seen = true;
            return -1;
        }
        if (k.fn && k.code == KEY_RESIZE)
            continue;
        if ((!k.fn && k.code == 27))
            return -1;
        if ((!k.fn && (k.code == '\r' || k.code == '\n')) || (k.fn && k.code == KEY_ENTER))
            return sel;
        if ((k.fn && (k.code == KEY_RIGHT || k.code == KEY_DOWN)) || (!k.fn && k.code == '\t'))
            sel = (sel + 1) % nbuttons;
        else if (k.fn && (k.code == KEY_LEFT || k.code == KEY_UP || k.code == KEY_BTAB))
            sel = (sel + nbuttons - 1) % nbuttons;
        else if (!k.fn && k.code > ' ' && k.code < 0x7f) {
            /* The first letter of a button chooses it. */
            for (int i = 0; i < nbuttons; i++) {
                ucs4_t uc;
                u8_mbtouc(&uc, (const uint8_t *)buttons[i], strlen(buttons[i]));
                int a = k.code | 0x20, c = (int)uc | 0x20;
                if (uc < 0x80 && a == c)
                    return i;
            }
        }
    }
}

/* Ask for one line of text; returns a new string, or NULL on Esc. */
static char *ask_text(const char *title, const char *prompt, const char *initial)
{
    struct lineedit e;
    lineedit_init(&e, 0);
    lineedit_set(&e, initial);
    char *result = NULL;
    for (;;) {
        erase();
        backdrop();
        if (!too_small()) {
            size_t n;
            struct box b = dialog_frame(title, prompt, 70, 5, &n);
            int w = b.w;
            int fy = b.y + 1 + (int)n + 1, fw = w - 4;
            struct lineedit_view v;
            lineedit_view(&e, (size_t)fw, &v);
            theme_set(THEME_FIELD_FOCUS);
            draw_blank(fy, b.x + 2, fw);
            draw_text(fy, b.x + 2, fw, lineedit_text(&e) + v.off, v.len);
            theme_set(THEME_HINT);
            draw_str(b.y + b.h - 1, b.x + 2, w - 4, _(" Enter accepts, Esc cancels "));
            if (!term_headless()) {
                move(fy, b.x + 2 + (int)v.cursor_col);
                curs_set(1);
            }
        }
        struct term_key k = term_key();
        if (k.fn && (k.code == TERM_EOF || k.code == TERM_INTR)) {
            eof_seen = true;
            break;
        }
        if (k.fn) {
            switch (k.code) {
            case KEY_LEFT: lineedit_left(&e); break;
            case KEY_RIGHT: lineedit_right(&e); break;
            case KEY_HOME: lineedit_home(&e); break;
            case KEY_END: lineedit_end(&e); break;
            case KEY_BACKSPACE: lineedit_backspace(&e); break;
            case KEY_DC: lineedit_delete(&e); break;
            case KEY_ENTER: result = xstrdup(lineedit_text(&e)); break;
            default: break;
            }
        } else if (k.code == 27) {
            break;
        } else if (k.code == '\r' || k.code == '\n') {
            result = xstrdup(lineedit_text(&e));
        } else if (k.code == ('u' & 0x1f)) {
            lineedit_kill_start(&e);
        } else if (k.code >= ' ' && k.code != 0x7f) {
            lineedit_insert(&e, (uint32_t)k.code);
        }
        if (result)
            break;
    }
    curs_set(0);
    lineedit_free(&e);
    return result;
}

static void show_text(const char *title, const char *text)
{
    int scroll = 0;
    for (;;) {
        erase();
        backdrop();
        char **rows = NULL;
        size_t n = 0;
        if (!too_small()) {
            int w = COLS - 4, h = LINES - 4;
            n = wrap_rows(text, w - 4, &rows);
            struct box b = draw_box(h, w, title);
            int inner = h - 2;
            if (scroll > (int)n - inner)
                scroll = (int)n - inner;
            if (scroll < 0)
                scroll = 0;
            theme_set(THEME_DIALOG);
            for (int r = 0; r < inner && scroll + r < (int)n; r++)
                draw_str(b.y + 1 + r, b.x + 2, w - 4, rows[scroll + r]);
            theme_set(THEME_HINT);
            draw_str(b.y + h - 1, b.x + 2, w - 4, _(" Up/Down scroll, Esc closes "));
            free_rows(rows, n);
        }
        struct term_key k = term_key();
        if (k.fn && (k.code == TERM_EOF || k.code == TERM_INTR)) {
            eof_seen = true;
            return;
        }
        if (k.fn) {
            if (k.code == KEY_DOWN)
                scroll++;
            else if (k.code == KEY_UP)
                scroll--;
            else if (k.code == KEY_NPAGE)
                scroll += LINES - 6;
            else if (k.code == KEY_PPAGE)
                scroll -= LINES - 6;
            else if (k.code == KEY_F(1) || k.code == KEY_F(10))
                return;
        } else if (k.code == 27 || k.code == 'q' || k.code == '\r' || k.code == '\n' || k.code == '?') {
            return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Actions                                                               */
/* ------------------------------------------------------------------ */

static void act_help(void)
{
    const struct forms_step *s = cur_step();
    const struct forms_field *f = is_review(s) ? NULL : focused_field();
    size_t cap = 4096, len = 0;
    char *t = xmalloc(cap);
    t[0] = 0;
#define ADD(...)                                                            \
    do {                                                                    \
        char *piece_ = xasprintf(__VA_ARGS__);                              \
        size_t l_ = strlen(piece_);                                         \
        t = xgrow(t, &cap, len + l_ + 1, 1);                                \
        memcpy(t + len, piece_, l_ + 1);                                    \
        len += l_;                                                          \
        free(piece_);                                                       \
    } while (0)
    if (f) {
        ADD("%s\n", _(f->label));
        if (f->help)
            ADD("%s\n", _(f->help));
        else if (f->hint)
            ADD("%s\n", _(f->hint));
        ADD("\n");
    }
    ADD("%d. %s\n", s->number, _(s->title));
    if (s->help)
        ADD("%s\n", _(s->help));
    ADD("\n%s\n", _("Keys"));
    for (unsigned i = 0; i < actions_count; i++) {
        const struct actions_def *d = &actions_table[i];
        if (!(d->context & (ACTIONS_PREVIEW | ACTIONS_EVAL | ACTIONS_EVAL_ITEM | ACTIONS_EVAL_OTHER)))
            ADD("  %-14s %s\n", d->keys, _(d->label));
    }
    ADD("\n%s\n", _("In the summary (F6)"));
    for (unsigned i = 0; i < actions_count; i++) {
        const struct actions_def *d = &actions_table[i];
        if (d->context == ACTIONS_PREVIEW)
            ADD("  %-14s %s\n", d->keys, _(d->label));
    }
    ADD("\n%s\n", _("In the evaluation (F11)"));
    for (unsigned i = 0; i < actions_count; i++) {
        const struct actions_def *d = &actions_table[i];
        if (d->context & (ACTIONS_EVAL | ACTIONS_EVAL_OTHER))
            ADD("  %-14s %s\n", d->keys, _(d->label));
    }
    ADD("\n%s\n", _("On an outage or a ticket in the evaluation"));
    for (unsigned i = 0; i < actions_count; i++) {
        const struct actions_def *d = &actions_table[i];
        if (d->context & ACTIONS_EVAL_ITEM)
            ADD("  %-14s %s\n", d->keys, _(d->label));
    }
    ADD("\n%s\n", _("On a choice: Left/Right or Space changes it. On days and pickers: Left/Right move, "
                     "Space ticks. On a list: Up/Down choose an item, Enter opens it, Esc goes back."));
    ADD("\n");
    ADD(_("Minimum screen size: %d columns by %d rows."), APP_MIN_COLS, APP_MIN_ROWS);
    ADD("\n");
#undef ADD
    show_text(_("Help"), t);
    free(t);
}

/* A file name from the title: lower case ASCII letters, digits and '-'. */
static char *slug(const char *title)
{
    size_t n = 0;
    uint8_t *d = title ? u8_normalize(UNINORM_NFD, (const uint8_t *)title, strlen(title), NULL, &n) : NULL;
    char *s = xmalloc(n + 16);
    size_t len = 0;
    bool dash = false;
    for (size_t i = 0; i < n && len < 48; i++) {
        unsigned char c = d[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && len > 0)
                s[len++] = '-';
            s[len++] = (char)c;
            dash = false;
        } else if (c < 0x80 || (c & 0xc0) == 0xc0) {
            /* ASCII punctuation, or the start of a non-ASCII character (a
             * combining mark after NFD is dropped; others become a dash). */
            if (c < 0x80 || !(c == 0xcc || c == 0xcd))
                dash = true;
        }
    }
    free(d);
    if (len == 0) {
        memcpy(s, "agreement", 9);
        len = 9;
    }
    s[len] = 0;
    return s;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Ask for a file name (title, prompt, a suggestion that the caller gives
 * up), asking again or confirming when the name is taken: never replaces a
 * file without asking.  Returns the name, or NULL (and says "Not saved.")
 * when the user gives up. */
static char *ask_file_name(const char *title, const char *prompt, char *suggest)
{
    for (;;) {
        char *name = ask_text(title, prompt, suggest);
        free(suggest);
        if (!name || !*trim(name)) {
            free(name);
            set_msg(THEME_WARNING, _("Not saved."));
            return NULL;
        }
        char *path = xstrdup(trim(name));
        free(name);
        if (!file_exists(path))
            return path;
        const char *btn[] = {_("Replace"), _("Other name")};
        char *q = xasprintf(_("%s already exists. Replace it?"), path);
        int r = ask(title, q, btn, 2, 1);
        free(q);
        if (r == 0)
            return path;
        if (r < 0) {
            free(path);
            set_msg(THEME_WARNING, _("Not saved."));
            return NULL;
        }
        suggest = path;
    }
}

static void drop_recovery(void);

/* Bump the version, date and change log, emit and write.  Returns 0. */
static int do_save(void)
{
    commit_edit();
    if (A.readonly) {
        set_msg(THEME_ERROR, _("Not saved: this agreement is open read-only because another pacta is "
                               "editing it. Quit, and open it again when the other one has finished."));
        return -1;
    }
    char *path = A.path ? xstrdup(A.path) : NULL;
    bool confirm_overwrite = A.ask_overwrite;
    if (!path) {
        char *sl = slug(doc_get_str(A.root, "metadata.title"));
        char *suggest = xasprintf("%s.sla.yaml", sl);
        free(sl);
        path = ask_file_name(_("Save as"), _("File name for this agreement:"), suggest);
        if (!path)
            return -1;
        confirm_overwrite = false;
    } else if (confirm_overwrite ? file_exists(path) : fileio_changed_since(path, &A.stamp) == 1) {
        const char *btn[] = {_("Replace"), _("Cancel")};
        char *q = xasprintf(confirm_overwrite ? _("%s already exists. Replace it?")
                                              : _("%s was changed by someone else since it was opened. "
                                                  "Replace it with this version?"),
                            path);
        int r = ask(_("Save"), q, btn, 2, 1);
        free(q);
        if (r != 0) {
            free(path);
            set_msg(THEME_WARNING, _("Not saved."));
            return -1;
        }
    }
    char *summary = ask_text(_("Save"), _("What changed? (one line, optional)"), "");
    if (!summary) {
        free(path);
        set_msg(THEME_WARNING, _("Not saved."));
        return -1;
    }
    /* Keep the old metadata to put back if writing fails. */
    struct doc_node *old_meta = doc_clone(doc_get(A.root, "metadata"));
    char date[32];
    today(date, sizeof date);
    long long version = 0;
    const char *vs = doc_get_str(A.root, "metadata.version");
    if (vs)
        version = strtoll(vs, NULL, 10);
    char vbuf[32];
    snprintf(vbuf, sizeof vbuf, "%lld", version + 1);
    doc_set(A.root, "metadata.version", doc_new_scalar(vbuf, DOC_PLAIN));
    doc_set(A.root, "metadata.updated", doc_new_scalar(date, DOC_PLAIN));
    if (!doc_get_str(A.root, "metadata.created"))
        doc_set(A.root, "metadata.created", doc_new_scalar(date, DOC_PLAIN));
    struct doc_node *log = doc_ensure(A.root, "metadata.change_log", DOC_SEQ);
    if (log && log->kind == DOC_SEQ) {
        struct doc_node *entry = doc_new_map();
        doc_map_put(entry, "version", doc_new_scalar(vbuf, DOC_PLAIN));
        doc_map_put(entry, "date", doc_new_scalar(date, DOC_PLAIN));
        char *s = trim(summary);
        if (*s)
            doc_map_put(entry, "summary", doc_new_scalar(s, DOC_QUOTED));
        doc_seq_push(log, entry);
    }
    free(summary);
    char *buf = NULL;
    size_t len = 0;
    struct err e;
    err_clear(&e);
    struct fileio_result res;
    int rc = sla_yaml_emit(A.root, SLA_YAML_AGREEMENT, &buf, &len, &e);
    if (rc == 0)
        rc = fileio_write_atomic(path, buf, len, 0, &res, &e);
    free(buf);
    if (rc != 0) {
        if (old_meta)
            doc_set(A.root, "metadata", old_meta);
        char m[2200];
        err_format(&e, m, sizeof m);
        set_msg(THEME_ERROR, _("Not saved: %s"), m);
        free(path);
        return -1;
    }
    doc_free(old_meta);
    A.stamp = res.st;
    if (A.lock.fd < 0 && (!A.path || strcmp(A.path, path) != 0)) {
        struct err le;
        fileio_unlock(&A.lock);
        if (fileio_lock(path, &A.lock, NULL, &le) != 0)
            A.lock.fd = -1;
    }
    free(A.path);
    A.path = path;
    A.ask_overwrite = false;
    A.dirty = false;
    drop_recovery();
    A.findings_stale = true;
    set_msg(THEME_STEP_DONE, _("Saved %s (version %s)."), path, vbuf);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Spelling                                                              */
/* ------------------------------------------------------------------ */

/* Finish a dictionary still loading and close the speller. */
static void spell_drop(void)
{
    if (A.spell_ld) {
        struct err e;
        spell_close(spell_load_finish(A.spell_ld, &e));
        A.spell_ld = NULL;
    }
    spell_close(A.sp);
    A.sp = NULL;
}

/* Start loading the dictionary of metadata.language in the background,
 * again when the language changed (the old speller goes at once: its marks
 * would be wrong).  Called by the loop once the first screen is out, and
 * before every later key. */
static void spell_request(void)
{
    const char *lang = doc_get_str(A.root, "metadata.language");
    if (!lang || !*lang)
        lang = "en";
    if (A.spell_tried && strcmp(lang, A.spell_lang) == 0)
        return;
    A.spell_tried = true;
    free(A.spell_lang);
    A.spell_lang = xstrdup(lang);
    spell_drop();
    A.spell_ld = spell_load_start(lang, A.dict);
}

/* Take the loaded dictionary, waiting for it if need be (F7 before it is
 * ready waits; the headless driver waits where the dictionary used to be
 * loaded, so that its screens stay the same). */
static void spell_take(void)
{
    if (!A.spell_ld)
        return;
    struct err e;
    A.sp = spell_load_finish(A.spell_ld, &e);
    A.spell_ld = NULL;
    if (A.sp)
        spell_doc_ignore_set(A.sp, A.root);
    else
        set_msg(THEME_WARNING, _("No spelling dictionary for the language \"%s\": misspelt words are not marked."),
                A.spell_lang);
}

/* Make sure the dictionary of the current language is loaded (waiting). */
static void spell_load(void)
{
    spell_request();
    spell_take();
}

/* The choices of the spelling dialog, in the order of its buttons. */
enum spell_choice {
    SC_REPLACE,
    SC_ALL,
    SC_TYPE,
    SC_SKIP,
    SC_IGNORE,
    SC_DICT,
    SC_STOP,
    SC_COUNT
};

static const char *const spell_buttons[SC_COUNT] = {
    N_("Replace"), N_("All"), N_("Type"), N_("Skip"), N_("Ignore"), N_("Dictionary"), N_("End"),
};
static const char *const spell_button_help[SC_COUNT] = {
    N_("Replace this word with the chosen suggestion."),
    N_("Replace this word with the chosen suggestion everywhere in the agreement."),
    N_("Type the replacement yourself."),
    N_("Leave this word as it is, this time."),
    N_("Accept this word in this agreement (it is kept in its spell_ignore list)."),
    N_("Add this word to your personal dictionary."),
    N_("Stop checking."),
};

struct spell_found {
    size_t from, off, len;
    bool found;
};

static int first_hit_cb(size_t off, size_t len, void *ud)
{
    struct spell_found *h = ud;
    if (off < h->from)
        return 0;
    h->off = off;
    h->len = len;
    h->found = true;
    return 1;
}

/* Byte offset where to start showing text[ls..off) so that it takes at most
 * cols columns. */
static size_t crop_left(const char *text, size_t ls, size_t off, int cols)
{
    size_t s = ls;
    while (s < off && draw_width(text + s, off - s) > cols) {
        ucs4_t uc;
        int l = u8_mbtouc(&uc, (const uint8_t *)text + s, off - s);
        s += l > 0 ? (size_t)l : 1;
    }
    return s;
}

/* Ask what to do with the misspelt word at text[off, off+len).  Returns the
 * choice; *sugg the suggestion chosen (or typed: *typed then holds it). */
static enum spell_choice spell_dialog(const char *where, const char *text, size_t off, size_t len,
                                      char **sugg, size_t nsugg, char **typed, size_t *pick)
{
    int sel = nsugg ? SC_REPLACE : SC_SKIP;
    size_t s_sel = 0;
    size_t shown = nsugg > 6 ? 6 : nsugg;
    *typed = NULL;
    for (;;) {
        erase();
        draw_all();
        if (!too_small()) {
            int w = COLS - 4;
            int h = 7 + (int)(shown ? shown : 1) + 1;
            if (h > LINES - 4)
                h = LINES - 4;
            char title[128];
            snprintf(title, sizeof title, _("Spelling (%s)"), spell_dict_name(A.sp));
            /* At the bottom, so that the field stays visible above. */
            struct box b = draw_box_at(LINES - 2 - h, h, w, title);
            int iw = w - 4, x0 = b.x + 2, y = b.y + 1;
            theme_set(THEME_DIALOG);
            draw_str(y++, x0, iw, where);
            /* The word in its line, cropped around it. */
            size_t ls = off, le = off + len;
            while (ls > 0 && text[ls - 1] != '\n')
                ls--;
            while (text[le] && text[le] != '\n')
                le++;
            int ww = draw_width(text + off, len);
            int before = (iw - ww) / 2;
            if (before < 0)
                before = 0;
            size_t st = crop_left(text, ls, off, before);
            int x = x0;
            if (st > ls) {
                x += draw_str(y, x, iw, draw_glyph(DRAW_ELLIPSIS));
                st = crop_left(text, ls, off, before - 1 > 0 ? before - 1 : 0);
            }
            x += draw_text(y, x, x0 + iw - x, text + st, off - st);
            theme_set(THEME_MISSPELT);
            x += draw_text(y, x, x0 + iw - x, text + off, len);
            theme_set(THEME_DIALOG);
            if (x < x0 + iw)
                draw_text(y, x, x0 + iw - x, text + off + len, le - off - len);
            y += 2;
            if (nsugg == 0) {
                draw_str(y++, x0, iw, _("No suggestions."));
            } else {
                for (size_t i = 0; i < shown && y < b.y + h - 3; i++) {
                    char row[256];
                    snprintf(row, sizeof row, " %zu  %s ", i + 1, sugg[i]);
                    theme_set(i == s_sel ? THEME_SELECTED : THEME_DIALOG);
                    draw_str(y++, x0, iw, row);
                }
            }
            y = b.y + h - 3;
            x = x0;
            for (int i = 0; i < SC_COUNT; i++) {
                char bt[96];
                snprintf(bt, sizeof bt, "[%s]", _(spell_buttons[i]));
                theme_set(i == sel ? THEME_BUTTON_FOCUS : THEME_DIALOG);
                x += draw_str(y, x, x0 + iw - x, bt) + 1;
            }
            theme_set(THEME_HINT);
            draw_str(b.y + h - 2, x0, iw, _(spell_button_help[sel]));
        }
        struct term_key k = term_key();
        if (k.fn && (k.code == TERM_EOF || k.code == TERM_INTR)) {
            eof_seen = true;
            return SC_STOP;
        }
        if (k.fn) {
            switch (k.code) {
            case KEY_UP: if (s_sel > 0) s_sel--; break;
            case KEY_DOWN: if (s_sel + 1 < shown) s_sel++; break;
            case KEY_LEFT: case KEY_BTAB: sel = (sel + SC_COUNT - 1) % SC_COUNT; break;
            case KEY_RIGHT: sel = (sel + 1) % SC_COUNT; break;
            case KEY_ENTER: goto chosen;
            case KEY_F(7): case KEY_F(10): return SC_STOP;
            default: break;
            }
            continue;
        }
        if (k.code == 27 || k.code == ('g' & 0x1f))
            return SC_STOP;
        if (k.code == '\t') {
            sel = (sel + 1) % SC_COUNT;
            continue;
        }
        if (k.code == '\r' || k.code == '\n')
            goto chosen;
        if (k.code >= '1' && k.code <= '9' && (size_t)(k.code - '1') < shown) {
            s_sel = (size_t)(k.code - '1');
            sel = SC_REPLACE;
            goto chosen;
        }
        if (k.code > ' ' && k.code < 0x7f) {
            for (int i = 0; i < SC_COUNT; i++) {
                ucs4_t uc;
                const char *bl = _(spell_buttons[i]);
                u8_mbtouc(&uc, (const uint8_t *)bl, strlen(bl));
                if (uc < 0x80 && (k.code | 0x20) == ((int)uc | 0x20)) {
                    sel = i;
                    goto chosen;
                }
            }
        }
        continue;
    chosen:
        if ((sel == SC_REPLACE || sel == SC_ALL) && nsugg == 0)
            sel = SC_TYPE;
        if (sel == SC_TYPE) {
            char *w = xstrndup(text + off, len);
            char *t = ask_text(_("Spelling"), _("Replace with:"), w);
            free(w);
            if (!t) {
                if (eof_seen)
                    return SC_STOP;
                continue;
            }
            *typed = t;
        }
        *pick = s_sel;
        return (enum spell_choice)sel;
    }
}

/* text with the bytes [off, off+len) replaced by repl (new string). */
static char *splice(const char *text, size_t off, size_t len, const char *repl)
{
    size_t tl = strlen(text), rl = strlen(repl);
    char *n = xmalloc(tl - len + rl + 1);
    memcpy(n, text, off);
    memcpy(n + off, repl, rl);
    memcpy(n + off + rl, text + off + len, tl - off - len + 1);
    return n;
}

/* Store a field's new text in the tree, keeping the editor in step. */
static void spell_store(const struct forms_field *f, const char *path, const char *text)
{
    bool here = A.editing && strcmp(A.edit_path, path) == 0;
    if (here)
        A.editing = false; /* the tree gets the new text, not the editor's */
    tree_put(path, text_node(f, text));
    if (here)
        begin_edit();
}

struct word_hits {
    const char *text, *word;
    size_t *offs;
    size_t n, cap;
};

static int word_hit_cb(size_t off, size_t len, void *ud)
{
    struct word_hits *w = ud;
    if (len == strlen(w->word) && memcmp(w->text + off, w->word, len) == 0) {
        w->offs = xgrow(w->offs, &w->cap, w->n + 1, sizeof *w->offs);
        w->offs[w->n++] = off;
    }
    return 0;
}

/* Replace every misspelt occurrence of word in text by repl; *pos (a byte
 * offset, may be NULL) moves with the text before it.  Returns the new
 * text, or NULL when nothing changed. */
static char *replace_word(const char *text, const char *word, const char *repl, size_t *pos)
{
    struct word_hits w = {text, word, NULL, 0, 0};
    spell_check_text(A.sp, text, word_hit_cb, &w);
    if (w.n == 0)
        return NULL;
    char *cur = xstrdup(text);
    size_t wl = strlen(word), rl = strlen(repl);
    for (size_t i = w.n; i-- > 0;) {
        char *n = splice(cur, w.offs[i], wl, repl);
        free(cur);
        cur = n;
        if (pos && w.offs[i] < *pos)
            *pos = *pos + rl - wl;
    }
    free(w.offs);
    return cur;
}

/* A place of the walk: the step and the chain of list items down to a
 * field. */
struct spell_walk {
    size_t step;
    int depth;
    const struct forms_field *list[MAXDEPTH];
    size_t list_field[MAXDEPTH]; /* index of the list field in its form */
    size_t item[MAXDEPTH];
    char lpath[MAXDEPTH][PATHMAX];
    /* mode: ask (the F7 walk) or replace everywhere */
    bool replace_all;
    const char *word, *repl;
    const char *skip_path; /* replace everywhere: the field being walked */
    size_t words;          /* misspelt words shown */
    bool stopped;
};

static void spell_walk_all(struct spell_walk *w);

/* Put the screen on field fi of the place w describes. */
static void spell_goto(struct spell_walk *w, size_t fi)
{
    A.from_review = false;
    goto_step(w->step);
    for (int d = 0; d < w->depth; d++) {
        focus_field(w->list_field[d]);
        open_item(w->list[d], w->lpath[d], w->item[d]);
    }
    focus_field(fi);
}

/* Ask about each misspelt word of one field. */
static void spell_walk_field(struct spell_walk *w, const struct forms_field *f, size_t fi, const char *path)
{
    size_t pos = 0;
    bool placed = false;
    for (;;) {
        char *text = field_text(f, path);
        struct spell_found h = {pos, 0, 0, false};
        spell_check_text(A.sp, text, first_hit_cb, &h);
        if (!h.found) {
            free(text);
            return;
        }
        if (!placed) {
            spell_goto(w, fi);
            placed = true;
        }
        w->words++;
        char *word = xstrndup(text + h.off, h.len);
        char **sugg = NULL;
        size_t nsugg = spell_suggest(A.sp, word, 9, &sugg);
        char where[PATHMAX + 128];
        snprintf(where, sizeof where, "%s  (%s)", _(f->label), path);
        char *typed = NULL;
        size_t pick = 0;
        enum spell_choice c = spell_dialog(where, text, h.off, h.len, sugg, nsugg, &typed, &pick);
        const char *repl = typed ? typed : pick < nsugg ? sugg[pick] : NULL;
        struct err e;
        err_clear(&e);
        switch (c) {
        case SC_REPLACE:
        case SC_TYPE: {
            char *n = splice(text, h.off, h.len, repl);
            spell_store(f, path, n);
            free(n);
            pos = h.off + strlen(repl);
            break;
        }
        case SC_ALL: {
            /* This field first (positions move), then every other one. */
            size_t p = h.off + h.len;
            char *n = replace_word(text, word, repl, &p);
            if (n) {
                spell_store(f, path, n);
                free(n);
            }
            pos = p;
            struct spell_walk all = {.replace_all = true, .word = word, .repl = repl, .skip_path = path};
            spell_walk_all(&all);
            break;
        }
        case SC_SKIP:
            pos = h.off + h.len;
            break;
        case SC_IGNORE: {
            struct doc_node *ig = doc_ensure(A.root, "metadata.spell_ignore", DOC_SEQ);
            if (ig && ig->kind == DOC_SEQ) {
                doc_seq_push(ig, doc_new_scalar(word, DOC_QUOTED));
                A.dirty = true;
                A.findings_stale = true;
                spell_doc_ignore_set(A.sp, A.root);
            } else {
                spell_ignore_add(A.sp, word);
            }
            break;
        }
        case SC_DICT:
            if (spell_personal_add(A.sp, word, &e) != 0) {
                char m[2200];
                err_format(&e, m, sizeof m);
                set_msg(THEME_ERROR, _("Cannot add to the personal dictionary: %s"), m);
            }
            break;
        case SC_STOP:
        default:
            w->stopped = true;
            break;
        }
        free(typed);
        free(word);
        spell_list_free(sugg);
        free(text);
        if (w->stopped)
            return;
    }
}

static void spell_walk_form(struct spell_walk *w, const struct forms_field *fields, size_t n, const char *prefix)
{
    for (size_t i = 0; i < n && !w->stopped; i++) {
        const struct forms_field *f = &fields[i];
        if (!field_visible(f))
            continue;
        char path[PATHMAX];
        snprintf(path, sizeof path, "%s%s", prefix, f->path);
        if (f->widget == FW_LIST) {
            if (w->depth >= MAXDEPTH - 1)
                continue;
            size_t cnt = doc_count(A.root, path);
            int d = w->depth++;
            w->list[d] = f;
            w->list_field[d] = i;
            snprintf(w->lpath[d], PATHMAX, "%s", path);
            for (size_t it = 0; it < cnt && !w->stopped; it++) {
                w->item[d] = it;
                char pre[PATHMAX];
                if (snprintf(pre, sizeof pre, "%s[%zu].", path, it) >= (int)sizeof pre)
                    continue;
                spell_walk_form(w, f->fields, f->nfields, pre);
            }
            w->depth--;
        } else if (spell_field(f, path)) {
            if (!w->replace_all) {
                spell_walk_field(w, f, i, path);
            } else if (strcmp(path, w->skip_path) != 0) {
                char *text = field_text(f, path);
                char *nt = replace_word(text, w->word, w->repl, NULL);
                if (nt)
                    spell_store(f, path, nt);
                free(nt);
                free(text);
            }
        }
    }
}

static void spell_walk_all(struct spell_walk *w)
{
    for (size_t s = 0; s < A.forms.nsteps && !w->stopped; s++) {
        if (!step_visible(s) || is_review(&A.forms.steps[s]))
            continue;
        w->step = s;
        w->depth = 0;
        spell_walk_form(w, A.forms.steps[s].fields, A.forms.steps[s].nfields, "");
    }
}

/* F7: walk every misspelt word of the agreement in step order. */
static void act_spell(void)
{
    commit_edit();
    spell_load();
    if (!A.sp) {
        set_msg(THEME_WARNING, _("No spelling dictionary for the language \"%s\"."), A.spell_lang);
        return;
    }
    size_t step = A.step;
    struct spell_walk w = {0};
    spell_walk_all(&w);
    if (eof_seen)
        return;
    if (w.words == 0) {
        goto_step(step);
        set_msg(THEME_STEP_DONE, _("Spelling: no misspelt words."));
    } else if (w.stopped) {
        set_msg(THEME_WARNING, _("Spelling check stopped."));
    } else {
        set_msg(THEME_STEP_DONE, _("Spelling check finished."));
    }
}

/* ------------------------------------------------------------------ */
/* F6: the printable summary                                            */
/* ------------------------------------------------------------------ */

static struct render_doc *summary_doc(void)
{
    commit_edit();
    refresh_findings();
    return summary_build(A.root, &A.findings);
}

/* The rows of the text summary for a view of width columns: lines longer
 * than the view are wrapped, a form feed (new page) becomes an empty row
 * marked as a page break (NULL). */
static size_t preview_rows(const char *text, int width, char ***out)
{
    size_t n = 0, cap = 0;
    char **rows = NULL;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l > 0 && p[0] == '\f') {
            rows = xgrow(rows, &cap, n + 1, sizeof *rows);
            rows[n++] = NULL;
            p++;
            l--;
        }
        char *line = xstrndup(p, l);
        if (draw_width(line, l) <= width) {
            rows = xgrow(rows, &cap, n + 1, sizeof *rows);
            rows[n++] = line;
        } else {
            char **w;
            size_t wn = wrap_rows(line, width, &w);
            for (size_t i = 0; i < wn; i++) {
                rows = xgrow(rows, &cap, n + 1, sizeof *rows);
                rows[n++] = w[i];
            }
            free(w);
            free(line);
        }
        p += l;
        if (*p == '\n')
            p++;
    }
    *out = rows;
    return n;
}

/* Render the summary as PDF (text when groff is missing) and give it to
 * lp or lpr (src/print.c, shared with `pacta print`). */
static void preview_print(void)
{
    struct render_doc *d = summary_doc();
    struct print_result pr;
    struct err e;
    enum print_status ps = print_doc(d, NULL, &pr, &e);
    render_free(d);
    if (ps != PRINT_OK) {
        char m[2200];
        err_format(&e, m, sizeof m);
        set_msg(THEME_ERROR, _("Cannot print: %s"), m);
        return;
    }
    set_msg(THEME_STEP_DONE, _("Sent to the printer (%s%s)."), pr.program,
            pr.as_text ? _(", as text: groff is not installed") : "");
}

/* Ask a format and a file name and write the summary there. */
static void preview_save_as(void)
{
    static const char *const names[] = {"text", "md", "html", "pdf"};
    static const char *const ext[] = {"txt", "md", "html", "pdf"};
    const char *btn[] = {_("Text"), _("Markdown"), _("HTML"), _("PDF")};
    int f = ask(_("Save the summary as"), _("Which format?"), btn, 4, 3);
    if (f < 0) {
        set_msg(THEME_WARNING, _("Not saved."));
        return;
    }
    char *sl = slug(doc_get_str(A.root, "metadata.title"));
    char *suggest = xasprintf("%s.summary.%s", sl, ext[f]);
    free(sl);
    char *path = ask_file_name(_("Save the summary as"), _("File name:"), suggest);
    if (!path)
        return;
    enum render_format fmt = RENDER_TEXT;
    render_format_parse(names[f], &fmt);
    struct render_doc *d = summary_doc();
    char *buf = NULL;
    size_t len = 0;
    struct err e;
    err_clear(&e);
    int rc = 0;
    if (fmt == RENDER_PDF) {
        bool missing = false;
        rc = render_pdf(d, &buf, &len, &missing, &e);
    } else {
        render_emit(d, fmt, &buf, &len);
    }
    render_free(d);
    if (rc == 0)
        rc = fileio_write_atomic(path, buf, len, 0, NULL, &e);
    free(buf);
    if (rc != 0) {
        char m[2200];
        err_format(&e, m, sizeof m);
        set_msg(THEME_ERROR, _("Not saved: %s"), m);
    } else {
        set_msg(THEME_STEP_DONE, _("Summary saved as %s."), path);
    }
    free(path);
}

/* The summary view's state, for drawing it under dialogs too. */
static struct {
    char *text;
    int scroll, hscroll, h;
} PV;

static void draw_preview(void)
{
    compute_layout();
    if (too_small()) {
        draw_too_small();
        return;
    }
    char **rows = NULL;
    size_t n = preview_rows(PV.text, INT_MAX / 4, &rows);
    int h = LINES - 3;
    PV.h = h;
    if (PV.scroll > (int)n - h)
        PV.scroll = (int)n - h;
    if (PV.scroll < 0)
        PV.scroll = 0;
    if (PV.hscroll > RENDER_TEXT_COLUMNS - COLS)
        PV.hscroll = RENDER_TEXT_COLUMNS - COLS;
    if (PV.hscroll < 0)
        PV.hscroll = 0;
    theme_set(THEME_TITLE);
    draw_blank(0, 0, COLS);
    char t[512];
    const char *title = doc_get_str(A.root, "metadata.title");
    snprintf(t, sizeof t, " %s %s %s", _("Summary"), draw_glyph(DRAW_HLINE), title && *title ? title : _("(untitled)"));
    draw_str(0, 0, COLS, t);
    for (int r = 0; r < h && PV.scroll + r < (int)n; r++) {
        const char *row = rows[PV.scroll + r];
        if (!row) {
            theme_set(THEME_FRAME);
            draw_hline(1 + r, 0, COLS);
            continue;
        }
        /* Skip hscroll columns, then show what fits. */
        size_t skip = draw_fit(row, strlen(row), PV.hscroll);
        theme_set(THEME_NORMAL);
        draw_str(1 + r, 0, COLS, row + skip);
    }
    theme_set(THEME_FRAME);
    draw_hline(LINES - 2, 0, COLS);
    char pos[64];
    snprintf(pos, sizeof pos, " %d-%d/%zu ", n ? PV.scroll + 1 : 0, PV.scroll + h < (int)n ? PV.scroll + h : (int)n, n);
    int pw = draw_width(pos, strlen(pos));
    draw_str(LINES - 2, COLS - pw - 1, pw, pos);
    if (A.msg[0]) {
        theme_set(A.msg_role);
        char buf[600];
        snprintf(buf, sizeof buf, " %s ", A.msg);
        draw_str(LINES - 2, 2, COLS - pw - 4, buf);
    }
    draw_key_bar_ctx(ACTIONS_PREVIEW);
    for (size_t i = 0; i < n; i++)
        free(rows[i]);
    free(rows);
}

/* The summary in a scrollable view, in the agreement's language. */
static void act_summary(void)
{
    struct render_doc *d = summary_doc();
    size_t len = 0;
    render_emit(d, RENDER_TEXT, &PV.text, &len);
    render_free(d);
    PV.scroll = PV.hscroll = 0;
    void (*saved)(void) = backdrop;
    backdrop = draw_preview;
    for (;;) {
        erase();
        draw_preview();
        struct term_key k = term_key();
        if (k.fn && (k.code == TERM_EOF || k.code == TERM_INTR)) {
            eof_seen = true;
            break;
        }
        if (k.fn && (k.code == KEY_RESIZE || k.code == TERM_IDLE))
            continue;
        A.msg[0] = 0;
        int page = PV.h > 1 ? PV.h - 1 : 1;
        if (k.fn) {
            bool used = true;
            switch (k.code) {
            case KEY_DOWN: PV.scroll++; break;
            case KEY_UP: PV.scroll--; break;
            case KEY_NPAGE: PV.scroll += page; break;
            case KEY_PPAGE: PV.scroll -= page; break;
            case KEY_HOME: PV.scroll = 0; PV.hscroll = 0; break;
            case KEY_END: PV.scroll = INT_MAX / 2; break;
            case KEY_RIGHT: PV.hscroll += 8; break;
            case KEY_LEFT: PV.hscroll -= 8; break;
            default: used = false; break;
            }
            if (used)
                continue;
        } else if (k.code == ' ') {
            PV.scroll += page;
            continue;
        }
        enum action a = actions_lookup(k, ACTIONS_PREVIEW);
        if (a == ACT_BACK)
            break;
        if (a == ACT_PRINT)
            preview_print();
        else if (a == ACT_EXPORT)
            preview_save_as();
        if (eof_seen)
            break;
    }
    backdrop = saved;
    free(PV.text);
    PV.text = NULL;
}

/* ------------------------------------------------------------------ */
/* Crash recovery                                                        */
/* ------------------------------------------------------------------ */

/* One value shown in a difference (a new string): "text", or "(none)". */
static char *diff_value(const struct doc_node *n)
{
    char *s;
    if (!n || doc_is_null(n))
        s = xstrdup(_("(none)"));
    else if (n->kind == DOC_SCALAR)
        s = xasprintf("\"%s\"", n->u.str);
    else
        s = xasprintf(n->kind == DOC_MAP ? _("(%zu fields)") : _("(%zu items)"), n->len);
    for (char *p = s; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return s;
}

/* Append "path: old -> new" lines for every difference between a and b. */
static void diff_nodes(const char *path, const struct doc_node *a, const struct doc_node *b, char **out,
                       size_t *len, size_t *cap)
{
    if (a && b && doc_equal(a, b))
        return;
    if (a && b && a->kind == b->kind && a->kind == DOC_MAP) {
        for (size_t i = 0; i < a->len; i++) {
            char *p = *path ? xasprintf("%s.%s", path, a->u.pairs[i].key) : xstrdup(a->u.pairs[i].key);
            diff_nodes(p, a->u.pairs[i].val, doc_map_get(b, a->u.pairs[i].key), out, len, cap);
            free(p);
        }
        for (size_t i = 0; i < b->len; i++)
            if (!doc_map_get(a, b->u.pairs[i].key)) {
                char *p = *path ? xasprintf("%s.%s", path, b->u.pairs[i].key) : xstrdup(b->u.pairs[i].key);
                diff_nodes(p, NULL, b->u.pairs[i].val, out, len, cap);
                free(p);
            }
        return;
    }
    if (a && b && a->kind == b->kind && a->kind == DOC_SEQ) {
        size_t n = a->len > b->len ? a->len : b->len;
        for (size_t i = 0; i < n; i++) {
            char *p = xasprintf("%s[%zu]", path, i);
            diff_nodes(p, i < a->len ? a->u.items[i] : NULL, i < b->len ? b->u.items[i] : NULL, out, len, cap);
            free(p);
        }
        return;
    }
    if ((!a || doc_is_null(a)) && (!b || doc_is_null(b)))
        return;
    char *va = diff_value(a), *vb = diff_value(b);
    char *line = xasprintf("%s: %s %s %s\n", path, va, draw_glyph(DRAW_ARROW), vb);
    free(va);
    free(vb);
    size_t l = strlen(line);
    *out = xgrow(*out, cap, *len + l + 1, 1);
    memcpy(*out + *len, line, l + 1);
    *len += l;
    free(line);
}

/* The differences from a to b, one field a line (a new string). */
static char *tree_diff(const struct doc_node *a, const struct doc_node *b)
{
    char *out = xstrdup("");
    size_t len = 0, cap = 1;
    diff_nodes("", a, b, &out, &len, &cap);
    return out;
}

/* The tree as it would be saved now: with the text being edited. */
static struct doc_node *current_tree(void)
{
    struct doc_node *t = doc_clone(A.root);
    if (A.editing) {
        struct doc_node *n = text_node(A.edit_field, ed_text(&A.ed));
        if (n) {
            if (doc_set(t, A.edit_path, n) != 0)
                doc_free(n);
        } else {
            doc_del(t, A.edit_path);
        }
    }
    return t;
}

/* Write what was typed to the recovery file (mode 0600), when anything is
 * unsaved. */
static void save_recovery(void)
{
    A.recover_pending = false;
    if (A.readonly)
        return;
    struct doc_node *t = current_tree();
    bool changed = A.dirty || (A.editing && !doc_equal(t, A.root));
    if (!changed) {
        doc_free(t);
        return;
    }
    char *buf = NULL;
    size_t len = 0;
    struct err e;
    err_clear(&e);
    if (!A.recover_path && fileio_recovery_path(A.path, &A.recover_path, &e) != 0)
        A.recover_path = NULL;
    if (A.recover_path && sla_yaml_emit(t, SLA_YAML_AGREEMENT, &buf, &len, &e) == 0)
        fileio_write_private(A.recover_path, buf, len, &e);
    free(buf);
    doc_free(t);
}

/* After a save or a discard: the recovery file is no longer needed. */
static void drop_recovery(void)
{
    if (A.recover_path) {
        struct err e;
        fileio_recovery_remove(A.recover_path, &e);
        free(A.recover_path);
        A.recover_path = NULL;
    }
}

/* A recovery file newer than the agreement (or, without a file, the newest
 * one of a never-saved agreement): recover, show the differences, or
 * discard. */
static void offer_recovery(void)
{
    char *rp = NULL;
    struct err e;
    err_clear(&e);
    if (A.path) {
        if (fileio_recovery_find(A.path, &rp, &e) != 1)
            return;
    } else {
        struct fileio_recovery *list = NULL;
        size_t n = 0;
        if (fileio_recovery_list(&list, &n, &e) != 0)
            return;
        for (size_t i = n; i-- > 0;)
            if (!list[i].agreement && strstr(list[i].path, "/new-")) {
                rp = xstrdup(list[i].path);
                break;
            }
        fileio_recovery_free(list, n);
        if (!rp)
            return;
    }
    struct doc_node *rec = NULL;
    struct sla_yaml_info info = {0};
    if (sla_yaml_load_file(rp, NULL, &rec, &info, &e) != 0 || !rec || rec->kind != DOC_MAP) {
        doc_free(rec);
        char m[2200];
        err_format(&e, m, sizeof m);
        set_msg(THEME_WARNING, _("A recovery file could not be read: %s"), m);
        free(rp);
        return;
    }
    char *q = A.path ? xasprintf(_("Unsaved changes to %s were kept when pacta last stopped. Recover them?"), A.path)
                     : xstrdup(_("An agreement that was never saved was kept when pacta last stopped. Recover it?"));
    for (;;) {
        const char *btn[] = {_("Recover"), _("Show differences"), _("Discard")};
        int r = ask(_("Recovery"), q, btn, 3, 0);
        if (r == 1) {
            char *d = tree_diff(A.root, rec);
            show_text(_("Differences (saved → recovered)"), *d ? d : _("No differences."));
            free(d);
            if (eof_seen)
                break;
            continue;
        }
        if (r == 0) {
            A.editing = false; /* the editor holds the old tree's text */
            doc_free(A.root);
            A.root = rec;
            rec = NULL;
            A.dirty = true;
            A.findings_stale = true;
            free(A.recover_path);
            A.recover_path = rp;
            rp = NULL;
            A.depth = 1;
            goto_step(0);
            set_msg(THEME_STEP_DONE, _("Recovered. Save to keep it."));
        } else if (r == 2) {
            fileio_recovery_remove(rp, &e);
            set_msg(THEME_WARNING, _("Recovery file discarded."));
        }
        break;
    }
    free(q);
    doc_free(rec);
    free(rp);
}

/* ------------------------------------------------------------------ */
/* The evaluation screen (F11): a period's measurements, the scorecard   */
/* ------------------------------------------------------------------ */

/* NAME.measurements.yaml beside the agreement (doc/measurements.md). */
struct ev {
    struct doc_node *m; /* the measurements file's tree */
    char *path;
    size_t period; /* index into periods */
    size_t sel;
    bool dirty;
    char *card; /* the scorecard as text; NULL: to compute */
};
static struct ev EV;

/* EV_OUTAGES and EV_TICKETS are the summary rows ("2 outages (Enter adds
 * one)"); under each, one EV_OUTAGE / EV_TICKET row per event, which Enter
 * edits and Delete removes. */
enum ev_kind { EV_PERIOD, EV_VALUE, EV_OUTAGES, EV_OUTAGE, EV_TICKETS, EV_TICKET, EV_DELIVERY, EV_OBLIGATION };
struct ev_row {
    enum ev_kind kind;
    char list[32]; /* the agreement's list the row is about */
    size_t i;      /* index in it */
    size_t j;      /* EV_OUTAGE, EV_TICKET: index in the period's list */
};

static char *ev_path_for(const char *sla)
{
    size_t n = strlen(sla);
    if (n > 9 && strcmp(sla + n - 9, ".sla.yaml") == 0)
        return xasprintf("%.*s.measurements.yaml", (int)(n - 9), sla);
    if (n > 5 && strcmp(sla + n - 5, ".yaml") == 0)
        return xasprintf("%.*s.measurements.yaml", (int)(n - 5), sla);
    return xasprintf("%s.measurements.yaml", sla);
}

static size_t ev_rows(struct ev_row **out)
{
    size_t n = 0, cap = 0;
    struct ev_row *r = NULL;
#define ROWJ(k, l, idx, jdx)                                            \
    do {                                                                \
        r = xgrow(r, &cap, n + 1, sizeof *r);                           \
        r[n].kind = (k);                                                \
        snprintf(r[n].list, sizeof r[n].list, "%s", (l));               \
        r[n].i = (idx);                                                 \
        r[n].j = (jdx);                                                 \
        n++;                                                            \
    } while (0)
#define ROW(k, l, idx) ROWJ(k, l, idx, 0)
    ROW(EV_PERIOD, "", 0);
    if (doc_count(EV.m, "periods") > 0) {
        char p[PATHMAX];
        size_t nl = doc_count(A.root, "service_levels");
        for (size_t i = 0; i < nl; i++) {
            ROW(EV_VALUE, "service_levels", i);
            const char *ind = doc_get_str(A.root, doc_pathf(p, sizeof p, "service_levels[%zu].indicator", i));
            if (ind && strcmp(ind, "availability") == 0) {
                ROW(EV_OUTAGES, "service_levels", i);
                const char *id = doc_get_str(A.root, doc_pathf(p, sizeof p, "service_levels[%zu].id", i));
                size_t no = id ? doc_count(EV.m, doc_pathf(p, sizeof p, "periods[%zu].levels.%s.outages",
                                                           EV.period, id))
                               : 0;
                for (size_t j = 0; j < no; j++)
                    ROWJ(EV_OUTAGE, "service_levels", i, j);
            }
        }
        ROW(EV_TICKETS, "", 0);
        size_t nt = doc_count(EV.m, doc_pathf(p, sizeof p, "periods[%zu].tickets", EV.period));
        for (size_t j = 0; j < nt; j++)
            ROWJ(EV_TICKET, "", 0, j);
        size_t nd = doc_count(A.root, "deadlines");
        for (size_t i = 0; i < nd; i++)
            ROW(EV_DELIVERY, "deadlines", i);
        static const char *const obl[] = {"obligations.provider", "obligations.client"};
        for (size_t k = 0; k < 2; k++)
            for (size_t i = 0; i < doc_count(A.root, obl[k]); i++)
                ROW(EV_OBLIGATION, obl[k], i);
    }
#undef ROW
#undef ROWJ
    *out = r;
    return n;
}

static const char *ev_id(const struct ev_row *r)
{
    char p[PATHMAX];
    return doc_get_str(A.root, doc_pathf(p, sizeof p, "%s[%zu].id", r->list, r->i));
}

static const char *ev_period_key(void)
{
    char p[64];
    return doc_get_str(EV.m, doc_pathf(p, sizeof p, "periods[%zu].period", EV.period));
}

/* The entry of the list at seqpath whose key field is id; when there is
 * none, NULL, or with create a new entry (and the list, when missing).
 * Without create nothing is made: the rows are drawn with it, and drawing
 * must not leave an empty "deliveries: []" to be saved. */
static struct doc_node *ev_entry(const char *seqpath, const char *key, const char *id, bool create)
{
    struct doc_node *seq = create ? doc_ensure(EV.m, seqpath, DOC_SEQ) : doc_get(EV.m, seqpath);
    if (!seq || seq->kind != DOC_SEQ)
        return NULL;
    for (size_t i = 0; i < seq->len; i++) {
        const char *v = doc_get_str(seq->u.items[i], key);
        if (v && id && strcmp(v, id) == 0)
            return seq->u.items[i];
    }
    if (!create)
        return NULL;
    struct doc_node *it = doc_new_map();
    doc_map_put(it, key, doc_new_scalar(id, DOC_PLAIN));
    doc_seq_push(seq, it);
    return it;
}

/* After a removal at path: delete the node there when it is an empty list
 * or map, then its parents in turn while they are left empty, up to (not
 * including) the period's own entry -- so that removing the last outage, or
 * clearing a level's only value, leaves no "outages: []" or "SL1: {}". */
static void ev_prune(const char *path)
{
    char p[PATHMAX], top[64];
    snprintf(p, sizeof p, "%s", path);
    size_t stop = strlen(doc_pathf(top, sizeof top, "periods[%zu]", EV.period));
    while (strlen(p) > stop && strncmp(p, top, stop) == 0) {
        struct doc_node *n = doc_get(EV.m, p);
        if (n && (n->kind == DOC_SCALAR || n->len > 0))
            break;
        if (n)
            doc_del(EV.m, p);
        char *dot = strrchr(p, '.');
        if (!dot)
            break;
        *dot = 0;
    }
}

/* Remove the entry e of the list at path when key is all it has left (it
 * says nothing then), and the list with it when it was the last one.
 * true when it went. */
static bool ev_drop_bare(const char *path, struct doc_node *e, const char *key)
{
    if (e->kind != DOC_MAP || e->len != 1 || !doc_map_get(e, key))
        return false;
    struct doc_node *seq = doc_get(EV.m, path);
    for (size_t i = 0; seq && seq->kind == DOC_SEQ && i < seq->len; i++)
        if (seq->u.items[i] == e) {
            doc_free(doc_seq_take(seq, i));
            ev_prune(path);
            return true;
        }
    return false;
}

/* The path of the list an EV_OUTAGE or EV_TICKET row is an item of, into
 * buf; NULL for other rows. */
static const char *ev_list_path(const struct ev_row *r, char *buf, size_t size)
{
    if (r->kind == EV_OUTAGE || r->kind == EV_OUTAGES) {
        const char *id = ev_id(r);
        return id ? doc_pathf(buf, size, "periods[%zu].levels.%s.outages", EV.period, id) : NULL;
    }
    if (r->kind == EV_TICKET || r->kind == EV_TICKETS)
        return doc_pathf(buf, size, "periods[%zu].tickets", EV.period);
    return NULL;
}

/* The outage or ticket of an EV_OUTAGE / EV_TICKET row. */
static struct doc_node *ev_item(const struct ev_row *r)
{
    char p[PATHMAX], q[PATHMAX + 32];
    if ((r->kind != EV_OUTAGE && r->kind != EV_TICKET) || !ev_list_path(r, p, sizeof p))
        return NULL;
    struct doc_node *it = doc_get(EV.m, doc_pathf(q, sizeof q, "%s[%zu]", p, r->j));
    return it && it->kind == DOC_MAP ? it : NULL;
}

/* A timestamp as the rows show it: "2027-03-09 10:00", or "10:00" when it
 * falls on the day of ref (the start of the outage, the ticket's opening);
 * "—" when absent; as written when it is not a timestamp. */
static const char *ev_stamp_text(const char *s, const char *ref, char *buf, size_t size)
{
    struct calc_stamp t, r;
    if (!s || !*s)
        return "—";
    if (calc_parse_stamp(s, &t) != 0)
        return s;
    if (ref && calc_parse_stamp(ref, &r) == 0 && r.day == t.day) {
        snprintf(buf, size, "%02d:%02d", t.minute / 60, t.minute % 60);
        return buf;
    }
    calc_format_stamp(t, buf, size);
    char *T = strchr(buf, 'T');
    if (T)
        *T = ' ';
    return buf;
}

/* t (taken) followed by " — note" when there is a note. */
static char *ev_with_note(char *t, const char *note)
{
    if (!note || !*note)
        return t;
    char *u = xasprintf("%s — %s", t, note);
    free(t);
    return u;
}

/* An outage in one line: "2027-03-09 10:00 – 14:00 (4 h)", with
 * ", excluded" and its note when it has them. */
static char *ev_outage_text(const struct doc_node *it)
{
    const char *s = doc_get_str(it, "start"), *e = doc_get_str(it, "end");
    const char *x = doc_get_str(it, "excluded"), *note = doc_get_str(it, "note");
    char a[40], b[40], d[L10N_BUFSZ];
    struct calc_stamp ts, te;
    d[0] = 0;
    if (s && e && calc_parse_stamp(s, &ts) == 0 && calc_parse_stamp(e, &te) == 0) {
        long long min = (long long)(te.day - ts.day) * 1440 + te.minute - ts.minute;
        if (min > 0)
            l10n_duration_words(d, sizeof d, min * 600, A.lang);
    }
    bool excluded = x && strcmp(x, "true") == 0;
    char *when = xasprintf("%s – %s", ev_stamp_text(s, NULL, a, sizeof a), ev_stamp_text(e, s, b, sizeof b));
    char *t;
    if (d[0] && excluded)
        t = xasprintf(_("%s (%s, excluded)"), when, d);
    else if (d[0])
        t = xasprintf("%s (%s)", when, d);
    else if (excluded)
        t = xasprintf(_("%s (excluded)"), when);
    else
        t = xstrdup(when);
    free(when);
    return ev_with_note(t, note);
}

/* A ticket in one line: "T1 P1: opened 2027-03-09 10:00, first response
 * 11:30, resolved —", and its note. */
static char *ev_ticket_text(const struct doc_node *it)
{
    const char *id = doc_get_str(it, "id"), *pr = doc_get_str(it, "priority");
    const char *o = doc_get_str(it, "opened"), *note = doc_get_str(it, "note");
    char a[40], b[40], c[40];
    char *who = xasprintf("%s%s%s", id && *id ? id : "?", pr && *pr ? " " : "", pr && *pr ? pr : "");
    char *t = xasprintf(_("%s: opened %s, first response %s, resolved %s"), who, ev_stamp_text(o, NULL, a, sizeof a),
                        ev_stamp_text(doc_get_str(it, "first_response"), o, b, sizeof b),
                        ev_stamp_text(doc_get_str(it, "resolved"), o, c, sizeof c));
    free(who);
    return ev_with_note(t, note);
}

/* One line describing row r. */
static char *ev_row_text(const struct ev_row *r)
{
    char p[PATHMAX];
    const char *id = ev_id(r);
    const char *key = ev_period_key();
    switch (r->kind) {
    case EV_PERIOD:
        if (!key)
            return xstrdup(_("No period yet: F9 adds one (2027-03, 2027-Q1 or 2027)."));
        return xasprintf(_("Period %s (%zu of %zu)"), key, EV.period + 1, doc_count(EV.m, "periods"));
    case EV_VALUE: {
        const char *name = doc_get_str(A.root, doc_pathf(p, sizeof p, "%s[%zu].name", r->list, r->i));
        const char *v = doc_get_str(EV.m, doc_pathf(p, sizeof p, "periods[%zu].levels.%s.value", EV.period,
                                                    id ? id : "?"));
        return xasprintf(_("%s %s: measured value %s"), id ? id : "?", name ? name : "",
                         v ? v : _("(from the events)"));
    }
    case EV_OUTAGES: {
        size_t n = doc_count(EV.m, doc_pathf(p, sizeof p, "periods[%zu].levels.%s.outages", EV.period, id ? id : "?"));
        return xasprintf(P_("    %zu outage (Enter adds one)", "    %zu outages (Enter adds one)", n), n);
    }
    case EV_TICKETS: {
        size_t n = doc_count(EV.m, doc_pathf(p, sizeof p, "periods[%zu].tickets", EV.period));
        return xasprintf(P_("%zu ticket in the period (Enter adds one)", "%zu tickets in the period (Enter adds one)",
                            n), n);
    }
    case EV_OUTAGE:
    case EV_TICKET: {
        /* indented one step under their summary rows */
        struct doc_node *it = ev_item(r);
        char *t = it ? (r->kind == EV_OUTAGE ? ev_outage_text(it) : ev_ticket_text(it)) : xstrdup("?");
        char *u = xasprintf("%s%s", r->kind == EV_OUTAGE ? "        " : "    ", t);
        free(t);
        return u;
    }
    case EV_DELIVERY: {
        const char *what = doc_get_str(A.root, doc_pathf(p, sizeof p, "%s[%zu].deliverable", r->list, r->i));
        doc_pathf(p, sizeof p, "periods[%zu].deliveries", EV.period);
        struct doc_node *e = id ? ev_entry(p, "deadline", id, false) : NULL;
        const char *d = e ? doc_get_str(e, "delivered") : NULL;
        return xasprintf(_("%s %s: delivered %s"), id ? id : "?", what ? what : "", d ? d : _("(not yet)"));
    }
    case EV_OBLIGATION: {
        const char *text = doc_get_str(A.root, doc_pathf(p, sizeof p, "%s[%zu].text", r->list, r->i));
        doc_pathf(p, sizeof p, "periods[%zu].obligations", EV.period);
        struct doc_node *e = id ? ev_entry(p, "id", id, false) : NULL;
        const char *k = e ? doc_get_str(e, "kept") : NULL;
        bool kept = !k || strcmp(k, "false") != 0;
        return xasprintf(_("%s %s: kept %s"), id ? id : "?", text ? text : "", kept ? _("Yes") : _("No"));
    }
    }
    return xstrdup("");
}

/* The scorecard of the period, as text in the agreement's language. */
static const char *ev_card(void)
{
    if (EV.card)
        return EV.card;
    const char *key = ev_period_key();
    if (!key)
        return EV.card = xstrdup("");
    struct measure ms;
    memset(&ms, 0, sizeof ms);
    struct evaluate_result r;
    memset(&r, 0, sizeof r);
    struct err e;
    err_clear(&e);
    if (measure_from_doc(doc_clone(EV.m), EV.path, &ms, NULL, &e) < 0 ||
        evaluate_run(A.root, &ms, key, &r, &e) < 0) {
        char m[2200];
        err_format(&e, m, sizeof m);
        EV.card = xasprintf("! %s", m);
    } else {
        struct render_doc *d = evaluate_render(&r);
        char *out = NULL;
        size_t len = 0;
        render_emit(d, RENDER_TEXT, &out, &len);
        render_free(d);
        EV.card = out ? out : xstrdup("");
    }
    evaluate_free(&r);
    measure_free(&ms);
    return EV.card;
}

static void ev_changed(void)
{
    EV.dirty = true;
    free(EV.card);
    EV.card = NULL;
}

static void ev_draw(void)
{
    compute_layout();
    curs_set(0);
    if (too_small()) {
        draw_too_small();
        return;
    }
    draw_title_bar();
    int x = 2, w = COLS - 4, y = 1;
    theme_set(THEME_NORMAL);
    for (int r = 1; r < LINES - 2; r++)
        draw_blank(r, 0, COLS);
    char buf[1024];
    theme_set(THEME_HEADING);
    snprintf(buf, sizeof buf, _("Evaluation: %s"), EV.path);
    draw_cropped(y++, x, w, buf);
    struct ev_row *rows;
    size_t n = ev_rows(&rows);
    if (EV.sel >= n)
        EV.sel = n - 1;
    int list_h = (LINES - 4) / 2;
    size_t first = EV.sel >= (size_t)list_h ? EV.sel - (size_t)list_h + 1 : 0;
    for (size_t i = first; i < n && y < 1 + 1 + list_h; i++, y++) {
        char *t = ev_row_text(&rows[i]);
        theme_set(i == EV.sel ? THEME_SELECTED : THEME_NORMAL);
        draw_blank(y, x, w);
        draw_cropped(y, x, w, t);
        free(t);
    }
    theme_set(THEME_FRAME);
    draw_hline(y++, 0, COLS);
    char **lines;
    size_t nl = wrap_rows(ev_card(), w, &lines);
    theme_set(THEME_NORMAL);
    for (size_t i = 0; i < nl && y < LINES - 2; i++, y++)
        draw_str(y, x, w, lines[i]);
    free_rows(lines, nl);
    theme_set(THEME_FRAME);
    draw_hline(LINES - 2, 0, COLS);
    if (A.msg[0]) {
        theme_set(A.msg_role);
        snprintf(buf, sizeof buf, " %s ", A.msg);
        draw_str(LINES - 2, 2, COLS - 4, buf);
    }
    bool item = EV.sel < n && (rows[EV.sel].kind == EV_OUTAGE || rows[EV.sel].kind == EV_TICKET);
    free(rows);
    draw_key_bar_ctx(ACTIONS_EVAL | (item ? ACTIONS_EVAL_ITEM : ACTIONS_EVAL_OTHER));
}

/* Ask for one value; NULL when cancelled.  check: 'd' date, 't' timestamp, 0 any. */
static char *ev_ask(const char *title, const char *prompt, const char *initial, char check)
{
    for (;;) {
        char *s = ask_text(title, prompt, initial);
        if (!s)
            return NULL;
        char *t = trim(s);
        long day;
        struct calc_stamp st;
        bool ok = !*t || check == 0 || (check == 'd' && calc_parse_date(t, &day) == 0) ||
                  (check == 't' && calc_parse_stamp(t, &st) == 0);
        if (ok) {
            char *r = xstrdup(t);
            free(s);
            A.msg[0] = 0; /* a refusal of an earlier answer no longer holds */
            return r;
        }
        free(s);
        set_msg(THEME_ERROR, check == 'd' ? _("not a date: write it as YYYY-MM-DD, e.g. 2027-01-31")
                                          : _("not a moment: write it as YYYY-MM-DDTHH:MM, e.g. 2027-03-09T17:30"));
        if (eof_seen)
            return NULL;
    }
}

/* Ask for a timestamp with ev_ask; NULL when cancelled.  An empty answer
 * is returned as "" unless required, when it is refused with that message
 * and asked again (editing: removing is Delete's work).  A moment before
 * after (or at it, when strictly) is refused with too_early, followed by
 * that moment, and asked again with what was typed. */
static char *ev_ask_stamp(const char *title, const char *prompt, const char *initial, const char *required,
                          const char *after, bool strictly, const char *too_early)
{
    char *typed = xstrdup(initial);
    for (;;) {
        char *v = ev_ask(title, prompt, typed, 't');
        if (!v || (!*v && !required)) {
            free(typed);
            return v;
        }
        struct calc_stamp t, a;
        if (!*v) {
            set_msg(THEME_ERROR, "%s", required);
        } else if (after && calc_parse_stamp(v, &t) == 0 && calc_parse_stamp(after, &a) == 0 &&
                   (t.day < a.day || (t.day == a.day && (t.minute < a.minute || (strictly && t.minute == a.minute))))) {
            set_msg(THEME_ERROR, "%s (%s)", too_early, after);
        } else {
            free(typed);
            return v;
        }
        free(typed);
        typed = v;
        if (eof_seen) {
            free(typed);
            return NULL;
        }
    }
}

/* Add an outage (add: at the end of the level's list) or edit the one of
 * row r.  The prompts are the same; when editing they hold the current
 * values, and nothing is written until the last one is answered, so that
 * Esc anywhere leaves the outage as it was. */
static void ev_outage_form(const struct ev_row *r, bool add)
{
    char p[PATHMAX];
    struct doc_node *it = add ? NULL : ev_item(r);
    if ((!add && !it) || !ev_list_path(r, p, sizeof p))
        return;
    const char *title = add ? _("Add an outage") : _("Edit an outage");
    const char *cs = it ? doc_get_str(it, "start") : NULL, *ce = it ? doc_get_str(it, "end") : NULL;
    /* adding: an empty start adds nothing, as it always has */
    char *a = ev_ask_stamp(title, _("Started at (YYYY-MM-DDTHH:MM):"), cs ? cs : "",
                           add ? NULL : _("Started at: an outage needs a start (Esc cancels the edit)"), NULL, false,
                           NULL);
    char *b = NULL;
    if (a && *a)
        b = ev_ask_stamp(title, _("Ended at (YYYY-MM-DDTHH:MM):"), ce ? ce : a,
                         add ? NULL : _("Ended at: an outage needs an end (Esc cancels the edit)"), a, true,
                         _("Ended at: an outage must end after it starts"));
    /* the list is made only now: a cancelled add leaves no empty one */
    struct doc_node *seq = add && a && *a && b && *b ? doc_ensure(EV.m, p, DOC_SEQ) : NULL;
    if (a && *a && b && *b && (!add || (seq && seq->kind == DOC_SEQ))) {
        if (add) {
            it = doc_new_map();
            doc_seq_push(seq, it);
        }
        doc_map_put(it, "start", doc_new_scalar(a, DOC_PLAIN));
        doc_map_put(it, "end", doc_new_scalar(b, DOC_PLAIN));
        ev_changed();
    }
    free(a);
    free(b);
}

/* Add a ticket to the period or edit the one of row r, as ev_outage_form
 * does for outages.  Keys the form does not ask (id, note, x-) are kept. */
static void ev_ticket_form(const struct ev_row *r, bool add)
{
    char p[PATHMAX];
    struct doc_node *it = add ? NULL : ev_item(r);
    if ((!add && !it) || !ev_list_path(r, p, sizeof p))
        return;
    const char *title = add ? _("Add a ticket") : _("Edit a ticket");
    static const char *const keys[4] = {"priority", "opened", "first_response", "resolved"};
    const char *cur[4];
    for (int i = 0; i < 4; i++) {
        cur[i] = it ? doc_get_str(it, keys[i]) : NULL;
        if (!cur[i])
            cur[i] = "";
    }
    char *v[4] = {NULL, NULL, NULL, NULL};
    v[0] = ev_ask(title, _("Priority (a priority id, e.g. P1; may be empty):"), cur[0], 0);
    /* adding: an empty opening adds nothing, as it always has */
    if (v[0])
        v[1] = ev_ask_stamp(title, _("Opened at (YYYY-MM-DDTHH:MM):"), cur[1],
                            add ? NULL : _("Opened at: a ticket needs the moment it was opened (Esc cancels the edit)"),
                            NULL, false, NULL);
    /* adding, the later moments start from the opening's (the same day) */
    if (v[1] && *v[1])
        v[2] = ev_ask_stamp(title, _("First response at (YYYY-MM-DDTHH:MM; empty: none yet):"), add ? v[1] : cur[2],
                            NULL, v[1], false, _("First response at: it comes before the ticket was opened"));
    if (v[2])
        v[3] = ev_ask_stamp(title, _("Resolved at (YYYY-MM-DDTHH:MM; empty: still open):"), add ? v[1] : cur[3],
                            NULL, v[1], false, _("Resolved at: it comes before the ticket was opened"));
    struct doc_node *seq = add && v[3] ? doc_ensure(EV.m, p, DOC_SEQ) : NULL;
    if (v[3] && (!add || (seq && seq->kind == DOC_SEQ))) {
        if (add) {
            /* T<n> from the count on, skipping an id still in use (one
             * removed earlier leaves a gap; ids stay unique) */
            char tid[32];
            for (size_t n = seq->len + 1;; n++) {
                snprintf(tid, sizeof tid, "T%zu", n);
                size_t k = 0;
                while (k < seq->len && !(doc_get_str(seq->u.items[k], "id") &&
                                         strcmp(doc_get_str(seq->u.items[k], "id"), tid) == 0))
                    k++;
                if (k == seq->len)
                    break;
            }
            it = doc_new_map();
            doc_map_put(it, "id", doc_new_scalar(tid, DOC_PLAIN));
            doc_seq_push(seq, it);
        }
        for (int i = 0; i < 4; i++) {
            if (*v[i])
                doc_map_put(it, keys[i], doc_new_scalar(v[i], DOC_PLAIN));
            else
                doc_map_del(it, keys[i]);
        }
        ev_changed();
    }
    for (int i = 0; i < 4; i++)
        free(v[i]);
}

/* Delete, F8, Ctrl-X on an outage or a ticket: remove it after a
 * confirmation, as on the wizard's lists of items. */
static void ev_remove(const struct ev_row *r)
{
    char p[PATHMAX], q[PATHMAX + 32];
    struct doc_node *it = ev_item(r);
    if (!it || !ev_list_path(r, p, sizeof p))
        return;
    char *question;
    if (r->kind == EV_OUTAGE) {
        char *t = ev_outage_text(it);
        question = xasprintf(_("Remove the outage %s?"), t);
        free(t);
    } else {
        const char *id = doc_get_str(it, "id"), *o = doc_get_str(it, "opened");
        char a[40];
        question = xasprintf(_("Remove the ticket %s, opened %s?"), id && *id ? id : "?",
                             ev_stamp_text(o, NULL, a, sizeof a));
    }
    const char *btn[] = {_("Remove"), _("Keep")};
    int a = ask(_("Remove"), question, btn, 2, 1);
    free(question);
    if (a != 0)
        return;
    doc_del(EV.m, doc_pathf(q, sizeof q, "%s[%zu]", p, r->j));
    size_t left = doc_count(EV.m, p);
    ev_prune(p); /* no empty "outages: []" left behind */
    /* the choice stays on the row that took the removed one's place, or
     * goes up to the one before (the previous item or the summary row) */
    if (r->j >= left && EV.sel > 0)
        EV.sel--;
    set_msg(THEME_NORMAL, "%s", _("Removed."));
    ev_changed();
}

static void ev_add_period(void)
{
    char day[32];
    today(day, sizeof day);
    day[7] = 0;
    char *s = ask_text(_("Add a period"), _("A month (2027-03), a quarter (2027-Q1) or a year (2027):"), day);
    if (!s)
        return;
    char *t = trim(s);
    enum measure_period_kind k;
    long a, b;
    if (measure_parse_period(t, &k, &a, &b) < 0) {
        set_msg(THEME_ERROR, _("\"%s\" is not a period: 2027-03, 2027-Q1 or 2027"), t);
        free(s);
        return;
    }
    char p[64];
    size_t n = doc_count(EV.m, "periods");
    for (size_t i = 0; i < n; i++) {
        const char *key = doc_get_str(EV.m, doc_pathf(p, sizeof p, "periods[%zu].period", i));
        if (key && strcmp(key, t) == 0) {
            EV.period = i;
            free(s);
            ev_changed();
            EV.dirty = false;
            return;
        }
    }
    struct doc_node *seq = doc_ensure(EV.m, "periods", DOC_SEQ);
    struct doc_node *it = doc_new_map();
    doc_map_put(it, "period", doc_new_scalar(t, DOC_PLAIN));
    doc_seq_push(seq, it);
    EV.period = seq->len - 1;
    free(s);
    ev_changed();
}

static void ev_edit(const struct ev_row *r)
{
    char p[PATHMAX];
    const char *id = ev_id(r);
    if (r->kind == EV_PERIOD) {
        ev_add_period();
        return;
    }
    if (!id && r->kind != EV_TICKETS && r->kind != EV_TICKET)
        return;
    switch (r->kind) {
    case EV_VALUE: {
        doc_pathf(p, sizeof p, "periods[%zu].levels.%s.value", EV.period, id);
        const char *cur = doc_get_str(EV.m, p);
        char *s = ask_text(_("Measured value"), _("The value measured in the period, in the level's unit "
                                                  "(empty: computed from the outages and tickets):"),
                           cur ? cur : "");
        if (!s)
            return;
        char *t = number_form(s);
        long long v;
        if (!*t) {
            doc_del(EV.m, p);
            /* no "levels: {SL1: {}}" left when it was the level's only entry */
            *strrchr(p, '.') = 0;
            ev_prune(p);
        } else if (calc_parse_decimal(t, &v) != 0) {
            set_msg(THEME_ERROR, "%s", _("not a number"));
        } else {
            doc_set(EV.m, p, doc_new_scalar(t, DOC_PLAIN));
        }
        free(s);
        ev_changed();
        return;
    }
    case EV_OUTAGES:
    case EV_OUTAGE:
        ev_outage_form(r, r->kind == EV_OUTAGES);
        return;
    case EV_TICKETS:
    case EV_TICKET:
        ev_ticket_form(r, r->kind == EV_TICKETS);
        return;
    case EV_DELIVERY: {
        doc_pathf(p, sizeof p, "periods[%zu].deliveries", EV.period);
        struct doc_node *e = ev_entry(p, "deadline", id, false);
        const char *cur = e ? doc_get_str(e, "delivered") : NULL;
        char *d = ev_ask(_("Delivered"), _("Delivered on (YYYY-MM-DD; empty: not yet):"), cur ? cur : "", 'd');
        if (!d)
            return;
        if (*d) {
            e = ev_entry(p, "deadline", id, true);
            doc_map_put(e, "delivered", doc_new_scalar(d, DOC_PLAIN));
        } else if (e) {
            doc_map_del(e, "delivered");
            ev_drop_bare(p, e, "deadline");
        }
        free(d);
        ev_changed();
        return;
    }
    case EV_OBLIGATION: {
        doc_pathf(p, sizeof p, "periods[%zu].obligations", EV.period);
        struct doc_node *e = ev_entry(p, "id", id, true);
        const char *k = doc_get_str(e, "kept");
        bool kept = !k || strcmp(k, "false") != 0;
        if (kept) {
            doc_map_put(e, "kept", doc_new_scalar("false", DOC_PLAIN));
        } else {
            /* kept again: an entry that says nothing more goes (an
             * obligation without one was kept), else it says kept */
            doc_map_del(e, "kept");
            if (!ev_drop_bare(p, e, "id"))
                doc_map_put(e, "kept", doc_new_scalar("true", DOC_PLAIN));
        }
        ev_changed();
        return;
    }
    default:
        return;
    }
}

static int ev_save(void)
{
    char *buf = NULL;
    size_t len = 0;
    struct err e;
    err_clear(&e);
    int rc = sla_yaml_emit(EV.m, SLA_YAML_SOURCE, &buf, &len, &e);
    if (rc == 0)
        rc = fileio_write_atomic(EV.path, buf, len, 0, NULL, &e);
    free(buf);
    if (rc != 0) {
        char m[2200];
        err_format(&e, m, sizeof m);
        set_msg(THEME_ERROR, _("Not saved: %s"), m);
        return -1;
    }
    EV.dirty = false;
    set_msg(THEME_NORMAL, _("Saved %s."), EV.path);
    return 0;
}

static void act_evaluate(void)
{
    if (!A.path) {
        set_msg(THEME_WARNING, _("Save the agreement first: its measurements are kept beside it."));
        return;
    }
    commit_edit();
    refresh_findings();
    memset(&EV, 0, sizeof EV);
    EV.path = ev_path_for(A.path);
    if (file_exists(EV.path)) {
        struct err e;
        err_clear(&e);
        if (sla_yaml_load_file(EV.path, NULL, &EV.m, NULL, &e) != 0 || EV.m->kind != DOC_MAP) {
            char m[2200];
            if (EV.m)
                snprintf(m, sizeof m, _("%s: not a measurements file"), EV.path);
            else
                err_format(&e, m, sizeof m);
            set_msg(THEME_ERROR, "%s", m);
            doc_free(EV.m);
            free(EV.path);
            memset(&EV, 0, sizeof EV);
            return;
        }
        size_t n = doc_count(EV.m, "periods");
        EV.period = n ? n - 1 : 0;
    } else {
        EV.m = doc_new_map();
        doc_map_put(EV.m, "apiVersion", doc_new_scalar("pacta/v1", DOC_PLAIN));
        doc_map_put(EV.m, "kind", doc_new_scalar("Measurements", DOC_PLAIN));
        const char *id = doc_get_str(A.root, "metadata.id");
        if (id)
            doc_map_put(EV.m, "agreement", doc_new_scalar(id, DOC_PLAIN));
        doc_map_put(EV.m, "periods", doc_new_seq());
    }
    void (*saved_backdrop)(void) = backdrop;
    backdrop = ev_draw;
    A.msg[0] = 0;
    if (doc_count(EV.m, "periods") == 0)
        ev_add_period();
    EV.sel = 1; /* the first service level */
    for (;;) {
        erase();
        ev_draw();
        struct term_key k = term_key();
        if (k.fn && (k.code == TERM_EOF || k.code == TERM_INTR)) {
            eof_seen = true;
            break;
        }
        if (k.fn && (k.code == KEY_RESIZE || k.code == TERM_IDLE || k.code == KEY_MOUSE))
            continue;
        A.msg[0] = 0;
        struct ev_row *rows;
        size_t n = ev_rows(&rows);
        bool leave = false;
        if (k.fn && k.code == KEY_DOWN) {
            if (EV.sel + 1 < n)
                EV.sel++;
        } else if (k.fn && k.code == KEY_UP) {
            if (EV.sel > 0)
                EV.sel--;
        } else if ((k.fn && k.code == KEY_NPAGE) || (!k.fn && k.code == ('n' & 0x1f))) {
            if (EV.period + 1 < doc_count(EV.m, "periods")) {
                EV.period++;
                free(EV.card);
                EV.card = NULL;
            }
        } else if ((k.fn && k.code == KEY_PPAGE) || (!k.fn && k.code == ('p' & 0x1f))) {
            if (EV.period > 0) {
                EV.period--;
                free(EV.card);
                EV.card = NULL;
            }
        } else if ((k.fn && (k.code == KEY_F(9) || k.code == KEY_IC)) || (!k.fn && k.code == ('t' & 0x1f))) {
            ev_add_period();
        } else if ((k.fn && k.code == KEY_F(2)) || (!k.fn && k.code == ('s' & 0x1f))) {
            ev_save();
        } else if ((k.fn && (k.code == KEY_F(8) || k.code == KEY_DC)) || (!k.fn && k.code == ('x' & 0x1f))) {
            if (EV.sel < n)
                ev_remove(&rows[EV.sel]);
        } else if ((k.fn && (k.code == KEY_ENTER || k.code == KEY_F(4))) ||
                   (!k.fn && (k.code == '\r' || k.code == '\n' || k.code == ' '))) {
            if (EV.sel < n)
                ev_edit(&rows[EV.sel]);
        } else if ((k.fn && (k.code == KEY_F(11) || k.code == KEY_F(10))) ||
                   (!k.fn && (k.code == 27 || k.code == ('b' & 0x1f) || k.code == ('q' & 0x1f)))) {
            leave = true;
        } else if ((k.fn && k.code == KEY_F(1)) || (!k.fn && k.code == '?')) {
            act_help();
        }
        free(rows);
        if (eof_seen)
            break;
        if (leave) {
            if (!EV.dirty)
                break;
            const char *btn[] = {_("Save"), _("Discard"), _("Cancel")};
            int r = ask(_("Evaluation"), _("Save the measurements before going back?"), btn, 3, 0);
            if (r == 0 && ev_save() == 0)
                break;
            if (r == 1)
                break;
            if (eof_seen)
                break;
        }
    }
    backdrop = saved_backdrop;
    doc_free(EV.m);
    free(EV.path);
    free(EV.card);
    memset(&EV, 0, sizeof EV);
}

static void act_quit(void)
{
    commit_edit();
    if (!A.dirty) {
        A.quit = true;
        return;
    }
    const char *btn[] = {_("Save"), _("Discard"), _("Cancel")};
    int r = ask(_("Quit"), _("There are unsaved changes. Save them before quitting?"), btn, 3, 0);
    if (r == 0) {
        if (do_save() == 0)
            A.quit = true;
    } else if (r == 1) {
        drop_recovery();
        A.quit = true;
    }
}

static void act_editor(void)
{
    const struct forms_field *f = focused_field();
    if (!A.editing || !f) {
        set_msg(THEME_WARNING, _("F4 edits a text field: move to one first."));
        return;
    }
    const char *tmpdir = getenv("TMPDIR");
    char *tmp = xasprintf("%s/pacta-XXXXXX.txt", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemps(tmp, 4); /* mode 0600 */
    if (fd < 0) {
        set_msg(THEME_ERROR, _("Cannot create a temporary file: %s"), strerror(errno));
        free(tmp);
        return;
    }
    const char *text = ed_text(&A.ed);
    size_t tl = strlen(text);
    bool ok = fileio_write_all(fd, text, tl) == 0 && fileio_write_all(fd, "\n", 1) == 0;
    close(fd);
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
    size_t argc = 0;
    char **argv = spawn_split(ed, 1, &argc);
    if (!ok || !argv) {
        set_msg(THEME_ERROR, _("Cannot start the editor \"%s\"."), ed);
        unlink(tmp);
        free(tmp);
        spawn_argv_free(argv);
        return;
    }
    argv[argc] = tmp;
    argv[argc + 1] = NULL;
    int status = 0, err_no = 0;
    struct err e;
    err_clear(&e);
    if (!term_headless())
        term_suspend();
    int rc = spawn_run((const char *const *)argv, NULL, &status, &err_no, &e);
    if (!term_headless())
        term_resume();
    argv[argc] = NULL;
    spawn_argv_free(argv);
    if (rc != 0) {
        set_msg(THEME_ERROR, _("Cannot start the editor \"%s\": %s"), ed, e.msg);
    } else {
        char *buf = NULL;
        size_t len = 0;
        if (fileio_read(tmp, FILEIO_MAX_SIZE_DEFAULT, &buf, &len, NULL, &e) == 0) {
            while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
                buf[--len] = 0;
            if (!is_multiline(f->widget))
                for (char *p = buf; *p; p++)
                    if (*p == '\n' || *p == '\r' || *p == '\t')
                        *p = ' ';
            ed_set(&A.ed, is_multiline(f->widget), buf);
            free(buf);
            commit_edit();
            begin_edit();
            if (status != 0)
                set_msg(THEME_WARNING, _("The editor exited with status %d; its text was read back."), status);
        } else {
            set_msg(THEME_ERROR, "%s", e.msg);
        }
    }
    unlink(tmp);
    free(tmp);
}

static void act_add(const struct forms_field *f, const char *lpath)
{
    if (A.readonly) {
        say_readonly();
        return;
    }
    commit_edit();
    struct doc_node *seq = doc_ensure(A.root, lpath, DOC_SEQ);
    if (!seq || seq->kind != DOC_SEQ) {
        set_msg(THEME_ERROR, _("Cannot add an item at %s"), lpath);
        return;
    }
    struct doc_node *item = doc_new_map();
    if (f->id_prefix) {
        /* The next free number after the prefix. */
        long max = 0;
        size_t pl = strlen(f->id_prefix);
        for (size_t i = 0; i < seq->len; i++) {
            const char *id = item_id(seq->u.items[i]);
            if (id && strncmp(id, f->id_prefix, pl) == 0) {
                char *end;
                long v = strtol(id + pl, &end, 10);
                if (*end == 0 && v > max)
                    max = v;
            }
        }
        char id[64];
        snprintf(id, sizeof id, "%s%ld", f->id_prefix, max + 1);
        doc_map_put(item, "id", doc_new_scalar(id, DOC_PLAIN));
    }
    doc_seq_push(seq, item);
    A.dirty = true;
    A.findings_stale = true;
    open_item(f, lpath, seq->len - 1);
    /* Start on the first field that is not the id. */
    struct frame *fr = top();
    for (size_t i = 0; i < fr->nfields; i++)
        if (fr->fields[i].widget != FW_ID && field_visible(&fr->fields[i])) {
            focus_field(i);
            break;
        }
}

static void act_remove(const struct forms_field *f, const char *lpath)
{
    if (A.readonly) {
        say_readonly();
        return;
    }
    struct frame *fr = top();
    struct doc_node *seq = doc_get(A.root, lpath);
    if (!seq || seq->kind != DOC_SEQ || fr->sel >= seq->len)
        return;
    const struct doc_node *it = seq->u.items[fr->sel];
    const char *id = item_id(it);
    char *q = xasprintf(_("Remove %s %s?"), id ? id : "", item_title(it, f->item_title));
    const char *btn[] = {_("Remove"), _("Keep")};
    int r = ask(_("Remove"), q, btn, 2, 1);
    free(q);
    if (r != 0)
        return;
    doc_free(doc_seq_take(seq, fr->sel));
    if (fr->sel > 0 && fr->sel >= seq->len)
        fr->sel--;
    A.dirty = true;
    A.findings_stale = true;
    set_msg(THEME_NORMAL, _("Removed."));
}

/* ------------------------------------------------------------------ */
/* Widget key handlers                                                    */
/* ------------------------------------------------------------------ */

static int handle_text(const struct forms_field *f, struct term_key k)
{
    bool ml = A.ed.ml;
    struct lineedit *le = &A.ed.le;
    struct textarea *ta = &A.ed.ta;
    const int done = R_HANDLED | R_REDRAW;
    (void)f;
    if (k.fn) {
        switch (k.code) {
        case KEY_LEFT: ml ? textarea_left(ta) : lineedit_left(le); return done;
        case KEY_RIGHT: ml ? textarea_right(ta) : lineedit_right(le); return done;
        case KEY_HOME: ml ? textarea_home(ta) : lineedit_home(le); return done;
        case KEY_END: ml ? textarea_end(ta) : lineedit_end(le); return done;
        case KEY_BACKSPACE: ml ? textarea_backspace(ta) : lineedit_backspace(le); return done;
        case KEY_DC: ml ? textarea_delete(ta) : lineedit_delete(le); return done;
        case KEY_UP: return ml && textarea_up(ta) ? done : 0;
        case KEY_DOWN: return ml && textarea_down(ta) ? done : 0;
        case KEY_ENTER: break;
        default: return 0;
        }
    }
    if ((!k.fn && (k.code == '\r' || k.code == '\n')) || (k.fn && k.code == KEY_ENTER)) {
        if (ml) {
            textarea_newline(ta);
            return done;
        }
        return R_HANDLED | R_NEXT;
    }
    if (k.fn)
        return 0;
    /* Esc never throws away what was typed: it leaves the item (the
     * loop's cancel action), keeping the text. */
    if (!ml) {
        switch (k.code) {
        case 'a' & 0x1f: lineedit_home(le); return done;
        case 'k' & 0x1f: lineedit_kill_end(le); return done;
        case 'u' & 0x1f: lineedit_kill_start(le); return done;
        case 'w' & 0x1f: lineedit_kill_word_back(le); return done;
        case 'y' & 0x1f: lineedit_yank(le); return done;
        default: break;
        }
    }
    if (k.code >= ' ' && k.code != 0x7f) {
        if (ml)
            textarea_insert(ta, (uint32_t)k.code);
        else
            lineedit_insert(le, (uint32_t)k.code);
        return done;
    }
    return 0;
}

static int handle_choice(const struct forms_field *f, const char *path, struct term_key k)
{
    if (f->nchoices == 0)
        return 0;
    int dir = 0;
    if (k.fn && k.code == KEY_RIGHT)
        dir = 1;
    else if (k.fn && k.code == KEY_LEFT)
        dir = -1;
    else if (!k.fn && k.code == ' ')
        dir = 1;
    else if (!k.fn && (k.code == '\r' || k.code == '\n'))
        return R_HANDLED | R_NEXT;
    if (!dir)
        return 0;
    const char *v = doc_get_str(A.root, path);
    int cur = -1;
    for (size_t i = 0; i < f->nchoices; i++)
        if (v && strcmp(f->choices[i].value, v) == 0)
            cur = (int)i;
    int n = (int)f->nchoices;
    int next = cur < 0 ? (dir > 0 ? 0 : n - 1) : (cur + dir + n) % n;
    tree_put_plain(path, f->choices[next].value);
    return R_HANDLED | R_REDRAW;
}

static int handle_bool(const char *path, struct term_key k)
{
    if ((k.fn && (k.code == KEY_LEFT || k.code == KEY_RIGHT)) || (!k.fn && k.code == ' ')) {
        const char *v = doc_get_str(A.root, path);
        tree_put_plain(path, v && strcmp(v, "true") == 0 ? "false" : "true");
        return R_HANDLED | R_REDRAW;
    }
    if (!k.fn && (k.code == '\r' || k.code == '\n'))
        return R_HANDLED | R_NEXT;
    return 0;
}

/* Days and reflist: a row of boxes with a cursor (frame sel). */
static int handle_ticks(const struct forms_field *f, const char *path, struct term_key k)
{
    struct frame *fr = top();
    const struct doc_node *list = f->widget == FW_REFLIST ? ref_list(f) : NULL;
    size_t n = f->widget == FW_DAYS ? 7 : list ? list->len : 0;
    if (n == 0)
        return 0;
    if (fr->sel >= n)
        fr->sel = n - 1;
    if (k.fn && k.code == KEY_RIGHT) {
        if (fr->sel + 1 < n)
            fr->sel++;
        return R_HANDLED | R_REDRAW;
    }
    if (k.fn && k.code == KEY_LEFT) {
        if (fr->sel > 0)
            fr->sel--;
        return R_HANDLED | R_REDRAW;
    }
    if (!k.fn && (k.code == '\r' || k.code == '\n'))
        return R_HANDLED | R_NEXT;
    if (!(!k.fn && (k.code == ' ' || k.code == 'x')))
        return 0;
    /* Toggle, keeping the canonical order (week order / list order). */
    const struct doc_node *cur = doc_get(A.root, path);
    struct doc_node *seq = doc_new_seq();
    seq->style = DOC_FLOW;
    for (size_t i = 0; i < n; i++) {
        const char *v = f->widget == FW_DAYS ? weekdays[i] : item_id(list->u.items[i]);
        if (!v)
            continue;
        bool on = seq_has(cur, v);
        if (i == fr->sel)
            on = !on;
        if (on)
            doc_seq_push(seq, doc_new_scalar(v, DOC_PLAIN));
    }
    /* Ids in the answer that the list no longer has are kept. */
    if (f->widget == FW_REFLIST && cur && cur->kind == DOC_SEQ)
        for (size_t i = 0; i < cur->len; i++) {
            const char *v = cur->u.items[i]->kind == DOC_SCALAR ? cur->u.items[i]->u.str : NULL;
            bool known = false;
            for (size_t j = 0; v && j < n && !known; j++) {
                const char *id = item_id(list->u.items[j]);
                known = id && strcmp(id, v) == 0;
            }
            if (v && !known)
                doc_seq_push(seq, doc_new_scalar(v, DOC_PLAIN));
        }
    if (seq->len == 0 && !cur) {
        doc_free(seq);
        return R_HANDLED | R_REDRAW;
    }
    tree_put(path, seq);
    return R_HANDLED | R_REDRAW;
}

static int handle_ref(const struct forms_field *f, const char *path, struct term_key k)
{
    const struct doc_node *list = ref_list(f);
    int dir = 0;
    if (k.fn && k.code == KEY_RIGHT)
        dir = 1;
    else if (k.fn && k.code == KEY_LEFT)
        dir = -1;
    else if (!k.fn && k.code == ' ')
        dir = 1;
    else if (!k.fn && (k.code == '\r' || k.code == '\n'))
        return R_HANDLED | R_NEXT;
    if (!dir || !list || list->len == 0)
        return dir ? R_HANDLED : 0;
    const char *v = doc_get_str(A.root, path);
    long cur = -1, n = (long)list->len;
    for (long i = 0; v && i < n && cur < 0; i++) {
        const char *id = item_id(list->u.items[i]);
        if (id && strcmp(id, v) == 0)
            cur = i;
    }
    long next = cur < 0 ? (dir > 0 ? 0 : n - 1) : (cur + dir + n) % n;
    const char *id = item_id(list->u.items[next]);
    if (id)
        tree_put_plain(path, id);
    return R_HANDLED | R_REDRAW;
}

static int handle_list(const struct forms_field *f, const char *path, struct term_key k)
{
    struct frame *fr = top();
    size_t n = doc_count(A.root, path);
    if (k.fn && k.code == KEY_DOWN) {
        if (fr->sel + 1 < n) {
            fr->sel++;
            return R_HANDLED | R_REDRAW;
        }
        return 0;
    }
    if (k.fn && k.code == KEY_UP) {
        if (fr->sel > 0 && n > 0) {
            fr->sel--;
            return R_HANDLED | R_REDRAW;
        }
        return 0;
    }
    if (k.fn && k.code == KEY_HOME) {
        fr->sel = 0;
        return R_HANDLED | R_REDRAW;
    }
    if (k.fn && k.code == KEY_END) {
        fr->sel = n ? n - 1 : 0;
        return R_HANDLED | R_REDRAW;
    }
    if ((!k.fn && (k.code == '\r' || k.code == '\n')) || (k.fn && k.code == KEY_ENTER)) {
        if (n == 0)
            act_add(f, path);
        else
            open_item(f, path, fr->sel < n ? fr->sel : 0);
        return R_HANDLED | R_REDRAW;
    }
    return 0;
}

static void act_move(const char *path, int dir)
{
    if (A.readonly) {
        say_readonly();
        return;
    }
    struct frame *fr = top();
    struct doc_node *seq = doc_get(A.root, path);
    if (!seq || seq->kind != DOC_SEQ || fr->sel >= seq->len)
        return;
    if ((dir < 0 && fr->sel == 0) || (dir > 0 && fr->sel + 1 >= seq->len))
        return;
    size_t to = dir < 0 ? fr->sel - 1 : fr->sel + 1;
    doc_seq_move(seq, fr->sel, to);
    fr->sel = to;
    A.dirty = true;
    A.findings_stale = true;
}

/* ---- the review step's keys ---- */

static size_t review_groups(size_t *map, size_t cap)
{
    size_t g = 0;
    for (size_t i = 0; i < A.forms.nsteps; i++)
        if (step_visible(i) && !is_review(&A.forms.steps[i])) {
            if (g < cap)
                map[g] = i;
            g++;
        }
    return g;
}

static int handle_review(struct term_key k)
{
    size_t map[64];
    size_t n = review_groups(map, 64);
    if (k.fn && k.code == KEY_DOWN) {
        if (A.review_sel + 1 < n)
            A.review_sel++;
        return R_HANDLED | R_REDRAW;
    }
    if (k.fn && k.code == KEY_UP) {
        if (A.review_sel > 0)
            A.review_sel--;
        return R_HANDLED | R_REDRAW;
    }
    if (!k.fn && (k.code == '\t'))
        return handle_review((struct term_key){true, KEY_DOWN});
    if (k.fn && k.code == KEY_BTAB)
        return handle_review((struct term_key){true, KEY_UP});
    if (((!k.fn && (k.code == '\r' || k.code == '\n' || k.code == 'e')) || (k.fn && k.code == KEY_ENTER)) &&
        A.review_sel < n && A.review_sel < 64) {
        size_t sel = A.review_sel;
        if (A.passed)
            A.passed[map[sel]] = true; /* its findings were seen here */
        goto_step(map[sel]);
        A.from_review = true;
        A.review_sel = sel;
        set_msg(THEME_HINT, _("PgDn or F5 goes back to the review."));
        return R_HANDLED | R_REDRAW;
    }
    return 0;
}

static void act_review(void)
{
    size_t back = 0;
    if (A.from_review) {
        /* Come back to the group we left from. */
        size_t map[64];
        size_t n = review_groups(map, 64);
        for (size_t g = 0; g < n && g < 64; g++)
            if (map[g] == A.step)
                back = g;
    }
    A.from_review = false;
    goto_step(review_index());
    A.review_sel = back;
}

/* ------------------------------------------------------------------ */
/* The loop                                                              */
/* ------------------------------------------------------------------ */

static void click(int y, int x)
{
    if (too_small() || x >= STEPLIST_W || y < 1 || y >= LINES - 2)
        return;
    int row = 1;
    for (size_t i = 0; i < A.forms.nsteps; i++) {
        if (!step_visible(i))
            continue;
        if (row == y) {
            A.from_review = false;
            goto_step(i);
            return;
        }
        row++;
    }
}

/* Would key k change the focused field f (read-only mode refuses it)? */
static bool changes_field(const struct forms_field *f, struct term_key k)
{
    enum action a = actions_lookup(k, f->widget == FW_LIST ? ACTIONS_LIST
                                      : is_text_widget(f->widget) ? ACTIONS_TEXT : ACTIONS_OTHER);
    if (a == ACT_ADD || a == ACT_REMOVE || a == ACT_MOVE_UP || a == ACT_MOVE_DOWN || a == ACT_EDITOR ||
        a == ACT_SPELL)
        return true;
    if (f->widget == FW_LIST)
        return false;
    if (is_text_widget(f->widget)) {
        if (k.fn)
            return k.code == KEY_BACKSPACE || k.code == KEY_DC ||
                   (is_multiline(f->widget) && k.code == KEY_ENTER);
        if (k.code == '\r' || k.code == '\n')
            return is_multiline(f->widget);
        return (k.code >= ' ' && k.code != 0x7f) || k.code == ('k' & 0x1f) || k.code == ('u' & 0x1f) ||
               k.code == ('w' & 0x1f) || k.code == ('y' & 0x1f);
    }
    /* choices, ticks, pickers: Space and Left/Right change them */
    if (k.fn)
        return k.code == KEY_LEFT || k.code == KEY_RIGHT;
    return k.code == ' ';
}

static void handle_key(struct term_key k)
{
    if (k.fn && k.code == KEY_RESIZE)
        return; /* the next draw lays out again from LINES and COLS */
    if (k.fn && k.code == KEY_MOUSE) {
        int y, x;
        if (term_mouse(&y, &x))
            click(y, x);
        return;
    }
    A.msg[0] = 0;
    if (too_small()) {
        if (actions_lookup(k, ACTIONS_GLOBAL) == ACT_QUIT)
            act_quit();
        return;
    }
    const struct forms_field *f = is_review(cur_step()) ? NULL : focused_field();
    char path[PATHMAX] = "";
    unsigned ctx = ACTIONS_GLOBAL;
    int r = 0;
    if (A.readonly && f && changes_field(f, k)) {
        say_readonly();
        return;
    }
    if (f) {
        full_path(path, sizeof path, top(), f);
        if (f->widget == FW_LIST) {
            ctx |= ACTIONS_LIST;
            r = handle_list(f, path, k);
        } else if (is_text_widget(f->widget)) {
            ctx |= ACTIONS_TEXT;
            if (!A.editing)
                begin_edit();
            r = handle_text(f, k);
        } else {
            ctx |= ACTIONS_OTHER;
            switch (f->widget) {
            case FW_CHOICE: r = handle_choice(f, path, k); break;
            case FW_BOOL: r = handle_bool(path, k); break;
            case FW_DAYS:
            case FW_REFLIST: r = handle_ticks(f, path, k); break;
            case FW_REF: r = handle_ref(f, path, k); break;
            default: break;
            }
        }
    } else if (is_review(cur_step())) {
        r = handle_review(k);
    }
    if (r & R_NEXT) {
        focus_step_first(1);
        return;
    }
    if (r & R_HANDLED)
        return;
    switch (actions_lookup(k, ctx)) {
    case ACT_HELP: act_help(); break;
    case ACT_SAVE: do_save(); break;
    case ACT_EDITOR:
        if (A.readonly)
            say_readonly();
        else
            act_editor();
        break;
    case ACT_REVIEW: act_review(); break;
    case ACT_SUMMARY: act_summary(); break;
    case ACT_SPELL:
        if (A.readonly)
            say_readonly();
        else
            act_spell();
        break;
    case ACT_ADD:
        if (f && f->widget == FW_LIST)
            act_add(f, path);
        break;
    case ACT_REMOVE:
        if (f && f->widget == FW_LIST)
            act_remove(f, path);
        break;
    case ACT_QUIT: act_quit(); break;
    case ACT_EVALUATE: act_evaluate(); break;
    case ACT_NEXT_FIELD: focus_step_first(1); break;
    case ACT_PREV_FIELD: focus_step_first(-1); break;
    case ACT_NEXT_STEP:
        if (A.depth > 1) {
            /* Inside an item: the next item. */
            struct frame *fr = top();
            if (fr->item + 1 < doc_count(A.root, fr->list_path)) {
                const struct forms_field *lf = fr->list;
                char lp[PATHMAX];
                snprintf(lp, sizeof lp, "%s", fr->list_path);
                size_t item = fr->item + 1;
                close_item();
                open_item(lf, lp, item);
            }
        } else {
            step_move(1);
        }
        break;
    case ACT_PREV_STEP:
        if (A.depth > 1) {
            struct frame *fr = top();
            if (fr->item > 0) {
                const struct forms_field *lf = fr->list;
                char lp[PATHMAX];
                snprintf(lp, sizeof lp, "%s", fr->list_path);
                size_t item = fr->item - 1;
                close_item();
                open_item(lf, lp, item);
            }
        } else {
            step_move(-1);
        }
        break;
    case ACT_MOVE_UP: act_move(path, -1); break;
    case ACT_MOVE_DOWN: act_move(path, 1); break;
    case ACT_CONFIRM: focus_step_first(1); break;
    case ACT_CANCEL:
        if (A.depth > 1)
            close_item();
        else if (A.from_review)
            act_review();
        break;
    default: break;
    }
}

/* Another pacta holds the file: say who and since when; read-only, open
 * anyway, or quit. */
static void ask_lock(void)
{
    if (A.lock_state < 0 && A.lock_err[0]) {
        set_msg(THEME_WARNING, "%s", A.lock_err);
        return;
    }
    if (A.lock_state != 1)
        return;
    char since[64] = "?";
    if (A.holder.time > 0) {
        time_t t = (time_t)A.holder.time;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(since, sizeof since, "%Y-%m-%d %H:%M", &tm);
    }
    char *q = xasprintf(_("%s is being edited by %s on %s (process %ld) since %s. Open it read-only, "
                          "or open it anyway (the last one to save wins)?"),
                        A.path, A.holder.user[0] ? A.holder.user : "?", A.holder.host[0] ? A.holder.host : "?",
                        A.holder.pid, since);
    const char *btn[] = {_("Read-only"), _("Open anyway"), _("Quit")};
    int r = ask(_("Already open"), q, btn, 3, 0);
    free(q);
    if (r == 0) {
        A.readonly = true;
        set_msg(THEME_WARNING, _("Open read-only."));
    } else if (r == 1) {
        set_msg(THEME_WARNING, _("Opened although another pacta is editing it."));
    } else {
        A.quit = true;
    }
}

/* Finish and close the speller, the language forgotten too. */
static void spell_end(void)
{
    spell_drop();
    A.spell_tried = false;
    free(A.spell_lang);
    A.spell_lang = NULL;
}

static int run(void)
{
    struct err e;
    err_clear(&e);
    if (forms_load(&A.forms, &e) != 0 || A.forms.nsteps == 0) {
        char m[2200];
        err_format(&e, m, sizeof m);
        fprintf(stderr, _("pacta: cannot read the wizard's steps: %s\n"), m);
        spell_end();
        return 70;
    }
    if (term_start() != 0) {
        forms_free(&A.forms);
        spell_end();
        return 64;
    }
    theme_init();
    A.passed = xcalloc(A.forms.nsteps, sizeof *A.passed);
    A.findings_stale = true;
    A.depth = 1;
    goto_step(0);
    eof_seen = false;
    ask_lock();
    if (!A.quit && !A.readonly && !A.no_offer)
        offer_recovery();
    const char *delay = getenv("PACTA_RECOVER_DELAY_MS");
    int idle_ms = delay && *delay ? atoi(delay) : 3000;
    term_idle_timeout(idle_ms);
    int status = 0;
    while (!A.quit) {
        erase();
        draw_all();
        if (term_headless()) {
            /* The script has no time in it: the dictionary is loaded
             * where it always was, after the first screen is drawn (which
             * is drawn again with it) and before each later frame's key. */
            spell_load(); /* again only when metadata.language changed */
            if (!A.spell_shown) {
                A.spell_shown = true;
                erase();
                draw_all();
            }
        }
        shift_field();
        if (!term_headless()) {
            /* The dictionary loads on a worker thread (spell_request),
             * started once the first screen is out: started before it,
             * the thread's work (mapping hunspell and the C++ runtime,
             * allocating megabytes) made the first screen 40% slower, at
             * any priority (bench/ptybench.py first, a 10-item agreement:
             * 10.4 -> 14.7 ms) and the marks no sooner. */
            if (!A.spell_tried)
                refresh();
            spell_request(); /* again only when metadata.language changed */
        }
        /* While the dictionary loads, the loop also wakes up when it is
         * ready, to draw the marks; keys come first and are answered at
         * once, without waiting for it. */
        struct term_key k = A.spell_ld ? term_key_wake(spell_load_fd(A.spell_ld)) : term_key();
        if (k.fn && k.code == TERM_WAKE) {
            spell_take();
            continue;
        }
        if (k.fn && k.code == TERM_IDLE) {
            /* A few seconds without a key: keep what was typed. */
            if (A.recover_pending)
                save_recovery();
            continue;
        }
        if (k.fn && k.code == TERM_INTR) {
            save_recovery();
            status = 130;
            break;
        }
        if (k.fn && k.code == TERM_EOF)
            break;
        handle_key(k);
        A.recover_pending = true;
        if (eof_seen)
            break;
    }
    if (term_interrupted() && status != 130) {
        /* The signal came while a dialog was open. */
        save_recovery();
        status = 130;
    }
    commit_edit();
    int failures = term_failures();
    term_stop();
    if (failures)
        fprintf(stderr, "pacta: %d UI script assertion(s) failed\n", failures);
    forms_free(&A.forms);
    findings_free(&A.findings);
    ed_free(&A.ed);
    if (status == 130 && A.spell_ld) {
        /* A fatal signal: the recovery file is written and the process is
         * ending; a dictionary still loading is not waited for (it took a
         * second under ASan before the lock was let go), the thread dies
         * with the process.  A normal quit joins it in spell_end. */
        spell_load_abandon(A.spell_ld);
        A.spell_ld = NULL;
    }
    spell_end();
    A.spell_shown = false;
    free(A.recover_path);
    A.recover_path = NULL;
    for (size_t i = 0; i < A.nvisited; i++)
        free(A.visited[i]);
    free(A.visited);
    A.visited = NULL;
    A.nvisited = A.visited_cap = 0;
    free(A.passed);
    A.passed = NULL;
    return failures ? 1 : status;
}

static void screen_lang(const char *forced)
{
    if (forced && *forced)
        snprintf(A.lang, sizeof A.lang, "%s", forced);
    else
        l10n_screen_lang(A.lang, sizeof A.lang);
}

int app_edit(struct doc_node *root, const char *path_or_NULL)
{
    memset(&A, 0, sizeof A);
    A.root = root;
    A.path = path_or_NULL ? xstrdup(path_or_NULL) : NULL;
    A.ask_overwrite = true;
    A.dirty = true;
    A.dict = getenv("PACTA_DICT");
    A.lock.fd = -1;
    A.no_offer = true;
    A.quiet = true;
    screen_lang(getenv("PACTA_SCREEN_LANG"));
    int rc = run();
    fileio_unlock(&A.lock);
    free(A.path);
    A.path = NULL;
    return rc;
}

static struct doc_node *new_agreement(const char *lang)
{
    char date[32];
    struct doc_node *r = doc_new_map();
    doc_map_put(r, "apiVersion", doc_new_scalar("pacta/v1", DOC_PLAIN));
    doc_map_put(r, "kind", doc_new_scalar("ServiceLevelAgreement", DOC_PLAIN));
    struct doc_node *m = doc_map_put(r, "metadata", doc_new_map());
    doc_map_put(m, "language", doc_new_scalar(lang, DOC_PLAIN));
    doc_map_put(m, "status", doc_new_scalar("draft", DOC_PLAIN));
    doc_map_put(m, "version", doc_new_scalar("0", DOC_PLAIN));
    doc_map_put(m, "created", doc_new_scalar(today(date, sizeof date), DOC_PLAIN));
    struct doc_node *a = doc_map_put(r, "agreement", doc_new_map());
    doc_map_put(a, "type", doc_new_scalar("basic", DOC_PLAIN));
    doc_map_put(a, "scope", doc_new_scalar("external", DOC_PLAIN));
    return r;
}

static void usage(FILE *to)
{
    fprintf(to, _("Usage: pacta [--lang es|en] [--dict NAME] [FILE]\n"
                  "Draft or edit a Service Level Agreement in the wizard.\n"));
}

int app_main(int argc, char **argv)
{
    const char *lang = NULL, *file = NULL, *dict = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc) {
            dict = argv[++i];
        } else if (strncmp(argv[i], "--dict=", 7) == 0) {
            dict = argv[i] + 7;
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            lang = argv[++i];
        } else if (strncmp(argv[i], "--lang=", 7) == 0) {
            lang = argv[i] + 7;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
            fprintf(stderr, _("pacta: unknown option %s\n"), argv[i]);
            usage(stderr);
            return 64;
        } else if (!file) {
            file = strcmp(argv[i], "--") == 0 && i + 1 < argc ? argv[++i] : argv[i];
        } else {
            usage(stderr);
            return 64;
        }
    }
    if (lang) {
        if (strcmp(lang, "es") != 0 && strcmp(lang, "en") != 0) {
            fprintf(stderr, _("pacta: unknown language %s (es or en)\n"), lang);
            return 64;
        }
        setenv("LANGUAGE", lang, 1);
    }
    memset(&A, 0, sizeof A);
    A.dict = dict ? dict : getenv("PACTA_DICT");
    screen_lang(lang);
    struct err e;
    err_clear(&e);
    struct doc_node *root = NULL;
    if (file && file_exists(file)) {
        struct sla_yaml_info info = {0};
        if (sla_yaml_load_file(file, NULL, &root, &info, &e) != 0) {
            char m[2200];
            err_format(&e, m, sizeof m);
            fprintf(stderr, "pacta: %s\n", m);
            return 65;
        }
        if (root->kind != DOC_MAP) {
            fprintf(stderr, _("pacta: %s: not an agreement (the top is not a map)\n"), file);
            doc_free(root);
            return 65;
        }
        fileio_stamp(file, &A.stamp);
        if (info.has_comments)
            set_msg(THEME_WARNING, _("This file has comments; saving will drop them (use notes: fields)."));
    } else {
        root = new_agreement(lang ? lang : strncmp(A.lang, "es", 2) == 0 ? "es" : "en");
        A.quiet = true;
    }
    A.root = root;
    A.path = file ? xstrdup(file) : NULL;
    A.ask_overwrite = false;
    A.dirty = false;
    A.lock.fd = -1;
    if (file) {
        struct err le;
        err_clear(&le);
        A.lock_state = fileio_lock(file, &A.lock, &A.holder, &le);
        if (A.lock_state < 0)
            err_format(&le, A.lock_err, sizeof A.lock_err);
    }
    if (file && !file_exists(file))
        A.stamp.valid = 0;
    int rc = run();
    fileio_unlock(&A.lock);
    free(A.path);
    A.path = NULL;
    doc_free(A.root); /* root, or the recovered tree that replaced it */
    A.root = NULL;
    return rc;
}
