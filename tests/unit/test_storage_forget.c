/* storage/forget.c: forgetting a person replaces the name everywhere (text
 * fields of every kind, the staff record, the audit log), keeps what the
 * figures need, and a dry run changes nothing. Each test runs on a fresh
 * ":memory:" database with one school, one person and records about them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "storage/storage.h"
#include "testlib.h"

#define NAME "Jānis Bērziņš"

struct fixture {
    struct storage_db *db;
    int64_t school, staff, device, training;
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    fx->db = test_db_open("T1", "Testa skola", NULL, &fx->school);
    fx->staff = test_insert(fx->db, fx->school, &forms_kind_staff,
                            (const char *const[]){"full_name", NAME, "role", "teacher", "fte",
                                                  "1,5", "email", "janis@skola.lv", NULL});
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Anna Kalniņa", "role", "teacher", NULL});
    fx->device = test_insert(fx->db, fx->school, &forms_kind_device,
                             (const char *const[]){"inventory_no", "A-1", "category", "laptop",
                                                   "assigned_to", NAME, "notes",
                                                   "given to " NAME " in 2023", NULL});
    fx->training = test_insert(fx->db, fx->school, &forms_kind_training,
                               (const char *const[]){"staff", NAME, "date", "1.9.2023", "title",
                                                     "Kursi", "hours", "12", NULL});
    *state = fx;
    return 0;
}

/* Whether any audit row still holds `text`. */
static bool
audit_holds(struct fixture *fx, const char *text)
{
    struct storage_audit_entry *e = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    assert_true(storage_audit_list(fx->db, NULL, 0, &e, &n, &err));
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found = found || (e[i].old_value && strstr(e[i].old_value, text)) ||
                (e[i].new_value && strstr(e[i].new_value, text));
    storage_audit_free(e, n);
    return found;
}

static void
forgetting_replaces_the_name_everywhere(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_forget_report rep;
    assert_true(audit_holds(fx, NAME));
    assert_true(storage_forget_person(fx->db, fx->school, "janis berzins", false, &rep, &err));
    assert_string_equal(rep.name, NAME);
    assert_int_equal(rep.staff_id, fx->staff);
    assert_memory_equal(rep.pseudonym, "Persona-", 8);
    assert_true(rep.n_changes >= 3); /* assigned_to, notes, training's staff */
    assert_true(rep.audit_rows >= 2);

    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    assert_true(storage_record_get(fx->db, &forms_kind_staff, fx->school, fx->staff, &rec, &err));
    assert_string_equal(test_get(&rec, "full_name"), rep.pseudonym);
    assert_string_equal(test_get(&rec, "email"), "");
    assert_string_equal(test_get(&rec, "role"), "teacher"); /* the figures keep it */
    assert_string_equal(test_get(&rec, "fte"), "1.5");
    forms_record_fini(&rec);

    forms_record_init(&rec, &forms_kind_device);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, fx->device, &rec, &err));
    assert_string_equal(test_get(&rec, "assigned_to"), rep.pseudonym);
    assert_non_null(strstr(test_get(&rec, "notes"), rep.pseudonym));
    assert_null(strstr(test_get(&rec, "notes"), NAME));
    forms_record_fini(&rec);

    forms_record_init(&rec, &forms_kind_training);
    assert_true(
        storage_record_get(fx->db, &forms_kind_training, fx->school, fx->training, &rec, &err));
    assert_string_equal(test_get(&rec, "staff"), rep.pseudonym);
    forms_record_fini(&rec);

    assert_false(audit_holds(fx, NAME));
    assert_false(audit_holds(fx, "janis@skola.lv"));
    assert_true(audit_holds(fx, "Anna Kalniņa")); /* nobody else is touched */
    storage_forget_report_fini(&rep);
}

static void
dry_run_changes_nothing(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_forget_report rep;
    assert_true(storage_forget_person(fx->db, fx->school, NAME, true, &rep, &err));
    assert_true(rep.n_changes >= 3);
    storage_forget_report_fini(&rep);
    int64_t id = 0;
    assert_true(storage_ref_resolve(fx->db, "staff", fx->school, NAME, &id, NULL, 0, &err));
    assert_int_equal(id, fx->staff);
    assert_true(audit_holds(fx, NAME));
}

static void
an_unknown_name_is_an_error_naming_the_closest(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_forget_report rep;
    assert_false(storage_forget_person(fx->db, fx->school, "Anna Kalnina2", false, &rep, &err));
    assert_int_equal(err.code, SK_ENOTFOUND);
    assert_non_null(strstr(err.msg, "Anna Kalniņa"));
    assert_true(audit_holds(fx, NAME));
}

static void
a_too_short_name_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    struct storage_forget_report rep;
    assert_false(storage_forget_person(fx->db, fx->school, "Jā", false, &rep, &err));
    assert_int_equal(err.code, SK_EINVAL);
}

/* ---------------------------------------------- names inside longer names */

#define LIGA  "Līga Kalniņa"
#define OZOLA "Līga Kalniņa-Ozola"

/* Every field of record `id` of kind, as CSV text joined by "|"; owned. */
static char *
dump_record(struct fixture *fx, const struct forms_kind *kind, int64_t id)
{
    struct forms_record rec;
    struct sk_error err = {0};
    forms_record_init(&rec, kind);
    assert_true(storage_record_get(fx->db, kind, fx->school, id, &rec, &err));
    struct sk_buf b = {0};
    sk_buf_addf(&b, "%lld v%lld", (long long)rec.id, (long long)rec.version);
    for (size_t i = 0; i < kind->n_fields; i++)
        sk_buf_addf(&b, "|%s", test_get(&rec, kind->fields[i].key));
    forms_record_fini(&rec);
    return b.s;
}

/* Every audit row of record (kind, id), every column, joined; owned. */
static char *
dump_audit(struct fixture *fx, const char *kind, int64_t id)
{
    struct storage_audit_entry *e = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    assert_true(storage_audit_list(fx->db, kind, id, &e, &n, &err));
    assert_true(n > 0);
    struct sk_buf b = {0};
    sk_buf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++)
        sk_buf_addf(&b, "%lld|%s|%s|%s|%lld|%s|%s|%s|%s\n", (long long)e[i].id, e[i].at, e[i].user,
                    e[i].kind, (long long)e[i].record_id, e[i].action, e[i].field,
                    e[i].old_value ? e[i].old_value : "(null)",
                    e[i].new_value ? e[i].new_value : "(null)");
    storage_audit_free(e, n);
    return b.s;
}

/* Every record of every kind and every audit row, except those of the
 * records (kind, id) in skip (n_skip pairs), joined; owned. */
static char *
dump_others(struct fixture *fx, const char *const *skip_kind, const int64_t *skip_id, size_t n_skip)
{
    struct sk_buf b = {0};
    sk_buf_add(&b, "", 0);
    struct sk_error err = {0};
    for (size_t k = 0; k < forms_n_kinds; k++) {
        const struct forms_kind *kind = forms_kinds[k];
        struct storage_query q = {.kind = kind, .school_id = fx->school, .sort_field = -1};
        struct storage_iter *it = storage_iter_open(fx->db, &q, &err);
        assert_non_null(it);
        struct forms_record rec;
        forms_record_init(&rec, kind);
        int r;
        while ((r = storage_iter_next(it, &rec, &err)) == 1) {
            bool skipped = false;
            for (size_t i = 0; i < n_skip; i++)
                skipped = skipped || (strcmp(skip_kind[i], kind->key) == 0 && skip_id[i] == rec.id);
            if (skipped)
                continue;
            sk_buf_addf(&b, "%s %lld v%lld", kind->key, (long long)rec.id, (long long)rec.version);
            for (size_t i = 0; i < kind->n_fields; i++)
                sk_buf_addf(&b, "|%s", test_get(&rec, kind->fields[i].key));
            sk_buf_add(&b, "\n", 1);
        }
        assert_int_equal(r, 0);
        forms_record_fini(&rec);
        storage_iter_close(it);
    }
    struct storage_audit_entry *e = NULL;
    size_t n = 0;
    assert_true(storage_audit_list(fx->db, NULL, 0, &e, &n, &err));
    for (size_t a = 0; a < n; a++) {
        bool skipped = false;
        for (size_t i = 0; i < n_skip; i++)
            skipped =
                skipped || (strcmp(skip_kind[i], e[a].kind) == 0 && skip_id[i] == e[a].record_id);
        if (skipped)
            continue;
        sk_buf_addf(&b, "%lld|%s|%s|%s|%lld|%s|%s|%s|%s\n", (long long)e[a].id, e[a].at, e[a].user,
                    e[a].kind, (long long)e[a].record_id, e[a].action, e[a].field,
                    e[a].old_value ? e[a].old_value : "(null)",
                    e[a].new_value ? e[a].new_value : "(null)");
    }
    storage_audit_free(e, n);
    return b.s;
}

static void
a_longer_name_and_its_history_stay_byte_identical(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    int64_t liga = test_insert(fx->db, fx->school, &forms_kind_staff,
                               (const char *const[]){"full_name", LIGA, "role", "teacher", "email",
                                                     "liga@skola.lv", NULL});
    int64_t ozola = test_insert(fx->db, fx->school, &forms_kind_staff,
                                (const char *const[]){"full_name", OZOLA, "role", "teacher",
                                                      "email", "ozola@skola.lv", NULL});
    int64_t hers = test_insert(
        fx->db, fx->school, &forms_kind_device,
        (const char *const[]){"inventory_no", "B-2", "category", "laptop", "assigned_to", OZOLA,
                              "notes", OZOLA " (\"" OZOLA "\"), " LIGA "s grāmata", NULL});
    int64_t both = test_insert(fx->db, fx->school, &forms_kind_device,
                               (const char *const[]){"inventory_no", "C-3", "category", "laptop",
                                                     "notes", "no " LIGA " uz " OZOLA, NULL});
    /* an update gives her records plain-text (not JSON) audit rows too */
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, hers, &rec, &err));
    test_set(&rec, "notes", "to " OZOLA "\nthen " OZOLA);
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    forms_record_fini(&rec);
    forms_record_init(&rec, &forms_kind_staff);
    assert_true(storage_record_get(fx->db, &forms_kind_staff, fx->school, ozola, &rec, &err));
    test_set(&rec, "email", "liga.ozola@skola.lv");
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    forms_record_fini(&rec);

    /* everything but her staff record and the device that names both */
    const char *const skip_kind[] = {"staff", "devices"};
    const int64_t skip_id[] = {liga, both};
    char *others_before = dump_others(fx, skip_kind, skip_id, 2);
    char *staff_before = dump_record(fx, &forms_kind_staff, ozola);
    char *device_before = dump_record(fx, &forms_kind_device, hers);
    char *staff_audit = dump_audit(fx, "staff", ozola);
    char *device_audit = dump_audit(fx, "devices", hers);

    struct storage_forget_report rep;
    assert_true(storage_forget_person(fx->db, fx->school, LIGA, false, &rep, &err));
    assert_int_equal(rep.staff_id, liga);

    char *t;
    assert_string_equal(t = dump_others(fx, skip_kind, skip_id, 2), others_before);
    free(t);
    free(others_before);
    assert_string_equal(t = dump_record(fx, &forms_kind_staff, ozola), staff_before);
    free(t);
    assert_string_equal(t = dump_record(fx, &forms_kind_device, hers), device_before);
    free(t);
    assert_string_equal(t = dump_audit(fx, "staff", ozola), staff_audit);
    free(t);
    assert_string_equal(t = dump_audit(fx, "devices", hers), device_audit);
    free(t);

    /* the record naming both: only the whole name is replaced */
    forms_record_init(&rec, &forms_kind_device);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, both, &rec, &err));
    char want[128];
    snprintf(want, sizeof want, "no %s uz " OZOLA, rep.pseudonym);
    assert_string_equal(test_get(&rec, "notes"), want);
    forms_record_fini(&rec);
    /* her reference is the only device count: B-2 is not counted */
    for (size_t i = 0; i < rep.n_changes; i++)
        if (strcmp(rep.changes[i].kind, "devices") == 0)
            assert_int_equal(rep.changes[i].records, 1);
    free(staff_before);
    free(device_before);
    free(staff_audit);
    free(device_audit);
    storage_forget_report_fini(&rep);
}

/* The second tester's case: "Anna Māra Liepiņa" and "Māra Liepiņa Ozola"
 * are other people, with trainings; forgetting "Māra Liepiņa" (given in
 * other capitals, without diacritics) leaves every other record and audit
 * row byte-identical, and finds her name in any capitals or white space. */
static void
other_peoples_longer_names_stay_byte_identical(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    int64_t mara =
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", "Māra Liepiņa", "role", "teacher", NULL});
    const char *longer[] = {"Anna Māra Liepiņa", "Māra Liepiņa Ozola"};
    for (size_t i = 0; i < 2; i++) {
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", longer[i], "role", "teacher", NULL});
        test_insert(fx->db, fx->school, forms_kind_by_key("trainings"),
                    (const char *const[]){"staff", longer[i], "date", "2025-01-10", "title",
                                          "Digitālās prasmes", "hours", "6", NULL});
    }
    int64_t dev = test_insert(
        fx->db, fx->school, &forms_kind_device,
        (const char *const[]){"inventory_no", "M-1", "category", "laptop", "notes",
                              "MĀRA LIEPIŅA nodeva; māra liepiņa\tMāra\nLiepiņa", NULL});
    const char *const skip_kind[] = {"staff", "devices"};
    const int64_t skip_id[] = {mara, dev};
    char *others_before = dump_others(fx, skip_kind, skip_id, 2);

    struct storage_forget_report rep;
    assert_true(storage_forget_person(fx->db, fx->school, "mara  LIEPINA", false, &rep, &err));
    assert_int_equal(rep.staff_id, mara);
    assert_string_equal(rep.name, "Māra Liepiņa");
    char *t;
    assert_string_equal(t = dump_others(fx, skip_kind, skip_id, 2), others_before);
    free(t);
    free(others_before);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, dev, &rec, &err));
    char want[128];
    snprintf(want, sizeof want, "%s nodeva; %s\t%s", rep.pseudonym, rep.pseudonym, rep.pseudonym);
    assert_string_equal(test_get(&rec, "notes"), want);
    forms_record_fini(&rec);
    storage_forget_report_fini(&rep);
}

/* The third tester's sentences: a capitalised word before the name, a
 * place after it and ALL CAPS do not make another person; only a known
 * person's longer name ("Anna Māra Liepiņa", on the staff) is left. */
static void
sentences_around_the_name_are_replaced(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Māra Liepiņa", "role", "teacher", NULL});
    test_insert(fx->db, fx->school, &forms_kind_staff,
                (const char *const[]){"full_name", "Anna Māra Liepiņa", "role", "teacher", NULL});
    const char *notes[] = {"Vakar Māra Liepiņa paņēma.", "MĀRA LIEPIŅA RĪGĀ",
                           "Datoru paņēma Māra Liepiņa Rīgā.", "Anna Māra Liepiņa un Māra Liepiņa",
                           "ANNA MĀRA LIEPIŅA"};
    const char *want[] = {"Vakar P paņēma.", "P RĪGĀ", "Datoru paņēma P Rīgā.",
                          "Anna Māra Liepiņa un P", "ANNA MĀRA LIEPIŅA"};
    int64_t ids[5];
    for (size_t i = 0; i < 5; i++) {
        char no[8];
        snprintf(no, sizeof no, "S-%zu", i);
        ids[i] = test_insert(fx->db, fx->school, &forms_kind_device,
                             (const char *const[]){"inventory_no", no, "category", "laptop",
                                                   "notes", notes[i], NULL});
    }
    struct storage_forget_report rep;
    assert_true(storage_forget_person(fx->db, fx->school, "Māra Liepiņa", false, &rep, &err));
    for (size_t i = 0; i < 5; i++) {
        struct forms_record rec;
        forms_record_init(&rec, &forms_kind_device);
        assert_true(storage_record_get(fx->db, &forms_kind_device, fx->school, ids[i], &rec, &err));
        char got[128];
        snprintf(got, sizeof got, "%s", test_get(&rec, "notes"));
        char *p = strstr(got, rep.pseudonym);
        if (p) {
            size_t pl = strlen(rep.pseudonym);
            p[0] = 'P';
            memmove(p + 1, p + pl, strlen(p + pl) + 1);
        }
        assert_string_equal(got, want[i]);
        forms_record_fini(&rec);
    }
    storage_forget_report_fini(&rep);
}

/* A word that is nobody ("in_use", a JSON key) is refused: nothing is
 * rewritten. */
static void
a_word_that_is_no_person_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    test_insert(fx->db, fx->school, &forms_kind_device,
                (const char *const[]){"inventory_no", "W-1", "category", "laptop", "status",
                                      "in_use", "notes", "laptop in_use", NULL});
    char *before = dump_others(fx, NULL, NULL, 0);
    const char *words[] = {"in_use", "laptop", "inventory_no", "notes"};
    for (size_t i = 0; i < 4; i++) {
        struct storage_forget_report rep;
        assert_false(storage_forget_person(fx->db, fx->school, words[i], false, &rep, &err));
        assert_non_null(strstr(err.msg, "not in this school's records"));
        err = (struct sk_error){0};
    }
    char *t;
    assert_string_equal(t = dump_others(fx, NULL, NULL, 0), before);
    free(t);
    free(before);
}

/* People on record who are not on the staff list: a name a device is
 * assigned to, a deleted staff member in the audit log. */
static void
a_person_off_the_staff_list_is_found_on_record(void **state)
{
    struct fixture *fx = *state;
    struct sk_error err = {0};
    int64_t gone =
        test_insert(fx->db, fx->school, &forms_kind_staff,
                    (const char *const[]){"full_name", "Rūta Ēvalde", "role", "teacher", NULL});
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    assert_true(storage_record_get(fx->db, &forms_kind_staff, fx->school, gone, &rec, &err));
    assert_true(
        storage_record_delete(fx->db, &forms_kind_staff, fx->school, gone, rec.version, &err));
    forms_record_fini(&rec);
    test_insert(fx->db, fx->school, &forms_kind_device,
                (const char *const[]){"inventory_no", "P-1", "category", "laptop", "assigned_to",
                                      "Pēteris Ozols", NULL});
    struct storage_forget_report rep;
    assert_true(storage_forget_person(fx->db, fx->school, "RUTA EVALDE", false, &rep, &err));
    assert_string_equal(rep.name, "Rūta Ēvalde");
    assert_true(rep.audit_rows > 0);
    assert_false(audit_holds(fx, "Rūta"));
    storage_forget_report_fini(&rep);
    assert_true(storage_forget_person(fx->db, fx->school, "peteris ozols", false, &rep, &err));
    assert_string_equal(rep.name, "Pēteris Ozols");
    assert_false(audit_holds(fx, "Pēteris"));
    storage_forget_report_fini(&rep);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(forgetting_replaces_the_name_everywhere, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(dry_run_changes_nothing, setup, test_fixture_close),
        cmocka_unit_test_setup_teardown(an_unknown_name_is_an_error_naming_the_closest, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(a_too_short_name_is_refused, setup, test_fixture_close),
        cmocka_unit_test_setup_teardown(a_longer_name_and_its_history_stay_byte_identical, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(sentences_around_the_name_are_replaced, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(other_peoples_longer_names_stay_byte_identical, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(a_word_that_is_no_person_is_refused, setup,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(a_person_off_the_staff_list_is_found_on_record, setup,
                                        test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
