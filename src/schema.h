/* schema.h - every field of the agreement file (format v1), as one table.
 *
 * The table gives each known field its path pattern ("service_levels[].target":
 * "[]" stands for any index), its type, and its canonical position: the
 * order of the table is the order in which the saver writes a map's known
 * keys.  Validation checks values against the types here; the saver chooses
 * quoting from them; the spell checker visits the free-text fields. */
#ifndef PACTA_SCHEMA_H
#define PACTA_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

enum schema_type {
    SCH_MAP,      /* a mapping of known keys */
    SCH_LIST,     /* a sequence of mappings (items with ids) */
    SCH_TEXT,     /* free text: always quoted or a literal block when written */
    SCH_WORD,     /* a short code written plain when safe (apiVersion, timezone, language) */
    SCH_ID,       /* a slug unique in its list */
    SCH_REF,      /* the id of an item of the list(s) named in arg */
    SCH_ENUM,     /* one of the values in arg ("a|b|c") */
    SCH_INT,      /* a whole number */
    SCH_NUMBER,   /* a decimal number */
    SCH_DATE,     /* YYYY-MM-DD */
    SCH_TIME,     /* "HH:MM", quoted */
    SCH_DURATION, /* 30m 4h 2d 1w 1M 1Q 1Y */
    SCH_MONEY,    /* a decimal string "450.00", quoted */
    SCH_BOOL,     /* true / false */
    SCH_CURRENCY, /* ISO 4217 code */
    SCH_TEXTLIST, /* a sequence of free texts (block style) */
    SCH_REFLIST,  /* a sequence of ids (flow style) */
    SCH_DATELIST, /* a sequence of dates (flow style) */
    SCH_ENUMLIST, /* a sequence of enum values (flow style) */
};

enum {
    SCH_NULLABLE = 1 << 0, /* null is a valid value ("not yet") */
};

struct schema_field {
    const char *path;      /* pattern */
    enum schema_type type;
    const char *arg;       /* ENUM/ENUMLIST: "a|b|c"; REF/REFLIST: "list|list" */
    unsigned flags;
};

/* The field for a concrete path ("needs[3].id") or a pattern ("needs[].id");
 * NULL when the schema does not know it. */
const struct schema_field *schema_find(const char *path);
/* Walking down a tree without building paths: the known field of key under
 * the known field parent (NULL parent: a key of the top-level map), and the
 * field of an item of the list parent.  NULL when the schema does not know
 * it.  For a key without '.', '[' or ']', schema_child(schema_find(P), key)
 * is schema_find(P + "." + key) (and of "[]" for schema_item); every
 * field's parent is in the table, so an unknown parent has no known
 * children. */
const struct schema_field *schema_child(const struct schema_field *parent, const char *key);
const struct schema_field *schema_item(const struct schema_field *parent);
/* Write the pattern of a concrete path into buf ("a[3].b" -> "a[].b"). */
const char *schema_pattern(const char *path, char *buf, size_t size);
/* The canonical rank of a known field (its index in the table), or -1. */
int schema_rank(const struct schema_field *f);
/* Is the field at path free text (spelling, quoting)?  Items of text lists
 * count. */
bool schema_is_text(const char *path);
/* Does value belong to the "a|b|c" set? */
bool schema_enum_has(const char *set, const char *value);
/* The whole table, in canonical order. */
extern const struct schema_field schema_fields[];
extern const size_t schema_nfields;

#endif
