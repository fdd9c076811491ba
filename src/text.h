/* text.h - UTF-8 text utilities: validation, display width, normalisation,
 * wrapping, truncation, character movement, slugs, and the per-character
 * index the editors are built on.
 *
 * Text is UTF-8 inside.  Everything here measures in display columns, never
 * bytes, using libunistring (locale-independent: the same answer under
 * LANG=C as under es_ES.UTF-8).
 *
 * A "character" here is a grapheme-ish cluster: one code point together
 * with the code points that attach to it (combining marks, ZWJ sequences,
 * Hangul jamo), as judged pairwise by uc_is_grapheme_break.  Invalid bytes
 * count as one character each, one column wide (drawn as a replacement).
 * Control characters are one column wide (drawn as a replacement).
 *
 * Functions taking (s, len) do not need s to be NUL-terminated; functions
 * taking only s need a NUL-terminated string. */
#ifndef PACTA_TEXT_H
#define PACTA_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- validation ------------------------------------------------------ */

enum {
    TEXT_ALLOW_NUL = 1 << 0, /* accept U+0000 bytes */
};

/* True when buf[0..len) is well-formed UTF-8: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence, and no NUL
 * byte.  On false, *bad_offset (when not NULL) is the offset of the first
 * offending byte. */
bool text_utf8_valid(const char *buf, size_t len, size_t *bad_offset);
/* The same with flags (TEXT_ALLOW_NUL). */
bool text_utf8_valid_flags(const char *buf, size_t len, unsigned flags, size_t *bad_offset);

/* ---- code points and characters -------------------------------------- */

/* Decode the code point at s (at most n bytes, n > 0) into *cp and return
 * its length in bytes (>= 1).  Invalid input yields U+FFFD. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns the length, 0 when cp is
 * not a Unicode scalar value. */
size_t text_encode(uint32_t cp, char out[4]);
/* Display columns of one code point: 2 wide, 0 combining, 1 for control
 * characters (drawn as a replacement) and everything else. */
int text_cp_width(uint32_t cp);

/* Byte offset of the next character after the one starting at off
 * (len when at the end).  A base with its combining marks is one unit. */
size_t text_next_char(const char *s, size_t len, size_t off);
/* Byte offset of the start of the character ending at off (0 at the
 * start). */
size_t text_prev_char(const char *s, size_t len, size_t off);
/* Number of characters in s[0..len). */
size_t text_count_chars(const char *s, size_t len);

/* ---- width ------------------------------------------------------------ */

/* Display columns of a NUL-terminated string / of s[0..n).  A newline is
 * counted like any control character (1): measure single lines. */
size_t text_width(const char *s);
size_t text_width_n(const char *s, size_t n);
/* The display columns of the widest word of s[0..n), words being separated
 * by spaces, newlines and tabs: the largest text_width_n of a word. */
size_t text_max_word_width(const char *s, size_t n);

/* ---- normalisation ---------------------------------------------------- */

/* A new NFC copy of s (xmalloc'd).  Invalid UTF-8 is copied unchanged. */
char *text_nfc(const char *s);
/* The same for s[0..n); *out_len (when not NULL) receives the length of
 * the result, which is also NUL-terminated. */
char *text_nfc_n(const char *s, size_t n, size_t *out_len);

/* ---- wrapping --------------------------------------------------------- */

/* One output line of text_wrap: the bytes s[off .. off+len) (without
 * trailing spaces and without the newline), cols display columns wide.
 * next is where the following line starts: after the newline for a hard
 * break, after the trailing spaces for a soft one, the length of the text
 * for the last line. */
struct text_line {
    size_t off, len;
    size_t cols;
    size_t next;
    bool hard; /* ended by a newline in the text */
};

/* Wrap s[0..n) to width display columns at the line-break opportunities of
 * UAX #14 (u8_possible_linebreaks), honouring the newlines in the text.  A
 * word longer than the width is broken by columns, never inside a
 * character nor before a combining mark.  The first line may have a
 * different width (first_width) from the following ones (width): for a
 * hanging indent give the full width first and width - indent after.
 * Leading spaces of a paragraph are kept.  Stores an xmalloc'd array in
 * *lines and returns its count (>= 1: an empty text is one empty line,
 * "a\n" is "a" and ""). */
size_t text_wrap_ex(const char *s, size_t n, size_t first_width, size_t width,
                    struct text_line **lines);
/* text_wrap_ex into a growing array the caller keeps between calls:
 * *lines (NULL at first) of *cap entries, enlarged as needed; the caller
 * frees *lines once at the end.  For callers that wrap many texts. */
size_t text_wrap_into(const char *s, size_t n, size_t first_width, size_t width, struct text_line **lines,
                      size_t *cap);
/* text_wrap_ex(s, strlen(s), width, width, lines). */
size_t text_wrap(const char *s, size_t width, struct text_line **lines);
/* Hanging indent: the first line is width columns, the next ones
 * width - hang (the caller prints hang spaces before them). */
size_t text_wrap_indent(const char *s, size_t width, size_t hang, struct text_line **lines);
/* A new string: s wrapped to width, lines joined by "\n" followed by hang
 * spaces (so the result can be printed after a hang-column prefix such as
 * "  - "), no final newline.  width counts the prefix: every line of the
 * result fits width - hang columns. */
char *text_fill(const char *s, size_t width, size_t hang);

/* ---- the general paths, for the tests --------------------------------- */

/* text_width_n and text_wrap_ex without their fast paths: every code point
 * through libunistring (uc_width, uc_is_grapheme_break,
 * u8_possible_linebreaks).  tests/unit/test_text compares the fast paths
 * with these. */
size_t text_width_n_general(const char *s, size_t n);
size_t text_wrap_general(const char *s, size_t n, size_t first_width, size_t width, struct text_line **lines);

/* ---- truncation and padding ------------------------------------------- */

/* Byte length of the longest prefix of whole characters of s that fits in
 * cols columns; *used (when not NULL) gets its width. */
size_t text_truncate(const char *s, size_t cols, size_t *used);
/* The same for s[0..n). */
size_t text_truncate_n(const char *s, size_t n, size_t cols, size_t *used);

enum text_align { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER };
/* A new string: s padded with spaces to cols columns (unchanged when it is
 * already that wide or wider). */
char *text_pad(const char *s, size_t cols, enum text_align align);
/* A new string exactly cols columns wide: s truncated with "…" (U+2026) when
 * it does not fit, then padded.  For fixed-width table cells. */
char *text_fit(const char *s, size_t cols, enum text_align align);

/* ---- slugs ------------------------------------------------------------ */

/* A new ASCII slug for suggested file names: accents stripped (NFD, marks
 * dropped), lower case, every run of other characters collapsed to one
 * '-', no '-' at either end, at most 64 bytes.  May be "" when s has no
 * letter or digit. */
char *text_slug(const char *s);

/* ---- per-character index ---------------------------------------------- */

/* The start of each character of a text: byte offset and display column.
 * Columns restart at 0 after a newline, so pos[i].col is the column within
 * its logical line.  pos[n] is the end: {length, column at the end}. */
struct text_pos {
    size_t off;
    size_t col;
};
struct text_index {
    struct text_pos *pos; /* n + 1 entries */
    size_t n;             /* characters */
    size_t cap;
};

/* (Re)build the index of s[0..len) from character `from` on: entries
 * before `from` are kept (they must still be valid).  O(len - pos[from].off). */
void text_index_build(struct text_index *ix, const char *s, size_t len, size_t from);
/* The character index whose start is the greatest <= off. */
size_t text_index_find(const struct text_index *ix, size_t off);
void text_index_free(struct text_index *ix);

/* ---- editable buffer -------------------------------------------------- */

/* A NUL-terminated UTF-8 buffer with its index, kept NFC-normalised; the
 * common ground of ui/lineedit and ui/textarea. */
struct text_buf {
    char *s;
    size_t len, cap;
    struct text_index ix;
    size_t max_chars; /* 0: no limit */
    bool multiline;   /* keep newlines; else they become spaces */
};

void text_buf_init(struct text_buf *b, size_t max_chars, bool multiline);
void text_buf_free(struct text_buf *b);
/* Replace the whole text (sanitised and normalised as for an insertion,
 * cut to max_chars).  Returns false when something had to be cut. */
bool text_buf_set(struct text_buf *b, const char *s);
/* Insert s[0..n) before character `at`, sanitised (invalid bytes become
 * U+FFFD; CR LF, CR and, unless multiline, LF and TAB become a single
 * space or newline; other control characters are dropped) and
 * NFC-normalised together with the character before it, so that a
 * combining mark typed after its base merges into one character.
 * Returns the character index just after the inserted text in *cursor.
 * Returns false when max_chars cut the insertion (what fits is kept). */
bool text_buf_insert(struct text_buf *b, size_t at, const char *s, size_t n, size_t *cursor);
/* Delete characters [from, to). */
void text_buf_delete(struct text_buf *b, size_t from, size_t to);
/* A new copy of characters [from, to). */
char *text_buf_dup(const struct text_buf *b, size_t from, size_t to);

#endif
