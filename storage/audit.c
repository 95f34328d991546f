/* The audit log: one row per inserted or deleted record and per changed
 * field, written in the same transaction as the change. */
#include "storage/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
storage_audit_write(struct storage_db *db, int64_t school_id, const char *kind, int64_t record_id,
                    const char *action, const char *field, const char *old_value,
                    const char *new_value, struct sk_error *err)
{
    if (db->audit_copied)
        return true;
    sqlite3_stmt *st = storage_stmt(db, STMT_AUDIT_INSERT, err);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, db->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, db->os_user, -1, SQLITE_STATIC);
    if (school_id != 0)
        sqlite3_bind_int64(st, 3, school_id);
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, record_id);
    sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, field, -1, SQLITE_STATIC);
    if (old_value)
        sqlite3_bind_text(st, 8, old_value, -1, SQLITE_STATIC);
    if (new_value)
        sqlite3_bind_text(st, 9, new_value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    storage_stmt_release(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    return true;
}

static void
copy_text(char *dst, size_t cap, sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    snprintf(dst, cap, "%s", s ? s : "");
}

static char *
dup_text(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return s && *s ? sk_xstrdup(s) : NULL;
}

bool
storage_audit_list(struct storage_db *db, const char *kind, int64_t record_id,
                   struct storage_audit_entry **out, size_t *n, struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    /* a kind's log is read like its records; the whole log, the users' and
     * the settings' are the head's */
    const struct forms_kind *k = kind ? forms_kind_by_key(kind) : NULL;
    if (k ? !storage_check_read(db, k, err) : !storage_require_area(db, SAREA_ADMIN, SA_READ, err))
        return false;
    enum storage_stmt_id id = !kind            ? STMT_AUDIT_ALL
                              : record_id == 0 ? STMT_AUDIT_KIND
                                               : STMT_AUDIT_RECORD;
    sqlite3_stmt *st = storage_stmt(db, id, err);
    if (!st)
        return false;
    if (kind)
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    if (kind && record_id != 0)
        sqlite3_bind_int64(st, 2, record_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = sk_xrealloc(*out, cap * sizeof **out);
        }
        struct storage_audit_entry *e = &(*out)[(*n)++];
        e->id = sqlite3_column_int64(st, 0);
        copy_text(e->at, sizeof e->at, st, 1);
        copy_text(e->user, sizeof e->user, st, 2);
        copy_text(e->kind, sizeof e->kind, st, 3);
        e->record_id = sqlite3_column_int64(st, 4);
        copy_text(e->action, sizeof e->action, st, 5);
        copy_text(e->field, sizeof e->field, st, 6);
        if (strcmp(e->field, "*") == 0)
            e->field[0] = '\0';
        e->old_value = dup_text(st, 7);
        e->new_value = dup_text(st, 8);
    }
    storage_stmt_release(st);
    if (rc != SQLITE_DONE) {
        storage_audit_free(*out, *n);
        *out = NULL;
        *n = 0;
        return storage_fail_db(db, rc, err);
    }
    return true;
}

void
storage_audit_free(struct storage_audit_entry *e, size_t n)
{
    if (!e)
        return;
    for (size_t i = 0; i < n; i++) {
        free(e[i].old_value);
        free(e[i].new_value);
    }
    free(e);
}
