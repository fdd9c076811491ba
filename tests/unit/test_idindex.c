/* test_idindex.c - the id hash table against a plain linear search.
 *
 * Many generated sequences of ids (few distinct ones, so most repeat; empty
 * and long ones) are added in order to an index and to a list searched from
 * the start; both must agree on every add (new, or the index of the first
 * add) and every lookup, also of ids never added.  The same again with
 * hashes that collide: one constant for all (every probe walks the whole
 * cluster, strings compared on equal hashes), one of two values, and hashes
 * equal in the 32 bits that the table keeps. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/idindex.h"
#include "tests/tap.h"

static size_t hash_same(const char *id)
{
    (void)id;
    return 42;
}

static size_t hash_two(const char *id)
{
    return (unsigned char)id[0] & 1;
}

/* Hashes whose low 32 bits (the part an entry keeps) are all equal, and
 * whose high bits differ: probes must still tell the ids apart by text. */
static size_t hash_low_same(const char *id)
{
    return (idindex_hash(id) & ~(size_t)0xffffffffu) | 0x5bd1e995u;
}

static unsigned long long rng = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* A random id: mostly short over a small alphabet (so that ids repeat),
 * sometimes empty or long. */
static char *random_id(void)
{
    static const char alphabet[] = "aAbN1-_~ñ";
    unsigned r = rnd(20);
    size_t len = r == 0 ? 0 : r == 1 ? 60 + rnd(200) : 1 + rnd(3);
    char *s = malloc(len + 1);
    for (size_t i = 0; i < len; i++)
        s[i] = alphabet[rnd(sizeof alphabet - 1)];
    s[len] = '\0';
    return s;
}

/* The first position of id in v[0..n), or -1. */
static long naive_find(char **v, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], id))
            return (long)i;
    return -1;
}

/* One run: n ids added (index i for the i-th), every answer compared with
 * the naive search.  Returns the number of disagreements. */
static size_t run(size_t n, size_t expect, size_t (*hash)(const char *), size_t *repeats)
{
    char **v = malloc((n ? n : 1) * sizeof *v);
    struct idindex ix;
    size_t bad = 0, distinct = 0;
    idindex_init(&ix, expect);
    if (hash)
        ix.hash = hash;
    for (size_t i = 0; i < n; i++) {
        v[i] = random_id();
        long want = naive_find(v, i, v[i]);
        size_t first = (size_t)-7;
        bool added = idindex_add(&ix, v[i], i, &first);
        if (added != (want < 0) || (!added && first != (size_t)want))
            bad++;
        distinct += added;
        *repeats += !added;
    }
    if (ix.n != distinct)
        bad++;
    /* every id added, and some never added */
    for (size_t i = 0; i < n + 50; i++) {
        char *probe = i < n ? v[i] : random_id();
        long want = naive_find(v, n, probe);
        size_t got = (size_t)-7;
        bool found = idindex_find(&ix, probe, &got);
        if (found != (want >= 0) || (found && got != (size_t)want) || idindex_find(&ix, probe, NULL) != found)
            bad++;
        if (i >= n)
            free(probe);
    }
    idindex_free(&ix);
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
    return bad;
}

int main(void)
{
    size_t bad = 0, repeats = 0, runs = 0;
    for (size_t n = 0; n < 300; n += 1 + n / 8, runs++)
        bad += run(n, runs % 3 == 0 ? 0 : runs % 3 == 1 ? n : n / 4, NULL, &repeats);
    ok(bad == 0, "FNV-1a: %zu runs agree with a linear search (%zu repeated ids)", runs, repeats);

    bad = repeats = runs = 0;
    for (size_t n = 0; n < 200; n += 1 + n / 4, runs++)
        bad += run(n, 0, hash_same, &repeats);
    ok(bad == 0, "one hash for every id: %zu runs agree (%zu repeated ids)", runs, repeats);

    bad = repeats = runs = 0;
    for (size_t n = 0; n < 200; n += 1 + n / 4, runs++)
        bad += run(n, 3, hash_two, &repeats);
    ok(bad == 0, "two hashes: %zu runs agree (%zu repeated ids)", runs, repeats);

    bad = repeats = runs = 0;
    for (size_t n = 0; n < 300; n += 1 + n / 4, runs++)
        bad += run(n, 1, hash_low_same, &repeats);
    ok(bad == 0, "hashes equal in their low 32 bits: %zu runs agree (%zu repeated ids)", runs, repeats);

    /* many items, every id repeated many times: the first add stays */
    struct idindex ix;
    idindex_init(&ix, 10);
    char ids[100][8];
    size_t wrong = 0;
    for (size_t i = 0; i < 100; i++)
        snprintf(ids[i], sizeof ids[i], "N%zu", i);
    for (size_t i = 0; i < 20000; i++) {
        size_t first, k = (i * 7919) % 100;
        bool added = idindex_add(&ix, ids[k], i, &first);
        if (added != (i < 100))
            wrong++;
        if (!added && first != (k * 79) % 100) /* 7919 * 79 = 1 (mod 100) */
            wrong++;
    }
    size_t at;
    ok(wrong == 0 && ix.n == 100 && idindex_find(&ix, "N37", &at) && at == (37 * 79) % 100 && !idindex_find(&ix, "N100", NULL),
       "20,000 adds of 100 ids: 100 held, each at its first index");
    idindex_free(&ix);
    ok(!idindex_find(&ix, "N1", NULL) && ix.n == 0, "freed: empty");
    idindex_add(&ix, "", 5, NULL);
    ok(idindex_find(&ix, "", &at) && at == 5 && !idindex_find(&ix, "x", NULL), "an empty id is an id; reused after free");
    idindex_free(&ix);

    ok(idindex_hash("") == idindex_hash("") && idindex_hash("N1") != idindex_hash("N2") &&
           idindex_hash("ab") != idindex_hash("ba"),
       "the hash depends on every byte and their order");
    return done_testing();
}
