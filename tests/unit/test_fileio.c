/* test_fileio.c - safe saves, reads with limits, locks, recovery files.
 * Every case runs in a fresh mkdtemp folder. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "src/fileio.h"
#include "tests/tap.h"

static char root[256];

static char *fresh_dir(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", root, name);
    if (mkdir(buf, 0755) < 0) {
        perror(buf);
        exit(1);
    }
    return buf;
}

static void put(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(s, f);
    fclose(f);
}

/* The whole file as a new string, or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = 1024, n = 0;
    char *b = malloc(cap);
    size_t r;
    while ((r = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2)
            b = realloc(b, cap *= 2);
    }
    b[n] = '\0';
    fclose(f);
    return b;
}

static int is_file(const char *p, const char *want, const char *what)
{
    char *got = slurp(p);
    int r = is_str(got, want, "%s", what);
    free(got);
    return r;
}

static int mode_of(const char *p)
{
    struct stat st;
    return stat(p, &st) < 0 ? -1 : (int)(st.st_mode & 07777);
}

/* Names in dir (not . and ..), to find left-over temporary files. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static int contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

static void test_replace_keeps_mode(void)
{
    char *d = fresh_dir("replace"), p[600];
    struct fileio_result res;
    struct err e;
    struct stat before, after;
    snprintf(p, sizeof p, "%s/a.sla.yaml", d);
    put(p, "old\n");
    chmod(p, 0640);
    stat(p, &before);
    int r = fileio_write_atomic(p, "new content\n", 12, 0, &res, &e);
    is_int(r, 0, "atomic replace succeeds");
    is_file(p, "new content\n", "replaced content is the new version");
    is_int(mode_of(p), 0640, "mode 0640 kept");
    stat(p, &after);
    ok(before.st_ino != after.st_ino, "replaced by rename (new inode)");
    is_int(res.in_place, 0, "not written in place");
    ok(res.st.valid && res.st.ino == after.st_ino && res.st.size == 12,
       "result carries the stamp of the written file");
    is_int(fileio_changed_since(p, &res.st), 0, "the written stamp matches the file");
    is_int(count_entries(d), 1, "no temporary file left behind");
}

static void test_symlink_through(void)
{
    char *d = fresh_dir("symlink"), sub[600], target[700], link[600], dangling[600], dt[700];
    struct fileio_result res;
    struct err e;
    struct stat st;
    snprintf(sub, sizeof sub, "%s/real", d);
    mkdir(sub, 0755);
    snprintf(target, sizeof target, "%s/t.sla.yaml", sub);
    put(target, "old\n");
    chmod(target, 0600);
    snprintf(link, sizeof link, "%s/l.sla.yaml", d);
    if (symlink("real/t.sla.yaml", link) < 0)
        perror("symlink");
    int r = fileio_write_atomic(link, "through\n", 8, 0, &res, &e);
    is_int(r, 0, "write through a relative symlink succeeds");
    ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link is still a link");
    is_file(target, "through\n", "the file it points at has the new content");
    is_int(mode_of(target), 0600, "the pointed-at file keeps its mode");
    is_str(res.target, target, "result names the real target");
    is_int(count_entries(sub), 1, "no temporary file left beside the target");

    /* A dangling link: the file it names is created. */
    snprintf(dangling, sizeof dangling, "%s/dl.sla.yaml", d);
    symlink("real/new.sla.yaml", dangling);
    r = fileio_write_atomic(dangling, "fresh\n", 6, 0, NULL, &e);
    is_int(r, 0, "write through a dangling symlink succeeds");
    snprintf(dt, sizeof dt, "%s/new.sla.yaml", sub);
    is_file(dt, "fresh\n", "the file the dangling link names is created");
    ok(lstat(dangling, &st) == 0 && S_ISLNK(st.st_mode), "the dangling link stays a link");

    /* A loop of links is an error, not a hang. */
    char l1[600], l2[600];
    snprintf(l1, sizeof l1, "%s/loop1", d);
    snprintf(l2, sizeof l2, "%s/loop2", d);
    symlink("loop2", l1);
    symlink("loop1", l2);
    r = fileio_write_atomic(l1, "x", 1, 0, NULL, &e);
    is_int(r, -1, "a loop of symlinks is refused");
    ok(contains(e.msg, l1), "loop message names the file: %s", e.msg);
}

static void test_hard_links(void)
{
    char *d = fresh_dir("hardlink"), a[600], b[600], bak[700];
    struct fileio_result res;
    struct err e;
    struct stat st_a, st_b, before;
    snprintf(a, sizeof a, "%s/a.sla.yaml", d);
    snprintf(b, sizeof b, "%s/b.sla.yaml", d);
    snprintf(bak, sizeof bak, "%s~", a);
    put(a, "the old version\n");
    chmod(a, 0644);
    link(a, b);
    stat(a, &before);
    int r = fileio_write_atomic(a, "new\n", 4, 0, &res, &e);
    is_int(r, 0, "hard-linked file saved");
    is_int(res.in_place, 1, "reported as written in place");
    is_int(res.backup_made, 1, "reported a backup");
    is_str(res.backup, bak, "backup is FILE~");
    is_file(bak, "the old version\n", "FILE~ holds the old content");
    is_file(a, "new\n", "the file has the new content");
    is_file(b, "new\n", "the other link sees the new content");
    stat(a, &st_a);
    stat(b, &st_b);
    ok(st_a.st_ino == before.st_ino && st_a.st_ino == st_b.st_ino && st_a.st_nlink == 2,
       "links are not split");
    is_int(fileio_changed_since(a, &res.st), 0, "in-place stamp matches the file");
}

static void test_new_file_mode(void)
{
    char *d = fresh_dir("newmode"), p[600], q[600];
    struct err e;
    snprintf(p, sizeof p, "%s/n022.sla.yaml", d);
    snprintf(q, sizeof q, "%s/n077.sla.yaml", d);
    mode_t old = umask(022);
    is_int(fileio_write_atomic(p, "x\n", 2, 0, NULL, &e), 0, "new file written (umask 022)");
    is_int(mode_of(p), 0644, "new file mode 0644 with umask 022");
    umask(077);
    is_int(fileio_write_atomic(q, "x\n", 2, 0, NULL, &e), 0, "new file written (umask 077)");
    is_int(mode_of(q), 0600, "new file mode 0600 with umask 077");
    umask(old);
}

static void test_temp_never_collides(void)
{
    char *d = fresh_dir("excl"), p[600], t[700];
    const char *names[] = {".n.sla.yaml.XXXXXX", ".n.sla.yaml.000000", ".n.sla.yaml.aaaaaa",
                           ".n.sla.yaml.tmp", ".n.sla.yaml."};
    struct err e;
    snprintf(p, sizeof p, "%s/n.sla.yaml", d);
    put(p, "old\n");
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(t, sizeof t, "%s/%s", d, names[i]);
        put(t, "keep me\n");
    }
    int all = 1;
    for (int i = 0; i < 50; i++)
        all &= fileio_write_atomic(p, "new\n", 4, 0, NULL, &e) == 0;
    ok(all, "50 saves beside existing .NAME.* files succeed");
    int kept = 1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(t, sizeof t, "%s/%s", d, names[i]);
        char *s = slurp(t);
        kept &= s && strcmp(s, "keep me\n") == 0;
        free(s);
    }
    ok(kept, "existing .NAME.* files are untouched");
    is_int(count_entries(d), 6, "no temporary file left behind");
}

static void alarm_handler(int sig)
{
    (void)sig;
    static const char m[] = "Bail out! fileio_read blocked on a FIFO\n";
    if (write(1, m, sizeof m - 1) < 0) {
    }
    _exit(1);
}

static void test_read(void)
{
    char *d = fresh_dir("read"), p[600], fifo[600], big[600], missing[600];
    char *buf = NULL;
    size_t len = 99;
    struct fileio_stat st;
    struct err e;

    snprintf(p, sizeof p, "%s/a.sla.yaml", d);
    put(p, "hola\n");
    int r = fileio_read(p, 1024, &buf, &len, &st, &e);
    is_int(r, 0, "reads a regular file");
    is_str(buf, "hola\n", "content read");
    is_int((long long)len, 5, "length excludes the NUL");
    ok(st.valid && st.size == 5, "stamp recorded");
    free(buf);

    r = fileio_read(d, 1024, &buf, &len, NULL, &e);
    is_int(r, -1, "a folder is refused");
    ok(contains(e.msg, "folder") && contains(e.msg, d), "folder message: %s", e.msg);
    ok(buf == NULL, "no buffer on error");

    snprintf(fifo, sizeof fifo, "%s/pipe.sla.yaml", d);
    mkfifo(fifo, 0644);
    signal(SIGALRM, alarm_handler);
    alarm(5);
    r = fileio_read(fifo, 1024, &buf, &len, NULL, &e);
    alarm(0);
    is_int(r, -1, "a FIFO is refused without blocking");
    ok(contains(e.msg, "not a regular file") && contains(e.msg, fifo), "FIFO message: %s", e.msg);

    r = fileio_read("/dev/null", 1024, &buf, &len, NULL, &e);
    is_int(r, -1, "a device is refused");
    ok(contains(e.msg, "not a regular file"), "device message: %s", e.msg);

    snprintf(big, sizeof big, "%s/big.sla.yaml", d);
    put(big, "12345678901");
    r = fileio_read(big, 10, &buf, &len, NULL, &e);
    is_int(r, -1, "a file over the limit is refused");
    ok(contains(e.msg, "11 bytes") && contains(e.msg, "10 bytes") && contains(e.msg, "--max-size"),
       "size message names size, limit and --max-size: %s", e.msg);
    r = fileio_read(big, 11, &buf, &len, NULL, &e);
    is_int(r, 0, "a file exactly at the limit is read");
    free(buf);

    snprintf(missing, sizeof missing, "%s/missing.sla.yaml", d);
    r = fileio_read(missing, 10, &buf, &len, NULL, &e);
    is_int(r, -1, "a missing file is an error");
    ok(contains(e.msg, missing) && contains(e.msg, strerror(ENOENT)), "missing message: %s",
       e.msg);

}

static void test_changed_since(void)
{
    char *d = fresh_dir("changed"), p[600];
    char *buf;
    size_t len;
    struct fileio_stat st, none = {0};
    struct err e;
    snprintf(p, sizeof p, "%s/a.sla.yaml", d);
    put(p, "one\n");
    fileio_read(p, 100, &buf, &len, &st, &e);
    free(buf);
    is_int(fileio_changed_since(p, &st), 0, "unchanged file is not reported");
    put(p, "two\n"); /* same size, same inode */
    struct timespec ts[2] = {{0, UTIME_OMIT}, {st.mtime_ns / 1000000000LL + 5, 0}};
    utimensat(AT_FDCWD, p, ts, 0);
    is_int(fileio_changed_since(p, &st), 1, "rewritten file is reported");
    fileio_read(p, 100, &buf, &len, &st, &e);
    free(buf);
    unlink(p);
    is_int(fileio_changed_since(p, &st), 1, "deleted file is reported");
    is_int(fileio_changed_since(p, &none), 0, "a file that did not and does not exist: no change");
    put(p, "three\n");
    is_int(fileio_changed_since(p, &none), 1, "a file created meanwhile is reported");
}

static void test_no_clobber(void)
{
    char *d = fresh_dir("noclobber"), p[600], q[600];
    struct err e;
    snprintf(p, sizeof p, "%s/a.sla.yaml", d);
    snprintf(q, sizeof q, "%s/b.sla.yaml", d);
    put(p, "mine\n");
    int r = fileio_write_atomic(p, "other\n", 6, FILEIO_NO_CLOBBER, NULL, &e);
    is_int(r, -1, "NO_CLOBBER refuses an existing file");
    ok(contains(e.msg, "already exists") && contains(e.msg, p), "message: %s", e.msg);
    is_file(p, "mine\n", "existing file untouched");
    r = fileio_write_atomic(q, "new\n", 4, FILEIO_NO_CLOBBER, NULL, &e);
    is_int(r, 0, "NO_CLOBBER writes a new file");
    is_file(q, "new\n", "new file content");
    is_int(count_entries(d), 2, "no temporary file left behind");
}

static void test_failed_writes(void)
{
    char *d = fresh_dir("fail"), p[600], nodir[600], a[600], b[600];
    struct err e;
    struct rlimit old, lim;
    const size_t big = 64 * 1024;
    char *data = malloc(big);
    memset(data, 'z', big);

    snprintf(nodir, sizeof nodir, "%s/no/such/folder/a.sla.yaml", d);
    int r = fileio_write_atomic(nodir, "x", 1, 0, NULL, &e);
    is_int(r, -1, "writing into a missing folder fails");
    ok(contains(e.msg, nodir) && contains(e.msg, strerror(ENOENT)), "message: %s", e.msg);

    snprintf(p, sizeof p, "%s/a.sla.yaml", d);
    put(p, "the old one\n");
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = 4096;
    if (setrlimit(RLIMIT_FSIZE, &lim) < 0) {
        ok(1, "# SKIP cannot lower RLIMIT_FSIZE: %s", strerror(errno));
    } else {
        r = fileio_write_atomic(p, data, big, 0, NULL, &e);
        ok(r == -1 && contains(e.msg, strerror(EFBIG)) && contains(e.msg, p),
           "a write that fails (EFBIG) is reported: %s", e.msg);
        is_file(p, "the old one\n", "the old file is byte-identical");
        is_int(count_entries(d), 1, "no temporary file left behind");

        /* The in-place path fails too, before changing anything. */
        snprintf(a, sizeof a, "%s/h.sla.yaml", d);
        snprintf(b, sizeof b, "%s/h2.sla.yaml", d);
        put(a, "linked old\n");
        link(a, b);
        r = fileio_write_atomic(a, data, big, 0, NULL, &e);
        ok(r == -1 && contains(e.msg, strerror(EFBIG)), "in-place write failure reported: %s",
           e.msg);
        is_file(a, "linked old\n", "hard-linked file keeps its old content");
        setrlimit(RLIMIT_FSIZE, &old);
    }
    signal(SIGXFSZ, SIG_DFL);
    free(data);

    /* A folder is not replaced by a file. */
    r = fileio_write_atomic(d, "x", 1, 0, NULL, &e);
    ok(r == -1 && contains(e.msg, "folder"), "a folder is not overwritten: %s", e.msg);
}

/* Permission cases.  Root ignores permissions, so as root they run in a
 * child that has dropped to nobody (65534); when that is impossible they
 * are skipped one by one.  Each check sets one bit of the result. */
enum { U_SAVED = 1, U_CONTENT = 2, U_BACKUP = 4, U_LOCK = 8, U_UNREADABLE = 16 };
static const char *const u_names[] = {
    "unwritable folder: saved in place with a backup reported",
    "unwritable folder: the file has the new content",
    "unwritable folder: FILE~ holds the old content",
    "unwritable folder: lock fails, editing may go on without one",
    "unreadable file refused with the reason",
};

static int permission_checks(const char *d)
{
    char p[600], bak[700], unr[600], *buf = NULL;
    size_t len;
    struct fileio_result res;
    struct fileio_lock lk;
    struct err e;
    int bits = 0;
    snprintf(p, sizeof p, "%s/a.sla.yaml", d);
    snprintf(bak, sizeof bak, "%s~", p);
    snprintf(unr, sizeof unr, "%s/secret.sla.yaml", d);
    put(p, "old\n");
    put(bak, "");
    put(unr, "x");
    chmod(unr, 0);
    chmod(d, 0555);
    if (fileio_write_atomic(p, "new text\n", 9, 0, &res, &e) == 0 && res.in_place &&
        res.backup_made)
        bits |= U_SAVED;
    else
        diag("save: %s", e.msg);
    char *s = slurp(p);
    if (s && !strcmp(s, "new text\n"))
        bits |= U_CONTENT;
    free(s);
    s = slurp(bak);
    if (s && !strcmp(s, "old\n"))
        bits |= U_BACKUP;
    free(s);
    if (fileio_lock(p, &lk, NULL, &e) == -1 && contains(e.msg, "without a lock"))
        bits |= U_LOCK;
    else
        diag("lock: %s", e.msg);
    if (fileio_read(unr, 10, &buf, &len, NULL, &e) == -1 && contains(e.msg, strerror(EACCES)))
        bits |= U_UNREADABLE;
    else
        diag("unreadable: %s", e.msg);
    free(buf);
    chmod(d, 0755);
    return bits;
}

static void test_permissions(void)
{
    char *d = fresh_dir("perm");
    int bits = -1;
    const char *why = NULL;
    if (geteuid() != 0) {
        bits = permission_checks(d);
    } else if (chmod(root, 0755) < 0 || chown(d, 65534, 65534) < 0) {
        why = "running as root and cannot hand a folder to nobody";
    } else {
        fflush(stdout);
        pid_t c = fork();
        if (c == 0) {
            if (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0 ||
                geteuid() == 0)
                _exit(100);
            _exit(permission_checks(d));
        }
        int status;
        waitpid(c, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) != 100)
            bits = WEXITSTATUS(status);
        else
            why = "running as root and cannot drop to nobody";
        chmod(root, 0700);
    }
    for (size_t i = 0; i < sizeof u_names / sizeof *u_names; i++) {
        if (why)
            ok(1, "# SKIP %s: %s", u_names[i], why);
        else
            ok(bits & (1 << i), "%s", u_names[i]);
    }
}

static void test_locks(void)
{
    char *d = fresh_dir("lock"), p[600], lockfile[700];
    struct fileio_lock lk, lk2;
    struct fileio_lock_holder h;
    struct err e;
    snprintf(p, sizeof p, "%s/a.sla.yaml", d);
    snprintf(lockfile, sizeof lockfile, "%s/.a.sla.yaml.lock", d);
    put(p, "x\n");

    int r = fileio_lock(p, &lk, &h, &e);
    is_int(r, 0, "lock taken");
    char *content = slurp(lockfile);
    if (content)
        content[strcspn(content, "\n")] = '\0';
    char pid[32];
    snprintf(pid, sizeof pid, " %ld ", (long)getpid());
    ok(contains(content, pid), "lock file names our pid: %s", content ? content : "(none)");
    free(content);

    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        struct fileio_lock clk;
        struct fileio_lock_holder ch;
        struct err ce;
        int cr = fileio_lock(p, &clk, &ch, &ce);
        _exit(cr == 1 && ch.pid == (long)getppid() && ch.user[0] && ch.host[0] && ch.time > 0
                  ? 0
                  : 10 + cr);
    }
    int status;
    waitpid(c, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
       "a second process is refused and told the holder (status %d)", WEXITSTATUS(status));

    r = fileio_lock(p, &lk2, &h, &e);
    ok(r == 1 && h.pid == (long)getpid(), "a second lock in this process is refused too");

    fileio_unlock(&lk);
    ok(access(lockfile, F_OK) < 0, "unlock removes the lock file");
    ok(lk.fd == -1 && lk.path == NULL, "unlock resets the handle");
    fileio_unlock(&lk); /* harmless twice */

    /* Stale: a child takes the lock and dies without unlocking. */
    fflush(stdout);
    c = fork();
    if (c == 0) {
        struct fileio_lock clk;
        struct err ce;
        _exit(fileio_lock(p, &clk, NULL, &ce) == 0 ? 0 : 1);
    }
    waitpid(c, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && access(lockfile, F_OK) == 0,
       "a dead child left its lock file");
    r = fileio_lock(p, &lk, &h, &e);
    is_int(r, 0, "a stale lock is taken over");
    content = slurp(lockfile);
    if (content)
        content[strcspn(content, "\n")] = '\0';
    ok(contains(content, pid), "the lock file now names us: %s", content ? content : "(none)");
    free(content);
    fileio_unlock(&lk);

    /* A lock for a file that does not exist yet, through a symlink. */
    char ln[600], lf2[700];
    snprintf(ln, sizeof ln, "%s/link.sla.yaml", d);
    symlink("later.sla.yaml", ln);
    snprintf(lf2, sizeof lf2, "%s/.later.sla.yaml.lock", d);
    r = fileio_lock(ln, &lk, NULL, &e);
    ok(r == 0 && access(lf2, F_OK) == 0, "lock of a symlink sits beside the file it names");
    fileio_unlock(&lk);
}

static void test_recovery(void)
{
    char *d = fresh_dir("recover"), state[600], recdir[700], agr[600], *rp = NULL, *rp2 = NULL;
    char *dir = NULL, *found = NULL;
    struct err e;
    struct fileio_recovery *list = NULL;
    size_t n = 0;

    snprintf(state, sizeof state, "%s/state", d);
    setenv("XDG_STATE_HOME", state, 1);
    snprintf(recdir, sizeof recdir, "%s/pacta/recover", state);
    snprintf(agr, sizeof agr, "%s/acme.sla.yaml", d);
    put(agr, "saved\n");
    struct timespec past[2] = {{1000000000, 0}, {1000000000, 0}};
    utimensat(AT_FDCWD, agr, past, 0);

    mode_t old = umask(0);
    int r = fileio_recovery_path(agr, &rp, &e);
    is_int(r, 0, "recovery path computed");
    ok(rp && strncmp(rp, recdir, strlen(recdir)) == 0 && rp[strlen(recdir)] == '/',
       "recovery file is under $XDG_STATE_HOME/pacta/recover: %s", rp ? rp : "NULL");
    ok(rp && contains(rp + strlen(recdir), "acme.sla.yaml") && !strchr(rp + strlen(recdir) + 1, '/'),
       "named after the agreement, one file name");
    is_int(mode_of(recdir), 0700, "recovery folder is 0700");

    r = fileio_recovery_find(agr, &found, &e);
    is_int(r, 0, "no recovery file yet");

    r = fileio_write_private(rp, "unsaved words\n", 14, &e);
    is_int(r, 0, "recovery file written");
    is_int(mode_of(rp), 0600, "recovery file is 0600 even with umask 0");
    is_file(rp, "unsaved words\n", "recovery content");
    chmod(rp, 0644);
    fileio_write_private(rp, "more unsaved words\n", 19, &e);
    is_int(mode_of(rp), 0600, "rewriting a recovery file makes it 0600 again");
    umask(old);

    r = fileio_recovery_find(agr, &found, &e);
    ok(r == 1 && found && strcmp(found, rp) == 0, "recovery file newer than the agreement found");
    free(found);
    found = NULL;

    r = fileio_recovery_path(NULL, &rp2, &e);
    ok(r == 0 && rp2 && contains(rp2, "/new-") && contains(rp2, ".sla.yaml"),
       "never-saved agreement gets new-PID-TIME: %s", rp2 ? rp2 : "NULL");
    fileio_write_private(rp2, "brand new\n", 10, &e);

    r = fileio_recovery_list(&list, &n, &e);
    is_int(r, 0, "recovery list read");
    is_int((long long)n, 2, "two recovery files offered");
    int saw_agr = 0, saw_new = 0;
    for (size_t i = 0; i < n; i++) {
        if (list[i].agreement && strcmp(list[i].agreement, agr) == 0 && strcmp(list[i].path, rp) == 0)
            saw_agr = 1;
        if (!list[i].agreement && strcmp(list[i].path, rp2) == 0)
            saw_new = 1;
    }
    ok(saw_agr, "the list names the agreement a recovery file belongs to");
    ok(saw_new, "the list includes the never-saved agreement");
    fileio_recovery_free(list, n);

    /* The agreement saved after the recovery file: no longer offered. */
    struct timespec future[2] = {{0, UTIME_OMIT}, {time(NULL) + 100, 0}};
    utimensat(AT_FDCWD, agr, future, 0);
    r = fileio_recovery_find(agr, &found, &e);
    is_int(r, 0, "recovery file older than the agreement is not offered");
    r = fileio_recovery_list(&list, &n, &e);
    ok(r == 0 && n == 1 && strcmp(list[0].path, rp2) == 0, "the list leaves it out too");
    fileio_recovery_free(list, n);

    is_int(fileio_recovery_remove(rp, &e), 0, "recovery file removed");
    ok(access(rp, F_OK) < 0, "it is gone");
    is_int(fileio_recovery_remove(rp, &e), 0, "removing a missing recovery file is fine");
    fileio_recovery_remove(rp2, &e);

    /* A path too long for a file name gets a hash. */
    char longp[400];
    memset(longp, 'x', sizeof longp);
    longp[0] = '/';
    for (int i = 20; i < 380; i += 20)
        longp[i] = '/';
    strcpy(longp + 380, "/cliente.sla.yaml");
    char *lp = NULL;
    r = fileio_recovery_path(longp, &lp, &e);
    ok(r == 0 && lp && strlen(strrchr(lp, '/') + 1) < 255 && contains(lp, "cliente.sla.yaml"),
       "a long path gets a short name: %s", lp ? strrchr(lp, '/') + 1 : "NULL");
    free(lp);

    /* XDG_STATE_HOME unset: ~/.local/state */
    unsetenv("XDG_STATE_HOME");
    char home[600], want[700];
    snprintf(home, sizeof home, "%s/home", d);
    mkdir(home, 0755);
    setenv("HOME", home, 1);
    r = fileio_recovery_dir(&dir, &e);
    snprintf(want, sizeof want, "%s/.local/state/pacta/recover", home);
    ok(r == 0 && dir && strcmp(dir, want) == 0, "default folder is ~/.local/state/pacta/recover");
    free(dir);
    free(rp);
    free(rp2);
}

static void rm_rf(const char *p)
{
    struct stat st;
    if (lstat(p, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(p, 0755);
        DIR *d = opendir(p);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            char q[1024];
            snprintf(q, sizeof q, "%s/%s", p, de->d_name);
            rm_rf(q);
        }
        if (d)
            closedir(d);
        rmdir(p);
    } else {
        unlink(p);
    }
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/test_fileio.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root))
        skip_all("cannot create a temporary folder");
    diag("working in %s (euid %ld)", root, (long)geteuid());

    test_replace_keeps_mode();
    test_symlink_through();
    test_hard_links();
    test_new_file_mode();
    test_temp_never_collides();
    test_read();
    test_changed_since();
    test_no_clobber();
    test_failed_writes();
    test_permissions();
    test_locks();
    test_recovery();

    rm_rf(root);
    return done_testing();
}
