/* formsgen.c - write src/forms_data.c: the wizard's steps compiled into C data.
 *
 * usage: formsgen SRCDIR [forms/start-basic.yaml ...] > src/forms_data.c
 *
 * Built for the build machine and run by make (src/forms.am).  It loads the
 * step files SRCDIR/forms/NN-*.yaml with forms_load_dir - the loader of
 * src/forms.c, through libyaml, with all its checks - and writes what it
 * gives as static const initialisers of struct forms_step, forms_field and
 * forms_choice (forms_builtin_steps), so that forms_load hands them out
 * without parsing anything at run time.  A step file the loader refuses
 * fails the build with the loader's FILE:LINE:COL message.
 *
 * The other arguments, relative to SRCDIR, are embedded as text
 * (forms_blobs, names as given): the starting points, which
 * forms_starting_point loads as agreements.  They are read here once as
 * agreements too, so that a broken one also fails the build.
 *
 * Every member of the structs is written; tests/unit/test_forms_data
 * compares the result with forms_load_dir field by field, so a member added
 * to src/forms.h must be added here and there. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/doc.h"
#include "src/err.h"
#include "src/fileio.h"
#include "src/forms.h"
#include "src/sla_yaml.h"
#include "src/xalloc.h"

/* The enumerators' names, in enum forms_widget's order. */
static const char *const widget_ids[] = {
    "FW_TEXT",       "FW_MULTILINE",  "FW_CHOICE",     "FW_DATE",       "FW_TIME",       "FW_DURATION",
    "FW_PERCENT",    "FW_NUMBER",     "FW_MONEY",      "FW_BOOL",       "FW_ID",         "FW_TEXTLIST",
    "FW_DATELIST",   "FW_DAYS",       "FW_REF",        "FW_REFLIST",    "FW_LIST",
};
_Static_assert(sizeof widget_ids / sizeof *widget_ids == FW_LIST + 1, "a widget without its enumerator's name");

static FILE *out;
static unsigned next_id; /* the number of the next array written */

/* s as a C string literal (or NULL), one literal per line of text.  Bytes
 * from 0x80 up (UTF-8) are written as they are; control characters, '\\',
 * '"' and the first '?' of "??" (no trigraphs) escaped. */
static void put_str(const char *s, const char *indent)
{
    if (!s) {
        fputs("NULL", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\\': fputs("\\\\", out); break;
        case '"': fputs("\\\"", out); break;
        case '?': fputs(p[1] == '?' ? "\\?" : "?", out); break; /* "??" would start a trigraph */
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        case '\n':
            fputs("\\n\"", out);
            if (p[1])
                fprintf(out, "\n%s\"", indent);
            else
                return;
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\%03o", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static unsigned put_choices(const struct forms_choice *cs, size_t n)
{
    unsigned id = next_id++;
    fprintf(out, "static const struct forms_choice choices%u[] = {\n", id);
    for (size_t i = 0; i < n; i++) {
        fputs("    {", out);
        put_str(cs[i].value, "     ");
        fputs(", ", out);
        put_str(cs[i].label, "     ");
        fputs("},\n", out);
    }
    fputs("};\n\n", out);
    return id;
}

/* The arrays a field list refers to first, then the list; its number. */
static unsigned put_fields(const struct forms_field *fs, size_t n)
{
    unsigned *sub = xcalloc(n, sizeof *sub), *chs = xcalloc(n, sizeof *chs);
    for (size_t i = 0; i < n; i++) {
        if (fs[i].nchoices)
            chs[i] = put_choices(fs[i].choices, fs[i].nchoices);
        if (fs[i].nfields)
            sub[i] = put_fields(fs[i].fields, fs[i].nfields);
    }
    unsigned id = next_id++;
    const char *in = "        ";
    fprintf(out, "static const struct forms_field fields%u[] = {\n", id);
    for (size_t i = 0; i < n; i++) {
        const struct forms_field *fl = &fs[i];
        fputs("    {\n        .path = ", out);
        put_str(fl->path, in);
        fprintf(out, ",\n        .widget = %s,\n        .label = ", widget_ids[fl->widget]);
        put_str(fl->label, in);
        fputs(",\n        .question = ", out);
        put_str(fl->question, in);
        fputs(",\n        .hint = ", out);
        put_str(fl->hint, in);
        fputs(",\n        .help = ", out);
        put_str(fl->help, in);
        fprintf(out, ",\n        .applies = 0x%xu,\n        .required = %s,\n", fl->applies,
                fl->required ? "true" : "false");
        if (fl->nchoices)
            fprintf(out, "        .choices = choices%u,\n", chs[i]);
        else
            fputs("        .choices = NULL,\n", out);
        fprintf(out, "        .nchoices = %zu,\n        .ref = ", fl->nchoices);
        put_str(fl->ref, in);
        fputs(",\n        .item_title = ", out);
        put_str(fl->item_title, in);
        fputs(",\n        .id_prefix = ", out);
        put_str(fl->id_prefix, in);
        if (fl->nfields)
            fprintf(out, ",\n        .fields = fields%u,\n", sub[i]);
        else
            fputs(",\n        .fields = NULL,\n", out);
        fprintf(out, "        .nfields = %zu,\n        .required_in = 0x%xu,\n    },\n", fl->nfields,
                fl->required_in);
    }
    fputs("};\n\n", out);
    free(sub);
    free(chs);
    return id;
}

static void put_steps(const struct forms *f)
{
    unsigned *fid = xcalloc(f->nsteps ? f->nsteps : 1, sizeof *fid);
    for (size_t i = 0; i < f->nsteps; i++)
        if (f->steps[i].nfields)
            fid[i] = put_fields(f->steps[i].fields, f->steps[i].nfields);
    const char *in = "        ";
    fputs("const struct forms_step forms_builtin_steps[] = {\n", out);
    for (size_t i = 0; i < f->nsteps; i++) {
        const struct forms_step *s = &f->steps[i];
        fputs("    {\n        .id = ", out);
        put_str(s->id, in);
        fprintf(out, ",\n        .number = %d,\n        .title = ", s->number);
        put_str(s->title, in);
        fputs(",\n        .short_title = ", out);
        put_str(s->short_title, in);
        fputs(",\n        .help = ", out);
        put_str(s->help, in);
        fprintf(out, ",\n        .applies = 0x%xu,\n", s->applies);
        if (s->nfields)
            fprintf(out, "        .fields = fields%u,\n", fid[i]);
        else
            fputs("        .fields = NULL,\n", out);
        fprintf(out, "        .nfields = %zu,\n    },\n", s->nfields);
    }
    fprintf(out, "};\nconst size_t forms_builtin_nsteps = %zu;\n\n", f->nsteps);
    free(fid);
}

static int fail(const struct err *e)
{
    char m[2200];
    err_format(e, m, sizeof m);
    fprintf(stderr, "%s\n", m);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: formsgen SRCDIR [FILE...] > src/forms_data.c\n", stderr);
        return 2;
    }
    const char *srcdir = argv[1];
    out = stdout;
    struct err e;
    struct forms f;
    char *dir = xasprintf("%s/forms", srcdir);
    int rc = forms_load_dir(&f, dir, &e);
    free(dir);
    if (rc < 0)
        return fail(&e);

    fputs("/* Generated by forms/formsgen from the files in forms/.  Do not edit. */\n"
          "#include \"config.h\"\n\n#include <stddef.h>\n\n#include \"src/forms.h\"\n\n",
          out);
    put_steps(&f);
    forms_free(&f);

    int n = argc - 2;
    for (int i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", srcdir, argv[i + 2]);
        char *data = NULL;
        size_t len = 0;
        struct doc_node *root = NULL;
        if (fileio_read(path, 1 << 20, &data, &len, NULL, &e) < 0 ||
            sla_yaml_load_buffer(path, data, len, NULL, &root, NULL, &e) < 0) {
            free(data);
            free(path);
            return fail(&e);
        }
        doc_free(root);
        if (memchr(data, '\0', len)) { /* the literal would end there */
            fprintf(stderr, "%s: a NUL byte\n", path);
            free(data);
            free(path);
            return 1;
        }
        fprintf(out, "static const char blob%d[] =\n    ", i);
        put_str(data, "    ");
        fputs(";\n\n", out);
        free(data);
        free(path);
    }
    fputs("const struct forms_blob forms_blobs[] = {\n", out);
    for (int i = 0; i < n; i++) {
        fputs("    {", out);
        put_str(argv[i + 2], "");
        fprintf(out, ", blob%d, sizeof blob%d - 1},\n", i, i);
    }
    if (n == 0)
        fputs("    {0, 0, 0},\n", out);
    fprintf(out, "};\nconst size_t forms_nblobs = %d;\n", n);
    if (fflush(out) != 0 || ferror(out)) {
        perror("formsgen: writing");
        return 1;
    }
    return 0;
}
