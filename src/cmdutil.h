/* cmdutil.h - what the non-interactive commands share: exit statuses,
 * printing a loader's error, writing an output to a file or stdout. */
#ifndef PACTA_CMDUTIL_H
#define PACTA_CMDUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "src/err.h"
#include "src/render.h"

struct doc_node;

/* Exit statuses (sysexits.h values where they fit), documented in pacta.1. */
enum {
    EXIT_FINDINGS = 1,     /* check: an error; fmt --check: not canonical; spell: a word; evaluate: a miss */
    EXIT_USAGE = 64,       /* EX_USAGE */
    EXIT_DATAERR = 65,     /* EX_DATAERR: a file cannot be read or parsed */
    EXIT_UNAVAILABLE = 69, /* EX_UNAVAILABLE: a tool or dictionary is missing */
    EXIT_SOFTWARE = 70,    /* EX_SOFTWARE: an internal error */
    EXIT_CANTCREAT = 73,   /* EX_CANTCREAT: an output cannot be written */
    EXIT_IOERR = 74,       /* EX_IOERR: standard output cannot be written */
};

/* "pacta: FILE:LINE:COL: message" on stderr. */
void cmdutil_print_err(const struct err *e);
/* The agreement at path into *root (the caller frees it): 0, or
 * EXIT_DATAERR (*root NULL) after saying on stderr why it cannot be read or
 * is not an agreement. */
int cmdutil_load_agreement(const char *path, struct doc_node **root);
/* The argument of -f (text, md, html, pdf) into *f: 0, or EXIT_USAGE after
 * saying on stderr that the format is unknown. */
int cmdutil_parse_format(const char *name, enum render_format *f);
/* Write data to path atomically (fileio_write_atomic with flags), saying on
 * stderr what failed, or that the file had to be written in place and where
 * the backup is.  0 or EXIT_CANTCREAT. */
int cmdutil_write_file(const char *path, const char *data, size_t len, unsigned flags);
/* Write data to path atomically, or to stdout when path is NULL or "-".
 * binary output (PDF) is refused on a terminal.  0 or an exit status. */
int cmdutil_write_out(const char *path, const char *data, size_t len, bool binary);
/* Render d in format f (PDF through groff) and write it as above. */
int cmdutil_emit(const struct render_doc *d, enum render_format f, const char *outpath);

/* The same in steps, for a document still being built (render_stream_*):
 * start when its title and subtitle are set, more whenever blocks were
 * added (standard output gets what is done, a file's bytes are gathered to
 * be written whole and atomically, PDF waits for the end: groff needs all
 * of it), end when it is complete.  end returns as cmdutil_emit. */
struct cmdutil_out {
    const struct render_doc *d;
    enum render_format f;
    const char *path;         /* NULL or "-": standard output */
    struct render_stream *st; /* NULL for PDF */
    int err;                  /* errno of a failed flush of stdout before */
};
void cmdutil_out_start(struct cmdutil_out *co, const struct render_doc *d, enum render_format f,
                       const char *outpath);
void cmdutil_out_more(struct cmdutil_out *co);
int cmdutil_out_end(struct cmdutil_out *co);
/* A size like "32M", "512K", "20000000" for --max-size; 0 when malformed. */
unsigned long long cmdutil_parse_size(const char *s);

#endif
