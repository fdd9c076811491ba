/* fuzz_agreement.c - the agreement loader, validation and the emitter.
 *
 * Properties, for any input:
 *  - loading either gives a map or an error with a message (never both);
 *  - validation of a loaded tree finishes and every finding has a message;
 *  - source layout: emit(load(x)) loads again to a doc_equal tree;
 *  - agreement layout (what `pacta fmt` writes): emit(load(x)) loads again,
 *    to a doc_equal tree (doc_equal ignores the order of keys, which the
 *    schema changes), and emitting that tree again gives the same bytes
 *    (fmt is idempotent). */
#include "config.h"

#include <string.h>

#include "src/doc.h"
#include "src/err.h"
#include "src/sla_yaml.h"
#include "src/validate.h"
#include "tests/fuzz/fuzz.h"

static struct doc_node *reload(const char *what, const char *buf, size_t len)
{
    struct doc_node *t;
    struct err e;
    int r = sla_yaml_load_buffer(what, buf, len, NULL, &t, NULL, &e);
    FUZZ_ASSERT(r == 0, "%s does not load again: %u:%u: %s\n--- emitted:\n%.*s", what, e.line, e.col, e.msg,
                (int)len, buf);
    return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct doc_node *t1;
    struct err e;
    if (sla_yaml_load_buffer("fuzz.sla.yaml", (const char *)data, size, NULL, &t1, NULL, &e) < 0) {
        FUZZ_ASSERT(t1 == NULL && e.msg[0], "a refusal without a message");
        return 0;
    }
    FUZZ_ASSERT(t1 && t1->kind == DOC_MAP, "the root is not a map");

    struct findings f = {0};
    validate_doc(t1, &f);
    findings_sort(&f);
    for (size_t i = 0; i < f.n; i++)
        FUZZ_ASSERT(f.v[i].msg && f.v[i].msg[0] && f.v[i].path, "finding %zu has no message", i);
    findings_free(&f);

    /* source layout: an exact round trip */
    char *out;
    size_t len;
    FUZZ_ASSERT(sla_yaml_emit(t1, SLA_YAML_SOURCE, &out, &len, &e) == 0, "source emit failed: %s", e.msg);
    struct doc_node *t2 = reload("source emit", out, len);
    FUZZ_ASSERT(doc_equal(t1, t2), "source round trip changed the tree\n--- emitted:\n%.*s", (int)len, out);
    free(out);
    doc_free(t2);

    /* agreement layout: same content, and fmt is idempotent */
    char *out1, *out2;
    size_t len1, len2;
    FUZZ_ASSERT(sla_yaml_emit(t1, SLA_YAML_AGREEMENT, &out1, &len1, &e) == 0, "emit failed: %s", e.msg);
    struct doc_node *t3 = reload("agreement emit", out1, len1);
    FUZZ_ASSERT(doc_equal(t1, t3) && doc_equal(t3, t1),
                "canonical emit changed the content\n--- emitted:\n%.*s", (int)len1, out1);
    FUZZ_ASSERT(sla_yaml_emit(t3, SLA_YAML_AGREEMENT, &out2, &len2, &e) == 0, "emit failed: %s", e.msg);
    FUZZ_ASSERT(len1 == len2 && memcmp(out1, out2, len1) == 0,
                "fmt is not idempotent\n--- first:\n%.*s--- second:\n%.*s", (int)len1, out1, (int)len2, out2);
    free(out1);
    free(out2);
    doc_free(t3);
    doc_free(t1);
    return 0;
}
