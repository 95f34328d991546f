/* Export of the current list view (its filter and sort) to a CSV file in
 * the chosen profile; core/ writes it through a temporary file. */
#include "tui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
tui_export_run(struct tui_app *app, const struct storage_query *q)
{
    const char *profiles[2] = {
        _("Standard CSV (UTF-8, comma, ISO dates)"),
        _("Excel (semicolon, decimal comma, DD.MM.YYYY)"),
    };
    int p = tui_pick(app, _("Export format"), profiles, 2, 1);
    if (p < 0)
        return;
    char day[11];
    sk_date_format(sk_date_today(), true, day);
    char *initial = sk_xasprintf("~/skola-%s-%s.csv", q->kind->key, day);
    char *typed = tui_prompt(app, _("Export to file:"), initial, NULL, tui_complete_path, NULL);
    free(initial);
    if (!typed || !typed[0]) {
        free(typed);
        tui_app_message(app, false, "%s", _("Export cancelled."));
        return;
    }
    char *path = tui_expand_home(typed);
    free(typed);
    struct sk_error err = {0};
    size_t rows = 0;
    if (core_export_path(app->opts->db, q, path, p == 0 ? CP_RFC4180 : CP_EXCEL, &rows, &err))
        tui_app_message(app, false,
                        ngettext("Exported %zu record to %s.", "Exported %zu records to %s.", rows),
                        rows, path);
    else
        tui_app_message(app, true, "%s",
                        err.msg[0] ? err.msg : _("The file could not be written."));
    free(path);
}
