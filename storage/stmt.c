/* The statement cache: fixed statements by enum, generated ones by
 * (kind, purpose, variant). Everything is prepared once with
 * SQLITE_PREPARE_PERSISTENT and finalized only in storage_close(). */
#include "storage/internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static const char *const fixed_sql[] = {
    [STMT_SCHOOL_INSERT] = "INSERT INTO school(code, name, municipality, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?4)",
    [STMT_SCHOOL_LIST] = "SELECT id, code, name, municipality FROM school ORDER BY code",
    [STMT_SCHOOL_BY_CODE] =
        "SELECT id, code, name, municipality FROM school WHERE code = ?1 COLLATE NOCASE "
        "ORDER BY code = ?1 DESC, id",
    [STMT_SCHOOL_BY_ID] = "SELECT id, code, name, municipality FROM school WHERE id = ?1",
    [STMT_SCHOOL_FIRST2] = "SELECT id, code, name, municipality FROM school ORDER BY id LIMIT 2",
    [STMT_AUDIT_INSERT] = "INSERT INTO audit(at, os_user, school_id, kind, record_id, action,"
                          " field, old_value, new_value)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [STMT_AUDIT_ALL] = "SELECT id, at, os_user, kind, record_id, action, field, old_value,"
                       " new_value FROM audit ORDER BY id",
    [STMT_AUDIT_KIND] = "SELECT id, at, os_user, kind, record_id, action, field, old_value,"
                        " new_value FROM audit WHERE kind = ?1 ORDER BY id",
    [STMT_AUDIT_RECORD] = "SELECT id, at, os_user, kind, record_id, action, field, old_value,"
                          " new_value FROM audit WHERE kind = ?1 AND record_id = ?2 ORDER BY id",
    [STMT_BEGIN] = "BEGIN IMMEDIATE",
    [STMT_COMMIT] = "COMMIT",
    [STMT_ROLLBACK] = "ROLLBACK",
    [STMT_SAVEPOINT] = "SAVEPOINT skola_op",
    [STMT_RELEASE] = "RELEASE skola_op",
    [STMT_ROLLBACK_TO] = "ROLLBACK TO skola_op",
    [STMT_SETTING_GET] = "SELECT value FROM setting WHERE school_id = ?1 AND key = ?2",
    [STMT_SETTING_SET] = "INSERT INTO setting(school_id, key, value, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(school_id, key)"
                         " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    [STMT_STAFF_PD_HOURS] = "SELECT ifnull(sum(hours), 0) FROM training"
                            " WHERE staff = ?2 AND school_id = ?1 AND date >= ?3 AND date <= ?4",
};
_Static_assert(SK_ARRAY_LEN(fixed_sql) == STMT_N, "one SQL text per fixed statement");

static const char *const space_names[] = {
    [SSP_AGGREGATE] = "aggregate",
    [SSP_OBS_TEMPLATE] = "obs_template",
    [SSP_OBSERVATION] = "observation",
    [SSP_OBS_TICKS] = "obs_ticks",
    [SSP_OBS_PRINT] = "obs_print",
};
_Static_assert(SK_ARRAY_LEN(space_names) == SSP_N, "one name per statement space");
_Static_assert(STORAGE_STMT_NAMED_BASE + SSP_N <= 256, "spaces fit the key's top 8 bits");

const char *
storage_stmt_space_name(enum storage_stmt_space space)
{
    return (unsigned)space < SSP_N ? space_names[space] : "?";
}

uint32_t
storage_stmt_space_key(enum storage_stmt_space space, unsigned which)
{
    assert((unsigned)space < SSP_N && which < (1u << 24));
    return (uint32_t)(STORAGE_STMT_NAMED_BASE + space) << 24 | (which & 0xffffffu);
}

uint32_t
storage_stmt_key(size_t kind_index, enum storage_purpose purpose, unsigned variant)
{
    /* kinds stay below the named spaces (a registry of 199 kinds) */
    assert(kind_index + 1 < STORAGE_STMT_NAMED_BASE);
    return (uint32_t)(kind_index + 1) << 24 | (uint32_t)purpose << 16 | (variant & 0xffffu);
}

static sqlite3_stmt *
prepare(struct storage_db *db, const char *sql, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        return NULL;
    }
    return st;
}

sqlite3_stmt *
storage_stmt(struct storage_db *db, enum storage_stmt_id id, struct sk_error *err)
{
    if (!db->fixed[id])
        db->fixed[id] = prepare(db, fixed_sql[id], err);
    return db->fixed[id];
}

static size_t
slot_hash(uint32_t key)
{
    uint32_t h = key * 2654435761u;
    return (size_t)(h ^ (h >> 15));
}

sqlite3_stmt *
storage_stmt_find(struct storage_db *db, uint32_t key)
{
    if (db->n_slots == 0)
        return NULL;
    size_t mask = db->n_slots - 1;
    for (size_t i = slot_hash(key) & mask;; i = (i + 1) & mask) {
        if (db->slots[i].key == key)
            return db->slots[i].st;
        if (db->slots[i].key == 0)
            return NULL;
    }
}

static void
slot_put(struct storage_stmt_slot *slots, size_t n_slots, uint32_t key, sqlite3_stmt *st)
{
    size_t mask = n_slots - 1;
    size_t i = slot_hash(key) & mask;
    while (slots[i].key != 0)
        i = (i + 1) & mask;
    slots[i].key = key;
    slots[i].st = st;
}

sqlite3_stmt *
storage_stmt_add(struct storage_db *db, uint32_t key, const char *sql, struct sk_error *err)
{
    sqlite3_stmt *st = prepare(db, sql, err);
    if (!st)
        return NULL;
    if ((db->n_used + 1) * 2 > db->n_slots) {
        size_t n = db->n_slots ? db->n_slots * 2 : 64;
        struct storage_stmt_slot *slots = sk_xcalloc(n, sizeof *slots);
        for (size_t i = 0; i < db->n_slots; i++)
            if (db->slots[i].key != 0)
                slot_put(slots, n, db->slots[i].key, db->slots[i].st);
        free(db->slots);
        db->slots = slots;
        db->n_slots = n;
    }
    slot_put(db->slots, db->n_slots, key, st);
    db->n_used++;
    return st;
}

void
storage_stmt_release(sqlite3_stmt *st)
{
    if (!st)
        return;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

void
storage_stmt_finalize_all(struct storage_db *db)
{
    for (size_t i = 0; i < STMT_N; i++) {
        sqlite3_finalize(db->fixed[i]);
        db->fixed[i] = NULL;
    }
    for (size_t i = 0; i < db->n_slots; i++)
        sqlite3_finalize(db->slots[i].st);
    free(db->slots);
    db->slots = NULL;
    db->n_slots = db->n_used = 0;
}
