/* Reference data rows that migrations store in the file: the IKVD
 * indicators (step 8) and the LVT-2023 observation criteria (step 10).
 * Their one copy is data/NAME.csv, compiled in by tools/refdata_gen.c; the
 * steps once carried the same rows as literal INSERTs, and a file made by
 * those steps holds exactly what these functions insert
 * (tests/unit/test_storage_refdata.c compares the stored rows with the CSV). */
#include "storage/internal.h"

#include <stdlib.h>
#include <string.h>

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

/* The printed sheet's wording of LVT-2023 (seed 000, 1.pielikums): its
 * title, methodology reference and section notes (part = title,
 * methodology or section_note). */
struct wording_row {
    const char *part, *section_no, *text;
};

static const struct wording_row lvt2023_wording[] = {
#define REF_LVT2023_WORDING(part, section_no, text) {part, section_no, text},
#include "observation-wording-lvt-2023.inc"
#undef REF_LVT2023_WORDING
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

bool
storage_refdata_lvt2023_wording(struct storage_db *db, struct sk_error *err)
{
    sqlite3_stmt *tpl = prepare_once(db,
                                     "UPDATE observation_template SET title = CASE ?1"
                                     " WHEN 'title' THEN ?2 ELSE title END,"
                                     " methodology = CASE ?1 WHEN 'methodology' THEN ?2"
                                     " ELSE methodology END WHERE code = 'LVT-2023'",
                                     err);
    if (!tpl)
        return false;
    sqlite3_stmt *sec = prepare_once(db,
                                     "UPDATE observation_criterion SET section_note = ?2"
                                     " WHERE section_no = ?1 AND template_id ="
                                     " (SELECT id FROM observation_template"
                                     "   WHERE code = 'LVT-2023')",
                                     err);
    bool ok = sec != NULL;
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(lvt2023_wording); i++) {
        const struct wording_row *r = &lvt2023_wording[i];
        if (strcmp(r->part, "section_note") == 0) {
            sqlite3_bind_int64(sec, 1, strtol(r->section_no, NULL, 10));
            sqlite3_bind_text(sec, 2, r->text, -1, SQLITE_STATIC);
            ok = step_once(db, sec, err);
        } else {
            sqlite3_bind_text(tpl, 1, r->part, -1, SQLITE_STATIC);
            sqlite3_bind_text(tpl, 2, r->text, -1, SQLITE_STATIC);
            ok = step_once(db, tpl, err);
        }
    }
    sqlite3_finalize(tpl);
    sqlite3_finalize(sec);
    return ok;
}
