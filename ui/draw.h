/* draw.h - putting UTF-8 text on the screen by display columns.
 *
 * Text inside pacta is UTF-8; these helpers decode it, measure it with
 * libunistring (never by bytes), keep combining marks with their base
 * character, and crop at a column limit.  In a locale that is not UTF-8 every
 * character outside ASCII is shown as a replacement '?' instead of being
 * sent to the terminal as bytes it would misread.  Glyphs (box lines, the
 * completion mark) fall back to ASCII on such terminals and on TERM=dumb or
 * vt100. */
#ifndef PACTA_UI_DRAW_H
#define PACTA_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

enum draw_glyph {
    DRAW_HLINE,
    DRAW_VLINE,
    DRAW_CROSS_DOWN, /* ┬ */
    DRAW_CROSS_UP,   /* ┴ */
    DRAW_CHECK,      /* ✓ */
    DRAW_CURRENT,    /* ▶ */
    DRAW_ARROW,      /* → */
    DRAW_DOT,        /* · */
    DRAW_ELLIPSIS,   /* … */
    DRAW_DOWN,       /* ▾ */
    DRAW_TL,
    DRAW_TR,
    DRAW_BL,
    DRAW_BR,
    DRAW_NGLYPHS
};

/* Decide Unicode or ASCII output from the locale and $TERM. */
void draw_init(void);
bool draw_unicode(void);
const char *draw_glyph(enum draw_glyph g);

/* Display columns of n bytes of UTF-8 text (invalid bytes count as one). */
int draw_width(const char *s, size_t n);
/* Byte length of the longest prefix of s (n bytes) fitting in cols columns. */
size_t draw_fit(const char *s, size_t n, int cols);

/* Draw n bytes of s at (y, x) on stdscr with the current attributes, no
 * further than maxw columns.  Newlines and tabs show as spaces.  Returns
 * the number of columns drawn. */
int draw_text(int y, int x, int maxw, const char *s, size_t n);
int draw_str(int y, int x, int maxw, const char *s);
/* Fill cols columns from (y, x) with spaces in the current attributes. */
void draw_blank(int y, int x, int cols);
void draw_hline(int y, int x, int cols);
void draw_vline(int y, int x, int rows);

/* Before a refresh: the cells of row y, columns x to x+w-1, show what the
 * terminal has there moved d columns to the left (a one-line field that
 * scrolled as it was typed into).  When the rest of the row is blank, the
 * terminal is told to delete d characters at x first, so that the refresh
 * sends only the columns that are new instead of the whole field.  What
 * ends on the screen is the same either way. */
void draw_shift_left(int y, int x, int w, int d);

#endif
