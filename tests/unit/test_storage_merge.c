/* storage/merge.c: a copy made by storage_backup, changed, merged back:
 * counts of a one-sided edit, an addition and a conflict decided either
 * way; merging twice changes nothing; on a shared file only a head may
 * merge. Files live in a fresh mkdtemp() folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <pwd.h>

#include "storage/internal.h"
#include "testlib.h"

struct fx {
    char dir[64], host[128], copy[128];
    struct storage_db *db;
    int64_t school;
};

static int
setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    test_dir_make(fx->dir, sizeof fx->dir, "merge");
    snprintf(fx->host, sizeof fx->host, "%s/host.db", fx->dir);
    snprintf(fx->copy, sizeof fx->copy, "%s/laptop.db", fx->dir);
    struct sk_error err = {0};
    fx->db = storage_open(fx->host, SO_CREATE, &err);
    assert_non_null(fx->db);
    assert_true(storage_school_create(fx->db, "1", "Pirmā", NULL, &fx->school, &err));
    for (int i = 1; i <= 3; i++) {
        char inv[16];
        snprintf(inv, sizeof inv, "M-%d", i);
        const char *const kv[] = {"inventory_no", inv, "category", "laptop", NULL};
        test_insert(fx->db, fx->school, &forms_kind_device, kv);
    }
    assert_true(storage_backup(fx->db, fx->copy, &err));
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *fx = *state;
    storage_close(fx->db);
    test_dir_remove(fx->dir);
    free(fx);
    return 0;
}

/* Sets the room of device `inv` in db. */
static void
set_room(struct storage_db *db, const char *inv, const char *room)
{
    struct sk_error err = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    test_set(&rec, "inventory_no", inv);
    int64_t id = 0;
    assert_true(storage_record_find_natkey(db, 1, &rec, &id, &err));
    assert_true(id > 0);
    assert_true(storage_record_get(db, &forms_kind_device, 1, id, &rec, &err));
    test_set(&rec, "room", room);
    assert_true(storage_record_update(db, 1, &rec, &err));
    forms_record_fini(&rec);
}

static const char *
room_of(struct storage_db *db, const char *inv)
{
    static char room[64];
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT ifnull(room, '') FROM device"
                                        " WHERE inventory_no = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, inv, -1, SQLITE_STATIC);
    room[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(room, sizeof room, "%s", (const char *)sqlite3_column_text(st, 0));
    else
        snprintf(room, sizeof room, "(none)");
    sqlite3_finalize(st);
    return room;
}

/* In the copy: M-1 edited, M-2 edited (also here), M-9 added. */
static void
change_the_copy(struct fx *fx)
{
    struct sk_error err = {0};
    struct storage_db *c = storage_open(fx->copy, 0, &err);
    assert_non_null(c);
    set_room(c, "M-1", "copy-1");
    set_room(c, "M-2", "copy-2");
    const char *const kv[] = {"inventory_no", "M-9", "category", "tablet", NULL};
    test_insert(c, 1, &forms_kind_device, kv);
    storage_close(c);
    set_room(fx->db, "M-2", "here-2");
}

static void
a_conflict_stops_the_merge_until_prefer_decides(void **state)
{
    struct fx *fx = *state;
    change_the_copy(fx);
    struct sk_error err = {0};
    struct storage_merge_result res;
    struct storage_merge_opts opts = {0};
    assert_false(storage_merge(fx->db, fx->copy, &opts, &res, &err));
    assert_int_equal(err.code, SK_ECONFLICT);
    assert_int_equal(res.conflicts, 1);
    assert_string_equal(room_of(fx->db, "M-1"), ""); /* nothing merged */
    assert_string_equal(room_of(fx->db, "M-9"), "(none)");

    opts.prefer = SP_THIS;
    assert_true(storage_merge(fx->db, fx->copy, &opts, &res, &err));
    assert_int_equal(res.added, 1);
    assert_int_equal(res.updated, 1);
    assert_int_equal(res.kept, 1);
    assert_string_equal(room_of(fx->db, "M-1"), "copy-1");
    assert_string_equal(room_of(fx->db, "M-2"), "here-2");
    assert_string_equal(room_of(fx->db, "M-9"), "");

    /* again, without --prefer: the decision stands, nothing changes */
    opts.prefer = SP_NONE;
    assert_true(storage_merge(fx->db, fx->copy, &opts, &res, &err));
    assert_int_equal(res.added + res.updated + res.deleted + res.conflicts + res.audit_rows, 0);
}

static void
prefer_other_takes_the_copy_and_a_dry_run_writes_nothing(void **state)
{
    struct fx *fx = *state;
    change_the_copy(fx);
    struct sk_error err = {0};
    struct storage_merge_result res;
    struct storage_merge_opts opts = {.prefer = SP_OTHER, .dry_run = true};
    assert_true(storage_merge(fx->db, fx->copy, &opts, &res, &err));
    assert_int_equal(res.updated, 2);
    assert_string_equal(room_of(fx->db, "M-2"), "here-2");
    opts.dry_run = false;
    assert_true(storage_merge(fx->db, fx->copy, &opts, &res, &err));
    assert_string_equal(room_of(fx->db, "M-2"), "copy-2");
    assert_string_equal(room_of(fx->db, "M-1"), "copy-1");
}

static void
only_a_head_merges_a_shared_file(void **state)
{
    struct fx *fx = *state;
    change_the_copy(fx);
    struct sk_error err = {0};
    assert_true(storage_users_share(fx->db, &err));
    const char *head = storage_identity(fx->db)->login;
    char head_login[64];
    snprintf(head_login, sizeof head_login, "%s", head);
    /* a login the system knows (users_add checks it) */
    const char *deputy = getpwnam("nobody") ? "nobody" : "daemon";
    if (!getpwnam(deputy))
        skip();
    assert_true(storage_users_add(fx->db, deputy, SR_DEPUTY, 0, &err));
    assert_true(storage_identity_login_as(fx->db, deputy, &err));
    struct storage_merge_result res;
    struct storage_merge_opts opts = {.prefer = SP_OTHER};
    assert_false(storage_merge(fx->db, fx->copy, &opts, &res, &err));
    assert_int_equal(err.code, SK_EINVAL);
    assert_string_equal(room_of(fx->db, "M-1"), "");
    assert_true(storage_identity_login_as(fx->db, head_login, &err));
    assert_true(storage_merge(fx->db, fx->copy, &opts, &res, &err));
    assert_string_equal(room_of(fx->db, "M-1"), "copy-1");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_conflict_stops_the_merge_until_prefer_decides, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(prefer_other_takes_the_copy_and_a_dry_run_writes_nothing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(only_a_head_merges_a_shared_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
