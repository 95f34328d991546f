/* Aggregate queries behind the summaries, the yearly report and the
 * municipality package: one statement per question, one pass over one table
 * (plus a grouped join where a figure needs a second table), never a query
 * per row. The rows go to a callback; core/ turns them into figures. */
#include "storage/internal.h"

#include <string.h>

/* The SQL of each aggregate. ?1 is always the school; the others are the
 * text arguments of storage_aggregate, documented in storage.h. */
static const char *const agg_sql[] = {
    [SA_SCHOOL_YEAR] = "SELECT pupils, teachers, teacher_fte FROM school_year"
                       " WHERE school_id = ?1 AND year = CAST(?2 AS INTEGER)",
    [SA_DEVICES] = "SELECT category, user_group, status,"
                   " CASE WHEN purchase_date IS NULL THEN 'unknown'"
                   "      WHEN purchase_date > ?3 THEN '<3'"
                   "      WHEN purchase_date > ?4 THEN '3-5' ELSE '>=5' END,"
                   " count(*), sum(warranty_until IS NOT NULL AND warranty_until < ?2)"
                   " FROM device WHERE school_id = ?1 AND ifnull(status, '') <> 'written_off'"
                   " AND (purchase_date IS NULL OR purchase_date <= ?2)"
                   " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    [SA_STAFF] = "SELECT s.role, s.digcompedu, count(*), sum(ifnull(s.fte, 0)),"
                 " sum(ifnull(t.h, 0) >= 36000)"
                 " FROM staff s LEFT JOIN (SELECT staff AS sid, sum(ifnull(hours, 0)) AS h"
                 "   FROM training WHERE school_id = ?1 AND date >= ?3 AND date < ?4"
                 "   GROUP BY staff) t ON t.sid = s.id"
                 " WHERE s.school_id = ?1"
                 " AND (s.employed_from IS NULL OR s.employed_from <= ?2)"
                 " AND (s.employed_until IS NULL OR s.employed_until >= ?2)"
                 " GROUP BY 1, 2 ORDER BY 1, 2",
    [SA_STAFF_ROWS] = "SELECT s.role, s.digcompedu, s.fte, ifnull(t.h, 0)"
                      " FROM staff s LEFT JOIN (SELECT staff AS sid, sum(ifnull(hours, 0)) AS h"
                      "   FROM training WHERE school_id = ?1 AND date >= ?3 AND date < ?4"
                      "   GROUP BY staff) t ON t.sid = s.id"
                      " WHERE s.school_id = ?1"
                      " AND (s.employed_from IS NULL OR s.employed_from <= ?2)"
                      " AND (s.employed_until IS NULL OR s.employed_until >= ?2)"
                      " ORDER BY 1, 3, 2, 4",
    [SA_VACANCIES] = "SELECT subject, open_since, closed_on, hours_per_week FROM vacancy"
                     " WHERE school_id = ?1 ORDER BY open_since, subject COLLATE lv, id",
    [SA_CONSULTATIONS] = "SELECT c.form, c.topic, s.role, c.recipient_kind, count(*),"
                         " sum(ifnull(c.minutes, 0)), sum(ifnull(c.high_risk, 0))"
                         " FROM consultation c LEFT JOIN staff s ON s.id = c.consultant"
                         " WHERE c.school_id = ?1 AND c.date >= ?2 AND c.date < ?3"
                         " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    [SA_PUPIL_RECIPIENTS] = "SELECT count(DISTINCT lower(trim(recipient))) FROM consultation"
                            " WHERE school_id = ?1 AND date >= ?2 AND date < ?3"
                            " AND recipient_kind = 'pupil' AND trim(ifnull(recipient, '')) <> ''",
    [SA_ASSESSMENT] = "SELECT indicator_code, strengths, development_needs FROM assessment"
                      " WHERE school_id = ?1 AND year = CAST(?2 AS INTEGER)"
                      " ORDER BY indicator_code, id",
    [SA_PRIORITIES] = "SELECT status, priority, qualitative_targets, quantitative_targets, result"
                      " FROM priority WHERE school_id = ?1 AND year = CAST(?2 AS INTEGER)"
                      " ORDER BY id",
    [SA_PROGRAMMES] = "SELECT name, code, licence_no, licence_date, pupils_start, pupils_completed"
                      " FROM programme WHERE school_id = ?1 AND year = CAST(?2 AS INTEGER)"
                      " ORDER BY id",
    [SA_PROJECTS] = "SELECT code, name, duration, place, staff, pupils FROM project"
                    " WHERE school_id = ?1 AND year = CAST(?2 AS INTEGER) ORDER BY id",
    [SA_EXAM_RESULTS] = "SELECT qualification, country_average, school_average FROM exam_result"
                        " WHERE school_id = ?1 AND year = CAST(?2 AS INTEGER) ORDER BY id",
    [SA_COHORTS] = "SELECT qualification, year_started, duration, pupils_started,"
                   " pupils_graduated FROM cohort WHERE school_id = ?1 ORDER BY id",
    [SA_PD_ROWS] = "SELECT s.role, ifnull(s.vocational, 0), ifnull(w.h, 0), ifnull(y.n, 0)"
                   " FROM staff s LEFT JOIN (SELECT staff AS sid, sum(ifnull(hours, 0)) AS h"
                   "   FROM training WHERE school_id = ?1 AND date >= ?3 AND date < ?4"
                   "   GROUP BY staff) w ON w.sid = s.id"
                   " LEFT JOIN (SELECT staff AS sid, count(*) AS n"
                   "   FROM training WHERE school_id = ?1 AND date >= ?5 AND date < ?6"
                   "   GROUP BY staff) y ON y.sid = s.id"
                   " WHERE s.school_id = ?1"
                   " AND (s.employed_from IS NULL OR s.employed_from <= ?2)"
                   " AND (s.employed_until IS NULL OR s.employed_until >= ?2)"
                   " ORDER BY 1, 2, 3, 4",
    [SA_TEACHER_TRAININGS] = "SELECT count(*), sum(ifnull(t.hours, 0)), sum(t.cost), count(t.cost)"
                             " FROM training t JOIN staff s ON s.id = t.staff"
                             " WHERE t.school_id = ?1 AND t.date >= ?2 AND t.date < ?3"
                             " AND s.role = 'teacher'",
    [SA_HEAD] = "SELECT full_name FROM staff WHERE school_id = ?1 AND role = 'head'"
                " AND (employed_from IS NULL OR employed_from <= ?2)"
                " AND (employed_until IS NULL OR employed_until >= ?2) ORDER BY id LIMIT 1",
};
_Static_assert(SK_ARRAY_LEN(agg_sql) == SA_N, "one SQL text per aggregate");

/* How many leading columns of each aggregate are text keys; the rest are
 * numbers (at most STORAGE_AGG_NUMS of them). */
static const int agg_keys[] = {
    [SA_SCHOOL_YEAR] = 0,      [SA_DEVICES] = 4,    [SA_STAFF] = 2,
    [SA_STAFF_ROWS] = 2,       [SA_VACANCIES] = 3,  [SA_CONSULTATIONS] = 4,
    [SA_PUPIL_RECIPIENTS] = 0, [SA_ASSESSMENT] = 3, [SA_PRIORITIES] = 5,
    [SA_PROGRAMMES] = 4,       [SA_PROJECTS] = 4,   [SA_EXAM_RESULTS] = 1,
    [SA_COHORTS] = 1,          [SA_PD_ROWS] = 1,    [SA_TEACHER_TRAININGS] = 0,
    [SA_HEAD] = 1,
};
_Static_assert(SK_ARRAY_LEN(agg_keys) == SA_N, "a key count per aggregate");

bool
storage_aggregate(struct storage_db *db, enum storage_agg which, int64_t school_id,
                  const char *const *args, size_t n_args, storage_agg_fn fn, void *ctx,
                  struct sk_error *err)
{
    if (!storage_check_figures(db, storage_agg_area(which), err))
        return false;
    uint32_t key = storage_stmt_space_key(SSP_AGGREGATE, (unsigned)which);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    if (!st)
        st = storage_stmt_add(db, key, agg_sql[which], err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    for (size_t i = 0; i < n_args; i++)
        if (args[i])
            sqlite3_bind_text(st, (int)i + 2, args[i], -1, SQLITE_STATIC);
    int n_cols = sqlite3_column_count(st);
    int rc = SQLITE_DONE;
    bool ok = true;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct storage_agg_row row;
        memset(&row, 0, sizeof row);
        for (int c = 0; c < n_cols; c++) {
            if (c < agg_keys[which]) {
                row.key[c] = (const char *)sqlite3_column_text(st, c);
            } else {
                size_t k = (size_t)(c - agg_keys[which]);
                row.has[k] = sqlite3_column_type(st, c) != SQLITE_NULL;
                row.num[k] = sqlite3_column_int64(st, c);
            }
        }
        ok = fn(ctx, &row, err);
    }
    if (ok && rc != SQLITE_DONE)
        ok = storage_fail_db(db, rc, err);
    storage_stmt_release(st);
    return ok;
}
