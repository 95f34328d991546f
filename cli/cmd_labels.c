/* skola labels: an A4 sheet of device labels with QR codes. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cli_cmd_labels(struct cli_ctx *ctx)
{
    const char *out = NULL, *filter = NULL;
    for (int i = 0; i < ctx->argc; i++) {
        const char *v = NULL;
        int r;
        if ((r = cli_opt_value(ctx, "labels", &i, "-o", &v)) != 0 ||
            (r = cli_opt_value(ctx, "labels", &i, "--output", &v)) != 0) {
            if (r < 0)
                return 2;
            out = v;
        } else if ((r = cli_opt_value(ctx, "labels", &i, "--filter", &v)) != 0) {
            if (r < 0)
                return 2;
            filter = v;
        } else {
            return cli_usage(ctx, "labels", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
        }
    }
    if (!out)
        return cli_usage(ctx, "labels", "%s", _("labels needs -o FILE.html."));
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school);
    if (rc)
        return rc;
    /* the devices list's order; written-off devices get no label */
    struct storage_query q = {.kind = &forms_kind_device,
                              .school_id = school.id,
                              .sort_field = forms_field_index(&forms_kind_device, "inventory_no"),
                              .filter = filter,
                              .is_scoped = true};
    struct sk_error err = {0};
    size_t n = 0;
    bool ok = strcmp(out, "-") == 0
                  ? core_output_allowed(db, "/dev/stdout", &err) &&
                        core_labels_write(db, school.id, school.name, &q, NULL, 0, stdout, &n, &err)
                  : core_labels_path(db, school.id, school.name, &q, NULL, 0, out, &n, &err);
    storage_close(db);
    if (ok && strcmp(out, "-") != 0)
        fprintf(stderr, ngettext("Wrote %zu label to %s.\n", "Wrote %zu labels to %s.\n", n), n,
                SK_QUOTE(out));
    return ok ? 0 : cli_fail(ctx, &err);
}
