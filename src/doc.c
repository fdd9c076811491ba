/* doc.c - the agreement model: an ordered YAML tree addressed by path. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/doc.h"
#include "src/xalloc.h"

/* ---- keys ----
 *
 * The same few keys ("id", "description", "priority") repeat in every item
 * of an agreement: a key of up to KEY_MAX bytes is interned in a bounded
 * static pool, shared and never freed, instead of costing an allocation per
 * pair (a 100,000-item agreement has 460,000 pairs).  When the pool is full,
 * keys are copied as before.  doc_key_free tells the two apart. */
enum { KEYPOOL_SIZE = 16384, KEY_SLOTS = 1024, KEY_MAX = 40 };
static char keypool[KEYPOOL_SIZE];
static size_t keypool_used;
static const char *keyslots[KEY_SLOTS];
static size_t nkeyslots;

static bool key_pooled(const char *k)
{
    uintptr_t p = (uintptr_t)k, b = (uintptr_t)keypool;
    return p >= b && p < b + sizeof keypool;
}

static size_t key_hash(const char *s, size_t len)
{
    size_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

char *doc_key_new(const char *s, size_t len)
{
    if (len <= KEY_MAX && !memchr(s, '\0', len)) {
        size_t i = key_hash(s, len) & (KEY_SLOTS - 1);
        for (; keyslots[i]; i = (i + 1) & (KEY_SLOTS - 1))
            if (strncmp(keyslots[i], s, len) == 0 && keyslots[i][len] == '\0')
                return (char *)keyslots[i];
        /* keep the table at most half full, and room in the pool */
        if (nkeyslots < KEY_SLOTS / 2 && keypool_used + len + 1 <= sizeof keypool) {
            char *k = keypool + keypool_used;
            memcpy(k, s, len);
            k[len] = '\0';
            keypool_used += len + 1;
            keyslots[i] = k;
            nkeyslots++;
            return k;
        }
    }
    return xstrndup(s, len);
}

void doc_key_free(char *key)
{
    if (!key_pooled(key))
        free(key);
}

bool doc_key_interned(const char *key) { return key_pooled(key); }

/* ---- the arena (see doc.h) ----
 *
 * A bump allocator over a list of blocks that grow from a size guessed from
 * the source up to ARENA_MAX.  Bits in doc_node.mem say what lives where:
 * DOC_MEM_NODE, the node itself (and a scalar's inline text); DOC_MEM_ARRAY,
 * a map's pairs or a seq's items (for a scalar: its out-of-line text, which
 * only an adopted scalar root has); DOC_MEM_ROOT, the node is the heap copy of
 * a loaded root that owns the arena (struct rooted). */
enum { DOC_MEM_NODE = 1, DOC_MEM_ARRAY = 2, DOC_MEM_ROOT = 4 };
enum { ARENA_MIN = 16 << 10, ARENA_MAX = 16 << 20 };

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    max_align_t data[];
};

struct doc_arena {
    struct arena_block *head;
    size_t next_size;
};

struct rooted {
    struct doc_arena *arena;
    struct doc_node node;
};

/* Under AddressSanitizer every allocation gets a block of its own, so that
 * an overflow out of a node is still caught at its first byte. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EXACT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EXACT 1
#endif
#endif
#ifndef ARENA_EXACT
#define ARENA_EXACT 0
#endif

struct doc_arena *doc_arena_new(size_t hint)
{
    struct doc_arena *a = xmalloc(sizeof *a);
    a->head = NULL;
    /* a loaded tree takes about three times its source (bench/) */
    size_t size = hint < ARENA_MAX / 3 ? hint * 3 : ARENA_MAX;
    a->next_size = size < ARENA_MIN ? ARENA_MIN : size;
    return a;
}

static void *arena_alloc(struct doc_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    struct arena_block *b = a->head;
    if (ARENA_EXACT || !b || b->size - b->used < n) {
        size_t size = ARENA_EXACT ? n : a->next_size;
        if (size < n)
            size = n; /* a large array gets a block of its own */
        else if (a->next_size < ARENA_MAX)
            a->next_size *= 2;
        b = xmalloc(offsetof(struct arena_block, data) + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

void doc_arena_free(struct doc_arena *a)
{
    if (!a)
        return;
    for (struct arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

struct doc_node *doc_arena_collection(struct doc_arena *a, enum doc_kind kind)
{
    struct doc_node *n = arena_alloc(a, sizeof *n);
    *n = (struct doc_node){.kind = (unsigned char)kind, .mem = DOC_MEM_NODE};
    return n;
}

void doc_arena_set_pairs(struct doc_arena *a, struct doc_node *map, const struct doc_pair *pairs, size_t n)
{
    if (n) {
        map->u.pairs = arena_alloc(a, n * sizeof *pairs);
        memcpy(map->u.pairs, pairs, n * sizeof *pairs);
        map->mem |= DOC_MEM_ARRAY;
    }
    map->len = map->cap = n;
}

void doc_arena_set_items(struct doc_arena *a, struct doc_node *seq, struct doc_node *const *items, size_t n)
{
    if (n) {
        seq->u.items = arena_alloc(a, n * sizeof *items);
        memcpy(seq->u.items, items, n * sizeof *items);
        seq->mem |= DOC_MEM_ARRAY;
    }
    seq->len = seq->cap = n;
}

struct doc_node *doc_arena_adopt(struct doc_arena *a, struct doc_node *root)
{
    struct rooted *r = xmalloc(sizeof *r);
    r->arena = a;
    r->node = *root;
    if (root->kind == DOC_SCALAR && root->str_inline) {
        /* the text stays in the arena, where the old node kept it */
        r->node.u.str = root->u.str;
        r->node.str_inline = 0;
        r->node.mem |= DOC_MEM_ARRAY; /* not to be freed on its own */
    }
    r->node.mem = (unsigned char)((r->node.mem & ~DOC_MEM_NODE) | DOC_MEM_ROOT);
    return &r->node;
}

/* Before an arena array grows: a copy of its own that realloc may move. */
static void own_array(struct doc_node *n, size_t elem)
{
    if (!(n->mem & DOC_MEM_ARRAY))
        return;
    void *copy = xmalloc((n->len ? n->len : 1) * elem);
    memcpy(copy, n->kind == DOC_MAP ? (void *)n->u.pairs : (void *)n->u.items, n->len * elem);
    if (n->kind == DOC_MAP)
        n->u.pairs = copy;
    else
        n->u.items = copy;
    n->cap = n->len ? n->len : 1;
    n->mem &= (unsigned char)~DOC_MEM_ARRAY;
}

static struct doc_node *node_new(enum doc_kind kind, enum doc_style style)
{
    struct doc_node *n = xmalloc(sizeof *n);
    *n = (struct doc_node){.kind = (unsigned char)kind, .style = (unsigned char)style};
    return n;
}

/* A scalar is one allocation: the node up to its last member (cap, unused
 * by scalars) followed by the text from where cap would be, so a 100,000-item
 * agreement's 360,000 scalars cost one block each instead of two. */
#define SCALAR_TEXT offsetof(struct doc_node, cap)

static struct doc_node *scalar_in(struct doc_node *n, const char *s, size_t len, enum doc_style style)
{
    n->kind = DOC_SCALAR;
    n->style = (unsigned char)style;
    n->str_inline = 1;
    n->mem = 0;
    n->line = n->col = 0;
    n->len = len;
    n->u.str = (char *)n + SCALAR_TEXT;
    memcpy(n->u.str, s, len);
    n->u.str[len] = '\0';
    return n;
}

struct doc_node *doc_new_scalar_n(const char *s, size_t len, enum doc_style style)
{
    return scalar_in(xmalloc(SCALAR_TEXT + len + 1), s, len, style);
}

struct doc_node *doc_arena_scalar(struct doc_arena *a, const char *s, size_t len, enum doc_style style)
{
    struct doc_node *n = scalar_in(arena_alloc(a, SCALAR_TEXT + len + 1), s, len, style);
    n->mem = DOC_MEM_NODE;
    return n;
}

/* A text that fits in the current one is written in its place; a longer one
 * goes to a block of its own (the node cannot move: it is referenced). */
void doc_scalar_set(struct doc_node *n, const char *s, size_t len)
{
    if (len <= n->len) {
        memmove(n->u.str, s, len);
        n->u.str[len] = '\0';
    } else {
        char *t = xmalloc(len + 1);
        memcpy(t, s, len);
        t[len] = '\0';
        if (!n->str_inline && !(n->mem & DOC_MEM_ARRAY))
            free(n->u.str);
        n->u.str = t;
        n->str_inline = 0;
        n->mem &= (unsigned char)~DOC_MEM_ARRAY;
    }
    n->len = len;
}

struct doc_node *doc_new_scalar(const char *s, enum doc_style style)
{
    return doc_new_scalar_n(s ? s : "", s ? strlen(s) : 0, style);
}

struct doc_node *doc_new_map(void) { return node_new(DOC_MAP, DOC_PLAIN); }
struct doc_node *doc_new_seq(void) { return node_new(DOC_SEQ, DOC_PLAIN); }

struct doc_node *doc_clone(const struct doc_node *n)
{
    if (!n)
        return NULL;
    struct doc_node *c;
    switch (n->kind) {
    case DOC_SCALAR:
        c = doc_new_scalar_n(n->u.str, n->len, n->style);
        break;
    case DOC_MAP:
        c = node_new(DOC_MAP, n->style);
        for (size_t i = 0; i < n->len; i++) {
            doc_map_put(c, n->u.pairs[i].key, doc_clone(n->u.pairs[i].val));
            c->u.pairs[i].line = n->u.pairs[i].line;
            c->u.pairs[i].col = n->u.pairs[i].col;
        }
        break;
    default:
        c = node_new(DOC_SEQ, n->style);
        for (size_t i = 0; i < n->len; i++)
            doc_seq_push(c, doc_clone(n->u.items[i]));
        break;
    }
    c->line = n->line;
    c->col = n->col;
    return c;
}

void doc_free(struct doc_node *n)
{
    if (!n)
        return;
    bool own_array = !(n->mem & DOC_MEM_ARRAY);
    switch (n->kind) {
    case DOC_SCALAR:
        if (!n->str_inline && own_array)
            free(n->u.str);
        break;
    case DOC_MAP:
        for (size_t i = 0; i < n->len; i++) {
            doc_key_free(n->u.pairs[i].key);
            doc_free(n->u.pairs[i].val);
        }
        if (own_array)
            free(n->u.pairs);
        break;
    default:
        for (size_t i = 0; i < n->len; i++)
            doc_free(n->u.items[i]);
        if (own_array)
            free(n->u.items);
        break;
    }
    if (n->mem & DOC_MEM_ROOT) {
        struct rooted *r = (struct rooted *)((char *)n - offsetof(struct rooted, node));
        doc_arena_free(r->arena);
        free(r);
    } else if (!(n->mem & DOC_MEM_NODE)) {
        free(n);
    }
}

bool doc_is_null(const struct doc_node *n)
{
    if (!n)
        return true;
    if (n->kind != DOC_SCALAR || n->style != DOC_PLAIN)
        return false;
    const char *s = n->u.str;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

bool doc_equal(const struct doc_node *a, const struct doc_node *b)
{
    if (doc_is_null(a) || doc_is_null(b))
        return doc_is_null(a) && doc_is_null(b);
    if (a->kind != b->kind || a->len != b->len)
        return false;
    switch (a->kind) {
    case DOC_SCALAR:
        return memcmp(a->u.str, b->u.str, a->len) == 0;
    case DOC_MAP:
        /* a mapping's meaning does not depend on its key order */
        for (size_t i = 0; i < a->len; i++) {
            const struct doc_pair *p = doc_map_pair(b, a->u.pairs[i].key);
            if (!p || !doc_equal(a->u.pairs[i].val, p->val))
                return false;
        }
        return true;
    default:
        for (size_t i = 0; i < a->len; i++)
            if (!doc_equal(a->u.items[i], b->u.items[i]))
                return false;
        return true;
    }
}

/* ---- maps ---- */

struct doc_pair *doc_map_pair(const struct doc_node *map, const char *key)
{
    if (!map || map->kind != DOC_MAP)
        return NULL;
    for (size_t i = 0; i < map->len; i++)
        if (strcmp(map->u.pairs[i].key, key) == 0)
            return &map->u.pairs[i];
    return NULL;
}

struct doc_node *doc_map_get(const struct doc_node *map, const char *key)
{
    struct doc_pair *p = doc_map_pair(map, key);
    return p ? p->val : NULL;
}

struct doc_node *doc_map_put(struct doc_node *map, const char *key, struct doc_node *val)
{
    struct doc_pair *p = doc_map_pair(map, key);
    if (p) {
        if (p->val != val)
            doc_free(p->val);
        p->val = val;
        return val;
    }
    own_array(map, sizeof *map->u.pairs);
    map->u.pairs = xgrow(map->u.pairs, &map->cap, map->len + 1, sizeof *map->u.pairs);
    p = &map->u.pairs[map->len++];
    p->key = doc_key_new(key, strlen(key));
    p->line = p->col = 0;
    p->val = val;
    return val;
}

bool doc_map_del(struct doc_node *map, const char *key)
{
    struct doc_pair *p = doc_map_pair(map, key);
    if (!p)
        return false;
    size_t i = (size_t)(p - map->u.pairs);
    doc_key_free(p->key);
    doc_free(p->val);
    memmove(p, p + 1, (map->len - i - 1) * sizeof *p);
    map->len--;
    return true;
}

/* ---- sequences ---- */

void doc_seq_push(struct doc_node *seq, struct doc_node *item)
{
    doc_seq_insert(seq, seq->len, item);
}

bool doc_seq_insert(struct doc_node *seq, size_t i, struct doc_node *item)
{
    if (!seq || seq->kind != DOC_SEQ || i > seq->len)
        return false;
    own_array(seq, sizeof *seq->u.items);
    seq->u.items = xgrow(seq->u.items, &seq->cap, seq->len + 1, sizeof *seq->u.items);
    memmove(&seq->u.items[i + 1], &seq->u.items[i], (seq->len - i) * sizeof *seq->u.items);
    seq->u.items[i] = item;
    seq->len++;
    return true;
}

struct doc_node *doc_seq_take(struct doc_node *seq, size_t i)
{
    if (!seq || seq->kind != DOC_SEQ || i >= seq->len)
        return NULL;
    struct doc_node *n = seq->u.items[i];
    memmove(&seq->u.items[i], &seq->u.items[i + 1], (seq->len - i - 1) * sizeof *seq->u.items);
    seq->len--;
    return n;
}

bool doc_seq_move(struct doc_node *seq, size_t from, size_t to)
{
    if (!seq || seq->kind != DOC_SEQ || from >= seq->len || to >= seq->len)
        return false;
    struct doc_node *n = doc_seq_take(seq, from);
    return doc_seq_insert(seq, to, n);
}

/* ---- paths ---- */

/* One step of a path: a key (into a map) or an index (into a seq). */
struct step {
    const char *key;
    size_t keylen;
    size_t index;
    bool is_index;
};

/* Parse the step at *p; advance *p.  Returns 1 on a step, 0 at the end,
 * -1 when malformed. */
static int next_step(const char **p, struct step *st)
{
    const char *s = *p;
    if (!*s)
        return 0;
    if (*s == '.')
        s++;
    if (*s == '[') {
        char *end;
        s++;
        if (*s < '0' || *s > '9')
            return -1;
        unsigned long long v = strtoull(s, &end, 10);
        if (*end != ']')
            return -1;
        st->is_index = true;
        st->index = (size_t)v;
        *p = end + 1;
        return 1;
    }
    size_t n = strcspn(s, ".[");
    if (n == 0)
        return -1;
    st->is_index = false;
    st->key = s;
    st->keylen = n;
    *p = s + n;
    return 1;
}

static struct doc_node *child(const struct doc_node *n, const struct step *st)
{
    if (!n)
        return NULL;
    if (st->is_index)
        return (n->kind == DOC_SEQ && st->index < n->len) ? n->u.items[st->index] : NULL;
    if (n->kind != DOC_MAP)
        return NULL;
    for (size_t i = 0; i < n->len; i++) {
        const char *k = n->u.pairs[i].key;
        if (strncmp(k, st->key, st->keylen) == 0 && k[st->keylen] == '\0')
            return n->u.pairs[i].val;
    }
    return NULL;
}

struct doc_node *doc_get(const struct doc_node *root, const char *path)
{
    const struct doc_node *n = root;
    struct step st;
    int r;
    while (n && (r = next_step(&path, &st)) != 0) {
        if (r < 0)
            return NULL;
        n = child(n, &st);
    }
    return (struct doc_node *)n;
}

const char *doc_get_str(const struct doc_node *root, const char *path)
{
    const struct doc_node *n = doc_get(root, path);
    if (!n || n->kind != DOC_SCALAR || doc_is_null(n))
        return NULL;
    return n->u.str;
}

size_t doc_count(const struct doc_node *root, const char *path)
{
    const struct doc_node *n = doc_get(root, path);
    return (n && n->kind != DOC_SCALAR) ? n->len : 0;
}

/* Walk to the parent of the last step, creating containers as needed.
 * Returns the parent and fills *last, or NULL. */
static struct doc_node *ensure_parent(struct doc_node *root, const char *path, struct step *last)
{
    struct doc_node *n = root;
    struct step st, nx;
    const char *p = path;
    if (next_step(&p, &st) <= 0)
        return NULL;
    for (;;) {
        const char *q = p;
        int r = next_step(&q, &nx);
        if (r < 0)
            return NULL;
        if (r == 0) {
            *last = st;
            return n;
        }
        struct doc_node *c = child(n, &st);
        if (!c || doc_is_null(c)) {
            struct doc_node *made = nx.is_index ? doc_new_seq() : doc_new_map();
            if (st.is_index) {
                if (n->kind != DOC_SEQ || st.index > n->len) {
                    doc_free(made);
                    return NULL;
                }
                if (st.index == n->len)
                    doc_seq_push(n, made);
                else {
                    doc_free(n->u.items[st.index]);
                    n->u.items[st.index] = made;
                }
            } else {
                if (n->kind != DOC_MAP) {
                    doc_free(made);
                    return NULL;
                }
                char *k = xstrndup(st.key, st.keylen);
                doc_map_put(n, k, made);
                free(k);
            }
            c = made;
        }
        if (c->kind == DOC_SCALAR)
            return NULL;
        n = c;
        st = nx;
        p = q;
    }
}

static int put_at(struct doc_node *parent, const struct step *st, struct doc_node *val)
{
    if (st->is_index) {
        if (parent->kind != DOC_SEQ || st->index > parent->len)
            return -1;
        if (st->index == parent->len) {
            doc_seq_push(parent, val);
        } else {
            struct doc_node *old = parent->u.items[st->index];
            if (old != val) {
                /* keep the source position for findings */
                if (!val->line) {
                    val->line = old->line;
                    val->col = old->col;
                }
                doc_free(old);
            }
            parent->u.items[st->index] = val;
        }
        return 0;
    }
    if (parent->kind != DOC_MAP)
        return -1;
    char *k = xstrndup(st->key, st->keylen);
    struct doc_pair *p = doc_map_pair(parent, k);
    if (p && p->val && p->val != val && !val->line) {
        val->line = p->val->line;
        val->col = p->val->col;
    }
    doc_map_put(parent, k, val);
    free(k);
    return 0;
}

struct doc_node *doc_ensure(struct doc_node *root, const char *path, enum doc_kind kind)
{
    if (!*path)
        return root;
    struct step last;
    struct doc_node *parent = ensure_parent(root, path, &last);
    if (!parent)
        return NULL;
    struct doc_node *c = child(parent, &last);
    if (c && !doc_is_null(c))
        return c;
    struct doc_node *made = kind == DOC_MAP ? doc_new_map() : kind == DOC_SEQ ? doc_new_seq()
                                                                          : doc_new_scalar("", DOC_PLAIN);
    if (put_at(parent, &last, made) < 0) {
        doc_free(made);
        return NULL;
    }
    return made;
}

int doc_set(struct doc_node *root, const char *path, struct doc_node *val)
{
    struct step last;
    struct doc_node *parent = ensure_parent(root, path, &last);
    if (!parent || put_at(parent, &last, val) < 0) {
        doc_free(val);
        return -1;
    }
    return 0;
}

int doc_set_str(struct doc_node *root, const char *path, const char *value)
{
    struct doc_node *v = value ? doc_new_scalar(value, DOC_QUOTED) : doc_new_scalar("null", DOC_PLAIN);
    return doc_set(root, path, v);
}

bool doc_del(struct doc_node *root, const char *path)
{
    struct step last = {0};
    const char *p = path;
    struct step st;
    struct doc_node *n = root, *parent = NULL;
    int r;
    while ((r = next_step(&p, &st)) > 0) {
        parent = n;
        last = st;
        n = child(n, &st);
        if (!n)
            return false;
    }
    if (r < 0 || !parent)
        return false;
    if (last.is_index) {
        doc_free(doc_seq_take(parent, last.index));
        return true;
    }
    char *k = xstrndup(last.key, last.keylen);
    bool ok = doc_map_del(parent, k);
    free(k);
    return ok;
}

bool doc_pos(const struct doc_node *root, const char *path, unsigned *line, unsigned *col)
{
    const struct doc_node *n = root;
    unsigned bl = root ? root->line : 0, bc = root ? root->col : 0;
    struct step st;
    int r;
    while (n && (r = next_step(&path, &st)) > 0) {
        if (!st.is_index && n->kind == DOC_MAP) {
            const struct doc_node *c = NULL;
            for (size_t i = 0; i < n->len; i++) {
                const char *k = n->u.pairs[i].key;
                if (strncmp(k, st.key, st.keylen) == 0 && k[st.keylen] == '\0') {
                    c = n->u.pairs[i].val;
                    if (n->u.pairs[i].line) {
                        bl = n->u.pairs[i].line;
                        bc = n->u.pairs[i].col;
                    }
                    break;
                }
            }
            n = c;
        } else {
            n = child(n, &st);
            if (n && n->line) {
                bl = n->line;
                bc = n->col;
            }
        }
    }
    if (!bl)
        return false;
    *line = bl;
    *col = bc;
    return true;
}

/* ---- walking ---- */

static int walk(const struct doc_node *n, struct doc_path *p, doc_walk_fn cb, void *ud)
{
    int r = cb(p->s, n, ud);
    if (r)
        return r;
    size_t mark = p->len;
    if (n->kind == DOC_MAP) {
        for (size_t i = 0; i < n->len; i++) {
            doc_path_key(p, n->u.pairs[i].key);
            r = walk(n->u.pairs[i].val, p, cb, ud);
            doc_path_truncate(p, mark);
            if (r)
                return r;
        }
    } else if (n->kind == DOC_SEQ) {
        for (size_t i = 0; i < n->len; i++) {
            doc_path_index(p, i);
            r = walk(n->u.items[i], p, cb, ud);
            doc_path_truncate(p, mark);
            if (r)
                return r;
        }
    }
    return 0;
}

int doc_walk(const struct doc_node *root, doc_walk_fn cb, void *ud)
{
    if (!root)
        return 0;
    struct doc_path p;
    doc_path_init(&p, "");
    int r = walk(root, &p, cb, ud);
    doc_path_free(&p);
    return r;
}

void doc_path_init(struct doc_path *p, const char *start)
{
    p->len = strlen(start);
    p->cap = p->len + 64;
    p->s = xmalloc(p->cap);
    memcpy(p->s, start, p->len + 1);
}

static void path_append(struct doc_path *p, const char *s, size_t n)
{
    p->s = xgrow(p->s, &p->cap, p->len + n + 1, 1);
    memcpy(p->s + p->len, s, n);
    p->len += n;
    p->s[p->len] = '\0';
}

void doc_path_key(struct doc_path *p, const char *key)
{
    if (p->len)
        path_append(p, ".", 1);
    path_append(p, key, strlen(key));
}

void doc_path_index(struct doc_path *p, size_t i)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "[%zu]", i);
    path_append(p, buf, (size_t)n);
}

void doc_path_truncate(struct doc_path *p, size_t len)
{
    if (len < p->len) {
        p->len = len;
        p->s[len] = '\0';
    }
}

void doc_path_free(struct doc_path *p)
{
    free(p->s);
    p->s = NULL;
    p->len = p->cap = 0;
}

const char *doc_pathf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return buf;
}
