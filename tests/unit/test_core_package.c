/* core/manifest.c: the manifest writer and its strict reader, SHA-256. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static void
sample(struct core_manifest *m)
{
    memset(m, 0, sizeof *m);
    strcpy(m->format, CORE_MANIFEST_FORMAT);
    m->format_version = CORE_MANIFEST_VERSION;
    strcpy(m->school_code, "SK-A");
    strcpy(m->school_name, "Skola \"A\" \\ Liepāja\n");
    strcpy(m->municipality, "Liepājas valstspilsēta");
    m->year = 2023;
    strcpy(m->reference_date, "2023-09-01");
    strcpy(m->snapshot_date, "2024-08-31");
    strcpy(m->program_version, "0.1.0");
    strcpy(m->created, "2024-11-15T10:00:00Z");
    for (size_t i = 0; i < core_package_n_files; i++) {
        strcpy(m->files[i].name, core_package_files[i]);
        m->files[i].rows = (int64_t)i * 1000;
        core_sha256_hex(core_package_files[i], strlen(core_package_files[i]), m->files[i].sha256);
    }
    m->n_files = core_package_n_files;
}

static void
sha256_matches_the_standard_vector(void **state)
{
    (void)state;
    char hex[65];
    core_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
manifest_reads_back_what_was_written(void **state)
{
    (void)state;
    struct core_manifest m, back;
    sample(&m);
    char *json = core_manifest_format(&m);
    struct sk_error err = {0};
    assert_true(core_manifest_parse(json, strlen(json), &back, &err));
    assert_memory_equal(&m, &back, sizeof m);
    free(json);
}

/* a manifest of the previous release (version 1) has no snapshot_date */
static void
manifest_of_version_1_is_read(void **state)
{
    (void)state;
    struct core_manifest m, back;
    sample(&m);
    m.format_version = 1;
    memset(m.snapshot_date, 0, sizeof m.snapshot_date);
    char *json = core_manifest_format(&m);
    assert_null(strstr(json, "snapshot_date"));
    struct sk_error err = {0};
    assert_true(core_manifest_parse(json, strlen(json), &back, &err));
    assert_memory_equal(&m, &back, sizeof m);
    free(json);
}

static void
expect_refused(const char *text, const char *why)
{
    struct core_manifest m;
    struct sk_error err = {0};
    assert_false(core_manifest_parse(text, strlen(text), &m, &err));
    assert_int_equal(err.code, SK_EINVAL);
    if (!strstr(err.msg, why))
        fail_msg("“%s” does not say “%s”", err.msg, why);
}

/* the sample with one text replaced */
static char *
edited(const char *from, const char *to)
{
    struct core_manifest m;
    sample(&m);
    char *json = core_manifest_format(&m);
    char *at = strstr(json, from);
    assert_non_null(at);
    char *out = malloc(strlen(json) + strlen(to) + 1);
    memcpy(out, json, (size_t)(at - json));
    strcpy(out + (at - json), to);
    strcat(out, at + strlen(from));
    free(json);
    return out;
}

static void
manifest_refuses_what_is_not_exactly_the_format(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *why;
    } cases[] = {
        {"\"format_version\"", "\"extra\": 1, \"format_version\"", "unknown key"},
        {"\"year\": 2023", "\"year\": 2023, \"year\": 2024", "repeats a key"},
        {"\"created\": \"2024-11-15T10:00:00Z\",", "", "“created” is missing"},
        {"\"year\": 2023", "\"year\": 02023", "leading zero"},
        {"\"year\": 2023", "\"year\": 2023.5", "whole number"},
        {"\"year\": 2023", "\"year\": -1", "whole number"},
        {"\"year\": 2023", "\"year\": 1999", "between 2000 and 2100"},
        {"skola-municipality-package", "something-else", "not a skola municipality package"},
        {"\"format_version\": 2", "\"format_version\": 3", "does not know"},
        {"\"format_version\": 2", "\"format_version\": 0", "does not know"},
        {"\"snapshot_date\": \"2024-08-31\",", "", "“snapshot_date” is missing"},
        {"\"format_version\": 2", "\"format_version\": 1", "unknown key"},
        {"\"2024-08-31\"", "\"31.08.2024\"", "snapshot date"},
        {"\"2024-08-31\"", "\"2024-02-30\"", "snapshot date"},
        {"\"name\": \"staff.csv\"", "\"name\": \"../etc/passwd\"", "unknown name"},
        {"\"name\": \"staff.csv\"", "\"name\": \"devices.csv\"", "listed twice"},
        {"\"sha256\": \"", "\"sha256\": \"x", "too long"},
        {"\"SK-A\"", "\"SK\\u0000A\"", "not a character"},
        {"\"SK-A\"", "\"SK\\qA\"", "unknown escape"},
        {"\n}\n", "\n}\n{}", "text after"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = edited(cases[i].from, cases[i].to);
        expect_refused(text, cases[i].why);
        free(text);
    }
    char longname[400];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    char *quoted = malloc(sizeof longname + 3);
    sprintf(quoted, "\"%s\"", longname);
    char *text = edited("\"Skola \\\"A\\\" \\\\ Liepāja\\n\"", quoted);
    expect_refused(text, "too long");
    free(text);
    free(quoted);
}

static void
manifest_refuses_every_truncation(void **state)
{
    (void)state;
    struct core_manifest m;
    sample(&m);
    char *json = core_manifest_format(&m);
    size_t n = strlen(json);
    /* the text minus its final "}\n" and anything shorter */
    for (size_t len = 0; len + 2 < n; len++) {
        char *copy = malloc(len + 1); /* exact size: the reader must not read past n */
        memcpy(copy, json, len);
        struct core_manifest out;
        struct sk_error err = {0};
        assert_false(core_manifest_parse(copy, len, &out, &err));
        free(copy);
    }
    free(json);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_matches_the_standard_vector),
        cmocka_unit_test(manifest_reads_back_what_was_written),
        cmocka_unit_test(manifest_of_version_1_is_read),
        cmocka_unit_test(manifest_refuses_what_is_not_exactly_the_format),
        cmocka_unit_test(manifest_refuses_every_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
