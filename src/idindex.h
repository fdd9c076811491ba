/* idindex.h - which item of a list first has a given id, in expected O(1).
 *
 * The validator checks that ids are unique in their list and that
 * references name an item; agreements have lists of many thousands of
 * items, so it indexes each list's ids once in a hash table instead of
 * sorting them (which made checking O(n log n) with a strcmp per step).
 *
 * Open addressing with linear probing, kept at most half full; FNV-1a over
 * the id's bytes.  The table itself is an array of 32-bit entry numbers; the
 * entries (the id, the low half of its hash, the index given) are kept
 * densely in the order they were added, so a probe compares strings only
 * when the hashes agree.  This is about a third of the memory of a table of
 * full entries: on a 100,000-item agreement validation ran on a thread
 * beside the summary, and the page faults of four 1.5 MB tables (each page
 * first read as the zero page, then copied on the first write) were most
 * of its extra time (issue 8, row 3).  The table is written through once
 * when made, for the same reason.
 *
 * The ids are not copied: they must outlive the index (they are the tree's
 * scalars).  Nothing here is static: separate indexes may be used from
 * separate threads.  Indexes and counts are held in 32 bits: a list of four
 * billion items would need a file of tens of gigabytes, and would run out
 * of memory long before; idindex_add says so and aborts rather than wrap. */
#ifndef PACTA_IDINDEX_H
#define PACTA_IDINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idindex_entry {
    const char *id;
    uint32_t hash; /* the low 32 bits of the id's hash */
    uint32_t index;
};

struct idindex {
    uint32_t *slots;               /* 0: empty; else 1 + an entry's number; NULL until the first add */
    struct idindex_entry *entries; /* n of them, in the order added */
    size_t mask;                   /* number of slots - 1 (a power of two) */
    size_t n, cap;                 /* entries held and allocated */
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
