/* spawn.c - fork/exec with argument vectors and pipes, no shell. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/i18n.h"
#include "src/spawn.h"
#include "src/xalloc.h"

struct buf {
    char *p;
    size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
    b->p = xgrow(b->p, &b->cap, b->len + n + 1, 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

static int make_pipe(int p[2])
{
    return pipe2(p, O_CLOEXEC);
}

/* In the child: put fd on target (or /dev/null when fd < 0 and null). */
static void child_dup(int fd, int target)
{
    if (fd >= 0 && fd != target)
        dup2(fd, target);
}

int spawn_run(const char *const *argv, struct spawn_io *io, int *status, int *err_no, struct err *e)
{
    int inp[2] = {-1, -1}, outp[2] = {-1, -1}, errp[2] = {-1, -1}, report[2] = {-1, -1};
    int devnull = -1;
    int rc = -1;
    *status = -1;
    if (err_no)
        *err_no = 0;
    if (!argv || !argv[0] || !argv[0][0]) {
        err_set(e, NULL, 0, 0, "%s", _("no program to run"));
        if (err_no)
            *err_no = EINVAL;
        return -1;
    }
    if (io) {
        io->out = io->errout = NULL;
        io->outlen = io->errlen = 0;
    }
    if (make_pipe(report) < 0)
        goto fail_errno;
    if (io && io->in && make_pipe(inp) < 0)
        goto fail_errno;
    if (io && !io->in && (devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
        goto fail_errno;
    if (io && io->capture_out && make_pipe(outp) < 0)
        goto fail_errno;
    if (io && io->capture_err && make_pipe(errp) < 0)
        goto fail_errno;

    struct sigaction ign = {0}, old_pipe;
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe);

    pid_t pid = fork();
    if (pid < 0) {
        sigaction(SIGPIPE, &old_pipe, NULL);
        goto fail_errno;
    }
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);
        child_dup(inp[0] >= 0 ? inp[0] : devnull, 0);
        child_dup(outp[1], 1);
        child_dup(errp[1], 2);
        execvp(argv[0], (char *const *)argv);
        int en = errno;
        ssize_t w = write(report[1], &en, sizeof en);
        (void)w;
        _exit(127);
    }
    close_fd(&report[1]);
    close_fd(&inp[0]);
    close_fd(&outp[1]);
    close_fd(&errp[1]);
    close_fd(&devnull);

    /* Did exec succeed?  The report pipe closes on exec (no data). */
    int child_errno = 0;
    ssize_t r;
    do
        r = read(report[0], &child_errno, sizeof child_errno);
    while (r < 0 && errno == EINTR);
    close_fd(&report[0]);
    if (r == (ssize_t)sizeof child_errno) {
        close_fd(&inp[1]);
        close_fd(&outp[0]);
        close_fd(&errp[0]);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
        sigaction(SIGPIPE, &old_pipe, NULL);
        if (err_no)
            *err_no = child_errno;
        err_set(e, NULL, 0, 0, _("cannot run %s: %s"), argv[0], strerror(child_errno));
        return -1;
    }

    struct buf ob = {0}, eb = {0};
    size_t fed = 0;
    if (inp[1] >= 0 && io->inlen == 0)
        close_fd(&inp[1]);
    while (inp[1] >= 0 || outp[0] >= 0 || errp[0] >= 0) {
        struct pollfd pf[3];
        int n = 0, ii = -1, oi = -1, ei = -1;
        if (inp[1] >= 0) {
            pf[n] = (struct pollfd){.fd = inp[1], .events = POLLOUT};
            ii = n++;
        }
        if (outp[0] >= 0) {
            pf[n] = (struct pollfd){.fd = outp[0], .events = POLLIN};
            oi = n++;
        }
        if (errp[0] >= 0) {
            pf[n] = (struct pollfd){.fd = errp[0], .events = POLLIN};
            ei = n++;
        }
        if (poll(pf, (nfds_t)n, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (ii >= 0 && pf[ii].revents) {
            size_t chunk = io->inlen - fed;
            if (chunk > 65536)
                chunk = 65536;
            ssize_t w = write(inp[1], io->in + fed, chunk);
            if (w > 0)
                fed += (size_t)w;
            if ((w < 0 && errno != EINTR && errno != EAGAIN) || fed == io->inlen)
                close_fd(&inp[1]);
        }
        char tmp[65536];
        if (oi >= 0 && pf[oi].revents) {
            ssize_t got = read(outp[0], tmp, sizeof tmp);
            if (got > 0)
                buf_add(&ob, tmp, (size_t)got);
            else if (got == 0 || errno != EINTR)
                close_fd(&outp[0]);
        }
        if (ei >= 0 && pf[ei].revents) {
            ssize_t got = read(errp[0], tmp, sizeof tmp);
            if (got > 0)
                buf_add(&eb, tmp, (size_t)got);
            else if (got == 0 || errno != EINTR)
                close_fd(&errp[0]);
        }
    }
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGPIPE, &old_pipe, NULL);
    if (WIFEXITED(ws))
        *status = WEXITSTATUS(ws);
    else if (WIFSIGNALED(ws))
        *status = 128 + WTERMSIG(ws);
    if (io && io->capture_out) {
        if (!ob.p)
            buf_add(&ob, "", 0);
        io->out = ob.p;
        io->outlen = ob.len;
    }
    if (io && io->capture_err) {
        if (!eb.p)
            buf_add(&eb, "", 0);
        io->errout = eb.p;
        io->errlen = eb.len;
    }
    return 0;

fail_errno:
    rc = errno;
    if (err_no)
        *err_no = rc;
    err_set(e, NULL, 0, 0, _("cannot run %s: %s"), argv[0], strerror(rc));
    close_fd(&inp[0]);
    close_fd(&inp[1]);
    close_fd(&outp[0]);
    close_fd(&outp[1]);
    close_fd(&errp[0]);
    close_fd(&errp[1]);
    close_fd(&report[0]);
    close_fd(&report[1]);
    close_fd(&devnull);
    return -1;
}

static bool is_exec(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

bool spawn_have(const char *prog)
{
    if (!prog || !*prog)
        return false;
    if (strchr(prog, '/'))
        return is_exec(prog);
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *end = strchr(path, ':');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        char *full = n ? xasprintf("%.*s/%s", (int)n, path, prog) : xasprintf("./%s", prog);
        bool ok = is_exec(full);
        free(full);
        if (ok)
            return true;
        if (!end)
            break;
        path = end + 1;
    }
    return false;
}

char **spawn_split(const char *line, size_t extra, size_t *argc)
{
    size_t cap = 0, n = 0;
    char **v = NULL;
    const char *p = line ? line : "";
    *argc = 0;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        struct buf w = {0};
        buf_add(&w, "", 0);
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
            if (*p == '\'') {
                const char *q = strchr(p + 1, '\'');
                if (!q)
                    goto bad;
                buf_add(&w, p + 1, (size_t)(q - p - 1));
                p = q + 1;
            } else if (*p == '"') {
                p++;
                while (*p && *p != '"') {
                    if (*p == '\\' && p[1] && strchr("\\\"$`", p[1]))
                        p++;
                    buf_add(&w, p, 1);
                    p++;
                }
                if (*p != '"')
                    goto bad;
                p++;
            } else if (*p == '\\' && p[1]) {
                buf_add(&w, p + 1, 1);
                p += 2;
            } else {
                buf_add(&w, p, 1);
                p++;
            }
        }
        v = xgrow(v, &cap, n + 1, sizeof *v);
        v[n++] = w.p;
        continue;
    bad:
        free(w.p);
        v = xgrow(v, &cap, n + 1, sizeof *v);
        v[n] = NULL;
        spawn_argv_free(v);
        return NULL;
    }
    if (n == 0) {
        free(v);
        return NULL;
    }
    v = xgrow(v, &cap, n + extra + 1, sizeof *v);
    for (size_t i = n; i < n + extra + 1; i++)
        v[i] = NULL;
    *argc = n;
    return v;
}

void spawn_argv_free(char **argv)
{
    if (!argv)
        return;
    for (size_t i = 0; argv[i]; i++)
        free(argv[i]);
    free(argv);
}
