/* fileio.c - safe file I/O: never lose a word.
 *
 * A save (fileio_write_atomic):
 *   1. resolve the symlink chain of the target, so a link is written through
 *      to the file it points at (relative links relative to the link's folder);
 *   2. create a temporary ".NAME.XXXXXX" in the target's folder with O_EXCL
 *      (mkostemp), write everything, give it the old file's owner and mode
 *      (a new file: 0644 minus the umask), fsync, close;
 *   3. rename it over the target (renameat2 RENAME_NOREPLACE or link() when
 *      FILEIO_NO_CLOBBER), then fsync the folder.
 * Any failure before 3 removes the temporary file: the old file is untouched.
 *
 * Where rename cannot be used - the target has several hard links (a rename
 * would split them), or the folder is not writable but the file is - the old
 * content is copied to "FILE~" first, room for the new content is reserved
 * with posix_fallocate (so a full disk is found before anything changes), and
 * the file is overwritten in place, truncated and fsynced.  If that write
 * fails, the old content is written back.  res->in_place tells the caller to
 * say so.
 *
 * Nothing here prints; errors go to struct err with the file named in msg. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "src/fileio.h"
#include "src/i18n.h"
#include "src/xalloc.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

/* ---- small helpers ------------------------------------------------------ */

/* All n bytes of p to fd: at offset off (pwrite), or where fd stands when
 * off is -1 (write: pipes and terminals too). */
static int write_full(int fd, const char *p, size_t n, off_t off)
{
    while (n > 0) {
        ssize_t w = off < 0 ? write(fd, p, n) : pwrite(fd, p, n, off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
        if (off >= 0)
            off += w;
    }
    return 0;
}

int fileio_write_all(int fd, const char *p, size_t n)
{
    return write_full(fd, p, n, -1);
}

static int fsync_retry(int fd)
{
    int r;
    do
        r = fsync(fd);
    while (r < 0 && errno == EINTR);
    return r;
}

/* close() that reports a deferred write error (NFS); EINTR means closed. */
static int close_checked(int fd)
{
    if (close(fd) < 0 && errno != EINTR)
        return -1;
    return 0;
}

static void close_keep_errno(int fd)
{
    int saved = errno;
    close(fd);
    errno = saved;
}

static void unlink_keep_errno(const char *p)
{
    int saved = errno;
    unlink(p);
    errno = saved;
}

static long long mtime_ns(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

static void stamp_from(struct fileio_stat *fs, const struct stat *st)
{
    fs->valid = 1;
    fs->dev = st->st_dev;
    fs->ino = st->st_ino;
    fs->size = st->st_size;
    fs->mtime_ns = mtime_ns(st);
}

/* The folder part of path ("." when none, "/" for "/x"). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Follow the symlink chain of path; returns the final name (which need not
 * exist: a dangling link is written through to the file it names), or NULL
 * with errno (ELOOP after 40 links). */
static char *resolve_links(const char *path)
{
    char *cur = xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) < 0) {
            if (errno == ENOENT)
                return cur;
            free(cur);
            return NULL;
        }
        if (!S_ISLNK(st.st_mode))
            return cur;
        size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 256;
        char *link;
        ssize_t n;
        for (;;) {
            link = xmalloc(cap);
            n = readlink(cur, link, cap);
            if (n < 0) {
                int saved = errno;
                free(link);
                free(cur);
                errno = saved;
                return NULL;
            }
            if ((size_t)n < cap)
                break;
            free(link);
            cap *= 2;
        }
        link[n] = '\0';
        char *next;
        if (link[0] == '/') {
            next = link;
        } else {
            char *dir = dir_of(cur);
            next = xasprintf("%s/%s", dir, link);
            free(dir);
            free(link);
        }
        free(cur);
        cur = next;
    }
    free(cur);
    errno = ELOOP;
    return NULL;
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

/* Read everything from fd, at most max bytes (more: *too_big = 1). */
static int read_fd(int fd, size_t max, char **buf, size_t *len, int *too_big)
{
    size_t cap = 4096, n = 0;
    char *b = xmalloc(cap);
    *too_big = 0;
    for (;;) {
        if (cap - n < 2)
            b = xgrow(b, &cap, n + 4096, 1);
        size_t want = cap - n - 1;
        if (max < SIZE_MAX && want > max + 1 - n)
            want = max + 1 - n;
        ssize_t r = read(fd, b + n, want);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(b);
            errno = saved;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max) {
            *too_big = 1;
            free(b);
            return -1;
        }
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

/* ---- reading ------------------------------------------------------------ */

int fileio_read(const char *path, size_t max_size, char **buf, size_t *len,
                struct fileio_stat *st_out, struct err *e)
{
    struct stat st;
    int too_big;
    err_clear(e);
    *buf = NULL;
    *len = 0;
    if (st_out)
        memset(st_out, 0, sizeof *st_out);

    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        err_set(e, NULL, 0, 0, _("cannot open %s: %s"), path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) < 0) {
        err_set(e, NULL, 0, 0, _("cannot read %s: %s"), path, strerror(errno));
        close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        err_set(e, NULL, 0, 0, _("cannot read %s: it is a folder, not a file"), path);
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        err_set(e, NULL, 0, 0, _("cannot read %s: it is not a regular file"), path);
        close(fd);
        return -1;
    }
    if ((unsigned long long)st.st_size > (unsigned long long)max_size) {
        err_set(e, NULL, 0, 0,
                _("cannot read %s: it is %lld bytes, more than the limit of %llu bytes "
                  "(--max-size raises it)"),
                path, (long long)st.st_size, (unsigned long long)max_size);
        close(fd);
        return -1;
    }
    if (read_fd(fd, max_size, buf, len, &too_big) < 0) {
        if (too_big)
            err_set(e, NULL, 0, 0,
                    _("cannot read %s: it grew beyond the limit of %llu bytes while being "
                      "read (--max-size raises it)"),
                    path, (unsigned long long)max_size);
        else
            err_set(e, NULL, 0, 0, _("cannot read %s: %s"), path, strerror(errno));
        close(fd);
        return -1;
    }
    /* The stamp after reading: a change during the read shows as a change. */
    if (st_out && fstat(fd, &st) == 0)
        stamp_from(st_out, &st);
    close(fd);
    return 0;
}

int fileio_stamp(const char *path, struct fileio_stat *st)
{
    struct stat s;
    memset(st, 0, sizeof *st);
    if (stat(path, &s) < 0)
        return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
    stamp_from(st, &s);
    return 0;
}

int fileio_changed_since(const char *path, const struct fileio_stat *st)
{
    struct fileio_stat now;
    if (fileio_stamp(path, &now) < 0)
        return 1;
    if (!st->valid || !now.valid)
        return st->valid != now.valid;
    return now.dev != st->dev || now.ino != st->ino || now.size != st->size ||
           now.mtime_ns != st->mtime_ns;
}

/* ---- writing ------------------------------------------------------------ */

/* Write data to a new temporary file in dir and rename it to dst.
 * own: the old file's stat (owner and mode are copied) or NULL;
 * mode: used when own is NULL.  On failure returns -1 with errno set (and
 * *temp_failed = 1 when not even the temporary file could be made); the
 * temporary file is gone. */

static int replace_by_rename(const char *dst, const char *dir, const char *data, size_t len,
                             const struct stat *own, mode_t mode, int no_clobber,
                             struct fileio_stat *st_out, int *temp_failed)
{
    char *tmpl = xasprintf("%s/.%s.XXXXXX", dir, base_of(dst));
    struct stat st;
    *temp_failed = 0;
    int fd = mkostemp(tmpl, O_CLOEXEC);
    if (fd < 0) {
        *temp_failed = 1;
        int saved = errno;
        free(tmpl);
        errno = saved;
        return -1;
    }
    if (fileio_write_all(fd, data, len) < 0)
        goto fail_open;
    if (own) {
        /* Owner first: chown clears set-id bits that fchmod then restores.
         * Not being root, only the group may be ours to give: ignore. */
        if (own->st_uid != geteuid() || own->st_gid != getegid()) {
            if (fchown(fd, own->st_uid, own->st_gid) < 0 && fchown(fd, (uid_t)-1, own->st_gid) < 0) {
                /* keep ours */
            }
        }
        mode = own->st_mode & 07777;
    }
    if (fchmod(fd, mode) < 0)
        goto fail_open;
    if (fsync_retry(fd) < 0)
        goto fail_open;
    if (fstat(fd, &st) < 0)
        goto fail_open;
    if (close_checked(fd) < 0) {
        unlink_keep_errno(tmpl);
        goto fail;
    }
    if (no_clobber) {
        if (renameat2(AT_FDCWD, tmpl, AT_FDCWD, dst, RENAME_NOREPLACE) < 0) {
            if (errno != EINVAL && errno != ENOSYS) {
                unlink_keep_errno(tmpl);
                goto fail;
            }
            /* No renameat2 on this filesystem: link() refuses to replace too. */
            if (link(tmpl, dst) < 0) {
                unlink_keep_errno(tmpl);
                goto fail;
            }
            unlink(tmpl);
        }
    } else if (rename(tmpl, dst) < 0) {
        unlink_keep_errno(tmpl);
        goto fail;
    }
    free(tmpl);
    if (st_out)
        stamp_from(st_out, &st);
    return 0;

fail_open:
    close_keep_errno(fd);
    unlink_keep_errno(tmpl);
fail:;
    int saved = errno;
    free(tmpl);
    errno = saved;
    return -1;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno == EACCES ? 0 : -1;
    int r = fsync_retry(fd);
    if (r < 0 && (errno == EINVAL || errno == EROFS || errno == EBADF))
        r = 0; /* the filesystem does not sync folders */
    close_keep_errno(fd);
    return r;
}

/* Copy old to backup: by rename when the folder allows, else over an
 * existing writable backup.  Returns 0 or -1 (errno). */
static int write_backup(const char *backup, const char *dir, const char *old, size_t old_len,
                        const struct stat *own)
{
    int temp_failed;
    if (replace_by_rename(backup, dir, old, old_len, own, 0, 0, NULL, &temp_failed) == 0)
        return 0;
    if (!temp_failed)
        return -1;
    int fd = open(backup, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (ftruncate(fd, 0) < 0 || fileio_write_all(fd, old, old_len) < 0 || fsync_retry(fd) < 0) {
        close_keep_errno(fd);
        return -1;
    }
    return close_checked(fd);
}

static int write_in_place(const char *target, const char *dir, const struct stat *own,
                          const char *data, size_t len, struct fileio_result *res,
                          struct err *e)
{
    char *old = NULL;
    size_t old_len = 0;
    int too_big;
    int fd = open(target, O_RDWR | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        err_set(e, NULL, 0, 0, _("cannot write %s: %s"), target, strerror(errno));
        return -1;
    }
    if (read_fd(fd, SIZE_MAX - 1, &old, &old_len, &too_big) < 0) {
        err_set(e, NULL, 0, 0, _("cannot read %s to keep a backup: %s"), target,
                strerror(errno));
        close(fd);
        return -1;
    }
    char *backup = xasprintf("%s~", target);
    if (write_backup(backup, dir, old, old_len, own) == 0) {
        res->backup_made = 1;
        snprintf(res->backup, sizeof res->backup, "%s", backup);
    }
    free(backup);

    /* Reserve the room first: a full disk fails here, before any change. */
    if (len > old_len) {
        int r = posix_fallocate(fd, 0, (off_t)len);
        if (r != 0 && r != EOPNOTSUPP && r != EINVAL && r != ENOSYS) {
            err_set(e, NULL, 0, 0, _("cannot write %s: %s"), target, strerror(r));
            free(old);
            close(fd);
            return -1;
        }
    }
    struct stat st;
    if (write_full(fd, data, len, 0) < 0 || ftruncate(fd, (off_t)len) < 0 ||
        fsync_retry(fd) < 0 || fstat(fd, &st) < 0) {
        int saved = errno;
        /* Put the old content back, as well as we can. */
        if (write_full(fd, old, old_len, 0) == 0 && ftruncate(fd, (off_t)old_len) == 0)
            fsync_retry(fd);
        err_set(e, NULL, 0, 0, _("cannot write %s: %s"), target, strerror(saved));
        free(old);
        close(fd);
        return -1;
    }
    free(old);
    if (close_checked(fd) < 0) {
        err_set(e, NULL, 0, 0, _("cannot write %s: %s"), target, strerror(errno));
        return -1;
    }
    stamp_from(&res->st, &st);
    res->in_place = 1;
    return 0;
}

static int write_impl(const char *path, const char *data, size_t len, unsigned flags,
                      int private_file, struct fileio_result *res, struct err *e)
{
    struct fileio_result local;
    struct stat st;
    int exists, temp_failed, ret = -1;
    char *target, *dir;

    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    err_clear(e);

    target = private_file ? xstrdup(path) : resolve_links(path);
    if (!target) {
        err_set(e, NULL, 0, 0, _("cannot write %s: %s"), path, strerror(errno));
        return -1;
    }
    snprintf(res->target, sizeof res->target, "%s", target);
    dir = dir_of(target);

    exists = lstat(target, &st) == 0;
    if (!exists && errno != ENOENT) {
        err_set(e, NULL, 0, 0, _("cannot write %s: %s"), target, strerror(errno));
        goto out;
    }
    if (exists && (flags & FILEIO_NO_CLOBBER)) {
        err_set(e, NULL, 0, 0, _("cannot write %s: a file by that name already exists"),
                target);
        goto out;
    }
    if (exists && S_ISDIR(st.st_mode)) {
        err_set(e, NULL, 0, 0, _("cannot write %s: it is a folder, not a file"), target);
        goto out;
    }
    if (exists && !S_ISREG(st.st_mode) && !(private_file && S_ISLNK(st.st_mode))) {
        err_set(e, NULL, 0, 0, _("cannot write %s: it is not a regular file"), target);
        goto out;
    }

    if (exists && !private_file && st.st_nlink > 1) {
        ret = write_in_place(target, dir, &st, data, len, res, e);
        goto out;
    }
    mode_t mode = private_file ? 0600 : (0644 & ~current_umask());
    const struct stat *own = exists && !private_file ? &st : NULL;
    if (replace_by_rename(target, dir, data, len, own, mode, (flags & FILEIO_NO_CLOBBER) != 0,
                          &res->st, &temp_failed) < 0) {
        int saved = errno;
        if (temp_failed && exists && !private_file && (saved == EACCES || saved == EPERM) &&
            access(target, W_OK) == 0) {
            ret = write_in_place(target, dir, &st, data, len, res, e);
            goto out;
        }
        if (temp_failed)
            err_set(e, NULL, 0, 0, _("cannot write %s: cannot create a file in %s: %s"), target,
                    dir, strerror(saved));
        else if (saved == EEXIST)
            err_set(e, NULL, 0, 0, _("cannot write %s: a file by that name already exists"),
                    target);
        else
            err_set(e, NULL, 0, 0, _("cannot write %s: %s"), target, strerror(saved));
        goto out;
    }
    if (fsync_dir(dir) < 0) {
        err_set(e, NULL, 0, 0,
                _("%s was written, but its folder %s could not be flushed to disk: %s"), target,
                dir, strerror(errno));
        goto out;
    }
    ret = 0;
out:
    free(dir);
    free(target);
    return ret;
}

int fileio_write_atomic(const char *path, const char *data, size_t len, unsigned flags,
                        struct fileio_result *res, struct err *e)
{
    return write_impl(path, data, len, flags, 0, res, e);
}

int fileio_write_private(const char *path, const char *data, size_t len, struct err *e)
{
    return write_impl(path, data, len, 0, 1, NULL, e);
}

/* ---- locks -------------------------------------------------------------- */

static void holder_parse(int fd, struct fileio_lock_holder *h)
{
    char buf[512];
    ssize_t n;
    memset(h, 0, sizeof *h);
    do
        n = pread(fd, buf, sizeof buf - 1, 0);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return;
    buf[n] = '\0';
    if (sscanf(buf, "%63s %255s %ld %lld", h->user, h->host, &h->pid, &h->time) < 4) {
        /* keep what was read; the rest stays empty */
    }
}

static void holder_write(int fd)
{
    char host[256] = "";
    char line[512];
    const char *user = NULL;
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name)
        user = pw->pw_name;
    if (!user)
        user = getenv("USER");
    if (gethostname(host, sizeof host - 1) < 0 || !host[0])
        snprintf(host, sizeof host, "%s", "localhost");
    host[sizeof host - 1] = '\0';
    int n = user ? snprintf(line, sizeof line, "%s %s %ld %lld\n", user, host, (long)getpid(),
                            (long long)time(NULL))
                 : snprintf(line, sizeof line, "%ld %s %ld %lld\n", (long)geteuid(), host,
                            (long)getpid(), (long long)time(NULL));
    if (n < 0 || (size_t)n >= sizeof line)
        return;
    if (ftruncate(fd, 0) == 0 && write_full(fd, line, (size_t)n, 0) == 0) {
        /* the holder is named; durability does not matter here */
    }
}

int fileio_lock(const char *path, struct fileio_lock *lk, struct fileio_lock_holder *holder,
                struct err *e)
{
    err_clear(e);
    lk->fd = -1;
    lk->path = NULL;
    if (holder)
        memset(holder, 0, sizeof *holder);

    char *target = resolve_links(path);
    if (!target) {
        err_set(e, NULL, 0, 0, _("cannot lock %s: %s; editing without a lock"), path,
                strerror(errno));
        return -1;
    }
    char *dir = dir_of(target);
    char *lockpath = xasprintf("%s/.%s.lock", dir, base_of(target));
    free(dir);
    free(target);

    for (int tries = 0; tries < 20; tries++) {
        int writable = 1;
        int fd = open(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0644);
        if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
            int saved = errno;
            fd = open(lockpath, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
            writable = 0;
            if (fd < 0)
                errno = saved;
        }
        if (fd < 0) {
            err_set(e, NULL, 0, 0, _("cannot lock %s: cannot create %s: %s; editing without a lock"),
                    path, lockpath, strerror(errno));
            free(lockpath);
            return -1;
        }
        struct stat a, b;
        if (fstat(fd, &a) < 0 || !S_ISREG(a.st_mode)) {
            err_set(e, NULL, 0, 0, _("cannot lock %s: %s is not a regular file; editing without a lock"),
                    path, lockpath);
            close(fd);
            free(lockpath);
            return -1;
        }
        int r;
        do
            r = flock(fd, LOCK_EX | LOCK_NB);
        while (r < 0 && errno == EINTR);
        if (r < 0) {
            if (errno == EWOULDBLOCK) {
                if (holder)
                    holder_parse(fd, holder);
                close(fd);
                free(lockpath);
                return 1;
            }
            err_set(e, NULL, 0, 0, _("cannot lock %s: %s; editing without a lock"), path,
                    strerror(errno));
            close(fd);
            free(lockpath);
            return -1;
        }
        /* The holder may have removed the file between our open and flock:
         * then we hold a lock on a name nobody sees; start again. */
        if (stat(lockpath, &b) < 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
            close(fd);
            continue;
        }
        if (writable)
            holder_write(fd);
        lk->fd = fd;
        lk->path = lockpath;
        return 0;
    }
    err_set(e, NULL, 0, 0, _("cannot lock %s: %s keeps changing; editing without a lock"), path,
            lockpath);
    free(lockpath);
    return -1;
}

void fileio_unlock(struct fileio_lock *lk)
{
    if (lk->fd >= 0) {
        /* Remove while still holding, so nobody takes a lock on a name that
         * is about to vanish (fileio_lock checks the name after flock). */
        if (lk->path)
            unlink(lk->path);
        close(lk->fd);
    }
    free(lk->path);
    lk->fd = -1;
    lk->path = NULL;
}

/* ---- recovery files ----------------------------------------------------- */

static int mkdir_private(const char *p)
{
    struct stat st;
    if (mkdir(p, 0700) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    if (stat(p, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* mkdir -p with mode 0700 for every folder created. */
static int mkdir_p(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir_private(p) < 0) {
            int saved = errno;
            free(p);
            errno = saved;
            return -1;
        }
        *s = '/';
    }
    int r = mkdir_private(p);
    int saved = errno;
    free(p);
    errno = saved;
    return r;
}

int fileio_recovery_dir(char **out, struct err *e)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    char *base, *dir;
    struct stat st;
    err_clear(e);
    *out = NULL;
    if (xdg && xdg[0] == '/') {
        base = xstrdup(xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/') {
            struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : NULL;
        }
        if (!home || home[0] != '/') {
            err_set(e, NULL, 0, 0,
                    _("cannot keep recovery files: neither XDG_STATE_HOME nor HOME is set"));
            return -1;
        }
        base = xasprintf("%s/.local/state", home);
    }
    dir = xasprintf("%s/pacta/recover", base);
    free(base);
    if (mkdir_p(dir) < 0) {
        err_set(e, NULL, 0, 0, _("cannot create the recovery folder %s: %s"), dir,
                strerror(errno));
        free(dir);
        return -1;
    }
    /* Ours and private, whatever it was created with. */
    if (stat(dir, &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 077))
        chmod(dir, 0700);
    *out = dir;
    return 0;
}

static unsigned long long fnv1a(const char *s)
{
    unsigned long long h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* The absolute, link-resolved name of an agreement (which need not exist). */
static char *absolute_agreement(const char *path)
{
    char *target = resolve_links(path);
    if (!target)
        target = xstrdup(path);
    char *dir = dir_of(target);
    char *rdir = realpath(dir, NULL);
    char *abs;
    if (rdir) {
        abs = strcmp(rdir, "/") == 0 ? xasprintf("/%s", base_of(target))
                                     : xasprintf("%s/%s", rdir, base_of(target));
        free(rdir);
    } else if (target[0] == '/') {
        abs = xstrdup(target);
    } else {
        char *cwd = getcwd(NULL, 0);
        abs = xasprintf("%s/%s", cwd ? cwd : "", target);
        free(cwd);
    }
    free(dir);
    free(target);
    return abs;
}

static char *encode_name(const char *abs)
{
    size_t n = 0;
    for (const char *s = abs; *s; s++)
        n += (*s == '/' || *s == '%') ? 3 : 1;
    char *out = xmalloc(n + 1), *o = out;
    for (const char *s = abs; *s; s++) {
        if (*s == '/') {
            memcpy(o, "%2F", 3);
            o += 3;
        } else if (*s == '%') {
            memcpy(o, "%25", 3);
            o += 3;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

/* The agreement named by an encoded recovery file name, or NULL. */
static char *decode_name(const char *name)
{
    if (strncmp(name, "%2F", 3) != 0)
        return NULL;
    char *out = xmalloc(strlen(name) + 1), *o = out;
    for (const char *s = name; *s;) {
        if (strncmp(s, "%2F", 3) == 0) {
            *o++ = '/';
            s += 3;
        } else if (strncmp(s, "%25", 3) == 0) {
            *o++ = '%';
            s += 3;
        } else if (*s == '%') {
            free(out);
            return NULL;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

int fileio_recovery_path(const char *agreement_path, char **out, struct err *e)
{
    char *dir;
    *out = NULL;
    if (fileio_recovery_dir(&dir, e) < 0)
        return -1;
    if (!agreement_path) {
        long pid = (long)getpid();
        long long now = (long long)time(NULL);
        char *p = xasprintf("%s/new-%ld-%lld.sla.yaml", dir, pid, now);
        for (int i = 2; access(p, F_OK) == 0 && i < 1000; i++) {
            free(p);
            p = xasprintf("%s/new-%ld-%lld-%d.sla.yaml", dir, pid, now, i);
        }
        free(dir);
        *out = p;
        return 0;
    }
    char *abs = absolute_agreement(agreement_path);
    char *name = encode_name(abs);
    if (strlen(name) > 240) {
        /* Too long for a file name: a hash, and a readable tail. */
        const char *b = base_of(abs);
        size_t keep = strlen(b);
        if (keep > 100) {
            keep = 100;
            while (keep > 0 && ((unsigned char)b[keep] & 0xC0) == 0x80)
                keep--; /* never cut a UTF-8 character in half */
        }
        free(name);
        name = xasprintf("%%-%016llx-%.*s", fnv1a(abs), (int)keep, b);
    }
    *out = xasprintf("%s/%s", dir, name);
    free(name);
    free(abs);
    free(dir);
    return 0;
}

static int cmp_recovery(const void *a, const void *b)
{
    const struct fileio_recovery *x = a, *y = b;
    return (x->mtime_ns > y->mtime_ns) - (x->mtime_ns < y->mtime_ns);
}

/* Is the recovery file (mtime rec_ns) newer than the agreement? */
static int newer_than(long long rec_ns, const char *agreement)
{
    struct stat st;
    if (!agreement || stat(agreement, &st) < 0)
        return 1;
    return rec_ns > mtime_ns(&st);
}

int fileio_recovery_list(struct fileio_recovery **out, size_t *n, struct err *e)
{
    char *dir;
    struct fileio_recovery *list = NULL;
    size_t count = 0, cap = 0;
    *out = NULL;
    *n = 0;
    if (fileio_recovery_dir(&dir, e) < 0)
        return -1;
    DIR *d = opendir(dir);
    if (!d) {
        err_set(e, NULL, 0, 0, _("cannot read the recovery folder %s: %s"), dir,
                strerror(errno));
        free(dir);
        return -1;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (de->d_name[0] == '.')
            continue; /* ".", "..", and temporary files of a save under way */
        char *p = xasprintf("%s/%s", dir, de->d_name);
        if (lstat(p, &st) < 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        char *agreement = decode_name(de->d_name);
        if (!newer_than(mtime_ns(&st), agreement)) {
            free(agreement);
            free(p);
            continue;
        }
        list = xgrow(list, &cap, count + 1, sizeof *list);
        list[count].path = p;
        list[count].agreement = agreement;
        list[count].mtime_ns = mtime_ns(&st);
        count++;
    }
    closedir(d);
    free(dir);
    if (count > 1)
        qsort(list, count, sizeof *list, cmp_recovery);
    *out = list;
    *n = count;
    return 0;
}

void fileio_recovery_free(struct fileio_recovery *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].path);
        free(list[i].agreement);
    }
    free(list);
}

int fileio_recovery_find(const char *agreement_path, char **out, struct err *e)
{
    char *p;
    struct stat st;
    *out = NULL;
    if (fileio_recovery_path(agreement_path, &p, e) < 0)
        return -1;
    if (lstat(p, &st) < 0 || !S_ISREG(st.st_mode) || !newer_than(mtime_ns(&st), agreement_path)) {
        free(p);
        return 0;
    }
    *out = p;
    return 1;
}

int fileio_recovery_remove(const char *recovery_path, struct err *e)
{
    err_clear(e);
    if (unlink(recovery_path) < 0 && errno != ENOENT) {
        err_set(e, NULL, 0, 0, _("cannot remove the recovery file %s: %s"), recovery_path,
                strerror(errno));
        return -1;
    }
    return 0;
}
