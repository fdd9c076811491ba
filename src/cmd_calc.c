/* cmd_calc.c - `pacta calc downtime|due|credit`. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/calc.h"
#include "src/cmd_calc.h"
#include "src/cmdutil.h"
#include "src/doc.h"
#include "src/err.h"
#include "src/i18n.h"
#include "src/l10n.h"
#include "src/sla_yaml.h"

static void usage(FILE *to)
{
    fputs(_("Usage: pacta calc downtime TARGET WINDOW [--month calendar|30d|mean] [--days-in-month N]\n"
            "                 [--hours DAYS,HH:MM-HH:MM] [--start DATE] [--holiday DATE]...\n"
            "                 [--seconds] [--lang es|en]\n"
            "       pacta calc due START DURATION --hours DAYS,HH:MM-HH:MM [--holiday DATE]...\n"
            "       pacta calc credit FILE SERVICE_LEVEL_ID MEASURED [--words] [--lang es|en]\n"
            "\n"
            "  downtime  the downtime a target allows over a window, e.g. 99.9 1M\n"
            "  due       when a duration counted in support hours ends, e.g. 2026-11-27T16:30 4h\n"
            "  credit    the service credit owed for a measured value of a service level\n"
            "\n"
            "Windows and durations: 30m 4h 2d 1w 1M 1Q 1Y.  Days: mon-fri or mon,wed,fri.\n"),
          to);
}

/* "pacta: message" on stderr; returns status. */
static int fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(int status, const char *fmt, ...)
{
    va_list ap;
    fputs("pacta: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

/* i18n_lang, typed so that the arguments are checked against the msgid. */
static const char *tr(const char *lang, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(const char *lang, const char *msgid)
{
    return i18n_lang(lang, msgid);
}

struct opts {
    const char *month;
    const char *days_in_month;
    const char *hours;
    const char *start;
    const char *lang;
    bool seconds;
    bool words;
    bool help;
    const char **holidays;
    size_t nholidays;
    char **pos; /* positional arguments */
    int npos;
};

enum { OPT_MONTH = 256, OPT_DIM, OPT_HOURS, OPT_HOLIDAY, OPT_SECONDS, OPT_LANG, OPT_START, OPT_WORDS };

/* Parse the options of a subcommand (argv[0] is its name). */
static int parse(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        {"month", required_argument, NULL, OPT_MONTH},  {"days-in-month", required_argument, NULL, OPT_DIM},
        {"hours", required_argument, NULL, OPT_HOURS},  {"holiday", required_argument, NULL, OPT_HOLIDAY},
        {"seconds", no_argument, NULL, OPT_SECONDS},    {"lang", required_argument, NULL, OPT_LANG},
        {"start", required_argument, NULL, OPT_START},  {"words", no_argument, NULL, OPT_WORDS},
        {"help", no_argument, NULL, 'h'},               {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->holidays = calloc((size_t)argc + 1, sizeof *o->holidays);
    if (!o->holidays)
        return fail(70, "%s", _("out of memory"));
    opterr = 0;
    optind = 0; /* full reinitialisation (GNU) */
    int c;
    /* "-" returns positional arguments in order as option 1, so that a
     * negative-looking value is still reported by name. */
    while ((c = getopt_long(argc, argv, "-:h", longopts, NULL)) != -1) {
        switch (c) {
        case 1: argv[o->npos++] = optarg; break; /* reuse argv's slots, in order */
        case OPT_MONTH: o->month = optarg; break;
        case OPT_DIM: o->days_in_month = optarg; break;
        case OPT_HOURS: o->hours = optarg; break;
        case OPT_HOLIDAY: o->holidays[o->nholidays++] = optarg; break;
        case OPT_SECONDS: o->seconds = true; break;
        case OPT_LANG: o->lang = optarg; break;
        case OPT_START: o->start = optarg; break;
        case OPT_WORDS: o->words = true; break;
        case 'h': o->help = true; break;
        case ':': return fail(EXIT_USAGE, _("option %s needs a value"), argv[optind - 1]);
        default: return fail(EXIT_USAGE, _("unknown option \"%s\" (see pacta calc --help)"), argv[optind - 1]);
        }
    }
    o->pos = argv;
    return 0;
}

static int want_args(const struct opts *o, int n, const char *what)
{
    if (o->npos < n)
        return fail(EXIT_USAGE, _("calc %s: missing arguments (see pacta calc --help)"), what);
    if (o->npos > n)
        return fail(EXIT_USAGE, _("calc %s: unexpected argument \"%s\""), what, o->pos[n]);
    return 0;
}

/* The hours and holidays of --hours / --holiday into h. */
static int read_hours(const struct opts *o, struct calc_hours *h)
{
    if (calc_parse_hours(o->hours, h))
        return fail(EXIT_USAGE, _("--hours \"%s\" is not like mon-fri,09:00-18:00"), o->hours);
    for (size_t i = 0; i < o->nholidays; i++) {
        long day;
        if (calc_parse_date(o->holidays[i], &day)) {
            calc_hours_free(h);
            return fail(EXIT_USAGE, _("--holiday \"%s\" is not a date (YYYY-MM-DD)"), o->holidays[i]);
        }
        calc_hours_add_holiday(h, day);
    }
    return 0;
}

static const char *out_lang(const struct opts *o, char *buf, size_t size)
{
    if (o->lang)
        return o->lang;
    return l10n_screen_lang(buf, size);
}

static int cmd_downtime(const struct opts *o)
{
    int r = want_args(o, 2, "downtime");
    if (r)
        return r;
    const char *target = o->pos[0], *window = o->pos[1];
    long long t;
    if (calc_parse_decimal(target, &t) || t > 100 * CALC_SCALE)
        return fail(EXIT_USAGE, _("target \"%s\" is not a percentage like 99.9"), target);
    struct calc_window w = {0};
    if (calc_parse_duration(window, &w.len))
        return fail(EXIT_USAGE, _("window \"%s\" is not a duration like 30d or 1M"), window);
    if (o->month && calc_parse_month_mode(o->month, &w.month))
        return fail(EXIT_USAGE, _("--month \"%s\" is not calendar, 30d or mean"), o->month);
    if (o->days_in_month) {
        long long n;
        if (calc_parse_decimal(o->days_in_month, &n) || n % CALC_SCALE || n < 28 * CALC_SCALE ||
            n > 31 * CALC_SCALE)
            return fail(EXIT_USAGE, _("--days-in-month \"%s\" is not a number from 28 to 31"), o->days_in_month);
        w.days_in_month = (int)(n / CALC_SCALE);
    }
    if (o->start) {
        if (calc_parse_date(o->start, &w.start_day))
            return fail(EXIT_USAGE, _("--start \"%s\" is not a date (YYYY-MM-DD)"), o->start);
        w.has_start = true;
    }
    if (o->nholidays && !o->hours)
        return fail(EXIT_USAGE, "%s", _("--holiday needs --hours: holidays only close support hours"));
    if (o->nholidays && !o->start)
        return fail(EXIT_USAGE, "%s", _("--holiday needs --start DATE: holidays count only in a concrete period"));
    struct calc_hours h = {0};
    if (o->hours) {
        if ((r = read_hours(o, &h)))
            return r;
        w.hours = &h;
    }
    long long lo, hi;
    r = calc_downtime_scaled(t, &w, &lo, &hi);
    calc_hours_free(&h);
    if (r)
        return fail(EXIT_USAGE, "%s", _("the window is too long to compute"));
    if (o->seconds) {
        if (lo == hi)
            printf("%lld.%lld\n", lo / 10, lo % 10);
        else
            printf("%lld.%lld %lld.%lld\n", lo / 10, lo % 10, hi / 10, hi % 10);
        return 0;
    }
    char lb[16], a[L10N_BUFSZ], b[L10N_BUFSZ];
    const char *lang = out_lang(o, lb, sizeof lb);
    l10n_duration_words(a, sizeof a, lo, lang);
    if (lo == hi) {
        printf("%s\n", a);
    } else {
        l10n_duration_words(b, sizeof b, hi, lang);
        /* TRANSLATORS: a downtime budget over a calendar month of 28 to 31 days. */
        printf(tr(lang, N_("between %s and %s")), a, b);
        putchar('\n');
    }
    return 0;
}

static int cmd_due(const struct opts *o)
{
    int r = want_args(o, 2, "due");
    if (r)
        return r;
    struct calc_stamp start, due;
    struct calc_duration d;
    if (calc_parse_stamp(o->pos[0], &start))
        return fail(EXIT_USAGE, _("start \"%s\" is not a date and time like 2026-11-27T16:30"), o->pos[0]);
    if (calc_parse_duration(o->pos[1], &d))
        return fail(EXIT_USAGE, _("duration \"%s\" is not like 30m, 4h or 2d"), o->pos[1]);
    if (!calc_duration_is_fixed(&d))
        return fail(EXIT_USAGE, _("duration \"%s\": a due time needs minutes, hours, days or weeks"), o->pos[1]);
    if (!o->hours)
        return fail(EXIT_USAGE, "%s", _("calc due needs --hours, like mon-fri,09:00-18:00"));
    struct calc_hours h;
    if ((r = read_hours(o, &h)))
        return r;
    long long lo, hi;
    calc_duration_seconds(&d, CALC_MONTH_CALENDAR, 0, &lo, &hi);
    r = calc_due(&h, start, lo / 60, &due);
    calc_hours_free(&h);
    if (r)
        return fail(EXIT_USAGE, "%s", _("the support hours never open"));
    char buf[32];
    printf("%s\n", calc_format_stamp(due, buf, sizeof buf));
    return 0;
}

static int cmd_credit(const struct opts *o)
{
    int r = want_args(o, 3, "credit");
    if (r)
        return r;
    const char *file = o->pos[0], *sl = o->pos[1], *measured = o->pos[2];
    long long m;
    if (calc_parse_decimal(measured, &m))
        return fail(EXIT_USAGE, _("measured value \"%s\" is not a number like 99.2"), measured);
    struct doc_node *root = NULL;
    struct err e;
    char msg[2200];
    err_clear(&e);
    if (sla_yaml_load_file(file, NULL, &root, NULL, &e)) {
        if (!e.file[0])
            snprintf(e.file, sizeof e.file, "%s", file);
        err_format(&e, msg, sizeof msg);
        return fail(EXIT_DATAERR, "%s", msg);
    }
    long long cents;
    const char *cur = NULL;
    if (calc_credit_for_level(root, sl, measured, &cents, &cur, &e)) {
        snprintf(e.file, sizeof e.file, "%s", file);
        err_format(&e, msg, sizeof msg);
        doc_free(root);
        return fail(EXIT_DATAERR, "%s", msg);
    }
    if (o->words) {
        char lb[16], buf[L10N_BUFSZ];
        const char *lang = o->lang ? o->lang : doc_get_str(root, "metadata.language");
        if (!lang)
            lang = l10n_screen_lang(lb, sizeof lb);
        printf("%s\n", l10n_money(buf, sizeof buf, cents, cur, lang));
    } else {
        printf("%lld.%02lld%s%s\n", cents / 100, cents % 100, cur ? " " : "", cur ? cur : "");
    }
    doc_free(root);
    return 0;
}

int cmd_calc(int argc, char **argv)
{
    if (argc < 2)
        return fail(EXIT_USAGE, "%s", _("calc needs downtime, due or credit (see pacta calc --help)"));
    const char *sub = argv[1];
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help")) {
        usage(stdout);
        return 0;
    }
    int (*run)(const struct opts *);
    if (!strcmp(sub, "downtime"))
        run = cmd_downtime;
    else if (!strcmp(sub, "due"))
        run = cmd_due;
    else if (!strcmp(sub, "credit"))
        run = cmd_credit;
    else
        return fail(EXIT_USAGE, _("calc: unknown calculation \"%s\" (downtime, due or credit)"), sub);
    struct opts o;
    int r = parse(argc - 1, argv + 1, &o);
    if (!r) {
        if (o.help) {
            usage(stdout);
        } else {
            r = run(&o);
        }
    }
    free(o.holidays);
    return r;
}
