/* The name picker of reference fields: a staff member is shown with the
 * role beside the name ("Rita Zvirbule — Teacher"), so that two people of
 * similar names are told apart; the name alone goes into the field. */
#include "tui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The role of the staff member named `name`, into buf ("" when unknown). */
static const char *
staff_role(struct tui_app *app, const char *name, char *buf, size_t cap)
{
    buf[0] = '\0';
    int rf = forms_keys()->staff_role;
    int64_t id = 0;
    struct sk_error err = {0};
    if (rf < 0 ||
        !storage_ref_resolve(app->opts->db, "staff", app->opts->school_id, name, &id, NULL, 0,
                             &err) ||
        id == 0)
        return buf;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    if (storage_record_get(app->opts->db, &forms_kind_staff, app->opts->school_id, id, &rec,
                           &err)) {
        char tmp[256];
        snprintf(buf, cap, "%s",
                 forms_value_format(&forms_kind_staff.fields[rf], &rec.values[rf], FS_DISPLAY, tmp,
                                    sizeof tmp));
    }
    forms_record_fini(&rec);
    return buf;
}

int
tui_pick_name(struct tui_app *app, const char *title, const char *ref_kind,
              const char *const *names, size_t n)
{
    if (!ref_kind || strcmp(ref_kind, "staff") != 0)
        return tui_pick(app, title, names, n, 0);
    char **labels = sk_xcalloc(n ? n : 1, sizeof *labels);
    for (size_t i = 0; i < n; i++) {
        char role[256];
        staff_role(app, names[i], role, sizeof role);
        labels[i] = role[0] ? sk_xasprintf("%s — %s", names[i], role) : sk_xstrdup(names[i]);
    }
    int pick = tui_pick(app, title, (const char *const *)labels, n, 0);
    for (size_t i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
    return pick;
}
