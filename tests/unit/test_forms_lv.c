/* Display in Latvian: labels and decimal commas follow the message catalogue.
 * The test writes its own two-entry catalogue, so it depends neither on
 * po/lv.po nor on the build's locale directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "forms/forms.h"

static const struct forms_choice purposes[] = {
    {"experience", "Pieredzes apguve", "Gaining experience"},
    {"quality", "Kvalitātes novērtēšana", "Assessing quality"},
};
static const struct forms_field f_flags = {.key = "purpose",
                                           .label_lv = "Mērķis",
                                           .label_en = "Purpose",
                                           .type = FT_FLAGS,
                                           .choices = purposes,
                                           .n_choices = SK_ARRAY_LEN(purposes)};
static const struct forms_field f_money = {.key = "cost", .type = FT_MONEY};
static const struct forms_field f_fte = {
    .key = "fte", .type = FT_DEC3, .flags = FF_RANGE, .min = 0, .max = 1500};

static char dir[] = "/tmp/skola-test-lv-XXXXXX";
static char mo_path[320];

static void
put_u32(FILE *fp, uint32_t v)
{
    fwrite(&v, sizeof v, 1, fp);
}

/* Writes a GNU .mo file with the header entry and "language code" -> "lv";
 * msgids sorted as gettext's binary search needs. */
static bool
write_catalogue(const char *path)
{
    static const char *const ids[] = {"", "language code\004en"};
    static const char *const strs[] = {"Content-Type: text/plain; charset=UTF-8\n", "lv"};
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return false;
    uint32_t n = 2, orig = 28, trans = orig + 8 * n, data = trans + 8 * n;
    put_u32(fp, 0x950412de);
    put_u32(fp, 0);
    put_u32(fp, n);
    put_u32(fp, orig);
    put_u32(fp, trans);
    put_u32(fp, 0);
    put_u32(fp, data);
    uint32_t off = data;
    for (int pass = 0; pass < 2; pass++) {
        const char *const *t = pass ? strs : ids;
        for (uint32_t i = 0; i < n; i++) {
            put_u32(fp, (uint32_t)strlen(t[i]));
            put_u32(fp, off);
            off += (uint32_t)strlen(t[i]) + 1;
        }
    }
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < n; i++)
            fwrite(pass ? strs[i] : ids[i], strlen(pass ? strs[i] : ids[i]) + 1, 1, fp);
    return fclose(fp) == 0;
}

static int
setup(void **state)
{
    (void)state;
    char sub[300];
    if (!mkdtemp(dir))
        return -1;
    snprintf(sub, sizeof sub, "%s/lv", dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/lv/LC_MESSAGES", dir);
    mkdir(sub, 0700);
    snprintf(mo_path, sizeof mo_path, "%s/skola.mo", sub);
    if (!write_catalogue(mo_path))
        return -1;
    setenv("LANGUAGE", "lv", 1);
    /* gettext ignores LANGUAGE in the plain C locale */
    if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8"))
        return 0;
    bindtextdomain(SK_DOMAIN, dir);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    char sub[300];
    unlink(mo_path);
    snprintf(sub, sizeof sub, "%s/lv/LC_MESSAGES", dir);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/lv", dir);
    rmdir(sub);
    rmdir(dir);
    return 0;
}

static void
skip_without_catalogue(void)
{
    if (!forms_lang_is_lv())
        skip();
}

static const char *
display(const struct forms_field *f, const char *text)
{
    static char buf[512];
    struct forms_value v = {0};
    struct sk_error err = {0};
    if (!forms_value_parse(f, text, &v, &err))
        fail_msg("\"%s\": %s", text, err.msg);
    forms_value_format(f, &v, FS_DISPLAY, buf, sizeof buf);
    forms_value_free(&v);
    return buf;
}

static void
language_follows_the_catalogue(void **state)
{
    (void)state;
    skip_without_catalogue();
    assert_string_equal(forms_lang(), "lv");
}

static void
labels_are_latvian(void **state)
{
    (void)state;
    skip_without_catalogue();
    assert_string_equal(forms_field_label(&f_flags), "Mērķis");
    assert_string_equal(forms_kind_label(&forms_kind_device), "Ierīces");
    assert_string_equal(display(&f_flags, "quality|experience"),
                        "Pieredzes apguve, Kvalitātes novērtēšana");
}

static void
numbers_use_a_decimal_comma_on_screen(void **state)
{
    (void)state;
    skip_without_catalogue();
    assert_string_equal(display(&f_money, "12.5"), "12,50");
    assert_string_equal(display(&f_fte, "0.75"), "0,75");
}

static void
csv_keeps_the_decimal_point_in_latvian(void **state)
{
    (void)state;
    skip_without_catalogue();
    char buf[64];
    struct forms_value v = {0};
    assert_true(forms_value_parse(&f_money, "12,5", &v, NULL));
    assert_string_equal(forms_value_format(&f_money, &v, FS_CSV, buf, sizeof buf), "12.50");
    forms_value_free(&v);
}

static void
range_messages_use_a_decimal_comma(void **state)
{
    (void)state;
    skip_without_catalogue();
    struct forms_value v = {0};
    struct sk_error err = {0};
    assert_false(forms_value_parse(&f_fte, "2", &v, &err));
    assert_string_equal(err.msg, "“2” is not between 0 and 1,5");
    forms_value_free(&v);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(language_follows_the_catalogue),
        cmocka_unit_test(labels_are_latvian),
        cmocka_unit_test(numbers_use_a_decimal_comma_on_screen),
        cmocka_unit_test(csv_keeps_the_decimal_point_in_latvian),
        cmocka_unit_test(range_messages_use_a_decimal_comma),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
