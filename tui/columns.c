/* Computed list columns: values a list shows that are not stored, such as
 * a device's age. A kind adds one with a row in its array here and its
 * array in kind_columns; list.c stays generic. */
#include "tui/internal.h"

#include <stdio.h>
#include <string.h>

/* Whole years since the purchase date, today (SKOLA_TODAY in tests). */
static void
device_age(const struct forms_record *rec, char *buf, size_t cap)
{
    int i = forms_keys()->device_purchase_date;
    buf[0] = '\0';
    if (i < 0 || !rec->values[i].is_set)
        return;
    int years = sk_date_years_between((sk_date)rec->values[i].i, sk_date_today());
    snprintf(buf, cap, "%d", years);
}

/* A vacancy open more than one month on the reference date (SPEC §3.4). */
static void
vacancy_long_term(struct tui_app *app, const struct forms_record *rec, char *buf, size_t cap)
{
    int from = forms_keys()->vacancy_open_since;
    int to = forms_keys()->vacancy_closed_on;
    buf[0] = '\0';
    if (from < 0 || to < 0 || !rec->values[from].is_set)
        return;
    sk_date closed = rec->values[to].is_set ? (sk_date)rec->values[to].i : SK_DATE_NONE;
    bool is_long =
        forms_vacancy_is_long_term((sk_date)rec->values[from].i, closed, tui_reference_date(app));
    snprintf(buf, cap, "%s", is_long ? _("yes") : _("no"));
}

/* PD hours of a staff member in the three years up to the reference date;
 * false when they cannot be read. */
static bool
staff_pd_hours(struct tui_app *app, const struct forms_record *rec, int64_t *thousandths)
{
    sk_date first, last;
    struct sk_error err = {0};
    forms_pd_window(tui_reference_date(app), &first, &last);
    return storage_staff_pd_hours(app->opts->db, app->opts->school_id, rec->id, first, last,
                                  thousandths, &err);
}

static void
staff_pd(struct tui_app *app, const struct forms_record *rec, char *buf, size_t cap)
{
    static const struct forms_field hours = {.key = "hours", .type = FT_DEC3};
    int64_t h = 0;
    buf[0] = '\0';
    if (!staff_pd_hours(app, rec, &h))
        return;
    struct forms_value v = {.is_set = true, .i = h};
    char tmp[64];
    snprintf(buf, cap, "%s", forms_value_format(&hours, &v, FS_DISPLAY, tmp, sizeof tmp));
}

/* The 36-hour rule, for the roles it applies to. */
static void
staff_pd_rule(struct tui_app *app, const struct forms_record *rec, char *buf, size_t cap)
{
    int role = forms_keys()->staff_role;
    int64_t h = 0;
    buf[0] = '\0';
    if (role < 0 || !rec->values[role].is_set ||
        !forms_staff_role_needs_pd((size_t)rec->values[role].i) || !staff_pd_hours(app, rec, &h))
        return;
    snprintf(buf, cap, "%s", h >= FORMS_PD_MIN_HOURS * 1000 ? _("yes") : _("no"));
}

/* Ticks of an observation sheet: ticked of its template's criteria, "14/17". */
static void
observation_ticks(const struct forms_record *rec, char *buf, size_t cap)
{
    int met = 0, of = 0;
    buf[0] = '\0';
    if (forms_observation_ticks(rec, &met, &of) && of > 0)
        snprintf(buf, cap, "%d/%d", met, of);
}

/* A loan not returned and due before today. */
static void
loan_overdue(const struct forms_record *rec, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", core_loan_is_overdue(rec, sk_date_today()) ? _("OVERDUE") : "");
}

/* Each kind's computed columns, attached to the kind by pointer: order
 * within a kind is the order on screen, and kinds need not be adjacent or
 * in any order here. */
static const struct tui_column_hook device_columns[] = {
    {"purchase_date", N_("Age"), 3, "purchase_date", true, device_age},
};
static const struct tui_column_hook vacancy_columns[] = {
    {"closed_on", N_("Long-term"), 9, NULL, false, NULL, vacancy_long_term},
};
static const struct tui_column_hook staff_columns[] = {
    {"fte", N_("PD h/3y"), 7, NULL, false, NULL, staff_pd},
    {"fte", N_("36 h"), 4, NULL, false, NULL, staff_pd_rule},
};
static const struct tui_column_hook loan_columns[] = {
    {"due_on", N_("Overdue"), 8, NULL, false, loan_overdue},
};
static const struct tui_column_hook observation_columns[] = {
    {"area", N_("Ticks"), 5, NULL, false, observation_ticks},
};

struct kind_columns {
    const struct forms_kind *kind;
    const struct tui_column_hook *hooks;
    size_t n_hooks;
};

#define KIND_COLUMNS(k, a)                                                                         \
    {                                                                                              \
        &(k), (a), SK_ARRAY_LEN(a)                                                                 \
    }
static const struct kind_columns kind_columns[] = {
    KIND_COLUMNS(forms_kind_observation, observation_columns),
    KIND_COLUMNS(forms_kind_device, device_columns),
    KIND_COLUMNS(forms_kind_vacancy, vacancy_columns),
    KIND_COLUMNS(forms_kind_staff, staff_columns),
    KIND_COLUMNS(forms_kind_loan, loan_columns),
};

const struct tui_column_hook *
tui_columns_for(const struct forms_kind *kind, size_t *n)
{
    for (size_t i = 0; i < SK_ARRAY_LEN(kind_columns); i++)
        if (kind_columns[i].kind == kind) {
            *n = kind_columns[i].n_hooks;
            return kind_columns[i].hooks;
        }
    *n = 0;
    return NULL;
}

bool
tui_columns_check(struct sk_error *err)
{
    for (size_t i = 0; i < SK_ARRAY_LEN(kind_columns); i++) {
        const struct kind_columns *kc = &kind_columns[i];
        for (size_t j = 0; j < i; j++)
            if (kind_columns[j].kind == kc->kind)
                return sk_fail(err, SK_EINVAL,
                               _("The computed columns of “%s” are registered twice."),
                               kc->kind->key);
        for (size_t h = 0; h < kc->n_hooks; h++) {
            const struct tui_column_hook *hook = &kc->hooks[h];
            const char *keys[] = {hook->after_key, hook->sort_key};
            for (size_t k = 0; k < SK_ARRAY_LEN(keys); k++)
                if (keys[k] && forms_field_index(kc->kind, keys[k]) < 0)
                    return sk_fail(err, SK_EINVAL,
                                   _("A computed column of “%s” names the unknown field “%s”."),
                                   kc->kind->key, keys[k]);
            if (!hook->format == !hook->format_app)
                return sk_fail(err, SK_EINVAL,
                               _("A computed column of “%s” needs exactly one way to format."),
                               kc->kind->key);
        }
    }
    return true;
}
