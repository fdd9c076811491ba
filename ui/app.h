/* app.h - the wizard and editor: pacta's interactive screens.
 *
 * The model is the agreement tree (src/doc.h): every field on screen is
 * bound to a path, edited as text while it has the focus and written back
 * to the tree by path when the focus leaves it.  The steps and their
 * fields come from forms/ (src/forms.h); nothing about a particular step is
 * in the code.
 *
 * Headless runs: PACTA_UI_SCRIPT=FILE (and PACTA_UI_SIZE=COLSxROWS) run the
 * real screens on a null terminal with keys from FILE (ui/term.h).  For
 * reproducible dumps PACTA_TODAY=YYYY-MM-DD fixes the date saves write.
 *
 * Spelling: the dictionary of metadata.language is loaded after the first
 * screen is drawn; `--dict NAME` (or PACTA_DICT, for tests) overrides it
 * (see spell_dict_for_lang). */
#ifndef PACTA_UI_APP_H
#define PACTA_UI_APP_H

#include "src/doc.h"

/* Minimum screen size; below it a "terminal too small" notice. */
#define APP_MIN_COLS 60
#define APP_MIN_ROWS 16

/* `pacta [--lang es|en] [--dict NAME] [FILE]`: FILE missing on disk starts a new
 * agreement saved there without asking; no FILE starts a new agreement and
 * asks for a name at the first save.  Returns the process exit status
 * (0; 64 without a terminal; 65 for an unreadable FILE; 1 when a headless
 * script's assertions failed). */
int app_main(int argc, char **argv);

/* Open the wizard on a tree already built (`pacta new`), unsaved, to be
 * saved at path_or_NULL (asked at the first save when NULL; an existing
 * file there is not overwritten without asking).  The tree stays the
 * caller's; it holds the edits when this returns.  Returns the exit
 * status. */
int app_edit(struct doc_node *root, const char *path_or_NULL);

#endif
