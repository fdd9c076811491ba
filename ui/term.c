/* term.c - the screen and the one input function (terminal or script). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>
#include <wchar.h>

#include "src/i18n.h"
#include "src/xalloc.h"
#include "ui/draw.h"
#include "ui/term.h"
#include "ui/theme.h"

static SCREEN *screen;
static FILE *null_out, *null_in;
static FILE *script;
static unsigned script_line;
static int failures;
static volatile sig_atomic_t interrupted;
static int idle_ms = -1;

/* Keys waiting to be delivered (from :type / :key). */
static struct term_key *queue;
static size_t queue_len, queue_head, queue_cap;
static int mouse_y = -1, mouse_x = -1;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

bool term_interrupted(void) { return interrupted != 0; }
bool term_headless(void) { return script != NULL; }
int term_failures(void) { return failures; }

static void setup_modes(void)
{
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    if (!script)
        set_escdelay(25);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED, NULL);
    mouseinterval(0);
}

int term_start(void)
{
    const char *path = getenv("PACTA_UI_SCRIPT");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    if (path && *path) {
        script = fopen(path, "r");
        if (!script) {
            fprintf(stderr, _("pacta: cannot read the UI script %s: %s\n"), path, strerror(errno));
            return -1;
        }
        int cols = 80, rows = 24;
        const char *size = getenv("PACTA_UI_SIZE");
        if (size && sscanf(size, "%dx%d", &cols, &rows) != 2) {
            cols = 80;
            rows = 24;
        }
        char buf[32];
        snprintf(buf, sizeof buf, "%d", rows);
        setenv("LINES", buf, 1);
        snprintf(buf, sizeof buf, "%d", cols);
        setenv("COLUMNS", buf, 1);
        null_out = fopen("/dev/null", "w");
        null_in = fopen("/dev/null", "r");
        const char *t = getenv("TERM");
        screen = newterm(t && *t ? t : "xterm-256color", null_out, null_in);
        if (!screen)
            screen = newterm("xterm-256color", null_out, null_in);
        if (!screen) {
            fprintf(stderr, _("pacta: cannot open a headless screen\n"));
            return -1;
        }
        set_term(screen);
    } else {
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fprintf(stderr, _("pacta: the editor needs a terminal; use \"pacta check\", "
                              "\"pacta fmt\" or \"pacta summary\" from scripts\n"));
            return -1;
        }
        const char *t = getenv("TERM");
        screen = newterm(t && *t ? t : "dumb", stdout, stdin);
        if (!screen) {
            fprintf(stderr, _("pacta: unknown terminal type \"%s\"\n"), t ? t : "");
            return -1;
        }
        set_term(screen);
    }
    draw_init();
    setup_modes();
    if (!script && idle_ms >= 0)
        timeout(idle_ms);
    return 0;
}

void term_stop(void)
{
    if (!screen)
        return;
    endwin();
    delscreen(screen);
    screen = NULL;
    if (null_out)
        fclose(null_out);
    if (null_in)
        fclose(null_in);
    if (script)
        fclose(script);
    null_out = null_in = script = NULL;
    free(queue);
    queue = NULL;
    queue_len = queue_head = queue_cap = 0;
}

void term_suspend(void)
{
    def_prog_mode();
    endwin();
}

void term_resume(void)
{
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
}

void term_idle_timeout(int ms)
{
    idle_ms = ms;
    if (screen && !script)
        timeout(ms);
}

bool term_mouse(int *y, int *x)
{
    if (script) {
        *y = mouse_y;
        *x = mouse_x;
        return mouse_y >= 0;
    }
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return false;
    if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
        return false;
    *y = ev.y;
    *x = ev.x;
    return true;
}

/* ---- the headless script ---- */

static void push(bool fn, int code)
{
    queue = xgrow(queue, &queue_cap, queue_len + 1, sizeof *queue);
    queue[queue_len++] = (struct term_key){fn, code};
}

static const struct {
    const char *name;
    bool fn;
    int code;
} key_names[] = {
    {"Tab", false, '\t'},      {"S-Tab", true, KEY_BTAB}, {"Enter", false, '\r'},
    {"Esc", false, 27},        {"Up", true, KEY_UP},      {"Down", true, KEY_DOWN},
    {"Left", true, KEY_LEFT},  {"Right", true, KEY_RIGHT}, {"Home", true, KEY_HOME},
    {"End", true, KEY_END},    {"PgUp", true, KEY_PPAGE}, {"PgDn", true, KEY_NPAGE},
    {"BS", true, KEY_BACKSPACE}, {"Del", true, KEY_DC},   {"Ins", true, KEY_IC},
    {"Space", false, ' '},     {"S-Up", true, KEY_SR},    {"S-Down", true, KEY_SF},
};

static bool push_key_name(const char *name)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strcmp(name, key_names[i].name) == 0) {
            push(key_names[i].fn, key_names[i].code);
            return true;
        }
    if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
        int n = atoi(name + 1);
        if (n >= 1 && n <= 12) {
            push(true, KEY_F(n));
            return true;
        }
    }
    if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3]) {
        push(false, name[2] & 0x1f);
        return true;
    }
    ucs4_t uc;
    int l = u8_mbtouc(&uc, (const uint8_t *)name, strlen(name));
    if (l > 0 && name[l] == 0) {
        push(false, (int)uc);
        return true;
    }
    return false;
}

/* Row y of the screen as UTF-8: all of it, trailing spaces trimmed; or,
 * with marks, only the runs of cells shown in the misspelt-word role, as
 * "run | run" (empty when none). */
static char *screen_text(int y, bool marks)
{
    size_t cap = (size_t)COLS * 8 + 8, len = 0;
    char *out = xmalloc(cap);
    bool in = false;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    for (int x = 0; x < COLS; x++) {
        cchar_t cc;
        wchar_t wc[CCHARW_MAX + 1];
        attr_t a;
        short pair;
        if (mvin_wch(y, x, &cc) == ERR)
            break;
        if (getcchar(&cc, wc, &a, &pair, NULL) == ERR)
            continue;
        if (x > 0 && wc[0] == 0)
            continue;
        bool take = true;
        if (marks) {
            take = theme_cell_is(THEME_MISSPELT, a, pair);
            if (take && !in && len > 0) {
                memcpy(out + len, " | ", 3);
                len += 3;
            }
            in = take;
        }
        for (int i = 0; take && wc[i] && i < CCHARW_MAX; i++) {
            char mb[MB_LEN_MAX];
            size_t n = wcrtomb(mb, wc[i], &st);
            if (n == (size_t)-1) {
                mb[0] = '?';
                n = 1;
                memset(&st, 0, sizeof st);
            }
            if (len + n + 4 > cap)
                out = xgrow(out, &cap, len + n + 4, 1);
            memcpy(out + len, mb, n);
            len += n;
        }
        /* A wide character covers the next cell: skip it. */
        int w = wcwidth(wc[0]);
        if (w > 1)
            x += w - 1;
    }
    while (!marks && len > 0 && out[len - 1] == ' ')
        len--;
    out[len] = 0;
    return out;
}

static char *screen_row(int y)
{
    return screen_text(y, false);
}

static void dump_marks(const char *name)
{
    printf("--- %s marks\n", name);
    for (int y = 0; y < LINES; y++) {
        char *m = screen_text(y, true);
        if (*m)
            printf("%d: %s\n", y, m);
        free(m);
    }
    fflush(stdout);
}

static bool screen_has(const char *text)
{
    bool found = false;
    for (int y = 0; y < LINES && !found; y++) {
        char *row = screen_row(y);
        found = strstr(row, text) != NULL;
        free(row);
    }
    return found;
}

static void dump(const char *name)
{
    printf("--- %s (%dx%d)\n", name, COLS, LINES);
    for (int y = 0; y < LINES; y++) {
        char *row = screen_row(y);
        printf("%s\n", row);
        free(row);
    }
    fflush(stdout);
}

/* Read script lines until a key is queued or something must be returned. */
static struct term_key script_key(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    struct term_key k = {true, TERM_EOF};
    while (queue_head == queue_len && (n = getline(&line, &cap, script)) >= 0) {
        script_line++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (n == 0 || line[0] == '#')
            continue;
        char *arg = strchr(line, ' ');
        if (arg)
            *arg++ = 0;
        else
            arg = line + n;
        if (strcmp(line, ":type") == 0) {
            const uint8_t *p = (const uint8_t *)arg, *end = p + strlen(arg);
            while (p < end) {
                ucs4_t uc;
                p += u8_mbtouc(&uc, p, end - p);
                push(false, (int)uc);
            }
        } else if (strcmp(line, ":key") == 0) {
            for (char *tok = strtok(arg, " "); tok; tok = strtok(NULL, " "))
                if (!push_key_name(tok))
                    fprintf(stderr, "script line %u: unknown key %s\n", script_line, tok);
        } else if (strcmp(line, ":dump") == 0) {
            dump(arg);
        } else if (strcmp(line, ":marks") == 0) {
            dump_marks(arg);
        } else if (strcmp(line, ":sh") == 0) {
            fflush(stdout);
            int rc = system(arg);
            if (rc != 0) {
                failures++;
                fprintf(stderr, "script line %u: :sh failed (%d): %s\n", script_line, rc, arg);
            }
        } else if (strcmp(line, ":idle") == 0) {
            k = (struct term_key){true, TERM_IDLE};
            free(line);
            return k;
        } else if (strcmp(line, ":signal") == 0) {
            if (strcmp(arg, "HUP") == 0 || strcmp(arg, "TERM") == 0 || strcmp(arg, "INT") == 0)
                interrupted = 1;
            else
                fprintf(stderr, "script line %u: bad :signal\n", script_line);
            if (interrupted) {
                free(line);
                return (struct term_key){true, TERM_INTR};
            }
        } else if (strcmp(line, ":resize") == 0) {
            int c, r;
            if (sscanf(arg, "%d %d", &c, &r) == 2 && c > 0 && r > 0) {
                resizeterm(r, c);
                k = (struct term_key){true, KEY_RESIZE};
                free(line);
                return k;
            }
            fprintf(stderr, "script line %u: bad :resize\n", script_line);
        } else if (strcmp(line, ":click") == 0) {
            if (sscanf(arg, "%d %d", &mouse_y, &mouse_x) == 2) {
                k = (struct term_key){true, KEY_MOUSE};
                free(line);
                return k;
            }
            fprintf(stderr, "script line %u: bad :click\n", script_line);
        } else if (strcmp(line, ":assert") == 0 || strcmp(line, ":refute") == 0) {
            bool want = line[1] == 'a';
            if (screen_has(arg) != want) {
                failures++;
                fprintf(stderr, "script line %u: %s failed: %s\n", script_line, line, arg);
                dump("failure");
            }
        } else {
            fprintf(stderr, "script line %u: unknown command %s\n", script_line, line);
            failures++;
        }
    }
    free(line);
    if (queue_head < queue_len) {
        k = queue[queue_head++];
        if (queue_head == queue_len)
            queue_head = queue_len = 0;
    }
    return k;
}

static struct term_key key_of(int r, wint_t wc)
{
    if (r == KEY_CODE_YES)
        return (struct term_key){true, (int)wc};
    if (wc == 127 || wc == 8)
        return (struct term_key){true, KEY_BACKSPACE};
    return (struct term_key){false, (int)wc};
}

struct term_key term_key(void)
{
    refresh();
    if (interrupted)
        return (struct term_key){true, TERM_INTR};
    if (script)
        return script_key();
    for (;;) {
        wint_t wc;
        int r = get_wch(&wc);
        if (interrupted)
            return (struct term_key){true, TERM_INTR};
        if (r == ERR) {
            if (idle_ms >= 0)
                return (struct term_key){true, TERM_IDLE};
            continue;
        }
        return key_of(r, wc);
    }
}

/* curses waits for keys in poll() on the terminal alone.  To wake up for
 * fd as well, ask curses for a key without waiting (it may hold keys it
 * has read already, or complete an escape sequence within ESCDELAY), then
 * wait here for the terminal or fd, and ask again when the terminal has
 * something.  Signals (SIGWINCH, SIGTERM) interrupt poll() as they
 * interrupt curses' own wait.  Used only while a dictionary loads; the
 * rest of the time term_key waits in curses as always. */
struct term_key term_key_wake(int fd)
{
    if (fd < 0 || script)
        return term_key();
    refresh();
    if (interrupted)
        return (struct term_key){true, TERM_INTR};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        wint_t wc;
        timeout(0);
        int r = get_wch(&wc);
        timeout(idle_ms);
        if (interrupted)
            return (struct term_key){true, TERM_INTR};
        if (r != ERR)
            return key_of(r, wc);
        int wait = -1;
        if (idle_ms >= 0) {
            struct timespec t;
            clock_gettime(CLOCK_MONOTONIC, &t);
            long long gone = (t.tv_sec - t0.tv_sec) * 1000LL + (t.tv_nsec - t0.tv_nsec) / 1000000;
            if (gone >= idle_ms)
                return (struct term_key){true, TERM_IDLE};
            wait = idle_ms - (int)gone;
        }
        struct pollfd p[2] = {{STDIN_FILENO, POLLIN, 0}, {fd, POLLIN, 0}};
        int n = poll(p, 2, wait);
        if (interrupted)
            return (struct term_key){true, TERM_INTR};
        if (n > 0 && (p[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)))
            return (struct term_key){true, TERM_WAKE};
        if (n > 0 && (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
            return term_key(); /* the terminal is gone: as always */
    }
}
