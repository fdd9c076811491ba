/* validate.h - the rules an agreement is checked against (format.md).
 *
 * Every finding has a severity, the path of the field it concerns, the
 * position in the file when the tree came from one (line 0 otherwise), and a
 * message already translated into the screen language.  Findings never
 * block saving: a draft may have many. */
#ifndef PACTA_VALIDATE_H
#define PACTA_VALIDATE_H

#include <stddef.h>

#include "src/doc.h"

enum finding_severity { FINDING_ERROR, FINDING_WARNING };

struct finding {
    enum finding_severity severity;
    char *path; /* "service_levels[0].target"; "" for the whole file */
    unsigned line, col;
    char *msg;
};

struct findings {
    struct finding *v;
    size_t n, cap;
};

/* Check root against every rule; append findings to out (in file order). */
void validate_doc(const struct doc_node *root, struct findings *out);
/* The same with messages in language lang ("es", "en"), for outputs that
 * follow the agreement's language rather than the screen's. */
void validate_doc_lang(const struct doc_node *root, const char *lang, struct findings *out);
/* Add one finding; the position comes from the node at path (or its nearest
 * ancestor).  fmt is a translated printf format. */
void findings_add(struct findings *f, enum finding_severity sev, const struct doc_node *root, const char *path,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t findings_count(const struct findings *f, enum finding_severity sev);
/* The findings about path or anything below it (for a screen's field). */
size_t findings_for(const struct findings *f, const char *path, const struct finding **first);
/* Sort by position, then path (stable for equal keys). */
void findings_sort(struct findings *f);
void findings_free(struct findings *f);
/* "error" / "warning", translated. */
const char *finding_severity_name(enum finding_severity sev);

#endif
