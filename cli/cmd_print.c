/* skola print observations: the observation sheets on paper (one HTML
 * file, one A4 page per sheet; core/print.c). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int print_run(struct cli_ctx *ctx, long year, const char *teacher, const char *const *uids,
                     size_t n_uids, const char *out);

int
cli_cmd_print(struct cli_ctx *ctx)
{
    if (ctx->argc < 1 || strcmp(ctx->argv[0], "observations") != 0)
        return cli_usage(ctx, "print", "%s",
                         ctx->argc < 1 ? _("say what to print: observations.")
                                       : _("only observations can be printed."));
    long year = 0;
    const char *out = NULL, *teacher = NULL;
    /* --uid UID (several): exactly these sheets, in the order given */
    const char **uids = sk_xcalloc((size_t)ctx->argc, sizeof *uids);
    size_t n_uids = 0;
    int rc = 2;
    for (int i = 1; i < ctx->argc; i++) {
        const char *v = NULL;
        int r = cli_opt_year(ctx, "print", &i, &year);
        if (r < 0)
            goto done;
        if (r > 0)
            continue;
        if ((r = cli_opt_value(ctx, "print", &i, "--teacher", &v)) != 0) {
            if (r < 0)
                goto done;
            teacher = v;
        } else if ((r = cli_opt_value(ctx, "print", &i, "--uid", &v)) != 0) {
            if (r < 0)
                goto done;
            uids[n_uids++] = v;
        } else if ((r = cli_opt_value(ctx, "print", &i, "-o", &v)) != 0 ||
                   (r = cli_opt_value(ctx, "print", &i, "--output", &v)) != 0) {
            if (r < 0)
                goto done;
            out = v;
        } else {
            rc = cli_usage(ctx, "print", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
            goto done;
        }
    }
    rc = print_run(ctx, year, teacher, uids, n_uids, out);
done:
    free(uids);
    return rc;
}

/* The sheets with these uids, in the order given, each once. */
static bool
find_uids(struct storage_db *db, int64_t school_id, const char *const *uids, size_t n, int64_t *ids,
          size_t *n_ids, struct sk_error *err)
{
    *n_ids = 0;
    for (size_t i = 0; i < n; i++) {
        char canon[FORMS_UID_LEN + 1];
        if (!forms_uid_parse(uids[i], strlen(uids[i]), canon))
            return sk_fail(err, SK_EINVAL, _("“%s” is not a record id (uid)."), SK_QUOTE(uids[i]));
        int64_t id = 0, school = 0;
        if (!storage_record_find_uid(db, &forms_kind_observation, canon, &id, &school, err))
            return false;
        if (id == 0 || school != school_id)
            return sk_fail(err, SK_ENOTFOUND,
                           _("There is no observation sheet with uid %s; nothing was written."),
                           SK_QUOTE(uids[i]));
        bool dup = false;
        for (size_t k = 0; k < *n_ids && !dup; k++)
            dup = ids[k] == id;
        if (!dup)
            ids[(*n_ids)++] = id;
    }
    return true;
}

static int
print_run(struct cli_ctx *ctx, long year, const char *teacher, const char *const *uids,
          size_t n_uids, const char *out)
{
    if (n_uids && (year || teacher))
        return cli_usage(ctx, "print", "%s",
                         _("--uid names the sheets itself: give it without --year and --teacher."));
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
    struct sk_error err = {0};
    int64_t *ids = n_uids ? sk_xcalloc(n_uids, sizeof *ids) : NULL;
    size_t n_ids = 0;
    if (n_uids && !find_uids(db, school.id, uids, n_uids, ids, &n_ids, &err)) {
        storage_close(db);
        free(ids);
        return cli_fail(ctx, &err);
    }
    /* The sheet is a Latvian document: Latvian unless --lang en. */
    struct core_print_sel sel = {.year = (int)year,
                                 .teacher = teacher,
                                 .ids = ids,
                                 .n_ids = n_ids,
                                 .lv = !(ctx->lang && strcmp(ctx->lang, "en") == 0)};
    char *def = NULL;
    if (!out)
        out = def = core_print_default_name(school.code, (int)year);
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
    free(ids);
    return ok ? 0 : cli_fail(ctx, &err);
}
