/* The interface side of roles (storage/users.c decides): which areas the
 * menu offers, the refusal shown for a key the role may not use, who is
 * working (top bar), "me" as the observer or consultant of a new record,
 * and "my records" in the lists. A personal file shows nothing of it. */
#include "tui/internal.h"

#include <stdio.h>
#include <string.h>

/* The reference field that says whose record it is, per kind. */
static const struct {
    const char *kind;
    const char *field;
} mine_fields[] = {
    {"observations", "observer"},
    {"consultations", "consultant"},
};

int
tui_mine_field(const struct forms_kind *kind)
{
    for (size_t i = 0; i < SK_ARRAY_LEN(mine_fields); i++)
        if (strcmp(kind->key, mine_fields[i].kind) == 0)
            return forms_field_index(kind, mine_fields[i].field);
    return -1;
}

bool
tui_may(const struct tui_app *app, const struct forms_kind *kind, enum storage_access access)
{
    return storage_may(app->opts->db, kind, access);
}

bool
tui_refused(struct tui_app *app, const struct forms_kind *kind)
{
    struct sk_error err = {0};
    if (storage_require(app->opts->db, kind, SA_WRITE, &err))
        return false;
    tui_app_message(app, true, "%s", err.msg);
    return true;
}

bool
tui_may_summarize_any(const struct tui_app *app)
{
    for (int a = SAREA_NONE + 1; a < SAREA_ADMIN; a++)
        if (storage_may_summarize(app->opts->db, (enum storage_area)a))
            return true;
    return false;
}

bool
tui_may_summarize_all(const struct tui_app *app)
{
    for (int a = SAREA_NONE + 1; a < SAREA_ADMIN; a++)
        if (!storage_may_summarize(app->opts->db, (enum storage_area)a))
            return false;
    return true;
}

const char *
tui_who(const struct tui_app *app, char *buf, size_t cap)
{
    const struct storage_identity *id = storage_identity(app->opts->db);
    if (!id || !id->shared) {
        buf[0] = '\0';
        return buf;
    }
    const char *name = id->staff_name && *id->staff_name ? id->staff_name : id->login;
    snprintf(buf, cap, "%s · %s", name ? name : "?", storage_role_label(id->role));
    return buf;
}

void
tui_prefill_me(struct tui_app *app, struct forms_record *rec)
{
    const struct storage_identity *id = storage_identity(app->opts->db);
    int f = tui_mine_field(rec->kind);
    if (!id || f < 0 || id->staff_id == 0 || !id->staff_name || !*id->staff_name)
        return;
    forms_value_set_text(&rec->values[f], id->staff_name, strlen(id->staff_name));
    rec->values[f].i = id->staff_id;
}

int64_t
tui_my_staff_id(const struct tui_app *app)
{
    const struct storage_identity *id = storage_identity(app->opts->db);
    return id ? id->staff_id : 0;
}
