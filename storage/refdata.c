/* Reference data rows that migrations store in the file: the IKVD
 * indicators (step 8) and the LVT-2023 observation criteria (step 10).
 * Their one copy is data/NAME.csv, compiled in by tools/refdata_gen.c; the
 * steps once carried the same rows as literal INSERTs, and a file made by
 * those steps holds exactly what these functions insert
 * (tests/unit/test_storage_refdata.c compares the stored rows with the CSV). */
#include "storage/internal.h"

#include <stdlib.h>

struct ikvd_row {
    const char *criterion_code, *criterion_name, *code, *name;
};

static const struct ikvd_row ikvd_rows[] = {
#define REF_IKVD_INDICATOR(criterion_code, criterion_name, code, name)                             \
    {criterion_code, criterion_name, code, name},
#include "ikvd-indicators.inc"
#undef REF_IKVD_INDICATOR
};

struct criterion_row {
    const char *section_no, *section_name, *code, *text;
};

static const struct criterion_row lvt2023_rows[] = {
#define REF_LVT2023_CRITERION(section_no, section_name, code, text)                                \
    {section_no, section_name, code, text},
#include "observation-criteria-lvt-2023.inc"
#undef REF_LVT2023_CRITERION
};

/* Prepares one statement for a migration (not cached: it runs once). */
static sqlite3_stmt *
prepare_once(struct storage_db *db, const char *sql, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* Steps st once and resets it; false with err set on failure. */
static bool
step_once(struct storage_db *db, sqlite3_stmt *st, struct sk_error *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

bool
storage_refdata_ikvd(struct storage_db *db, struct sk_error *err)
{
    sqlite3_stmt *st =
        prepare_once(db,
                     "INSERT INTO ikvd_indicator(code, criterion_code, criterion_name, name)"
                     " VALUES (?1, ?2, ?3, ?4)",
                     err);
    if (!st)
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(ikvd_rows); i++) {
        const struct ikvd_row *r = &ikvd_rows[i];
        sqlite3_bind_text(st, 1, r->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, r->criterion_code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r->criterion_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, r->name, -1, SQLITE_STATIC);
        ok = step_once(db, st, err);
    }
    sqlite3_finalize(st);
    return ok;
}

bool
storage_refdata_lvt2023(struct storage_db *db, int64_t template_id, struct sk_error *err)
{
    sqlite3_stmt *st = prepare_once(
        db,
        "INSERT INTO observation_criterion(template_id, position, section_no, section_name,"
        " code, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        err);
    if (!st)
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(lvt2023_rows); i++) {
        const struct criterion_row *r = &lvt2023_rows[i];
        char *end = NULL;
        long section = strtol(r->section_no, &end, 10);
        if (end == r->section_no || *end != '\0') {
            ok = sk_fail(err, SK_EDB, _("The built-in criteria have a bad section number %s."),
                         SK_QUOTE(r->section_no));
            break;
        }
        sqlite3_bind_int64(st, 1, template_id);
        sqlite3_bind_int64(st, 2, (int64_t)i + 1);
        sqlite3_bind_int64(st, 3, section);
        sqlite3_bind_text(st, 4, r->section_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, r->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, r->text, -1, SQLITE_STATIC);
        ok = step_once(db, st, err);
    }
    sqlite3_finalize(st);
    return ok;
}
