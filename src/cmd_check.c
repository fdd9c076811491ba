/* cmd_check.c - `pacta check FILE...` and `pacta fmt [--check] FILE...`. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cmd_check.h"
#include "src/cmdutil.h"
#include "src/fileio.h"
#include "src/i18n.h"
#include "src/sla_yaml.h"
#include "src/spell.h"
#include "src/validate.h"


static void print_finding(const char *file, const struct finding *f)
{
    if (f->line)
        printf("%s:%u:%u: %s: %s", file, f->line, f->col, finding_severity_name(f->severity), f->msg);
    else
        printf("%s: %s: %s", file, finding_severity_name(f->severity), f->msg);
    if (f->path[0])
        printf(" [%s]", f->path);
    putchar('\n');
}


struct spell_ctx {
    struct spell *sp;
    struct findings *out;
};

static int spell_hit_to_finding(const struct spell_hit *h, void *ud)
{
    struct spell_ctx *sc = ud;
    char *msg = spell_hit_describe(sc->sp, h, 5);
    findings_add(sc->out, FINDING_WARNING, NULL, h->path, _("misspelt word: %s"), msg);
    sc->out->v[sc->out->n - 1].line = h->line;
    sc->out->v[sc->out->n - 1].col = h->col;
    free(msg);
    return 0;
}

/* `check --spell`: the words `pacta spell` would list, as warnings. */
static int spell_findings(const struct doc_node *root, const char *lang, const char *dict, const char *src,
                          size_t len, struct findings *out, struct err *e)
{
    struct spell *sp = spell_open_lang(lang ? lang : "en", dict, e);
    if (!sp)
        return -1;
    struct spell_ctx sc = {sp, out};
    spell_check_doc(sp, root, src, len, spell_hit_to_finding, &sc);
    spell_close(sp);
    return 0;
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"max-size", required_argument, NULL, 'm'},
        {"spell", no_argument, NULL, 's'},
        {"dict", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct sla_yaml_opts yo = {0};
    bool spell = false;
    const char *dict = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (!(yo.max_size = (size_t)cmdutil_parse_size(optarg))) {
                fprintf(stderr, _("pacta: --max-size wants a size like 32M, not \"%s\"\n"), optarg);
                return EXIT_USAGE;
            }
            break;
        case 's':
            spell = true;
            break;
        case 'd':
            dict = optarg;
            break;
        case 'h':
            printf(_("Usage: pacta check [--spell] [--dict NAME] [--max-size SIZE] FILE...\n"
                     "Check agreements against the rules of the format; print\n"
                     "FILE:LINE:COL: error|warning: message [field] for each finding.\n"
                     "Exit 0 when no finding is an error, 1 when one is, 65 when a file cannot be read.\n"));
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, _("pacta check: name at least one agreement file\n"));
        return EXIT_USAGE;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        struct doc_node *root;
        struct err e;
        char *src;
        size_t len;
        if (fileio_read(argv[i], yo.max_size ? yo.max_size : SLA_YAML_MAX_SIZE, &src, &len, NULL, &e) < 0) {
            cmdutil_print_err(&e);
            status = EXIT_DATAERR;
            continue;
        }
        if (sla_yaml_load_buffer(argv[i], src, len, &yo, &root, NULL, &e) < 0) {
            cmdutil_print_err(&e);
            free(src);
            status = EXIT_DATAERR;
            continue;
        }
        struct findings f = {0};
        validate_doc(root, &f);
        if (spell && spell_findings(root, doc_get_str(root, "metadata.language"), dict, src, len, &f, &e) < 0) {
            cmdutil_print_err(&e);
            if (status == 0)
                status = EXIT_UNAVAILABLE;
        }
        free(src);
        findings_sort(&f);
        for (size_t k = 0; k < f.n; k++)
            print_finding(argv[i], &f.v[k]);
        if (findings_count(&f, FINDING_ERROR) && status == 0)
            status = EXIT_FINDINGS;
        findings_free(&f);
        doc_free(root);
    }
    return status;
}

int cmd_fmt(int argc, char **argv)
{
    static const struct option opts[] = {
        {"check", no_argument, NULL, 'c'},
        {"drop-comments", no_argument, NULL, 'D'},
        {"max-size", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct sla_yaml_opts yo = {0};
    bool check = false, drop = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
        switch (c) {
        case 'c':
            check = true;
            break;
        case 'D':
            drop = true;
            break;
        case 'm':
            if (!(yo.max_size = (size_t)cmdutil_parse_size(optarg))) {
                fprintf(stderr, _("pacta: --max-size wants a size like 32M, not \"%s\"\n"), optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            printf(_("Usage: pacta fmt [--check] [--drop-comments] [--max-size SIZE] FILE...\n"
                     "Rewrite agreements in canonical form (fields the format does not know are kept).\n"
                     "--check changes nothing: it lists the files that are not canonical and exits 1.\n"));
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, _("pacta fmt: name at least one agreement file\n"));
        return EXIT_USAGE;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        char *old;
        size_t oldlen;
        struct err e;
        struct doc_node *root;
        struct sla_yaml_info info;
        if (fileio_read(path, yo.max_size ? yo.max_size : SLA_YAML_MAX_SIZE, &old, &oldlen, NULL, &e) < 0) {
            cmdutil_print_err(&e);
            status = EXIT_DATAERR;
            continue;
        }
        if (sla_yaml_load_buffer(path, old, oldlen, &yo, &root, &info, &e) < 0) {
            cmdutil_print_err(&e);
            free(old);
            status = EXIT_DATAERR;
            continue;
        }
        char *out;
        size_t outlen;
        if (sla_yaml_emit(root, SLA_YAML_AGREEMENT, &out, &outlen, &e) < 0) {
            cmdutil_print_err(&e);
            doc_free(root);
            free(old);
            status = EXIT_DATAERR;
            continue;
        }
        bool same = outlen == oldlen && memcmp(out, old, oldlen) == 0;
        if (check) {
            if (!same) {
                printf("%s\n", path);
                if (status == 0)
                    status = EXIT_FINDINGS;
            }
        } else if (!same) {
            if (info.has_comments && !drop) {
                fprintf(stderr, _("pacta: %s has comments, which rewriting would lose; move them into a notes: field, "
                                  "or run again with --drop-comments\n"),
                        path);
                if (status == 0)
                    status = EXIT_FINDINGS;
            } else if (cmdutil_write_file(path, out, outlen, 0) != 0) {
                status = EXIT_CANTCREAT;
            }
        }
        free(out);
        free(old);
        doc_free(root);
    }
    return status;
}
