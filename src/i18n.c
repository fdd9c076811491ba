/* i18n.c - binding the text domain; translating into a chosen language.
 *
 * The screens speak the user's language through gettext and the locale.
 * Outputs (summary, checklist, scorecard) speak the agreement's language,
 * whatever the screen language and whatever locales the machine has
 * installed: for those, i18n_lang() reads the same compiled catalogue
 * (LOCALEDIR/LANG/LC_MESSAGES/pacta.mo) directly.  The .mo format is small
 * and stable (GNU gettext manual, "The Format of GNU MO Files"): a sorted
 * table of original strings searched by bisection. */
#include "config.h"

#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/i18n.h"
#include "src/xalloc.h"

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MO_MAX_SIZE (8u << 20)

/* Where the catalogues are: $PACTA_LOCALEDIR when set; else, for a program
 * run where it was built (./pacta after ./bootstrap, never installed), the
 * build tree's locale/ beside it, recognised by its Spanish catalogue; else
 * the configured LOCALEDIR.  Without the second, the README's quick start
 * spoke only English until `make install`.  An installed pacta has no
 * locale/ folder beside it (bindir), so it reads LOCALEDIR.  Worked out
 * once (pthread_once: i18n_lang may be first asked from any thread). */
static char dir_buf[4096];
static const char *dir = LOCALEDIR;
static pthread_once_t dir_once = PTHREAD_ONCE_INIT;

static void find_dir(void)
{
    const char *env = getenv("PACTA_LOCALEDIR");
    if (env && *env) {
        dir = env;
        return;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    char probe[sizeof exe + 64];
    snprintf(probe, sizeof probe, "%s/locale/es/LC_MESSAGES/pacta.mo", exe);
    if (access(probe, R_OK) == 0 && (size_t)snprintf(dir_buf, sizeof dir_buf, "%s/locale", exe) < sizeof dir_buf)
        dir = dir_buf;
}

static const char *locale_dir(void)
{
    pthread_once(&dir_once, find_dir);
    return dir;
}

void i18n_init(void)
{
    bindtextdomain("pacta", locale_dir());
    bind_textdomain_codeset("pacta", "UTF-8");
    textdomain("pacta");
}

struct catalog {
    char lang[16];
    unsigned char *data; /* NULL: no catalogue for this language */
    size_t size;
    bool swapped;
    uint32_t n, orig, trans;
};

/* Catalogues are added, never changed or removed once published: a reader
 * scans the first ncatalogs entries without a lock (the summary and the
 * validation may ask from two threads); adding one takes the lock and
 * publishes the finished entry by raising ncatalogs. */
static struct catalog catalogs[8];
static atomic_size_t ncatalogs;
static pthread_mutex_t catalogs_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t get32(const struct catalog *c, size_t off)
{
    if (off + 4 > c->size)
        return 0;
    uint32_t v;
    memcpy(&v, c->data + off, 4);
    if (c->swapped)
        v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
    return v;
}

/* Load LOCALEDIR/name/LC_MESSAGES/pacta.mo into c. */
static void load_catalog(struct catalog *c, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/pacta.mo", locale_dir(), name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    unsigned char *buf = xmalloc(MO_MAX_SIZE);
    size_t n = fread(buf, 1, MO_MAX_SIZE, f);
    fclose(f);
    c->data = buf;
    c->size = n;
    uint32_t magic;
    if (n < 28) {
        goto bad;
    }
    memcpy(&magic, buf, 4);
    if (magic == MO_MAGIC_SWAPPED)
        c->swapped = true;
    else if (magic != MO_MAGIC)
        goto bad;
    c->n = get32(c, 8);
    c->orig = get32(c, 12);
    c->trans = get32(c, 16);
    if ((size_t)c->orig + (size_t)c->n * 8 > n || (size_t)c->trans + (size_t)c->n * 8 > n)
        goto bad;
    return;
bad:
    free(buf);
    c->data = NULL;
    c->size = 0;
}

static struct catalog *find_catalog(const char *lang, size_t n, size_t have)
{
    for (size_t i = 0; i < have; i++)
        if (!strncmp(catalogs[i].lang, lang, n) && catalogs[i].lang[n] == '\0')
            return &catalogs[i];
    return NULL;
}

static struct catalog *catalog_for(const char *lang)
{
    /* Called for every string of an output: the common case, a language
     * already looked up, is found without copying anything. */
    size_t n = strcspn(lang, ".@");
    struct catalog *c = find_catalog(lang, n, atomic_load_explicit(&ncatalogs, memory_order_acquire));
    if (c)
        return c;
    pthread_mutex_lock(&catalogs_lock);
    size_t have = atomic_load_explicit(&ncatalogs, memory_order_relaxed);
    c = find_catalog(lang, n, have); /* another thread may have added it */
    if (!c && have < sizeof catalogs / sizeof catalogs[0]) {
        char want[16];
        /* "es_ES.UTF-8" -> "es" is tried after the full code */
        snprintf(want, sizeof want, "%.*s", (int)n, lang);
        c = &catalogs[have];
        memset(c, 0, sizeof *c);
        /* c->lang is the code asked for, so that the next lookup finds this
         * entry even when the catalogue came from the language alone */
        snprintf(c->lang, sizeof c->lang, "%s", want);
        load_catalog(c, want);
        if (!c->data && strchr(want, '_')) {
            want[strcspn(want, "_")] = '\0';
            load_catalog(c, want);
        }
        atomic_store_explicit(&ncatalogs, have + 1, memory_order_release);
    }
    pthread_mutex_unlock(&catalogs_lock);
    return c;
}

/* The translation of key (a msgid, or "singular\0plural" for plurals, of
 * length keylen) and its length, or NULL. */
static const char *lookup(const struct catalog *c, const char *key, size_t keylen, size_t *tlen)
{
    uint32_t lo = 0, hi = c->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t len = get32(c, c->orig + (size_t)mid * 8);
        uint32_t off = get32(c, c->orig + (size_t)mid * 8 + 4);
        if ((size_t)off + len >= c->size)
            return NULL;
        const char *s = (const char *)c->data + off;
        size_t cmplen = len < keylen ? len : keylen;
        int r = memcmp(key, s, cmplen);
        if (r == 0)
            r = keylen < len ? -1 : keylen > len ? 1 : 0;
        if (r == 0) {
            uint32_t tl = get32(c, c->trans + (size_t)mid * 8);
            uint32_t to = get32(c, c->trans + (size_t)mid * 8 + 4);
            if ((size_t)to + tl >= c->size || tl == 0)
                return NULL;
            *tlen = tl;
            return (const char *)c->data + to;
        }
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *i18n_lang(const char *lang, const char *msgid)
{
    size_t tl;
    if (!lang || !*lang || !strncmp(lang, "en", 2) || !strcmp(lang, "C"))
        return msgid;
    const struct catalog *c = catalog_for(lang);
    if (!c || !c->data)
        return msgid;
    const char *t = lookup(c, msgid, strlen(msgid), &tl);
    return t ? t : msgid;
}

const char *i18n_nlang(const char *lang, const char *one, const char *many, unsigned long n)
{
    /* English-like plural rule (n != 1): right for English and Spanish. */
    const char *fallback = n == 1 ? one : many;
    size_t tl;
    if (!lang || !*lang || !strncmp(lang, "en", 2) || !strcmp(lang, "C"))
        return fallback;
    const struct catalog *c = catalog_for(lang);
    if (!c || !c->data)
        return fallback;
    size_t l1 = strlen(one), l2 = strlen(many);
    char *key = xmalloc(l1 + l2 + 2);
    memcpy(key, one, l1 + 1);
    memcpy(key + l1 + 1, many, l2 + 1);
    const char *t = lookup(c, key, l1 + 1 + l2, &tl);
    free(key);
    if (!t)
        return fallback;
    if (n != 1) {
        size_t first = strlen(t);
        if (first + 1 < tl)
            return t + first + 1;
    }
    return t;
}
