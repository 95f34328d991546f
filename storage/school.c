/* Schools: the few rows every record belongs to. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void
read_school(sqlite3_stmt *st, struct storage_school *s)
{
    const char *t;
    s->id = sqlite3_column_int64(st, 0);
    t = (const char *)sqlite3_column_text(st, 1);
    snprintf(s->code, sizeof s->code, "%s", t ? t : "");
    t = (const char *)sqlite3_column_text(st, 2);
    snprintf(s->name, sizeof s->name, "%s", t ? t : "");
    t = (const char *)sqlite3_column_text(st, 3);
    snprintf(s->municipality, sizeof s->municipality, "%s", t ? t : "");
}

/* Whether another school's code equals code but for case (codes are ASCII). */
static bool
code_taken(struct storage_db *db, const char *code, char *found, size_t cap, bool *taken,
           struct sk_error *err)
{
    struct storage_school *all = NULL;
    size_t n = 0;
    *taken = false;
    if (!storage_school_list(db, &all, &n, err))
        return false;
    for (size_t i = 0; i < n && !*taken; i++)
        if (strcasecmp(all[i].code, code) == 0) {
            *taken = true;
            snprintf(found, cap, "%s", all[i].code);
        }
    free(all);
    return true;
}

static bool
school_insert(struct storage_db *db, const char *code, const char *name, const char *municipality,
              int64_t *id, struct sk_error *err)
{
    if (!*code)
        return sk_fail(err, SK_EINVAL, "%s", _("The school needs a code."));
    if (!*name)
        return sk_fail(err, SK_EINVAL, "%s", _("The school needs a name."));
    /* Control characters would reach terminals and reports; an invisible
     * character would make two codes that look the same; the code is part
     * of file names (reports, packages). */
    struct sk_error e = {0};
    if (!forms_code_check(code, &e))
        return sk_fail(err, SK_EINVAL, _("School code: %s."), e.msg);
    if (!forms_text_check(name, strlen(name), false, true, &e))
        return sk_fail(err, SK_EINVAL, _("School name: %s."), e.msg);
    if (municipality && !forms_text_check(municipality, strlen(municipality), false, true, &e))
        return sk_fail(err, SK_EINVAL, _("Municipality: %s."), e.msg);
    bool own;
    if (!storage_op_begin(db, &own, err))
        return false;
    bool ok = false, taken = false;
    char other[sizeof((struct storage_school *)0)->code];
    if (!code_taken(db, code, other, sizeof other, &taken, err))
        return storage_op_end(db, own, false, err);
    if (taken) {
        sk_fail(err, SK_EINVAL, _("A school with the code “%s” already exists."), SK_QUOTE(other));
        if (err)
            err->field = "code";
        return storage_op_end(db, own, false, err);
    }
    sqlite3_stmt *st = storage_stmt(db, STMT_SCHOOL_INSERT, err);
    if (st) {
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
        if (municipality && *municipality)
            sqlite3_bind_text(st, 3, municipality, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, db->now, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        storage_stmt_release(st);
        if (rc == SQLITE_DONE) {
            *id = sqlite3_last_insert_rowid(db->sql);
            ok = storage_audit_write(db, *id, "school", *id, "insert", "*", NULL, code, err);
        } else if (sqlite3_extended_errcode(db->sql) == SQLITE_CONSTRAINT_UNIQUE) {
            sk_fail(err, SK_EINVAL, _("A school with the code “%s” already exists."),
                    SK_QUOTE(code));
            if (err)
                err->field = "code";
        } else {
            storage_fail_db(db, rc, err);
        }
    }
    return storage_op_end(db, own, ok, err);
}

bool
storage_school_create(struct storage_db *db, const char *code, const char *name,
                      const char *municipality, int64_t *id, struct sk_error *err)
{
    if (!storage_require_area(db, SAREA_ADMIN, SA_WRITE, err))
        return false;
    /* stored normalised like every key and name (NFC, plain single spaces,
     * none at the ends); the municipality as NFC without spaces at the ends */
    size_t n;
    const char *mu = municipality;
    char *c = forms_text_normalize(code ? code : "", code ? strlen(code) : 0, true, false, &n);
    char *nm = forms_text_normalize(name ? name : "", name ? strlen(name) : 0, true, false, &n);
    char *mn = mu ? forms_text_normalize(mu, strlen(mu), false, false, &n) : NULL;
    char *m = mn ? forms_trim_dup(mn) : NULL;
    free(mn);
    bool ok = school_insert(db, c, nm, m, id, err);
    free(c);
    free(nm);
    free(m);
    return ok;
}

bool
storage_school_list(struct storage_db *db, struct storage_school **out, size_t *n,
                    struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = storage_stmt(db, STMT_SCHOOL_LIST, err);
    if (!st)
        return false;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = sk_xrealloc(*out, cap * sizeof **out);
        }
        read_school(st, &(*out)[(*n)++]);
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
storage_school_get(struct storage_db *db, const char *code, struct storage_school *out,
                   struct sk_error *err)
{
    sqlite3_stmt *st = storage_stmt(db, code ? STMT_SCHOOL_BY_CODE : STMT_SCHOOL_FIRST2, err);
    if (!st)
        return false;
    if (code)
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++ == 0)
            read_school(st, out);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    if (n == 0 && code)
        return sk_fail(err, SK_ENOTFOUND, _("There is no school with the code “%s”."),
                       SK_QUOTE(code));
    /* codes are found whatever their case; an older file may hold two
     * that differ only in case: then only the exact spelling decides */
    if (n > 1 && code && strcmp(out->code, code) != 0)
        return sk_fail(err, SK_EUSAGE,
                       _("Several schools have the code “%s” in different capitals; give it "
                         "with exactly the same capitals."),
                       SK_QUOTE(code));
    if (n == 0)
        return sk_fail(err, SK_ENOTFOUND, "%s",
                       _("The database has no school yet; create one first."));
    if (n > 1 && !code)
        return sk_fail(err, SK_EUSAGE, "%s",
                       _("The database has several schools; say which one (its code)."));
    return true;
}

bool
storage_school_by_id(struct storage_db *db, int64_t id, struct storage_school *out,
                     struct sk_error *err)
{
    sqlite3_stmt *st = storage_stmt(db, STMT_SCHOOL_BY_ID, err);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_school(st, out);
    storage_stmt_release(st);
    if (rc == SQLITE_DONE)
        return sk_fail(err, SK_ENOTFOUND, _("There is no school with the number %lld."),
                       (long long)id);
    if (rc != SQLITE_ROW)
        return storage_fail_db(db, rc, err);
    return true;
}
