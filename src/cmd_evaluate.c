/* cmd_evaluate.c - `pacta evaluate`. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/cmd_evaluate.h"
#include "src/cmdutil.h"
#include "src/evaluate.h"
#include "src/fileio.h"
#include "src/i18n.h"
#include "src/measure.h"
#include "src/render.h"
#include "src/validate.h"
#include "src/xalloc.h"



static int usage(void)
{
    fprintf(stderr, "%s\n",
            _("Usage: pacta evaluate FILE [MEASUREMENTS] [--period P] [-f text|md|html|pdf] [-o OUT]"));
    return EXIT_USAGE;
}

/* NAME.sla.yaml -> NAME.measurements.yaml */
static char *default_measurements(const char *file)
{
    size_t n = strlen(file);
    static const char *const ends[] = {".sla.yaml", ".sla.yml", ".yaml", ".yml"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t k = strlen(ends[i]);
        if (n > k && strcmp(file + n - k, ends[i]) == 0)
            return xasprintf("%.*s.measurements.yaml", (int)(n - k), file);
    }
    return xasprintf("%s.measurements.yaml", file);
}



int cmd_evaluate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"period", required_argument, NULL, 'p'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enum render_format f = RENDER_TEXT;
    const char *outpath = NULL, *period = NULL;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "p:f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'p': {
            enum measure_period_kind k;
            long a, b;
            if (measure_parse_period(optarg, &k, &a, &b) < 0) {
                fprintf(stderr, _("pacta: not a period (like 2027-03, 2027-Q1 or 2027): %s\n"), optarg);
                return EXIT_USAGE;
            }
            period = optarg;
            break;
        }
        case 'f':
            if (cmdutil_parse_format(optarg, &f))
                return EXIT_USAGE;
            break;
        case 'o': outpath = optarg; break;
        case 'h':
            printf("%s", _("Usage: pacta evaluate FILE [MEASUREMENTS] [--period P] [-f text|md|html|pdf] [-o OUT]\n"
                           "The scorecard of the service delivered: the promises kept and missed, and the\n"
                           "credits and penalties that follow, in the agreement's language.\n"
                           "  MEASUREMENTS  defaults to NAME.measurements.yaml beside NAME.sla.yaml\n"
                           "  -p, --period  only this period (2027-03, 2027-Q1 or 2027)\n"
                           "  -f, --format  text (the default), md, html or pdf\n"
                           "  -o, --output  write to OUT (atomically) instead of standard output\n"
                           "Exit status: 0 every promise kept, 1 a promise missed, 64 usage, 65 bad input.\n"));
            return 0;
        default: return EXIT_USAGE;
        }
    }
    int nargs = argc - optind;
    if (nargs < 1 || nargs > 2)
        return usage();
    const char *file = argv[optind];
    char *mpath = nargs == 2 ? xstrdup(argv[optind + 1]) : default_measurements(file);

    struct err e;
    struct doc_node *sla = NULL;
    struct measure m;
    struct findings warn = {0};
    struct evaluate_result r = {0};
    int rc = EXIT_DATAERR;
    memset(&m, 0, sizeof m);
    if (cmdutil_load_agreement(file, &sla))
        goto out;
    int lr = measure_load_file(mpath, &m, &warn, &e);
    for (size_t i = 0; i < warn.n; i++) {
        const struct finding *w = &warn.v[i];
        if (w->line)
            fprintf(stderr, "%s:%u:%u: %s: %s [%s]\n", mpath, w->line, w->col, finding_severity_name(w->severity), w->msg,
                    w->path);
        else
            fprintf(stderr, "%s: %s: %s [%s]\n", mpath, finding_severity_name(w->severity), w->msg, w->path);
    }
    if (lr < 0) {
        cmdutil_print_err(&e);
        goto out;
    }
    if (evaluate_run(sla, &m, period, &r, &e) < 0) {
        if (!e.file[0])
            snprintf(e.file, sizeof e.file, "%s", file);
        cmdutil_print_err(&e);
        goto out;
    }
    struct render_doc *d = evaluate_render(&r);
    rc = cmdutil_emit(d, f, outpath);
    render_free(d);
    if (rc == 0 && r.missed)
        rc = EXIT_FINDINGS;
out:
    evaluate_free(&r);
    measure_free(&m);
    findings_free(&warn);
    doc_free(sla);
    free(mpath);
    return rc;
}
