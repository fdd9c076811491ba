/* killsave.c - helper for tests/cli/killtest.sh.
 *
 *   killsave save FILE SIZE    save version A, then B, A, B ... forever
 *   killsave init FILE SIZE    save version A once
 *   killsave check FILE SIZE   exit 0 when FILE is exactly version A (prints
 *                              "A") or B ("B"), 1 otherwise (prints why)
 *
 * Both versions are SIZE bytes of agreement-like text that differ all
 * through, so any mix of the two, a truncation or an empty file is caught. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/fileio.h"

static char *version(char which, size_t size)
{
    char *b = malloc(size + 1);
    size_t n = 0;
    unsigned line = 0;
    if (!b)
        exit(2);
    while (n < size) {
        char l[128];
        int k = snprintf(l, sizeof l, "- {id: %c%u, text: \"versión %c, línea %u\"}\n", which,
                         line, which, line);
        line++;
        for (int i = 0; i < k && n < size; i++)
            b[n++] = l[i];
    }
    b[size] = '\0';
    return b;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: killsave save|init|check FILE SIZE\n");
        return 2;
    }
    const char *file = argv[2];
    size_t size = strtoul(argv[3], NULL, 10);
    char *a = version('A', size), *b = version('B', size);
    struct err e;

    if (!strcmp(argv[1], "check")) {
        char *buf;
        size_t len;
        int r = 1;
        if (fileio_read(file, size * 2 + 16, &buf, &len, NULL, &e) < 0) {
            printf("unreadable: %s\n", e.msg);
        } else {
            if (len == size && !memcmp(buf, a, size)) {
                printf("A\n");
                r = 0;
            } else if (len == size && !memcmp(buf, b, size)) {
                printf("B\n");
                r = 0;
            } else {
                printf("neither version: %zu bytes\n", len);
            }
            free(buf);
        }
        free(a);
        free(b);
        return r;
    }
    int forever = !strcmp(argv[1], "save");
    for (unsigned long i = 0;; i++) {
        const char *v = i % 2 ? b : a;
        if (fileio_write_atomic(file, v, size, 0, NULL, &e) < 0) {
            fprintf(stderr, "killsave: %s\n", e.msg);
            return 1;
        }
        if (!forever)
            break;
    }
    free(a);
    free(b);
    return 0;
}
