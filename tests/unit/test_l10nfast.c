/* test_l10nfast.c - src/l10n's number formatting against printf.
 *
 * l10n writes digits itself instead of through snprintf ("%llu", "%0*llu",
 * "%lld %s", "%s"), and puts a grouped number in one piece instead of digit
 * by digit.  Here the same figures are formatted the old way, through
 * snprintf and one put per digit and mark, and must come out the same:
 * many random values, in Spanish, English and an unknown language, into
 * buffers of every small size (where the output is cut) and a full one. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/l10n.h"
#include "tests/tap.h"

/* ---- the reference: l10n's formatting as it was, through snprintf ---- */

struct rconv {
    const char *dec, *group;
    int group_from;
    bool pct_space, money_after;
};

static const struct rconv ref_es = {",", ".", 5, true, true};
static const struct rconv ref_en = {".", ",", 4, false, false};

static const struct rconv *ref_conv(const char *lang)
{
    return lang && strncmp(lang, "es", 2) == 0 ? &ref_es : &ref_en;
}

struct rout {
    char *buf;
    size_t size, len;
    bool full;
};

static void rput(struct rout *o, const char *s)
{
    size_t n = strlen(s);
    if (o->size == 0 || o->full)
        return;
    if (o->len + n >= o->size) {
        o->full = true;
        n = o->size - 1 - o->len;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = 0;
}

static struct rout rinit(char *buf, size_t size)
{
    struct rout o = {buf, size, 0, false};
    if (size)
        buf[0] = 0;
    return o;
}

static void rput_int(struct rout *o, unsigned long long v, const struct rconv *c, int group_from)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", v);
    char one[2] = {0, 0};
    for (int i = 0; i < n; i++) {
        if (i > 0 && n >= group_from && (n - i) % 3 == 0)
            rput(o, c->group);
        one[0] = digits[i];
        rput(o, one);
    }
}

static void rput_fixed(struct rout *o, long long v, int scale_digits, int min_frac, const struct rconv *c,
                       int group_from)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    unsigned long long scale = 1;
    for (int i = 0; i < scale_digits; i++)
        scale *= 10;
    if (v < 0)
        rput(o, "-");
    rput_int(o, u / scale, c, group_from);
    unsigned long long frac = u % scale;
    char f[24];
    snprintf(f, sizeof f, "%0*llu", scale_digits, frac);
    int n = scale_digits;
    while (n > min_frac && f[n - 1] == '0')
        n--;
    f[n] = 0;
    if (n > 0) {
        rput(o, c->dec);
        rput(o, f);
    }
}

static char *ref_decimal(char *buf, size_t size, long long scaled, const char *lang)
{
    const struct rconv *c = ref_conv(lang);
    struct rout o = rinit(buf, size);
    rput_fixed(&o, scaled, CALC_SCALE_DIGITS, 0, c, c->group_from);
    return buf;
}

static char *ref_percent(char *buf, size_t size, long long scaled, const char *lang)
{
    const struct rconv *c = ref_conv(lang);
    struct rout o = rinit(buf, size);
    rput_fixed(&o, scaled, CALC_SCALE_DIGITS, 0, c, c->group_from);
    rput(&o, c->pct_space ? " %" : "%");
    return buf;
}

static char *ref_money(char *buf, size_t size, long long cents, const char *currency, const char *lang)
{
    const struct rconv *c = ref_conv(lang);
    struct rout o = rinit(buf, size);
    const char *sym = strcmp(currency, "EUR") == 0   ? "\xe2\x82\xac"
                      : strcmp(currency, "USD") == 0 ? "$"
                      : strcmp(currency, "GBP") == 0 ? "\xc2\xa3"
                                                     : NULL;
    const char *code = *currency ? currency : "";
    if (c->money_after) {
        rput_fixed(&o, cents, 2, 2, c, 4);
        if (sym || *code) {
            rput(&o, " ");
            rput(&o, sym ? sym : code);
        }
    } else {
        if (cents < 0) {
            rput(&o, "-");
            cents = -cents;
        }
        if (sym) {
            rput(&o, sym);
        } else if (*code) {
            rput(&o, code);
            rput(&o, " ");
        }
        rput_fixed(&o, cents, 2, 2, c, 4);
    }
    return buf;
}

static char *ref_duration_words(char *buf, size_t size, long long tenths, const char *lang)
{
    const struct rconv *c = ref_conv(lang);
    struct rout o = rinit(buf, size);
    char n[32];
    if (tenths < 0) {
        rput(&o, "-");
        tenths = -tenths;
    }
    long long secs = tenths / 10;
    int t = (int)(tenths % 10);
    long long days = secs / 86400, hours = secs / 3600 % 24, mins = secs / 60 % 60, s = secs % 60;
    struct {
        long long v;
        const char *sym;
    } parts[3] = {{days, "d"}, {hours, "h"}, {mins, "min"}};
    bool any = false;
    for (int i = 0; i < 3; i++) {
        if (!parts[i].v)
            continue;
        if (any)
            rput(&o, " ");
        snprintf(n, sizeof n, "%lld %s", parts[i].v, parts[i].sym);
        rput(&o, n);
        any = true;
    }
    if (s || t || !any) {
        if (any)
            rput(&o, " ");
        snprintf(n, sizeof n, "%lld", s);
        rput(&o, n);
        if (t) {
            rput(&o, c->dec);
            snprintf(n, sizeof n, "%d", t);
            rput(&o, n);
        }
        rput(&o, " s");
    }
    return buf;
}

/* ---- the comparison ---- */

static uint64_t rng_state = 0x243F6A8885A308D3ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

/* A value of a random number of digits (so that every grouping is seen),
 * sometimes negative, sometimes round. */
static long long value(void)
{
    int digits = (int)(rnd() % 19);
    unsigned long long m = 1;
    for (int i = 0; i < digits; i++)
        m *= 10;
    long long v = (long long)(rnd() % m);
    switch (rnd() % 4) {
    case 0: v -= v % 1000000; break; /* whole */
    case 1: v = -v; break;
    default: break;
    }
    return v;
}

/* l10n_fill against snprintf: formats of text, %s (or %N$s, each of
 * 1..n at least once) and %%, with arguments holding '%' themselves,
 * accents, empty strings and NULL; and formats with other conversions,
 * which it must refuse. */
static void test_fill(void)
{
    static const char *const text[] = {"", "abc", " ", "\xc3\xa9", "\xe2\x80\x94", "(", ") ", ": ", "de "};
    static const char *const argpool[] = {"x", "", "99,5 %", "%s", "%d %%", "Panader\xc3\xad" "a", "a b c", NULL};
    size_t bad = 0, tried = 0, refused = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = rnd() % 5;
        const char *args[4] = {NULL, NULL, NULL, NULL};
        for (size_t i = 0; i < n; i++)
            args[i] = argpool[rnd() % (sizeof argpool / sizeof *argpool)];
        bool positional = n > 0 && rnd() % 3 == 0;
        char fmt[256];
        size_t fl = 0;
        size_t uses = positional ? n + rnd() % 3 : n; /* positional: 1..n, then repeats */
        for (size_t u = 0; u <= uses; u++) {
            const char *t = text[rnd() % (sizeof text / sizeof *text)];
            fl += (size_t)snprintf(fmt + fl, sizeof fmt - fl, "%s%s", t, rnd() % 4 == 0 ? "%%" : "");
            if (u == uses)
                break;
            if (positional)
                fl += (size_t)snprintf(fmt + fl, sizeof fmt - fl, "%%%zu$s", u < n ? u + 1 : 1 + rnd() % n);
            else
                fl += (size_t)snprintf(fmt + fl, sizeof fmt - fl, "%%s");
        }
        /* glibc prints a null %s as "(null)"; pass the same to both */
        char want[1024];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-overflow"
        snprintf(want, sizeof want, fmt, args[0] ? args[0] : "(null)", args[1] ? args[1] : "(null)",
                 args[2] ? args[2] : "(null)", args[3] ? args[3] : "(null)");
#pragma GCC diagnostic pop
        char *got = NULL;
        size_t len = 0, cap = 0, pre = 0;
        /* appended after what is there */
        if (rnd() % 2) {
            got = malloc(8);
            cap = 8;
            memcpy(got, "pre", 4);
            len = pre = 3;
        }
        tried++;
        bool ok_ = l10n_fill(&got, &len, &cap, fmt, n, args);
        const char *g = ok_ && got ? got + pre : "";
        if (!ok_ || strcmp(g, want) != 0 || strlen(got) != len || (pre && strncmp(got, "pre", 3) != 0)) {
            if (!bad)
                printf("# format \"%s\" (%zu args): want \"%s\" got \"%s\"\n", fmt, n, want, ok_ ? g : "(refused)");
            bad++;
        }
        free(got);
    }
    static const char *const others[] = {"%d", "%s %d", "%5s", "%-s", "%.3s", "abc %", "%ls", "%1$d", "%zu"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        char *got = NULL;
        size_t len = 0, cap = 0;
        const char *args[1] = {"x"};
        if (!l10n_fill(&got, &len, &cap, others[i], 1, args) && len == 0)
            refused++;
        free(got);
    }
    ok(bad == 0, "l10n_fill equals snprintf on %zu formats of %%s, %%N$s and %%%% (%zu differ)", tried, bad);
    ok(refused == sizeof others / sizeof *others, "l10n_fill refuses formats with other conversions (%zu of %zu)",
       refused, sizeof others / sizeof *others);
}

int main(void)
{
    (void)skip_all; /* tap.h helper this test does not need */
    static const char *const langs[] = {"es", "en", "fr", NULL, "es_ES"};
    static const char *const currencies[] = {"EUR", "USD", "GBP", "MXN", ""};
    size_t bad[5] = {0}, tried = 0;
    char want[L10N_BUFSZ], got[L10N_BUFSZ];
    for (int iter = 0; iter < 40000; iter++) {
        long long v = value();
        const char *lang = langs[rnd() % 5];
        const char *cur = currencies[rnd() % 5];
        /* a small buffer (the output cut) one time in four */
        size_t size = rnd() % 4 == 0 ? rnd() % 24 : sizeof got;
        long long tenths = (long long)(rnd() % 4000000000ull);
        if (rnd() % 8 == 0)
            tenths = -tenths;
        tried++;
        memset(want, 'x', sizeof want);
        memset(got, 'x', sizeof got);
        if (memcmp(ref_decimal(want, size, v, lang), l10n_decimal(got, size, v, lang), sizeof got) != 0 && !bad[0]++)
            printf("# decimal %lld (%s, size %zu): want \"%s\" got \"%s\"\n", v, lang ? lang : "NULL", size,
                   size ? want : "", size ? got : "");
        memset(want, 'x', sizeof want);
        memset(got, 'x', sizeof got);
        if (memcmp(ref_percent(want, size, v, lang), l10n_percent(got, size, v, lang), sizeof got) != 0 && !bad[1]++)
            printf("# percent %lld (%s, size %zu): want \"%s\" got \"%s\"\n", v, lang ? lang : "NULL", size,
                   size ? want : "", size ? got : "");
        long long cents = v / 10000;
        memset(want, 'x', sizeof want);
        memset(got, 'x', sizeof got);
        if (memcmp(ref_money(want, size, cents, cur, lang), l10n_money(got, size, cents, cur, lang), sizeof got) !=
                0 &&
            !bad[2]++)
            printf("# money %lld %s (%s, size %zu): want \"%s\" got \"%s\"\n", cents, cur, lang ? lang : "NULL",
                   size, size ? want : "", size ? got : "");
        memset(want, 'x', sizeof want);
        memset(got, 'x', sizeof got);
        if (memcmp(ref_duration_words(want, size, tenths, lang), l10n_duration_words(got, size, tenths, lang),
                   sizeof got) != 0 &&
            !bad[3]++)
            printf("# duration %lld (%s, size %zu): want \"%s\" got \"%s\"\n", tenths, lang ? lang : "NULL", size,
                   size ? want : "", size ? got : "");
        /* a window of one unit: its words cut as snprintf "%s" cuts them */
        struct calc_duration du = {1, (enum calc_unit)(rnd() % 7)};
        char w2[L10N_BUFSZ];
        l10n_duration_unit(w2, sizeof w2, &du, lang);
        memset(want, 'x', sizeof want);
        memset(got, 'x', sizeof got);
        snprintf(want, size, "%s", w2);
        l10n_duration_unit(got, size, &du, lang);
        if (memcmp(want, got, sizeof got) != 0 && !bad[4]++)
            printf("# window unit %d (%s, size %zu): want \"%s\" got \"%s\"\n", (int)du.unit, lang ? lang : "NULL",
                   size, size ? want : "", size ? got : "");
    }
    ok(bad[0] == 0, "l10n_decimal equals the snprintf way on %zu values (%zu differ)", tried, bad[0]);
    ok(bad[1] == 0, "l10n_percent equals the snprintf way on %zu values (%zu differ)", tried, bad[1]);
    ok(bad[2] == 0, "l10n_money equals the snprintf way on %zu values (%zu differ)", tried, bad[2]);
    ok(bad[3] == 0, "l10n_duration_words equals the snprintf way on %zu values (%zu differ)", tried, bad[3]);
    test_fill();
    ok(bad[4] == 0, "l10n_duration_unit cuts its words as snprintf does on %zu values (%zu differ)", tried, bad[4]);
    return done_testing();
}
