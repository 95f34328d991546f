/* The municipality package and the report read one snapshot (issue 12): a
 * second connection commits new records in the middle of the export —
 * between summary.csv and devices.csv, and just before the report's
 * vacancy list is read — and none of them reaches the files; the numbers
 * in the package agree with each other. The writes themselves succeed (WAL:
 * a reader does not block a writer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"
#include <sqlite3.h>

#include "core/core.h"
#include "storage/internal.h"
#include "tests/unit/testlib.h"

struct snap {
    char dir[64];
    char path[128];
    struct storage_db *db, *other; /* the exporter's and a concurrent importer's */
    int64_t school;
    int n_inserted;
};

static int
snap_open(void **state)
{
    struct snap *s = calloc(1, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/skola-snap-XXXXXX");
    if (!mkdtemp(s->dir))
        fail_msg("mkdtemp");
    snprintf(s->path, sizeof s->path, "%s/s.db", s->dir);
    struct sk_error err = {0};
    s->db = storage_open(s->path, SO_CREATE, &err);
    if (!s->db || !storage_school_create(s->db, "SN-1", "Skola", NULL, &s->school, &err))
        fail_msg("open: %s", err.msg);
    test_insert(s->db, s->school, &forms_kind_school_year,
                (const char *const[]){"year", "2023", "pupils", "400", NULL});
    for (int i = 0; i < 2; i++) {
        char no[16];
        snprintf(no, sizeof no, "D-%d", i);
        test_insert(s->db, s->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", no, "category", "laptop", NULL});
    }
    test_insert(s->db, s->school, &forms_kind_vacancy,
                (const char *const[]){"subject", "Fizika", "hours_per_week", "4", "open_since",
                                      "2023-06-01", NULL});
    s->other = storage_open(s->path, 0, &err);
    if (!s->other)
        fail_msg("second connection: %s", err.msg);
    *state = s;
    return 0;
}

static int
snap_close(void **state)
{
    struct snap *s = *state;
    storage_close(s->db);
    storage_close(s->other);
    test_dir_remove(s->dir);
    free(s);
    return 0;
}

/* The concurrent import: one device and one vacancy, committed by the other connection. */
static void
import_meanwhile(struct snap *s)
{
    test_insert(s->other, s->school, &forms_kind_device,
                (const char *const[]){"inventory_no", "LATE-DEVICE", "category", "laptop", NULL});
    test_insert(s->other, s->school, &forms_kind_vacancy,
                (const char *const[]){"subject", "LATE-VACANCY", "hours_per_week", "2",
                                      "open_since", "2023-07-01", NULL});
    s->n_inserted++;
}

static void
on_progress(void *ctx, size_t done, size_t total, const char *name)
{
    (void)done;
    (void)total;
    struct snap *s = ctx;
    if (strcmp(name, "devices.csv") == 0 && s->n_inserted == 0)
        import_meanwhile(s); /* summary.csv is written, devices.csv is next */
}

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void
package_files_are_from_one_snapshot(void **state)
{
    struct snap *s = *state;
    char *dir = sk_xasprintf("%s/pkg", s->dir);
    struct core_manifest m;
    struct sk_error err = {0};
    assert_true(core_package_export(s->db, s->school, 2023, dir, on_progress, s, &m, &err));
    assert_int_equal(s->n_inserted, 1); /* the import ran in the middle, and succeeded */
    int64_t devices_rows = -1;
    for (size_t i = 0; i < m.n_files; i++)
        if (strcmp(m.files[i].name, "devices.csv") == 0)
            devices_rows = m.files[i].rows;
    char *path = sk_xasprintf("%s/summary.csv", dir);
    char *summary = slurp(path);
    const char *line = strstr(summary, ",devices.count,,");
    assert_non_null(line);
    long counted = strtol(line + strlen(",devices.count,,"), NULL, 10);
    assert_int_equal(counted, 2);
    assert_int_equal(devices_rows, counted); /* devices.csv agrees with summary.csv */
    free(path);
    path = sk_xasprintf("%s/devices.csv", dir);
    char *devices = slurp(path);
    assert_null(strstr(devices, "LATE-DEVICE"));
    free(devices);
    free(summary);
    free(path);
    free(dir);
    /* the next export sees the import */
    dir = sk_xasprintf("%s/pkg2", s->dir);
    assert_true(core_package_export(s->db, s->school, 2023, dir, NULL, NULL, &m, &err));
    for (size_t i = 0; i < m.n_files; i++)
        if (strcmp(m.files[i].name, "devices.csv") == 0)
            assert_int_equal(m.files[i].rows, 3);
    free(dir);
}

/* SQLITE_TRACE_STMT runs as a statement starts, before it takes its read lock. */
static int
on_statement(unsigned type, void *ctx, void *p, void *x)
{
    (void)type;
    (void)p;
    struct snap *s = ctx;
    const char *sql = x;
    if (s->n_inserted == 0 && strstr(sql, "SELECT subject, open_since"))
        import_meanwhile(s); /* the summary is computed; the vacancy list is next */
    return 0;
}

static void
report_reads_one_snapshot(void **state)
{
    struct snap *s = *state;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    sqlite3_trace_v2(s->db->sql, SQLITE_TRACE_STMT, on_statement, s);
    struct sk_error err = {0};
    bool ok = core_report_write(s->db, s->school, 2023, false, f, &err);
    sqlite3_trace_v2(s->db->sql, 0, NULL, NULL);
    fclose(f);
    assert_true(ok);
    assert_int_equal(s->n_inserted, 1);
    assert_non_null(strstr(text, "Fizika"));
    assert_null(strstr(text, "LATE-VACANCY"));
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(package_files_are_from_one_snapshot, snap_open, snap_close),
        cmocka_unit_test_setup_teardown(report_reads_one_snapshot, snap_open, snap_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
