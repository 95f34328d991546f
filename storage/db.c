/* Opening and closing the database file: creation with safe modes, pragmas,
 * the application id and schema version checks, transactions, error
 * mapping, integrity checks and backup. */
#include "storage/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

/* ----------------------------------------------------------------- errors */

/* The owner of `path`, for messages ("ask …"); "?" when unknown. */
static const char *
owner_of(const char *path)
{
    struct stat sb;
    struct passwd *pw = stat(path, &sb) == 0 ? getpwuid(sb.st_uid) : NULL;
    return pw && pw->pw_name ? pw->pw_name : "?";
}

/* Whether `path` belongs to the user (then only its mode stands in the way). */
static bool
is_own(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && sb.st_uid == geteuid();
}

/* The folder of `path` (owned). */
static char *
folder_of(const char *path)
{
    char *dir = sk_xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash) {
        free(dir);
        return sk_xstrdup(".");
    }
    slash[slash == dir] = '\0';
    return dir;
}

/* Whether the user may read `path`; else err names the problem. SQLite
 * would only say "unable to open database file". */
static bool
readable(const char *path, struct sk_error *err)
{
    if (access(path, R_OK) == 0)
        return true;
    if (errno == EACCES && is_own(path))
        return sk_fail(err, SK_EIO,
                       _("No permission to read %s: the file is yours, but its permissions "
                         "forbid reading; allow it with “chmod u+rw”."),
                       path);
    if (errno == EACCES)
        return sk_fail(err, SK_EIO,
                       _("No permission to read %s: ask its owner (%s) for read access, or for "
                         "a copy of the file."),
                       path, owner_of(path));
    return sk_fail(err, SK_EIO, _("Cannot read %s: %s"), path, strerror(errno));
}

/* Whether the user may write `path` and create its journal beside it; else
 * err names the problem. */
static bool
writable(const char *path, struct sk_error *err)
{
    char *dir = folder_of(path);
    const char *what = path;
    int e = 0;
    if (access(path, W_OK) != 0)
        e = errno;
    else if (access(dir, W_OK | X_OK) != 0) {
        e = errno;
        what = dir;
    }
    bool ok = e == 0;
    if (e == EROFS)
        sk_fail(err, SK_EIO,
                _("%s is on a read-only disk: nothing can be saved there; copy the file to a "
                  "writable disk to change it."),
                path);
    else if (e == EACCES && what == path && is_own(path))
        sk_fail(err, SK_EIO,
                _("No permission to write %s: the file is yours, but its permissions forbid "
                  "writing; allow it with “chmod u+w”, or copy the file and use the copy "
                  "(--db)."),
                path);
    else if (e == EACCES && what == path)
        sk_fail(err, SK_EIO,
                _("No permission to write %s: ask its owner (%s) for write access, or copy "
                  "the file and use the copy (--db)."),
                path, owner_of(path));
    else if (e == EACCES)
        sk_fail(err, SK_EIO,
                _("No permission to write in the folder %s (the database needs its journal "
                  "there): ask its owner (%s) for write access, or copy the file and use the "
                  "copy (--db)."),
                dir, owner_of(dir));
    else if (e != 0)
        sk_fail(err, SK_EIO, _("Cannot write %s: %s"), what, strerror(e));
    free(dir);
    return ok;
}

/* ------------------------------------------------------------ damage mark */

/* The damage marker lives beside the file, never inside it: a damaged file
 * must not be written to, and may be unreadable where the mark would go.
 * It sits beside the real file (symlinks resolved), so that another name
 * of the file does not get past it, and records the file's device and
 * inode ("file: DEV:INO"), by which a hard link in the same folder is
 * found too (a hard link in another folder is not: README says so). */
static char *
marker_path(const char *path)
{
    char *real = sk_path_canonical(path);
    char *m = sk_xasprintf("%s.damaged", real ? real : path);
    free(real);
    return m;
}

/* "file: DEV:INO" of path, or "" when it cannot be read. */
static void
file_id(const char *path, char *out, size_t cap)
{
    struct stat sb;
    if (stat(path, &sb) == 0)
        snprintf(out, cap, "file: %llu:%llu", (unsigned long long)sb.st_dev,
                 (unsigned long long)sb.st_ino);
    else if (cap)
        out[0] = '\0';
}

/* Whether the marker m holds the line id. */
static bool
marker_names(const char *m, const char *id)
{
    FILE *f = fopen(m, "r");
    if (!f)
        return false;
    char line[512];
    bool hit = false;
    while (!hit && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        hit = strcmp(line, id) == 0;
    }
    fclose(f);
    return hit;
}

/* Whether a "*.damaged" marker in dir names the file id (its path in
 * *found when found is not NULL, owned); with `remove`, every such marker
 * is removed. */
static bool
folder_has_marker_of(const char *dir, const char *id, bool remove, char **found)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool hit = false;
    struct dirent *e;
    static const char tail[] = ".damaged";
    while (!hit && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= sizeof tail - 1 || strcmp(e->d_name + n - (sizeof tail - 1), tail) != 0)
            continue;
        char *m = sk_xasprintf("%s/%s", dir, e->d_name);
        bool names = marker_names(m, id);
        if (names && remove)
            unlink(m);
        hit = names && !remove;
        if (hit && found)
            *found = m;
        else
            free(m);
    }
    closedir(d);
    return hit;
}

/* The damage marker of the file at path that exists (owned), or NULL. */
static char *
marker_found(const char *path)
{
    char *m = marker_path(path);
    if (access(m, F_OK) == 0)
        return m;
    free(m);
    char *beside = sk_xasprintf("%s.damaged", path);
    if (access(beside, F_OK) == 0)
        return beside;
    free(beside);
    char *found = NULL;
    struct stat sb;
    if (stat(path, &sb) == 0 && sb.st_nlink > 1) {
        /* a hard link: look for a marker of the same inode beside either name */
        char id[64];
        file_id(path, id, sizeof id);
        char *real = sk_path_canonical(path);
        char *d1 = folder_of(real ? real : path), *d2 = folder_of(path);
        if (id[0] && !folder_has_marker_of(d1, id, false, &found) && strcmp(d1, d2) != 0)
            folder_has_marker_of(d2, id, false, &found);
        free(d1);
        free(d2);
        free(real);
    }
    return found;
}

bool
storage_marked_damaged(const char *path)
{
    char *m = marker_found(path);
    free(m);
    return m != NULL;
}

void
storage_mark_damaged(struct storage_db *db, const char *why)
{
    db->found_damage = true;
    if (!db->path)
        return;
    char *m = marker_path(db->path);
    char id[64];
    file_id(db->path, id, sizeof id);
    /* best effort: on a read-only folder there is no mark (and no write) */
    int fd = open(m, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    storage_file_share_like(fd, db->path); /* every member must see the mark */
    if (fd >= 0) {
        char *text = sk_xasprintf("skola found %s damaged: %s\n"
                                  "Writes are refused; `skola backup FILE` rescues what can "
                                  "be read; a clean `skola check` removes this file.\n%s\n",
                                  db->path, why ? why : "?", id);
        ssize_t n = write(fd, text, strlen(text));
        (void)n;
        fsync(fd);
        close(fd);
        free(text);
    }
    free(m);
}

static void
clear_damaged(struct storage_db *db)
{
    if (!db->path)
        return;
    char *m = marker_path(db->path);
    unlink(m);
    free(m);
    m = sk_xasprintf("%s.damaged", db->path); /* one made before marks followed links */
    unlink(m);
    free(m);
    struct stat sb;
    char id[64];
    if (stat(db->path, &sb) == 0 && sb.st_nlink > 1) {
        /* the mark of another name (hard link) of this same file */
        file_id(db->path, id, sizeof id);
        char *real = sk_path_canonical(db->path);
        char *dir = folder_of(real ? real : db->path);
        if (id[0])
            folder_has_marker_of(dir, id, true, NULL);
        free(dir);
        free(real);
    }
}

bool
storage_found_damage(const struct storage_db *db)
{
    return db && db->found_damage;
}

bool
storage_fail_db(struct storage_db *db, int rc, struct sk_error *err)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return sk_fail(err, SK_EDB, "%s",
                       _("The database is busy (another skola is saving); try again."));
    case SQLITE_NOTADB:
        return sk_fail(err, SK_EDB, "%s", _("The file is not a skola database."));
    case SQLITE_CORRUPT:
        storage_mark_damaged(db, sqlite3_errmsg(db->sql));
        return sk_fail(err, SK_EDB, _("The database file is damaged: %s"), sqlite3_errmsg(db->sql));
    case SQLITE_FULL:
        return sk_fail(err, SK_EIO, "%s", _("The disk is full; nothing was saved."));
    case SQLITE_READONLY:
        if (db->path && !db->is_readonly && !writable(db->path, err))
            return false; /* names the permission problem */
        return sk_fail(err, SK_EDB, "%s",
                       _("The database is open read-only (or the file is not writable)."));
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: {
        /* a write that failed for want of room is a full disk, say so */
        int e = sqlite3_system_errno(db->sql);
        if (e == ENOSPC || e == EFBIG || e == EDQUOT)
            return sk_fail(err, SK_EIO, "%s", _("The disk is full; nothing was saved."));
    }
        return sk_fail(err, SK_EIO, _("Cannot read or write the database file: %s"),
                       sqlite3_errmsg(db->sql));
    default:
        return sk_fail(err, SK_EDB, _("Database error: %s"), sqlite3_errmsg(db->sql));
    }
}

bool
storage_exec(struct storage_db *db, const char *sql, struct sk_error *err)
{
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return storage_fail_db(db, rc, err);
    return true;
}

int
storage_kind_index(const struct forms_kind *kind, struct sk_error *err)
{
    for (size_t i = 0; i < forms_n_kinds; i++)
        if (forms_kinds[i] == kind)
            return (int)i;
    sk_fail(err, SK_EINVAL, _("Unknown record kind “%s”."), kind && kind->key ? kind->key : "?");
    return -1;
}

/* ----------------------------------------------------------- transactions */

/* UTC now as YYYY-MM-DDTHH:MM:SSZ; $SKOLA_NOW overrides it (tests). Made
 * once a second at most: an import stamps thousands of rows. */
static void
set_now(struct storage_db *db)
{
    const char *fixed = getenv("SKOLA_NOW");
    if (fixed && *fixed) {
        snprintf(db->now, sizeof db->now, "%s", fixed);
        db->now_second = 0;
        return;
    }
    time_t t = time(NULL);
    if ((int64_t)t == db->now_second)
        return;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(db->now, sizeof db->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    db->now_second = (int64_t)t;
}

void
storage_set_now(struct storage_db *db)
{
    set_now(db);
}

/* How often BEGIN IMMEDIATE is tried again after waiting busy_timeout in
 * vain: eight processes importing at once queue up for the write lock, and
 * a long import must not make the others fail. Then the user gets the clear
 * "busy" message. */
#define STORAGE_BUSY_RETRIES 4

/* The file's PRAGMA schema_version (bumped by every schema change, by any
 * program), or -1. */
static int64_t
schema_version_of(struct storage_db *db)
{
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA schema_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Inside a fresh write transaction (the lock held, so nothing can change
 * until it ends): a trigger another program added since the last check
 * would run with this write. One PRAGMA when the schema is unchanged. */
static bool
schema_still_ours(struct storage_db *db, struct sk_error *err)
{
    if (!db->schema_checked)
        return true;
    int64_t v = schema_version_of(db);
    if (v == db->schema_checked)
        return true;
    if (!storage_schema_foreign_triggers(db, err))
        return false;
    db->schema_checked = v > 0 ? v : -1;
    return true;
}

static bool run_fixed(struct storage_db *db, enum storage_stmt_id id, struct sk_error *err);

/* BEGIN IMMEDIATE, then the trigger check; refused: rolled back. */
static bool
begin_write(struct storage_db *db, struct sk_error *err)
{
    if (!run_fixed(db, STMT_BEGIN, err))
        return false;
    if (schema_still_ours(db, err))
        return true;
    run_fixed(db, STMT_ROLLBACK, NULL);
    return false;
}

/* Runs one of the transaction statements. */
static bool
run_fixed(struct storage_db *db, enum storage_stmt_id id, struct sk_error *err)
{
    if (id == STMT_BEGIN && db->found_damage && db->path)
        return sk_fail(err, SK_EDB,
                       _("%s is damaged; nothing more is written into it: run “skola backup "
                         "FILE” to rescue what can still be read and work on the rescued copy."),
                       db->path);
    sqlite3_stmt *st = storage_stmt(db, id, err);
    if (!st)
        return false;
    int rc, tries = 0;
    do {
        rc = sqlite3_step(st);
        sqlite3_reset(st);
    } while ((rc & 0xff) == SQLITE_BUSY && id == STMT_BEGIN && tries++ < STORAGE_BUSY_RETRIES);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

bool
storage_op_begin(struct storage_db *db, bool *own, struct sk_error *err)
{
    set_now(db);
    *own = sqlite3_get_autocommit(db->sql) != 0;
    if (!*own && db->is_bulk)
        return true; /* bulk mode: the caller rolls everything back on error */
    return *own ? begin_write(db, err) : run_fixed(db, STMT_SAVEPOINT, err);
}

bool
storage_op_end(struct storage_db *db, bool own, bool ok, struct sk_error *err)
{
    if (!own && db->is_bulk)
        return ok;
    if (ok) {
        if (run_fixed(db, own ? STMT_COMMIT : STMT_RELEASE, err))
            return true;
    }
    /* Errors like SQLITE_FULL may have rolled back already; ignore that. */
    if (own) {
        if (!sqlite3_get_autocommit(db->sql))
            run_fixed(db, STMT_ROLLBACK, NULL);
    } else if (!sqlite3_get_autocommit(db->sql)) {
        run_fixed(db, STMT_ROLLBACK_TO, NULL);
        run_fixed(db, STMT_RELEASE, NULL);
    }
    return false;
}

bool
storage_begin(struct storage_db *db, struct sk_error *err)
{
    set_now(db);
    return begin_write(db, err);
}

bool
storage_commit(struct storage_db *db, struct sk_error *err)
{
    if (run_fixed(db, STMT_COMMIT, err))
        return true;
    storage_rollback(db);
    return false;
}

void
storage_rollback(struct storage_db *db)
{
    if (db && !sqlite3_get_autocommit(db->sql))
        run_fixed(db, STMT_ROLLBACK, NULL);
    storage_bulk_reset(db); /* the rollback restored any dropped index */
}

bool
storage_in_transaction(const struct storage_db *db)
{
    return !sqlite3_get_autocommit(db->sql);
}

/* ------------------------------------------------------------------- open */

/* Creates every missing folder above `path` with mode 0700. */
static bool
make_parent(const char *path, struct sk_error *err)
{
    char *dir = sk_xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
        free(dir);
        return true;
    }
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        bool at_end = *p == '\0';
        if (*p != '/' && !at_end)
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) == 0) {
            chmod(dir, 0700); /* whatever the umask */
        } else if (errno != EEXIST) {
            sk_fail(err, SK_EIO, _("Cannot create the folder %s: %s"), dir, strerror(errno));
            free(dir);
            return false;
        }
        if (at_end)
            break;
        *p = '/';
    }
    free(dir);
    return true;
}

/* Creates the file with mode 0600 before SQLite opens it. */
static bool
create_file(const char *path, struct sk_error *err)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return true;
        return sk_fail(err, SK_EIO, _("Cannot create the database %s: %s"), path, strerror(errno));
    }
    fchmod(fd, 0600);
    close(fd);
    return true;
}

static int
collate_lv(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    return forms_collate(a, (size_t)na, b, (size_t)nb);
}

/* Runs a one-value pragma/query and returns its integer. */
static bool
query_int(struct storage_db *db, const char *sql, int64_t *out, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return storage_fail_db(db, rc, err);
    return true;
}

static void
find_os_user(struct storage_db *db)
{
    const char *name = NULL;
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name && *pw->pw_name)
        name = pw->pw_name;
    if (!name) {
        name = getenv("USER");
        if (!name || !*name)
            name = "?";
    }
    snprintf(db->os_user, sizeof db->os_user, "%s", name);
}

static bool
quick_check(struct storage_db *db, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "PRAGMA quick_check", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return storage_fail_db(db, rc, err);
    }
    const char *line = (const char *)sqlite3_column_text(st, 0);
    bool ok = line && strcmp(line, "ok") == 0;
    if (!ok) {
        sk_fail(err, SK_EDB, _("The database file is damaged: %s"), line ? line : "?");
        storage_mark_damaged(db, line);
    }
    sqlite3_finalize(st);
    return ok;
}

/* quick_check reads the whole file (4-6 ms per MiB, measured by bench/run):
 * at start-up it runs only on files up to this size (a school's own file
 * for years), so that the first screen (< 50 ms) and every batch command
 * stay fast on a municipality's merged file of a million rows (1 GiB: 4 s).
 * Larger files are checked by `skola check`; SQLite still reports a
 * damaged page whenever it reads one. */
#define QUICK_CHECK_MAX_BYTES (4 * 1024 * 1024)

static bool
is_check_cheap(const char *path, bool is_memory)
{
    struct stat sb;
    return is_memory || stat(path, &sb) != 0 || sb.st_size <= QUICK_CHECK_MAX_BYTES;
}

/* Checks the id and version of an opened file. *must_migrate is set when
 * the schema is older than this program's. */
static bool
check_ids(struct storage_db *db, const char *path, unsigned flags, int target, bool *must_migrate,
          struct sk_error *err)
{
    int64_t app_id = 0, version = 0, n_objects = 0;
    if (!query_int(db, "PRAGMA application_id", &app_id, err)) {
        if ((sqlite3_extended_errcode(db->sql) & 0xff) == SQLITE_NOTADB)
            return sk_fail(err, SK_EDB, _("%s is not a skola database (not an SQLite file)."),
                           path);
        return false;
    }
    if (!query_int(db, "PRAGMA user_version", &version, err) ||
        !query_int(db, "SELECT count(*) FROM sqlite_schema", &n_objects, err))
        return false;
    if (app_id != STORAGE_APPLICATION_ID && (app_id != 0 || n_objects > 0 || version != 0))
        return sk_fail(err, SK_EDB, _("%s is not a skola database."), path);
    if (version > storage_schema_version)
        return sk_fail(err, SK_EDB,
                       _("This database was created by a newer skola (schema %d); this program "
                         "knows up to %d; please update skola."),
                       (int)version, storage_schema_version);
    *must_migrate = version < target;
    /* the descriptors changed (a kind, a field, a choice) since the file was
     * last brought up to them */
    bool in_sync = true;
    if (!*must_migrate && version >= 1 && version == storage_schema_version &&
        !storage_kinds_fingerprint_matches(db, &in_sync, err))
        return false;
    *must_migrate = *must_migrate || !in_sync;
    if (*must_migrate && (flags & SO_READONLY))
        return sk_fail(err, SK_EDB,
                       _("%s must be upgraded to schema %d; open it once without read-only."), path,
                       storage_schema_version);
    return true;
}

/* "file:" URI of `path` that opens it immutable (no locks, no -shm, no
 * -wal): for a file in a folder the user may not write, or on a full or
 * read-only disk, where SQLite cannot make the -shm a WAL reader needs. */
static char *
immutable_uri(const char *path)
{
    struct sk_buf b = {0};
    sk_buf_adds(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            sk_buf_add(&b, (const char *)p, 1);
        else
            sk_buf_addf(&b, "%%%02X", *p);
    }
    sk_buf_adds(&b, "?immutable=1");
    return b.s;
}

/* Whether a -wal file with content lies beside `path` (immutable would
 * ignore the changes in it). */
static bool
has_wal(const char *path)
{
    char *wal = sk_xasprintf("%s-wal", path);
    struct stat sb;
    bool has = stat(wal, &sb) == 0 && sb.st_size > 0;
    free(wal);
    return has;
}

/* "file:" URI of `path` with `query` (say "mode=ro", or none): for ATTACH, which
 * reads URIs since every connection is opened with SQLITE_OPEN_URI. */
char *
storage_file_uri(const char *path, const char *query)
{
    char *uri = immutable_uri(path);
    char *q = strrchr(uri, '?');
    struct sk_buf b = {0};
    sk_buf_add(&b, uri, (size_t)(q - uri));
    if (query)
        sk_buf_addf(&b, "?%s", query);
    free(uri);
    return b.s;
}

bool
storage_has_wal(const char *path)
{
    return has_wal(path);
}

/* Opens the connection; read-only handles that cannot set up WAL's shared
 * memory (read-only folder or mount, full disk) are opened again
 * immutable, when no -wal holds changes. */
static bool
open_connection(struct storage_db *db, const char *path, unsigned flags, int target,
                bool *must_migrate, struct sk_error *err)
{
    bool is_ro = (flags & SO_READONLY) != 0;
    /* NOMUTEX: a handle is used by one thread only (storage.h), and SQLite's
     * per-call mutex cost 10 % of an export (bench/run). */
    int oflags = SQLITE_OPEN_NOMUTEX |
                 (is_ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (path)
        storage_share_umask(path);
    for (int attempt = 0; attempt < 2; attempt++) {
        char *uri = attempt && path ? immutable_uri(path) : NULL;
        /* SQLITE_OPEN_URI lets a merge ATTACH its copy read-only
         * (storage_file_uri); a path that reads as a URI is made one */
        if (!uri && path && strncmp(path, "file:", 5) == 0)
            uri = storage_file_uri(path, NULL);
        int rc = sqlite3_open_v2(uri ? uri : path, &db->sql, oflags | SQLITE_OPEN_URI, NULL);
        free(uri);
        if (rc != SQLITE_OK) {
            sk_fail(err, SK_EIO, _("Cannot open the database %s: %s"), path,
                    db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc));
            return false;
        }
        sqlite3_extended_result_codes(db->sql, 1);
        /* $SKOLA_BUSY_TIMEOUT (ms) shortens the wait for the tests */
        const char *busy = getenv("SKOLA_BUSY_TIMEOUT");
        long busy_ms = busy && *busy ? strtol(busy, NULL, 10) : 0;
        sqlite3_busy_timeout(db->sql, busy_ms > 0 && busy_ms < 600000 ? (int)busy_ms : 5000);
        rc = sqlite3_create_collation_v2(db->sql, "lv", SQLITE_UTF8, NULL, collate_lv, NULL);
        if (rc == SQLITE_OK)
            rc = storage_uid_register(db->sql);
        if (rc != SQLITE_OK)
            return storage_fail_db(db, rc, err);
        /* temp_store: the per-operation savepoints inside an import keep their
         * small statement journals in memory instead of a file in /var/tmp. */
        if (storage_exec(db, "PRAGMA foreign_keys = ON", err) &&
            storage_exec(db, "PRAGMA temp_store = MEMORY", err) &&
            check_ids(db, path, flags, target, must_migrate, err))
            return true;
        int code = sqlite3_extended_errcode(db->sql) & 0xff;
        bool may_retry = is_ro && attempt == 0 && db->path && code != SQLITE_NOTADB &&
                         code != SQLITE_CORRUPT && code != SQLITE_BUSY && code != SQLITE_OK;
        if (may_retry && has_wal(path)) {
            char *dir = folder_of(path);
            sk_fail(err, SK_EIO,
                    _("%s cannot be read: its latest changes are in %s-wal, which needs write "
                      "access to the folder %s (or a disk that is not full). Ask its owner "
                      "(%s) to open skola once, or copy the file together with its -wal file."),
                    path, path, dir, owner_of(path));
            free(dir);
            return false;
        }
        if (!may_retry)
            return false;
        sqlite3_close_v2(db->sql);
        db->sql = NULL;
        sk_error_clear(err);
    }
    return false;
}

/* storage_open's own flag: a writable connection that refuses writes
 * (PRAGMA query_only), for SO_READ on a file the user may write, so that
 * closing it still tidies up the -wal and -shm as a writer does. */
enum { SO_QUERY_ONLY = 1u << 8 };

struct storage_db *
storage_open_at(const char *path, unsigned flags, int target, struct sk_error *err)
{
    bool is_memory = strcmp(path, ":memory:") == 0;
    bool is_ro = (flags & SO_READONLY) != 0;
    bool is_new = false;
    if (!is_memory && !storage_db_path_check(path, err))
        return NULL;
    if (!is_memory) {
        if ((flags & SO_CREATE) && !is_ro) {
            is_new = !storage_exists(path);
            if (!make_parent(path, err) || !create_file(path, err))
                return NULL;
        } else if (!storage_exists(path)) {
            sk_fail(err, SK_EIO, _("There is no database at %s."), path);
            return NULL;
        }
        if (!readable(path, err) || (!is_ro && !writable(path, err)))
            return NULL;
    }
    struct storage_db *db = sk_xcalloc(1, sizeof *db);
    bool is_query_only = (flags & SO_QUERY_ONLY) != 0;
    db->is_readonly = is_ro || is_query_only;
    db->path = is_memory ? NULL : sk_xstrdup(path);
    if (is_new)
        clear_damaged(db); /* a stale mark of an earlier file of that name */
    char *mark = !is_memory && !is_ro && !is_query_only ? marker_found(path) : NULL;
    if (mark) {
        mark[strlen(mark) - strlen(".damaged")] = '\0'; /* every mark ends so */
        sk_fail(err, SK_EDB,
                _("%s is damaged (found by an earlier check; see %s.damaged), so nothing is "
                  "written into it: run “skola backup FILE” to rescue what can still be read "
                  "and work on the rescued copy. If the file was replaced by a good copy, "
                  "“skola check” clears the mark."),
                path, mark);
        free(mark);
        storage_close(db);
        return NULL;
    }
    find_os_user(db);
    db->ident.login = db->os_user;
    bool must_migrate = false;
    bool ok = open_connection(db, path, flags, target, &must_migrate, err);
    /* A trigger someone added would run with skola's writes: such a file
     * is not written (a reading handle only skips the forget clean-up). */
    bool triggers_ok = true;
    if (ok && !is_memory && !is_ro) {
        struct sk_error trg = {0};
        triggers_ok = storage_schema_foreign_triggers(db, &trg);
        if (triggers_ok && !is_query_only) {
            int64_t v = schema_version_of(db);
            db->schema_checked = v > 0 ? v : -1; /* a new file: check at the first write */
        }
        if (!triggers_ok && !is_query_only) {
            ok = false;
            if (err)
                *err = trg;
        }
    }
    if (ok && !is_memory && !is_ro) {
        if (storage_fs_network_name(path))
            ok = storage_exec(db, "PRAGMA journal_mode = DELETE", err);
        else
            /* FULL: a commit is on the disk (the WAL synced) before skola
             * says "saved"; NORMAL could lose it to a power cut. The cost
             * is in README's Performance section. */
            ok = storage_exec(db, "PRAGMA journal_mode = WAL", err) &&
                 storage_exec(db, "PRAGMA synchronous = FULL", err);
    }
    ok = ok && (!must_migrate || storage_migrate_to(db, target, err));
    /* the sheet's tick fields: one per criterion of the file's templates */
    ok = ok && (target < storage_schema_version || storage_obs_register_criteria(db, err));
    ok = ok && ((flags & SO_NO_CHECK) || !is_check_cheap(path, is_memory) || quick_check(db, err));
    /* who is working: a login not registered in a shared file stops here */
    ok = ok && storage_identity_resolve(db, err);
    /* a shared file lives on the host's own disk (WAL's shared memory);
     * read-only opens still work, for a rescue */
    ok = ok && (is_memory || is_ro || !storage_identity(db)->shared ||
                storage_fs_shared_check(path, err));
    /* a forget-person that others kept from finishing is finished by the
     * next start that may write the file, reading commands included */
    if (ok && !is_ro && !is_memory && triggers_ok)
        storage_forget_finish(db);
    /* rows another program inserted without a uid get theirs before any
     * export, merge or import can meet them; best effort (a busy file, a
     * role that may not write): such rows are handled where met; not for
     * `check` (SO_NO_CHECK), which names them and repairs a sound file */
    if (ok && !is_ro && !is_query_only && triggers_ok && !(flags & SO_NO_CHECK) &&
        target == storage_schema_version) {
        struct sk_error quiet = {0};
        int64_t n_fixed;
        (void)storage_uids_repair(db, &n_fixed, &quiet);
    }
    ok = ok && (!is_query_only || storage_exec(db, "PRAGMA query_only = ON", err));
    if (!ok) {
        storage_close(db);
        return NULL;
    }
    return db;
}

struct storage_db *
storage_open(const char *path, unsigned flags, struct sk_error *err)
{
    if (!(flags & SO_READ))
        return storage_open_at(path, flags, storage_schema_version, err);
    flags &= ~(unsigned)(SO_READ | SO_CREATE);
    struct sk_error quiet = {0};
    if (!(flags & SO_READONLY) && storage_exists(path) && writable(path, &quiet)) {
        /* an older file is upgraded on the way */
        struct storage_db *db =
            storage_open_at(path, flags | SO_QUERY_ONLY, storage_schema_version, &quiet);
        if (db)
            return db;
        if (quiet.code != SK_EIO) {
            if (err)
                *err = quiet;
            return NULL;
        } /* else a full disk, say: read-only may still work */
    }
    return storage_open_at(path, flags | SO_READONLY, storage_schema_version, err);
}

void
storage_close(struct storage_db *db)
{
    if (!db)
        return;
    storage_bulk_reset(db);
    storage_obs_stash_free(db);
    storage_obs_tpls_free(db);
    storage_stmt_finalize_all(db);
    if (db->sql)
        sqlite3_close_v2(db->sql);
    sk_buf_free(&db->sql_buf);
    sk_buf_free(&db->text_buf);
    sk_buf_free(&db->fold_buf);
    free(db->ident_staff_name);
    free(db->path);
    free(db);
}

char *
storage_default_path(void)
{
    const char *env = getenv("SKOLA_DB");
    if (env && *env)
        return sk_xstrdup(env);
    env = getenv("XDG_DATA_HOME");
    if (env && env[0] == '/')
        return sk_xasprintf("%s/skola/skola.db", env);
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(geteuid());
        home = pw && pw->pw_dir ? pw->pw_dir : "/";
    }
    return sk_xasprintf("%s/.local/share/skola/skola.db", home);
}

/* What else --db may not name: SQLite would fail on a device, FIFO or
 * socket with "disk I/O error" (after creating a -journal beside it), on a
 * symlink loop with "no database", and make a folder of "newdir/". */
static bool
db_path_kind_check(const char *path, struct sk_error *err)
{
    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (S_ISREG(sb.st_mode))
            return true;
        return sk_fail(err, SK_EUSAGE,
                       _("%s is not a regular file (a device, pipe or socket); a database is an "
                         "ordinary file: give another name."),
                       SK_QUOTE(path));
    }
    if (errno == ELOOP)
        return sk_fail(err, SK_EUSAGE,
                       _("%s is a loop of symbolic links that never reaches a file; give the "
                         "name of a real file."),
                       SK_QUOTE(path));
    if (path[strlen(path) - 1] == '/')
        return sk_fail(err, SK_EUSAGE,
                       _("%s ends with “/”, so it names a folder, not a database file; give the "
                         "file's name, e.g. %sskola.db."),
                       SK_QUOTE(path), SK_QUOTE(path));
    return true;
}

bool
storage_db_path_check(const char *path, struct sk_error *err)
{
    if (!path || !*path)
        return sk_fail(err, SK_EUSAGE, "%s",
                       _("The database file name is empty; give a file name with --db FILE."));
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return sk_fail(err, SK_EUSAGE,
                       _("%s is a folder, not a database file; give the file's name, e.g. "
                         "%s/skola.db."),
                       SK_QUOTE(path), SK_QUOTE(strcmp(path, "/") == 0 ? "" : path));
    return db_path_kind_check(path, err);
}

bool
storage_exists(const char *path)
{
    struct stat sb;
    return path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* ----------------------------------------------------------- maintenance */

/* The state behind the progress handler of a check. */
struct check_progress {
    struct storage_db *db;
    void (*fn)(void *ctx, int percent);
    void *ctx;
    int64_t pages; /* of the file */
};

/* SQLite's progress handler: the pages read so far (cache misses) against
 * the file's pages estimate how far the integrity check is. It reads every
 * page once walking the trees (one VM step: no progress calls during it),
 * then again matching every row with its index entries: about 4 reads a
 * page in all on a file much bigger than the cache (measured at 190 MB). */
static int
on_check_progress(void *arg)
{
    struct check_progress *p = arg;
    int cur = 0, hi = 0;
    sqlite3_db_status(p->db->sql, SQLITE_DBSTATUS_CACHE_MISS, &cur, &hi, 0);
    int64_t pct = p->pages > 0 ? (int64_t)cur * 25 / p->pages : 0;
    p->fn(p->ctx, pct > 99 ? 99 : (int)pct);
    return 0;
}

bool
storage_check(struct storage_db *db, void (*report)(void *ctx, const char *line), void *ctx,
              struct sk_error *err)
{
    return storage_check_progress(db, report, NULL, ctx, err);
}

bool
storage_check_progress(struct storage_db *db, void (*report)(void *ctx, const char *line),
                       void (*progress)(void *ctx, int percent), void *ctx, struct sk_error *err)
{
    size_t n_problems = 0;
    sqlite3_stmt *st = NULL;
    struct check_progress prog = {.db = db, .fn = progress, .ctx = ctx};
    if (progress) {
        if (!query_int(db, "PRAGMA page_count", &prog.pages, err))
            return false;
        int cur = 0, hi = 0;
        sqlite3_db_status(db->sql, SQLITE_DBSTATUS_CACHE_MISS, &cur, &hi, 1); /* reset */
        sqlite3_progress_handler(db->sql, 100000, on_check_progress, &prog);
    }
    /* always the full integrity_check, whatever the size: the quick check
     * at open skips big files, so this is where their damage is found */
    int rc = sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check", -1, &st, NULL);
    char first[256] = "";
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (line && strcmp(line, "ok") != 0) {
            if (n_problems++ == 0)
                snprintf(first, sizeof first, "%s", line);
            if (report)
                report(ctx, line);
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    sqlite3_progress_handler(db->sql, 0, NULL, NULL);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    if (n_problems > 0)
        storage_mark_damaged(db, first);
    else
        clear_damaged(db);
    if (!storage_schema_compare(db, report, ctx, &n_problems, err))
        return false;

    rc = sqlite3_prepare_v2(db->sql, "PRAGMA foreign_key_check", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char line[256];
        snprintf(line, sizeof line, _("%s row %lld refers to a missing row of %s"),
                 (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
                 (const char *)sqlite3_column_text(st, 2));
        n_problems++;
        if (report)
            report(ctx, line);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    if (n_problems > 0)
        return sk_fail(err, SK_EDB,
                       dngettext(SK_DOMAIN, "The database check found %zu problem.",
                                 "The database check found %zu problems.", n_problems),
                       n_problems);
    return true;
}

/* Rows of table `name` on connection sql, or -1 when they cannot be counted. */
static int64_t
count_rows(sqlite3 *sql, const char *name)
{
    struct sk_buf q = {0};
    sk_buf_adds(&q, "SELECT count(*) FROM ");
    storage_sql_add_ident(&q, name);
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(sql, q.s, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sk_buf_free(&q);
    return n;
}

/* Checks the copy at `tmp` just written from db (inside db's read
 * transaction, so both hold the same rows): integrity_check of the copy,
 * and every table has as many rows as in db. A damaged copy means a damaged
 * source (the backup API copies pages as they are): marked, SK_EDB. */
static bool
verify_copy(struct storage_db *db, const char *tmp, const char *path, struct sk_error *err)
{
    sqlite3 *copy = NULL;
    bool ok = false;
    char why[256] = "";
    /* immutable: the new file is ours alone, and a reader of a WAL file
     * would leave a -wal and -shm beside it */
    char *uri = immutable_uri(tmp);
    int rc = sqlite3_open_v2(uri, &copy, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        sk_fail(err, SK_EIO, _("Cannot read the new backup %s: %s"), path, sqlite3_errmsg(copy));
        sqlite3_close(copy);
        return false;
    }
    sqlite3_create_collation_v2(copy, "lv", SQLITE_UTF8, NULL, collate_lv, NULL);
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        ok = line && strcmp(line, "ok") == 0;
        if (!ok)
            snprintf(why, sizeof why, "%s", line ? line : "?");
    } else {
        snprintf(why, sizeof why, "%s", sqlite3_errmsg(copy));
    }
    sqlite3_finalize(st);
    if (ok && sqlite3_prepare_v2(copy,
                                 "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                 " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                                 -1, &st, NULL) == SQLITE_OK) {
        while (ok && sqlite3_step(st) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            int64_t n_db = count_rows(db->sql, name), n_copy = count_rows(copy, name);
            if (n_db < 0 || n_db != n_copy) {
                ok = false;
                snprintf(why, sizeof why, "%s: %lld / %lld", name, (long long)n_db,
                         (long long)n_copy);
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(copy);
    if (!ok) {
        storage_mark_damaged(db, why);
        sk_fail(err, SK_EDB,
                _("The copy in %s was damaged like the database itself; it was not kept."), path);
    }
    return ok;
}

bool
storage_backup(struct storage_db *db, const char *path, struct sk_error *err)
{
    struct sk_atomic tmp;
    if (!storage_output_allowed(storage_db_path(db), path, err) ||
        !sk_atomic_open(&tmp, path, 0600, err))
        return false;
    storage_file_share_like(tmp.fd, db->path); /* a shared file's backup: the group's */
    /* one read transaction over the copy and its verification: the row
     * counts compare the same snapshot */
    bool own_read = sqlite3_get_autocommit(db->sql) != 0 &&
                    sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    if (own_read)
        sqlite3_exec(db->sql, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    sqlite3 *dst = NULL;
    bool ok = false;
    int rc = sqlite3_open_v2(tmp.tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->sql, "main");
        if (b) {
            do {
                rc = sqlite3_backup_step(b, -1);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(50);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            rc = sqlite3_backup_finish(b);
        } else {
            rc = sqlite3_errcode(dst);
        }
    }
    if (rc == SQLITE_OK)
        ok = true;
    else if ((rc & 0xff) == SQLITE_CORRUPT)
        storage_fail_db(db, rc, err); /* marks it damaged */
    else
        sk_fail(err, SK_EIO, _("The backup to %s failed: %s"), path,
                dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
    if (sqlite3_close(dst) != SQLITE_OK && ok)
        ok = sk_fail(err, SK_EIO, _("The backup to %s failed: %s"), path, sqlite3_errmsg(dst));
    ok = ok && verify_copy(db, tmp.tmp, path, err);
    /* after the verification, which compares the copy's tables with ours */
    set_now(db);
    ok = ok && storage_merge_mark_copy(tmp.tmp, db->now, err);
    if (own_read)
        sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    if (!ok)
        sk_atomic_abort(&tmp);
    return ok && sk_atomic_commit(&tmp, err);
}
