/* skola summary */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int
cli_cmd_summary(struct cli_ctx *ctx)
{
    long year = 0;
    bool csv = false, xlsx = false;
    const char *out = NULL, *format = NULL;
    for (int i = 0; i < ctx->argc; i++) {
        const char *v = NULL;
        int r;
        if ((r = cli_opt_year(ctx, "summary", &i, &year)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value(ctx, "summary", &i, "--format", &v)) != 0) {
            if (r < 0)
                return 2;
            csv = xlsx = false;
            format = v;
            if (strcmp(v, "csv") == 0)
                csv = true;
            else if (strcmp(v, "xlsx") == 0)
                xlsx = true;
            else if (strcmp(v, "text") != 0)
                return cli_usage(ctx, "summary", _("--format takes text, csv or xlsx, not “%s”."),
                                 SK_QUOTE(v));
        } else if ((r = cli_opt_value(ctx, "summary", &i, "-o", &v)) != 0 ||
                   (r = cli_opt_value(ctx, "summary", &i, "--output", &v)) != 0) {
            if (r < 0)
                return 2;
            out = v;
        } else {
            return cli_usage(ctx, "summary", _("unexpected argument “%s”."),
                             SK_QUOTE(ctx->argv[i]));
        }
    }
    /* an explicit format the file name contradicts is refused, never
     * silently overridden */
    if (out && core_path_is_xlsx(out) && format && !xlsx)
        return cli_usage(ctx, "summary",
                         _("--format %s but the file name ends in .xlsx: use --format xlsx or "
                           "a name without .xlsx."),
                         SK_QUOTE(format));
    if (out && core_path_is_xlsx(out))
        xlsx = true;
    if (xlsx && (!out || strcmp(out, "-") == 0))
        return cli_usage(ctx, "summary", "%s",
                         _("--format xlsx needs a file: -o FILE.xlsx (a workbook is not text)."));
    if (year == 0)
        year = sk_date_school_year(sk_date_today());
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school);
    if (rc)
        return rc;
    struct core_summary sum = {0};
    struct sk_error err = {0};
    bool ok = core_summary_compute(db, school.id, (int)year, SK_DATE_NONE, CS_ALL, &sum, &err);
    if (ok && xlsx) {
        ok = core_summary_xlsx_path(db, &sum, out, &err);
        if (ok)
            fprintf(stderr, _("Wrote the summary for %ld./%ld. to %s.\n"), year, year + 1,
                    SK_QUOTE(out));
    } else if (ok && out && strcmp(out, "-") != 0) {
        ok = core_output_allowed(db, out, &err);
        struct sk_atomic a;
        FILE *f = ok ? sk_atomic_open(&a, out, 0600, &err) : NULL;
        ok = f && (csv ? core_summary_write_csv(&sum, f, true, &err)
                       : core_summary_write_text(&sum, f, &err));
        if (ok)
            ok = sk_atomic_commit(&a, &err);
        else if (f)
            sk_atomic_abort(&a);
    } else if (ok) {
        ok = csv ? core_summary_write_csv(&sum, stdout, true, &err)
                 : core_summary_write_text(&sum, stdout, &err);
    }
    storage_close(db);
    core_summary_fini(&sum);
    if (!ok)
        return cli_fail(ctx, &err);
    return 0;
}
