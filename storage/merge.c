/* Merging a copy that was used elsewhere (issue 14 §4): a deputy takes
 * `skola backup laptop.db`, works on it without the network and brings it
 * back; `skola merge laptop.db` brings the copy's records in by uid.
 *
 * What changed since the copy was taken is told by versions: every record
 * has a `version` that each save increments, and `backup` writes into the
 * copy every record's version at that moment (merge_base, the common
 * ancestor of both files) and the identity of the file it came from
 * (merge_origin). A record whose version differs from its base version was
 * changed on that side; a base record missing on one side was deleted
 * there. The copy is ATTACHed to this file's connection for these
 * comparisons and its records are read through a second, read-only
 * connection; every change here goes through the record functions (audit
 * rows, sort keys, ticks), all in one transaction with the copy's audit
 * rows, so a kill leaves all or nothing. */
#include "storage/internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------ marking a copy */

bool
storage_merge_mark_copy(const char *copy_path, const char *taken_at, struct sk_error *err)
{
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(copy_path, &dst, SQLITE_OPEN_READWRITE, NULL);
    struct sk_buf sql = {0};
    sk_buf_adds(&sql, "BEGIN IMMEDIATE;"
                      "INSERT OR REPLACE INTO merge_origin(id, source_uid, taken_at, audit_mark)"
                      " SELECT 1, uid, ");
    /* taken_at is skola's own timestamp text (digits, '-', ':', 'T', 'Z') */
    sk_buf_addf(&sql, "'%s'", taken_at);
    sk_buf_adds(&sql, ", (SELECT ifnull(max(id), 0) FROM audit) FROM file_identity WHERE id = 1;"
                      "UPDATE file_identity SET uid = lower(hex(randomblob(16)));"
                      "DELETE FROM merge_base;");
    /* rows another program inserted without a uid get theirs before the
     * base names them ('' would match every such row) */
    for (size_t k = 0; k < forms_n_kinds; k++)
        sk_buf_addf(&sql, "UPDATE \"%s\" SET uid = skola_uid() WHERE uid = '';",
                    forms_kinds[k]->table);
    for (size_t k = 0; k < forms_n_kinds; k++)
        sk_buf_addf(&sql,
                    "INSERT INTO merge_base(kind, uid, school_id, record_id, version)"
                    " SELECT '%s', uid, school_id, id, version FROM \"%s\";",
                    forms_kinds[k]->key, forms_kinds[k]->table);
    sk_buf_adds(&sql, "COMMIT;");
    char *msg = NULL;
    if (rc == SQLITE_OK)
        rc = storage_uid_register(dst);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, sql.s, NULL, NULL, &msg);
    bool ok = rc == SQLITE_OK;
    if (!ok)
        sk_fail(err, SK_EIO, _("Cannot mark the copy %s for a later merge: %s"), copy_path,
                msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    sk_buf_free(&sql);
    if (sqlite3_close(dst) != SQLITE_OK && ok)
        ok = sk_fail(err, SK_EIO, _("Cannot mark the copy %s for a later merge: %s"), copy_path,
                     sqlite3_errmsg(dst));
    return ok;
}

/* ---------------------------------------------------------------- merge */

struct merge {
    struct storage_db *db;  /* this file, the copy ATTACHed as `other` */
    struct storage_db *odb; /* the copy, read-only, for its records */
    const struct storage_merge_opts *opts;
    struct storage_merge_result *res;
    char copy_uid[64];
    int64_t school;           /* this file's school */
    int64_t other_school;     /* the same school in the copy */
    struct forms_record m, o; /* scratch: the record here and there */
    struct sk_buf shown, a_text, b_text;
    int64_t mark;       /* the copy's last audit row when it was taken */
    int64_t since;      /* the copy's audit rows after this one are new to this file */
    int64_t here_since; /* the record's audit rows here after this one are this file's */
    int64_t o_key;      /* the copy's record: its version and a hash of its values */
    bool unbased;       /* the record is not in the copy's base (merge_unbased) */
    char taken_at[64];  /* when the copy was taken: its audit rows before are not new */
    struct forgotten {
        int64_t school;
        char uid[FORMS_UID_LEN + 1];
        char *name; /* owned: the name the copy still holds */
        char pseudonym[32];
    } * forgot; /* people forgotten in this file that the copy still names */
    size_t n_forgot;
    sqlite3_stmt *st_kept, *st_note; /* kept_before, note_merged: once per record */
    int dangling;                    /* a field of mg->o naming a record this file lacks, or -1 */
    char dangling_uid[FORMS_UID_LEN + 1];
    struct sk_error *err;
};

/* One-row, one-integer query; *out = fallback when there is no row. */
static bool
query_int(struct storage_db *db, const char *sql, const char *text, int64_t *out, int64_t fallback,
          struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    *out = fallback;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        if (text)
            sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
            *out = sqlite3_column_int64(st, 0);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

static bool
query_text(struct storage_db *db, const char *sql, char *out, size_t cap, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    out[0] = '\0';
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(db, rc, err);
}

static const char *record_name(struct merge *mg, const struct forms_record *rec);

/* Every uid of the copy must be one skola makes (36 characters: lowercase
 * hex digits in groups 8-4-4-4-12): another program may have written
 * something else, and a record is matched by it. */
static bool
check_uid_forms(struct merge *mg, const char *path)
{
    char glob[2 * FORMS_UID_LEN * 6 + 1], *g = glob;
    for (int i = 0; i < FORMS_UID_LEN; i++) {
        const char *part = i == 8 || i == 13 || i == 18 || i == 23 ? "-" : "[0-9a-f]";
        size_t n = strlen(part);
        memcpy(g, part, n);
        g += n;
    }
    *g = '\0';
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        struct sk_buf q = {0};
        sk_buf_addf(&q,
                    "SELECT id, uid, school_id FROM other.\"%s\" WHERE uid <> ''"
                    " AND NOT uid GLOB ?1"
                    " ORDER BY id LIMIT 1",
                    kind->table);
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(mg->db->sql, q.s, -1, &st, NULL);
        sk_buf_free(&q);
        int64_t id = 0, school = 0;
        char uid[128] = "";
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, glob, -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                id = sqlite3_column_int64(st, 0);
                school = sqlite3_column_int64(st, 2);
                const char *u = (const char *)sqlite3_column_text(st, 1);
                snprintf(uid, sizeof uid, "%s", u ? u : "");
            }
            rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_OK)
            return storage_fail_db(mg->db, rc, mg->err);
        if (!id)
            continue;
        forms_record_fini(&mg->o);
        forms_record_init(&mg->o, kind);
        const char *name = "";
        struct sk_error ignored = {0};
        if (storage_record_get(mg->odb, kind, school, id, &mg->o, &ignored))
            name = record_name(mg, &mg->o);
        return sk_fail(mg->err, SK_EINVAL,
                       _("%s: %s “%s” has the record id “%s”, which skola does not make "
                         "(changed by another program?); nothing was merged."),
                       SK_QUOTE(path), forms_kind_label(kind), SK_QUOTE(name), SK_QUOTE(uid));
    }
    return true;
}

/* The copy must be of this school, of this skola's schema, and made from
 * this file by `skola backup`. */
static bool
check_copy(struct merge *mg, const char *path)
{
    struct storage_db *db = mg->db;
    struct sk_error *err = mg->err;
    int64_t n = 0, ours = 0, theirs = 0;
    if (!query_int(db, "PRAGMA main.user_version", NULL, &ours, 0, err) ||
        !query_int(db, "PRAGMA other.user_version", NULL, &theirs, 0, err))
        return false;
    if (ours != theirs)
        return sk_fail(err, SK_EINVAL,
                       _("%s has schema %lld, this file %lld: open it once with this skola "
                         "(“skola --db FILE check”) and merge again."),
                       SK_QUOTE(path), (long long)theirs, (long long)ours);
    if (!query_int(db,
                   "SELECT count(*) FROM (SELECT code FROM main.school EXCEPT"
                   " SELECT code FROM other.school UNION ALL SELECT code FROM other.school"
                   " EXCEPT SELECT code FROM main.school)",
                   NULL, &n, 0, err))
        return false;
    if (n > 0)
        return sk_fail(err, SK_EINVAL,
                       _("%s is a file of another school; only a copy of this school's file "
                         "can be merged."),
                       SK_QUOTE(path));
    char here[64], origin[64];
    if (!query_text(db, "SELECT uid FROM main.file_identity WHERE id = 1", here, sizeof here,
                    err) ||
        !query_text(db, "SELECT source_uid FROM other.merge_origin WHERE id = 1", origin,
                    sizeof origin, err) ||
        !query_text(db, "SELECT uid FROM other.file_identity WHERE id = 1", mg->copy_uid,
                    sizeof mg->copy_uid, err))
        return false;
    if (!here[0] || strcmp(here, origin) != 0)
        return sk_fail(err, SK_EINVAL,
                       _("%s was not copied from this file: a copy to merge is made with "
                         "“skola backup FILE” from this file."),
                       SK_QUOTE(path));
    /* a record is matched by its uid: rows another program inserted
     * without one ('') would all match each other */
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const char *t = forms_kinds[k]->table;
        struct sk_buf q = {0};
        sk_buf_addf(&q,
                    "SELECT (SELECT count(*) FROM main.\"%s\" WHERE uid = '') +"
                    " (SELECT count(*) FROM other.\"%s\" WHERE uid = '')",
                    t, t);
        bool ok = query_int(db, q.s, NULL, &n, 0, err);
        sk_buf_free(&q);
        if (!ok)
            return false;
        if (n > 0)
            return sk_fail(err, SK_EINVAL,
                           ngettext("%s: %lld record has no record id (uid; inserted by "
                                    "another program): run “skola check --repair” on this "
                                    "file and on %s, then merge again.",
                                    "%s: %lld records have no record id (uid; inserted by "
                                    "another program): run “skola check --repair” on this "
                                    "file and on %s, then merge again.",
                                    (unsigned long)n),
                           forms_kinds[k]->key, (long long)n, SK_QUOTE(path));
    }
    return check_uid_forms(mg, path);
}

/* The first difference storage_schema_compare names. */
static void
first_problem(void *ctx, const char *line)
{
    char *first = ctx;
    if (!first[0])
        snprintf(first, 512, "%s", line);
}

/* The copy's schema must be the one this skola expects (as `skola check`
 * compares it): a column or table missing there would otherwise be read
 * as something else. */
static bool
check_schema(struct merge *mg, const char *path)
{
    char first[512] = "";
    size_t n = 0;
    if (!storage_schema_compare(mg->odb, first_problem, first, &n, mg->err))
        return false;
    if (n > 0)
        return sk_fail(mg->err, SK_EINVAL,
                       _("%s does not have the schema this skola expects (%s); nothing was "
                         "merged. “skola --db FILE check” names every difference."),
                       SK_QUOTE(path), first);
    return true;
}

/* A kind after every kind it refers to, so that a referred record is added
 * before the one naming it. */
static size_t
kinds_in_order(const struct forms_kind **out)
{
    size_t n = 0;
    bool placed[64] = {false};
    while (n < forms_n_kinds && n < SK_ARRAY_LEN(placed)) {
        size_t before = n;
        for (size_t k = 0; k < forms_n_kinds && k < SK_ARRAY_LEN(placed); k++) {
            if (placed[k])
                continue;
            bool ready = true;
            for (size_t i = 0; i < forms_kinds[k]->n_fields; i++) {
                const struct forms_field *f = &forms_kinds[k]->fields[i];
                if (f->type != FT_REF || !f->ref_kind ||
                    strcmp(f->ref_kind, forms_kinds[k]->key) == 0)
                    continue;
                for (size_t j = 0; j < forms_n_kinds; j++)
                    if (!placed[j] && strcmp(forms_kinds[j]->key, f->ref_kind) == 0)
                        ready = false;
            }
            if (ready) {
                placed[k] = true;
                out[n++] = forms_kinds[k];
            }
        }
        if (n == before) /* a cycle: the rest as they come */
            for (size_t k = 0; k < forms_n_kinds && k < SK_ARRAY_LEN(placed); k++)
                if (!placed[k]) {
                    placed[k] = true;
                    out[n++] = forms_kinds[k];
                }
    }
    return n;
}

static const char *
field_text(const struct forms_field *f, const struct forms_value *v, struct sk_buf *b)
{
    char buf[1024];
    sk_buf_reset(b);
    sk_buf_adds(b, v->is_set ? forms_value_format(f, v, FS_CSV, buf, sizeof buf) : "");
    return b->s;
}

/* How a record is named in a conflict: its natural key, else its list
 * columns (as the import's messages do). */
static const char *
record_name(struct merge *mg, const struct forms_record *rec)
{
    const struct forms_kind *kind = rec->kind;
    bool natkey = false;
    for (size_t i = 0; i < kind->n_fields; i++)
        natkey |= (kind->fields[i].flags & FF_NATKEY) != 0;
    sk_buf_reset(&mg->shown);
    sk_buf_adds(&mg->shown, "");
    char buf[512];
    for (size_t i = 0, n = 0; i < kind->n_fields && n < 3; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (!(f->flags & (natkey ? FF_NATKEY : FF_LIST)) || !rec->values[i].is_set)
            continue;
        const char *t = forms_value_format(f, &rec->values[i], FS_CSV, buf, sizeof buf);
        if (*t)
            sk_buf_addf(&mg->shown, "%s%s", n++ ? ", " : "", t);
    }
    return mg->shown.s;
}

static bool
same_values(struct merge *mg)
{
    const struct forms_kind *kind = mg->m.kind;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const char *a = field_text(&kind->fields[i], &mg->m.values[i], &mg->a_text);
        const char *b = field_text(&kind->fields[i], &mg->o.values[i], &mg->b_text);
        if (strcmp(a, b) != 0)
            return false;
    }
    return true;
}

/* Names the conflict: every differing field (only those set in `only`,
 * when given), or the record deleted on one side (field NULL). */
static void
report_conflict_fields(struct merge *mg, const char *uid, bool here, bool there, const bool *only)
{
    mg->res->conflicts++;
    if (!mg->opts->on_conflict)
        return;
    const struct forms_kind *kind = mg->m.kind;
    struct storage_merge_conflict c = {.kind = kind, .uid = uid};
    if (!here || !there) {
        c.record = record_name(mg, here ? &mg->m : &mg->o);
        c.this_value = here ? _("changed") : NULL;
        c.other_value = there ? _("changed") : NULL;
        mg->opts->on_conflict(mg->opts->ctx, &c);
        return;
    }
    char *name = sk_xstrdup(record_name(mg, &mg->m));
    c.record = name;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const char *a = field_text(&kind->fields[i], &mg->m.values[i], &mg->a_text);
        const char *b = field_text(&kind->fields[i], &mg->o.values[i], &mg->b_text);
        if (strcmp(a, b) == 0 || (only && !only[i]))
            continue;
        c.field = kind->fields[i].key;
        c.this_value = a;
        c.other_value = b;
        mg->opts->on_conflict(mg->opts->ctx, &c);
    }
    free(name);
}

static void
report_conflict(struct merge *mg, const char *uid, bool here, bool there)
{
    report_conflict_fields(mg, uid, here, there, NULL);
}

/* merge_kept's row of a record added on both sides and decided for this
 * file: the kind's key with this suffix, the copy's uid, this file's id of
 * the record kept. The copy's records naming the copy's duplicate name the
 * one kept (read_other): the two were decided to be the same. */
#define ALIAS_SUFFIX "/as"

/* Reads the copy's record `id` into mg->o, its references by the uid of
 * the record they name (the copy's ids mean nothing here, and a name may
 * since name someone else): each becomes this file's id and name of that
 * record. A reference to a record this file does not have is remembered in
 * mg->dangling, and refused only if the record is taken. */
static bool
read_other(struct merge *mg, const struct forms_kind *kind, int64_t id)
{
    if (!storage_record_get(mg->odb, kind, mg->other_school, id, &mg->o, mg->err))
        return false;
    mg->dangling = -1;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        struct forms_value *v = &mg->o.values[i];
        if (f->type != FT_REF || !v->is_set || v->i == 0)
            continue;
        const struct forms_kind *to = f->ref_kind ? forms_kind_by_key(f->ref_kind) : NULL;
        if (!to || !to->name_field)
            return sk_fail(mg->err, SK_EINVAL, _("Unknown record kind “%s”."),
                           f->ref_kind ? f->ref_kind : "?");
        struct sk_buf q = {0};
        sk_buf_addf(&q,
                    "SELECT o.uid, m.id, m.\"%s\" FROM other.\"%s\" o"
                    " LEFT JOIN main.\"%s\" m ON m.id = ifnull((SELECT id FROM main.\"%s\""
                    " WHERE uid = o.uid AND uid <> ''), (SELECT other_version FROM"
                    " main.merge_kept WHERE copy_uid = ?2 AND kind = ?3 AND uid = o.uid))"
                    " WHERE o.id = ?1",
                    to->name_field, to->table, to->table, to->table);
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(mg->db->sql, q.s, -1, &st, NULL);
        sk_buf_free(&q);
        char alias[128];
        snprintf(alias, sizeof alias, "%s" ALIAS_SUFFIX, to->key);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, v->i);
            sqlite3_bind_text(st, 2, mg->copy_uid, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, alias, -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(st);
        }
        if (rc == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL) {
            const char *name = (const char *)sqlite3_column_text(st, 2);
            forms_value_set_text(v, name ? name : "", name ? strlen(name) : 0);
            v->i = sqlite3_column_int64(st, 1);
            v->is_set = true;
        } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
            const char *u = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
            snprintf(mg->dangling_uid, sizeof mg->dangling_uid, "%s", u ? u : "");
            mg->dangling = (int)i;
            v->i = 0;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return storage_fail_db(mg->db, rc, mg->err);
    }
    return true;
}

/* Makes the record here what it is in the copy (mg->o): added, updated or,
 * when the copy has none (o_id 0), deleted. */
static bool take_other(struct merge *mg, const struct forms_kind *kind, const char *uid,
                       int64_t m_id, int64_t o_id);
static bool keep_this(struct merge *mg, const struct forms_kind *kind, const char *uid,
                      int64_t o_version, bool decided);
static bool copy_audit_rows(struct merge *mg, const struct forms_kind *only, int64_t only_id);
static bool merge_fields(struct merge *mg, const struct forms_kind *kind, const char *uid,
                         int64_t m_id, int64_t o_id, bool *merged);
static bool note_taken(struct merge *mg, const struct forms_kind *kind, const char *uid);
static bool note_took(struct merge *mg, const struct forms_kind *kind, const char *uid);
static bool note_from(struct merge *mg, const struct forms_kind *kind, const char *uid,
                      int64_t o_id);
static bool added_twice(struct merge *mg, const struct forms_kind *kind, const char *uid,
                        int64_t o_id);

/* Whether the copy has audit rows of its record `id` since it was taken:
 * then they (copied by copy_audit) are the history of the change taken
 * here, and the merge writes none of its own, so that the log still
 * replays field by field to the stored values. */
static bool
copy_audited(struct merge *mg, const struct forms_kind *kind, int64_t id, bool deleted, bool *has)
{
    sqlite3_stmt *st = NULL;
    *has = false;
    /* a deletion needs the copy's delete row (another program may have
     * deleted without one) */
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                deleted ? "SELECT 1 FROM other.audit WHERE kind = ?1"
                                          " AND record_id = ?2 AND id > ?3 AND at >= ?4"
                                          " AND action = 'delete' LIMIT 1"
                                        : "SELECT 1 FROM other.audit WHERE kind = ?1"
                                          " AND record_id = ?2 AND id > ?3 AND at >= ?4 LIMIT 1",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
        sqlite3_bind_int64(st, 3, mg->mark);
        sqlite3_bind_text(st, 4, mg->taken_at, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        *has = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* take_other of a change made only in the copy (its record there is
 * `copy_id`, the base record id for a deletion). */
static bool
take_one_sided(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t m_id,
               int64_t o_id, int64_t copy_id)
{
    bool has = false;
    if (m_id && !copy_audited(mg, kind, copy_id, o_id == 0, &has))
        return false;
    /* deleted in the copy without a delete row: this file's delete row
     * ends the record's history, the copy's rows of it stay out */
    if (m_id && !o_id && !has && !keep_this(mg, kind, uid, 0, false))
        return false;
    mg->db->audit_copied = has;
    bool ok = take_other(mg, kind, uid, m_id, o_id);
    mg->db->audit_copied = false;
    return ok;
}

/* Whether the copy's record `uid` is new in the copy and was left out
 * in this merge: one added on both sides, not decided (added_twice). */
static bool
added_undecided(struct merge *mg, const struct forms_kind *kind, const char *uid, bool *twice)
{
    sqlite3_stmt *st = NULL;
    *twice = false;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "SELECT 1 FROM temp.merge_skip s WHERE s.kind = ?1 AND s.uid = ?2"
                                " AND NOT EXISTS (SELECT 1 FROM other.merge_base b"
                                " WHERE b.kind = ?1 AND b.uid = ?2)"
                                /* decided before for this file (note_alias) */
                                " AND NOT EXISTS (SELECT 1 FROM main.merge_kept k"
                                " WHERE k.copy_uid = ?3 AND k.kind = ?1 || '" ALIAS_SUFFIX "'"
                                " AND k.uid = ?2)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, mg->copy_uid, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        *twice = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

static bool
take_other(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t m_id,
           int64_t o_id)
{
    bool ok;
    if (!o_id) {
        mg->res->deleted++;
        ok = storage_record_delete(mg->db, kind, mg->school, m_id, 0, mg->err);
    } else if (mg->dangling >= 0) {
        const struct forms_field *f = &kind->fields[mg->dangling];
        const struct forms_kind *to = forms_kind_by_key(f->ref_kind);
        char *name = sk_xstrdup(record_name(mg, &mg->o));
        const char *ref = mg->o.values[mg->dangling].s;
        bool twice = false;
        if (to && !added_undecided(mg, to, mg->dangling_uid, &twice)) {
            free(name);
            return false;
        }
        if (twice)
            ok = sk_fail(mg->err, SK_ECONFLICT,
                         _("%s “%s” (%s) of the copy cannot be merged: it refers to %s “%s” (%s), "
                           "which was added in both files and is not decided yet; nothing was "
                           "merged. Choose with --prefer this or --prefer other."),
                         forms_kind_label(kind), SK_QUOTE(name), uid, forms_kind_label(to),
                         SK_QUOTE(ref ? ref : ""), mg->dangling_uid);
        else
            ok = sk_fail(mg->err, SK_EINVAL,
                         _("%s “%s” (%s) of the copy cannot be merged: it refers to %s “%s” (%s), "
                           "which this file does not have (deleted here?)."),
                         forms_kind_label(kind), SK_QUOTE(name), uid,
                         to ? forms_kind_label(to) : f->ref_kind, SK_QUOTE(ref ? ref : ""),
                         mg->dangling_uid);
        free(name);
        return ok;
    } else if (!m_id) {
        mg->res->added++;
        mg->o.id = 0;
        mg->o.version = 0;
        /* the record as taken is its base for this copy from now on */
        ok = storage_record_insert_uid(mg->db, mg->school, &mg->o, uid, mg->err) &&
             note_taken(mg, kind, uid) && note_from(mg, kind, uid, o_id);
    } else {
        mg->res->updated++;
        for (size_t i = 0; i < kind->n_fields; i++)
            forms_value_copy(&mg->m.values[i], &mg->o.values[i]);
        ok =
            storage_record_update(mg->db, mg->school, &mg->m, mg->err) && note_taken(mg, kind, uid);
    }
    if (ok)
        return note_took(mg, kind, uid);
    if (!mg->err || mg->err->code != SK_EINVAL)
        return false;
    /* a record this file cannot take as it is (the same natural key added
     * on both sides, a deleted record something here refers to): say which */
    char why[sizeof mg->err->msg];
    snprintf(why, sizeof why, "%s", mg->err->msg);
    return sk_fail(mg->err, SK_EINVAL, _("%s “%s” (%s) of the copy cannot be merged: %s"),
                   forms_kind_label(kind), SK_QUOTE(record_name(mg, o_id ? &mg->o : &mg->m)), uid,
                   why);
}

/* This side was kept (a conflict decided for this file, or not decided):
 * the copy's audit rows of the record stay out (they describe values this
 * file does not have), and a decision is remembered so that merging the
 * copy again does not ask again. */
static bool
keep_this(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t o_version,
          bool decided)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "INSERT OR IGNORE INTO temp.merge_skip(kind, uid) VALUES (?1, ?2)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, uid, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK && decided) {
        rc = sqlite3_prepare_v2(mg->db->sql,
                                "INSERT OR REPLACE INTO main.merge_kept(copy_uid, kind, uid,"
                                " other_version) VALUES (?1, ?2, ?3, ?4)",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, kind->key, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 4, o_version);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
            mg->res->kept++;
        }
        sqlite3_finalize(st);
    }
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* Whether this side of (kind, uid) was kept before at the copy's version. */
static bool
kept_before(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t o_version,
            bool *kept)
{
    *kept = false;
    int rc = SQLITE_OK;
    if (!mg->st_kept)
        rc = sqlite3_prepare_v2(mg->db->sql,
                                "SELECT 1 FROM main.merge_kept WHERE copy_uid = ?1 AND kind = ?2"
                                " AND uid = ?3 AND other_version IS ?4",
                                -1, &mg->st_kept, NULL);
    sqlite3_stmt *st = mg->st_kept;
    if (rc == SQLITE_OK) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        if (o_version)
            sqlite3_bind_int64(st, 4, o_version);
        rc = sqlite3_step(st);
        *kept = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_reset(st);
    }
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* merge_kept's rows of a field decided for this file: the kind's key,
 * this suffix and the field's key; the copy's uid; a hash of the copy's
 * value decided against. The copy's field still holding that value is no
 * new change of the copy (merge_fields), another value is. */
#define FIELD_SUFFIX "/field/"

static int64_t
text_hash(const char *t)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return (int64_t)(h & 0x7fffffffffffffffu);
}

/* Remembers each field that differs between mg->m and mg->o (a conflict
 * decided for this file), or (*decided) says whether field i of the copy
 * holds the value decided against before. */
static bool
field_decision(struct merge *mg, const struct forms_kind *kind, const char *uid, size_t i,
               bool note, bool *decided)
{
    const struct forms_field *f = &kind->fields[i];
    char key[192];
    snprintf(key, sizeof key, "%s" FIELD_SUFFIX "%s", kind->key, f->key);
    int64_t h = text_hash(field_text(f, &mg->o.values[i], &mg->b_text));
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                note ? "INSERT OR REPLACE INTO main.merge_kept(copy_uid, kind, uid,"
                                       " other_version) VALUES (?1, ?2, ?3, ?4)"
                                     : "SELECT 1 FROM main.merge_kept WHERE copy_uid = ?1"
                                       " AND kind = ?2 AND uid = ?3 AND other_version = ?4",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, h);
        rc = sqlite3_step(st);
        if (decided)
            *decided = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

static bool
note_fields_kept(struct merge *mg, const struct forms_kind *kind, const char *uid)
{
    for (size_t i = 0; i < kind->n_fields; i++) {
        const char *a = field_text(&kind->fields[i], &mg->m.values[i], &mg->a_text);
        const char *b = field_text(&kind->fields[i], &mg->o.values[i], &mg->b_text);
        if (strcmp(a, b) != 0 && !field_decision(mg, kind, uid, i, true, NULL))
            return false;
    }
    return true;
}

/* Whether the copy's audit row (get's columns 7, 9: field, new value) of
 * record `uid` made a field the value decided against (field_decision):
 * it is not the history of this file's value. */
static bool
decided_row(struct merge *mg, const struct forms_kind *kind, const char *uid, sqlite3_stmt *get,
            bool *skip)
{
    const char *field = (const char *)sqlite3_column_text(get, 7);
    const char *value = (const char *)sqlite3_column_text(get, 9);
    if (!field)
        return true;
    char key[192];
    snprintf(key, sizeof key, "%s" FIELD_SUFFIX "%s", kind->key, field);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "SELECT 1 FROM main.merge_kept WHERE copy_uid = ?1"
                                " AND kind = ?2 AND uid = ?3 AND other_version = ?4",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, text_hash(value ? value : ""));
        rc = sqlite3_step(st);
        *skip = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* A record changed on both sides (here/there false: deleted on that side). */
static bool
conflict(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t m_id,
         int64_t o_id, int64_t o_version)
{
    bool kept = false;
    if (!kept_before(mg, kind, uid, o_version, &kept))
        return false;
    if (kept)
        return keep_this(mg, kind, uid, o_version, false);
    report_conflict(mg, uid, m_id != 0, o_id != 0);
    if (mg->opts->prefer == SP_OTHER) {
        /* this file's own rows say how its value became the copy's; the
         * copy's rows start from the base value, which this file left */
        mg->res->resolved++;
        if (!keep_this(mg, kind, uid, o_version, false))
            return false;
        /* a record deleted here comes back under a new id: its rows are
         * brought after it is, so that they name that id */
        if (!m_id)
            return take_other(mg, kind, uid, m_id, o_id) && copy_audit_rows(mg, kind, o_id);
        return (!o_id || copy_audit_rows(mg, kind, o_id)) && take_other(mg, kind, uid, m_id, o_id);
    }
    if (mg->opts->prefer == SP_THIS) {
        mg->res->resolved++;
        if (m_id && o_id && !note_fields_kept(mg, kind, uid))
            return false;
    }
    return keep_this(mg, kind, uid, o_version, mg->opts->prefer == SP_THIS);
}

/* Whether `field` of the record was changed in the copy (its audit rows
 * after the copy was taken or last merged, copy_side; record `id` there)
 * or here (this file's rows after the copy was taken that did not come
 * from the copy, whose record is `other_id`; record `id` here). */
static bool
field_changed(struct merge *mg, const struct forms_kind *kind, int64_t id, int64_t other_id,
              const char *field, bool copy_side, bool *changed)
{
    sqlite3_stmt *st = NULL;
    *changed = false;
    int rc = sqlite3_prepare_v2(
        mg->db->sql,
        copy_side ? "SELECT 1 FROM other.audit WHERE kind = ?1 AND record_id = ?2 AND id > ?3"
                    " AND field = ?4 LIMIT 1"
                  : "SELECT 1 FROM main.audit a WHERE kind = ?1 AND record_id = ?2 AND id > ?3"
                    " AND field = ?4 AND NOT EXISTS (SELECT 1 FROM other.audit c"
                    " WHERE c.kind = a.kind AND c.record_id = ?5 AND c.at IS a.at AND c.os_user IS "
                    "a.os_user"
                    " AND c.action IS a.action AND c.field IS a.field"
                    " AND c.old_value IS a.old_value AND c.new_value IS a.new_value) LIMIT 1",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
        sqlite3_bind_int64(st, 3, copy_side ? mg->since : mg->here_since);
        sqlite3_bind_text(st, 4, field, -1, SQLITE_STATIC);
        if (!copy_side)
            sqlite3_bind_int64(st, 5, other_id);
        rc = sqlite3_step(st);
        *changed = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* merge_kept's row of when a record was last taken whole from the copy:
 * the kind's key with this suffix (no kind's key has a '/'), the version
 * this file's last audit row then. */
#define TAKEN_SUFFIX "/this"

/* merge_kept's row of a record the copy added and this file took: the
 * kind's key with this suffix, the copy's id of the record (its delete row
 * there says it was deleted since). */
#define FROM_SUFFIX "/from"

static bool
note_from(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t o_id)
{
    char key[128];
    snprintf(key, sizeof key, "%s" FROM_SUFFIX, kind->key);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "INSERT OR REPLACE INTO main.merge_kept(copy_uid, kind, uid,"
                                " other_version) VALUES (?1, ?2, ?3, ?4)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, o_id);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* This file's last audit row when the record was last taken whole from
 * this copy (the copy being the one merged then, copy_since): a change here
 * before that is no change against the copy any more (a conflict decided
 * for the copy, say); else when the copy was taken. */
static bool
here_since(struct merge *mg, const struct forms_kind *kind, const char *uid)
{
    mg->here_since = mg->mark;
    /* a record not in the copy's base and in the copy came from this copy's
     * line whatever its audit rows say (an import writes none of a new record) */
    if (mg->since <= mg->mark && !mg->unbased)
        return true;
    char key[128];
    snprintf(key, sizeof key, "%s" TAKEN_SUFFIX, kind->key);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "SELECT other_version FROM main.merge_kept WHERE copy_uid = ?1"
                                " AND kind = ?2 AND uid = ?3",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > mg->mark)
            mg->here_since = sqlite3_column_int64(st, 0);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* Notes that the record was taken (whole or some fields) from the copy in
 * this merge: its audit rows in the copy come in (copy_audit_rows). */
static bool
note_took(struct merge *mg, const struct forms_kind *kind, const char *uid)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "INSERT OR IGNORE INTO temp.merge_took(kind, uid) VALUES (?1, ?2)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, uid, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* Notes that the record is now the copy's, whole (here_since). */
static bool
note_taken(struct merge *mg, const struct forms_kind *kind, const char *uid)
{
    char key[128];
    snprintf(key, sizeof key, "%s" TAKEN_SUFFIX, kind->key);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "INSERT OR REPLACE INTO main.merge_kept(copy_uid, kind, uid,"
                                " other_version) SELECT ?1, ?2, ?3, ifnull(max(id), 0)"
                                " FROM main.audit",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* Whether the copy's record `id` has an audit row of `field` that
 * copy_audit_rows brings in (after the copy's last row seen here, dated
 * after the copy was taken). */
static bool
copy_field_audited(struct merge *mg, const struct forms_kind *kind, int64_t id, const char *field,
                   bool *has)
{
    sqlite3_stmt *st = NULL;
    *has = false;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "SELECT 1 FROM other.audit WHERE kind = ?1 AND record_id = ?2"
                                " AND id > ?3 AND at >= ?4 AND field = ?5 LIMIT 1",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
        sqlite3_bind_int64(st, 3, mg->since);
        sqlite3_bind_text(st, 4, mg->taken_at, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, field, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        *has = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* merge_kept's row of a field taken from the copy in a conflict decided
 * for the copy: the kind's key, this suffix and the field's key; this
 * file's last audit row then. This file's changes of the field before
 * that are no change against the copy any more (as TAKEN_SUFFIX for a
 * record taken whole). */
#define TOOK_SUFFIX "/took/"

static bool
field_took(struct merge *mg, const struct forms_kind *kind, const char *uid, size_t i, bool note,
           int64_t *since)
{
    char key[192];
    snprintf(key, sizeof key, "%s" TOOK_SUFFIX "%s", kind->key, kind->fields[i].key);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                note ? "INSERT OR REPLACE INTO main.merge_kept(copy_uid, kind, uid,"
                                       " other_version) SELECT ?1, ?2, ?3, ifnull(max(id), 0)"
                                       " FROM main.audit"
                                     : "SELECT other_version FROM main.merge_kept WHERE"
                                       " copy_uid = ?1 AND kind = ?2 AND uid = ?3",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        /* as here_since: only for a copy that has seen that merge */
        if (since && rc == SQLITE_ROW && (mg->since > mg->mark || mg->unbased) &&
            sqlite3_column_int64(st, 0) > *since)
            *since = sqlite3_column_int64(st, 0);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

static bool keep_fields(struct merge *mg, const struct forms_kind *kind, const char *uid,
                        int64_t o_id, const bool *take, const bool *conf);

/* A record changed on both sides, in different fields: each side's fields
 * are kept (*merged). Every field that differs must be explained by the
 * audit rows of exactly one side; otherwise (the same field changed on
 * both sides, or a change without audit rows) it stays a conflict. The
 * copy's audit rows of its fields come in (copy_audit_rows). */
static bool
merge_fields(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t m_id,
             int64_t o_id, bool *merged)
{
    *merged = false;
    if (!here_since(mg, kind, uid))
        return false;
    bool take[256] = {false}, conf[256] = {false}, ok = true;
    size_t n_conf = 0;
    if (kind->n_fields > SK_ARRAY_LEN(take))
        return true;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const char *a = field_text(f, &mg->m.values[i], &mg->a_text);
        const char *b = field_text(f, &mg->o.values[i], &mg->b_text);
        bool differ = f->type == FT_REF ? !forms_value_equal(f, &mg->m.values[i], &mg->o.values[i])
                                        : strcmp(a, b) != 0;
        if (!differ)
            continue;
        /* the copy's value decided against before: ours stays */
        bool decided = false;
        if (!field_decision(mg, kind, uid, i, false, &decided))
            return false;
        if (decided)
            continue;
        bool there = false, here = false;
        int64_t record_since = mg->here_since;
        ok = field_took(mg, kind, uid, i, false, &mg->here_since) &&
             field_changed(mg, kind, o_id, 0, f->key, true, &there) &&
             field_changed(mg, kind, m_id, o_id, f->key, false, &here);
        mg->here_since = record_since;
        if (!ok)
            return false;
        /* a true conflict, or unexplained: only this field is asked */
        conf[i] = there == here;
        n_conf += conf[i];
        take[i] = there && !here;
    }
    /* the fields changed on one side only stay that side's whatever is
     * decided for the others */
    if (n_conf > 0) {
        *merged = true;
        return keep_fields(mg, kind, uid, o_id, take, conf);
    }
    size_t n_take = 0;
    for (size_t i = 0; i < kind->n_fields; i++)
        n_take += take[i];
    /* every difference is this file's own: the record stays as it is (an
     * update would only bump its version, and the next merge again) */
    if (n_take == 0) {
        *merged = true;
        return true;
    }
    mg->res->updated++;
    /* the copy's rows of its fields are the history of what is taken; a
     * field whose rows do not come in (dated before the copy was taken: the
     * laptop's clock behind) gets this file's own row, in a second update */
    bool audited[256] = {false};
    size_t rest = 0;
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (!take[i])
            continue;
        if (!copy_field_audited(mg, kind, o_id, kind->fields[i].key, &audited[i]))
            return false;
        rest += !audited[i];
        if (audited[i])
            forms_value_copy(&mg->m.values[i], &mg->o.values[i]);
    }
    if (rest < n_take) {
        mg->db->audit_copied = true;
        ok = storage_record_update(mg->db, mg->school, &mg->m, mg->err);
        mg->db->audit_copied = false;
    }
    if (ok && rest > 0) {
        for (size_t i = 0; i < kind->n_fields; i++)
            if (take[i] && !audited[i])
                forms_value_copy(&mg->m.values[i], &mg->o.values[i]);
        ok = storage_record_update(mg->db, mg->school, &mg->m, mg->err);
    }
    *merged = ok;
    return ok && note_took(mg, kind, uid);
}

/* A record whose fields `conf` were changed on both sides (or cannot be
 * told apart), and `take` in the copy only: only the former are the
 * conflict and what --prefer decides; the copy's one-sided fields are
 * taken and this file's stay, whichever side is preferred. */
static bool
keep_fields(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t o_id,
            const bool *take, const bool *conf)
{
    bool kept = false;
    if (!kept_before(mg, kind, uid, mg->o_key, &kept))
        return false;
    if (kept)
        return keep_this(mg, kind, uid, mg->o_key, false);
    report_conflict_fields(mg, uid, true, true, conf);
    if (mg->opts->prefer == SP_NONE)
        return keep_this(mg, kind, uid, mg->o_key, false);
    mg->res->resolved++;
    bool other = mg->opts->prefer == SP_OTHER;
    /* the copy's rows of the record come in for --prefer other (as in
     * conflict); else this file's own update row tells what was taken */
    if (!keep_this(mg, kind, uid, mg->o_key, !other))
        return false;
    for (size_t i = 0; !other && i < kind->n_fields; i++)
        if (conf[i] && !field_decision(mg, kind, uid, i, true, NULL))
            return false;
    if (other && !copy_audit_rows(mg, kind, o_id))
        return false;
    size_t n = 0;
    for (size_t i = 0; i < kind->n_fields; i++)
        if (take[i] || (other && conf[i])) {
            forms_value_copy(&mg->m.values[i], &mg->o.values[i]);
            n++;
        }
    if (n == 0)
        return true;
    mg->res->updated++;
    if (!storage_record_update(mg->db, mg->school, &mg->m, mg->err))
        return false;
    for (size_t i = 0; other && i < kind->n_fields; i++)
        if (conf[i] && !field_took(mg, kind, uid, i, true, NULL))
            return false;
    return true;
}

/* The record here (*id, 0: none) that has the natural key or a unique
 * value of the copy's record mg->o. */
static bool
find_twin(struct merge *mg, const struct forms_kind *kind, int64_t *id)
{
    *id = 0;
    bool natkey = false;
    for (size_t i = 0; i < kind->n_fields; i++)
        natkey |= (kind->fields[i].flags & FF_NATKEY) != 0;
    if (natkey && !storage_record_find_natkey(mg->db, mg->school, &mg->o, id, mg->err))
        return false;
    for (size_t i = 0; !*id && i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (!(f->flags & FF_UNIQUE) || (f->flags & FF_NATKEY) || !mg->o.values[i].is_set)
            continue;
        struct sk_buf q = {0};
        sk_buf_addf(&q, "SELECT id FROM main.\"%s\" WHERE school_id = ?1 AND \"%s\" = ?2",
                    kind->table, f->key);
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(mg->db->sql, q.s, -1, &st, NULL);
        sk_buf_free(&q);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, mg->school);
            storage_bind_value(st, 2, f, &mg->o.values[i]);
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW)
                *id = sqlite3_column_int64(st, 0);
            rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_OK)
            return storage_fail_db(mg->db, rc, mg->err);
    }
    return true;
}

static bool
note_alias(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t twin)
{
    char key[128];
    snprintf(key, sizeof key, "%s" ALIAS_SUFFIX, kind->key);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "INSERT OR REPLACE INTO main.merge_kept(copy_uid, kind, uid,"
                                " other_version) VALUES (?1, ?2, ?3, ?4)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, twin);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* A record new in the copy (uid): taken, unless this file has one of the
 * same natural key (or unique value) that is not the copy's: added on both
 * sides, a conflict. --prefer this keeps this file's and leaves the copy's
 * out; --prefer other makes this file's record the copy's (its values and
 * uid, so that the copy's records naming it name this one). */
static bool
added_twice(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t o_id)
{
    int64_t twin = 0;
    if (!find_twin(mg, kind, &twin))
        return false;
    if (!twin)
        return take_other(mg, kind, uid, 0, o_id);
    if (!storage_record_get(mg->db, kind, mg->school, twin, &mg->m, mg->err))
        return false;
    mg->res->conflicts++;
    if (mg->opts->on_conflict) {
        struct storage_merge_conflict c = {.kind = kind, .uid = uid, .this_uid = mg->m.uid};
        c.record = record_name(mg, &mg->o);
        mg->opts->on_conflict(mg->opts->ctx, &c);
    }
    if (mg->opts->prefer == SP_NONE)
        return keep_this(mg, kind, uid, mg->o_key, false);
    mg->res->resolved++;
    if (mg->opts->prefer == SP_THIS)
        return keep_this(mg, kind, uid, mg->o_key, true) && note_alias(mg, kind, uid, twin);
    /* the copy's audit rows describe another record: this file's update
     * row says what changed */
    if (!keep_this(mg, kind, uid, mg->o_key, false))
        return false;
    sqlite3_stmt *st = NULL;
    struct sk_buf q = {0};
    sk_buf_addf(&q, "UPDATE main.\"%s\" SET uid = ?1 WHERE id = ?2", kind->table);
    int rc = sqlite3_prepare_v2(mg->db->sql, q.s, -1, &st, NULL);
    sk_buf_free(&q);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, twin);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return storage_fail_db(mg->db, rc, mg->err);
    snprintf(mg->m.uid, sizeof mg->m.uid, "%s", uid);
    if (!read_other(mg, kind, o_id) || !note_from(mg, kind, uid, o_id))
        return false;
    return take_other(mg, kind, uid, twin, o_id);
}

/* One uid of a kind: its base version (in_base), its id and version here
 * and in the copy (id 0: none). */
struct row {
    char uid[FORMS_UID_LEN + 1];
    bool in_base;
    int64_t b_ver, b_id, m_id, m_ver, o_id, o_ver;
};

/* Of a record the copy's base does not have: whether it came from this
 * copy in an earlier merge (taken whole: added there, or added on both
 * sides and decided for the copy; the copy having seen that merge), then
 * the version taken is its base; and whether the copy's record is a
 * duplicate decided for this file (note_alias). */
static bool
came_from_copy(struct merge *mg, const struct forms_kind *kind, const char *uid, bool *taken,
               bool *alias, int64_t *from)
{
    char key_t[128], key_a[128], key_f[128];
    snprintf(key_t, sizeof key_t, "%s" TAKEN_SUFFIX, kind->key);
    snprintf(key_a, sizeof key_a, "%s" ALIAS_SUFFIX, kind->key);
    snprintf(key_f, sizeof key_f, "%s" FROM_SUFFIX, kind->key);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql,
                                "SELECT EXISTS (SELECT 1 FROM main.merge_kept WHERE copy_uid = ?1"
                                " AND kind = ?2 AND uid = ?4), EXISTS (SELECT 1 FROM"
                                " main.merge_kept WHERE copy_uid = ?1 AND kind = ?3 AND uid = ?4),"
                                " (SELECT other_version FROM main.merge_kept WHERE copy_uid = ?1"
                                " AND kind = ?5 AND uid = ?4)",
                                -1, &st, NULL);
    *taken = *alias = false;
    *from = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key_t, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, key_a, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, key_f, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *taken = sqlite3_column_int(st, 0) != 0;
            *alias = sqlite3_column_int(st, 1) != 0;
            *from = sqlite3_column_int64(st, 2);
        }
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* Whether this file's record `id` has audit rows of its own (not brought
 * from the copy) since it was last taken from the copy (here_since). */
static bool
changed_here_since(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t id,
                   bool *changed)
{
    *changed = false;
    if (!here_since(mg, kind, uid))
        return false;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        mg->db->sql,
        "SELECT 1 FROM main.audit a WHERE kind = ?1 AND record_id = ?2 AND id > ?3"
        " AND NOT EXISTS (SELECT 1 FROM other.audit c WHERE c.kind = a.kind AND c.at IS a.at"
        " AND c.os_user IS a.os_user AND c.action IS a.action AND c.field IS a.field"
        " AND c.old_value IS a.old_value AND c.new_value IS a.new_value) LIMIT 1",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
        sqlite3_bind_int64(st, 3, mg->here_since);
        rc = sqlite3_step(st);
        *changed = rc == SQLITE_ROW;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* A record the copy's base does not have, here and/or there. */
static bool
merge_unbased(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t m_id,
              int64_t o_id)
{
    bool taken = false, alias = false, deleted = false;
    int64_t from = 0;
    if (!came_from_copy(mg, kind, uid, &taken, &alias, &from))
        return false;
    if (!o_id) {
        /* taken from the copy before, deleted there since: its delete row
         * there tells (a copy of the copy's line made before it was added
         * lacks it too) */
        if (taken && from && !copy_audited(mg, kind, from, true, &deleted))
            return false;
        if (!deleted)
            return true; /* new here */
        bool changed = false;
        mg->unbased = true;
        bool ok = changed_here_since(mg, kind, uid, m_id, &changed);
        mg->unbased = false;
        if (!ok)
            return false;
        /* this file writes the delete row: the copy's names no record the
         * copy still has or had in its base */
        if (!changed)
            return take_one_sided(mg, kind, uid, m_id, 0, 0);
        forms_record_clear(&mg->o);
        return conflict(mg, kind, uid, m_id, 0, 0);
    }
    if (!m_id) {
        /* a duplicate decided for this file before: the decision holds
         * however the copy changes it since */
        if (alias)
            return keep_this(mg, kind, uid, mg->o_key, false);
        /* taken from this copy before and gone here since: deleted here,
         * and the copy changed it after that merge (an unchanged copy's
         * version was seen by merge_record) — a conflict, never a silent
         * comeback of what this file deleted */
        if (taken)
            return conflict(mg, kind, uid, 0, o_id, mg->o_key);
        return added_twice(mg, kind, uid, o_id); /* new there */
    }
    if (same_values(mg))
        return true;
    if (!taken)
        return conflict(mg, kind, uid, m_id, o_id, mg->o_key);
    bool merged = false;
    mg->unbased = true;
    bool ok = merge_fields(mg, kind, uid, m_id, o_id, &merged);
    mg->unbased = false;
    if (!ok)
        return false;
    return merged || conflict(mg, kind, uid, m_id, o_id, mg->o_key);
}

static bool
merge_record_once(struct merge *mg, const struct forms_kind *kind, const struct row *r)
{
    const char *uid = r->uid;
    bool in_base = r->in_base;
    int64_t b_ver = r->b_ver, m_id = r->m_id, m_ver = r->m_ver, o_id = r->o_id, o_ver = r->o_ver;
    bool changed_here = in_base && m_id && m_ver != b_ver;
    bool changed_there = in_base && o_id && o_ver != b_ver;
    if (m_id && !storage_record_get(mg->db, kind, mg->school, m_id, &mg->m, mg->err))
        return false;
    if (o_id && !read_other(mg, kind, o_id))
        return false;
    if (!m_id)
        forms_record_clear(&mg->m);
    /* on both sides without a base: brought in by an earlier merge */
    if (!in_base)
        return merge_unbased(mg, kind, uid, m_id, o_id);
    if (m_id && o_id) {
        if (!changed_there || same_values(mg))
            return true;
        if (!changed_here)
            return take_one_sided(mg, kind, uid, m_id, o_id, o_id);
        bool merged = false;
        if (!merge_fields(mg, kind, uid, m_id, o_id, &merged))
            return false;
        return merged || conflict(mg, kind, uid, m_id, o_id, mg->o_key);
    }
    if (m_id) { /* deleted there */
        if (!changed_here)
            return take_one_sided(mg, kind, uid, m_id, 0, r->b_id);
        forms_record_clear(&mg->o);
        return conflict(mg, kind, uid, m_id, 0, 0);
    }
    if (o_id && changed_there) /* deleted here, changed there */
        return conflict(mg, kind, uid, 0, o_id, mg->o_key);
    return true;
}

/* Notes that this copy's version of (kind, uid) has been merged (taken or
 * decided), so that a later merge of the same copy compares against it and
 * not against the copy's base: the base moves forward with every merge. */
static bool
note_merged(struct merge *mg, const struct forms_kind *kind, const char *uid, int64_t o_version)
{
    int rc = SQLITE_OK;
    if (!mg->st_note)
        rc = sqlite3_prepare_v2(mg->db->sql,
                                "INSERT OR REPLACE INTO main.merge_kept(copy_uid, kind, uid,"
                                " other_version) VALUES (?1, ?2, ?3, ?4)",
                                -1, &mg->st_note, NULL);
    sqlite3_stmt *st = mg->st_note;
    if (rc == SQLITE_OK) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        sqlite3_bind_text(st, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, kind->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, uid, -1, SQLITE_STATIC);
        if (o_version)
            sqlite3_bind_int64(st, 4, o_version);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(mg->db->sql);
        sqlite3_reset(st);
    }
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* The people forgotten in this file (forget-person: their staff record
 * reads a pseudonym) whom the copy still names by their name: the copy was
 * taken before, or forgot them under another pseudonym. Their names are
 * known from the copy only, and only for this merge. */
static bool
find_forgotten(struct merge *mg)
{
    const char *t = forms_kind_staff.table, *n = forms_kind_staff.name_field;
    struct sk_buf q = {0};
    sk_buf_addf(&q,
                "SELECT m.school_id, m.uid, m.\"%s\", o.\"%s\" FROM main.\"%s\" m"
                " JOIN other.\"%s\" o ON o.uid = m.uid AND m.uid <> '' AND o.uid <> ''"
                " WHERE m.\"%s\" GLOB 'Persona-[0-9a-f]*' AND o.\"%s\" IS NOT NULL"
                " AND o.\"%s\" <> m.\"%s\" AND o.\"%s\" NOT GLOB 'Persona-[0-9a-f]*'",
                n, n, t, t, n, n, n, n, n);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql, q.s, -1, &st, NULL);
    sk_buf_free(&q);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *uid = (const char *)sqlite3_column_text(st, 1);
        const char *pseudo = (const char *)sqlite3_column_text(st, 2);
        const char *name = (const char *)sqlite3_column_text(st, 3);
        mg->forgot = sk_xrealloc(mg->forgot, (mg->n_forgot + 1) * sizeof *mg->forgot);
        struct forgotten *f = &mg->forgot[mg->n_forgot++];
        f->school = sqlite3_column_int64(st, 0);
        snprintf(f->uid, sizeof f->uid, "%s", uid ? uid : "");
        snprintf(f->pseudonym, sizeof f->pseudonym, "%s", pseudo ? pseudo : "");
        f->name = sk_xstrdup(name ? name : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(mg->db, rc, mg->err);
}

/* After everything came in: the forgotten names the copy brought (in text
 * fields and its audit rows) read this file's pseudonyms too, and the file
 * is wiped of old page images as after forget-person. */
static bool
forget_again(struct merge *mg)
{
    for (size_t i = 0; i < mg->n_forgot; i++)
        if (!storage_forget_again(mg->db, mg->forgot[i].school, mg->forgot[i].name,
                                  mg->forgot[i].pseudonym, mg->err))
            return false;
    return true;
}

/* What merge_kept remembers of the copy's record: its version and a hash
 * of its values (0: none there). Two copies of one copy (cp) share their
 * identity and count versions from the same base: the version alone would
 * take the other's change for one merged before. */
static bool
copy_key(struct merge *mg, const struct forms_kind *kind, const struct row *r, int64_t *key)
{
    *key = 0;
    if (!r->o_id)
        return true;
    if (!storage_record_get(mg->odb, kind, mg->other_school, r->o_id, &mg->o, mg->err))
        return false;
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < kind->n_fields; i++) {
        const char *t = field_text(&kind->fields[i], &mg->o.values[i], &mg->a_text);
        for (const unsigned char *p = (const unsigned char *)t;; p++) {
            h = (h ^ *p) * 1099511628211u;
            if (!*p)
                break;
        }
    }
    *key = (int64_t)((h & 0x7fffffffu) << 32 | ((uint64_t)r->o_ver & 0xffffffffu));
    return true;
}

/* One record, unless this copy's version of it was merged before (then the
 * copy has nothing new for it: whatever this file did since stays). The
 * staff record of a person forgotten here always stays as it is here. */
static bool
merge_record(struct merge *mg, const struct forms_kind *kind, const struct row *r)
{
    bool seen = false;
    if (!copy_key(mg, kind, r, &mg->o_key) || !kept_before(mg, kind, r->uid, mg->o_key, &seen))
        return false;
    for (size_t i = 0; !seen && kind == &forms_kind_staff && i < mg->n_forgot; i++)
        seen = strcmp(mg->forgot[i].uid, r->uid) == 0;
    if (seen)
        return keep_this(mg, kind, r->uid, mg->o_key, false);
    size_t undecided = mg->res->conflicts - mg->res->resolved;
    if (!merge_record_once(mg, kind, r))
        return false;
    /* an undecided conflict fails the merge (nothing is kept) */
    if (mg->res->conflicts - mg->res->resolved != undecided)
        return true;
    return note_merged(mg, kind, r->uid, mg->o_key);
}

static bool
merge_kind(struct merge *mg, const struct forms_kind *kind)
{
    struct sk_buf sql = {0};
    const char *t = kind->table;
    sk_buf_addf(&sql,
                "WITH u(uid) AS (SELECT uid FROM main.\"%s\" WHERE school_id = ?1"
                " UNION SELECT uid FROM other.\"%s\" WHERE school_id = ?2"
                " UNION SELECT uid FROM other.merge_base WHERE kind = ?3 AND school_id = ?2)"
                /* '' names no record (a copy marked before uids were filled) */
                " SELECT u.uid, b.version, m.id, m.version, o.id, o.version, b.record_id FROM u"
                " LEFT JOIN other.merge_base b ON b.kind = ?3 AND b.uid = u.uid"
                /* uid <> '': the uid indexes leave those out (partial) */
                " LEFT JOIN main.\"%s\" m ON m.uid = u.uid AND m.uid <> ''"
                " LEFT JOIN other.\"%s\" o ON o.uid = u.uid AND o.uid <> ''"
                " WHERE u.uid <> '' AND NOT (b.version IS m.version AND b.version IS o.version)"
                /* the order of the ids, not of the uids' random bits */
                " ORDER BY b.record_id IS NULL, b.record_id, o.id, m.id",
                t, t, t, t);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql, sql.s, -1, &st, NULL);
    sk_buf_free(&sql);
    if (rc != SQLITE_OK)
        return storage_fail_db(mg->db, rc, mg->err);
    sqlite3_bind_int64(st, 1, mg->school);
    sqlite3_bind_int64(st, 2, mg->other_school);
    sqlite3_bind_text(st, 3, kind->key, -1, SQLITE_STATIC);
    forms_record_fini(&mg->m);
    forms_record_fini(&mg->o);
    forms_record_init(&mg->m, kind);
    forms_record_init(&mg->o, kind);
    bool ok = true;
    /* the rows are read to the end first: the changes below write the
     * table the statement reads */
    struct row *rows = NULL;
    size_t n = 0, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            rows = sk_xrealloc(rows, cap * sizeof *rows);
        }
        struct row *r = &rows[n++];
        const char *u = (const char *)sqlite3_column_text(st, 0);
        snprintf(r->uid, sizeof r->uid, "%s", u ? u : "");
        r->in_base = sqlite3_column_type(st, 1) != SQLITE_NULL;
        r->b_ver = sqlite3_column_int64(st, 1);
        r->m_id = sqlite3_column_int64(st, 2);
        r->m_ver = sqlite3_column_int64(st, 3);
        r->o_id = sqlite3_column_int64(st, 4);
        r->o_ver = sqlite3_column_int64(st, 5);
        r->b_id = sqlite3_column_int64(st, 6);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        ok = storage_fail_db(mg->db, rc, mg->err);
    for (size_t i = 0; ok && i < n; i++)
        ok = merge_record(mg, kind, &rows[i]);
    free(rows);
    return ok;
}

/* Whether the copy's audit row `id` is in this file already (brought in by
 * an earlier merge: same time, login, action, field and values). A copy of
 * the copy made with cp has the same identity but its own rows after the
 * point where the two parted. */
static bool
audit_row_here(struct merge *mg, int64_t id, bool *here)
{
    sqlite3_stmt *st = NULL;
    *here = false;
    int rc = sqlite3_prepare_v2(
        mg->db->sql,
        "SELECT EXISTS (SELECT 1 FROM main.audit m WHERE m.kind IS a.kind AND m.at IS a.at"
        " AND m.os_user IS a.os_user AND m.action IS a.action AND m.field IS a.field"
        " AND m.old_value IS a.old_value AND m.new_value IS a.new_value)"
        " FROM other.audit a WHERE a.id = ?1",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
        *here = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || storage_fail_db(mg->db, rc, mg->err);
}

/* The copy's last audit row this file has seen: when the copy was taken,
 * or the last one an earlier merge brought in while the copy still has
 * that row (a copy of the copy made with cp parts from it). */
static bool
copy_since(struct merge *mg, int64_t *since)
{
    int64_t mark = 0, done = 0;
    if (!query_int(mg->db, "SELECT audit_mark FROM other.merge_origin WHERE id = 1", NULL, &mark, 0,
                   mg->err) ||
        !query_int(mg->db, "SELECT max(audit_max) FROM main.merge_log WHERE copy_uid = ?1",
                   mg->copy_uid, &done, 0, mg->err))
        return false;
    bool same_line = false;
    if (done > mark && !audit_row_here(mg, done, &same_line))
        return false;
    *since = done > mark && same_line ? done : mark;
    return true;
}

/* The copy's audit rows after the copy was taken (and after the last of
 * them an earlier merge brought in, when the copy still has that row),
 * with their login and time, naming this file's records: a record by its
 * uid, the school by its code. A row already here is not brought again.
 * With `only` set, the rows of the copy's record only_id alone, also of a
 * record this side keeps (--prefer other takes the copy's value after this
 * file's own changes: both histories are kept). */
static bool
copy_audit_rows(struct merge *mg, const struct forms_kind *only, int64_t only_id)
{
    struct storage_db *db = mg->db;
    int64_t mark = 0, done = 0;
    if (!query_int(db, "SELECT audit_mark FROM other.merge_origin WHERE id = 1", NULL, &mark, 0,
                   mg->err) ||
        !query_int(db, "SELECT max(audit_max) FROM main.merge_log WHERE copy_uid = ?1",
                   mg->copy_uid, &done, 0, mg->err))
        return false;
    if (!copy_since(mg, &mark))
        return false;
    sqlite3_stmt *dup = NULL;
    int drc = sqlite3_prepare_v2(
        db->sql,
        "SELECT 1 FROM main.audit WHERE kind IS ?1 AND record_id IS ?2 AND at IS ?3"
        " AND os_user IS ?4 AND action IS ?5 AND field IS ?6 AND old_value IS ?7"
        " AND new_value IS ?8 LIMIT 1",
        -1, &dup, NULL);
    if (drc != SQLITE_OK)
        return storage_fail_db(db, drc, mg->err);
    sqlite3_stmt *get = NULL, *put = NULL, *map = NULL, *maps[64] = {NULL};
    int rc = sqlite3_prepare_v2(
        db->sql,
        "SELECT a.id, a.at, a.os_user, (SELECT m.id FROM main.school m JOIN other.school s"
        " ON s.code = m.code WHERE s.id = a.school_id), a.kind, a.record_id, a.action, a.field,"
        " a.old_value, a.new_value FROM other.audit a WHERE a.id > ?1 AND a.at >= ?4"
        " AND (?2 IS NULL OR (a.kind = ?2 AND a.record_id = ?3)) ORDER BY a.id",
        -1, &get, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sql,
                                "INSERT INTO main.audit(at, os_user, school_id, kind, record_id,"
                                " action, field, old_value, new_value)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                -1, &put, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(get);
        sqlite3_finalize(dup);
        return storage_fail_db(db, rc, mg->err);
    }
    sqlite3_bind_int64(get, 1, mark);
    sqlite3_bind_text(get, 4, mg->taken_at, -1, SQLITE_STATIC);
    if (only) {
        sqlite3_bind_text(get, 2, only->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(get, 3, only_id);
    }
    int64_t last = mark;
    struct sk_buf sql = {0};
    bool ok = true;
    while (ok && (rc = sqlite3_step(get)) == SQLITE_ROW) {
        last = sqlite3_column_int64(get, 0);
        const char *kind_key = (const char *)sqlite3_column_text(get, 4);
        const struct forms_kind *kind = kind_key ? forms_kind_by_key(kind_key) : NULL;
        int64_t record = 0;
        /* rows of no record (the users', the settings') describe nothing
         * the merge takes; nor do those of a record it did not take */
        bool skip = kind == NULL;
        if (kind) {
            /* the copy's id -> uid (live there, or in the base) -> this file's id */
            int k = storage_kind_index(kind, NULL);
            sqlite3_stmt **slot = k >= 0 && (size_t)k < SK_ARRAY_LEN(maps) ? &maps[k] : &map;
            rc = SQLITE_OK;
            if (!*slot) {
                sk_buf_reset(&sql);
                sk_buf_addf(
                    &sql,
                    "WITH u(uid) AS (SELECT ifnull((SELECT uid FROM other.\"%s\" WHERE id = ?1),"
                    " (SELECT uid FROM other.merge_base WHERE kind = ?2 AND record_id = ?1)))"
                    " SELECT ifnull((SELECT id FROM main.\"%s\" WHERE uid = u.uid AND uid <> ''),"
                    " (SELECT record_id FROM other.merge_base WHERE kind = ?2 AND uid = u.uid)),"
                    " EXISTS (SELECT 1 FROM temp.merge_skip s WHERE s.kind = ?2"
                    " AND s.uid = u.uid) OR NOT EXISTS (SELECT 1 FROM temp.merge_took t"
                    " WHERE t.kind = ?2 AND t.uid = u.uid), u.uid FROM u",
                    kind->table, kind->table);
                rc = sqlite3_prepare_v2(db->sql, sql.s, -1, slot, NULL);
            }
            if (rc == SQLITE_OK) {
                map = *slot;
                sqlite3_reset(map);
                sqlite3_bind_int64(map, 1, sqlite3_column_int64(get, 5));
                sqlite3_bind_text(map, 2, kind->key, -1, SQLITE_STATIC);
                rc = sqlite3_step(map);
                if (rc == SQLITE_ROW) {
                    record = sqlite3_column_int64(map, 0);
                    skip = sqlite3_column_int(map, 1) != 0;
                    const char *u = (const char *)sqlite3_column_text(map, 2);
                    if (!skip && !only && u && !decided_row(mg, kind, u, get, &skip)) {
                        ok = false;
                        skip = true;
                    }
                }
                rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
                sqlite3_reset(map);
                if (slot == &map) {
                    sqlite3_finalize(map);
                }
                map = NULL;
            }
            if (rc != SQLITE_OK) {
                ok = storage_fail_db(db, rc, mg->err);
                break;
            }
        }
        if (skip && !only)
            continue;
        /* brought in before (or by the call for one record) */
        sqlite3_reset(dup);
        sqlite3_bind_value(dup, 1, sqlite3_column_value(get, 4));
        sqlite3_bind_int64(dup, 2, record);
        sqlite3_bind_value(dup, 3, sqlite3_column_value(get, 1));
        sqlite3_bind_value(dup, 4, sqlite3_column_value(get, 2));
        for (int c = 6; c <= 9; c++)
            sqlite3_bind_value(dup, c - 1, sqlite3_column_value(get, c));
        rc = sqlite3_step(dup);
        sqlite3_reset(dup);
        if (rc == SQLITE_ROW)
            continue;
        if (rc != SQLITE_DONE) {
            ok = storage_fail_db(db, rc, mg->err);
            break;
        }
        for (int c = 1; c <= 9; c++) {
            int col = c; /* get's columns 1..9 are put's parameters 1..9 */
            if (c == 5)
                sqlite3_bind_int64(put, 5, record);
            else if (sqlite3_column_type(get, col) == SQLITE_NULL)
                sqlite3_bind_null(put, c);
            else
                sqlite3_bind_value(put, c, sqlite3_column_value(get, col));
        }
        rc = sqlite3_step(put);
        sqlite3_reset(put);
        if (rc != SQLITE_DONE)
            ok = storage_fail_db(db, rc, mg->err);
        else
            mg->res->audit_rows++;
    }
    if (ok && rc != SQLITE_DONE && rc != SQLITE_ROW)
        ok = storage_fail_db(db, rc, mg->err);
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    sqlite3_finalize(dup);
    for (size_t k = 0; k < SK_ARRAY_LEN(maps); k++)
        sqlite3_finalize(maps[k]);
    sk_buf_free(&sql);
    if (!ok || only || last <= done)
        return ok;
    put = NULL;
    rc = sqlite3_prepare_v2(db->sql,
                            "INSERT INTO main.merge_log(copy_uid, audit_max, at, login)"
                            " VALUES (?1, ?2, ?3, ?4)",
                            -1, &put, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(put, 1, mg->copy_uid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(put, 2, last);
        sqlite3_bind_text(put, 3, db->now, -1, SQLITE_STATIC);
        sqlite3_bind_text(put, 4, db->os_user, -1, SQLITE_STATIC);
        rc = sqlite3_step(put) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db->sql);
    }
    sqlite3_finalize(put);
    return rc == SQLITE_OK || storage_fail_db(db, rc, mg->err);
}

/* The copy is only read: ATTACHed read-only (never created, never
 * migrated), and immutable when its folder may not be written (no -shm
 * can be made there), as storage_open reads such a file. */
static bool
attach(struct storage_db *db, const char *path, struct sk_error *err)
{
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 2; attempt++) {
        char *uri = storage_file_uri(path, attempt ? "immutable=1" : "mode=ro");
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(db->sql, "ATTACH DATABASE ?1 AS other", -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, uri, -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db->sql);
        }
        sqlite3_finalize(st);
        free(uri);
        /* ATTACH may open lazily: the first read says whether it can be read */
        bool attached = rc == SQLITE_OK;
        if (attached)
            rc =
                sqlite3_exec(db->sql, "SELECT count(*) FROM other.sqlite_schema", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return true;
        char *msg = sk_xstrdup(sqlite3_errmsg(db->sql));
        if (attached)
            sqlite3_exec(db->sql, "DETACH DATABASE other", NULL, NULL, NULL);
        if (attempt || storage_has_wal(path) || (rc & 0xff) == SQLITE_NOTADB) {
            sk_fail(err, SK_EIO, _("Cannot read %s: %s"), SK_QUOTE(path), msg);
            free(msg);
            return false;
        }
        free(msg);
    }
    return sk_fail(err, SK_EIO, _("Cannot read %s: %s"), SK_QUOTE(path), sqlite3_errmsg(db->sql));
}

/* Before anything opens it: the copy is a skola database of this skola's
 * schema (read from its header, so that nothing is written into it; an
 * empty file would otherwise be taken for a new database). */
static bool
check_copy_file(const char *path, struct sk_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return sk_fail(err, SK_EIO, _("Cannot read %s: no such file."), SK_QUOTE(path));
    if (S_ISDIR(sb.st_mode))
        return sk_fail(err, SK_EINVAL,
                       _("%s is a folder; merge a copy made with “skola backup FILE”."),
                       SK_QUOTE(path));
    unsigned char h[100];
    FILE *f = S_ISREG(sb.st_mode) ? fopen(path, "rb") : NULL;
    if (S_ISREG(sb.st_mode) && !f)
        return sk_fail(err, SK_EIO, _("Cannot read %s: %s"), SK_QUOTE(path), strerror(errno));
    size_t got = f ? fread(h, 1, sizeof h, f) : 0;
    if (f)
        fclose(f);
    uint32_t version = 0, app = 0;
    for (int i = 0; got == sizeof h && i < 4; i++) {
        version = version << 8 | h[60 + i];
        app = app << 8 | h[68 + i];
    }
    if (got < sizeof h || memcmp(h, "SQLite format 3", 16) != 0 || app != STORAGE_APPLICATION_ID)
        return sk_fail(err, SK_EDB, _("%s is not a skola database."), SK_QUOTE(path));
    if (version < (uint32_t)storage_schema_version)
        return sk_fail(err, SK_EINVAL,
                       _("%s was made by an older version of skola (schema %u, this skola "
                         "has %d): upgrade it by opening it once with this skola (“skola --db "
                         "%s check”), then merge again."),
                       SK_QUOTE(path), (unsigned)version, storage_schema_version, SK_QUOTE(path));
    if (version > (uint32_t)storage_schema_version)
        return sk_fail(err, SK_EINVAL,
                       _("%s was made by a newer version of skola (schema %u, this skola has "
                         "%d): merge it with that version, or update skola."),
                       SK_QUOTE(path), (unsigned)version, storage_schema_version);
    return true;
}

/* The loan rules the interface and the import keep (core/loan.c), which
 * records brought in from the copy could break: a device with two open
 * loans (one made in each file), or an open loan of a written-off device.
 * Storage cannot call core: the rules as a query, each device breaking
 * one into *out (owned, breaches_free). */
struct breach {
    int64_t device;
    bool written_off;
    char *name;
};

static bool
loan_breaches(struct merge *mg, struct breach **out, size_t *n)
{
    const struct forms_keys *k = forms_keys();
    const struct forms_kind *lk = &forms_kind_loan, *dk = &forms_kind_device;
    const char *dev = lk->fields[k->loan_device].key;
    const char *ret = lk->fields[k->loan_returned_on].key;
    const struct forms_field *status = &dk->fields[k->device_status];
    struct sk_buf q = {0};
    sk_buf_addf(&q,
                "SELECT d.id, d.\"%s\" = ?1, d.\"%s\" FROM main.\"%s\" d"
                " WHERE d.\"%s\" = ?1 AND EXISTS (SELECT 1 FROM main.\"%s\" l"
                " WHERE l.\"%s\" = d.id AND l.\"%s\" IS NULL)"
                " OR d.id IN (SELECT \"%s\" FROM main.\"%s\" WHERE \"%s\" IS NULL"
                " GROUP BY \"%s\" HAVING count(*) > 1) ORDER BY d.id",
                status->key, dk->name_field, dk->table, status->key, lk->table, dev, ret, dev,
                lk->table, ret, dev);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(mg->db->sql, q.s, -1, &st, NULL);
    sk_buf_free(&q);
    *out = NULL;
    *n = 0;
    if (rc == SQLITE_OK)
        sqlite3_bind_text(st, 1, status->choices[k->device_status_written_off].key, -1,
                          SQLITE_STATIC);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        *out = sk_xrealloc(*out, (*n + 1) * sizeof **out);
        struct breach *b = &(*out)[(*n)++];
        b->device = sqlite3_column_int64(st, 0);
        b->written_off = sqlite3_column_int(st, 1) != 0;
        const char *name = (const char *)sqlite3_column_text(st, 2);
        b->name = sk_xstrdup(name ? name : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || storage_fail_db(mg->db, rc, mg->err);
}

static void
breaches_free(struct breach *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(b[i].name);
    free(b);
}

/* After everything came in: a loan rule broken that this file did not
 * break before the merge refuses it (nothing is merged). */
static bool
check_loans(struct merge *mg, const struct breach *before, size_t n_before)
{
    struct breach *after = NULL;
    size_t n = 0;
    if (!loan_breaches(mg, &after, &n))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        bool old = false;
        for (size_t j = 0; j < n_before; j++)
            old |= before[j].device == after[i].device &&
                   before[j].written_off == after[i].written_off;
        if (old)
            continue;
        ok = after[i].written_off
                 ? sk_fail(mg->err, SK_EINVAL,
                           _("After the merge the written-off device “%s” would be on loan "
                             "(written off in one file, lent in the other); nothing was merged. "
                             "Mark the loan returned (or the device not written off), then "
                             "merge again."),
                           SK_QUOTE(after[i].name))
                 : sk_fail(mg->err, SK_EINVAL,
                           _("After the merge the device “%s” would be on loan twice (lent in "
                             "each file); nothing was merged. Mark one of the loans returned, "
                             "then merge again."),
                           SK_QUOTE(after[i].name));
    }
    breaches_free(after, n);
    return ok;
}

static bool
merge_all(struct merge *mg)
{
    struct storage_db *db = mg->db;
    struct storage_school *schools = NULL;
    size_t n_schools = 0;
    if (!storage_school_list(db, &schools, &n_schools, mg->err))
        return false;
    const struct forms_kind *order[64];
    size_t n_kinds = kinds_in_order(order);
    if (!query_int(db, "SELECT audit_mark FROM other.merge_origin WHERE id = 1", NULL, &mg->mark, 0,
                   mg->err)) {
        free(schools);
        return false;
    }
    bool ok = copy_since(mg, &mg->since) &&
              query_text(db, "SELECT taken_at FROM other.merge_origin WHERE id = 1", mg->taken_at,
                         sizeof mg->taken_at, mg->err) &&
              find_forgotten(mg) &&
              storage_exec(db,
                           "CREATE TEMP TABLE IF NOT EXISTS merge_skip(kind TEXT, uid TEXT,"
                           " PRIMARY KEY (kind, uid)) WITHOUT ROWID;"
                           "DELETE FROM temp.merge_skip;"
                           "CREATE TEMP TABLE IF NOT EXISTS merge_took(kind TEXT, uid TEXT,"
                           " PRIMARY KEY (kind, uid)) WITHOUT ROWID;"
                           "DELETE FROM temp.merge_took",
                           mg->err);
    struct breach *before = NULL;
    size_t n_before = 0;
    ok = ok && loan_breaches(mg, &before, &n_before);
    for (size_t s = 0; ok && s < n_schools; s++) {
        mg->school = schools[s].id;
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(db->sql, "SELECT id FROM other.school WHERE code = ?1", -1, &st,
                                    NULL);
        mg->other_school = 0;
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, schools[s].code, -1, SQLITE_STATIC);
            if (sqlite3_step(st) == SQLITE_ROW)
                mg->other_school = sqlite3_column_int64(st, 0);
        }
        sqlite3_finalize(st);
        for (size_t k = 0; ok && k < n_kinds; k++)
            ok = merge_kind(mg, order[k]);
    }
    free(schools);
    ok = ok && check_loans(mg, before, n_before);
    breaches_free(before, n_before);
    return ok && copy_audit_rows(mg, NULL, 0) && forget_again(mg);
}

/* What reading the copy may leave beside it (-wal and -shm of a WAL file
 * opened read-only in a folder that may be written, a damage mark when it
 * reads as damaged): the copy is only read, so what the merge created goes
 * again. */
struct beside {
    char *path[3];
    bool existed[3];
};

static void
beside_note(struct beside *b, const char *copy)
{
    char *real = sk_path_canonical(copy);
    /* SQLite names them after the file a link leads to, as the mark */
    b->path[0] = sk_xasprintf("%s-wal", real ? real : copy);
    b->path[1] = sk_xasprintf("%s-shm", real ? real : copy);
    b->path[2] = sk_xasprintf("%s.damaged", real ? real : copy);
    free(real);
    for (size_t i = 0; i < SK_ARRAY_LEN(b->path); i++) {
        struct stat sb;
        b->existed[i] = lstat(b->path[i], &sb) == 0;
    }
}

static void
beside_clean(struct beside *b)
{
    for (size_t i = 0; i < SK_ARRAY_LEN(b->path); i++) {
        struct stat sb;
        /* a -wal with changes in it was not made by a reader: it stays */
        if (!b->existed[i] && lstat(b->path[i], &sb) == 0 && S_ISREG(sb.st_mode) &&
            (i != 0 || sb.st_size == 0))
            unlink(b->path[i]);
        free(b->path[i]);
    }
}

/* A page of the copy read as damaged through this file's connection (a
 * copy too large for the check at open) marks THIS file damaged (db.c):
 * when this file checks clean, the mark the merge made goes again and the
 * copy is named. */
static void
own_mark_undo(struct storage_db *db, bool found_before, bool marked_before, const char *mark,
              const char *copy, struct sk_error *err)
{
    struct stat sb;
    if (found_before || !db->found_damage || !db->path)
        return;
    sqlite3_stmt *st = NULL;
    bool clean =
        sqlite3_prepare_v2(db->sql, "PRAGMA main.quick_check", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
        strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
    sqlite3_finalize(st);
    if (!clean)
        return;
    db->found_damage = false;
    if (!marked_before && lstat(mark, &sb) == 0 && S_ISREG(sb.st_mode))
        unlink(mark);
    if (err && err->code == SK_EDB) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        sk_fail(err, SK_EDB, _("%s is damaged or not a skola database (%s); nothing was merged."),
                SK_QUOTE(copy), why);
    }
}

bool
storage_merge(struct storage_db *db, const char *other_path, const struct storage_merge_opts *opts,
              struct storage_merge_result *res, struct sk_error *err)
{
    *res = (struct storage_merge_result){0};
    if (!storage_require_area(db, SAREA_ADMIN, SA_WRITE, err))
        return false;
    if (storage_path_is_database(db, other_path))
        return sk_fail(err, SK_EINVAL, _("%s is this file itself; merge a copy of it."),
                       SK_QUOTE(other_path));
    if (!check_copy_file(other_path, err))
        return false;
    struct merge mg = {.db = db, .opts = opts, .res = res, .err = err, .dangling = -1};
    forms_record_init(&mg.m, forms_kinds[0]);
    forms_record_init(&mg.o, forms_kinds[0]);
    /* read-only: never upgraded, never written (immutable in a folder
     * that may not be written) */
    struct beside beside;
    beside_note(&beside, other_path);
    bool found_before = db->found_damage, marked_before = false;
    char *own_real = db->path ? sk_path_canonical(db->path) : NULL;
    char *own_mark = db->path ? sk_xasprintf("%s.damaged", own_real ? own_real : db->path) : NULL;
    struct stat own_sb;
    marked_before = own_mark && lstat(own_mark, &own_sb) == 0;
    mg.odb = storage_open(other_path, SO_READONLY, err);
    if (!mg.odb && err && err->code == SK_EDB) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        sk_fail(err, SK_EDB, _("%s is damaged or not a skola database (%s); nothing was merged."),
                SK_QUOTE(other_path), why);
    }
    bool attached = false, ok = mg.odb != NULL && attach(db, other_path, err);
    attached = ok;
    ok = ok && check_schema(&mg, other_path) && check_copy(&mg, other_path);
    ok = ok && storage_begin(db, err);
    if (ok) {
        ok = merge_all(&mg);
        size_t undecided = res->conflicts - res->resolved;
        /* a dry run reports them (res->conflicts) and changes nothing anyway */
        if (ok && undecided > 0 && opts->prefer == SP_NONE && !opts->dry_run)
            ok = sk_fail(err, SK_ECONFLICT,
                         dngettext(SK_DOMAIN,
                                   "%zu record needs a decision (changed in both files, changed "
                                   "in one and deleted in the other, or added in both); nothing "
                                   "was merged. Choose with --prefer this or --prefer other.",
                                   "%zu records need a decision (each changed in both files, "
                                   "changed in one and deleted in the other, or added in both); "
                                   "nothing was merged. Choose with --prefer this or --prefer "
                                   "other.",
                                   undecided),
                         undecided);
        if (ok && !opts->dry_run)
            ok = storage_commit(db, err);
        else
            storage_rollback(db);
    }
    sqlite3_finalize(mg.st_kept);
    sqlite3_finalize(mg.st_note);
    forms_record_fini(&mg.m);
    forms_record_fini(&mg.o);
    sk_buf_free(&mg.shown);
    sk_buf_free(&mg.a_text);
    sk_buf_free(&mg.b_text);
    if (mg.odb)
        storage_close(mg.odb);
    if (attached)
        storage_exec(db, "DETACH DATABASE other", NULL);
    beside_clean(&beside);
    if (!ok && own_mark)
        own_mark_undo(db, found_before, marked_before, own_mark, other_path, err);
    free(own_real);
    free(own_mark);
    /* the forgotten names were written and replaced: old page images go
     * (or at the next open, storage_forget_finish) */
    if (ok && mg.n_forgot && !opts->dry_run)
        storage_forget_finish(db);
    for (size_t i = 0; i < mg.n_forgot; i++)
        free(mg.forgot[i].name);
    free(mg.forgot);
    return ok;
}
