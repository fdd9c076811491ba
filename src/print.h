/* print.h - handing a printable document to the system's printer.
 *
 * One path for `pacta print` and the editor's print key: render PDF with
 * groff (plain text when groff is missing), write it to a private temporary
 * file, and run lp (or lpr) on it with fork/exec, never a shell.
 * $PACTA_LP names another program (tests use a stand-in). */
#ifndef PACTA_PRINT_H
#define PACTA_PRINT_H

#include <stdbool.h>

#include "src/err.h"
#include "src/render.h"

enum print_status {
    PRINT_OK,
    PRINT_UNAVAILABLE, /* no lp/lpr, groff failed, or the printing command failed */
    PRINT_CANTCREAT,   /* the temporary file could not be written */
};

struct print_result {
    const char *program; /* the command that was run ("lp", "lpr", $PACTA_LP) */
    bool as_text;        /* groff is missing: sent as plain text */
};

/* Print d on printer (NULL: the default one).  On failure e holds a
 * translated message naming what is missing or what failed. */
enum print_status print_doc(const struct render_doc *d, const char *printer, struct print_result *r,
                            struct err *e);

#endif
