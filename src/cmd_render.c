/* cmd_render.c - `pacta summary`, `pacta checklist`, `pacta print`. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/checklist.h"
#include "src/cmd_render.h"
#include "src/cmdutil.h"
#include "src/fileio.h"
#include "src/forms.h"
#include "src/i18n.h"
#include "src/print.h"
#include "src/render.h"
#include "src/spawn.h"
#include "src/summary.h"
#include "src/validate.h"
#include "src/xalloc.h"



/* Load path; with open, validate it into open too. */
static int load(const char *path, struct doc_node **root, struct findings *open)
{
    int rc = cmdutil_load_agreement(path, root);
    if (rc == 0 && open)
        validate_doc_lang(*root, summary_lang(*root), open);
    return rc;
}

/* The summary is built while the agreement is validated on a thread of its
 * own: both only read the tree, and the findings are wanted only for the
 * last section, a draft's points to settle (summary_build_await).  While
 * the thread finishes, everything before that section is written out
 * (cmdutil_out_more).  On two cores this takes validation off the
 * summary's time (issue 8, row 3). */
struct check_job {
    const struct doc_node *root;
    struct findings open;
    pthread_t thread;
    bool running, wanted;
    enum render_format f;
    const char *outpath;
    struct cmdutil_out out;
    bool out_started;
};

static void *check_run(void *p)
{
    struct check_job *j = p;
    validate_doc_lang(j->root, summary_lang(j->root), &j->open);
    return NULL;
}

static void check_start(struct check_job *j, const struct doc_node *root)
{
    j->root = root;
    j->wanted = summary_lists_points(root);
    /* the catalogue of the agreement's language is read in now, before the
     * thread: both then only read it (i18n.c is safe either way, but this
     * keeps the one write out of the threads' way, for helgrind too) */
    i18n_lang(summary_lang(root), "");
    if (j->wanted)
        j->running = pthread_create(&j->thread, NULL, check_run, j) == 0;
}

/* so_far: the summary built up to the points to settle (NULL: only join). */
static const struct findings *check_await(void *p, const struct render_doc *so_far)
{
    struct check_job *j = p;
    if (so_far && !j->out_started) {
        cmdutil_out_start(&j->out, so_far, j->f, j->outpath);
        cmdutil_out_more(&j->out);
        j->out_started = true;
    }
    if (j->running)
        pthread_join(j->thread, NULL);
    else if (j->wanted)
        check_run(j); /* no thread to be had: the same work, here */
    j->running = j->wanted = false;
    return &j->open;
}

int cmd_summary(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enum render_format f = RENDER_TEXT;
    const char *outpath = NULL;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (cmdutil_parse_format(optarg, &f))
                return EXIT_USAGE;
            break;
        case 'o': outpath = optarg; break;
        case 'h':
            printf("%s", _("Usage: pacta summary FILE [-f text|md|html|pdf] [-o OUT]\n"
                           "The printable summary of an agreement, in the agreement's language.\n"
                           "  -f, --format  text (80 columns, the default), md, html or pdf\n"
                           "  -o, --output  write to OUT (atomically) instead of standard output\n"));
            return 0;
        default: return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "%s\n", _("Usage: pacta summary FILE [-f text|md|html|pdf] [-o OUT]"));
        return EXIT_USAGE;
    }
    struct doc_node *root = NULL;
    int rc = load(argv[optind], &root, NULL);
    if (rc)
        return rc;
    struct check_job job = {.f = f, .outpath = outpath};
    check_start(&job, root);
    struct render_doc *d = summary_build_await(root, check_await, &job);
    check_await(&job, NULL); /* a no-op after the build: the thread is joined whatever the build does */
    if (!job.out_started)
        cmdutil_out_start(&job.out, d, f, outpath);
    rc = cmdutil_out_end(&job.out);
    render_free(d);
    findings_free(&job.open);
    doc_free(root);
    return rc;
}

/* Build the checklist for path (NULL: blank); NULL and *rc on failure. */
static struct render_doc *make_checklist(const char *path, const char *type, const char *lang, int *rc)
{
    struct forms fm = {0};
    struct err e;
    if (forms_load(&fm, &e) < 0) {
        cmdutil_print_err(&e);
        *rc = EXIT_DATAERR;
        return NULL;
    }
    struct doc_node *root = NULL;
    struct findings open = {0};
    if (path && (*rc = load(path, &root, &open)) != 0) {
        forms_free(&fm);
        findings_free(&open);
        return NULL;
    }
    struct render_doc *d = checklist_build(&fm, root, type, lang, &open);
    forms_free(&fm);
    findings_free(&open);
    doc_free(root);
    *rc = 0;
    return d;
}

int cmd_checklist(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"type", required_argument, NULL, 't'},
        {"lang", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enum render_format f = RENDER_TEXT;
    const char *outpath = NULL, *type = NULL, *lang = NULL;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "f:o:t:l:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (cmdutil_parse_format(optarg, &f))
                return EXIT_USAGE;
            break;
        case 'o': outpath = optarg; break;
        case 't':
            if (strcmp(optarg, "basic") && strcmp(optarg, "binding") && strcmp(optarg, "two_way")) {
                fprintf(stderr, _("pacta: unknown type '%s' (basic, binding or two_way)\n"), optarg);
                return EXIT_USAGE;
            }
            type = optarg;
            break;
        case 'l':
            if (strcmp(optarg, "es") && strcmp(optarg, "en")) {
                fprintf(stderr, _("pacta: unknown language '%s' (es or en)\n"), optarg);
                return EXIT_USAGE;
            }
            lang = optarg;
            break;
        case 'h':
            printf("%s", _("Usage: pacta checklist [FILE] [--type basic|binding|two_way] [--lang es|en]\n"
                           "                       [-f text|md|html|pdf] [-o OUT]\n"
                           "The checklist for a meeting with the client: the questions of each step,\n"
                           "with the current answers of FILE, or blank lines without FILE.\n"));
            return 0;
        default: return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, "%s\n", _("Usage: pacta checklist [FILE] [--type TYPE] [--lang es|en] [-f FORMAT] [-o OUT]"));
        return EXIT_USAGE;
    }
    int rc;
    struct render_doc *d = make_checklist(argc - optind == 1 ? argv[optind] : NULL, type, lang, &rc);
    if (!d)
        return rc;
    rc = cmdutil_emit(d, f, outpath);
    render_free(d);
    return rc;
}

int cmd_print(int argc, char **argv)
{
    static const struct option opts[] = {
        {"checklist", no_argument, NULL, 'c'},
        {"printer", required_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool checklist = false;
    const char *printer = NULL;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "cP:d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': checklist = true; break;
        case 'P':
        case 'd': printer = optarg; break;
        case 'h':
            printf("%s", _("Usage: pacta print FILE [--checklist] [-P PRINTER]\n"
                           "Send the summary (or the meeting checklist) of FILE to the printer,\n"
                           "as PDF (text when groff is missing), through lp or lpr.\n"));
            return 0;
        default: return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "%s\n", _("Usage: pacta print FILE [--checklist] [-P PRINTER]"));
        return EXIT_USAGE;
    }
    int rc;
    struct render_doc *d;
    if (checklist) {
        d = make_checklist(argv[optind], NULL, NULL, &rc);
        if (!d)
            return rc;
    } else {
        struct doc_node *root = NULL;
        struct findings open = {0};
        if ((rc = load(argv[optind], &root, &open)) != 0) {
            findings_free(&open);
            return rc;
        }
        d = summary_build(root, &open);
        findings_free(&open);
        doc_free(root);
    }
    struct err e;
    struct print_result pr;
    enum print_status ps = print_doc(d, printer, &pr, &e);
    render_free(d);
    if (ps != PRINT_OK) {
        cmdutil_print_err(&e);
        return ps == PRINT_CANTCREAT ? EXIT_CANTCREAT : EXIT_UNAVAILABLE;
    }
    if (pr.as_text)
        fprintf(stderr, "%s\n", _("pacta: groff is not installed (Debian: apt-get install groff); printed as text"));
    return 0;
}
