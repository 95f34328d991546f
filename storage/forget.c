/* Forgetting a person on request (GDPR art. 17): the person's name is
 * replaced by a pseudonym in every text field of every kind and in the audit
 * log (the file names of import batches included), the staff record keeps its role and FTE (the
 * school's figures stay right) but loses its name and its other private fields, and the old page
 * images are wiped from the file (secure_delete, WAL checkpoint). Generic
 * over the descriptors: a new kind with text fields is covered without
 * edits here. */
#include "storage/internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The person to forget: the name, other known people's longer names that
 * hold it (skipped where they occur: "Anna Māra Liepiņa"), the same as
 * they appear in JSON, and the person's twin staff records (the same name
 * stored in NFD or with a no-break space by another program). */
struct target {
    const char *name;
    char **others, **jothers; /* owned */
    size_t n_others;
    int64_t *twins; /* owned */
    size_t n_twins;
};

/* Whether field f may hold a person's name as text. */
static bool
is_name_bearing(const struct forms_field *f)
{
    return f->type == FT_TEXT || f->type == FT_MEMO;
}

/* A fresh pseudonym "Persona-xxxx" (random, so that it cannot be traced back
 * to the name by hashing guesses) that no staff member of the school has. */
static bool
make_pseudonym(struct storage_db *db, int64_t school_id, char *out, size_t cap,
               struct sk_error *err)
{
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        unsigned r = 0;
        if (read(fd, &r, sizeof r) == (ssize_t)sizeof r)
            seed ^= r;
        close(fd);
    }
    for (int attempt = 0; attempt < 64; attempt++) {
        seed = seed * 1103515245u + 12345u;
        if (attempt < 32)
            snprintf(out, cap, "Persona-%04x", (seed >> 8) & 0xffffu);
        else
            snprintf(out, cap, "Persona-%08x", seed);
        int64_t id = 0;
        if (!storage_ref_resolve(db, "staff", school_id, out, &id, NULL, 0, err))
            return false;
        if (id == 0)
            return true;
    }
    return sk_fail(err, SK_EDB, "%s", _("Could not make a unique pseudonym."));
}

/* Adds `records` to the report line of (kind, field). */
static void
report_add(struct storage_forget_report *r, const char *kind, const char *field, size_t records)
{
    r->changes = sk_xrealloc(r->changes, (r->n_changes + 1) * sizeof *r->changes);
    struct storage_forget_change *c = &r->changes[r->n_changes++];
    snprintf(c->kind, sizeof c->kind, "%s", kind);
    snprintf(c->field, sizeof c->field, "%s", field);
    c->records = records;
}

/* Prepares `sql` (takes it) with school_id bound to ?1. Returns the
 * statement (the caller finalizes it), or NULL with err set. */
static sqlite3_stmt *
prepare_for_school(struct storage_db *db, char *sql, int64_t school_id, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    free(sql);
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        return NULL;
    }
    sqlite3_bind_int64(st, 1, school_id);
    return st;
}

/* Steps st (takes it: finalized here) and appends the id in column 0 of
 * every row to *ids (owned). */
static bool
append_ids(struct storage_db *db, sqlite3_stmt *st, int64_t **ids, size_t *n, struct sk_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = sk_xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* What SQL looks for to find candidates for the name `needle`: its longest
 * run of ASCII letters and digits, which text holding the name in any
 * Unicode form (NFD from a Mac, a no-break space between the words) still
 * contains; "" (every row a candidate) when it has none worth the name.
 * Owned. forms_name_find then decides. */
static char *
name_fragment(const char *needle)
{
    size_t best = 0, best_len = 0;
    for (size_t i = 0; needle[i];) {
        size_t j = i;
        while ((needle[j] >= 'a' && needle[j] <= 'z') || (needle[j] >= 'A' && needle[j] <= 'Z') ||
               (needle[j] >= '0' && needle[j] <= '9'))
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    if (best_len < 2)
        best_len = 0;
    char *f = sk_xmalloc(best_len + 1);
    memcpy(f, needle + best, best_len);
    f[best_len] = '\0';
    return f;
}

/* Ids of the records of `kind` in the school whose field `key` holds
 * `needle` as a whole name (not inside a longer name such as
 * "Kalniņa-Ozola"); appended to *ids (owned). SQL finds the candidates,
 * forms_name_find decides. */
static bool
find_holders(struct storage_db *db, const struct forms_kind *kind, const char *key,
             int64_t school_id, const struct target *tg, int64_t **ids, size_t *n,
             struct sk_error *err)
{
    sqlite3_stmt *st =
        prepare_for_school(db,
                           sk_xasprintf("SELECT id, \"%s\" FROM \"%s\" WHERE school_id = ?1 AND"
                                        " instr(lower(\"%s\"), lower(?2)) > 0 ORDER BY id",
                                        key, kind->table, key),
                           school_id, err);
    if (!st)
        return false;
    char *fragment = name_fragment(tg->name);
    sqlite3_bind_text(st, 2, fragment, -1, SQLITE_TRANSIENT);
    free(fragment);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 1);
        if (!text || !forms_name_find_except(text, tg->name, false, (const char *const *)tg->others,
                                             tg->n_others))
            continue;
        *ids = sk_xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* Ids of the records of `kind` whose reference field `key` is staff_id;
 * appended to *ids (owned). */
static bool
find_referrers(struct storage_db *db, const struct forms_kind *kind, const char *key,
               int64_t school_id, int64_t staff_id, int64_t **ids, size_t *n, struct sk_error *err)
{
    sqlite3_stmt *st = prepare_for_school(
        db,
        sk_xasprintf("SELECT id FROM \"%s\" WHERE school_id = ?1 AND \"%s\" = ?2 ORDER BY id",
                     kind->table, key),
        school_id, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 2, staff_id);
    return append_ids(db, st, ids, n, err);
}

/* Writes rec (same id and version as stored) without an audit row: the
 * audit rows of this record are rewritten by the caller instead. */
static bool
write_quietly(struct storage_db *db, int64_t school_id, const struct forms_record *rec,
              struct sk_error *err)
{
    const struct forms_kind *kind = rec->kind;
    sqlite3_stmt *st = storage_kind_stmt(db, kind, KP_UPDATE, 0, err);
    if (!st)
        return false;
    int last = storage_bind_row(db, st, school_id, rec);
    sqlite3_bind_int64(st, last + 1, rec->id);
    sqlite3_bind_int64(st, last + 2, rec->version);
    int rc = sqlite3_step(st);
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* Replaces the name in one record of kind (every text field); the staff
 * record of the person also loses its other private fields. */
static bool
rewrite_record(struct storage_db *db, const struct forms_kind *kind, int64_t school_id, int64_t id,
               const struct target *tg, const char *pseudo, bool is_person, struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, kind);
    bool ok = storage_record_get(db, kind, school_id, id, &rec, err);
    for (size_t i = 0; ok && i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        struct forms_value *v = &rec.values[i];
        if (!is_name_bearing(f) || !v->is_set)
            continue;
        if (is_person && kind->name_field && strcmp(f->key, kind->name_field) == 0) {
            forms_value_set_text(v, pseudo, strlen(pseudo));
        } else if (is_person && (f->flags & FF_PRIVATE)) {
            forms_value_clear(v);
        } else {
            char *t = forms_name_replace_except(v->s, tg->name, pseudo, false,
                                                (const char *const *)tg->others, tg->n_others);
            if (t)
                forms_value_set_text(v, t, strlen(t));
            free(t);
        }
    }
    ok = ok && write_quietly(db, school_id, &rec, err);
    if (ok && is_person) {
        /* The person's own history may hold their e-mail and notes: it is
         * replaced by one entry with what is left. */
        char *sql = sk_xasprintf("DELETE FROM audit WHERE kind = '%s' AND record_id = %lld",
                                 kind->key, (long long)id);
        ok = storage_exec(db, sql, err);
        free(sql);
        ok = ok && storage_audit_write(db, school_id, kind->key, id, "insert", "*", NULL,
                                       storage_record_json(db, &rec), err);
    }
    forms_record_fini(&rec);
    return ok;
}

/* `needle` as it appears inside a JSON string (quotes and backslashes
 * escaped, as storage's record_json writes it); owned. */
static char *
json_escaped(const char *needle)
{
    struct sk_buf a = {0};
    sk_buf_add(&a, "", 0);
    for (const char *p = needle; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_add(&a, "\\", 1);
        sk_buf_add(&a, p, 1);
    }
    return a.s;
}

/* Replaces the whole name `needle` by `with` in the old and new values of
 * the school's audit rows; adds the number of rows changed to *n. The rows
 * of inserts and deletes hold JSON ("*" field), the others plain text. A
 * row where the name appears only inside a longer name is not written. */
static bool
rewrite_audit(struct storage_db *db, int64_t school_id, const struct target *tg, const char *with,
              size_t *n, struct sk_error *err)
{
    const char *needle = tg->name;
    char *jneedle = json_escaped(needle);
    char *jwith = json_escaped(with);
    sqlite3_stmt *st = NULL, *up = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT id, field = '*', old_value, new_value FROM audit"
                                " WHERE (school_id = ?3 OR school_id IS NULL) AND"
                                " (instr(lower(old_value), lower(?1)) > 0 OR"
                                "  instr(lower(new_value), lower(?1)) > 0 OR"
                                "  instr(lower(old_value), lower(?2)) > 0 OR"
                                "  instr(lower(new_value), lower(?2)) > 0)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sql,
                                "UPDATE audit SET old_value = ?1, new_value = ?2 WHERE id = ?3", -1,
                                &up, NULL);
    if (rc == SQLITE_OK) {
        /* letters and digits read the same inside JSON strings */
        char *fragment = name_fragment(needle);
        sqlite3_bind_text(st, 1, fragment, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, fragment, -1, SQLITE_TRANSIENT);
        free(fragment);
        sqlite3_bind_int64(st, 3, school_id);
        /* the rows are read first: updating while stepping the same table
         * could visit a row twice */
        struct row {
            int64_t id;
            char *old_value, *new_value; /* owned; NULL = unchanged or NULL */
        } *rows = NULL;
        size_t n_rows = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            bool json = sqlite3_column_int(st, 1) != 0;
            const char *o = (const char *)sqlite3_column_text(st, 2);
            const char *v = (const char *)sqlite3_column_text(st, 3);
            const char *nd = json ? jneedle : needle, *w = json ? jwith : with;
            const char *const *ot = (const char *const *)(json ? tg->jothers : tg->others);
            char *no = o ? forms_name_replace_except(o, nd, w, json, ot, tg->n_others) : NULL;
            char *nv = v ? forms_name_replace_except(v, nd, w, json, ot, tg->n_others) : NULL;
            if (!no && !nv)
                continue;
            rows = sk_xrealloc(rows, (n_rows + 1) * sizeof *rows);
            rows[n_rows++] = (struct row){
                .id = sqlite3_column_int64(st, 0),
                .old_value = no ? no : (o ? sk_xstrdup(o) : NULL),
                .new_value = nv ? nv : (v ? sk_xstrdup(v) : NULL),
            };
        }
        if (rc == SQLITE_DONE) {
            for (size_t i = 0; i < n_rows && rc == SQLITE_DONE; i++) {
                if (rows[i].old_value)
                    sqlite3_bind_text(up, 1, rows[i].old_value, -1, SQLITE_STATIC);
                else
                    sqlite3_bind_null(up, 1);
                if (rows[i].new_value)
                    sqlite3_bind_text(up, 2, rows[i].new_value, -1, SQLITE_STATIC);
                else
                    sqlite3_bind_null(up, 2);
                sqlite3_bind_int64(up, 3, rows[i].id);
                rc = sqlite3_step(up);
                sqlite3_reset(up);
            }
            if (rc == SQLITE_DONE)
                *n += n_rows;
        }
        for (size_t i = 0; i < n_rows; i++) {
            free(rows[i].old_value);
            free(rows[i].new_value);
        }
        free(rows);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    free(jneedle);
    free(jwith);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* Replaces the whole name in the file names of the school's import batches
 * (an import of "Ilze Bērziņa hospitācijas.csv" is audited under that
 * name); adds the number of batches changed to *n. */
static bool
rewrite_batches(struct storage_db *db, int64_t school_id, const struct target *tg, const char *with,
                size_t *n, struct sk_error *err)
{
    const char *needle = tg->name;
    sqlite3_stmt *st = NULL, *up = NULL;
    int rc = sqlite3_prepare_v2(db->sql,
                                "SELECT id, file_name FROM import_batch WHERE"
                                " (school_id = ?1 OR school_id IS NULL) AND"
                                " instr(lower(file_name), lower(?2)) > 0",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sql, "UPDATE import_batch SET file_name = ?1 WHERE id = ?2", -1,
                                &up, NULL);
    struct {
        int64_t id;
        char *name; /* owned */
    } *rows = NULL;
    size_t n_rows = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, school_id);
        char *fragment = name_fragment(needle); /* as for the records */
        sqlite3_bind_text(st, 2, fragment, -1, SQLITE_TRANSIENT);
        free(fragment);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 1);
            char *t = name
                          ? forms_name_replace_except(name, needle, with, false,
                                                      (const char *const *)tg->others, tg->n_others)
                          : NULL;
            if (!t)
                continue;
            rows = sk_xrealloc(rows, (n_rows + 1) * sizeof *rows);
            rows[n_rows].id = sqlite3_column_int64(st, 0);
            rows[n_rows++].name = t;
        }
    }
    for (size_t i = 0; rc == SQLITE_DONE && i < n_rows; i++) {
        sqlite3_bind_text(up, 1, rows[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 2, rows[i].id);
        rc = sqlite3_step(up);
        sqlite3_reset(up);
    }
    if (rc == SQLITE_DONE)
        *n += n_rows;
    for (size_t i = 0; i < n_rows; i++)
        free(rows[i].name);
    free(rows);
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

static bool
forget_all(struct storage_db *db, int64_t school_id, const struct target *tg, int64_t staff_id,
           struct storage_forget_report *out, struct sk_error *err)
{
    /* the person first, so that records referring to them read the pseudonym */
    if (staff_id != 0 &&
        !rewrite_record(db, &forms_kind_staff, school_id, staff_id, tg, out->pseudonym, true, err))
        return false;
    if (tg->n_twins)
        out->twins = sk_xmalloc(tg->n_twins * sizeof *out->twins);
    for (size_t t = 0; t < tg->n_twins; t++) {
        struct storage_forget_twin *tw = &out->twins[out->n_twins++];
        tw->staff_id = tg->twins[t];
        if (!make_pseudonym(db, school_id, tw->pseudonym, sizeof tw->pseudonym, err) ||
            !rewrite_record(db, &forms_kind_staff, school_id, tw->staff_id, tg, tw->pseudonym, true,
                            err))
            return false;
    }
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        bool is_staff = kind == &forms_kind_staff;
        int64_t *ids = NULL;
        size_t n_ids = 0;
        for (size_t i = 0; i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            size_t before = n_ids;
            bool ok = true;
            if (is_name_bearing(f) && !(is_staff && strcmp(f->key, kind->name_field) == 0))
                ok = find_holders(db, kind, f->key, school_id, tg, &ids, &n_ids, err);
            else if (f->type == FT_REF && staff_id != 0 && f->ref_kind &&
                     strcmp(f->ref_kind, forms_kind_staff.key) == 0) {
                /* the name shows through the reference (and its search text) */
                ok = find_referrers(db, kind, f->key, school_id, staff_id, &ids, &n_ids, err);
                for (size_t t = 0; ok && t < tg->n_twins; t++)
                    ok = find_referrers(db, kind, f->key, school_id, tg->twins[t], &ids, &n_ids,
                                        err);
            }
            if (!ok) {
                free(ids);
                return false;
            }
            if (n_ids > before)
                report_add(out, kind->key, f->key, n_ids - before);
        }
        /* each record once, even when several of its fields hold the name */
        for (size_t a = 0; a < n_ids; a++) {
            bool seen = is_staff && ids[a] == staff_id;
            for (size_t t = 0; t < tg->n_twins && is_staff && !seen; t++)
                seen = ids[a] == tg->twins[t];
            for (size_t b = 0; b < a && !seen; b++)
                seen = ids[b] == ids[a];
            if (seen)
                continue;
            if (!rewrite_record(db, kind, school_id, ids[a], tg, out->pseudonym, false, err)) {
                free(ids);
                return false;
            }
        }
        free(ids);
    }
    return rewrite_audit(db, school_id, tg, out->pseudonym, &out->audit_rows, err) &&
           rewrite_batches(db, school_id, tg, out->pseudonym, &out->audit_rows, err);
}

/* Whether a candidate text (folded) is the name; stores the first such in
 * stored. */
static bool
take_if_same(const char *cand, const char *folded_name, char *stored, size_t cap)
{
    char folded[256];
    if (!cand || strlen(cand) >= sizeof folded)
        return false;
    forms_fold(cand, folded, sizeof folded);
    if (strcmp(folded, folded_name) != 0)
        return false;
    snprintf(stored, cap, "%s", cand);
    return true;
}

/* A person on record who is not (or no longer) on the staff list: the
 * whole value of a text field that names a staff member (devices'
 * assigned_to), or the full name of a deleted staff member in the audit
 * log; compared as references are (case, diacritics, spaces folded).
 * stored receives the spelling found, "" when there is none. */
static bool
find_named_elsewhere(struct storage_db *db, int64_t school_id, const char *name, char *stored,
                     size_t cap, struct sk_error *err)
{
    stored[0] = '\0';
    char folded_name[256];
    forms_fold(name, folded_name, sizeof folded_name);
    for (size_t k = 0; k < forms_n_kinds && !stored[0]; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        for (size_t i = 0; i < kind->n_fields && !stored[0]; i++) {
            const struct forms_field *f = &kind->fields[i];
            if (f->type != FT_TEXT || !f->ref_kind ||
                strcmp(f->ref_kind, forms_kind_staff.key) != 0)
                continue;
            sqlite3_stmt *st = prepare_for_school(
                db,
                sk_xasprintf("SELECT DISTINCT \"%s\" FROM \"%s\" WHERE school_id = ?1 AND"
                             " \"%s\" IS NOT NULL",
                             f->key, kind->table, f->key),
                school_id, err);
            if (!st)
                return false;
            int rc;
            while (
                (rc = sqlite3_step(st)) == SQLITE_ROW &&
                !take_if_same((const char *)sqlite3_column_text(st, 0), folded_name, stored, cap))
                ;
            sqlite3_finalize(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return storage_fail_db(db, rc, err);
        }
    }
    if (stored[0])
        return true;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        db->sql,
        "SELECT CASE WHEN field = '*' AND json_valid(old_value)"
        "  THEN json_extract(old_value, '$.full_name') WHEN field = 'full_name' THEN old_value END,"
        " CASE WHEN field = '*' AND json_valid(new_value)"
        "  THEN json_extract(new_value, '$.full_name') WHEN field = 'full_name' THEN new_value END"
        " FROM audit WHERE (school_id = ?1 OR school_id IS NULL) AND kind = ?2",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, school_id);
        sqlite3_bind_text(st, 2, forms_kind_staff.key, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (sqlite3_column_type(st, 0) == SQLITE_TEXT &&
                take_if_same((const char *)sqlite3_column_text(st, 0), folded_name, stored, cap))
                break;
            if (sqlite3_column_type(st, 1) == SQLITE_TEXT &&
                take_if_same((const char *)sqlite3_column_text(st, 1), folded_name, stored, cap))
                break;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

/* Adds text to tg->others when it is another person's name that holds the
 * name as whole words ("Anna Māra Liepiņa"), once. */
static void
add_other(struct target *tg, const char *text)
{
    if (!text || !forms_name_find(text, tg->name, false))
        return;
    char *rest = forms_name_replace(text, tg->name, "", false);
    bool longer = rest && rest[strspn(rest, " \t")] != '\0';
    free(rest);
    if (!longer)
        return;
    for (size_t i = 0; i < tg->n_others; i++)
        if (strcmp(tg->others[i], text) == 0)
            return;
    tg->others = sk_xrealloc(tg->others, (tg->n_others + 1) * sizeof *tg->others);
    tg->jothers = sk_xrealloc(tg->jothers, (tg->n_others + 1) * sizeof *tg->jothers);
    tg->others[tg->n_others] = sk_xstrdup(text);
    tg->jothers[tg->n_others++] = json_escaped(text);
}

/* Whether a and b read the same once normalised (NFC, any run of spaces
 * of any kind one plain space): the same name stored by another program. */
static bool
same_name(const char *a, const char *b)
{
    size_t na, nb;
    char *x = forms_text_normalize(a, strlen(a), true, false, &na);
    char *y = forms_text_normalize(b, strlen(b), true, false, &nb);
    bool same = na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

/* Fills tg (name set) from the school's records: the person's twin staff
 * records, and the other people's longer names (staff full names, the
 * values of text fields that name staff). */
static bool
collect_target(struct storage_db *db, int64_t school_id, int64_t staff_id, struct target *tg,
               struct sk_error *err)
{
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        bool is_staff = kind == &forms_kind_staff;
        for (size_t i = 0; i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            bool names = is_staff ? strcmp(f->key, kind->name_field) == 0
                                  : f->type == FT_TEXT && f->ref_kind &&
                                        strcmp(f->ref_kind, forms_kind_staff.key) == 0;
            if (!names)
                continue;
            sqlite3_stmt *st = prepare_for_school(
                db,
                sk_xasprintf("SELECT id, \"%s\" FROM \"%s\" WHERE school_id = ?1 AND"
                             " \"%s\" IS NOT NULL ORDER BY id",
                             f->key, kind->table, f->key),
                school_id, err);
            if (!st)
                return false;
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                int64_t id = sqlite3_column_int64(st, 0);
                const char *v = (const char *)sqlite3_column_text(st, 1);
                if (!v)
                    continue;
                if (is_staff && staff_id != 0 && id != staff_id && same_name(v, tg->name)) {
                    tg->twins = sk_xrealloc(tg->twins, (tg->n_twins + 1) * sizeof *tg->twins);
                    tg->twins[tg->n_twins++] = id;
                } else if (!(is_staff && id == staff_id)) {
                    add_other(tg, v);
                }
            }
            sqlite3_finalize(st);
            if (rc != SQLITE_DONE)
                return storage_fail_db(db, rc, err);
        }
    }
    return true;
}

static void
target_fini(struct target *tg)
{
    for (size_t i = 0; i < tg->n_others; i++) {
        free(tg->others[i]);
        free(tg->jothers[i]);
    }
    free(tg->others);
    free(tg->jothers);
    free(tg->twins);
}

/* What scrub() achieved. */
enum scrub_result {
    SCRUB_DONE, /* no old page image is left in the file or its log */
    SCRUB_BUSY, /* another connection reads an older snapshot */
    SCRUB_FAIL, /* VACUUM or the checkpoint failed otherwise (err says why) */
};
static enum scrub_result scrub(struct storage_db *db, struct sk_error *err);
static bool set_pending(struct storage_db *db, int64_t school_id);

static bool
forget_person(struct storage_db *db, int64_t school_id, const char *name, bool dry_run,
              struct storage_forget_report *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    if (forms_utf8_len(name) < 3 || strspn(name, " \t") == strlen(name))
        return sk_fail(err, SK_EINVAL, "%s",
                       _("The name is too short: give the person's full name as it is stored."));
    if (!forms_utf8_valid(name, strlen(name)))
        return sk_fail(err, SK_EINVAL, "%s", _("The name is not valid UTF-8 text."));
    char suggest[400];
    int64_t staff_id = 0;
    if (!storage_ref_resolve(db, "staff", school_id, name, &staff_id, suggest, sizeof suggest, err))
        return false;
    /* Only a person on record: any other word ("in_use", "laptop") would
     * rewrite records and audit entries that name nobody. */
    char elsewhere[256] = "";
    if (staff_id == 0 &&
        !find_named_elsewhere(db, school_id, name, elsewhere, sizeof elsewhere, err))
        return false;
    if (staff_id == 0 && !elsewhere[0])
        return sk_fail(err, SK_ENOTFOUND,
                       *suggest
                           ? _("“%s” is not in this school's records. Closest staff names: %s.")
                           : _("“%s” is not in this school's records."),
                       SK_QUOTE(name), SK_QUOTE(suggest));
    struct forms_record staff;
    forms_record_init(&staff, &forms_kind_staff);
    char *needle = NULL;
    if (staff_id != 0) {
        if (!storage_record_get(db, &forms_kind_staff, school_id, staff_id, &staff, err)) {
            forms_record_fini(&staff);
            return false;
        }
        int fi = forms_field_index(&forms_kind_staff, forms_kind_staff.name_field);
        needle = sk_xstrdup(fi >= 0 && staff.values[fi].is_set ? staff.values[fi].s : name);
    } else {
        needle = sk_xstrdup(elsewhere); /* the spelling on record */
    }
    forms_record_fini(&staff);
    snprintf(out->name, sizeof out->name, "%s", needle);
    out->staff_id = staff_id;

    bool own = false;
    bool ok = storage_exec(db, "PRAGMA secure_delete = ON", err) &&
              make_pseudonym(db, school_id, out->pseudonym, sizeof out->pseudonym, err) &&
              storage_op_begin(db, &own, err);
    if (!ok) {
        free(needle);
        return false;
    }
    struct target tg = {.name = needle};
    ok = collect_target(db, school_id, staff_id, &tg, err) &&
         forget_all(db, school_id, &tg, staff_id, out, err);
    target_fini(&tg);
    if (ok && staff_id == 0 && out->n_changes == 0 && out->audit_rows == 0)
        ok = sk_fail(err, SK_ENOTFOUND,
                     *suggest ? _("“%s” is not in this school's records. Closest staff names: %s.")
                              : _("“%s” is not in this school's records."),
                     SK_QUOTE(name), SK_QUOTE(suggest));
    free(needle);
    if (ok && dry_run) {
        storage_op_end(db, own, false, NULL);
    } else if (!storage_op_end(db, own, ok, err)) {
        storage_forget_report_fini(out);
        return false;
    }
    if (!dry_run && own) {
        /* Free pages may still hold the name from before (secure_delete
         * only wipes what is freed from now on): VACUUM rewrites the file,
         * then the old page images go from the write-ahead log. */
        struct sk_error why = {0};
        enum scrub_result r = scrub(db, &why);
        if (r != SCRUB_DONE) {
            /* Another connection reads an older snapshot (its pages stay
             * in the file until it closes), or the disk is too full to
             * VACUUM: a flag in the file makes the next start finish. */
            out->scrub_pending = true;
            if (r == SCRUB_FAIL)
                snprintf(out->scrub_problem, sizeof out->scrub_problem, "%s", why.msg);
            if (!set_pending(db, school_id) && !out->scrub_problem[0])
                snprintf(out->scrub_problem, sizeof out->scrub_problem, "%s",
                         sqlite3_errmsg(db->sql));
        }
    }
    return true;
}

/* The flag: a setting of the school whose name was forgotten. */
static const char pending_key[] = "forget_scrub_pending";

static bool
set_pending(struct storage_db *db, int64_t school_id)
{
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_ERROR;
    if (sqlite3_prepare_v2(db->sql,
                           "INSERT OR REPLACE INTO setting(school_id, key, value, updated_at)"
                           " VALUES (?1, ?2, '1', ?3)",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, school_id);
        sqlite3_bind_text(st, 2, pending_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, db->now, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

/* Checkpoints the write-ahead log into the file and truncates it. False
 * when another connection's read transaction keeps part of it (busy). */
static bool
checkpoint_all(struct storage_db *db)
{
    int n_log = -1, n_done = -1;
    int rc = sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_TRUNCATE, &n_log, &n_done);
    return rc == SQLITE_OK && n_log == n_done;
}

/* VACUUM (the live pages rewritten, no free page or free space left with
 * old text), then the log truncated. */
static enum scrub_result
scrub(struct storage_db *db, struct sk_error *err)
{
    bool ok = storage_exec(db, "PRAGMA secure_delete = ON", err) && storage_exec(db, "VACUUM", err);
    int vrc = ok ? SQLITE_OK : sqlite3_errcode(db->sql);
    int n_log = -1, n_done = -1;
    int rc = sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_TRUNCATE, &n_log, &n_done);
    bool busy = (rc & 0xff) == SQLITE_BUSY || (rc == SQLITE_OK && n_log != n_done) ||
                vrc == SQLITE_BUSY || vrc == SQLITE_LOCKED;
    if (busy)
        return SCRUB_BUSY;
    if (!ok)
        return SCRUB_FAIL;
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        return SCRUB_FAIL;
    }
    return SCRUB_DONE;
}

bool
storage_forget_finish(struct storage_db *db)
{
    sqlite3_stmt *st = NULL;
    bool pending = false;
    if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM setting WHERE key = ?1 LIMIT 1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, pending_key, -1, SQLITE_STATIC);
        pending = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    if (!pending)
        return true;
    /* A passive checkpoint first: it does not wait, so a start while the
     * other process still reads is not held up by the busy timeout. */
    int n_log = -1, n_done = -1;
    if (sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_done) !=
            SQLITE_OK ||
        n_log != n_done)
        return false;
    /* then the whole log, so that VACUUM is not attempted while others read */
    struct sk_error ignored = {0};
    if (!checkpoint_all(db) || scrub(db, &ignored) != SCRUB_DONE)
        return false;
    sqlite3_stmt *del = NULL;
    bool cleared = false;
    if (sqlite3_prepare_v2(db->sql, "DELETE FROM setting WHERE key = ?1", -1, &del, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(del, 1, pending_key, -1, SQLITE_STATIC);
        cleared = sqlite3_step(del) == SQLITE_DONE;
    }
    sqlite3_finalize(del);
    /* the deletion itself is in the log: fold it in too (it holds no name) */
    checkpoint_all(db);
    return cleared;
}

void
storage_forget_report_fini(struct storage_forget_report *r)
{
    if (!r)
        return;
    free(r->changes);
    r->changes = NULL;
    free(r->twins);
    r->twins = NULL;
    r->n_twins = 0;
    r->n_changes = 0;
}

/* The name is looked up as input is stored (NFC, plain single spaces): a
 * name typed on a Mac finds the staff member. */
bool
storage_forget_person(struct storage_db *db, int64_t school_id, const char *name, bool dry_run,
                      struct storage_forget_report *out, struct sk_error *err)
{
    if (!storage_require_area(db, SAREA_ADMIN, SA_WRITE, err))
        return false;
    size_t n;
    char *norm = forms_text_normalize(name, strlen(name), true, false, &n);
    bool ok = forget_person(db, school_id, norm, dry_run, out, err);
    free(norm);
    return ok;
}

bool
storage_forget_again(struct storage_db *db, int64_t school_id, const char *name,
                     const char *pseudonym, struct sk_error *err)
{
    struct storage_forget_report out;
    memset(&out, 0, sizeof out);
    snprintf(out.name, sizeof out.name, "%s", name);
    snprintf(out.pseudonym, sizeof out.pseudonym, "%s", pseudonym);
    struct target tg = {.name = name};
    /* the person's own staff record already reads the pseudonym here: only
     * the name in text fields and in the audit rows is replaced */
    bool ok = collect_target(db, school_id, 0, &tg, err) &&
              forget_all(db, school_id, &tg, 0, &out, err) &&
              (set_pending(db, school_id) || storage_fail_db(db, sqlite3_errcode(db->sql), err));
    target_fini(&tg);
    storage_forget_report_fini(&out);
    return ok;
}
