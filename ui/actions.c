/* actions.c - the action table. */
#include "config.h"

#include <curses.h>

#include "src/i18n.h"
#include "ui/actions.h"

#define CTRL(c) ((c) & 0x1f)
#define ANY (ACTIONS_TEXT | ACTIONS_LIST | ACTIONS_OTHER | ACTIONS_GLOBAL)
#define NOTEXT (ACTIONS_LIST | ACTIONS_OTHER | ACTIONS_GLOBAL)

const struct actions_def actions_table[] = {
    {ACT_HELP, "help", "F1 ?", N_("Help"), ANY, true},
    {ACT_SAVE, "save", "F2 ^S", N_("Save"), ANY, true},
    {ACT_EDITOR, "editor", "F4 ^E", N_("Editor"), ACTIONS_TEXT, true},
    {ACT_REVIEW, "review", "F5 ^R", N_("Review"), ANY, true},
    {ACT_SUMMARY, "summary", "F6 ^O", N_("Summary"), ANY, true},
    {ACT_SPELL, "spell", "F7 ^G", N_("Spelling"), ANY, true},
    {ACT_ADD, "add", "F9 Ins ^T", N_("Add"), ACTIONS_LIST, true},
    {ACT_REMOVE, "remove", "F8 Del ^X", N_("Remove"), ACTIONS_LIST, true},
    {ACT_QUIT, "quit", "F10 ^Q", N_("Quit"), ANY, true},
    {ACT_EVALUATE, "evaluate", "F11 ^B", N_("Evaluation"), ANY, true},
    {ACT_NEXT_FIELD, "next-field", "Tab Down", N_("Next field"), ANY, false},
    {ACT_PREV_FIELD, "prev-field", "S-Tab Up", N_("Previous field"), ANY, false},
    {ACT_NEXT_STEP, "next-step", "PgDn ^N", N_("Next step"), ANY, false},
    {ACT_PREV_STEP, "prev-step", "PgUp ^P", N_("Previous step"), ANY, false},
    {ACT_MOVE_UP, "move-up", "S-Up <", N_("Move item up"), ACTIONS_LIST, false},
    {ACT_MOVE_DOWN, "move-down", "S-Down >", N_("Move item down"), ACTIONS_LIST, false},
    {ACT_CONFIRM, "confirm", "Enter", N_("Confirm, open the item, or add a line"), ANY, false},
    {ACT_CANCEL, "cancel", "Esc", N_("Cancel a dialog; leave an item (keeping what was typed)"), ANY, false},
    {ACT_PRINT, "print", "F3 ^P", N_("Print"), ACTIONS_PREVIEW, true},
    {ACT_EXPORT, "save-as", "F2 ^S", N_("Save as"), ACTIONS_PREVIEW, true},
    {ACT_BACK, "back", "Esc F6", N_("Back"), ACTIONS_PREVIEW, true},
    /* The evaluation screen's own keys (handled there; listed for the bar and help). */
    {ACT_CONFIRM, "edit-measurement", "Enter", N_("Enter or add"), ACTIONS_EVAL_OTHER, true},
    /* on an outage or a ticket of the period: the same keys as on a
     * wizard's list of items (ux.md) */
    {ACT_CONFIRM, "edit-event", "Enter", N_("Edit"), ACTIONS_EVAL_ITEM, true},
    {ACT_REMOVE, "remove-event", "F8 Del ^X", N_("Remove"), ACTIONS_EVAL_ITEM, true},
    {ACT_NEXT_STEP, "other-period", "PgDn PgUp", N_("Other period"), ACTIONS_EVAL, true},
    {ACT_ADD, "add-period", "F9 Ins", N_("Add a period"), ACTIONS_EVAL, true},
    {ACT_EXPORT, "save-measurements", "F2 ^S", N_("Save"), ACTIONS_EVAL, true},
    {ACT_BACK, "back-from-evaluation", "Esc F11", N_("Back"), ACTIONS_EVAL, true},
};
const unsigned actions_count = sizeof actions_table / sizeof actions_table[0];

const struct actions_def *actions_get(enum action a)
{
    for (unsigned i = 0; i < actions_count; i++)
        if (actions_table[i].action == a)
            return &actions_table[i];
    return NULL;
}

static enum action lookup(struct term_key k, unsigned ctx)
{
    if (ctx & ACTIONS_PREVIEW) {
        if (k.fn && k.code == KEY_F(2))
            return ACT_EXPORT;
        if (k.fn && k.code == KEY_F(3))
            return ACT_PRINT;
        if (k.fn && (k.code == KEY_F(6) || k.code == KEY_F(10)))
            return ACT_BACK;
        if (!k.fn && (k.code == CTRL('s')))
            return ACT_EXPORT;
        if (!k.fn && (k.code == CTRL('p')))
            return ACT_PRINT;
        if (!k.fn && (k.code == 27 || k.code == CTRL('o') || k.code == CTRL('q')))
            return ACT_BACK;
    }
    if (k.fn) {
        switch (k.code) {
        case KEY_F(1): return ACT_HELP;
        case KEY_F(2): return ACT_SAVE;
        case KEY_F(4): return ACT_EDITOR;
        case KEY_F(5): return ACT_REVIEW;
        case KEY_F(6): return ACT_SUMMARY;
        case KEY_F(7): return ACT_SPELL;
        case KEY_F(8): return ACT_REMOVE;
        case KEY_F(9): return ACT_ADD;
        case KEY_F(10): return ACT_QUIT;
        case KEY_F(11): return ACT_EVALUATE;
        case KEY_IC: return ACT_ADD;
        case KEY_DC: return (ctx & ACTIONS_TEXT) ? ACT_NONE : ACT_REMOVE;
        case KEY_BTAB: return ACT_PREV_FIELD;
        case KEY_DOWN: return ACT_NEXT_FIELD;
        case KEY_UP: return ACT_PREV_FIELD;
        case KEY_NPAGE: return ACT_NEXT_STEP;
        case KEY_PPAGE: return ACT_PREV_STEP;
        case KEY_SR: return ACT_MOVE_UP;
        case KEY_SF: return ACT_MOVE_DOWN;
        case KEY_ENTER: return ACT_CONFIRM;
        default: return ACT_NONE;
        }
    }
    switch (k.code) {
    case CTRL('s'): return ACT_SAVE;
    case CTRL('e'): return ACT_EDITOR;
    case CTRL('r'): return ACT_REVIEW;
    case CTRL('o'): return ACT_SUMMARY;
    case CTRL('g'): return ACT_SPELL;
    case CTRL('t'): return ACT_ADD;
    case CTRL('x'): return ACT_REMOVE;
    case CTRL('q'): return ACT_QUIT;
    case CTRL('b'): return ACT_EVALUATE;
    case CTRL('n'): return ACT_NEXT_STEP;
    case CTRL('p'): return ACT_PREV_STEP;
    case '\t': return ACT_NEXT_FIELD;
    case '\r':
    case '\n': return ACT_CONFIRM;
    case 27: return ACT_CANCEL;
    case '?': return (ctx & ACTIONS_TEXT) ? ACT_NONE : ACT_HELP;
    case '<': return (ctx & ACTIONS_LIST) ? ACT_MOVE_UP : ACT_NONE;
    case '>': return (ctx & ACTIONS_LIST) ? ACT_MOVE_DOWN : ACT_NONE;
    default: return ACT_NONE;
    }
}

enum action actions_lookup(struct term_key k, unsigned ctx)
{
    enum action a = lookup(k, ctx);
    const struct actions_def *d = actions_get(a);
    if (!d || !(d->context & (ctx | ACTIONS_GLOBAL)))
        return ACT_NONE;
    return a;
}
