/* test_spell_load.c - loading a dictionary in the background
 * (spell_load_start/spell_load_finish) gives the same speller as
 * spell_open_lang: the same name, the same verdict on every word and the
 * same suggestions, on thousands of generated words, for a UTF-8 and a
 * Latin-1 dictionary and, when installed, es_ES; the same error when no
 * dictionary is found; the descriptor becomes readable when the loading
 * ends; several loaders at once; a loader abandoned while it loads
 * (spell_load_abandon, a fatal signal) is not waited for, one abandoned
 * once done is freed at once (the sanitizer build's leak check sees both:
 * the detached worker frees what it holds). */
#include "config.h"

#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "src/spell.h"
#include "src/xalloc.h"
#include "tests/tap.h"

static char tmpdir[] = "/tmp/test_spell_load.XXXXXX";

/* ---- generated words ---------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

struct words {
    char **v;
    size_t n, cap;
};

static void add(struct words *w, const char *s)
{
    w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
    w->v[w->n++] = xstrdup(s);
}

static void words_free(struct words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
}

/* The stems of a .dic file (every step-th entry, flags dropped), in the
 * dictionary's own bytes: Latin-1 stems are converted by the caller. */
static void dic_stems(const char *dic, size_t step, struct words *out)
{
    FILE *f = fopen(dic, "r");
    if (!f)
        return;
    char line[512];
    size_t i = 0;
    if (!fgets(line, sizeof line, f)) { /* the count */
        fclose(f);
        return;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "/\t\r\n")] = 0;
        if (line[0] && i++ % step == 0)
            add(out, line);
    }
    fclose(f);
}

/* Letters used to mutate words: ASCII and Spanish accents (UTF-8). */
static const char *const letters[] = {"a", "e", "i", "o", "u", "s", "r", "n", "l", "c", "t", "á", "é", "í",
                                      "ó", "ú", "ñ", "ü", "-", "'", "’", "A", "S", "Ñ"};

/* Variants of a word: itself, capitalised, all capitals, a letter dropped,
 * replaced, inserted, two letters swapped, a hyphenated pair. */
static void mutate(const char *w, const struct words *pool, struct words *out)
{
    size_t n = strlen(w);
    char buf[1200];
    add(out, w);
    snprintf(buf, sizeof buf, "%s", w);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    add(out, buf);
    for (size_t i = 0; i < n && i < sizeof buf - 1; i++)
        buf[i] = (w[i] >= 'a' && w[i] <= 'z') ? (char)(w[i] - 'a' + 'A') : w[i];
    buf[n < sizeof buf - 1 ? n : sizeof buf - 1] = 0;
    add(out, buf);
    if (n == 0)
        return;
    for (int k = 0; k < 3; k++) {
        size_t at = rnd((unsigned)n);
        const char *l = letters[rnd(sizeof letters / sizeof letters[0])];
        switch (k) {
        case 0: snprintf(buf, sizeof buf, "%.*s%s", (int)at, w, w + at + 1); break;
        case 1: snprintf(buf, sizeof buf, "%.*s%s%s", (int)at, w, l, w + at + 1); break;
        default: snprintf(buf, sizeof buf, "%.*s%s%s", (int)at, w, l, w + at); break;
        }
        add(out, buf);
    }
    if (n >= 2) {
        size_t at = rnd((unsigned)(n - 1));
        snprintf(buf, sizeof buf, "%s", w);
        char c = buf[at];
        buf[at] = buf[at + 1];
        buf[at + 1] = c;
        add(out, buf);
    }
    if (pool->n) {
        snprintf(buf, sizeof buf, "%s-%s", w, pool->v[rnd((unsigned)pool->n)]);
        add(out, buf);
    }
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- the comparison ----------------------------------------------------- */

static struct spell *load_bg(const char *lang, const char *dict, struct err *e)
{
    struct spell_loader *ld = spell_load_start(lang, dict);
    int fd = spell_load_fd(ld);
    if (fd >= 0) {
        struct pollfd p = {fd, POLLIN, 0};
        ok(poll(&p, 1, 60000) == 1 && spell_load_done(ld), "%s: the descriptor becomes readable when loaded",
           dict ? dict : lang);
    }
    return spell_load_finish(ld, e);
}

static void compare(const char *lang, const char *dict, const struct words *stems, size_t nsugg)
{
    const char *what = dict ? dict : lang;
    struct err e1, e2;
    struct spell *a = spell_open_lang(lang, dict, &e1);
    struct spell *b = load_bg(lang, dict, &e2);
    if (!ok(a && b, "%s: both ways open the dictionary (%s%s)", what, a ? "" : e1.msg, b ? "" : e2.msg)) {
        spell_close(a);
        spell_close(b);
        return;
    }
    is_str(spell_dict_name(b), spell_dict_name(a), "%s: the same dictionary", what);
    struct words w = {0};
    for (size_t i = 0; i < stems->n; i++)
        mutate(stems->v[i], stems, &w);
    add(&w, "personalísima");
    size_t differ = 0, good = 0, sdiffer = 0;
    const char *first = NULL;
    for (size_t i = 0; i < w.n; i++) {
        bool x = spell_check_word(a, w.v[i], strlen(w.v[i]));
        bool y = spell_check_word(b, w.v[i], strlen(w.v[i]));
        good += x;
        if (x != y) {
            differ++;
            if (!first)
                first = w.v[i];
        }
    }
    ok(differ == 0 && good > 0 && good < w.n, "%s: the same verdict on all %zu words (%zu correct)%s%s", what, w.n,
       good, first ? ", first difference: " : "", first ? first : "");
    for (size_t i = 0; i < w.n && i < nsugg * 7; i += 7) {
        char **la, **lb;
        size_t na = spell_suggest(a, w.v[i], 0, &la), nb = spell_suggest(b, w.v[i], 0, &lb);
        bool same = na == nb;
        for (size_t k = 0; same && k < na; k++)
            same = strcmp(la[k], lb[k]) == 0;
        sdiffer += !same;
        spell_list_free(la);
        spell_list_free(lb);
    }
    ok(sdiffer == 0, "%s: the same suggestions for %zu words", what, nsugg < (w.n + 6) / 7 ? nsugg : (w.n + 6) / 7);
    ok(spell_check_word(b, "personalísima", strlen("personalísima")),
       "%s: the personal dictionary is loaded in the background too", what);
    words_free(&w);
    spell_close(a);
    spell_close(b);
}

int main(void)
{
    const char *srcdir = getenv("top_srcdir");
    if (!srcdir || !*srcdir)
        srcdir = ".";
    if (!mkdtemp(tmpdir))
        skip_all("cannot make a temporary folder");
    /* A personal dictionary with one word, the fixtures in DICPATH. */
    char *xdg = xasprintf("%s/xdg", tmpdir), *pd = xasprintf("%s/pacta", xdg);
    mkdir(xdg, 0700);
    mkdir(pd, 0700);
    char *pf = xasprintf("%s/dictionary.txt", pd);
    FILE *f = fopen(pf, "w");
    if (f) {
        fputs("personalísima\n", f);
        fclose(f);
    }
    setenv("XDG_DATA_HOME", xdg, 1);
    char *dicdir = xasprintf("%s/tests/data/dict", srcdir);
    setenv("DICPATH", dicdir, 1);

    /* The tiny UTF-8 fixture: every stem and its variants. */
    struct words tiny = {0};
    char *tdic = xasprintf("%s/tiny.dic", dicdir);
    dic_stems(tdic, 1, &tiny);
    add(&tiny, "servisio");
    add(&tiny, "señales");
    compare("es", "tiny", &tiny, 40);
    words_free(&tiny);

    /* The Latin-1 fixture: words go through iconv both ways. */
    struct words lat = {0};
    char *ldic = xasprintf("%s/latin1.dic", dicdir);
    dic_stems(ldic, 1, &lat); /* señal servicio camión, in Latin-1 */
    free(ldic);
    for (size_t i = 0; i < lat.n; i++) { /* Latin-1 -> UTF-8 */
        char u[256], *o = u;
        for (const unsigned char *p = (const unsigned char *)lat.v[i]; *p && o < u + sizeof u - 3; p++)
            if (*p < 0x80)
                *o++ = (char)*p;
            else {
                *o++ = (char)(0xC0 | (*p >> 6));
                *o++ = (char)(0x80 | (*p & 0x3F));
            }
        *o = 0;
        free(lat.v[i]);
        lat.v[i] = xstrdup(u);
    }
    add(&lat, "camion");
    add(&lat, "servisio");
    compare("es", "latin1", &lat, 10);
    words_free(&lat);

    /* es_ES, when installed: a sample of its entries and their variants. */
    unsetenv("DICPATH");
    if (access("/usr/share/hunspell/es_ES.dic", R_OK) == 0 && access("/usr/share/hunspell/es_ES.aff", R_OK) == 0) {
        struct words es = {0};
        dic_stems("/usr/share/hunspell/es_ES.dic", 150, &es);
        compare("es", NULL, &es, 10);
        words_free(&es);
    } else {
        ok(1, "# SKIP es_ES is not installed (hunspell-es)");
    }

    /* No dictionary: the same error, at once or in the background. */
    {
        struct err e1, e2;
        struct spell *a = spell_open_lang("zz", NULL, &e1);
        struct spell *b = load_bg("zz", NULL, &e2);
        ok(!a && !b, "no dictionary for zz either way");
        is_str(e2.msg, e1.msg, "the same message: %s", e1.msg);
        is_str(e2.file, e1.file, "the same file");
        struct spell *c = load_bg("es", "/nonexistent/zz", &e2);
        spell_open_lang("es", "/nonexistent/zz", &e1);
        ok(!c, "a missing --dict path fails in the background too");
        is_str(e2.msg, e1.msg, "the same message: %s", e1.msg);
    }

    /* Several loaders at once, finished in another order. */
    {
        setenv("DICPATH", dicdir, 1);
        struct spell_loader *l[4];
        for (int i = 0; i < 4; i++)
            l[i] = spell_load_start("es", i % 2 ? "tiny" : "latin1");
        int opened = 0;
        for (int i = 3; i >= 0; i--) {
            struct err e;
            struct spell *sp = spell_load_finish(l[i], &e);
            opened += sp && strcmp(spell_dict_name(sp), i % 2 ? "tiny" : "latin1") == 0;
            spell_close(sp);
        }
        ok(opened == 4, "four loaders at once, each with its dictionary");
    }

    /* Abandoned: while loading (slowed down to a second), nothing waits;
     * once done, it is freed at once.  A slowed-down loading still gives
     * the dictionary. */
    {
        setenv("DICPATH", dicdir, 1);
        setenv("PACTA_TEST_SPELL_DELAY_MS", "1000", 1);
        long t0 = now_ms();
        struct spell_loader *ld = spell_load_start("es", "tiny");
        ok(!spell_load_done(ld), "with PACTA_TEST_SPELL_DELAY_MS the loading is not done at once");
        spell_load_abandon(ld);
        long took = now_ms() - t0;
        ok(took < 500, "abandoning a loading does not wait for it (%ld ms of 1000)", took);
        t0 = now_ms();
        struct err e;
        struct spell *sp = spell_load_finish(spell_load_start("es", "tiny"), &e);
        took = now_ms() - t0;
        ok(sp && strcmp(spell_dict_name(sp), "tiny") == 0 && took >= 1000,
           "a slowed-down loading waits and gives the dictionary (%ld ms)", took);
        spell_close(sp);
        unsetenv("PACTA_TEST_SPELL_DELAY_MS");
        ld = spell_load_start("es", "tiny");
        int fd = spell_load_fd(ld);
        struct pollfd p = {fd, POLLIN, 0};
        ok(fd < 0 || (poll(&p, 1, 60000) == 1 && spell_load_done(ld)), "a loading without delay ends");
        spell_load_abandon(ld);
        ok(1, "a loader abandoned once done is freed at once");
        /* the first one, detached, has ended by now and freed itself */
        struct timespec rest = {0, 300 * 1000000L};
        nanosleep(&rest, NULL);
    }

    remove(pf);
    rmdir(pd);
    rmdir(xdg);
    rmdir(tmpdir);
    free(pf);
    free(pd);
    free(xdg);
    free(tdic);
    free(dicdir);
    return done_testing();
}
