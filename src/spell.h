/* spell.h - spelling with hunspell: tokenising, checking, suggestions.
 *
 * A speller is one hunspell dictionary plus the lists that make it accept
 * more: a session ignore list, the document's metadata.spell_ignore, and the
 * personal dictionary ($XDG_DATA_HOME/pacta/dictionary.txt, default
 * ~/.local/share/pacta/dictionary.txt, one word a line).
 *
 * Loading a dictionary takes tens of milliseconds: a screen loads it in the
 * background (spell_load_start) and draws meanwhile.  Checking is cheap
 * afterwards: every word hunspell has judged is remembered in a set of
 * correct and a set of wrong words.
 *
 * hunspell itself is opened with dlopen the first time a dictionary is
 * opened, when configure found its soname (see spell.c).
 *
 * Text is UTF-8.  Offsets are bytes into the text as given (so a screen can
 * underline by position); each word is normalised to NFC before it is
 * checked, and converted with iconv when the dictionary is not UTF-8.
 *
 * Accepted without asking hunspell (and not even reported as tokens):
 * numbers and words containing a digit (SL1, 99,5, 2027-01-01), e-mail
 * addresses and URLs (http://, https://, www.).  All-capital words such as
 * TPV go to hunspell and the lists like any other word.
 *
 * Nothing here prints; errors come back in a struct err. */
#ifndef PACTA_SPELL_H
#define PACTA_SPELL_H

#include <stdbool.h>
#include <stddef.h>

#include "src/doc.h"
#include "src/err.h"

struct spell;

/* Choose the dictionary files for a language ("es", "en", "es_MX", "en-GB";
 * NULL or "" means "en").  override (--dict NAME), when not NULL/"", wins:
 * a NAME containing '/' is a path without the .aff/.dic suffix, otherwise a
 * dictionary name looked up like the others.  Folders searched, in order:
 * each folder of $DICPATH (colon-separated), /usr/share/hunspell,
 * /usr/share/myspell.  For "es": es_ES, else any es_*; for "en": en_US,
 * else en_GB, else any en_*; for another "xx": xx_XX, else any xx_*, else xx.
 * Both files must exist and be readable.  On success sets *aff and *dic
 * (malloc'd) and returns 0; else -1 with a message naming the Debian package
 * that provides the dictionary (hunspell-es, hunspell-en-us ...). */
int spell_dict_for_lang(const char *lang, const char *override, char **aff, char **dic, struct err *e);

/* Load a dictionary (checks both files first; Hunspell_create itself never
 * fails) and the personal dictionary.  Returns NULL with e filled on error. */
struct spell *spell_open(const char *aff, const char *dic, struct err *e);
/* spell_dict_for_lang + spell_open. */
struct spell *spell_open_lang(const char *lang, const char *override, struct err *e);
void spell_close(struct spell *sp);

/* Loading in the background.  Opening a dictionary reads and indexes a few
 * megabytes (es_ES: about 200 million instructions, 65 ms), so a screen
 * starts it at once and draws meanwhile.  spell_load_start chooses the
 * files like spell_open_lang, on the calling thread (it reads the
 * environment), and opens them on a thread of its own (one that blocks
 * every signal); without threads it opens them at once.  spell_load_fd is
 * a file descriptor that becomes readable when the loading has ended (-1
 * when it ended before spell_load_start returned); spell_load_done says
 * the same without waiting.  spell_load_finish waits for the end if need
 * be, frees the loader and returns exactly what spell_open_lang would
 * have: the speller, or NULL with e filled.  spell_load_abandon is for a
 * process that is ending (a fatal signal): it does not wait; a loading
 * still running goes on, detached, and frees everything itself when it
 * ends (or dies with the process), one already ended is freed at once.
 * Every loader must be finished or abandoned exactly once, by the thread
 * that started it.
 *
 * PACTA_TEST_SPELL_DELAY_MS=N, for tests only, makes the worker wait N
 * milliseconds before it opens the files (a slow dictionary on demand). */
struct spell_loader;
struct spell_loader *spell_load_start(const char *lang, const char *override);
int spell_load_fd(const struct spell_loader *ld);
bool spell_load_done(const struct spell_loader *ld);
struct spell *spell_load_finish(struct spell_loader *ld, struct err *e);
void spell_load_abandon(struct spell_loader *ld);

/* The dictionary's name as found ("es_ES"), for status lines. */
const char *spell_dict_name(const struct spell *sp);

/* Is this word (len bytes of UTF-8, need not be NUL-terminated) correct?
 * It is tokenised like any text, so surrounding punctuation does not count
 * and a phrase is correct when all its words are.  Hyphenated words are
 * checked whole first, then part by part.  Numbers, words with digits,
 * e-mail addresses and URLs are correct. */
bool spell_check_word(struct spell *sp, const char *word, size_t len);

/* Hunspell's suggestions for word (UTF-8), at most max (0: no limit).
 * Sets *list to a malloc'd NULL-terminated array of malloc'd UTF-8 strings
 * (free with spell_list_free) and returns how many. */
size_t spell_suggest(struct spell *sp, const char *word, size_t max, char ***list);
void spell_list_free(char **list);

/* The words of text to check, in order: byte offset and length of each.
 * Splits on white space and punctuation (including ¿ ¡ « » and typographic
 * quotes), keeps internal apostrophes (don't, l'amour, l’amour) and hyphens
 * (e-mail), strips leading and trailing punctuation, and leaves out numbers,
 * words with digits, e-mail addresses and URLs.  Return non-zero from cb to
 * stop; spell_tokens returns that value (0 when it ran to the end). */
typedef int (*spell_span_fn)(size_t off, size_t len, void *ud);
int spell_tokens(const char *text, spell_span_fn cb, void *ud);

/* Report every misspelt word of text: offset and length.  A hyphenated word
 * whose whole form fails is reported part by part (only the wrong parts). */
int spell_check_text(struct spell *sp, const char *text, spell_span_fn cb, void *ud);

/* Accept word for the rest of the session (ignore in this session). */
void spell_ignore_add(struct spell *sp, const char *word);
/* Replace the document ignore list with root's metadata.spell_ignore
 * (a sequence of scalars; absent: empty; an entry of several words ignores
 * each of them).  spell_check_doc calls it. */
void spell_doc_ignore_set(struct spell *sp, const struct doc_node *root);
/* Add word to the personal dictionary: appended to the file (created with
 * its folder when missing) and to the live dictionary.  -1 with e filled
 * when the file cannot be written (the word is still accepted this session). */
int spell_personal_add(struct spell *sp, const char *word, struct err *e);
/* The personal dictionary's file name (malloc'd). */
char *spell_personal_path(void);

/* Is the field at path free text that should be spell checked?  The
 * schema's text fields (schema_is_text), less e-mail, phone and tax ids. */
bool spell_is_text_path(const char *path);

/* One misspelt word found in an agreement. */
struct spell_hit {
    const char *word;            /* the word, NUL-terminated, as written */
    const char *path;            /* field path: "services[0].description" */
    const struct doc_node *node; /* the scalar */
    size_t off, len;             /* byte offset and length in node->u.str */
    unsigned line, col;          /* file position, 1-based, col in code points;
                                    0 when the node was not read from a file */
};
typedef int (*spell_hit_fn)(const struct spell_hit *h, void *ud);

/* Check every free-text field of an agreement in document order (using its
 * metadata.spell_ignore), calling cb for each misspelt word; non-zero from
 * cb stops.  src/srclen, the file's text when the caller has it (else NULL),
 * make positions exact for literal blocks (whose indentation is measured)
 * and for quoted scalars with escapes on one line.  Without src, or for
 * scalars folded over several lines, positions are approximate: a literal
 * block is assumed indented two columns past its key (or at its "- "
 * item's content column), and a folded scalar's text is counted as if it
 * stood on its first line.  Returns the number of misspelt words reported
 * (fewer when cb stopped the walk). */
size_t spell_check_doc(struct spell *sp, const struct doc_node *root, const char *src, size_t srclen,
                       spell_hit_fn cb, void *ud);

/* "word (path) -> suggestion, suggestion" with at most max suggestions
 * (0: all), or "word (path) -> (no suggestions)" (translated); malloc'd.
 * The line `pacta spell` prints after "FILE:LINE:COL: ", and the message
 * `pacta check --spell` can give its warnings. */
char *spell_hit_describe(struct spell *sp, const struct spell_hit *h, size_t max);

#endif
