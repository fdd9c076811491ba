/* load.c - "loading alone": read an agreement into a tree and free it, as
 * every pacta command does first.  The baseline for summary and the figure
 * for peak memory and growth.
 *
 *   bench/load FILE */
#include "config.h"

#include <stdio.h>

#include "src/doc.h"
#include "src/err.h"
#include "src/sla_yaml.h"

int main(int argc, char **argv)
{
    struct doc_node *root;
    struct err e;
    if (argc != 2) {
        fprintf(stderr, "usage: load FILE\n");
        return 2;
    }
    if (sla_yaml_load_file(argv[1], NULL, &root, NULL, &e) != 0) {
        char msg[2200];
        err_format(&e, msg, sizeof msg);
        fprintf(stderr, "load: %s\n", msg);
        return 65;
    }
    doc_free(root);
    return 0;
}
