/* skola print observations: the observation sheets on paper (one HTML
 * file, one A4 page per sheet; core/print.c). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cli_cmd_print(struct cli_ctx *ctx)
{
    if (ctx->argc < 1 || strcmp(ctx->argv[0], "observations") != 0)
        return cli_usage(ctx, "print", "%s",
                         ctx->argc < 1 ? _("say what to print: observations.")
                                       : _("only observations can be printed."));
    long year = 0;
    const char *out = NULL, *teacher = NULL;
    for (int i = 1; i < ctx->argc; i++) {
        const char *v = NULL;
        int r = cli_opt_year(ctx, "print", &i, &year);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if ((r = cli_opt_value(ctx, "print", &i, "--teacher", &v)) != 0) {
            if (r < 0)
                return 2;
            teacher = v;
        } else if ((r = cli_opt_value(ctx, "print", &i, "-o", &v)) != 0 ||
                   (r = cli_opt_value(ctx, "print", &i, "--output", &v)) != 0) {
            if (r < 0)
                return 2;
            out = v;
        } else {
            return cli_usage(ctx, "print", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
        }
    }
    if (out && !out[0])
        return cli_usage(ctx, "print", "%s",
                         _("-o needs a file name (or - for the standard output)."));
    if (teacher && !teacher[0])
        return cli_usage(ctx, "print", "%s", _("--teacher needs a name."));
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school);
    if (rc)
        return rc;
    /* The sheet is a Latvian document: Latvian unless --lang en. */
    struct core_print_sel sel = {
        .year = (int)year, .teacher = teacher, .lv = !(ctx->lang && strcmp(ctx->lang, "en") == 0)};
    char *def = NULL;
    if (!out)
        out = def = core_print_default_name(school.code, (int)year);
    struct sk_error err = {0};
    size_t n = 0;
    bool ok = strcmp(out, "-") == 0
                  ? core_output_allowed(db, "/dev/stdout", &err) &&
                        core_print_observations(db, school.id, &sel, stdout, &n, &err)
                  : core_print_observations_path(db, school.id, &sel, out, &n, &err);
    storage_close(db);
    if (ok && strcmp(out, "-") != 0) {
        fprintf(stderr,
                ngettext("Wrote %zu observation sheet to %s.\n",
                         "Wrote %zu observation sheets to %s.\n", n),
                n, SK_QUOTE(out));
    }
    free(def);
    return ok ? 0 : cli_fail(ctx, &err);
}
