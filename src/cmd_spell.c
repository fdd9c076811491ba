/* cmd_spell.c - `pacta spell FILE [--dict NAME]`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cmd_spell.h"
#include "src/doc.h"
#include "src/err.h"
#include "src/i18n.h"
#include "src/sla_yaml.h"
#include "src/spell.h"
#include "src/xalloc.h"

enum { EXIT_USAGE = 64, EXIT_DATAERR = 65, EXIT_UNAVAILABLE = 69 };

#define MAX_SUGGESTIONS 5

struct report {
    struct spell *sp;
    const char *file;
};

static int print_hit(const struct spell_hit *h, void *ud)
{
    struct report *r = ud;
    char *msg = spell_hit_describe(r->sp, h, MAX_SUGGESTIONS);
    if (h->line)
        printf("%s:%u:%u: %s\n", r->file, h->line, h->col, msg);
    else
        printf("%s: %s\n", r->file, msg);
    free(msg);
    return 0;
}

/* The whole file, for exact positions; NULL when it cannot be read again. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            if (cap >= SLA_YAML_MAX_SIZE * 2)
                break;
            buf = xrealloc(buf, cap *= 2);
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static void usage(FILE *to)
{
    fprintf(to, "%s\n", _("usage: pacta spell FILE [--dict NAME]"));
}

int cmd_spell(int argc, char **argv)
{
    const char *file = NULL, *dict = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--dict") == 0 || strcmp(a, "-d") == 0) {
            if (++i >= argc) {
                usage(stderr);
                return EXIT_USAGE;
            }
            dict = argv[i];
        } else if (strncmp(a, "--dict=", 7) == 0) {
            dict = a + 7;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--") == 0 && i + 1 < argc && !file && i + 2 == argc) {
            file = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, _("pacta spell: unknown option %s\n"), a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (!file) {
            file = a;
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!file) {
        usage(stderr);
        return EXIT_USAGE;
    }

    struct err e;
    char buf[2200];
    struct doc_node *root = NULL;
    err_clear(&e);
    if (sla_yaml_load_file(file, NULL, &root, NULL, &e) < 0) {
        err_format(&e, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        return EXIT_DATAERR;
    }
    const char *lang = doc_get_str(root, "metadata.language");
    struct spell *sp = spell_open_lang(lang, dict, &e);
    if (!sp) {
        err_format(&e, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        doc_free(root);
        return EXIT_UNAVAILABLE;
    }
    size_t srclen = 0;
    char *src = slurp(file, &srclen);
    struct report r = {sp, file};
    size_t n = spell_check_doc(sp, root, src, srclen, print_hit, &r);
    free(src);
    spell_close(sp);
    doc_free(root);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("pacta spell");
        return EXIT_FAILURE;
    }
    return n ? 1 : 0;
}
