/* cmd_new.c - `pacta new` (see src/cmd_new.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/cmd_new.h"
#include "src/cmdutil.h"
#include "src/err.h"
#include "src/fileio.h"
#include "src/forms.h"
#include "src/i18n.h"
#include "src/sla_yaml.h"


static void usage(FILE *fp)
{
    fprintf(fp, "%s\n", _("Usage: pacta new [--type basic|binding|two_way] [--internal] [--lang es|en] "
                          "[--no-edit] [FILE]"));
    fprintf(fp, "%s\n", _("Start a new agreement from the built-in starting point for its type."));
    fprintf(fp, "\n%s\n", _("  -t, --type TYPE   basic (default), binding or two_way"));
    fprintf(fp, "%s\n", _("  -i, --internal    between two departments of the same company"));
    fprintf(fp, "%s\n", _("  -l, --lang LANG   language of the agreement: es or en"));
    fprintf(fp, "%s\n", _("  -n, --no-edit     write the file (or standard output) without opening the wizard"));
    fprintf(fp, "%s\n", _("  -h, --help        show this help"));
}

/* The screen language when it is one we have a starting point for. */
static const char *default_lang(void)
{
    const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "es", 2) == 0 ? "es" : "en";
    }
    return "en";
}

int cmd_new_parse(int argc, char **argv, struct cmd_new_opts *o)
{
    static const struct option longopts[] = {
        {"type", required_argument, NULL, 't'}, {"internal", no_argument, NULL, 'i'},
        {"lang", required_argument, NULL, 'l'}, {"no-edit", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->type = "basic";
    o->lang = default_lang();
    optind = 0; /* GNU: start over, whatever parsed argv before */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "t:il:nh", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            o->type = optarg;
            break;
        case 'i':
            o->internal = true;
            break;
        case 'l':
            o->lang = optarg;
            break;
        case 'n':
            o->no_edit = true;
            break;
        case 'h':
            o->help = true;
            usage(stdout);
            return 0;
        default:
            if (optopt)
                fprintf(stderr, _("pacta new: unknown option or missing value: -%c\n"), optopt);
            else
                fprintf(stderr, _("pacta new: unknown option or missing value: %s\n"), argv[optind - 1]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (strcmp(o->type, "basic") != 0 && strcmp(o->type, "binding") != 0 && strcmp(o->type, "two_way") != 0) {
        fprintf(stderr, _("pacta new: unknown type \"%s\": use basic, binding or two_way\n"), o->type);
        return EXIT_USAGE;
    }
    if (strcmp(o->lang, "es") != 0 && strcmp(o->lang, "en") != 0) {
        fprintf(stderr, _("pacta new: unknown language \"%s\": use es or en\n"), o->lang);
        return EXIT_USAGE;
    }
    if (optind < argc)
        o->file = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, _("pacta new: one file at most (got \"%s\" too)\n"), argv[optind]);
        return EXIT_USAGE;
    }
    return 0;
}

static int write_out(const struct cmd_new_opts *o, const char *buf, size_t len)
{
    struct err e;
    if (!o->file) {
        if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, _("pacta new: cannot write to standard output: %s\n"), strerror(errno));
            return EXIT_IOERR;
        }
        return 0;
    }
    struct stat st;
    if (lstat(o->file, &st) == 0) {
        fprintf(stderr, _("pacta new: %s already exists; not overwriting it (open it with: pacta %s)\n"), o->file,
                o->file);
        return EXIT_CANTCREAT;
    }
    err_clear(&e);
    if (fileio_write_atomic(o->file, buf, len, FILEIO_NO_CLOBBER, NULL, &e) < 0) {
        char msg[2200];
        err_format(&e, msg, sizeof msg);
        fprintf(stderr, "pacta new: %s\n", msg);
        return EXIT_CANTCREAT;
    }
    return 0;
}

int cmd_new_run(const struct cmd_new_opts *o, struct doc_node **tree)
{
    struct err e;
    char msg[2200];
    if (tree)
        *tree = NULL;
    if (o->help)
        return 0;
    bool edit = tree && !o->no_edit && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (edit && o->file) {
        struct stat st;
        if (lstat(o->file, &st) == 0) {
            fprintf(stderr, _("pacta new: %s already exists; not overwriting it (open it with: pacta %s)\n"),
                    o->file, o->file);
            return EXIT_CANTCREAT;
        }
    }
    struct doc_node *root = forms_starting_point(o->type, o->internal, o->lang, &e);
    if (!root) {
        err_format(&e, msg, sizeof msg);
        fprintf(stderr, "pacta new: %s\n", msg);
        return EXIT_SOFTWARE;
    }
    if (edit) {
        *tree = root;
        return CMD_NEW_OPEN_EDITOR;
    }
    char *buf = NULL;
    size_t len = 0;
    int rc;
    if (sla_yaml_emit(root, SLA_YAML_AGREEMENT, &buf, &len, &e) < 0) {
        err_format(&e, msg, sizeof msg);
        fprintf(stderr, "pacta new: %s\n", msg);
        rc = EXIT_SOFTWARE;
    } else {
        rc = write_out(o, buf, len);
    }
    free(buf);
    doc_free(root);
    return rc;
}

int cmd_new(int argc, char **argv, struct cmd_new_opts *o, struct doc_node **tree)
{
    struct cmd_new_opts local;
    if (!o)
        o = &local;
    int rc = cmd_new_parse(argc, argv, o);
    if (rc != 0 || o->help)
        return rc;
    return cmd_new_run(o, tree);
}
