/* What storage knows about files around the open database: whether an
 * output path would overwrite the database or one of SQLite's files beside
 * it, and read transactions that give several reads one snapshot. */
#include "storage/internal.h"

#include <stdlib.h>
#include <string.h>

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
    return hit;
}

bool
storage_path_is_database(struct storage_db *db, const char *path)
{
    return storage_path_is_database_file(storage_db_path(db), path);
}

bool
storage_output_allowed(const char *db_path, const char *path, struct sk_error *err)
{
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
