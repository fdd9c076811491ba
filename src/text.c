/* text.c - UTF-8 text utilities over libunistring (see text.h). */
#include "config.h"

#include "src/text.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "src/xalloc.h"

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026, one column */
#define SLUG_MAX 64

/* ---- validation ------------------------------------------------------ */

bool text_utf8_valid_flags(const char *buf, size_t len, unsigned flags, size_t *bad_offset)
{
    size_t bad = len;
    const uint8_t *p = u8_check((const uint8_t *)buf, len);
    if (p != NULL)
        bad = (size_t)(p - (const uint8_t *)buf);
    if (!(flags & TEXT_ALLOW_NUL)) {
        const char *z = memchr(buf, '\0', bad);
        if (z != NULL)
            bad = (size_t)(z - buf);
    }
    if (bad == len)
        return true;
    if (bad_offset != NULL)
        *bad_offset = bad;
    return false;
}

bool text_utf8_valid(const char *buf, size_t len, size_t *bad_offset)
{
    return text_utf8_valid_flags(buf, len, 0, bad_offset);
}

/* ---- code points and characters -------------------------------------- */

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
    ucs4_t uc;
    int k = u8_mbtouc(&uc, (const uint8_t *)s, n);
    *cp = uc;
    return k > 0 ? (size_t)k : 1;
}

size_t text_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    int k = u8_uctomb((uint8_t *)out, cp, 4);
    return k > 0 ? (size_t)k : 0;
}

int text_cp_width(uint32_t cp)
{
    int w = uc_width(cp, "UTF-8");
    return w < 0 ? 1 : w;
}

/* Start of the code point ending at off (off > 0), its value in *cp. */
static size_t prev_cp(const char *s, size_t len, size_t off, uint32_t *cp)
{
    for (size_t k = 1; k <= 4 && k <= off; k++) {
        size_t p = off - k;
        if (((unsigned char)s[p] & 0xC0) == 0x80)
            continue;
        if (p + text_decode(s + p, len - p, cp) == off)
            return p;
        break;
    }
    text_decode(s + off - 1, len - (off - 1), cp);
    return off - 1;
}

size_t text_next_char(const char *s, size_t len, size_t off)
{
    if (off >= len)
        return len;
    /* ASCII followed by ASCII (or the end) is a character of its own: no
     * pair of ASCII code points is joined but CR LF */
    unsigned char c = (unsigned char)s[off];
    if (c < 0x80 && (off + 1 == len || ((unsigned char)s[off + 1] < 0x80 && !(c == '\r' && s[off + 1] == '\n'))))
        return off + 1;
    uint32_t a, b;
    off += text_decode(s + off, len - off, &a);
    while (off < len) {
        size_t k = text_decode(s + off, len - off, &b);
        if (uc_is_grapheme_break(a, b))
            break;
        off += k;
        a = b;
    }
    return off;
}

size_t text_prev_char(const char *s, size_t len, size_t off)
{
    if (off == 0)
        return 0;
    if (off > len)
        off = len;
    uint32_t a, b;
    size_t p = prev_cp(s, len, off, &b);
    while (p > 0) {
        size_t q = prev_cp(s, len, p, &a);
        if (uc_is_grapheme_break(a, b))
            break;
        p = q;
        b = a;
    }
    return p;
}

size_t text_count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i = text_next_char(s, len, i))
        n++;
    return n;
}

/* ---- width ------------------------------------------------------------ */

/* Display columns of an ASCII byte, as uc_width judges it through
 * text_cp_width: NUL is 0 columns, every other byte below 0x80 (controls
 * included, drawn as a replacement) is 1. */
#define ASCII_WIDTH(c) ((c) != 0)

/* Fast paths of text_width_n, each giving what text_cp_width gives:
 * - eight ASCII bytes at a time when none is NUL: 8 columns;
 * - a well-formed two-byte sequence for U+0080..U+02FF (Latin-1, Latin
 *   Extended-A and B, IPA, spacing modifier letters; the combining marks
 *   start at U+0300): 1 column, but U+00AD SOFT HYPHEN, which uc_width
 *   makes 0 (the C1 controls U+0080..U+009F are -1 there, which
 *   text_cp_width turns into 1).
 * tests/unit/test_text checks both against uc_width for every code point
 * they cover. */
#define TWO_BYTE_FAST(c0, c1) ((c0) >= 0xC2 && (c0) <= 0xCB && ((c1) & 0xC0) == 0x80)
#define TWO_BYTE_WIDTH(c0, c1) (!((c0) == 0xC2 && (c1) == 0xAD))

/* How many of the n bytes from p are ASCII but NUL before the first that
 * is not: eight bytes at a time (no byte >= 0x80 and no zero byte, the
 * classic has-zero test, which is exact for the lowest flagged byte), the
 * first flagged byte found from the lowest set bit where bytes are stored
 * little-endian. */
static inline size_t ascii_run(const unsigned char *p, size_t n)
{
    size_t k = 0;
    while (k + 8 <= n) {
        uint64_t v;
        memcpy(&v, p + k, 8);
        uint64_t m = (v | ((v - 0x0101010101010101ull) & ~v)) & 0x8080808080808080ull;
        if (m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return k + ((size_t)__builtin_ctzll(m) >> 3);
#else
            break;
#endif
        }
        k += 8;
    }
    while (k < n && p[k] != 0 && p[k] < 0x80)
        k++;
    return k;
}

/* The width of the longest prefix of p[0..n) that the fast paths measure
 * (ASCII runs, NUL as nothing, two-byte characters that TWO_BYTE_FAST
 * knows); *end is where it stops: n, or the first character they do not. */
static inline __attribute__((always_inline)) size_t fast_prefix_width(const unsigned char *p, size_t n,
                                                                      size_t *end)
{
    size_t w = 0, i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) { /* ASCII: one byte, no decoding, a run at once */
            if (c == 0) {
                i++; /* ASCII_WIDTH: none */
                continue;
            }
            size_t k = ascii_run(p + i, n - i);
            w += k;
            i += k;
            continue;
        }
        if (i + 1 < n && TWO_BYTE_FAST(c, p[i + 1])) {
            w += TWO_BYTE_WIDTH(c, p[i + 1]);
            i += 2;
            continue;
        }
        break;
    }
    *end = i;
    return w;
}

size_t text_width_n(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0, i = 0;
    while (i < n) {
        size_t e;
        w += fast_prefix_width(p + i, n - i, &e);
        i += e;
        if (i < n) { /* one character the fast paths do not know */
            uint32_t cp;
            i += text_decode(s + i, n - i, &cp);
            w += (size_t)text_cp_width(cp);
        }
    }
    return w;
}

size_t text_width_n_general(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        w += (size_t)text_cp_width(cp);
    }
    return w;
}

size_t text_width(const char *s) { return text_width_n(s, strlen(s)); }

size_t text_max_word_width(const char *s, size_t n)
{
    /* an ASCII word is as wide as it is long, a word of ASCII and two-byte
     * U+0080..U+02FF as text_width_n's fast path counts it; any other word
     * is measured by text_width_n */
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t best = 0;
    while (p < end) {
        const unsigned char *q = p;
        size_t ww = 0;
        while (q < end && *q != ' ' && *q != '\n' && *q != '\t') {
            if (*q > 0 && *q < 0x80) {
                ww++;
                q++;
            } else if (q + 1 < end && TWO_BYTE_FAST(q[0], q[1])) {
                ww += TWO_BYTE_WIDTH(q[0], q[1]);
                q += 2;
            } else {
                while (q < end && *q != ' ' && *q != '\n' && *q != '\t')
                    q++;
                ww = text_width_n((const char *)p, (size_t)(q - p));
                break;
            }
        }
        if (ww > best)
            best = ww;
        p = q < end ? q + 1 : q;
    }
    return best;
}

/* ---- normalisation ---------------------------------------------------- */

static char *normalize_n(uninorm_t form, const char *s, size_t n, size_t *out_len)
{
    size_t rl = 0;
    uint8_t *r = n && u8_check((const uint8_t *)s, n) == NULL
                     ? u8_normalize(form, (const uint8_t *)s, n, NULL, &rl) : NULL;
    char *out;
    if (r == NULL) {
        out = xstrndup(s, n);
        rl = n;
    } else {
        out = xmalloc(rl + 1);
        memcpy(out, r, rl);
        out[rl] = '\0';
        free(r);
    }
    if (out_len != NULL)
        *out_len = rl;
    return out;
}

char *text_nfc_n(const char *s, size_t n, size_t *out_len)
{
    return normalize_n(UNINORM_NFC, s, n, out_len);
}

char *text_nfc(const char *s) { return text_nfc_n(s, strlen(s), NULL); }

/* ---- wrapping --------------------------------------------------------- */

struct lines {
    struct text_line *v;
    size_t n, cap;
};

/* A line of len bytes at off (its trailing spaces already dropped) that is
 * cols columns wide. */
static void emit_cols(struct lines *L, size_t off, size_t len, size_t cols, size_t next, bool hard)
{
    if (L->n == L->cap)
        L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof *L->v);
    L->v[L->n++] = (struct text_line){.off = off, .len = len, .cols = cols, .next = next, .hard = hard};
}

static void emit(struct lines *L, const char *s, size_t off, size_t end, size_t next, bool hard)
{
    size_t len = end - off;
    while (len > 0 && s[off + len - 1] == ' ')
        len--;
    emit_cols(L, off, len, text_width_n(s + off, len), next, hard);
}

/* Width of p[0..n) when every code point in it is ASCII or a well-formed
 * two-byte U+0080..U+02FF; (size_t)-1 otherwise.  No two such code points
 * join into one character (uc_is_grapheme_break is true between any two of
 * them but CR LF, and a paragraph holds no LF), so each is a character of
 * its own and this width is the sum the wrapping loop would add up. */
static size_t plain_width(const unsigned char *p, size_t n)
{
    size_t e, w = fast_prefix_width(p, n, &e);
    return e == n ? w : (size_t)-1;
}

/* The characters for which the break rule of fast path 2 below is known
 * without libunistring: letters (UAX #14 class AL), digits (NU), the space
 * (SP), and the infix separators , . : ; (IS), one flag each per byte; the
 * lead bytes C3 C4 C5 of the two-byte Latin letters U+00C0..U+017F (AL; the
 * signs U+00D7 and U+00F7, class AI, are left out).  Every other byte is 0:
 * hyphens (HY, BA), ! and ? (EX, which allow a break after them), quotes
 * and brackets (QU, OP, CL, CP), / (SY), % $ + (PO, PR), symbols, controls,
 * and every other non-ASCII character. */
enum { F_ALNUM = 1, F_NU = 2, F_SP = 4, F_IS = 8, F_LEAD = 16 };

static const unsigned char byte_lb[256] = {
    [' '] = F_SP,
    [','] = F_IS, ['.'] = F_IS, [':'] = F_IS, [';'] = F_IS,
    ['0' ... '9'] = F_ALNUM | F_NU,
    ['A' ... 'Z'] = F_ALNUM,
    ['a' ... 'z'] = F_ALNUM,
    [0xC3] = F_LEAD, [0xC4] = F_LEAD, [0xC5] = F_LEAD,
};

/* The second byte of a Latin letter after its lead byte c0. */
static bool latin_second(unsigned char c0, unsigned char c1)
{
    return (c1 & 0xC0) == 0x80 && !(c0 == 0xC3 && (c1 == 0x97 || c1 == 0xB7));
}

/* The break rule of fast path 2: every break opportunity UAX #14 gives in
 * a paragraph is exactly after a run of spaces, before the next non-space
 * character, when the paragraph holds only the characters above (every one
 * a character of its own, one column wide), does not start with a space
 * (libunistring allows no break after leading spaces), and avoids the
 * places where the rules or their versions differ: a space before IS (LB13
 * forbids a break there, Unicode 15.1's LB15c allows one before a digit),
 * and IS followed by anything but a space, another IS, or a digit when a
 * digit precedes the IS (LB25: "99,5"; a letter after IS, as in "a.b", is a
 * break in libunistring 1.0 and none under LB29).  Between the rest -- AL
 * and NU in any order (LB23, LB25, LB28), before IS (LB13), before SP
 * (LB7) -- there is no break; after SP there is one (LB18).
 * tests/unit/test_textfast compares the wrapping that relies on this with
 * u8_possible_linebreaks on many strings over this alphabet and near it. */

/* The general path of wrap_para: the break opportunities of UAX #14 from
 * libunistring.  reference: measure every character with the general width
 * function too (text_width_n_general), the path the tests compare the fast
 * ones with (wrap_all with general set). */
static void wrap_general(struct lines *L, const char *s, size_t ps, size_t ce, size_t next_after, bool hard,
                         size_t first_width, size_t width, bool reference)
{
    size_t start = ps, cols = 0, brk = ps, cols_at_brk = 0;
    size_t w = L->n == 0 ? first_width : width;
    /* The general path.  The break opportunities are needed only once a
     * line overflows: a paragraph that fits is never asked for them.  Until
     * then the loop runs without them (brk stays where it would be
     * ignored); at the first overflow they are computed and the paragraph
     * is scanned again from its start, which takes the same decisions as a
     * scan that had them all along. */
    char *br = NULL;
    size_t i = ps;
    while (i < ce) {
        size_t j, cw;
        unsigned char c = (unsigned char)s[i];
        if (reference) {
            j = text_next_char(s, ce, i);
            cw = text_width_n_general(s + i, j - i);
        } else if (c < 0x80 &&
                   (i + 1 == ce || ((unsigned char)s[i + 1] < 0x80 && !(c == '\r' && s[i + 1] == '\n')))) {
            /* ASCII followed by ASCII (or the end): a character of its own
             * (only CR LF stays together), as text_next_char would find */
            j = i + 1;
            cw = ASCII_WIDTH(c);
        } else {
            j = text_next_char(s, ce, i);
            cw = text_width_n(s + i, j - i);
        }
        if (!br && s[i] != ' ' && i > start && cols + cw > w) {
            br = xmalloc(ce - ps);
            u8_possible_linebreaks((const uint8_t *)s + ps, ce - ps, "UTF-8", br);
            cols = 0; /* nothing was emitted yet: scan again from ps */
            i = ps;
            continue;
        }
        if (br && i > start && br[i - ps] == UC_BREAK_POSSIBLE) {
            brk = i;
            cols_at_brk = cols;
        }
        if (s[i] != ' ' && i > start && cols + cw > w) {
            if (brk > start) {
                emit(L, s, start, brk, brk, false);
                start = brk;
                cols -= cols_at_brk;
            } else {
                emit(L, s, start, i, i, false);
                start = i;
                cols = 0;
            }
            brk = start;
            w = width;
            continue; /* look at character i again on the new line */
        }
        cols += cw;
        i = j;
    }
    emit(L, s, start, ce, next_after, hard);
    free(br);
}

/* Wrap the paragraph s[ps..pe) (no newline inside). */
static void wrap_para(struct lines *L, const char *s, size_t ps, size_t pe, size_t next_after,
                      bool hard, size_t first_width, size_t width)
{
    size_t ce = pe; /* content end: a CR before the newline is not shown */
    if (hard && ce > ps && s[ce - 1] == '\r')
        ce--;
    size_t start = ps, cols = 0, brk = ps, cols_at_brk = 0;
    size_t w = L->n == 0 ? first_width : width;
    const unsigned char *p = (const unsigned char *)s;

    /* Fast path 1: a paragraph of characters of their own that fits is one
     * line, and the loop below would find no overflow in it: a non-space
     * character overflows only when the columns up to its end exceed w,
     * which they cannot when the paragraph without its trailing spaces
     * fits. */
    size_t te = ce;
    while (te > ps && s[te - 1] == ' ')
        te--;
    size_t pw = plain_width(p + ps, te - ps);
    if (pw <= w) {
        emit_cols(L, ps, te - ps, pw, next_after, hard); /* emit() would measure pw again */
        return;
    }
    /* Fast path 1b: other text that fits.  In well-formed UTF-8 the
     * characters (grapheme clusters) add up to the code points' widths, and
     * none but one ending in a Prepend code point (GB9b) takes in a space
     * after it: unless the last non-space code point is one, no character
     * ends past te, so none overflows when text_width_n(ps..te) fits. */
    if (pw == (size_t)-1 && te > ps && u8_check((const uint8_t *)p + ps, te - ps) == NULL) {
        size_t tw = text_width_n(s + ps, te - ps);
        uint32_t last;
        prev_cp(s, te, te, &last);
        if (tw <= w && uc_graphemeclusterbreak_property(last) != GBP_PREPEND) {
            emit_cols(L, ps, te - ps, tw, next_after, hard);
            return;
        }
    }

    /* Fast path 2: the paragraph overflows, but its break opportunities
     * follow the rule above: after each run of spaces.  The paragraph is
     * taken a word (a run of non-spaces) at a time: the word's characters
     * are checked against the rule and counted; a word that fits on the
     * line is added whole, since no character of it can overflow and none
     * is a break opportunity; a word that does not is placed character by
     * character by the general loop's logic.  Lines' widths follow from the
     * columns counted (a space is one column and one byte).  When the
     * paragraph turns out not to follow the rule, the lines emitted so far
     * are dropped and the general path starts again from its start. */
    if (pw != (size_t)-1 && ps < ce && p[ps] != ' ') {
        size_t n0 = L->n;
        size_t pos = ps;
        bool simple = true;
        while (pos < ce) {
            /* the word [ws, pos) of chars characters */
            size_t ws = pos, chars = 0;
            while (pos < ce) {
                unsigned char c = p[pos];
                unsigned f = byte_lb[c];
                if (f & F_ALNUM) {
                    chars++;
                    pos++;
                    continue;
                }
                if (f & F_LEAD) {
                    if (pos + 1 >= ce || !latin_second(c, p[pos + 1]))
                        break;
                    chars++;
                    pos += 2;
                    continue;
                }
                if (f & F_IS) {
                    /* not after a space; before a space, another IS, the
                     * end, or a digit when a digit is before the IS */
                    if (pos == ws && pos > ps)
                        break;
                    if (pos + 1 < ce) {
                        unsigned next = byte_lb[p[pos + 1]];
                        if (!(next & (F_SP | F_IS)) && !((next & F_NU) && pos > ps && (byte_lb[p[pos - 1]] & F_NU)))
                            break;
                    }
                    chars++;
                    pos++;
                    continue;
                }
                break;
            }
            if (pos < ce && p[pos] != ' ') {
                simple = false; /* a character the rule does not cover */
                break;
            }
            /* a break opportunity before the word, after the spaces */
            if (ws > start && p[ws - 1] == ' ') {
                brk = ws;
                cols_at_brk = cols;
            }
            if (cols + chars <= w) {
                cols += chars;
            } else {
                size_t i = ws;
                while (i < pos) {
                    if (i > start && cols + 1 > w) {
                        if (brk > start) {
                            /* the line ends with the spaces before brk */
                            size_t le = brk;
                            while (p[le - 1] == ' ')
                                le--;
                            emit_cols(L, start, le - start, cols_at_brk - (brk - le), brk, false);
                            start = brk;
                            cols -= cols_at_brk;
                        } else {
                            /* no space before i on this line (it would be
                             * a break opportunity): cut by columns */
                            emit_cols(L, start, i - start, cols, i, false);
                            start = i;
                            cols = 0;
                        }
                        brk = start;
                        w = width;
                        continue; /* look at character i again on the new line */
                    }
                    cols++;
                    i += p[i] < 0x80 ? 1 : 2;
                }
            }
            /* the spaces after it: one column each, never an overflow */
            size_t sp = pos;
            while (sp < ce && p[sp] == ' ')
                sp++;
            cols += sp - pos;
            pos = sp;
        }
        if (simple) {
            emit_cols(L, start, te > start ? te - start : 0, cols - (ce - (te > start ? te : start)), next_after,
                      hard);
            return;
        }
        L->n = n0; /* what it emitted is taken back: the general path starts over */
    }

    wrap_general(L, s, ps, ce, next_after, hard, first_width, width, false);
}

static size_t wrap_all(bool general, const char *s, size_t n, size_t first_width, size_t width,
                       struct text_line **lines, size_t *cap)
{
    struct lines L = {*lines, 0, *cap};
    if (first_width == 0)
        first_width = 1;
    if (width == 0)
        width = 1;
    size_t ps = 0;
    for (;;) {
        const char *nl = memchr(s + ps, '\n', n - ps);
        size_t pe = nl ? (size_t)(nl - s) : n;
        if (general) {
            size_t ce = pe; /* as wrap_para: a CR before the newline is not shown */
            if (nl && ce > ps && s[ce - 1] == '\r')
                ce--;
            wrap_general(&L, s, ps, ce, nl ? pe + 1 : n, nl != NULL, first_width, width, true);
        } else {
            wrap_para(&L, s, ps, pe, nl ? pe + 1 : n, nl != NULL, first_width, width);
        }
        if (nl == NULL)
            break;
        ps = pe + 1;
    }
    *lines = L.v;
    *cap = L.cap;
    return L.n;
}

size_t text_wrap_into(const char *s, size_t n, size_t first_width, size_t width, struct text_line **lines,
                      size_t *cap)
{
    return wrap_all(false, s, n, first_width, width, lines, cap);
}

size_t text_wrap_general(const char *s, size_t n, size_t first_width, size_t width,
                         struct text_line **lines)
{
    size_t cap = 0;
    *lines = NULL;
    return wrap_all(true, s, n, first_width, width, lines, &cap);
}

size_t text_wrap_ex(const char *s, size_t n, size_t first_width, size_t width,
                    struct text_line **lines)
{
    size_t cap = 0;
    *lines = NULL;
    return wrap_all(false, s, n, first_width, width, lines, &cap);
}

size_t text_wrap(const char *s, size_t width, struct text_line **lines)
{
    return text_wrap_ex(s, strlen(s), width, width, lines);
}

size_t text_wrap_indent(const char *s, size_t width, size_t hang, struct text_line **lines)
{
    return text_wrap_ex(s, strlen(s), width, width > hang ? width - hang : 1, lines);
}

char *text_fill(const char *s, size_t width, size_t hang)
{
    struct text_line *v;
    size_t n = text_wrap(s, width > hang ? width - hang : 1, &v);
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += v[i].len + 1 + hang;
    char *out = xmalloc(cap), *p = out;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            *p++ = '\n';
            if (v[i].len > 0) {
                memset(p, ' ', hang);
                p += hang;
            }
        }
        memcpy(p, s + v[i].off, v[i].len);
        p += v[i].len;
    }
    *p = '\0';
    free(v);
    return out;
}

/* ---- truncation and padding ------------------------------------------- */

size_t text_truncate_n(const char *s, size_t n, size_t cols, size_t *used)
{
    size_t i = 0, w = 0;
    while (i < n) {
        size_t j = text_next_char(s, n, i);
        size_t cw = text_width_n(s + i, j - i);
        if (w + cw > cols)
            break;
        w += cw;
        i = j;
    }
    if (used != NULL)
        *used = w;
    return i;
}

size_t text_truncate(const char *s, size_t cols, size_t *used)
{
    return text_truncate_n(s, strlen(s), cols, used);
}

static char *pad_n(const char *s, size_t n, size_t w, size_t cols, enum text_align align,
                   const char *tail)
{
    size_t tl = strlen(tail);
    size_t fill = cols > w ? cols - w : 0;
    size_t left = align == TEXT_RIGHT ? fill : align == TEXT_CENTER ? fill / 2 : 0;
    size_t right = fill - left;
    char *out = xmalloc(left + n + tl + right + 1);
    memset(out, ' ', left);
    memcpy(out + left, s, n);
    memcpy(out + left + n, tail, tl);
    memset(out + left + n + tl, ' ', right);
    out[left + n + tl + right] = '\0';
    return out;
}

char *text_pad(const char *s, size_t cols, enum text_align align)
{
    return pad_n(s, strlen(s), text_width(s), cols, align, "");
}

char *text_fit(const char *s, size_t cols, enum text_align align)
{
    size_t n = strlen(s), w = text_width_n(s, n);
    if (w <= cols)
        return pad_n(s, n, w, cols, align, "");
    if (cols == 0)
        return xstrdup("");
    size_t used;
    size_t k = text_truncate_n(s, n, cols - 1, &used);
    return pad_n(s, k, used + 1, cols, align, ELLIPSIS);
}

/* ---- slugs ------------------------------------------------------------ */

static const char *slug_fold(uint32_t cp)
{
    switch (cp) {
    case 0xDF: return "ss";
    case 0xC6: case 0xE6: return "ae";
    case 0xD8: case 0xF8: return "o";
    case 0x152: case 0x153: return "oe";
    case 0x110: case 0x111: case 0xD0: case 0xF0: return "d";
    case 0x141: case 0x142: return "l";
    case 0xDE: case 0xFE: return "th";
    default: return NULL;
    }
}

char *text_slug(const char *s)
{
    size_t n;
    char *d = normalize_n(UNINORM_NFD, s, strlen(s), &n);
    char *out = xmalloc(SLUG_MAX + 1);
    size_t o = 0;
    bool dash = false;
    for (size_t i = 0; i < n && o < SLUG_MAX;) {
        uint32_t cp;
        i += text_decode(d + i, n - i, &cp);
        if (uc_is_general_category(cp, UC_CATEGORY_M))
            continue;
        char one[2] = {0, 0};
        const char *add = slug_fold(cp);
        if (add == NULL && cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) {
            one[0] = (char)cp;
            add = one;
        } else if (add == NULL && cp >= 'A' && cp <= 'Z') {
            one[0] = (char)(cp - 'A' + 'a');
            add = one;
        }
        if (add == NULL) {
            dash = o > 0;
            continue;
        }
        if (dash && o < SLUG_MAX)
            out[o++] = '-';
        dash = false;
        for (; *add && o < SLUG_MAX; add++)
            out[o++] = *add;
    }
    while (o > 0 && out[o - 1] == '-')
        o--;
    out[o] = '\0';
    free(d);
    return out;
}

/* ---- per-character index ---------------------------------------------- */

void text_index_build(struct text_index *ix, const char *s, size_t len, size_t from)
{
    size_t off = 0, col = 0;
    if (ix->pos == NULL) {
        from = 0;
    } else {
        if (from > ix->n)
            from = ix->n;
        off = ix->pos[from].off;
        col = ix->pos[from].col;
    }
    size_t i = from;
    for (;;) {
        ix->pos = xgrow(ix->pos, &ix->cap, i + 2, sizeof *ix->pos);
        ix->pos[i] = (struct text_pos){off, col};
        if (off >= len)
            break;
        size_t j = text_next_char(s, len, off);
        if (s[j - 1] == '\n')
            col = 0;
        else
            col += text_width_n(s + off, j - off);
        off = j;
        i++;
    }
    ix->n = i;
}

size_t text_index_find(const struct text_index *ix, size_t off)
{
    size_t lo = 0, hi = ix->n; /* answer in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (ix->pos[mid].off <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

void text_index_free(struct text_index *ix)
{
    free(ix->pos);
    *ix = (struct text_index){0};
}

/* ---- editable buffer -------------------------------------------------- */

void text_buf_init(struct text_buf *b, size_t max_chars, bool multiline)
{
    *b = (struct text_buf){.max_chars = max_chars, .multiline = multiline};
    b->cap = 16;
    b->s = xmalloc(b->cap);
    b->s[0] = '\0';
    text_index_build(&b->ix, b->s, 0, 0);
}

void text_buf_free(struct text_buf *b)
{
    free(b->s);
    text_index_free(&b->ix);
    *b = (struct text_buf){0};
}

/* Sanitised copy of s[0..n): see text_buf_insert. */
static char *sanitise(const char *s, size_t n, bool multiline, size_t *out_len)
{
    char *out = xmalloc(n * 3 + 1); /* an invalid byte becomes 3 bytes */
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        if (cp == '\r') {
            if (i < n && s[i] == '\n')
                continue;
            cp = '\n';
        }
        if (cp == '\n') {
            out[o++] = multiline ? '\n' : ' ';
        } else if (cp == '\t') {
            out[o++] = ' ';
        } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            continue;
        } else {
            o += text_encode(cp, out + o);
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

static void splice(struct text_buf *b, size_t off, size_t end, const char *ins, size_t il)
{
    size_t nl = b->len - (end - off) + il;
    b->s = xgrow(b->s, &b->cap, nl + 1, 1);
    memmove(b->s + off + il, b->s + end, b->len - end + 1);
    memcpy(b->s + off, ins, il);
    b->len = nl;
}

bool text_buf_insert(struct text_buf *b, size_t at, const char *s, size_t n, size_t *cursor)
{
    if (at > b->ix.n)
        at = b->ix.n;
    size_t cl;
    char *clean = sanitise(s, n, b->multiline, &cl);
    size_t a = at > 0 ? at - 1 : 0;
    size_t aoff = b->ix.pos[a].off, atoff = b->ix.pos[at].off;
    /* The previous character and the new text, normalised together. */
    char *seg = xmalloc(atoff - aoff + cl + 1);
    memcpy(seg, b->s + aoff, atoff - aoff);
    memcpy(seg + (atoff - aoff), clean, cl + 1);
    free(clean);
    size_t nl;
    char *norm = text_nfc_n(seg, atoff - aoff + cl, &nl);
    free(seg);
    bool whole = true;
    if (b->max_chars > 0) {
        size_t keep = b->ix.n - (at - a); /* characters outside the segment */
        size_t allowed = b->max_chars > keep ? b->max_chars - keep : 0;
        size_t i = 0, k = 0;
        while (i < nl && k < allowed) {
            i = text_next_char(norm, nl, i);
            k++;
        }
        if (i < nl) {
            whole = false;
            nl = i;
        }
    }
    splice(b, aoff, atoff, norm, nl);
    free(norm);
    text_index_build(&b->ix, b->s, b->len, a);
    size_t coff = aoff + nl;
    size_t c = text_index_find(&b->ix, coff);
    if (b->ix.pos[c].off < coff)
        c++;
    if (cursor != NULL)
        *cursor = c;
    return whole;
}

void text_buf_delete(struct text_buf *b, size_t from, size_t to)
{
    if (to > b->ix.n)
        to = b->ix.n;
    if (from >= to)
        return;
    splice(b, b->ix.pos[from].off, b->ix.pos[to].off, "", 0);
    text_index_build(&b->ix, b->s, b->len, from > 0 ? from - 1 : 0);
}

bool text_buf_set(struct text_buf *b, const char *s)
{
    b->len = 0;
    b->s[0] = '\0';
    b->ix.n = 0;
    b->ix.pos[0] = (struct text_pos){0, 0};
    return text_buf_insert(b, 0, s, strlen(s), NULL);
}

char *text_buf_dup(const struct text_buf *b, size_t from, size_t to)
{
    if (to > b->ix.n)
        to = b->ix.n;
    if (from > to)
        from = to;
    return xstrndup(b->s + b->ix.pos[from].off, b->ix.pos[to].off - b->ix.pos[from].off);
}
