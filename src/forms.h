/* forms.h - the wizard's steps, read from the YAML files in forms/.
 *
 * Each wizard step is one YAML file in forms/ (data, not code): its title,
 * help, which agreement types it applies to, and its fields, each bound to a
 * model path (src/doc.h) with a widget kind, label, hint and help.  The files
 * are read at build time by forms/formsgen (with forms_load_dir, the loader
 * below, through libyaml) and compiled into C data (src/forms_data.c,
 * generated), so pacta runs from the build tree and after `make install`
 * alike, and forms_load parses nothing at run time.  The same data gives the
 * client-meeting checklist its questions.
 *
 * Strings here are msgids (English); translate with _() when showing them,
 * or i18n_lang() for an output in the agreement's language. */
#ifndef PACTA_FORMS_H
#define PACTA_FORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "src/doc.h"
#include "src/err.h"

/* Agreement types and scopes, as a bit set: where a step or field applies. */
enum {
    FORMS_BASIC = 1 << 0,
    FORMS_BINDING = 1 << 1,
    FORMS_TWO_WAY = 1 << 2,
    FORMS_ALL_TYPES = FORMS_BASIC | FORMS_BINDING | FORMS_TWO_WAY,
    FORMS_EXTERNAL = 1 << 3,
    FORMS_INTERNAL = 1 << 4,
    FORMS_ALL_SCOPES = FORMS_EXTERNAL | FORMS_INTERNAL,
    FORMS_ALL = FORMS_ALL_TYPES | FORMS_ALL_SCOPES,
};

enum forms_widget {
    FW_TEXT,      /* one line of free text */
    FW_MULTILINE, /* free text over several lines (literal block) */
    FW_CHOICE,    /* one of choices[] */
    FW_DATE,      /* YYYY-MM-DD */
    FW_TIME,      /* HH:MM */
    FW_DURATION,  /* 30m 4h 2d 1w 1M 1Q 1Y */
    FW_PERCENT,   /* number in [0, 100] */
    FW_NUMBER,    /* integer or decimal */
    FW_MONEY,     /* decimal string "450.00" */
    FW_BOOL,      /* true / false */
    FW_ID,        /* a short slug unique in its list */
    FW_TEXTLIST,  /* a sequence of free-text lines (deliverables, route) */
    FW_DATELIST,  /* a sequence of dates (holidays) */
    FW_DAYS,      /* a set of weekdays [mon, tue, ...] */
    FW_REF,       /* the id of an item of another list (ref) */
    FW_REFLIST,   /* several ids of another list (ref) */
    FW_LIST,      /* a list of items, each edited on its own sub-form (fields) */
};

/* Every pointer is const: the built-in steps are static const data
 * (src/forms_data.c); a loader that allocates them owns them through
 * struct forms (forms_free). */
struct forms_choice {
    const char *value; /* what is stored */
    const char *label; /* what is shown (msgid) */
};

struct forms_field {
    const char *path;     /* relative to the step (the agreement root) or to a list item */
    enum forms_widget widget;
    const char *label;    /* msgid */
    const char *question; /* the checklist asks this (msgid), may be NULL: then "label?" */
    const char *hint;     /* one line shown under the focused field (msgid), may be NULL */
    const char *help;     /* F1 text (msgid), may be NULL */
    unsigned applies; /* FORMS_* set: the types and scopes that ask this field */
    bool required;    /* shown with a mark; validation has the final word */
    const struct forms_choice *choices;
    size_t nchoices;
    const char *ref;        /* FW_REF / FW_REFLIST: path of the list whose ids are offered */
    const char *item_title; /* FW_LIST: the item field shown as the row's title */
    const char *id_prefix;  /* FW_LIST: new items get id_prefix + next number ("N" -> N3) */
    const struct forms_field *fields; /* FW_LIST: the sub-form of one item */
    size_t nfields;
    unsigned required_in; /* FORMS_* set where required (required: [binding,
                             two_way]); FORMS_ALL for required: true, 0 when
                             not required.  See forms_field_required. */
};

struct forms_step {
    const char *id;          /* "parties", "needs", ... */
    int number;              /* 1..10 */
    const char *title;       /* "Type and parties" (msgid) */
    const char *short_title; /* for the step list (msgid) */
    const char *help;        /* F1 for the step (msgid) */
    unsigned applies;        /* FORMS_* set */
    const struct forms_field *fields;
    size_t nfields;
};

struct forms {
    const struct forms_step *steps;
    size_t nsteps;
    bool builtin; /* steps are the static data of forms_load: not freed */
};

/* The built-in steps, compiled from forms/ at build time: no parsing, no
 * allocation (f->builtin; forms_free leaves the data alone).  Returns 0; the
 * err is kept for the callers, which were written when this could fail. */
int forms_load(struct forms *f, struct err *e);
/* Load step files from a folder instead (tests, translators' previews). */
int forms_load_dir(struct forms *f, const char *dir, struct err *e);
/* Load one step file and append it to f (which starts zeroed); numbering is
 * not checked.  On error f keeps what was loaded; forms_free it. */
int forms_load_file(struct forms *f, const char *path, struct err *e);
void forms_free(struct forms *f);
/* Load one step from a buffer and append it to f, like forms_load_file. */
int forms_load_buffer(struct forms *f, const char *name, const char *data, size_t len, struct err *e);

/* The FORMS_* set of an agreement: its agreement.type and agreement.scope
 * (missing type counts as basic, missing scope as external). */
unsigned forms_applies_to(const struct doc_node *agreement);
/* Does a step or field with `applies` apply to an agreement with set `a`? */
bool forms_applies(unsigned applies, unsigned a);
/* Is the field required for an agreement with set `a`? */
bool forms_field_required(const struct forms_field *fl, unsigned a);
/* The name of a widget as written in the step files ("text", "list"). */
const char *forms_widget_name(enum forms_widget w);

/* The built-in starting point for a new agreement: type "basic", "binding"
 * or "two_way", internal or not, language "es" or "en".  Returns a new tree
 * (caller frees) with sensible, realistic defaults, or NULL with e set. */
struct doc_node *forms_starting_point(const char *type, bool internal, const char *lang, struct err *e);

/* Generated by forms/formsgen into src/forms_data.c: the steps of forms/
 * as data (forms_load), and the starting points forms/start-*.yaml as text
 * (forms_starting_point loads them as agreements). */
extern const struct forms_step forms_builtin_steps[];
extern const size_t forms_builtin_nsteps;
struct forms_blob {
    const char *name;
    const char *data;
    size_t len;
};
extern const struct forms_blob forms_blobs[];
extern const size_t forms_nblobs;

#endif
