/* summary.h - the printable summary of an agreement.
 *
 * All sections, in the order a client reads them: parties and term, the
 * client's needs and the objectives, the services and their route, the
 * service levels with the downtime each allows in words, support hours and
 * priorities, deadlines, cost with totals per period, each party's
 * obligations, credits and penalties, evaluation and review, and signature
 * blocks for binding and two-way agreements.  A draft lists its open
 * findings at the end as "points to settle".
 *
 * Everything is in the agreement's language (metadata.language): labels go
 * through i18n_lang(), figures through src/l10n.h. */
#ifndef PACTA_SUMMARY_H
#define PACTA_SUMMARY_H

#include <stdbool.h>

#include "src/doc.h"
#include "src/render.h"
#include "src/validate.h"

/* The agreement's language: metadata.language, "en" when absent. */
const char *summary_lang(const struct doc_node *root);

/* Does the summary of root list its findings as points to settle?  Only a
 * draft's (metadata.status draft, or absent). */
bool summary_lists_points(const struct doc_node *root);

/* Build the summary of root.  open: the findings of root (may be NULL),
 * listed as points to settle when metadata.status is draft (or absent).
 * Caller frees with render_free. */
struct render_doc *summary_build(const struct doc_node *root, const struct findings *open);
/* The same, with the findings still being made (on another thread):
 * await(ud, so_far) is called once, after every section but the points to
 * settle, with the document built so far (it may start writing it out with
 * render_stream_more while it waits), and returns them (or NULL). */
struct render_doc *summary_build_await(const struct doc_node *root,
                                       const struct findings *(*await)(void *ud, const struct render_doc *so_far),
                                       void *ud);

#endif
