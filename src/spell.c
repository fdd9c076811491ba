/* spell.c - spelling with hunspell: tokenising, checking, suggestions. */
#include "config.h"

#include <dirent.h>
#ifdef PACTA_HUNSPELL_SONAME
#include <dlfcn.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <hunspell.h>
#include <iconv.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistd.h>
#include <unistr.h>

#include "src/i18n.h"
#include "src/schema.h"
#include "src/spell.h"
#include "src/xalloc.h"

/* ---- a set of strings (open addressing, never shrinks) ---------------- */

struct strset {
    char **slot;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static bool strset_has(const struct strset *set, const char *s)
{
    if (!set->cap)
        return false;
    for (size_t i = hash_str(s) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
        if (!set->slot[i])
            return false;
        if (strcmp(set->slot[i], s) == 0)
            return true;
    }
}

static void strset_put(struct strset *set, const char *s);

static void strset_grow(struct strset *set)
{
    struct strset bigger = {xcalloc(set->cap ? set->cap * 2 : 64, sizeof(char *)),
                            set->cap ? set->cap * 2 : 64, 0};
    for (size_t i = 0; i < set->cap; i++)
        if (set->slot[i]) {
            size_t j = hash_str(set->slot[i]) & (bigger.cap - 1);
            while (bigger.slot[j])
                j = (j + 1) & (bigger.cap - 1);
            bigger.slot[j] = set->slot[i];
            bigger.n++;
        }
    free(set->slot);
    *set = bigger;
}

static void strset_put(struct strset *set, const char *s)
{
    if (strset_has(set, s))
        return;
    if ((set->n + 1) * 4 > set->cap * 3)
        strset_grow(set);
    size_t i = hash_str(s) & (set->cap - 1);
    while (set->slot[i])
        i = (i + 1) & (set->cap - 1);
    set->slot[i] = xstrdup(s);
    set->n++;
}

static void strset_clear(struct strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slot[i]);
    free(set->slot);
    memset(set, 0, sizeof *set);
}

/* ---- hunspell, opened when first needed -------------------------------- */

/* libhunspell is C++: linked into pacta, it makes the dynamic loader map
 * and relocate the C++ runtime (libstdc++, libgcc_s, libm) before main(),
 * about 2 ms of every start of pacta (and 3 million instructions), a
 * quarter of the editor's first screen (bench/, row 5), for every command
 * even when no word is ever checked.  When configure found the library's
 * soname (PACTA_HUNSPELL_SONAME), pacta is not linked with it: the library
 * is opened with dlopen the first time a dictionary is opened - in the
 * editor, on the thread that loads the dictionary (spell_load_start).  The
 * functions called are the same ones either way, so every verdict and
 * suggestion is the same. */
static struct {
    __typeof__(Hunspell_create) *create;
    __typeof__(Hunspell_destroy) *destroy;
    __typeof__(Hunspell_spell) *spell;
    __typeof__(Hunspell_get_dic_encoding) *get_dic_encoding;
    __typeof__(Hunspell_suggest) *suggest;
    __typeof__(Hunspell_free_list) *free_list;
    __typeof__(Hunspell_add) *add;
} hs;
static pthread_once_t hs_once = PTHREAD_ONCE_INIT;
/* Hunspell_create and Hunspell_destroy share a reference-counted global
 * table in libhunspell (initialize_utf_tbl) without a lock: two dictionaries
 * made at once on two threads race for it (LeakSanitizer caught the lost
 * table in test_spell_load's four loaders).  They take turns here. */
static pthread_mutex_t hs_lifecycle = PTHREAD_MUTEX_INITIALIZER;

static void hs_resolve(void)
{
#ifdef PACTA_HUNSPELL_SONAME
    void *lib = dlopen(PACTA_HUNSPELL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return;
    /* Through void ** because ISO C has no cast from void * to a function
     * pointer; POSIX guarantees the representation. */
    const struct {
        const char *name;
        void **fn;
    } syms[] = {
        {"Hunspell_create", (void **)&hs.create},
        {"Hunspell_destroy", (void **)&hs.destroy},
        {"Hunspell_spell", (void **)&hs.spell},
        {"Hunspell_get_dic_encoding", (void **)&hs.get_dic_encoding},
        {"Hunspell_suggest", (void **)&hs.suggest},
        {"Hunspell_free_list", (void **)&hs.free_list},
        {"Hunspell_add", (void **)&hs.add},
    };
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
        if (!(*syms[i].fn = dlsym(lib, syms[i].name))) {
            memset(&hs, 0, sizeof hs);
            return; /* the library stays open: it may be in use elsewhere */
        }
#else
    hs.create = Hunspell_create;
    hs.destroy = Hunspell_destroy;
    hs.spell = Hunspell_spell;
    hs.get_dic_encoding = Hunspell_get_dic_encoding;
    hs.suggest = Hunspell_suggest;
    hs.free_list = Hunspell_free_list;
    hs.add = Hunspell_add;
#endif
}

/* Is hunspell there?  Any thread; the first call opens the library. */
static bool hs_ready(void)
{
    pthread_once(&hs_once, hs_resolve);
    return hs.create != NULL;
}

/* ---- the speller -------------------------------------------------------- */

struct spell {
    Hunhandle *h;
    char *name;            /* "es_ES" */
    iconv_t to_dic;        /* (iconv_t)-1 when the dictionary is UTF-8 */
    iconv_t from_dic;
    struct strset good, bad; /* hunspell's verdicts so far (NFC words) */
    struct strset ignore;    /* this session */
    struct strset doc_ignore; /* metadata.spell_ignore */
    struct strset personal;   /* the personal dictionary */
    struct sugg *sugg;        /* hunspell's suggestions so far, by NFC word */
    size_t sugg_cap, sugg_n;
};

/* A cached suggestion list: words repeat, and Hunspell_suggest is by far
 * the dearest call (bench/: 65% of `pacta spell` before this cache). */
struct sugg {
    char *word;  /* NFC; NULL for an empty slot */
    char **list; /* NULL-terminated, all of hunspell's suggestions */
};

static void sugg_clear(struct spell *sp)
{
    for (size_t i = 0; i < sp->sugg_cap; i++)
        if (sp->sugg[i].word) {
            free(sp->sugg[i].word);
            for (char **q = sp->sugg[i].list; *q; q++)
                free(*q);
            free(sp->sugg[i].list);
        }
    free(sp->sugg);
    sp->sugg = NULL;
    sp->sugg_cap = sp->sugg_n = 0;
}

/* The slot for w: its entry, or the empty slot where it belongs. */
static struct sugg *sugg_slot(struct spell *sp, const char *w)
{
    if ((sp->sugg_n + 1) * 4 > sp->sugg_cap * 3) {
        size_t cap = sp->sugg_cap ? sp->sugg_cap * 2 : 64;
        struct sugg *t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < sp->sugg_cap; i++)
            if (sp->sugg[i].word) {
                size_t j = hash_str(sp->sugg[i].word) & (cap - 1);
                while (t[j].word)
                    j = (j + 1) & (cap - 1);
                t[j] = sp->sugg[i];
            }
        free(sp->sugg);
        sp->sugg = t;
        sp->sugg_cap = cap;
    }
    size_t i = hash_str(w) & (sp->sugg_cap - 1);
    while (sp->sugg[i].word && strcmp(sp->sugg[i].word, w) != 0)
        i = (i + 1) & (sp->sugg_cap - 1);
    return &sp->sugg[i];
}

/* Convert len bytes with cd into a new NUL-terminated string, or NULL when
 * some character has no equivalent. */
static char *conv(iconv_t cd, const char *in, size_t len)
{
    size_t cap = len * 4 + 16;
    char *out = xmalloc(cap);
    char *ip = (char *)in, *op = out;
    size_t il = len, ol = cap - 1;
    iconv(cd, NULL, NULL, NULL, NULL);
    while (il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            if (errno == E2BIG) {
                size_t used = (size_t)(op - out);
                cap *= 2;
                out = xrealloc(out, cap);
                op = out + used;
                ol = cap - 1 - used;
                continue;
            }
            free(out);
            return NULL;
        }
    }
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
        free(out);
        return NULL;
    }
    *op = '\0';
    return out;
}

/* UTF-8 -> the dictionary's encoding (a copy either way), NULL if impossible. */
static char *to_dic(const struct spell *sp, const char *s)
{
    if (sp->to_dic == (iconv_t)-1)
        return xstrdup(s);
    return conv(sp->to_dic, s, strlen(s));
}

static char *from_dic(const struct spell *sp, const char *s)
{
    if (sp->from_dic == (iconv_t)-1)
        return xstrdup(s);
    return conv(sp->from_dic, s, strlen(s));
}

/* NFC form of len bytes, NUL-terminated, malloc'd. */
static char *nfc(const char *s, size_t len)
{
    size_t n = 0;
    uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
    if (!r) /* invalid input: check it as it is */
        return xstrndup(s, len);
    char *out = xmalloc(n + 1);
    memcpy(out, r, n);
    out[n] = '\0';
    free(r);
    return out;
}

static char *lower(const char *s)
{
    size_t n = 0;
    uint8_t *r = u8_tolower((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC, NULL, &n);
    if (!r)
        return xstrdup(s);
    char *out = xmalloc(n + 1);
    memcpy(out, r, n);
    out[n] = '\0';
    free(r);
    return out;
}

static bool readable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

static bool is_utf8_name(const char *enc)
{
    return !enc || !*enc || strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0;
}

/* Add the personal dictionary at path (NULL: none) to sp. */
static void personal_load(struct spell *sp, const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        char *w = nfc(line, (size_t)n);
        strset_put(&sp->personal, w);
        char *d = to_dic(sp, w);
        if (d)
            hs.add(sp->h, d);
        free(d);
        free(w);
    }
    free(line);
    fclose(f);
}

static char *dict_name_of(const char *dic)
{
    const char *b = strrchr(dic, '/');
    b = b ? b + 1 : dic;
    size_t n = strlen(b);
    if (n > 4 && strcmp(b + n - 4, ".dic") == 0)
        n -= 4;
    return xstrndup(b, n);
}

/* Why opening failed.  open_files may run on the loader's thread, where
 * nothing is translated or formatted with strerror (gettext reads the
 * environment, strerror may use a static buffer): it only records what
 * happened, and open_error writes the message on the caller's thread. */
struct open_fail {
    enum { OF_READ, OF_NOT_REGULAR, OF_LIBRARY, OF_LOAD, OF_ENCODING } kind;
    int errnum;       /* OF_READ */
    const char *file; /* the aff or dic name given */
    char *enc;        /* OF_ENCODING: the dictionary's encoding (malloc'd) */
};

/* Load the dictionary aff/dic and the personal dictionary at personal
 * (NULL: none).  Touches no global state but hunspell's one-time opening,
 * so it can run on any thread. */
static struct spell *open_files(const char *aff, const char *dic, const char *personal, struct open_fail *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < 2; i++) {
        const char *fn = i ? dic : aff;
        struct stat st;
        if (stat(fn, &st) < 0 || (S_ISREG(st.st_mode) && access(fn, R_OK) < 0)) {
            *f = (struct open_fail){OF_READ, errno, fn, NULL};
            return NULL;
        }
        if (!S_ISREG(st.st_mode)) {
            *f = (struct open_fail){OF_NOT_REGULAR, 0, fn, NULL};
            return NULL;
        }
    }
    if (!hs_ready()) {
        *f = (struct open_fail){OF_LIBRARY, 0, dic, NULL};
        return NULL;
    }
    struct spell *sp = xcalloc(1, sizeof *sp);
    pthread_mutex_lock(&hs_lifecycle);
    sp->h = hs.create(aff, dic);
    pthread_mutex_unlock(&hs_lifecycle);
    if (!sp->h) {
        free(sp);
        *f = (struct open_fail){OF_LOAD, 0, dic, NULL};
        return NULL;
    }
    sp->name = dict_name_of(dic);
    sp->to_dic = sp->from_dic = (iconv_t)-1;
    const char *enc = hs.get_dic_encoding(sp->h);
    if (!is_utf8_name(enc)) {
        sp->to_dic = iconv_open(enc, "UTF-8");
        sp->from_dic = iconv_open("UTF-8", enc);
        if (sp->to_dic == (iconv_t)-1 || sp->from_dic == (iconv_t)-1) {
            *f = (struct open_fail){OF_ENCODING, 0, aff, xstrdup(enc)};
            spell_close(sp);
            return NULL;
        }
    }
    personal_load(sp, personal);
    return sp;
}

/* The message for f (on the caller's thread); frees what f holds. */
static void open_error(struct open_fail *f, struct err *e)
{
    switch (f->kind) {
    case OF_READ:
        err_set(e, f->file, 0, 0, _("cannot read the dictionary file: %s"), strerror(f->errnum));
        break;
    case OF_NOT_REGULAR:
        err_set(e, f->file, 0, 0, "%s", _("the dictionary file is not a regular file"));
        break;
    case OF_LIBRARY:
#ifdef PACTA_HUNSPELL_SONAME
        err_set(e, PACTA_HUNSPELL_SONAME, 0, 0, "%s", _("cannot load the dictionary"));
#else
        err_set(e, f->file, 0, 0, "%s", _("cannot load the dictionary"));
#endif
        break;
    case OF_LOAD:
        err_set(e, f->file, 0, 0, "%s", _("cannot load the dictionary"));
        break;
    case OF_ENCODING:
        err_set(e, f->file, 0, 0, _("the dictionary's encoding %s is not supported"), f->enc);
        break;
    }
    free(f->enc);
    f->enc = NULL;
}

struct spell *spell_open(const char *aff, const char *dic, struct err *e)
{
    err_clear(e);
    char *personal = spell_personal_path();
    struct open_fail f;
    struct spell *sp = open_files(aff, dic, personal, &f);
    free(personal);
    if (!sp)
        open_error(&f, e);
    return sp;
}

void spell_close(struct spell *sp)
{
    if (!sp)
        return;
    if (sp->h) {
        pthread_mutex_lock(&hs_lifecycle);
        hs.destroy(sp->h);
        pthread_mutex_unlock(&hs_lifecycle);
    }
    if (sp->to_dic != (iconv_t)-1)
        iconv_close(sp->to_dic);
    if (sp->from_dic != (iconv_t)-1)
        iconv_close(sp->from_dic);
    strset_clear(&sp->good);
    strset_clear(&sp->bad);
    strset_clear(&sp->ignore);
    strset_clear(&sp->doc_ignore);
    strset_clear(&sp->personal);
    sugg_clear(sp);
    free(sp->name);
    free(sp);
}

const char *spell_dict_name(const struct spell *sp)
{
    return sp->name;
}

/* ---- choosing the dictionary ------------------------------------------- */

struct dirs {
    char **d;
    size_t n, cap;
};

static void dirs_add(struct dirs *ds, const char *s, size_t len)
{
    if (len == 0)
        return;
    ds->d = xgrow(ds->d, &ds->cap, ds->n + 1, sizeof *ds->d);
    ds->d[ds->n++] = xstrndup(s, len);
}

static void dirs_init(struct dirs *ds)
{
    memset(ds, 0, sizeof *ds);
    const char *p = getenv("DICPATH");
    while (p && *p) {
        const char *c = strchr(p, ':');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        dirs_add(ds, p, len);
        p = c ? c + 1 : NULL;
    }
    dirs_add(ds, "/usr/share/hunspell", strlen("/usr/share/hunspell"));
    dirs_add(ds, "/usr/share/myspell", strlen("/usr/share/myspell"));
}

static void dirs_free(struct dirs *ds)
{
    for (size_t i = 0; i < ds->n; i++)
        free(ds->d[i]);
    free(ds->d);
}

static char *dirs_list(const struct dirs *ds)
{
    size_t len = 1;
    for (size_t i = 0; i < ds->n; i++)
        len += strlen(ds->d[i]) + 2;
    char *s = xmalloc(len);
    s[0] = '\0';
    for (size_t i = 0; i < ds->n; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, ds->d[i]);
    }
    return s;
}

/* Both PREFIX.aff and PREFIX.dic readable: set the outputs. */
static bool try_pair(const char *prefix, char **aff, char **dic)
{
    char *a = xasprintf("%s.aff", prefix), *d = xasprintf("%s.dic", prefix);
    if (readable_file(a) && readable_file(d)) {
        *aff = a;
        *dic = d;
        return true;
    }
    free(a);
    free(d);
    return false;
}

static bool find_name(const struct dirs *ds, const char *name, char **aff, char **dic)
{
    if (strchr(name, '/') || !*name)
        return false;
    for (size_t i = 0; i < ds->n; i++) {
        char *p = xasprintf("%s/%s", ds->d[i], name);
        bool found = try_pair(p, aff, dic);
        free(p);
        if (found)
            return true;
    }
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The alphabetically first PREFIX*.aff/.dic pair in the first folder that
 * has one. */
static bool find_prefix(const struct dirs *ds, const char *prefix, char **aff, char **dic)
{
    for (size_t i = 0; i < ds->n; i++) {
        DIR *dir = opendir(ds->d[i]);
        if (!dir)
            continue;
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(dir))) {
            size_t l = strlen(de->d_name);
            if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 && l > 4 &&
                strcmp(de->d_name + l - 4, ".aff") == 0) {
                names = xgrow(names, &cap, n + 1, sizeof *names);
                names[n++] = xstrndup(de->d_name, l - 4);
            }
        }
        closedir(dir);
        if (n)
            qsort(names, n, sizeof *names, cmp_str);
        bool found = false;
        for (size_t j = 0; j < n; j++) {
            if (!found) {
                char *p = xasprintf("%s/%s", ds->d[i], names[j]);
                found = try_pair(p, aff, dic);
                free(p);
            }
            free(names[j]);
        }
        free(names);
        if (found)
            return true;
    }
    return false;
}

int spell_dict_for_lang(const char *lang, const char *override, char **aff, char **dic, struct err *e)
{
    err_clear(e);
    *aff = *dic = NULL;
    struct dirs ds;
    dirs_init(&ds);
    int rc = -1;
    if (override && *override) {
        if (strchr(override, '/') ? try_pair(override, aff, dic) : find_name(&ds, override, aff, dic))
            rc = 0;
        else {
            char *where = dirs_list(&ds);
            err_set(e, NULL, 0, 0, _("dictionary %s not found (looked in %s)"), override, where);
            free(where);
        }
        dirs_free(&ds);
        return rc;
    }
    if (!lang || !*lang)
        lang = "en";
    /* "es-MX" -> full "es_MX", base "es". */
    char full[32], base[16];
    snprintf(full, sizeof full, "%s", lang);
    for (char *c = full; *c; c++)
        if (*c == '-')
            *c = '_';
    size_t bl = strcspn(full, "_");
    snprintf(base, sizeof base, "%.*s", (int)(bl < sizeof base ? bl : sizeof base - 1), full);
    char prefix[24];
    snprintf(prefix, sizeof prefix, "%s_", base);

    bool found = strchr(full, '_') && find_name(&ds, full, aff, dic);
    if (!found && strcmp(base, "es") == 0)
        found = find_name(&ds, "es_ES", aff, dic);
    else if (!found && strcmp(base, "en") == 0)
        found = find_name(&ds, "en_US", aff, dic) || find_name(&ds, "en_GB", aff, dic);
    else if (!found) { /* "fr" -> fr_FR */
        char xx[40];
        size_t k = (size_t)snprintf(xx, sizeof xx, "%s_", base);
        for (size_t i = 0; base[i] && k + 1 < sizeof xx; i++)
            xx[k++] = (char)((base[i] >= 'a' && base[i] <= 'z') ? base[i] - 'a' + 'A' : base[i]);
        xx[k] = '\0';
        found = find_name(&ds, xx, aff, dic);
    }
    if (!found)
        found = find_prefix(&ds, prefix, aff, dic) || find_name(&ds, base, aff, dic);
    if (found)
        rc = 0;
    else {
        char *where = dirs_list(&ds);
        char *pkg = strcmp(base, "es") == 0   ? xstrdup("hunspell-es")
                    : strcmp(base, "en") == 0 ? xstrdup("hunspell-en-us")
                                              : xasprintf("hunspell-%s", base);
        err_set(e, NULL, 0, 0,
                _("no spelling dictionary for language \"%s\" (looked in %s); install the Debian package %s"),
                lang, where, pkg);
        free(pkg);
        free(where);
    }
    dirs_free(&ds);
    return rc;
}

struct spell *spell_open_lang(const char *lang, const char *override, struct err *e)
{
    char *aff, *dic;
    if (spell_dict_for_lang(lang, override, &aff, &dic, e) < 0)
        return NULL;
    struct spell *sp = spell_open(aff, dic, e);
    free(aff);
    free(dic);
    return sp;
}

/* ---- loading in the background ------------------------------------------ */

struct spell_loader {
    pthread_t thread;
    bool threaded;          /* thread runs (or ran) loader_run */
    int pipe[2];            /* loader_run writes one byte when done; -1: none */
    bool chosen;            /* spell_dict_for_lang found the files */
    struct err choose_err;  /* else why not */
    char *aff, *dic, *personal;
    long delay_ms;          /* PACTA_TEST_SPELL_DELAY_MS: tests only */
    /* Written by the worker before its byte, read after pthread_join. */
    struct spell *sp;
    struct open_fail fail;
    /* Under loader_lock: the worker has its result (finished), the
     * starter went away without it (abandoned, see spell_load_abandon). */
    bool finished, abandoned;
};

/* Guards finished/abandoned of every loader: whichever of the two threads
 * comes second frees the loader's result. */
static pthread_mutex_t loader_lock = PTHREAD_MUTEX_INITIALIZER;

static void loader_free(struct spell_loader *ld)
{
    for (int i = 0; i < 2; i++)
        if (ld->pipe[i] >= 0)
            close(ld->pipe[i]);
    free(ld->aff);
    free(ld->dic);
    free(ld->personal);
    free(ld);
}

static void *loader_run(void *arg)
{
    struct spell_loader *ld = arg;
    if (ld->delay_ms > 0) {
        /* every signal is blocked here, but a sleep may still be cut short */
        struct timespec t = {ld->delay_ms / 1000, ld->delay_ms % 1000 * 1000000L};
        while (nanosleep(&t, &t) < 0 && errno == EINTR)
            ;
    }
    ld->sp = open_files(ld->aff, ld->dic, ld->personal, &ld->fail);
    pthread_mutex_lock(&loader_lock);
    bool abandoned = ld->abandoned;
    ld->finished = true;
    pthread_mutex_unlock(&loader_lock);
    if (abandoned) {
        /* Nobody will join this (detached) thread or take the result. */
        spell_close(ld->sp);
        free(ld->fail.enc);
        loader_free(ld);
        return NULL;
    }
    if (ld->pipe[1] >= 0) {
        char b = 1;
        while (write(ld->pipe[1], &b, 1) < 0 && errno == EINTR)
            ;
    }
    return NULL;
}

struct spell_loader *spell_load_start(const char *lang, const char *override)
{
    struct spell_loader *ld = xcalloc(1, sizeof *ld);
    if (pipe2(ld->pipe, O_CLOEXEC) < 0)
        ld->pipe[0] = ld->pipe[1] = -1;
    /* Everything that reads the environment happens here, on the
     * caller's thread: the worker only opens the files it is given. */
    if (spell_dict_for_lang(lang, override, &ld->aff, &ld->dic, &ld->choose_err) < 0) {
        if (ld->pipe[1] >= 0) {
            char b = 1;
            while (write(ld->pipe[1], &b, 1) < 0 && errno == EINTR)
                ;
        }
        return ld;
    }
    ld->chosen = true;
    ld->personal = spell_personal_path();
    const char *delay = getenv("PACTA_TEST_SPELL_DELAY_MS");
    if (delay && *delay)
        ld->delay_ms = strtol(delay, NULL, 10);
    if (ld->pipe[0] >= 0) {
        /* The worker blocks every signal, so that SIGWINCH, SIGTERM and
         * the others keep interrupting the main thread's wait for a key. */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        ld->threaded = pthread_create(&ld->thread, NULL, loader_run, ld) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    if (!ld->threaded)
        loader_run(ld); /* no thread or no pipe: load at once */
    return ld;
}

int spell_load_fd(const struct spell_loader *ld)
{
    return ld->pipe[0];
}

bool spell_load_done(const struct spell_loader *ld)
{
    if (ld->pipe[0] < 0)
        return true;
    struct pollfd p = {ld->pipe[0], POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

struct spell *spell_load_finish(struct spell_loader *ld, struct err *e)
{
    if (ld->threaded)
        pthread_join(ld->thread, NULL);
    err_clear(e);
    struct spell *sp = NULL;
    if (!ld->chosen)
        *e = ld->choose_err;
    else if (!(sp = ld->sp))
        open_error(&ld->fail, e);
    loader_free(ld);
    return sp;
}

void spell_load_abandon(struct spell_loader *ld)
{
    if (!ld)
        return;
    bool running = false;
    if (ld->threaded) {
        pthread_mutex_lock(&loader_lock);
        running = !ld->finished;
        ld->abandoned = running;
        pthread_mutex_unlock(&loader_lock);
    }
    if (running) {
        /* The worker frees the loader and its result when it ends, if the
         * process lives that long; nothing waits for it. */
        pthread_detach(ld->thread);
        return;
    }
    /* Done already (or never threaded): joining costs nothing. */
    struct err e;
    spell_close(spell_load_finish(ld, &e));
}

/* ---- tokenising --------------------------------------------------------- */

static bool is_word_cp(ucs4_t c)
{
    return uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_M) ||
           uc_is_general_category(c, UC_CATEGORY_N);
}

static bool is_digit_cp(ucs4_t c)
{
    return uc_is_general_category(c, UC_CATEGORY_N);
}

static bool is_apostrophe(ucs4_t c)
{
    return c == '\'' || c == 0x2019;
}

static bool is_hyphen(ucs4_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static bool is_space_cp(ucs4_t c)
{
    return uc_is_property_white_space(c) || c == 0x200B;
}

/* Decode one code point at s (n bytes left); invalid bytes are one
 * replacement character each. */
static size_t cp_at(const char *s, size_t n, ucs4_t *c)
{
    int l = u8_mbtouc(c, (const uint8_t *)s, n);
    return l > 0 ? (size_t)l : 1;
}

static bool starts_ci(const char *s, size_t n, const char *pre)
{
    size_t l = strlen(pre);
    return n >= l && strncasecmp(s, pre, l) == 0;
}

/* Is this white-space delimited chunk an e-mail address or a URL?  Leading
 * and trailing punctuation are ignored. */
static bool chunk_is_link(const char *s, size_t n)
{
    ucs4_t c;
    size_t a = 0, b = n;
    while (a < b) {
        size_t l = cp_at(s + a, b - a, &c);
        if (is_word_cp(c))
            break;
        a += l;
    }
    while (b > a) { /* strip trailing non-word characters, byte-wise back to a lead byte */
        size_t p = b - 1;
        while (p > a && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        cp_at(s + p, b - p, &c);
        if (is_word_cp(c))
            break;
        b = p;
    }
    s += a;
    n = b - a;
    if (starts_ci(s, n, "http://") || starts_ci(s, n, "https://") || starts_ci(s, n, "www.") ||
        starts_ci(s, n, "mailto:") || starts_ci(s, n, "ftp://"))
        return true;
    const char *at = memchr(s, '@', n);
    return at && at > s && memchr(at + 1, '.', n - (size_t)(at - s) - 1) != NULL;
}

int spell_tokens(const char *text, spell_span_fn cb, void *ud)
{
    size_t n = strlen(text), i = 0;
    ucs4_t c;
    while (i < n) {
        size_t l = cp_at(text + i, n - i, &c);
        if (is_space_cp(c)) {
            i += l;
            continue;
        }
        size_t cs = i, ce = i;
        while (ce < n) {
            l = cp_at(text + ce, n - ce, &c);
            if (is_space_cp(c))
                break;
            ce += l;
        }
        i = ce;
        if (chunk_is_link(text + cs, ce - cs))
            continue;
        size_t p = cs;
        while (p < ce) {
            l = cp_at(text + p, ce - p, &c);
            if (!is_word_cp(c)) {
                p += l;
                continue;
            }
            size_t start = p, end = p + l;
            bool digit = is_digit_cp(c);
            p = end;
            while (p < ce) {
                l = cp_at(text + p, ce - p, &c);
                if (is_word_cp(c)) {
                    digit |= is_digit_cp(c);
                    p = end = p + l;
                    continue;
                }
                if ((is_apostrophe(c) || is_hyphen(c)) && p + l < ce) {
                    ucs4_t c2;
                    size_t l2 = cp_at(text + p + l, ce - p - l, &c2);
                    if (is_word_cp(c2)) {
                        digit |= is_digit_cp(c2);
                        p = end = p + l + l2;
                        continue;
                    }
                }
                break;
            }
            if (!digit) {
                int r = cb(start, end - start, ud);
                if (r)
                    return r;
            }
        }
    }
    return 0;
}

/* ---- checking ----------------------------------------------------------- */

static bool in_lists(const struct spell *sp, const char *w)
{
    if (strset_has(&sp->ignore, w) || strset_has(&sp->doc_ignore, w) || strset_has(&sp->personal, w))
        return true;
    /* "Quijotesco" at the start of a sentence matches an entry "quijotesco". */
    char *lw = lower(w);
    bool r = strcmp(lw, w) != 0 &&
             (strset_has(&sp->ignore, lw) || strset_has(&sp->doc_ignore, lw) || strset_has(&sp->personal, lw));
    free(lw);
    return r;
}

static bool hun_spell(struct spell *sp, const char *w)
{
    char *d = to_dic(sp, w);
    bool ok = d && hs.spell(sp->h, d) != 0;
    free(d);
    if (!ok && strstr(w, "\xE2\x80\x99")) { /* l’amour -> l'amour */
        char *a = xmalloc(strlen(w) + 1), *o = a;
        for (const char *s = w; *s;)
            if (strncmp(s, "\xE2\x80\x99", 3) == 0) {
                *o++ = '\'';
                s += 3;
            } else
                *o++ = *s++;
        *o = '\0';
        d = to_dic(sp, a);
        ok = d && hs.spell(sp->h, d) != 0;
        free(d);
        free(a);
    }
    return ok;
}

/* One NFC word, no splitting. */
static bool check_nfc(struct spell *sp, const char *w)
{
    if (in_lists(sp, w) || strset_has(&sp->good, w))
        return true;
    if (strset_has(&sp->bad, w))
        return false;
    bool ok = hun_spell(sp, w);
    strset_put(ok ? &sp->good : &sp->bad, w);
    return ok;
}

static bool check_one(struct spell *sp, const char *word, size_t len)
{
    char *w = nfc(word, len);
    bool ok = check_nfc(sp, w);
    free(w);
    return ok;
}

/* Call fn for each hyphen-separated part of word[0..len). */
typedef bool (*part_fn)(struct spell *sp, const char *text, size_t off, size_t len, void *ud);
static bool each_part(struct spell *sp, const char *text, size_t off, size_t len, part_fn fn, void *ud)
{
    size_t s = off, p = off, end = off + len;
    bool all = true;
    ucs4_t c;
    while (p < end) {
        size_t l = cp_at(text + p, end - p, &c);
        if (is_hyphen(c)) {
            all &= fn(sp, text, s, p - s, ud);
            s = p + l;
        }
        p += l;
    }
    all &= fn(sp, text, s, end - s, ud);
    return all;
}

static bool has_hyphen(const char *w, size_t len)
{
    return memchr(w, '-', len) || memmem(w, len, "\xE2\x80\x90", 3) || memmem(w, len, "\xE2\x80\x91", 3);
}

struct text_ctx {
    struct spell *sp;
    const char *text;
    spell_span_fn cb;
    void *ud;
    int stop;
};

static bool part_report(struct spell *sp, const char *text, size_t off, size_t len, void *ud)
{
    struct text_ctx *t = ud;
    if (t->stop || len == 0 || check_one(sp, text + off, len))
        return true;
    t->stop = t->cb(off, len, t->ud);
    return false;
}

static int text_cb(size_t off, size_t len, void *ud)
{
    struct text_ctx *t = ud;
    if (check_one(t->sp, t->text + off, len))
        return 0;
    if (has_hyphen(t->text + off, len)) {
        each_part(t->sp, t->text, off, len, part_report, t);
        return t->stop;
    }
    return t->cb(off, len, t->ud);
}

int spell_check_text(struct spell *sp, const char *text, spell_span_fn cb, void *ud)
{
    struct text_ctx t = {sp, text, cb, ud, 0};
    return spell_tokens(text, text_cb, &t);
}

static int any_cb(size_t off, size_t len, void *ud)
{
    (void)off;
    (void)len;
    (void)ud;
    return 1;
}

bool spell_check_word(struct spell *sp, const char *word, size_t len)
{
    char *w = xstrndup(word, len);
    bool ok = spell_check_text(sp, w, any_cb, NULL) == 0;
    free(w);
    return ok;
}

/* All of hunspell's suggestions for the NFC word w, UTF-8. */
static char **suggest_all(struct spell *sp, const char *w)
{
    char *d = to_dic(sp, w);
    size_t n = 0;
    char **out = xcalloc(1, sizeof *out);
    if (!d)
        return out;
    char **sl = NULL;
    int k = hs.suggest(sp->h, &sl, d);
    free(d);
    out = xrealloc(out, ((size_t)(k > 0 ? k : 0) + 1) * sizeof *out);
    for (int i = 0; i < k; i++) {
        char *u = from_dic(sp, sl[i]);
        if (u)
            out[n++] = u;
    }
    out[n] = NULL;
    if (sl)
        hs.free_list(sp->h, &sl, k);
    return out;
}

size_t spell_suggest(struct spell *sp, const char *word, size_t max, char ***list)
{
    char *w = nfc(word, strlen(word));
    struct sugg *c = sugg_slot(sp, w);
    if (!c->word) {
        c->list = suggest_all(sp, w);
        c->word = w;
        sp->sugg_n++;
    } else
        free(w);
    size_t k = 0;
    while (c->list[k])
        k++;
    if (max && k > max)
        k = max;
    char **out = xcalloc(k + 1, sizeof *out);
    for (size_t i = 0; i < k; i++)
        out[i] = xstrdup(c->list[i]);
    *list = out;
    return k;
}

void spell_list_free(char **list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

/* ---- ignore lists and the personal dictionary ------------------------- */

void spell_ignore_add(struct spell *sp, const char *word)
{
    char *w = nfc(word, strlen(word));
    strset_put(&sp->ignore, w);
    free(w);
}

static const struct doc_node *map_get(const struct doc_node *m, const char *key)
{
    if (!m || m->kind != DOC_MAP)
        return NULL;
    for (size_t i = 0; i < m->len; i++)
        if (strcmp(m->u.pairs[i].key, key) == 0)
            return m->u.pairs[i].val;
    return NULL;
}

struct ignore_ctx {
    struct spell *sp;
    const char *text;
};

static int ignore_cb(size_t off, size_t len, void *ud)
{
    struct ignore_ctx *c = ud;
    char *w = nfc(c->text + off, len);
    strset_put(&c->sp->doc_ignore, w);
    free(w);
    return 0;
}

void spell_doc_ignore_set(struct spell *sp, const struct doc_node *root)
{
    strset_clear(&sp->doc_ignore);
    const struct doc_node *l = map_get(map_get(root, "metadata"), "spell_ignore");
    if (!l || l->kind != DOC_SEQ)
        return;
    for (size_t i = 0; i < l->len; i++) {
        const struct doc_node *it = l->u.items[i];
        if (it && it->kind == DOC_SCALAR && it->u.str[0]) {
            struct ignore_ctx c = {sp, it->u.str};
            spell_tokens(it->u.str, ignore_cb, &c); /* "Panadería López": each word */
        }
    }
}

char *spell_personal_path(void)
{
    const char *x = getenv("XDG_DATA_HOME");
    if (x && x[0] == '/')
        return xasprintf("%s/pacta/dictionary.txt", x);
    const char *home = getenv("HOME");
    return xasprintf("%s/.local/share/pacta/dictionary.txt", home && *home ? home : ".");
}

/* mkdir -p of the folder holding path. */
static int make_parent(const char *path)
{
    char *d = xstrdup(path);
    char *slash = strrchr(d, '/');
    int rc = 0;
    if (slash && slash != d) {
        *slash = '\0';
        for (char *p = d + 1; *p; p++)
            if (*p == '/') {
                *p = '\0';
                if (mkdir(d, 0700) < 0 && errno != EEXIST)
                    rc = -1;
                *p = '/';
            }
        if (mkdir(d, 0700) < 0 && errno != EEXIST)
            rc = -1;
        else
            rc = 0;
    }
    free(d);
    return rc;
}

int spell_personal_add(struct spell *sp, const char *word, struct err *e)
{
    err_clear(e);
    char *w = nfc(word, strlen(word));
    if (!*w || strpbrk(w, "\n\r")) {
        free(w);
        err_set(e, NULL, 0, 0, "%s", _("a dictionary word cannot be empty or hold a line break"));
        return -1;
    }
    strset_put(&sp->personal, w);
    char *d = to_dic(sp, w);
    if (d)
        hs.add(sp->h, d);
    free(d);
    strset_clear(&sp->bad); /* some verdicts may have changed */
    sugg_clear(sp);         /* and suggestions too */

    char *path = spell_personal_path();
    int rc = -1;
    int fd = -1;
    if (make_parent(path) == 0)
        fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        struct stat st;
        char last = '\n';
        if (fstat(fd, &st) == 0 && st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
            last = '\n';
        char *line = xasprintf("%s%s\n", last == '\n' ? "" : "\n", w);
        size_t len = strlen(line);
        if (write(fd, line, len) == (ssize_t)len)
            rc = 0;
        free(line);
        if (close(fd) < 0)
            rc = -1;
    }
    if (rc < 0)
        err_set(e, path, 0, 0, _("cannot add to the personal dictionary: %s"), strerror(errno));
    free(path);
    free(w);
    return rc;
}

/* ---- walking an agreement ---------------------------------------------- */

/* The free-text fields are the schema's (src/schema.h), less the contact
 * codes that are stored as text but are not prose. */
bool spell_is_text_path(const char *path)
{
    static const char *const codes[] = {".email", ".phone", ".tax_id", NULL};
    size_t n = strlen(path);
    for (size_t i = 0; codes[i]; i++) {
        size_t k = strlen(codes[i]);
        if (n >= k && strcmp(path + n - k, codes[i]) == 0)
            return false;
    }
    return schema_is_text(path);
}

struct walk {
    struct spell *sp;
    const char *src;
    size_t srclen;
    spell_hit_fn cb;
    void *ud;
    size_t count;
    int stop;
    char *path;
    size_t plen, pcap;
    unsigned at_line; /* src_offset's cursor: the start of line at_line */
    size_t at_p;      /* (0: none yet); the walk goes in document order */
};

/* Set the path to its first len bytes followed by ".key" (or "key" at the
 * root) or "[idx]". */
static void path_set(struct walk *w, size_t len, const char *key, size_t idx)
{
    char *add = key ? xasprintf("%s%s", len ? "." : "", key) : xasprintf("[%zu]", idx);
    size_t al = strlen(add);
    w->path = xgrow(w->path, &w->pcap, len + al + 1, 1);
    memcpy(w->path + len, add, al + 1);
    w->plen = len + al;
    free(add);
}

static size_t cps(const char *s, size_t n)
{
    return u8_mbsnlen((const uint8_t *)s, n);
}

/* Byte offset of 1-based (line, col) in src, or (size_t)-1. */
static size_t src_offset(struct walk *w, unsigned line, unsigned col)
{
    const char *src = w->src;
    size_t len = w->srclen, p = 0;
    unsigned l = 1;
    if (w->at_line && w->at_line <= line) { /* not from the top each time */
        l = w->at_line;
        p = w->at_p;
    }
    for (; l < line; l++) {
        const char *nl = memchr(src + p, '\n', len - p);
        if (!nl)
            return (size_t)-1;
        p = (size_t)(nl - src) + 1;
    }
    w->at_line = line;
    w->at_p = p;
    ucs4_t c;
    for (unsigned k = 1; k < col; k++) {
        if (p >= len || src[p] == '\n')
            return (size_t)-1;
        p += cp_at(src + p, len - p, &c);
    }
    return p;
}

/* Columns the first `chars` characters of a quoted scalar take in the
 * source after the opening quote at byte q, or -1 when that cannot be known
 * (a line break, or no source). */
static long quoted_src_cols(const char *src, size_t len, size_t q, size_t chars)
{
    if (q >= len || (src[q] != '"' && src[q] != '\''))
        return -1;
    bool dq = src[q] == '"';
    size_t p = q + 1;
    long cols = 0;
    ucs4_t c;
    for (size_t k = 0; k < chars; k++) {
        if (p >= len || src[p] == '\n' || src[p] == '\r')
            return -1;
        if (dq && src[p] == '\\') {
            size_t skip = 2;
            if (p + 1 < len)
                switch (src[p + 1]) {
                case 'x': skip = 4; break;
                case 'u': skip = 6; break;
                case 'U': skip = 10; break;
                case '\n': case '\r': return -1;
                default: break;
                }
            p += skip;
            cols += (long)skip;
        } else if (!dq && src[p] == '\'' && p + 1 < len && src[p + 1] == '\'') {
            p += 2;
            cols += 2;
        } else {
            p += cp_at(src + p, len - p, &c);
            cols++;
        }
    }
    return cols;
}

struct scalar_ctx {
    struct walk *w;
    const struct doc_node *node;
    unsigned key_col; /* the key's column for a map value; 0 for an item */
    long indent;      /* literal blocks: 0-based indentation; -1 unknown */
};

static void position(const struct scalar_ctx *sc, size_t off, unsigned *line, unsigned *col)
{
    const struct doc_node *n = sc->node;
    const char *s = n->u.str;
    *line = *col = 0;
    if (!n->line)
        return;
    if (n->style == DOC_LITERAL) {
        unsigned k = 0;
        size_t ls = 0;
        for (size_t i = 0; i < off; i++)
            if (s[i] == '\n') {
                k++;
                ls = i + 1;
            }
        *line = n->line + 1 + k;
        *col = (unsigned)(sc->indent + 1 + (long)cps(s + ls, off - ls));
        return;
    }
    *line = n->line;
    size_t before = cps(s, off);
    if (n->style == DOC_QUOTED) {
        long c = -1;
        if (sc->w->src) {
            size_t q = src_offset(sc->w, n->line, n->col);
            if (q != (size_t)-1)
                c = quoted_src_cols(sc->w->src, sc->w->srclen, q, before);
        }
        *col = n->col + 1 + (unsigned)(c >= 0 ? (size_t)c : before);
    } else if (n->style == DOC_SQUOTED) {
        *col = n->col + 1 + (unsigned)before; /* past the quote; '' counted as one */
    } else {
        *col = n->col + (unsigned)before;
    }
}

static int hit_cb(size_t off, size_t len, void *ud)
{
    struct scalar_ctx *sc = ud;
    struct walk *w = sc->w;
    char *word = xstrndup(sc->node->u.str + off, len);
    struct spell_hit h = {word, w->path, sc->node, off, len, 0, 0};
    position(sc, off, &h.line, &h.col);
    w->count++;
    int r = w->cb(&h, w->ud);
    free(word);
    if (r)
        w->stop = r;
    return r;
}

static long literal_indent(struct walk *w, const struct doc_node *n, unsigned key_col)
{
    if (w->src) {
        size_t p = src_offset(w, n->line + 1, 1);
        while (p != (size_t)-1 && p < w->srclen) {
            size_t sp = 0;
            while (p + sp < w->srclen && w->src[p + sp] == ' ')
                sp++;
            if (p + sp < w->srclen && w->src[p + sp] != '\n' && w->src[p + sp] != '\r')
                return (long)sp;
            const char *nl = memchr(w->src + p, '\n', w->srclen - p);
            if (!nl)
                break;
            p = (size_t)(nl - w->src) + 1;
        }
    }
    /* Without the source: two columns past the key, or the item's content
     * column ("- |": the indicator's column). */
    return key_col ? (long)key_col + 1 : (long)n->col - 1;
}

static void walk_node(struct walk *w, const struct doc_node *n, unsigned key_col)
{
    if (!n || w->stop)
        return;
    size_t len = w->plen;
    switch (n->kind) {
    case DOC_MAP:
        for (size_t i = 0; i < n->len && !w->stop; i++) {
            path_set(w, len, n->u.pairs[i].key, 0);
            walk_node(w, n->u.pairs[i].val, n->u.pairs[i].col ? n->u.pairs[i].col : 1);
        }
        break;
    case DOC_SEQ:
        for (size_t i = 0; i < n->len && !w->stop; i++) {
            path_set(w, len, NULL, i);
            walk_node(w, n->u.items[i], 0);
        }
        break;
    case DOC_SCALAR:
        if (n->u.str && n->u.str[0] && spell_is_text_path(w->path)) {
            struct scalar_ctx sc = {w, n, key_col, -1};
            if (n->style == DOC_LITERAL && n->line)
                sc.indent = literal_indent(w, n, key_col);
            spell_check_text(w->sp, n->u.str, hit_cb, &sc);
        }
        break;
    default:
        break;
    }
    if (w->path)
        w->path[len] = '\0';
    w->plen = len;
}

size_t spell_check_doc(struct spell *sp, const struct doc_node *root, const char *src, size_t srclen,
                       spell_hit_fn cb, void *ud)
{
    spell_doc_ignore_set(sp, root);
    struct walk w = {sp, src, src ? srclen : 0, cb, ud, 0, 0, NULL, 0, 0, 0, 0};
    w.path = xgrow(NULL, &w.pcap, 64, 1);
    w.path[0] = '\0';
    walk_node(&w, root, 0);
    free(w.path);
    return w.count;
}

char *spell_hit_describe(struct spell *sp, const struct spell_hit *h, size_t max)
{
    char **list;
    size_t n = spell_suggest(sp, h->word, max, &list);
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(list[i]) + 2;
    char *sug = xmalloc(len);
    sug[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(sug, ", ");
        strcat(sug, list[i]);
    }
    spell_list_free(list);
    char *r = xasprintf("%s (%s) -> %s", h->word, h->path, n ? sug : _("(no suggestions)"));
    free(sug);
    return r;
}
