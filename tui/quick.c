/* Quick entry: a new record starts from the descriptor's defaults, today's
 * date in FF_TODAY fields and, in FF_REMEMBER fields, the values of the
 * kind's last stored record (a support consultant logs one routine
 * consultation after another with the same consultant, form and length). */
#include "tui/internal.h"

void
tui_new_record_defaults(struct tui_app *app, struct forms_record *rec)
{
    const struct forms_kind *kind = rec->kind;
    forms_record_defaults(rec);
    bool remembers = false;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (f->flags & FF_TODAY && f->type == FT_DATE)
            forms_value_set_int(&rec->values[i], sk_date_today());
        remembers = remembers || f->flags & FF_REMEMBER;
    }
    if (!remembers) {
        tui_prefill_me(app, rec);
        return;
    }
    /* the last stored record: highest id first */
    struct storage_query q = {
        .kind = kind, .school_id = app->opts->school_id, .sort_field = -1, .desc = true};
    struct storage_page page = {0};
    struct sk_error err = {0};
    if (storage_page_fetch(app->opts->db, &q, NULL, SD_FIRST, 1, &page, &err) && page.n == 1)
        for (size_t i = 0; i < kind->n_fields; i++)
            if (kind->fields[i].flags & FF_REMEMBER && page.rows[0].values[i].is_set)
                forms_value_copy(&rec->values[i], &page.rows[0].values[i]);
    storage_page_fini(&page);
    /* on a shared file: the one working, not whoever saved the last record */
    tui_prefill_me(app, rec);
}
