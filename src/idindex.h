/* idindex.h - which item of a list first has a given id, in expected O(1).
 *
 * The validator checks that ids are unique in their list and that
 * references name an item; agreements have lists of many thousands of
 * items, so it indexes each list's ids once in a hash table instead of
 * sorting them (which made checking O(n log n) with a strcmp per step).
 *
 * Open addressing with linear probing, kept at most half full; FNV-1a over
 * the id's bytes.  Each slot keeps the full hash, so a probe compares
 * strings only when the hashes are equal.  The ids are not copied: they
 * must outlive the index (they are the tree's scalars).  Nothing here is
 * static: separate indexes may be used from separate threads. */
#ifndef PACTA_IDINDEX_H
#define PACTA_IDINDEX_H

#include <stdbool.h>
#include <stddef.h>

struct idindex_slot {
    const char *id; /* NULL: empty slot */
    size_t hash;
    size_t index;
};

struct idindex {
    struct idindex_slot *slots; /* NULL until the first add */
    size_t mask;                /* number of slots - 1 (a power of two) */
    size_t n;                   /* ids held */
    /* idindex_hash; a test may set another before the first add (to force
     * collisions). */
    size_t (*hash)(const char *id);
};

/* An empty index sized for about expect ids (it grows past them). */
void idindex_init(struct idindex *ix, size_t expect);
/* Add id as found at index unless it is already there.  true when it was
 * new; false when an earlier add had it: *first (when not NULL) is then the
 * index given with that first add, and the index is unchanged. */
bool idindex_add(struct idindex *ix, const char *id, size_t index, size_t *first);
/* Is id there?  *index (when not NULL) is the index of its first add. */
bool idindex_find(const struct idindex *ix, const char *id, size_t *index);
void idindex_free(struct idindex *ix);
/* FNV-1a (64 bits where size_t is) of the bytes of id. */
size_t idindex_hash(const char *id);

#endif
