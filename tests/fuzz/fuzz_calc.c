/* fuzz_calc.c - the calculator's parsers (src/calc.h).
 *
 * The first byte chooses the parser, the rest is the text (NUL-terminated
 * copy).  Properties: a parser never reads past the text; what it accepts
 * has the promised range and survives format -> parse unchanged (dates,
 * stamps); durations accepted have a count >= 1 and a range min <= max; a
 * downtime over an accepted target and window finishes with min <= max. */
#include "config.h"

#include <string.h>

#include "src/calc.h"
#include "tests/fuzz/fuzz.h"

static void check_date(const char *s)
{
    long day, back;
    char buf[16];
    if (calc_parse_date(s, &day) < 0)
        return;
    int y, m, d;
    calc_ymd_from_day(day, &y, &m, &d);
    FUZZ_ASSERT(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= calc_days_in_month(y, m),
                "\"%s\" gave %d-%d-%d", s, y, m, d);
    calc_format_date(day, buf, sizeof buf);
    FUZZ_ASSERT(calc_parse_date(buf, &back) == 0 && back == day, "\"%s\" -> %s does not parse back", s, buf);
    FUZZ_ASSERT(calc_weekday(day) >= 0 && calc_weekday(day) <= 6, "weekday of \"%s\"", s);
    long later = calc_add_months(day, 1);
    FUZZ_ASSERT(later > day, "\"%s\" + 1 month is not later", s);
}

static void check_duration(const char *s)
{
    struct calc_duration d;
    if (calc_parse_duration(s, &d) < 0)
        return;
    FUZZ_ASSERT(d.count >= 1 && d.count <= 999999, "\"%s\" gave count %lld", s, d.count);
    FUZZ_ASSERT(d.unit >= CALC_MINUTE && d.unit <= CALC_YEAR, "\"%s\" gave unit %d", s, (int)d.unit);
    for (int mode = CALC_MONTH_CALENDAR; mode <= CALC_MONTH_MEAN; mode++) {
        long long lo, hi;
        if (calc_duration_seconds(&d, (enum calc_month_mode)mode, 0, &lo, &hi) == 0)
            FUZZ_ASSERT(0 < lo && lo <= hi, "\"%s\" mode %d: %lld..%lld", s, mode, lo, hi);
    }
}

static void check_downtime(const char *s)
{
    /* "TARGET WINDOW HOURS": "99.5 1M mon-fri,09:00-18:00" */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    char *target = strtok(buf, " "), *win = strtok(NULL, " "), *hrs = strtok(NULL, " ");
    if (!target || !win)
        return;
    struct calc_window w = {0};
    struct calc_hours h = {0};
    if (calc_parse_duration(win, &w.len) < 0)
        return;
    if (hrs && calc_parse_hours(hrs, &h) == 0)
        w.hours = &h;
    long long lo, hi;
    if (calc_downtime(target, &w, &lo, &hi) == 0)
        FUZZ_ASSERT(0 <= lo && lo <= hi, "\"%s\": %lld..%lld", s, lo, hi);
    if (w.hours) {
        struct calc_stamp start = {20000, 600}, due;
        long long minutes = w.len.count > 10000 ? 10000 : w.len.count;
        if (calc_due(&h, start, minutes, &due) == 0)
            FUZZ_ASSERT(due.day > start.day || (due.day == start.day && due.minute >= start.minute),
                        "\"%s\": due before start", s);
    }
    calc_hours_free(&h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    char *s = malloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    long long v;
    int i;
    unsigned u;
    struct calc_stamp t;
    enum calc_month_mode mm;
    struct calc_hours h;
    char buf[32];
    switch (data[0] % 10) {
    case 0:
        if (calc_parse_decimal(s, &v) == 0)
            FUZZ_ASSERT(v >= 0, "\"%s\" -> %lld", s, v);
        break;
    case 1:
        if (calc_parse_money(s, &v) == 0)
            FUZZ_ASSERT(v >= 0, "\"%s\" -> %lld cents", s, v);
        break;
    case 2:
        check_duration(s);
        break;
    case 3:
        check_date(s);
        break;
    case 4:
        if (calc_parse_time(s, &i) == 0)
            FUZZ_ASSERT(i >= 0 && i <= 1440, "\"%s\" -> %d minutes", s, i);
        break;
    case 5:
        if (calc_parse_stamp(s, &t) == 0) {
            struct calc_stamp back;
            FUZZ_ASSERT(t.minute >= 0 && t.minute < 1440, "\"%s\" -> minute %d", s, t.minute);
            calc_format_stamp(t, buf, sizeof buf);
            FUZZ_ASSERT(calc_parse_stamp(buf, &back) == 0 && back.day == t.day && back.minute == t.minute,
                        "\"%s\" -> %s does not parse back", s, buf);
        }
        break;
    case 6:
        if (calc_parse_days(s, &u) == 0)
            FUZZ_ASSERT(u < (1u << 7), "\"%s\" -> days 0x%x", s, u);
        if (calc_parse_weekday(s, &i) == 0)
            FUZZ_ASSERT(i >= 0 && i <= 6, "\"%s\" -> weekday %d", s, i);
        break;
    case 7:
        memset(&h, 0, sizeof h);
        if (calc_parse_hours(s, &h) == 0) {
            FUZZ_ASSERT(0 <= h.from && h.from < h.to && h.to <= 1440, "\"%s\" -> %d..%d", s, h.from, h.to);
            for (long day = 20000; day < 20007; day++)
                FUZZ_ASSERT(calc_hours_open_minutes(&h, day) <= 1440, "\"%s\"", s);
        }
        calc_hours_free(&h);
        break;
    case 8:
        (void)calc_parse_month_mode(s, &mm);
        break;
    default:
        check_downtime(s);
        break;
    }
    free(s);
    return 0;
}
