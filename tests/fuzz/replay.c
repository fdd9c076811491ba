/* replay.c - run a fuzz target over files, without libFuzzer.
 *
 * Linked with one fuzz_*.c and the core by any compiler, it replays seed
 * corpora and crash fixtures in `make check` (and so under the sanitizer
 * build and valgrind): `replay_agreement FILE|DIR...`.  Prints TAP, one
 * line per file; a failed property aborts, as under libFuzzer. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

static int n;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("not ok %d - %s: %s\n", ++n, path, strerror(errno));
        return 1;
    }
    size_t cap = 4096, len = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        abort();
    /* an exact-size copy, so that reading past the input is caught */
    unsigned char *exact = malloc(len ? len : 1);
    memcpy(exact, buf, len);
    free(buf);
    fprintf(stderr, "# %s\n", path);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    printf("ok %d - %s (%zu bytes)\n", ++n, path, len);
    fflush(stdout);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
        return run_file(path);
    DIR *d = opendir(path);
    if (!d)
        return run_file(path);
    char **names = NULL;
    size_t k = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        names = realloc(names, (k + 1) * sizeof *names);
        names[k] = malloc(strlen(path) + strlen(de->d_name) + 2);
        sprintf(names[k++], "%s/%s", path, de->d_name);
    }
    closedir(d);
    qsort(names, k, sizeof *names, cmp);
    int bad = 0;
    for (size_t i = 0; i < k; i++) {
        struct stat s2;
        if (stat(names[i], &s2) == 0 && S_ISREG(s2.st_mode))
            bad |= run_file(names[i]);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    int bad = 0;
    for (int i = 1; i < argc; i++)
        bad |= run(argv[i]);
    printf("1..%d\n", n);
    return bad;
}
