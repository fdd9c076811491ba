/* err.h - the error a loader returns instead of printing it.
 *
 * Loaders in src/ never print: they fill a struct err and return -1; the
 * caller (a command or a screen) decides how to show it.  The message is
 * already translated. */
#ifndef PACTA_ERR_H
#define PACTA_ERR_H

#include <stddef.h>

struct err {
    char file[1024];     /* file name as given by the user, "" when none */
    unsigned line, col;  /* 1-based; 0 when not known */
    long long offset;    /* byte offset for encoding errors, -1 otherwise */
    char msg[1024];      /* translated message, no trailing newline */
};

void err_clear(struct err *e);
/* Set the whole error; fmt is a translated printf format. */
void err_set(struct err *e, const char *file, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* "FILE:LINE:COL: msg", "FILE: msg" or "msg", whichever fits what is known. */
void err_format(const struct err *e, char *buf, size_t size);

#endif
