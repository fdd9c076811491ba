/* fieldedit.h - a minimal UTF-8 text buffer with a cursor.
 *
 * A stand-in until ui/lineedit and ui/textarea land: the text being edited
 * in the focused field, with the cursor as a byte offset that always sits
 * on a character boundary (a base character and its combining marks move
 * together).  Pure state, no drawing. */
#ifndef PACTA_UI_FIELDEDIT_H
#define PACTA_UI_FIELDEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct fieldedit {
    char *buf; /* NUL-terminated UTF-8 */
    size_t len, cap;
    size_t cur; /* byte offset of the cursor */
};

void fieldedit_set(struct fieldedit *e, const char *s); /* cursor at the end */
void fieldedit_free(struct fieldedit *e);
void fieldedit_insert(struct fieldedit *e, unsigned int uc);
void fieldedit_insert_str(struct fieldedit *e, const char *s);
bool fieldedit_backspace(struct fieldedit *e);
bool fieldedit_delete(struct fieldedit *e);
bool fieldedit_left(struct fieldedit *e);
bool fieldedit_right(struct fieldedit *e);
void fieldedit_home(struct fieldedit *e); /* start of the current line */
void fieldedit_end(struct fieldedit *e);  /* end of the current line */
/* The text in NFC (composed) form, as a new string. */
char *fieldedit_nfc(const struct fieldedit *e);

#endif
