/* cmd_new.h - `pacta new`: a new agreement from a built-in starting point.
 *
 *   pacta new [--type basic|binding|two_way] [--internal] [--lang es|en]
 *             [--no-edit] [FILE]
 *
 * With --no-edit, or when stdin or stdout is not a terminal, the starting
 * point is written to FILE (never over an existing file: exit 73) or to
 * stdout, and the command is done.  Otherwise the caller (main) opens the
 * wizard on the new tree and saves it to FILE. */
#ifndef PACTA_CMD_NEW_H
#define PACTA_CMD_NEW_H

#include <stdbool.h>

#include "src/doc.h"

/* cmd_new's answer when the wizard should open on the new tree. */
#define CMD_NEW_OPEN_EDITOR (-2)

struct cmd_new_opts {
    const char *type; /* "basic" (default), "binding", "two_way" */
    bool internal;    /* between two departments of one company */
    const char *lang; /* "es" or "en"; default: the screen language */
    bool no_edit;     /* write and exit, never open the wizard */
    bool help;        /* --help was given (and printed) */
    const char *file; /* FILE, or NULL for stdout / ask at the first save */
};

/* Parse argv (argv[0] is "new").  Returns 0, or the exit status of a usage
 * error (64) after printing it to stderr.  --help prints the usage to stdout,
 * sets o->help and returns 0. */
int cmd_new_parse(int argc, char **argv, struct cmd_new_opts *o);

/* Run with parsed options.  Returns an exit status (0; 64 usage; 70 internal
 * error; 73 FILE exists or cannot be created; 74 cannot write stdout), or
 * CMD_NEW_OPEN_EDITOR with *tree set to the new agreement (caller frees)
 * when the wizard should open on it.  tree NULL means never open the wizard
 * (as with --no-edit). */
int cmd_new_run(const struct cmd_new_opts *o, struct doc_node **tree);

/* Both at once: `pacta new ...`.  o (may be NULL) receives the options, so
 * that main knows o->file when the answer is CMD_NEW_OPEN_EDITOR. */
int cmd_new(int argc, char **argv, struct cmd_new_opts *o, struct doc_node **tree);

#endif
