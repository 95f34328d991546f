/* skola import | export */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct forms_kind *
kind_arg(const struct cli_ctx *ctx, const char *cmd, const char *text)
{
    const struct forms_kind *kind = forms_kind_by_key(text);
    if (!kind) {
        char known[512] = "";
        for (size_t i = 0; i < forms_n_kinds; i++) {
            if (i)
                strncat(known, ", ", sizeof known - strlen(known) - 1);
            strncat(known, forms_kinds[i]->key, sizeof known - strlen(known) - 1);
        }
        cli_usage(ctx, cmd, _("unknown KIND “%s”; known kinds: %s."), SK_QUOTE(text), known);
    }
    return kind;
}

/* What the error callback needs: the file name as the user gave it. */
struct import_report {
    const char *file;
    const struct forms_kind *kind;
};

/* The field as the user knows it: its Latvian label under --lang lv (the
 * column header of the excel profile), its key otherwise. */
static const char *
field_name(const struct import_report *r, const char *key)
{
    int fi = r->kind && forms_lang_is_lv() ? forms_field_index(r->kind, key) : -1;
    return fi >= 0 ? r->kind->fields[fi].label_lv : key;
}

/* FILE:LINE:COLUMN: field: message — the format editors and grep understand. */
static void
print_row_error(void *ctx, const struct sk_error *e)
{
    const struct import_report *r = ctx;
    char q[4096]; /* a path is never cut: editors jump to FILE:LINE */
    const char *file = sk_quote(r->file, q, sizeof q);
    if (e->line > 0 && e->column > 0)
        fprintf(stderr, "%s:%ld:%ld: ", file, e->line, e->column);
    else if (e->line > 0)
        fprintf(stderr, "%s:%ld: ", file, e->line);
    else
        fprintf(stderr, "%s: ", file);
    if (e->field)
        fprintf(stderr, "%s: ", SK_QUOTE(field_name(r, e->field)));
    cli_print_safe(stderr, e->msg);
    fputc('\n', stderr);
}

/* FILE:LINE:COLUMN: warning: message (an ignored column). */
static void
print_row_warning(void *ctx, const struct sk_error *e)
{
    const struct import_report *r = ctx;
    char q[4096];
    if (e->column > 0)
        fprintf(stderr, "%s:%ld:%ld: %s: ", sk_quote(r->file, q, sizeof q), e->line, e->column,
                _("warning"));
    else
        fprintf(stderr, "%s:%ld: %s: ", sk_quote(r->file, q, sizeof q), e->line, _("warning"));
    cli_print_safe(stderr, e->msg);
    fputc('\n', stderr);
}

int
cli_cmd_import(struct cli_ctx *ctx)
{
    const char *kind_text = NULL, *file = NULL;
    struct core_import_opts opts = {.encoding = CE_AUTO, .mode = CM_INSERT};
    for (int i = 0; i < ctx->argc; i++) {
        const char *v = NULL;
        int r;
        if ((r = cli_opt_value(ctx, "import", &i, "--mode", &v)) != 0) {
            if (r < 0)
                return 2;
            if (strcmp(v, "insert") == 0)
                opts.mode = CM_INSERT;
            else if (strcmp(v, "upsert") == 0)
                opts.mode = CM_UPSERT;
            else
                return cli_usage(ctx, "import", _("--mode takes insert or upsert, not “%s”."),
                                 SK_QUOTE(v));
        } else if ((r = cli_opt_value(ctx, "import", &i, "--encoding", &v)) != 0) {
            if (r < 0)
                return 2;
            if (!core_encoding_parse(v, &opts.encoding))
                return cli_usage(ctx, "import",
                                 _("--encoding takes auto, utf-8 or cp1257, not “%s”."),
                                 SK_QUOTE(v));
        } else if (strcmp(ctx->argv[i], "--dry-run") == 0) {
            opts.dry_run = true;
        } else if (strcmp(ctx->argv[i], "--create-references") == 0) {
            opts.create_references = true;
        } else if (strcmp(ctx->argv[i], "--allow-duplicates") == 0) {
            opts.allow_duplicates = true;
        } else if (strcmp(ctx->argv[i], "--multiline-ok") == 0) {
            opts.multiline_ok = true;
        } else if (strcmp(ctx->argv[i], "--strict") == 0) {
            opts.strict = true;
        } else if (ctx->argv[i][0] == '-' && ctx->argv[i][1] != '\0') {
            return cli_usage(ctx, "import", _("unknown option “%s”."), SK_QUOTE(ctx->argv[i]));
        } else if (!kind_text) {
            kind_text = ctx->argv[i];
        } else if (!file) {
            file = ctx->argv[i];
        } else {
            return cli_usage(ctx, "import", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
        }
    }
    if (!kind_text || !file)
        return cli_usage(ctx, "import", "%s", _("import needs a KIND and a FILE."));
    const struct forms_kind *kind = kind_arg(ctx, "import", kind_text);
    if (!kind)
        return 2;

    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open(ctx, false, &db, &school);
    if (rc)
        return rc;
    struct import_report report = {.file = strcmp(file, "-") == 0 ? "<stdin>" : file, .kind = kind};
    opts.on_error = print_row_error;
    opts.on_warning = print_row_warning;
    opts.ctx = &report;
    struct core_import_result res = {0};
    struct sk_error err = {0};
    bool ok = core_import_file(db, kind, school.id, file, &opts, &res, &err);
    storage_close(db);
    char *notes = core_import_notes(&res);
    core_import_result_fini(&res);
    if (!ok) {
        free(notes);
        if (err.code == SK_EINVAL && res.n_errors > 0) {
            fprintf(stderr,
                    ngettext("%zu error in %s; nothing was imported.\n",
                             "%zu errors in %s; nothing was imported.\n", res.n_errors),
                    res.n_errors, SK_QUOTE(report.file));
            return 1;
        }
        return cli_fail(ctx, &err);
    }
    if (opts.dry_run)
        printf(ngettext("%zu row checked, no errors; nothing was written (--dry-run).\n",
                        "%zu rows checked, no errors; nothing was written (--dry-run).\n",
                        res.rows),
               res.rows);
    else
        printf(_("%s: %zu imported (%zu new, %zu updated).\n"), forms_kind_label(kind),
               res.inserted + res.updated, res.inserted, res.updated);
    fputs(notes, stdout);
    free(notes);
    return 0;
}

int
cli_cmd_export(struct cli_ctx *ctx)
{
    const char *kind_text = NULL, *file = NULL;
    enum core_profile profile = CP_RFC4180;
    const char *profile_text = NULL;
    long year = 0;
    for (int i = 0; i < ctx->argc; i++) {
        const char *v = NULL;
        int r;
        if ((r = cli_opt_value(ctx, "export", &i, "--profile", &v)) != 0) {
            if (r < 0)
                return 2;
            if (!core_profile_parse(v, &profile))
                return cli_usage(ctx, "export", _("--profile takes rfc4180 or excel, not “%s”."),
                                 SK_QUOTE(v));
            profile_text = v;
        } else if ((r = cli_opt_year(ctx, "export", &i, &year)) != 0) {
            if (r < 0)
                return 2;
        } else if (ctx->argv[i][0] == '-' && ctx->argv[i][1] != '\0') {
            return cli_usage(ctx, "export", _("unknown option “%s”."), SK_QUOTE(ctx->argv[i]));
        } else if (!kind_text) {
            kind_text = ctx->argv[i];
        } else if (!file) {
            file = ctx->argv[i];
        } else {
            return cli_usage(ctx, "export", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
        }
    }
    if (!kind_text)
        return cli_usage(ctx, "export", "%s", _("export needs a KIND."));
    /* a CSV profile with a workbook's name: refused, not silently ignored */
    if (profile_text && file && core_path_is_xlsx(file))
        return cli_usage(ctx, "export",
                         _("--profile %s is for CSV but the file name ends in .xlsx: leave out "
                           "--profile or use a name without .xlsx."),
                         SK_QUOTE(profile_text));
    const struct forms_kind *kind = kind_arg(ctx, "export", kind_text);
    if (!kind)
        return 2;
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school);
    if (rc)
        return rc;
    if (cli_missing_uids(db, kind) > 0) {
        /* so that the export names each record and an import of it updates
         * instead of adding again */
        storage_close(db);
        cli_fill_uids(ctx);
        rc = cli_open_read(ctx, &db, &school);
        if (rc)
            return rc;
        int64_t n = cli_missing_uids(db, kind);
        if (n > 0)
            fprintf(stderr,
                    ngettext("skola: %s: %lld row has no record id (uid; inserted by another "
                             "program), its uid cell is empty; run “skola check --repair”.\n",
                             "skola: %s: %lld rows have no record id (uid; inserted by another "
                             "program), their uid cells are empty; run “skola check --repair”.\n",
                             (unsigned long)n),
                    kind->key, (long long)n);
    }
    struct storage_query q = {
        .kind = kind, .school_id = school.id, .sort_field = -1, .year = (int)year};
    /* Natural-key order reads best and is stable across databases. */
    for (size_t i = 0; i < kind->n_fields; i++)
        if (kind->fields[i].flags & FF_NATKEY) {
            q.sort_field = (int)i;
            break;
        }
    struct sk_error err = {0};
    size_t rows = 0;
    bool ok = core_export_path(db, &q, file ? file : "-", profile, &rows, &err);
    storage_close(db);
    if (!ok)
        return cli_fail(ctx, &err);
    if (file && strcmp(file, "-") != 0)
        fprintf(stderr, ngettext("%zu row written to %s.\n", "%zu rows written to %s.\n", rows),
                rows, SK_QUOTE(file));
    return 0;
}
