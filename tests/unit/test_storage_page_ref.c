/* "My records": a query with ref_id pages, counts and exports only the
 * records whose reference field holds that id (the observation list's "my
 * sheets", observer = me), in both directions, with the text filter and the
 * school year, and a cached page of the same shape without it is not
 * disturbed. A ":memory:" database with three staff and 45 consultations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/storage.h"
#include "testlib.h"

struct fixture {
    struct storage_db *db;
    int64_t school, other_school;
    int64_t staff[3];
};

static int
setup(void **state)
{
    struct sk_error err = {0};
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("1", "Pirmā", NULL, &fx->school);
    assert_true(storage_school_create(fx->db, "2", "Otrā", NULL, &fx->other_school, &err));
    /* "Anna Kalniņa" and "Anna Kalniņa-Ozola": a name that is part of a longer one */
    static const char *const names[] = {"Anna Kalniņa", "Anna Kalniņa-Ozola", "Pēteris Ozols"};
    for (int i = 0; i < 3; i++)
        fx->staff[i] =
            test_insert(fx->db, fx->school, &forms_kind_staff,
                        (const char *const[]){"full_name", names[i], "role", "teacher", NULL});
    int ci = forms_field_index(&forms_kind_consultation, "consultant");
    assert_true(ci >= 0);
    for (int i = 0; i < 45; i++) {
        struct forms_record rec;
        char date[16];
        forms_record_init(&rec, &forms_kind_consultation);
        forms_record_defaults(&rec);
        /* staff 0: 0, 3, 6 … (15); staff 1: 1, 4, … (15); staff 2: the rest */
        rec.values[ci].is_set = true;
        rec.values[ci].i = fx->staff[i % 3];
        snprintf(date, sizeof date, "%04d-10-%02d", i < 30 ? 2024 : 2023, 1 + i % 28);
        test_set(&rec, "date", date);
        test_set(&rec, "topic", i % 2 ? "learning" : "behaviour");
        test_set(&rec, "recipient", i % 5 == 0 ? "P-ozols" : "P-x");
        if (!storage_record_insert(fx->db, fx->school, &rec, &err))
            fail_msg("insert %d: %s", i, err.msg);
        forms_record_fini(&rec);
    }
    *state = fx;
    return 0;
}

static int64_t
count(struct fixture *fx, const struct storage_query *q)
{
    struct sk_error err = {0};
    int64_t n = -1;
    if (!storage_count(fx->db, q, NULL, &n, &err))
        fail_msg("count: %s", err.msg);
    return n;
}

static void
only_the_records_of_that_person_are_listed(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    int ci = forms_field_index(&forms_kind_consultation, "consultant");
    struct storage_query q = {.kind = &forms_kind_consultation,
                              .school_id = fx->school,
                              .sort_field = forms_field_index(&forms_kind_consultation, "date")};
    assert_int_equal(count(fx, &q), 45);
    q.ref_field = ci;
    q.ref_id = fx->staff[0];
    assert_int_equal(count(fx, &q), 15);
    q.ref_id = fx->staff[1];
    assert_int_equal(count(fx, &q), 15);
    q.ref_id = 999999; /* nobody */
    assert_int_equal(count(fx, &q), 0);

    /* paging forwards in pages of 4 and backwards: every row is staff 0's, none twice */
    q.ref_id = fx->staff[0];
    struct storage_page page = {0};
    int64_t seen[64];
    size_t n_seen = 0;
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 4, &page, &err));
    while (page.n > 0) {
        for (size_t i = 0; i < page.n; i++) {
            assert_int_equal(page.rows[i].values[ci].i, fx->staff[0]);
            for (size_t k = 0; k < n_seen; k++)
                assert_true(seen[k] != page.rows[i].id);
            seen[n_seen++] = page.rows[i].id;
        }
        struct forms_record last;
        forms_record_init(&last, q.kind);
        forms_record_copy(&last, &page.rows[page.n - 1]);
        assert_true(storage_page_fetch(fx->db, &q, &last, SD_AFTER, 4, &page, &err));
        forms_record_fini(&last);
    }
    assert_int_equal(n_seen, 15);
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_LAST, 100, &page, &err));
    assert_int_equal(page.n, 15);
    for (size_t i = 0; i < page.n; i++)
        assert_int_equal(page.rows[i].values[ci].i, fx->staff[0]);

    /* the position of a row among mine */
    int64_t pos = -1;
    assert_true(storage_count(fx->db, &q, &page.rows[10], &pos, &err));
    assert_int_equal(pos, 10);

    /* with the filter and the school year too */
    q.filter = "ozols"; /* the recipient P-ozols: i % 5 == 0 and i % 3 == 0 → 0, 15, 30 */
    assert_int_equal(count(fx, &q), 3);
    q.year = 2024; /* 0 and 15 (30 is in 2023) */
    assert_int_equal(count(fx, &q), 2);
    q.filter = NULL;
    assert_int_equal(count(fx, &q), 10);

    /* the cached statement of the same shape without the person is not disturbed */
    struct storage_query all = q;
    all.ref_id = 0;
    assert_int_equal(count(fx, &all), 30);
    assert_true(storage_page_fetch(fx->db, &all, NULL, SD_FIRST, 100, &page, &err));
    assert_int_equal(page.n, 30);
    storage_page_fini(&page);
}

static void
the_export_iterator_follows_it(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    int ci = forms_field_index(&forms_kind_consultation, "consultant");
    struct storage_query q = {.kind = &forms_kind_consultation,
                              .school_id = fx->school,
                              .sort_field = -1,
                              .ref_field = ci,
                              .ref_id = fx->staff[1]};
    struct storage_iter *it = storage_iter_open(fx->db, &q, &err);
    assert_non_null(it);
    struct forms_record rec;
    forms_record_init(&rec, q.kind);
    int n = 0, rc;
    while ((rc = storage_iter_next(it, &rec, &err)) == 1) {
        assert_int_equal(rec.values[ci].i, fx->staff[1]);
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 15);
    forms_record_fini(&rec);
    storage_iter_close(it);
    /* another school's query finds none of them */
    q.school_id = fx->other_school;
    assert_int_equal(count(fx, &q), 0);
}

static void
a_field_that_is_not_a_reference_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_query q = {.kind = &forms_kind_consultation,
                              .school_id = fx->school,
                              .sort_field = -1,
                              .ref_field = forms_field_index(&forms_kind_consultation, "minutes"),
                              .ref_id = 40};
    int64_t n = 0;
    assert_false(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(err.code, SK_EINVAL);
    q.ref_field = 9999;
    assert_false(storage_count(fx->db, &q, NULL, &n, &err));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_records_of_that_person_are_listed),
        cmocka_unit_test(the_export_iterator_follows_it),
        cmocka_unit_test(a_field_that_is_not_a_reference_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, test_fixture_close);
}
