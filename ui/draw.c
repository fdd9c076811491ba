/* draw.c - UTF-8 text on the screen by display columns. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>
#include <wchar.h>

#include "ui/draw.h"

static bool utf8_locale;
static bool unicode_glyphs;

static const char *const glyphs[DRAW_NGLYPHS][2] = {
    [DRAW_HLINE] = {"\u2500", "-"},   [DRAW_VLINE] = {"\u2502", "|"},
    [DRAW_CROSS_DOWN] = {"\u252c", "+"}, [DRAW_CROSS_UP] = {"\u2534", "+"},
    [DRAW_CHECK] = {"\u2713", "*"},   [DRAW_CURRENT] = {"\u25b6", ">"},
    [DRAW_ARROW] = {"\u2192", "->"},  [DRAW_DOT] = {"\u00b7", "-"},
    [DRAW_ELLIPSIS] = {"\u2026", "..."}, [DRAW_DOWN] = {"\u25be", "v"},
    [DRAW_TL] = {"\u250c", "+"}, [DRAW_TR] = {"\u2510", "+"},
    [DRAW_BL] = {"\u2514", "+"}, [DRAW_BR] = {"\u2518", "+"},
};

void draw_init(void)
{
    const char *cs = nl_langinfo(CODESET);
    utf8_locale = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    const char *term = getenv("TERM");
    bool plain = !term || !*term || strcmp(term, "dumb") == 0 || strncmp(term, "vt", 2) == 0;
    unicode_glyphs = utf8_locale && !plain;
}

bool draw_unicode(void) { return unicode_glyphs; }

const char *draw_glyph(enum draw_glyph g) { return glyphs[g][unicode_glyphs ? 0 : 1]; }

/* One display cell's worth: a base character and its combining marks. */
static int char_width(ucs4_t uc)
{
    if (uc < 0x20 || uc == 0x7f)
        return 1; /* shown as a space or '?' */
    if (!utf8_locale && uc > 0x7f)
        return 1; /* shown as '?' */
    int w = uc_width(uc, "UTF-8");
    return w < 0 ? 1 : w;
}

int draw_width(const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    int w = 0;
    while (p < end) {
        ucs4_t uc;
        int l = u8_mbtouc(&uc, p, end - p);
        w += char_width(uc);
        p += l;
    }
    return w;
}

size_t draw_fit(const char *s, size_t n, int cols)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    int w = 0;
    while (p < end) {
        ucs4_t uc;
        int l = u8_mbtouc(&uc, p, end - p);
        int cw = char_width(uc);
        if (w + cw > cols)
            break;
        w += cw;
        p += l;
    }
    return (size_t)(p - (const uint8_t *)s);
}

int draw_text(int y, int x, int maxw, const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    int w = 0;
    if (maxw <= 0 || y < 0 || y >= LINES)
        return 0;
    attr_t attrs;
    short pair;
    attr_get(&attrs, &pair, NULL);
    while (p < end) {
        ucs4_t uc;
        int l = u8_mbtouc(&uc, p, end - p);
        p += l;
        wchar_t wc[CCHARW_MAX + 1];
        int nwc = 0, cw;
        if (uc == '\t' || uc == '\n' || uc == '\r') {
            wc[nwc++] = L' ';
            cw = 1;
        } else if (uc < 0x20 || uc == 0x7f || uc == 0xfffd || (!utf8_locale && uc > 0x7f)) {
            wc[nwc++] = L'?';
            cw = 1;
        } else {
            cw = uc_width(uc, "UTF-8");
            if (cw <= 0) { /* a stray combining mark: show it on a space */
                wc[nwc++] = L' ';
                wc[nwc++] = (wchar_t)uc;
                cw = 1;
            } else {
                wc[nwc++] = (wchar_t)uc;
            }
            /* Keep following combining marks in the same cell. */
            while (p < end && utf8_locale) {
                ucs4_t next;
                int nl = u8_mbtouc(&next, p, end - p);
                if (next < 0x300 || uc_width(next, "UTF-8") != 0)
                    break;
                if (nwc < CCHARW_MAX)
                    wc[nwc++] = (wchar_t)next;
                p += nl;
            }
        }
        if (w + cw > maxw || x + w + cw > COLS)
            break;
        wc[nwc] = 0;
        cchar_t cc;
        setcchar(&cc, wc, attrs, pair, NULL);
        mvadd_wch(y, x + w, &cc);
        w += cw;
    }
    return w;
}

int draw_str(int y, int x, int maxw, const char *s)
{
    return s ? draw_text(y, x, maxw, s, strlen(s)) : 0;
}

void draw_blank(int y, int x, int cols)
{
    if (y < 0 || y >= LINES)
        return;
    for (int i = 0; i < cols && x + i < COLS; i++)
        mvaddch(y, x + i, ' ');
}

void draw_hline(int y, int x, int cols)
{
    const char *g = draw_glyph(DRAW_HLINE);
    for (int i = 0; i < cols && x + i < COLS; i++)
        draw_str(y, x + i, 1, g);
}

void draw_vline(int y, int x, int rows)
{
    const char *g = draw_glyph(DRAW_VLINE);
    for (int i = 0; i < rows && y + i < LINES; i++)
        draw_str(y + i, x, 1, g);
}

/* ---- horizontal scrolling of a field by deleting characters ---- */

/* Read the cells of row y from win without moving its cursor; false when
 * the row holds a wide character (one cchar_t would then cover two
 * columns). */
static bool read_row(WINDOW *win, int y, cchar_t *row, int cols)
{
    int oy, ox;
    getyx(win, oy, ox);
    bool ok = true;
    for (int x = 0; x < cols && ok; x++) {
        wchar_t wc[CCHARW_MAX + 1];
        attr_t a;
        short pair;
        if (mvwin_wch(win, y, x, &row[x]) == ERR || getcchar(&row[x], wc, &a, &pair, NULL) == ERR)
            ok = false;
        else if (wc[0] == 0 || wcwidth(wc[0]) != 1)
            ok = false;
    }
    wmove(win, oy, ox);
    return ok;
}

static bool cell_eq(const cchar_t *a, const cchar_t *b)
{
    wchar_t wa[CCHARW_MAX + 1], wb[CCHARW_MAX + 1];
    attr_t aa, ab;
    short pa, pb;
    if (getcchar(a, wa, &aa, &pa, NULL) == ERR || getcchar(b, wb, &ab, &pb, NULL) == ERR)
        return false;
    return aa == ab && pa == pb && wcscmp(wa, wb) == 0;
}

static bool cell_blank(const cchar_t *c)
{
    wchar_t w[CCHARW_MAX + 1];
    attr_t a;
    short pair;
    return getcchar(c, w, &a, &pair, NULL) != ERR && w[0] == L' ' && w[1] == 0 &&
           (a & ~A_COLOR) == A_NORMAL && pair == 0;
}

void draw_shift_left(int y, int x, int w, int d)
{
    if (d <= 0 || d >= w || y < 0 || y >= LINES || x < 0 || x + w > COLS || isendwin())
        return;
    int cols = COLS;
    cchar_t *old = malloc(sizeof *old * (size_t)cols * 3);
    if (!old)
        return;
    cchar_t *now = old + cols, *mid = now + cols;
    /* Worth it only when the rest of the row is blank on the terminal (the
     * deleted columns come in blank at its end) and more of the field is
     * found shifted than in place. */
    bool go = read_row(curscr, y, old, cols) && read_row(stdscr, y, now, cols);
    for (int i = x + w; go && i < cols; i++)
        go = cell_blank(&old[i]) && cell_eq(&old[i], &now[i]);
    if (go) {
        int shifted = 0, in_place = 0;
        for (int i = 0; i < w - d; i++) {
            shifted += cell_eq(&now[x + i], &old[x + d + i]);
            in_place += cell_eq(&now[x + i], &old[x + i]);
        }
        go = shifted > in_place + 4;
    }
    if (go) {
        /* The row as the terminal has it, the field moved left and blank
         * at its end: curses updates the terminal to that with a delete
         * character, and the next refresh only writes what is new. */
        memcpy(mid, old, sizeof *mid * (size_t)cols);
        memmove(mid + x, old + x + d, sizeof *mid * (size_t)(w - d));
        for (int i = x + w - d; i < x + w; i++)
            setcchar(&mid[i], L" ", A_NORMAL, 0, NULL);
        attr_t attrs;
        short pair;
        int cy, cx;
        wattr_get(stdscr, &attrs, &pair, NULL);
        getyx(stdscr, cy, cx);
        wattr_set(stdscr, A_NORMAL, 0, NULL);
        for (int i = x; i < x + w; i++)
            mvwadd_wchnstr(stdscr, y, i, &mid[i], 1);
        wmove(stdscr, y, x);
        wrefresh(stdscr);
        for (int i = x; i < x + w; i++)
            mvwadd_wchnstr(stdscr, y, i, &now[i], 1);
        wattr_set(stdscr, attrs, pair, NULL);
        wmove(stdscr, cy, cx);
    }
    free(old);
}
