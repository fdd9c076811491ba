/* cmdutil.c - what the non-interactive commands share. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/cmdutil.h"
#include "src/fileio.h"
#include "src/i18n.h"
#include "src/sla_yaml.h"

void cmdutil_print_err(const struct err *e)
{
    char buf[2200];
    err_format(e, buf, sizeof buf);
    fprintf(stderr, "pacta: %s\n", buf);
}

int cmdutil_load_agreement(const char *path, struct doc_node **root)
{
    struct err e;
    if (sla_yaml_load_file(path, NULL, root, NULL, &e) < 0) {
        cmdutil_print_err(&e);
        return EXIT_DATAERR;
    }
    if ((*root)->kind != DOC_MAP) {
        fprintf(stderr, _("pacta: %s: not an agreement (the top level is not a map)\n"), path);
        doc_free(*root);
        *root = NULL;
        return EXIT_DATAERR;
    }
    return 0;
}

int cmdutil_parse_format(const char *name, enum render_format *f)
{
    if (render_format_parse(name, f) == 0)
        return 0;
    fprintf(stderr, _("pacta: unknown format '%s' (text, md, html or pdf)\n"), name);
    return EXIT_USAGE;
}

/* Write out to path atomically, or to stdout when path is NULL or "-". */
int cmdutil_write_file(const char *path, const char *data, size_t len, unsigned flags)
{
    struct err e;
    struct fileio_result res;
    if (fileio_write_atomic(path, data, len, flags, &res, &e) < 0) {
        cmdutil_print_err(&e);
        return EXIT_CANTCREAT;
    }
    if (res.in_place && res.backup_made)
        fprintf(stderr, _("pacta: %s was written in place (it has several hard links, or its folder cannot be written); "
                          "the previous version is in %s\n"),
                path, res.backup);
    else if (res.in_place)
        fprintf(stderr, _("pacta: %s was written in place (it has several hard links, or its folder cannot be written)\n"),
                path);
    return 0;
}

int cmdutil_write_out(const char *path, const char *data, size_t len, bool binary)
{
    if (path && strcmp(path, "-") != 0) {
        return cmdutil_write_file(path, data, len, 0);
    }
    if (binary && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("pacta: not writing PDF to a terminal; use -o FILE or redirect the output"));
        return EXIT_USAGE;
    }
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, _("pacta: cannot write the output: %s\n"), strerror(errno));
        return EXIT_CANTCREAT;
    }
    return 0;
}

/* Render d in format f into a new buffer.  Returns 0 or an exit status. */
static int produce(const struct render_doc *d, enum render_format f, char **out, size_t *len)
{
    if (f != RENDER_PDF) {
        render_emit(d, f, out, len);
        return 0;
    }
    struct err e;
    bool missing;
    if (render_pdf(d, out, len, &missing, &e) < 0) {
        cmdutil_print_err(&e);
        return EXIT_UNAVAILABLE; /* groff missing, or groff failed */
    }
    return 0;
}

static bool to_stdout(const char *path)
{
    return !path || strcmp(path, "-") == 0;
}

void cmdutil_out_start(struct cmdutil_out *co, const struct render_doc *d, enum render_format f,
                       const char *outpath)
{
    *co = (struct cmdutil_out){.d = d, .f = f, .path = outpath};
    if (f == RENDER_PDF)
        return;
    /* to standard output as it is made: a large summary piped on is never
     * all in memory (a file is written whole, atomically) */
    bool out = to_stdout(outpath);
    if (out && fflush(stdout) != 0)
        co->err = errno;
    co->st = render_stream_new(d, f, out ? STDOUT_FILENO : -1);
}

void cmdutil_out_more(struct cmdutil_out *co)
{
    if (co->st)
        render_stream_more(co->st);
}

int cmdutil_out_end(struct cmdutil_out *co)
{
    char *buf = NULL;
    size_t len = 0;
    if (co->st && to_stdout(co->path)) {
        int rc = render_stream_end(co->st, NULL, NULL);
        if (co->err || rc < 0) {
            if (co->err)
                errno = co->err;
            fprintf(stderr, _("pacta: cannot write the output: %s\n"), strerror(errno));
            return EXIT_CANTCREAT;
        }
        return 0;
    }
    if (co->st) {
        render_stream_end(co->st, &buf, &len);
    } else {
        int rc = produce(co->d, co->f, &buf, &len);
        if (rc)
            return rc;
    }
    int rc = cmdutil_write_out(co->path, buf, len, co->f == RENDER_PDF);
    free(buf);
    return rc;
}

int cmdutil_emit(const struct render_doc *d, enum render_format f, const char *outpath)
{
    struct cmdutil_out co;
    cmdutil_out_start(&co, d, f, outpath);
    return cmdutil_out_end(&co);
}

unsigned long long cmdutil_parse_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s)
        return 0;
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    return *end ? 0 : v;
}
