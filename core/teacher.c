/* One teacher's observations across years (issue 16, "the teacher's
 * record"): every sheet with its ticks and comments, and each criterion's
 * share of ticks on the teacher's final sheets of a year beside the
 * school's share in the same year. The school's figures are the summary's
 * (storage_obs_stats over the school year, final sheets only), so the two
 * columns count the same way. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fields whose text goes into a sheet's comments, in sheet order. */
static const char *const comment_keys[] = {"comment_1", "comment_2", "comment_3", "comment_4",
                                           "improvements"};

void
core_teacher_record_fini(struct core_teacher_record *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_sheets; i++)
        free(r->sheets[i].comments);
    free(r->sheets);
    free(r->shares);
    r->sheets = NULL;
    r->shares = NULL;
    r->n_sheets = r->n_shares = 0;
}

bool
core_teacher_find(struct storage_db *db, int64_t school_id, const char *name, int64_t *staff_id,
                  struct sk_error *err)
{
    *staff_id = 0;
    char suggest[256] = "";
    enum storage_ref_how how = SR_NONE;
    if (!storage_ref_lookup(db, "staff", school_id, name, staff_id, &how, NULL, 0, suggest,
                            sizeof suggest, err))
        return false;
    if (*staff_id != 0)
        return true;
    if (suggest[0])
        return sk_fail(err, SK_EINVAL, _("There is no staff member “%s”; similar names: %s."),
                       SK_QUOTE(name), suggest);
    return sk_fail(err, SK_EINVAL, _("There is no staff member “%s”."), SK_QUOTE(name));
}

/* The sheet's comment fields, one "label: text" line each. */
static char *
sheet_comments(const struct forms_record *rec, bool lv)
{
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    for (size_t k = 0; k < SK_ARRAY_LEN(comment_keys); k++) {
        int f = forms_field_index(rec->kind, comment_keys[k]);
        const struct forms_value *v = f >= 0 ? &rec->values[f] : NULL;
        if (!v || !v->is_set || !v->s || !v->s[0])
            continue;
        const struct forms_field *fd = &rec->kind->fields[f];
        sk_buf_addf(&b, "%s%s: %s", b.len ? "\n" : "", lv ? fd->label_lv : fd->label_en, v->s);
    }
    return b.s;
}

/* Reads sheet `id` into rec and the next entry of out->sheets (allocated
 * by the caller). */
static bool
read_sheet(struct storage_db *db, int64_t school_id, int64_t id, bool lv,
           struct core_teacher_record *out, struct forms_record *rec, struct sk_error *err)
{
    const struct forms_kind *k = &forms_kind_observation;
    int f_date = forms_field_index(k, "date"), f_obs = forms_field_index(k, "observer");
    int f_group = forms_field_index(k, "group"), f_status = forms_field_index(k, "status");
    if (!storage_record_get(db, k, school_id, id, rec, err))
        return false;
    struct core_teacher_sheet *s = &out->sheets[out->n_sheets++];
    s->id = id;
    s->date = rec->values[f_date].is_set ? (sk_date)rec->values[f_date].i : SK_DATE_NONE;
    s->year = s->date == SK_DATE_NONE ? 0 : sk_date_school_year(s->date);
    const struct forms_value *o = &rec->values[f_obs];
    snprintf(s->observer, sizeof s->observer, "%s", o->is_set && o->s ? o->s : "");
    const struct forms_value *g = &rec->values[f_group];
    snprintf(s->group, sizeof s->group, "%s", g->is_set && g->s ? g->s : "");
    s->is_final = rec->values[f_status].is_set && rec->values[f_status].i == 1;
    forms_observation_ticks(rec, &s->met, &s->of);
    s->comments = sheet_comments(rec, lv);
    return true;
}

/* The criterion's wording as the template of the teacher's first final
 * sheet of the year that has it says ("2.1. Mācību metožu …"); the field's
 * Latvian label when none does. */
static bool
criterion_text(struct storage_db *db, const struct forms_record *recs,
               const struct core_teacher_sheet *sheets, size_t n, int year,
               struct core_teacher_share *sh, struct sk_error *err)
{
    char code[16];
    forms_observation_crit_code((size_t)sh->field, code, sizeof code);
    int tf = forms_field_index(&forms_kind_observation, "template");
    for (size_t i = 0; i < n; i++) {
        const struct forms_value *v = &recs[i].values[sh->field];
        const struct forms_value *t = &recs[i].values[tf];
        if (!sheets[i].is_final || sheets[i].year != year || !v->is_set || !t->is_set || !t->s)
            continue;
        struct storage_obs_template tpl;
        struct sk_error e = {0};
        if (!storage_obs_template_get(db, t->s, &tpl, &e)) {
            if (e.code == SK_ENOTFOUND)
                continue;
            *err = e;
            return false;
        }
        for (size_t k = 0; k < tpl.n_crit; k++)
            if (strcmp(tpl.crit[k].code, code) == 0) {
                snprintf(sh->text, sizeof sh->text, "%s. %s", code, tpl.crit[k].text);
                break;
            }
        storage_obs_template_fini(&tpl);
        if (sh->text[0])
            return true;
    }
    snprintf(sh->text, sizeof sh->text, "%s", forms_kind_observation.fields[sh->field].label_lv);
    return true;
}

/* Adds the shares of school year `year` from the teacher's final sheets
 * (recs) and the school's figures of the year. */
static bool
year_shares(struct storage_db *db, int64_t school_id, int year, const struct forms_record *recs,
            const struct core_teacher_sheet *sheets, size_t n, struct core_teacher_record *out,
            struct sk_error *err)
{
    struct storage_obs_stats st;
    if (!storage_obs_stats(db, school_id, sk_date_from_ymd(year, 9, 1),
                           sk_date_from_ymd(year + 1, 9, 1), &st, err))
        return false;
    size_t first = forms_observation_first_crit;
    for (size_t c = 0; c < forms_observation_n_crit && c < STORAGE_OBS_MAX_CRIT; c++) {
        int64_t ticked = 0, assessed = 0;
        for (size_t i = 0; i < n; i++) {
            if (!sheets[i].is_final || sheets[i].year != year)
                continue;
            const struct forms_value *v = &recs[i].values[first + c];
            if (v->is_set) {
                assessed++;
                ticked += v->i != 0;
            }
        }
        if (assessed == 0)
            continue;
        out->shares = sk_xrealloc(out->shares, (out->n_shares + 1) * sizeof *out->shares);
        struct core_teacher_share *sh = &out->shares[out->n_shares++];
        *sh = (struct core_teacher_share){
            .year = year,
            .field = (int)(first + c),
            .ticked = ticked,
            .assessed = assessed,
            .school_ticked = st.ticked[c],
            .school_assessed = st.assessed[c],
        };
        if (!criterion_text(db, recs, sheets, n, year, sh, err))
            return false;
    }
    return true;
}

bool
core_teacher_record(struct storage_db *db, int64_t school_id, int64_t staff_id, bool lv,
                    struct core_teacher_record *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    out->staff_id = staff_id;
    bool own;
    if (!storage_read_begin(db, &own, err))
        return false;
    struct forms_record staff;
    forms_record_init(&staff, &forms_kind_staff);
    bool ok = storage_record_get(db, &forms_kind_staff, school_id, staff_id, &staff, err);
    if (ok) {
        int f = forms_field_index(&forms_kind_staff, forms_kind_staff.name_field);
        const struct forms_value *v = f >= 0 ? &staff.values[f] : NULL;
        snprintf(out->name, sizeof out->name, "%s", v && v->is_set && v->s ? v->s : "");
    }
    forms_record_fini(&staff);
    int64_t *ids = NULL;
    size_t n = 0;
    ok = ok &&
         storage_obs_sheet_ids(db, school_id, staff_id, SK_DATE_NONE, SK_DATE_NONE, &ids, &n, err);
    struct forms_record *recs = n ? sk_xcalloc(n, sizeof *recs) : NULL;
    for (size_t i = 0; i < n; i++)
        forms_record_init(&recs[i], &forms_kind_observation);
    out->sheets = n ? sk_xcalloc(n, sizeof *out->sheets) : NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok = read_sheet(db, school_id, ids[i], lv, out, &recs[i], err);
    /* years in date order: the sheets are sorted by date */
    int last = 0;
    for (size_t i = 0; ok && i < out->n_sheets; i++) {
        int y = out->sheets[i].year;
        if (y == 0 || y == last || !out->sheets[i].is_final)
            continue;
        bool done = false;
        for (size_t j = 0; j < out->n_shares && !done; j++)
            done = out->shares[j].year == y;
        if (!done)
            ok = year_shares(db, school_id, y, recs, out->sheets, out->n_sheets, out, err);
        last = y;
    }
    for (size_t i = 0; i < n; i++)
        forms_record_fini(&recs[i]);
    free(recs);
    free(ids);
    storage_read_end(db, own);
    return ok;
}
