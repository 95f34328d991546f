/* Lesson observations beyond generic CRUD: the versioned criteria templates
 * (observation_template, observation_criterion; migration step 10) and the
 * aggregates behind the observation summary and the "who is not observed
 * yet" list. Each aggregate is one statement over the list index
 * (school_id, ifnull(date,''), id) — the windows are written with that very
 * expression so that SQLite seeks it: no query per row, no table scan. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statements of this file live in the generated-statement cache under a
 * kind index no registered kind uses (storage_stmt_key packs it in 8 bits). */
#define OBS_STMT_SPACE 241u
enum obs_stmt {
    OS_TEMPLATE_BY_CODE = 1,
    OS_CRITERIA,
    OS_TEMPLATE_NEWEST,
    OS_TEMPLATE_LIST,
    OS_TEMPLATE_INSERT,
    OS_CRITERION_INSERT,
    OS_STATS,
    OS_BY_AREA,
    OS_TEACHERS,
    OS_YEAR,
};

static const char *const obs_setting_key = "observation_template";

static sqlite3_stmt *
obs_stmt(struct storage_db *db, enum obs_stmt which, const char *sql, struct sk_error *err)
{
    uint32_t key = storage_stmt_key(OBS_STMT_SPACE - 1, KP_GET, (unsigned)which);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    return st ? st : storage_stmt_add(db, key, sql, err);
}

static void
copy_col(sqlite3_stmt *st, int col, char *buf, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(buf, cap, "%s", t ? (const char *)t : "");
}

static void
bind_date(sqlite3_stmt *st, int i, sk_date d)
{
    char buf[16];
    sk_date_format(d, true, buf);
    sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

/* -------------------------------------------------------------- templates */

void
storage_obs_template_fini(struct storage_obs_template *t)
{
    if (!t)
        return;
    free(t->crit);
    t->crit = NULL;
    t->n_crit = 0;
}

bool
storage_obs_template_get(struct storage_db *db, const char *code, struct storage_obs_template *out,
                         struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        obs_stmt(db, OS_TEMPLATE_BY_CODE,
                 "SELECT id, code, name FROM observation_template WHERE code = ?1", err);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, out->code, sizeof out->code);
        copy_col(st, 2, out->name, sizeof out->name);
    }
    storage_stmt_release(st);
    if (rc == SQLITE_DONE)
        return sk_fail(err, SK_ENOTFOUND, _("There is no observation template “%s”."), code);
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    st = obs_stmt(db, OS_CRITERIA,
                  "SELECT section_no, section_name, code, text FROM observation_criterion"
                  " WHERE template_id = ?1 ORDER BY position",
                  err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, out->id);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n_crit == cap) {
            cap = cap ? cap * 2 : 32;
            out->crit = sk_xrealloc(out->crit, cap * sizeof *out->crit);
        }
        struct storage_obs_criterion *c = &out->crit[out->n_crit++];
        c->section_no = sqlite3_column_int(st, 0);
        copy_col(st, 1, c->section_name, sizeof c->section_name);
        copy_col(st, 2, c->code, sizeof c->code);
        copy_col(st, 3, c->text, sizeof c->text);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE) {
        storage_obs_template_fini(out);
        return storage_fail_db(db, rc, err);
    }
    return true;
}

bool
storage_obs_template_current(struct storage_db *db, int64_t school_id, char *code, size_t cap,
                             struct sk_error *err)
{
    bool found = false;
    if (!storage_setting_get(db, school_id, obs_setting_key, code, cap, &found, err))
        return false;
    if (found && code[0])
        return true;
    sqlite3_stmt *st =
        obs_stmt(db, OS_TEMPLATE_NEWEST,
                 "SELECT code FROM observation_template ORDER BY id DESC LIMIT 1", err);
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        copy_col(st, 0, code, cap);
    storage_stmt_release(st);
    if (rc == SQLITE_DONE)
        return sk_fail(err, SK_ENOTFOUND, "%s", _("There is no observation template."));
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    return true;
}

bool
storage_obs_template_use(struct storage_db *db, int64_t school_id, const char *code,
                         struct sk_error *err)
{
    struct storage_obs_template t;
    if (!storage_obs_template_get(db, code, &t, err))
        return false;
    storage_obs_template_fini(&t);
    return storage_setting_set(db, school_id, obs_setting_key, code, err);
}

bool
storage_obs_template_list(struct storage_db *db, struct storage_obs_template **out, size_t *n,
                          struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = obs_stmt(db, OS_TEMPLATE_LIST,
                                "SELECT t.id, t.code, t.name,"
                                " (SELECT count(*) FROM observation_criterion c"
                                "   WHERE c.template_id = t.id)"
                                " FROM observation_template t ORDER BY t.id",
                                err);
    if (!st)
        return false;
    int rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = sk_xrealloc(*out, cap * sizeof **out);
        }
        struct storage_obs_template *t = &(*out)[(*n)++];
        memset(t, 0, sizeof *t);
        t->id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, t->code, sizeof t->code);
        copy_col(st, 2, t->name, sizeof t->name);
        t->n_crit = (size_t)sqlite3_column_int64(st, 3); /* count only; crit stays NULL */
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return storage_fail_db(db, rc, err);
    }
    return true;
}

bool
storage_obs_template_add(struct storage_db *db, const char *code, const char *name,
                         const struct storage_obs_criterion *crit, size_t n, struct sk_error *err)
{
    if (!code || !code[0])
        return sk_fail(err, SK_EINVAL, "%s", _("A template needs a code, e.g. LVT-2025."));
    if (n == 0)
        return sk_fail(err, SK_EINVAL, "%s", _("A template needs at least one criterion."));
    for (size_t i = 0; i < n; i++) {
        if (forms_observation_crit_field(crit[i].code) < 0)
            return sk_fail(err, SK_EINVAL,
                           _("Criterion “%s”: a sheet has tick columns crit_1_1 … crit_4_6 "
                             "only, so a criterion code must be one of 1.1–1.3, 2.1–2.4, "
                             "3.1–3.4, 4.1–4.6."),
                           crit[i].code);
        char want = crit[i].code[0];
        if (crit[i].section_no != want - '0')
            return sk_fail(err, SK_EINVAL,
                           _("Criterion “%s” is listed in section %d; its code says section %c."),
                           crit[i].code, crit[i].section_no, want);
        for (size_t j = 0; j < i; j++)
            if (strcmp(crit[i].code, crit[j].code) == 0)
                return sk_fail(err, SK_EINVAL, _("Criterion “%s” is listed twice."), crit[i].code);
    }
    struct storage_obs_template old;
    struct sk_error e2 = {0};
    if (storage_obs_template_get(db, code, &old, &e2)) {
        storage_obs_template_fini(&old);
        return sk_fail(err, SK_EINVAL, _("An observation template “%s” exists already."), code);
    }
    bool own = false;
    if (!storage_op_begin(db, &own, err))
        return false;
    bool ok = false;
    sqlite3_stmt *st = obs_stmt(db, OS_TEMPLATE_INSERT,
                                "INSERT INTO observation_template(code, name, created_at)"
                                " VALUES (?1, ?2, ?3)",
                                err);
    if (st) {
        sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, name && name[0] ? name : code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, db->now, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        storage_stmt_release(st);
        ok = rc == SQLITE_DONE || storage_fail_db(db, rc, err);
    }
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    if (ok)
        st = obs_stmt(db, OS_CRITERION_INSERT,
                      "INSERT INTO observation_criterion(template_id, position, section_no,"
                      " section_name, code, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                      err);
    for (size_t i = 0; ok && i < n; i++) {
        if (!st) {
            ok = false;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)i + 1);
        sqlite3_bind_int(st, 3, crit[i].section_no);
        sqlite3_bind_text(st, 4, crit[i].section_name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, crit[i].code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, crit[i].text, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        storage_stmt_release(st);
        ok = rc == SQLITE_DONE || storage_fail_db(db, rc, err);
    }
    if (ok)
        ok = storage_audit_write(db, 0, "observation-templates", id, "insert", NULL, NULL, code,
                                 err);
    return storage_op_end(db, own, ok, err);
}

/* ------------------------------------------------------------- aggregates */

/* Appends the column name of tick field i, e.g. crit_2_3. */
static void
add_crit(struct sk_buf *b, size_t i)
{
    sk_buf_adds(b, forms_kind_observation.fields[i].key);
}

/* The one-pass statistics statement, generated from the descriptor's tick
 * fields: ticked and assessed per criterion, "all ticked" and assessed per
 * section, recommendations, distinct teachers. */
static void
stats_sql(struct sk_buf *b)
{
    size_t first = forms_observation_first_crit, n = forms_observation_n_crit;
    sk_buf_adds(b, "SELECT count(*), count(DISTINCT teacher),"
                   " ifnull(sum(recommendations IS NOT NULL), 0)");
    const struct forms_field *rf =
        &forms_kind_observation
             .fields[forms_field_index(&forms_kind_observation, "recommendations")];
    for (size_t k = 0; k < rf->n_choices; k++)
        sk_buf_addf(b, ", ifnull(sum(instr('|' || recommendations || '|', '|%s|') > 0), 0)",
                    rf->choices[k].key);
    for (size_t i = first; i < first + n; i++) {
        sk_buf_adds(b, ", ifnull(sum(");
        add_crit(b, i);
        sk_buf_adds(b, "), 0), count(");
        add_crit(b, i);
        sk_buf_adds(b, ")");
    }
    for (int s = 1; s <= STORAGE_OBS_MAX_SECTIONS; s++) {
        struct sk_buf any = {0}, all = {0};
        for (size_t i = first; i < first + n; i++) {
            if (forms_kind_observation.fields[i].key[5] != (char)('0' + s))
                continue;
            const char *key = forms_kind_observation.fields[i].key;
            sk_buf_addf(&any, "%s%s IS NOT NULL", any.len ? " OR " : "", key);
            sk_buf_addf(&all, " AND ifnull(%s, 1) = 1", key);
        }
        if (!any.len)
            sk_buf_adds(b, ", 0, 0");
        else
            sk_buf_addf(b, ", ifnull(sum((%s)%s), 0), ifnull(sum(%s), 0)", any.s, all.s, any.s);
        sk_buf_free(&any);
        sk_buf_free(&all);
    }
    /* date >= ?2 leaves out NULL dates like ifnull(date, '') did, and is a
     * range of the covering index observation_summary (migration 11) */
    sk_buf_adds(b, " FROM observation WHERE school_id = ?1 AND status = 'final'"
                   " AND date >= ?2 AND date < ?3");
}

bool
storage_obs_stats(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                  struct storage_obs_stats *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    uint32_t key = storage_stmt_key(OBS_STMT_SPACE - 1, KP_GET, OS_STATS);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    if (!st) {
        struct sk_buf sql = {0};
        stats_sql(&sql);
        st = storage_stmt_add(db, key, sql.s, err);
        sk_buf_free(&sql);
        if (!st)
            return false;
    }
    sqlite3_bind_int64(st, 1, school_id);
    bind_date(st, 2, from);
    bind_date(st, 3, to);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int c = 0;
        out->count = sqlite3_column_int64(st, c++);
        out->teachers_observed = sqlite3_column_int64(st, c++);
        out->with_recommendation = sqlite3_column_int64(st, c++);
        for (size_t k = 0; k < STORAGE_OBS_N_RECOMMENDATIONS; k++)
            out->recommendation[k] = sqlite3_column_int64(st, c++);
        for (size_t i = 0; i < forms_observation_n_crit; i++) {
            out->ticked[i] = sqlite3_column_int64(st, c++);
            out->assessed[i] = sqlite3_column_int64(st, c++);
        }
        for (int s = 0; s < STORAGE_OBS_MAX_SECTIONS; s++) {
            out->section_all[s] = sqlite3_column_int64(st, c++);
            out->section_assessed[s] = sqlite3_column_int64(st, c++);
        }
    }
    storage_stmt_release(st);
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    return true;
}

bool
storage_obs_by_area(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                    void (*cb)(void *ctx, const char *area, int64_t n), void *ctx,
                    struct sk_error *err)
{
    sqlite3_stmt *st =
        obs_stmt(db, OS_BY_AREA,
                 "SELECT ifnull(area, ''), count(*) FROM observation"
                 " WHERE school_id = ?1 AND status = 'final' AND date >= ?2 AND date < ?3"
                 " GROUP BY ifnull(area, '') ORDER BY count(*) DESC,"
                 " ifnull(area, '') COLLATE lv",
                 err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    bind_date(st, 2, from);
    bind_date(st, 3, to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

bool
storage_obs_teacher_counts(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                           struct storage_obs_teacher **out, size_t *n, struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    /* Teachers employed at some time in the window, plus anyone observed as
     * a teacher in it; fewest observations first, then by name. */
    sqlite3_stmt *st =
        obs_stmt(db, OS_TEACHERS,
                 /* the year's sheets counted per teacher in one range of the
                  * covering index, then joined: no lookup per staff member */
                 "SELECT s.id, s.full_name, ifnull(o.n, 0) FROM staff s"
                 " LEFT JOIN (SELECT teacher, count(*) AS n FROM observation"
                 "  WHERE school_id = ?1 AND status = 'final' AND date >= ?2 AND date < ?3"
                 "  GROUP BY teacher) o ON o.teacher = s.id"
                 " WHERE s.school_id = ?1 AND ((s.role = 'teacher'"
                 "  AND (s.employed_from IS NULL OR s.employed_from < ?3)"
                 "  AND (s.employed_until IS NULL OR s.employed_until >= ?2)) OR o.n IS NOT NULL)"
                 " ORDER BY ifnull(o.n, 0), s.full_name COLLATE lv, s.id",
                 err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    bind_date(st, 2, from);
    bind_date(st, 3, to);
    int rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = sk_xrealloc(*out, cap * sizeof **out);
        }
        struct storage_obs_teacher *t = &(*out)[(*n)++];
        t->staff_id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, t->name, sizeof t->name);
        t->count = sqlite3_column_int64(st, 2);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return storage_fail_db(db, rc, err);
    }
    return true;
}

bool
storage_obs_year_targets(struct storage_db *db, int64_t school_id, int year,
                         struct storage_obs_targets *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    out->target_pct = 20;
    sqlite3_stmt *st = obs_stmt(db, OS_YEAR,
                                "SELECT teachers, ifnull(observation_target_pct, 20),"
                                " ifnull(observations_per_teacher_target, 0)"
                                " FROM school_year WHERE school_id = ?1 AND year = ?2",
                                err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    sqlite3_bind_int(st, 2, year);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->has_year = true;
        out->has_teachers = sqlite3_column_type(st, 0) != SQLITE_NULL;
        out->teachers = sqlite3_column_int64(st, 0);
        out->target_pct = sqlite3_column_int(st, 1);
        out->per_teacher = sqlite3_column_int(st, 2);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}
