/* forms_builtin.c - the built-in steps and the starting points of `pacta new`
 * (see src/forms.h).
 *
 * Both come from src/forms_data.c, which forms/formsgen writes at build
 * time: the step files of forms/ loaded by forms_load_dir (src/forms.c,
 * libyaml) and written out as static const structs, and the starting points
 * forms/start-*.yaml as text.  This file is apart from src/forms.c because
 * formsgen links the loader and must not need the data it generates.
 *
 * Why the steps are compiled rather than read at start-up: reading and
 * checking the ten step files (31 KB of YAML) was 2.2 of the 7.1 million
 * instructions before the editor's first screen (bench/, row 5), and the
 * result never changes between two builds.  The generated data is what
 * forms_load_dir gives for forms/, field for field
 * (tests/unit/test_forms_data compares them). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/forms.h"
#include "src/i18n.h"
#include "src/sla_yaml.h"
#include "src/xalloc.h"

/* ---- the steps --------------------------------------------------------- */

int forms_load(struct forms *f, struct err *e)
{
    err_clear(e);
    f->steps = forms_builtin_steps;
    f->nsteps = forms_builtin_nsteps;
    f->builtin = true;
    return 0;
}

/* ---- starting points --------------------------------------------------- */

static const struct forms_blob *blob_find(const char *name)
{
    for (size_t i = 0; i < forms_nblobs; i++)
        if (strcmp(forms_blobs[i].name, name) == 0)
            return &forms_blobs[i];
    return NULL;
}

/* Every quoted or literal text is an English msgid (see forms/start-*.yaml);
 * the empty string is not: gettext would answer with the catalogue header. */
static void translate_tree(struct doc_node *n, const char *lang)
{
    switch (n->kind) {
    case DOC_SCALAR:
        if ((n->style == DOC_QUOTED || n->style == DOC_SQUOTED || n->style == DOC_LITERAL) && n->u.str[0]) {
            const char *t = i18n_lang(lang, n->u.str);
            if (t != n->u.str && strcmp(t, n->u.str) != 0) {
                doc_scalar_set(n, t, strlen(t));
            }
        }
        break;
    case DOC_MAP:
        for (size_t i = 0; i < n->len; i++)
            translate_tree(n->u.pairs[i].val, lang);
        break;
    case DOC_SEQ:
        for (size_t i = 0; i < n->len; i++)
            translate_tree(n->u.items[i], lang);
        break;
    }
}

static void set_plain(struct doc_node *root, const char *path, const char *value)
{
    doc_set(root, path, doc_new_scalar(value, DOC_PLAIN));
}

static void set_date(struct doc_node *root, const char *path, const struct tm *tm)
{
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%d", tm);
    set_plain(root, path, buf);
}

/* The machine's time zone name ("Europe/Madrid"), or NULL. */
static char *local_timezone(void)
{
    const char *tz = getenv("TZ");
    if (tz && *tz) {
        if (*tz == ':')
            tz++;
        if (strchr(tz, '/') && *tz != '/')
            return xstrdup(tz);
    }
    char buf[4096];
    ssize_t n = readlink("/etc/localtime", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
        const char *z = strstr(buf, "zoneinfo/");
        if (z && strchr(z + 9, '/'))
            return xstrdup(z + 9);
    }
    FILE *fp = fopen("/etc/timezone", "r");
    if (fp) {
        char *r = NULL;
        if (fgets(buf, sizeof buf, fp)) {
            buf[strcspn(buf, "\r\n")] = '\0';
            if (strchr(buf, '/'))
                r = xstrdup(buf);
        }
        fclose(fp);
        return r;
    }
    return NULL;
}

/* Dates of a new agreement: created today, the term starting on the first
 * day of next month for one year, the first review three months in. */
static void fill_dates(struct doc_node *root, time_t now)
{
    struct tm today, t;
    localtime_r(&now, &today);
    set_date(root, "metadata.created", &today);
    set_date(root, "metadata.updated", &today);

    t = today;
    t.tm_mday = 1;
    t.tm_mon += 1;
    t.tm_hour = 12;
    t.tm_isdst = -1;
    mktime(&t);
    set_date(root, "agreement.effective_from", &t);
    struct tm r = t;
    r.tm_mon += 3;
    r.tm_isdst = -1;
    mktime(&r);
    if (doc_get(root, "evaluation"))
        set_date(root, "evaluation.next_review", &r);
    t.tm_year += 1;
    t.tm_mday -= 1; /* the day before: mktime normalises */
    t.tm_isdst = -1;
    mktime(&t);
    set_date(root, "agreement.effective_to", &t);
}

/* Between two departments of one company: no tax ids and no prices to
 * invoice (charge-back is optional, added by the user when wanted), so no
 * credit computed on a price either. */
static void make_internal(struct doc_node *root)
{
    set_plain(root, "agreement.scope", "internal");
    doc_del(root, "parties.provider.tax_id");
    doc_del(root, "parties.client.tax_id");
    doc_del(root, "pricing");
    struct doc_node *sc = doc_get(root, "remedies.service_credits");
    for (size_t i = 0; sc && sc->kind == DOC_SEQ && i < sc->len; i++)
        doc_map_del(sc->u.items[i], "basis");
}

struct doc_node *forms_starting_point(const char *type, bool internal, const char *lang, struct err *e)
{
    err_clear(e);
    if (!type)
        type = "basic";
    if (strcmp(type, "basic") != 0 && strcmp(type, "binding") != 0 && strcmp(type, "two_way") != 0) {
        err_set(e, NULL, 0, 0, _("unknown agreement type \"%s\" (basic, binding or two_way)"), type);
        return NULL;
    }
    if (!lang || !*lang)
        lang = "en";
    for (const char *p = lang; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' || *p == '-') ||
            p - lang > 15) {
            err_set(e, NULL, 0, 0, _("unknown language \"%s\""), lang);
            return NULL;
        }
    char name[64];
    snprintf(name, sizeof name, "forms/start-%s.yaml", type);
    const struct forms_blob *b = blob_find(name);
    if (!b) {
        err_set(e, name, 0, 0, _("the starting point is missing from this build"));
        return NULL;
    }
    struct doc_node *root = NULL;
    if (sla_yaml_load_buffer(b->name, b->data, b->len, NULL, &root, NULL, e) < 0)
        return NULL;
    translate_tree(root, lang);
    set_plain(root, "metadata.language", lang);
    fill_dates(root, time(NULL));
    char *tz = local_timezone();
    if (tz) {
        doc_set(root, "agreement.timezone", doc_new_scalar(tz, DOC_QUOTED));
        free(tz);
    } else {
        doc_set(root, "agreement.timezone", doc_new_scalar("", DOC_QUOTED));
    }
    if (internal)
        make_internal(root);
    return root;
}
