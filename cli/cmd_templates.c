/* skola templates [import FILE --code CODE [--name NAME] | use CODE]: the
 * lesson-observation criteria templates (list, import from CSV, the one new
 * sheets use). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints s padded with spaces to `cols` screen columns (left or right aligned). */
static void
put_col(const char *s, int cols, bool right)
{
    char q[512];
    s = sk_quote(s, q, sizeof q);
    int w = forms_utf8_width(s);
    if (right)
        printf("%*s%s", cols > w ? cols - w : 0, "", s);
    else
        printf("%s%*s", s, cols > w ? cols - w : 0, "");
}

/* FILE:LINE:COLUMN: field: message, as `skola import` prints it (ctx: the file name). */
static void
print_file_error(void *ctx, const struct sk_error *e)
{
    char q[4096]; /* a path is never cut: editors jump to FILE:LINE */
    const char *file = sk_quote(ctx, q, sizeof q);
    if (e->line > 0 && e->column > 0)
        fprintf(stderr, "%s:%ld:%ld: ", file, e->line, e->column);
    else if (e->line > 0)
        fprintf(stderr, "%s:%ld: ", file, e->line);
    else
        fprintf(stderr, "%s: ", file);
    if (e->field)
        fprintf(stderr, "%s: ", SK_QUOTE(e->field));
    cli_print_safe(stderr, e->msg);
    fputc('\n', stderr);
}

static int
templates_list(struct cli_ctx *ctx)
{
    if (ctx->argc > 1)
        return cli_usage(ctx, "templates", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[1]));
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school); /* listing writes nothing */
    if (rc)
        return rc;
    struct core_template_info *t = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    bool ok = core_templates_list(db, school.id, &t, &n, &err);
    storage_close(db);
    if (!ok)
        return cli_fail(ctx, &err);
    const char *h_code = _("Code"), *h_crit = _("Criteria"), *h_sheets = _("Sheets"),
               *h_name = _("Name");
    int w_code = forms_utf8_width(h_code), w_crit = forms_utf8_width(h_crit),
        w_sheets = forms_utf8_width(h_sheets);
    for (size_t i = 0; i < n; i++)
        if (forms_utf8_width(SK_QUOTE(t[i].code)) > w_code)
            w_code = forms_utf8_width(SK_QUOTE(t[i].code));
    printf(_("Observation criteria templates (school %s):\n"), SK_QUOTE(school.code));
    printf("  ");
    put_col(h_code, w_code, false);
    printf("  ");
    put_col(h_crit, w_crit, true);
    printf("  ");
    put_col(h_sheets, w_sheets, true);
    printf("  %s\n", h_name);
    bool any_current = false;
    for (size_t i = 0; i < n; i++) {
        char crit[24], sheets[24];
        snprintf(crit, sizeof crit, "%zu", t[i].n_crit);
        snprintf(sheets, sizeof sheets, "%lld", (long long)t[i].sheets);
        printf("%s ", t[i].is_current ? "*" : " ");
        put_col(t[i].code, w_code, false);
        printf("  ");
        put_col(crit, w_crit, true);
        printf("  ");
        put_col(sheets, w_sheets, true);
        char name[512];
        printf("  %s\n", sk_quote(t[i].name, name, sizeof name));
        any_current = any_current || t[i].is_current;
    }
    if (any_current)
        printf("%s\n", _("* = new sheets use this template (change it with “skola templates use "
                         "CODE”); a sheet keeps the template it was filled with."));
    free(t);
    return 0;
}

static int
templates_import(struct cli_ctx *ctx)
{
    const char *file = NULL, *code = NULL, *name = NULL, *title = NULL, *methodology = NULL;
    struct core_import_opts opts = {.encoding = CE_AUTO};
    for (int i = 1; i < ctx->argc; i++) {
        const char *v = NULL;
        int r;
        if ((r = cli_opt_value(ctx, "templates", &i, "--code", &v)) != 0) {
            if (r < 0)
                return 2;
            code = v;
        } else if ((r = cli_opt_value(ctx, "templates", &i, "--name", &v)) != 0) {
            if (r < 0)
                return 2;
            name = v;
        } else if ((r = cli_opt_value(ctx, "templates", &i, "--title", &v)) != 0) {
            if (r < 0)
                return 2;
            title = v;
        } else if ((r = cli_opt_value(ctx, "templates", &i, "--methodology", &v)) != 0) {
            if (r < 0)
                return 2;
            methodology = v;
        } else if ((r = cli_opt_value(ctx, "templates", &i, "--encoding", &v)) != 0) {
            if (r < 0)
                return 2;
            if (!core_encoding_parse(v, &opts.encoding))
                return cli_usage(ctx, "templates",
                                 _("--encoding takes auto, utf-8 or cp1257, not “%s”."),
                                 SK_QUOTE(v));
        } else if (strcmp(ctx->argv[i], "--multiline-ok") == 0) {
            opts.multiline_ok = true;
        } else if (strcmp(ctx->argv[i], "--dry-run") == 0) {
            opts.dry_run = true;
        } else if (ctx->argv[i][0] == '-' && ctx->argv[i][1] != '\0') {
            return cli_usage(ctx, "templates", _("unknown option “%s”."), SK_QUOTE(ctx->argv[i]));
        } else if (!file) {
            file = ctx->argv[i];
        } else {
            return cli_usage(ctx, "templates", _("unexpected argument “%s”."),
                             SK_QUOTE(ctx->argv[i]));
        }
    }
    if (!file || !code || !code[0])
        return cli_usage(ctx, "templates", "%s",
                         _("templates import needs a FILE and --code CODE."));
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open(ctx, false, &db, &school);
    if (rc)
        return rc;
    const char *shown = strcmp(file, "-") == 0 ? "<stdin>" : file;
    opts.on_error = print_file_error;
    opts.ctx = (void *)shown;
    size_t n_crit = 0, n_errors = 0;
    struct sk_error err = {0};
    bool ok = core_template_import_worded(db, file, code, name, title, methodology, &opts, &n_crit,
                                          &n_errors, &err);
    /* what new sheets use now: a school that never chose one uses the newest */
    char current[64] = "";
    if (ok && !opts.dry_run &&
        !storage_obs_template_current(db, school.id, current, sizeof current, &err))
        ok = false;
    storage_close(db);
    if (!ok) {
        if (err.code == SK_EINVAL && n_errors > 0) {
            fprintf(stderr,
                    ngettext("%zu error in %s; nothing was imported.\n",
                             "%zu errors in %s; nothing was imported.\n", n_errors),
                    n_errors, SK_QUOTE(shown));
            return 1;
        }
        return cli_fail(ctx, &err);
    }
    if (opts.dry_run) {
        printf(ngettext("%zu criterion checked, no errors; nothing was written (--dry-run).\n",
                        "%zu criteria checked, no errors; nothing was written (--dry-run).\n",
                        n_crit),
               n_crit);
        return 0;
    }
    printf(ngettext("Template %s imported with %zu criterion.\n",
                    "Template %s imported with %zu criteria.\n", n_crit),
           SK_QUOTE(code), n_crit);
    if (strcmp(current, code) == 0)
        printf(_("New sheets of %s use it (the newest template; the school has not chosen "
                 "one). Choose another with “skola templates use CODE”.\n"),
               SK_QUOTE(school.code));
    else
        printf(_("New sheets of %s still use %s; choose the new one with “skola templates use "
                 "%s”.\n"),
               SK_QUOTE(school.code), SK_QUOTE(current), SK_QUOTE(code));
    return 0;
}

static int
templates_use(struct cli_ctx *ctx)
{
    if (ctx->argc < 2)
        return cli_usage(ctx, "templates", "%s", _("templates use needs a template CODE."));
    if (ctx->argc > 2)
        return cli_usage(ctx, "templates", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[2]));
    const char *code = ctx->argv[1];
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open(ctx, false, &db, &school);
    if (rc)
        return rc;
    struct sk_error err = {0};
    bool ok = storage_obs_template_use(db, school.id, code, &err);
    if (!ok && err.code == SK_ENOTFOUND) {
        /* name the templates there are */
        struct core_template_info *t = NULL;
        size_t n = 0;
        struct sk_error e2 = {0};
        rc = cli_fail(ctx, &err);
        if (core_templates_list(db, school.id, &t, &n, &e2) && n > 0) {
            fprintf(stderr, "%s", _("Templates:"));
            for (size_t i = 0; i < n; i++)
                fprintf(stderr, "%s %s", i ? "," : "", SK_QUOTE(t[i].code));
            fprintf(stderr, "\n");
        }
        free(t);
        storage_close(db);
        return rc;
    }
    storage_close(db);
    if (!ok)
        return cli_fail(ctx, &err);
    printf(_("New observation sheets of %s use the template %s; sheets filled before keep "
             "theirs.\n"),
           SK_QUOTE(school.code), SK_QUOTE(code));
    return 0;
}

int
cli_cmd_templates(struct cli_ctx *ctx)
{
    if (ctx->argc == 0 || strcmp(ctx->argv[0], "list") == 0)
        return templates_list(ctx);
    if (strcmp(ctx->argv[0], "import") == 0)
        return templates_import(ctx);
    if (strcmp(ctx->argv[0], "use") == 0)
        return templates_use(ctx);
    return cli_usage(ctx, "templates",
                     _("unknown templates command “%s”; use list, import or use."),
                     SK_QUOTE(ctx->argv[0]));
}
