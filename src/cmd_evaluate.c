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
#include "src/evaluate.h"
#include "src/fileio.h"
#include "src/i18n.h"
#include "src/measure.h"
#include "src/render.h"
#include "src/sla_yaml.h"
#include "src/validate.h"
#include "src/xalloc.h"

enum { EX_MISSED_ = 1, EX_USAGE_ = 64, EX_DATAERR_ = 65, EX_UNAVAILABLE_ = 69, EX_CANTCREAT_ = 73 };

static void print_err(const struct err *e)
{
    char buf[2200];
    err_format(e, buf, sizeof buf);
    fprintf(stderr, "pacta: %s\n", buf);
}

static int usage(void)
{
    fprintf(stderr, "%s\n",
            _("Usage: pacta evaluate FILE [MEASUREMENTS] [--period P] [-f text|md|html|pdf] [-o OUT]"));
    return EX_USAGE_;
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

static int write_out(const char *path, const char *data, size_t len, bool binary)
{
    if (path && strcmp(path, "-") != 0) {
        struct err e;
        if (fileio_write_atomic(path, data, len, 0, NULL, &e) < 0) {
            print_err(&e);
            return EX_CANTCREAT_;
        }
        return 0;
    }
    if (binary && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("pacta: not writing PDF to a terminal; use -o FILE or redirect the output"));
        return EX_USAGE_;
    }
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, _("pacta: cannot write the output: %s\n"), strerror(errno));
        return EX_CANTCREAT_;
    }
    return 0;
}

static int emit(const struct render_doc *d, enum render_format f, const char *outpath)
{
    char *buf;
    size_t len;
    if (f == RENDER_PDF) {
        struct err e;
        bool missing;
        if (render_pdf(d, &buf, &len, &missing, &e) < 0) {
            print_err(&e);
            return EX_UNAVAILABLE_;
        }
    } else {
        render_emit(d, f, &buf, &len);
    }
    int rc = write_out(outpath, buf, len, f == RENDER_PDF);
    free(buf);
    return rc;
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
                return EX_USAGE_;
            }
            period = optarg;
            break;
        }
        case 'f':
            if (render_format_parse(optarg, &f) < 0) {
                fprintf(stderr, _("pacta: unknown format '%s' (text, md, html or pdf)\n"), optarg);
                return EX_USAGE_;
            }
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
        default: return EX_USAGE_;
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
    int rc = EX_DATAERR_;
    memset(&m, 0, sizeof m);
    if (sla_yaml_load_file(file, NULL, &sla, NULL, &e) < 0) {
        print_err(&e);
        goto out;
    }
    if (sla->kind != DOC_MAP) {
        fprintf(stderr, _("pacta: %s: not an agreement (the top level is not a map)\n"), file);
        goto out;
    }
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
        print_err(&e);
        goto out;
    }
    if (evaluate_run(sla, &m, period, &r, &e) < 0) {
        if (!e.file[0])
            snprintf(e.file, sizeof e.file, "%s", file);
        print_err(&e);
        goto out;
    }
    struct render_doc *d = evaluate_render(&r);
    rc = emit(d, f, outpath);
    render_free(d);
    if (rc == 0 && r.missed)
        rc = EX_MISSED_;
out:
    evaluate_free(&r);
    measure_free(&m);
    findings_free(&warn);
    doc_free(sla);
    free(mpath);
    return rc;
}
