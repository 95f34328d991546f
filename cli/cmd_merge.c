/* skola merge FILE [--dry-run] [--prefer this|other]: brings in the records
 * of a copy made with `skola backup` and used elsewhere (storage/merge.c). */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

/* A choice's key as the interface shows it in Latvian (its label). */
static const char *
shown_value(const struct forms_field *f, const char *v)
{
    if (!v || !f || f->type != FT_ENUM || !forms_lang_is_lv())
        return v;
    for (size_t i = 0; i < f->n_choices; i++)
        if (strcmp(f->choices[i].key, v) == 0)
            return forms_choice_label(&f->choices[i]);
    return v;
}

static void
print_conflict(void *ctx, const struct storage_merge_conflict *c)
{
    (void)ctx;
    char line[2048];
    /* the field as the import names it: its label in Latvian, else its key */
    int fi = c->field ? forms_field_index(c->kind, c->field) : -1;
    const char *field =
        fi >= 0 && forms_lang_is_lv() ? forms_field_label(&c->kind->fields[fi]) : c->field;
    if (c->this_uid)
        snprintf(line, sizeof line,
                 _("conflict: %s “%s”: added in both files (here %s, in the copy %s)"),
                 forms_kind_label(c->kind), SK_QUOTE(c->record), c->this_uid, c->uid);
    else if (!c->field)
        snprintf(line, sizeof line, _("conflict: %s “%s” (%s): %s here, %s in the copy"),
                 forms_kind_label(c->kind), SK_QUOTE(c->record), c->uid,
                 c->this_value ? _("changed") : _("deleted"),
                 c->other_value ? _("changed") : _("deleted"));
    else
        snprintf(line, sizeof line, _("conflict: %s “%s” (%s), %s: “%s” here, “%s” in the copy"),
                 forms_kind_label(c->kind), SK_QUOTE(c->record), c->uid, field,
                 SK_QUOTE(shown_value(fi >= 0 ? &c->kind->fields[fi] : NULL, c->this_value)),
                 SK_QUOTE(shown_value(fi >= 0 ? &c->kind->fields[fi] : NULL, c->other_value)));
    cli_print_safe(stdout, line);
    fputc('\n', stdout);
}

int
cli_cmd_merge(struct cli_ctx *ctx)
{
    const char *file = NULL;
    struct storage_merge_opts opts = {.on_conflict = print_conflict};
    for (int i = 0; i < ctx->argc; i++) {
        const char *val = NULL;
        int m = cli_opt_value(ctx, "merge", &i, "--prefer", &val);
        if (m < 0)
            return 2;
        if (m > 0) {
            if (opts.prefer != SP_NONE) /* which one would win is no answer */
                return cli_usage(ctx, "merge", "%s", _("--prefer is given once."));
            if (strcmp(val, "this") == 0)
                opts.prefer = SP_THIS;
            else if (strcmp(val, "other") == 0)
                opts.prefer = SP_OTHER;
            else
                return cli_usage(ctx, "merge", _("--prefer takes “this” or “other”, not “%s”."),
                                 SK_QUOTE(val));
        } else if (strcmp(ctx->argv[i], "--dry-run") == 0) {
            opts.dry_run = true;
        } else if (!file && ctx->argv[i][0] != '-') {
            file = ctx->argv[i];
        } else {
            return cli_usage(ctx, "merge", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
        }
    }
    if (!file)
        return cli_usage(ctx, "merge", "%s",
                         _("merge needs the FILE of a copy made with “skola backup”."));
    struct storage_db *db = NULL;
    int rc = cli_open(ctx, false, &db, NULL);
    if (rc)
        return rc;
    struct sk_error err = {0};
    struct storage_merge_result res;
    bool ok = storage_merge(db, file, &opts, &res, &err);
    storage_close(db);
    if (!ok)
        return cli_fail(ctx, &err);
    printf(_("From %s: added %zu, updated %zu, deleted %zu; conflicts %zu (decided for the "
             "copy %zu, for this file %zu); audit rows brought in %zu.\n"),
           SK_QUOTE(file), res.added, res.updated, res.deleted, res.conflicts,
           opts.prefer == SP_OTHER ? res.resolved : 0, res.kept, res.audit_rows);
    if (opts.dry_run)
        printf("%s\n", _("Nothing was changed (--dry-run)."));
    /* a dry run with conflicts nobody decided: the real merge would refuse */
    return opts.dry_run && opts.prefer == SP_NONE && res.conflicts > 0 ? 1 : 0;
}
