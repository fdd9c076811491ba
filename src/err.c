/* err.c - the error a loader returns. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "src/err.h"

void err_clear(struct err *e)
{
    memset(e, 0, sizeof *e);
    e->offset = -1;
}

void err_set(struct err *e, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    err_clear(e);
    if (file)
        snprintf(e->file, sizeof e->file, "%s", file);
    e->line = line;
    e->col = col;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

void err_format(const struct err *e, char *buf, size_t size)
{
    if (e->file[0] && e->line)
        snprintf(buf, size, "%s:%u:%u: %s", e->file, e->line, e->col, e->msg);
    else if (e->file[0])
        snprintf(buf, size, "%s: %s", e->file, e->msg);
    else
        snprintf(buf, size, "%s", e->msg);
}
