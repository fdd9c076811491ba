/* test_forms.c - the wizard's step files, their loader, the starting points. */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cmd_new.h"
#include "src/doc.h"
#include "src/forms.h"
#include "src/schema.h"
#include "src/sla_yaml.h"
#include "src/validate.h"
#include "tests/tap.h"

/* Every field of an agreement in format v1 (shared/design/format.md), with
 * "[]" for the items of a list.  Keep in step with format.md. */
static const char *const known_paths[] = {
    "apiVersion", "kind",
    "metadata.id", "metadata.title", "metadata.language", "metadata.status", "metadata.version",
    "metadata.created", "metadata.updated", "metadata.change_log", "metadata.change_log[].version",
    "metadata.change_log[].date", "metadata.change_log[].summary", "metadata.spell_ignore",
    "agreement.type", "agreement.scope", "agreement.effective_from", "agreement.effective_to",
    "agreement.renewal.auto", "agreement.renewal.term", "agreement.renewal.notice", "agreement.timezone",
    "agreement.governing_law",
    "parties.provider.name", "parties.provider.tax_id", "parties.provider.representative.name",
    "parties.provider.representative.title", "parties.provider.contact.name", "parties.provider.contact.email",
    "parties.provider.contact.phone",
    "parties.client.name", "parties.client.tax_id", "parties.client.representative.name",
    "parties.client.representative.title", "parties.client.contact.name", "parties.client.contact.email",
    "parties.client.contact.phone",
    "needs", "needs[].id", "needs[].description", "needs[].priority", "needs[].impact",
    "objectives", "objectives[].id", "objectives[].description", "objectives[].needs",
    "objectives[].success_criteria",
    "services", "services[].id", "services[].name", "services[].description", "services[].deliverables",
    "services[].route", "services[].out_of_scope", "services[].objectives",
    "support_hours.days", "support_hours.from", "support_hours.to", "support_hours.holidays",
    "priorities", "priorities[].id", "priorities[].name", "priorities[].definition", "priorities[].response",
    "priorities[].resolution", "priorities[].clock",
    "service_levels", "service_levels[].id", "service_levels[].name", "service_levels[].service",
    "service_levels[].obligated", "service_levels[].indicator", "service_levels[].definition",
    "service_levels[].measurement", "service_levels[].op", "service_levels[].target", "service_levels[].unit",
    "service_levels[].clock", "service_levels[].window", "service_levels[].month", "service_levels[].priority",
    "service_levels[].exclusions",
    "deadlines", "deadlines[].id", "deadlines[].deliverable", "deadlines[].due", "deadlines[].obligated",
    "deadlines[].acceptance",
    "pricing.currency", "pricing.items", "pricing.items[].id", "pricing.items[].description",
    "pricing.items[].amount", "pricing.items[].per", "pricing.billing", "pricing.payment_terms_days",
    "pricing.taxes_included",
    "obligations.provider", "obligations.provider[].id", "obligations.provider[].text", "obligations.client",
    "obligations.client[].id", "obligations.client[].text",
    "remedies.service_credits", "remedies.service_credits[].service_level", "remedies.service_credits[].basis",
    "remedies.service_credits[].tiers", "remedies.service_credits[].tiers[].below",
    "remedies.service_credits[].tiers[].credit_percent", "remedies.service_credits[].monthly_cap_percent",
    "remedies.service_credits[].claim_within",
    "remedies.penalties", "remedies.penalties[].id", "remedies.penalties[].applies_to",
    "remedies.penalties[].obligated", "remedies.penalties[].description", "remedies.penalties[].percent",
    "remedies.penalties[].of", "remedies.penalties[].per", "remedies.penalties[].cap_percent",
    "remedies.penalties[].termination_after", "remedies.penalties[].percent_per_year",
    "evaluation.reporting", "evaluation.report_to", "evaluation.review_cadence", "evaluation.next_review",
    "evaluation.method",
    "escalation", "escalation[].level", "escalation[].after", "escalation[].contact",
    "termination.notice", "termination.for_cause",
    "signatures", "signatures[].party", "signatures[].name", "signatures[].title", "signatures[].date",
    "notes",
    NULL,
};

/* Kept by pacta itself rather than asked by a step (doc/forms.md). */
static const char *const managed_paths[] = {
    "apiVersion", "kind", "metadata.id", "metadata.version", "metadata.created", "metadata.updated",
    "metadata.change_log", "metadata.change_log[].version", "metadata.change_log[].date",
    "metadata.change_log[].summary", "metadata.spell_ignore", NULL,
};

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

/* The fields of all steps, flattened to full paths ("needs[].description"). */
struct flat {
    char *path[512];
    const struct forms_field *field[512];
    size_t n;
};

static void flatten(struct flat *fl, const struct forms_field *fs, size_t n, const char *prefix)
{
    for (size_t i = 0; i < n; i++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s", prefix, fs[i].path);
        if (fl->n < 512) {
            fl->path[fl->n] = strdup(buf);
            fl->field[fl->n++] = &fs[i];
        }
        if (fs[i].widget == FW_LIST) {
            char sub[520];
            snprintf(sub, sizeof sub, "%s[].", buf);
            flatten(fl, fs[i].fields, fs[i].nfields, sub);
        }
    }
}

static const struct forms_field *flat_find(const struct flat *fl, const char *path)
{
    for (size_t i = 0; i < fl->n; i++)
        if (strcmp(fl->path[i], path) == 0)
            return fl->field[i];
    return NULL;
}

static void test_steps(void)
{
    struct forms f;
    struct err e;
    int rc = forms_load(&f, &e);
    if (!ok(rc == 0, "the embedded step files load")) {
        char buf[2200];
        err_format(&e, buf, sizeof buf);
        diag("%s", buf);
        return;
    }
    is_int((long long)f.nsteps, 10, "ten steps");
    bool numbered = true;
    for (size_t i = 0; i < f.nsteps; i++)
        numbered &= f.steps[i].number == (int)i + 1 && f.steps[i].title && f.steps[i].short_title &&
                    f.steps[i].help;
    ok(numbered, "steps numbered 1..10, each with a title, a short title and help");
    ok(f.nsteps > 0 && f.steps[0].nfields > 0, "step 1 has fields");
    if (f.nsteps > 0 && f.steps[0].nfields > 0)
        is_str(f.steps[0].fields[0].path, "metadata.title", "step 1's first field is metadata.title");
    is_str(f.steps[9].id, "review", "step 10 is the review");
    is_int((long long)f.steps[9].nfields, 0, "the review has no fields");

    struct flat fl = {0};
    for (size_t i = 0; i < f.nsteps; i++)
        flatten(&fl, f.steps[i].fields, f.steps[i].nfields, "");
    diag("%zu fields in all", fl.n);

    bool schema_ok = true, enum_ok = true;
    bool lists_ok = true, refs_ok = true, choices_ok = true, paths_ok = true, labels_ok = true;
    for (size_t i = 0; i < fl.n; i++) {
        const struct forms_field *x = fl.field[i];
        labels_ok &= x->label && *x->label;
        if (x->widget == FW_LIST) {
            bool has_id = false;
            for (size_t k = 0; k < x->nfields; k++)
                has_id |= x->fields[k].widget == FW_ID;
            if (x->nfields == 0 || (has_id && !x->id_prefix)) {
                lists_ok = false;
                diag("list %s: %zu fields, id_prefix %s", fl.path[i], x->nfields, x->id_prefix ? x->id_prefix : "-");
            }
        }
        if (x->widget == FW_REF || x->widget == FW_REFLIST) {
            const struct forms_field *t = x->ref ? flat_find(&fl, x->ref) : NULL;
            if (!t || t->widget != FW_LIST) {
                refs_ok = false;
                diag("%s refers to %s, which is not a list of the forms", fl.path[i], x->ref ? x->ref : "NULL");
            }
        }
        if (x->widget == FW_CHOICE && x->nchoices == 0)
            choices_ok = false;
        const struct schema_field *sf = schema_find(fl.path[i]);
        if (!sf) {
            schema_ok = false;
            diag("%s is not known by the schema", fl.path[i]);
        }
        for (size_t k = 0; sf && sf->type == SCH_ENUM && k < x->nchoices; k++)
            if (!schema_enum_has(sf->arg, x->choices[k].value)) {
                enum_ok = false;
                diag("%s: choice %s is not one of %s", fl.path[i], x->choices[k].value, sf->arg);
            }
        if (!in_list(known_paths, fl.path[i])) {
            paths_ok = false;
            diag("%s is not a field of format v1", fl.path[i]);
        }
    }
    /* The meeting checklist (src/checklist.c) reads every field's question
     * aloud, and names a list's sub-fields: each needs a real question, not
     * the "Label?" it falls back to.  Ids are numbered by pacta, not asked. */
    bool questions_ok = true;
    size_t nquestions = 0;
    for (size_t i = 0; i < fl.n; i++) {
        const struct forms_field *x = fl.field[i];
        if (x->widget == FW_ID)
            continue;
        size_t qn = x->question ? strlen(x->question) : 0;
        size_t ln = strlen(x->label);
        if (!qn || x->question[qn - 1] != '?' || (qn == ln + 1 && strncmp(x->question, x->label, ln) == 0)) {
            questions_ok = false;
            diag("%s (\"%s\") has no question of its own%s%s", fl.path[i], x->label, qn ? ": " : "",
                 qn ? x->question : "");
        } else {
            nquestions++;
        }
    }
    ok(questions_ok, "every field but an id has a question for the checklist (%zu), ending with \"?\"", nquestions);
    ok(labels_ok, "every field has a label");
    ok(lists_ok, "every list has sub-fields, and an id_prefix when its items have ids");
    ok(refs_ok, "every ref and reflist names a list of the forms");
    ok(choices_ok, "every choice has choices");
    ok(paths_ok, "every path of the forms is a field of format v1");
    ok(schema_ok, "every path of the forms is known by the schema");
    ok(enum_ok, "every choice value is one the schema accepts");

    bool reach = true;
    for (size_t i = 0; known_paths[i]; i++) {
        if (in_list(managed_paths, known_paths[i]) || flat_find(&fl, known_paths[i]))
            continue;
        /* "pricing.items" is reached through its items' fields too. */
        reach = false;
        diag("%s is asked by no step", known_paths[i]);
    }
    ok(reach, "every field of format v1 is reachable from some step");

    const struct forms_field *t = flat_find(&fl, "agreement.type");
    ok(t && t->nchoices == 3 && t->help, "agreement.type offers three types and explains them");
    const struct forms_field *gl = flat_find(&fl, "agreement.governing_law");
    ok(gl && !forms_applies(gl->applies, FORMS_BASIC | FORMS_EXTERNAL) &&
           forms_applies(gl->applies, FORMS_BINDING | FORMS_EXTERNAL) && forms_field_required(gl, FORMS_TWO_WAY),
       "governing_law: asked and required for binding and two_way only");
    const struct forms_field *ob = flat_find(&fl, "service_levels[].obligated");
    ok(ob && forms_applies(ob->applies, FORMS_TWO_WAY | FORMS_INTERNAL) &&
           !forms_applies(ob->applies, FORMS_BINDING | FORMS_EXTERNAL),
       "a service level's obligated party is asked for two_way only");
    const struct forms_field *oc = flat_find(&fl, "obligations.client");
    ok(oc && forms_field_required(oc, FORMS_TWO_WAY | FORMS_EXTERNAL) && !forms_field_required(oc, FORMS_BASIC),
       "obligations.client: required for two_way, not for basic");
    ok(!forms_applies(f.steps[7].applies, FORMS_BASIC | FORMS_EXTERNAL) &&
           forms_applies(f.steps[7].applies, FORMS_BINDING | FORMS_INTERNAL),
       "step 8 (penalties) skipped for basic, asked for binding");
    const struct forms_field *tx = flat_find(&fl, "parties.client.tax_id");
    ok(tx && !forms_applies(tx->applies, FORMS_BASIC | FORMS_INTERNAL) &&
           forms_applies(tx->applies, FORMS_BASIC | FORMS_EXTERNAL),
       "tax ids are not asked between departments");

    for (size_t i = 0; i < fl.n; i++)
        free(fl.path[i]);
    forms_free(&f);
}

static void test_applies(void)
{
    struct doc_node *r = doc_new_map();
    is_int(forms_applies_to(r), FORMS_BASIC | FORMS_EXTERNAL, "no type or scope: basic, external");
    doc_set_str(r, "agreement.type", "two_way");
    doc_set_str(r, "agreement.scope", "internal");
    is_int(forms_applies_to(r), FORMS_TWO_WAY | FORMS_INTERNAL, "type and scope read from the agreement");
    is_int(forms_applies_to(doc_get(r, "agreement")), FORMS_TWO_WAY | FORMS_INTERNAL,
           "... or from its agreement section");
    doc_free(r);
    ok(forms_applies(FORMS_ALL, FORMS_BASIC | FORMS_EXTERNAL), "absent applies: everywhere");
    ok(forms_applies(FORMS_BINDING, FORMS_BINDING | FORMS_INTERNAL), "naming only types keeps every scope");
    ok(!forms_applies(FORMS_BINDING | FORMS_ALL_SCOPES, FORMS_BASIC | FORMS_EXTERNAL), "other type: no");
    ok(!forms_applies(FORMS_EXTERNAL | FORMS_ALL_TYPES, FORMS_BASIC | FORMS_INTERNAL), "other scope: no");
    is_str(forms_widget_name(FW_REFLIST), "reflist", "widget names");
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_broken(void)
{
    const char *top = getenv("top_srcdir");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/data/forms-broken", top && *top ? top : ".");
    DIR *d = opendir(dir);
    if (!ok(d != NULL, "the broken step files are there (%s)", dir))
        return;
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < 64)
        if (strstr(de->d_name, ".yaml"))
            names[n++] = strdup(de->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_name);
    ok(n >= 10, "at least ten broken step files (%zu)", n);
    for (size_t i = 0; i < n; i++) {
        char path[4400], want[1024] = "", got[2100];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *fp = fopen(path, "r");
        if (fp) {
            if (fgets(want, sizeof want, fp))
                want[strcspn(want, "\n")] = '\0';
            fclose(fp);
        }
        const char *w = strncmp(want, "# expect: ", 10) == 0 ? want + 10 : want;
        struct forms f = {0};
        struct err e;
        int rc = forms_load_file(&f, path, &e);
        ok(rc < 0, "%s is refused", names[i]);
        ok(strcmp(e.file, path) == 0, "%s: the message names the file", names[i]);
        if (strcmp(w, "yaml") == 0) {
            ok(e.line > 0 && e.msg[0], "%s: a YAML error with its position (%u:%u: %s)", names[i], e.line, e.col,
               e.msg);
        } else {
            snprintf(got, sizeof got, "%u:%u: %s", e.line, e.col, e.msg);
            is_str(got, w, "%s: the message gives line:column and the field", names[i]);
        }
        forms_free(&f);
        free(names[i]);
    }
}

static void test_starting_points(void)
{
    static const char *const types[] = {"basic", "binding", "two_way"};
    static const char *const langs[] = {"es", "en"};
    for (size_t t = 0; t < 3; t++)
        for (size_t l = 0; l < 2; l++)
            for (int internal = 0; internal < 2; internal++) {
                struct err e;
                const char *ty = types[t];
                char what[64];
                snprintf(what, sizeof what, "%s/%s%s", ty, langs[l], internal ? "/internal" : "");
                struct doc_node *r = forms_starting_point(ty, internal, langs[l], &e);
                if (!ok(r != NULL, "%s: starting point built", what)) {
                    diag("%s", e.msg);
                    continue;
                }
                bool ok1 = doc_get_str(r, "apiVersion") && strcmp(doc_get_str(r, "apiVersion"), "pacta/v1") == 0;
                const char *x;
                ok1 &= (x = doc_get_str(r, "agreement.type")) && strcmp(x, ty) == 0;
                ok1 &= (x = doc_get_str(r, "agreement.scope")) &&
                       strcmp(x, internal ? "internal" : "external") == 0;
                ok1 &= (x = doc_get_str(r, "metadata.language")) && strcmp(x, langs[l]) == 0;
                ok1 &= (x = doc_get_str(r, "metadata.status")) && strcmp(x, "draft") == 0;
                ok1 &= (x = doc_get_str(r, "metadata.created")) && strlen(x) == 10 && x[4] == '-';
                ok1 &= (x = doc_get_str(r, "agreement.effective_from")) && strlen(x) == 10;
                ok1 &= (x = doc_get_str(r, "agreement.effective_to")) && strlen(x) == 10 &&
                       strcmp(x, doc_get_str(r, "agreement.effective_from")) > 0;
                ok(ok1, "%s: envelope, type, scope, language, status and dates", what);
                ok(doc_count(r, "services") >= 1 && doc_count(r, "service_levels") >= 1 &&
                       (x = doc_get_str(r, "service_levels[0].target")) && strcmp(x, "99.5") == 0 &&
                       doc_get_str(r, "service_levels[0].measurement") &&
                       doc_count(r, "service_levels[0].exclusions") == 2 && doc_count(r, "priorities") == 3 &&
                       doc_count(r, "support_hours.days") == 5,
                   "%s: a service, an availability level at 99.5 with its measurement, priorities, hours", what);
                if (t >= 1) {
                    ok(doc_count(r, "remedies.service_credits[0].tiers") == 3 && doc_count(r, "signatures") == 2 &&
                           doc_get(r, "agreement.governing_law"),
                       "%s: remedies, signatures, governing_law", what);
                } else {
                    ok(!doc_get(r, "remedies") && !doc_get(r, "signatures"), "%s: no remedies or signatures",
                       what);
                }
                if (t == 2)
                    ok(doc_count(r, "obligations.client") >= 1, "%s: the client has obligations", what);
                ok(internal ? !doc_get(r, "pricing") && !doc_get(r, "parties.client.tax_id")
                            : doc_count(r, "pricing.items") == 1,
                   "%s: %s", what, internal ? "no prices or tax ids" : "a price list");

                struct findings fs = {0};
                validate_doc(r, &fs);
                for (size_t k = 0; k < fs.n; k++)
                    diag("%s: %s: %s [%s]", what, fs.v[k].severity == FINDING_ERROR ? "error" : "warning",
                         fs.v[k].msg, fs.v[k].path);
                findings_free(&fs);

                char *buf = NULL;
                size_t len = 0;
                struct doc_node *back = NULL;
                int rc = sla_yaml_emit(r, SLA_YAML_AGREEMENT, &buf, &len, &e);
                if (rc == 0)
                    rc = sla_yaml_load_buffer("emitted", buf, len, NULL, &back, NULL, &e);
                ok(rc == 0 && doc_equal(r, back), "%s: written and read back unchanged", what);
                if (rc != 0)
                    diag("%s", e.msg);
                free(buf);
                doc_free(back);
                doc_free(r);
            }
    struct err e;
    ok(forms_starting_point("contract", false, "en", &e) == NULL && e.msg[0], "an unknown type is refused");
}

static void test_cmd_new_parse(void)
{
    struct cmd_new_opts o;
    char *a1[] = {"new", "--type", "two_way", "--internal", "--lang", "es", "--no-edit", "x.sla.yaml", NULL};
    is_int(cmd_new_parse(8, a1, &o), 0, "pacta new: options parsed");
    ok(strcmp(o.type, "two_way") == 0 && o.internal && strcmp(o.lang, "es") == 0 && o.no_edit && o.file &&
           strcmp(o.file, "x.sla.yaml") == 0,
       "pacta new: type, internal, lang, no-edit, file");
    char *a2[] = {"new", "--type", "contract", NULL};
    is_int(cmd_new_parse(3, a2, &o), 64, "pacta new: an unknown type is a usage error");
    char *a3[] = {"new", "a", "b", NULL};
    is_int(cmd_new_parse(3, a3, &o), 64, "pacta new: two files is a usage error");
    char *a4[] = {"new", NULL};
    is_int(cmd_new_parse(1, a4, &o), 0, "pacta new: no options");
    ok(strcmp(o.type, "basic") == 0 && !o.internal && !o.file, "pacta new: basic by default, to stdout");
}

int main(void)
{
    (void)skip_all; /* every part runs: nothing here needs an optional tool */
    test_steps();
    test_applies();
    test_broken();
    test_starting_points();
    test_cmd_new_parse();
    return done_testing();
}
