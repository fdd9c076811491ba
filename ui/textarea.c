/* textarea.c - multi-line text editing: pure state plus operations (see
 * textarea.h).  No curses. */
#include "config.h"

#include "ui/textarea.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define POS(ta, i) ((ta)->buf.ix.pos[i])
#define NCHARS(ta) ((ta)->buf.ix.n)

void textarea_init(struct textarea *ta, size_t width, size_t max_chars)
{
    *ta = (struct textarea){.goal_col = SIZE_MAX, .width = width ? width : 1, .stale = true};
    text_buf_init(&ta->buf, max_chars, true);
}

void textarea_free(struct textarea *ta)
{
    text_buf_free(&ta->buf);
    free(ta->rows);
    *ta = (struct textarea){0};
}

static void changed(struct textarea *ta)
{
    ta->stale = true;
    ta->goal_col = SIZE_MAX;
}

static void ensure_rows(struct textarea *ta)
{
    if (!ta->stale)
        return;
    free(ta->rows);
    ta->nrows = text_wrap_ex(ta->buf.s, ta->buf.len, ta->width, ta->width, &ta->rows);
    ta->stale = false;
}

bool textarea_set(struct textarea *ta, const char *s)
{
    bool whole = text_buf_set(&ta->buf, s);
    ta->cursor = 0;
    ta->top = 0;
    changed(ta);
    return whole;
}

const char *textarea_text(const struct textarea *ta) { return ta->buf.s; }

void textarea_set_width(struct textarea *ta, size_t width)
{
    if (width == 0)
        width = 1;
    if (width != ta->width) {
        ta->width = width;
        ta->stale = true;
    }
}

const struct text_line *textarea_rows(struct textarea *ta, size_t *n)
{
    ensure_rows(ta);
    *n = ta->nrows;
    return ta->rows;
}

size_t textarea_cursor(const struct textarea *ta) { return ta->cursor; }

void textarea_set_cursor(struct textarea *ta, size_t pos)
{
    ta->cursor = pos > NCHARS(ta) ? NCHARS(ta) : pos;
    ta->goal_col = SIZE_MAX;
}

/* The row holding byte offset off: the last row starting at or before it. */
static size_t row_of(const struct textarea *ta, size_t off)
{
    size_t lo = 0, hi = ta->nrows - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (ta->rows[mid].off <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* First and last cursor positions (character indexes) of row r. */
static void row_span(const struct textarea *ta, size_t r, size_t *first, size_t *last)
{
    *first = text_index_find(&ta->buf.ix, ta->rows[r].off);
    if (r + 1 == ta->nrows)
        *last = NCHARS(ta);
    else {
        size_t nx = text_index_find(&ta->buf.ix, ta->rows[r].next);
        *last = nx > *first ? nx - 1 : *first;
    }
}

void textarea_cursor_pos(struct textarea *ta, size_t *row, size_t *col)
{
    ensure_rows(ta);
    size_t r = row_of(ta, POS(ta, ta->cursor).off);
    size_t first, last;
    row_span(ta, r, &first, &last);
    *row = r;
    *col = POS(ta, ta->cursor).col - POS(ta, first).col;
}

static bool insert(struct textarea *ta, const char *s, size_t n)
{
    size_t before = ta->buf.len;
    bool whole = text_buf_insert(&ta->buf, ta->cursor, s, n, &ta->cursor);
    changed(ta);
    return whole && ta->buf.len != before;
}

bool textarea_insert(struct textarea *ta, uint32_t cp)
{
    char u[4];
    size_t n = text_encode(cp, u);
    if (n == 0 || (cp != '\n' && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))))
        return false;
    return insert(ta, u, n);
}

bool textarea_newline(struct textarea *ta) { return insert(ta, "\n", 1); }

bool textarea_insert_str(struct textarea *ta, const char *s)
{
    bool whole = text_buf_insert(&ta->buf, ta->cursor, s, strlen(s), &ta->cursor);
    changed(ta);
    return whole;
}

bool textarea_backspace(struct textarea *ta)
{
    if (ta->cursor == 0)
        return false;
    text_buf_delete(&ta->buf, ta->cursor - 1, ta->cursor);
    ta->cursor--;
    changed(ta);
    return true;
}

bool textarea_delete(struct textarea *ta)
{
    if (ta->cursor >= NCHARS(ta))
        return false;
    text_buf_delete(&ta->buf, ta->cursor, ta->cursor + 1);
    changed(ta);
    return true;
}

bool textarea_left(struct textarea *ta)
{
    ta->goal_col = SIZE_MAX;
    if (ta->cursor == 0)
        return false;
    ta->cursor--;
    return true;
}

bool textarea_right(struct textarea *ta)
{
    ta->goal_col = SIZE_MAX;
    if (ta->cursor >= NCHARS(ta))
        return false;
    ta->cursor++;
    return true;
}

/* Move to row r at the goal column (or the last position before it). */
static bool vertical(struct textarea *ta, bool down)
{
    size_t r, col;
    textarea_cursor_pos(ta, &r, &col);
    if (ta->goal_col == SIZE_MAX)
        ta->goal_col = col;
    if (down ? r + 1 >= ta->nrows : r == 0)
        return false;
    r = down ? r + 1 : r - 1;
    size_t first, last;
    row_span(ta, r, &first, &last);
    size_t c = first;
    while (c < last && POS(ta, c + 1).col - POS(ta, first).col <= ta->goal_col)
        c++;
    ta->cursor = c;
    return true;
}

bool textarea_up(struct textarea *ta) { return vertical(ta, false); }
bool textarea_down(struct textarea *ta) { return vertical(ta, true); }

static bool row_edge(struct textarea *ta, bool end)
{
    ensure_rows(ta);
    ta->goal_col = SIZE_MAX;
    size_t first, last;
    row_span(ta, row_of(ta, POS(ta, ta->cursor).off), &first, &last);
    size_t c = end ? last : first;
    bool moved = c != ta->cursor;
    ta->cursor = c;
    return moved;
}

bool textarea_home(struct textarea *ta) { return row_edge(ta, false); }
bool textarea_end(struct textarea *ta) { return row_edge(ta, true); }

void textarea_view(struct textarea *ta, size_t height, struct textarea_view *v)
{
    size_t r, col;
    textarea_cursor_pos(ta, &r, &col);
    if (height == 0)
        height = 1;
    if (ta->top > r)
        ta->top = r;
    if (r >= ta->top + height)
        ta->top = r - height + 1;
    /* No empty rows below the text while rows above are hidden. */
    if (ta->top > 0 && ta->top + height > ta->nrows)
        ta->top = ta->nrows > height ? ta->nrows - height : 0;
    v->top = ta->top;
    v->nrows = ta->nrows - ta->top < height ? ta->nrows - ta->top : height;
    v->cursor_row = r - ta->top;
    v->cursor_col = col < ta->width ? col : ta->width - 1;
}
