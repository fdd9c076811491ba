/* calc.c - the expectation calculator: exact arithmetic, no floating point. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/i18n.h"
#include "src/xalloc.h"

#define DAY_SECONDS 86400LL
#define WEEK_SECONDS (7 * DAY_SECONDS)
#define MEAN_MONTH_SECONDS 2629746LL /* 365.2425 * 86400 / 12, exact */
#define MAX_DURATION_COUNT 999999LL
/* Loops over days stop after this many (about 110 years). */
#define MAX_DAYS 40000L

typedef __int128 i128;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* q = num / den rounded half-up; num >= 0, den > 0.  -1 when the result
 * does not fit in a long long. */
static int div_half_up(i128 num, i128 den, long long *q)
{
    i128 r = num / den;
    if ((num % den) * 2 >= den)
        r++;
    if (r > LLONG_MAX)
        return -1;
    *q = (long long)r;
    return 0;
}

/* ---- Decimals and money ------------------------------------------------ */

/* digits [. digits]: at most max_int integer digits and max_frac decimals;
 * the value scaled by 10^max_frac. */
static int parse_fixed(const char *s, int max_int, int max_frac, long long *out)
{
    if (!s)
        return -1;
    long long v = 0;
    int n = 0;
    const char *p = s;
    for (; is_digit(*p); p++) {
        if (++n > max_int)
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (n == 0)
        return -1;
    int f = 0;
    if (*p == '.') {
        p++;
        for (; is_digit(*p); p++) {
            if (++f > max_frac)
                return -1;
            v = v * 10 + (*p - '0');
        }
        if (f == 0)
            return -1;
    }
    if (*p)
        return -1;
    for (; f < max_frac; f++)
        v *= 10;
    *out = v;
    return 0;
}

int calc_parse_decimal(const char *s, long long *scaled)
{
    return parse_fixed(s, 12, CALC_SCALE_DIGITS, scaled);
}

int calc_parse_money(const char *s, long long *cents)
{
    return parse_fixed(s, 15, 2, cents);
}

/* ---- Durations --------------------------------------------------------- */

int calc_parse_duration(const char *s, struct calc_duration *d)
{
    if (!s)
        return -1;
    long long n = 0;
    int digits = 0;
    const char *p = s;
    for (; is_digit(*p); p++) {
        if (++digits > 6)
            return -1;
        n = n * 10 + (*p - '0');
    }
    if (digits == 0 || n < 1 || !p[0] || p[1])
        return -1;
    static const char units[] = "mhdwMQY";
    const char *u = strchr(units, p[0]);
    if (!u)
        return -1;
    d->count = n;
    d->unit = (enum calc_unit)(u - units);
    return 0;
}

bool calc_duration_is_fixed(const struct calc_duration *d)
{
    return d->unit <= CALC_WEEK;
}

int calc_parse_month_mode(const char *s, enum calc_month_mode *m)
{
    if (!s)
        return -1;
    if (strcmp(s, "calendar") == 0)
        *m = CALC_MONTH_CALENDAR;
    else if (strcmp(s, "30d") == 0)
        *m = CALC_MONTH_30D;
    else if (strcmp(s, "mean") == 0)
        *m = CALC_MONTH_MEAN;
    else
        return -1;
    return 0;
}

int calc_duration_seconds(const struct calc_duration *d, enum calc_month_mode mode, int days_in_month,
                          long long *min, long long *max)
{
    if (d->count < 1 || d->count > MAX_DURATION_COUNT)
        return -1;
    if (days_in_month != 0 && (days_in_month < 28 || days_in_month > 31))
        return -1;
    long long lo, hi; /* seconds of one unit */
    switch (d->unit) {
    case CALC_MINUTE: lo = hi = 60; break;
    case CALC_HOUR: lo = hi = 3600; break;
    case CALC_DAY: lo = hi = DAY_SECONDS; break;
    case CALC_WEEK: lo = hi = WEEK_SECONDS; break;
    case CALC_MONTH:
        if (mode == CALC_MONTH_30D) {
            lo = hi = 30 * DAY_SECONDS;
        } else if (mode == CALC_MONTH_MEAN) {
            lo = hi = MEAN_MONTH_SECONDS;
        } else if (days_in_month) {
            lo = hi = days_in_month * DAY_SECONDS;
        } else {
            lo = 28 * DAY_SECONDS;
            hi = 31 * DAY_SECONDS;
        }
        break;
    case CALC_QUARTER:
        if (mode == CALC_MONTH_30D) {
            lo = hi = 90 * DAY_SECONDS;
        } else if (mode == CALC_MONTH_MEAN) {
            lo = hi = 3 * MEAN_MONTH_SECONDS;
        } else {
            lo = 90 * DAY_SECONDS; /* Q1 of a common year */
            hi = 92 * DAY_SECONDS; /* Q3, Q4 */
        }
        break;
    case CALC_YEAR:
        lo = hi = mode == CALC_MONTH_MEAN ? 12 * MEAN_MONTH_SECONDS : 365 * DAY_SECONDS;
        break;
    default: return -1;
    }
    /* A calendar-month range over several months: each month may differ,
     * so n months span n*28 .. n*31 days at most; good enough as bounds. */
    *min = lo * d->count;
    *max = hi * d->count;
    return 0;
}

/* ---- Dates and times --------------------------------------------------- */

bool calc_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int calc_days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && calc_is_leap_year(y) ? 29 : len[m - 1];
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void calc_ymd_from_day(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int calc_day_from_ymd(int y, int m, int d, long *day)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > calc_days_in_month(y, m))
        return -1;
    *day = days_from_civil(y, m, d);
    return 0;
}

/* Exactly n digits at s. */
static int fixed_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* "YYYY-MM-DD" at the start of s; the rest is checked by the caller. */
static int parse_date_prefix(const char *s, long *day)
{
    int y, m, d;
    if (fixed_digits(s, 4, &y) || s[4] != '-' || fixed_digits(s + 5, 2, &m) || s[7] != '-' ||
        fixed_digits(s + 8, 2, &d))
        return -1;
    return calc_day_from_ymd(y, m, d, day);
}

int calc_parse_date(const char *s, long *day)
{
    if (!s || strlen(s) != 10)
        return -1;
    return parse_date_prefix(s, day);
}

char *calc_format_date(long day, char *buf, size_t size)
{
    int y, m, d;
    calc_ymd_from_day(day, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    return buf;
}

int calc_weekday(long day)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)(((day % 7) + 7 + 3) % 7);
}

long calc_add_months(long day, long long months)
{
    int y, m, d;
    calc_ymd_from_day(day, &y, &m, &d);
    long long total = (long long)y * 12 + (m - 1) + months;
    int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
    int len = calc_days_in_month(ny, nm);
    return days_from_civil(ny, nm, d > len ? len : d);
}

int calc_parse_time(const char *s, int *minutes)
{
    if (!s)
        return -1;
    int h, m;
    const char *p;
    if (is_digit(s[0]) && s[1] == ':') {
        h = s[0] - '0';
        p = s + 2;
    } else if (fixed_digits(s, 2, &h) == 0 && s[2] == ':') {
        p = s + 3;
    } else {
        return -1;
    }
    if (fixed_digits(p, 2, &m) || p[2] || m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    *minutes = h * 60 + m;
    return 0;
}

int calc_parse_stamp(const char *s, struct calc_stamp *t)
{
    if (!s || strlen(s) != 16 || s[10] != 'T')
        return -1;
    long day;
    int min;
    if (parse_date_prefix(s, &day) || calc_parse_time(s + 11, &min) || min >= 1440)
        return -1;
    t->day = day;
    t->minute = min;
    return 0;
}

char *calc_format_stamp(struct calc_stamp t, char *buf, size_t size)
{
    int y, m, d;
    calc_ymd_from_day(t.day, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d", y, m, d, t.minute / 60, t.minute % 60);
    return buf;
}

/* ---- Support hours ----------------------------------------------------- */

static const char *const weekday_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int calc_parse_weekday(const char *s, int *wd)
{
    if (!s)
        return -1;
    for (int i = 0; i < 7; i++)
        if (strcmp(s, weekday_keys[i]) == 0) {
            *wd = i;
            return 0;
        }
    return -1;
}

/* One item of a day list, s[0..n): "mon" or "mon-fri". */
static int parse_day_item(const char *s, size_t n, unsigned *days)
{
    char a[4], b[4];
    int x, y;
    if (n == 3) {
        memcpy(a, s, 3);
        a[3] = 0;
        if (calc_parse_weekday(a, &x))
            return -1;
        *days |= 1u << x;
        return 0;
    }
    if (n != 7 || s[3] != '-')
        return -1;
    memcpy(a, s, 3);
    a[3] = 0;
    memcpy(b, s + 4, 3);
    b[3] = 0;
    if (calc_parse_weekday(a, &x) || calc_parse_weekday(b, &y))
        return -1;
    for (int i = x;; i = (i + 1) % 7) {
        *days |= 1u << i;
        if (i == y)
            break;
    }
    return 0;
}

int calc_parse_days(const char *s, unsigned *days)
{
    if (!s || !*s)
        return -1;
    unsigned set = 0;
    for (;;) {
        const char *c = strchr(s, ',');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        if (parse_day_item(s, n, &set))
            return -1;
        if (!c)
            break;
        s = c + 1;
    }
    *days = set;
    return 0;
}

int calc_parse_hours(const char *s, struct calc_hours *h)
{
    memset(h, 0, sizeof *h);
    if (!s)
        return -1;
    const char *c = strrchr(s, ',');
    if (!c)
        return -1;
    char *days = xstrndup(s, (size_t)(c - s));
    int r = calc_parse_days(days, &h->days);
    free(days);
    if (r)
        return -1;
    const char *range = c + 1;
    const char *dash = strchr(range, '-');
    if (!dash)
        return -1;
    char *from = xstrndup(range, (size_t)(dash - range));
    r = calc_parse_time(from, &h->from) || calc_parse_time(dash + 1, &h->to);
    free(from);
    if (r || h->from >= h->to)
        return -1;
    return 0;
}

void calc_hours_add_holiday(struct calc_hours *h, long day)
{
    size_t cap = h->nholidays;
    h->holidays = xgrow(h->holidays, &cap, h->nholidays + 1, sizeof *h->holidays);
    h->holidays[h->nholidays++] = day;
}

bool calc_hours_is_holiday(const struct calc_hours *h, long day)
{
    for (size_t i = 0; i < h->nholidays; i++)
        if (h->holidays[i] == day)
            return true;
    return false;
}

int calc_hours_open_minutes(const struct calc_hours *h, long day)
{
    if (!(h->days & (1u << calc_weekday(day))) || calc_hours_is_holiday(h, day))
        return 0;
    return h->to - h->from;
}

void calc_hours_free(struct calc_hours *h)
{
    free(h->holidays);
    memset(h, 0, sizeof *h);
}

static void set_err_at(struct err *e, const struct doc_node *root, const char *path, const char *msg)
{
    unsigned line = 0, col = 0;
    if (!doc_pos(root, path, &line, &col))
        line = col = 0;
    err_set(e, NULL, line, col, "%s [%s]", msg, path);
}

int calc_hours_from_doc(const struct doc_node *root, const char *path, struct calc_hours *h, struct err *e)
{
    char p[256];
    memset(h, 0, sizeof *h);
    snprintf(p, sizeof p, "%s.days", path);
    const struct doc_node *days = doc_get(root, p);
    if (!days || days->kind != DOC_SEQ || days->len == 0) {
        set_err_at(e, root, p, _("the support hours name no days"));
        return -1;
    }
    for (size_t i = 0; i < days->len; i++) {
        const struct doc_node *it = days->u.items[i];
        int wd;
        if (it->kind != DOC_SCALAR || calc_parse_weekday(it->u.str, &wd)) {
            snprintf(p, sizeof p, "%s.days[%zu]", path, i);
            set_err_at(e, root, p, _("not a day of the week (mon, tue, wed, thu, fri, sat, sun)"));
            return -1;
        }
        h->days |= 1u << wd;
    }
    snprintf(p, sizeof p, "%s.from", path);
    if (calc_parse_time(doc_get_str(root, p), &h->from)) {
        set_err_at(e, root, p, _("not a time of day (HH:MM)"));
        return -1;
    }
    snprintf(p, sizeof p, "%s.to", path);
    if (calc_parse_time(doc_get_str(root, p), &h->to)) {
        set_err_at(e, root, p, _("not a time of day (HH:MM)"));
        return -1;
    }
    if (h->from >= h->to) {
        set_err_at(e, root, p, _("the support hours must end after they start"));
        return -1;
    }
    snprintf(p, sizeof p, "%s.holidays", path);
    const struct doc_node *hol = doc_get(root, p);
    if (hol && hol->kind == DOC_SEQ) {
        for (size_t i = 0; i < hol->len; i++) {
            const struct doc_node *it = hol->u.items[i];
            long day;
            if (it->kind != DOC_SCALAR || calc_parse_date(it->u.str, &day)) {
                snprintf(p, sizeof p, "%s.holidays[%zu]", path, i);
                set_err_at(e, root, p, _("not a date (YYYY-MM-DD)"));
                calc_hours_free(h);
                return -1;
            }
            calc_hours_add_holiday(h, day);
        }
    }
    return 0;
}

long long calc_open_minutes(const struct calc_hours *h, struct calc_stamp a, struct calc_stamp b)
{
    long long total = 0;
    for (long day = a.day; day <= b.day; day++) {
        if (!calc_hours_open_minutes(h, day))
            continue;
        int s = h->from, t = h->to;
        if (day == a.day && a.minute > s)
            s = a.minute;
        if (day == b.day && b.minute < t)
            t = b.minute;
        if (t > s)
            total += t - s;
    }
    return total;
}

/* ---- Downtime budget --------------------------------------------------- */

static int budget(long long target, i128 seconds_num, i128 seconds_den, long long *tenths)
{
    /* (1 - target/100) * seconds * 10 = (100*S - target) * seconds * 10 / (100*S) */
    i128 num = (i128)(100 * CALC_SCALE - target) * seconds_num * 10;
    i128 den = (i128)100 * CALC_SCALE * seconds_den;
    return div_half_up(num, den, tenths);
}

int calc_downtime_scaled(long long target, const struct calc_window *w, long long *min_tenths,
                         long long *max_tenths)
{
    if (target < 0 || target > 100 * CALC_SCALE)
        return -1;
    const struct calc_hours *h = w->hours;
    if (h && (!h->days || h->from < 0 || h->from >= h->to || h->to > 1440))
        return -1;
    const struct calc_duration *d = &w->len;
    if (d->count < 1 || d->count > MAX_DURATION_COUNT)
        return -1;

    if (!w->has_start) {
        long long lo, hi;
        if (calc_duration_seconds(d, w->month, w->days_in_month, &lo, &hi))
            return -1;
        i128 week_open = 1, per_week = 1;
        if (h) {
            int ndays = __builtin_popcount(h->days & 0x7f);
            week_open = (i128)ndays * (h->to - h->from) * 60;
            per_week = WEEK_SECONDS;
        }
        if (budget(target, lo * week_open, per_week, min_tenths) ||
            budget(target, hi * week_open, per_week, max_tenths))
            return -1;
        return 0;
    }

    /* A concrete period: [start 00:00, end). */
    struct calc_stamp a = {w->start_day, 0}, b = {w->start_day, 0};
    long long months = 0;
    switch (d->unit) {
    case CALC_MINUTE:
    case CALC_HOUR: {
        long long mins = d->count * (d->unit == CALC_HOUR ? 60 : 1);
        b.day += (long)(mins / 1440);
        b.minute = (int)(mins % 1440);
        break;
    }
    case CALC_DAY: b.day += (long)d->count; break;
    case CALC_WEEK: b.day += (long)(7 * d->count); break;
    case CALC_MONTH: months = d->count; break;
    case CALC_QUARTER: months = 3 * d->count; break;
    case CALC_YEAR: months = 12 * d->count; break;
    default: return -1;
    }
    if (months) {
        if (w->month == CALC_MONTH_30D && d->unit != CALC_YEAR)
            b.day += (long)(30 * months);
        else
            b.day = calc_add_months(w->start_day, months);
    }
    if (b.day - a.day > MAX_DAYS * 10)
        return -1;
    i128 seconds;
    if (h)
        seconds = (i128)calc_open_minutes(h, a, b) * 60;
    else
        seconds = ((i128)(b.day - a.day) * 1440 + b.minute) * 60;
    if (budget(target, seconds, 1, min_tenths))
        return -1;
    *max_tenths = *min_tenths;
    return 0;
}

int calc_downtime(const char *target, const struct calc_window *w, long long *min_tenths,
                  long long *max_tenths)
{
    long long t;
    if (calc_parse_decimal(target, &t))
        return -1;
    return calc_downtime_scaled(t, w, min_tenths, max_tenths);
}

/* ---- Due time on a business clock -------------------------------------- */

int calc_due(const struct calc_hours *h, struct calc_stamp start, long long minutes, struct calc_stamp *due)
{
    if (!h || !(h->days & 0x7f) || h->from < 0 || h->from >= h->to || h->to > 1440 || minutes < 0 ||
        start.minute < 0 || start.minute >= 1440)
        return -1;
    long long left = minutes;
    int from_min = start.minute;
    for (long day = start.day; day < start.day + MAX_DAYS; day++, from_min = 0) {
        if (!calc_hours_open_minutes(h, day))
            continue;
        int s = from_min > h->from ? from_min : h->from;
        if (s >= h->to)
            continue;
        long long avail = h->to - s;
        if (left <= avail) {
            long long at = s + left;
            due->day = day + (long)(at / 1440);
            due->minute = (int)(at % 1440);
            return 0;
        }
        left -= avail;
    }
    return -1;
}

/* ---- Service credits --------------------------------------------------- */

int calc_credit(long long measured, const struct calc_tier *tiers, size_t n, long long basis_cents,
                long long cap_percent, long long *cents, long long *percent)
{
    if (basis_cents < 0 || measured < 0)
        return -1;
    long long pct = 0;
    for (size_t i = 0; i < n; i++) {
        if (tiers[i].percent < 0 || tiers[i].percent > 100 * CALC_SCALE)
            return -1;
        if (tiers[i].below > measured)
            pct = tiers[i].percent;
    }
    if (cap_percent >= 0 && pct > cap_percent)
        pct = cap_percent;
    if (percent)
        *percent = pct;
    return div_half_up((i128)basis_cents * pct, (i128)100 * CALC_SCALE, cents);
}

int calc_credit_for_level(const struct doc_node *root, const char *sl_id, const char *measured, long long *cents,
                          const char **currency, struct err *e)
{
    char p[256], base[128];
    long long m;
    err_clear(e);
    if (calc_parse_decimal(measured, &m)) {
        err_set(e, NULL, 0, 0, _("not a measured value: %s"), measured ? measured : "");
        return -1;
    }
    size_t n = doc_count(root, "remedies.service_credits"), i;
    for (i = 0; i < n; i++) {
        snprintf(p, sizeof p, "remedies.service_credits[%zu].service_level", i);
        const char *s = doc_get_str(root, p);
        if (s && strcmp(s, sl_id) == 0)
            break;
    }
    if (i == n) {
        err_set(e, NULL, 0, 0, _("no service credits are defined for service level %s"), sl_id);
        return -1;
    }
    snprintf(base, sizeof base, "remedies.service_credits[%zu]", i);

    snprintf(p, sizeof p, "%s.basis", base);
    const char *basis = doc_get_str(root, p);
    if (!basis) {
        set_err_at(e, root, p, _("the service credit names no basis price"));
        return -1;
    }
    size_t ni = doc_count(root, "pricing.items"), j;
    for (j = 0; j < ni; j++) {
        snprintf(p, sizeof p, "pricing.items[%zu].id", j);
        const char *id = doc_get_str(root, p);
        if (id && strcmp(id, basis) == 0)
            break;
    }
    if (j == ni) {
        snprintf(p, sizeof p, "%s.basis", base);
        set_err_at(e, root, p, _("the basis is not a price item"));
        return -1;
    }
    long long basis_cents;
    snprintf(p, sizeof p, "pricing.items[%zu].amount", j);
    if (calc_parse_money(doc_get_str(root, p), &basis_cents)) {
        set_err_at(e, root, p, _("not an amount of money (like 450.00)"));
        return -1;
    }

    snprintf(p, sizeof p, "%s.tiers", base);
    size_t nt = doc_count(root, p);
    struct calc_tier *tiers = xcalloc(nt ? nt : 1, sizeof *tiers);
    for (size_t k = 0; k < nt; k++) {
        snprintf(p, sizeof p, "%s.tiers[%zu].below", base, k);
        if (calc_parse_decimal(doc_get_str(root, p), &tiers[k].below))
            goto bad_number;
        snprintf(p, sizeof p, "%s.tiers[%zu].credit_percent", base, k);
        if (calc_parse_decimal(doc_get_str(root, p), &tiers[k].percent) || tiers[k].percent > 100 * CALC_SCALE)
            goto bad_number;
    }
    long long cap = -1;
    snprintf(p, sizeof p, "%s.monthly_cap_percent", base);
    const char *caps = doc_get_str(root, p);
    if (caps && (calc_parse_decimal(caps, &cap) || cap > 100 * CALC_SCALE))
        goto bad_number;
    if (calc_credit(m, tiers, nt, basis_cents, cap, cents, NULL)) {
        err_set(e, NULL, 0, 0, _("the service credit cannot be computed"));
        free(tiers);
        return -1;
    }
    free(tiers);
    if (currency)
        *currency = doc_get_str(root, "pricing.currency");
    return 0;

bad_number:
    free(tiers);
    set_err_at(e, root, p, _("not a percentage (a number from 0 to 100)"));
    return -1;
}
