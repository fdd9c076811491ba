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

void cmdutil_print_err(const struct err *e)
{
    char buf[2200];
    err_format(e, buf, sizeof buf);
    fprintf(stderr, "pacta: %s\n", buf);
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

int cmdutil_emit(const struct render_doc *d, enum render_format f, const char *outpath)
{
    if (f != RENDER_PDF && (!outpath || strcmp(outpath, "-") == 0)) {
        /* to standard output as it is made: a large summary piped on is
         * never all in memory (a file is written whole, atomically) */
        if (fflush(stdout) != 0 || render_emit_fd(d, f, STDOUT_FILENO) < 0) {
            fprintf(stderr, _("pacta: cannot write the output: %s\n"), strerror(errno));
            return EXIT_CANTCREAT;
        }
        return 0;
    }
    char *buf;
    size_t len;
    int rc = produce(d, f, &buf, &len);
    if (rc)
        return rc;
    rc = cmdutil_write_out(outpath, buf, len, f == RENDER_PDF);
    free(buf);
    return rc;
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
