/* Files skola writes: one atomic writer and path comparison.
 *
 * sk_atomic writes NAME through ".NAME.tmp-XXXXXX" in the same folder:
 * write, fflush + fsync, rename over NAME, fsync of the folder. A reader
 * therefore sees the old file or the whole new one, never a part. The
 * writer holds an exclusive flock on its temporary file for as long as it
 * exists; a temporary file that nobody holds a lock on belongs to a writer
 * that is gone (killed, power cut), because the kernel drops a dead
 * process's locks. Each sk_atomic_open first removes such stale files of
 * the same target (and SQLite's -journal/-wal/-shm beside them) — only
 * names of exactly our pattern, only regular files of our own user. */
#include "forms/forms.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_TAG    ".tmp-"
#define TMP_RANDOM 6 /* the XXXXXX of mkstemp */

/* Splits path into an owned folder ("." when none) and a pointer to the name. */
static char *
split_path(const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *name = path;
        return sk_xstrdup(".");
    }
    *name = slash + 1;
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = sk_xmalloc(n + 1);
    memcpy(dir, path, n);
    dir[n] = '\0';
    return dir;
}

/* Whether entry is ".NAME.tmp-XXXXXX" followed by exactly `suffix`. */
static bool
is_tmp_of(const char *entry, const char *name, const char *suffix)
{
    size_t nl = strlen(name), tl = strlen(TMP_TAG);
    if (entry[0] != '.' || strncmp(entry + 1, name, nl) != 0 ||
        strncmp(entry + 1 + nl, TMP_TAG, tl) != 0)
        return false;
    const char *r = entry + 1 + nl + tl;
    for (int i = 0; i < TMP_RANDOM; i++)
        if (!r[i] || r[i] == '/' || r[i] == '-')
            return false;
    return strcmp(r + TMP_RANDOM, suffix) == 0;
}

/* Removes dir/entry when it is our own regular file and no process holds its lock. */
static bool
remove_if_unlocked(const char *dir, const char *entry)
{
    char *p = sk_xasprintf("%s/%s", dir, entry);
    bool removed = false;
    int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    struct stat st, again;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
        flock(fd, LOCK_EX | LOCK_NB) == 0 && lstat(p, &again) == 0 && again.st_ino == st.st_ino &&
        again.st_dev == st.st_dev)
        removed = unlink(p) == 0;
    if (fd >= 0)
        close(fd);
    free(p);
    return removed;
}

size_t
sk_atomic_clean(const char *path)
{
    const char *name;
    char *dir = split_path(path, &name);
    size_t removed = 0;
    static const char *const sqlite_files[] = {"-journal", "-wal", "-shm"};
    /* first the temporary files, then SQLite's files whose temporary file is gone */
    for (int pass = 0; pass < 2 && *name; pass++) {
        DIR *d = opendir(dir);
        if (!d)
            break;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (pass == 0) {
                if (is_tmp_of(e->d_name, name, ""))
                    removed += remove_if_unlocked(dir, e->d_name);
                continue;
            }
            for (size_t k = 0; k < SK_ARRAY_LEN(sqlite_files); k++) {
                if (!is_tmp_of(e->d_name, name, sqlite_files[k]))
                    continue;
                char *base = sk_xasprintf("%s/%s", dir, e->d_name);
                base[strlen(base) - strlen(sqlite_files[k])] = '\0';
                struct stat st;
                if (lstat(base, &st) != 0 && errno == ENOENT)
                    removed += remove_if_unlocked(dir, e->d_name);
                free(base);
            }
        }
        closedir(d);
    }
    free(dir);
    return removed;
}

static FILE *atomic_open_at(struct sk_atomic *a, const char *path, unsigned mode,
                            struct sk_error *err);

/* The file to write for path: path itself when nothing or a regular file
 * is there; for a symlink to a regular file, that file (the rename goes
 * into its folder and the link stays). A device, FIFO, socket or folder is
 * never replaced by a rename: NULL with err. Owned. */
static char *
atomic_target(const char *path, struct sk_error *err)
{
    struct stat ls, st;
    if (lstat(path, &ls) != 0)
        return sk_xstrdup(path); /* a new file (or a folder that is missing: said later) */
    bool is_link = S_ISLNK(ls.st_mode);
    if (is_link && stat(path, &st) != 0 && errno == ELOOP) {
        sk_fail(err, SK_EIO,
                _("“%s” is a loop of symbolic links that never reaches a file; nothing was "
                  "written. Give the name of a real file."),
                SK_QUOTE(path));
        return NULL;
    }
    if (is_link && stat(path, &st) != 0) {
        sk_fail(err, SK_EIO,
                _("“%s” is a symbolic link to a file that does not exist; nothing was written. "
                  "Give the name of a real file."),
                SK_QUOTE(path));
        return NULL;
    }
    if (!S_ISREG(is_link ? st.st_mode : ls.st_mode)) {
        sk_fail(err, SK_EIO,
                _("“%s” is not a regular file (a device, pipe, socket or folder); nothing was "
                  "written. Give the name of a file; for standard output, use “-” where the "
                  "command accepts it."),
                SK_QUOTE(path));
        return NULL;
    }
    if (!is_link)
        return sk_xstrdup(path);
    char *real = realpath(path, NULL);
    if (!real)
        sk_fail(err, SK_EIO, _("Cannot create “%s”: %s."), SK_QUOTE(path), strerror(errno));
    return real;
}

FILE *
sk_atomic_open(struct sk_atomic *a, const char *path, unsigned mode, struct sk_error *err)
{
    memset(a, 0, sizeof *a);
    a->fd = -1;
    char *target = atomic_target(path, err);
    if (!target)
        return NULL;
    FILE *f = atomic_open_at(a, target, mode, err);
    free(target);
    return f;
}

static FILE *
atomic_open_at(struct sk_atomic *a, const char *path, unsigned mode, struct sk_error *err)
{
    const char *name;
    char *dir = split_path(path, &name);
    if (!*name) {
        free(dir);
        sk_fail(err, SK_EIO, _("Cannot create “%s”: %s."), path, strerror(EISDIR));
        return NULL;
    }
    sk_atomic_clean(path);
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 8; tries++) {
        free(a->tmp);
        a->tmp = sk_xasprintf("%s/.%s" TMP_TAG "XXXXXX", dir, name);
        fd = mkstemp(a->tmp);
        if (fd < 0)
            break;
        /* Locked before anything is written; a cleaner that saw the file in
         * the instant before may have removed it: then make another. */
        struct stat st, named;
        if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0 || lstat(a->tmp, &named) != 0 ||
            st.st_ino != named.st_ino || st.st_dev != named.st_dev) {
            close(fd);
            fd = -1;
            errno = EEXIST;
        }
    }
    free(dir);
    int dup_fd = fd >= 0 ? dup(fd) : -1;
    if (fd < 0 || dup_fd < 0 || fchmod(fd, (mode_t)mode) != 0 ||
        (a->f = fdopen(dup_fd, "wb")) == NULL) {
        int e = errno;
        sk_fail(err, SK_EIO, _("Cannot create “%s”: %s."), path, strerror(e));
        if (dup_fd >= 0)
            close(dup_fd);
        if (fd >= 0) {
            unlink(a->tmp);
            close(fd);
        }
        free(a->tmp);
        a->tmp = NULL;
        return NULL;
    }
    a->fd = fd;
    a->path = sk_xstrdup(path);
    return a->f;
}

/* fsync of the folder that holds path, so that the rename itself is durable. */
static bool
sync_folder(const char *path)
{
    const char *name;
    char *dir = split_path(path, &name);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return false;
    /* some file systems cannot sync a folder (EINVAL): nothing more to do there */
    bool ok = fsync(fd) == 0 || errno == EINVAL;
    close(fd);
    return ok;
}

bool
sk_atomic_commit(struct sk_atomic *a, struct sk_error *err)
{
    if (!a->tmp)
        return sk_fail(err, SK_EIO, "%s", _("Cannot write the file."));
    bool ok = true;
    int e = 0;
    if (a->f && fflush(a->f) != 0)
        e = errno ? errno : EIO;
    if (!e && fsync(a->fd) != 0)
        e = errno ? errno : EIO;
    if (a->f && fclose(a->f) != 0 && !e)
        e = errno ? errno : EIO;
    a->f = NULL;
    if (!e && rename(a->tmp, a->path) != 0)
        e = errno ? errno : EIO;
    if (!e && !sync_folder(a->path))
        e = errno ? errno : EIO;
    if (e)
        ok = sk_fail(err, SK_EIO, _("Cannot write “%s”: %s."), a->path, strerror(e));
    if (!ok)
        unlink(a->tmp);
    close(a->fd); /* after the rename: the lock guards the temporary name until it is gone */
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
    a->fd = -1;
    return ok;
}

void
sk_atomic_abort(struct sk_atomic *a)
{
    if (a->f)
        fclose(a->f);
    a->f = NULL;
    if (a->tmp)
        unlink(a->tmp);
    if (a->fd >= 0)
        close(a->fd);
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
    a->fd = -1;
}

bool
sk_write_file_atomic(const char *path, const char *data, size_t n, unsigned mode,
                     struct sk_error *err)
{
    struct sk_atomic a;
    FILE *f = sk_atomic_open(&a, path, mode, err);
    if (!f)
        return false;
    if (n && fwrite(data, 1, n, f) != n) {
        int e = errno ? errno : EIO;
        sk_atomic_abort(&a);
        return sk_fail(err, SK_EIO, _("Cannot write “%s”: %s."), path, strerror(e));
    }
    return sk_atomic_commit(&a, err);
}

char *
sk_path_canonical(const char *path)
{
    if (!path || !*path)
        return NULL;
    char *r = realpath(path, NULL);
    if (r)
        return r;
    /* not there (yet): the real folder and the name written into it */
    const char *name;
    char *dir = split_path(path, &name);
    char *rd =
        *name && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!rd)
        return NULL;
    char *out = sk_xasprintf("%s/%s", strcmp(rd, "/") == 0 ? "" : rd, name);
    free(rd);
    return out;
}

bool
sk_path_same(const char *a, const char *b)
{
    struct stat sa, sb;
    bool ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
    if (ea && eb)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea || eb)
        return false;
    char *ca = sk_path_canonical(a), *cb = sk_path_canonical(b);
    bool same = ca && cb && strcmp(ca, cb) == 0;
    free(ca);
    free(cb);
    return same;
}

bool
sk_path_within(const char *a, const char *b)
{
    char *ca = sk_path_canonical(a), *cb = sk_path_canonical(b);
    bool in = false;
    if (ca && cb) {
        size_t n = strlen(cb);
        in = strcmp(ca, cb) == 0 ||
             (strncmp(ca, cb, n) == 0 && (ca[n] == '/' || (n == 1 && cb[0] == '/')));
    }
    free(ca);
    free(cb);
    return in || sk_path_same(a, b);
}
