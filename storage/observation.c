/* Lesson observations beyond generic CRUD: the versioned criteria templates
 * (observation_template, observation_criterion; migration step 10) and the
 * aggregates behind the observation summary and the "who is not observed
 * yet" list. The summary is one pass over the covering index
 * observation_summary (migration 11); the other aggregates are one statement
 * each: no query per row, no table scan. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statements of this file live in the cache's space SSP_OBSERVATION. */
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
    OS_DATA_VERSION,
    OS_STAFF_WINDOW,
    OS_CRIT_MAP,
};

static const char *const obs_setting_key = "observation_template";

static sqlite3_stmt *
obs_stmt(struct storage_db *db, enum obs_stmt which, const char *sql, struct sk_error *err)
{
    uint32_t key = storage_stmt_space_key(SSP_OBSERVATION, (unsigned)which);
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
    /* criteria wording is part of the observations (README "Working together") */
    if (!storage_require_area(db, SAREA_OBSERVATIONS, SA_READ, err))
        return false;
    sqlite3_stmt *st = obs_stmt(db, OS_TEMPLATE_BY_CODE,
                                "SELECT id, code, name, ifnull(title, ''), ifnull(methodology, '')"
                                " FROM observation_template WHERE code = ?1",
                                err);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, out->code, sizeof out->code);
        copy_col(st, 2, out->name, sizeof out->name);
        copy_col(st, 3, out->title, sizeof out->title);
        copy_col(st, 4, out->methodology, sizeof out->methodology);
    }
    storage_stmt_release(st);
    if (rc == SQLITE_DONE)
        return sk_fail(err, SK_ENOTFOUND, _("There is no observation template “%s”."),
                       SK_QUOTE(code));
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    st = obs_stmt(db, OS_CRITERIA,
                  "SELECT section_no, section_name, code, text, ifnull(section_note, '')"
                  " FROM observation_criterion"
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
        copy_col(st, 4, c->section_note, sizeof c->section_note);
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
    if (!storage_require_area(db, SAREA_OBSERVATIONS, SA_READ, err))
        return false;
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
    if (!storage_require_area(db, SAREA_OBSERVATIONS, SA_READ, err))
        return false;
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
    struct storage_obs_template t = {.crit = (struct storage_obs_criterion *)crit, .n_crit = n};
    snprintf(t.code, sizeof t.code, "%s", code ? code : "");
    if (code && strlen(code) >= sizeof t.code)
        return sk_fail(err, SK_EINVAL, "%s", _("The template code is too long."));
    snprintf(t.name, sizeof t.name, "%s", name ? name : "");
    return storage_obs_template_add_worded(db, &t, err);
}

bool
storage_obs_template_add_worded(struct storage_db *db, const struct storage_obs_template *t,
                                struct sk_error *err)
{
    const char *code = t->code, *name = t->name;
    const struct storage_obs_criterion *crit = t->crit;
    size_t n = t->n_crit;
    if (!storage_require_area(db, SAREA_OBSERVATIONS, SA_WRITE, err))
        return false;
    if (!code || !code[0])
        return sk_fail(err, SK_EINVAL, "%s", _("A template needs a code, e.g. LVT-2025."));
    if (n == 0)
        return sk_fail(err, SK_EINVAL, "%s", _("A template needs at least one criterion."));
    if (n > STORAGE_OBS_TEMPLATE_MAX_CRIT)
        return sk_fail(err, SK_EINVAL, _("A template has at most %d criteria."),
                       STORAGE_OBS_TEMPLATE_MAX_CRIT);
    for (size_t i = 0; i < n; i++) {
        if (!forms_observation_code_ok(crit[i].code))
            return sk_fail(err, SK_EINVAL,
                           _("Criterion “%s”: a criterion code is a section number, a point and "
                             "a number, e.g. 5.1."),
                           SK_QUOTE(crit[i].code));
        if (crit[i].section_no != (int)strtol(crit[i].code, NULL, 10))
            return sk_fail(err, SK_EINVAL,
                           _("Criterion “%s” is listed in section %d; its code says section %d."),
                           SK_QUOTE(crit[i].code), crit[i].section_no,
                           (int)strtol(crit[i].code, NULL, 10));
        for (size_t j = 0; j < i; j++)
            if (strcmp(crit[i].code, crit[j].code) == 0)
                return sk_fail(err, SK_EINVAL, _("Criterion “%s” is listed twice."),
                               SK_QUOTE(crit[i].code));
    }
    struct storage_obs_template old;
    struct sk_error e2 = {0};
    if (storage_obs_template_get(db, code, &old, &e2)) {
        storage_obs_template_fini(&old);
        return sk_fail(err, SK_EINVAL, _("An observation template “%s” exists already."),
                       SK_QUOTE(code));
    }
    bool own = false;
    if (!storage_op_begin(db, &own, err))
        return false;
    bool ok = false;
    sqlite3_stmt *st = obs_stmt(db, OS_TEMPLATE_INSERT,
                                "INSERT INTO observation_template(code, name, created_at, title,"
                                " methodology) VALUES (?1, ?2, ?3, nullif(?4, ''), nullif(?5, ''))",
                                err);
    if (st) {
        sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, name && name[0] ? name : code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, db->now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, t->title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, t->methodology, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        storage_stmt_release(st);
        ok = rc == SQLITE_DONE || storage_fail_db(db, rc, err);
    }
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    if (ok)
        st = obs_stmt(db, OS_CRITERION_INSERT,
                      "INSERT INTO observation_criterion(template_id, position, section_no,"
                      " section_name, code, text, section_note)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, ''))",
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
        sqlite3_bind_text(st, 7, crit[i].section_note, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        storage_stmt_release(st);
        ok = rc == SQLITE_DONE || storage_fail_db(db, rc, err);
    }
    if (ok)
        ok = storage_audit_write(db, 0, "observation-templates", id, "insert", NULL, NULL, code,
                                 err);
    if (!storage_op_end(db, own, ok, err))
        return false;
    /* sheets of this template get a tick field for each of its criteria */
    return storage_obs_register_criteria(db, err);
}

/* ------------------------------------------------------------- aggregates */

/* ------------------------------------------------- one pass for the summary */

/* The observation summary reads the year's final sheets once, in C, from
 * the covering index observation_summary (migration 11): SQLite evaluating
 * some sixty aggregate expressions per sheet cost 2.5 us a sheet (630 ms
 * for the 250 000 sheets of a year in a 1 000 000-sheet file, bench/run);
 * reading the columns costs a fraction of that. The same pass counts the
 * sheets per area and per teacher and keeps them (the stash) for
 * storage_obs_by_area and storage_obs_teacher_counts, which the summary
 * calls next with the same window; any write since makes them ask SQLite
 * again. */
struct obs_area {
    char *name; /* owned; "" = no area */
    size_t len; /* bytes in name */
    int64_t n;
};
struct storage_obs_stash {
    int64_t school_id;
    sk_date from, to;
    int64_t changes;        /* sqlite3_total_changes64 when made */
    int64_t data_version;   /* PRAGMA data_version when made (other connections) */
    struct obs_area *areas; /* owned */
    size_t n_areas, cap_areas;
    int64_t *t_id, *t_n; /* owned open-addressing table of teacher id -> sheets (id 0 = empty) */
    size_t t_cap, t_used;
};

void
storage_obs_stash_free(struct storage_db *db)
{
    struct storage_obs_stash *sh = db ? db->obs_stash : NULL;
    if (!sh)
        return;
    for (size_t i = 0; i < sh->n_areas; i++)
        free(sh->areas[i].name);
    free(sh->areas);
    free(sh->t_id);
    free(sh->t_n);
    free(sh);
    db->obs_stash = NULL;
}

static bool
data_version(struct storage_db *db, int64_t *out)
{
    sqlite3_stmt *st = obs_stmt(db, OS_DATA_VERSION, "PRAGMA data_version", NULL);
    if (!st)
        return false;
    bool ok = sqlite3_step(st) == SQLITE_ROW;
    *out = ok ? sqlite3_column_int64(st, 0) : 0;
    storage_stmt_release(st);
    return ok;
}

/* The stash, when it was made for exactly this window and nothing changed. */
static struct storage_obs_stash *
stash_for(struct storage_db *db, int64_t school_id, sk_date from, sk_date to)
{
    struct storage_obs_stash *sh = db->obs_stash;
    int64_t dv = 0;
    if (!sh || sh->school_id != school_id || sh->from != from || sh->to != to ||
        sh->changes != (int64_t)sqlite3_total_changes64(db->sql) || !data_version(db, &dv) ||
        dv != sh->data_version)
        return NULL;
    return sh;
}

static void
stash_area(struct storage_obs_stash *sh, const char *name, size_t len)
{
    for (size_t i = sh->n_areas; i-- > 0;)
        if (sh->areas[i].len == len && memcmp(sh->areas[i].name, name, len) == 0) {
            sh->areas[i].n++;
            return;
        }
    if (sh->n_areas == sh->cap_areas) {
        sh->cap_areas = sh->cap_areas ? 2 * sh->cap_areas : 16;
        sh->areas = sk_xrealloc(sh->areas, sh->cap_areas * sizeof *sh->areas);
    }
    sh->areas[sh->n_areas++] = (struct obs_area){sk_xstrndup(name, len), len, 1};
}

static void
stash_teacher_grow(struct storage_obs_stash *sh)
{
    size_t cap = sh->t_cap ? 2 * sh->t_cap : 256;
    int64_t *id = sk_xcalloc(cap, sizeof *id), *n = sk_xcalloc(cap, sizeof *n);
    for (size_t i = 0; i < sh->t_cap; i++) {
        if (!sh->t_id[i])
            continue;
        size_t j = (size_t)((uint64_t)sh->t_id[i] * 0x9E3779B97F4A7C15u >> 32) & (cap - 1);
        while (id[j])
            j = (j + 1) & (cap - 1);
        id[j] = sh->t_id[i];
        n[j] = sh->t_n[i];
    }
    free(sh->t_id);
    free(sh->t_n);
    sh->t_id = id;
    sh->t_n = n;
    sh->t_cap = cap;
}

/* Counts one sheet of teacher id (> 0); returns true when the id is new. */
static bool
stash_teacher(struct storage_obs_stash *sh, int64_t id)
{
    if ((sh->t_used + 1) * 2 > sh->t_cap)
        stash_teacher_grow(sh);
    size_t j = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u >> 32) & (sh->t_cap - 1);
    while (sh->t_id[j] && sh->t_id[j] != id)
        j = (j + 1) & (sh->t_cap - 1);
    sh->t_n[j]++;
    if (sh->t_id[j])
        return false;
    sh->t_id[j] = id;
    sh->t_used++;
    return true;
}

static int64_t
stash_teacher_count(const struct storage_obs_stash *sh, int64_t id)
{
    if (!sh->t_cap || id <= 0)
        return 0;
    size_t j = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u >> 32) & (sh->t_cap - 1);
    while (sh->t_id[j] && sh->t_id[j] != id)
        j = (j + 1) & (sh->t_cap - 1);
    return sh->t_id[j] ? sh->t_n[j] : 0;
}

/* Whether the '|'-joined flag text s (n bytes) holds key. */
static bool
has_flag(const char *s, size_t n, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; i + k <= n;) {
        size_t e = i;
        while (e < n && s[e] != '|')
            e++;
        if (e - i == k && memcmp(s + i, key, k) == 0)
            return true;
        i = e + 1;
    }
    return false;
}

/* The criteria of one template by position (bit = position - 1 of the
 * sheet's bit sets): tick slot (field - first, -1 = none) and section index. */
struct tpl_map {
    char code[64];
    int16_t slot[STORAGE_OBS_TEMPLATE_MAX_CRIT], section[STORAGE_OBS_TEMPLATE_MAX_CRIT];
    uint64_t sec_bits[STORAGE_OBS_MAX_SECTIONS]; /* positions of each section */
};

/* Every template's map (*out owned), and which sections exist. */
static bool
load_tpl_maps(struct storage_db *db, struct tpl_map **out, size_t *n,
              bool has_section[STORAGE_OBS_MAX_SECTIONS], struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = obs_stmt(db, OS_CRIT_MAP,
                                "SELECT t.code, c.position, c.code, c.section_no"
                                " FROM observation_template t JOIN observation_criterion c"
                                " ON c.template_id = t.id ORDER BY t.id, c.position",
                                err);
    if (!st)
        return false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *tcode = (const char *)sqlite3_column_text(st, 0);
        if (!tcode)
            continue;
        if (*n == 0 || strcmp((*out)[*n - 1].code, tcode) != 0) {
            *out = sk_xrealloc(*out, (*n + 1) * sizeof **out);
            struct tpl_map *m = &(*out)[(*n)++];
            memset(m, 0, sizeof *m);
            snprintf(m->code, sizeof m->code, "%s", tcode);
            for (int k = 0; k < STORAGE_OBS_TEMPLATE_MAX_CRIT; k++)
                m->slot[k] = m->section[k] = -1;
        }
        struct tpl_map *m = &(*out)[*n - 1];
        int pos = sqlite3_column_int(st, 1) - 1;
        if (pos < 0 || pos >= STORAGE_OBS_TEMPLATE_MAX_CRIT)
            continue;
        const char *code = (const char *)sqlite3_column_text(st, 2);
        int f = code ? forms_observation_crit_field(code) : -1;
        int slot = f >= 0 ? f - (int)forms_observation_first_crit : -1;
        m->slot[pos] = (int16_t)(slot < STORAGE_OBS_MAX_CRIT ? slot : -1);
        int sec = sqlite3_column_int(st, 3) - 1;
        if (sec >= 0 && sec < STORAGE_OBS_MAX_SECTIONS) {
            has_section[sec] = true;
            m->section[pos] = (int16_t)sec;
            m->sec_bits[sec] |= (uint64_t)1 << pos;
        }
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
storage_obs_stats(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                  struct storage_obs_stats *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!storage_check_figures(db, SAREA_OBSERVATIONS, err))
        return false;
    const struct forms_kind *kind = &forms_kind_observation;
    struct tpl_map *maps = NULL;
    size_t n_maps = 0;
    if (!load_tpl_maps(db, &maps, &n_maps, out->has_section, err))
        return false;
    /* one range of the covering index observation_summary: the ticks come
     * as the sheet's two bit sets (migration 15), not as its tick rows */
    sqlite3_stmt *st =
        obs_stmt(db, OS_STATS,
                 "SELECT teacher, ifnull(area, ''), recommendations, template,"
                 " ticks_assessed, ticks_on FROM observation"
                 /* date >= ?2 leaves out NULL dates, and is a range of the index */
                 " WHERE school_id = ?1 AND status = 'final' AND date >= ?2 AND date < ?3",
                 err);
    if (!st) {
        free(maps);
        return false;
    }
    const struct forms_field *rf = &kind->fields[forms_field_index(kind, "recommendations")];
    storage_obs_stash_free(db);
    struct storage_obs_stash *sh = sk_xcalloc(1, sizeof *sh);
    sh->school_id = school_id;
    sh->from = from;
    sh->to = to;
    sqlite3_bind_int64(st, 1, school_id);
    bind_date(st, 2, from);
    bind_date(st, 3, to);
    const struct tpl_map *m = NULL; /* the template of the previous sheet */
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->count++;
        int64_t teacher = sqlite3_column_int64(st, 0);
        if (sqlite3_column_type(st, 0) != SQLITE_NULL && teacher > 0 && stash_teacher(sh, teacher))
            out->teachers_observed++;
        stash_area(sh, (const char *)sqlite3_column_text(st, 1),
                   (size_t)sqlite3_column_bytes(st, 1));
        const char *rec = (const char *)sqlite3_column_text(st, 2);
        if (rec) {
            size_t rn = (size_t)sqlite3_column_bytes(st, 2);
            out->with_recommendation++;
            for (size_t k = 0; k < rf->n_choices && k < STORAGE_OBS_N_RECOMMENDATIONS; k++)
                if (has_flag(rec, rn, rf->choices[k].key))
                    out->recommendation[k]++;
        }
        uint64_t assessed = (uint64_t)sqlite3_column_int64(st, 4);
        if (!assessed)
            continue;
        uint64_t on = (uint64_t)sqlite3_column_int64(st, 5);
        const char *tpl = (const char *)sqlite3_column_text(st, 3);
        if (!tpl)
            continue;
        if (!m || strcmp(m->code, tpl) != 0) {
            m = NULL;
            for (size_t k = 0; k < n_maps && !m; k++)
                if (strcmp(maps[k].code, tpl) == 0)
                    m = &maps[k];
            if (!m)
                continue;
        }
        uint64_t bits = assessed;
        for (int pos = 0; bits && pos < STORAGE_OBS_TEMPLATE_MAX_CRIT; pos++, bits >>= 1) {
            if ((bits & 1) && m->slot[pos] >= 0) {
                out->assessed[m->slot[pos]]++;
                out->ticked[m->slot[pos]] += (int64_t)((on >> pos) & 1);
            }
        }
        for (int s = 0; s < STORAGE_OBS_MAX_SECTIONS; s++) {
            uint64_t sb = m->sec_bits[s] & assessed;
            if (!sb)
                continue;
            out->section_assessed[s]++;
            out->section_all[s] += (on & sb) == sb;
        }
    }
    storage_stmt_release(st);
    free(maps);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < sh->n_areas; i++)
            free(sh->areas[i].name);
        free(sh->areas);
        free(sh->t_id);
        free(sh->t_n);
        free(sh);
        return storage_fail_db(db, rc, err);
    }
    sh->changes = (int64_t)sqlite3_total_changes64(db->sql);
    db->obs_stash = sh;
    if (!data_version(db, &sh->data_version))
        storage_obs_stash_free(db);
    return true;
}

/* Most sheets first, then the area in Latvian order (as the SQL did). */
static int
cmp_area(const void *a, const void *b)
{
    const struct obs_area *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return forms_collate(x->name, strlen(x->name), y->name, strlen(y->name));
}

bool
storage_obs_by_area(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                    void (*cb)(void *ctx, const char *area, int64_t n), void *ctx,
                    struct sk_error *err)
{
    if (!storage_check_figures(db, SAREA_OBSERVATIONS, err))
        return false;
    struct storage_obs_stash *sh = stash_for(db, school_id, from, to);
    if (sh) {
        if (sh->n_areas > 1) /* qsort(NULL, 0, …) is undefined */
            qsort(sh->areas, sh->n_areas, sizeof *sh->areas, cmp_area);
        for (size_t i = 0; i < sh->n_areas; i++)
            cb(ctx, sh->areas[i].name, sh->areas[i].n);
        return true;
    }
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

/* Fewest sheets first, then by name in Latvian order, then by id. */
static int
cmp_teacher(const void *a, const void *b)
{
    const struct storage_obs_teacher *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? -1 : 1;
    int c = forms_collate(x->name, strlen(x->name), y->name, strlen(y->name));
    if (c)
        return c;
    return (x->staff_id > y->staff_id) - (x->staff_id < y->staff_id);
}

/* storage_obs_teacher_counts from the stash: the school's staff (a small
 * table) merged with the per-teacher counts of the pass. */
static bool
teacher_counts_from(struct storage_db *db, const struct storage_obs_stash *sh,
                    struct storage_obs_teacher **out, size_t *n, struct sk_error *err)
{
    sqlite3_stmt *st = obs_stmt(db, OS_STAFF_WINDOW,
                                "SELECT id, full_name, role = 'teacher'"
                                " AND (employed_from IS NULL OR employed_from < ?3)"
                                " AND (employed_until IS NULL OR employed_until >= ?2), areas"
                                " FROM staff WHERE school_id = ?1",
                                err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, sh->school_id);
    bind_date(st, 2, sh->from);
    bind_date(st, 3, sh->to);
    int rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        int64_t count = stash_teacher_count(sh, id);
        if (count == 0 && !sqlite3_column_int(st, 2))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = sk_xrealloc(*out, cap * sizeof **out);
        }
        struct storage_obs_teacher *t = &(*out)[(*n)++];
        t->staff_id = id;
        copy_col(st, 1, t->name, sizeof t->name);
        copy_col(st, 3, t->areas, sizeof t->areas);
        t->count = count;
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return storage_fail_db(db, rc, err);
    }
    if (*n > 1)
        qsort(*out, *n, sizeof **out, cmp_teacher);
    return true;
}

bool
storage_obs_teacher_counts(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                           struct storage_obs_teacher **out, size_t *n, struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    if (!storage_check_figures(db, SAREA_OBSERVATIONS, err))
        return false;
    struct storage_obs_stash *sh = stash_for(db, school_id, from, to);
    if (sh)
        return teacher_counts_from(db, sh, out, n, err);
    /* Teachers employed at some time in the window, plus anyone observed as
     * a teacher in it; fewest observations first, then by name. */
    sqlite3_stmt *st =
        obs_stmt(db, OS_TEACHERS,
                 /* the year's sheets counted per teacher in one range of the
                  * covering index, then joined: no lookup per staff member */
                 "SELECT s.id, s.full_name, ifnull(o.n, 0), s.areas FROM staff s"
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
        copy_col(st, 3, t->areas, sizeof t->areas);
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
    if (!storage_check_figures(db, SAREA_OBSERVATIONS, err))
        return false;
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
