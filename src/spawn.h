/* spawn.h - running other programs without a shell.
 *
 * Programs are started with fork/exec and an argument vector, never through
 * a shell, so a file name or a field holding quotes or `;` is only ever an
 * argument.  The program is looked up in $PATH (execvp).  A program that
 * cannot be started (not installed, not executable) is reported as an error
 * with its errno, distinct from one that ran and failed.
 *
 * Used for groff and lp (outputs), and for $VISUAL/$EDITOR (screens). */
#ifndef PACTA_SPAWN_H
#define PACTA_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

#include "src/err.h"

struct spawn_io {
    const char *in;  /* fed to the child's stdin; NULL: stdin is /dev/null */
    size_t inlen;
    bool capture_out; /* collect stdout into out/outlen (else inherited) */
    bool capture_err; /* collect stderr into errout/errlen (else inherited) */
    char *out;        /* malloc'd, NUL-terminated; caller frees */
    size_t outlen;
    char *errout;
    size_t errlen;
};

/* Run argv (argv[0] looked up in PATH) and wait for it.  io may be NULL:
 * the child then inherits stdin, stdout and stderr (an editor on the
 * terminal).  Returns 0 when the program ran, with *status its exit code
 * (128 + signal number when killed by a signal); -1 when it could not be
 * started, with e set and *err_no the errno (ENOENT: not installed). */
int spawn_run(const char *const *argv, struct spawn_io *io, int *status, int *err_no, struct err *e);

/* Is prog an executable in $PATH (or a path to one)? */
bool spawn_have(const char *prog);

/* Split a command line such as $EDITOR ("vim -u NONE") into words on
 * blanks, with '...' and "..." quoting and backslash escapes as a shell
 * would, and no expansion.  Returns a NULL-terminated vector with room for
 * `extra` more entries (e.g. a file name) before the NULL; *argc is the
 * number of words.  NULL for an empty or unbalanced line.  Free with
 * spawn_argv_free. */
char **spawn_split(const char *line, size_t extra, size_t *argc);
void spawn_argv_free(char **argv);

#endif
