/* test_doc.c - the agreement tree: paths, edits, positions, walking. */
#include "config.h"

#include <string.h>

#include "src/doc.h"
#include "src/sla_yaml.h"
#include "tests/tap.h"

static int count_nodes(const char *path, const struct doc_node *n, void *ud)
{
    (void)path;
    (void)n;
    (*(int *)ud)++;
    return 0;
}

struct find {
    const char *want;
    int seen;
};

static int find_path(const char *path, const struct doc_node *n, void *ud)
{
    struct find *f = ud;
    (void)n;
    if (!strcmp(path, f->want))
        f->seen++;
    return 0;
}

int main(void)
{
    struct doc_node *root = doc_new_map();

    ok(doc_set_str(root, "metadata.title", "Soporte") == 0, "set creates the map on the way");
    is_str(doc_get_str(root, "metadata.title"), "Soporte", "get reads it back");
    ok(doc_set_str(root, "service_levels[0].target", "99.5") == 0, "set creates a list and its first item");
    ok(doc_set_str(root, "service_levels[1].target", "99.9") == 0, "an index equal to the length appends");
    ok(doc_set_str(root, "service_levels[5].target", "1") < 0, "an index past the end is refused");
    is_int((long long)doc_count(root, "service_levels"), 2, "two items");
    is_str(doc_get_str(root, "service_levels[1].target"), "99.9", "second item by path");
    ok(doc_get(root, "service_levels[2]") == NULL, "absent index gives NULL");
    ok(doc_get(root, "metadata.title.more") == NULL, "a path through a scalar gives NULL");
    ok(doc_set_str(root, "metadata.title.more", "x") < 0, "setting through a scalar is refused");
    ok(doc_get(root, "service_levels[x]") == NULL, "a malformed index gives NULL");

    ok(doc_set_str(root, "services[0].route[0]", "Aviso") == 0, "nested list of texts");
    ok(doc_set_str(root, "services[0].route[1]", "Cierre") == 0, "second text");
    struct doc_node *route = doc_get(root, "services[0].route");
    ok(route && route->kind == DOC_SEQ && route->len == 2, "route is a list of two");
    ok(doc_seq_move(route, 1, 0), "move an item");
    is_str(doc_get_str(root, "services[0].route[0]"), "Cierre", "moved to the front");
    ok(doc_del(root, "services[0].route[0]"), "delete an item");
    is_str(doc_get_str(root, "services[0].route[0]"), "Aviso", "the next one moved up");
    ok(doc_del(root, "metadata.title"), "delete a key");
    ok(doc_get(root, "metadata.title") == NULL, "it is gone");
    ok(!doc_del(root, "metadata.title"), "deleting twice says false");

    ok(doc_set_str(root, "notes", NULL) == 0, "NULL stores a null");
    ok(doc_is_null(doc_get(root, "notes")), "and it is null");
    ok(doc_get_str(root, "notes") == NULL, "get_str of a null is NULL");

    struct doc_node *copy = doc_clone(root);
    ok(doc_equal(root, copy), "a clone is equal");
    doc_set_str(copy, "service_levels[0].target", "98");
    ok(!doc_equal(root, copy), "and independent");
    doc_free(copy);

    int n = 0;
    doc_walk(root, count_nodes, &n);
    ok(n > 5, "walk visits every node (%d)", n);
    struct find f = {"service_levels[1].target", 0};
    doc_walk(root, find_path, &f);
    is_int(f.seen, 1, "walk gives full paths");

    /* replacing a scalar's text keeps the node (shorter, longer, longer) */
    struct doc_node *sc = doc_new_scalar("medio", DOC_QUOTED);
    struct doc_node *keep = sc;
    doc_scalar_set(sc, "ab", 2);
    ok(sc == keep && sc->len == 2 && !strcmp(sc->u.str, "ab"), "a shorter text in place");
    doc_scalar_set(sc, "un texto bastante más largo", strlen("un texto bastante más largo"));
    ok(sc == keep && !strcmp(sc->u.str, "un texto bastante más largo"), "a longer text, same node");
    doc_scalar_set(sc, "y otro todavía más largo que el anterior", strlen("y otro todavía más largo que el anterior"));
    is_str(sc->u.str, "y otro todavía más largo que el anterior", "and longer again");
    doc_scalar_set(sc, "", 0);
    ok(sc->len == 0 && sc->u.str[0] == '\0', "and empty");
    doc_free(sc); /* valgrind: nothing lost on any of the paths */

    char buf[64];
    is_str(doc_pathf(buf, sizeof buf, "needs[%d].id", 3), "needs[3].id", "doc_pathf");
    doc_free(root);

    /* positions come from the file: keys for map values, items for lists */
    static const char src[] = "a:\n  b: 1\n  list:\n  - x\n  - y: 2\n";
    struct err e;
    ok(sla_yaml_load_buffer("t.yaml", src, sizeof src - 1, NULL, &root, NULL, &e) == 0, "load");
    unsigned line = 0, col = 0;
    ok(doc_pos(root, "a.b", &line, &col) && line == 2 && col == 3, "position of a.b is its key (%u:%u)", line, col);
    ok(doc_pos(root, "a.list[1].y", &line, &col) && line == 5 && col == 5, "position in a list (%u:%u)", line, col);
    ok(doc_pos(root, "a.list[1].missing", &line, &col) && line == 5 && col == 5,
       "a missing field takes its parent's position (%u:%u)", line, col);

    /* A loaded tree lives in an arena (doc.h): every edit must work on it
     * as on a tree built in memory, and doc_free must free exactly what was
     * added (valgrind and ASan run this test). */
    doc_seq_push(doc_get(root, "a.list"), doc_new_scalar("z", DOC_PLAIN));
    is_str(doc_get_str(root, "a.list[2]"), "z", "an arena list grows");
    ok(doc_set_str(root, "a.c", "nuevo") == 0 && doc_map_put(doc_get(root, "a"), "d", doc_new_seq()),
       "an arena map grows");
    is_str(doc_get_str(root, "a.c"), "nuevo", "and keeps its new value");
    struct doc_node *b = doc_get(root, "a.b");
    doc_scalar_set(b, "una cifra mucho más larga que la de antes", 42);
    is_str(doc_get_str(root, "a.b"), "una cifra mucho más larga que la de antes", "an arena scalar grows");
    doc_scalar_set(b, "2", 1);
    is_str(doc_get_str(root, "a.b"), "2", "and shrinks");
    doc_free(doc_seq_take(doc_get(root, "a.list"), 0)); /* an arena node freed alone */
    is_str(doc_get_str(root, "a.list[0].y"), "2", "taking an arena item out");
    ok(doc_seq_move(doc_get(root, "a.list"), 0, 1), "moving arena items");
    is_str(doc_get_str(root, "a.list[0]"), "z", "moved");
    ok(doc_set(root, "a.list", doc_new_scalar("replaced", DOC_QUOTED)) == 0, "replacing an arena subtree");
    struct doc_node *kept = doc_clone(root);
    ok(doc_equal(kept, root), "a clone of a loaded tree is equal to it");
    ok(doc_del(root, "a"), "deleting an arena subtree");
    doc_free(root);
    is_str(doc_get_str(kept, "a.list"), "replaced", "the clone outlives the loaded tree");
    doc_free(kept);
    return done_testing();
}
