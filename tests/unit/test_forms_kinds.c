/* The record-kind descriptors: tables that every generic screen, the CSV
 * code and storage trust, checked once here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/forms.h"

#define FOR_EACH_FIELD(k, f)                                                                       \
    for (size_t ki_ = 0; ki_ < forms_n_kinds; ki_++)                                               \
        for (const struct forms_kind *k = forms_kinds[ki_]; k; k = NULL)                           \
            for (const struct forms_field *f = k->fields; f < k->fields + k->n_fields; f++)

static bool
is_identifier(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

static void
kinds_have_keys_tables_labels_and_fields(void **state)
{
    (void)state;
    assert_true(forms_n_kinds >= 2);
    for (size_t i = 0; i < forms_n_kinds; i++) {
        const struct forms_kind *k = forms_kinds[i];
        assert_non_null(k->key);
        assert_true(is_identifier(k->table));
        assert_non_null(k->label_lv);
        assert_non_null(k->label_en);
        assert_true(k->n_fields > 0);
        assert_ptr_equal(forms_kind_by_key(k->key), k);
    }
    assert_null(forms_kind_by_key("no-such-kind"));
}

static void
kind_keys_and_tables_are_unique(void **state)
{
    (void)state;
    for (size_t i = 0; i < forms_n_kinds; i++)
        for (size_t j = i + 1; j < forms_n_kinds; j++) {
            assert_string_not_equal(forms_kinds[i]->key, forms_kinds[j]->key);
            assert_string_not_equal(forms_kinds[i]->table, forms_kinds[j]->table);
        }
}

static void
field_keys_are_unique_identifiers_per_kind(void **state)
{
    (void)state;
    FOR_EACH_FIELD(k, f)
    {
        if (!is_identifier(f->key))
            fail_msg("%s: bad key \"%s\"", k->key, f->key);
        assert_int_equal(forms_field_index(k, f->key), f - k->fields);
    }
}

static void
field_labels_match_only_their_own_field(void **state)
{
    (void)state;
    /* CSV headers may be labels: no label may fold to another field's. */
    FOR_EACH_FIELD(k, f)
    {
        int self = (int)(f - k->fields);
        assert_non_null(f->label_lv);
        assert_non_null(f->label_en);
        if (forms_field_match(k, f->label_lv) != self)
            fail_msg("%s.%s: label \"%s\" is ambiguous", k->key, f->key, f->label_lv);
        if (forms_field_match(k, f->label_en) != self)
            fail_msg("%s.%s: label \"%s\" is ambiguous", k->key, f->key, f->label_en);
    }
}

static void
fields_have_a_list_width(void **state)
{
    (void)state;
    FOR_EACH_FIELD(k, f)
    {
        if (f->width <= 0)
            fail_msg("%s.%s has no width", k->key, f->key);
    }
}

static void
every_enum_and_flag_set_has_choices(void **state)
{
    (void)state;
    FOR_EACH_FIELD(k, f)
    {
        bool has_choices = f->type == FT_ENUM || f->type == FT_FLAGS;
        if (has_choices != (f->choices != NULL) || has_choices != (f->n_choices > 0))
            fail_msg("%s.%s: choices do not fit its type", k->key, f->key);
        if (f->type == FT_FLAGS && f->n_choices > 63)
            fail_msg("%s.%s: too many flags for 64 bits", k->key, f->key);
    }
}

static void
choices_have_unique_keys_and_labels(void **state)
{
    (void)state;
    FOR_EACH_FIELD(k, f)
    {
        for (size_t i = 0; i < f->n_choices; i++) {
            const struct forms_choice *c = &f->choices[i];
            assert_non_null(c->key);
            assert_non_null(c->label_lv);
            assert_non_null(c->label_en);
            /* each name finds this choice and no other */
            if (forms_choice_match(f, c->key) != (int)i ||
                forms_choice_match(f, c->label_lv) != (int)i ||
                forms_choice_match(f, c->label_en) != (int)i)
                fail_msg("%s.%s: choice \"%s\" is ambiguous", k->key, f->key, c->key);
        }
    }
}

static void
ranges_apply_only_to_numbers_and_are_ordered(void **state)
{
    (void)state;
    FOR_EACH_FIELD(k, f)
    {
        if (!(f->flags & FF_RANGE))
            continue;
        if (f->type != FT_INT && f->type != FT_DEC3 && f->type != FT_MONEY)
            fail_msg("%s.%s: a range on a non-number", k->key, f->key);
        if (f->min > f->max)
            fail_msg("%s.%s: min > max", k->key, f->key);
    }
}

static void
references_name_a_target(void **state)
{
    (void)state;
    FOR_EACH_FIELD(k, f)
    {
        if (f->type == FT_REF && !f->ref_kind)
            fail_msg("%s.%s: a reference without ref_kind", k->key, f->key);
    }
}

static void
defaults_parse_and_fit_their_field(void **state)
{
    (void)state;
    FOR_EACH_FIELD(k, f)
    {
        if (!f->default_text)
            continue;
        struct forms_value v = {0};
        struct sk_error err = {0};
        if (!forms_value_parse(f, f->default_text, &v, &err))
            fail_msg("%s.%s: default \"%s\": %s", k->key, f->key, f->default_text, err.msg);
        forms_value_free(&v);
    }
}

static void
natural_key_fields_are_required(void **state)
{
    (void)state;
    for (size_t i = 0; i < forms_n_kinds; i++) {
        const struct forms_kind *k = forms_kinds[i];
        size_t n = 0;
        for (size_t j = 0; j < k->n_fields; j++)
            if (k->fields[j].flags & FF_NATKEY) {
                n++;
                if (!(k->fields[j].flags & FF_REQUIRED))
                    fail_msg("%s.%s: natural key not required", k->key, k->fields[j].key);
            }
        /* consultations have none: two sessions may share every field;
         * observations neither: two observers may fill a sheet each on the
         * same lesson, and a draft may still lack its teacher; projects
         * neither: one row per mobility, two alike in code, place and
         * duration (seed 000's two Tenerife mobilities) */
        if (n == 0 && k != &forms_kind_consultation && k != &forms_kind_observation &&
            k != &forms_kind_project)
            fail_msg("%s has no natural key", k->key);
    }
}

static void
year_and_name_fields_exist_with_fitting_types(void **state)
{
    (void)state;
    for (size_t i = 0; i < forms_n_kinds; i++) {
        const struct forms_kind *k = forms_kinds[i];
        if (k->year_field) {
            int y = forms_field_index(k, k->year_field);
            assert_true(y >= 0);
            enum forms_type t = k->fields[y].type;
            assert_true(t == FT_DATE || t == FT_INT);
        }
        if (k->name_field)
            assert_true(forms_field_index(k, k->name_field) >= 0);
    }
}

static void
a_new_record_only_lacks_required_fields_without_default(void **state)
{
    (void)state;
    for (size_t i = 0; i < forms_n_kinds; i++) {
        const struct forms_kind *k = forms_kinds[i];
        struct forms_record rec;
        forms_record_init(&rec, k);
        forms_record_defaults(&rec);
        size_t missing = 0;
        for (size_t j = 0; j < k->n_fields; j++)
            if ((k->fields[j].flags & FF_REQUIRED) && !k->fields[j].default_text)
                missing++;
        /* a new observation is final (the import default, SPEC §3.2), and the
         * cross-field rule asks a final sheet for its teacher, group, ... */
        if (k == &forms_kind_observation)
            missing++;
        assert_int_equal(forms_record_validate_all(&rec, NULL, NULL), missing);
        forms_record_fini(&rec);
    }
}

/* Splits one CSV line of data/device-categories.csv (quotes, no escapes
 * needed there) into at most n cells, in place. */
static size_t
split_csv(char *line, char **cells, size_t n)
{
    size_t count = 0;
    char *p = line;
    while (count < n) {
        if (*p == '"') {
            cells[count++] = ++p;
            p = strchr(p, '"');
            if (!p)
                break;
            *p++ = '\0';
        } else {
            cells[count++] = p;
            p += strcspn(p, ",\r\n");
        }
        if (*p != ',') {
            *p = '\0';
            break;
        }
        *p++ = '\0';
    }
    return count;
}

static void
device_categories_equal_the_data_file(void **state)
{
    (void)state;
    FILE *fp = fopen(SKOLA_SRCDIR "/data/device-categories.csv", "r");
    assert_non_null(fp);
    char line[512];
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    size_t row = 0;
    while (fgets(line, sizeof line, fp)) {
        char *cells[4];
        if (line[0] == '\n' || line[0] == '\r')
            continue;
        assert_int_equal(split_csv(line, cells, 4), 4);
        assert_true(row < forms_n_device_categories);
        const struct forms_choice *c = &forms_device_categories[row];
        assert_string_equal(c->key, cells[0]);
        assert_string_equal(c->label_lv, cells[1]);
        assert_string_equal(c->label_en, cells[2]);
        assert_int_equal(forms_device_category_is_computer(row), strcmp(cells[3], "1") == 0);
        row++;
    }
    fclose(fp);
    assert_int_equal(row, forms_n_device_categories);
}

static void
device_category_field_uses_the_shared_table(void **state)
{
    (void)state;
    const struct forms_kind *k = &forms_kind_device;
    const struct forms_field *f = &k->fields[forms_field_index(k, "category")];
    assert_ptr_equal(f->choices, forms_device_categories);
    assert_int_equal(f->n_choices, forms_n_device_categories);
}

int
main(void)
{
    setenv("LANGUAGE", "C", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_have_keys_tables_labels_and_fields),
        cmocka_unit_test(kind_keys_and_tables_are_unique),
        cmocka_unit_test(field_keys_are_unique_identifiers_per_kind),
        cmocka_unit_test(field_labels_match_only_their_own_field),
        cmocka_unit_test(fields_have_a_list_width),
        cmocka_unit_test(every_enum_and_flag_set_has_choices),
        cmocka_unit_test(choices_have_unique_keys_and_labels),
        cmocka_unit_test(ranges_apply_only_to_numbers_and_are_ordered),
        cmocka_unit_test(references_name_a_target),
        cmocka_unit_test(defaults_parse_and_fit_their_field),
        cmocka_unit_test(natural_key_fields_are_required),
        cmocka_unit_test(year_and_name_fields_exist_with_fitting_types),
        cmocka_unit_test(a_new_record_only_lacks_required_fields_without_default),
        cmocka_unit_test(device_categories_equal_the_data_file),
        cmocka_unit_test(device_category_field_uses_the_shared_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
