/* test_calc.c - the expectation calculator: parsers, budgets, due times,
 * credits, with the published figures. */
#include "config.h"

#include "src/calc.h"
#include "src/doc.h"
#include "src/err.h"
#include "src/sla_yaml.h"
#include "tests/tap.h"

static long day_of(const char *s)
{
    long d = -999999;
    if (calc_parse_date(s, &d))
        diag("bad date in test: %s", s);
    return d;
}

static void test_decimals(void)
{
    long long v = 0;
    ok(calc_parse_decimal("99.5", &v) == 0 && v == 99500000, "decimal 99.5");
    ok(calc_parse_decimal("99.95", &v) == 0 && v == 99950000, "decimal 99.95");
    ok(calc_parse_decimal("450.00", &v) == 0 && v == 450000000, "decimal 450.00");
    ok(calc_parse_decimal("8", &v) == 0 && v == 8000000, "decimal 8");
    ok(calc_parse_decimal("99.999999", &v) == 0 && v == 99999999, "decimal with six decimals");
    static const char *const bad[] = {"", "99.9999999", "1e3", "1,5", "-1", "+1", ".5", "5.", " 5", "5 ", "3x",
                                      "1234567890123"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ok(calc_parse_decimal(bad[i], &v) == -1, "decimal refuses \"%s\"", bad[i]);
    ok(calc_parse_decimal(NULL, &v) == -1, "decimal refuses NULL");

    ok(calc_parse_money("450.00", &v) == 0 && v == 45000, "money 450.00");
    ok(calc_parse_money("35", &v) == 0 && v == 3500, "money 35");
    ok(calc_parse_money("22.5", &v) == 0 && v == 2250, "money 22.5");
    ok(calc_parse_money("0.01", &v) == 0 && v == 1, "money 0.01");
    static const char *const badm[] = {"1.005", "1e3", "1,5", "-3", "", "1.", ".50", "€5", "5 EUR"};
    for (size_t i = 0; i < sizeof badm / sizeof badm[0]; i++)
        ok(calc_parse_money(badm[i], &v) == -1, "money refuses \"%s\"", badm[i]);
}

static void test_durations(void)
{
    struct calc_duration d;
    static const struct {
        const char *s;
        long long n;
        enum calc_unit u;
    } good[] = {{"30m", 30, CALC_MINUTE}, {"4h", 4, CALC_HOUR},  {"2d", 2, CALC_DAY},   {"1w", 1, CALC_WEEK},
                {"1M", 1, CALC_MONTH},    {"1Q", 1, CALC_QUARTER}, {"1Y", 1, CALC_YEAR}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ok(calc_parse_duration(good[i].s, &d) == 0 && d.count == good[i].n && d.unit == good[i].u, "duration %s",
           good[i].s);
    static const char *const bad[] = {"3x", "0d", "h", "1.5h", "-1d", " 1d", "1d ", "1 d", "", "1dd", "1s", "1234567h"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ok(calc_parse_duration(bad[i], &d) == -1, "duration refuses \"%s\"", bad[i]);

    long long lo, hi;
    calc_parse_duration("1M", &d);
    ok(calc_duration_seconds(&d, CALC_MONTH_CALENDAR, 0, &lo, &hi) == 0 && lo == 28 * 86400LL && hi == 31 * 86400LL,
       "calendar month is 28..31 days");
    ok(calc_duration_seconds(&d, CALC_MONTH_CALENDAR, 30, &lo, &hi) == 0 && lo == hi && lo == 30 * 86400LL,
       "calendar month with 30 days given");
    ok(calc_duration_seconds(&d, CALC_MONTH_CALENDAR, 32, &lo, &hi) == -1, "32 days in a month refused");
    ok(calc_duration_seconds(&d, CALC_MONTH_30D, 0, &lo, &hi) == 0 && lo == hi && lo == 2592000,
       "30d month is 2592000 s");
    ok(calc_duration_seconds(&d, CALC_MONTH_MEAN, 0, &lo, &hi) == 0 && lo == hi && lo == 2629746,
       "mean month is 365.2425/12 days = 2629746 s");
    calc_parse_duration("1Y", &d);
    ok(calc_duration_seconds(&d, CALC_MONTH_CALENDAR, 0, &lo, &hi) == 0 && lo == hi && lo == 365 * 86400LL,
       "a year is 365 days");
    calc_parse_duration("1Q", &d);
    ok(calc_duration_seconds(&d, CALC_MONTH_CALENDAR, 0, &lo, &hi) == 0 && lo == 90 * 86400LL &&
           hi == 92 * 86400LL,
       "calendar quarter is 90..92 days");
    calc_parse_duration("4h", &d);
    ok(calc_duration_is_fixed(&d), "4h is fixed");
    calc_parse_duration("1M", &d);
    ok(!calc_duration_is_fixed(&d), "1M is not fixed");

    enum calc_month_mode m;
    ok(calc_parse_month_mode("calendar", &m) == 0 && m == CALC_MONTH_CALENDAR, "month mode calendar");
    ok(calc_parse_month_mode("30d", &m) == 0 && m == CALC_MONTH_30D, "month mode 30d");
    ok(calc_parse_month_mode("mean", &m) == 0 && m == CALC_MONTH_MEAN, "month mode mean");
    ok(calc_parse_month_mode("31d", &m) == -1, "month mode 31d refused");
}

static void test_dates(void)
{
    long day;
    char buf[32];
    ok(calc_parse_date("1970-01-01", &day) == 0 && day == 0, "1970-01-01 is day 0");
    ok(calc_parse_date("2026-12-01", &day) == 0 && day == 20788, "2026-12-01 is day 20788");
    is_str(calc_format_date(day, buf, sizeof buf), "2026-12-01", "date round trip");
    ok(calc_parse_date("2028-02-29", &day) == 0, "2028-02-29 exists (leap year)");
    ok(calc_parse_date("2000-02-29", &day) == 0, "2000-02-29 exists (divisible by 400)");
    static const char *const bad[] = {"2027-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                                      "2026-12-1",  "26-12-01",   "2026/12/01", "2026-12-01x", "", "0000-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ok(calc_parse_date(bad[i], &day) == -1, "date refuses \"%s\"", bad[i]);
    is_int(calc_days_in_month(2028, 2), 29, "February 2028 has 29 days");
    is_int(calc_days_in_month(2027, 2), 28, "February 2027 has 28 days");
    is_int(calc_weekday(day_of("2026-11-27")), 4, "2026-11-27 is a Friday");
    is_int(calc_weekday(day_of("2027-01-01")), 4, "2027-01-01 is a Friday");
    is_int(calc_weekday(day_of("1969-12-29")), 0, "1969-12-29 is a Monday (negative day numbers)");
    is_str(calc_format_date(calc_add_months(day_of("2027-01-31"), 1), buf, sizeof buf), "2027-02-28",
           "Jan 31 + 1 month clamps to Feb 28");
    is_str(calc_format_date(calc_add_months(day_of("2027-11-15"), 3), buf, sizeof buf), "2028-02-15",
           "months cross the year");
    for (long d = day_of("1999-12-25"); d < day_of("2001-03-05"); d++) {
        int y, m, dd;
        long back;
        calc_ymd_from_day(d, &y, &m, &dd);
        if (calc_day_from_ymd(y, m, dd, &back) || back != d) {
            ok(0, "day %ld round trips", d);
            break;
        }
        if (d == day_of("2001-03-04"))
            ok(1, "every day from 1999-12-25 to 2001-03-04 round trips");
    }

    int min;
    ok(calc_parse_time("09:00", &min) == 0 && min == 540, "time 09:00");
    ok(calc_parse_time("9:30", &min) == 0 && min == 570, "time 9:30");
    ok(calc_parse_time("00:00", &min) == 0 && min == 0, "time 00:00");
    ok(calc_parse_time("24:00", &min) == 0 && min == 1440, "time 24:00");
    static const char *const badt[] = {"25:00", "24:01", "12:60", "9", "09:0", "0900", "09:00:00", "", "ab:cd", "-1:00"};
    for (size_t i = 0; i < sizeof badt / sizeof badt[0]; i++)
        ok(calc_parse_time(badt[i], &min) == -1, "time refuses \"%s\"", badt[i]);

    struct calc_stamp t;
    ok(calc_parse_stamp("2026-11-27T16:30", &t) == 0 && t.day == day_of("2026-11-27") && t.minute == 990,
       "stamp 2026-11-27T16:30");
    is_str(calc_format_stamp(t, buf, sizeof buf), "2026-11-27T16:30", "stamp round trip");
    ok(calc_parse_stamp("2026-11-27T24:00", &t) == -1, "stamp refuses 24:00");
    ok(calc_parse_stamp("2026-11-27 16:30", &t) == -1, "stamp refuses a space");
    ok(calc_parse_stamp("2027-02-29T10:00", &t) == -1, "stamp refuses 2027-02-29");
}

static void test_hours(void)
{
    struct calc_hours h;
    unsigned days;
    ok(calc_parse_days("mon-fri", &days) == 0 && days == 0x1f, "mon-fri");
    ok(calc_parse_days("mon,wed,fri", &days) == 0 && days == 0x15, "mon,wed,fri");
    ok(calc_parse_days("fri-mon", &days) == 0 && days == 0x71, "fri-mon wraps");
    ok(calc_parse_days("mon-fri,sun", &days) == 0 && days == 0x5f, "mon-fri,sun");
    ok(calc_parse_days("lun-vie", &days) == -1, "days refuse lun-vie");
    ok(calc_parse_days("mon,", &days) == -1, "days refuse a trailing comma");
    ok(calc_parse_hours("mon-fri,09:00-18:00", &h) == 0 && h.days == 0x1f && h.from == 540 && h.to == 1080,
       "hours mon-fri,09:00-18:00");
    ok(calc_parse_hours("mon-sun,00:00-24:00", &h) == 0 && h.days == 0x7f && h.to == 1440, "hours around the clock");
    ok(calc_parse_hours("mon-fri,18:00-09:00", &h) == -1, "hours refuse an opening that crosses midnight");
    ok(calc_parse_hours("mon-fri,09:00-25:00", &h) == -1, "hours refuse 25:00");
    ok(calc_parse_hours("mon-fri", &h) == -1, "hours need a time range");
    ok(calc_parse_hours("09:00-18:00", &h) == -1, "hours need days");
}

static long long budget1(const char *target, const char *window, enum calc_month_mode mode, int dim,
                         const struct calc_hours *h, const char *start, long long *max)
{
    struct calc_window w = {.month = mode, .days_in_month = dim, .hours = h};
    long long lo = -1, hi = -1;
    if (calc_parse_duration(window, &w.len))
        return -2;
    if (start) {
        w.has_start = true;
        w.start_day = day_of(start);
    }
    if (calc_downtime(target, &w, &lo, &hi))
        return -3;
    if (max)
        *max = hi;
    return lo;
}

static void test_downtime(void)
{
    long long hi;
    is_int(budget1("99.9", "30d", CALC_MONTH_CALENDAR, 0, NULL, NULL, &hi), 25920,
           "99.9 %% over 30 days = 2592.0 s (43 min 12 s)");
    is_int(budget1("99.9", "1M", CALC_MONTH_30D, 0, NULL, NULL, NULL), 25920, "99.9 %% over a 30d month = 2592.0 s");
    is_int(budget1("99.9", "1Y", CALC_MONTH_CALENDAR, 0, NULL, NULL, NULL), 315360,
           "99.9 %% over a 365-day year = 31536.0 s (8 h 45 min 36 s)");
    long long lo = budget1("99.5", "1M", CALC_MONTH_CALENDAR, 0, NULL, NULL, &hi);
    is_int(lo, 120960, "99.5 %% over a calendar month: at least 3 h 21 min 36 s");
    is_int(hi, 133920, "99.5 %% over a calendar month: at most 3 h 43 min 12 s");
    is_int(budget1("99.5", "1M", CALC_MONTH_CALENDAR, 31, NULL, NULL, &hi), 133920, "99.5 %% over a 31-day month");
    is_int(budget1("99.9", "1M", CALC_MONTH_CALENDAR, 0, NULL, "2028-02-01", &hi), 25056,
           "99.9 %% over February 2028 (29 days) = 2505.6 s");
    is_int(budget1("99.9", "1M", CALC_MONTH_CALENDAR, 0, NULL, "2027-02-01", &hi), 24192,
           "99.9 %% over February 2027 (28 days) = 2419.2 s");
    is_int(budget1("99.9", "1Y", CALC_MONTH_CALENDAR, 0, NULL, "2028-01-01", &hi), 316224,
           "99.9 %% over the leap year 2028 (366 days)");
    is_int(budget1("99.9", "1M", CALC_MONTH_MEAN, 0, NULL, NULL, NULL), 26297,
           "99.9 %% over a mean month = 2629.746 s rounded half-up to 2629.7");
    is_int(budget1("99.95", "1d", CALC_MONTH_CALENDAR, 0, NULL, NULL, NULL), 432, "99.95 %% over a day = 43.2 s");
    is_int(budget1("99.99", "1w", CALC_MONTH_CALENDAR, 0, NULL, NULL, NULL), 605, "99.99 %% over a week = 60.48 s -> 60.5");
    is_int(budget1("100", "1M", CALC_MONTH_30D, 0, NULL, NULL, NULL), 0, "100 %% allows nothing");
    is_int(budget1("0", "1d", CALC_MONTH_30D, 0, NULL, NULL, NULL), 864000, "0 %% allows the whole day");
    is_int(budget1("100.1", "1d", CALC_MONTH_30D, 0, NULL, NULL, NULL), -3, "a target above 100 is refused");
    is_int(budget1("abc", "1d", CALC_MONTH_30D, 0, NULL, NULL, NULL), -3, "a malformed target is refused");
    /* Rounding to tenths, half-up: 0.001 %% of 5 h = 0.18 s -> 0.2 s. */
    is_int(budget1("99.999", "5h", CALC_MONTH_30D, 0, NULL, NULL, NULL), 2, "0.18 s rounds to 0.2 s");
    /* 0.0025 %% of 1 h = 0.09 s = 0.9 tenths -> 1. */
    is_int(budget1("99.9975", "1h", CALC_MONTH_30D, 0, NULL, NULL, NULL), 1, "0.09 s rounds half-up to 0.1 s");
    /* 0.00125 %% of 1 h = 0.045 s = 0.45 tenths -> 0. */
    is_int(budget1("99.99875", "1h", CALC_MONTH_30D, 0, NULL, NULL, NULL), 0, "0.045 s rounds down to 0.0 s");
    /* 0.0125 %% of 1 h = 0.45 s = exactly 4.5 tenths -> 5 (half-up). */
    is_int(budget1("99.9875", "1h", CALC_MONTH_30D, 0, NULL, NULL, NULL), 5, "0.45 s rounds half-up to 0.5 s");

    /* Business clock: mon-fri 09:00-18:00 = 45 h a week. */
    struct calc_hours h;
    calc_parse_hours("mon-fri,09:00-18:00", &h);
    is_int(budget1("99.9", "1w", CALC_MONTH_30D, 0, &h, NULL, NULL), 1620,
           "99.9 %% over a business week (45 h) = 162.0 s");
    is_int(budget1("99.5", "1w", CALC_MONTH_30D, 0, &h, "2026-11-23", NULL), 8100,
           "99.5 %% over the week of 2026-11-23 (45 open hours) = 810.0 s");
    /* A window crossing a weekend: Thursday 2026-11-26 + 7 days = Thu..Wed,
     * still 5 open days; 3 days from Friday: Fri (9 h) Sat Sun = 9 h. */
    is_int(budget1("99.5", "1w", CALC_MONTH_30D, 0, &h, "2026-11-26", NULL), 8100,
           "a week starting on Thursday crosses a weekend: 45 open hours");
    is_int(budget1("99.5", "3d", CALC_MONTH_30D, 0, &h, "2026-11-27", NULL), 1620,
           "three days from Friday over the weekend: 9 open hours = 162.0 s");
    /* A holiday inside the window: Tuesday 2026-12-08 closes 9 h. */
    calc_hours_add_holiday(&h, day_of("2026-12-08"));
    is_int(budget1("99.5", "1w", CALC_MONTH_30D, 0, &h, "2026-12-07", NULL), 6480,
           "a holiday inside the week leaves 36 open hours = 648.0 s");
    is_int(budget1("99.5", "1M", CALC_MONTH_CALENDAR, 0, &h, "2026-12-01", NULL),
           22LL * 9 * 3600 * 5 / 100, "December 2026: 23 weekdays, one a holiday, 22 open days of 9 h");
    calc_hours_free(&h);
    /* February 2028 on a business clock: 21 weekdays. */
    calc_parse_hours("mon-fri,09:00-18:00", &h);
    is_int(budget1("99", "1M", CALC_MONTH_CALENDAR, 0, &h, "2028-02-01", NULL), 21LL * 9 * 3600 * 10 / 100,
           "leap February 2028 on a business clock: 21 weekdays of 9 h");
    lo = budget1("99.5", "1M", CALC_MONTH_CALENDAR, 0, &h, NULL, &hi);
    is_int(lo, 45LL * 3600 * 4 * 5 / 100, "abstract business month: at least 4 weeks of 45 h");
    is_int(hi, (45LL * 3600 * 31 * 5 / 7 + 50) / 100, "abstract business month: at most 31/7 weeks");
    calc_hours_free(&h);
}

static void test_due(void)
{
    struct calc_hours h;
    struct calc_stamp t, due;
    char buf[32];
    calc_parse_hours("mon-fri,09:00-18:00", &h);
    calc_parse_stamp("2026-11-27T16:30", &t);
    ok(calc_due(&h, t, 240, &due) == 0, "due computes");
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-11-30T11:30",
           "4 business hours from Friday 16:30 = Monday 11:30");
    calc_parse_stamp("2026-11-27T14:00", &t);
    calc_due(&h, t, 240, &due);
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-11-27T18:00", "due exactly at closing stays on the day");
    calc_parse_stamp("2026-11-28T10:00", &t);
    calc_due(&h, t, 30, &due);
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-11-30T09:30", "a Saturday start begins on Monday");
    calc_parse_stamp("2026-11-26T07:00", &t);
    calc_due(&h, t, 0, &due);
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-11-26T09:00", "an early start begins at opening");
    calc_parse_stamp("2026-11-26T20:00", &t);
    calc_due(&h, t, 60, &due);
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-11-27T10:00", "a late start begins the next morning");
    calc_hours_add_holiday(&h, day_of("2026-11-30"));
    calc_parse_stamp("2026-11-27T16:30", &t);
    calc_due(&h, t, 240, &due);
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-12-01T11:30", "a Monday holiday moves the due to Tuesday");
    calc_parse_stamp("2026-11-27T09:00", &t);
    calc_due(&h, t, 3 * 540, &due);
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-12-02T18:00", "three business days from Friday 09:00");
    calc_hours_free(&h);
    calc_parse_hours("mon-sun,00:00-24:00", &h);
    calc_parse_stamp("2026-11-27T23:00", &t);
    calc_due(&h, t, 60, &due);
    is_str(calc_format_stamp(due, buf, sizeof buf), "2026-11-28T00:00", "around the clock: 23:00 + 1 h = midnight");
    h.days = 0;
    ok(calc_due(&h, t, 60, &due) == -1, "hours with no days never end");
    calc_hours_free(&h);
}

static void test_credit(void)
{
    const struct calc_tier tiers[] = {
        {99500000, 10000000}, {99000000, 25000000}, {95000000, 50000000}, {90000000, 75000000}};
    long long c = -1, pct = -1;
    ok(calc_credit(99600000, tiers, 4, 9000, -1, &c, &pct) == 0 && c == 0 && pct == 0, "99.6 earns nothing");
    ok(calc_credit(99500000, tiers, 4, 9000, -1, &c, &pct) == 0 && c == 0, "99.5 is not below 99.5: nothing");
    ok(calc_credit(99400000, tiers, 4, 9000, -1, &c, &pct) == 0 && c == 900 && pct == 10000000,
       "99.4 earns 10 %% of 90.00 = 9.00");
    ok(calc_credit(99000000, tiers, 4, 9000, -1, &c, &pct) == 0 && c == 900, "99.0 is still the 10 %% tier");
    ok(calc_credit(98900000, tiers, 4, 9000, -1, &c, &pct) == 0 && c == 2250, "98.9 earns 25 %% of 90.00 = 22.50");
    ok(calc_credit(80000000, tiers, 4, 9000, -1, &c, &pct) == 0 && c == 6750, "80 earns 75 %% without a cap");
    ok(calc_credit(80000000, tiers, 4, 9000, 50000000, &c, &pct) == 0 && c == 4500 && pct == 50000000,
       "the 50 %% cap bites: 45.00");
    ok(calc_credit(96000000, tiers, 4, 9000, 50000000, &c, &pct) == 0 && c == 2250, "the cap does not bite at 25 %%");
    /* Rounding half-up: 10 %% of 0.05 = 0.005 -> 0.01; 10 %% of 0.04 = 0.004 -> 0.00. */
    ok(calc_credit(99400000, tiers, 4, 5, -1, &c, NULL) == 0 && c == 1, "0.005 rounds half-up to 0.01");
    ok(calc_credit(99400000, tiers, 4, 4, -1, &c, NULL) == 0 && c == 0, "0.004 rounds down to 0.00");
    const struct calc_tier odd[] = {{99500000, 12500000}};
    ok(calc_credit(99000000, odd, 1, 1234, -1, &c, NULL) == 0 && c == 154, "12.5 %% of 12.34 = 1.5425 -> 1.54");
    ok(calc_credit(99000000, odd, 1, 1236, -1, &c, NULL) == 0 && c == 155, "12.5 %% of 12.36 = 1.545 -> 1.55");
    ok(calc_credit(99000000, tiers, 0, 9000, -1, &c, NULL) == 0 && c == 0, "no tiers, no credit");
    ok(calc_credit(99000000, tiers, 4, -1, -1, &c, NULL) == -1, "a negative basis is refused");
}

static struct doc_node *map_with(struct doc_node *m, const char *k, const char *v)
{
    doc_map_put(m, k, doc_new_scalar(v, DOC_PLAIN));
    return m;
}

static void test_credit_for_level(void)
{
    struct doc_node *root = doc_new_map();
    struct doc_node *pricing = doc_map_put(root, "pricing", doc_new_map());
    map_with(pricing, "currency", "EUR");
    struct doc_node *items = doc_map_put(pricing, "items", doc_new_seq());
    struct doc_node *f1 = doc_new_map();
    map_with(map_with(f1, "id", "F1"), "amount", "90.00");
    doc_seq_push(items, f1);
    struct doc_node *sc = doc_map_put(doc_map_put(root, "remedies", doc_new_map()), "service_credits", doc_new_seq());
    struct doc_node *c1 = doc_new_map();
    map_with(map_with(c1, "service_level", "SL1"), "basis", "F1");
    struct doc_node *tiers = doc_map_put(c1, "tiers", doc_new_seq());
    static const char *const t[][2] = {{"99.5", "10"}, {"99.0", "25"}, {"95.0", "50"}, {"90", "75"}};
    for (int i = 0; i < 4; i++) {
        struct doc_node *x = doc_new_map();
        map_with(map_with(x, "below", t[i][0]), "credit_percent", t[i][1]);
        doc_seq_push(tiers, x);
    }
    map_with(c1, "monthly_cap_percent", "50");
    doc_seq_push(sc, c1);

    long long cents = -1;
    const char *cur = NULL;
    struct err e;
    ok(calc_credit_for_level(root, "SL1", "98.7", &cents, &cur, &e) == 0, "credit for SL1 computes");
    is_int(cents, 2250, "98.7 %% earns 22.50");
    is_str(cur, "EUR", "currency from pricing.currency");
    ok(calc_credit_for_level(root, "SL1", "85", &cents, &cur, &e) == 0 && cents == 4500,
       "85 %% hits the 50 %% cap: 45.00");
    ok(calc_credit_for_level(root, "SL1", "99.9", &cents, &cur, &e) == 0 && cents == 0, "99.9 %% earns nothing");
    ok(calc_credit_for_level(root, "SL9", "98", &cents, &cur, &e) == -1 && e.msg[0], "unknown level: %s", e.msg);
    ok(calc_credit_for_level(root, "SL1", "98,5", &cents, &cur, &e) == -1, "measured 98,5 refused: %s", e.msg);
    doc_set_str(root, "pricing.items[0].amount", "90.005");
    ok(calc_credit_for_level(root, "SL1", "98", &cents, &cur, &e) == -1 && strstr(e.msg, "pricing.items[0].amount"),
       "bad basis amount named: %s", e.msg);
    doc_set_str(root, "pricing.items[0].amount", "90.00");
    doc_set_str(root, "remedies.service_credits[0].basis", "F7");
    ok(calc_credit_for_level(root, "SL1", "98", &cents, &cur, &e) == -1, "unknown basis: %s", e.msg);
    doc_free(root);
}

static void test_hours_from_doc(void)
{
    static const char good[] = "support_hours:\n"
                               "  days: [mon, tue, wed, thu, fri, sat]\n"
                               "  from: \"08:00\"\n"
                               "  to: \"20:00\"\n"
                               "  holidays: [2027-01-01, 2027-12-25]\n";
    struct doc_node *root = NULL;
    struct err e;
    struct calc_hours h;
    if (sla_yaml_load_buffer("good", good, sizeof good - 1, NULL, &root, NULL, &e)) {
        ok(0, "support hours fixture loads: %s", e.msg);
        return;
    }
    ok(calc_hours_from_doc(root, "support_hours", &h, &e) == 0, "support hours from the tree");
    ok(h.days == 0x3f && h.from == 480 && h.to == 1200, "mon..sat 08:00-20:00");
    ok(h.nholidays == 2 && calc_hours_is_holiday(&h, day_of("2027-12-25")), "two holidays, 2027-12-25 among them");
    is_int(calc_hours_open_minutes(&h, day_of("2027-01-01")), 0, "a holiday is closed");
    is_int(calc_hours_open_minutes(&h, day_of("2027-01-02")), 720, "a Saturday is open 12 h");
    is_int(calc_hours_open_minutes(&h, day_of("2027-01-03")), 0, "a Sunday is closed");
    calc_hours_free(&h);
    doc_free(root);

    static const char bad[] = "support_hours:\n"
                              "  days: [mon, lun]\n"
                              "  from: \"08:00\"\n"
                              "  to: \"20:00\"\n";
    if (sla_yaml_load_buffer("bad", bad, sizeof bad - 1, NULL, &root, NULL, &e)) {
        ok(0, "bad support hours fixture loads: %s", e.msg);
        return;
    }
    ok(calc_hours_from_doc(root, "support_hours", &h, &e) == -1 && strstr(e.msg, "support_hours.days[1]") &&
           e.line == 2,
       "a bad day is named with its path and line: %s (line %u)", e.msg, e.line);
    doc_set_str(root, "support_hours.days[1]", "tue");
    doc_set_str(root, "support_hours.to", "25:00");
    ok(calc_hours_from_doc(root, "support_hours", &h, &e) == -1 && strstr(e.msg, "support_hours.to"),
       "a bad closing time is named: %s", e.msg);
    doc_set_str(root, "support_hours.to", "07:00");
    ok(calc_hours_from_doc(root, "support_hours", &h, &e) == -1, "closing before opening is refused: %s", e.msg);
    doc_free(root);
}

int main(void)
{
    (void)skip_all; /* not needed here: nothing to skip */
    test_decimals();
    test_durations();
    test_dates();
    test_hours();
    test_downtime();
    test_due();
    test_credit();
    test_credit_for_level();
    test_hours_from_doc();
    return done_testing();
}
