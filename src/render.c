/* render.c - the printable document model and its backends. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/fileio.h"
#include "src/i18n.h"
#include "src/render.h"
#include "src/spawn.h"
#include "src/text.h"
#include "src/xalloc.h"

enum block_kind {
    B_HEADING,
    B_PARA,
    B_KV,
    B_BULLETS,
    B_TABLE,
    B_CHECK,
    B_ANSWER,
    B_LINES,
    B_SIGNATURE,
    B_PAGEBREAK,
};

/* A block's strings are d->str[first .. first + n): every string is pushed
 * onto the last block, so each block's strings are contiguous. */
struct block {
    enum block_kind kind;
    int level;     /* heading level; number of lines */
    bool checked;  /* checkbox */
    size_t ncols;  /* table columns; 2 for kv; 4 for signature */
    size_t first, n;
};

/* The strings live in chunks of one arena, freed together: a summary holds
 * hundreds of thousands of them, and one allocation each was a large part
 * of building and freeing it. */
struct chunk {
    struct chunk *next;
    char data[];
};

struct render_doc {
    char *lang;
    char *title;
    char *subtitle;
    struct block *b;
    size_t n, cap;
    const char **str; /* NULL allowed where documented */
    size_t *len;      /* strlen of each (0 for NULL) */
    size_t nstr, capstr;
    struct chunk *chunks;
    char *apos;       /* free space of the current chunk */
    size_t aleft, chunk_size;
};

#define BS(d, b) ((d)->str + (b)->first)
#define BL(d, b) ((d)->len + (b)->first)

/* ---------------------------------------------------------------- model */

struct render_doc *render_new(const char *lang, const char *title)
{
    struct render_doc *d = xcalloc(1, sizeof *d);
    d->lang = xstrdup(lang && *lang ? lang : "en");
    d->title = xstrdup(title ? title : "");
    return d;
}

void render_free(struct render_doc *d)
{
    if (!d)
        return;
    for (struct chunk *c = d->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(d->str);
    free(d->len);
    free(d->b);
    free(d->lang);
    free(d->title);
    free(d->subtitle);
    free(d);
}

/* n bytes from the arena. */
static char *arena_alloc(struct render_doc *d, size_t n)
{
    if (n > d->aleft) {
        /* chunks grow from 4 KiB to 1 MiB, so that a small document stays
         * small; a string larger than a quarter of a chunk gets a chunk of
         * its own, leaving the current one in use */
        if (d->chunk_size < (1u << 20))
            d->chunk_size = d->chunk_size ? d->chunk_size * 2 : 4096;
        bool own = n > d->chunk_size / 4;
        size_t size = own ? n : d->chunk_size;
        struct chunk *c = xmalloc(sizeof *c + size);
        c->next = d->chunks;
        d->chunks = c;
        if (own)
            return c->data;
        d->apos = c->data;
        d->aleft = size;
    }
    char *p = d->apos;
    d->apos += n;
    d->aleft -= n;
    return p;
}

void render_subtitle(struct render_doc *d, const char *text)
{
    free(d->subtitle);
    d->subtitle = text ? xstrdup(text) : NULL;
}

static struct block *add_block(struct render_doc *d, enum block_kind k)
{
    d->b = xgrow(d->b, &d->cap, d->n + 1, sizeof *d->b);
    struct block *b = &d->b[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = k;
    b->first = d->nstr;
    return b;
}

static struct block *last_or_new(struct render_doc *d, enum block_kind k)
{
    if (d->n && d->b[d->n - 1].kind == k)
        return &d->b[d->n - 1];
    return add_block(d, k);
}

/* Keep a copy of s without trailing blanks and newlines (a literal block
 * ends with one), as the last string of b (the last block). */
static void push(struct render_doc *d, struct block *b, const char *s)
{
    if (d->nstr == d->capstr) {
        size_t cap = d->capstr;
        d->str = xgrow(d->str, &cap, d->nstr + 1, sizeof *d->str);
        d->len = xrealloc(d->len, cap * sizeof *d->len);
        d->capstr = cap;
    }
    char *c = NULL;
    size_t n = 0;
    if (s) {
        n = strlen(s);
        while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        c = arena_alloc(d, n + 1);
        memcpy(c, s, n);
        c[n] = '\0';
    }
    d->str[d->nstr] = c;
    d->len[d->nstr] = n;
    d->nstr++;
    b->n++;
}

void render_heading(struct render_doc *d, int level, const char *text)
{
    struct block *b = add_block(d, B_HEADING);
    b->level = level < 1 ? 1 : level > 2 ? 2 : level;
    push(d, b, text ? text : "");
}

void render_para(struct render_doc *d, const char *text)
{
    if (!text || !*text)
        return;
    push(d, add_block(d, B_PARA), text);
}

void render_kv(struct render_doc *d, const char *key, const char *value)
{
    struct block *b = last_or_new(d, B_KV);
    b->ncols = 2;
    push(d, b, key ? key : "");
    push(d, b, value && *value ? value : "\xe2\x80\x94"); /* em dash */
}

void render_bullet(struct render_doc *d, const char *text)
{
    push(d, last_or_new(d, B_BULLETS), text ? text : "");
}

void render_table(struct render_doc *d, size_t ncols, const char *const *headers)
{
    struct block *b = add_block(d, B_TABLE);
    b->ncols = ncols ? ncols : 1;
    for (size_t i = 0; i < b->ncols; i++)
        push(d, b, headers && headers[i] ? headers[i] : "");
}

void render_row(struct render_doc *d, const char *const *cells)
{
    if (!d->n || d->b[d->n - 1].kind != B_TABLE)
        return;
    struct block *b = &d->b[d->n - 1];
    for (size_t i = 0; i < b->ncols; i++)
        push(d, b, cells && cells[i] ? cells[i] : "");
}

void render_check(struct render_doc *d, bool checked, const char *question, const char *hint)
{
    struct block *b = add_block(d, B_CHECK);
    b->checked = checked;
    push(d, b, question ? question : "");
    push(d, b, hint && *hint ? hint : NULL);
}

void render_answer(struct render_doc *d, const char *text)
{
    if (!text || !*text)
        return;
    push(d, add_block(d, B_ANSWER), text);
}

void render_lines(struct render_doc *d, int n)
{
    struct block *b = add_block(d, B_LINES);
    b->level = n < 1 ? 1 : n;
}

void render_signature(struct render_doc *d, const char *party, const char *name, const char *title,
                      const char *date)
{
    struct block *b = add_block(d, B_SIGNATURE);
    b->ncols = 4;
    push(d, b, party && *party ? party : NULL);
    push(d, b, name && *name ? name : NULL);
    push(d, b, title && *title ? title : NULL);
    push(d, b, date && *date ? date : NULL);
}

void render_pagebreak(struct render_doc *d)
{
    add_block(d, B_PAGEBREAK);
}

int render_format_parse(const char *name, enum render_format *f)
{
    if (!name)
        return -1;
    if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
        *f = RENDER_TEXT;
    else if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
        *f = RENDER_MD;
    else if (strcmp(name, "html") == 0)
        *f = RENDER_HTML;
    else if (strcmp(name, "pdf") == 0)
        *f = RENDER_PDF;
    else if (strcmp(name, "troff") == 0 || strcmp(name, "ms") == 0)
        *f = RENDER_TROFF;
    else
        return -1;
    return 0;
}

/* -------------------------------------------------------------- output */

/* One growing buffer for the whole output, appended to in place; it is
 * NUL-terminated once, at the end (render_emit).  Written to a file
 * descriptor instead (render_emit_fd), it is a window of OUT_WINDOW bytes
 * that is written out whenever it is full: a summary piped to another
 * program never holds its 17 MB in memory (issue 8, row 3).  A window
 * keeps its trailing newlines, the one thing an emitter looks back at
 * (md_tail trims them at the very end). */
struct out {
    char *p;
    size_t len, cap;
    int fd;    /* -1: everything in memory */
    int error; /* errno of the first failed write */
};

enum { OUT_WINDOW = 64 << 10 };

static void out_flush(struct out *o, bool all)
{
    size_t n = o->len;
    while (!all && n > 0 && o->p[n - 1] == '\n')
        n--;
    if (!o->error && fileio_write_all(o->fd, o->p, n) < 0)
        o->error = errno;
    memmove(o->p, o->p + n, o->len - n);
    o->len -= n;
}

/* Room for extra more bytes (and the final NUL). */
static void __attribute__((noinline)) out_grow(struct out *o, size_t extra)
{
    if (o->fd >= 0 && o->len >= OUT_WINDOW / 2) {
        out_flush(o, false);
        if (o->len + extra <= o->cap)
            return;
    }
    size_t need = o->len + extra;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < need)
        cap *= 2;
    o->p = xrealloc(o->p, cap);
    o->cap = cap;
}

static inline void put_n(struct out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap)
        out_grow(o, n + 1);
    if (n) /* s may be NULL then (no prefix) */
        memcpy(o->p + o->len, s, n);
    o->len += n;
}

static inline void put(struct out *o, const char *s)
{
    put_n(o, s, strlen(s));
}

/* A string literal, its length known at compile time. */
#define PUTS(o, lit) put_n((o), "" lit, sizeof(lit) - 1)

static inline void put_c(struct out *o, char c)
{
    if (o->len + 2 > o->cap)
        out_grow(o, 2);
    o->p[o->len++] = c;
}

/* c repeated times times. */
static void put_fill(struct out *o, char c, size_t times)
{
    if (o->len + times + 1 > o->cap)
        out_grow(o, times + 1);
    memset(o->p + o->len, c, times);
    o->len += times;
}

/* Copy the bytes from p up to the first one that stop marks (NUL must be
 * one) as they are, at once; return where it stopped. */
static const char *put_run(struct out *o, const char *p, const unsigned char *stop)
{
    const char *q = p;
    while (!stop[(unsigned char)*q])
        q++;
    if (q > p)
        put_n(o, p, (size_t)(q - p));
    return q;
}

static void put_rep(struct out *o, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        put_n(o, s, n);
}

static const char *tr(const struct render_doc *d, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(const struct render_doc *d, const char *msgid)
{
    return i18n_lang(d->lang, msgid);
}

/* ---------------------------------------------------- display columns */

static size_t width_n(const char *s, size_t n)
{
    return text_width_n(s, n);
}

static size_t width(const char *s)
{
    return text_width(s);
}

/* The longest prefix of s (n bytes) that fits in cols columns. */
static size_t fit_prefix(const char *s, size_t n, size_t cols)
{
    return text_truncate_n(s, n, cols, NULL);
}

/* ----------------------------------------------------------- plain text */

/* The text layout is written straight into the output as it is laid out.
 * A laid-out line carries how many following lines must stay on the same
 * page with it (headings, signature blocks); the page logic looks only at
 * the line itself and what is already on the page, so it can run line by
 * line.  Empty lines wait in `pend` until a line with text comes: empty
 * lines at the very end are dropped, and an empty line is not added after
 * another (tl_blank).  A page break is an empty line of its own kind. */
struct pend {
    int keep;
    bool pagebreak;
};

struct tw {
    const struct render_doc *d;
    struct out *o;
    int page, used;
    struct pend *pend;
    size_t npend, cappend;
    struct text_line *tl; /* scratch lines of text_wrap_into */
    size_t tlcap;
    struct out tmp;       /* scratch text */
    size_t *kw, kwcap;    /* widths of a key/value list's keys */
    /* the left part of the page header (title cut and padded) for a page
     * number hrw columns wide */
    char *hleft;
    size_t hleft_len, hrw;
};

#define TEXT_BODY (RENDER_TEXT_PAGE_LINES - 3)

/* Lines of text wrapped to cols display columns (src/text.h): newlines in
 * text are kept as line breaks; a word wider than cols is cut between
 * characters.  Into t->tl; returns the count. */
static size_t tw_wrap(struct tw *t, const char *text, size_t len, size_t cols)
{
    return text_wrap_into(text, len, cols < 1 ? 1 : cols, cols < 1 ? 1 : cols, &t->tl, &t->tlcap);
}

/* The header line of a page: the title, cut with an ellipsis when it does
 * not fit, and "Page N" at the right. */
static void text_title_line(struct tw *t, int page)
{
    const struct render_doc *d = t->d;
    char buf[256];
    char *right = buf;
    int rl = snprintf(buf, sizeof buf, tr(d, N_("Page %d")), page);
    if (rl < 0)
        rl = 0;
    if ((size_t)rl >= sizeof buf)
        right = xasprintf(tr(d, N_("Page %d")), page);
    size_t rw = width(right);
    if (!t->hleft || rw != t->hrw) {
        /* the title part depends only on the width of the page number */
        size_t room = RENDER_TEXT_COLUMNS - rw - 2;
        /* not t->tl: a header is written in the middle of other lines */
        struct text_line *tl;
        size_t n = text_wrap_ex(d->title, strlen(d->title), room < 1 ? 1 : room, room < 1 ? 1 : room, &tl);
        struct out l = {0};
        put_n(&l, d->title + tl[0].off, tl[0].len);
        free(tl);
        if (n > 1) {
            /* cut, and mark the cut */
            l.len = fit_prefix(l.p, l.len, room - 1);
            PUTS(&l, "\xe2\x80\xa6");
        }
        put_fill(&l, ' ', RENDER_TEXT_COLUMNS - rw - width_n(l.p, l.len));
        free(t->hleft);
        t->hleft = l.p;
        t->hleft_len = l.len;
        t->hrw = rw;
    }
    put_n(t->o, t->hleft, t->hleft_len);
    put(t->o, right);
    if (right != buf)
        free(right);
}

/* The page logic for a line about to be written (empty: it has no text).
 * Returns false when the line is not written: an empty line at the top of
 * a page. */
static bool tw_place(struct tw *t, int keep, bool empty)
{
    if (t->used > 0 && t->used < TEXT_BODY && keep > 0 && t->used + keep + 1 > TEXT_BODY &&
        keep + 1 <= TEXT_BODY)
        t->used = TEXT_BODY;
    if (t->used >= TEXT_BODY) {
        if (empty && t->page > 0)
            return false; /* no blank line at the top of a page */
        if (t->page > 0)
            put_c(t->o, '\f');
        t->page++;
        text_title_line(t, t->page);
        put_c(t->o, '\n');
        put_fill(t->o, '-', RENDER_TEXT_COLUMNS);
        PUTS(t->o, "\n\n");
        t->used = 0;
        if (empty)
            return false;
    }
    return true;
}

/* Write the empty lines and page breaks waiting in pend[0..n). */
static void tw_flush(struct tw *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (t->pend[i].pagebreak) {
            t->used = TEXT_BODY;
        } else if (tw_place(t, t->pend[i].keep, true)) {
            put_c(t->o, '\n');
            t->used++;
        }
    }
    t->npend = 0;
}

static void tw_pend(struct tw *t, int keep, bool pagebreak)
{
    t->pend = xgrow(t->pend, &t->cappend, t->npend + 1, sizeof *t->pend);
    t->pend[t->npend++] = (struct pend){keep, pagebreak};
}

/* A line with text: tw_begin, then its bytes, then tw_end. */
static void tw_begin(struct tw *t, int keep)
{
    if (t->npend)
        tw_flush(t, t->npend);
    tw_place(t, keep, false);
}

static void tw_end(struct tw *t)
{
    put_c(t->o, '\n');
    t->used++;
}

/* A line of n bytes (empty when n is 0). */
static void tl_add(struct tw *t, const char *s, size_t n, int keep)
{
    if (n == 0) {
        tw_pend(t, keep, false);
        return;
    }
    tw_begin(t, keep);
    put_n(t->o, s, n);
    tw_end(t);
}

/* An empty line, unless the last line is one already. */
static void tl_blank(struct tw *t)
{
    if (t->npend && !t->pend[t->npend - 1].pagebreak)
        return;
    tw_pend(t, 0, false);
}

/* Length of s[0..n) without its trailing spaces. */
static size_t rstrip_len(const char *s, size_t n)
{
    while (n && s[n - 1] == ' ')
        n--;
    return n;
}

/* Wrap text (len bytes) at cols - indent, the first line prefixed by first
 * (flen bytes, fw columns, padded to indent), the others indented; each
 * line without its trailing spaces. */
static void tl_wrapped(struct tw *t, const char *text, size_t len, size_t indent, const char *first, size_t flen,
                       size_t fw, int keep)
{
    size_t cols = RENDER_TEXT_COLUMNS > indent ? RENDER_TEXT_COLUMNS - indent : 1;
    size_t n = tw_wrap(t, text, len, cols);
    for (size_t i = 0; i < n; i++) {
        const char *pre = i == 0 ? first : NULL;
        int k = i == 0 ? keep : 0;
        size_t plen = pre ? flen : 0;
        size_t pad = pre ? (indent > fw ? indent - fw : 0) : indent;
        const struct text_line *l = &t->tl[i];
        if (l->len == 0) {
            /* only the prefix is left once the trailing spaces go (a
             * wrapped line never ends with a space) */
            tl_add(t, pre, rstrip_len(pre, plen), k);
            continue;
        }
        tw_begin(t, k);
        put_n(t->o, pre, plen);
        put_fill(t->o, ' ', pad);
        put_n(t->o, text + l->off, l->len);
        tw_end(t);
    }
}

/* Per column of a table: its lines in a row, kept between rows. */
struct tcol {
    struct text_line *v;
    size_t n, cap;
};

static void text_table(struct tw *t, const struct block *b)
{
    const struct render_doc *d = t->d;
    const char *const *s = BS(d, b);
    const size_t *sl = BL(d, b);
    size_t nc = b->ncols, nrows = b->n / nc;
    const size_t gap = 2, total = RENDER_TEXT_COLUMNS;
    size_t *want = xcalloc(nc, sizeof *want), *minw = xcalloc(nc, sizeof *minw),
           *w = xcalloc(nc, sizeof *w);
    for (size_t r = 0; r < nrows; r++)
        for (size_t c = 0; c < nc; c++) {
            const char *cell = s[r * nc + c];
            size_t n = tw_wrap(t, cell, sl[r * nc + c], 1000);
            for (size_t i = 0; i < n; i++)
                if (t->tl[i].cols > want[c])
                    want[c] = t->tl[i].cols;
            /* the longest word, capped, is the narrowest useful width */
            size_t ww = text_max_word_width(cell, sl[r * nc + c]);
            if (ww > minw[c])
                minw[c] = ww > 16 ? 16 : ww;
        }
    size_t avail = total - gap * (nc - 1);
    size_t sum = 0;
    for (size_t c = 0; c < nc; c++) {
        if (want[c] < 1)
            want[c] = 1;
        if (minw[c] < 1)
            minw[c] = 1;
        if (minw[c] > want[c])
            minw[c] = want[c];
        w[c] = want[c];
        sum += w[c];
    }
    /* Shrink the widest column, one column at a time, down to its minimum;
     * then any column down to 1. */
    while (sum > avail) {
        size_t best = nc;
        for (size_t c = 0; c < nc; c++)
            if (w[c] > minw[c] && (best == nc || w[c] > w[best]))
                best = c;
        if (best == nc)
            for (size_t c = 0; c < nc; c++)
                if (w[c] > 1 && (best == nc || w[c] > w[best]))
                    best = c;
        if (best == nc)
            break;
        w[best]--;
        sum--;
    }
    struct tcol *cl = xcalloc(nc, sizeof *cl);
    for (size_t r = 0; r < nrows; r++) {
        size_t h = 0;
        for (size_t c = 0; c < nc; c++) {
            size_t cw = w[c] < 1 ? 1 : w[c];
            cl[c].n = text_wrap_into(s[r * nc + c], sl[r * nc + c], cw, cw, &cl[c].v, &cl[c].cap);
            if (cl[c].n > h)
                h = cl[c].n;
        }
        for (size_t i = 0; i < h; i++) {
            int keep = r == 0 ? 2 : (i + 1 < h ? 1 : 0);
            /* each cell padded to its column and the gap, the last one
             * not; the line without its trailing spaces: up to the last
             * cell with text (a wrapped line never ends with a space) */
            size_t last = nc;
            for (size_t c = 0; c < nc; c++)
                if (i < cl[c].n && cl[c].v[i].len > 0)
                    last = c;
            if (last == nc) {
                tl_add(t, NULL, 0, keep);
                continue;
            }
            tw_begin(t, keep);
            for (size_t c = 0; c <= last; c++) {
                const struct text_line *l = i < cl[c].n ? &cl[c].v[i] : NULL;
                size_t used = 0;
                if (l) {
                    put_n(t->o, s[r * nc + c] + l->off, l->len);
                    used = l->cols;
                }
                if (c < last)
                    put_fill(t->o, ' ', w[c] + gap > used ? w[c] + gap - used : 0);
            }
            tw_end(t);
        }
        if (r == 0) {
            tw_begin(t, 1);
            for (size_t c = 0; c < nc; c++) {
                put_fill(t->o, '-', w[c]);
                if (c + 1 < nc)
                    put_fill(t->o, ' ', gap);
            }
            tw_end(t);
        }
    }
    for (size_t c = 0; c < nc; c++)
        free(cl[c].v);
    free(cl);
    free(want);
    free(minw);
    free(w);
}

static void text_kv(struct tw *t, const struct block *b)
{
    const char *const *s = BS(t->d, b);
    const size_t *sl = BL(t->d, b);
    size_t keyw = 0;
    const size_t maxkey = 28;
    /* each key's width, measured once */
    size_t nk = b->n / 2;
    t->kw = xgrow(t->kw, &t->kwcap, nk ? nk : 1, sizeof *t->kw);
    for (size_t i = 0; i + 1 < b->n; i += 2) {
        size_t kw = width_n(s[i], sl[i]) + 1;
        t->kw[i / 2] = kw;
        if (kw > keyw && kw <= maxkey)
            keyw = kw;
    }
    size_t ind = keyw + 2;
    for (size_t i = 0; i + 1 < b->n; i += 2) {
        /* the key and a colon */
        t->tmp.len = 0;
        put_n(&t->tmp, s[i], sl[i]);
        put_c(&t->tmp, ':');
        t->tmp.p[t->tmp.len] = '\0';
        const char *key = t->tmp.p;
        size_t klen = t->tmp.len;
        /* the colon adds a column, as long as it cannot end a malformed
         * sequence of the key's (it does not when the key ends in ASCII) */
        size_t kw = sl[i] == 0 || (unsigned char)s[i][sl[i] - 1] < 0x80 ? t->kw[i / 2] : width_n(key, klen);
        if (kw > maxkey) {
            tl_wrapped(t, key, klen, 0, NULL, 0, 0, 1);
            tl_wrapped(t, s[i + 1], sl[i + 1], ind, NULL, 0, 0, 0);
        } else {
            tl_wrapped(t, s[i + 1], sl[i + 1], ind, key, klen, kw, 0);
        }
    }
}

/* Lines of text centred in the 80 columns (title, subtitle). */
static void text_centred(struct tw *t, const char *text)
{
    size_t n = tw_wrap(t, text, strlen(text), RENDER_TEXT_COLUMNS);
    for (size_t i = 0; i < n; i++) {
        size_t pad = (RENDER_TEXT_COLUMNS - t->tl[i].cols) / 2;
        if (pad == 0 && t->tl[i].len == 0) {
            tl_add(t, NULL, 0, 1);
            continue;
        }
        tw_begin(t, 1);
        put_fill(t->o, ' ', pad);
        put_n(t->o, text + t->tl[i].off, t->tl[i].len);
        tw_end(t);
    }
}

static void text_head(struct tw *t, const struct render_doc *d, struct out *o)
{
    *t = (struct tw){.d = d, .o = o, .used = TEXT_BODY /* a header before the first line */};
    /* Title block, centred. */
    text_centred(t, d->title);
    if (d->subtitle)
        text_centred(t, d->subtitle);
    tl_blank(t);
}

static void text_block(struct tw *t, size_t i)
{
    const struct render_doc *d = t->d;
    struct out *o = t->o;
    const struct block *b = &d->b[i];
    const char *const *s = BS(d, b);
    const size_t *sl = BL(d, b);
    switch (b->kind) {
    case B_HEADING: {
        tl_blank(t);
        size_t n = tw_wrap(t, s[0], sl[0], RENDER_TEXT_COLUMNS);
        size_t maxw = 0;
        for (size_t k = 0; k < n; k++) {
            tl_add(t, s[0] + t->tl[k].off, t->tl[k].len, 7);
            if (t->tl[k].cols > maxw)
                maxw = t->tl[k].cols;
        }
        if (maxw) {
            tw_begin(t, 3);
            put_fill(o, b->level == 1 ? '=' : '-', maxw);
            tw_end(t);
        } else {
            tl_add(t, NULL, 0, 3);
        }
        tl_add(t, NULL, 0, 2);
        break;
    }
    case B_PARA:
        tl_wrapped(t, s[0], sl[0], 0, NULL, 0, 0, 0);
        tl_blank(t);
        break;
    case B_KV:
        text_kv(t, b);
        tl_blank(t);
        break;
    case B_BULLETS:
        for (size_t k = 0; k < b->n; k++)
            tl_wrapped(t, s[k], sl[k], 4, "  -", 3, 3, 0);
        tl_blank(t);
        break;
    case B_TABLE:
        text_table(t, b);
        tl_blank(t);
        break;
    case B_CHECK:
        tl_wrapped(t, s[0], sl[0], 4, b->checked ? "[x]" : "[ ]", 3, 3, 1);
        if (s[1])
            tl_wrapped(t, s[1], sl[1], 4, NULL, 0, 0, 0);
        if (i + 1 >= d->n || (d->b[i + 1].kind != B_ANSWER && d->b[i + 1].kind != B_LINES))
            tl_blank(t);
        break;
    case B_ANSWER:
        tl_wrapped(t, s[0], sl[0], 4, "  >", 3, 3, 0);
        tl_blank(t);
        break;
    case B_LINES:
        for (int k = 0; k < b->level; k++) {
            tl_add(t, NULL, 0, 1);
            tw_begin(t, 0);
            PUTS(o, "    ");
            put_fill(o, '_', RENDER_TEXT_COLUMNS - 4);
            tw_end(t);
        }
        tl_blank(t);
        break;
    case B_SIGNATURE: {
        tl_add(t, s[0] ? s[0] : "", sl[0], 8);
        tl_add(t, NULL, 0, 7);
        tl_add(t, NULL, 0, 6);
        tw_begin(t, 5);
        put_fill(o, '_', 40);
        tw_end(t);
        t->tmp.len = 0;
        if (s[1] && s[2]) {
            put_n(&t->tmp, s[1], sl[1]);
            PUTS(&t->tmp, ", ");
            put_n(&t->tmp, s[2], sl[2]);
        } else if (s[1] || s[2]) {
            put_n(&t->tmp, s[1] ? s[1] : s[2], s[1] ? sl[1] : sl[2]);
        }
        put_c(&t->tmp, '\0');
        tl_wrapped(t, t->tmp.p, t->tmp.len - 1, 0, NULL, 0, 0, 4);
        t->tmp.len = 0;
        put(&t->tmp, tr(d, N_("Date")));
        PUTS(&t->tmp, ": ");
        if (s[3])
            put_n(&t->tmp, s[3], sl[3]);
        else
            PUTS(&t->tmp, "____________");
        put_c(&t->tmp, '\0');
        tl_wrapped(t, t->tmp.p, t->tmp.len - 1, 0, NULL, 0, 0, 0);
        tl_blank(t);
        break;
    }
    case B_PAGEBREAK:
        tw_pend(t, 0, true);
        break;
    }
}

static void text_tail(struct tw *t)
{
    struct out *o = t->o;
    /* no empty lines at the end (page breaks stay) */
    size_t keep = t->npend;
    while (keep && !t->pend[keep - 1].pagebreak)
        keep--;
    tw_flush(t, keep);
    if (t->page == 0) {
        text_title_line(t, 1);
        put_c(o, '\n');
    }
    free(t->pend);
    free(t->tl);
    free(t->tmp.p);
    free(t->kw);
    free(t->hleft);
}

/* ------------------------------------------------------------ CommonMark */

/* Escape inline text: every character that could start markup gets a
 * backslash; at the start of a line, also list and heading markers. */
/* Bytes md_text does something with (or stops at) other than copy them
 * when not at the start of a line. */
static const unsigned char md_stop[256] = {
    [0] = 1, ['\r'] = 1, ['\n'] = 1, ['\t'] = 1, ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1,
    ['['] = 1, [']'] = 1, ['<'] = 1, ['>'] = 1, ['|'] = 1, ['&'] = 1, ['!'] = 1, ['~'] = 1,
};

static void md_text(struct out *o, const char *s, bool newline_is_break)
{
    bool bol = true;
    for (const char *p = s; *p; p++) {
        if (!bol) {
            p = put_run(o, p, md_stop);
            if (!*p)
                break;
        }
        char c = *p;
        if (c == '\r')
            continue;
        if (c == '\n') {
            put(o, newline_is_break ? "\\\n" : " ");
            bol = newline_is_break;
            continue;
        }
        if (bol) {
            if (c == ' ' || c == '\t')
                continue; /* leading blanks would make a code block */
            if (c == '-' || c == '+' || c == '=' || c == '#') {
                put(o, "\\");
                put_n(o, p, 1);
                bol = false;
                continue;
            }
            if (c >= '0' && c <= '9') {
                size_t k = strspn(p, "0123456789");
                put_n(o, p, k);
                p += k - 1;
                if (p[1] == '.' || p[1] == ')') {
                    put(o, "\\");
                    put_n(o, p + 1, 1);
                    p++;
                }
                bol = false;
                continue;
            }
            bol = false;
        }
        if (strchr("\\`*_[]<>|&!~", c)) {
            put(o, "\\");
            put_n(o, p, 1);
        } else if (c == '\t') {
            put(o, " ");
        } else {
            put_n(o, p, 1);
        }
    }
}

static void md_head(const struct render_doc *d, struct out *o)
{
    put(o, "# ");
    md_text(o, d->title, false);
    put(o, "\n\n");
    if (d->subtitle) {
        md_text(o, d->subtitle, true);
        put(o, "\n\n");
    }
}

static void md_block(const struct render_doc *d, struct out *o, size_t i)
{
    const struct block *b = &d->b[i];
    const char *const *s = BS(d, b);
    switch (b->kind) {
    case B_HEADING:
        put(o, b->level == 1 ? "## " : "### ");
        md_text(o, s[0], false);
        put(o, "\n\n");
        break;
    case B_PARA:
        md_text(o, s[0], true);
        put(o, "\n\n");
        break;
    case B_KV:
        for (size_t k = 0; k + 1 < b->n; k += 2) {
            put(o, "- **");
            md_text(o, s[k], false);
            put(o, ":** ");
            md_text(o, s[k + 1], false);
            put(o, "\n");
        }
        put(o, "\n");
        break;
    case B_BULLETS:
        for (size_t k = 0; k < b->n; k++) {
            put(o, "- ");
            md_text(o, s[k], false);
            put(o, "\n");
        }
        put(o, "\n");
        break;
    case B_TABLE: {
        size_t nc = b->ncols;
        for (size_t k = 0; k < b->n; k++) {
            put(o, "| ");
            md_text(o, s[k], false);
            put(o, (k + 1) % nc ? " " : " |\n");
            if ((k + 1) % nc == 0 && k + 1 == nc) {
                for (size_t c = 0; c < nc; c++)
                    put(o, "| --- ");
                put(o, "|\n");
            }
        }
        put(o, "\n");
        break;
    }
    case B_CHECK:
        put(o, b->checked ? "- [x] " : "- [ ] ");
        md_text(o, s[0], false);
        if (s[1]) {
            put(o, "\\\n  *");
            md_text(o, s[1], false);
            put(o, "*");
        }
        put(o, "\n\n");
        break;
    case B_ANSWER:
        put(o, "  > ");
        md_text(o, s[0], false);
        put(o, "\n\n");
        break;
    case B_LINES:
        for (int k = 0; k < b->level; k++) {
            put(o, "  ");
            put_rep(o, "\\_", 40);
            put(o, "\n\n");
        }
        break;
    case B_SIGNATURE:
        put(o, "**");
        md_text(o, s[0] ? s[0] : "", false);
        put(o, "**\n\n");
        put_rep(o, "\\_", 40);
        put(o, "\\\n");
        if (s[1])
            md_text(o, s[1], false);
        if (s[1] && s[2])
            put(o, ", ");
        if (s[2])
            md_text(o, s[2], false);
        put(o, "\\\n");
        md_text(o, tr(d, N_("Date")), false);
        put(o, ": ");
        if (s[3])
            md_text(o, s[3], false);
        else
            put_rep(o, "\\_", 12);
        put(o, "\n\n");
        break;
    case B_PAGEBREAK:
        put(o, "* * *\n\n");
        break;
    }
}

static void md_tail(struct out *o)
{
    /* one final newline */
    while (o->len >= 2 && o->p[o->len - 1] == '\n' && o->p[o->len - 2] == '\n')
        o->p[--o->len] = '\0';
}

/* ------------------------------------------------------------------ HTML */

static void html_text(struct out *o, const char *s, bool br)
{
    for (const char *p = s; *p; p++) {
        size_t run = strcspn(p, "&<>\"'\r\n"); /* copied as they are, at once */
        if (run) {
            put_n(o, p, run);
            p += run;
            if (!*p)
                break;
        }
        switch (*p) {
        case '&': put(o, "&amp;"); break;
        case '<': put(o, "&lt;"); break;
        case '>': put(o, "&gt;"); break;
        case '"': put(o, "&quot;"); break;
        case '\'': put(o, "&#39;"); break;
        case '\r': break;
        case '\n': put(o, br ? "<br>\n" : " "); break;
        default: put_n(o, p, 1);
        }
    }
}

static const char html_style[] =
    "body{font-family:\"DejaVu Serif\",Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.45;color:#111;background:#fff}\n"
    "h1{font-size:1.7em;margin-bottom:.2em}\n"
    "h2{font-size:1.3em;border-bottom:1px solid #999;margin-top:1.6em}\n"
    "h3{font-size:1.1em}\n"
    ".subtitle{color:#444;margin-top:0}\n"
    "dl.kv{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}\n"
    "dl.kv dt{font-weight:bold}\n"
    "dl.kv dd{margin:0}\n"
    "table{border-collapse:collapse;width:100%;margin:.6em 0}\n"
    "th,td{border:1px solid #888;padding:.25em .5em;text-align:left;vertical-align:top}\n"
    "th{background:#eee}\n"
    "ul.check{list-style:none;padding-left:0}\n"
    ".box{display:inline-block;width:.9em;height:.9em;border:1px solid #000;margin-right:.5em;"
    "vertical-align:-.1em;text-align:center;line-height:.9em}\n"
    ".hint{display:block;color:#444;font-style:italic;margin-left:1.5em}\n"
    ".answer{margin:.2em 0 .8em 1.5em;padding-left:.5em;border-left:3px solid #bbb}\n"
    ".line{border-bottom:1px solid #000;height:2em;margin-left:1.5em}\n"
    ".sig{display:inline-block;width:45%;margin:1.5em 4% 1em 0;vertical-align:top}\n"
    ".sig .rule{border-bottom:1px solid #000;height:3.5em}\n"
    ".pagebreak{break-after:page;page-break-after:always}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}"
    "@page{margin:2cm}h2,h3{break-after:avoid;page-break-after:avoid}"
    "table,dl.kv,.sig,li{break-inside:avoid;page-break-inside:avoid}th{background:none}}\n";

static void html_head(const struct render_doc *d, struct out *o)
{
    put(o, "<!DOCTYPE html>\n<html lang=\"");
    html_text(o, d->lang, false);
    put(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    html_text(o, d->title, false);
    put(o, "</title>\n<style>\n");
    put(o, html_style);
    put(o, "</style>\n</head>\n<body>\n<h1>");
    html_text(o, d->title, false);
    put(o, "</h1>\n");
    if (d->subtitle) {
        put(o, "<p class=\"subtitle\">");
        html_text(o, d->subtitle, true);
        put(o, "</p>\n");
    }
}

/* *in_check: inside the list of a checklist's questions. */
static void html_block(const struct render_doc *d, struct out *o, size_t i, bool *in_check)
{
    const struct block *b = &d->b[i];
    const char *const *s = BS(d, b);
    bool check_part = b->kind == B_CHECK || b->kind == B_ANSWER || b->kind == B_LINES;
    if (*in_check != check_part) {
        /* a checklist's questions, answers and lines are one list */
        put(o, check_part ? "<ul class=\"check\">\n" : "</ul>\n");
        *in_check = check_part;
    }
    switch (b->kind) {
    case B_HEADING:
        put(o, b->level == 1 ? "<h2>" : "<h3>");
        html_text(o, s[0], false);
        put(o, b->level == 1 ? "</h2>\n" : "</h3>\n");
        break;
    case B_PARA:
        put(o, "<p>");
        html_text(o, s[0], true);
        put(o, "</p>\n");
        break;
    case B_KV:
        put(o, "<dl class=\"kv\">\n");
        for (size_t k = 0; k + 1 < b->n; k += 2) {
            put(o, "<dt>");
            html_text(o, s[k], false);
            put(o, "</dt><dd>");
            html_text(o, s[k + 1], true);
            put(o, "</dd>\n");
        }
        put(o, "</dl>\n");
        break;
    case B_BULLETS:
        put(o, "<ul>\n");
        for (size_t k = 0; k < b->n; k++) {
            put(o, "<li>");
            html_text(o, s[k], true);
            put(o, "</li>\n");
        }
        put(o, "</ul>\n");
        break;
    case B_TABLE: {
        size_t nc = b->ncols;
        put(o, "<table>\n<thead><tr>");
        for (size_t k = 0; k < b->n; k++) {
            if (k == nc)
                put(o, "</tr></thead>\n<tbody>\n<tr>");
            else if (k > nc && k % nc == 0)
                put(o, "</tr>\n<tr>");
            put(o, k < nc ? "<th>" : "<td>");
            html_text(o, s[k], true);
            put(o, k < nc ? "</th>" : "</td>");
        }
        put(o, b->n > nc ? "</tr>\n</tbody>\n</table>\n" : "</tr></thead>\n</table>\n");
        break;
    }
    case B_CHECK:
        put(o, b->checked ? "<li><span class=\"box\">&#10003;</span>" : "<li><span class=\"box\"></span>");
        html_text(o, s[0], false);
        if (s[1]) {
            put(o, "<span class=\"hint\">");
            html_text(o, s[1], true);
            put(o, "</span>");
        }
        put(o, "</li>\n");
        break;
    case B_ANSWER:
        put(o, "<li class=\"answer\">");
        html_text(o, s[0], true);
        put(o, "</li>\n");
        break;
    case B_LINES:
        for (int k = 0; k < b->level; k++)
            put(o, "<li class=\"line\"></li>\n");
        break;
    case B_SIGNATURE:
        put(o, "<div class=\"sig\"><strong>");
        html_text(o, s[0] ? s[0] : "", false);
        put(o, "</strong><div class=\"rule\"></div>");
        if (s[1])
            html_text(o, s[1], false);
        if (s[1] && s[2])
            put(o, ", ");
        if (s[2])
            html_text(o, s[2], false);
        put(o, "<br>");
        html_text(o, tr(d, N_("Date")), false);
        put(o, ": ");
        if (s[3])
            html_text(o, s[3], false);
        put(o, "</div>\n");
        break;
    case B_PAGEBREAK:
        put(o, "<div class=\"pagebreak\"></div>\n");
        break;
    }
}

static void html_tail(struct out *o, bool in_check)
{
    if (in_check)
        put(o, "</ul>\n");
    put(o, "</body>\n</html>\n");
}

/* ----------------------------------------------------------------- troff */

/* One line of troff text: every input line starts with \& (so '.', '\''
 * and "T}" are never requests), backslashes become \e, tabs spaces. */
/* Bytes roff_text does something with (or stops at) other than copy
 * them. */
static const unsigned char roff_stop[256] = {
    [0] = 1, ['\\'] = 1, ['\''] = 1, ['`'] = 1, ['^'] = 1, ['~'] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1,
};

static void roff_text(struct out *o, const char *s, const char *newline)
{
    bool bol = true;
    for (const char *p = s; *p; p++) {
        if (bol) {
            put(o, "\\&");
            bol = false;
            while (*p == ' ' || *p == '\t')
                p++;
            if (!*p)
                break;
        }
        p = put_run(o, p, roff_stop);
        if (!*p)
            break;
        switch (*p) {
        case '\\': put(o, "\\e"); break;
        case '\'': put(o, "\\(aq"); break; /* as typed, not a curly quote */
        case '`': put(o, "\\(ga"); break;
        case '^': put(o, "\\(ha"); break;
        case '~': put(o, "\\(ti"); break;
        case '\t': put(o, " "); break;
        case '\r': break;
        case '\n':
            put(o, newline);
            bol = true;
            break;
        default: put_n(o, p, 1);
        }
    }
}

static void roff_line(struct out *o, const char *s)
{
    roff_text(o, s, "\n.br\n");
    put(o, "\n");
}

/* Text inside a table cell: a T{ ... T} block. */
static void roff_cell(struct out *o, const char *s)
{
    put(o, "T{\n");
    roff_text(o, *s ? s : " ", "\n.br\n");
    put(o, "\nT}");
}

static void roff_head(const struct render_doc *d, struct out *o)
{
    put(o, ".\\\" generated by pacta; groff -k -t -ms\n");
    put(o, ".nr PS 11\n.nr VS 14\n.nr HY 0\n.nr PO 1i\n.nr LL 6.3i\n.nr HM 0.8i\n.nr FM 0.8i\n.nh\n");
    put(o, ".ds LH ");
    roff_text(o, d->title, " ");
    put(o, "\n.ds CH\n.ds RH ");
    char *page = xasprintf(tr(d, N_("Page %d")), 0);
    /* put the page-number register where the number goes */
    char *pos = strstr(page, "0");
    if (pos) {
        *pos = '\0';
        roff_text(o, page, " ");
        put(o, "\\\\n%");
        put(o, pos + 1);
    }
    free(page);
    put(o, "\n.TL\n");
    roff_line(o, d->title);
    put(o, ".LP\n");
    if (d->subtitle) {
        put(o, ".ce 1\n");
        roff_line(o, d->subtitle);
    }
}

static void roff_block(const struct render_doc *d, struct out *o, size_t i)
{
    const struct block *b = &d->b[i];
    const char *const *s = BS(d, b);
    switch (b->kind) {
    case B_HEADING:
        put(o, b->level == 1 ? ".SH\n" : ".SH 2\n");
        roff_line(o, s[0]);
        put(o, ".LP\n");
        break;
    case B_PARA:
        put(o, ".LP\n");
        roff_line(o, s[0]);
        break;
    case B_KV:
        put(o, ".TS\nlB lx.\n");
        for (size_t k = 0; k + 1 < b->n; k += 2) {
            roff_cell(o, s[k]);
            put(o, "\t");
            roff_cell(o, s[k + 1]);
            put(o, "\n");
        }
        put(o, ".TE\n");
        break;
    case B_BULLETS:
        for (size_t k = 0; k < b->n; k++) {
            put(o, ".IP \\(bu 2n\n");
            roff_line(o, s[k]);
        }
        put(o, ".LP\n");
        break;
    case B_TABLE: {
        size_t nc = b->ncols;
        put(o, ".TS\nallbox;\n");
        for (size_t c = 0; c < nc; c++)
            put(o, c ? " lB" : "lB");
        put(o, "\n");
        for (size_t c = 0; c < nc; c++)
            put(o, c ? " l" : "l");
        put(o, ".\n");
        for (size_t k = 0; k < b->n; k++) {
            roff_cell(o, s[k]);
            put(o, (k + 1) % nc ? "\t" : "\n");
        }
        put(o, ".TE\n");
        break;
    }
    case B_CHECK:
        put(o, b->checked ? ".IP \\(OK 3n\n" : ".IP \\(sq 3n\n");
        roff_line(o, s[0]);
        if (s[1]) {
            put(o, ".br\n\\s-1\\fI");
            roff_text(o, s[1], " ");
            put(o, "\\fP\\s+1\n");
        }
        break;
    case B_ANSWER:
        put(o, ".IP \"\" 3n\n\\(rA ");
        roff_text(o, s[0], "\n.br\n");
        put(o, "\n");
        break;
    case B_LINES:
        put(o, ".IP \"\" 3n\n");
        for (int k = 0; k < b->level; k++)
            put(o, ".sp 0.6\n\\l'\\n(.lu-\\n(.iu'\n.br\n");
        break;
    case B_SIGNATURE:
        put(o, ".KS\n.LP\n\\fB");
        roff_text(o, s[0] ? s[0] : "", " ");
        put(o, "\\fP\n.sp 3\n\\l'3i'\n.br\n");
        if (s[1] || s[2]) {
            char *who = s[1] && s[2] ? xasprintf("%s, %s", s[1], s[2])
                                           : xstrdup(s[1] ? s[1] : s[2]);
            roff_line(o, who);
            free(who);
            put(o, ".br\n");
        }
        roff_text(o, tr(d, N_("Date")), " ");
        put(o, ": ");
        if (s[3]) {
            put(o, "\n");
            roff_line(o, s[3]);
        } else {
            put(o, "\\l'1.5i'\n");
        }
        put(o, ".KE\n");
        break;
    case B_PAGEBREAK:
        put(o, ".bp\n");
        break;
    }
}

/* ------------------------------------------------------------- streams */

struct render_stream {
    const struct render_doc *d;
    enum render_format f;
    struct out o;
    struct tw tw;  /* the text syntax's pages */
    bool in_check; /* HTML: inside a checklist */
    size_t next;   /* the first block not yet written */
};

struct render_stream *render_stream_new(const struct render_doc *d, enum render_format f, int fd)
{
    struct render_stream *st = xcalloc(1, sizeof *st);
    st->d = d;
    st->f = f;
    st->o.fd = fd;
    struct out *o = &st->o;
    put(o, "");
    switch (f) {
    case RENDER_TEXT: text_head(&st->tw, d, o); break;
    case RENDER_MD: md_head(d, o); break;
    case RENDER_HTML: html_head(d, o); break;
    case RENDER_TROFF:
    case RENDER_PDF: roff_head(d, o); break;
    }
    return st;
}

/* Write the blocks before end. */
static void stream_to(struct render_stream *st, size_t end)
{
    const struct render_doc *d = st->d;
    struct out *o = &st->o;
    for (; st->next < end; st->next++) {
        switch (st->f) {
        case RENDER_TEXT: text_block(&st->tw, st->next); break;
        case RENDER_MD: md_block(d, o, st->next); break;
        case RENDER_HTML: html_block(d, o, st->next, &st->in_check); break;
        case RENDER_TROFF:
        case RENDER_PDF: roff_block(d, o, st->next); break;
        }
    }
}

void render_stream_more(struct render_stream *st)
{
    /* the last block may still grow (a key/value list, a table's rows);
     * every one before it is done */
    if (st->d->n > 1)
        stream_to(st, st->d->n - 1);
}

/* The rest of the document, and the syntax's end. */
static void stream_finish(struct render_stream *st)
{
    stream_to(st, st->d->n);
    switch (st->f) {
    case RENDER_TEXT: text_tail(&st->tw); break;
    case RENDER_MD: md_tail(&st->o); break;
    case RENDER_HTML: html_tail(&st->o, st->in_check); break;
    case RENDER_TROFF:
    case RENDER_PDF: break;
    }
}

int render_stream_end(struct render_stream *st, char **out, size_t *len)
{
    stream_finish(st);
    struct out o = st->o;
    free(st);
    if (o.fd < 0) {
        o.p[o.len] = '\0'; /* put_n always leaves room for it */
        *out = o.p;
        *len = o.len;
        return 0;
    }
    out_flush(&o, true);
    free(o.p);
    errno = o.error;
    return o.error ? -1 : 0;
}

void render_emit(const struct render_doc *d, enum render_format f, char **out, size_t *len)
{
    render_stream_end(render_stream_new(d, f, -1), out, len);
}

int render_emit_fd(const struct render_doc *d, enum render_format f, int fd)
{
    return render_stream_end(render_stream_new(d, f, fd), NULL, NULL);
}

int render_pdf(const struct render_doc *d, char **out, size_t *len, bool *missing, struct err *e)
{
    char *src;
    size_t srclen;
    *missing = false;
    *out = NULL;
    *len = 0;
    render_emit(d, RENDER_TROFF, &src, &srclen);
    const char *prog = getenv("PACTA_GROFF");
    if (!prog || !*prog)
        prog = "groff";
    const char *argv[] = {prog, "-k", "-Kutf8", "-t", "-ms", "-Tpdf", NULL};
    struct spawn_io io = {.in = src, .inlen = srclen, .capture_out = true, .capture_err = true};
    int status, en;
    int rc = spawn_run(argv, &io, &status, &en, e);
    free(src);
    if (rc < 0) {
        if (en == ENOENT) {
            *missing = true;
            err_set(e, NULL, 0, 0, "%s",
                    _("groff is not installed; it is needed to make PDF "
                      "(Debian: apt-get install groff)"));
        }
        return -1;
    }
    if (status != 0 || io.outlen == 0) {
        size_t n = io.errlen;
        while (n && io.errout[n - 1] == '\n')
            n--;
        err_set(e, NULL, 0, 0, _("groff failed (exit status %d): %.*s"), status, (int)(n > 500 ? 500 : n),
                io.errout ? io.errout : "");
        free(io.out);
        free(io.errout);
        return -1;
    }
    free(io.errout);
    *out = io.out;
    *len = io.outlen;
    return 0;
}
