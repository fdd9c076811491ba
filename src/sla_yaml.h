/* sla_yaml.h - reading and writing YAML files into doc trees (libyaml).
 *
 * Loading uses libyaml's event API with hard limits: no aliases or anchors,
 * nesting at most 64 deep, files at most 16 MiB unless raised, valid UTF-8
 * only, no duplicate keys.  Errors come back in a struct err with the file,
 * 1-based line and column (and the byte offset for encoding errors); nothing
 * is printed.
 *
 * Saving goes through an in-memory emitter with UTF-8 output: when a schema
 * table is given (agreements), known keys are written in canonical order and
 * in the style their type requires (free text always quoted or a literal
 * block, money as strings); keys the schema does not know keep their place
 * after the known key they followed, and their source style. */
#ifndef PACTA_SLA_YAML_H
#define PACTA_SLA_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "src/doc.h"
#include "src/err.h"

#define SLA_YAML_MAX_SIZE ((size_t)16 << 20)
#define SLA_YAML_MAX_DEPTH 64

struct sla_yaml_opts {
    size_t max_size;    /* 0: SLA_YAML_MAX_SIZE */
    unsigned max_depth; /* 0: SLA_YAML_MAX_DEPTH */
};

struct sla_yaml_info {
    bool has_comments; /* the source had comments, which saving will drop */
};

/* Load a whole file.  Refuses directories, FIFOs and devices without
 * blocking.  Returns 0 and sets *out (an empty file gives an empty map), or
 * -1 with e filled.  info may be NULL. */
int sla_yaml_load_file(const char *path, const struct sla_yaml_opts *o, struct doc_node **out,
                       struct sla_yaml_info *info, struct err *e);
/* The same from memory; name is used in messages. */
int sla_yaml_load_buffer(const char *name, const char *buf, size_t len, const struct sla_yaml_opts *o,
                         struct doc_node **out, struct sla_yaml_info *info, struct err *e);

/* Which layout to write. */
enum sla_yaml_layout {
    SLA_YAML_AGREEMENT, /* the agreement schema decides order and styles */
    SLA_YAML_SOURCE,    /* source order and styles (forms, measurements) */
};

/* Emit root as one YAML document into a malloc'd buffer (*out, *len). */
int sla_yaml_emit(const struct doc_node *root, enum sla_yaml_layout layout, char **out, size_t *len,
                  struct err *e);

#endif
