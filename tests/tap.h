/* tap.h - a minimal Test Anything Protocol producer for the unit tests.
 * Header-only: each test program is one translation unit.  Output is read
 * by automake's tap-driver.sh. */
#ifndef PACTA_TAP_H
#define PACTA_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static void __attribute__((format(printf, 2, 0))) tap_vresult(int pass, const char *fmt, va_list ap)
{
    tap_n++;
    if (!pass)
        tap_failed++;
    printf("%sok %d - ", pass ? "" : "not ", tap_n);
    vprintf(fmt, ap);
    putchar('\n');
    fflush(stdout);
}

static int __attribute__((unused, format(printf, 2, 3))) ok(int pass, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vresult(pass, fmt, ap);
    va_end(ap);
    return pass;
}

/* is_str: compare two strings (NULL-safe), print both on failure. */
static int __attribute__((unused, format(printf, 3, 4)))
is_str(const char *got, const char *want, const char *fmt, ...)
{
    int pass = (got == NULL && want == NULL) ||
               (got != NULL && want != NULL && strcmp(got, want) == 0);
    va_list ap;
    va_start(ap, fmt);
    tap_vresult(pass, fmt, ap);
    va_end(ap);
    if (!pass)
        printf("#   got:  %s%s%s\n#   want: %s%s%s\n", got ? "\"" : "", got ? got : "NULL",
               got ? "\"" : "", want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
    return pass;
}

/* is_int: compare two integers, print both on failure. */
static int __attribute__((unused, format(printf, 3, 4)))
is_int(long long got, long long want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vresult(got == want, fmt, ap);
    va_end(ap);
    if (got != want)
        printf("#   got:  %lld\n#   want: %lld\n", got, want);
    return got == want;
}

static void diag(const char *fmt, ...) __attribute__((unused, format(printf, 1, 2)));
static void diag(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("# ");
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

/* Print the plan at the end and return the exit status for main(). */
static int __attribute__((unused)) done_testing(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

/* Skip the whole program: TAP "1..0 # SKIP reason", exit status 77. */
static void __attribute__((unused, noreturn)) skip_all(const char *why)
{
    printf("1..0 # SKIP %s\n", why);
    exit(77);
}

#endif
