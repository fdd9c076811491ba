/* idindex.c - a hash table from id text to the first item that has it. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/idindex.h"
#include "src/xalloc.h"

size_t idindex_hash(const char *id)
{
#if SIZE_MAX > 0xffffffffu
    size_t h = 14695981039346656037u, prime = 1099511628211u;
#else
    size_t h = 2166136261u, prime = 16777619u;
#endif
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * prime;
    return h;
}

void idindex_init(struct idindex *ix, size_t expect)
{
    ix->slots = NULL;
    ix->entries = NULL;
    ix->n = 0;
    ix->cap = expect ? expect : 4; /* entries allocated at the first add */
    ix->hash = idindex_hash;
    /* at most half full once expect ids are in */
    size_t cap = 8;
    while (cap / 2 < expect && cap < SIZE_MAX / 4 / sizeof *ix->slots)
        cap *= 2;
    ix->mask = cap - 1;
}

/* A table of n empty slots, written through now: see idindex.h. */
static uint32_t *new_slots(size_t n)
{
    uint32_t *t = xmalloc(n * sizeof *t);
    memset(t, 0, n * sizeof *t);
    return t;
}

/* The slot of id (hash h): the one holding it, or the empty one where it
 * would go. */
static uint32_t *probe(const struct idindex *ix, const char *id, size_t h)
{
    uint32_t h32 = (uint32_t)h;
    for (size_t i = h & ix->mask;; i = (i + 1) & ix->mask) {
        uint32_t *s = &ix->slots[i];
        if (!*s)
            return s;
        const struct idindex_entry *e = &ix->entries[*s - 1];
        if (e->hash == h32 && strcmp(e->id, id) == 0)
            return s;
    }
}

/* Twice the slots; the entries stay where they are.  The full hash is not
 * kept, so it is worked out again: growing is rare (the table is sized for
 * the list when made) and the ids are short. */
static void grow(struct idindex *ix)
{
    size_t cap = (ix->mask + 1) * 2;
    free(ix->slots);
    ix->slots = new_slots(cap);
    ix->mask = cap - 1;
    for (size_t k = 0; k < ix->n; k++) {
        size_t j = ix->hash(ix->entries[k].id) & ix->mask;
        while (ix->slots[j])
            j = (j + 1) & ix->mask;
        ix->slots[j] = (uint32_t)(k + 1);
    }
}

bool idindex_add(struct idindex *ix, const char *id, size_t index, size_t *first)
{
    if (!ix->slots) {
        ix->slots = new_slots(ix->mask + 1);
        ix->entries = xmalloc(ix->cap * sizeof *ix->entries);
    } else if ((ix->n + 1) * 2 > ix->mask + 1)
        grow(ix);
    size_t h = ix->hash(id);
    uint32_t *s = probe(ix, id, h);
    if (*s) {
        if (first)
            *first = ix->entries[*s - 1].index;
        return false;
    }
    if (ix->n >= UINT32_MAX - 1 || index > UINT32_MAX) {
        fputs("pacta: out of memory\n", stderr);
        abort();
    }
    ix->entries = xgrow(ix->entries, &ix->cap, ix->n + 1, sizeof *ix->entries);
    ix->entries[ix->n] = (struct idindex_entry){id, (uint32_t)h, (uint32_t)index};
    *s = (uint32_t)++ix->n;
    return true;
}

bool idindex_find(const struct idindex *ix, const char *id, size_t *index)
{
    if (!ix->n)
        return false;
    const uint32_t *s = probe(ix, id, ix->hash(id));
    if (!*s)
        return false;
    if (index)
        *index = ix->entries[*s - 1].index;
    return true;
}

void idindex_free(struct idindex *ix)
{
    free(ix->slots);
    free(ix->entries);
    ix->slots = NULL;
    ix->entries = NULL;
    ix->n = ix->cap = 0;
}
