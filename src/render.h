/* render.h - a small printable document and its four syntaxes.
 *
 * The summary and the checklist are built once, as a list of blocks
 * (headings, paragraphs, key/value lists, tables, bullet lists, checkboxes,
 * blank answer lines, page breaks), from the agreement; each output format
 * is then only a matter of syntax: plain text (80 display columns, pages
 * separated by form feeds, a header with the title and page number on each
 * page), CommonMark, one self-contained HTML file, or troff (ms macros and
 * tbl) for groff to turn into PDF.
 *
 * Every string handed in is UTF-8 text as the user wrote it; the backends
 * escape it for their syntax (a "<script>" in a field stays text).  Words of
 * the page furniture (the "Page" of the header) are translated into the
 * document's language with i18n_lang(). */
#ifndef PACTA_RENDER_H
#define PACTA_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "src/err.h"

enum render_format { RENDER_TEXT, RENDER_MD, RENDER_HTML, RENDER_TROFF, RENDER_PDF };

/* The width of the text output, in display columns. */
#define RENDER_TEXT_COLUMNS 80
/* Lines per page of the text output, header included. */
#define RENDER_TEXT_PAGE_LINES 64

struct render_doc;

/* A new, empty document; lang is the language of its contents ("es", "en"),
 * title its title (shown at the top and in every page header). */
struct render_doc *render_new(const char *lang, const char *title);
void render_free(struct render_doc *d);
/* An optional line under the title (e.g. status and version). */
void render_subtitle(struct render_doc *d, const char *text);

/* Level 1 (section) or 2 (subsection). */
void render_heading(struct render_doc *d, int level, const char *text);
/* A paragraph; newlines in text separate lines that are kept. */
void render_para(struct render_doc *d, const char *text);
/* One key/value pair; consecutive pairs form one list.  A NULL or empty
 * value is shown as a dash. */
void render_kv(struct render_doc *d, const char *key, const char *value);
/* One bullet; consecutive bullets form one list. */
void render_bullet(struct render_doc *d, const char *text);
/* A table of ncols columns: the header row, then rows of ncols cells
 * (NULL cells print as empty). */
void render_table(struct render_doc *d, size_t ncols, const char *const *headers);
void render_row(struct render_doc *d, const char *const *cells);
/* A checkbox with a question, an optional hint below it. */
void render_check(struct render_doc *d, bool checked, const char *question, const char *hint);
/* An answer already given (under a checkbox), or n blank lines to write on. */
void render_answer(struct render_doc *d, const char *text);
void render_lines(struct render_doc *d, int n);
/* A signature block: party, name, title, date (any may be NULL). */
void render_signature(struct render_doc *d, const char *party, const char *name, const char *title,
                      const char *date);
void render_pagebreak(struct render_doc *d);

/* "text", "md" (or "markdown"), "html", "pdf"; -1 when unknown. */
int render_format_parse(const char *name, enum render_format *f);

/* Write the document in format f (not RENDER_PDF: see render_pdf) into a
 * new NUL-terminated buffer. */
void render_emit(const struct render_doc *d, enum render_format f, char **out, size_t *len);
/* The same written to fd as it is made, never all in memory.  Returns 0,
 * or -1 with errno set by the first write that failed. */
int render_emit_fd(const struct render_doc *d, enum render_format f, int fd);

/* Writing a document out while it is still being built, so that the
 * writing of its first part can overlap work that only its last part waits
 * for (the summary's validation, issue 8).  render_stream_new writes the
 * document's head (title and subtitle must be set by then) into a new
 * buffer (fd -1) or through a window to fd, as render_emit and
 * render_emit_fd do; render_stream_more writes every block that can no
 * longer change: all but the last, which may still grow (the pairs of a
 * key/value list, the rows of a table).  Blocks may be added between the
 * calls, none changed before the last.  render_stream_end writes the rest,
 * frees the stream and returns as render_emit_fd (fd), or 0 with the
 * buffer in *out and *len (fd -1).  The bytes are render_emit's, however
 * often more was called. */
struct render_stream;
struct render_stream *render_stream_new(const struct render_doc *d, enum render_format f, int fd);
void render_stream_more(struct render_stream *st);
int render_stream_end(struct render_stream *st, char **out, size_t *len);

/* Render to PDF through `groff -k -t -ms -Tpdf` (fork/exec, pipes, no
 * shell).  Returns 0, or -1 with e set; *missing is set when groff is not
 * installed (e names the Debian package). */
int render_pdf(const struct render_doc *d, char **out, size_t *len, bool *missing, struct err *e);

#endif
