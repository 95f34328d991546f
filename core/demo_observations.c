/* Demo lesson observations: about 200 sheets per school year (the year
 * before today's whole, today's up to today) shaped like the figures of
 * seed 000 §4.1.3 — 210 sheets in 2023./2024., a third of them in
 * mechanics/construction, recommendations on about 80% of them — with a
 * few drafts. The teachers and observers are
 * looked up by name and created when missing, so this works whether or not
 * other demo staff exist. Deterministic. */
#include "core/internal.h"

#include <stdio.h>
#include <string.h>

struct obs_rng {
    uint64_t s;
};

static uint64_t
obs_rng_next(struct obs_rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Du;
}

static int
obs_rng_below(struct obs_rng *r, int n)
{
    return (int)((obs_rng_next(r) >> 33) % (uint64_t)n);
}

/* Percent chance. */
static bool
obs_rng_pct(struct obs_rng *r, int pct)
{
    return obs_rng_below(r, 100) < pct;
}

/* Methodological areas of the report's figure 2 with their shares (%). */
struct demo_area {
    const char *name;
    int weight;
    const char *subjects[3];
    const char *groups[3];
};
static const struct demo_area demo_areas[] = {
    {"Mehānika, Būvniecība, Galdniecība",
     31,
     {"Būvdarbu tehnoloģijas", "Galdniecības pamati", "Metālapstrāde"},
     {"B-21", "G-22", "M-23"}},
    {"Komerczinības, grāmatvedība",
     13,
     {"Grāmatvedība", "Komerczinības", "Lietvedība"},
     {"GR-22", "K-21", "GR-23"}},
    {"Valodas", 13, {"Latviešu valoda", "Angļu valoda", "Vācu valoda"}, {"E-21", "V-22", "T-23"}},
    {"Viesmīlība",
     11,
     {"Ēdināšanas pakalpojumi", "Viesnīcu serviss", "Konditoreja"},
     {"P-21", "VS-22", "P-23"}},
    {"IT un Enerģētika",
     9,
     {"Datorsistēmas", "Programmēšana", "Elektrotehnika"},
     {"DS-21", "PT-22", "E-23"}},
    {"STEM", 9, {"Matemātika", "Fizika", "Ķīmija"}, {"DS-22", "B-23", "M-21"}},
    {"Sociālā un pilsoniskā joma",
     7,
     {"Vēsture un sociālās zinātnes", "Sports", "Sports"},
     {"K-22", "T-21", "E-22"}},
    {"Tekstils",
     7,
     {"Apģērbu konstruēšana", "Tekstiltehnoloģijas", "Šūšana"},
     {"T-22", "T-21", "AP-23"}},
};

/* Demo teachers by area (fictional), four per area. */
static const char *const demo_teachers[][4] = {
    {"Aivars Kronbergs", "Normunds Vanags", "Ēriks Siliņš", "Uldis Dūmiņš"},
    {"Rita Zvirbule", "Maija Priedīte", "Evija Lapiņa", "Gunta Ruņģe"},
    {"Solvita Kalēja", "Agnese Muceniece", "Laura Strazdiņa", "Ilona Dzene"},
    {"Baiba Putniņa", "Kristīne Ziediņa", "Diāna Liepa", "Oskars Freimanis"},
    {"Roberts Jurevics", "Valdis Tiļļa", "Egils Mednis", "Artūrs Sproģis"},
    {"Ligita Celma", "Viktors Krastiņš", "Ņina Vasiļjeva", "Aija Baltiņa"},
    {"Didzis Ozols", "Ineta Sproģe", "Marika Kūla", "Jurģis Leja"},
    {"Elīna Rudzīte", "Vija Sniedze", "Skaidrīte Meža", "Dagnija Birze"},
};
_Static_assert(SK_ARRAY_LEN(demo_teachers) == SK_ARRAY_LEN(demo_areas), "teachers per area");

/* The deputy heads and heads of commissions who observe. */
static const char *const demo_observers[] = {"Ieva Rozīte", "Guntars Vilks", "Sarmīte Auziņa"};

static const char *const demo_topics[] = {
    "Darba drošības noteikumi darbnīcā",
    "Tāmes sastādīšana",
    "Dialogs pa tālruni",
    "Galda klāšana banketam",
    "Tīkla iestatījumi",
    "Lineāras funkcijas",
    "Piedurknes konstrukcija",
    "Pašvērtējums pēc praktiskā darba",
};

static const char *const demo_comments[] = {
    "Mērķis nosaukts stundas sākumā.",
    "Labs praktiskais piemērs.",
    "Vairāk jāiesaista klusākie audzēkņi.",
    "Darbs pāros noritēja mērķtiecīgi.",
};

static bool
obs_set(struct forms_record *rec, const char *key, const char *text, struct sk_error *err)
{
    int fi = forms_field_index(rec->kind, key);
    if (fi < 0)
        return sk_fail(err, SK_EINVAL, "demo: no field %s", key);
    return forms_value_parse(&rec->kind->fields[fi], text, &rec->values[fi], err);
}

/* The id of staff member `name`, created with `role` when missing. */
static bool
demo_staff(struct storage_db *db, int64_t school_id, const char *name, const char *role,
           const char *areas, int64_t *id, struct sk_error *err)
{
    if (!storage_ref_resolve(db, "staff", school_id, name, id, NULL, 0, err))
        return false;
    if (*id)
        return true;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    forms_record_defaults(&rec);
    bool ok = obs_set(&rec, "full_name", name, err) && obs_set(&rec, "role", role, err) &&
              obs_set(&rec, "fte", "1", err) && (!areas || obs_set(&rec, "areas", areas, err)) &&
              obs_set(&rec, "employed_from", "2015-09-01", err) &&
              storage_record_insert(db, school_id, &rec, err);
    *id = rec.id;
    forms_record_fini(&rec);
    return ok;
}

/* Sets a reference field to a known record (no name lookup needed). */
static void
set_ref(struct forms_record *rec, const char *key, int64_t id, const char *name)
{
    int fi = forms_field_index(rec->kind, key);
    forms_value_set_text(&rec->values[fi], name, strlen(name));
    rec->values[fi].i = id;
}

static size_t
pick_area(struct obs_rng *r)
{
    int x = obs_rng_below(r, 100);
    for (size_t i = 0; i < SK_ARRAY_LEN(demo_areas); i++) {
        if (x < demo_areas[i].weight)
            return i;
        x -= demo_areas[i].weight;
    }
    return 0;
}

/* One sheet on school day `day` of year `year`. */
static bool
demo_sheet(struct storage_db *db, int64_t school_id, struct obs_rng *r, sk_date day, sk_date today,
           bool is_draft, int64_t (*teacher_ids)[4], const int64_t *observer_ids,
           struct forms_record *rec, struct sk_error *err)
{
    forms_record_defaults(rec);
    size_t a = pick_area(r);
    const struct demo_area *area = &demo_areas[a];
    int t = obs_rng_below(r, 4), s = obs_rng_below(r, 3), o = obs_rng_below(r, 3);
    char date[16], num[16];
    sk_date_format(day, true, date);
    int in_group = 12 + obs_rng_below(r, 17);
    int present = in_group - obs_rng_below(r, 5);
    bool ok = obs_set(rec, "date", date, err) && obs_set(rec, "area", area->name, err) &&
              obs_set(rec, "subject", area->subjects[s], err) &&
              obs_set(rec, "group", area->groups[s], err) &&
              obs_set(rec, "topic", demo_topics[obs_rng_below(r, 8)], err) &&
              obs_set(rec, "status", is_draft ? "draft" : "final", err) &&
              obs_set(rec, "template", "LVT-2023", err);
    snprintf(num, sizeof num, "%d", in_group);
    ok = ok && obs_set(rec, "pupils_in_group", num, err);
    snprintf(num, sizeof num, "%d", present);
    ok = ok && obs_set(rec, "pupils_present", num, err);
    if (!ok)
        return false;
    set_ref(rec, "teacher", teacher_ids[a][t], demo_teachers[a][t]);
    set_ref(rec, "observer", observer_ids[o], demo_observers[o]);
    static const char *const purposes[] = {"quality", "quality|group", "experience",
                                           "experience|quality"};
    ok = obs_set(rec, "purpose", purposes[obs_rng_below(r, 4)], err);
    /* Tick rates by section, like the report: structure > 80%, methods about
     * 60%, communication about 73%, the positive practices in between. */
    static const int section_pct[] = {88, 72, 85, 80};
    /* the LVT-2023 criteria only (the first tick fields): a template of the
     * file may have added others that an LVT-2023 sheet cannot hold */
    for (size_t i = 0; ok && i < FORMS_OBS_LVT_CRIT; i++) {
        size_t fi = forms_observation_first_crit + i;
        int sec = forms_kind_observation.fields[fi].key[5] - '1';
        forms_value_set_int(&rec->values[fi], obs_rng_pct(r, section_pct[sec]) ? 1 : 0);
    }
    if (ok && obs_rng_pct(r, 40))
        ok = obs_set(rec, "comment_2", demo_comments[obs_rng_below(r, 4)], err);
    if (ok && obs_rng_pct(r, 81)) {
        /* Recommendations on 81% of the sheets: content 43%, attitude 20%,
         * material 18% of all sheets (seed 000 §4.1.3). */
        char recs[64] = "";
        if (obs_rng_pct(r, 53))
            strcat(recs, "content");
        if (obs_rng_pct(r, 25))
            strcat(strcat(recs, recs[0] ? "|" : ""), "attitude");
        if (obs_rng_pct(r, 22))
            strcat(strcat(recs, recs[0] ? "|" : ""), "material");
        if (!recs[0])
            strcat(recs, "other");
        ok = obs_set(rec, "recommendations", recs, err) &&
             obs_set(rec, "improvements", "Turpināt dažādot mācību metodes.", err);
    }
    if (ok && !is_draft && obs_rng_pct(r, 70)) {
        char ack[16];
        sk_date seen = day + 1 + obs_rng_below(r, 6);
        sk_date_format(seen, true, ack);
        ok = seen > today || obs_set(rec, "acknowledged_on", ack, err);
    }
    return ok && storage_record_insert(db, school_id, rec, err);
}

bool
core_demo_observations(struct storage_db *db, int64_t school_id, int scale, sk_date today,
                       struct sk_error *err)
{
    int cur = sk_date_school_year(today);
    int64_t teacher_ids[SK_ARRAY_LEN(demo_areas)][4];
    int64_t observer_ids[SK_ARRAY_LEN(demo_observers)];
    for (size_t a = 0; a < SK_ARRAY_LEN(demo_areas); a++)
        for (size_t t = 0; t < 4; t++)
            if (!demo_staff(db, school_id, demo_teachers[a][t], "teacher", demo_areas[a].name,
                            &teacher_ids[a][t], err))
                return false;
    for (size_t o = 0; o < SK_ARRAY_LEN(demo_observers); o++)
        if (!demo_staff(db, school_id, demo_observers[o], "deputy_head", NULL, &observer_ids[o],
                        err))
            return false;

    /* Skip when the demo ran before (its sheets exist). */
    struct storage_obs_stats st;
    if (!storage_obs_stats(db, school_id, sk_date_from_ymd(cur - 1, 9, 1),
                           sk_date_from_ymd(cur + 1, 9, 1), &st, err))
        return false;
    if (st.count > 0)
        return true;

    struct obs_rng r = {.s = 0x0B5E7A7104202324u};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    bool ok = true;
    static const int per_year[] = {210, 196};
    for (int y = 0; ok && y < 2; y++) {
        int year = cur - 1 + y;
        sk_date first = sk_date_from_ymd(year, 9, 4), full = sk_date_from_ymd(year + 1, 5, 29);
        /* today's school year so far, as densely as a whole one */
        sk_date last = full <= today ? full : today;
        if (last < first)
            continue;
        int n = (int)((int64_t)per_year[y] * scale * (last - first + 1) / (full - first + 1));
        int drafts = 3;
        for (int k = 0; ok && k < n + drafts; k++) {
            sk_date day = first + (sk_date)((int64_t)(last - first) * k / (n + drafts));
            int wd =
                (int)(((int64_t)day % 7 + 7 + 3) % 7); /* 0 = Monday (1970-01-01 was a Thursday) */
            if (wd >= 5)
                day -= wd - 4; /* Saturday/Sunday -> Friday */
            /* Drafts: a few per year, the latest sheets not yet finished. */
            bool is_draft = k >= n;
            ok = demo_sheet(db, school_id, &r, day, today, is_draft, teacher_ids, observer_ids,
                            &rec, err);
        }
    }
    forms_record_fini(&rec);
    return ok;
}
