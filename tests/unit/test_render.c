/* test_render.c - the printable document, its four syntaxes, and spawn. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/render.h"
#include "src/spawn.h"
#include "src/text.h"
#include "tests/tap.h"

/* The sample document is built in steps, so that it can be written out
 * while it is still being built (render_stream_more between the steps). */
static bool sample_step(struct render_doc *d, int k)
{
    switch (k) {
    case 0: render_heading(d, 1, "Parties and term"); return true;
    case 1: render_kv(d, "Provider", "<script>alert(1)</script>"); return true;
    case 2: render_kv(d, "Client", "Panader\xc3\xad" "a L\xc3\xb3pez S.L."); return true;
    case 3: render_kv(d, "A very long key that does not fit in the key column", "value"); return true;
    case 4: render_kv(d, "Empty", NULL); return true;
    case 5: {
        render_para(d, "# not a heading\n1. not a list, *not emphasis*, [not a link](x) | pipe \\ backslash");
        return true;
    }
    case 6: {
        render_para(d, "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97 wide "
                       "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97"
                       "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97"
                       "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97"
                       "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97"
                       "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97 end");
        return true;
    }
    case 7: render_bullet(d, "first"); return true;
    case 8: render_bullet(d, ".starts with a dot"); return true;
    case 9: {
        const char *h[] = {"Level", "Target", "Downtime allowed, in words, which is a long header"};
        render_table(d, 3, h);
        return true;
    }
    case 10: {
        const char *r1[] = {"POS availability", "99.5%", "3 h 43 min 12 s per month"};
        render_row(d, r1);
        return true;
    }
    case 11: {
        const char *r2[] = {"Supercalifragilisticexpialidocious-and-then-some-more-letters", "T}", NULL};
        render_row(d, r2);
        return true;
    }
    case 12: render_check(d, false, "Who is the provider?", "The company that gives the service."); return true;
    case 13: render_answer(d, "Soluciones Ana P\xc3\xa9rez"); return true;
    case 14: render_check(d, true, "Term?", NULL); return true;
    case 15: render_lines(d, 2); return true;
    case 16: render_pagebreak(d); return true;
    case 17: render_heading(d, 2, "Signatures"); return true;
    case 18: render_signature(d, "Provider", "Ana P\xc3\xa9rez", "Manager", NULL); return true;
    case 19: render_signature(d, "Client", "Luis", NULL, "2027-01-01"); return true;
    default:
        return false;
    }
}

static struct render_doc *sample_head(void)
{
    struct render_doc *d = render_new("en", "Support for <Bakery> & \"Co\"");
    render_subtitle(d, "Draft \xc2\xb7 version 3");
    return d;
}

static struct render_doc *sample(void)
{
    struct render_doc *d = sample_head();
    for (int k = 0; sample_step(d, k); k++)
        ;
    return d;
}

static void check_text(const char *s)
{
    int too_wide = 0, lines = 0, pages = 1, long_page = 0, page_lines = 0;
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char *line = strndup(p, n);
        if (line[0] == '\f') {
            pages++;
            page_lines = 0;
        }
        if (text_width(line[0] == '\f' ? line + 1 : line) > 80) {
            too_wide++;
            diag("too wide: %s", line);
        }
        free(line);
        lines++;
        if (++page_lines > RENDER_TEXT_PAGE_LINES)
            long_page++;
        p += n;
        if (*p)
            p++;
    }
    is_int(too_wide, 0, "text: no line wider than 80 display columns (%d lines)", lines);
    is_int(long_page, 0, "text: no page longer than %d lines", RENDER_TEXT_PAGE_LINES);
    is_int(pages, 2, "text: the page break gives two pages");
    ok(strstr(s, "Page 1") != NULL && strstr(s, "\fSupport for <Bakery>") != NULL &&
           strstr(s, "Page 2\n") != NULL,
       "text: each page has a header with the title and page number");
    ok(strstr(s, "<script>alert(1)</script>") != NULL, "text: values as written");
    ok(strstr(s, "[ ] Who is the provider?") != NULL && strstr(s, "[x] Term?") != NULL, "text: checkboxes");
    ok(strstr(s, "    The company that gives the service.") != NULL, "text: hint under the question");
    ok(strstr(s, "    ____") != NULL, "text: blank answer lines");
    ok(strstr(s, "Supercalifragilistic") != NULL, "text: a long word is cut, not lost");
}

static void check_md(const char *s)
{
    ok(strncmp(s, "# Support for \\<Bakery\\> \\& \"Co\"\n", 33) == 0, "md: title escaped");
    ok(strstr(s, "\\<script\\>alert(1)\\</script\\>") != NULL, "md: html in values escaped");
    ok(strstr(s, "\\# not a heading\\\n1\\. not a list, \\*not emphasis\\*, \\[not a link\\](x) \\| pipe \\\\ "
                 "backslash") != NULL,
       "md: markup characters escaped");
    ok(strstr(s, "| Level | Target |") != NULL && strstr(s, "| --- | --- | --- |") != NULL, "md: pipe table");
    ok(strstr(s, "| T} |") != NULL, "md: cell text kept");
    ok(strstr(s, "- [ ] Who is the provider?") != NULL, "md: task item");
    ok(strstr(s, "- **Empty:** \xe2\x80\x94") != NULL, "md: empty value is a dash");
    ok(s[strlen(s) - 1] == '\n' && s[strlen(s) - 2] != '\n', "md: ends with one newline");
}

static void check_html(const char *s)
{
    ok(strncmp(s, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0, "html: doctype and lang");
    ok(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL, "html: values escaped");
    ok(strstr(s, "<script") == NULL, "html: no script element");
    ok(strstr(s, "<title>Support for &lt;Bakery&gt; &amp; &quot;Co&quot;</title>") != NULL, "html: title");
    ok(strstr(s, "@media print") != NULL, "html: inline print stylesheet");
    ok(strstr(s, "<link") == NULL && strstr(s, "src=") == NULL, "html: self-contained");
    ok(strstr(s, "</body>\n</html>\n") != NULL, "html: complete");
}

static void check_troff(const char *s)
{
    ok(strstr(s, "\n.TL\n\\&Support for <Bakery> & \"Co\"\n") != NULL, "troff: title");
    ok(strstr(s, "\n\\&.starts with a dot\n") != NULL, "troff: a leading dot is not a request");
    ok(strstr(s, "\\&T}") != NULL, "troff: a cell holding T} does not end the block");
    ok(strstr(s, "\\e backslash") != NULL, "troff: backslash escaped");
    ok(strstr(s, "\n.bp\n") != NULL, "troff: page break");
}

static void test_spawn(void)
{
    struct err e;
    int status, en;
    /* Feed more than a pipe holds while reading as much back: no deadlock. */
    size_t big = 1 << 20;
    char *in = malloc(big);
    for (size_t i = 0; i < big; i++)
        in[i] = (char)('a' + i % 26);
    const char *cat[] = {"cat", NULL};
    struct spawn_io io = {.in = in, .inlen = big, .capture_out = true, .capture_err = true};
    is_int(spawn_run(cat, &io, &status, &en, &e), 0, "spawn: cat runs");
    is_int(status, 0, "spawn: exit status 0");
    ok(io.outlen == big && memcmp(io.out, in, big) == 0, "spawn: 1 MiB through stdin and stdout");
    free(io.out);
    free(io.errout);
    free(in);

    const char *sh[] = {"sh", "-c", "echo oops >&2; exit 3", NULL};
    struct spawn_io io2 = {.capture_out = true, .capture_err = true};
    is_int(spawn_run(sh, &io2, &status, &en, &e), 0, "spawn: sh runs");
    is_int(status, 3, "spawn: exit status passed back");
    is_str(io2.errout, "oops\n", "spawn: stderr captured");
    free(io2.out);
    free(io2.errout);

    const char *none[] = {"pacta-no-such-program-xyz", NULL};
    struct spawn_io io3 = {.capture_out = true};
    is_int(spawn_run(none, &io3, &status, &en, &e), -1, "spawn: a missing program is an error");
    is_int(en, ENOENT, "spawn: ENOENT for a missing program");
    ok(strstr(e.msg, "pacta-no-such-program-xyz") != NULL, "spawn: the message names it");
    ok(!spawn_have("pacta-no-such-program-xyz") && spawn_have("sh"), "spawn_have");

    size_t argc;
    char **v = spawn_split("vim -u 'NO NE' \"a \\\"b\\\"\" c\\ d", 1, &argc);
    ok(v && argc == 5 && strcmp(v[2], "NO NE") == 0 && strcmp(v[3], "a \"b\"") == 0 &&
           strcmp(v[4], "c d") == 0 && v[5] == NULL,
       "spawn_split: quotes and escapes");
    spawn_argv_free(v);
    ok(spawn_split("  ", 0, &argc) == NULL && spawn_split("a 'b", 0, &argc) == NULL,
       "spawn_split: empty and unbalanced lines");
}

/* render_emit_fd writes through a window that is flushed when full: the
 * bytes must be exactly render_emit's, wherever the window boundaries fall
 * (long documents, runs of newlines, Markdown's final trimming). */
static void test_stream(struct render_doc *d, const char *what)
{
    static const enum render_format fmts[] = {RENDER_TEXT, RENDER_MD, RENDER_HTML, RENDER_TROFF};
    static const char *const names[] = {"text", "md", "html", "troff"};
    for (size_t k = 0; k < 4; k++) {
        char *mem;
        size_t memlen;
        render_emit(d, fmts[k], &mem, &memlen);
        FILE *t = tmpfile();
        int rc = t ? render_emit_fd(d, fmts[k], fileno(t)) : -1;
        char *got = malloc(memlen + 2);
        size_t gotlen = 0;
        if (t && got) {
            rewind(t);
            gotlen = fread(got, 1, memlen + 1, t);
        }
        ok(rc == 0 && gotlen == memlen && got && memcmp(got, mem, memlen) == 0,
           "stream %s, %s: %zu bytes as in memory (%zu)", names[k], what, gotlen, memlen);
        free(got);
        free(mem);
        if (t)
            fclose(t);
    }
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        errno = 0;
        ok(render_emit_fd(d, RENDER_TEXT, fileno(full)) == -1 && errno == ENOSPC,
           "stream, %s: a failed write is reported with its errno", what);
        fclose(full);
    }
}

/* render_stream_more while the document is still being built: whichever
 * steps it is called between, the bytes are render_emit's of the whole
 * document, in memory and through a file descriptor. */
static void test_incremental(void)
{
    static const enum render_format fmts[] = {RENDER_TEXT, RENDER_MD, RENDER_HTML, RENDER_TROFF};
    static const char *const names[] = {"text", "md", "html", "troff"};
    struct render_doc *whole = sample();
    for (size_t k = 0; k < 4; k++) {
        char *want;
        size_t wantlen;
        render_emit(whole, fmts[k], &want, &wantlen);
        size_t bad = 0, tries = 0;
        /* more after every step, every 2nd, ..., every 7th, and never; each
         * pattern also from every starting step */
        for (int every = 1; every <= 8; every++) {
            for (int from = 0; from < every; from++, tries++) {
                struct render_doc *d = sample_head();
                bool to_fd = (every + from) % 2;
                FILE *t = to_fd ? tmpfile() : NULL;
                if (to_fd && !t) {
                    bad++;
                    render_free(d);
                    continue;
                }
                struct render_stream *st = render_stream_new(d, fmts[k], to_fd ? fileno(t) : -1);
                for (int step = 0; sample_step(d, step); step++)
                    if (every < 8 && step % every == from)
                        render_stream_more(st);
                char *got = NULL;
                size_t gotlen = 0;
                int rc = render_stream_end(st, &got, &gotlen);
                if (to_fd) {
                    got = malloc(wantlen + 2);
                    rewind(t);
                    gotlen = got ? fread(got, 1, wantlen + 1, t) : 0;
                    fclose(t);
                }
                if (rc != 0 || !got || gotlen != wantlen || memcmp(got, want, wantlen) != 0)
                    bad++;
                free(got);
                render_free(d);
            }
        }
        ok(bad == 0, "stream %s while building: %zu ways of calling more give render_emit's %zu bytes", names[k],
           tries, wantlen);
        free(want);
    }
    render_free(whole);
}

int main(void)
{
    (void)skip_all; /* every check here can run */
    struct render_doc *d = sample();
    char *s;
    size_t n;
    render_emit(d, RENDER_TEXT, &s, &n);
    check_text(s);
    free(s);
    render_emit(d, RENDER_MD, &s, &n);
    check_md(s);
    free(s);
    render_emit(d, RENDER_HTML, &s, &n);
    check_html(s);
    free(s);
    render_emit(d, RENDER_TROFF, &s, &n);
    check_troff(s);
    free(s);

    enum render_format f;
    ok(render_format_parse("md", &f) == 0 && f == RENDER_MD && render_format_parse("pdf", &f) == 0 &&
           f == RENDER_PDF && render_format_parse("doc", &f) == -1,
       "format names");

    test_stream(d, "the sample");
    test_incremental();
    struct render_doc *big = render_new("es", "Largo");
    char para[700];
    for (int i = 0; i < 3000; i++) {
        snprintf(para, sizeof para,
                 "Párrafo %d: el proveedor atiende las incidencias de prioridad alta en menos de cuatro horas "
                 "laborables, y las demás en el siguiente día hábil; %s",
                 i, i % 7 == 0 ? "con salto\n\n\nde líneas" : "sin más.");
        if (i % 50 == 0)
            render_heading(big, 1 + i % 2, para);
        else if (i % 3 == 0)
            render_bullet(big, para);
        else
            render_para(big, para);
        if (i % 500 == 0)
            render_pagebreak(big);
    }
    render_lines(big, 40);
    test_stream(big, "3000 paragraphs");
    render_free(big);

    test_spawn();

    if (spawn_have("groff")) {
        struct err e;
        bool missing;
        if (render_pdf(d, &s, &n, &missing, &e) == 0) {
            ok(n > 4 && memcmp(s, "%PDF", 4) == 0, "pdf: groff made a PDF");
            free(s);
        } else {
            ok(0, "pdf: groff failed: %s", e.msg);
        }
    } else {
        diag("groff not installed: PDF not checked here");
    }
    setenv("PACTA_GROFF", "pacta-no-such-groff", 1);
    {
        struct err e;
        bool missing;
        ok(render_pdf(d, &s, &n, &missing, &e) == -1 && missing && strstr(e.msg, "groff") != NULL,
           "pdf: a missing groff is reported, naming the package");
    }
    render_free(d);
    return done_testing();
}
