/* Export of the current list view (its filter and sort) to a CSV file in
 * the chosen profile, or to a spreadsheet (.xlsx); core/ writes it through
 * a temporary file. */
#include "tui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
tui_export_run(struct tui_app *app, const struct storage_query *q)
{
    const char *profiles[3] = {
        _("Standard CSV (UTF-8, comma, ISO dates)"),
        _("Excel (semicolon, decimal comma, DD.MM.YYYY)"),
        _("Excel workbook (.xlsx: dates, numbers, filters)"),
    };
    int p = tui_pick(app, _("Export format"), profiles, 3, 1);
    if (p < 0)
        return;
    char day[11];
    sk_date_format(sk_date_today(), true, day);
    /* the file's extension chooses the workbook (core_export_path) */
    char *initial = sk_xasprintf("~/skola-%s-%s.%s", q->kind->key, day, p == 2 ? "xlsx" : "csv");
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
