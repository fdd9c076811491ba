/* cmd_calc.h - `pacta calc`: the expectation calculator on the command line.
 *
 *   pacta calc downtime TARGET WINDOW [--month calendar|30d|mean]
 *              [--days-in-month N] [--hours DAYS,HH:MM-HH:MM]
 *              [--start DATE] [--holiday DATE]... [--seconds] [--lang es|en]
 *   pacta calc due START DURATION --hours DAYS,HH:MM-HH:MM [--holiday DATE]...
 *   pacta calc credit FILE SERVICE_LEVEL_ID MEASURED [--lang es|en] [--words]
 *
 * downtime prints the budget in words ("43 min 12 s"; a calendar month
 * without --days-in-month or --start gives "between ... and ..."), or with
 * --seconds only the seconds with one decimal ("2592.0"; a range as two
 * numbers).  Holidays count only in a concrete period, so --holiday needs
 * --start.  due prints "YYYY-MM-DDTHH:MM"; the duration is counted in open
 * time only (4h = four open hours; 1d = 24 open hours).  credit prints
 * "22.50 EUR" (--words: in the language's money format, "22,50 €").
 *
 * Results go to stdout, errors to stderr as "pacta: message".  Exit status:
 * 0 done, 64 usage error, 65 a file that cannot be read or has no usable
 * service credit for the level. */
#ifndef PACTA_CMD_CALC_H
#define PACTA_CMD_CALC_H

/* argv[0] is "calc".  Returns the exit status. */
int cmd_calc(int argc, char **argv);

#endif
