/* Staff, vacancies and professional-development trainings (SPEC §3.4). */
#include "forms/forms.h"

#include <string.h>

#define CHOICES(a) .choices = (a), .n_choices = SK_ARRAY_LEN(a)

/* teacher, head and deputy head, then data/support-roles.csv (compiled in),
 * then the rest. */
const struct forms_choice forms_staff_roles[] = {
    {"teacher", "Pedagogs", "Teacher"},
    {"head", "Direktors", "Head"},
    {"deputy_head", "Direktora vietnieks", "Deputy head"},
#define REF_SUPPORT_ROLE(code, name_lv, name_en) {code, name_lv, name_en},
#include "support-roles.inc"
#undef REF_SUPPORT_ROLE
    {"special_pedagogue", "Speciālais pedagogs", "Special pedagogue"},
    {"teacher_assistant", "Pedagoga palīgs", "Teacher's assistant"},
    {"it_admin", "IT administrators", "IT administrator"},
    {"other", "Cits", "Other"},
};
const size_t forms_n_staff_roles = SK_ARRAY_LEN(forms_staff_roles);

/* The support roles start after teacher, head and deputy head; one per
 * row of the CSV. */
enum { FIRST_SUPPORT_ROLE = 3 };
enum {
    N_SUPPORT_ROLES = 0
#define REF_SUPPORT_ROLE(code, name_lv, name_en) +1
#include "support-roles.inc"
#undef REF_SUPPORT_ROLE
};

bool
forms_staff_role_is_support(size_t index)
{
    /* the rows of data/support-roles.csv plus the special pedagogue */
    return (index >= FIRST_SUPPORT_ROLE && index < FIRST_SUPPORT_ROLE + N_SUPPORT_ROLES) ||
           (index < forms_n_staff_roles &&
            strcmp(forms_staff_roles[index].key, "special_pedagogue") == 0);
}

static const struct forms_choice digcompedu_levels[] = {
    {"A1", "A1 Jaunpienācējs", "A1 Newcomer"},     {"A2", "A2 Izpētītājs", "A2 Explorer"},
    {"B1", "B1 Integrētājs", "B1 Integrator"},     {"B2", "B2 Eksperts", "B2 Expert"},
    {"C1", "C1 Līderis", "C1 Leader"},             {"C2", "C2 Novators", "C2 Pioneer"},
};

static const struct forms_field staff_fields[] = {
    {.key = "full_name", .label_lv = "Vārds, uzvārds", .label_en = "Full name",
     .type = FT_TEXT, .width = 24,
     .flags = FF_REQUIRED | FF_UNIQUE | FF_NATKEY | FF_LIST | FF_PRIVATE, .max_len = 120},
    {.key = "role", .label_lv = "Amats", .label_en = "Role", .type = FT_ENUM, .width = 18,
     .flags = FF_REQUIRED | FF_LIST, CHOICES(forms_staff_roles), .default_text = "teacher"},
    {.key = "fte", .label_lv = "Slodze", .label_en = "FTE", .type = FT_DEC3, .width = 6,
     .flags = FF_LIST | FF_RANGE, .min = 0, .max = 3000},
    {.key = "areas", .label_lv = "Mācību priekšmeti, jomas", .label_en = "Subjects, areas",
     .type = FT_TEXT, .width = 20, .flags = FF_LIST, .max_len = 200},
    {.key = "email", .label_lv = "E-pasts", .label_en = "E-mail", .type = FT_TEXT, .width = 24,
     .flags = FF_PRIVATE, .max_len = 120},
    {.key = "employed_from", .label_lv = "Strādā no", .label_en = "Employed from",
     .type = FT_DATE, .width = 10},
    {.key = "employed_until", .label_lv = "Strādā līdz", .label_en = "Employed until",
     .type = FT_DATE, .width = 10},
    {.key = "digcompedu", .label_lv = "DigCompEdu līmenis", .label_en = "DigCompEdu level",
     .type = FT_ENUM, .width = 4, CHOICES(digcompedu_levels)},
    {.key = "digital_self_rating", .label_lv = "Digitālo prasmju pašvērtējums (1–5)",
     .label_en = "Digital self-rating (1–5)", .type = FT_INT, .width = 3,
     .flags = FF_RANGE, .min = 1, .max = 5},
    /* teaches vocational subjects (the report's table 12 counts them apart) */
    {.key = "vocational", .label_lv = "Profesionālo mācību priekšmetu pedagogs",
     .label_en = "Vocational teacher", .type = FT_BOOL, .width = 4, .default_text = "0"},
};

static bool
staff_validate(const struct forms_kind *kind, const struct forms_record *rec,
               struct sk_error *err)
{
    (void)kind;
    if (!forms_check_personal_codes(rec, err))
        return false;
    const struct forms_keys *k = forms_keys();
    if (k->staff_email < 0 || k->staff_employed_from < 0 || k->staff_employed_until < 0)
        return true; /* reported at start by forms_keys_check */
    const struct forms_value *email = &rec->values[k->staff_email];
    if (email->is_set && email->s) {
        const char *at = email->s;
        while (*at && *at != '@')
            at++;
        if (*at != '@' || at == email->s || !at[1]) {
            sk_fail(err, SK_EINVAL, _("“%s” is not an e-mail address"), SK_QUOTE(email->s));
            err->field = "email";
            return false;
        }
    }
    const struct forms_value *from = &rec->values[k->staff_employed_from];
    const struct forms_value *until = &rec->values[k->staff_employed_until];
    if (from->is_set && until->is_set && until->i < from->i) {
        sk_fail(err, SK_EINVAL, "%s", _("the employment ends before it starts"));
        err->field = "employed_until";
        return false;
    }
    return true;
}

const struct forms_kind forms_kind_staff = {
    .key = "staff",
    .table = "staff",
    .label_lv = "Personāls",
    .label_en = "Staff",
    .fields = staff_fields,
    .n_fields = SK_ARRAY_LEN(staff_fields),
    .name_field = "full_name",
    .validate = staff_validate,
    .menu_group = FMG_STAFF,
    .menu_order = 1,
};

static const struct forms_field vacancy_fields[] = {
    {.key = "subject", .label_lv = "Mācību priekšmets/modulis", .label_en = "Subject/module",
     .type = FT_TEXT, .width = 28, .flags = FF_REQUIRED | FF_NATKEY | FF_LIST, .max_len = 120},
    {.key = "hours_per_week", .label_lv = "Stundas nedēļā", .label_en = "Hours per week",
     .type = FT_DEC3, .width = 7, .flags = FF_LIST | FF_RANGE, .min = 0, .max = 60000},
    {.key = "open_since", .label_lv = "Vakance kopš", .label_en = "Open since", .type = FT_DATE,
     .width = 10, .flags = FF_REQUIRED | FF_NATKEY | FF_LIST},
    {.key = "closed_on", .label_lv = "Aizpildīta", .label_en = "Closed on", .type = FT_DATE,
     .width = 10, .flags = FF_LIST},
    {.key = "notes", .label_lv = "Piezīmes", .label_en = "Notes", .type = FT_MEMO, .width = 30,
     .flags = FF_PRIVATE},
};

static bool
vacancy_validate(const struct forms_kind *kind, const struct forms_record *rec,
                 struct sk_error *err)
{
    (void)kind;
    int since = forms_keys()->vacancy_open_since, until = forms_keys()->vacancy_closed_on;
    if (since < 0 || until < 0)
        return true; /* reported at start by forms_keys_check */
    const struct forms_value *from = &rec->values[since], *to = &rec->values[until];
    if (from->is_set && to->is_set && to->i < from->i) {
        sk_fail(err, SK_EINVAL, "%s", _("the vacancy is closed before it opened"));
        err->field = "closed_on";
        return false;
    }
    return true;
}

const struct forms_kind forms_kind_vacancy = {
    .key = "vacancies",
    .table = "vacancy",
    .label_lv = "Vakances",
    .label_en = "Vacancies",
    .fields = vacancy_fields,
    .n_fields = SK_ARRAY_LEN(vacancy_fields),
    .year_field = "open_since",
    .name_field = "subject",
    .validate = vacancy_validate,
    .menu_group = FMG_STAFF,
    .menu_order = 2,
};

bool
forms_vacancy_is_long_term(sk_date open_since, sk_date closed_on, sk_date reference)
{
    if (open_since == SK_DATE_NONE || open_since > reference)
        return false;
    if (closed_on != SK_DATE_NONE && closed_on <= reference)
        return false;
    /* open more than one month: the reference day is past the same day a month later */
    return reference > sk_date_add_months(open_since, 1);
}

static const struct forms_field training_fields[] = {
    {.key = "staff", .label_lv = "Darbinieks", .label_en = "Staff member", .type = FT_REF,
     .width = 22, .flags = FF_REQUIRED | FF_NATKEY | FF_LIST, .ref_kind = "staff"},
    {.key = "date", .label_lv = "Datums", .label_en = "Date", .type = FT_DATE, .width = 10,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST},
    {.key = "title", .label_lv = "Nosaukums", .label_en = "Title", .type = FT_TEXT, .width = 30,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST, .max_len = 200},
    {.key = "provider", .label_lv = "Īstenotājs", .label_en = "Provider", .type = FT_TEXT,
     .width = 18, .flags = FF_LIST, .max_len = 120},
    {.key = "hours", .label_lv = "Stundas", .label_en = "Hours", .type = FT_DEC3, .width = 6,
     .flags = FF_REQUIRED | FF_LIST | FF_RANGE, .min = 0, .max = 1000000},
    {.key = "digital", .label_lv = "Digitālās prasmes", .label_en = "Digital skills",
     .type = FT_BOOL, .width = 4, .flags = FF_LIST, .default_text = "0"},
    /* money spent on it (the report's table 12), like a device's purchase cost */
    {.key = "cost", .label_lv = "Izmaksas", .label_en = "Cost", .type = FT_MONEY, .width = 10,
     .flags = FF_RANGE, .min = 0, .max = 100000000},
};

const struct forms_kind forms_kind_training = {
    .key = "trainings",
    .table = "training",
    .label_lv = "Profesionālā pilnveide",
    .label_en = "Trainings",
    .fields = training_fields,
    .n_fields = SK_ARRAY_LEN(training_fields),
    .year_field = "date",
    .name_field = "title",
    .menu_group = FMG_STAFF,
    .menu_order = 3,
};
