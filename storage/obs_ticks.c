/* The ticks of an observation sheet as rows (observation_tick, migration
 * MIGRATE_TICK_ROWS): one row per criterion of the sheet's template that
 * was assessed, keyed (observation_id, criterion_id), so that a template may
 * add sections and criteria. The record engine (record.c, page.c) sees them
 * as the FF_ROWS fields of the observation kind: one extra column of the
 * SELECT carries them ("2.3=1,5.1=0"), and a write replaces the sheet's
 * rows and its derived bit sets ticks_assessed/ticks_on, which the summary
 * reads from its covering index (observation.c). */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TK_DELETE = 1, TK_INSERT, TK_CRITERIA, TK_TEMPLATE, TK_MASKS, TK_CRIT_OF, TK_STALE };

static sqlite3_stmt *
tick_stmt(struct storage_db *db, unsigned which, const char *sql, struct sk_error *err)
{
    uint32_t key = storage_stmt_space_key(SSP_OBS_TICKS, which);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    return st ? st : storage_stmt_add(db, key, sql, err);
}

static bool
has_rows(const struct forms_kind *kind)
{
    return kind == &forms_kind_observation;
}

size_t
storage_n_columns(const struct forms_kind *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < kind->n_fields; i++)
        n += !(kind->fields[i].flags & FF_ROWS);
    return n;
}

void
storage_rows_columns(struct sk_buf *b, const struct forms_kind *kind)
{
    if (!has_rows(kind))
        return;
    sk_buf_addf(b,
                ", (SELECT group_concat(c.code || '=' || t.ticked, ',')"
                " FROM observation_tick t JOIN observation_criterion c ON c.id = t.criterion_id"
                " WHERE t.observation_id = \"%s\".id)",
                kind->table);
}

void
storage_rows_read(sqlite3_stmt *st, int col, struct forms_record *rec)
{
    const struct forms_kind *kind = rec->kind;
    if (!has_rows(kind))
        return;
    for (size_t i = 0; i < kind->n_fields; i++)
        if (kind->fields[i].flags & FF_ROWS)
            forms_value_clear(&rec->values[i]);
    const char *s = (const char *)sqlite3_column_text(st, col);
    while (s && *s) {
        const char *eq = strchr(s, '='), *end = strchr(s, ',');
        if (!end)
            end = s + strlen(s);
        if (eq && eq < end && (size_t)(eq - s) < 16) {
            char code[16];
            memcpy(code, s, (size_t)(eq - s));
            code[eq - s] = '\0';
            int f = forms_observation_crit_field(code);
            if (f >= 0)
                forms_value_set_int(&rec->values[f], eq[1] == '1');
        }
        s = *end ? end + 1 : end;
    }
}

/* The criteria of the templates sheets were written with, by template
 * code: templates are never changed once added, so they are read once per
 * connection (a template another process adds is read when first used). */
struct obs_tpl {
    char code[64];
    struct obs_tpl_crit {
        char code[16];
        int64_t id;
        int position;
    } * crit; /* owned */
    size_t n_crit;
};
struct storage_obs_tpls {
    struct obs_tpl *tpl; /* owned */
    size_t n;
};

void
storage_obs_tpls_free(struct storage_db *db)
{
    struct storage_obs_tpls *c = db ? db->obs_tpls : NULL;
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->tpl[i].crit);
    free(c->tpl);
    free(c);
    db->obs_tpls = NULL;
}

/* The criteria of template `code` (borrowed until storage_close), or NULL
 * with err set (SK_EDB) or without (no such template). */
static const struct obs_tpl *
tpl_get(struct storage_db *db, const char *code, struct sk_error *err)
{
    if (!db->obs_tpls)
        db->obs_tpls = sk_xcalloc(1, sizeof *db->obs_tpls);
    struct storage_obs_tpls *c = db->obs_tpls;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->tpl[i].code, code) == 0)
            return &c->tpl[i];
    sqlite3_stmt *st = tick_stmt(db, TK_CRIT_OF,
                                 "SELECT c.code, c.id, c.position FROM observation_criterion c"
                                 " JOIN observation_template t ON t.id = c.template_id"
                                 " WHERE t.code = ?1 ORDER BY c.position",
                                 err);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    struct obs_tpl t = {0};
    snprintf(t.code, sizeof t.code, "%s", code);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        t.crit = sk_xrealloc(t.crit, (t.n_crit + 1) * sizeof *t.crit);
        struct obs_tpl_crit *k = &t.crit[t.n_crit++];
        const unsigned char *kc = sqlite3_column_text(st, 0);
        snprintf(k->code, sizeof k->code, "%s", kc ? (const char *)kc : "");
        k->id = sqlite3_column_int64(st, 1);
        k->position = sqlite3_column_int(st, 2);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE || t.n_crit == 0) {
        free(t.crit);
        if (rc != SQLITE_DONE)
            storage_fail_db(db, rc, err);
        return NULL;
    }
    c->tpl = sk_xrealloc(c->tpl, (c->n + 1) * sizeof *c->tpl);
    c->tpl[c->n] = t;
    return &c->tpl[c->n++];
}

/* The sheet's template code as stored (the insert trigger may have chosen it). */
static bool
stored_template(struct storage_db *db, int64_t id, char *out, size_t cap, struct sk_error *err)
{
    out[0] = '\0';
    sqlite3_stmt *st = tick_stmt(db, TK_TEMPLATE,
                                 "SELECT ifnull(template, '') FROM observation WHERE id = ?1", err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    storage_stmt_release(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

static sqlite3_stmt *
step_id(struct storage_db *db, unsigned which, const char *sql, int64_t id, struct sk_error *err)
{
    sqlite3_stmt *st = tick_stmt(db, which, sql, err);
    if (st)
        sqlite3_bind_int64(st, 1, id);
    return st;
}

bool
storage_rows_write(struct storage_db *db, int64_t id, bool is_new, const struct forms_record *rec,
                   struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    if (!has_rows(kind))
        return true;
    int rc;
    if (!is_new) {
        sqlite3_stmt *st = step_id(
            db, TK_DELETE, "DELETE FROM observation_tick WHERE observation_id = ?1", id, err);
        if (!st)
            return false;
        rc = sqlite3_step(st);
        storage_stmt_release(st);
        if (rc != SQLITE_DONE)
            return storage_fail_db(db, rc, err);
    }
    char code_tpl[64];
    if (!stored_template(db, id, code_tpl, sizeof code_tpl, err))
        return false;
    struct sk_error e2 = {0};
    const struct obs_tpl *tpl = code_tpl[0] ? tpl_get(db, code_tpl, &e2) : NULL;
    if (!tpl && e2.code != SK_OK) {
        if (err)
            *err = e2;
        return false;
    }
    uint64_t assessed = 0, on = 0;
    sqlite3_stmt *st = NULL;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if (!(f->flags & FF_ROWS) || !v->is_set)
            continue;
        char code[24];
        forms_observation_crit_code(i, code, sizeof code);
        const struct obs_tpl_crit *k = NULL;
        for (size_t j = 0; tpl && j < tpl->n_crit && !k; j++)
            if (strcmp(tpl->crit[j].code, code) == 0)
                k = &tpl->crit[j];
        if (!k) {
            sk_fail(err, SK_EINVAL,
                    _("The sheet's template %s has no criterion %s; leave this tick empty."),
                    SK_QUOTE(code_tpl), SK_QUOTE(code));
            err->field = f->key;
            return false;
        }
        if (!st)
            st = tick_stmt(db, TK_INSERT,
                           "INSERT INTO observation_tick(observation_id, criterion_id, ticked)"
                           " VALUES (?1, ?2, ?3)",
                           err);
        if (!st)
            return false;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, k->id);
        sqlite3_bind_int64(st, 3, v->i ? 1 : 0);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            storage_stmt_release(st);
            return storage_fail_db(db, rc, err);
        }
        if (k->position >= 1 && k->position <= STORAGE_OBS_TEMPLATE_MAX_CRIT) {
            assessed |= (uint64_t)1 << (k->position - 1);
            if (v->i)
                on |= (uint64_t)1 << (k->position - 1);
        }
    }
    storage_stmt_release(st);
    if (is_new && assessed == 0)
        return true; /* the columns' default, 0 */
    /* the sheet's derived bit sets for the summary (migration 15) */
    st = step_id(db, TK_MASKS,
                 "UPDATE observation SET ticks_assessed = ?2, ticks_on = ?3"
                 " WHERE id = ?1",
                 id, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 2, (int64_t)assessed);
    sqlite3_bind_int64(st, 3, (int64_t)on);
    rc = sqlite3_step(st);
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

bool
storage_obs_register_criteria(struct storage_db *db, struct sk_error *err)
{
    sqlite3_stmt *st = tick_stmt(db, TK_CRITERIA,
                                 "SELECT code, text FROM observation_criterion"
                                 " ORDER BY template_id, position",
                                 err);
    if (!st)
        return false;
    int rc = SQLITE_DONE;
    bool ok = true;
    char bad[24] = "";
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(st, 0);
        const char *text = (const char *)sqlite3_column_text(st, 1);
        /* a code no import could have made (another program wrote it) has
         * no tick field: its sheets show it without a tick */
        if (code && forms_observation_code_ok(code) &&
            !forms_observation_add_criterion(code, text)) {
            snprintf(bad, sizeof bad, "%s", code);
            ok = false;
        }
    }
    storage_stmt_release(st);
    if (!ok)
        return sk_fail(err, SK_EDB,
                       _("The observation templates of this file have more criteria than "
                         "skola can show (criterion %s)."),
                       SK_QUOTE(bad));
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* The bit sets a sheet's tick rows give (a SQL expression over `o`). */
#define MASK_OF(extra)                                                                             \
    "ifnull((SELECT sum(1 << (c.position - 1)) FROM observation_tick t"                            \
    " JOIN observation_criterion c ON c.id = t.criterion_id"                                       \
    " WHERE t.observation_id = o.id" extra "), 0)"
#define STALE_MASKS                                                                                \
    "o.ticks_assessed IS NOT " MASK_OF("") " OR o.ticks_on IS NOT " MASK_OF(" AND t.ticked = 1")

bool
storage_obs_ticks_check(struct storage_db *db, bool repair, int64_t *stale, struct sk_error *err)
{
    *stale = 0;
    if (repair) {
        /* rewriting sheets is writing observations: count first, and
         * only a role that may write them repairs */
        int64_t n = 0;
        if (!storage_obs_ticks_check(db, false, &n, err))
            return false;
        if (n == 0)
            return true;
        if (!storage_require_area(db, SAREA_OBSERVATIONS, SA_WRITE, err))
            return false;
        if (!storage_begin(db, err))
            return false;
        bool ok =
            storage_exec(db,
                         "UPDATE observation AS o SET ticks_assessed = " MASK_OF(
                             "") ", ticks_on = " MASK_OF(" AND t.ticked = 1") " WHERE " STALE_MASKS,
                         err);
        *stale = ok ? (int64_t)sqlite3_changes64(db->sql) : 0;
        if (!ok) {
            storage_rollback(db);
            return false;
        }
        return storage_commit(db, err);
    }
    sqlite3_stmt *st =
        tick_stmt(db, TK_STALE, "SELECT count(*) FROM observation o WHERE " STALE_MASKS, err);
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *stale = sqlite3_column_int64(st, 0);
    storage_stmt_release(st);
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    return true;
}
