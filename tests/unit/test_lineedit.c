/* test_lineedit.c - the one-line editor with accents, combining marks,
 * wide characters and emoji; horizontal scroll; kill and yank. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"
#include "ui/lineedit.h"

static void type(struct lineedit *le, const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        lineedit_insert(le, cps[i]);
}

/* The visible slice as a string with the cursor marked by '|'. */
static char *shown(struct lineedit *le, size_t width)
{
    struct lineedit_view v;
    lineedit_view(le, width, &v);
    static char buf[256];
    const char *t = lineedit_text(le);
    size_t cur_off = le->buf.ix.pos[lineedit_cursor(le)].off;
    snprintf(buf, sizeof buf, "%.*s|%.*s", (int)(cur_off - v.off), t + v.off,
             (int)(v.off + v.len - cur_off), t + cur_off);
    return buf;
}

static void test_typing(void)
{
    struct lineedit le;
    lineedit_init(&le, 0);
    /* "cafe" then U+0301: composes to café, one character, one column */
    uint32_t cafe[] = {'c', 'a', 'f', 'e', 0x301};
    type(&le, cafe, 5);
    is_str(lineedit_text(&le), "café", "e + U+0301 typed gives precomposed é");
    is_int((long long)lineedit_nchars(&le), 4, "café is four characters");
    is_int((long long)lineedit_cursor(&le), 4, "cursor after é");
    is_int((long long)lineedit_cursor_col(&le), 4, "cursor at column 4");
    ok(lineedit_backspace(&le), "backspace");
    is_str(lineedit_text(&le), "caf", "backspace deletes é whole");
    /* a mark with no precomposed form stays one character with its base */
    uint32_t q[] = {'q', 0x301, 'x'};
    type(&le, q, 3);
    is_str(lineedit_text(&le), "cafq\xCC\x81x", "q + U+0301 kept decomposed");
    is_int((long long)lineedit_nchars(&le), 5, "q + mark is one character");
    lineedit_left(&le);
    lineedit_left(&le);
    is_int((long long)lineedit_cursor(&le), 3, "left moves over q + mark as one");
    is_int((long long)lineedit_cursor_col(&le), 3, "column 3");
    lineedit_delete(&le);
    is_str(lineedit_text(&le), "cafx", "delete removes q with its mark");
    ok(!lineedit_insert(&le, '\t'), "a control character is refused");
    ok(!lineedit_insert(&le, 0xD800), "a surrogate is refused");
    is_str(lineedit_text(&le), "cafx", "unchanged");
    lineedit_free(&le);
}

static void test_wide(void)
{
    struct lineedit le;
    lineedit_init(&le, 0);
    lineedit_set(&le, "ñ漢字😀z");
    is_int((long long)lineedit_nchars(&le), 5, "five characters");
    is_int((long long)lineedit_width(&le), 8, "eight columns");
    size_t cols[] = {8, 7, 5, 3, 1, 0};
    int good = 1;
    for (size_t i = 0; i < 6; i++) {
        if (lineedit_cursor_col(&le) != cols[i]) {
            good = 0;
            diag("step %zu: column %zu, want %zu", i, lineedit_cursor_col(&le), cols[i]);
        }
        lineedit_left(&le);
    }
    ok(good, "left across z, emoji, kanji, kanji, ñ: columns 8 7 5 3 1 0");
    ok(!lineedit_left(&le), "left at the start does nothing");
    lineedit_right(&le);
    lineedit_right(&le);
    is_int((long long)lineedit_cursor_col(&le), 3, "right twice: column 3");
    lineedit_insert_str(&le, "e\xCC\x81x");
    is_str(lineedit_text(&le), "ñ漢éx字😀z", "paste with a decomposed é, normalised");
    is_int((long long)lineedit_cursor(&le), 4, "cursor after the paste");
    is_int((long long)lineedit_cursor_col(&le), 5, "column 5");
    lineedit_end(&le);
    lineedit_backspace(&le);
    lineedit_backspace(&le);
    is_str(lineedit_text(&le), "ñ漢éx字", "backspace removes z then the emoji whole");
    lineedit_home(&le);
    is_int((long long)lineedit_cursor(&le), 0, "home");
    lineedit_end(&le);
    is_int((long long)lineedit_cursor_col(&le), 7, "end: column 7");
    lineedit_free(&le);
}

static void test_words_and_kill(void)
{
    struct lineedit le;
    lineedit_init(&le, 0);
    lineedit_set(&le, "Soporte  técnico, año 2024");
    lineedit_word_left(&le);
    is_int((long long)lineedit_cursor(&le), 22, "word-left to 2024");
    lineedit_word_left(&le);
    is_int((long long)lineedit_cursor(&le), 18, "word-left to año");
    lineedit_word_left(&le);
    is_int((long long)lineedit_cursor(&le), 9, "word-left over \", \" to técnico");
    lineedit_word_right(&le);
    is_int((long long)lineedit_cursor(&le), 16, "word-right to the end of técnico");
    lineedit_word_right(&le);
    is_int((long long)lineedit_cursor(&le), 21, "word-right to the end of año");

    ok(lineedit_kill_end(&le), "kill to end");
    is_str(lineedit_text(&le), "Soporte  técnico, año", "Ctrl-K removes \" 2024\"");
    lineedit_home(&le);
    ok(lineedit_yank(&le), "yank");
    is_str(lineedit_text(&le), " 2024Soporte  técnico, año", "Ctrl-Y inserts the killed text");
    is_int((long long)lineedit_cursor(&le), 5, "cursor after the yanked text");
    ok(lineedit_kill_start(&le), "kill to start");
    is_str(lineedit_text(&le), "Soporte  técnico, año", "Ctrl-U removes before the cursor");
    is_str(le.kill, " 2024", "the kill buffer holds it");
    lineedit_end(&le);
    ok(lineedit_kill_word_back(&le), "kill word back");
    is_str(lineedit_text(&le), "Soporte  técnico, ", "Ctrl-W removes año");
    lineedit_kill_word_back(&le);
    is_str(lineedit_text(&le), "Soporte  ", "Ctrl-W removes the spaces then \"técnico,\"");
    is_str(le.kill, "técnico, ", "kill buffer: last kill only");
    ok(!lineedit_kill_end(&le), "kill at the end is a no-op");
    is_str(le.kill, "técnico, ", "an empty kill keeps the buffer");
    lineedit_yank(&le);
    lineedit_yank(&le);
    is_str(lineedit_text(&le), "Soporte  técnico, técnico, ", "yank twice");
    lineedit_free(&le);
}

static void test_scroll(void)
{
    struct lineedit le;
    struct lineedit_view v;
    lineedit_init(&le, 0);
    lineedit_set(&le, "abc漢字");
    is_str(shown(&le, 10), "abc漢字|", "fits in 10 columns");
    is_str(shown(&le, 4), "字|", "width 4, cursor at end: 漢 would be cut, so it is hidden");
    lineedit_view(&le, 4, &v);
    is_int((long long)v.first, 4, "first visible character 4");
    is_int((long long)v.cols, 2, "two columns shown");
    is_int((long long)v.cursor_col, 2, "cursor in column 2 of the field");
    lineedit_left(&le);
    is_str(shown(&le, 4), "漢|字", "left: the rest of the line fits, so the view shows 漢 again");
    lineedit_left(&le);
    is_str(shown(&le, 4), "|漢字", "left again: on 漢");
    lineedit_left(&le);
    is_str(shown(&le, 4), "|c漢", "left: c then 漢, 字 hidden (would overflow)");
    lineedit_view(&le, 4, &v);
    is_int((long long)v.cols, 3, "three columns used, the fourth left blank");
    lineedit_home(&le);
    is_str(shown(&le, 4), "|abc", "home: from the start");
    lineedit_end(&le);
    is_str(shown(&le, 5), "漢字|", "width 5 at the end: c would leave no cell for the cursor");
    lineedit_set(&le, "😀😀😀");
    is_str(shown(&le, 3), "😀|", "width 3 at the end of three emoji: one emoji and the cursor cell");
    lineedit_view(&le, 3, &v);
    is_int((long long)v.cursor_col, 2, "cursor in column 2");
    lineedit_left(&le);
    is_str(shown(&le, 3), "|😀", "left: the last emoji");
    lineedit_set(&le, "abcdefgh");
    shown(&le, 4);
    lineedit_kill_start(&le);
    is_str(shown(&le, 4), "|", "after Ctrl-U the view scrolls back to the start");
    lineedit_free(&le);
}

static void test_limits(void)
{
    struct lineedit le;
    lineedit_init(&le, 4);
    ok(!lineedit_set(&le, "añoso"), "set beyond max_chars is cut");
    is_str(lineedit_text(&le), "años", "keeps four characters");
    ok(!lineedit_insert(&le, 'x'), "typing into a full line is refused");
    ok(lineedit_insert(&le, 0x301), "a combining mark joins the last character");
    is_str(lineedit_text(&le), "añoś", "s + U+0301 composes to ś");
    is_int((long long)lineedit_nchars(&le), 4, "still four characters");
    lineedit_home(&le);
    lineedit_delete(&le);
    ok(!lineedit_insert_str(&le, "xyz"), "paste cut to the room left");
    is_str(lineedit_text(&le), "xñoś", "one character of the paste fits");
    lineedit_set(&le, "a\r\nb\tc");
    is_str(lineedit_text(&le), "a b ", "newlines and tabs become spaces, cut to 4");
    lineedit_free(&le);
}

int main(void)
{
    (void)skip_all; /* tap.h helper this test does not need */
    test_typing();
    test_wide();
    test_words_and_kill();
    test_scroll();
    test_limits();
    return done_testing();
}
