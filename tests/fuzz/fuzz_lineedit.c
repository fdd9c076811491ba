/* fuzz_lineedit.c - the one-line editor's operations (ui/lineedit.h).
 *
 * The input is a program: byte 0 sets max_chars, then each byte is an
 * operation, some followed by their argument.  After every operation: the
 * text is valid UTF-8 with no control characters, the cursor is within
 * 0..nchars, nchars respects max_chars, and a view of any width shows
 * bytes inside the text, no wider than the field (when a character fits),
 * with the cursor inside the field. */
#include "config.h"

#include <string.h>

#include "src/text.h"
#include "tests/fuzz/fuzz.h"
#include "ui/lineedit.h"

static void check(struct lineedit *le, size_t max, size_t width)
{
    const char *s = lineedit_text(le);
    size_t len = strlen(s), n = lineedit_nchars(le);
    FUZZ_ASSERT(text_utf8_valid(s, len, NULL), "invalid UTF-8 in the line");
    for (size_t i = 0; i < len; i++)
        FUZZ_ASSERT((unsigned char)s[i] >= 0x20 && s[i] != 0x7f, "control byte 0x%02x at %zu", s[i], i);
    FUZZ_ASSERT(lineedit_cursor(le) <= n, "cursor %zu past %zu characters", lineedit_cursor(le), n);
    FUZZ_ASSERT(!max || n <= max, "%zu characters, limit %zu", n, max);
    FUZZ_ASSERT(lineedit_cursor_col(le) <= lineedit_width(le), "cursor column past the width");
    struct lineedit_view v;
    lineedit_view(le, width, &v);
    FUZZ_ASSERT(v.off <= len && v.len <= len - v.off, "view %zu+%zu outside %zu bytes", v.off, v.len, len);
    FUZZ_ASSERT(v.off == len || v.off == text_next_char(s, len, text_prev_char(s, len, v.off)) || v.off == 0,
                "view starts inside a character");
    FUZZ_ASSERT(text_width_n(s + v.off, v.len) == v.cols, "view width %zu, counted %zu", v.cols,
                text_width_n(s + v.off, v.len));
    if (width >= 3) {
        FUZZ_ASSERT(v.cols <= width, "view %zu columns in a field of %zu", v.cols, width);
        FUZZ_ASSERT(v.cursor_col < width, "cursor column %zu in a field of %zu", v.cursor_col, width);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 2048)
        return 0;
    size_t max = data[0] % 4 == 0 ? 0 : data[0] % 64;
    struct lineedit le;
    lineedit_init(&le, max);
    size_t i = 1, width = 10;
    char chunk[64];
    while (i < size) {
        uint8_t op = data[i++];
        switch (op % 20) {
        case 0:
        case 1:
        case 2: { /* type a code point: the next 1..3 bytes */
            uint32_t cp = op >> 5;
            for (int k = 0; k < 3 && i < size; k++)
                cp = cp << 8 | data[i++];
            lineedit_insert(&le, cp % 0x110000);
            break;
        }
        case 3:
        case 4: { /* paste or set: a length byte, then raw bytes */
            size_t n = i < size ? data[i++] % sizeof chunk : 0;
            if (n > size - i)
                n = size - i;
            memcpy(chunk, data + i, n);
            chunk[n] = '\0';
            i += n;
            if (op % 20 == 3)
                lineedit_insert_str(&le, chunk);
            else
                lineedit_set(&le, chunk);
            break;
        }
        case 5: lineedit_backspace(&le); break;
        case 6: lineedit_delete(&le); break;
        case 7: lineedit_left(&le); break;
        case 8: lineedit_right(&le); break;
        case 9: lineedit_home(&le); break;
        case 10: lineedit_end(&le); break;
        case 11: lineedit_word_left(&le); break;
        case 12: lineedit_word_right(&le); break;
        case 13: lineedit_kill_end(&le); break;
        case 14: lineedit_kill_start(&le); break;
        case 15: lineedit_kill_word_back(&le); break;
        case 16:
            /* kill + yank + yank doubles the line: without a bound the
             * fuzzer builds lines of gigabytes (a timeout, not a bug) */
            if (strlen(lineedit_text(&le)) < 4096)
                lineedit_yank(&le);
            break;
        case 17: lineedit_set_cursor(&le, i < size ? data[i++] : 0); break;
        case 18: width = i < size ? data[i++] % 40 : 10; break;
        default: { /* type a short UTF-8 string: combining marks, wide, emoji */
            static const char *const bits[] = {"e", "\xcc\x81", "\xe6\xbc\xa2", "\xf0\x9f\x98\x80", " ",
                                               "\xc3\xb1", "\xe2\x80\x8b", "\xef\xbc\xa1"};
            lineedit_insert_str(&le, bits[(op >> 5) % 8]);
            break;
        }
        }
        check(&le, max, width);
    }
    lineedit_free(&le);
    return 0;
}
