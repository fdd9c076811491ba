/* checklist.h - the checklist for a meeting with the client.
 *
 * The questions come from the wizard's steps (src/forms.h): for each step
 * that applies to the agreement type, its title, and each field's label as
 * a question with its help as a hint, a checkbox, and the current answer or
 * blank lines to write on.  Open findings become questions to ask.  Without
 * an agreement it is a blank checklist for a first meeting. */
#ifndef PACTA_CHECKLIST_H
#define PACTA_CHECKLIST_H

#include <stdbool.h>

#include "src/doc.h"
#include "src/forms.h"
#include "src/render.h"
#include "src/validate.h"

/* Build the checklist.  root may be NULL (a blank checklist).  type is
 * "basic", "binding" or "two_way", or NULL for root's agreement.type (basic
 * when neither).  lang is the output language, or NULL for root's
 * metadata.language ("en" when neither).  open may be NULL.  Caller frees
 * with render_free. */
struct render_doc *checklist_build(const struct forms *f, const struct doc_node *root, const char *type,
                                   const char *lang, const struct findings *open);

#endif
