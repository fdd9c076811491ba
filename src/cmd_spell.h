/* cmd_spell.h - `pacta spell FILE [--dict NAME]`: list misspelt words.
 *
 * One line per misspelt word on standard output:
 *   FILE:LINE:COL: word (field path) -> suggestion, suggestion...
 * (at most 5 suggestions, or "(no suggestions)").  Exit status: 0 when
 * there are none, 1 when there are some, 64 on a usage error, 65 when the
 * file cannot be read or parsed, 69 when no dictionary is installed for the
 * agreement's language (the message names the Debian package). */
#ifndef PACTA_CMD_SPELL_H
#define PACTA_CMD_SPELL_H

/* argv[0] is "spell". */
int cmd_spell(int argc, char **argv);

#endif
