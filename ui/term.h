/* term.h - the terminal: opening the screen and reading keys.
 *
 * ONE input function, term_key(), is called by every loop of the screens.
 * On a real terminal it reads with wget_wch.  In the headless driver
 * (PACTA_UI_SCRIPT=FILE, the tig pattern) the real UI runs on a null
 * terminal of PACTA_UI_SIZE (default 80x24) and term_key() takes its keys
 * from the script, which may also dump the screen as text, resize it, click
 * and assert.  Script commands, one a line ('#' starts a comment):
 *
 *   :type TEXT          type TEXT (UTF-8) character by character
 *   :key K [K ...]      press keys: F1..F12, C-x, Tab, S-Tab, Enter, Esc,
 *                       Up, Down, Left, Right, Home, End, PgUp, PgDn, BS,
 *                       Del, Ins, Space, S-Up, S-Down, or one character
 *   :dump NAME          write "--- NAME" and the screen rows to stdout
 *                       (trailing spaces trimmed)
 *   :resize COLS ROWS   resize the null terminal (delivers KEY_RESIZE)
 *   :click ROW COL      a mouse click at a screen cell (0-based)
 *   :assert TEXT        fail unless TEXT is on the screen
 *   :refute TEXT        fail if TEXT is on the screen
 *   :marks NAME         write "--- NAME marks" and, for each row with cells
 *                       in the misspelt-word role, "ROW: run | run" (the
 *                       text of each run of such cells)
 *   :idle               the input timeout elapses once (TERM_IDLE)
 *   :sh COMMAND         run COMMAND with system() (e.g. change a file on
 *                       disk behind pacta's back); fails unless it exits 0
 *   :signal NAME        act as if SIGHUP, SIGTERM or SIGINT had arrived
 *
 * When the script ends, term_key() returns TERM_EOF and the screens close
 * without saving. */
#ifndef PACTA_UI_TERM_H
#define PACTA_UI_TERM_H

#include <stdbool.h>

struct term_key {
    bool fn;  /* code is a KEY_* value; otherwise a Unicode character */
    int code;
};

#define TERM_EOF (-2)   /* with fn: the script ended */
#define TERM_INTR (-3)  /* with fn: a termination signal arrived */
#define TERM_IDLE (-4)  /* with fn: no key within the idle timeout */
#define TERM_WAKE (-5)  /* with fn: term_key_wake's descriptor is readable */

/* Open the screen (real or headless).  Returns 0, or -1 with a message on
 * stderr when there is no usable terminal (exit status 64 then). */
int term_start(void);
void term_stop(void);
bool term_headless(void);
/* Refresh the screen and return the next key. */
struct term_key term_key(void);
/* term_key, but also return TERM_WAKE as soon as fd is readable (the end
 * of work done on another thread), keys first.  With fd < 0, or headless
 * (whose script has no time in it), it is term_key. */
struct term_key term_key_wake(int fd);
/* The position of the last KEY_MOUSE click. */
bool term_mouse(int *y, int *x);
/* Number of failed :assert/:refute lines so far. */
int term_failures(void);
/* Leave curses mode for an external program and come back. */
void term_suspend(void);
void term_resume(void);
/* Was a termination signal received (SIGTERM, SIGHUP, SIGINT)?  The
 * handlers only set a flag; term_key() then returns TERM_INTR. */
bool term_interrupted(void);
/* Make term_key() return TERM_IDLE when no key comes within ms
 * milliseconds (negative: wait for ever, the default).  Uses the input
 * timeout of curses (wtimeout), never a timer signal. */
void term_idle_timeout(int ms);

#endif
