/* torture.c — the helper of the reliability tests (the scripts in tests/reliability):
 *   skola_torture verify DB [--batches]   the database is sound: integrity
 *       and foreign-key checks pass; replaying every record's audit rows
 *       gives its stored values (a record an import created: each field's
 *       update rows chain and end at the stored value); every import batch
 *       is whole (its row count = its records + their audited deletions);
 *       every audited record exists unless its last audit row deletes it; with --batches, every
 * import batch (devices whose model is "B<k>-of-<N>") is whole (N rows) and each upsert or bulk
 *       change reached all rows of its batch or none.
 *   skola_torture bulk DB MODEL STATUS    sets status on every device of one
 *       batch in one bulk change (storage_record_bulk_set), as the TUI does.
 *   skola_torture edit DB N               N read-modify-write edits of the
 *       first school year's pupils (optimistic version); a conflict or a busy
 *       database is retried; prints "edits conflicts busy".
 *   skola_torture pupils DB               prints the first school year's pupils.
 *   skola_torture sql DB SQL              runs SQL (breaking a file on purpose).
 * Exit 0 ok, 1 a broken promise (printed), 2 usage, 3 could not run. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"

static int n_problems;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
problem(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("BROKEN: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    if (++n_problems > 50)
        exit(1);
}

/* ------------------------------------------------------------ audit JSON */

/* A flat JSON object of strings as the audit log writes it: key/value pairs. */
struct pairs {
    char **keys, **vals;
    size_t n;
};

static void
pairs_free(struct pairs *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->keys[i]);
        free(p->vals[i]);
    }
    free(p->keys);
    free(p->vals);
    memset(p, 0, sizeof *p);
}

static void
pairs_set(struct pairs *p, const char *k, const char *v)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->keys[i], k) == 0) {
            free(p->vals[i]);
            p->vals[i] = v ? sk_xstrdup(v) : NULL;
            return;
        }
    p->keys = sk_xrealloc(p->keys, (p->n + 1) * sizeof *p->keys);
    p->vals = sk_xrealloc(p->vals, (p->n + 1) * sizeof *p->vals);
    p->keys[p->n] = sk_xstrdup(k);
    p->vals[p->n++] = v ? sk_xstrdup(v) : NULL;
}

static const char *
pairs_get(const struct pairs *p, const char *k)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->keys[i], k) == 0)
            return p->vals[i];
    return NULL;
}

/* Reads one JSON string at *s into b; false when malformed. */
static bool
json_str(const char **s, struct sk_buf *b)
{
    const char *p = *s;
    if (*p++ != '"')
        return false;
    sk_buf_reset(b);
    sk_buf_add(b, "", 0);
    while (*p && *p != '"') {
        if (*p == '\\') {
            p++;
            if (*p == 'n')
                sk_buf_add(b, "\n", 1);
            else if (*p == 'u') {
                char hex[5] = {0};
                memcpy(hex, p + 1, 4);
                char c = (char)strtol(hex, NULL, 16);
                sk_buf_add(b, &c, 1);
                p += 4;
            } else
                sk_buf_add(b, p, 1);
            p++;
        } else {
            sk_buf_add(b, p++, 1);
        }
    }
    if (*p != '"')
        return false;
    *s = p + 1;
    return true;
}

static bool
json_parse(const char *s, struct pairs *out)
{
    struct sk_buf k = {0}, v = {0};
    bool ok = *s++ == '{';
    while (ok && *s != '}') {
        ok = json_str(&s, &k) && *s++ == ':' && json_str(&s, &v);
        if (ok)
            pairs_set(out, k.s, v.s);
        if (ok && *s == ',')
            s++;
    }
    sk_buf_free(&k);
    sk_buf_free(&v);
    return ok;
}

/* ---------------------------------------------------------------- verify */

/* The import batch that created record id of kind (0 = none). */
static int64_t
batch_of(sqlite3 *sql, const struct forms_kind *kind, int64_t id)
{
    char *q = sqlite3_mprintf("SELECT import_batch FROM \"%w\" WHERE id = %lld", kind->table,
                              (long long)id);
    sqlite3_stmt *st = NULL;
    int64_t b = 0;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        b = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_free(q);
    return b;
}

/* A record created by an import batch has no copy of its first values:
 * they are the stored ones until a change. So every field's update rows
 * must chain (each old value is the previous row's new value) and the last
 * new value must be the stored one; a field never changed is what the
 * batch wrote. */
static void
verify_batch_record(const struct forms_record *rec, const struct storage_audit_entry *e, size_t n)
{
    const struct forms_kind *kind = rec->kind;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const char *last = NULL;
        bool any = false;
        for (size_t j = 0; j < n; j++) {
            if (strcmp(e[j].action, "update") != 0 || strcmp(e[j].field, f->key) != 0)
                continue;
            const char *o = e[j].old_value ? e[j].old_value : "";
            if (any && strcmp(o, last) != 0)
                problem("%s %lld: field %s: audit row %lld changes “%s” but the value was “%s”",
                        kind->key, (long long)rec->id, f->key, (long long)e[j].id, o, last);
            last = e[j].new_value ? e[j].new_value : "";
            any = true;
        }
        if (!any)
            continue;
        char buf[1024];
        const char *now = rec->values[i].is_set
                              ? forms_value_format(f, &rec->values[i], FS_CSV, buf, sizeof buf)
                              : "";
        if (strcmp(now, last) != 0)
            problem("%s %lld: field %s is “%s” but its audit history says “%s”", kind->key,
                    (long long)rec->id, f->key, now, last);
    }
}

static void
verify_record(struct storage_db *db, sqlite3 *sql, const struct forms_record *rec)
{
    const struct forms_kind *kind = rec->kind;
    struct storage_audit_entry *e = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    if (!storage_audit_list(db, kind->key, rec->id, &e, &n, &err)) {
        problem("%s %lld: audit unreadable: %s", kind->key, (long long)rec->id, err.msg);
        return;
    }
    struct pairs p = {0};
    bool has_insert = false;
    size_t since = 0; /* the rows of this record: after the last delete of its id */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(e[i].action, "insert") == 0) {
            pairs_free(&p);
            has_insert = true;
            if (!json_parse(e[i].new_value ? e[i].new_value : "{}", &p))
                problem("%s %lld: audit insert row %lld is not JSON", kind->key, (long long)rec->id,
                        (long long)e[i].id);
        } else if (strcmp(e[i].action, "delete") == 0) {
            pairs_free(&p);
            has_insert = false;
            since = i + 1;
        } else {
            pairs_set(&p, e[i].field, e[i].new_value);
        }
    }
    if (!has_insert) {
        if (batch_of(sql, kind, rec->id) == 0)
            problem("%s %lld: no audit row records its insert and no import batch created it",
                    kind->key, (long long)rec->id);
        else
            verify_batch_record(rec, e + since, n - since);
    }
    for (size_t i = 0; has_insert && i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        char buf[1024];
        const char *now = rec->values[i].is_set
                              ? forms_value_format(f, &rec->values[i], FS_CSV, buf, sizeof buf)
                              : "";
        const char *was = pairs_get(&p, f->key);
        if (strcmp(now, was ? was : "") != 0)
            problem("%s %lld: field %s is “%s” but its audit history says “%s”", kind->key,
                    (long long)rec->id, f->key, now, was ? was : "");
    }
    pairs_free(&p);
    storage_audit_free(e, n);
}

static size_t
verify_kind(struct storage_db *db, sqlite3 *sql, const struct forms_kind *kind, int64_t school_id)
{
    struct storage_query q = {.kind = kind, .school_id = school_id, .sort_field = -1};
    struct sk_error err = {0};
    struct storage_iter *it = storage_iter_open(db, &q, &err);
    if (!it) {
        problem("%s: cannot list: %s", kind->key, err.msg);
        return 0;
    }
    struct forms_record rec;
    forms_record_init(&rec, kind);
    size_t n = 0;
    int r;
    while ((r = storage_iter_next(it, &rec, &err)) == 1) {
        verify_record(db, sql, &rec);
        n++;
    }
    if (r < 0)
        problem("%s: listing failed: %s", kind->key, err.msg);
    forms_record_fini(&rec);
    storage_iter_close(it);
    return n;
}

/* Runs a query whose rows are problems (first column a description). */
static void
sql_problems(sqlite3 *sql, const char *query)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(sql, query, -1, &st, NULL) != SQLITE_OK) {
        problem("query failed: %s: %s", query, sqlite3_errmsg(sql));
        return;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        problem("%s", (const char *)sqlite3_column_text(st, 0));
    if (rc != SQLITE_DONE)
        problem("query failed: %s: %s", query, sqlite3_errmsg(sql));
    sqlite3_finalize(st);
}

static int
collate_lv(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    return forms_collate(a, (size_t)na, b, (size_t)nb);
}

static int
cmd_verify(const char *path, bool batches)
{
    sqlite3 *sql = NULL;
    if (sqlite3_open_v2(path, &sql, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        printf("cannot open %s: %s\n", path, sqlite3_errmsg(sql));
        return 3;
    }
    sqlite3_create_collation(sql, "lv", SQLITE_UTF8, NULL, collate_lv);
    sqlite3_busy_timeout(sql, 10000);
    sql_problems(sql, "SELECT 'integrity_check: ' || integrity_check FROM pragma_integrity_check"
                      " WHERE integrity_check <> 'ok'");
    sql_problems(sql, "SELECT 'foreign key: ' || \"table\" || ' ' || rowid FROM"
                      " pragma_foreign_key_check");
    /* every audited record exists, unless its last audit row deletes it */
    for (size_t k = 0; k < forms_n_kinds; k++) {
        char *q =
            sqlite3_mprintf("SELECT '%q ' || a.record_id || ': last audit row is ' || a.action ||"
                            " CASE WHEN t.id IS NULL THEN ' but the record is missing'"
                            " ELSE ' but the record exists' END"
                            " FROM audit a LEFT JOIN \"%w\" t ON t.id = a.record_id"
                            " WHERE a.kind = '%q' AND a.id = (SELECT max(id) FROM audit b"
                            "  WHERE b.kind = a.kind AND b.record_id = a.record_id)"
                            " AND ((a.action = 'delete') = (t.id IS NOT NULL))",
                            forms_kinds[k]->key, forms_kinds[k]->table, forms_kinds[k]->key);
        sql_problems(sql, q);
        sqlite3_free(q);
    }
    /* every import batch is whole: the records it created exist, or their
     * deletion is audited; they all name a batch of their kind */
    for (size_t k = 0; k < forms_n_kinds; k++) {
        char *q = sqlite3_mprintf(
            "SELECT 'import batch ' || b.id || ' created ' || b.rows || ' records of %q; ' ||"
            " ifnull(l.n, 0) || ' exist and ' || (SELECT count(*) FROM audit a WHERE"
            "  a.kind = b.kind AND a.action = 'delete' AND a.record_id BETWEEN b.first_id AND"
            "  b.last_id AND a.id > b.audit_mark) || ' were deleted'"
            " FROM import_batch b LEFT JOIN (SELECT import_batch AS id, count(*) AS n,"
            "  min(id) AS lo, max(id) AS hi FROM \"%w\" WHERE import_batch IS NOT NULL"
            "  GROUP BY import_batch) l ON l.id = b.id"
            " WHERE b.kind = '%q' AND (b.rows <> ifnull(l.n, 0) + (SELECT count(*) FROM audit a"
            "  WHERE a.kind = b.kind AND a.action = 'delete' AND a.record_id BETWEEN b.first_id"
            "  AND b.last_id AND a.id > b.audit_mark) OR l.lo < b.first_id OR l.hi > b.last_id)",
            forms_kinds[k]->key, forms_kinds[k]->table, forms_kinds[k]->key);
        sql_problems(sql, q);
        sqlite3_free(q);
        q = sqlite3_mprintf("SELECT '%q ' || t.id || ' names import batch ' || t.import_batch ||"
                            " ', which ' || CASE WHEN b.id IS NULL THEN 'does not exist'"
                            " ELSE 'imported ' || b.kind END FROM \"%w\" t LEFT JOIN"
                            " import_batch b ON b.id = t.import_batch WHERE t.import_batch IS NOT"
                            " NULL AND (b.id IS NULL OR b.kind <> '%q')",
                            forms_kinds[k]->key, forms_kinds[k]->table, forms_kinds[k]->key);
        sql_problems(sql, q);
        sqlite3_free(q);
    }
    if (batches) {
        sql_problems(sql,
                     "SELECT 'batch ' || model || ' has ' || count(*) || ' rows, ' ||"
                     " count(DISTINCT ifnull(room,'')) || ' rooms, ' ||"
                     " count(DISTINCT status) || ' statuses'"
                     " FROM device WHERE model GLOB 'B*-of-*' GROUP BY model"
                     " HAVING count(*) <> CAST(substr(model, instr(model, '-of-') + 4)"
                     " AS INTEGER)"
                     " OR count(DISTINCT ifnull(room,'')) <> 1 OR count(DISTINCT status) <> 1");
    }

    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, SO_NO_CHECK, &err);
    if (!db) {
        problem("storage_open: %s", err.msg);
        sqlite3_close(sql);
        return 1;
    }
    struct storage_school *schools = NULL;
    size_t n_schools = 0, n_records = 0;
    if (!storage_school_list(db, &schools, &n_schools, &err))
        problem("schools: %s", err.msg);
    for (size_t s = 0; s < n_schools; s++)
        for (size_t k = 0; k < forms_n_kinds; k++)
            n_records += verify_kind(db, sql, forms_kinds[k], schools[s].id);
    free(schools);
    storage_close(db);
    sqlite3_close(sql);
    if (n_problems)
        return 1;
    printf("ok: %zu records, audit consistent\n", n_records);
    return 0;
}

/* ------------------------------------------------------------------ bulk */

static int
cmd_bulk(const char *path, const char *model, const char *status)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(path, 0, &err);
    if (!db) {
        fprintf(stderr, "%s\n", err.msg);
        return 3;
    }
    sqlite3 *sql = NULL;
    sqlite3_open_v2(path, &sql, SQLITE_OPEN_READONLY, NULL);
    sqlite3_busy_timeout(sql, 10000);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(sql, "SELECT id, school_id FROM device WHERE model = ?1 ORDER BY id", -1,
                       &st, NULL);
    sqlite3_bind_text(st, 1, model, -1, SQLITE_STATIC);
    int64_t *ids = NULL, school_id = 0;
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        ids = sk_xrealloc(ids, (n + 1) * sizeof *ids);
        ids[n++] = sqlite3_column_int64(st, 0);
        school_id = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    sqlite3_close(sql);
    int field = forms_field_index(&forms_kind_device, "status");
    struct forms_value v = {0};
    int rc = 0;
    if (n > 0 &&
        (!forms_value_parse(&forms_kind_device.fields[field], status, &v, &err) ||
         !storage_record_bulk_set(db, &forms_kind_device, school_id, ids, n, field, &v, &err))) {
        fprintf(stderr, "%s\n", err.msg);
        rc = 3;
    }
    forms_value_free(&v);
    free(ids);
    storage_close(db);
    return rc;
}

/* ------------------------------------------------------------------ edit */

static bool
first_school_year(struct storage_db *db, struct forms_record *rec, int64_t *school_id,
                  struct sk_error *err)
{
    struct storage_school sch;
    if (!storage_school_get(db, NULL, &sch, err))
        return false;
    *school_id = sch.id;
    struct storage_query q = {
        .kind = &forms_kind_school_year, .school_id = sch.id, .sort_field = -1};
    struct storage_page page = {0};
    bool ok = storage_page_fetch(db, &q, NULL, SD_FIRST, 1, &page, err);
    if (ok && page.n == 0)
        ok = sk_fail(err, SK_ENOTFOUND, "no school year");
    if (ok)
        forms_record_copy(rec, &page.rows[0]);
    storage_page_fini(&page);
    return ok;
}

static int
cmd_edit(const char *path, long n_edits, bool print_only)
{
    struct sk_error err = {0};
    struct storage_db *db = NULL;
    for (int tries = 0; !db && tries < 50; tries++) {
        db = storage_open(path, 0, &err);
        if (!db)
            nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    if (!db) {
        fprintf(stderr, "%s\n", err.msg);
        return 3;
    }
    int field = forms_field_index(&forms_kind_school_year, "pupils");
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_school_year);
    int64_t school_id = 0;
    long done = 0, conflicts = 0, busy = 0;
    int rc = 0;
    while (done < n_edits || print_only) {
        if (!first_school_year(db, &rec, &school_id, &err)) {
            fprintf(stderr, "read: %s\n", err.msg);
            rc = 3;
            break;
        }
        if (print_only) {
            printf("%lld\n", (long long)rec.values[field].i);
            break;
        }
        rec.values[field].i++;
        if (storage_record_update(db, school_id, &rec, &err)) {
            done++;
        } else if (err.code == SK_ECONFLICT) {
            conflicts++; /* someone else saved first: read again */
        } else if (err.code == SK_EDB && strstr(err.msg, "busy")) {
            busy++;
        } else {
            fprintf(stderr, "update: %s\n", err.msg);
            rc = 3;
            break;
        }
    }
    forms_record_fini(&rec);
    storage_close(db);
    if (!print_only)
        printf("%ld %ld %ld\n", done, conflicts, busy);
    return rc;
}

/* Runs SQL on the file with the lv collation (to break it on purpose). */
static int
cmd_sql(const char *path, const char *text)
{
    sqlite3 *sql = NULL;
    int rc = sqlite3_open_v2(path, &sql, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_create_collation(sql, "lv", SQLITE_UTF8, NULL, collate_lv);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(sql, text, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s\n", sqlite3_errmsg(sql));
    sqlite3_close(sql);
    return rc == SQLITE_OK ? 0 : 3;
}

int
main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "sql") == 0)
        return cmd_sql(argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "verify") == 0)
        return cmd_verify(argv[2], argc > 3 && strcmp(argv[3], "--batches") == 0);
    if (argc == 5 && strcmp(argv[1], "bulk") == 0)
        return cmd_bulk(argv[2], argv[3], argv[4]);
    if (argc == 4 && strcmp(argv[1], "edit") == 0)
        return cmd_edit(argv[2], strtol(argv[3], NULL, 10), false);
    if (argc == 3 && strcmp(argv[1], "pupils") == 0)
        return cmd_edit(argv[2], 0, true);
    fprintf(stderr, "usage: skola_torture verify DB [--batches] | bulk DB MODEL STATUS | "
                    "edit DB N | pupils DB\n");
    return 2;
}
