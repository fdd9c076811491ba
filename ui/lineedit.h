/* lineedit.h - the one-line editor: pure state plus operations.
 *
 * No curses here: a screen draws the view (lineedit_view) and maps keys to
 * these operations; the unit test drives them with the core library only.
 *
 * The text is UTF-8, kept NFC-normalised (typing e then U+0301 gives one
 * character é).  Positions are character indexes: a character is a base
 * with its combining marks (see src/text.h), so the cursor never lands
 * inside one and backspace removes it whole.  Every operation costs at
 * most O(length of the line). */
#ifndef PACTA_LINEEDIT_H
#define PACTA_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/text.h"

struct lineedit {
    struct text_buf buf; /* text and per-character index */
    size_t cursor;       /* character index, 0..nchars */
    size_t scroll;       /* first visible character (kept between views) */
    char *kill;          /* last killed text, for yank; NULL when none */
};

/* What to draw in a field of a given width. */
struct lineedit_view {
    size_t first;      /* first visible character */
    size_t off, len;   /* the visible bytes: text + off, len bytes */
    size_t cols;       /* their width in columns (<= field width) */
    size_t cursor_col; /* cursor column relative to the field start */
};

/* max_chars: the most characters the line accepts, 0 for no limit. */
void lineedit_init(struct lineedit *le, size_t max_chars);
void lineedit_free(struct lineedit *le);

/* Replace the text (newlines and tabs become spaces, control characters
 * are dropped, invalid bytes become U+FFFD); the cursor goes to the end.
 * False when max_chars cut it. */
bool lineedit_set(struct lineedit *le, const char *s);
/* The text, NUL-terminated, owned by the editor. */
const char *lineedit_text(const struct lineedit *le);
size_t lineedit_nchars(const struct lineedit *le);
size_t lineedit_cursor(const struct lineedit *le);
/* Display column of the cursor from the start of the text. */
size_t lineedit_cursor_col(const struct lineedit *le);
/* Display width of the whole text. */
size_t lineedit_width(const struct lineedit *le);
void lineedit_set_cursor(struct lineedit *le, size_t pos);

/* Insert a typed code point at the cursor.  False (and nothing changes)
 * for a control character, a non-scalar value, or a full line. */
bool lineedit_insert(struct lineedit *le, uint32_t cp);
/* Insert a UTF-8 string (a paste) at the cursor, sanitised as for
 * lineedit_set.  False when max_chars cut it (what fits is inserted). */
bool lineedit_insert_str(struct lineedit *le, const char *s);

/* Editing and movement; each returns true when something changed. */
bool lineedit_backspace(struct lineedit *le);
bool lineedit_delete(struct lineedit *le);
bool lineedit_left(struct lineedit *le);
bool lineedit_right(struct lineedit *le);
bool lineedit_home(struct lineedit *le);
bool lineedit_end(struct lineedit *le);
/* Words are runs of letters, marks and digits. */
bool lineedit_word_left(struct lineedit *le);  /* to the start of this/previous word */
bool lineedit_word_right(struct lineedit *le); /* to the end of this/next word */

/* Kills store what they remove for lineedit_yank (each kill replaces it). */
bool lineedit_kill_end(struct lineedit *le);       /* Ctrl-K */
bool lineedit_kill_start(struct lineedit *le);     /* Ctrl-U */
bool lineedit_kill_word_back(struct lineedit *le); /* Ctrl-W: spaces, then non-spaces */
bool lineedit_yank(struct lineedit *le);           /* Ctrl-Y */

/* The view for a field `width` columns wide: scrolls horizontally so the
 * cursor (and the cell after the last character, where it may stand) is
 * visible, never showing part of a wide character at either edge. */
void lineedit_view(struct lineedit *le, size_t width, struct lineedit_view *v);

#endif
