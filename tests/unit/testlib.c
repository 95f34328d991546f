/* testlib.c — see testlib.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ftw.h>
#include <unistd.h>

#include "testlib.h"

struct storage_db *
test_db_open(const char *code, const char *name, const char *city, int64_t *school)
{
    struct sk_error err = {0};
    struct storage_db *db = storage_open(":memory:", SO_CREATE, &err);
    if (!db)
        fail_msg("open: %s", err.msg);
    if (!storage_school_create(db, code, name, city, school, &err))
        fail_msg("school: %s", err.msg);
    return db;
}

int
test_fixture_open(void **state)
{
    struct test_fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("4513900001", "Liepājas Valsts tehnikums", "Liepāja", &fx->school);
    *state = fx;
    return 0;
}

int
test_fixture_close(void **state)
{
    /* a pointer to a struct, converted, points to its first member */
    struct storage_db **db = *state;
    storage_close(*db);
    free(*state);
    return 0;
}

void
test_set(struct forms_record *rec, const char *key, const char *text)
{
    struct sk_error err = {0};
    int fi = forms_field_index(rec->kind, key);
    if (fi < 0)
        fail_msg("no field %s", key);
    if (!forms_value_parse(&rec->kind->fields[fi], text, &rec->values[fi], &err))
        fail_msg("%s=%s: %s", key, text, err.msg);
}

const char *
test_get(const struct forms_record *rec, const char *key)
{
    static char buf[512];
    int fi = forms_field_index(rec->kind, key);
    if (fi < 0)
        fail_msg("no field %s", key);
    return forms_value_format(&rec->kind->fields[fi], &rec->values[fi], FS_CSV, buf, sizeof buf);
}

int64_t
test_insert(struct storage_db *db, int64_t school, const struct forms_kind *kind,
            const char *const *kv)
{
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, kind);
    forms_record_defaults(&rec);
    for (; kv[0]; kv += 2)
        test_set(&rec, kv[0], kv[1]);
    if (!storage_record_insert(db, school, &rec, &err))
        fail_msg("insert %s: %s", kind->key, err.msg);
    int64_t id = rec.id;
    forms_record_fini(&rec);
    return id;
}

int
test_csv_open(void **state)
{
    struct test_csv_fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    snprintf(fx->dir, sizeof fx->dir, "/tmp/skola-csv-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    fx->db = test_db_open("T1", "Testa skola", "Liepāja", &fx->school);
    *state = fx;
    return 0;
}

int
test_csv_close(void **state)
{
    struct test_csv_fixture *fx = *state;
    int rc = test_dir_remove(fx->dir);
    test_fixture_close(state);
    return rc;
}

void
test_csv_collect(void *ctx, const struct sk_error *e)
{
    struct test_csv_fixture *fx = ctx;
    if (fx->n_errors < sizeof fx->errors / sizeof fx->errors[0]) {
        struct test_seen_error *s = &fx->errors[fx->n_errors];
        s->line = e->line;
        s->column = e->column;
        snprintf(s->field, sizeof s->field, "%s", e->field ? e->field : "");
        snprintf(s->msg, sizeof s->msg, "%s", e->msg);
    }
    fx->n_errors++;
}

const char *
test_csv_write(struct test_csv_fixture *fx, const char *name, const char *bytes, size_t n)
{
    static char path[4][128];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 128, "%s/%s", fx->dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (n == 0)
        n = strlen(bytes);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
    return p;
}

void
test_strip_uids(char *csv)
{
    char *r = csv, *w = csv;
    if (strncmp(r, "\xef\xbb\xbf", 3) == 0) {
        memmove(w, r, 3);
        r += 3;
        w += 3;
    }
    bool at_start = true;
    while (*r) {
        if (at_start) {
            char uid[FORMS_UID_LEN + 1];
            if (strncmp(r, "uid", 3) == 0 && (r[3] == ',' || r[3] == ';'))
                r += 4;
            else if (strlen(r) > FORMS_UID_LEN && forms_uid_parse(r, FORMS_UID_LEN, uid) &&
                     (r[FORMS_UID_LEN] == ',' || r[FORMS_UID_LEN] == ';'))
                r += FORMS_UID_LEN + 1;
        }
        at_start = *r == '\n';
        *w++ = *r++;
    }
    *w = '\0';
}

void
test_dir_make(char *dir, size_t cap, const char *tag)
{
    snprintf(dir, cap, "/tmp/skola-%s-XXXXXX", tag);
    if (!mkdtemp(dir))
        fail_msg("mkdtemp %s failed", dir);
}

static int
remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    if (remove(path) != 0)
        fprintf(stderr, "could not remove %s\n", path);
    return 0;
}

int
test_dir_remove(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return access(dir, F_OK) == 0 ? -1 : 0;
}
