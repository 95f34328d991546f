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
