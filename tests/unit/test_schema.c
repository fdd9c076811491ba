/* test_schema.c - the field table: every field's parent is in it, and
 * walking down with schema_child/schema_item finds every field that
 * schema_find finds by path (the saver relies on both). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/schema.h"
#include "tests/tap.h"

/* Walk pattern p ("a.b[].c") down from the top with schema_child and
 * schema_item. */
static const struct schema_field *walk(const char *p)
{
    const struct schema_field *f = NULL;
    char key[128];
    const char *s = p;
    while (*s) {
        if (s[0] == '[') {
            if (!f)
                return NULL;
            f = schema_item(f);
            s += 2;
        } else {
            if (*s == '.')
                s++;
            size_t n = strcspn(s, ".[");
            snprintf(key, sizeof key, "%.*s", (int)n, s);
            f = schema_child(f, key);
            s += n;
        }
        if (!f)
            return NULL;
    }
    return f;
}

int main(void)
{
    size_t missing_parent = 0, bad_walk = 0;
    for (size_t i = 0; i < schema_nfields; i++) {
        const char *p = schema_fields[i].path;
        char parent[256];
        snprintf(parent, sizeof parent, "%s", p);
        size_t n = strlen(parent);
        if (n > 2 && !strcmp(parent + n - 2, "[]"))
            parent[n - 2] = '\0';
        else {
            char *dot = strrchr(parent, '.');
            if (dot)
                *dot = '\0';
            else
                parent[0] = '\0';
        }
        if (parent[0] && !schema_find(parent)) {
            missing_parent++;
            diag("%s: parent %s is not in the table", p, parent);
        }
        if (walk(p) != &schema_fields[i]) {
            bad_walk++;
            diag("%s: walking down does not find it", p);
        }
        if (schema_find(p) != &schema_fields[i])
            diag("%s: schema_find does not find it", p);
    }
    ok(missing_parent == 0, "every field's parent is in the table (%zu fields)", schema_nfields);
    ok(bad_walk == 0, "schema_child/schema_item reach every field");
    size_t dup = 0;
    for (size_t i = 0; i < schema_nfields; i++)
        for (size_t j = 0; j < i; j++)
            dup += !strcmp(schema_fields[i].path, schema_fields[j].path);
    ok(dup == 0, "no field is listed twice");
    ok(schema_find("service_levels[12].target") == schema_find("service_levels[].target") &&
           schema_find("service_levels[].target") != NULL,
       "a concrete path finds its pattern");
    ok(schema_child(NULL, "x-mine") == NULL && schema_find("metadata.x-mine") == NULL, "unknown keys are unknown");
    ok(schema_is_text("services[3].route[0]") && !schema_is_text("services[3].id"), "text fields");
    ok(schema_enum_has("basic|binding|two_way", "two_way") && !schema_enum_has("basic|binding|two_way", "two"),
       "enum membership is by whole value");
    return done_testing();
}
