/* doc.h - the agreement model: an ordered YAML tree addressed by path.
 *
 * An agreement is a tree of maps, sequences and scalars exactly as the file
 * holds it, in the file's order.  Known fields are described by the schema
 * (src/schema.h), which gives each one its type and canonical position; keys
 * the schema does not know are simply nodes like any other, so they survive
 * load -> edit -> save in place without a side table that could drift.
 *
 * Every field is addressable by a path: "metadata.title",
 * "service_levels[2].target", "services[0].route[1]".  Screens bind to paths,
 * findings name paths, the spell checker reports paths.
 *
 * Scalars are UTF-8 strings; a scalar's type is decided by the schema when it
 * is read (doc_get_int, calc_parse_duration ...), never by the loader.  The
 * source style is remembered only to write unknown keys back as they were. */
#ifndef PACTA_DOC_H
#define PACTA_DOC_H

#include <stdbool.h>
#include <stddef.h>

enum doc_kind { DOC_SCALAR, DOC_MAP, DOC_SEQ };

/* How a scalar was written in the source (or should be written when the
 * schema does not decide): plain, double-quoted, a literal block, or
 * single-quoted.  For collections: DOC_FLOW when written [a, b] / {a: b}.
 * Keeping the quote style lets fields the schema does not know be written
 * back exactly as read, so that `pacta fmt` is idempotent on them. */
enum doc_style { DOC_PLAIN, DOC_QUOTED, DOC_LITERAL, DOC_FLOW, DOC_SQUOTED };

struct doc_node;

struct doc_pair {
    char *key;
    unsigned line, col; /* position of the key; 0 when created in memory */
    struct doc_node *val;
};

struct doc_node {
    unsigned char kind;       /* enum doc_kind */
    unsigned char style;      /* enum doc_style */
    unsigned char str_inline; /* scalar: u.str points into the node's own allocation */
    unsigned char mem;        /* DOC_MEM_* bits: where the node and its array live (doc.c) */
    unsigned line, col;       /* 1-based source position; 0 when created in memory */
    size_t len;               /* scalar: bytes; map: pairs; seq: items */
    union {
        char *str;               /* scalar, NUL-terminated; read-only: see doc_scalar_set */
        struct doc_pair *pairs;  /* map */
        struct doc_node **items; /* seq */
    } u;
    size_t cap; /* map, seq: allocated pairs/items.  Must stay last: a scalar
                 * made by doc.c keeps its text from here on, in one allocation */
};

/* Loaded trees live in an arena.  A tree read from a file (src/sla_yaml.c)
 * is built in a few large blocks instead of one allocation per node, pair
 * array and item array: a 100,000-item agreement has 1.3 million of them, and
 * their malloc headers, malloc/free calls and scattered pages cost more than
 * the tree's own bytes (issue 8, rows 1, 3 and 7).  The root owns the arena;
 * doc_free(root) releases it in one go.  Everything else is unchanged: such
 * a tree is edited with the same functions (a node added later is an
 * ordinary allocation, an arena array that must grow is copied out first),
 * and doc_free of a subtree frees only what was allocated on its own.
 * The one rule it adds: a node taken out of a loaded tree (doc_seq_take)
 * must not outlive the tree's root -- doc_clone it to keep it longer. */
struct doc_arena;
struct doc_arena *doc_arena_new(size_t hint); /* hint: the source's size in bytes */
struct doc_node *doc_arena_scalar(struct doc_arena *a, const char *s, size_t len, enum doc_style style);
struct doc_node *doc_arena_collection(struct doc_arena *a, enum doc_kind kind);
/* Give a map its n pairs (or a seq its n items), copied into the arena. */
void doc_arena_set_pairs(struct doc_arena *a, struct doc_node *map, const struct doc_pair *pairs, size_t n);
void doc_arena_set_items(struct doc_arena *a, struct doc_node *seq, struct doc_node *const *items, size_t n);
/* Hand the arena to the finished tree: returns the root to use from now on
 * (root itself is not to be used any more); doc_free of it frees the arena. */
struct doc_node *doc_arena_adopt(struct doc_arena *a, struct doc_node *root);
/* Free an arena that was not adopted (a load that failed), after doc_free
 * of whatever nodes were made in it. */
void doc_arena_free(struct doc_arena *a);

/* Construction.  Strings are copied.  Allocation failure aborts (xalloc). */
struct doc_node *doc_new_scalar(const char *s, enum doc_style style);
struct doc_node *doc_new_scalar_n(const char *s, size_t len, enum doc_style style);
struct doc_node *doc_new_map(void);
struct doc_node *doc_new_seq(void);
/* Replace a scalar's text with len bytes at s (copied; s may point into the
 * old text).  The node stays at its address.  Never assign u.str or len of
 * a scalar directly: its text may live inside the node's allocation. */
void doc_scalar_set(struct doc_node *n, const char *s, size_t len);
struct doc_node *doc_clone(const struct doc_node *n);
void doc_free(struct doc_node *n);

/* A null is an absent node or a plain "", "~", "null", "Null", "NULL". */
bool doc_is_null(const struct doc_node *n);
/* Deep equality of content: scalar text, list order, map keys in any order
 * (not positions or styles). */
bool doc_equal(const struct doc_node *a, const struct doc_node *b);

/* Maps. */
struct doc_node *doc_map_get(const struct doc_node *map, const char *key);
struct doc_pair *doc_map_pair(const struct doc_node *map, const char *key);
/* Set key to val (taking ownership), replacing and freeing an old value in
 * place, or appending a new pair.  Returns val. */
struct doc_node *doc_map_put(struct doc_node *map, const char *key, struct doc_node *val);
bool doc_map_del(struct doc_node *map, const char *key);

/* Keys of pairs.  A key may be interned (shared by every pair with the same
 * key, never freed): make a pair's key with doc_key_new and release it with
 * doc_key_free, never with strdup/free.  Keys must not be written to. */
char *doc_key_new(const char *s, size_t len);
void doc_key_free(char *key);
bool doc_key_interned(const char *key);

/* Sequences.  Indices are 0-based; out-of-range operations return false/NULL. */
void doc_seq_push(struct doc_node *seq, struct doc_node *item);
bool doc_seq_insert(struct doc_node *seq, size_t i, struct doc_node *item);
struct doc_node *doc_seq_take(struct doc_node *seq, size_t i); /* caller frees */
bool doc_seq_move(struct doc_node *seq, size_t from, size_t to);

/* Paths.  Syntax: key ( "." key | "[" index "]" )*.  An empty path is the
 * root.  Keys containing '.', '[' or ']' cannot be addressed. */
struct doc_node *doc_get(const struct doc_node *root, const char *path);
/* The scalar text at path, or NULL when absent, null, or not a scalar. */
const char *doc_get_str(const struct doc_node *root, const char *path);
/* Number of items (seq) or pairs (map) at path; 0 when absent. */
size_t doc_count(const struct doc_node *root, const char *path);
/* Create every missing map/seq on the way and return the node at path,
 * created with kind when missing.  A seq index may be at most its length
 * (appends).  Returns NULL when the path crosses a scalar or is malformed. */
struct doc_node *doc_ensure(struct doc_node *root, const char *path, enum doc_kind kind);
/* Set the scalar at path (creating the way), style DOC_QUOTED for text.  A
 * NULL value stores a null.  Returns 0, or -1 when the path is unusable. */
int doc_set_str(struct doc_node *root, const char *path, const char *value);
/* Replace the node at path with val (taking ownership).  -1 on bad path. */
int doc_set(struct doc_node *root, const char *path, struct doc_node *val);
/* Remove the node at path (map key or seq item).  false when absent. */
bool doc_del(struct doc_node *root, const char *path);
/* The position of the node at path, or of its nearest existing ancestor;
 * for a map value, the key's position.  false when nothing has one. */
bool doc_pos(const struct doc_node *root, const char *path, unsigned *line, unsigned *col);

/* Walk every node depth-first, in document order.  path is the node's full
 * path (valid during the call).  Return non-zero from cb to stop. */
typedef int (*doc_walk_fn)(const char *path, const struct doc_node *node, void *ud);
int doc_walk(const struct doc_node *root, doc_walk_fn cb, void *ud);

/* Path building: append ".key" or "[i]" to a growing buffer. */
struct doc_path {
    char *s;
    size_t len, cap;
};
void doc_path_init(struct doc_path *p, const char *start);
void doc_path_key(struct doc_path *p, const char *key);
void doc_path_index(struct doc_path *p, size_t i);
void doc_path_truncate(struct doc_path *p, size_t len);
void doc_path_free(struct doc_path *p);

/* Convenience: format a path with printf-style arguments into buf. */
const char *doc_pathf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
