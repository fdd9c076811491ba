/* xalloc.h - allocation that cannot fail quietly.
 *
 * An editor that runs out of memory cannot do anything useful; these print
 * one line and abort, so every caller can treat allocation as infallible. */
#ifndef PACTA_XALLOC_H
#define PACTA_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size elem to hold at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
