/* Yearly tables: a kind with a fill_field (the self-assessment) has one
 * record per choice of that field and school year; "fill the year" creates
 * the missing ones so that the year's table shows every row. Generic: it
 * only reads the descriptor. */
#include "core/internal.h"

#include <stdio.h>

bool
core_fill_year(struct storage_db *db, const struct forms_kind *kind, int64_t school_id, int year,
               size_t *added, struct sk_error *err)
{
    *added = 0;
    int ff = kind->fill_field ? forms_field_index(kind, kind->fill_field) : -1;
    int yf = kind->year_field ? forms_field_index(kind, kind->year_field) : -1;
    if (ff < 0 || yf < 0 || kind->fields[ff].type != FT_ENUM || kind->fields[yf].type != FT_INT)
        return sk_fail(err, SK_EINVAL, _("“%s” has no rows to fill in for a year."),
                       forms_kind_label(kind));
    if (!storage_begin(db, err))
        return false;
    struct forms_record rec;
    forms_record_init(&rec, kind);
    bool ok = true;
    size_t n = 0;
    for (size_t c = 0; ok && c < kind->fields[ff].n_choices; c++) {
        forms_record_defaults(&rec);
        forms_value_set_int(&rec.values[yf], year);
        forms_value_set_int(&rec.values[ff], (int64_t)c);
        int64_t id = 0;
        ok = storage_record_find_natkey(db, school_id, &rec, &id, err);
        if (ok && id == 0) {
            ok = storage_record_insert(db, school_id, &rec, err);
            n++;
        }
    }
    forms_record_fini(&rec);
    if (ok)
        ok = storage_commit(db, err);
    if (!ok) {
        storage_rollback(db);
        return false;
    }
    *added = n;
    return true;
}
