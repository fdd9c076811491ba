/* render.c - the printable document model and its backends. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct block {
    enum block_kind kind;
    int level;     /* heading level; number of lines */
    bool checked;  /* checkbox */
    size_t ncols;  /* table columns; 2 for kv; 4 for signature */
    char **s;      /* strings (NULL allowed where documented) */
    size_t n, cap;
};

struct render_doc {
    char *lang;
    char *title;
    char *subtitle;
    struct block *b;
    size_t n, cap;
};

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
    for (size_t i = 0; i < d->n; i++) {
        for (size_t j = 0; j < d->b[i].n; j++)
            free(d->b[i].s[j]);
        free(d->b[i].s);
    }
    free(d->b);
    free(d->lang);
    free(d->title);
    free(d->subtitle);
    free(d);
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
    return b;
}

static struct block *last_or_new(struct render_doc *d, enum block_kind k)
{
    if (d->n && d->b[d->n - 1].kind == k)
        return &d->b[d->n - 1];
    return add_block(d, k);
}

/* Keep a copy of s without trailing blanks and newlines (a literal block
 * ends with one). */
static void push(struct block *b, const char *s)
{
    b->s = xgrow(b->s, &b->cap, b->n + 1, sizeof *b->s);
    char *c = NULL;
    if (s) {
        size_t n = strlen(s);
        while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        c = xstrndup(s, n);
    }
    b->s[b->n++] = c;
}

void render_heading(struct render_doc *d, int level, const char *text)
{
    struct block *b = add_block(d, B_HEADING);
    b->level = level < 1 ? 1 : level > 2 ? 2 : level;
    push(b, text ? text : "");
}

void render_para(struct render_doc *d, const char *text)
{
    if (!text || !*text)
        return;
    push(add_block(d, B_PARA), text);
}

void render_kv(struct render_doc *d, const char *key, const char *value)
{
    struct block *b = last_or_new(d, B_KV);
    b->ncols = 2;
    push(b, key ? key : "");
    push(b, value && *value ? value : "\xe2\x80\x94"); /* em dash */
}

void render_bullet(struct render_doc *d, const char *text)
{
    push(last_or_new(d, B_BULLETS), text ? text : "");
}

void render_table(struct render_doc *d, size_t ncols, const char *const *headers)
{
    struct block *b = add_block(d, B_TABLE);
    b->ncols = ncols ? ncols : 1;
    for (size_t i = 0; i < b->ncols; i++)
        push(b, headers && headers[i] ? headers[i] : "");
}

void render_row(struct render_doc *d, const char *const *cells)
{
    if (!d->n || d->b[d->n - 1].kind != B_TABLE)
        return;
    struct block *b = &d->b[d->n - 1];
    for (size_t i = 0; i < b->ncols; i++)
        push(b, cells && cells[i] ? cells[i] : "");
}

void render_check(struct render_doc *d, bool checked, const char *question, const char *hint)
{
    struct block *b = add_block(d, B_CHECK);
    b->checked = checked;
    push(b, question ? question : "");
    push(b, hint && *hint ? hint : NULL);
}

void render_answer(struct render_doc *d, const char *text)
{
    if (!text || !*text)
        return;
    push(add_block(d, B_ANSWER), text);
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
    push(b, party && *party ? party : NULL);
    push(b, name && *name ? name : NULL);
    push(b, title && *title ? title : NULL);
    push(b, date && *date ? date : NULL);
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

struct out {
    char *p;
    size_t len, cap;
};

static void put_n(struct out *o, const char *s, size_t n)
{
    o->p = xgrow(o->p, &o->cap, o->len + n + 1, 1);
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void put(struct out *o, const char *s)
{
    put_n(o, s, strlen(s));
}

static void put_rep(struct out *o, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        put(o, s);
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

/* Lines of text wrapped to cols display columns (src/text.h): newlines in
 * text are kept as line breaks; a word wider than cols is cut between
 * characters. */
struct lines {
    char **v;
    size_t n, cap;
};

static void lines_push(struct lines *l, char *s)
{
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] = s;
}

static void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static void wrap(const char *text, size_t cols, struct lines *res)
{
    struct text_line *tl = NULL;
    size_t n = text_wrap(text, cols < 1 ? 1 : cols, &tl);
    for (size_t i = 0; i < n; i++)
        lines_push(res, xstrndup(text + tl[i].off, tl[i].len));
    free(tl);
}

/* ----------------------------------------------------------- plain text */

/* A laid-out line: its text and how many following lines must stay on the
 * same page with it (headings, signature blocks). */
struct tline {
    char *s;
    int keep;
    bool pagebreak;
};

struct tdoc {
    struct tline *v;
    size_t n, cap;
};

static void tl_add(struct tdoc *t, char *s, int keep)
{
    t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
    t->v[t->n++] = (struct tline){.s = s, .keep = keep};
}

static void tl_blank(struct tdoc *t)
{
    if (t->n && t->v[t->n - 1].s[0] == '\0' && !t->v[t->n - 1].pagebreak)
        return;
    tl_add(t, xstrdup(""), 0);
}

static char *indent_str(size_t n, const char *prefix, const char *s)
{
    struct out o = {0};
    put(&o, "");
    if (prefix) {
        put(&o, prefix);
        put_rep(&o, " ", n > width(prefix) ? n - width(prefix) : 0);
    } else {
        put_rep(&o, " ", n);
    }
    put(&o, s);
    return o.p;
}

static void rstrip(char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
}

/* Wrap text at cols - indent, the first line prefixed by first (padded to
 * indent), the others indented. */
static void tl_wrapped(struct tdoc *t, const char *text, size_t indent, const char *first, int keep)
{
    size_t cols = RENDER_TEXT_COLUMNS > indent ? RENDER_TEXT_COLUMNS - indent : 1;
    struct text_line *tl = NULL;
    size_t n = text_wrap(text, cols, &tl);
    /* each line as indent_str(indent, first or NULL, line) then rstrip,
     * written straight into one allocation */
    size_t flen = first ? strlen(first) : 0, fw = first ? width(first) : 0;
    for (size_t i = 0; i < n; i++) {
        const char *pre = i == 0 ? first : NULL;
        size_t plen = pre ? flen : 0;
        size_t pad = pre ? (indent > fw ? indent - fw : 0) : indent;
        char *line = xmalloc(plen + pad + tl[i].len + 1), *o = line;
        memcpy(o, pre ? pre : "", plen);
        o += plen;
        memset(o, ' ', pad);
        o += pad;
        memcpy(o, text + tl[i].off, tl[i].len);
        o += tl[i].len;
        *o = '\0';
        rstrip(line);
        tl_add(t, line, i == 0 ? keep : 0);
    }
    free(tl);
}

static char *pad_to(const char *s, size_t cols)
{
    struct out o = {0};
    put(&o, s);
    size_t w = width(s);
    put_rep(&o, " ", cols > w ? cols - w : 0);
    return o.p;
}

static void text_table(struct tdoc *t, const struct block *b)
{
    size_t nc = b->ncols, nrows = b->n / nc;
    const size_t gap = 2, total = RENDER_TEXT_COLUMNS;
    size_t *want = xcalloc(nc, sizeof *want), *minw = xcalloc(nc, sizeof *minw),
           *w = xcalloc(nc, sizeof *w);
    for (size_t r = 0; r < nrows; r++)
        for (size_t c = 0; c < nc; c++) {
            const char *cell = b->s[r * nc + c];
            struct lines l = {0};
            wrap(cell, 1000, &l);
            for (size_t i = 0; i < l.n; i++)
                if (width(l.v[i]) > want[c])
                    want[c] = width(l.v[i]);
            lines_free(&l);
            /* the longest word, capped, is the narrowest useful width */
            const char *p = cell;
            while (*p) {
                size_t k = strcspn(p, " \n\t");
                size_t ww = width_n(p, k);
                if (ww > minw[c])
                    minw[c] = ww > 16 ? 16 : ww;
                p += k;
                if (*p)
                    p++;
            }
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
    for (size_t r = 0; r < nrows; r++) {
        struct lines *cl = xcalloc(nc, sizeof *cl);
        size_t h = 0;
        for (size_t c = 0; c < nc; c++) {
            wrap(b->s[r * nc + c], w[c], &cl[c]);
            if (cl[c].n > h)
                h = cl[c].n;
        }
        for (size_t i = 0; i < h; i++) {
            struct out o = {0};
            put(&o, "");
            for (size_t c = 0; c < nc; c++) {
                const char *s = i < cl[c].n ? cl[c].v[i] : "";
                char *padded = pad_to(s, c + 1 < nc ? w[c] + gap : 0);
                put(&o, padded);
                free(padded);
            }
            rstrip(o.p);
            tl_add(t, o.p, r == 0 ? 2 : (i + 1 < h ? 1 : 0));
        }
        if (r == 0) {
            struct out o = {0};
            put(&o, "");
            for (size_t c = 0; c < nc; c++) {
                put_rep(&o, "-", w[c]);
                if (c + 1 < nc)
                    put_rep(&o, " ", gap);
            }
            tl_add(t, o.p, 1);
        }
        for (size_t c = 0; c < nc; c++)
            lines_free(&cl[c]);
        free(cl);
    }
    free(want);
    free(minw);
    free(w);
}

static void text_kv(struct tdoc *t, const struct block *b)
{
    size_t keyw = 0;
    const size_t maxkey = 28;
    for (size_t i = 0; i + 1 < b->n; i += 2) {
        size_t kw = width(b->s[i]) + 1;
        if (kw > keyw && kw <= maxkey)
            keyw = kw;
    }
    size_t ind = keyw + 2;
    for (size_t i = 0; i + 1 < b->n; i += 2) {
        char *key = xasprintf("%s:", b->s[i]);
        if (width(key) > maxkey) {
            tl_wrapped(t, key, 0, NULL, 1);
            tl_wrapped(t, b->s[i + 1], ind, NULL, 0);
        } else {
            tl_wrapped(t, b->s[i + 1], ind, key, 0);
        }
        free(key);
    }
}

static char *text_title_line(const struct render_doc *d, const char *title, int page)
{
    char *right = xasprintf(tr(d, N_("Page %d")), page);
    size_t rw = width(right);
    size_t room = RENDER_TEXT_COLUMNS - rw - 2;
    struct lines l = {0};
    wrap(title, room, &l);
    struct out o = {0};
    put(&o, l.n ? l.v[0] : "");
    if (l.n > 1) {
        /* cut, and mark the cut */
        size_t k = fit_prefix(o.p, o.len, room - 1);
        o.len = k;
        o.p[k] = '\0';
        put(&o, "\xe2\x80\xa6");
    }
    put_rep(&o, " ", RENDER_TEXT_COLUMNS - rw - width(o.p));
    put(&o, right);
    lines_free(&l);
    free(right);
    return o.p;
}

static void text_layout(const struct render_doc *d, struct tdoc *t)
{
    /* Title block, centred. */
    struct lines l = {0};
    wrap(d->title, RENDER_TEXT_COLUMNS, &l);
    for (size_t i = 0; i < l.n; i++) {
        size_t w = width(l.v[i]);
        tl_add(t, indent_str((RENDER_TEXT_COLUMNS - w) / 2, NULL, l.v[i]), 1);
    }
    lines_free(&l);
    if (d->subtitle) {
        wrap(d->subtitle, RENDER_TEXT_COLUMNS, &l);
        for (size_t i = 0; i < l.n; i++) {
            size_t w = width(l.v[i]);
            tl_add(t, indent_str((RENDER_TEXT_COLUMNS - w) / 2, NULL, l.v[i]), 1);
        }
        lines_free(&l);
    }
    tl_blank(t);
    for (size_t i = 0; i < d->n; i++) {
        const struct block *b = &d->b[i];
        switch (b->kind) {
        case B_HEADING: {
            tl_blank(t);
            struct lines hl = {0};
            wrap(b->s[0], RENDER_TEXT_COLUMNS, &hl);
            size_t maxw = 0;
            for (size_t k = 0; k < hl.n; k++) {
                tl_add(t, xstrdup(hl.v[k]), 7);
                if (width(hl.v[k]) > maxw)
                    maxw = width(hl.v[k]);
            }
            lines_free(&hl);
            struct out o = {0};
            put(&o, "");
            put_rep(&o, b->level == 1 ? "=" : "-", maxw);
            tl_add(t, o.p, 3);
            tl_add(t, xstrdup(""), 2);
            break;
        }
        case B_PARA:
            tl_wrapped(t, b->s[0], 0, NULL, 0);
            tl_blank(t);
            break;
        case B_KV:
            text_kv(t, b);
            tl_blank(t);
            break;
        case B_BULLETS:
            for (size_t k = 0; k < b->n; k++)
                tl_wrapped(t, b->s[k], 4, "  -", 0);
            tl_blank(t);
            break;
        case B_TABLE:
            text_table(t, b);
            tl_blank(t);
            break;
        case B_CHECK:
            tl_wrapped(t, b->s[0], 4, b->checked ? "[x]" : "[ ]", 1);
            if (b->s[1])
                tl_wrapped(t, b->s[1], 4, NULL, 0);
            if (i + 1 >= d->n || (d->b[i + 1].kind != B_ANSWER && d->b[i + 1].kind != B_LINES))
                tl_blank(t);
            break;
        case B_ANSWER:
            tl_wrapped(t, b->s[0], 4, "  >", 0);
            tl_blank(t);
            break;
        case B_LINES:
            for (int k = 0; k < b->level; k++) {
                tl_add(t, xstrdup(""), 1);
                struct out o = {0};
                put(&o, "    ");
                put_rep(&o, "_", RENDER_TEXT_COLUMNS - 4);
                tl_add(t, o.p, 0);
            }
            tl_blank(t);
            break;
        case B_SIGNATURE: {
            const char *party = b->s[0] ? b->s[0] : "";
            tl_add(t, xstrdup(party), 8);
            tl_add(t, xstrdup(""), 7);
            tl_add(t, xstrdup(""), 6);
            struct out o = {0};
            put(&o, "");
            put_rep(&o, "_", 40);
            tl_add(t, o.p, 5);
            char *who = b->s[1] && b->s[2] ? xasprintf("%s, %s", b->s[1], b->s[2])
                                           : xstrdup(b->s[1] ? b->s[1] : b->s[2] ? b->s[2] : "");
            tl_wrapped(t, who, 0, NULL, 4);
            free(who);
            char *date = xasprintf("%s: %s", tr(d, N_("Date")), b->s[3] ? b->s[3] : "____________");
            tl_wrapped(t, date, 0, NULL, 0);
            free(date);
            tl_blank(t);
            break;
        }
        case B_PAGEBREAK:
            tl_add(t, xstrdup(""), 0);
            t->v[t->n - 1].pagebreak = true;
            break;
        }
    }
    while (t->n && t->v[t->n - 1].s[0] == '\0' && !t->v[t->n - 1].pagebreak) {
        free(t->v[--t->n].s);
    }
}

static void text_emit(const struct render_doc *d, struct out *o)
{
    struct tdoc t = {0};
    text_layout(d, &t);
    const int header = 3, body = RENDER_TEXT_PAGE_LINES - header;
    int page = 0, used = body; /* force a header before the first line */
    for (size_t i = 0; i < t.n; i++) {
        struct tline *l = &t.v[i];
        if (l->pagebreak) {
            used = body;
            continue;
        }
        if (used > 0 && used < body && l->keep > 0 && used + l->keep + 1 > body && l->keep + 1 <= body)
            used = body;
        if (used >= body) {
            if (l->s[0] == '\0' && page > 0)
                continue; /* no blank line at the top of a page */
            if (page > 0)
                put(o, "\f");
            page++;
            char *h = text_title_line(d, d->title, page);
            put(o, h);
            put(o, "\n");
            free(h);
            put_rep(o, "-", RENDER_TEXT_COLUMNS);
            put(o, "\n\n");
            used = 0;
            if (l->s[0] == '\0')
                continue;
        }
        put(o, l->s);
        put(o, "\n");
        used++;
    }
    if (page == 0) {
        char *h = text_title_line(d, d->title, 1);
        put(o, h);
        put(o, "\n");
        free(h);
    }
    for (size_t i = 0; i < t.n; i++)
        free(t.v[i].s);
    free(t.v);
}

/* ------------------------------------------------------------ CommonMark */

/* Escape inline text: every character that could start markup gets a
 * backslash; at the start of a line, also list and heading markers. */
static void md_text(struct out *o, const char *s, bool newline_is_break)
{
    bool bol = true;
    for (const char *p = s; *p; p++) {
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

static void md_emit(const struct render_doc *d, struct out *o)
{
    put(o, "# ");
    md_text(o, d->title, false);
    put(o, "\n\n");
    if (d->subtitle) {
        md_text(o, d->subtitle, true);
        put(o, "\n\n");
    }
    for (size_t i = 0; i < d->n; i++) {
        const struct block *b = &d->b[i];
        switch (b->kind) {
        case B_HEADING:
            put(o, b->level == 1 ? "## " : "### ");
            md_text(o, b->s[0], false);
            put(o, "\n\n");
            break;
        case B_PARA:
            md_text(o, b->s[0], true);
            put(o, "\n\n");
            break;
        case B_KV:
            for (size_t k = 0; k + 1 < b->n; k += 2) {
                put(o, "- **");
                md_text(o, b->s[k], false);
                put(o, ":** ");
                md_text(o, b->s[k + 1], false);
                put(o, "\n");
            }
            put(o, "\n");
            break;
        case B_BULLETS:
            for (size_t k = 0; k < b->n; k++) {
                put(o, "- ");
                md_text(o, b->s[k], false);
                put(o, "\n");
            }
            put(o, "\n");
            break;
        case B_TABLE: {
            size_t nc = b->ncols;
            for (size_t k = 0; k < b->n; k++) {
                put(o, "| ");
                md_text(o, b->s[k], false);
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
            md_text(o, b->s[0], false);
            if (b->s[1]) {
                put(o, "\\\n  *");
                md_text(o, b->s[1], false);
                put(o, "*");
            }
            put(o, "\n\n");
            break;
        case B_ANSWER:
            put(o, "  > ");
            md_text(o, b->s[0], false);
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
            md_text(o, b->s[0] ? b->s[0] : "", false);
            put(o, "**\n\n");
            put_rep(o, "\\_", 40);
            put(o, "\\\n");
            if (b->s[1])
                md_text(o, b->s[1], false);
            if (b->s[1] && b->s[2])
                put(o, ", ");
            if (b->s[2])
                md_text(o, b->s[2], false);
            put(o, "\\\n");
            md_text(o, tr(d, N_("Date")), false);
            put(o, ": ");
            if (b->s[3])
                md_text(o, b->s[3], false);
            else
                put_rep(o, "\\_", 12);
            put(o, "\n\n");
            break;
        case B_PAGEBREAK:
            put(o, "* * *\n\n");
            break;
        }
    }
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

static void html_emit(const struct render_doc *d, struct out *o)
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
    bool in_check = false;
    for (size_t i = 0; i < d->n; i++) {
        const struct block *b = &d->b[i];
        bool check_part = b->kind == B_CHECK || b->kind == B_ANSWER || b->kind == B_LINES;
        if (in_check && !check_part) {
            put(o, "</ul>\n");
            in_check = false;
        }
        switch (b->kind) {
        case B_HEADING:
            put(o, b->level == 1 ? "<h2>" : "<h3>");
            html_text(o, b->s[0], false);
            put(o, b->level == 1 ? "</h2>\n" : "</h3>\n");
            break;
        case B_PARA:
            put(o, "<p>");
            html_text(o, b->s[0], true);
            put(o, "</p>\n");
            break;
        case B_KV:
            put(o, "<dl class=\"kv\">\n");
            for (size_t k = 0; k + 1 < b->n; k += 2) {
                put(o, "<dt>");
                html_text(o, b->s[k], false);
                put(o, "</dt><dd>");
                html_text(o, b->s[k + 1], true);
                put(o, "</dd>\n");
            }
            put(o, "</dl>\n");
            break;
        case B_BULLETS:
            put(o, "<ul>\n");
            for (size_t k = 0; k < b->n; k++) {
                put(o, "<li>");
                html_text(o, b->s[k], true);
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
                html_text(o, b->s[k], true);
                put(o, k < nc ? "</th>" : "</td>");
            }
            put(o, b->n > nc ? "</tr>\n</tbody>\n</table>\n" : "</tr></thead>\n</table>\n");
            break;
        }
        case B_CHECK:
            if (!in_check) {
                put(o, "<ul class=\"check\">\n");
                in_check = true;
            }
            put(o, b->checked ? "<li><span class=\"box\">&#10003;</span>" : "<li><span class=\"box\"></span>");
            html_text(o, b->s[0], false);
            if (b->s[1]) {
                put(o, "<span class=\"hint\">");
                html_text(o, b->s[1], true);
                put(o, "</span>");
            }
            put(o, "</li>\n");
            break;
        case B_ANSWER:
            if (!in_check) {
                put(o, "<ul class=\"check\">\n");
                in_check = true;
            }
            put(o, "<li class=\"answer\">");
            html_text(o, b->s[0], true);
            put(o, "</li>\n");
            break;
        case B_LINES:
            if (!in_check) {
                put(o, "<ul class=\"check\">\n");
                in_check = true;
            }
            for (int k = 0; k < b->level; k++)
                put(o, "<li class=\"line\"></li>\n");
            break;
        case B_SIGNATURE:
            put(o, "<div class=\"sig\"><strong>");
            html_text(o, b->s[0] ? b->s[0] : "", false);
            put(o, "</strong><div class=\"rule\"></div>");
            if (b->s[1])
                html_text(o, b->s[1], false);
            if (b->s[1] && b->s[2])
                put(o, ", ");
            if (b->s[2])
                html_text(o, b->s[2], false);
            put(o, "<br>");
            html_text(o, tr(d, N_("Date")), false);
            put(o, ": ");
            if (b->s[3])
                html_text(o, b->s[3], false);
            put(o, "</div>\n");
            break;
        case B_PAGEBREAK:
            put(o, "<div class=\"pagebreak\"></div>\n");
            break;
        }
    }
    if (in_check)
        put(o, "</ul>\n");
    put(o, "</body>\n</html>\n");
}

/* ----------------------------------------------------------------- troff */

/* One line of troff text: every input line starts with \& (so '.', '\''
 * and "T}" are never requests), backslashes become \e, tabs spaces. */
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

static void roff_emit(const struct render_doc *d, struct out *o)
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
    for (size_t i = 0; i < d->n; i++) {
        const struct block *b = &d->b[i];
        switch (b->kind) {
        case B_HEADING:
            put(o, b->level == 1 ? ".SH\n" : ".SH 2\n");
            roff_line(o, b->s[0]);
            put(o, ".LP\n");
            break;
        case B_PARA:
            put(o, ".LP\n");
            roff_line(o, b->s[0]);
            break;
        case B_KV:
            put(o, ".TS\nlB lx.\n");
            for (size_t k = 0; k + 1 < b->n; k += 2) {
                roff_cell(o, b->s[k]);
                put(o, "\t");
                roff_cell(o, b->s[k + 1]);
                put(o, "\n");
            }
            put(o, ".TE\n");
            break;
        case B_BULLETS:
            for (size_t k = 0; k < b->n; k++) {
                put(o, ".IP \\(bu 2n\n");
                roff_line(o, b->s[k]);
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
                roff_cell(o, b->s[k]);
                put(o, (k + 1) % nc ? "\t" : "\n");
            }
            put(o, ".TE\n");
            break;
        }
        case B_CHECK:
            put(o, b->checked ? ".IP \\(OK 3n\n" : ".IP \\(sq 3n\n");
            roff_line(o, b->s[0]);
            if (b->s[1]) {
                put(o, ".br\n\\s-1\\fI");
                roff_text(o, b->s[1], " ");
                put(o, "\\fP\\s+1\n");
            }
            break;
        case B_ANSWER:
            put(o, ".IP \"\" 3n\n\\(rA ");
            roff_text(o, b->s[0], "\n.br\n");
            put(o, "\n");
            break;
        case B_LINES:
            put(o, ".IP \"\" 3n\n");
            for (int k = 0; k < b->level; k++)
                put(o, ".sp 0.6\n\\l'\\n(.lu-\\n(.iu'\n.br\n");
            break;
        case B_SIGNATURE:
            put(o, ".KS\n.LP\n\\fB");
            roff_text(o, b->s[0] ? b->s[0] : "", " ");
            put(o, "\\fP\n.sp 3\n\\l'3i'\n.br\n");
            if (b->s[1] || b->s[2]) {
                char *who = b->s[1] && b->s[2] ? xasprintf("%s, %s", b->s[1], b->s[2])
                                               : xstrdup(b->s[1] ? b->s[1] : b->s[2]);
                roff_line(o, who);
                free(who);
                put(o, ".br\n");
            }
            roff_text(o, tr(d, N_("Date")), " ");
            put(o, ": ");
            if (b->s[3]) {
                put(o, "\n");
                roff_line(o, b->s[3]);
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
}

void render_emit(const struct render_doc *d, enum render_format f, char **out, size_t *len)
{
    struct out o = {0};
    put(&o, "");
    switch (f) {
    case RENDER_TEXT: text_emit(d, &o); break;
    case RENDER_MD: md_emit(d, &o); break;
    case RENDER_HTML: html_emit(d, &o); break;
    case RENDER_TROFF:
    case RENDER_PDF: roff_emit(d, &o); break;
    }
    *out = o.p;
    *len = o.len;
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
