/* test_textarea.c - multi-line editing: newlines, wrapping into display
 * rows, up/down keeping the column across accents and wide characters,
 * home/end of the display row, vertical scroll. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"
#include "ui/textarea.h"

/* All rows joined by '/', for exact comparison. */
static const char *rows_str(struct textarea *ta)
{
    static char buf[512];
    size_t n, o = 0;
    const struct text_line *r = textarea_rows(ta, &n);
    buf[0] = '\0';
    for (size_t i = 0; i < n && o < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s", i ? "/" : "", (int)r[i].len,
                              textarea_text(ta) + r[i].off);
    return buf;
}

static int at(struct textarea *ta, size_t row, size_t col, const char *what)
{
    size_t r, c;
    textarea_cursor_pos(ta, &r, &c);
    int good = r == row && c == col;
    ok(good, "%s: row %zu col %zu", what, row, col);
    if (!good)
        diag("got row %zu col %zu", r, c);
    return good;
}

static void test_typing(void)
{
    struct textarea ta;
    textarea_init(&ta, 10, 0);
    const char *s = "Hola";
    for (const char *p = s; *p; p++)
        textarea_insert(&ta, (uint32_t)*p);
    ok(textarea_insert(&ta, '\n'), "Enter inserts a newline");
    textarea_insert(&ta, 'n');
    textarea_insert(&ta, 0x303); /* n + combining tilde */
    textarea_insert(&ta, 'o');
    is_str(textarea_text(&ta), "Hola\nño", "typed text with a composed ñ");
    at(&ta, 1, 2, "cursor after ño");
    ok(!textarea_insert(&ta, '\t'), "tab typed is refused");
    textarea_backspace(&ta);
    textarea_backspace(&ta);
    at(&ta, 1, 0, "two backspaces remove o and ñ");
    textarea_backspace(&ta);
    is_str(textarea_text(&ta), "Hola", "backspace joins the lines");
    at(&ta, 0, 4, "cursor at the end of Hola");
    textarea_newline(&ta);
    textarea_insert_str(&ta, "a\r\nb");
    is_str(textarea_text(&ta), "Hola\na\nb", "paste with CR LF");
    at(&ta, 2, 1, "cursor after b");
    textarea_free(&ta);
}

static void test_wrap_rows(void)
{
    struct textarea ta;
    textarea_init(&ta, 10, 0);
    textarea_set(&ta, "El servicio cubre Panadería López\n\n漢字漢字漢字 fin");
    is_str(rows_str(&ta), "El/servicio/cubre/Panadería/López//漢字漢字漢/字 fin",
           "rows at 10 columns");
    textarea_set_width(&ta, 20);
    is_str(rows_str(&ta), "El servicio cubre/Panadería López//漢字漢字漢字 fin", "rows at 20 columns");
    textarea_set_width(&ta, 10);

    /* cursor at start of the wrapped row "servicio" */
    textarea_set_cursor(&ta, 3);
    at(&ta, 1, 0, "position 3 starts row 1");
    textarea_set_cursor(&ta, 2);
    at(&ta, 0, 2, "position 2 (the space) is the end of row 0");
    textarea_end(&ta);
    at(&ta, 0, 2, "end of row 0 is its trailing space");
    textarea_down(&ta);
    at(&ta, 1, 2, "down keeps column 2");
    textarea_end(&ta);
    at(&ta, 1, 8, "end of row \"servicio\" (its trailing space)");
    textarea_down(&ta);
    at(&ta, 2, 5, "down from column 8 to the end of \"cubre\"");
    textarea_down(&ta);
    at(&ta, 3, 8, "down again: goal column 8 kept");
    textarea_down(&ta);
    at(&ta, 4, 5, "down: López ends at column 5");
    textarea_down(&ta);
    at(&ta, 5, 0, "down: the empty line");
    textarea_down(&ta);
    at(&ta, 6, 8, "down: goal 8 on the kanji row");
    textarea_up(&ta);
    textarea_up(&ta);
    at(&ta, 4, 5, "up twice: back on López");
    textarea_home(&ta);
    at(&ta, 4, 0, "home of the display row");
    textarea_free(&ta);
}

static void test_wide_columns(void)
{
    struct textarea ta;
    textarea_init(&ta, 20, 0);
    textarea_set(&ta, "abcdef\n漢字漢\nxyz");
    textarea_set_cursor(&ta, 3); /* column 3 on row 0 */
    textarea_down(&ta);
    at(&ta, 1, 2, "down from column 3 into a kanji row: on the kanji covering column 3");
    is_int((long long)textarea_cursor(&ta), 8, "that is the second kanji");
    textarea_down(&ta);
    at(&ta, 2, 3, "down: goal column 3 restored on xyz");
    textarea_up(&ta);
    textarea_up(&ta);
    at(&ta, 0, 3, "up twice: column 3 again");
    textarea_right(&ta);
    textarea_down(&ta);
    at(&ta, 1, 4, "from column 4: the third kanji");
    textarea_up(&ta);
    ok(!textarea_up(&ta), "up on the first row does nothing");
    textarea_set_cursor(&ta, 999);
    ok(!textarea_down(&ta), "down on the last row does nothing");
    textarea_free(&ta);
}

static void test_scroll(void)
{
    struct textarea ta;
    struct textarea_view v;
    textarea_init(&ta, 10, 0);
    textarea_set(&ta, "1\n2\n3\n4\n5\n6\n7");
    textarea_view(&ta, 3, &v);
    ok(v.top == 0 && v.nrows == 3 && v.cursor_row == 0, "view at the top");
    for (int i = 0; i < 4; i++)
        textarea_down(&ta);
    textarea_view(&ta, 3, &v);
    ok(v.top == 2 && v.cursor_row == 2, "cursor on row 4: rows 2..4 shown");
    textarea_up(&ta);
    textarea_view(&ta, 3, &v);
    ok(v.top == 2 && v.cursor_row == 1, "up inside the view does not scroll");
    textarea_set_cursor(&ta, 999);
    textarea_view(&ta, 3, &v);
    ok(v.top == 4 && v.nrows == 3 && v.cursor_row == 2, "end: rows 4..6");
    textarea_set(&ta, "1\n2");
    textarea_view(&ta, 3, &v);
    ok(v.top == 0 && v.nrows == 2, "shorter text: back to the top");

    textarea_set(&ta, "abc       ");
    textarea_set_cursor(&ta, 10);
    textarea_view(&ta, 3, &v);
    is_int((long long)v.cursor_col, 9, "cursor column kept inside the width");
    textarea_free(&ta);
}

static void test_limits(void)
{
    struct textarea ta;
    textarea_init(&ta, 10, 3);
    ok(!textarea_set(&ta, "a\nbc"), "set cut to max_chars");
    is_str(textarea_text(&ta), "a\nb", "newline counts as a character");
    textarea_set_cursor(&ta, 3);
    ok(!textarea_newline(&ta), "Enter refused when full");
    textarea_free(&ta);
}

int main(void)
{
    (void)skip_all; /* tap.h helper this test does not need */
    test_typing();
    test_wrap_rows();
    test_wide_columns();
    test_scroll();
    test_limits();
    return done_testing();
}
