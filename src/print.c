/* print.c - handing a printable document to the system's printer. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/fileio.h"
#include "src/i18n.h"
#include "src/print.h"
#include "src/spawn.h"
#include "src/xalloc.h"

/* lp, else lpr; $PACTA_LP wins (taking lp's options). */
static const char *print_command(bool *is_lp)
{
    const char *env = getenv("PACTA_LP");
    *is_lp = true;
    if (env && *env)
        return env;
    if (spawn_have("lp"))
        return "lp";
    *is_lp = false;
    return spawn_have("lpr") ? "lpr" : NULL;
}

enum print_status print_doc(const struct render_doc *d, const char *printer, struct print_result *r,
                            struct err *e)
{
    bool is_lp;
    err_clear(e);
    r->as_text = false;
    r->program = print_command(&is_lp);
    if (!r->program) {
        err_set(e, NULL, 0, 0, "%s",
                _("neither lp nor lpr is installed (Debian: apt-get install cups-client); save the summary as PDF "
                  "and print that instead"));
        return PRINT_UNAVAILABLE;
    }
    char *buf = NULL;
    size_t len = 0;
    bool missing = false;
    const char *suffix = ".pdf";
    if (render_pdf(d, &buf, &len, &missing, e) < 0) {
        if (!missing)
            return PRINT_UNAVAILABLE; /* groff failed: e says how */
        err_clear(e);
        render_emit(d, RENDER_TEXT, &buf, &len);
        suffix = ".txt";
        r->as_text = true;
    }
    const char *tmpdir = getenv("TMPDIR");
    char *tmp = xasprintf("%s/pacta-print-XXXXXX%s", tmpdir && *tmpdir ? tmpdir : "/tmp", suffix);
    int fd = mkstemps(tmp, (int)strlen(suffix));
    if (fd < 0) {
        err_set(e, NULL, 0, 0, _("cannot create a temporary file: %s"), strerror(errno));
        free(tmp);
        free(buf);
        return PRINT_CANTCREAT;
    }
    bool written = fileio_write_all(fd, buf, len) == 0;
    int saved = errno;
    free(buf);
    if (close(fd) != 0 || !written) {
        err_set(e, NULL, 0, 0, _("cannot write %s: %s"), tmp, strerror(written ? errno : saved));
        unlink(tmp);
        free(tmp);
        return PRINT_CANTCREAT;
    }
    const char *av[6];
    int n = 0;
    av[n++] = r->program;
    if (printer) {
        av[n++] = is_lp ? "-d" : "-P";
        av[n++] = printer;
    }
    av[n++] = "--";
    av[n++] = tmp;
    av[n] = NULL;
    struct spawn_io io = {.capture_out = true, .capture_err = true};
    int status = 0, en = 0;
    enum print_status rc = PRINT_OK;
    if (spawn_run(av, &io, &status, &en, e) < 0) {
        rc = PRINT_UNAVAILABLE;
    } else if (status != 0) {
        char *why = io.errout ? io.errout : NULL;
        if (why) {
            size_t k = strlen(why);
            while (k && (why[k - 1] == '\n' || why[k - 1] == ' '))
                why[--k] = '\0';
        }
        err_set(e, NULL, 0, 0, _("printing failed: %s said %s (exit status %d)"), r->program,
                why && *why ? why : "-", status);
        rc = PRINT_UNAVAILABLE;
    }
    free(io.out);
    free(io.errout);
    unlink(tmp);
    free(tmp);
    return rc;
}
