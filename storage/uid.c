/* Stable record ids (issue 14 §3): every record of every kind has a `uid`,
 * made here when the record is first stored and never changed, so that an
 * exported row, an import and a merged copy can name the same record on
 * another computer. The text is a UUID of RFC 9562, version 7: the time in
 * milliseconds, then 74 bits from getrandom(). Time-ordered, because each
 * kind's table has a unique index on uid: new uids land at the end of that
 * index instead of on a random page (an import of 100 000 devices took 25%
 * more CPU with version 4's fully random uids, 6% more with version 7). */
#include "storage/internal.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static bool
random_bytes(unsigned char *b, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(b + got, n - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        got += (size_t)r;
    }
    return true;
}

bool
storage_uid_new(char out[FORMS_UID_LEN + 1], struct sk_error *err)
{
    unsigned char b[16];
    if (!random_bytes(b, sizeof b))
        return sk_fail(err, SK_EIO, _("Cannot read random numbers for a record id: %s."),
                       strerror(errno));
    /* version 7: 48 bits of Unix time in ms, then 74 random bits */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
    for (int i = 0; i < 6; i++)
        b[i] = (unsigned char)(ms >> (40 - 8 * i));
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x70);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* variant 10 */
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (size_t i = 0; i < sizeof b; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[b[i] >> 4];
        out[o++] = hex[b[i] & 15];
    }
    out[o] = '\0';
    return true;
}

/* skola_uid(): a new uid, for filling the rows of an older file in SQL. */
static void
sql_uid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    char uid[FORMS_UID_LEN + 1];
    if (!storage_uid_new(uid, NULL)) {
        sqlite3_result_error(ctx, "no random numbers for a record id", -1);
        return;
    }
    sqlite3_result_text(ctx, uid, FORMS_UID_LEN, SQLITE_TRANSIENT);
}

int
storage_uid_register(sqlite3 *sql)
{
    return sqlite3_create_function(sql, "skola_uid", 0, SQLITE_UTF8, NULL, sql_uid, NULL, NULL);
}

bool
storage_uids_fill(struct storage_db *db, const struct forms_kind *kind, struct sk_error *err)
{
    struct sk_buf sql = {0};
    sk_buf_addf(&sql, "UPDATE \"%s\" SET uid = skola_uid() WHERE uid = ''", kind->table);
    bool ok = storage_exec(db, sql.s, err);
    sk_buf_free(&sql);
    return ok;
}

/* Rows of kind's table without a uid (another program inserted them);
 * the partial index <table>_nouid finds them without a scan. */
static bool
count_missing(struct storage_db *db, const struct forms_kind *kind, int64_t *n,
              struct sk_error *err)
{
    struct sk_buf sql = {0};
    sk_buf_addf(&sql, "SELECT count(*) FROM \"%s\" WHERE uid = ''", kind->table);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql.s, -1, &st, NULL);
    sk_buf_free(&sql);
    *n = 0;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *n = sqlite3_column_int64(st, 0);
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

/* The GLOB pattern of a uid skola makes: 8-4-4-4-12 lowercase hex digits. */
static void
uid_glob(char out[FORMS_UID_LEN * 8 + 1])
{
    char *g = out;
    for (int i = 0; i < FORMS_UID_LEN; i++) {
        const char *part = i == 8 || i == 13 || i == 18 || i == 23 ? "-" : "[0-9a-f]";
        size_t n = strlen(part);
        memcpy(g, part, n);
        g += n;
    }
    *g = '\0';
}

/* Counts (fix false) or renews (fix true) the rows of kind whose uid is
 * not '' and not the form skola makes. */
static bool
bad_forms(struct storage_db *db, const struct forms_kind *kind, bool fix, int64_t *n,
          struct sk_error *err)
{
    char glob[FORMS_UID_LEN * 8 + 1];
    uid_glob(glob);
    struct sk_buf sql = {0};
    if (fix)
        sk_buf_addf(&sql, "UPDATE \"%s\" SET uid = skola_uid()", kind->table);
    else
        sk_buf_addf(&sql, "SELECT count(*) FROM \"%s\"", kind->table);
    sk_buf_adds(&sql, " WHERE uid <> '' AND NOT uid GLOB ?1");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql.s, -1, &st, NULL);
    sk_buf_free(&sql);
    *n = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, glob, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *n = sqlite3_column_int64(st, 0);
        else if (rc == SQLITE_DONE)
            *n = sqlite3_changes64(db->sql);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

bool
storage_uids_check_forms(struct storage_db *db, int64_t *bad, struct sk_error *err)
{
    for (size_t k = 0; k < forms_n_kinds; k++)
        if (!bad_forms(db, forms_kinds[k], false, &bad[k], err))
            return false;
    return true;
}

bool
storage_uids_check(struct storage_db *db, int64_t *missing, struct sk_error *err)
{
    for (size_t k = 0; k < forms_n_kinds; k++)
        if (!count_missing(db, forms_kinds[k], &missing[k], err))
            return false;
    return true;
}

bool
storage_uids_repair(struct storage_db *db, int64_t *n_fixed, struct sk_error *err)
{
    *n_fixed = 0;
    int64_t total = 0;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        int64_t n, bad;
        if (!count_missing(db, forms_kinds[k], &n, err) ||
            !bad_forms(db, forms_kinds[k], false, &bad, err))
            return false;
        total += n + bad;
    }
    /* nothing to give: no write transaction (it would wait for a writer) */
    if (total == 0)
        return true;
    if (!storage_begin(db, err))
        return false;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        if (!storage_uids_fill(db, forms_kinds[k], err)) {
            storage_rollback(db);
            return false;
        }
        *n_fixed += sqlite3_changes64(db->sql);
        /* a new uid for a wrong one changes the record's identity: only a
         * role that may write the kind (as the sort keys' repair) */
        int64_t bad = 0;
        if (!bad_forms(db, forms_kinds[k], false, &bad, err) ||
            (bad > 0 && (!storage_require(db, forms_kinds[k], SA_WRITE, err) ||
                         !bad_forms(db, forms_kinds[k], true, &bad, err)))) {
            storage_rollback(db);
            *n_fixed = 0;
            return false;
        }
        *n_fixed += bad;
    }
    if (!storage_commit(db, err)) {
        *n_fixed = 0;
        return false;
    }
    return true;
}

bool
storage_record_find_uid(struct storage_db *db, const struct forms_kind *kind, const char *uid,
                        int64_t *id, int64_t *school_id, struct sk_error *err)
{
    *id = 0;
    *school_id = 0;
    if (!uid || !uid[0])
        return true; /* '' names no record: rows without a uid share it */
    sqlite3_stmt *st = storage_kind_stmt(db, kind, KP_UID, 0, err);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *school_id = sqlite3_column_int64(st, 1);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}
