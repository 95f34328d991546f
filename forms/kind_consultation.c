/* The support-consultation log (SPEC §3.5). Pupils are pseudonymous. */
#include "forms/forms.h"

#include <stdio.h>

#include <utf8proc.h>

#define CHOICES(a) .choices = (a), .n_choices = SK_ARRAY_LEN(a)

static const struct forms_choice recipient_kinds[] = {
    {"pupil", "Izglītojamais", "Pupil"},   {"teacher", "Pedagogs", "Teacher"},
    {"parent", "Vecāks", "Parent"},        {"group", "Grupa", "Group"},
    {"other", "Cits", "Other"},
};
static const struct forms_choice consultation_forms[] = {
    {"individual", "Individuāla", "Individual"}, {"group", "Grupas", "Group"},
    {"supervision", "Supervīzija", "Supervision"}, {"seminar", "Seminārs", "Seminar"},
    {"session", "Nodarbība", "Session"},
};
static const struct forms_choice consultation_topics[] = {
    {"learning", "Mācīšanās", "Learning"},
    {"behaviour", "Uzvedība", "Behaviour"},
    {"emotional", "Emocionālā labklājība", "Emotional"},
    {"career", "Karjera", "Career"},
    {"methodological", "Metodiskais atbalsts", "Methodological"},
    {"digital", "Digitālās prasmes", "Digital"},
    {"other", "Cits", "Other"},
};
static const struct forms_choice initiators[] = {
    {"self", "Pats", "Self"},
    {"teacher", "Pedagogs", "Teacher"},
    {"parent", "Vecāki", "Parent"},
    {"administration", "Administrācija", "Administration"},
    {"consultant", "Konsultants", "Consultant"},
};

static const struct forms_field consultation_fields[] = {
    {.key = "date", .label_lv = "Datums", .label_en = "Date", .type = FT_DATE, .width = 10,
     .flags = FF_REQUIRED | FF_LIST | FF_TODAY},
    {.key = "consultant", .label_lv = "Konsultants", .label_en = "Consultant", .type = FT_REF,
     .width = 20, .flags = FF_REQUIRED | FF_LIST | FF_REMEMBER, .ref_kind = "staff"},
    {.key = "recipient_kind", .label_lv = "Kam", .label_en = "Recipient kind", .type = FT_ENUM,
     .width = 10, .flags = FF_REQUIRED | FF_LIST, CHOICES(recipient_kinds),
     .default_text = "pupil"},
    {.key = "recipient", .label_lv = "Saņēmējs (pseidonīms)", .label_en = "Recipient (pseudonym)",
     .type = FT_TEXT, .width = 12, .flags = FF_LIST | FF_PRIVATE, .max_len = 60},
    {.key = "group", .label_lv = "Grupa", .label_en = "Group", .type = FT_TEXT, .width = 8,
     .flags = FF_LIST, .max_len = 20},
    {.key = "form", .label_lv = "Forma", .label_en = "Form", .type = FT_ENUM, .width = 11,
     .flags = FF_REQUIRED | FF_LIST | FF_REMEMBER, CHOICES(consultation_forms),
     .default_text = "individual"},
    {.key = "topic", .label_lv = "Temats", .label_en = "Topic", .type = FT_ENUM, .width = 13,
     .flags = FF_REQUIRED | FF_LIST, CHOICES(consultation_topics)},
    {.key = "minutes", .label_lv = "Minūtes", .label_en = "Minutes", .type = FT_INT, .width = 5,
     .flags = FF_REQUIRED | FF_LIST | FF_RANGE | FF_REMEMBER, .min = 1, .max = 600,
     .default_text = "40"},
    {.key = "initiator", .label_lv = "Iniciators", .label_en = "Initiator", .type = FT_ENUM,
     .width = 10, CHOICES(initiators)},
    {.key = "high_risk", .label_lv = "Augsts risks", .label_en = "High risk", .type = FT_BOOL,
     .width = 4, .flags = FF_LIST, .default_text = "0"},
    {.key = "follow_up_on", .label_lv = "Atkārtoti", .label_en = "Follow up on", .type = FT_DATE,
     .width = 10},
    {.key = "notes", .label_lv = "Piezīmes", .label_en = "Notes", .type = FT_MEMO, .width = 30,
     .flags = FF_PRIVATE},
};

static bool
consultation_validate(const struct forms_kind *kind, const struct forms_record *rec,
                      struct sk_error *err)
{
    (void)kind;
    return forms_check_personal_codes(rec, err);
}

/* Pupils are pseudonymous: a recipient that looks like a full name is
 * confirmed before it is stored. */
static bool
consultation_warn(const struct forms_record *rec, char *msg, size_t cap, const char **field)
{
    const struct forms_keys *k = forms_keys();
    if (k->consultation_recipient_kind < 0 || k->consultation_recipient < 0)
        return false; /* reported at start by forms_keys_check */
    const struct forms_value *kind = &rec->values[k->consultation_recipient_kind];
    const struct forms_value *who = &rec->values[k->consultation_recipient];
    if (!kind->is_set || kind->i != k->consultation_recipient_pupil || !who->is_set ||
        !who->s || !forms_looks_like_full_name(who->s))
        return false;
    snprintf(msg, cap,
             _("“%s” looks like a pupil's full name. Pupils are recorded by a pseudonym or "
               "class code only. Save it anyway?"),
             SK_QUOTE(who->s));
    if (field)
        *field = "recipient";
    return true;
}

const struct forms_kind forms_kind_consultation = {
    .key = "consultations",
    .table = "consultation",
    .label_lv = "Atbalsta konsultācijas",
    .label_en = "Consultations",
    .fields = consultation_fields,
    .n_fields = SK_ARRAY_LEN(consultation_fields),
    .year_field = "date",
    .name_field = "date",
    .validate = consultation_validate,
    .warn = consultation_warn,
    .menu_group = FMG_SUPPORT,
    .menu_order = 1,
};

/* Two or more words of two or more letters that each start with a capital
 * ("Anna Kalniņa") look like a person's full name, which must not be stored
 * for a pupil; class codes ("3B") and pseudonyms ("P-17") do not. */
bool
forms_looks_like_full_name(const char *text)
{
    int words = 0, named = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    bool in_word = false, capital = false, clean = true;
    int letters = 0;
    for (;;) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = *p ? utf8proc_iterate(p, -1, &cp) : 0;
        if (n < 0)
            return false;
        bool space = n == 0 || cp == ' ' || cp == '\t';
        if (space) {
            if (in_word) {
                words++;
                if (capital && clean && letters >= 2)
                    named++;
            }
            in_word = false;
            if (n == 0)
                break;
        } else {
            utf8proc_category_t cat = utf8proc_category(cp);
            bool letter = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL;
            if (!in_word) {
                in_word = true;
                capital = cat == UTF8PROC_CATEGORY_LU;
                clean = true;
                letters = 0;
            }
            if (letter)
                letters++;
            else if (cp != '-')
                clean = false;
        }
        p += n;
    }
    return words >= 2 && named >= 2;
}
