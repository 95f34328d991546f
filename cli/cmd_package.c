/* skola report, skola export-municipality, skola consolidate: the yearly
 * documents of a school and the municipality's merge of them. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cli_cmd_report(struct cli_ctx *ctx)
{
    long year = 0;
    const char *out = NULL, *format = NULL;
    bool xlsx = false;
    for (int i = 0; i < ctx->argc; i++) {
        const char *v = NULL;
        int r = cli_opt_year(ctx, "report", &i, &year);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if ((r = cli_opt_value(ctx, "report", &i, "--format", &v)) != 0) {
            if (r < 0)
                return 2;
            format = v;
            if (strcmp(v, "xlsx") == 0)
                xlsx = true;
            else if (strcmp(v, "html") == 0)
                xlsx = false;
            else
                return cli_usage(ctx, "report", _("--format takes html or xlsx, not “%s”."),
                                 SK_QUOTE(v));
        } else if ((r = cli_opt_value(ctx, "report", &i, "-o", &v)) != 0 ||
                   (r = cli_opt_value(ctx, "report", &i, "--output", &v)) != 0) {
            if (r < 0)
                return 2;
            out = v;
        } else {
            return cli_usage(ctx, "report", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
        }
    }
    if (out && core_path_is_xlsx(out) && format && !xlsx)
        return cli_usage(ctx, "report",
                         _("--format %s but the file name ends in .xlsx: use --format xlsx or "
                           "a name without .xlsx."),
                         SK_QUOTE(format));
    if (out && core_path_is_xlsx(out))
        xlsx = true;
    if (xlsx && out && strcmp(out, "-") == 0)
        return cli_usage(ctx, "report", "%s",
                         _("--format xlsx needs a file: -o FILE.xlsx (a workbook is not text)."));
    if (year == 0)
        year = sk_date_school_year(sk_date_today());
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school);
    if (rc)
        return rc;
    /* The report is an official Latvian document: Latvian unless --lang en. */
    bool lv = !(ctx->lang && strcmp(ctx->lang, "en") == 0);
    char *def = NULL;
    if (!out)
        out = def = core_default_name("report", school.code, (int)year, xlsx ? "xlsx" : "html");
    struct sk_error err = {0};
    bool ok = strcmp(out, "-") == 0
                  ? core_output_allowed(db, "/dev/stdout", &err) &&
                        core_report_write(db, school.id, (int)year, lv, stdout, &err)
              : xlsx ? core_report_xlsx_path(db, school.id, (int)year, lv, out, &err)
                     : core_report_path(db, school.id, (int)year, lv, out, &err);
    storage_close(db);
    if (ok && strcmp(out, "-") != 0)
        fprintf(stderr, _("Wrote the self-evaluation tables for %ld./%ld. to %s.\n"), year,
                year + 1, SK_QUOTE(out));
    free(def);
    return ok ? 0 : cli_fail(ctx, &err);
}

int
cli_cmd_export_municipality(struct cli_ctx *ctx)
{
    long year = 0;
    const char *dir = NULL;
    for (int i = 0; i < ctx->argc; i++) {
        int r = cli_opt_year(ctx, "export-municipality", &i, &year);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (ctx->argv[i][0] == '-' || dir)
            return cli_usage(ctx, "export-municipality", _("unexpected argument “%s”."),
                             SK_QUOTE(ctx->argv[i]));
        dir = ctx->argv[i];
    }
    if (year == 0)
        return cli_usage(ctx, "export-municipality", "%s",
                         _("export-municipality needs --year Y (2023 = 2023./2024.)."));
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school);
    if (rc)
        return rc;
    char *def = NULL;
    if (!dir) /* the interface's default too */
        dir = def = core_default_name("package", school.code, (int)year, NULL);
    struct sk_error err = {0};
    struct core_manifest m;
    bool ok = core_package_export(db, school.id, (int)year, dir, NULL, NULL, &m, &err);
    storage_close(db);
    if (!ok) {
        free(def);
        return cli_fail(ctx, &err);
    }
    printf(_("Wrote the municipality package of %s for %ld./%ld. to %s:\n"),
           SK_QUOTE(m.school_code), year, year + 1, SK_QUOTE(dir));
    sk_date snap;
    if (sk_date_parse(m.snapshot_date, &snap)) {
        char day[11];
        sk_date_format(snap, false, day);
        printf(_("  the year as of %s (snapshot_date): devices bought later are left out\n"), day);
    }
    for (size_t i = 0; i < m.n_files; i++) {
        printf("  %-22s ", m.files[i].name);
        printf(ngettext("%lld row", "%lld rows", (unsigned long)m.files[i].rows),
               (long long)m.files[i].rows);
        putchar('\n');
    }
    printf("  %-22s %s\n", "manifest.json", _("row counts and SHA-256 checksums"));
    free(def);
    return 0;
}

static void
on_problem(void *ctx, const struct sk_error *e)
{
    size_t *n = ctx;
    fputs("skola: ", stderr);
    cli_print_safe(stderr, e->msg);
    fputc('\n', stderr);
    ++*n;
}

int
cli_cmd_consolidate(struct cli_ctx *ctx)
{
    if (ctx->argc < 2)
        return cli_usage(
            ctx, "consolidate", "%s",
            _("consolidate needs the output folder OUT and at least one package folder."));
    for (int i = 0; i < ctx->argc; i++)
        if (ctx->argv[i][0] == '-')
            return cli_usage(ctx, "consolidate", _("unexpected argument “%s”."),
                             SK_QUOTE(ctx->argv[i]));
    size_t n_problems = 0;
    struct sk_error err = {0};
    struct core_consolidate_result res = {0};
    bool ok =
        core_consolidate((const char *const *)ctx->argv + 1, (size_t)ctx->argc - 1, ctx->argv[0],
                         ctx->db_path, on_problem, &n_problems, NULL, NULL, &res, &err);
    if (!ok && n_problems > 0) {
        fprintf(stderr,
                ngettext("%zu problem in the packages; nothing was written.\n",
                         "%zu problems in the packages; nothing was written.\n", n_problems),
                n_problems);
        return sk_exit_code(err.code);
    }
    if (!ok)
        return cli_fail(ctx, &err);
    printf(ngettext("Merged %zu package for %d./%d. into %s:\n",
                    "Merged %zu packages for %d./%d. into %s:\n", res.n_packages),
           res.n_packages, res.year, res.year + 1, SK_QUOTE(ctx->argv[0]));
    printf("  summary.csv, summary-excel.csv    %s\n",
           _("pooled figures (sums of numerators and denominators)"));
    printf("  schools.csv, schools-excel.csv    %s\n",
           _("one row per school, one column per headline figure"));
    printf("  city.xlsx                         %s\n",
           _("the city tables as a spreadsheet, one sheet per table"));
    printf("  self-assessment.csv, priorities.csv, devices.csv, staff.csv  %s\n",
           _("every school's rows, school_code first"));
    printf("  load.sql                          %s\n",
           _("loads the city tables into PostgreSQL (psql -f load.sql in OUT)"));
    return 0;
}
