/* An export's iterator (storage_iter_*) reads the observation ticks from a
 * second cursor over observation_tick merged with the sheets
 * (storage_rows_cursor in storage/obs_ticks.c). Whatever the order (id,
 * descending, by a field), a filter that skips long runs of sheets, sheets
 * without ticks and sheets of two templates, every sheet carries exactly
 * the ticks that reading it alone (storage_record_get) gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "storage/internal.h"
#include "testlib.h"

enum { N_SHEETS = 300 };

static const char *const lvt[] = {"crit_1_1", "crit_1_2", "crit_2_1", "crit_3_4", "crit_4_6"};

static void
fill(struct storage_db *db, int64_t school)
{
    struct sk_error err = {0};
    struct storage_obs_criterion c[] = {
        {1, "Struktūra", "1.1", "Mērķis"},
        {5, "Digitālā vide", "5.1", "Rīki"},
    };
    if (!storage_obs_template_add(db, "VENTS-2025", "Ventspils", c, SK_ARRAY_LEN(c), &err))
        fail_msg("template: %s", err.msg);
    for (int i = 0; i < N_SHEETS; i++) {
        char date[16], group[16];
        /* dates not in id order, so sorting by date reorders the sheets */
        snprintf(date, sizeof date, "2024-%02d-%02d", 1 + (i * 7) % 12, 1 + (i * 13) % 28);
        /* the filter "needle" keeps every 50th sheet: gaps longer than a seek */
        snprintf(group, sizeof group, "%s-%d", i % 50 == 0 ? "needle" : "hay", i);
        const char *kv[32] = {"date", date, "group", group, "status", "final"};
        size_t n = 6;
        if (i % 3 == 1) {
            kv[n++] = "template";
            kv[n++] = "VENTS-2025";
            kv[n++] = "crit_1_1";
            kv[n++] = i % 2 ? "1" : "0";
            kv[n++] = "crit_5_1";
            kv[n++] = "1";
        } else if (i % 3 == 2) {
            kv[n++] = "template";
            kv[n++] = "LVT-2023";
            for (size_t k = 0; k < SK_ARRAY_LEN(lvt); k++)
                if ((i + (int)k) % 4 != 0) {
                    kv[n++] = lvt[k];
                    kv[n++] = (i + (int)k) % 2 ? "1" : "0";
                }
        } else {
            kv[n++] = "template";
            kv[n++] = "LVT-2023"; /* no ticks at all */
        }
        kv[n] = NULL;
        test_insert(db, school, &forms_kind_observation, kv);
    }
    /* holes in the ids */
    storage_exec(db, "DELETE FROM observation WHERE id % 37 = 5", NULL);
}

/* Iterates q and checks each sheet against storage_record_get; returns the
 * number of sheets seen. */
static size_t
check_order(struct storage_db *db, const struct storage_query *q)
{
    struct sk_error err = {0};
    struct storage_iter *it = storage_iter_open(db, q, &err);
    if (!it)
        fail_msg("iter: %s", err.msg);
    struct forms_record rec, one;
    forms_record_init(&rec, &forms_kind_observation);
    forms_record_init(&one, &forms_kind_observation);
    size_t n = 0, n_ticks = 0;
    int r;
    while ((r = storage_iter_next(it, &rec, &err)) == 1) {
        if (!storage_record_get(db, &forms_kind_observation, q->school_id, rec.id, &one, &err))
            fail_msg("get: %s", err.msg);
        for (size_t i = 0; i < forms_kind_observation.n_fields; i++) {
            if (!(forms_kind_observation.fields[i].flags & FF_ROWS))
                continue;
            const struct forms_value *a = &rec.values[i], *b = &one.values[i];
            if (a->is_set != b->is_set || (a->is_set && a->i != b->i))
                fail_msg("sheet %lld field %s: %d/%lld, alone %d/%lld", (long long)rec.id,
                         forms_kind_observation.fields[i].key, a->is_set, (long long)a->i,
                         b->is_set, (long long)b->i);
            n_ticks += a->is_set;
        }
        n++;
    }
    assert_int_equal(r, 0);
    assert_true(n == 0 || n_ticks > 0);
    forms_record_fini(&rec);
    forms_record_fini(&one);
    storage_iter_close(it);
    return n;
}

static void
every_order_reads_each_sheets_own_ticks(void **state)
{
    (void)state;
    int64_t school = 0;
    struct storage_db *db = test_db_open("T", "Test", NULL, &school);
    fill(db, school);
    int date = forms_field_index(&forms_kind_observation, "date");
    assert_true(date >= 0);
    struct storage_query q = {
        .kind = &forms_kind_observation, .school_id = school, .sort_field = -1};
    size_t all = check_order(db, &q);
    assert_true(all > N_SHEETS - N_SHEETS / 30 && all < N_SHEETS);
    q.desc = true;
    assert_int_equal(check_order(db, &q), all);
    q.desc = false;
    q.sort_field = date;
    assert_int_equal(check_order(db, &q), all);
    q.sort_field = -1;
    q.filter = "needle";
    size_t few = check_order(db, &q);
    assert_true(few >= 4 && few <= N_SHEETS / 50);
    storage_close(db);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_order_reads_each_sheets_own_ticks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
