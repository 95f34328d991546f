/* What storage knows about files around the open database: whether an
 * output path would overwrite the database or one of SQLite's files beside
 * it, and read transactions that give several reads one snapshot. */
#include "storage/internal.h"

#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
storage_db_path(struct storage_db *db)
{
    const char *p = db ? sqlite3_db_filename(db->sql, "main") : NULL;
    return p && *p ? p : NULL;
}

bool
storage_path_is_database_file(const char *db_path, const char *path)
{
    if (!db_path || !*db_path || !path || !*path)
        return false;
    /* SQLite keeps its -wal, -shm and -journal beside the real file, and
     * skola its damage mark */
    char *real = sk_path_canonical(db_path);
    const char *base = real ? real : db_path;
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal", ".damaged"};
    bool hit = sk_path_same(db_path, path);
    if (!hit) {
        /* a mark made beside the name given, before marks followed links */
        char *p = sk_xasprintf("%s.damaged", db_path);
        hit = sk_path_same(p, path);
        free(p);
    }
    for (size_t i = 0; !hit && i < SK_ARRAY_LEN(suffixes); i++) {
        char *p = sk_xasprintf("%s%s", base, suffixes[i]);
        hit = sk_path_same(p, path);
        free(p);
    }
    free(real);
    /* "X.damaged" where X is another name (a hard link) of the database */
    static const char tail[] = ".damaged";
    size_t n = strlen(path);
    if (!hit && n > sizeof tail - 1 && strcmp(path + n - (sizeof tail - 1), tail) == 0) {
        char *stem = sk_xasprintf("%.*s", (int)(n - (sizeof tail - 1)), path);
        struct stat a, b;
        hit = stat(stem, &a) == 0 && stat(db_path, &b) == 0 && a.st_dev == b.st_dev &&
              a.st_ino == b.st_ino;
        free(stem);
    }
    return hit;
}

/* Whether the file at path is a damage mark skola wrote (its first line is
 * "skola found FILE damaged: WHY"), whatever its name. */
static bool
path_is_damage_mark(const char *path)
{
    /* never blocks on a FIFO or a device: only a regular file is read */
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char line[512];
    ssize_t n = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? read(fd, line, sizeof line - 1) : -1;
    close(fd);
    if (n <= 0)
        return false;
    line[n] = '\0';
    line[strcspn(line, "\n")] = '\0';
    return strncmp(line, "skola found ", 12) == 0 && strstr(line, " damaged: ") != NULL;
}

bool
storage_path_is_database(struct storage_db *db, const char *path)
{
    return storage_path_is_database_file(storage_db_path(db), path);
}

bool
storage_output_allowed(const char *db_path, const char *path, struct sk_error *err)
{
    if (path && *path && path_is_damage_mark(path))
        return sk_fail(err, SK_EUSAGE,
                       _("“%s” is a damage mark of skola (it tells that a database file is "
                         "damaged); nothing was written. Choose another name for the output."),
                       path);
    if (!storage_path_is_database_file(db_path, path))
        return true;
    return sk_fail(err, SK_EUSAGE,
                   _("“%s” is the database skola works with (or one of its files); nothing was "
                     "written. Choose another name for the output."),
                   path);
}

bool
storage_read_begin(struct storage_db *db, bool *own, struct sk_error *err)
{
    *own = sqlite3_get_autocommit(db->sql) != 0;
    if (!*own)
        return true; /* already inside a transaction: its snapshot holds */
    /* In WAL mode the snapshot is taken at the first read, not at BEGIN. */
    if (!storage_exec(db, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema", err)) {
        if (!sqlite3_get_autocommit(db->sql))
            storage_exec(db, "ROLLBACK", NULL);
        return false;
    }
    return true;
}

void
storage_read_end(struct storage_db *db, bool own)
{
    if (own && !sqlite3_get_autocommit(db->sql))
        if (!storage_exec(db, "COMMIT", NULL))
            storage_exec(db, "ROLLBACK", NULL);
}
