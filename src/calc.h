/* calc.h - the expectation calculator: exact arithmetic on what an agreement
 * promises.
 *
 * No floating point reaches a result.  Durations are seconds (or tenths of a
 * second for budgets), money is cents, percentages and measured values are
 * decimals scaled by CALC_SCALE (one millionth), dates are day numbers
 * (days since 1970-01-01, proleptic Gregorian), times of day are minutes.
 * Timestamps are wall time of the agreement: a day number plus a minute; no
 * time zones are involved.
 *
 * Parsers return 0 on success and -1 on a refusal; they never print.  The
 * functions on the agreement tree fill a struct err with a translated
 * message naming the path at fault. */
#ifndef PACTA_CALC_H
#define PACTA_CALC_H

#include <stdbool.h>
#include <stddef.h>

#include "src/doc.h"
#include "src/err.h"

/* ---- Decimals and money ------------------------------------------------ */

/* Decimals are scaled integers: "99.95" -> 99950000.  Six decimals is more
 * than anyone types into an agreement; a seventh is refused, not rounded. */
#define CALC_SCALE 1000000LL
#define CALC_SCALE_DIGITS 6

/* "8", "99.5", "450.00": digits, optionally '.' and 1..6 digits.  No sign,
 * no exponent, no comma, no spaces, at most 12 integer digits. */
int calc_parse_decimal(const char *s, long long *scaled);
/* Money into cents: digits, optionally '.' and 1 or 2 digits ("450.00",
 * "35", "22.5").  Refuses "1.005", "1e3", "1,5", "-3", "". */
int calc_parse_money(const char *s, long long *cents);

/* ---- Durations --------------------------------------------------------- */

enum calc_unit {
    CALC_MINUTE,  /* m */
    CALC_HOUR,    /* h */
    CALC_DAY,     /* d */
    CALC_WEEK,    /* w */
    CALC_MONTH,   /* M */
    CALC_QUARTER, /* Q */
    CALC_YEAR,    /* Y */
};

struct calc_duration {
    long long count; /* >= 1 */
    enum calc_unit unit;
};

/* OpenSLO shorthand: a positive count (at most 6 digits) and one unit
 * letter, "30m", "4h", "2d", "1w", "1M", "1Q", "1Y".  Refuses "3x", "0d",
 * "h", "1.5h", "-1d", " 1d". */
int calc_parse_duration(const char *s, struct calc_duration *d);
/* true for m, h, d, w: a length that does not depend on the calendar. */
bool calc_duration_is_fixed(const struct calc_duration *d);

/* How long "1M" (and so "1Q", "1Y") is. */
enum calc_month_mode {
    CALC_MONTH_CALENDAR, /* real months: 28..31 days (the default) */
    CALC_MONTH_30D,      /* every month is 30 days, a year 365 */
    CALC_MONTH_MEAN,     /* 365.2425/12 days = 2 629 746 s; a year 365.2425 days */
};
/* "calendar", "30d", "mean". */
int calc_parse_month_mode(const char *s, enum calc_month_mode *m);

/* The length of a duration in seconds, as a range.  Fixed units give
 * min == max.  Months in calendar mode give 28..31 days per month, or
 * exactly days_in_month days when that is 28..31 (0: unknown); quarters
 * 90..92 days; a year 365 days.  30d mode: 30 days a month, 90 a quarter,
 * 365 a year.  Mean mode: 2 629 746 s a month, 3 of them a quarter, 12 a
 * year.  Returns -1 when days_in_month is out of range or on overflow. */
int calc_duration_seconds(const struct calc_duration *d, enum calc_month_mode mode, int days_in_month,
                          long long *min, long long *max);

/* ---- Dates and times --------------------------------------------------- */

/* "2026-12-01" (years 0001..9999, real month lengths, leap years) into a
 * day number; 1970-01-01 is day 0. */
int calc_parse_date(const char *s, long *day);
/* Day number from / to year, month (1..12), day (1..31).  calc_day_from_ymd
 * returns -1 for a date that does not exist. */
int calc_day_from_ymd(int y, int m, int d, long *day);
void calc_ymd_from_day(long day, int *y, int *m, int *d);
/* "YYYY-MM-DD" into buf (at least 11 bytes). */
char *calc_format_date(long day, char *buf, size_t size);
/* 0 = Monday ... 6 = Sunday. */
int calc_weekday(long day);
bool calc_is_leap_year(int y);
int calc_days_in_month(int y, int m);
/* Add months to a date, clamping the day to the target month's length
 * (2027-01-31 + 1 month = 2027-02-28). */
long calc_add_months(long day, long long months);

/* "09:00" into minutes since midnight, "00:00".."24:00"; the hour may have
 * one digit ("9:00"), the minutes always two. */
int calc_parse_time(const char *s, int *minutes);

/* A wall-clock timestamp of the agreement. */
struct calc_stamp {
    long day;   /* day number */
    int minute; /* 0..1439 */
};
/* "2026-11-27T16:30". */
int calc_parse_stamp(const char *s, struct calc_stamp *t);
/* "2026-11-27T16:30" into buf (at least 17 bytes). */
char *calc_format_stamp(struct calc_stamp t, char *buf, size_t size);

/* ---- Support hours ----------------------------------------------------- */

/* The hours a business clock runs: the same opening on each listed day.
 * An opening that crosses midnight is not supported (from < to). */
struct calc_hours {
    unsigned days;  /* bit 0 = Monday ... bit 6 = Sunday */
    int from, to;   /* minutes since midnight, 0 <= from < to <= 1440 */
    long *holidays; /* day numbers, closed all day; owned (calc_hours_free) */
    size_t nholidays;
};

/* "mon".."sun" -> 0..6. */
int calc_parse_weekday(const char *s, int *wd);
/* A comma-separated list of days and ranges: "mon-fri", "mon,wed,fri",
 * "mon-fri,sat", "fri-mon" (wraps) into a bit set. */
int calc_parse_days(const char *s, unsigned *days);
/* The command-line form "DAYS,HH:MM-HH:MM": "mon-fri,09:00-18:00".  Clears
 * *h first (no holidays). */
int calc_parse_hours(const char *s, struct calc_hours *h);
/* Add a holiday (a parsed date). */
void calc_hours_add_holiday(struct calc_hours *h, long day);
bool calc_hours_is_holiday(const struct calc_hours *h, long day);
/* Minutes open on that day (0 on closed days and holidays). */
int calc_hours_open_minutes(const struct calc_hours *h, long day);
/* Read support_hours (days, from, to, holidays) at path, usually
 * "support_hours".  -1 with e naming the field when something is missing or
 * malformed.  *h is cleared first. */
int calc_hours_from_doc(const struct doc_node *root, const char *path, struct calc_hours *h, struct err *e);
void calc_hours_free(struct calc_hours *h);

/* ---- Downtime budget --------------------------------------------------- */

/* The window a target applies to, and the clock it is measured on. */
struct calc_window {
    struct calc_duration len;
    enum calc_month_mode month;
    int days_in_month;              /* calendar months: 28..31, 0 = unknown */
    const struct calc_hours *hours; /* NULL: 24x7 clock; else a business clock */
    bool has_start;                 /* a concrete period starting on start_day */
    long start_day;
};

/* The downtime a target percentage (a decimal string in [0, 100]) allows
 * over the window, in tenths of a second, rounded half-up: the window's
 * length (or only its open time on a business clock) times (1 - target/100).
 *
 * Without a start day the result is a range when the window's length is
 * (calendar months, quarters); on a business clock the open time of an
 * abstract window is the weekly open time pro rata (window / 7 days) and
 * holidays do not count.  With a start day the period is concrete:
 * [start, start + len) on the calendar (30d mode: 30 days a month; mean
 * mode uses the calendar, since a concrete period has real days), min ==
 * max, and on a business clock the open minutes of each day are summed,
 * skipping closed days and holidays.  Returns -1 on a malformed target or
 * an unusable window. */
int calc_downtime(const char *target, const struct calc_window *w, long long *min_tenths,
                  long long *max_tenths);
/* The same with the target already scaled by CALC_SCALE. */
int calc_downtime_scaled(long long target, const struct calc_window *w, long long *min_tenths,
                         long long *max_tenths);

/* ---- Due time on a business clock -------------------------------------- */

/* start + minutes counted only inside the support hours, skipping closed
 * days and holidays.  A start outside the hours begins at the next opening;
 * a due time that falls exactly on a closing time stays there.  -1 when the
 * hours never open (no days, or no opening within the next ten years). */
int calc_due(const struct calc_hours *h, struct calc_stamp start, long long minutes, struct calc_stamp *due);

/* The open minutes of the business clock h in [a, b) (a <= b): closed days
 * and holidays count nothing; the first and last days only from a and up to
 * b. */
long long calc_open_minutes(const struct calc_hours *h, struct calc_stamp a, struct calc_stamp b);

/* ---- Service credits --------------------------------------------------- */

/* One tier: a measured value below `below` earns `percent` of the basis.
 * Both scaled by CALC_SCALE. */
struct calc_tier {
    long long below;
    long long percent;
};

/* The credit for a measured value (scaled): tiers are half-open ranges,
 * worst last; the applicable tier is the last one whose below is greater
 * than measured (none: no credit).  The percent is limited to cap_percent
 * (scaled; negative: no cap) and applied to basis_cents, rounded half-up to
 * the cent.  Returns the percent applied in *percent when not NULL. */
int calc_credit(long long measured, const struct calc_tier *tiers, size_t n, long long basis_cents,
                long long cap_percent, long long *cents, long long *percent);

/* The same read from the agreement: remedies.service_credits[] entry for
 * service level sl_id, its basis item's amount in pricing.items[], its tiers
 * and monthly_cap_percent, and pricing.currency (*currency points into the
 * tree; NULL when absent).  measured is a decimal string. */
int calc_credit_for_level(const struct doc_node *root, const char *sl_id, const char *measured, long long *cents,
                          const char **currency, struct err *e);

#endif
