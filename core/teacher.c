/* One teacher's observations across years (issue 16, "the teacher's
 * record"): every sheet with its ticks and comments, and each criterion's
 * share of ticks on the teacher's final sheets of a year beside the
 * school's share in the same year, template by template: a criterion is
 * counted over the sheets of its own template only (two templates may both
 * have a "1.1" worded differently), on both sides, final sheets only. */
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

/* Templates read so far, by code. */
struct tpl_cache {
    struct storage_obs_template **t; /* owned, each with its criteria; each apart, so
                                        that a pointer handed out stays valid */
    size_t n;
};

static void
tpl_cache_fini(struct tpl_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        storage_obs_template_fini(c->t[i]);
        free(c->t[i]);
    }
    free(c->t);
}

/* The template `code` as the printed sheet takes it (core/print.c): an
 * empty or unknown code is LVT-2023, the template of old sheets. Borrowed
 * from the cache. */
static const struct storage_obs_template *
tpl_get(struct storage_db *db, struct tpl_cache *c, const char *code, struct sk_error *err)
{
    if (!code || !code[0])
        code = "LVT-2023";
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->t[i]->code, code) == 0)
            return c->t[i];
    struct storage_obs_template t;
    struct sk_error e = {0};
    if (!storage_obs_template_get(db, code, &t, &e)) {
        if (e.code != SK_ENOTFOUND || strcmp(code, "LVT-2023") == 0) {
            *err = e;
            return NULL;
        }
        return tpl_get(db, c, "LVT-2023", err);
    }
    c->t = sk_xrealloc(c->t, (c->n + 1) * sizeof *c->t);
    c->t[c->n] = sk_xmalloc(sizeof t);
    *c->t[c->n] = t;
    return c->t[c->n++];
}

/* The template of sheet rec. */
static const struct storage_obs_template *
sheet_tpl(struct storage_db *db, struct tpl_cache *c, const struct forms_record *rec,
          struct sk_error *err)
{
    int tf = forms_field_index(rec->kind, "template");
    const struct forms_value *v = tf >= 0 ? &rec->values[tf] : NULL;
    return tpl_get(db, c, v && v->is_set && v->s ? v->s : "", err);
}

/* The sheet's comment fields, one "label: text" line each, numbered as the
 * printed sheet of its template numbers them: comment k under section k,
 * the improvements after the template's last section. */
static char *
sheet_comments(const struct forms_record *rec, const struct storage_obs_template *t, bool lv)
{
    int last = t->n_crit ? t->crit[t->n_crit - 1].section_no : 0;
    struct sk_buf b = {0};
    sk_buf_adds(&b, "");
    for (size_t k = 0; k < SK_ARRAY_LEN(comment_keys); k++) {
        int f = forms_field_index(rec->kind, comment_keys[k]);
        const struct forms_value *v = f >= 0 ? &rec->values[f] : NULL;
        if (!v || !v->is_set || !v->s || !v->s[0])
            continue;
        const struct forms_field *fd = &rec->kind->fields[f];
        if (strcmp(comment_keys[k], "improvements") == 0)
            sk_buf_addf(&b, "%s%d. %s: %s", b.len ? "\n" : "", last + 1,
                        lv ? "Nepieciešamie uzlabojumi, citi komentāri"
                           : "Improvements needed, other comments",
                        v->s);
        else
            sk_buf_addf(&b, "%s%s: %s", b.len ? "\n" : "", lv ? fd->label_lv : fd->label_en, v->s);
    }
    return b.s;
}

/* Reads sheet `id` into rec and the next entry of out->sheets (allocated
 * by the caller). */
static bool
read_sheet(struct storage_db *db, int64_t school_id, int64_t id, bool lv, struct tpl_cache *tc,
           struct core_teacher_record *out, struct forms_record *rec, struct sk_error *err)
{
    const struct forms_kind *k = &forms_kind_observation;
    int f_date = forms_field_index(k, "date"), f_obs = forms_field_index(k, "observer");
    int f_group = forms_field_index(k, "group"), f_status = forms_field_index(k, "status");
    if (!storage_record_get(db, k, school_id, id, rec, err))
        return false;
    const struct storage_obs_template *t = sheet_tpl(db, tc, rec, err);
    if (!t)
        return false;
    struct core_teacher_sheet *s = &out->sheets[out->n_sheets++];
    s->id = id;
    s->date = rec->values[f_date].is_set ? (sk_date)rec->values[f_date].i : SK_DATE_NONE;
    s->year = s->date == SK_DATE_NONE ? 0 : sk_date_school_year(s->date);
    const struct forms_value *o = &rec->values[f_obs];
    snprintf(s->observer, sizeof s->observer, "%s", o->is_set && o->s ? o->s : "");
    const struct forms_value *g = &rec->values[f_group];
    snprintf(s->group, sizeof s->group, "%s", g->is_set && g->s ? g->s : "");
    snprintf(s->tpl, sizeof s->tpl, "%s", t->code);
    s->is_final = rec->values[f_status].is_set && rec->values[f_status].i == 1;
    forms_observation_ticks(rec, &s->met, &s->of);
    s->comments = sheet_comments(rec, t, lv);
    return true;
}

/* Ticks of template t's criteria counted over sheets of that template. */
struct tally {
    int64_t ticked[STORAGE_OBS_TEMPLATE_MAX_CRIT];
    int64_t assessed[STORAGE_OBS_TEMPLATE_MAX_CRIT];
};

static void
tally_add(struct tally *ty, const struct storage_obs_template *t, const struct forms_record *rec)
{
    for (size_t k = 0; k < t->n_crit && k < STORAGE_OBS_TEMPLATE_MAX_CRIT; k++) {
        int f = forms_observation_crit_field(t->crit[k].code);
        if (f < 0 || !rec->values[f].is_set)
            continue;
        ty->assessed[k]++;
        ty->ticked[k] += rec->values[f].i != 0;
    }
}

/* Adds the shares of school year `year`, template by template (in the
 * order the teacher's final sheets of the year first use them): each
 * criterion of the template over the teacher's final sheets of that
 * template beside the school's final sheets of the same template and year.
 * Criteria of different templates sharing a code are never mixed. */
static bool
year_shares(struct storage_db *db, int64_t school_id, int year, const struct forms_record *recs,
            const struct core_teacher_sheet *sheets, size_t n, struct tpl_cache *tc,
            struct core_teacher_record *out, struct sk_error *err)
{
    const char **codes = NULL;
    size_t n_codes = 0;
    for (size_t i = 0; i < n; i++) {
        if (!sheets[i].is_final || sheets[i].year != year)
            continue;
        bool seen = false;
        for (size_t j = 0; j < n_codes && !seen; j++)
            seen = strcmp(codes[j], sheets[i].tpl) == 0;
        if (!seen) {
            codes = sk_xrealloc(codes, (n_codes + 1) * sizeof *codes);
            codes[n_codes++] = sheets[i].tpl;
        }
    }
    struct tally *mine = sk_xcalloc(n_codes ? n_codes : 1, sizeof *mine);
    struct tally *school = sk_xcalloc(n_codes ? n_codes : 1, sizeof *school);
    const struct storage_obs_template **tpls = sk_xcalloc(n_codes ? n_codes : 1, sizeof *tpls);
    bool ok = true;
    for (size_t j = 0; ok && j < n_codes; j++)
        ok = (tpls[j] = tpl_get(db, tc, codes[j], err)) != NULL;
    for (size_t i = 0; ok && i < n; i++)
        for (size_t j = 0; j < n_codes; j++)
            if (sheets[i].is_final && sheets[i].year == year &&
                strcmp(sheets[i].tpl, codes[j]) == 0)
                tally_add(&mine[j], tpls[j], &recs[i]);
    /* the school's final sheets of the year, each under its own template */
    int64_t *ids = NULL;
    size_t n_ids = 0;
    ok = ok && storage_obs_sheet_ids(db, school_id, 0, sk_date_from_ymd(year, 9, 1),
                                     sk_date_from_ymd(year + 1, 9, 1), &ids, &n_ids, err);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    int f_status = forms_field_index(&forms_kind_observation, "status");
    for (size_t i = 0; ok && i < n_ids; i++) {
        ok = storage_record_get(db, &forms_kind_observation, school_id, ids[i], &rec, err);
        if (!ok || !rec.values[f_status].is_set || rec.values[f_status].i != 1)
            continue;
        const struct storage_obs_template *t = sheet_tpl(db, tc, &rec, err);
        ok = t != NULL;
        for (size_t j = 0; ok && j < n_codes; j++)
            if (strcmp(t->code, codes[j]) == 0)
                tally_add(&school[j], tpls[j], &rec);
    }
    forms_record_fini(&rec);
    free(ids);
    for (size_t j = 0; ok && j < n_codes; j++) {
        const struct storage_obs_template *t = tpls[j];
        for (size_t k = 0; k < t->n_crit && k < STORAGE_OBS_TEMPLATE_MAX_CRIT; k++) {
            if (mine[j].assessed[k] == 0)
                continue;
            out->shares = sk_xrealloc(out->shares, (out->n_shares + 1) * sizeof *out->shares);
            struct core_teacher_share *sh = &out->shares[out->n_shares++];
            *sh = (struct core_teacher_share){
                .year = year,
                .field = forms_observation_crit_field(t->crit[k].code),
                .ticked = mine[j].ticked[k],
                .assessed = mine[j].assessed[k],
                .school_ticked = school[j].ticked[k],
                .school_assessed = school[j].assessed[k],
            };
            snprintf(sh->tpl, sizeof sh->tpl, "%s", t->code);
            snprintf(sh->tpl_name, sizeof sh->tpl_name, "%s", t->name);
            snprintf(sh->text, sizeof sh->text, "%s. %s", t->crit[k].code, t->crit[k].text);
        }
    }
    free(mine);
    free(school);
    free(tpls);
    free(codes);
    return ok;
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
    struct tpl_cache tc = {0};
    for (size_t i = 0; ok && i < n; i++)
        ok = read_sheet(db, school_id, ids[i], lv, &tc, out, &recs[i], err);
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
            ok = year_shares(db, school_id, y, recs, out->sheets, out->n_sheets, &tc, out, err);
        last = y;
    }
    tpl_cache_fini(&tc);
    for (size_t i = 0; i < n; i++)
        forms_record_fini(&recs[i]);
    free(recs);
    free(ids);
    storage_read_end(db, own);
    return ok;
}
