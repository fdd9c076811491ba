/* cmd_check.h - `pacta check` and `pacta fmt`. */
#ifndef PACTA_CMD_CHECK_H
#define PACTA_CMD_CHECK_H

/* Exit statuses shared by the commands (sysexits.h values where they fit). */
enum {
    EXIT_FINDINGS = 1,     /* check: an error; fmt --check: not canonical */
    EXIT_USAGE = 64,       /* EX_USAGE */
    EXIT_DATAERR = 65,     /* EX_DATAERR: a file cannot be read or parsed */
    EXIT_UNAVAILABLE = 69, /* EX_UNAVAILABLE: a tool or dictionary is missing */
    EXIT_CANTCREAT = 73,   /* EX_CANTCREAT: an output cannot be written */
};

/* argv[0] is "check" / "fmt".  Return the exit status. */
int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);

/* Parse a size like "32M", "512K", "20000000" for --max-size; 0 on error. */
unsigned long long cmd_parse_size(const char *s);

#endif
