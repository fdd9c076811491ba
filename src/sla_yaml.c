/* sla_yaml.c - YAML files to doc trees and back, with libyaml.
 *
 * Loading drives libyaml's event parser and builds the tree with an explicit
 * stack (no recursion, so depth is bounded by our own limit, not the C
 * stack).  Saving walks the tree and feeds libyaml's emitter, choosing key
 * order and scalar style from the schema for agreements. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "src/fileio.h"
#include "src/i18n.h"
#include "src/schema.h"
#include "src/sla_yaml.h"
#include "src/text.h"
#include "src/xalloc.h"

/* ---- loading ---- */

/* 1-based line and column (in characters) of a byte offset. */
static void locate(const char *buf, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* A collection being read.  Its pairs or items wait on the loader's shared
 * stacks (L->pairs, L->items) from base on, and move into an array of
 * exactly their number when it ends: no doubling slack is kept in the tree. */
struct frame {
    struct doc_node *node;
    size_t base;
    char *pending_key; /* maps: the key read (doc_key_new), waiting for its value */
    unsigned key_line, key_col;
    size_t *hash;      /* maps of many keys: 1 + pair index (from base) by key hash */
    size_t hcap;
};

struct loader {
    const char *name;
    const char *buf;
    size_t len;
    unsigned max_depth;
    struct frame *stack;
    size_t depth, cap;
    struct doc_pair *pairs;
    size_t npairs, pcap;
    struct doc_node **items;
    size_t nitems, icap;
    struct doc_node *root;
    struct doc_arena *arena; /* every node of the tree (doc.h) */
    size_t prev_end;  /* end of the last event, in characters */
    size_t hash_char; /* character index of the next '#' at or after prev_end */
    size_t hash_byte; /* its byte offset; len when there is none */
    size_t scan_char, scan_byte; /* a character/byte pair on the way to it */
    bool comments;
    struct err *e;
};

static int fail_at(struct loader *L, yaml_mark_t m, const char *msg)
{
    err_set(L->e, L->name, (unsigned)m.line + 1, (unsigned)m.column + 1, "%s", msg);
    return -1;
}

/* Comments.  libyaml drops them, and `pacta fmt` must not lose them
 * silently, so the loader notes whether the file has one: a '#' between two
 * events is a comment (every scalar, where a '#' can be text, lies inside
 * an event's range).  libyaml's marks count characters, not bytes; rather
 * than converting every mark (which cost 6% of loading), the loader finds
 * the next '#' with memchr and counts the characters up to it once, then
 * compares marks with that one number.  A file without a '#' costs a single
 * memchr. */
static void next_hash(struct loader *L, size_t from_byte)
{
    const char *h = from_byte < L->len ? memchr(L->buf + from_byte, '#', L->len - from_byte) : NULL;
    L->hash_byte = h ? (size_t)(h - L->buf) : L->len;
    if (!h)
        return;
    /* characters = bytes that do not continue a UTF-8 sequence */
    size_t chars = L->scan_char;
    for (size_t i = L->scan_byte; i < L->hash_byte; i++)
        chars += ((unsigned char)L->buf[i] & 0xC0) != 0x80;
    L->scan_byte = L->hash_byte;
    L->scan_char = chars;
    L->hash_char = chars;
}

/* The gap before an event that starts at character start and ends at end. */
static void scan_gap(struct loader *L, size_t start, size_t end)
{
    if (!L->comments) {
        while (L->hash_byte < L->len && L->hash_char < L->prev_end)
            next_hash(L, L->hash_byte + 1);
        if (L->hash_byte < L->len && L->hash_char < start)
            L->comments = true;
    }
    L->prev_end = end;
}

static size_t key_hash(const char *k)
{
    size_t h = 2166136261u;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

static bool same_key(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

enum { HASH_FROM = 16 }; /* maps with fewer keys are scanned */

static void hash_insert(struct frame *f, const struct doc_pair *pairs, size_t i)
{
    size_t h = key_hash(pairs[i].key) & (f->hcap - 1);
    while (f->hash[h])
        h = (h + 1) & (f->hcap - 1);
    f->hash[h] = i + 1;
}

/* The pair of the open map f with key k, or NULL. */
static const struct doc_pair *frame_find(struct loader *L, struct frame *f, const char *k)
{
    size_t n = L->npairs - f->base;
    if (n == 0)
        return NULL; /* and no arithmetic on a NULL stack (UBSan; found by fuzz_forms) */
    const struct doc_pair *pairs = L->pairs + f->base;
    if (n < HASH_FROM) {
        for (size_t i = 0; i < n; i++)
            if (same_key(pairs[i].key, k))
                return &pairs[i];
        return NULL;
    }
    if (n * 2 > f->hcap) {
        free(f->hash);
        f->hcap = f->hcap ? f->hcap * 2 : 64;
        while (n * 2 > f->hcap)
            f->hcap *= 2;
        f->hash = xcalloc(f->hcap, sizeof *f->hash);
        for (size_t i = 0; i < n; i++)
            hash_insert(f, pairs, i);
    }
    for (size_t h = key_hash(k) & (f->hcap - 1); f->hash[h]; h = (h + 1) & (f->hcap - 1))
        if (same_key(pairs[f->hash[h] - 1].key, k))
            return &pairs[f->hash[h] - 1];
    return NULL;
}

/* A scalar read where the open map f wants a key.  -1 on a duplicate. */
static int take_key(struct loader *L, struct frame *f, const char *s, size_t len, yaml_mark_t m)
{
    char *k = doc_key_new(s, len);
    const struct doc_pair *dup = frame_find(L, f, k);
    if (dup) {
        char msg[512];
        snprintf(msg, sizeof msg, _("duplicate key \"%s\" (first at line %u)"), k, dup->line);
        doc_key_free(k);
        return fail_at(L, m, msg);
    }
    f->pending_key = k;
    f->key_line = (unsigned)m.line + 1;
    f->key_col = (unsigned)m.column + 1;
    return 0;
}

/* Attach a finished node (a value, or a collection where a key was due) to
 * its parent.  -1 when a collection stands as a key. */
static int attach(struct loader *L, struct doc_node *n, yaml_mark_t m)
{
    if (L->depth == 0) {
        L->root = n;
        return 0;
    }
    struct frame *f = &L->stack[L->depth - 1];
    if (f->node->kind == DOC_SEQ) {
        L->items = xgrow(L->items, &L->icap, L->nitems + 1, sizeof *L->items);
        L->items[L->nitems++] = n;
        return 0;
    }
    if (!f->pending_key) {
        doc_free(n);
        return fail_at(L, m, _("a key must be plain text, not a list or a mapping"));
    }
    if (f->hash && (L->npairs - f->base + 1) * 2 > f->hcap) {
        free(f->hash); /* rebuilt larger at the next look-up */
        f->hash = NULL;
        f->hcap = 0;
    }
    L->pairs = xgrow(L->pairs, &L->pcap, L->npairs + 1, sizeof *L->pairs);
    struct doc_pair *p = &L->pairs[L->npairs++];
    p->key = f->pending_key;
    p->line = f->key_line;
    p->col = f->key_col;
    p->val = n;
    f->pending_key = NULL;
    if (f->hash)
        hash_insert(f, L->pairs + f->base, L->npairs - 1 - f->base);
    return 0;
}

static int on_event(struct loader *L, yaml_event_t *ev)
{
    yaml_mark_t m = ev->start_mark;
    const unsigned char *anchor = NULL, *tag = NULL;
    scan_gap(L, ev->start_mark.index, ev->end_mark.index);

    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return fail_at(L, m, _("aliases (*name) are not allowed in pacta files"));
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        tag = ev->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
        break;
    case YAML_DOCUMENT_START_EVENT:
        if (L->root)
            return fail_at(L, m, _("the file holds more than one YAML document"));
        return 0;
    default:
        return 0;
    }
    if (anchor)
        return fail_at(L, m, _("anchors (&name) are not allowed in pacta files"));
    if (tag && strcmp((const char *)tag, YAML_STR_TAG) != 0 && strcmp((const char *)tag, "!") != 0)
        return fail_at(L, m, _("YAML tags (!!type) are not allowed in pacta files"));

    if (ev->type == YAML_SCALAR_EVENT) {
        enum doc_style st = DOC_QUOTED;
        if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !tag)
            st = DOC_PLAIN;
        else if (ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                 ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
            st = DOC_LITERAL;
        else if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE)
            st = DOC_SQUOTED;
        const char *v = (const char *)ev->data.scalar.value;
        size_t vlen = ev->data.scalar.length;
        if (memchr(v, '\0', vlen))
            return fail_at(L, m, _("text holds a NUL character"));
        if (L->depth) {
            struct frame *f = &L->stack[L->depth - 1];
            if (f->node->kind == DOC_MAP && !f->pending_key)
                return take_key(L, f, v, vlen, m);
        }
        struct doc_node *n = doc_arena_scalar(L->arena, v, vlen, st);
        n->line = (unsigned)m.line + 1;
        n->col = (unsigned)m.column + 1;
        return attach(L, n, m);
    }
    /* a collection starts */
    if (L->depth >= L->max_depth) {
        char msg[256];
        snprintf(msg, sizeof msg, _("nesting deeper than %u levels"), L->max_depth);
        return fail_at(L, m, msg);
    }
    bool is_map = ev->type == YAML_MAPPING_START_EVENT;
    struct doc_node *n = doc_arena_collection(L->arena, is_map ? DOC_MAP : DOC_SEQ);
    n->line = (unsigned)m.line + 1;
    n->col = (unsigned)m.column + 1;
    if ((is_map && ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE) ||
        (!is_map && ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE))
        n->style = DOC_FLOW;
    L->stack = xgrow(L->stack, &L->cap, L->depth + 1, sizeof *L->stack);
    L->stack[L->depth] = (struct frame){.node = n, .base = is_map ? L->npairs : L->nitems};
    L->depth++;
    return 0;
}

/* Move a finished collection's pairs or items off the shared stacks into
 * an array of exactly their number. */
static void frame_close(struct loader *L, struct frame *f)
{
    struct doc_node *n = f->node;
    /* (no arithmetic on a stack that is still NULL: clang's UBSan) */
    if (n->kind == DOC_MAP) {
        size_t k = L->npairs - f->base;
        doc_arena_set_pairs(L->arena, n, k ? L->pairs + f->base : NULL, k);
        L->npairs = f->base;
    } else {
        size_t k = L->nitems - f->base;
        doc_arena_set_items(L->arena, n, k ? L->items + f->base : NULL, k);
        L->nitems = f->base;
    }
    free(f->hash);
    f->hash = NULL;
    if (f->pending_key)
        doc_key_free(f->pending_key);
    f->pending_key = NULL;
}

static int on_end(struct loader *L, yaml_event_t *ev)
{
    scan_gap(L, ev->start_mark.index, ev->end_mark.index);
    struct frame f = L->stack[--L->depth];
    frame_close(L, &f);
    return attach(L, f.node, ev->start_mark);
}

static void loader_free_stack(struct loader *L)
{
    while (L->depth) {
        struct frame *f = &L->stack[--L->depth];
        frame_close(L, f);
        doc_free(f->node);
    }
    free(L->stack);
    free(L->pairs);
    free(L->items);
}

/* Does the indentation of line (0-based) hold a tab?  libyaml's message for
 * that ("found character that cannot start any token") helps nobody. */
static bool tab_indented(const char *buf, size_t len, size_t line)
{
    size_t i = 0;
    for (size_t l = 0; l < line && i < len; i++)
        if (buf[i] == '\n')
            l++;
    for (; i < len && (buf[i] == ' ' || buf[i] == '\t'); i++)
        if (buf[i] == '\t')
            return true;
    return false;
}

static const char *syntax_problem(const yaml_parser_t *p)
{
    /* libyaml's problems are English technical phrases; keep them as a
     * detail behind a translated sentence. */
    return p->problem ? p->problem : "?";
}

/* Is buf valid UTF-8 without NUL?  If not, set e to say where.  libyaml
 * checks every character it reads too, so this runs only once loading has
 * failed, to give the clearer message (byte offset, line and column)
 * whatever else went wrong first -- it was 3% of loading when it ran on
 * every file. */
static bool check_text(const char *name, const char *buf, size_t len, struct err *e)
{
    size_t bad;
    if (text_utf8_valid(buf, len, &bad))
        return true;
    unsigned line, col;
    locate(buf, bad, &line, &col);
    err_clear(e);
    if (buf[bad] == '\0')
        err_set(e, name, line, col, _("NUL byte at byte offset %zu: this is not a text file"), bad);
    else
        err_set(e, name, line, col, _("invalid UTF-8 at byte offset %zu (byte 0x%02X): save the file as UTF-8"),
                bad, (unsigned)(unsigned char)buf[bad]);
    e->offset = (long long)bad;
    return false;
}

int sla_yaml_load_buffer(const char *name, const char *buf, size_t len, const struct sla_yaml_opts *o,
                         struct doc_node **out, struct sla_yaml_info *info, struct err *e)
{
    size_t max_size = (o && o->max_size) ? o->max_size : SLA_YAML_MAX_SIZE;
    *out = NULL;
    if (info)
        info->has_comments = false;
    err_clear(e);
    if (len > max_size) {
        err_set(e, name, 0, 0, _("the file is %zu bytes, more than the limit of %zu (--max-size raises it)"),
                len, max_size);
        return -1;
    }
    /* A byte order mark (Windows editors write one) is not content; libyaml
     * with the encoding set would take it for a stray character. */
    const char *whole = buf;
    size_t whole_len = len;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }

    struct loader L = {0};
    L.name = name;
    L.buf = buf;
    L.len = len;
    L.max_depth = (o && o->max_depth) ? o->max_depth : SLA_YAML_MAX_DEPTH;
    L.e = e;
    L.arena = doc_arena_new(len);
    next_hash(&L, 0);

    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    int rc = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            yaml_mark_t m = parser.problem_mark;
            if (parser.error != YAML_READER_ERROR && tab_indented(buf, len, m.line))
                err_set(e, name, (unsigned)m.line + 1, 1,
                        _("YAML syntax error: this line is indented with a tab; YAML indents with spaces only"));
            else if (parser.error == YAML_READER_ERROR)
                err_set(e, name, 0, 0, _("cannot read the file as text at byte offset %zu: %s"),
                        parser.problem_offset, syntax_problem(&parser));
            else if (parser.context)
                err_set(e, name, (unsigned)m.line + 1, (unsigned)m.column + 1,
                        _("YAML syntax error: %s %s (line %u)"), syntax_problem(&parser), parser.context,
                        (unsigned)parser.context_mark.line + 1);
            else
                err_set(e, name, (unsigned)m.line + 1, (unsigned)m.column + 1, _("YAML syntax error: %s"),
                        syntax_problem(&parser));
            rc = -1;
            break;
        }
        yaml_event_type_t t = ev.type;
        if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
            rc = on_end(&L, &ev);
        else
            rc = on_event(&L, &ev);
        if (t == YAML_STREAM_END_EVENT)
            scan_gap(&L, SIZE_MAX, SIZE_MAX); /* after the last event */
        yaml_event_delete(&ev);
        if (rc < 0 || t == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    loader_free_stack(&L);
    if (rc < 0) {
        doc_free(L.root);
        doc_arena_free(L.arena);
        check_text(name, whole, whole_len, e);
        return -1;
    }
    if (!L.root || doc_is_null(L.root)) {
        doc_free(L.root);
        doc_arena_free(L.arena);
        L.root = doc_new_map();
    } else if (L.root->kind != DOC_MAP) {
        err_set(e, name, L.root->line, L.root->col,
                _("the file must be a mapping of keys (like \"apiVersion: pacta/v1\"), not a single value or a list"));
        doc_free(L.root);
        doc_arena_free(L.arena);
        return -1;
    } else {
        L.root = doc_arena_adopt(L.arena, L.root);
    }
    if (info)
        info->has_comments = L.comments;
    *out = L.root;
    return 0;
}

int sla_yaml_load_file(const char *path, const struct sla_yaml_opts *o, struct doc_node **out,
                       struct sla_yaml_info *info, struct err *e)
{
    size_t max_size = (o && o->max_size) ? o->max_size : SLA_YAML_MAX_SIZE;
    char *buf;
    size_t len;
    *out = NULL;
    if (fileio_read(path, max_size, &buf, &len, NULL, e) < 0)
        return -1;
    int r = sla_yaml_load_buffer(path, buf, len, o, out, info, e);
    free(buf);
    return r;
}

/* ---- saving ---- */

struct sink {
    char *buf;
    size_t len, cap;
};

static int write_sink(void *data, unsigned char *buffer, size_t size)
{
    struct sink *s = data;
    s->buf = xgrow(s->buf, &s->cap, s->len + size + 1, 1);
    memcpy(s->buf + s->len, buffer, size);
    s->len += size;
    s->buf[s->len] = '\0';
    return 1;
}

/* Would a YAML reader (YAML 1.1 as python3-yaml, or 1.2 core) take this
 * plain scalar as something other than a string?  Conservative: anything
 * that looks like a number, date, time, bool or null gets quoted. */
static bool plain_is_ambiguous(const char *s)
{
    static const char *const words[] = {
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "y", "Y", "n", "N", ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", "<<", "=",
    };
    /* Every word starts with one of these (or is ""): most text skips the
     * 37 comparisons, which were 11% of `pacta fmt` (bench/). */
    /* ... and none is longer than 5 bytes: "needs", "N1" or "title" are
     * compared with none or a few. */
    if (strchr("~nNtTfFyYoO.+-<=", s[0])) {
        size_t n = strnlen(s, 6);
        if (n <= 5)
            for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
                if (words[i][0] == s[0] && strcmp(s, words[i]) == 0)
                    return true;
    }
    const char *p = s;
    if (*p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    for (; *p; p++)
        if (!strchr("0123456789abcdefABCDEFxXoO_.:+-eE ", *p))
            return false;
    return true;
}

static bool is_int_text(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!*p)
        return false;
    if (p[0] == '0' && p[1])
        return false; /* 0012 would be octal to YAML 1.1 */
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static bool is_decimal_text(const char *s)
{
    const char *p = s;
    int digits = 0, dots = 0;
    if (*p == '-')
        p++;
    if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
        return false;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.' && dots == 0 && digits)
            dots++;
        else
            return false;
    }
    return digits && p[-1] != '.';
}

static bool is_date_text(const char *s)
{
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
}

static bool is_word_text(const char *s)
{
    if (!*s || plain_is_ambiguous(s))
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("_-/.", *p)))
            return false;
    return !strchr("-.", s[0]);
}

static bool is_duration_text(const char *s)
{
    size_t n = strspn(s, "0123456789");
    return n > 0 && s[n] && strchr("smhdwMQY", s[n]) && s[n + 1] == '\0';
}

/* The style to write a scalar in. */
static yaml_scalar_style_t scalar_style(const struct doc_node *n, const struct schema_field *f)
{
    const char *s = n->u.str;
    /* a null stays a null, text fields included: quoting it would turn
     * "notes: null" into the text "null" (tests/data/hostile/null-text.sla.yaml) */
    if (n->style == DOC_PLAIN && doc_is_null(n))
        return YAML_PLAIN_SCALAR_STYLE;
    if (!f) {
        if (n->style == DOC_LITERAL)
            return YAML_LITERAL_SCALAR_STYLE;
        if (n->style == DOC_PLAIN)
            return YAML_PLAIN_SCALAR_STYLE; /* libyaml falls back to single quotes when it must */
        if (n->style == DOC_SQUOTED)
            return YAML_SINGLE_QUOTED_SCALAR_STYLE;
        return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    }
    switch (f->type) {
    case SCH_TEXT:
        return strchr(s, '\n') ? YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case SCH_TIME:
    case SCH_MONEY:
        return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case SCH_INT:
        return is_int_text(s) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case SCH_NUMBER:
        return is_decimal_text(s) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case SCH_DATE:
        return is_date_text(s) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case SCH_BOOL:
        return (!strcmp(s, "true") || !strcmp(s, "false")) ? YAML_PLAIN_SCALAR_STYLE
                                                            : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case SCH_DURATION:
        return is_duration_text(s) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    default: /* ids, refs, enums, words, currencies */
        return is_word_text(s) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    }
}

/* The emitter finds each node's schema field from its parent's, walking
 * down (schema_child, schema_item), without building paths.  A key that
 * path syntax would read differently ('.', '[', ']', or an empty key)
 * switches its subtree to the exact way: the full path, as doc_path writes
 * it, through schema_find. */
struct step {
    const char *key; /* NULL: an index */
    size_t index;
};

struct emitter {
    yaml_emitter_t em;
    enum sla_yaml_layout layout;
    struct step *steps;
    size_t nsteps, scap;
};

static void push_step(struct emitter *E, const char *key, size_t index)
{
    E->steps = xgrow(E->steps, &E->scap, E->nsteps + 1, sizeof *E->steps);
    E->steps[E->nsteps++] = (struct step){key, index};
}

/* schema_find of the current path (doc_path syntax). */
static const struct schema_field *find_slow(struct emitter *E)
{
    struct doc_path p;
    doc_path_init(&p, "");
    for (size_t i = 0; i < E->nsteps; i++) {
        if (E->steps[i].key)
            doc_path_key(&p, E->steps[i].key);
        else
            doc_path_index(&p, E->steps[i].index);
    }
    const struct schema_field *f = schema_find(p.s);
    doc_path_free(&p);
    return f;
}

static bool odd_key(const char *k)
{
    return !*k || strpbrk(k, ".[]");
}

static int emit_node(struct emitter *E, const struct doc_node *n, const struct schema_field *f, bool slow);

static int emit_scalar(struct emitter *E, const char *s, size_t len, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    /* Both implicit flags: no tag is ever written.  A plain scalar libyaml
     * cannot write plain falls back to quotes, which read back as text --
     * right for text, and nulls never reach here as anything but "null". */
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, 1, 1, style))
        return -1;
    return yaml_emitter_emit(&E->em, &ev) ? 0 : -1;
}

struct keyed {
    size_t index;
    int rank, sub;
    const struct schema_field *f;
    bool slow;
};

static int cmp_keyed(const struct keyed *x, const struct keyed *y)
{
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->sub != y->sub)
        return x->sub < y->sub ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Insertion sort: maps are small and usually in order already.  The order
 * is total (index breaks ties), so any sort gives the same result. */
static void sort_keyed(struct keyed *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (cmp_keyed(&v[i - 1], &v[i]) <= 0)
            continue;
        struct keyed t = v[i];
        size_t j = i;
        while (j > 0 && cmp_keyed(&v[j - 1], &t) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = t;
    }
}

static int emit_map(struct emitter *E, const struct doc_node *n, bool flow, const struct schema_field *mf,
                    bool slow)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    if (!yaml_emitter_emit(&E->em, &ev))
        return -1;
    struct keyed small[32];
    struct keyed *order = n->len <= 32 ? small : xmalloc(n->len * sizeof *order);
    int last_rank = -1;
    for (size_t i = 0; i < n->len; i++) {
        order[i].index = i;
        order[i].f = NULL;
        order[i].slow = false;
        const struct schema_field *f = NULL;
        if (E->layout == SLA_YAML_AGREEMENT) {
            const char *key = n->u.pairs[i].key;
            if (slow || odd_key(key)) {
                push_step(E, key, 0);
                f = find_slow(E);
                E->nsteps--;
                order[i].slow = true;
            } else if (E->nsteps == 0) {
                f = schema_child(NULL, key);
            } else if (mf) {
                f = schema_child(mf, key);
            }
            order[i].f = f;
        }
        if (f) {
            order[i].rank = last_rank = schema_rank(f);
            order[i].sub = -1;
        } else {
            /* unknown keys keep their place after the known key they followed */
            order[i].rank = last_rank;
            order[i].sub = (int)i;
        }
    }
    if (E->layout == SLA_YAML_AGREEMENT)
        sort_keyed(order, n->len);
    int rc = 0;
    for (size_t k = 0; k < n->len && rc == 0; k++) {
        const struct doc_pair *p = &n->u.pairs[order[k].index];
        rc = emit_scalar(E, p->key, strlen(p->key),
                         plain_is_ambiguous(p->key) || !*p->key ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                                                 : YAML_PLAIN_SCALAR_STYLE);
        if (rc == 0) {
            push_step(E, p->key, 0);
            rc = emit_node(E, p->val, order[k].f, order[k].slow);
            E->nsteps--;
        }
    }
    if (order != small)
        free(order);
    if (rc)
        return rc;
    yaml_mapping_end_event_initialize(&ev);
    return yaml_emitter_emit(&E->em, &ev) ? 0 : -1;
}

/* f: the node's field (NULL when unknown); slow: find fields below by path. */
static int emit_node(struct emitter *E, const struct doc_node *n, const struct schema_field *f, bool slow)
{
    if (!n)
        return emit_scalar(E, "null", 4, YAML_PLAIN_SCALAR_STYLE);
    if (n->kind == DOC_SCALAR) {
        /* Every null is written as "null": "" or "~" could not stay plain in
         * every context (libyaml would quote them, making text of them). */
        if (n->style == DOC_PLAIN && doc_is_null(n))
            return emit_scalar(E, "null", 4, YAML_PLAIN_SCALAR_STYLE);
        return emit_scalar(E, n->u.str, n->len, scalar_style(n, f));
    }
    bool flow;
    if (f)
        flow = f->type == SCH_REFLIST || f->type == SCH_DATELIST || f->type == SCH_ENUMLIST;
    else
        flow = n->style == DOC_FLOW;
    if (flow && n->kind == DOC_SEQ) {
        /* flow only for plain scalars: anything bigger goes in a block */
        for (size_t i = 0; i < n->len; i++)
            if (n->u.items[i]->kind != DOC_SCALAR)
                flow = false;
    }
    if (n->kind == DOC_MAP)
        return emit_map(E, n, flow && !f, f, slow);
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                         flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    if (!yaml_emitter_emit(&E->em, &ev))
        return -1;
    const struct schema_field *itf = NULL;
    if (E->layout == SLA_YAML_AGREEMENT && !slow && E->nsteps > 0)
        itf = schema_item(f);
    for (size_t i = 0; i < n->len; i++) {
        push_step(E, NULL, i);
        if (slow)
            itf = find_slow(E);
        int rc = emit_node(E, n->u.items[i], itf, slow);
        E->nsteps--;
        if (rc)
            return rc;
    }
    yaml_sequence_end_event_initialize(&ev);
    return yaml_emitter_emit(&E->em, &ev) ? 0 : -1;
}

int sla_yaml_emit(const struct doc_node *root, enum sla_yaml_layout layout, char **out, size_t *len,
                  struct err *e)
{
    struct emitter E;
    struct sink sink = {0};
    yaml_event_t ev;
    int rc = -1;

    err_clear(e);
    *out = NULL;
    *len = 0;
    E.layout = layout;
    E.steps = NULL;
    E.nsteps = E.scap = 0;
    yaml_emitter_initialize(&E.em);
    yaml_emitter_set_output(&E.em, write_sink, &sink);
    yaml_emitter_set_unicode(&E.em, 1);
    yaml_emitter_set_width(&E.em, -1);
    yaml_emitter_set_indent(&E.em, 2);
    yaml_emitter_set_break(&E.em, YAML_LN_BREAK);

    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    if (!yaml_emitter_emit(&E.em, &ev))
        goto done;
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    if (!yaml_emitter_emit(&E.em, &ev))
        goto done;
    if (emit_node(&E, root, NULL, false) < 0)
        goto done;
    yaml_document_end_event_initialize(&ev, 1);
    if (!yaml_emitter_emit(&E.em, &ev))
        goto done;
    yaml_stream_end_event_initialize(&ev);
    if (!yaml_emitter_emit(&E.em, &ev) || !yaml_emitter_flush(&E.em))
        goto done;
    rc = 0;
done:
    if (rc < 0) {
        err_set(e, NULL, 0, 0, _("cannot write YAML: %s"), E.em.problem ? E.em.problem : "?");
        free(sink.buf);
    } else {
        if (!sink.buf)
            sink.buf = xstrdup("");
        *out = sink.buf;
        *len = sink.len;
    }
    yaml_emitter_delete(&E.em);
    free(E.steps);
    return rc;
}
