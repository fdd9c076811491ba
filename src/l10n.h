/* l10n.h - numbers, money, dates and durations in the agreement's language.
 *
 * Independent of the locales installed on the machine: the conventions of
 * each language (decimal mark, group mark, percent spacing, currency
 * placement, date order) are a small table in code; the words (month and
 * weekday names, "per month") come from the catalogue through i18n_lang().
 * Unknown languages, and NULL, use English conventions.
 *
 * Every function writes into buf (size bytes, L10N_BUFSZ is always enough)
 * and returns buf; output is truncated, never overflowed, when buf is
 * smaller. */
#ifndef PACTA_L10N_H
#define PACTA_L10N_H

#include <stdbool.h>
#include <stddef.h>

#include "src/calc.h"

#define L10N_BUFSZ 160

/* A decimal scaled by CALC_SCALE, without trailing zeros: "99,5" (es),
 * "99.5" (en), "12.345,25" / "12,345.25" (groups from five integer digits
 * in es, four in en). */
char *l10n_decimal(char *buf, size_t size, long long scaled, const char *lang);
/* "99,5 %" (es), "99.5%" (en). */
char *l10n_percent(char *buf, size_t size, long long scaled, const char *lang);
/* Cents with an ISO 4217 code: "1.234,50 €" / "€1,234.50"; USD "$", GBP "£";
 * other codes "1.234,50 MXN" / "MXN 1,234.50".  Negative amounts get '-'. */
char *l10n_money(char *buf, size_t size, long long cents, const char *currency, const char *lang);
/* "1 de enero de 2027" (es), "January 1, 2027" (en). */
char *l10n_date(char *buf, size_t size, long day, const char *lang);
/* Tenths of a second in words: "43 min 12 s", "8 h 45 min 36 s", "2 d 3 h",
 * "12,5 s"; zero parts dropped, tenths only when not zero, "0 s" for zero. */
char *l10n_duration_words(char *buf, size_t size, long long tenths, const char *lang);
/* The wording of a window: 1M "per month" / "al mes", 1w "per week" / "a
 * la semana", 1Q, 1Y, 1d, 1h, 1m likewise; other counts "every 2 weeks" /
 * "cada 2 semanas". */
char *l10n_duration_unit(char *buf, size_t size, const struct calc_duration *d, const char *lang);

/* Append to the growing string *buf (*len bytes used, NUL-terminated,
 * *cap allocated; grown with xgrow) the format fmt filled with the n
 * strings args[] exactly as printf would fill it -- a NULL argument as
 * "(null)", as glibc prints it -- when every conversion in fmt is %s, %N$s
 * (N from 1 to 9) or %%, as in the catalogue's formats for labels and
 * sentences; returns true.  For any other fmt appends nothing and returns
 * false: the caller uses printf. */
bool l10n_fill(char **buf, size_t *len, size_t *cap, const char *fmt, size_t n, const char *const *args);

/* Names, translated: weekday 0 = Monday .. 6 = Sunday; month 1..12.
 * The pointer is owned by gettext (valid until the next lookup). */
const char *l10n_weekday_name(int wd, const char *lang);
const char *l10n_month_name(int month, const char *lang);

/* The language of the screen, from LANGUAGE, LC_ALL, LC_MESSAGES, LANG
 * ("es_ES.UTF-8" -> "es"); "en" when none or "C"/"POSIX".  Into buf. */
char *l10n_screen_lang(char *buf, size_t size);

#endif
