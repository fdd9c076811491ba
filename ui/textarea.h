/* textarea.h - multi-line text editing: pure state plus operations.
 *
 * No curses here.  Built on the same per-character index as the line
 * editor (src/text.h struct text_buf): UTF-8, NFC-normalised, positions
 * are character indexes.  The text is wrapped into display rows for a
 * width with text_wrap; Enter inserts a newline; up/down keep the display
 * column; home/end go to the ends of the display row; the view scrolls so
 * that the cursor row is visible in a given height.
 *
 * Rows partition the text: row r holds the cursor positions whose byte
 * offset o satisfies rows[r].off <= o < rows[r].next (the last row also
 * holds the end of the text).  So a cursor standing before a newline is at
 * the end of its row, and one at the start of a wrapped row is on that
 * row. */
#ifndef PACTA_TEXTAREA_H
#define PACTA_TEXTAREA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/text.h"

struct textarea {
    struct text_buf buf;
    size_t cursor;           /* character index */
    size_t goal_col;         /* column kept by up/down; SIZE_MAX when unset */
    size_t width;            /* wrap width in columns */
    size_t top;              /* first visible row */
    struct text_line *rows;  /* wrapped rows, rebuilt when stale */
    size_t nrows;
    bool stale;
};

struct textarea_view {
    size_t top;        /* first visible row */
    size_t nrows;      /* rows shown: min(height, rows left) */
    size_t cursor_row; /* relative to top */
    size_t cursor_col; /* column within the row, < width */
};

/* width: the wrap width in columns (at least 1); max_chars 0: no limit. */
void textarea_init(struct textarea *ta, size_t width, size_t max_chars);
void textarea_free(struct textarea *ta);

/* Replace the text (CR LF and CR become newlines, tabs spaces, other
 * control characters are dropped); the cursor goes to the start.  False
 * when max_chars cut it. */
bool textarea_set(struct textarea *ta, const char *s);
const char *textarea_text(const struct textarea *ta);
void textarea_set_width(struct textarea *ta, size_t width);

/* The wrapped rows (valid until the next change); *n gets their count. */
const struct text_line *textarea_rows(struct textarea *ta, size_t *n);
size_t textarea_cursor(const struct textarea *ta);
void textarea_set_cursor(struct textarea *ta, size_t pos);
/* Row (absolute) and column of the cursor. */
void textarea_cursor_pos(struct textarea *ta, size_t *row, size_t *col);

/* Insert a typed code point ('\n' is Enter).  False for other control
 * characters, non-scalar values or a full text. */
bool textarea_insert(struct textarea *ta, uint32_t cp);
bool textarea_newline(struct textarea *ta);
/* Insert a UTF-8 string (a paste).  False when max_chars cut it. */
bool textarea_insert_str(struct textarea *ta, const char *s);

/* Each returns true when something changed. */
bool textarea_backspace(struct textarea *ta);
bool textarea_delete(struct textarea *ta);
bool textarea_left(struct textarea *ta);
bool textarea_right(struct textarea *ta);
bool textarea_up(struct textarea *ta);
bool textarea_down(struct textarea *ta);
bool textarea_home(struct textarea *ta); /* start of the display row */
bool textarea_end(struct textarea *ta);  /* end of the display row */

/* Scroll so the cursor row is visible in `height` rows and describe what
 * to draw: rows top .. top + nrows - 1 of textarea_rows. */
void textarea_view(struct textarea *ta, size_t height, struct textarea_view *v);

#endif
