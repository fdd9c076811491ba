/* idindex.c - a hash table from id text to the first item that has it. */
#include "config.h"

#include <stdint.h>
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
    ix->n = 0;
    ix->hash = idindex_hash;
    /* at most half full once expect ids are in */
    size_t cap = 8;
    while (cap / 2 < expect && cap < SIZE_MAX / 4 / sizeof *ix->slots)
        cap *= 2;
    ix->mask = cap - 1;
}

/* The slot of id (hash h): the one holding it, or the empty one where it
 * would go. */
static struct idindex_slot *probe(const struct idindex *ix, const char *id, size_t h)
{
    for (size_t i = h & ix->mask;; i = (i + 1) & ix->mask) {
        struct idindex_slot *s = &ix->slots[i];
        if (!s->id || (s->hash == h && strcmp(s->id, id) == 0))
            return s;
    }
}

static void grow(struct idindex *ix)
{
    struct idindex_slot *old = ix->slots;
    size_t oldcap = ix->mask + 1;
    ix->mask = oldcap * 2 - 1;
    ix->slots = xcalloc(oldcap * 2, sizeof *ix->slots);
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].id)
            continue;
        size_t j = old[i].hash & ix->mask;
        while (ix->slots[j].id)
            j = (j + 1) & ix->mask;
        ix->slots[j] = old[i];
    }
    free(old);
}

bool idindex_add(struct idindex *ix, const char *id, size_t index, size_t *first)
{
    if (!ix->slots)
        ix->slots = xcalloc(ix->mask + 1, sizeof *ix->slots);
    else if ((ix->n + 1) * 2 > ix->mask + 1)
        grow(ix);
    size_t h = ix->hash(id);
    struct idindex_slot *s = probe(ix, id, h);
    if (s->id) {
        if (first)
            *first = s->index;
        return false;
    }
    *s = (struct idindex_slot){id, h, index};
    ix->n++;
    return true;
}

bool idindex_find(const struct idindex *ix, const char *id, size_t *index)
{
    if (!ix->n)
        return false;
    const struct idindex_slot *s = probe(ix, id, ix->hash(id));
    if (!s->id)
        return false;
    if (index)
        *index = s->index;
    return true;
}

void idindex_free(struct idindex *ix)
{
    free(ix->slots);
    ix->slots = NULL;
    ix->n = 0;
}
