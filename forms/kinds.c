/* The registry of record kinds: adding a kind means adding its descriptor
 * here; storage generates its table and indexes from it. */
#include "forms/forms.h"

#include <string.h>

const struct forms_kind *const forms_kinds[] = {
    &forms_kind_device,
    &forms_kind_staff,
    &forms_kind_vacancy,
    &forms_kind_training,
    &forms_kind_consultation,
    &forms_kind_observation,
    &forms_kind_assessment,
    &forms_kind_priority,
    &forms_kind_school_year,
    &forms_kind_programme,
    &forms_kind_loan,
    &forms_kind_project,
    &forms_kind_exam_result,
    &forms_kind_cohort,
};
const size_t forms_n_kinds = SK_ARRAY_LEN(forms_kinds);

const struct forms_kind *
forms_kind_by_key(const char *key)
{
    for (size_t i = 0; i < forms_n_kinds; i++)
        if (strcmp(forms_kinds[i]->key, key) == 0)
            return forms_kinds[i];
    return NULL;
}

int
forms_field_index(const struct forms_kind *kind, const char *key)
{
    if (!key)
        return -1;
    for (size_t i = 0; i < kind->n_fields; i++)
        if (strcmp(kind->fields[i].key, key) == 0)
            return (int)i;
    return -1;
}

const char *
forms_scope_label(const struct forms_scope *s)
{
    return forms_lang_is_lv() ? s->label_lv : s->label_en;
}
