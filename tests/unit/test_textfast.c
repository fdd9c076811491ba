/* test_textfast.c - the fast paths of src/text against the general ones.
 *
 * text_width_n counts ASCII eight bytes at a time and two-byte sequences up
 * to U+02FF from a rule; text_wrap_ex wraps paragraphs that fit, and
 * paragraphs of letters, digits, spaces and , . ; : without asking
 * libunistring for their break opportunities.  Each must give exactly what
 * text_width_n_general and text_wrap_general (every code point through
 * libunistring) give: on every code point, on every pair of characters
 * around the alphabet, and on many random strings over that alphabet and
 * near it (hyphens, inverted marks, quotes, tabs, combining marks, CJK,
 * emoji, soft hyphens, no-break spaces, invalid bytes). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/text.h"
#include "tests/tap.h"

/* A small deterministic generator (xorshift64*), so that a failure can be
 * reproduced from the seed printed with it. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static size_t rnd_below(size_t n) { return (size_t)(rnd() % n); }

/* ---- widths ---- */

static void test_width_every_code_point(void)
{
    size_t bad = 0;
    uint32_t first_bad = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        char b[8];
        size_t n = text_encode(cp, b);
        if (n == 0)
            continue; /* surrogates */
        if (text_width_n(b, n) != text_width_n_general(b, n)) {
            if (!bad)
                first_bad = cp;
            bad++;
        }
    }
    ok(bad == 0, "text_width_n equals the general width on every code point (first difference U+%04X)",
       (unsigned)first_bad);
}

static void test_width_random_bytes(void)
{
    /* ASCII runs with NULs and controls (the eight-at-a-time path), two-byte
     * sequences, truncated and invalid sequences, at every alignment */
    static const char *const pieces[] = {
        "abcdefgh", "a", " ", "\t", "\x01", "", "\xC2\xAD", "\xC2\x80", "\xC2\xA0", "\xC3\xA9",
        "\xCB\xBF", "\xCC\x81", "\xCD\xAF", "\xC3", "\xC2", "\xE2\x82", "\x80", "\xFF", "\xE6\xBC\xA2",
        "\xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80", "\xC1\xBF", "1234567890123456",
    };
    size_t npieces = sizeof pieces / sizeof *pieces;
    size_t bad = 0;
    uint64_t bad_seed = 0;
    char buf[256];
    for (int iter = 0; iter < 20000; iter++) {
        uint64_t seed = rng_state;
        size_t n = 0;
        size_t k = 1 + rnd_below(12);
        for (size_t i = 0; i < k; i++) {
            const char *p = pieces[rnd_below(npieces)];
            size_t l = *p ? strlen(p) : 1; /* "" stands for one NUL byte */
            if (n + l > sizeof buf)
                break;
            memcpy(buf + n, p, l);
            n += l;
        }
        size_t off = n ? rnd_below(n) : 0;
        if (text_width_n(buf + off, n - off) != text_width_n_general(buf + off, n - off) ||
            text_width_n(buf, n) != text_width_n_general(buf, n)) {
            if (!bad)
                bad_seed = seed;
            bad++;
        }
    }
    ok(bad == 0, "text_width_n equals the general width on 20000 random byte strings (%zu differ, first seed %llu)",
       bad, (unsigned long long)bad_seed);
}

/* The widest word, the general way: split at spaces, newlines and tabs,
 * each word measured by text_width_n_general. */
static size_t ref_max_word(const char *s, size_t n)
{
    size_t best = 0;
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && s[k] != ' ' && s[k] != '\n' && s[k] != '\t')
            k++;
        size_t w = text_width_n_general(s + i, k - i);
        if (w > best)
            best = w;
        i = k < n ? k + 1 : k;
    }
    return best;
}

static void test_max_word_random(void)
{
    static const char *const pieces[] = {
        "abc", "a", " ", "  ", "\n", "\t", "", "\xC2\xAD", "\xC2\x80", "\xC3\xA9", "\xCB\xBF", "\xCC\x81",
        "\xC3", "\x80", "\xE6\xBC\xA2", "\xF0\x9F\x98\x80", "\xE2\x82", "x\xC3\xB1o", "12345678901234567890",
    };
    size_t npieces = sizeof pieces / sizeof *pieces;
    size_t bad = 0;
    char buf[256];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0, k = 1 + rnd_below(16);
        for (size_t i = 0; i < k; i++) {
            const char *p = pieces[rnd_below(npieces)];
            size_t l = *p ? strlen(p) : 1; /* "" stands for one NUL byte */
            if (n + l > sizeof buf)
                break;
            memcpy(buf + n, p, l);
            n += l;
        }
        if (text_max_word_width(buf, n) != ref_max_word(buf, n) && !bad++)
            printf("# max word width differs on \"%.*s\"\n", (int)n, buf);
    }
    ok(bad == 0, "text_max_word_width equals the general widths of the words on 20000 random strings (%zu differ)",
       bad);
}

/* ---- wrapping ---- */

/* Compare the fast and the general wrapping of s[0..n); on a difference
 * print it (once per test) and return false. */
static bool same_wrap(const char *s, size_t n, size_t first_width, size_t width, bool report)
{
    struct text_line *a, *b;
    size_t na = text_wrap_ex(s, n, first_width, width, &a);
    size_t nb = text_wrap_general(s, n, first_width, width, &b);
    bool same = na == nb;
    for (size_t i = 0; same && i < na; i++)
        same = a[i].off == b[i].off && a[i].len == b[i].len && a[i].cols == b[i].cols &&
               a[i].next == b[i].next && a[i].hard == b[i].hard;
    if (!same && report) {
        printf("# differs at widths %zu/%zu: \"%.*s\"\n", first_width, width, (int)n, s);
        for (size_t i = 0; i < na; i++)
            printf("#   fast:    %zu+%zu cols %zu next %zu%s\n", a[i].off, a[i].len, a[i].cols, a[i].next,
                   a[i].hard ? " hard" : "");
        for (size_t i = 0; i < nb; i++)
            printf("#   general: %zu+%zu cols %zu next %zu%s\n", b[i].off, b[i].len, b[i].cols, b[i].next,
                   b[i].hard ? " hard" : "");
    }
    free(a);
    free(b);
    return same;
}

/* The alphabet of the fast break rule, and characters near it. */
static const char *const simple_chars[] = {
    "a", "b", "e", "z", "A", "Q", "Z", "0", "5", "9", " ", " ", " ", ",", ".", ";", ":",
    "\xC3\x80", "\xC3\xA9", "\xC3\xB1", "\xC3\x91", "\xC3\xBF", "\xC3\x9F", "\xC4\x80", "\xC5\x93", "\xC5\xBF",
};

static const char *const near_chars[] = {
    "-", "!", "?", "\"", "'", "(", ")", "[", "]", "{", "}", "/", "%", "$", "+", "#", "&", "*", "@",
    "=", "<", ">", "_", "|", "~", "`", "^", "\\", "\t", "\r",
    "\xC2\xA1",          /* inverted exclamation mark */
    "\xC2\xBF",          /* inverted question mark */
    "\xC2\xAB", "\xC2\xBB", /* guillemets */
    "\xC2\xA0",          /* no-break space */
    "\xC2\xAD",          /* soft hyphen */
    "\xC2\xB7",          /* middle dot */
    "\xC3\x97", "\xC3\xB7", /* multiplication and division signs */
    "\xC2\xB0", "\xC2\xAA", "\xC2\xBA",
    "\xC6\x80", "\xCA\xB0", /* Latin Extended-B, modifier letter */
    "\xCC\x81", "\xCC\x88", /* combining acute, diaeresis */
    "\xE2\x80\x90",      /* hyphen */
    "\xE2\x80\x94",      /* em dash */
    "\xE2\x80\x9C", "\xE2\x80\x9D", /* curly quotes */
    "\xE2\x80\xA6",      /* ellipsis */
    "\xE2\x82\xAC",      /* euro sign */
    "\xE2\x89\xA5",      /* greater-than or equal */
    "\xE6\xBC\xA2", "\xE5\xAD\x97", /* CJK */
    "\xE3\x80\x82",      /* ideographic full stop */
    "\xF0\x9F\x98\x80",  /* emoji */
    "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", /* emoji with a skin tone */
    "\xD8\x80", "\xDB\x9D",   /* Arabic prepended concatenation marks */
    "\xE2\x80\x8B",      /* zero-width space */
    "\xE2\x80\x8D",      /* zero-width joiner */
    "\xC3",              /* a truncated sequence */
    "\x80",              /* a stray continuation byte */
};

static size_t gen(char *buf, size_t size, bool near, size_t words)
{
    size_t n = 0;
    size_t nsimple = sizeof simple_chars / sizeof *simple_chars, nnear = sizeof near_chars / sizeof *near_chars;
    for (size_t w = 0; w < words; w++) {
        /* a word of letters, sometimes a digit run, a separator, or a
         * character from near the alphabet */
        size_t len = 1 + rnd_below(9);
        for (size_t i = 0; i < len; i++) {
            const char *p;
            size_t r = rnd_below(100);
            if (near && r < 6)
                p = near_chars[rnd_below(nnear)];
            else if (r < 12)
                p = simple_chars[rnd_below(nsimple)];
            else if (r < 16)
                p = "0123456789" + rnd_below(10);
            else
                p = simple_chars[rnd_below(4)];
            size_t l = strlen(p);
            if (p[0] >= '0' && p[0] <= '9')
                l = 1;
            if (n + l + 2 > size)
                return n;
            memcpy(buf + n, p, l);
            n += l;
        }
        if (n + 3 > size)
            return n;
        size_t r = rnd_below(100);
        if (r < 5)
            buf[n++] = '\n';
        else if (r < 8) {
            buf[n++] = ' ';
            buf[n++] = ' ';
        } else if (r < 10 && near) {
            buf[n++] = '\r';
            buf[n++] = '\n';
        } else
            buf[n++] = ' ';
    }
    if (rnd_below(4) == 0 && n > 0)
        n--; /* sometimes no separator at the end */
    return n;
}

static void test_wrap_random(bool near, int iterations)
{
    static const size_t widths[] = {1, 2, 3, 4, 5, 7, 10, 16, 20, 33, 40, 76, 80};
    size_t nw = sizeof widths / sizeof *widths;
    char buf[600];
    size_t bad = 0, tried = 0;
    for (int iter = 0; iter < iterations; iter++) {
        uint64_t seed = rng_state;
        size_t n = gen(buf, sizeof buf, near, 1 + rnd_below(40));
        /* sometimes a leading space, which the fast rule leaves to the
         * general path */
        if (rnd_below(10) == 0 && n + 1 < sizeof buf) {
            memmove(buf + 1, buf, n);
            buf[0] = ' ';
            n++;
        }
        size_t w = widths[rnd_below(nw)];
        size_t fw = rnd_below(3) == 0 ? widths[rnd_below(nw)] : w;
        tried++;
        if (!same_wrap(buf, n, fw, w, bad == 0)) {
            if (!bad)
                printf("# seed %llu\n", (unsigned long long)seed);
            bad++;
        }
    }
    ok(bad == 0, "wrapping %s: fast equals general on %zu random texts (%zu differ)",
       near ? "near the fast alphabet" : "over the fast alphabet", tried, bad);
}

/* Every pair of characters from both sets, inside words and between
 * spaces, at widths that make the lines break around them. */
static void test_wrap_pairs(void)
{
    const char *set[sizeof simple_chars / sizeof *simple_chars + sizeof near_chars / sizeof *near_chars];
    size_t ns = 0;
    for (size_t i = 0; i < sizeof simple_chars / sizeof *simple_chars; i++)
        set[ns++] = simple_chars[i];
    for (size_t i = 0; i < sizeof near_chars / sizeof *near_chars; i++)
        set[ns++] = near_chars[i];
    static const char *const frames[][3] = {
        {"ab", "", "cd"}, {"ab ", "", " cd"}, {"ab", " ", "cd"}, {"1", "", "2"}, {"a.", "", "b"}, {"9", ",", "5"},
    };
    size_t bad = 0, tried = 0;
    for (size_t f = 0; f < sizeof frames / sizeof *frames; f++)
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ns; j++) {
                char buf[64];
                int n = snprintf(buf, sizeof buf, "%s%s%s%s%s %s%s", frames[f][0], set[i], frames[f][1], set[j],
                                 frames[f][2], set[i], set[j]);
                for (size_t w = 2; w <= 5; w++) {
                    tried++;
                    if (!same_wrap(buf, (size_t)n, w, w, bad == 0))
                        bad++;
                }
            }
    ok(bad == 0, "wrapping every pair of characters around the fast alphabet: %zu cases, %zu differ", tried, bad);
}

/* Every Latin letter the fast rule accepts (and its neighbours) between
 * words, so that each is seen by the break rule and the fit test. */
static void test_wrap_latin(void)
{
    size_t bad = 0, tried = 0;
    for (uint32_t cp = 0xA0; cp < 0x300; cp++) {
        char c[4], buf[64];
        size_t l = text_encode(cp, c);
        int n = snprintf(buf, sizeof buf, "ab%.*scd %.*s e%.*s, 5%.*s ;%.*s", (int)l, c, (int)l, c, (int)l, c,
                         (int)l, c, (int)l, c);
        for (size_t w = 1; w <= 8; w++) {
            tried++;
            if (!same_wrap(buf, (size_t)n, w, w, bad == 0))
                bad++;
        }
    }
    ok(bad == 0, "wrapping around every code point U+00A0..U+02FF: %zu cases, %zu differ", tried, bad);
}

/* A Prepend code point takes in the space after it (GB9b): at the end of a
 * paragraph, before its trailing spaces, the text that seems to fit may
 * overflow. */
static void test_wrap_prepend(void)
{
    static const char *const texts[] = {
        "ab \xD8\x80 ", "ab \xD8\x80   ", "abc\xD8\x80 \xE2\x89\xA5", "\xE2\x89\xA5 99,5 %\xDB\x9D  ",
        "\xE2\x89\xA5 99,5 % per month", "\xE6\xBC\xA2\xD8\x80 ", "x\xD8\x80\xD8\x80  \n\xD8\x80 y \xD8\x80  ",
    };
    size_t bad = 0, tried = 0;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (size_t w = 1; w <= 12; w++) {
            tried++;
            if (!same_wrap(texts[t], strlen(texts[t]), w, w, bad == 0))
                bad++;
        }
    ok(bad == 0, "wrapping text that ends in a Prepend code point before spaces: %zu cases, %zu differ", tried, bad);
}

static void test_wrap_into(void)
{
    /* the reusable array gives the same lines as a fresh one */
    struct text_line *v = NULL, *w;
    size_t cap = 0;
    static const char *const texts[] = {"uno dos tres cuatro cinco seis siete", "", "a\nb\n",
                                        "caf\xC3\xA9 \xE6\xBC\xA2\xE5\xAD\x97 ma\xC3\xB1" "ana"};
    bool same = true;
    for (int round = 0; round < 3; round++)
        for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
            size_t n = text_wrap_into(texts[t], strlen(texts[t]), 6, 5, &v, &cap);
            size_t m = text_wrap_ex(texts[t], strlen(texts[t]), 6, 5, &w);
            same = same && n == m;
            for (size_t i = 0; same && i < n; i++)
                same = v[i].off == w[i].off && v[i].len == w[i].len && v[i].cols == w[i].cols &&
                       v[i].next == w[i].next && v[i].hard == w[i].hard;
            free(w);
        }
    free(v);
    ok(same, "text_wrap_into reusing its array equals text_wrap_ex");
}

int main(void)
{
    (void)skip_all; /* tap.h helper this test does not need */
    test_width_every_code_point();
    test_width_random_bytes();
    test_max_word_random();
    test_wrap_random(false, 30000);
    test_wrap_random(true, 30000);
    test_wrap_pairs();
    test_wrap_latin();
    test_wrap_prepend();
    test_wrap_into();
    return done_testing();
}
