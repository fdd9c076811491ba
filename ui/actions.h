/* actions.h - the one table of actions: name, keys, context, label.
 *
 * Every action has a function key (or a plain key) and a control-key
 * alternative for terminals without F-keys.  The key bar and the F1 help
 * are built from this table, so a key shown is a key that works. */
#ifndef PACTA_UI_ACTIONS_H
#define PACTA_UI_ACTIONS_H

#include <stdbool.h>

#include "ui/term.h"

enum action {
    ACT_NONE,
    ACT_HELP,
    ACT_SAVE,
    ACT_EDITOR,
    ACT_REVIEW,
    ACT_SUMMARY,
    ACT_SPELL,
    ACT_ADD,
    ACT_REMOVE,
    ACT_QUIT,
    ACT_NEXT_FIELD,
    ACT_PREV_FIELD,
    ACT_NEXT_STEP,
    ACT_PREV_STEP,
    ACT_MOVE_UP,
    ACT_MOVE_DOWN,
    ACT_CONFIRM,
    ACT_CANCEL,
    ACT_PRINT,   /* summary preview: print */
    ACT_EXPORT,  /* summary preview: save as */
    ACT_BACK,    /* summary preview: back to the form */
    ACT_EVALUATE, /* the evaluation screen: measurements and scorecard */
    ACT_COUNT
};

/* Where an action applies.  A key is looked up in the focused context. */
enum {
    ACTIONS_GLOBAL = 1 << 0, /* anywhere in the wizard */
    ACTIONS_TEXT = 1 << 1,   /* a text field has the focus */
    ACTIONS_LIST = 1 << 2,   /* a list of items has the focus */
    ACTIONS_OTHER = 1 << 3,  /* a choice, bool, days or picker has the focus */
    ACTIONS_PREVIEW = 1 << 4, /* the summary preview (F6) */
    ACTIONS_EVAL = 1 << 5,    /* the evaluation screen (F11), any row */
    ACTIONS_EVAL_ITEM = 1 << 6,  /* ... on one outage or ticket */
    ACTIONS_EVAL_OTHER = 1 << 7, /* ... on any other row */
};

struct actions_def {
    enum action action;
    const char *name;  /* stable name, for tests and docs */
    const char *keys;  /* how the keys are written in the bar and help */
    const char *label; /* msgid */
    unsigned context;  /* ACTIONS_* where it applies */
    bool in_bar;       /* shown in the key bar */
};

extern const struct actions_def actions_table[];
extern const unsigned actions_count;

/* The action a key means in context ctx (ACTIONS_* of the focus), or
 * ACT_NONE when the key is for the widget. */
enum action actions_lookup(struct term_key k, unsigned ctx);
const struct actions_def *actions_get(enum action a);

#endif
