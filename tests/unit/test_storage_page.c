/* storage/page.c: keyset paging forwards and backwards, descending order,
 * NULL sort values, the folded filter, the school-year filter, positions,
 * the cancellable count and the export iterator. A ":memory:" database
 * with 60 devices. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/storage.h"
#include "testlib.h"

#define N_DEVICES 60

struct fixture {
    struct storage_db *db;
    int64_t school, other_school;
};

static const char *const models[] = {
    "Ēdžs", "edge", "Zebra", "ābols", "Bērziņš", "Čiekurs", "berzs", "Ölfass", NULL, "Apple",
};
static const char *const categories[] = {"laptop", "desktop", "tablet", "projector"};

/* Device i of a school: model cycles through `models` (every 10th has
 * none), purchase dates spread over three school years. */
static void
add_device(struct storage_db *db, int64_t school, int i)
{
    struct sk_error err = {0};
    struct forms_record rec;
    char text[32];
    forms_record_init(&rec, &forms_kind_device);
    forms_record_defaults(&rec);
    snprintf(text, sizeof text, "INV-%03d", i);
    test_set(&rec, "inventory_no", text);
    test_set(&rec, "category", categories[i % 4]);
    if (models[i % 10])
        test_set(&rec, "model", models[i % 10]);
    if (i % 7 != 0) {
        snprintf(text, sizeof text, "%04d-%02d-15", 2022 + i % 3, 1 + i % 12);
        test_set(&rec, "purchase_date", text);
    }
    if (!storage_record_insert(db, school, &rec, &err))
        fail_msg("insert %d: %s", i, err.msg);
    forms_record_fini(&rec);
}

static int
setup(void **state)
{
    struct sk_error err = {0};
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("1", "Pirmā", NULL, &fx->school);
    assert_true(storage_school_create(fx->db, "2", "Otrā", NULL, &fx->other_school, &err));
    assert_true(storage_begin(fx->db, &err));
    for (int i = 0; i < N_DEVICES; i++)
        add_device(fx->db, fx->school, i);
    for (int i = 0; i < 5; i++)
        add_device(fx->db, fx->other_school, i);
    assert_true(storage_commit(fx->db, &err));
    *state = fx;
    return 0;
}

/* All ids of q in order, fetched in one page. */
static size_t
all_ids(struct fixture *fx, const struct storage_query *q, int64_t *ids)
{
    struct sk_error err = {0};
    struct storage_page page = {0};
    assert_true(storage_page_fetch(fx->db, q, NULL, SD_FIRST, 1000, &page, &err));
    for (size_t i = 0; i < page.n; i++)
        ids[i] = page.rows[i].id;
    size_t n = page.n;
    storage_page_fini(&page);
    return n;
}

static int
model_field(void)
{
    return forms_field_index(&forms_kind_device, "model");
}

static void
full_order_sorts_nulls_first_then_latvian(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = model_field()};
    struct storage_page page = {0};
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 1000, &page, &err));
    assert_int_equal(page.n, N_DEVICES);
    int fi = model_field();
    for (size_t i = 1; i < page.n; i++) {
        const struct forms_value *a = &page.rows[i - 1].values[fi], *b = &page.rows[i].values[fi];
        if (!a->is_set) {
            if (!b->is_set)
                assert_true(page.rows[i - 1].id < page.rows[i].id);
            continue;
        }
        assert_true(b->is_set);
        int c = forms_collate(a->s, strlen(a->s), b->s, strlen(b->s));
        assert_true(c < 0 || (c == 0 && page.rows[i - 1].id < page.rows[i].id));
    }
    assert_false(page.rows[0].values[fi].is_set);
    storage_page_fini(&page);
}

/* Pages through q forwards with `limit` rows a page and checks the result
 * equals the one-page order. */
static void
check_forward(struct fixture *fx, const struct storage_query *q, size_t limit)
{
    struct sk_error err = {0};
    int64_t want[1000];
    size_t n_want = all_ids(fx, q, want);
    struct storage_page page = {0};
    struct forms_record anchor;
    forms_record_init(&anchor, q->kind);
    size_t got = 0;
    enum storage_dir dir = SD_FIRST;
    for (;;) {
        assert_true(storage_page_fetch(fx->db, q, got ? &anchor : NULL, dir, limit, &page, &err));
        for (size_t i = 0; i < page.n; i++) {
            assert_true(got < n_want);
            assert_int_equal(page.rows[i].id, want[got++]);
        }
        if (page.n < limit)
            break;
        forms_record_copy(&anchor, &page.rows[page.n - 1]);
        dir = SD_AFTER;
    }
    assert_int_equal(got, n_want);
    forms_record_fini(&anchor);
    storage_page_fini(&page);
}

/* The same backwards, from SD_LAST with SD_BEFORE. */
static void
check_backward(struct fixture *fx, const struct storage_query *q, size_t limit)
{
    struct sk_error err = {0};
    int64_t want[1000];
    size_t n_want = all_ids(fx, q, want);
    struct storage_page page = {0};
    struct forms_record anchor;
    forms_record_init(&anchor, q->kind);
    size_t left = n_want;
    enum storage_dir dir = SD_LAST;
    for (;;) {
        assert_true(storage_page_fetch(fx->db, q, dir == SD_LAST ? NULL : &anchor, dir, limit,
                                       &page, &err));
        assert_true(page.n <= left);
        for (size_t i = 0; i < page.n; i++)
            assert_int_equal(page.rows[i].id, want[left - page.n + i]);
        left -= page.n;
        if (page.n < limit)
            break;
        forms_record_copy(&anchor, &page.rows[0]);
        dir = SD_BEFORE;
    }
    assert_int_equal(left, 0);
    forms_record_fini(&anchor);
    storage_page_fini(&page);
}

static void
pages_forward_and_backward_by_text_with_nulls(void **state)
{
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = 0, .sort_field = model_field()};
    struct fixture *fx = *state;
    q.school_id = fx->school;
    check_forward(fx, &q, 7);
    check_backward(fx, &q, 7);
    q.desc = true;
    check_forward(fx, &q, 8);
    check_backward(fx, &q, 8);
}

static void
pages_by_every_listed_field_and_by_id(void **state)
{
    struct fixture *fx = *state;
    struct storage_query q = {.kind = &forms_kind_device, .school_id = fx->school};
    for (int f = -1; f < (int)forms_kind_device.n_fields; f++) {
        if (f >= 0 && !(forms_kind_device.fields[f].flags & FF_LIST))
            continue;
        q.sort_field = f;
        q.desc = false;
        check_forward(fx, &q, 9);
        check_backward(fx, &q, 9);
        q.desc = true;
        check_forward(fx, &q, 11);
        check_backward(fx, &q, 11);
    }
}

static void
descending_is_the_reverse_of_ascending(void **state)
{
    struct fixture *fx = *state;
    struct storage_query q = {.kind = &forms_kind_device,
                              .school_id = fx->school,
                              .sort_field = forms_field_index(&forms_kind_device, "purchase_date")};
    int64_t up[1000], down[1000];
    size_t n = all_ids(fx, &q, up);
    q.desc = true;
    assert_int_equal(all_ids(fx, &q, down), n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(up[i], down[n - 1 - i]);
}

static void
filter_ignores_case_and_diacritics(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_query q = {.kind = &forms_kind_device,
                              .school_id = fx->school,
                              .sort_field = model_field(),
                              .filter = "berzins"};
    struct storage_page page = {0};
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 100, &page, &err));
    assert_int_equal(page.n, N_DEVICES / 10);
    for (size_t i = 0; i < page.n; i++)
        assert_string_equal(page.rows[i].values[model_field()].s, "Bērziņš");
    q.filter = "LAPT"; /* the English label "Laptops (incl. Chromebooks)" and the key */
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 100, &page, &err));
    assert_int_equal(page.n, N_DEVICES / 4);
    q.filter = "portatīv"; /* the Latvian label */
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 100, &page, &err));
    assert_int_equal(page.n, N_DEVICES / 4);
    check_forward(fx, &q, 4);
    check_backward(fx, &q, 4);
    q.filter = "zzz-nothing";
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 100, &page, &err));
    assert_int_equal(page.n, 0);
    storage_page_fini(&page);
}

static void
year_filter_keeps_one_school_year(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = -1, .year = 2022};
    struct storage_page page = {0};
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 100, &page, &err));
    int fi = forms_field_index(&forms_kind_device, "purchase_date");
    size_t want = 0;
    for (int i = 0; i < N_DEVICES; i++) {
        int y = 2022 + i % 3, m = 1 + i % 12;
        if (i % 7 != 0 && ((y == 2022 && m >= 9) || (y == 2023 && m < 9)))
            want++;
    }
    assert_int_equal(page.n, want);
    for (size_t i = 0; i < page.n; i++)
        assert_int_equal(sk_date_school_year((sk_date)page.rows[i].values[fi].i), 2022);
    int64_t n = 0;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, (int64_t)want);
    check_forward(fx, &q, 5);
    storage_page_fini(&page);
}

static void
count_with_anchor_is_its_position(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = model_field()};
    struct storage_page page = {0};
    for (int desc = 0; desc < 2; desc++) {
        q.desc = desc;
        assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 1000, &page, &err));
        int64_t total = 0;
        assert_true(storage_count(fx->db, &q, NULL, &total, &err));
        assert_int_equal(total, N_DEVICES);
        for (size_t i = 0; i < page.n; i += 5) {
            int64_t pos = -1;
            assert_true(storage_count(fx->db, &q, &page.rows[i], &pos, &err));
            assert_int_equal(pos, (int64_t)i);
        }
    }
    storage_page_fini(&page);
}

static void
other_schools_rows_stay_out(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->other_school, .sort_field = -1};
    int64_t n = 0;
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, 5);
}

/* A should_stop that answers true from its `stop_at`-th call on. */
struct stopper {
    int calls;
    int stop_at; /* 0 = never */
};

static bool
stop_after(void *ctx)
{
    struct stopper *sp = ctx;
    sp->calls++;
    return sp->stop_at > 0 && sp->calls >= sp->stop_at;
}

/* Enough rows that a filtered count runs many progress-handler intervals. */
static void
add_many_devices(struct fixture *fx)
{
    struct sk_error err = {0};
    assert_true(storage_begin(fx->db, &err));
    for (int i = N_DEVICES; i < N_DEVICES + 3000; i++)
        add_device(fx->db, fx->school, i);
    assert_true(storage_commit(fx->db, &err));
}

static void
cancellable_count_stops_when_asked(void **state)
{
    struct fixture *fx = *state;
    add_many_devices(fx);
    struct sk_error err = {0};
    struct storage_query q = {
        .kind = &forms_kind_device, .school_id = fx->school, .sort_field = -1, .filter = "inv"};
    struct stopper sp = {0, 3};
    int64_t n = 42;
    assert_false(storage_count_cancellable(fx->db, &q, NULL, &n, stop_after, &sp, &err));
    assert_int_equal(err.code, SK_ECANCELLED);
    assert_int_equal(sp.calls, 3);
    assert_int_equal(n, 0);
    /* the statement is reusable and the handler gone: a plain count works */
    sk_error_clear(&err);
    assert_true(storage_count(fx->db, &q, NULL, &n, &err));
    assert_int_equal(n, N_DEVICES + 3000);
    assert_int_equal(sp.calls, 3);
}

static void
cancellable_count_that_never_stops_is_exact(void **state)
{
    struct fixture *fx = *state;
    add_many_devices(fx);
    struct sk_error err = {0};
    struct storage_query q = {.kind = &forms_kind_device,
                              .school_id = fx->school,
                              .sort_field = model_field(),
                              .filter = "berzins"};
    struct stopper sp = {0, 0};
    int64_t want = -1, n = -1;
    assert_true(storage_count(fx->db, &q, NULL, &want, &err));
    assert_int_equal(want, (N_DEVICES + 3000) / 10);
    assert_true(storage_count_cancellable(fx->db, &q, NULL, &n, stop_after, &sp, &err));
    assert_int_equal(n, want);
    assert_true(sp.calls > 3); /* it was asked, and went on */
    /* with an anchor: its position, as storage_count gives it */
    struct storage_page page = {0};
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 50, &page, &err));
    assert_int_equal(page.n, 50);
    assert_true(storage_count_cancellable(fx->db, &q, &page.rows[49], &n, stop_after, &sp, &err));
    assert_int_equal(n, 49);
    storage_page_fini(&page);
}

static void
iterator_streams_every_row_in_order(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_query q = {.kind = &forms_kind_device,
                              .school_id = fx->school,
                              .sort_field = model_field(),
                              .desc = true};
    int64_t want[1000];
    size_t n_want = all_ids(fx, &q, want);
    struct storage_iter *it = storage_iter_open(fx->db, &q, &err);
    assert_non_null(it);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    size_t n = 0;
    int rc;
    while ((rc = storage_iter_next(it, &rec, &err)) == 1) {
        assert_true(n < n_want);
        assert_int_equal(rec.id, want[n++]);
        /* A list may page the same shape while an export runs. */
        if (n == 10) {
            struct storage_page page = {0};
            assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 3, &page, &err));
            storage_page_fini(&page);
        }
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, n_want);
    storage_iter_close(it);
    storage_iter_close(NULL);
    forms_record_fini(&rec);
}

static void
school_years_sort_by_number(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    const char *years[] = {"2024", "2021", "2023", "2022"};
    for (size_t i = 0; i < 4; i++) {
        struct forms_record rec;
        forms_record_init(&rec, &forms_kind_school_year);
        forms_record_defaults(&rec);
        test_set(&rec, "year", years[i]);
        if (i != 1)
            test_set(&rec, "pupils", i == 0 ? "900" : "80");
        assert_true(storage_record_insert(fx->db, fx->school, &rec, &err));
        forms_record_fini(&rec);
    }
    struct storage_query q = {
        .kind = &forms_kind_school_year, .school_id = fx->school, .sort_field = 0};
    struct storage_page page = {0};
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 10, &page, &err));
    assert_int_equal(page.n, 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(page.rows[i].values[0].i, 2021 + (int64_t)i);
    q.year = 2023;
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 10, &page, &err));
    assert_int_equal(page.n, 1);
    q.year = 0;
    q.sort_field = forms_field_index(&forms_kind_school_year, "pupils");
    assert_true(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 10, &page, &err));
    assert_false(page.rows[0].values[q.sort_field].is_set);
    assert_int_equal(page.rows[3].values[q.sort_field].i, 900);
    check_forward(fx, &q, 1);
    check_backward(fx, &q, 3);
    storage_page_fini(&page);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, test_fixture_close)
        T(full_order_sorts_nulls_first_then_latvian),
        T(pages_forward_and_backward_by_text_with_nulls),
        T(pages_by_every_listed_field_and_by_id),
        T(descending_is_the_reverse_of_ascending),
        T(filter_ignores_case_and_diacritics),
        T(year_filter_keeps_one_school_year),
        T(count_with_anchor_is_its_position),
        T(other_schools_rows_stay_out),
        T(cancellable_count_stops_when_asked),
        T(cancellable_count_that_never_stops_is_exact),
        T(iterator_streams_every_row_in_order),
        T(school_years_sort_by_number),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
