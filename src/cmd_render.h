/* cmd_render.h - `pacta summary`, `pacta checklist` and `pacta print`.
 *
 * argv[0] is the subcommand.  Exit statuses: 0 ok, 64 usage, 65 unreadable
 * input, 69 a needed tool is missing (groff for PDF, lp/lpr to print),
 * 73 the output cannot be written. */
#ifndef PACTA_CMD_RENDER_H
#define PACTA_CMD_RENDER_H

int cmd_summary(int argc, char **argv);
int cmd_checklist(int argc, char **argv);
int cmd_print(int argc, char **argv);

#endif
