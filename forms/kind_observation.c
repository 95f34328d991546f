/* The lesson-observation sheet (SPEC §3.2; seed 000, 1.pielikums).
 *
 * The ticks are one FT_BOOL field per criterion code, `crit_1_1` ..
 * `crit_4_6` and `crit_S_N` for any further code of a template (the code
 * with '_' for '.'), so that the generic CSV, list, editor and audit code
 * handle them: a tick that changes is one audit row. They are FF_ROWS:
 * storage keeps them as rows of observation_tick, not as columns, so a
 * template may add sections and criteria. The texts of the criteria are a
 * versioned template in the database (observation_template,
 * observation_criterion), and a sheet keeps the template it was filled with
 * (`template`). A criterion that the sheet's template does not have has no
 * row (empty in CSV), so "ticks met" and the summary count only the
 * criteria of each sheet's own template. The labels below are those of the
 * LVT-2023 template; they name the CSV columns in the excel profile. */
#include "forms/forms.h"

#include <stdio.h>
#include <string.h>

#define CHOICES(a) .choices = (a), .n_choices = SK_ARRAY_LEN(a)

static const struct forms_choice purposes[] = {
    {"experience", "Pieredzes apguve", "Learning from experience"},
    {"quality", "Nodarbības kvalitātes novērtēšana", "Lesson quality assessment"},
    {"group", "Grupas vērošana", "Observing the group"},
};
static const struct forms_choice recommendations[] = {
    {"attitude", "Izglītojamo attieksme", "Pupils' attitude"},
    {"material", "Materiāltehniskā bāze", "Material and technical base"},
    {"content", "Mācību saturs", "Teaching content"},
    {"other", "Citi", "Other"},
};
static const struct forms_choice statuses[] = {
    {"draft", "Melnraksts", "Draft"},
    {"final", "Pabeigta", "Final"},
};

#define CRIT(k, lv, en)                                                                            \
    {                                                                                              \
        .key = "crit_" k, .label_lv = lv, .label_en = en, .type = FT_BOOL, .width = 3,             \
        .flags = FF_ROWS                                                                           \
    }

/* The array holds the fields written below (10 before the ticks, the 17
 * LVT-2023 ticks, N_TAIL after them; N_BASE is room enough for them) and
 * room for FORMS_OBS_MAX_CRIT criteria that storage adds when it opens a
 * file (forms_observation_add_criterion moves the tail fields down). A
 * field added below must be counted in N_TAIL (test_storage_obs_ticks
 * checks that the entry after the last field is empty). */
#define N_TAIL 9
#define N_BASE 44

static struct forms_field observation_fields[N_BASE + FORMS_OBS_MAX_CRIT] = {
    {.key = "date",
     .label_lv = "Datums",
     .label_en = "Date",
     .type = FT_DATE,
     .width = 10,
     .flags = FF_REQUIRED | FF_LIST},
    {.key = "teacher",
     .label_lv = "Pedagogs",
     .label_en = "Teacher",
     .type = FT_REF,
     .width = 20,
     .flags = FF_LIST,
     .ref_kind = "staff"},
    {.key = "group",
     .label_lv = "Grupa",
     .label_en = "Group",
     .type = FT_TEXT,
     .width = 8,
     .flags = FF_LIST,
     .max_len = 20},
    {.key = "subject",
     .label_lv = "Mācību priekšmets/modulis",
     .label_en = "Subject/module",
     .type = FT_TEXT,
     .width = 18,
     .flags = FF_LIST,
     .max_len = 120},
    {.key = "area",
     .label_lv = "Joma",
     .label_en = "Area",
     .type = FT_TEXT,
     .width = 14,
     .flags = FF_LIST,
     .max_len = 80},
    {.key = "pupils_present",
     .label_lv = "Izglītojamo skaits nodarbībā",
     .label_en = "Pupils present",
     .type = FT_INT,
     .width = 4,
     .flags = FF_RANGE,
     .min = 0,
     .max = 500},
    {.key = "pupils_in_group",
     .label_lv = "Izglītojamo skaits grupā",
     .label_en = "Pupils in group",
     .type = FT_INT,
     .width = 4,
     .flags = FF_RANGE,
     .min = 0,
     .max = 500},
    {.key = "observer",
     .label_lv = "Vērotājs",
     .label_en = "Observer",
     .type = FT_REF,
     .width = 20,
     .ref_kind = "staff"},
    {.key = "topic",
     .label_lv = "Tēma/sasniedzamais rezultāts",
     .label_en = "Topic/learning outcome",
     .type = FT_TEXT,
     .width = 30,
     .max_len = 300},
    {.key = "purpose",
     .label_lv = "Vērošanas mērķis",
     .label_en = "Purpose",
     .type = FT_FLAGS,
     .width = 12,
     CHOICES(purposes)},
    CRIT("1_1", "1.1. Ievads – tēmas aktualizācija", "1.1 Introduction, topic actualised"),
    CRIT("1_2", "1.2. Nodarbības norise, skaidrojums", "1.2 Course of the lesson, explanation"),
    CRIT("1_3", "1.3. Noslēgums, atgriezeniskā saite", "1.3 Closing, feedback"),
    CRIT("2_1", "2.1. Mācību metožu un paņēmienu atbilstība izvirzīto mērķu sasniegšanai",
         "2.1 Methods fit the aims"),
    CRIT("2_2", "2.2. Mācību līdzekļu un materiālu izmantojums izvirzīto mērķu sasniegšanai",
         "2.2 Teaching aids and materials serve the aims"),
    CRIT("2_3", "2.3. Materiāltehnisko līdzekļu jēgpilns izmantojums izvirzīto mērķu sasniegšanai",
         "2.3 Meaningful use of equipment"),
    CRIT("2_4", "2.4. Kvalitatīvs pedagoga skaidrojums",
         "2.4 Quality of the teacher's explanation"),
    CRIT("3_1", "3.1. Audzēkņu motivēšana darbam", "3.1 Motivating pupils"),
    CRIT("3_2", "3.2. Labvēlīgas emocionālās vides nodrošināšana",
         "3.2 A supportive emotional climate"),
    CRIT("3_3", "3.3. Daudzpusēja sadarbība", "3.3 Many-sided cooperation"),
    CRIT("3_4", "3.4. Cieņpilna komunikācija", "3.4 Respectful communication"),
    CRIT("4_1", "4.1. Saprotami nodarbības mērķi, uzdevumi un aktivitātes",
         "4.1 Clear aims, tasks and activities"),
    CRIT("4_2", "4.2. Individuālas pieejas nodrošinājums (diferencēšana)",
         "4.2 Individual approach (differentiation)"),
    CRIT("4_3", "4.3. Izglītojamo patstāvīga darbība, aktivitāte nodarbībā",
         "4.3 Pupils work independently, are active"),
    CRIT("4_4", "4.4. Prasmīga mācību materiālu/materiāltehnisko līdzekļu izmantošana",
         "4.4 Skilful use of materials and equipment"),
    CRIT("4_5", "4.5. Starppriekšmetu saiknes nodrošinājums", "4.5 Links between subjects"),
    CRIT("4_6", "4.6. Pedagoga vērtējuma sniegšana", "4.6 The teacher gives feedback and praise"),
    {.key = "comment_1",
     .label_lv = "1. Komentāri",
     .label_en = "1. Comments",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_PRIVATE},
    {.key = "comment_2",
     .label_lv = "2. Komentāri",
     .label_en = "2. Comments",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_PRIVATE},
    {.key = "comment_3",
     .label_lv = "3. Komentāri",
     .label_en = "3. Comments",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_PRIVATE},
    {.key = "comment_4",
     .label_lv = "4. Komentāri",
     .label_en = "4. Comments",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_PRIVATE},
    {.key = "improvements",
     .label_lv = "5. Nepieciešamie uzlabojumi, citi komentāri",
     .label_en = "5. Improvements needed, other comments",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_PRIVATE},
    {.key = "recommendations",
     .label_lv = "Ieteikumi",
     .label_en = "Recommendations",
     .type = FT_FLAGS,
     .width = 12,
     CHOICES(recommendations)},
    {.key = "status",
     .label_lv = "Statuss",
     .label_en = "Status",
     .type = FT_ENUM,
     .width = 10,
     .flags = FF_REQUIRED | FF_LIST,
     CHOICES(statuses),
     .default_text = "final"},
    {.key = "acknowledged_on",
     .label_lv = "Pedagogs iepazinās",
     .label_en = "Acknowledged on",
     .type = FT_DATE,
     .width = 10},
    {.key = "template",
     .label_lv = "Veidlapa",
     .label_en = "Template",
     .type = FT_TEXT,
     .width = 10,
     .flags = FF_NO_SEARCH,
     .max_len = 40},
};

#define FIRST_CRIT 10
#define N_LVT_CRIT FORMS_OBS_LVT_CRIT
_Static_assert(FIRST_CRIT + N_LVT_CRIT + N_TAIL <= N_BASE, "criteria inside");

size_t forms_observation_first_crit = FIRST_CRIT;
size_t forms_observation_n_crit = N_LVT_CRIT;

/* Keys and labels of the criteria added at run time. */
static char added_key[FORMS_OBS_MAX_CRIT][24];
static char added_label[FORMS_OBS_MAX_CRIT][240];

static int
field_of(const struct forms_kind *kind, const char *key)
{
    return forms_field_index(kind, key);
}

/* What a final sheet needs besides the required fields. */
static const char *const final_needs[] = {"teacher", "group", "subject", "area"};

static bool
is_blank(const struct forms_kind *kind, const struct forms_record *rec, int i)
{
    const struct forms_value *v = &rec->values[i];
    return !v->is_set || (v->s && !v->s[0] && kind->fields[i].type != FT_REF);
}

size_t
forms_observation_missing(const struct forms_record *rec, int *fields, size_t cap)
{
    const struct forms_kind *kind = rec->kind;
    size_t n = 0;
    for (size_t i = 0; i < kind->n_fields; i++) {
        bool is_needed = (kind->fields[i].flags & FF_REQUIRED) != 0;
        for (size_t k = 0; !is_needed && k < SK_ARRAY_LEN(final_needs); k++)
            is_needed = strcmp(kind->fields[i].key, final_needs[k]) == 0;
        if (!is_needed || !is_blank(kind, rec, (int)i))
            continue;
        if (n < cap)
            fields[n] = (int)i;
        n++;
    }
    return n;
}

/* A final sheet names the lesson fully; a draft may be saved half-filled
 * (it is saved automatically while typing). */
static bool
observation_validate(const struct forms_kind *kind, const struct forms_record *rec,
                     struct sk_error *err)
{
    int st = field_of(kind, "status");
    bool is_final = rec->values[st].is_set && rec->values[st].i == 1;
    for (size_t k = 0; is_final && k < SK_ARRAY_LEN(final_needs); k++) {
        int i = field_of(kind, final_needs[k]);
        if (is_blank(kind, rec, i)) {
            sk_fail(err, SK_EINVAL, "%s", _("a final sheet needs a value here"));
            err->field = kind->fields[i].key;
            return false;
        }
    }
    int pp = field_of(kind, "pupils_present"), pg = field_of(kind, "pupils_in_group");
    if (rec->values[pp].is_set && rec->values[pg].is_set && rec->values[pp].i > rec->values[pg].i) {
        sk_fail(err, SK_EINVAL, "%s", _("more pupils are present than there are in the group"));
        err->field = "pupils_present";
        return false;
    }
    int d = field_of(kind, "date"), a = field_of(kind, "acknowledged_on");
    if (rec->values[d].is_set && rec->values[a].is_set && rec->values[a].i < rec->values[d].i) {
        sk_fail(err, SK_EINVAL, "%s",
                _("the teacher cannot have seen the sheet before the lesson"));
        err->field = "acknowledged_on";
        return false;
    }
    sk_date today = sk_date_today();
    if (rec->values[a].is_set && rec->values[a].i > today) {
        char day[16];
        sk_date_format(today, false, day);
        sk_fail(err, SK_EINVAL, _("cannot be a day still to come (today is %s)"), day);
        err->field = "acknowledged_on";
        return false;
    }
    return true;
}

struct forms_kind forms_kind_observation = {
    .key = "observations",
    .table = "observation",
    .label_lv = "Stundu vērošana",
    .label_en = "Observations",
    .fields = observation_fields,
    .n_fields = FIRST_CRIT + N_LVT_CRIT + N_TAIL,
    .year_field = "date",
    .name_field = "date",
    .validate = observation_validate,
    .menu_group = FMG_TEACHING,
    .menu_order = 1,
};

int
forms_observation_crit_field(const char *code)
{
    char key[32];
    size_t n = strlen(code);
    if (n == 0 || n + 6 > sizeof key)
        return -1;
    snprintf(key, sizeof key, "crit_%s", code);
    for (char *p = key + 5; *p; p++)
        if (*p == '.')
            *p = '_';
    int i = forms_field_index(&forms_kind_observation, key);
    if (i < (int)FIRST_CRIT || i >= (int)(FIRST_CRIT + forms_observation_n_crit))
        return -1;
    return i;
}

bool
forms_observation_code_ok(const char *code)
{
    size_t a = 0, b = 0;
    const char *p = code;
    while (*p >= '0' && *p <= '9' && a < 4)
        p++, a++;
    if (a == 0 || a > 3 || *p != '.' || code[0] == '0')
        return false;
    p++;
    while (*p >= '0' && *p <= '9' && b < 4)
        p++, b++;
    return b > 0 && b <= 3 && *p == '\0';
}

bool
forms_observation_add_criterion(const char *code, const char *text)
{
    if (!forms_observation_code_ok(code))
        return false;
    if (forms_observation_crit_field(code) >= 0)
        return true;
    size_t k = forms_observation_n_crit - N_LVT_CRIT;
    if (k >= FORMS_OBS_MAX_CRIT ||
        forms_kind_observation.n_fields >= SK_ARRAY_LEN(observation_fields))
        return false;
    snprintf(added_key[k], sizeof added_key[k], "crit_%s", code);
    for (char *p = added_key[k] + 5; *p; p++)
        if (*p == '.')
            *p = '_';
    snprintf(added_label[k], sizeof added_label[k], "%s. %s", code, text ? text : "");
    size_t at = FIRST_CRIT + forms_observation_n_crit;
    memmove(&observation_fields[at + 1], &observation_fields[at],
            (forms_kind_observation.n_fields - at) * sizeof observation_fields[0]);
    observation_fields[at] = (struct forms_field){.key = added_key[k],
                                                  .label_lv = added_label[k],
                                                  .label_en = added_label[k],
                                                  .type = FT_BOOL,
                                                  .width = 3,
                                                  .flags = FF_ROWS};
    forms_observation_n_crit++;
    forms_kind_observation.n_fields++;
    return true;
}

const char *
forms_observation_crit_code(size_t field, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (field < FIRST_CRIT || field >= FIRST_CRIT + forms_observation_n_crit)
        return buf;
    snprintf(buf, cap, "%s", observation_fields[field].key + 5);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = '.';
    return buf;
}

bool
forms_observation_ticks(const struct forms_record *rec, int *met, int *of)
{
    *met = *of = 0;
    if (rec->kind != &forms_kind_observation)
        return false;
    for (size_t i = FIRST_CRIT; i < FIRST_CRIT + forms_observation_n_crit; i++)
        if (rec->values[i].is_set) {
            (*of)++;
            if (rec->values[i].i)
                (*met)++;
        }
    return true;
}
