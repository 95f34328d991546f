/* skola summary */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int
cli_cmd_summary(struct cli_ctx *ctx)
{
    long year = 0;
    bool csv = false;
    for (int i = 0; i < ctx->argc; i++) {
        const char *v = NULL;
        int r;
        if ((r = cli_opt_year(ctx, "summary", &i, &year)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value(ctx, "summary", &i, "--format", &v)) != 0) {
            if (r < 0)
                return 2;
            if (strcmp(v, "csv") == 0)
                csv = true;
            else if (strcmp(v, "text") == 0)
                csv = false;
            else
                return cli_usage(ctx, "summary", _("--format takes text or csv, not “%s”."),
                                 SK_QUOTE(v));
        } else {
            return cli_usage(ctx, "summary", _("unexpected argument “%s”."),
                             SK_QUOTE(ctx->argv[i]));
        }
    }
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
    storage_close(db);
    if (ok)
        ok = csv ? core_summary_write_csv(&sum, stdout, true, &err)
                 : core_summary_write_text(&sum, stdout, &err);
    core_summary_fini(&sum);
    if (!ok)
        return cli_fail(ctx, &err);
    return 0;
}
