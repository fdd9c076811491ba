/* schema.c - the table of every field of format v1. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "src/schema.h"

#define PARTY(p)                                                                                   \
    {p, SCH_MAP, NULL, 0}, {p ".name", SCH_TEXT, NULL, 0}, {p ".tax_id", SCH_TEXT, NULL, 0},       \
        {p ".address", SCH_TEXT, NULL, 0}, {p ".representative", SCH_MAP, NULL, 0},                \
        {p ".representative.name", SCH_TEXT, NULL, 0},                                             \
        {p ".representative.title", SCH_TEXT, NULL, 0}, {p ".contact", SCH_MAP, NULL, 0},          \
        {p ".contact.name", SCH_TEXT, NULL, 0}, {p ".contact.email", SCH_TEXT, NULL, 0},           \
        {p ".contact.phone", SCH_TEXT, NULL, 0}

#define OBLIGATIONS(p)                                                                             \
    {p, SCH_LIST, NULL, 0}, {p "[]", SCH_MAP, NULL, 0}, {p "[].id", SCH_ID, NULL, 0},              \
        {p "[].text", SCH_TEXT, NULL, 0}

#define PARTY_ENUM "provider|client"
#define CLOCK_ENUM "calendar|business"

/* The order here is the canonical order of the file. */
const struct schema_field schema_fields[] = {
    {"apiVersion", SCH_WORD, NULL, 0},
    {"kind", SCH_WORD, NULL, 0},
    {"metadata", SCH_MAP, NULL, 0},
    {"metadata.id", SCH_ID, NULL, 0},
    {"metadata.title", SCH_TEXT, NULL, 0},
    {"metadata.language", SCH_WORD, NULL, 0},
    {"metadata.status", SCH_ENUM, "draft|proposed|signed|superseded|terminated", 0},
    {"metadata.version", SCH_INT, NULL, 0},
    {"metadata.created", SCH_DATE, NULL, SCH_NULLABLE},
    {"metadata.updated", SCH_DATE, NULL, SCH_NULLABLE},
    {"metadata.change_log", SCH_LIST, NULL, 0},
    {"metadata.change_log[]", SCH_MAP, NULL, 0},
    {"metadata.change_log[].version", SCH_INT, NULL, 0},
    {"metadata.change_log[].date", SCH_DATE, NULL, 0},
    {"metadata.change_log[].summary", SCH_TEXT, NULL, 0},
    {"metadata.spell_ignore", SCH_TEXTLIST, NULL, 0},
    {"metadata.spell_ignore[]", SCH_WORD, NULL, 0},
    {"agreement", SCH_MAP, NULL, 0},
    {"agreement.type", SCH_ENUM, "basic|binding|two_way", 0},
    {"agreement.scope", SCH_ENUM, "external|internal", 0},
    {"agreement.effective_from", SCH_DATE, NULL, SCH_NULLABLE},
    {"agreement.effective_to", SCH_DATE, NULL, SCH_NULLABLE},
    {"agreement.renewal", SCH_MAP, NULL, 0},
    {"agreement.renewal.auto", SCH_BOOL, NULL, 0},
    {"agreement.renewal.term", SCH_DURATION, NULL, SCH_NULLABLE},
    {"agreement.renewal.notice", SCH_DURATION, NULL, SCH_NULLABLE},
    {"agreement.timezone", SCH_WORD, NULL, SCH_NULLABLE},
    {"agreement.governing_law", SCH_TEXT, NULL, 0},
    {"parties", SCH_MAP, NULL, 0},
    PARTY("parties.provider"),
    PARTY("parties.client"),
    {"needs", SCH_LIST, NULL, 0},
    {"needs[]", SCH_MAP, NULL, 0},
    {"needs[].id", SCH_ID, NULL, 0},
    {"needs[].description", SCH_TEXT, NULL, 0},
    {"needs[].priority", SCH_ENUM, "must|should|could", SCH_NULLABLE},
    {"needs[].impact", SCH_TEXT, NULL, 0},
    {"objectives", SCH_LIST, NULL, 0},
    {"objectives[]", SCH_MAP, NULL, 0},
    {"objectives[].id", SCH_ID, NULL, 0},
    {"objectives[].description", SCH_TEXT, NULL, 0},
    {"objectives[].needs", SCH_REFLIST, "needs", 0},
    {"objectives[].needs[]", SCH_REF, "needs", 0},
    {"objectives[].success_criteria", SCH_TEXT, NULL, 0},
    {"services", SCH_LIST, NULL, 0},
    {"services[]", SCH_MAP, NULL, 0},
    {"services[].id", SCH_ID, NULL, 0},
    {"services[].name", SCH_TEXT, NULL, 0},
    {"services[].description", SCH_TEXT, NULL, 0},
    {"services[].deliverables", SCH_TEXTLIST, NULL, 0},
    {"services[].deliverables[]", SCH_TEXT, NULL, 0},
    {"services[].route", SCH_TEXTLIST, NULL, 0},
    {"services[].route[]", SCH_TEXT, NULL, 0},
    {"services[].out_of_scope", SCH_TEXTLIST, NULL, 0},
    {"services[].out_of_scope[]", SCH_TEXT, NULL, 0},
    {"services[].objectives", SCH_REFLIST, "objectives", 0},
    {"services[].objectives[]", SCH_REF, "objectives", 0},
    {"support_hours", SCH_MAP, NULL, 0},
    {"support_hours.days", SCH_ENUMLIST, "mon|tue|wed|thu|fri|sat|sun", 0},
    {"support_hours.days[]", SCH_ENUM, "mon|tue|wed|thu|fri|sat|sun", 0},
    {"support_hours.from", SCH_TIME, NULL, 0},
    {"support_hours.to", SCH_TIME, NULL, 0},
    {"support_hours.holidays", SCH_DATELIST, NULL, 0},
    {"support_hours.holidays[]", SCH_DATE, NULL, 0},
    {"priorities", SCH_LIST, NULL, 0},
    {"priorities[]", SCH_MAP, NULL, 0},
    {"priorities[].id", SCH_ID, NULL, 0},
    {"priorities[].name", SCH_TEXT, NULL, 0},
    {"priorities[].definition", SCH_TEXT, NULL, 0},
    {"priorities[].response", SCH_DURATION, NULL, SCH_NULLABLE},
    {"priorities[].resolution", SCH_DURATION, NULL, SCH_NULLABLE},
    {"priorities[].clock", SCH_ENUM, CLOCK_ENUM, SCH_NULLABLE},
    {"service_levels", SCH_LIST, NULL, 0},
    {"service_levels[]", SCH_MAP, NULL, 0},
    {"service_levels[].id", SCH_ID, NULL, 0},
    {"service_levels[].name", SCH_TEXT, NULL, 0},
    {"service_levels[].service", SCH_REF, "services", SCH_NULLABLE},
    {"service_levels[].obligated", SCH_ENUM, PARTY_ENUM, SCH_NULLABLE},
    {"service_levels[].indicator", SCH_ENUM,
     "availability|response_time|resolution_time|delivery_time|quality|custom", SCH_NULLABLE},
    {"service_levels[].definition", SCH_TEXT, NULL, 0},
    {"service_levels[].measurement", SCH_TEXT, NULL, 0},
    {"service_levels[].op", SCH_ENUM, "gte|gt|lte|lt", SCH_NULLABLE},
    {"service_levels[].target", SCH_NUMBER, NULL, SCH_NULLABLE},
    {"service_levels[].unit", SCH_ENUM, "percent|minutes|hours|days|count", SCH_NULLABLE},
    {"service_levels[].clock", SCH_ENUM, CLOCK_ENUM, SCH_NULLABLE},
    {"service_levels[].window", SCH_DURATION, NULL, SCH_NULLABLE},
    {"service_levels[].month", SCH_ENUM, "calendar|30d|mean", SCH_NULLABLE},
    {"service_levels[].priority", SCH_REF, "priorities", SCH_NULLABLE},
    {"service_levels[].exclusions", SCH_TEXTLIST, NULL, 0},
    {"service_levels[].exclusions[]", SCH_TEXT, NULL, 0},
    {"deadlines", SCH_LIST, NULL, 0},
    {"deadlines[]", SCH_MAP, NULL, 0},
    {"deadlines[].id", SCH_ID, NULL, 0},
    {"deadlines[].deliverable", SCH_TEXT, NULL, 0},
    {"deadlines[].due", SCH_DATE, NULL, SCH_NULLABLE},
    {"deadlines[].obligated", SCH_ENUM, PARTY_ENUM, SCH_NULLABLE},
    {"deadlines[].acceptance", SCH_TEXT, NULL, 0},
    {"pricing", SCH_MAP, NULL, 0},
    {"pricing.currency", SCH_CURRENCY, NULL, 0},
    {"pricing.items", SCH_LIST, NULL, 0},
    {"pricing.items[]", SCH_MAP, NULL, 0},
    {"pricing.items[].id", SCH_ID, NULL, 0},
    {"pricing.items[].description", SCH_TEXT, NULL, 0},
    {"pricing.items[].amount", SCH_MONEY, NULL, 0},
    {"pricing.items[].per", SCH_ENUM, "once|hour|day|week|month|quarter|year|unit", SCH_NULLABLE},
    {"pricing.billing", SCH_ENUM, "once|monthly|quarterly|yearly|on_delivery", SCH_NULLABLE},
    {"pricing.payment_terms_days", SCH_INT, NULL, SCH_NULLABLE},
    {"pricing.taxes_included", SCH_BOOL, NULL, SCH_NULLABLE},
    {"obligations", SCH_MAP, NULL, 0},
    OBLIGATIONS("obligations.provider"),
    OBLIGATIONS("obligations.client"),
    {"remedies", SCH_MAP, NULL, 0},
    {"remedies.service_credits", SCH_LIST, NULL, 0},
    {"remedies.service_credits[]", SCH_MAP, NULL, 0},
    {"remedies.service_credits[].service_level", SCH_REF, "service_levels", 0},
    {"remedies.service_credits[].basis", SCH_REF, "pricing.items", SCH_NULLABLE},
    {"remedies.service_credits[].tiers", SCH_LIST, NULL, 0},
    {"remedies.service_credits[].tiers[]", SCH_MAP, NULL, 0},
    {"remedies.service_credits[].tiers[].below", SCH_NUMBER, NULL, 0},
    {"remedies.service_credits[].tiers[].credit_percent", SCH_NUMBER, NULL, 0},
    {"remedies.service_credits[].monthly_cap_percent", SCH_NUMBER, NULL, SCH_NULLABLE},
    {"remedies.service_credits[].yearly_cap_percent", SCH_NUMBER, NULL, SCH_NULLABLE},
    {"remedies.service_credits[].claim_within", SCH_DURATION, NULL, SCH_NULLABLE},
    {"remedies.penalties", SCH_LIST, NULL, 0},
    {"remedies.penalties[]", SCH_MAP, NULL, 0},
    {"remedies.penalties[].id", SCH_ID, NULL, 0},
    {"remedies.penalties[].applies_to", SCH_REF,
     "deadlines|obligations.provider|obligations.client|service_levels", SCH_NULLABLE},
    {"remedies.penalties[].obligated", SCH_ENUM, PARTY_ENUM, SCH_NULLABLE},
    {"remedies.penalties[].description", SCH_TEXT, NULL, 0},
    {"remedies.penalties[].percent", SCH_NUMBER, NULL, SCH_NULLABLE},
    {"remedies.penalties[].of", SCH_REF, "pricing.items", SCH_NULLABLE},
    {"remedies.penalties[].per", SCH_DURATION, NULL, SCH_NULLABLE},
    {"remedies.penalties[].cap_percent", SCH_NUMBER, NULL, SCH_NULLABLE},
    {"remedies.penalties[].termination_after", SCH_DURATION, NULL, SCH_NULLABLE},
    {"remedies.penalties[].percent_per_year", SCH_NUMBER, NULL, SCH_NULLABLE},
    {"evaluation", SCH_MAP, NULL, 0},
    {"evaluation.reporting", SCH_DURATION, NULL, SCH_NULLABLE},
    {"evaluation.report_to", SCH_ENUM, "provider|client|both", SCH_NULLABLE},
    {"evaluation.review_cadence", SCH_DURATION, NULL, SCH_NULLABLE},
    {"evaluation.next_review", SCH_DATE, NULL, SCH_NULLABLE},
    {"evaluation.method", SCH_TEXT, NULL, 0},
    {"escalation", SCH_LIST, NULL, 0},
    {"escalation[]", SCH_MAP, NULL, 0},
    {"escalation[].level", SCH_INT, NULL, 0},
    {"escalation[].after", SCH_TEXT, NULL, 0},
    {"escalation[].contact", SCH_TEXT, NULL, 0},
    {"termination", SCH_MAP, NULL, 0},
    {"termination.notice", SCH_DURATION, NULL, SCH_NULLABLE},
    {"termination.for_cause", SCH_TEXTLIST, NULL, 0},
    {"termination.for_cause[]", SCH_TEXT, NULL, 0},
    {"signatures", SCH_LIST, NULL, 0},
    {"signatures[]", SCH_MAP, NULL, 0},
    {"signatures[].party", SCH_ENUM, PARTY_ENUM, 0},
    {"signatures[].name", SCH_TEXT, NULL, 0},
    {"signatures[].title", SCH_TEXT, NULL, 0},
    {"signatures[].date", SCH_DATE, NULL, SCH_NULLABLE},
    {"notes", SCH_TEXT, NULL, 0},
};
const size_t schema_nfields = sizeof schema_fields / sizeof schema_fields[0];

/* A sorted index of the table, built on first use, for binary search. */
static const struct schema_field **sorted;

static int cmp_field(const void *a, const void *b)
{
    return strcmp((*(const struct schema_field *const *)a)->path,
                  (*(const struct schema_field *const *)b)->path);
}

static void build_index(void)
{
    static const struct schema_field *idx[sizeof schema_fields / sizeof schema_fields[0]];
    for (size_t i = 0; i < schema_nfields; i++)
        idx[i] = &schema_fields[i];
    qsort(idx, schema_nfields, sizeof idx[0], cmp_field);
    sorted = idx;
}

const char *schema_pattern(const char *path, char *buf, size_t size)
{
    size_t o = 0;
    if (!size)
        return buf;
    for (const char *p = path; *p && o + 1 < size; p++) {
        buf[o++] = *p;
        if (*p == '[') {
            while (*p && *p != ']')
                p++;
            if (!*p)
                break;
            if (o + 1 < size)
                buf[o++] = ']';
        }
    }
    buf[o] = '\0';
    return buf;
}

/* Both indexes are built once, whichever thread asks first: validation may
 * run on a thread of its own beside the summary (src/cmd_render.c). */
static pthread_once_t index_once = PTHREAD_ONCE_INIT, tree_once = PTHREAD_ONCE_INIT;

const struct schema_field *schema_find(const char *path)
{
    char pat[512];
    pthread_once(&index_once, build_index);
    schema_pattern(path, pat, sizeof pat);
    struct schema_field key = {pat, SCH_MAP, NULL, 0};
    const struct schema_field *kp = &key;
    const struct schema_field **r = bsearch(&kp, sorted, schema_nfields, sizeof sorted[0], cmp_field);
    return r ? *r : NULL;
}

/* The table as a tree, built on first use: each field's children (keys and
 * "[]") by index, the top-level keys under ROOT. */
#define NFIELDS (sizeof schema_fields / sizeof schema_fields[0])
#define ROOT NFIELDS
static short first_child[NFIELDS + 1], next_sibling[NFIELDS], item_of[NFIELDS + 1];
static const char *last_key[NFIELDS];

static void build_tree(void)
{
    for (size_t i = 0; i <= NFIELDS; i++) {
        first_child[i] = -1;
        item_of[i] = -1;
    }
    /* backwards, so that each sibling list is in table order */
    for (size_t i = NFIELDS; i-- > 0;) {
        const char *path = schema_fields[i].path;
        size_t len = strlen(path), plen;
        bool item = len >= 2 && strcmp(path + len - 2, "[]") == 0;
        if (item) {
            plen = len - 2;
        } else {
            const char *dot = strrchr(path, '.');
            plen = dot ? (size_t)(dot - path) : 0;
            last_key[i] = dot ? dot + 1 : path;
        }
        size_t parent = ROOT;
        if (plen) {
            char buf[512];
            memcpy(buf, path, plen);
            buf[plen] = '\0';
            const struct schema_field *pf = schema_find(buf);
            if (!pf)
                continue; /* unreachable by walking (none is: every parent is listed) */
            parent = (size_t)(pf - schema_fields);
        } else if (item) {
            continue;
        }
        if (item) {
            item_of[parent] = (short)i;
        } else {
            next_sibling[i] = first_child[parent];
            first_child[parent] = (short)i;
        }
    }
}

const struct schema_field *schema_child(const struct schema_field *parent, const char *key)
{
    pthread_once(&tree_once, build_tree);
    size_t p = parent ? (size_t)(parent - schema_fields) : ROOT;
    for (short c = first_child[p]; c >= 0; c = next_sibling[c])
        if (last_key[c][0] == key[0] && strcmp(last_key[c], key) == 0)
            return &schema_fields[c];
    return NULL;
}

const struct schema_field *schema_item(const struct schema_field *parent)
{
    pthread_once(&tree_once, build_tree);
    if (!parent)
        return NULL;
    short c = item_of[parent - schema_fields];
    return c >= 0 ? &schema_fields[c] : NULL;
}

int schema_rank(const struct schema_field *f)
{
    if (!f || f < schema_fields || f >= schema_fields + schema_nfields)
        return -1;
    return (int)(f - schema_fields);
}

bool schema_is_text(const char *path)
{
    const struct schema_field *f = schema_find(path);
    return f && f->type == SCH_TEXT;
}

bool schema_enum_has(const char *set, const char *value)
{
    size_t n = strlen(value);
    if (!set || !n)
        return false;
    for (const char *p = set; *p;) {
        size_t k = strcspn(p, "|");
        if (k == n && strncmp(p, value, n) == 0)
            return true;
        p += k;
        if (*p == '|')
            p++;
    }
    return false;
}
