/* cmd_evaluate.h - `pacta evaluate`: the scorecard of the service delivered.
 *
 *   pacta evaluate FILE [MEASUREMENTS] [--period P] [-f text|md|html|pdf] [-o OUT]
 *
 * MEASUREMENTS defaults to FILE with ".sla.yaml" (or ".yaml") replaced by
 * ".measurements.yaml".  --period shows one period ("2027-03"); the earlier
 * ones still count for yearly caps and repeated failures.  Warnings about
 * the measurements (unknown keys) go to stderr as FILE:LINE:COL: warning.
 *
 * Exit status: 0 every promise was kept, 1 at least one was missed, 64
 * usage, 65 an unreadable or inconsistent agreement or measurements file,
 * 69 groff missing for PDF, 73 the output cannot be written. */
#ifndef PACTA_CMD_EVALUATE_H
#define PACTA_CMD_EVALUATE_H

/* argv[0] is "evaluate".  Returns the exit status. */
int cmd_evaluate(int argc, char **argv);

#endif
