/* test_text.c - src/text: validation, width, NFC, wrapping, truncation,
 * character movement, slugs, the index and the editable buffer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "src/text.h"
#include "tests/tap.h"

/* "é" precomposed and decomposed, and other samples. */
#define E_ACUTE "\xC3\xA9"           /* U+00E9 */
#define E_COMB "e\xCC\x81"           /* e + U+0301 */
#define N_TILDE "\xC3\xB1"           /* U+00F1 */
#define KANJI "\xE6\xBC\xA2\xE5\xAD\x97" /* 漢字 */
#define GRIN "\xF0\x9F\x98\x80"      /* U+1F600 */

static void test_valid(void)
{
    size_t bad = 99;
    ok(text_utf8_valid("abc", 3, &bad), "ASCII is valid");
    ok(text_utf8_valid(E_ACUTE N_TILDE KANJI GRIN, strlen(E_ACUTE N_TILDE KANJI GRIN), NULL),
       "accents, kanji and a 4-byte emoji are valid");
    ok(!text_utf8_valid("a\xC0\xAF", 3, &bad), "overlong C0 AF is invalid");
    is_int((long long)bad, 1, "overlong: bad offset 1");
    bad = 99;
    ok(!text_utf8_valid("ab\xED\xA0\x80", 5, &bad), "surrogate ED A0 80 is invalid");
    is_int((long long)bad, 2, "surrogate: bad offset 2");
    bad = 99;
    ok(!text_utf8_valid("xyz\xE2\x82", 5, &bad), "truncated E2 82 is invalid");
    is_int((long long)bad, 3, "truncated: bad offset 3");
    bad = 99;
    ok(!text_utf8_valid("ab\0cd", 5, &bad), "NUL is refused");
    is_int((long long)bad, 2, "NUL: bad offset 2");
    ok(text_utf8_valid_flags("ab\0cd", 5, TEXT_ALLOW_NUL, NULL), "NUL allowed with TEXT_ALLOW_NUL");
    bad = 99;
    ok(!text_utf8_valid("\xF4\x90\x80\x80", 4, &bad), "above U+10FFFF is invalid");
    is_int((long long)bad, 0, "above U+10FFFF: bad offset 0");
    ok(!text_utf8_valid("\xF0\x82\x82\xAC", 4, NULL), "overlong 4-byte euro is invalid");
}

static void test_width(void)
{
    is_int((long long)text_width(""), 0, "width of empty");
    is_int((long long)text_width("abc"), 3, "width of abc");
    is_int((long long)text_width(E_ACUTE), 1, "width of precomposed e-acute");
    is_int((long long)text_width(E_COMB), 1, "width of e + combining acute");
    is_int((long long)text_width(KANJI), 4, "width of two kanji");
    is_int((long long)text_width(GRIN), 2, "width of U+1F600");
    is_int((long long)text_width("Espa" N_TILDE "a " KANJI " " GRIN), 14, "width of a mixed string");
    is_int((long long)text_width("a\tb"), 3, "a control character counts 1");
    is_int((long long)text_width_n(KANJI, 3), 2, "text_width_n over the first kanji");
    is_int((long long)text_width("a\xC0"), 2, "an invalid byte counts 1");
}

static void test_nfc(void)
{
    char *s = text_nfc("caf" E_COMB);
    is_str(s, "caf" E_ACUTE, "NFC composes e + U+0301");
    free(s);
    s = text_nfc("n\xCC\x83" "and" "\xC3\xBA");
    is_str(s, N_TILDE "and\xC3\xBA", "NFC composes n + U+0303");
    free(s);
    s = text_nfc("");
    is_str(s, "", "NFC of empty");
    free(s);
    s = text_nfc("bad\xFF");
    is_str(s, "bad\xFF", "invalid UTF-8 is copied unchanged");
    free(s);
}

static void test_chars(void)
{
    const char *s = "a" E_COMB KANJI GRIN "z";
    size_t n = strlen(s);
    size_t want[] = {0, 1, 4, 7, 10, 14, 15};
    size_t off = 0;
    int good = 1;
    for (size_t i = 1; i < sizeof want / sizeof *want; i++) {
        off = text_next_char(s, n, off);
        if (off != want[i]) {
            good = 0;
            diag("next %zu: got %zu want %zu", i, off, want[i]);
        }
    }
    ok(good, "text_next_char steps a, e+U+0301 (one unit), kanji, kanji, emoji, z");
    good = 1;
    for (size_t i = sizeof want / sizeof *want - 1; i > 0; i--) {
        off = text_prev_char(s, n, off);
        if (off != want[i - 1]) {
            good = 0;
            diag("prev %zu: got %zu want %zu", i, off, want[i - 1]);
        }
    }
    ok(good, "text_prev_char steps back over the same units");
    is_int((long long)text_prev_char(s, n, 0), 0, "prev at the start stays");
    is_int((long long)text_next_char(s, n, n), (long long)n, "next at the end stays");
    is_int((long long)text_count_chars(s, n), 6, "six characters");
    /* invalid bytes are single characters */
    const char *b = "x\xE2\x82y";
    is_int((long long)text_prev_char(b, 4, 3), 1, "prev over a truncated sequence");
    is_int((long long)text_next_char(b, 4, 1), 3, "next over a truncated sequence");
}

static void test_wrap(void)
{
    struct text_line *v;
    size_t n;
    const char *s = "El proveedor atiende las incidencias cr\xC3\xADticas en menos de cuatro "
                    "horas laborables, todos los d\xC3\xAD" "as del a\xC3\xB1o.";
    n = text_wrap(s, 80, &v);
    is_int((long long)n, 2, "wrap at 80: two lines");
    char buf[200];
    snprintf(buf, sizeof buf, "%.*s", (int)v[0].len, s + v[0].off);
    is_str(buf, "El proveedor atiende las incidencias cr\xC3\xADticas en menos de cuatro horas",
           "wrap at 80: line 1");
    is_int((long long)v[0].cols, 70, "wrap at 80: line 1 is 70 columns (\" laborables,\" would reach 81)");
    snprintf(buf, sizeof buf, "%.*s", (int)v[1].len, s + v[1].off);
    is_str(buf, "laborables, todos los d\xC3\xAD" "as del a\xC3\xB1o.", "wrap at 80: line 2");
    is_int((long long)v[1].cols, 35, "wrap at 80: line 2 is 35 columns");
    free(v);

    char *f = text_fill("Disponibilidad mensual garantizada extraordinariamente alta", 10, 0);
    is_str(f, "Disponibil\nidad\nmensual\ngarantizad\na\nextraordin\nariamente\nalta",
           "wrap at 10: long words broken by columns");
    free(f);

    f = text_fill("ab " KANJI KANJI "x", 5, 0);
    /* kanji allow a break between each other (UAX #14 ID class) */
    is_str(f, "ab 漢\n字漢\n字x", "wrap at 5 with wide characters");
    free(f);

    f = text_fill(KANJI KANJI, 3, 0);
    is_str(f, "\xE6\xBC\xA2\n\xE5\xAD\x97\n\xE6\xBC\xA2\n\xE5\xAD\x97",
           "wrap at 3: a wide character is never split");
    free(f);

    f = text_fill("caf" E_COMB "caf" E_COMB "caf" E_COMB, 4, 0);
    is_str(f, "caf" E_COMB "\ncaf" E_COMB "\ncaf" E_COMB,
           "wrap at 4: no break before a combining mark");
    free(f);

    f = text_fill("uno dos\n\ntres cuatro cinco", 10, 0);
    is_str(f, "uno dos\n\ntres\ncuatro\ncinco", "existing newlines are honoured");
    free(f);

    n = text_wrap("a\n", 10, &v);
    is_int((long long)n, 2, "\"a\\n\" is two lines");
    ok(v[0].hard && !v[1].hard && v[1].len == 0 && v[0].next == 2, "hard break and empty last line");
    free(v);
    n = text_wrap("", 10, &v);
    is_int((long long)n, 1, "empty text is one line");
    free(v);

    f = text_fill("- El cliente notifica las incidencias por tel\xC3\xA9" "fono o correo.", 24, 2);
    is_str(f, "- El cliente notifica\n  las incidencias por\n  tel\xC3\xA9" "fono o correo.",
           "text_fill with a hanging indent of 2");
    free(f);

    const char *sop = "Soporte: lunes a viernes de nueve a seis";
    n = text_wrap_indent(sop, 20, 4, &v);
    is_int((long long)n, 3, "text_wrap_indent: three lines");
    ok(v[0].cols <= 20 && v[1].cols <= 16 && v[2].cols <= 16, "first line 20, next 16 columns");
    snprintf(buf, sizeof buf, "%.*s|%.*s|%.*s", (int)v[0].len, &sop[v[0].off], (int)v[1].len,
             &sop[v[1].off], (int)v[2].len, &sop[v[2].off]);
    is_str(buf, "Soporte: lunes a|viernes de nueve|a seis", "text_wrap_indent lines");
    free(v);

    f = text_fill("  indented para   with   spaces", 12, 0);
    is_str(f, "  indented\npara   with\nspaces", "leading spaces kept, trailing spaces trimmed");
    free(f);
}

static void test_truncate(void)
{
    size_t used;
    is_int((long long)text_truncate("abc" KANJI, 4, &used), 3, "truncate to 4: the kanji does not fit");
    is_int((long long)used, 3, "truncate to 4 uses 3 columns");
    is_int((long long)text_truncate("abc" KANJI, 5, &used), 6, "truncate to 5 keeps one kanji");
    is_int((long long)used, 5, "truncate to 5 uses 5 columns");
    is_int((long long)text_truncate("caf" E_COMB "!", 4, &used), 6, "truncate keeps the combining mark");
    is_int((long long)text_truncate(GRIN, 1, &used), 0, "an emoji does not fit in 1 column");

    char *p = text_pad(E_ACUTE "l", 5, TEXT_LEFT);
    is_str(p, E_ACUTE "l   ", "pad left counts columns");
    free(p);
    p = text_pad(KANJI, 6, TEXT_RIGHT);
    is_str(p, "  " KANJI, "pad right");
    free(p);
    p = text_pad("ab", 5, TEXT_CENTER);
    is_str(p, " ab  ", "pad centre");
    free(p);
    p = text_pad("abcdef", 3, TEXT_LEFT);
    is_str(p, "abcdef", "pad never truncates");
    free(p);
    p = text_fit("Panadería López", 8, TEXT_LEFT);
    is_str(p, "Panader\xE2\x80\xA6", "fit with an ellipsis");
    is_int((long long)text_width(p), 8, "fit is 8 columns");
    free(p);
    p = text_fit("ab" KANJI, 4, TEXT_LEFT);
    is_str(p, "ab\xE2\x80\xA6 ", "fit: the kanji does not fit beside the ellipsis, padded");
    free(p);
    p = text_fit("ok", 4, TEXT_RIGHT);
    is_str(p, "  ok", "fit pads when it fits");
    free(p);
}

static void test_slug(void)
{
    char *s = text_slug("Soporte informático para Panadería López");
    is_str(s, "soporte-informatico-para-panaderia-lopez", "slug of a Spanish title");
    free(s);
    s = text_slug("  --Ca" N_TILDE "o (Se" N_TILDE "or) & S.L.  ");
    is_str(s, "cano-senor-s-l", "slug collapses and trims");
    free(s);
    s = text_slug("caf" E_COMB " Stra\xC3\x9F" "e");
    is_str(s, "cafe-strasse", "slug of decomposed input and sharp s");
    free(s);
    s = text_slug(KANJI);
    is_str(s, "", "slug without Latin letters is empty");
    free(s);
    s = text_slug("aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg");
    is_int((long long)strlen(s), 64, "slug is at most 64 bytes");
    free(s);
}

static void test_index(void)
{
    struct text_index ix = {0};
    const char *s = "a" E_ACUTE KANJI "\nx" GRIN;
    text_index_build(&ix, s, strlen(s), 0);
    is_int((long long)ix.n, 7, "index: seven characters");
    is_int((long long)ix.pos[2].off, 3, "index: kanji at byte 3");
    is_int((long long)ix.pos[3].col, 4, "index: second kanji at column 4");
    is_int((long long)ix.pos[5].col, 0, "index: column restarts after a newline");
    is_int((long long)ix.pos[7].col, 3, "index: end column 3");
    is_int((long long)text_index_find(&ix, 4), 2, "find inside a kanji");
    is_int((long long)text_index_find(&ix, strlen(s)), 7, "find at the end");
    text_index_free(&ix);
}

static void test_buf(void)
{
    struct text_buf b;
    size_t cur;
    text_buf_init(&b, 0, false);
    text_buf_insert(&b, 0, "cafe", 4, &cur);
    text_buf_insert(&b, cur, "\xCC\x81", 2, &cur);
    is_str(b.s, "caf" E_ACUTE, "a combining mark typed after its base composes");
    is_int((long long)b.ix.n, 4, "four characters");
    is_int((long long)cur, 4, "cursor after the e-acute");
    text_buf_insert(&b, 0, "a\r\nb\tc\x01\xFF", 8, &cur);
    is_str(b.s, "a b c\xEF\xBF\xBD" "caf" E_ACUTE, "paste sanitised: CRLF, tab, control, invalid byte");
    is_int((long long)cur, 6, "cursor after the paste");
    text_buf_delete(&b, 0, 6);
    is_str(b.s, "caf" E_ACUTE, "delete");
    char *d = text_buf_dup(&b, 1, 3);
    is_str(d, "af", "dup");
    free(d);
    text_buf_free(&b);

    text_buf_init(&b, 5, true);
    ok(!text_buf_set(&b, "uno\ndos"), "set beyond max_chars reports the cut");
    is_str(b.s, "uno\nd", "set keeps what fits (newline kept in multiline)");
    ok(!text_buf_insert(&b, 5, "x", 1, &cur), "insert when full is refused");
    ok(text_buf_insert(&b, 5, "\xCC\x83", 2, &cur), "a combining mark still fits when full");
    is_str(b.s, "uno\nd\xCC\x83", "it joins the last character");
    is_int((long long)b.ix.n, 5, "still five characters");
    is_int((long long)cur, 5, "cursor after it");
    text_buf_free(&b);
}

int main(void)
{
    (void)skip_all; /* tap.h helper this test does not need */
    test_valid();
    test_width();
    test_nfc();
    test_chars();
    test_wrap();
    test_truncate();
    test_slug();
    test_index();
    test_buf();
    return done_testing();
}
