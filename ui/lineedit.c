/* lineedit.c - the one-line editor: pure state plus operations (see
 * lineedit.h).  No curses. */
#include "config.h"

#include "ui/lineedit.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>

#include "src/xalloc.h"

#define POS(le, i) ((le)->buf.ix.pos[i])
#define NCHARS(le) ((le)->buf.ix.n)

void lineedit_init(struct lineedit *le, size_t max_chars)
{
    *le = (struct lineedit){0};
    text_buf_init(&le->buf, max_chars, false);
}

void lineedit_free(struct lineedit *le)
{
    text_buf_free(&le->buf);
    free(le->kill);
    *le = (struct lineedit){0};
}

bool lineedit_set(struct lineedit *le, const char *s)
{
    bool whole = text_buf_set(&le->buf, s);
    le->cursor = NCHARS(le);
    le->scroll = 0;
    return whole;
}

const char *lineedit_text(const struct lineedit *le) { return le->buf.s; }
size_t lineedit_nchars(const struct lineedit *le) { return NCHARS(le); }
size_t lineedit_cursor(const struct lineedit *le) { return le->cursor; }
size_t lineedit_cursor_col(const struct lineedit *le) { return POS(le, le->cursor).col; }
size_t lineedit_width(const struct lineedit *le) { return POS(le, NCHARS(le)).col; }

void lineedit_set_cursor(struct lineedit *le, size_t pos)
{
    le->cursor = pos > NCHARS(le) ? NCHARS(le) : pos;
}

bool lineedit_insert(struct lineedit *le, uint32_t cp)
{
    char u[4];
    size_t n = text_encode(cp, u);
    if (n == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return false;
    size_t before = le->buf.len;
    bool whole = text_buf_insert(&le->buf, le->cursor, u, n, &le->cursor);
    return whole && le->buf.len != before;
}

bool lineedit_insert_str(struct lineedit *le, const char *s)
{
    return text_buf_insert(&le->buf, le->cursor, s, strlen(s), &le->cursor);
}

bool lineedit_backspace(struct lineedit *le)
{
    if (le->cursor == 0)
        return false;
    text_buf_delete(&le->buf, le->cursor - 1, le->cursor);
    le->cursor--;
    return true;
}

bool lineedit_delete(struct lineedit *le)
{
    if (le->cursor >= NCHARS(le))
        return false;
    text_buf_delete(&le->buf, le->cursor, le->cursor + 1);
    return true;
}

bool lineedit_left(struct lineedit *le)
{
    if (le->cursor == 0)
        return false;
    le->cursor--;
    return true;
}

bool lineedit_right(struct lineedit *le)
{
    if (le->cursor >= NCHARS(le))
        return false;
    le->cursor++;
    return true;
}

bool lineedit_home(struct lineedit *le)
{
    bool moved = le->cursor != 0;
    le->cursor = 0;
    return moved;
}

bool lineedit_end(struct lineedit *le)
{
    bool moved = le->cursor != NCHARS(le);
    le->cursor = NCHARS(le);
    return moved;
}

static uint32_t cp_at(const struct lineedit *le, size_t i)
{
    uint32_t cp;
    size_t off = POS(le, i).off;
    text_decode(le->buf.s + off, le->buf.len - off, &cp);
    return cp;
}

static bool is_word(const struct lineedit *le, size_t i)
{
    uint32_t cp = cp_at(le, i);
    return uc_is_alnum(cp) || uc_is_general_category(cp, UC_CATEGORY_M);
}

static bool is_space(const struct lineedit *le, size_t i) { return uc_is_space(cp_at(le, i)); }

bool lineedit_word_left(struct lineedit *le)
{
    size_t c = le->cursor;
    while (c > 0 && !is_word(le, c - 1))
        c--;
    while (c > 0 && is_word(le, c - 1))
        c--;
    bool moved = c != le->cursor;
    le->cursor = c;
    return moved;
}

bool lineedit_word_right(struct lineedit *le)
{
    size_t c = le->cursor, n = NCHARS(le);
    while (c < n && !is_word(le, c))
        c++;
    while (c < n && is_word(le, c))
        c++;
    bool moved = c != le->cursor;
    le->cursor = c;
    return moved;
}

/* Remove characters [from, to) into the kill buffer. */
static bool kill_range(struct lineedit *le, size_t from, size_t to)
{
    if (from >= to)
        return false;
    free(le->kill);
    le->kill = text_buf_dup(&le->buf, from, to);
    text_buf_delete(&le->buf, from, to);
    le->cursor = from;
    return true;
}

bool lineedit_kill_end(struct lineedit *le) { return kill_range(le, le->cursor, NCHARS(le)); }
bool lineedit_kill_start(struct lineedit *le) { return kill_range(le, 0, le->cursor); }

bool lineedit_kill_word_back(struct lineedit *le)
{
    size_t c = le->cursor;
    while (c > 0 && is_space(le, c - 1))
        c--;
    while (c > 0 && !is_space(le, c - 1))
        c--;
    return kill_range(le, c, le->cursor);
}

bool lineedit_yank(struct lineedit *le)
{
    if (le->kill == NULL || le->kill[0] == '\0')
        return false;
    size_t before = le->buf.len;
    text_buf_insert(&le->buf, le->cursor, le->kill, strlen(le->kill), &le->cursor);
    return le->buf.len != before;
}

void lineedit_view(struct lineedit *le, size_t width, struct lineedit_view *v)
{
    size_t n = NCHARS(le), cur = le->cursor;
    size_t first = le->scroll < n ? le->scroll : n;
    if (width == 0) {
        *v = (struct lineedit_view){
            .first = cur, .off = POS(le, cur).off, .len = 0, .cols = 0, .cursor_col = 0};
        return;
    }
    if (cur < first)
        first = cur;
    /* The cursor's cell: its character, or one cell after the end. */
    size_t cur_end = cur < n ? POS(le, cur + 1).col : POS(le, n).col + 1;
    /* A zero-width character under the cursor still needs a cell to show
     * the cursor in (found by tests/fuzz/fuzz_lineedit). */
    if (cur_end < POS(le, cur).col + 1)
        cur_end = POS(le, cur).col + 1;
    while (first < cur && cur_end - POS(le, first).col > width)
        first++;
    /* Scroll back when the tail fits: no empty field with text to its left. */
    size_t tail = POS(le, n).col + (cur == n ? 1 : 0);
    if (tail < cur_end)
        tail = cur_end;
    while (first > 0 && tail - POS(le, first - 1).col <= width)
        first--;
    le->scroll = first;
    size_t last = first;
    while (last < n && POS(le, last + 1).col - POS(le, first).col <= width)
        last++;
    v->first = first;
    v->off = POS(le, first).off;
    v->len = POS(le, last).off - v->off;
    v->cols = POS(le, last).col - POS(le, first).col;
    v->cursor_col = POS(le, cur).col - POS(le, first).col;
}
