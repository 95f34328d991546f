/* skola forget-person, and the damaged-file paths of check and backup. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cli_open_unchecked(struct cli_ctx *ctx, bool for_writing, struct storage_db **db)
{
    if (!storage_exists(ctx->db_path))
        return cli_open(ctx, false, db, NULL); /* prints that there is none (or unreachable) */
    struct sk_error reach = {0};
    if (!storage_db_reachable(ctx->db_path, &reach))
        return cli_fail(ctx, &reach);
    struct sk_error err = {0};
    /* no quick_check: `check` runs the full integrity check and lists it;
     * read-only unless asked to write (check --repair), so that a file on a
     * full or read-only disk is checked too */
    *db = storage_open(ctx->db_path, SO_NO_CHECK | (for_writing ? 0u : SO_READ), &err);
    if (!*db)
        return cli_fail(ctx, &err);
    return 0;
}

int
cli_backup_rescue(struct cli_ctx *ctx, const struct sk_error *why)
{
    cli_fail(ctx, why);
    fprintf(stderr, _("skola: rescuing what can still be read from %s …\n"),
            SK_QUOTE(ctx->db_path));
    struct sk_error err = {0};
    struct storage_rescue_report rep;
    if (!storage_rescue(ctx->db_path, ctx->argv[0], &rep, &err))
        return cli_fail(ctx, &err);
    printf(dngettext(SK_DOMAIN, "Rescued %zu row of %zu tables into %s.\n",
                     "Rescued %zu rows of %zu tables into %s.\n", rep.rows),
           rep.rows, rep.tables, SK_QUOTE(ctx->argv[0]));
    if (rep.lost_ranges > 0)
        fprintf(stderr,
                dngettext(SK_DOMAIN,
                          "skola: %zu damaged part of the file could not be read; the records "
                          "in it are missing from the copy.\n",
                          "skola: %zu damaged parts of the file could not be read; the records "
                          "in them are missing from the copy.\n",
                          rep.lost_ranges),
                rep.lost_ranges);
    fprintf(stderr, "%s\n",
            _("Check the copy with “skola --db FILE check” and keep the damaged file until "
              "you know nothing is missing."));
    /* a copy with records missing is not a whole backup: say so in the status too */
    return rep.lost_ranges > 0 ? 1 : 0;
}

/* The start of the surname a list filter finds in every case form: the
 * last word of the name without its last letter ("Liepiņa" -> "Liepiņ"),
 * the whole word when it is short. Owned. */
static char *
surname_stem(const char *name)
{
    const char *w = strrchr(name, ' ');
    w = w ? w + 1 : name;
    size_t n = strlen(w), chars = 0, last = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)w[i] & 0xc0) != 0x80) {
            chars++;
            last = i;
        }
    if (chars >= 4)
        n = last;
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, w, n);
    s[n] = '\0';
    return s;
}

int
cli_cmd_forget_person(struct cli_ctx *ctx)
{
    const char *name = NULL;
    bool dry_run = false;
    for (int i = 0; i < ctx->argc; i++) {
        if (strcmp(ctx->argv[i], "--dry-run") == 0)
            dry_run = true;
        else if (!name)
            name = ctx->argv[i];
        else
            return cli_usage(ctx, "forget-person", _("unexpected argument “%s”."),
                             SK_QUOTE(ctx->argv[i]));
    }
    if (!name)
        return cli_usage(ctx, "forget-person", "%s",
                         _("forget-person needs the person's NAME (in quotes)."));
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open(ctx, false, &db, &school);
    if (rc)
        return rc;
    struct sk_error err = {0};
    struct storage_forget_report rep;
    if (!storage_forget_person(db, school.id, name, dry_run, &rep, &err)) {
        storage_close(db);
        return cli_fail(ctx, &err);
    }
    storage_close(db);
    printf(dry_run ? _("Would replace “%s” by %s:\n") : _("Replaced “%s” by %s:\n"),
           SK_QUOTE(rep.name), SK_QUOTE(rep.pseudonym));
    if (rep.staff_id)
        printf(_("  staff record %lld: name replaced; its other private fields (e-mail) and its "
                 "change history cleared\n"),
               (long long)rep.staff_id);
    for (size_t i = 0; i < rep.n_twins; i++)
        printf(_("  staff record %lld (the same name stored in another Unicode form or with "
                 "other spaces): name replaced by %s; its other private fields and its change "
                 "history cleared\n"),
               (long long)rep.twins[i].staff_id, rep.twins[i].pseudonym);
    for (size_t i = 0; i < rep.n_changes; i++) {
        const struct forms_kind *k = forms_kind_by_key(rep.changes[i].kind);
        printf(dngettext(SK_DOMAIN, "  %s, field %s: %zu record\n", "  %s, field %s: %zu records\n",
                         rep.changes[i].records),
               k ? forms_kind_label(k) : rep.changes[i].kind, rep.changes[i].field,
               rep.changes[i].records);
    }
    printf(dngettext(SK_DOMAIN, "  audit log: %zu entry rewritten\n",
                     "  audit log: %zu entries rewritten\n", rep.audit_rows),
           rep.audit_rows);
    if (rep.scrub_pending && rep.scrub_problem[0])
        printf(_("The freed space of the file could not be wiped yet (%s): old copies of the name "
                 "may remain in it. The next start of skola tries again.\n"),
               rep.scrub_problem);
    else if (rep.scrub_pending)
        printf("%s\n", _("Another program (another skola, or a database tool) has the file open: "
                         "old copies of the name remain in the file until it closes. The next "
                         "start of skola after that removes them."));
    if (dry_run)
        printf("%s\n", _("Nothing was changed (--dry-run)."));
    else
        printf("%s\n", _("Done. Backups and exports made earlier still contain the name: "
                         "delete them or keep them locked away."));
    if (!dry_run) {
        char *stem = surname_stem(rep.name);
        printf(_("Inflected forms (e.g. “Māru Liepiņu”), reversed order and spellings without "
                 "diacritics are not replaced; look for “%s” with the list filter.\n"),
               stem);
        free(stem);
    }
    storage_forget_report_fini(&rep);
    return 0;
}
