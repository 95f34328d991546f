/* storage/users.c: a personal file allows everything; storage_users_share
 * makes the runner head; the role table of issue 14 for every kind and
 * role (an unknown kind is refused in a shared file); only a head changes
 * users and one head always remains; an unregistered login is refused
 * with the command to ask for; a user linked to a staff record. Logins
 * are the host's own (root, daemon, bin, nobody exist everywhere). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"
#include "storage/internal.h"
#include "testlib.h"

#include <pwd.h>
#include <unistd.h>

/* The runner's login, as storage sees it. */
static const char *
me(void)
{
    struct passwd *pw = getpwuid(geteuid());
    return pw ? pw->pw_name : "?";
}

/* Three other logins of the host that are not the runner. */
static const char *
other(int i)
{
    static const char *const names[] = {"daemon", "bin", "nobody", "sys", "root"};
    int seen = 0;
    for (size_t k = 0; k < SK_ARRAY_LEN(names); k++)
        if (strcmp(names[k], me()) != 0 && getpwnam(names[k]) && seen++ == i)
            return names[k];
    fail_msg("the host lacks the logins daemon, bin, nobody");
    return NULL;
}

static void
personal_file_allows_everything(void **state)
{
    struct test_fixture *fx = *state;
    const struct storage_identity *id = storage_identity(fx->db);
    assert_false(id->shared);
    assert_int_equal(id->role, SR_PERSONAL);
    assert_string_equal(id->login, me());
    assert_null(id->staff_name);
    for (size_t k = 0; k < forms_n_kinds; k++) {
        assert_true(storage_may(fx->db, forms_kinds[k], SA_READ));
        assert_true(storage_may(fx->db, forms_kinds[k], SA_WRITE | SA_READ));
    }
    static const struct forms_kind later = {.key = "not_yet_known", .table = "x"};
    assert_true(storage_may(fx->db, &later, SA_WRITE));
    assert_true(storage_may_area(fx->db, SAREA_ADMIN, SA_WRITE));
    struct storage_user *u = NULL;
    size_t n = 9;
    assert_true(storage_users_list(fx->db, &u, &n, NULL));
    assert_int_equal(n, 0);
    free(u);
    /* users cannot be added before the file is shared */
    struct sk_error err = {0};
    assert_false(storage_users_add(fx->db, other(0), SR_DEPUTY, 0, &err));
    assert_non_null(strstr(err.msg, "skola share --group"));
}

static void
share_makes_the_runner_head(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    assert_true(storage_users_share(fx->db, &err));
    const struct storage_identity *id = storage_identity(fx->db);
    assert_true(id->shared);
    assert_int_equal(id->role, SR_HEAD);
    assert_true(storage_users_share(fx->db, &err)); /* again: nothing changes */
    struct storage_user *u = NULL;
    size_t n = 0;
    assert_true(storage_users_list(fx->db, &u, &n, &err));
    assert_int_equal(n, 1);
    assert_string_equal(u[0].login, me());
    assert_int_equal(u[0].role, SR_HEAD);
    assert_string_equal(u[0].created_by, me());
    free(u);
    /* audited: who registered whom */
    struct storage_audit_entry *a = NULL;
    assert_true(storage_audit_list(fx->db, "users", 0, &a, &n, &err));
    assert_int_equal(n, 1);
    assert_string_equal(a[0].user, me());
    assert_non_null(strstr(a[0].new_value, "\"role\":\"head\""));
    storage_audit_free(a, n);
}

/* The table: per kind key, per role head, deputy, it, support,
 * viewer: "" none, "r", "rw". */
static const struct {
    const char *kind;
    const char *may[5];
} expected[] = {
    {"devices", {"rw", "r", "rw", "", ""}},      {"staff", {"rw", "r", "r", "r", ""}},
    {"vacancies", {"rw", "r", "r", "r", ""}},    {"trainings", {"rw", "r", "r", "r", ""}},
    {"school-years", {"rw", "r", "r", "r", ""}}, {"programmes", {"rw", "r", "r", "r", ""}},
    {"observations", {"rw", "rw", "", "", ""}},  {"consultations", {"rw", "", "", "rw", ""}},
    {"assessments", {"rw", "rw", "", "", ""}},   {"priorities", {"rw", "rw", "", "", ""}},
};

static void
role_table_for_every_kind(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    assert_true(storage_users_share(fx->db, &err));
    const enum storage_role order[] = {SR_HEAD, SR_DEPUTY, SR_IT, SR_SUPPORT, SR_VIEWER};
    const char *login[5] = {me(), other(0), other(1), other(2), NULL};
    /* the viewer: a login made up for the check only is refused by the
     * host check, so the fourth role reuses a login once it is done */
    for (int r = 0; r < 5; r++) {
        const char *l = r < 4 ? login[r] : other(2);
        if (r == 4)
            assert_true(storage_users_set_role(fx->db, l, SR_VIEWER, &err));
        else if (r > 0)
            assert_true(storage_users_add(fx->db, l, order[r], 0, &err));
        assert_true(storage_identity_login_as(fx->db, l, &err));
        assert_int_equal(storage_identity(fx->db)->role, order[r]);
        for (size_t k = 0; k < SK_ARRAY_LEN(expected); k++) {
            const struct forms_kind *kind = forms_kind_by_key(expected[k].kind);
            assert_non_null(kind);
            const char *want = expected[k].may[r];
            bool r_ok = storage_may(fx->db, kind, SA_READ);
            bool w_ok = storage_may(fx->db, kind, SA_WRITE);
            if (r_ok != (strchr(want, 'r') != NULL) || w_ok != (strchr(want, 'w') != NULL))
                fail_msg("%s as %s: read %d write %d, want \"%s\"", kind->key,
                         storage_role_key(order[r]), r_ok, w_ok, want);
            /* a refusal names the role needed and the user's own */
            struct sk_error e = {0};
            bool req = storage_require(fx->db, kind, SA_WRITE, &e);
            assert_int_equal(req, w_ok);
            if (!req) {
                assert_int_equal(e.code, SK_EINVAL);
                assert_non_null(strstr(e.msg, "“head”"));
                assert_non_null(strstr(e.msg, storage_role_key(order[r])));
            }
        }
        /* a kind nobody placed in the table is refused to every role */
        static const struct forms_kind later = {.key = "not_yet_known", .table = "x"};
        assert_false(storage_may(fx->db, &later, SA_READ));
        /* summaries: it sees devices only, support consultations only */
        bool all = order[r] != SR_IT && order[r] != SR_SUPPORT;
        assert_int_equal(storage_may_summarize(fx->db, SAREA_DEVICES), all || order[r] == SR_IT);
        assert_int_equal(storage_may_summarize(fx->db, SAREA_CONSULTATIONS),
                         all || order[r] == SR_SUPPORT);
        assert_int_equal(storage_may_summarize(fx->db, SAREA_OBSERVATIONS), all);
        assert_int_equal(storage_may_area(fx->db, SAREA_ADMIN, SA_WRITE), order[r] == SR_HEAD);
        assert_int_equal(storage_require_everything(fx->db, NULL), all);
        assert_true(storage_identity_login_as(fx->db, me(), &err));
    }
    const struct forms_kind *loans = forms_kind_by_key("loans");
    if (loans) /* the loans kind, when it exists, is the devices' area */
        assert_int_equal(storage_kind_area(loans), SAREA_DEVICES);
}

static void
only_a_head_changes_users(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    assert_true(storage_users_share(fx->db, &err));
    assert_true(storage_users_add(fx->db, other(0), SR_DEPUTY, 0, &err));
    assert_true(storage_identity_login_as(fx->db, other(0), &err));
    struct sk_error e = {0};
    assert_false(storage_users_add(fx->db, other(1), SR_VIEWER, 0, &e));
    assert_non_null(strstr(e.msg, "“head”"));
    assert_non_null(strstr(e.msg, "deputy"));
    assert_false(storage_users_set_role(fx->db, other(0), SR_HEAD, &e));
    assert_false(storage_users_remove(fx->db, me(), &e));
    assert_false(storage_users_share(fx->db, &e));
    assert_true(storage_identity_login_as(fx->db, me(), &err));
    struct storage_user *u = NULL;
    size_t n = 0;
    assert_true(storage_users_list(fx->db, &u, &n, &err));
    assert_int_equal(n, 2);
    free(u);
}

static void
one_head_always_remains(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0}, e = {0};
    assert_true(storage_users_share(fx->db, &err));
    assert_false(storage_users_remove(fx->db, me(), &e));
    assert_non_null(strstr(e.msg, "last head"));
    e = (struct sk_error){0};
    assert_false(storage_users_set_role(fx->db, me(), SR_DEPUTY, &e));
    assert_non_null(strstr(e.msg, "last head"));
    assert_true(storage_users_add(fx->db, other(0), SR_HEAD, 0, &err));
    assert_true(storage_users_set_role(fx->db, me(), SR_DEPUTY, &err));
    /* now a deputy: may no longer change users */
    assert_int_equal(storage_identity(fx->db)->role, SR_DEPUTY);
    assert_false(storage_users_set_role(fx->db, me(), SR_HEAD, &e));
    assert_true(storage_identity_login_as(fx->db, other(0), &err));
    assert_false(storage_users_remove(fx->db, other(0), &e)); /* the last head again */
    assert_true(storage_users_remove(fx->db, me(), &err));
    e = (struct sk_error){0};
    assert_false(storage_users_remove(fx->db, me(), &e));
    assert_int_equal(e.code, SK_ENOTFOUND);
    /* twice, a login that is not one, a login the host lacks, a bad role */
    e = (struct sk_error){0};
    assert_false(storage_users_add(fx->db, other(0), SR_VIEWER, 0, &e));
    assert_non_null(strstr(e.msg, "users role"));
    e = (struct sk_error){0};
    assert_false(storage_users_add(fx->db, "a'b", SR_VIEWER, 0, &e));
    assert_false(storage_users_add(fx->db, "-r", SR_VIEWER, 0, &e));
    e = (struct sk_error){0};
    assert_false(storage_users_add(fx->db, "skola-no-such-login-x", SR_VIEWER, 0, &e));
    assert_non_null(strstr(e.msg, "skola-no-such-login-x"));
    assert_false(storage_users_add(fx->db, other(1), SR_PERSONAL, 0, &e));
}

static void
unregistered_login_is_refused(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0}, e = {0};
    assert_true(storage_users_share(fx->db, &err));
    assert_false(storage_identity_login_as(fx->db, other(1), &e));
    assert_int_equal(e.code, SK_EINVAL);
    char want[128];
    snprintf(want, sizeof want, "skola users add %s --role", other(1));
    assert_non_null(strstr(e.msg, want));
}

static void
user_linked_to_staff(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    const char *kv[] = {"full_name", "Inese Kalna", "role", "deputy_head", NULL};
    int64_t staff = test_insert(fx->db, fx->school, forms_kind_by_key("staff"), kv);
    assert_true(storage_users_share(fx->db, &err));
    assert_true(storage_users_add(fx->db, other(0), SR_DEPUTY, staff, &err));
    assert_false(storage_users_add(fx->db, other(1), SR_DEPUTY, staff + 100, &err));
    assert_true(storage_identity_login_as(fx->db, other(0), &err));
    const struct storage_identity *id = storage_identity(fx->db);
    assert_int_equal(id->staff_id, staff);
    assert_string_equal(id->staff_name, "Inese Kalna");
    assert_string_equal(storage_role_key(id->role), "deputy");
    assert_string_equal(storage_role_label(SR_DEPUTY), "deputy");
    assert_int_equal(storage_role_by_key("support"), SR_SUPPORT);
    assert_int_equal(storage_role_by_key("Head"), SR_PERSONAL);
}

/* A shared file with one user per role; the runner is head. Returns to
 * the runner's login. */
static void
register_roles(struct test_fixture *fx)
{
    struct sk_error err = {0};
    assert_true(storage_users_share(fx->db, &err));
    assert_true(storage_users_add(fx->db, other(0), SR_DEPUTY, 0, &err));
    assert_true(storage_users_add(fx->db, other(1), SR_IT, 0, &err));
    assert_true(storage_users_add(fx->db, other(2), SR_VIEWER, 0, &err));
}

/* true when err is a refusal naming `role` */
static bool
refused(const struct sk_error *err, const char *role)
{
    char want[64];
    snprintf(want, sizeof want, "the role “%s”", role);
    return err->code == SK_EINVAL && strstr(err->msg, "Refused") && strstr(err->msg, want);
}

/* Every path that writes or reads records asks the table, in storage/:
 * inserts, updates, deletes, bulk changes, imports (bulk mode), lists,
 * counts, exports, single records, history, the audit log, templates,
 * settings, schools, forget-person, aggregates and observation figures. */
static void
storage_paths_obey_the_table(void **state)
{
    struct test_fixture *fx = *state;
    struct sk_error err = {0};
    const struct forms_kind *dev = forms_kind_by_key("devices");
    const struct forms_kind *cons = forms_kind_by_key("consultations");
    const char *kv[] = {"inventory_no", "INV-1", "category", "laptop", NULL};
    int64_t device = test_insert(fx->db, fx->school, dev, kv);
    register_roles(fx);

    /* the deputy: devices read-only */
    assert_true(storage_identity_login_as(fx->db, other(0), &err));
    struct forms_record rec;
    forms_record_init(&rec, dev);
    assert_true(storage_record_get(fx->db, dev, fx->school, device, &rec, &err));
    test_set(&rec, "room", "101");
    struct sk_error e = {0};
    assert_false(storage_record_update(fx->db, fx->school, &rec, &e));
    assert_true(refused(&e, "deputy"));
    e = (struct sk_error){0};
    assert_false(storage_record_delete(fx->db, dev, fx->school, device, 0, &e));
    assert_true(refused(&e, "deputy"));
    struct forms_record fresh;
    forms_record_init(&fresh, dev);
    test_set(&fresh, "inventory_no", "INV-2");
    test_set(&fresh, "category", "laptop");
    e = (struct sk_error){0};
    assert_false(storage_record_insert(fx->db, fx->school, &fresh, &e));
    assert_true(refused(&e, "deputy"));
    struct forms_value v = {0};
    forms_value_set_text(&v, "102", 3);
    assert_false(storage_record_bulk_set(fx->db, dev, fx->school, &device, 1,
                                         forms_field_index(dev, "room"), &v, &e));
    forms_value_free(&v);
    e = (struct sk_error){0};
    assert_false(storage_bulk_begin(fx->db, dev, 10, &e));
    assert_true(refused(&e, "deputy"));
    assert_false(storage_in_transaction(fx->db));
    /* …and no consultations at all */
    struct storage_query q = {.kind = cons, .school_id = fx->school, .sort_field = -1};
    struct storage_page page = {0};
    int64_t n = 0;
    e = (struct sk_error){0};
    assert_false(storage_page_fetch(fx->db, &q, NULL, SD_FIRST, 10, &page, &e));
    assert_true(refused(&e, "deputy"));
    assert_false(storage_count(fx->db, &q, NULL, &n, &e));
    assert_null(storage_iter_open(fx->db, &q, &e));
    struct storage_audit_entry *a = NULL;
    size_t na = 0;
    assert_false(storage_audit_list(fx->db, "consultations", 0, &a, &na, &e));
    assert_false(storage_audit_list(fx->db, NULL, 0, &a, &na, &e)); /* the whole log: head */
    /* but its figures, like every summary */
    assert_true(storage_aggregate(fx->db, SA_CONSULTATIONS, fx->school, NULL, 0, NULL, NULL, &err));
    /* the head's: schools, forgetting, the school year setting */
    e = (struct sk_error){0};
    int64_t sid = 0;
    assert_false(storage_school_create(fx->db, "X2", "Otra", NULL, &sid, &e));
    assert_true(refused(&e, "deputy"));
    struct storage_forget_report rep;
    e = (struct sk_error){0};
    assert_false(storage_forget_person(fx->db, fx->school, "Nobody", true, &rep, &e));
    assert_true(refused(&e, "deputy"));
    assert_false(storage_set_current_year(fx->db, fx->school, 2024, &e));
    /* the deputy's own: observation templates */
    struct storage_obs_criterion c[1] = {{1, "Struktūra", "1.1", "Mērķis nosaukts"}};
    assert_true(storage_obs_template_add(fx->db, "MINE-1", "Mana", c, 1, &err));
    assert_true(storage_obs_template_use(fx->db, fx->school, "MINE-1", &err));

    /* "it": devices read-write, templates not even listed */
    assert_true(storage_identity_login_as(fx->db, other(1), &err));
    assert_true(storage_record_update(fx->db, fx->school, &rec, &err));
    struct storage_obs_template *t = NULL;
    size_t nt = 0;
    e = (struct sk_error){0};
    assert_false(storage_obs_template_list(fx->db, &t, &nt, &e));
    assert_true(refused(&e, "it"));
    assert_false(storage_obs_template_use(fx->db, fx->school, "LVT-2023", &e));
    /* nor read by code, nor the current one's code (the new-sheet form and
     * Settings go through these) */
    struct storage_obs_template one;
    e = (struct sk_error){0};
    assert_false(storage_obs_template_get(fx->db, "LVT-2023", &one, &e));
    assert_true(refused(&e, "it"));
    assert_int_equal(one.n_crit, 0);
    assert_null(one.crit);
    char code[64] = "";
    e = (struct sk_error){0};
    assert_false(storage_obs_template_current(fx->db, fx->school, code, sizeof code, &e));
    assert_true(refused(&e, "it"));
    assert_string_equal(code, "");
    assert_false(storage_may_area(fx->db, SAREA_OBSERVATIONS, SA_READ));
    struct storage_obs_stats st;
    assert_false(storage_obs_stats(fx->db, fx->school, 0, 1000000, &st, &e));
    e = (struct sk_error){0};
    assert_false(storage_aggregate(fx->db, SA_CONSULTATIONS, fx->school, NULL, 0, NULL, NULL, &e));
    assert_true(refused(&e, "it"));

    /* the viewer: no record, but the figures, and a package's records as figures */
    assert_true(storage_identity_login_as(fx->db, other(2), &err));
    q.kind = dev;
    e = (struct sk_error){0};
    assert_null(storage_iter_open(fx->db, &q, &e));
    assert_true(refused(&e, "viewer"));
    storage_reading_for_figures(fx->db, true);
    struct storage_iter *it = storage_iter_open(fx->db, &q, &err);
    assert_non_null(it);
    storage_iter_close(it);
    storage_reading_for_figures(fx->db, false);
    assert_null(storage_iter_open(fx->db, &q, &e));
    struct core_summary sum = {0};
    assert_true(core_summary_compute(fx->db, fx->school, 2024, SK_DATE_NONE, CS_ALL, &sum, &err));
    bool has_devices = false, has_obs = false;
    for (size_t i = 0; i < sum.n; i++) {
        has_devices = has_devices || strncmp(sum.figs[i].metric, "devices.", 8) == 0;
        has_obs = has_obs || strncmp(sum.figs[i].metric, "observations.", 13) == 0;
    }
    assert_true(has_devices && has_obs);
    core_summary_fini(&sum);

    /* "it" sees the devices' figures only */
    assert_true(storage_identity_login_as(fx->db, other(1), &err));
    struct core_summary its = {0};
    assert_true(core_summary_compute(fx->db, fx->school, 2024, SK_DATE_NONE, CS_ALL, &its, &err));
    assert_true(its.n > 0);
    for (size_t i = 0; i < its.n; i++)
        if (strncmp(its.figs[i].metric, "devices.", 8) != 0)
            fail_msg("it sees %s", its.figs[i].metric);
    core_summary_fini(&its);

    /* the head: everything */
    assert_true(storage_identity_login_as(fx->db, me(), &err));
    assert_true(storage_set_current_year(fx->db, fx->school, 2024, &err));
    assert_true(storage_audit_list(fx->db, NULL, 0, &a, &na, &err));
    storage_audit_free(a, na);
    forms_record_fini(&rec);
    forms_record_fini(&fresh);
    storage_page_fini(&page);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, test_fixture_open, test_fixture_close)
    const struct CMUnitTest tests[] = {
        T(personal_file_allows_everything),
        T(share_makes_the_runner_head),
        T(role_table_for_every_kind),
        T(only_a_head_changes_users),
        T(one_head_always_remains),
        T(unregistered_login_is_refused),
        T(user_linked_to_staff),
        T(storage_paths_obey_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
