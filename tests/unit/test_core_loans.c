/* core/loan.c and core/summary_loans.c: a loan is open on the reference
 * date when lent on or before it and not returned by then, overdue when
 * also due before it; lending sets the device on loan, a device with an
 * open loan or written off cannot be lent, taking back puts it in use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "testlib.h"

static int64_t dev[4];

static void
add_loan(struct test_fixture *fx, const char *device, const char *out, const char *due,
         const char *back)
{
    const char *kv[] = {"device",
                        device,
                        "borrower",
                        "Anna Ābele",
                        "out_on",
                        out,
                        due ? "due_on" : NULL,
                        due,
                        back ? "returned_on" : NULL,
                        back,
                        NULL};
    if (!due) /* shift the returned pair down over the missing due pair */
        kv[6] = kv[8], kv[7] = kv[9], kv[8] = NULL;
    test_insert(fx->db, fx->school, &forms_kind_loan, kv);
}

static int
setup(void **state)
{
    struct test_fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("T", "Test", NULL, &fx->school);
    static const char *const inv[] = {"D-1", "D-2", "D-3", "D-4"};
    for (size_t i = 0; i < 4; i++)
        dev[i] =
            test_insert(fx->db, fx->school, &forms_kind_device,
                        (const char *const[]){"inventory_no", inv[i], "category", "laptop", NULL});
    /* the reference date of the tests below is 15.11.2024 */
    add_loan(fx, "D-1", "2024-10-01", "2024-11-14", NULL); /* open, overdue */
    add_loan(fx, "D-2", "2024-10-01", "2024-11-15", NULL); /* open, due that day: not overdue */
    add_loan(fx, "D-3", "2024-09-02", "2024-10-01", "2024-11-15"); /* returned on the day */
    add_loan(fx, "D-3", "2024-11-16", "2024-11-20", NULL);         /* lent after the day */
    add_loan(fx, "D-4", "2024-09-02", NULL, "2024-11-20");         /* out then, no due date */
    *state = fx;
    return 0;
}

static const struct core_figure *
find(const struct core_summary *s, const char *metric)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->figs[i].metric, metric) == 0)
            return &s->figs[i];
    fail_msg("no figure %s", metric);
    return NULL;
}

static void
open_and_overdue_count_on_the_reference_date(void **state)
{
    struct test_fixture *fx = *state;
    struct core_summary s = {0};
    struct sk_error err = {0};
    if (!core_summary_compute(fx->db, fx->school, 2024, sk_date_from_ymd(2024, 11, 15), CS_LOANS,
                              &s, &err))
        fail_msg("%s", err.msg);
    assert_true(find(&s, "loans.open")->num == 3.0);    /* D-1, D-2, D-4 */
    assert_true(find(&s, "loans.overdue")->num == 1.0); /* D-1 */
    core_summary_fini(&s);
    /* a week later D-2 is overdue too, D-3's new loan is open, D-4 is back */
    memset(&s, 0, sizeof s);
    if (!core_summary_compute(fx->db, fx->school, 2024, sk_date_from_ymd(2024, 11, 22), CS_LOANS,
                              &s, &err))
        fail_msg("%s", err.msg);
    assert_true(find(&s, "loans.open")->num == 3.0);    /* D-1, D-2, D-3 */
    assert_true(find(&s, "loans.overdue")->num == 3.0); /* D-3 was due on 20.11. */
    core_summary_fini(&s);
}

static void
lend_and_take_back(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    struct forms_record d;
    forms_record_init(&d, &forms_kind_device);
    /* D-1 has an open loan: refused, naming the borrower */
    struct core_loan_out out = {"Jānis Bērziņš", 0, sk_date_from_ymd(2024, 11, 15), SK_DATE_NONE};
    assert_false(core_loan_lend(fx->db, fx->school, dev[0], &out, &err));
    assert_non_null(strstr(err.msg, "Anna Ābele"));
    /* D-4 is back: lent, then on loan */
    sk_error_clear(&err);
    assert_true(core_loan_lend(fx->db, fx->school, dev[3], &out, &err));
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, dev[3], &d, &err));
    assert_string_equal(test_get(&d, "status"), "on_loan");
    assert_false(core_loan_lend(fx->db, fx->school, dev[3], &out, &err));
    /* taken back: in use, the loan returned that day */
    sk_error_clear(&err);
    assert_true(core_loan_return(fx->db, fx->school, dev[3], sk_date_from_ymd(2024, 11, 18), &err));
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, dev[3], &d, &err));
    assert_string_equal(test_get(&d, "status"), "in_use");
    assert_false(
        core_loan_return(fx->db, fx->school, dev[3], sk_date_from_ymd(2024, 11, 18), &err));
    assert_non_null(strstr(err.msg, "D-4"));
    /* a written-off device is not lent */
    test_set(&d, "status", "written_off");
    sk_error_clear(&err);
    assert_true(storage_record_update(fx->db, fx->school, &d, &err));
    assert_false(core_loan_lend(fx->db, fx->school, dev[3], &out, &err));
    assert_non_null(strstr(err.msg, "written off"));
    forms_record_fini(&d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(open_and_overdue_count_on_the_reference_date, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(lend_and_take_back, setup, test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
