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

/* The head every period case starts from: lines 1 to 4. */
#define HEAD "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n"
/* A level SL1 of that period, its fields at six spaces from line 7. */
#define LEVEL HEAD "  levels:\n    SL1:\n"

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

/* Load text; the formatted error ("" when it loads) into buf. */
static int measure(const char *text, const char *name, struct measure *m, struct findings *w, char *buf, size_t size)
{
    struct err e;
    int rc = measure_from_doc(load(text), name, m, w, &e);
    if (rc < 0)
        err_format(&e, buf, size);
    else
        snprintf(buf, size, "%s", "");
    return rc;
}

struct error_case {
    const char *what;
    const char *yaml;
    const char *want; /* err_format's line, "" when the file loads */
};

static const struct error_case cases[] = {
    /* The top level. */
    {"no tree at all", NULL, "m.yaml: not a measurements file (the top level is not a map)"},
    {"no apiVersion", "kind: Measurements\nperiods: []\n", "m.yaml:1:1: this field is required [apiVersion]"},
    {"apiVersion a map", "apiVersion: {a: 1}\nkind: Measurements\nperiods: []\n",
     "m.yaml:1:1: expected a single value [apiVersion]"},
    {"another apiVersion", "apiVersion: pacta/v2\nkind: Measurements\nperiods: []\n",
     "m.yaml:1:1: unknown format version \"pacta/v2\" (this pacta reads pacta/v1) [apiVersion]"},
    {"no kind", "apiVersion: pacta/v1\nperiods: []\n", "m.yaml:1:1: this field is required [kind]"},
    {"kind a list", "apiVersion: pacta/v1\nkind: [x]\nperiods: []\n", "m.yaml:2:1: expected a single value [kind]"},
    {"an agreement", "apiVersion: pacta/v1\nkind: ServiceLevelAgreement\nperiods: []\n",
     "m.yaml:2:1: this file is a \"ServiceLevelAgreement\", not \"Measurements\" [kind]"},
    {"agreement a list", "apiVersion: pacta/v1\nkind: Measurements\nagreement: [a]\nperiods: []\n",
     "m.yaml:3:1: expected a single value [agreement]"},
    {"notes a map", "apiVersion: pacta/v1\nkind: Measurements\nnotes: {a: 1}\nperiods: []\n",
     "m.yaml:3:1: expected a single value [notes]"},
    {"agreement and notes both wrong: notes", "apiVersion: pacta/v1\nkind: Measurements\nagreement: [a]\nnotes: {a: 1}\nperiods: []\n",
     "m.yaml:4:1: expected a single value [notes]"},
    {"agreement wrong, no periods: agreement", "apiVersion: pacta/v1\nkind: Measurements\nagreement: [a]\n",
     "m.yaml:3:1: expected a single value [agreement]"},
    {"no periods", "apiVersion: pacta/v1\nkind: Measurements\n", "m.yaml:1:1: this field is required [periods]"},
    {"periods null", "apiVersion: pacta/v1\nkind: Measurements\nperiods: ~\n",
     "m.yaml:3:1: this field is required [periods]"},
    {"periods a map", "apiVersion: pacta/v1\nkind: Measurements\nperiods: {a: 1}\n",
     "m.yaml:3:1: expected a list [periods]"},
    {"no periods at all is fine", "apiVersion: pacta/v1\nkind: Measurements\nperiods: []\n", ""},
    /* A period. */
    {"period not a map", "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- 5\n",
     "m.yaml:4:3: expected a map of fields [periods[0]]"},
    {"no period key", "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- notes: x\n",
     "m.yaml:4:3: this field is required [periods[0].period]"},
    {"period key a list", "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: [2027]\n",
     "m.yaml:4:3: expected a single value [periods[0].period]"},
    {"bad period key", "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-13\n",
     "m.yaml:4:3: not a period (like 2027-03, 2027-Q1 or 2027): 2027-13 [periods[0].period]"},
    {"levels a list", HEAD "  levels: [a]\n", "m.yaml:5:3: expected a map of fields [periods[0].levels]"},
    {"period notes a map", HEAD "  notes: {a: 1}\n", "m.yaml:5:3: expected a single value [periods[0].notes]"},
    {"bad period key and notes: the key", "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-13\n  notes: {a: 1}\n",
     "m.yaml:4:3: not a period (like 2027-03, 2027-Q1 or 2027): 2027-13 [periods[0].period]"},
    {"two bad periods: the first", "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-13\n- period: 2027-14\n",
     "m.yaml:4:3: not a period (like 2027-03, 2027-Q1 or 2027): 2027-13 [periods[0].period]"},
    {"overlap", HEAD "- period: 2027-Q1\n", "m.yaml:5:3: period 2027-Q1 overlaps period 2027-01 [periods[1].period]"},
    {"overlap of a year", "apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-06\n- period: 2026\n- period: 2027\n",
     "m.yaml:6:3: period 2027 overlaps period 2027-06 [periods[2].period]"},
    {"overlap before a later bad period", HEAD "- period: 2027-Q1\n- period: 2027-99\n",
     "m.yaml:5:3: period 2027-Q1 overlaps period 2027-01 [periods[1].period]"},
    {"tickets, deliveries, obligations wrong: tickets", HEAD "  tickets: 1\n  deliveries: 1\n  obligations: 1\n",
     "m.yaml:5:3: expected a list [periods[0].tickets]"},
    {"deliveries and obligations wrong: deliveries", HEAD "  deliveries: 1\n  obligations: 1\n",
     "m.yaml:5:3: expected a list [periods[0].deliveries]"},
    {"a level and the period's tickets wrong: the level", HEAD "  tickets: 1\n  levels:\n    SL1: 5\n",
     "m.yaml:7:5: expected a map of fields [periods[0].levels.SL1]"},
    /* A service level. */
    {"level not a map", HEAD "  levels:\n    SL1: 5\n",
     "m.yaml:6:5: expected a map of fields [periods[0].levels.SL1]"},
    {"x- levels skipped", HEAD "  levels:\n    x-SL: 5\n    SL1: {value: 99}\n", ""},
    {"bad value", LEVEL "      value: abc\n",
     "m.yaml:7:7: not a measured value (a number like 99.7): abc [periods[0].levels.SL1.value]"},
    {"value a list", LEVEL "      value: [1]\n", "m.yaml:7:7: expected a single value [periods[0].levels.SL1.value]"},
    {"value and outages wrong: value", LEVEL "      value: abc\n      outages: 1\n",
     "m.yaml:7:7: not a measured value (a number like 99.7): abc [periods[0].levels.SL1.value]"},
    {"level note a map", LEVEL "      note: {a: 1}\n",
     "m.yaml:7:7: expected a single value [periods[0].levels.SL1.note]"},
    {"second level wrong", HEAD "  levels:\n    SL1: {value: 99}\n    SL2: {value: x}\n",
     "m.yaml:7:11: not a measured value (a number like 99.7): x [periods[0].levels.SL2.value]"},
    /* Outages. */
    {"outages a map", LEVEL "      outages: {a: 1}\n", "m.yaml:7:7: expected a list [periods[0].levels.SL1.outages]"},
    {"outage not a map", LEVEL "      outages: [5]\n",
     "m.yaml:7:17: expected a map of fields [periods[0].levels.SL1.outages[0]]"},
    {"outage without start", LEVEL "      outages: [{end: 2027-01-02T10:00}]\n",
     "m.yaml:7:17: this field is required [periods[0].levels.SL1.outages[0].start]"},
    {"outage start a date", LEVEL "      outages: [{start: 2027-01-02, end: 2027-01-02T10:00}]\n",
     "m.yaml:7:18: not a date and time (like 2027-03-01T09:30): 2027-01-02 [periods[0].levels.SL1.outages[0].start]"},
    {"outage without end", LEVEL "      outages: [{start: 2027-01-02T10:00}]\n",
     "m.yaml:7:17: this field is required [periods[0].levels.SL1.outages[0].end]"},
    {"outage start and end wrong: start", LEVEL "      outages: [{start: x, end: y}]\n",
     "m.yaml:7:18: not a date and time (like 2027-03-01T09:30): x [periods[0].levels.SL1.outages[0].start]"},
    {"outage ending before it starts", LEVEL "      outages:\n      - start: 2027-01-02T10:00\n        end: 2027-01-02T09:00\n",
     "m.yaml:9:9: an outage must end after it starts [periods[0].levels.SL1.outages[0].end]"},
    {"outage ending as it starts", LEVEL "      outages: [{start: 2027-01-02T10:00, end: 2027-01-02T10:00}]\n",
     "m.yaml:7:43: an outage must end after it starts [periods[0].levels.SL1.outages[0].end]"},
    {"outage excluded maybe", LEVEL "      outages: [{start: 2027-01-02T10:00, end: 2027-01-02T11:00, excluded: maybe}]\n",
     "m.yaml:7:66: expected true or false: maybe [periods[0].levels.SL1.outages[0].excluded]"},
    {"outage note a map", LEVEL "      outages: [{start: 2027-01-02T10:00, end: 2027-01-02T11:00, note: {a: 1}}]\n",
     "m.yaml:7:66: expected a single value [periods[0].levels.SL1.outages[0].note]"},
    {"second outage wrong", LEVEL "      outages:\n      - {start: 2027-01-02T10:00, end: 2027-01-02T11:00}\n      - {start: 2027-01-03T10:00, end: 2027-01-03}\n",
     "m.yaml:9:35: not a date and time (like 2027-03-01T09:30): 2027-01-03 [periods[0].levels.SL1.outages[1].end]"},
    {"outages and tickets wrong: outages", LEVEL "      outages: 1\n      tickets: 1\n",
     "m.yaml:7:7: expected a list [periods[0].levels.SL1.outages]"},
    /* Tickets. */
    {"level tickets a map", LEVEL "      tickets: {a: 1}\n",
     "m.yaml:7:7: expected a list [periods[0].levels.SL1.tickets]"},
    {"ticket not a map", LEVEL "      tickets: [5]\n",
     "m.yaml:7:17: expected a map of fields [periods[0].levels.SL1.tickets[0]]"},
    {"ticket id a list", LEVEL "      tickets: [{id: [1], opened: 2027-01-02T10:00}]\n",
     "m.yaml:7:18: expected a single value [periods[0].levels.SL1.tickets[0].id]"},
    {"ticket id and priority wrong: priority", LEVEL "      tickets: [{id: [1], priority: {a: 1}, opened: 2027-01-02T10:00}]\n",
     "m.yaml:7:27: expected a single value [periods[0].levels.SL1.tickets[0].priority]"},
    {"ticket id and opened wrong: id", LEVEL "      tickets: [{id: [1], opened: x}]\n",
     "m.yaml:7:18: expected a single value [periods[0].levels.SL1.tickets[0].id]"},
    {"ticket without opened", LEVEL "      tickets: [{priority: P1}]\n",
     "m.yaml:7:17: this field is required [periods[0].levels.SL1.tickets[0].opened]"},
    {"ticket opened not a time", LEVEL "      tickets: [{opened: 2027-01-02 10:00}]\n",
     "m.yaml:7:18: not a date and time (like 2027-03-01T09:30): 2027-01-02 10:00 [periods[0].levels.SL1.tickets[0].opened]"},
    {"ticket first_response not a time", LEVEL "      tickets: [{opened: 2027-01-02T10:00, first_response: x}]\n",
     "m.yaml:7:44: not a date and time (like 2027-03-01T09:30): x [periods[0].levels.SL1.tickets[0].first_response]"},
    {"ticket answered before it opened", LEVEL "      tickets: [{opened: 2027-01-02T10:00, first_response: 2027-01-02T09:59, resolved: x}]\n",
     "m.yaml:7:44: the first response comes before the ticket was opened [periods[0].levels.SL1.tickets[0].first_response]"},
    {"ticket resolved not a time", LEVEL "      tickets: [{opened: 2027-01-02T10:00, resolved: x}]\n",
     "m.yaml:7:44: not a date and time (like 2027-03-01T09:30): x [periods[0].levels.SL1.tickets[0].resolved]"},
    {"ticket resolved before it opened", LEVEL "      tickets: [{opened: 2027-01-02T10:00, resolved: 2027-01-01T10:00}]\n",
     "m.yaml:7:44: the resolution comes before the ticket was opened [periods[0].levels.SL1.tickets[0].resolved]"},
    {"ticket note is not read", LEVEL "      tickets: [{opened: 2027-01-02T10:00, note: {a: 1}}]\n", ""},
    {"period ticket without opened", HEAD "  tickets:\n  - id: T1\n",
     "m.yaml:6:5: this field is required [periods[0].tickets[0].opened]"},
    /* Deliveries. */
    {"deliveries a map", HEAD "  deliveries: {a: 1}\n", "m.yaml:5:3: expected a list [periods[0].deliveries]"},
    {"delivery not a map", HEAD "  deliveries: [5]\n",
     "m.yaml:5:16: expected a map of fields [periods[0].deliveries[0]]"},
    {"delivery without deadline", HEAD "  deliveries: [{delivered: 2027-01-05}]\n",
     "m.yaml:5:16: this field is required [periods[0].deliveries[0].deadline]"},
    {"delivery deadline a list", HEAD "  deliveries: [{deadline: [D1], delivered: x}]\n",
     "m.yaml:5:17: expected a single value [periods[0].deliveries[0].deadline]"},
    {"delivery without delivered", HEAD "  deliveries: [{deadline: D1}]\n",
     "m.yaml:5:16: this field is required [periods[0].deliveries[0].delivered]"},
    {"delivered not a date", HEAD "  deliveries: [{deadline: D1, delivered: 2027-01-05T10:00}]\n",
     "m.yaml:5:31: not a date (like 2027-03-01): 2027-01-05T10:00 [periods[0].deliveries[0].delivered]"},
    {"paused_by a scalar", HEAD "  deliveries: [{deadline: D1, delivered: 2027-01-05, paused_by: D2}]\n",
     "m.yaml:5:54: expected a list [periods[0].deliveries[0].paused_by]"},
    {"paused_by with a map", HEAD "  deliveries:\n  - deadline: D1\n    delivered: 2027-01-05\n    paused_by: [D2, {a: 1}]\n",
     "m.yaml:8:21: expected the id of a deadline [periods[0].deliveries[0].paused_by[1]]"},
    {"paused_by with a null", HEAD "  deliveries: [{deadline: D1, delivered: 2027-01-05, paused_by: [D2, ~]}]\n",
     "m.yaml:5:70: expected the id of a deadline [periods[0].deliveries[0].paused_by[1]]"},
    {"paused_by and note wrong: paused_by", HEAD "  deliveries: [{deadline: D1, delivered: 2027-01-05, paused_by: [[x]], note: {a: 1}}]\n",
     "m.yaml:5:66: expected the id of a deadline [periods[0].deliveries[0].paused_by[0]]"},
    {"delivery note a map", HEAD "  deliveries: [{deadline: D1, delivered: 2027-01-05, note: {a: 1}}]\n",
     "m.yaml:5:54: expected a single value [periods[0].deliveries[0].note]"},
    {"delivered twice", HEAD "  deliveries:\n  - {deadline: D1, delivered: 2027-01-05}\n  - {deadline: D2, delivered: 2027-01-06}\n  - {deadline: D1, delivered: 2027-01-07}\n",
     "m.yaml:8:5: deadline D1 is delivered twice [periods[0].deliveries[2]]"},
    {"delivered twice, then a bad delivery: the bad one", HEAD "  deliveries:\n  - {deadline: D1, delivered: 2027-01-05}\n  - {deadline: D1, delivered: 2027-01-07}\n  - {deadline: D2}\n",
     "m.yaml:8:5: this field is required [periods[0].deliveries[2].delivered]"},
    {"delivered twice, then a bad period: twice", HEAD "  deliveries:\n  - {deadline: D1, delivered: 2027-01-05}\n  - {deadline: D1, delivered: 2027-01-07}\n- period: 2027-99\n",
     "m.yaml:7:5: deadline D1 is delivered twice [periods[0].deliveries[1]]"},
    {"twice in two periods is fine", HEAD "  deliveries: [{deadline: D1, delivered: 2027-01-05}]\n- period: 2027-02\n  deliveries: [{deadline: D1, delivered: 2027-02-05}]\n",
     ""},
    /* Obligations. */
    {"obligations a map", HEAD "  obligations: {a: 1}\n", "m.yaml:5:3: expected a list [periods[0].obligations]"},
    {"obligation not a map", HEAD "  obligations: [5]\n",
     "m.yaml:5:17: expected a map of fields [periods[0].obligations[0]]"},
    {"obligation without id", HEAD "  obligations: [{kept: true}]\n",
     "m.yaml:5:17: this field is required [periods[0].obligations[0].id]"},
    {"obligation kept maybe", HEAD "  obligations: [{id: O1, kept: maybe}]\n",
     "m.yaml:5:26: expected true or false: maybe [periods[0].obligations[0].kept]"},
    {"obligation amount not money", HEAD "  obligations: [{id: O1, amount: abc}]\n",
     "m.yaml:5:26: not an amount of money (like 450.00) [periods[0].obligations[0].amount]"},
    {"obligation amount a list", HEAD "  obligations: [{id: O1, amount: [1]}]\n",
     "m.yaml:5:26: expected a single value [periods[0].obligations[0].amount]"},
    {"obligation due without done", HEAD "  obligations: [{id: O1, due: 2027-01-05}]\n",
     "m.yaml:5:17: give both due and done, or neither [periods[0].obligations[0].done]"},
    {"obligation done without due", HEAD "  obligations: [{id: O1, done: 2027-01-05}]\n",
     "m.yaml:5:26: give both due and done, or neither [periods[0].obligations[0].done]"},
    {"obligation due not a date", HEAD "  obligations: [{id: O1, due: x, done: 2027-01-05}]\n",
     "m.yaml:5:26: not a date (like 2027-03-01): x [periods[0].obligations[0].due]"},
    {"obligation done not a date", HEAD "  obligations: [{id: O1, due: 2027-01-05, done: x}]\n",
     "m.yaml:5:43: not a date (like 2027-03-01): x [periods[0].obligations[0].done]"},
    {"obligation note a map", HEAD "  obligations: [{id: O1, note: {a: 1}}]\n",
     "m.yaml:5:26: expected a single value [periods[0].obligations[0].note]"},
};

static void test_errors(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct measure m;
        char buf[2200];
        measure(cases[i].yaml, "m.yaml", &m, NULL, buf, sizeof buf);
        is_str(buf, cases[i].want, "%s", cases[i].what);
        measure_free(&m);
    }
}

/* Unknown keys: a warning each, at the key, wherever it is; x- keys are
 * silent.  The keys of a map are checked before its fields are read, so
 * the warnings before an error are still given. */
static void test_warnings(void)
{
    static const char *const want[] = {
        "3:1 bogus",
        "6:3 periods[0].colour",
        "10:7 periods[0].levels.SL1.bogus",
        "12:66 periods[0].levels.SL1.outages[0].why",
        "13:44 periods[0].levels.SL1.tickets[0].who",
        "14:40 periods[0].tickets[0].who",
        "15:54 periods[0].deliveries[0].late",
        "16:26 periods[0].obligations[0].late",
    };
    const size_t nwant = sizeof want / sizeof *want;
    struct measure m;
    struct findings w = {0};
    char buf[2200];
    int rc = measure("apiVersion: pacta/v1\nkind: Measurements\nbogus: 1\nperiods:\n- period: 2027-01\n  colour: red\n"
                     "  x-mine: 1\n  levels:\n    SL1:\n      bogus: true\n      x-mine: 2\n"
                     "      outages: [{start: 2027-01-02T10:00, end: 2027-01-02T11:00, why: x}]\n"
                     "      tickets: [{opened: 2027-01-02T10:00, who: x}]\n"
                     "  tickets: [{opened: 2027-01-02T10:00, who: x}]\n"
                     "  deliveries: [{deadline: D1, delivered: 2027-01-05, late: x}]\n"
                     "  obligations: [{id: O1, late: x}]\n",
                     "m.yaml", &m, &w, buf, sizeof buf);
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
        is_str(w.v[0].msg, "unknown field \"bogus\": kept as it is, but pacta does not use it (extension fields start with x-)",
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

    rc = measure("apiVersion: pacta/v1\nkind: Measurements\nbogus: 1\nperiods: []\n", "m.yaml", &m, NULL, buf, sizeof buf);
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
    char buf[2200];
    int rc = measure("apiVersion: pacta/v1\nkind: Measurements\nagreement: A1\nnotes: n\nperiods:\n"
                     "- period: 2027-02\n"
                     "  levels:\n"
                     "    SL1:\n"
                     "      value: 99.7\n"
                     "      tickets: ~\n"
                     "    x-SL: {value: nonsense}\n"
                     "    SL2:\n"
                     "      outages:\n"
                     "      - {start: 2027-02-01T10:00, end: 2027-02-01T10:30}\n"
                     "      - {start: 2027-02-02T23:50, end: 2027-02-03T00:10, excluded: true, note: planned}\n"
                     "      tickets:\n"
                     "      - {id: T1, priority: P1, opened: 2027-02-04T09:00, first_response: 2027-02-04T09:30}\n"
                     "      - {opened: 2027-02-05T09:00, resolved: 2027-02-06T09:00, note: x}\n"
                     "    SL3: {tickets: []}\n"
                     "    SL4: {value: 1, note: n}\n"
                     "  tickets: [{opened: 2027-02-07T08:00}]\n"
                     "  deliveries:\n"
                     "  - {deadline: D1, delivered: 2027-02-10, paused_by: [D2, D3], note: n}\n"
                     "  - {deadline: D2, delivered: 2027-02-11}\n"
                     "  obligations:\n"
                     "  - {id: O1}\n"
                     "  - {id: O2, kept: false, note: late}\n"
                     "  - {id: O3, amount: 450.00, due: 2027-02-01, done: 2027-02-03}\n"
                     "  - {id: O4, kept: true, due: 2027-02-03, done: 2027-02-03}\n"
                     "- period: 2026\n",
                     "m.yaml", &m, NULL, buf, sizeof buf);
    is_str(buf, "", "a good file loads");
    if (rc < 0)
        return;
    is_str(m.name, "m.yaml", "the name");
    is_str(m.agreement, "A1", "the agreement");
    is_int((long long)m.nperiods, 2, "two periods");
    const struct measure_period *y = &m.periods[0], *pd = &m.periods[1];
    ok(strcmp(y->key, "2026") == 0 && y->kind == MEASURE_YEAR && y->end - y->start == 365, "in start order: 2026 first");
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
    ok(strcmp(d1->deadline, "D1") == 0 && strcmp(d1->path, "periods[0].deliveries[0]") == 0 && d1->delivered == feb1 + 9,
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
