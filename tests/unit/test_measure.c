/* test_measure.c - the measurements loader: every error it can return, to
 * the letter, with its file position and path, and which of two errors
 * wins when a file has both; the warnings for unknown keys; what a good
 * file loads into.  The messages are the English ones (no catalogue). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/measure.h"
#include "src/sla_yaml.h"
#include "tests/tap.h"

#define S CALC_SCALE

static struct doc_node *load(const char *text)
{
    struct doc_node *root = NULL;
    struct err e;
    if (!text) /* the reader refuses a top level that is not a map: the loader's own check */
        return NULL;
    if (sla_yaml_load_buffer("m.yaml", text, strlen(text), NULL, &root, NULL, &e) < 0) {
        char buf[2200];
        err_format(&e, buf, sizeof buf);
        diag("cannot load the case: %s", buf);
        exit(99);
    }
    return root;
}

/* rc, and the formatted error ("" when rc is 0) into buf. */
static int result(int rc, const struct err *e, char *buf, size_t size)
{
    if (rc < 0)
        err_format(e, buf, size);
    else
        snprintf(buf, size, "%s", "");
    return rc;
}

/* Load text; the formatted error ("" when it loads) into buf. */
static int measure(const char *text, const char *name, struct measure *m, struct findings *w, char *buf, size_t size)
{
    struct err e;
    return result(measure_from_doc(load(text), name, m, w, &e), &e, buf, size);
}

/* tests/data/measure/NAME into buf. */
static const char *data_file(const char *name, char *buf, size_t size)
{
    const char *src = getenv("top_srcdir");
    snprintf(buf, size, "%s/tests/data/measure/%s", src ? src : ".", name);
    return buf;
}

/* Load tests/data/measure/NAME; the formatted error ("" when it loads) into buf. */
static int load_file(const char *name, struct measure *m, struct findings *w, char *buf, size_t size)
{
    char file[4096];
    struct err e;
    return result(measure_load_file(data_file(name, file, sizeof file), m, w, &e), &e, buf, size);
}

/* The cases of tests/data/measure/errors.yaml, then a tree that is not a map. */
static void test_errors(void)
{
    char file[4096], buf[2200];
    struct doc_node *root = NULL;
    struct err e;
    if (sla_yaml_load_file(data_file("errors.yaml", file, sizeof file), NULL, &root, NULL, &e) < 0) {
        err_format(&e, buf, sizeof buf);
        ok(0, "the cases load: %s", buf);
        return;
    }
    const struct doc_node *cases = doc_get(root, "cases");
    ok(cases && cases->kind == DOC_SEQ && cases->len > 80, "the cases are there");
    for (size_t i = 0; cases && cases->kind == DOC_SEQ && i < cases->len; i++) {
        const struct doc_node *c = cases->u.items[i];
        const char *what = doc_get_str(c, "what"), *text = doc_get_str(c, "file"), *want = doc_get_str(c, "error");
        struct measure m;
        if (!what || !text || !want) {
            ok(0, "case %zu has what, file and error", i);
            continue;
        }
        measure(text, "m.yaml", &m, NULL, buf, sizeof buf);
        is_str(buf, want, "%s", what);
        measure_free(&m);
    }
    doc_free(root);

    struct measure m;
    measure(NULL, "m.yaml", &m, NULL, buf, sizeof buf);
    is_str(buf, "m.yaml: not a measurements file (the top level is not a map)", "no tree at all");
    measure_free(&m);
}

/* Unknown keys: a warning each, at the key, wherever it is; x- keys are
 * silent.  The keys of a map are checked before its fields are read, so
 * the warnings before an error are still given. */
static void test_warnings(void)
{
    static const char *const want[] = {
        "5:1 bogus",
        "8:3 periods[0].colour",
        "12:7 periods[0].levels.SL1.bogus",
        "14:66 periods[0].levels.SL1.outages[0].why",
        "15:44 periods[0].levels.SL1.tickets[0].who",
        "16:40 periods[0].tickets[0].who",
        "17:54 periods[0].deliveries[0].late",
        "18:26 periods[0].obligations[0].late",
    };
    const size_t nwant = sizeof want / sizeof *want;
    struct measure m;
    struct findings w = {0};
    char buf[2200];
    int rc = load_file("unknown-keys.measurements.yaml", &m, &w, buf, sizeof buf);
    is_str(buf, "", "unknown keys load");
    is_int(rc, 0, "and return 0");
    is_int((long long)w.n, (long long)nwant, "a warning for each unknown key");
    for (size_t i = 0; i < w.n && i < nwant; i++) {
        char got[700];
        snprintf(got, sizeof got, "%u:%u %s", w.v[i].line, w.v[i].col, w.v[i].path);
        is_str(got, want[i], "warning %zu: its place", i);
        ok(w.v[i].severity == FINDING_WARNING, "warning %zu: a warning", i);
    }
    if (w.n)
        is_str(w.v[0].msg,
               "unknown field \"bogus\": kept as it is, but pacta does not use it (extension fields start with x-)",
               "the message of a warning");
    findings_free(&w);
    measure_free(&m);

    memset(&w, 0, sizeof w);
    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nbogus: 1\nperiods:\n- period: 2027-01\n  colour: red\n"
                 "  notes: [x]\n- period: 2027-02\n  colour: blue\n",
                 "m.yaml", &m, &w, buf, sizeof buf);
    is_str(buf, "m.yaml:7:3: expected a single value [periods[0].notes]", "an error after unknown keys");
    is_int((long long)w.n, 2, "the warnings before the error are given, none after");
    ok(w.n == 2 && strcmp(w.v[0].path, "bogus") == 0 && strcmp(w.v[1].path, "periods[0].colour") == 0,
       "the keys of the top level and of the period in error");
    findings_free(&w);
    measure_free(&m);

    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nbogus: 1\nperiods: []\n", "m.yaml", &m, NULL, buf,
                 sizeof buf);
    ok(rc == 0 && !*buf, "no list of warnings: unknown keys ignored");
    measure_free(&m);
}

/* No file name: the error has no place but its path. */
static void test_no_name(void)
{
    struct measure m;
    char buf[2200];
    int rc = measure("apiVersion: pacta/v1\nkind: Measurements\nperiods: {a: 1}\n", NULL, &m, NULL, buf, sizeof buf);
    is_int(rc, -1, "no name: refused");
    is_str(buf, "expected a list [periods]", "no name: the message and its path");
    is_str(m.name, "", "no name: the measurements' name is empty");
    measure_free(&m);
}

/* What a good file loads into, field by field. */
static void test_values(void)
{
    struct measure m;
    struct findings w = {0};
    char buf[2200];
    int rc = load_file("all-fields.measurements.yaml", &m, &w, buf, sizeof buf);
    is_str(buf, "", "a good file loads");
    is_int((long long)w.n, 0, "every key of every map is known: no warning");
    findings_free(&w);
    if (rc < 0)
        return;
    ok(strstr(m.name, "/tests/data/measure/all-fields.measurements.yaml") != NULL, "the name");
    is_str(m.agreement, "A1", "the agreement");
    is_int((long long)m.nperiods, 2, "two periods");
    const struct measure_period *y = &m.periods[0], *pd = &m.periods[1];
    ok(strcmp(y->key, "2026") == 0 && y->kind == MEASURE_YEAR && y->end - y->start == 365,
       "in start order: 2026 first");
    ok(y->nlevels == 0 && y->ntickets == 0 && y->ndeliveries == 0 && y->nobligations == 0, "2026 is empty");
    ok(strcmp(pd->key, "2027-02") == 0 && pd->kind == MEASURE_MONTH && pd->end - pd->start == 28, "then February");
    ok(measure_find_period(&m, "2027-02") == pd && !measure_find_period(&m, "2027-03"), "found by its key");

    is_int((long long)pd->nlevels, 4, "four levels (x- skipped)");
    const struct measure_level *l1 = &pd->levels[0], *l2 = &pd->levels[1], *l3 = &pd->levels[2];
    ok(strcmp(l1->id, "SL1") == 0 && strcmp(l1->path, "periods[0].levels.SL1") == 0, "SL1: id and path");
    ok(l1->has_value && l1->value == 997 * S / 10, "SL1: the value");
    ok(l1->has_tickets && l1->ntickets == 0 && l1->noutages == 0, "SL1: tickets: ~ is its own empty list");
    ok(strcmp(l2->id, "SL2") == 0 && !l2->has_value, "SL2: no value");
    is_int((long long)l2->noutages, 2, "SL2: two outages");
    ok(l2->outages[0].start.minute == 600 && l2->outages[0].end.minute == 630 && !l2->outages[0].excluded &&
           !l2->outages[0].note,
       "SL2: the first outage, not excluded by default");
    ok(l2->outages[1].end.day == l2->outages[1].start.day + 1 && l2->outages[1].excluded &&
           strcmp(l2->outages[1].note, "planned") == 0,
       "SL2: the second outage, excluded, with its note");
    ok(l2->has_tickets && l2->ntickets == 2, "SL2: two tickets");
    const struct measure_ticket *t1 = &l2->tickets[0], *t2 = &l2->tickets[1];
    ok(strcmp(t1->id, "T1") == 0 && strcmp(t1->priority, "P1") == 0 && t1->opened.minute == 540 &&
           t1->has_response && t1->response.minute == 570 && !t1->has_resolved,
       "the first ticket");
    ok(!t2->id && !t2->priority && !t2->has_response && t2->has_resolved && t2->resolved.day == t2->opened.day + 1,
       "the second ticket");
    ok(l3->has_tickets && l3->ntickets == 0, "SL3: tickets: [] is its own empty list");
    ok(!pd->levels[3].has_tickets && pd->levels[3].has_value && pd->levels[3].value == S, "SL4: no tickets of its own");
    ok(pd->ntickets == 1 && pd->tickets[0].opened.minute == 480, "the period's ticket");
    long feb1;
    calc_parse_date("2027-02-01", &feb1);
    is_int((long long)pd->ndeliveries, 2, "two deliveries");
    const struct measure_delivery *d1 = &pd->deliveries[0], *d2 = &pd->deliveries[1];
    ok(strcmp(d1->deadline, "D1") == 0 && strcmp(d1->path, "periods[0].deliveries[0]") == 0 &&
           d1->delivered == feb1 + 9,
       "D1 delivered on the 10th");
    ok(d1->npaused == 2 && strcmp(d1->paused_by[0], "D2") == 0 && strcmp(d1->paused_by[1], "D3") == 0,
       "D1 paused by D2 and D3");
    ok(strcmp(d2->deadline, "D2") == 0 && d2->npaused == 0 && !d2->paused_by, "D2 paused by nothing");
    is_int((long long)pd->nobligations, 4, "four obligations");
    const struct measure_obligation *o = pd->obligations;
    ok(strcmp(o[0].id, "O1") == 0 && strcmp(o[0].path, "periods[0].obligations[0]") == 0 && o[0].kept &&
           !o[0].has_amount && !o[0].has_dates && !o[0].note,
       "O1 kept by default");
    ok(!o[1].kept && strcmp(o[1].note, "late") == 0, "O2 not kept, with its note");
    ok(o[2].has_amount && o[2].amount_cents == 45000 && o[2].has_dates && o[2].due == feb1 && o[2].done == feb1 + 2 &&
           !o[2].kept,
       "O3: 450.00 paid two days late, so not kept");
    ok(o[3].kept && o[3].has_dates && o[3].due == o[3].done, "O4: paid on the day, kept");
    measure_free(&m);
}

int main(void)
{
    test_errors();
    test_warnings();
    test_no_name();
    test_values();
    return done_testing();
}
