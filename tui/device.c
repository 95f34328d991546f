/* Device jobs of a few keys: writing a device off in the editor (the date
 * and the act number), lending it (o) and taking it back (r). The rules
 * live in forms/ (kind_device.c) and core/ (loan.c); this file only asks. */
#include "tui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
tui_device_write_off_ask(struct tui_app *app, struct forms_record *rec)
{
    const struct forms_keys *k = forms_keys();
    if (rec->kind != &forms_kind_device || k->device_status < 0 || k->device_written_off_on < 0 ||
        k->device_write_off_act < 0)
        return false;
    const struct forms_value *status = &rec->values[k->device_status];
    if (!status->is_set || status->i != k->device_status_written_off ||
        rec->values[k->device_written_off_on].is_set)
        return false; /* not being written off now, or the user gave the date */
    forms_record_complete(rec);
    struct forms_value *act = &rec->values[k->device_write_off_act];
    if (act->is_set)
        return true;
    char *text = tui_prompt(app, _("Write-off act no. (Enter: none):"), "", NULL, NULL, NULL);
    if (text && text[0]) {
        struct sk_error err = {0};
        if (!forms_value_parse(&rec->kind->fields[k->device_write_off_act], text, act, &err))
            tui_app_message(app, true, "%s", err.msg);
    }
    free(text);
    return true;
}

const char *
tui_list_scope_title(const struct forms_scope *scope, char *buf, size_t cap)
{
    snprintf(buf, cap, _("%s (a: all)"), forms_scope_label(scope));
    return buf;
}

/* Asks the due date until it is a date or empty; false when cancelled. */
static bool
ask_due(struct tui_app *app, sk_date *due)
{
    const struct forms_field *f = &forms_kind_loan.fields[forms_keys()->loan_due_on];
    for (;;) {
        char *text =
            tui_prompt(app, _("Due on (DD.MM.YYYY, Enter: no date):"), "", NULL, NULL, NULL);
        if (!text)
            return false;
        struct forms_value v = {0};
        struct sk_error err = {0};
        bool ok = forms_value_parse(f, text, &v, &err);
        free(text);
        *due = ok && v.is_set ? (sk_date)v.i : SK_DATE_NONE;
        forms_value_free(&v);
        if (ok)
            return true;
        tui_app_message(app, true, "%s", err.msg);
    }
}

/* Tab in the borrower prompt: staff names and earlier borrowers that match
 * what was typed; one is put in, several are listed on the status line. */
static void
complete_borrower(void *ctx, struct tui_app *app, struct forms_lineedit *le)
{
    (void)ctx;
    char **names = NULL, **more = NULL;
    size_t n = 0, n_more = 0;
    struct sk_error err = {0};
    const char *typed = le->buf ? le->buf : "";
    if (!storage_complete(app->opts->db, "staff", &forms_kind_loan, "borrower",
                          app->opts->school_id, typed, 20, &names, &n, &err) ||
        !storage_complete(app->opts->db, NULL, &forms_kind_loan, "borrower", app->opts->school_id,
                          typed, 20, &more, &n_more, &err)) {
        tui_app_message(app, true, "%s", err.msg);
    } else {
        for (size_t k = 0; k < n_more; k++) {
            bool dup = false;
            for (size_t j = 0; j < n && !dup; j++)
                dup = strcmp(names[j], more[k]) == 0;
            if (dup) {
                free(more[k]);
                continue;
            }
            names = sk_xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = more[k];
        }
        if (n == 1) {
            forms_le_set(le, names[0]);
        } else if (n == 0) {
            tui_app_message(app, false, "%s", _("No names match what you typed."));
        } else {
            struct sk_buf b = {0};
            for (size_t k = 0; k < n && k < 6; k++)
                sk_buf_addf(&b, "%s%s", k ? ", " : "", names[k]);
            if (n > 6)
                sk_buf_adds(&b, ", …");
            tui_app_message(app, false, "%s", b.s);
            sk_buf_free(&b);
        }
    }
    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
    free(more);
}

bool
tui_device_lend(struct tui_app *app, const struct forms_record *device)
{
    const struct forms_keys *k = forms_keys();
    char *borrower =
        tui_prompt(app, _("Lend to (staff member's name, pupil's pseudonym or class; Tab: names):"),
                   "", NULL, complete_borrower, NULL);
    if (!borrower)
        return false;
    if (!borrower[0]) {
        free(borrower);
        tui_app_message(app, true, "%s", _("Not lent: the borrower is needed."));
        return false;
    }
    const struct forms_field *bk = &forms_kind_loan.fields[k->loan_borrower_kind];
    const char *items[8];
    size_t n = 0;
    for (; n < bk->n_choices && n < SK_ARRAY_LEN(items); n++)
        items[n] = forms_choice_label(&bk->choices[n]);
    int kind = tui_pick(app, _("The borrower is"), items, n, 0);
    sk_date due = SK_DATE_NONE;
    if (kind < 0 || !ask_due(app, &due)) {
        free(borrower);
        return false;
    }
    struct core_loan_out out = {borrower, kind, sk_date_today(), due};
    struct sk_error err = {0};
    bool ok = core_loan_lend(app->opts->db, app->opts->school_id, device->id, &out, &err);
    if (ok)
        tui_app_message(app, false, _("Lent to “%s”."), borrower);
    else
        tui_app_message(app, true, _("Not lent: %s"), err.msg);
    free(borrower);
    return ok;
}

bool
tui_device_return(struct tui_app *app, const struct forms_record *device)
{
    struct sk_error err = {0};
    if (!core_loan_return(app->opts->db, app->opts->school_id, device->id, sk_date_today(), &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return false;
    }
    tui_app_message(app, false, "%s", _("Taken back; the device is in use again."));
    return true;
}

void
tui_device_labels(struct tui_app *app, const int64_t *ids, size_t n_ids)
{
    if (n_ids == 0) {
        tui_app_message(app, true, "%s", _("Mark the devices to label with Space first."));
        return;
    }
    char day[11];
    sk_date_format(sk_date_today(), true, day);
    char *initial = sk_xasprintf("~/skola-labels-%s.html", day);
    char *typed =
        tui_prompt(app, _("Labels to file (A4, 3 × 8):"), initial, NULL, tui_complete_path, NULL);
    free(initial);
    if (!typed || !typed[0]) {
        free(typed);
        tui_app_message(app, false, "%s", _("No labels written."));
        return;
    }
    char *path = tui_expand_home(typed);
    free(typed);
    struct sk_error err = {0};
    size_t n = 0;
    if (core_labels_path(app->opts->db, app->opts->school_id, app->school.name, NULL, ids, n_ids,
                         path, &n, &err))
        tui_app_message(app, false,
                        ngettext("Wrote %zu label to %s.", "Wrote %zu labels to %s.", n), n, path);
    else
        tui_app_message(app, true, "%s",
                        err.msg[0] ? err.msg : _("The file could not be written."));
    free(path);
}
