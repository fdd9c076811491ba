/* fileio.h - safe file I/O: never lose a word.
 *
 * Reading with limits (no FIFO ever blocks, no folder is read as a file),
 * atomic saves (temporary file + fsync + rename + folder fsync), an in-place
 * fallback with a FILE~ backup where rename cannot be used, a lock file
 * beside an agreement being edited, and private recovery files under
 * $XDG_STATE_HOME/pacta/recover/.
 *
 * Nothing here prints.  Every failure fills a struct err whose msg names the
 * file and exactly what failed ("cannot write /x/a.sla.yaml: No space left
 * on device"); e->file is left empty because the message already names it. */
#ifndef PACTA_FILEIO_H
#define PACTA_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "src/err.h"

/* The default --max-size: agreements are small; 16 MiB is generous. */
#define FILEIO_MAX_SIZE_DEFAULT (16u * 1024u * 1024u)

/* What a file looked like when it was read or written: compared before a
 * save to notice that someone else changed it on disk. */
struct fileio_stat {
    int valid;             /* 0: nothing recorded (new file) */
    dev_t dev;
    ino_t ino;
    off_t size;
    long long mtime_ns;    /* st_mtim in nanoseconds */
};

/* Read the whole regular file at path (symlinks followed) into a new
 * NUL-terminated buffer (*len excludes the NUL; free with free()).
 * Refuses folders, FIFOs, devices and sockets, and files larger than
 * max_size bytes.  A FIFO never blocks.  st_out may be NULL.
 * Returns 0, or -1 with e filled. */
int fileio_read(const char *path, size_t max_size, char **buf, size_t *len,
                struct fileio_stat *st_out, struct err *e);

/* Fill st with the current stamp of path; st->valid = 0 when it does not
 * exist.  Returns 0, -1 on another error (errno set). */
int fileio_stamp(const char *path, struct fileio_stat *st);

/* 1 when the file at path was changed (or deleted, or created) since st was
 * recorded, 0 when it is the same.  A st with valid = 0 means "did not
 * exist": then 1 when the file now exists. */
int fileio_changed_since(const char *path, const struct fileio_stat *st);

enum {
    FILEIO_NO_CLOBBER = 1 << 0,  /* refuse to replace an existing file */
};

struct fileio_result {
    int in_place;          /* 1: rename could not be used; overwritten in place */
    int backup_made;       /* with in_place: a copy of the old file is in backup */
    char backup[4096];     /* "FILE~" (the resolved target's), when backup_made */
    char target[4096];     /* the file actually written (symlinks resolved) */
    struct fileio_stat st; /* the stamp of the file as written */
};

/* Replace (or create) the file at path with data[0..len) so that at every
 * moment the file is either the complete old or the complete new version.
 * See the top of fileio.c for the steps.  res may be NULL.
 * Returns 0, or -1 with e filled and the old file untouched. */
/* write() all of p[0..n) to fd, again after EINTR and short writes;
 * 0, or -1 with errno set (EIO for a write of nothing). */
int fileio_write_all(int fd, const char *p, size_t n);

int fileio_write_atomic(const char *path, const char *data, size_t len, unsigned flags,
                        struct fileio_result *res, struct err *e);

/* Like fileio_write_atomic, but the file gets mode 0600 whatever it had and
 * is never written in place: for recovery files. */
int fileio_write_private(const char *path, const char *data, size_t len, struct err *e);

/* A lock on an agreement being edited: the file ".NAME.lock" beside it
 * (symlinks resolved), held with flock() while the editor has it open. */
struct fileio_lock {
    int fd;                /* -1 when not held */
    char *path;            /* the lock file */
};

struct fileio_lock_holder {
    char user[64];
    char host[256];
    long pid;
    long long time;        /* seconds since the epoch when it was taken */
};

/* Take the lock for the agreement at path (which need not exist yet).
 * Returns 0 when taken (a lock file left by a dead process is stale and is
 * taken over), 1 when another live process holds it (holder filled from the
 * lock file; fields empty/0 where unknown), -1 when no lock can be made (for
 * instance a read-only folder: editing may go on without one; e says why).
 * holder may be NULL. */
int fileio_lock(const char *path, struct fileio_lock *lk, struct fileio_lock_holder *holder,
                struct err *e);
/* Remove the lock file and release the lock; harmless when not held. */
void fileio_unlock(struct fileio_lock *lk);

/* The folder for recovery files: $XDG_STATE_HOME/pacta/recover (default
 * ~/.local/state/pacta/recover), created with mode 0700 when missing.
 * Returns 0 with *out a new string, or -1 with e filled. */
int fileio_recovery_dir(char **out, struct err *e);

/* The recovery file for the agreement at agreement_path: its absolute path
 * with '%' written "%25" and '/' written "%2F" (so it can be read back), or,
 * when that is too long for a file name, "%-HASH-NAME" with a hash of the
 * path.  For a never-saved agreement (NULL): "new-PID-TIME.sla.yaml".
 * Creates the folder.  Returns 0 with *out a new string, or -1. */
int fileio_recovery_path(const char *agreement_path, char **out, struct err *e);

struct fileio_recovery {
    char *path;            /* the recovery file */
    char *agreement;       /* the agreement it belongs to; NULL for a new one
                            * or when the name does not say (hashed name) */
    long long mtime_ns;    /* of the recovery file */
};

/* The recovery files that are newer than their agreement (or whose
 * agreement does not exist, or is new), oldest first.  An empty or missing
 * folder gives *n = 0.  Returns 0, or -1 with e filled. */
int fileio_recovery_list(struct fileio_recovery **out, size_t *n, struct err *e);
void fileio_recovery_free(struct fileio_recovery *list, size_t n);

/* The recovery file for agreement_path when there is one newer than the
 * agreement: 1 with *out a new string, 0 when there is none, -1 on error. */
int fileio_recovery_find(const char *agreement_path, char **out, struct err *e);

/* Remove the recovery file (after a successful save).  0, or -1 with e
 * filled; a missing file is not an error. */
int fileio_recovery_remove(const char *recovery_path, struct err *e);

#endif
