/* fuzz_csv.c — the CSV reader and importer on hostile bytes: every record
 * kind, every encoding (auto, UTF-8, Windows-1257) and separator (detected,
 * ',', ';', TAB), insert and upsert, dry run or real. The first two bytes
 * choose the options; the rest is the file. An in-memory database holds the
 * imported rows (reopened now and then so that memory stays small). Built
 * with libFuzzer (-DSKOLA_FUZZ=ON, clang) or with tests/fuzz/replay.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"

static char path[64];
static struct storage_db *db;
static int64_t school_id;
static unsigned n_runs;

static void
count_error(void *ctx, const struct sk_error *e)
{
    (void)e;
    (*(size_t *)ctx)++;
}

static void
setup(void)
{
    struct sk_error err = {0};
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/skola-fuzz-XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(path);
        if (fd < 0)
            abort();
        close(fd);
    }
    storage_close(db);
    db = storage_open(":memory:", SO_CREATE, &err);
    if (!db || !storage_school_create(db, "F1", "Fuzz", NULL, &school_id, &err))
        abort();
    /* a staff member, so that references can resolve */
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    forms_record_defaults(&rec);
    forms_value_set_text(&rec.values[0], "Jānis Bērziņš", strlen("Jānis Bērziņš"));
    if (!storage_record_insert(db, school_id, &rec, &err))
        abort();
    forms_record_fini(&rec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    if (!db || ++n_runs % 200 == 0)
        setup();
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size > 2 && fwrite(data + 2, 1, size - 2, f) != size - 2)
        abort();
    fclose(f);

    static const char separators[] = {0, ',', ';', '\t'};
    const struct forms_kind *kind = forms_kinds[data[0] % forms_n_kinds];
    size_t n_errors = 0;
    struct core_import_opts opts = {
        .encoding = (enum core_encoding)(data[1] % 3),
        .separator = separators[(data[1] >> 2) & 3],
        .mode = (data[1] & 0x10) ? CM_UPSERT : CM_INSERT,
        .dry_run = (data[1] & 0x20) != 0,
        .create_references = (data[1] & 0x40) != 0,
        .on_error = count_error,
        .ctx = &n_errors,
    };
    struct core_import_result res = {0};
    struct sk_error err = {0};
    bool ok = core_import_file(db, kind, school_id, path, &opts, &res, &err);
    /* the promises: all or nothing, every problem reported */
    if (ok && (n_errors != 0 || res.n_errors != 0))
        abort();
    if (!ok && (res.inserted != 0 || res.updated != 0))
        abort();
    if (storage_in_transaction(db))
        abort();
    core_import_result_fini(&res);

    if (data[1] & 0x80) {
        struct core_preview p = {0};
        if (core_import_preview(path, (enum core_encoding)(data[1] % 3), 5, &p, &err))
            core_preview_fini(&p);
    }
    return 0;
}
