/* floor.c - the floor for `pacta fmt`: parse a YAML file with libyaml and
 * emit the same events into memory, then replace the file with the result
 * the way pacta saves (temporary file, fsync, rename, fsync the folder).
 *
 *   bench/floor IN [OUT]     (OUT defaults to IN)
 *
 * No tree, no validation, no schema: nothing can be faster with libyaml. */
#include "config.h"

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

struct buf {
    unsigned char *p;
    size_t len, cap;
};

static int put(void *data, unsigned char *s, size_t n)
{
    struct buf *b = data;
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            return 0;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: floor IN [OUT]\n");
        return 2;
    }
    const char *in = argv[1], *outpath = argc > 2 ? argv[2] : argv[1];
    FILE *f = fopen(in, "rb");
    if (!f) {
        perror(in);
        return 1;
    }
    yaml_parser_t parser;
    yaml_emitter_t emitter;
    struct buf out = {0};
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    yaml_emitter_initialize(&emitter);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_output(&emitter, put, &out);
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            fprintf(stderr, "%s: %s\n", in, parser.problem);
            return 1;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        if (!yaml_emitter_emit(&emitter, &ev)) { /* takes the event */
            fprintf(stderr, "emit: %s\n", emitter.problem);
            return 1;
        }
        if (end)
            break;
    }
    yaml_emitter_delete(&emitter);
    yaml_parser_delete(&parser);
    fclose(f);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.floor-tmp", outpath);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, out.p, out.len) != (ssize_t)out.len || fsync(fd) || close(fd) ||
        rename(tmp, outpath)) {
        perror(tmp);
        return 1;
    }
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%s", outpath);
    int dfd = open(dirname(dirbuf), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(out.p);
    return 0;
}
