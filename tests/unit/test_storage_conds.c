/* Field filters (struct storage_cond, storage/page.c): a choice, a range of
 * dates or numbers, emptiness, a flag and a reference by name, AND-ed with
 * each other and with the text filter; the keyset paging (one row at a
 * time, both ways) and the count see the same rows; values are bound, so a
 * quote in a value is only a character. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testlib.h"

static int
setup(void **state)
{
    int rc = test_fixture_open(state);
    struct test_fixture *fx = *state;
    static const char *const rows[][8] = {
        {"D-1", "laptop", "in_use", "2020-05-01", "SIA Dators", "100.00"},
        {"D-2", "laptop", "written_off", "2018-01-10", "", "50.00"},
        {"D-3", "printer", "in_use", "2022-09-01", "O'Brien “IT”", "700.00"},
        {"D-4", "laptop", "in_use", "2021-02-03", "", "300.00"},
        {"D-5", "laptop", "in_use", "", "Lenovo", "1200.00"},
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(rows); i++)
        test_insert(fx->db, fx->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", rows[i][0], "category", rows[i][1],
                                          "status", rows[i][2], "purchase_date", rows[i][3],
                                          "supplier", rows[i][4], "purchase_cost", rows[i][5],
                                          NULL});
    return rc;
}

static struct storage_cond
cond(const char *key, enum storage_cond_op op, const char *lo, const char *hi)
{
    struct storage_cond c = {.field = forms_field_index(&forms_kind_device, key), .op = op};
    struct sk_error err = {0};
    const struct forms_field *f = &forms_kind_device.fields[c.field];
    if ((lo && !forms_value_parse(f, lo, &c.lo, &err)) ||
        (hi && !forms_value_parse(f, hi, &c.hi, &err)))
        fail_msg("%s: %s", key, err.msg);
    return c;
}

static void
cond_free(struct storage_cond *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        forms_value_free(&c[i].lo);
        forms_value_free(&c[i].hi);
    }
}

/* The inventory numbers q finds, in order, joined by spaces; paged one row
 * at a time forwards and backwards (the same) and counted (the same number). */
static const char *
found(struct storage_db *db, struct storage_query *q)
{
    static char out[256];
    char back[256] = "";
    struct sk_error err = {0};
    struct storage_page page = {0};
    struct forms_record anchor;
    forms_record_init(&anchor, q->kind);
    out[0] = '\0';
    size_t n = 0;
    for (int dir = 0; dir < 2; dir++) {
        bool ok = storage_page_fetch(db, q, NULL, dir ? SD_LAST : SD_FIRST, 1, &page, &err);
        while (ok && page.n == 1) {
            char *dst = dir ? back : out;
            char tmp[256];
            const char *inv = test_get(&page.rows[0], "inventory_no");
            if (dir)
                snprintf(tmp, sizeof tmp, "%s%s%s", inv, back[0] ? " " : "", back);
            else
                snprintf(tmp, sizeof tmp, "%s%s%s", out, out[0] ? " " : "", inv);
            snprintf(dst, 256, "%s", tmp);
            n += dir == 0;
            forms_record_copy(&anchor, &page.rows[0]);
            ok = storage_page_fetch(db, q, &anchor, dir ? SD_BEFORE : SD_AFTER, 1, &page, &err);
        }
        if (!ok)
            fail_msg("page: %s", err.msg);
    }
    assert_string_equal(out, back);
    int64_t count = -1;
    if (!storage_count(db, q, NULL, &count, &err))
        fail_msg("count: %s", err.msg);
    assert_int_equal(count, (int64_t)n);
    forms_record_fini(&anchor);
    storage_page_fini(&page);
    return out;
}

static struct storage_query
query(struct test_fixture *fx, const struct storage_cond *c, size_t n)
{
    return (struct storage_query){.kind = &forms_kind_device,
                                  .school_id = fx->school,
                                  .sort_field =
                                      forms_field_index(&forms_kind_device, "inventory_no"),
                                  .conds = c,
                                  .n_conds = n};
}

static void
a_choice_a_range_and_empty_combine(void **state)
{
    struct test_fixture *fx = *state;
    struct storage_cond c[3] = {cond("status", SC_EQ, "in_use", NULL)};
    struct storage_query q = query(fx, c, 1);
    assert_string_equal(found(fx->db, &q), "D-1 D-3 D-4 D-5");
    c[1] = cond("purchase_date", SC_RANGE, "2020-06-01", NULL);
    q.n_conds = 2;
    assert_string_equal(found(fx->db, &q), "D-3 D-4");
    c[2] = cond("supplier", SC_EMPTY, NULL, NULL);
    q.n_conds = 3;
    assert_string_equal(found(fx->db, &q), "D-4");
    /* with the text filter, and sorted descending */
    q.n_conds = 1;
    q.filter = "lenovo";
    assert_string_equal(found(fx->db, &q), "D-5");
    q.filter = NULL;
    q.desc = true;
    assert_string_equal(found(fx->db, &q), "D-5 D-4 D-3 D-1");
    cond_free(c, 3);
}

static void
ranges_of_numbers_and_dates_and_the_empty_date(void **state)
{
    struct test_fixture *fx = *state;
    struct storage_cond c[1] = {cond("purchase_cost", SC_RANGE, "100", "700")};
    struct storage_query q = query(fx, c, 1);
    assert_string_equal(found(fx->db, &q), "D-1 D-3 D-4");
    cond_free(c, 1);
    c[0] = cond("purchase_date", SC_RANGE, NULL, "31.12.2020");
    assert_string_equal(found(fx->db, &q), "D-1 D-2");
    cond_free(c, 1);
    c[0] = cond("purchase_date", SC_EMPTY, NULL, NULL);
    assert_string_equal(found(fx->db, &q), "D-5");
    cond_free(c, 1);
}

static void
text_values_match_in_any_case_and_quotes_are_data(void **state)
{
    struct test_fixture *fx = *state;
    struct storage_cond c[1] = {cond("supplier", SC_EQ, "sia dators", NULL)};
    struct storage_query q = query(fx, c, 1);
    assert_string_equal(found(fx->db, &q), "D-1");
    cond_free(c, 1);
    c[0] = cond("supplier", SC_EQ, "O'Brien “IT”", NULL);
    assert_string_equal(found(fx->db, &q), "D-3");
    cond_free(c, 1);
    c[0] = cond("supplier", SC_EQ, "SIA", NULL); /* a part is not the value */
    assert_string_equal(found(fx->db, &q), "");
    cond_free(c, 1);
}

static void
a_flag_and_a_reference_by_name(void **state)
{
    struct test_fixture *fx = *state;
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Anna Ābele", "role", "teacher", NULL});
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Anna Ābelīte", "role", "teacher", NULL});
    test_insert(fx->db, fx->school, &forms_kind_observation,
                (const char *const[]){"date", "2024-02-01", "teacher", "Anna Ābele", "purpose",
                                      "experience", NULL});
    test_insert(fx->db, fx->school, &forms_kind_observation,
                (const char *const[]){"date", "2024-02-02", "teacher", "Anna Ābelīte", NULL});
    const struct forms_kind *k = &forms_kind_observation;
    struct storage_cond c = {.field = forms_field_index(k, "teacher"), .op = SC_EQ};
    struct sk_error err = {0};
    assert_true(forms_value_parse(&k->fields[c.field], "Anna Ābele", &c.lo, &err));
    struct storage_query q = {
        .kind = k, .school_id = fx->school, .sort_field = -1, .conds = &c, .n_conds = 1};
    int64_t n = 0;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, 1);
    forms_value_free(&c.lo);
    c.field = forms_field_index(k, "purpose");
    const struct forms_field *pf = &k->fields[c.field];
    assert_true(forms_value_parse(pf, pf->choices[0].key, &c.lo, &err));
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, 1);
    forms_value_free(&c.lo);
    c.op = SC_EMPTY;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, 1);
    /* a tick row is no column: refused */
    c.field = (int)forms_observation_first_crit;
    assert_false(storage_count(fx->db, &q, NULL, &n, &err));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_choice_a_range_and_empty_combine, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(ranges_of_numbers_and_dates_and_the_empty_date, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(text_values_match_in_any_case_and_quotes_are_data, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(a_flag_and_a_reference_by_name, setup, test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
