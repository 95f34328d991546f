/* skola history KIND KEY — a record's audit trail, newest first: the same
 * lines as the `h` screen of the interface (core_history_lines). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cli_cmd_history(struct cli_ctx *ctx)
{
    const char *kind_text = NULL, *key = NULL;
    for (int i = 0; i < ctx->argc; i++) {
        const char *a = ctx->argv[i];
        /* "#12" and "-" are keys, "--x" an option */
        if (a[0] == '-' && a[1] == '-')
            return cli_usage(ctx, "history", _("unknown option “%s”."), SK_QUOTE(a));
        if (!kind_text)
            kind_text = a;
        else if (!key)
            key = a;
        else
            return cli_usage(ctx, "history", _("unexpected argument “%s”."), SK_QUOTE(a));
    }
    if (!kind_text || !key)
        return cli_usage(ctx, "history", "%s", _("history needs a KIND and a KEY."));
    const struct forms_kind *kind = forms_kind_by_key(kind_text);
    if (!kind) {
        struct sk_buf known = {0};
        for (size_t i = 0; i < forms_n_kinds; i++) {
            if (i)
                sk_buf_adds(&known, ", ");
            sk_buf_adds(&known, forms_kinds[i]->key);
        }
        fprintf(stderr, "skola: ");
        fprintf(stderr, _("unknown KIND “%s”; known kinds: %s."), SK_QUOTE(kind_text), known.s);
        fputc('\n', stderr);
        sk_buf_free(&known);
        return 1;
    }
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open_read(ctx, &db, &school);
    if (rc)
        return rc;
    struct sk_error err = {0};
    int64_t id = 0;
    struct core_history_line *lines = NULL;
    size_t n = 0;
    if (!core_history_find(db, kind, school.id, key, &id, &err) ||
        !core_history_lines(db, kind, school.id, id, &lines, &n, &err)) {
        storage_close(db);
        return cli_fail(ctx, &err);
    }
    storage_close(db);
    for (size_t i = 0; i < n; i++) {
        struct sk_buf b = {0};
        sk_buf_addf(&b, "%s  %s  ", lines[i].when, lines[i].who);
        if (lines[i].field[0])
            sk_buf_addf(&b, "%s: ", lines[i].field);
        sk_buf_adds(&b, lines[i].text);
        cli_print_safe(stdout, b.s);
        fputc('\n', stdout);
        sk_buf_free(&b);
    }
    core_history_free(lines, n);
    return 0;
}
