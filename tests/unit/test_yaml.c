/* test_yaml.c - loading refusals with their positions, round trips, the
 * canonical form, unknown keys kept in place. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "src/doc.h"
#include "src/sla_yaml.h"
#include "tests/tap.h"

/* Load src and expect a refusal at line:col whose message contains frag. */
static void refused(const char *src, size_t len, unsigned line, unsigned col, const char *frag, const char *what)
{
    struct doc_node *root = NULL;
    struct err e;
    int r = sla_yaml_load_buffer("x.sla.yaml", src, len, NULL, &root, NULL, &e);
    ok(r < 0 && root == NULL, "%s: refused", what);
    ok(e.line == line && e.col == col, "%s: at %u:%u (got %u:%u)", what, line, col, e.line, e.col);
    ok(strstr(e.msg, frag) != NULL, "%s: message mentions \"%s\" (%s)", what, frag, e.msg);
    doc_free(root);
}

static char *emit(const struct doc_node *root)
{
    char *out;
    size_t len;
    struct err e;
    if (sla_yaml_emit(root, SLA_YAML_AGREEMENT, &out, &len, &e) < 0)
        return NULL;
    return out;
}

int main(void)
{
    struct doc_node *root;
    struct err e;
    char *deep;

    refused("a: &x 1\nb: *x\n", 14, 1, 4, "anchors", "anchor");
    refused("- a\n- b\n", 8, 1, 1, "list", "non-map root");
    refused("a: [1, *b]\n", 11, 1, 8, "aliases", "alias");
    refused("a: 1\nb: 2\na: 3\n", 15, 3, 1, "duplicate key \"a\" (first at line 1)", "duplicate key");
    refused("a: !!binary aGVsbG8=\n", 21, 1, 4, "tags", "tag");
    refused("a: 1\n---\nb: 2\n", 13, 2, 1, "more than one", "two documents");
    refused("a: \"caf\xc3\xa9 \xff\"\n", 13, 1, 10, "invalid UTF-8 at byte offset 10", "invalid UTF-8");
    refused("a: b\0c\n", 7, 1, 5, "NUL byte at byte offset 4", "NUL byte");
    refused("\x89PNG\r\n\x1a\n", 8, 1, 1, "invalid UTF-8", "a PNG");
    refused("a: [1, 2\nb: 3\n", 14, 2, 2, "YAML syntax error", "unclosed flow list");
    refused("a:\n  b: 1\n c: 2\n", 16, 3, 2, "YAML syntax error", "bad indentation");

    /* nesting: 64 levels are fine, 65 are not */
    deep = malloc(400);
    memset(deep, '[', 65);
    memset(deep + 65, ']', 65);
    memcpy(deep + 130, "\n", 2);
    char *doc = malloc(500);
    snprintf(doc, 500, "a: %.63s%.63s\n", deep, deep + 65);
    ok(sla_yaml_load_buffer("d", doc, strlen(doc), NULL, &root, NULL, &e) == 0, "64 levels load");
    doc_free(root);
    snprintf(doc, 500, "a: %.64s%.64s\n", deep, deep + 65);
    refused(doc, strlen(doc), 1, 67, "nesting deeper than 64", "65 levels");
    free(doc);
    free(deep);

    /* size limit, and raising it */
    struct sla_yaml_opts small = {.max_size = 8};
    ok(sla_yaml_load_buffer("s", "a: 123456\n", 10, &small, &root, NULL, &e) < 0 &&
           strstr(e.msg, "--max-size"),
       "a file over the limit is refused, naming --max-size (%s)", e.msg);

    /* empty file: an empty map */
    ok(sla_yaml_load_buffer("e", "", 0, NULL, &root, NULL, &e) == 0 && root->kind == DOC_MAP && root->len == 0,
       "an empty file is an empty agreement");
    doc_free(root);

    /* comments are noticed (they cannot survive a save) but not inside text */
    struct sla_yaml_info info;
    sla_yaml_load_buffer("c", "a: \"x # not a comment\"\nb: |\n  # text\n", 37, NULL, &root, &info, &e);
    ok(!info.has_comments, "a # inside text is not a comment");
    doc_free(root);
    sla_yaml_load_buffer("c", "a: 1 # note\n", 12, NULL, &root, &info, &e);
    ok(info.has_comments, "a trailing comment is seen");
    doc_free(root);
    /* Comment finding compares libyaml's character marks with the
     * character index of each '#': multi-byte text before a '#' must not
     * shift it into or out of a scalar. */
    static const struct {
        const char *src;
        bool has;
    } cm[] = {
        {"# first line\na: 1\n", true},
        {"a: 1 # after a value\n", true},
        {"a: \"ñññ ĳ 漢字 #1\"\nb: x\n", false},
        {"a: \"ñññ ĳ 漢字\" # then a comment\n", true},
        {"a: \"ñ\"\nb: |\n  año #3\n  más\nc: 𝄞 #real\n", true},
        {"a: \"ñ\"\nb: |\n  año #3\n  más\nc: 𝄞#not\n", false},
        {"a: [x, \"é#\", y] #c\n", true},
        {"a: [x, \"é#\", y]\n", false},
        {"a:\n  - ñ\n  # between items\n  - b\n", true},
        {"a: 1\n#", true},
        {"a: 'it''s # text'\n", false},
    };
    for (size_t k = 0; k < sizeof cm / sizeof cm[0]; k++) {
        info.has_comments = !cm[k].has;
        int r = sla_yaml_load_buffer("c", cm[k].src, strlen(cm[k].src), NULL, &root, &info, &e);
        ok(r == 0 && info.has_comments == cm[k].has, "comment %s in %s", cm[k].has ? "seen" : "not seen",
           cm[k].src);
        doc_free(root);
    }
    /* Invalid text is reported as such even where libyaml fails first on
     * something else (the check runs only after a failure). */
    static const char dup_then_bad[] = "a: 1\na: 2\nb: \"\xff\"\n";
    int bad = sla_yaml_load_buffer("u", dup_then_bad, sizeof dup_then_bad - 1, NULL, &root, NULL, &e);
    ok(bad < 0 && strstr(e.msg, "UTF-8") && e.line == 3 && e.col == 5,
       "invalid UTF-8 after a duplicate key is what is reported (%u:%u %s)", e.line, e.col, e.msg);
    doc_free(root);

    /* strings that other readers would retype stay strings */
    static const char typed[] =
        "apiVersion: pacta/v1\nkind: ServiceLevelAgreement\nmetadata:\n  title: \"yes\"\n  id: \"0012\"\n"
        "needs:\n- id: \"null\"\n  description: \"1.0\"\n  impact: \"~\"\nnotes: \"\"\n";
    ok(sla_yaml_load_buffer("t", typed, sizeof typed - 1, NULL, &root, NULL, &e) == 0, "typed strings load");
    char *out = emit(root);
    ok(out && strstr(out, "title: \"yes\"") && strstr(out, "id: \"0012\"") && strstr(out, "id: \"null\"") &&
           strstr(out, "description: \"1.0\"") && strstr(out, "impact: \"~\"") && strstr(out, "notes: \"\""),
       "they are written quoted");
    struct doc_node *again;
    ok(sla_yaml_load_buffer("t2", out, strlen(out), NULL, &again, NULL, &e) == 0 && doc_equal(root, again),
       "load -> save -> load gives the same tree");
    char *out2 = emit(again);
    is_str(out2, out, "saving twice gives identical bytes");
    free(out);
    free(out2);
    doc_free(again);
    doc_free(root);

    /* canonical order for known keys, unknown keys after the key they followed */
    static const char messy[] =
        "kind: ServiceLevelAgreement\nx-mine: {keep: [1, 2]}\napiVersion: pacta/v1\n"
        "metadata:\n  status: draft\n  color: blue\n  title: T\n"
        "notes: |\n  line one\n  línea dos ñ\n";
    ok(sla_yaml_load_buffer("m", messy, sizeof messy - 1, NULL, &root, NULL, &e) == 0, "messy file loads");
    out = emit(root);
    const char *want =
        "apiVersion: pacta/v1\nkind: ServiceLevelAgreement\nx-mine: {keep: [1, 2]}\n"
        "metadata:\n  title: \"T\"\n  status: draft\n  color: blue\n"
        "notes: |\n  line one\n  línea dos ñ\n";
    is_str(out, want, "known keys in canonical order, unknown ones kept after their neighbour, UTF-8 unescaped");
    free(out);

    /* edits by path survive a round trip */
    doc_set_str(root, "service_levels[0].target", "99.5");
    doc_set_str(root, "pricing.items[0].amount", "90.00");
    doc_set_str(root, "support_hours.from", "09:00");
    out = emit(root);
    ok(strstr(out, "target: 99.5\n") && strstr(out, "amount: \"90.00\"") && strstr(out, "from: \"09:00\""),
       "numbers plain, money and times quoted");
    free(out);
    doc_free(root);
    return done_testing();
}
