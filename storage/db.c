/* Opening and closing the database file: creation with safe modes, pragmas,
 * the application id and schema version checks, transactions, error
 * mapping, integrity checks and backup. */
#include "storage/internal.h"

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
        return sk_fail(err, SK_EDB, _("The database file is damaged: %s"), sqlite3_errmsg(db->sql));
    case SQLITE_FULL:
        return sk_fail(err, SK_EIO, "%s", _("The disk is full; nothing was saved."));
    case SQLITE_READONLY:
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

/* How often BEGIN IMMEDIATE is tried again after waiting busy_timeout in
 * vain: eight processes importing at once queue up for the write lock, and
 * a long import must not make the others fail. Then the user gets the clear
 * "busy" message. */
#define STORAGE_BUSY_RETRIES 4

/* Runs one of the transaction statements. */
static bool
run_fixed(struct storage_db *db, enum storage_stmt_id id, struct sk_error *err)
{
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
    return run_fixed(db, *own ? STMT_BEGIN : STMT_SAVEPOINT, err);
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
    return run_fixed(db, STMT_BEGIN, err);
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

/* Whether `path` lies on a network or FUSE file system, where WAL's shared
 * memory does not work. */
static bool
on_network_fs(const char *path)
{
#ifdef __linux__
    struct statfs sfs;
    if (statfs(path, &sfs) != 0)
        return false;
    switch ((uint32_t)sfs.f_type) {
    case 0x6969u:     /* NFS */
    case 0x517Bu:     /* SMB */
    case 0xFF534D42u: /* CIFS */
    case 0xFE534D42u: /* SMB2 */
    case 0x65735546u: /* FUSE */
    case 0x5346414Fu: /* AFS */
    case 0x00C36400u: /* Ceph */
    case 0x01021997u: /* 9p */
        return true;
    default:
        return false;
    }
#else
    (void)path;
    return false;
#endif
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
    if (!ok)
        sk_fail(err, SK_EDB, _("The database file is damaged: %s"), line ? line : "?");
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
check_ids(struct storage_db *db, const char *path, unsigned flags, bool *must_migrate,
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
    *must_migrate = version < storage_schema_version;
    if (*must_migrate && (flags & SO_READONLY))
        return sk_fail(err, SK_EDB,
                       _("%s must be upgraded to schema %d; open it once without read-only."), path,
                       storage_schema_version);
    return true;
}

struct storage_db *
storage_open(const char *path, unsigned flags, struct sk_error *err)
{
    bool is_memory = strcmp(path, ":memory:") == 0;
    bool is_ro = (flags & SO_READONLY) != 0;
    if (!is_memory) {
        if ((flags & SO_CREATE) && !is_ro) {
            if (!make_parent(path, err) || !create_file(path, err))
                return NULL;
        } else if (!storage_exists(path)) {
            sk_fail(err, SK_EIO, _("There is no database at %s."), path);
            return NULL;
        }
    }
    struct storage_db *db = sk_xcalloc(1, sizeof *db);
    db->is_readonly = is_ro;
    /* NOMUTEX: a handle is used by one thread only (storage.h), and SQLite's
     * per-call mutex cost 10 % of an export (bench/run). */
    int oflags = SQLITE_OPEN_NOMUTEX |
                 (is_ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path, &db->sql, oflags, NULL);
    if (rc != SQLITE_OK) {
        sk_fail(err, SK_EIO, _("Cannot open the database %s: %s"), path,
                db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc));
        storage_close(db);
        return NULL;
    }
    sqlite3_extended_result_codes(db->sql, 1);
    /* $SKOLA_BUSY_TIMEOUT (ms) shortens the wait for the tests */
    const char *busy = getenv("SKOLA_BUSY_TIMEOUT");
    long busy_ms = busy && *busy ? strtol(busy, NULL, 10) : 0;
    sqlite3_busy_timeout(db->sql, busy_ms > 0 && busy_ms < 600000 ? (int)busy_ms : 5000);
    rc = sqlite3_create_collation_v2(db->sql, "lv", SQLITE_UTF8, NULL, collate_lv, NULL);
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        storage_close(db);
        return NULL;
    }
    find_os_user(db);
    bool must_migrate = false;
    /* temp_store: the per-operation savepoints inside an import keep their
     * small statement journals in memory instead of a file in /var/tmp. */
    bool ok = storage_exec(db, "PRAGMA foreign_keys = ON", err) &&
              storage_exec(db, "PRAGMA temp_store = MEMORY", err) &&
              check_ids(db, path, flags, &must_migrate, err);
    if (ok && !is_memory && !is_ro) {
        if (on_network_fs(path))
            ok = storage_exec(db, "PRAGMA journal_mode = DELETE", err);
        else
            /* FULL: a commit is on the disk (the WAL synced) before skola
             * says "saved"; NORMAL could lose it to a power cut. The cost
             * is in README's Performance section. */
            ok = storage_exec(db, "PRAGMA journal_mode = WAL", err) &&
                 storage_exec(db, "PRAGMA synchronous = FULL", err);
    }
    ok = ok && (!must_migrate || storage_migrate(db, err));
    ok = ok && ((flags & SO_NO_CHECK) || !is_check_cheap(path, is_memory) || quick_check(db, err));
    if (!ok) {
        storage_close(db);
        return NULL;
    }
    return db;
}

void
storage_close(struct storage_db *db)
{
    if (!db)
        return;
    storage_bulk_reset(db);
    storage_obs_stash_free(db);
    storage_stmt_finalize_all(db);
    if (db->sql)
        sqlite3_close_v2(db->sql);
    sk_buf_free(&db->sql_buf);
    sk_buf_free(&db->text_buf);
    sk_buf_free(&db->fold_buf);
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

bool
storage_exists(const char *path)
{
    struct stat sb;
    return path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* ----------------------------------------------------------- maintenance */

bool
storage_check(struct storage_db *db, void (*report)(void *ctx, const char *line), void *ctx,
              struct sk_error *err)
{
    size_t n_problems = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (line && strcmp(line, "ok") != 0) {
            n_problems++;
            if (report)
                report(ctx, line);
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);

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

char *
storage_tmp_create(const char *path, struct sk_error *err)
{
    char *tmp = sk_xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        sk_fail(err, SK_EIO, _("Cannot create %s: %s"), tmp, strerror(errno));
        free(tmp);
        return NULL;
    }
    fchmod(fd, 0600);
    close(fd);
    return tmp;
}

bool
storage_tmp_finish(bool ok, char *tmp, const char *path, struct sk_error *err)
{
    if (ok) {
        int fd = open(tmp, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
        if (rename(tmp, path) != 0)
            ok = sk_fail(err, SK_EIO, _("Cannot write %s: %s"), path, strerror(errno));
    }
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok;
}

bool
storage_backup(struct storage_db *db, const char *path, struct sk_error *err)
{
    char *tmp = storage_tmp_create(path, err);
    if (!tmp)
        return false;
    sqlite3 *dst = NULL;
    bool ok = false;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
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
    else
        sk_fail(err, SK_EIO, _("The backup to %s failed: %s"), path,
                dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
    if (sqlite3_close(dst) != SQLITE_OK && ok)
        ok = sk_fail(err, SK_EIO, _("The backup to %s failed: %s"), path, sqlite3_errmsg(dst));
    return storage_tmp_finish(ok, tmp, path, err);
}
