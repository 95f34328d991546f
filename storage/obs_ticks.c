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

/* A statement space of its own in the generated-statement cache (no
 * registered kind has this index; obs_template.c uses 230, observation.c 240). */
#define TICK_STMT_SPACE 231u
enum { TK_DELETE = 1, TK_INSERT, TK_CRITERIA, TK_TEMPLATE, TK_MASKS };

static sqlite3_stmt *
tick_stmt(struct storage_db *db, unsigned which, const char *sql, struct sk_error *err)
{
    uint32_t key = storage_stmt_key(TICK_STMT_SPACE, KP_GET, which);
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

/* The sheet's template (as stored: the trigger may have chosen it) lacks
 * criterion `code`. Always false. */
static bool
fail_not_on_template(struct storage_db *db, int64_t id, const char *code, const char *key,
                     struct sk_error *err)
{
    char tpl[64] = "";
    sqlite3_stmt *st = tick_stmt(db, TK_TEMPLATE,
                                 "SELECT ifnull(template, '') FROM observation WHERE id = ?1", err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(tpl, sizeof tpl, "%s", (const char *)sqlite3_column_text(st, 0));
    storage_stmt_release(st);
    sk_fail(err, SK_EINVAL,
            _("The sheet's template %s has no criterion %s; leave this tick empty."), SK_QUOTE(tpl),
            SK_QUOTE(code));
    err->field = key;
    return false;
}

bool
storage_rows_write(struct storage_db *db, int64_t id, const struct forms_record *rec,
                   struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    if (!has_rows(kind))
        return true;
    sqlite3_stmt *st =
        tick_stmt(db, TK_DELETE, "DELETE FROM observation_tick WHERE observation_id = ?1", err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    /* the criterion of that code on the sheet's own template (set by the
     * insert trigger when the record had none) */
    st = tick_stmt(db, TK_INSERT,
                   "INSERT INTO observation_tick(observation_id, criterion_id, ticked)"
                   " SELECT o.id, c.id, ?3 FROM observation o"
                   " JOIN observation_template t ON t.code = o.template"
                   " JOIN observation_criterion c ON c.template_id = t.id AND c.code = ?2"
                   " WHERE o.id = ?1",
                   err);
    if (!st)
        return false;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if (!(f->flags & FF_ROWS) || !v->is_set)
            continue;
        char code[24];
        forms_observation_crit_code(i, code, sizeof code);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, v->i ? 1 : 0);
        rc = sqlite3_step(st);
        int changed = sqlite3_changes(db->sql);
        storage_stmt_release(st);
        if (rc != SQLITE_DONE)
            return storage_fail_db(db, rc, err);
        if (changed == 0)
            return fail_not_on_template(db, id, code, f->key, err);
    }
    /* the sheet's derived bit sets for the summary (migration 14) */
    st = tick_stmt(db, TK_MASKS,
                   "UPDATE observation SET"
                   " ticks_assessed = ifnull((SELECT sum(1 << (c.position - 1))"
                   "  FROM observation_tick t JOIN observation_criterion c ON c.id = t.criterion_id"
                   "  WHERE t.observation_id = ?1), 0),"
                   " ticks_on = ifnull((SELECT sum(1 << (c.position - 1))"
                   "  FROM observation_tick t JOIN observation_criterion c ON c.id = t.criterion_id"
                   "  WHERE t.observation_id = ?1 AND t.ticked = 1), 0)"
                   " WHERE id = ?1",
                   err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
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
        if (code && !forms_observation_add_criterion(code, text)) {
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
