/* cmd_check.h - `pacta check` and `pacta fmt`. */
#ifndef PACTA_CMD_CHECK_H
#define PACTA_CMD_CHECK_H

/* argv[0] is "check" / "fmt".  Return the exit status. */
int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);

#endif
