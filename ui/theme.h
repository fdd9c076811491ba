/* theme.h - colour roles, not colours.
 *
 * Screens name what a thing is (a label, the focused field, a finding);
 * the theme decides how it looks.  There is a colour theme and a monochrome
 * one (attributes only), chosen when the terminal has no colours or when
 * NO_COLOR is set to a non-empty value (https://no-color.org).  In
 * monochrome, underlining means one thing only: a misspelt word (fields
 * are plain there; the focused one is reversed). */
#ifndef PACTA_UI_THEME_H
#define PACTA_UI_THEME_H

#include <stdbool.h>

/* X(role, foreground, background, colour attrs, monochrome attrs) */
#define THEME_ROLES(X)                                                       \
    X(NORMAL, -1, -1, A_NORMAL, A_NORMAL)                                    \
    X(TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE)                     \
    X(FRAME, COLOR_BLUE, -1, A_NORMAL, A_NORMAL)                             \
    X(STEP, -1, -1, A_NORMAL, A_NORMAL)                                      \
    X(STEP_CURRENT, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)            \
    X(STEP_DONE, COLOR_GREEN, -1, A_BOLD, A_BOLD)                            \
    X(HEADING, COLOR_CYAN, -1, A_BOLD, A_BOLD)                               \
    X(LABEL, -1, -1, A_NORMAL, A_NORMAL)                                     \
    X(FIELD, -1, -1, A_UNDERLINE, A_NORMAL)                                  \
    X(FIELD_FOCUS, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE)           \
    X(SELECTED, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)                \
    X(HINT, COLOR_CYAN, -1, A_NORMAL, A_DIM)                                 \
    X(FIGURE, COLOR_GREEN, -1, A_BOLD, A_BOLD)                               \
    X(ERROR, COLOR_RED, -1, A_BOLD, A_BOLD)                                  \
    X(WARNING, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                             \
    X(MISSPELT, COLOR_RED, -1, A_UNDERLINE, A_UNDERLINE)                     \
    X(KEY, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)                     \
    X(KEYLABEL, -1, -1, A_NORMAL, A_NORMAL)                                  \
    X(DIALOG, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_NORMAL)                  \
    X(BUTTON_FOCUS, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE)

enum theme_role {
#define THEME_ENUM(r, fg, bg, ca, ma) THEME_##r,
    THEME_ROLES(THEME_ENUM)
#undef THEME_ENUM
    THEME_NROLES
};

/* After initscr/newterm: pick colour or monochrome. */
void theme_init(void);
bool theme_colour(void);
/* Set stdscr's attributes to those of a role. */
void theme_set(enum theme_role r);
/* Does a screen cell with these attributes (attr_t) and colour pair show
 * role r?  In colour the pair tells; in monochrome the attributes (the
 * headless driver uses it to show misspelt words in dumps). */
bool theme_cell_is(enum theme_role r, unsigned long attrs, int pair);

#endif
