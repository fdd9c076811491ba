/* l10n.c - numbers, money, dates and durations in the agreement's language. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/l10n.h"
#include "src/xalloc.h"

/* The conventions of a language: code, not catalogue, so that no system
 * locale is needed. */
enum date_order { DATE_MDY, DATE_D_DE_M_DE_Y };

struct conv {
    const char *lang;
    const char *dec;   /* decimal mark */
    const char *group; /* group mark */
    int group_from;    /* group numbers with at least this many integer digits */
    bool pct_space;    /* "99,5 %" vs "99.5%" */
    bool money_after;  /* "1,00 €" vs "€1.00" */
    enum date_order date;
};

static const struct conv convs[] = {
    {"en", ".", ",", 4, false, false, DATE_MDY},
    {"es", ",", ".", 5, true, true, DATE_D_DE_M_DE_Y},
};

static const struct conv *conv_for(const char *lang)
{
    if (lang)
        for (size_t i = 0; i < sizeof convs / sizeof convs[0]; i++) {
            size_t n = strlen(convs[i].lang);
            if (strncmp(lang, convs[i].lang, n) == 0 && (lang[n] == 0 || lang[n] == '_' || lang[n] == '-'))
                return &convs[i];
        }
    return &convs[0];
}

/* i18n_lang, declared as returning a format built from msgid so that the
 * compiler checks the arguments against the English msgid. */
static const char *tr(const char *lang, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(const char *lang, const char *msgid)
{
    return i18n_lang(lang, msgid);
}

/* Append to buf (bounded, whole UTF-8 characters only). */
struct out {
    char *buf;
    size_t size, len;
    bool full; /* something did not fit: append nothing more */
};

static void put_n(struct out *o, const char *s, size_t n)
{
    if (o->size == 0 || o->full)
        return;
    if (o->len + n >= o->size) {
        o->full = true;
        n = o->size - 1 - o->len;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* never cut a UTF-8 character */
            n--;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = 0;
}

static void put(struct out *o, const char *s)
{
    put_n(o, s, strlen(s));
}

/* The decimal digits of v, written backwards ending at end; returns where
 * they start.  (snprintf's "%llu" without its machinery: figures are
 * formatted for every item of a summary.) */
static char *digits_of(char *end, unsigned long long v)
{
    do
        *--end = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    return end;
}

static struct out out_init(char *buf, size_t size)
{
    struct out o = {buf, size, 0, false};
    if (size)
        buf[0] = 0;
    return o;
}

/* Integer part with group marks when it has at least group_from digits.
 * Written as put() would write it digit by digit and mark by mark: put_n
 * cuts a whole string at the same byte (and back to the same character
 * start) as a series of puts of its parts. */
static void put_int(struct out *o, unsigned long long v, const struct conv *c, int group_from)
{
    char digits[24];
    char *d = digits_of(digits + sizeof digits, v);
    int n = (int)(digits + sizeof digits - d);
    size_t gl = strlen(c->group);
    if (n < group_from || gl > 4) {
        if (n >= group_from) { /* a long mark: the old way */
            for (int i = 0; i < n; i++) {
                if (i > 0 && (n - i) % 3 == 0)
                    put(o, c->group);
                put_n(o, d + i, 1);
            }
            return;
        }
        put_n(o, d, (size_t)n);
        return;
    }
    char g[24 + 8 * 4];
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(g + k, c->group, gl);
            k += gl;
        }
        g[k++] = d[i];
    }
    put_n(o, g, k);
}

/* A scaled decimal: integer part, then the fraction without trailing
 * zeros.  min_frac forces at least that many decimals (money: 2). */
static void put_fixed(struct out *o, long long v, int scale_digits, int min_frac, const struct conv *c,
                      int group_from)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    unsigned long long scale = 1;
    for (int i = 0; i < scale_digits; i++)
        scale *= 10;
    if (v < 0)
        put(o, "-");
    put_int(o, u / scale, c, group_from);
    /* the fraction with scale_digits digits, leading zeros kept ("%0*llu") */
    unsigned long long frac = u % scale;
    char f[24];
    int n = scale_digits < 20 ? scale_digits : 20;
    for (int i = n - 1; i >= 0; i--) {
        f[i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    while (n > min_frac && f[n - 1] == '0')
        n--;
    if (n > 0) {
        put(o, c->dec);
        put_n(o, f, (size_t)n);
    }
}

char *l10n_decimal(char *buf, size_t size, long long scaled, const char *lang)
{
    const struct conv *c = conv_for(lang);
    struct out o = out_init(buf, size);
    put_fixed(&o, scaled, CALC_SCALE_DIGITS, 0, c, c->group_from);
    return buf;
}

char *l10n_percent(char *buf, size_t size, long long scaled, const char *lang)
{
    const struct conv *c = conv_for(lang);
    struct out o = out_init(buf, size);
    put_fixed(&o, scaled, CALC_SCALE_DIGITS, 0, c, c->group_from);
    put(&o, c->pct_space ? " %" : "%");
    return buf;
}

static const char *currency_symbol(const char *code)
{
    if (!code)
        return NULL;
    if (strcmp(code, "EUR") == 0)
        return "€";
    if (strcmp(code, "USD") == 0)
        return "$";
    if (strcmp(code, "GBP") == 0)
        return "£";
    return NULL;
}

char *l10n_money(char *buf, size_t size, long long cents, const char *currency, const char *lang)
{
    const struct conv *c = conv_for(lang);
    struct out o = out_init(buf, size);
    const char *sym = currency_symbol(currency);
    const char *code = currency && *currency ? currency : "";
    if (c->money_after) {
        put_fixed(&o, cents, 2, 2, c, 4);
        if (sym || *code) {
            put(&o, " ");
            put(&o, sym ? sym : code);
        }
    } else {
        if (cents < 0) {
            put(&o, "-");
            cents = -cents;
        }
        if (sym) {
            put(&o, sym);
        } else if (*code) {
            put(&o, code);
            put(&o, " ");
        }
        put_fixed(&o, cents, 2, 2, c, 4);
    }
    return buf;
}

static void fill_add(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap)
        *buf = xgrow(*buf, cap, *len + n + 1, 1);
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

bool l10n_fill(char **buf, size_t *len, size_t *cap, const char *fmt, size_t n, const char *const *args)
{
    /* only %s, %N$s and %%: then printf copies the text between them and
     * each argument whole */
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 1, '%')) {
        p++;
        if (*p >= '1' && *p <= '9' && p[1] == '$')
            p += 2;
        if (*p != 's' && *p != '%')
            return false;
    }
    size_t next = 0;
    const char *p = fmt;
    for (;;) {
        const char *q = strchr(p, '%');
        if (!q) {
            fill_add(buf, len, cap, p, strlen(p));
            return true;
        }
        fill_add(buf, len, cap, p, (size_t)(q - p));
        q++;
        if (*q == '%') {
            fill_add(buf, len, cap, "%", 1);
            p = q + 1;
            continue;
        }
        size_t k = next++;
        if (*q >= '1' && *q <= '9' && q[1] == '$') {
            k = (size_t)(*q - '1');
            q += 2;
        }
        const char *a = k < n ? args[k] : NULL;
        if (!a)
            a = "(null)";
        fill_add(buf, len, cap, a, strlen(a));
        p = q + 1;
    }
}

const char *l10n_weekday_name(int wd, const char *lang)
{
    static const char *const names[7] = {N_("Monday"), N_("Tuesday"),  N_("Wednesday"), N_("Thursday"),
                                         N_("Friday"), N_("Saturday"), N_("Sunday")};
    if (wd < 0 || wd > 6)
        return "";
    return i18n_lang(lang, names[wd]);
}

const char *l10n_month_name(int month, const char *lang)
{
    /* TRANSLATORS: month names as used inside a date ("1 de enero de 2027"). */
    static const char *const names[12] = {N_("January"), N_("February"), N_("March"),     N_("April"),
                                          N_("May"),     N_("June"),     N_("July"),      N_("August"),
                                          N_("September"), N_("October"), N_("November"), N_("December")};
    if (month < 1 || month > 12)
        return "";
    return i18n_lang(lang, names[month - 1]);
}

char *l10n_date(char *buf, size_t size, long day, const char *lang)
{
    const struct conv *c = conv_for(lang);
    int y, m, d;
    calc_ymd_from_day(day, &y, &m, &d);
    const char *month = l10n_month_name(m, lang);
    if (c->date == DATE_D_DE_M_DE_Y)
        snprintf(buf, size, "%d de %s de %d", d, month, y);
    else
        snprintf(buf, size, "%s %d, %d", month, d, y);
    return buf;
}

char *l10n_duration_words(char *buf, size_t size, long long tenths, const char *lang)
{
    const struct conv *c = conv_for(lang);
    struct out o = out_init(buf, size);
    char n[32];
    if (tenths < 0) {
        put(&o, "-");
        tenths = -tenths;
    }
    long long secs = tenths / 10;
    int t = (int)(tenths % 10);
    long long days = secs / 86400, hours = secs / 3600 % 24, mins = secs / 60 % 60, s = secs % 60;
    /* Unit symbols (d, h, min, s) are the same in every supported language. */
    struct {
        long long v;
        const char *sym;
    } parts[3] = {{days, "d"}, {hours, "h"}, {mins, "min"}};
    bool any = false;
    for (int i = 0; i < 3; i++) {
        if (!parts[i].v)
            continue;
        if (any)
            put(&o, " ");
        /* "%lld %s" */
        char *d = digits_of(n + sizeof n, (unsigned long long)parts[i].v);
        put_n(&o, d, (size_t)(n + sizeof n - d));
        put(&o, " ");
        put(&o, parts[i].sym);
        any = true;
    }
    if (s || t || !any) {
        if (any)
            put(&o, " ");
        char *d = digits_of(n + sizeof n, (unsigned long long)s);
        put_n(&o, d, (size_t)(n + sizeof n - d));
        if (t) {
            put(&o, c->dec);
            char one = (char)('0' + t);
            put_n(&o, &one, 1);
        }
        put(&o, " s");
    }
    return buf;
}

char *l10n_duration_unit(char *buf, size_t size, const struct calc_duration *d, const char *lang)
{
    if (d->count == 1) {
        const char *w;
        switch (d->unit) {
        case CALC_MINUTE: w = tr(lang, N_("per minute")); break;
        case CALC_HOUR: w = tr(lang, N_("per hour")); break;
        case CALC_DAY: w = tr(lang, N_("per day")); break;
        case CALC_WEEK: w = tr(lang, N_("per week")); break;
        case CALC_MONTH: w = tr(lang, N_("per month")); break;
        case CALC_QUARTER: w = tr(lang, N_("per quarter")); break;
        case CALC_YEAR: w = tr(lang, N_("per year")); break;
        default: w = ""; break;
        }
        /* snprintf(buf, size, "%s", w): cut at size - 1 bytes */
        if (size) {
            size_t n = strlen(w);
            if (n > size - 1)
                n = size - 1;
            memcpy(buf, w, n);
            buf[n] = '\0';
        }
        return buf;
    }
    char n[32];
    const struct conv *c = conv_for(lang);
    struct out o = out_init(n, sizeof n);
    put_int(&o, (unsigned long long)d->count, c, c->group_from);
    switch (d->unit) {
    case CALC_MINUTE: snprintf(buf, size, tr(lang, N_("every %s minutes")), n); break;
    case CALC_HOUR: snprintf(buf, size, tr(lang, N_("every %s hours")), n); break;
    case CALC_DAY: snprintf(buf, size, tr(lang, N_("every %s days")), n); break;
    case CALC_WEEK: snprintf(buf, size, tr(lang, N_("every %s weeks")), n); break;
    case CALC_MONTH: snprintf(buf, size, tr(lang, N_("every %s months")), n); break;
    case CALC_QUARTER: snprintf(buf, size, tr(lang, N_("every %s quarters")), n); break;
    case CALC_YEAR: snprintf(buf, size, tr(lang, N_("every %s years")), n); break;
    default:
        if (size)
            buf[0] = 0;
        break;
    }
    return buf;
}

char *l10n_screen_lang(char *buf, size_t size)
{
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    const char *v = NULL;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *s = getenv(vars[i]);
        if (s && *s) {
            v = s;
            break;
        }
    }
    if (!v || strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0)
        v = "en";
    size_t n = strcspn(v, "_.@:-");
    if (n == 0)
        v = "en", n = 2;
    snprintf(buf, size, "%.*s", (int)n, v);
    return buf;
}
