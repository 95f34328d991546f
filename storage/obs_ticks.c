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

enum {
    TK_DELETE = 1,
    TK_INSERT,
    TK_CRITERIA,
    TK_TEMPLATE,
    TK_MASKS,
    TK_CRIT_OF,
    TK_STALE,
    TK_DEFAULT,
    TK_INSERT_N = 256 /* + n: the insert of n tick rows */
};

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

/* The tick rows of the sheets an export reads, from a second cursor over
 * observation_tick in key order beside the sheets' own statement, instead
 * of a sub-select and its text per sheet: sheets read in id order (an
 * export's order) take the next rows of the same scan; any other order,
 * or a gap of skipped rows, seeks again. Criteria map to fields through a
 * table by criterion id made once. */
struct storage_rows_cursor {
    sqlite3_stmt *st;   /* owned */
    bool has_row;       /* st stands on a row not consumed yet */
    int *field_of;      /* owned: field index by criterion id, -1 none */
    int64_t n_field_of; /* entries of field_of */
    int rc;             /* the last error, or SQLITE_OK */
};

enum { ROWS_CURSOR_MAX_SKIP = 32 }; /* rows stepped over before seeking instead */

struct storage_rows_cursor *
storage_rows_cursor_open(struct storage_db *db, const struct forms_kind *kind, struct sk_error *err)
{
    if (!has_rows(kind))
        return NULL;
    sqlite3_stmt *map = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "SELECT id, code FROM observation_criterion ORDER BY id",
                                -1, &map, NULL);
    struct storage_rows_cursor *c = sk_xcalloc(1, sizeof *c);
    while (map && (rc = sqlite3_step(map)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(map, 0);
        const char *code = (const char *)sqlite3_column_text(map, 1);
        if (id < 0 || id > 1000000 || !code)
            continue; /* no field; such a tick is read as none, as before */
        if (id >= c->n_field_of) {
            int64_t n = id + 64;
            c->field_of = sk_xrealloc(c->field_of, (size_t)n * sizeof *c->field_of);
            for (int64_t i = c->n_field_of; i < n; i++)
                c->field_of[i] = -1;
            c->n_field_of = n;
        }
        c->field_of[id] = forms_observation_crit_field(code);
    }
    sqlite3_finalize(map);
    if (rc == SQLITE_DONE)
        rc = sqlite3_prepare_v3(db->sql,
                                "SELECT observation_id, criterion_id, ticked FROM observation_tick"
                                " WHERE observation_id >= ?1 ORDER BY observation_id, criterion_id",
                                -1, 0, &c->st, NULL);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        storage_fail_db(db, rc, err);
        storage_rows_cursor_close(c);
        return NULL;
    }
    return c;
}

static void
cursor_seek(struct storage_rows_cursor *c, int64_t id)
{
    sqlite3_reset(c->st);
    sqlite3_bind_int64(c->st, 1, id);
    int rc = sqlite3_step(c->st);
    c->has_row = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        c->rc = rc;
}

int
storage_rows_cursor_read(struct storage_rows_cursor *c, struct forms_record *rec)
{
    if (!c)
        return SQLITE_OK;
    const struct forms_kind *kind = rec->kind;
    for (size_t i = 0; i < kind->n_fields; i++)
        if (kind->fields[i].flags & FF_ROWS)
            forms_value_clear(&rec->values[i]);
    int64_t id = rec->id;
    int skipped = 0;
    if (!c->has_row || sqlite3_column_int64(c->st, 0) > id)
        cursor_seek(c, id);
    while (c->has_row && c->rc == SQLITE_OK) {
        int64_t at = sqlite3_column_int64(c->st, 0);
        if (at > id)
            break;
        if (at < id && ++skipped > ROWS_CURSOR_MAX_SKIP) {
            cursor_seek(c, id);
            skipped = 0;
            continue;
        }
        if (at == id) {
            int64_t crit = sqlite3_column_int64(c->st, 1);
            int f = crit >= 0 && crit < c->n_field_of ? c->field_of[crit] : -1;
            if (f >= 0 && (size_t)f < kind->n_fields)
                forms_value_set_int(&rec->values[f], sqlite3_column_int(c->st, 2) == 1);
        }
        int rc = sqlite3_step(c->st);
        c->has_row = rc == SQLITE_ROW;
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            c->rc = rc;
    }
    return c->rc;
}

void
storage_rows_cursor_close(struct storage_rows_cursor *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->st);
    free(c->field_of);
    free(c);
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
    /* for each field of the observation kind, its criterion here or -1;
     * made for n_by_field fields (the kind gains fields at run time) */
    int *by_field; /* owned */
    size_t n_by_field;
};
struct storage_obs_tpls {
    struct obs_tpl *tpl; /* owned */
    size_t n;
    /* the default template of new sheets, kept for one import batch (its
     * transaction changes neither the setting nor the templates) */
    int64_t default_batch, default_school; /* 0: nothing kept */
    char default_code[64];
};

void
storage_obs_tpls_free(struct storage_db *db)
{
    struct storage_obs_tpls *c = db ? db->obs_tpls : NULL;
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->tpl[i].crit);
        free(c->tpl[i].by_field);
    }
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

/* Which criterion of t each field of kind is (-1: none), made once per
 * template and field list instead of per sheet. */
static const int *
tpl_by_field(struct obs_tpl *t, const struct forms_kind *kind)
{
    if (t->n_by_field != kind->n_fields || !t->by_field) {
        t->by_field = sk_xrealloc(t->by_field, (kind->n_fields + 1) * sizeof *t->by_field);
        for (size_t i = 0; i < kind->n_fields; i++) {
            t->by_field[i] = -1;
            if (!(kind->fields[i].flags & FF_ROWS))
                continue;
            char code[24];
            forms_observation_crit_code(i, code, sizeof code);
            for (size_t j = 0; j < t->n_crit && t->by_field[i] < 0; j++)
                if (strcmp(t->crit[j].code, code) == 0)
                    t->by_field[i] = (int)j;
        }
        t->n_by_field = kind->n_fields;
    }
    return t->by_field;
}

/* The template the trigger observation_template_default (migration 15)
 * gives a new sheet that names none: the school's setting, else the newest
 * template; "" when there is none. */
static bool
default_template(struct storage_db *db, int64_t school_id, char *out, size_t cap,
                 struct sk_error *err)
{
    out[0] = '\0';
    if (!db->obs_tpls)
        db->obs_tpls = sk_xcalloc(1, sizeof *db->obs_tpls);
    struct storage_obs_tpls *c = db->obs_tpls;
    bool in_batch = db->is_bulk && db->batch_id != 0;
    if (in_batch && c->default_batch == db->batch_id && c->default_school == school_id) {
        snprintf(out, cap, "%s", c->default_code);
        return true;
    }
    c->default_batch = 0;
    sqlite3_stmt *st =
        tick_stmt(db, TK_DEFAULT,
                  "SELECT ifnull(coalesce((SELECT t.code FROM setting s JOIN observation_template t"
                  " ON t.code = s.value WHERE s.school_id = ?1 AND s.key = 'observation_template'),"
                  " (SELECT code FROM observation_template ORDER BY id DESC LIMIT 1)), '')",
                  err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, school_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    storage_stmt_release(st);
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    if (in_batch) {
        c->default_batch = db->batch_id;
        c->default_school = school_id;
        snprintf(c->default_code, sizeof c->default_code, "%s", out);
    }
    return true;
}

bool
storage_rows_plan(struct storage_db *db, int64_t school_id, const struct forms_record *rec,
                  struct storage_rows_pre *pre, struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    *pre = (struct storage_rows_pre){.template_field = -1, .bad_field = -1};
    if (!has_rows(kind))
        return true;
    pre->has_rows = true;
    static int ft = -1; /* the template field, found once per field list */
    static size_t ft_n_fields = 0;
    if (ft_n_fields != kind->n_fields) {
        ft = forms_field_index(kind, "template");
        ft_n_fields = kind->n_fields;
    }
    const char *code_tpl = NULL;
    if (ft >= 0 && rec->values[ft].is_set && rec->values[ft].s)
        code_tpl = rec->values[ft].s;
    else {
        if (!default_template(db, school_id, pre->template_code, sizeof pre->template_code, err))
            return false;
        pre->template_field = ft;
        code_tpl = pre->template_code;
    }
    struct sk_error e2 = {0};
    const struct obs_tpl *tpl = code_tpl[0] ? tpl_get(db, code_tpl, &e2) : NULL;
    if (!tpl && e2.code != SK_OK) {
        if (err)
            *err = e2;
        return false;
    }
    snprintf(pre->tpl_code, sizeof pre->tpl_code, "%s", code_tpl);
    const int *by_field = tpl ? tpl_by_field((struct obs_tpl *)tpl, kind) : NULL;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if (!(f->flags & FF_ROWS) || !v->is_set)
            continue;
        const struct obs_tpl_crit *k =
            by_field && by_field[i] >= 0 ? &tpl->crit[by_field[i]] : NULL;
        if (!k) {
            pre->bad_field = (int)i;
            return true; /* reported after the insert, where it was before */
        }
        if (pre->n_ticks == SK_ARRAY_LEN(pre->ticks)) { /* more tick fields than exist */
            pre->bad_field = (int)i;
            return true;
        }
        /* in criterion order, the order of the rows' key */
        size_t at = pre->n_ticks++;
        while (at > 0 && pre->ticks[at - 1].criterion_id > k->id) {
            pre->ticks[at] = pre->ticks[at - 1];
            at--;
        }
        pre->ticks[at].criterion_id = k->id;
        pre->ticks[at].ticked = v->i != 0;
        if (k->position >= 1 && k->position <= STORAGE_OBS_TEMPLATE_MAX_CRIT) {
            pre->assessed |= (uint64_t)1 << (k->position - 1);
            if (v->i)
                pre->on |= (uint64_t)1 << (k->position - 1);
        }
    }
    return true;
}

/* The statement inserting n tick rows of one sheet: ?1 the sheet, then
 * (criterion, ticked) pairs. One statement per sheet instead of one per
 * tick. */
static sqlite3_stmt *
insert_n_stmt(struct storage_db *db, size_t n, struct sk_error *err)
{
    uint32_t key = storage_stmt_space_key(SSP_OBS_TICKS, TK_INSERT_N + (unsigned)n);
    sqlite3_stmt *st = storage_stmt_find(db, key);
    if (st)
        return st;
    struct sk_buf b = {0};
    sk_buf_adds(&b, "INSERT INTO observation_tick(observation_id, criterion_id, ticked) VALUES ");
    for (size_t i = 0; i < n; i++)
        sk_buf_addf(&b, "%s(?1, ?%zu, ?%zu)", i ? ", " : "", 2 + 2 * i, 3 + 2 * i);
    st = storage_stmt_add(db, key, b.s, err);
    sk_buf_free(&b);
    return st;
}

bool
storage_rows_insert(struct storage_db *db, int64_t id, const struct forms_record *rec,
                    const struct storage_rows_pre *pre, struct sk_error *err)
{
    if (!pre->has_rows)
        return true;
    if (pre->bad_field >= 0) {
        char code[24];
        forms_observation_crit_code((size_t)pre->bad_field, code, sizeof code);
        sk_fail(err, SK_EINVAL,
                _("The sheet's template %s has no criterion %s; leave this tick empty."),
                SK_QUOTE(pre->tpl_code), SK_QUOTE(code));
        err->field = rec->kind->fields[pre->bad_field].key;
        return false;
    }
    if (pre->n_ticks == 0)
        return true;
    sqlite3_stmt *st = insert_n_stmt(db, pre->n_ticks, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    for (size_t i = 0; i < pre->n_ticks; i++) {
        sqlite3_bind_int64(st, (int)(2 + 2 * i), pre->ticks[i].criterion_id);
        sqlite3_bind_int(st, (int)(3 + 2 * i), pre->ticks[i].ticked);
    }
    int rc = sqlite3_step(st);
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
