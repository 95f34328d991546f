/* Demo data for the kinds after the devices: about a hundred staff (roles as
 * in seed 000, 3.tabula: a nurse, dormitory teachers, librarians, a career
 * counsellor, interest-education teachers, a social pedagogue), their
 * professional-development trainings, ten long-term vacancies (the modules
 * of 3.tabula), the support consultations of two school years, the
 * self-assessment tables and the priorities (4. and 5.tabula) — laid out
 * around the school year of today: last year's whole, this year's up to
 * today (nothing is dated after today). A seeded
 * generator of its own keeps the device stream of core/demo.c unchanged.
 * Values go through forms_value_parse like CSV cells; running it again adds
 * nothing that is already there. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*, as in core/demo.c, with its own seed. */
struct kinds_rng {
    uint64_t s;
};

static int
below(struct kinds_rng *r, int n)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (int)(((r->s * 0x2545F4914F6CDD1Du) >> 33) % (uint64_t)n);
}

static const char *
pick(struct kinds_rng *r, const char *const *items, size_t n)
{
    return items[below(r, (int)n)];
}
#define PICK(r, a) pick((r), (a), SK_ARRAY_LEN(a))

static bool
set_date(struct forms_record *rec, const char *key, sk_date d, struct sk_error *err)
{
    char buf[16];
    sk_date_format(d, true, buf);
    return core_demo_set(rec, key, buf, err);
}

/* A cost in whole euros. */
static bool
set_cost(struct forms_record *rec, int euros, struct sk_error *err)
{
    char text[16];
    snprintf(text, sizeof text, "%d", euros);
    return core_demo_set(rec, "cost", text, err);
}

/* Inserts rec unless its natural key is stored already (kinds without a
 * natural key are only filled once, see core_demo_kinds). */
static bool
insert_new(struct storage_db *db, int64_t school_id, struct forms_record *rec, struct sk_error *err)
{
    int64_t id = 0;
    if (!storage_record_find_natkey(db, school_id, rec, &id, err))
        return false;
    if (id)
        return true;
    return storage_record_insert(db, school_id, rec, err);
}

/* ------------------------------------------------------------------ staff */

static const char *const women[] = {
    "Anna",  "Inese", "Ilze",    "Līga", "Dace",    "Kristīne", "Sandra", "Ieva",  "Linda",
    "Baiba", "Zane",  "Agita",   "Aija", "Gunta",   "Inga",     "Laura",  "Māra",  "Santa",
    "Evija", "Ginta", "Dzintra", "Rita", "Solvita", "Vineta",   "Antra",  "Daiga", "Elita",
};
static const char *const men[] = {
    "Jānis",  "Andris", "Māris", "Edgars",  "Aivars", "Guntis",   "Raivis", "Kārlis", "Uldis",
    "Artūrs", "Juris",  "Ivars", "Mārtiņš", "Valdis", "Normunds", "Ojārs",  "Gatis",  "Rolands",
};
/* surname: masculine and feminine form */
static const char *const surnames[][2] = {
    {"Bērziņš", "Bērziņa"},       {"Kalniņš", "Kalniņa"},   {"Ozols", "Ozola"},
    {"Jansons", "Jansone"},       {"Liepiņš", "Liepiņa"},   {"Krūmiņš", "Krūmiņa"},
    {"Zariņš", "Zariņa"},         {"Kļaviņš", "Kļaviņa"},   {"Vītols", "Vītola"},
    {"Eglītis", "Eglīte"},        {"Lapiņš", "Lapiņa"},     {"Balodis", "Balode"},
    {"Pētersons", "Pētersone"},   {"Siliņš", "Siliņa"},     {"Freimanis", "Freimane"},
    {"Grants", "Grante"},         {"Kārkliņš", "Kārkliņa"}, {"Celmiņš", "Celmiņa"},
    {"Vanags", "Vanaga"},         {"Šmits", "Šmite"},       {"Ziediņš", "Ziediņa"},
    {"Rozenbergs", "Rozenberga"}, {"Dzenis", "Dzene"},      {"Āboliņš", "Āboliņa"},
    {"Millers", "Millere"},       {"Sproģis", "Sproģe"},    {"Strods", "Stroda"},
};
static const char *const subjects[] = {
    "Matemātika",      "Latviešu valoda",
    "Angļu valoda",    "Vācu valoda",
    "Vēsture",         "Fizika",
    "Ķīmija",          "Informātika",
    "Programmēšana",   "Datorsistēmas",
    "Metināšana",      "Autotransports",
    "Būvniecība",      "Viesmīlības pakalpojumi",
    "Tūrisms",         "Komerczinības",
    "Grāmatvedība",    "Elektronika",
    "Kokizstrādājumi", "Frizieru pakalpojumi",
    "Sports",          "Ēdināšanas pakalpojumi",
    "Enerģētika",      "Mehatronika",
};

/* Roles and how many of each (seed 000, 3.tabula; the rest are teachers). */
static const struct {
    const char *role;
    int count;
} staff_plan[] = {
    {"head", 1},
    {"deputy_head", 4},
    {"nurse", 1},
    {"dormitory_teacher", 4},
    {"librarian", 2},
    {"career_counsellor", 1},
    {"interest_education_teacher", 3},
    {"social_pedagogue", 1},
    {"psychologist", 1},
    {"it_admin", 1},
    {"teacher", 81},
};

static const char *const digcompedu[] = {"", "A2", "B1", "B1", "B2", "B2", "C1"};

/* Names of the staff as inserted, for the references of the other kinds. */
struct demo_names {
    char names[128][64];
    char roles[128][32];
    size_t n;
};

static bool
name_taken(const struct demo_names *dn, const char *name)
{
    for (size_t i = 0; i < dn->n; i++)
        if (strcmp(dn->names[i], name) == 0)
            return true;
    return false;
}

static bool
demo_staff(struct storage_db *db, int64_t school_id, struct kinds_rng *r, struct demo_names *dn,
           struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_staff);
    bool ok = true;
    for (size_t p = 0; ok && p < SK_ARRAY_LEN(staff_plan); p++)
        for (int k = 0; ok && k < staff_plan[p].count && dn->n < SK_ARRAY_LEN(dn->names); k++) {
            char name[64], folded[64], text[128];
            do {
                bool is_woman = below(r, 100) < 68;
                size_t s = (size_t)below(r, (int)SK_ARRAY_LEN(surnames));
                snprintf(name, sizeof name, "%s %s", is_woman ? PICK(r, women) : PICK(r, men),
                         surnames[s][is_woman ? 1 : 0]);
            } while (name_taken(dn, name));
            const char *role = staff_plan[p].role;
            bool is_teacher = strcmp(role, "teacher") == 0;
            forms_record_defaults(&rec);
            ok = core_demo_set(&rec, "full_name", name, err) &&
                 core_demo_set(&rec, "role", role, err);
            /* FTE in thousandths: teachers 0.3 .. 1.5, others mostly full */
            int fte = is_teacher ? 300 + 50 * below(r, 25) : below(r, 4) ? 1000 : 500;
            snprintf(text, sizeof text, "%d.%03d", fte / 1000, fte % 1000);
            ok = ok && core_demo_set(&rec, "fte", text, err);
            if (ok && is_teacher) {
                const char *a = PICK(r, subjects), *b = PICK(r, subjects);
                if (strcmp(a, b) == 0)
                    snprintf(text, sizeof text, "%s", a);
                else
                    snprintf(text, sizeof text, "%s, %s", a, b);
                ok = core_demo_set(&rec, "areas", text, err);
            }
            forms_fold(name, folded, sizeof folded);
            for (char *c = folded; *c; c++)
                if (*c == ' ')
                    *c = '.';
            snprintf(text, sizeof text, "%s@lvt.lv", folded);
            ok = ok && core_demo_set(&rec, "email", text, err) &&
                 set_date(&rec, "employed_from",
                          sk_date_from_ymd(1994 + below(r, 30), 8 + below(r, 2), 1 + below(r, 28)),
                          err);
            const char *level = PICK(r, digcompedu);
            ok = ok && (!level[0] || core_demo_set(&rec, "digcompedu", level, err));
            snprintf(text, sizeof text, "%d", 2 + below(r, 4));
            ok = ok && (below(r, 5) == 0 || core_demo_set(&rec, "digital_self_rating", text, err));
            /* four teachers in five teach vocational subjects (seed 000: 92 of 116);
             * not drawn from r, so the rest of the demo stays as it was */
            ok = ok &&
                 (!is_teacher || dn->n % 5 == 0 || core_demo_set(&rec, "vocational", "1", err));
            ok = ok && insert_new(db, school_id, &rec, err);
            if (ok) {
                snprintf(dn->names[dn->n], sizeof dn->names[dn->n], "%s", name);
                snprintf(dn->roles[dn->n], sizeof dn->roles[dn->n], "%s", role);
                dn->n++;
            }
        }
    forms_record_fini(&rec);
    return ok;
}

/* -------------------------------------------------------------- trainings */

static const char *const training_titles[] = {
    "Digitālo rīku izmantošana mācību procesā",
    "Formatīvā vērtēšana profesionālajā izglītībā",
    "Kompetencēs balstīta mācību satura īstenošana",
    "Darba vidē balstītas mācības: mentora loma",
    "Iekļaujošā izglītība un atbalsts izglītojamajiem",
    "Mākslīgais intelekts mācībās",
    "Bērnu tiesību aizsardzība",
    "Pirmās palīdzības apmācība",
    "Emocionālā labizjūta skolā",
    "Moduļu izglītības programmu pilnveide",
    "Microsoft 365 rīki pedagogiem",
    "Projektu vadība Erasmus+",
};
static const char *const providers[] = {
    "VISC", "Liepājas Universitāte", "RTU", "Skola2030", "LVT metodiskā komisija", "IZM",
};
static const int training_hours[] = {4, 6, 8, 8, 12, 12, 16, 24, 36};

static bool
demo_trainings(struct storage_db *db, int64_t school_id, struct kinds_rng *r,
               const struct demo_names *dn, int cur, sk_date today, struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_training);
    sk_date first = sk_date_from_ymd(cur - 3, 9, 1);
    bool ok = true;
    for (size_t s = 0; ok && s < dn->n; s++) {
        int n = 2 + below(r, 6);
        for (int k = 0; ok && k < n; k++) {
            /* days between 1 Sept three years before the current school
             * year and the end of June of it; none after today */
            sk_date d = first + below(r, 1398);
            char hours[16];
            snprintf(hours, sizeof hours, "%d", training_hours[below(r, 9)]);
            const char *title = PICK(r, training_titles);
            const char *provider = PICK(r, providers);
            if (d > today)
                continue;
            forms_record_defaults(&rec);
            ok = core_demo_set(&rec, "staff", dn->names[s], err) &&
                 set_date(&rec, "date", d, err) && core_demo_set(&rec, "title", title, err) &&
                 core_demo_set(&rec, "provider", provider, err) &&
                 core_demo_set(&rec, "hours", hours, err) &&
                 core_demo_set(&rec, "digital",
                               strstr(title, "Digitāl") || strstr(title, "intelekts") ||
                                       strstr(title, "Microsoft")
                                   ? "1"
                                   : "0",
                               err) &&
                 /* every third training paid, 6 € an hour (not drawn from r) */
                 (k % 3 != 0 || set_cost(&rec, (int)strtol(hours, NULL, 10) * 6, err)) &&
                 insert_new(db, school_id, &rec, err);
        }
    }
    forms_record_fini(&rec);
    return ok;
}

/* -------------------------------------------------------------- vacancies */

/* The long-term vacancies of seed 000, 3.tabula (modules and their hours). */
static const struct {
    const char *subject;
    const char *hours;
} vacancy_rows[] = {
    {"Produktu uzskaite un finansēšanas dokumenti", "2"},
    {"Aktīvā tūrisma pamati C modulis", "2"},
    {"Viesu apkalpošana izmitināšanas un apkalpošanas mītnē", "2"},
    {"Uzskaite un atskaites dokumentācijas sagatavošana", "2"},
    {"Komunikācija ar klientu", "3"},
    {"Būvdarbu dokumentācijas sagatavošana un plānošana", "4"},
    {"Frizūru, bārdas un ūsu modelēšana", "3"},
    {"EIKT drošības politikas veidošana", "4"},
    {"Autovadītāja apmācība", "6"},
    {"Starptautiskās atestācijas kakta šuvju metināšanā (MAG/135)", "4"},
};

static bool
demo_vacancies(struct storage_db *db, int64_t school_id, int cur, sk_date today,
               struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_vacancy);
    bool ok = true;
    /* ten open since the start of the current school year (long-term from
     * October on); one that would open after today has been open since the
     * year before */
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(vacancy_rows); i++) {
        sk_date open = sk_date_from_ymd(cur, 8, 26) + 3 * (sk_date)i;
        if (open > today)
            open = sk_date_from_ymd(cur - 1, 8, 26) + 3 * (sk_date)i;
        forms_record_defaults(&rec);
        ok = core_demo_set(&rec, "subject", vacancy_rows[i].subject, err) &&
             core_demo_set(&rec, "hours_per_week", vacancy_rows[i].hours, err) &&
             set_date(&rec, "open_since", open, err) && insert_new(db, school_id, &rec, err);
    }
    /* three of the year before that were filled within weeks: not long-term */
    static const char *const short_ones[] = {"Matemātika", "Angļu valoda", "Sports"};
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(short_ones); i++) {
        sk_date open = sk_date_from_ymd(cur - 1, 9, 4) + 14 * (sk_date)i;
        forms_record_defaults(&rec);
        ok = core_demo_set(&rec, "subject", short_ones[i], err) &&
             core_demo_set(&rec, "hours_per_week", "8", err) &&
             set_date(&rec, "open_since", open, err) &&
             set_date(&rec, "closed_on", open + 12 + (sk_date)i, err) &&
             core_demo_set(&rec, "notes", "Pieņemts darbā jauns pedagogs.", err) &&
             insert_new(db, school_id, &rec, err);
    }
    forms_record_fini(&rec);
    return ok;
}

/* ---------------------------------------------------------- consultations */

static const char *const groups[] = {
    "1A-IT", "1B-AT", "1C-BV", "1D-VS", "2A-IT", "2B-ME", "2C-TU",
    "2D-FR", "3A-IT", "3B-AT", "3C-GR", "4A-EL", "4B-ME", "1E-KO",
};

static bool
demo_consultations(struct storage_db *db, int64_t school_id, struct kinds_rng *r,
                   const struct demo_names *dn, int scale, int cur, sk_date today,
                   struct sk_error *err)
{
    /* the support staff consult; group tutors (teachers) now and then */
    const char *consultants[8];
    size_t n_cons = 0;
    for (size_t i = 0; i < dn->n && n_cons < 3; i++)
        if (strcmp(dn->roles[i], "social_pedagogue") == 0 ||
            strcmp(dn->roles[i], "career_counsellor") == 0 ||
            strcmp(dn->roles[i], "psychologist") == 0)
            consultants[n_cons++] = dn->names[i];
    if (n_cons == 0)
        return true;
    static const int topic_w[] = {30, 22, 20, 18, 4, 3, 3};
    static const char *const topics[] = {"learning",       "behaviour", "emotional", "career",
                                         "methodological", "digital",   "other"};
    static const char *const initiators[] = {"self",    "teacher",    "teacher",       "parent",
                                             "teacher", "consultant", "administration"};
    static const char *const minutes[] = {"20", "30", "40", "40", "45", "60"};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_consultation);
    bool ok = true;
    for (int year = cur - 1; ok && year <= cur; year++) {
        /* the year before today's whole, today's up to today, as densely */
        sk_date start = sk_date_from_ymd(year, 9, 1), full = sk_date_from_ymd(year + 1, 6, 15);
        sk_date end = full <= today ? full : today + 1;
        if (end <= start)
            continue;
        int count = (int)((int64_t)380 * scale * (end - start) / (full - start));
        for (int k = 0; ok && k < count; k++) {
            sk_date d = start + below(r, end - start);
            int wd = (int)((d % 7 + 7 + 3) % 7); /* 0 = Monday (1970-01-01 was a Thursday) */
            if (wd >= 5) /* weekends move to Friday, or to Monday at the year's start */
                d = d - (wd - 4) >= start ? d - (wd - 4) : d + (7 - wd);
            if (d >= end)
                continue;
            int tw = below(r, 100), topic = 0;
            while (tw >= topic_w[topic])
                tw -= topic_w[topic++];
            int who = below(r, 100);
            const char *kind = who < 80   ? "pupil"
                               : who < 90 ? "parent"
                               : who < 96 ? "teacher"
                                          : "group";
            char recipient[32];
            const char *group = PICK(r, groups);
            if (strcmp(kind, "group") == 0)
                snprintf(recipient, sizeof recipient, "%s", group);
            else
                snprintf(recipient, sizeof recipient, "%s-%03d",
                         strcmp(kind, "pupil") == 0    ? "P"
                         : strcmp(kind, "parent") == 0 ? "V"
                                                       : "T",
                         1 + below(r, 420));
            forms_record_defaults(&rec);
            ok = set_date(&rec, "date", d, err) &&
                 core_demo_set(&rec, "consultant", consultants[below(r, (int)n_cons)], err) &&
                 core_demo_set(&rec, "recipient_kind", kind, err) &&
                 core_demo_set(&rec, "recipient", recipient, err) &&
                 core_demo_set(&rec, "group", group, err) &&
                 core_demo_set(&rec, "form", strcmp(kind, "group") == 0 ? "group" : "individual",
                               err) &&
                 core_demo_set(&rec, "topic", topics[topic], err) &&
                 core_demo_set(&rec, "minutes", PICK(r, minutes), err) &&
                 core_demo_set(&rec, "initiator", PICK(r, initiators), err) &&
                 core_demo_set(&rec, "high_risk", below(r, 100) < 6 ? "1" : "0", err);
            if (ok && below(r, 100) < 15)
                ok = set_date(&rec, "follow_up_on", d + 7 + below(r, 21), err);
            ok = ok && storage_record_insert(db, school_id, &rec, err);
        }
    }
    forms_record_fini(&rec);
    return ok;
}

/* -------------------------------------------------------- self-assessment */

/* Strengths and development needs per IKVD criterion (seed 000, 6.tabula). */
static const struct {
    const char *criterion;
    const char *strengths;
    const char *needs;
} assessment_texts[] = {
    {"2.5",
     "Izglītības iestādē ir izveidota mērķtiecīga sistēma mācīšanas un mācīšanās procesa "
     "kvalitātes izvērtēšanai; katru mācību gadu notiek pedagogu savstarpējā stundu vērošana — "
     "vismaz 20 % pedagogu.",
     "Pilnveidot vērtējamo kritēriju apkopojuma formātu un analizēt vērojumu rezultātus "
     "metodiskajās komisijās."},
    {"4.1",
     "Darba plānošana ir sistēmiska: stratēģiskie, ikgadējie un ikdienas plāni ir savstarpēji "
     "saskaņoti, budžets tiek plānots kopā ar struktūrvienībām.",
     "Plānot finansējumu materiāli tehniskās bāzes atjaunošanai ilgākam laika posmam."},
    {"4.2",
     "Vadības komanda pārzina normatīvo regulējumu un iesaista darbiniekus lēmumu pieņemšanā.",
     "Regulāri aktualizēt iekšējos normatīvos aktus un stiprināt atgriezeniskās saites kultūru."},
    {"4.3",
     "Aktīva sadarbība ar dibinātāju, nozaru uzņēmumiem un vietējo kopienu; darba vidē balstītas "
     "mācības notiek vairāk nekā 60 uzņēmumos.",
     "Paplašināt sadarbību ar izglītojamo vecākiem un skolēnu pašpārvaldi."},
    {"2.2",
     "Pedagogu izglītība un kvalifikācija atbilst normatīvo aktu prasībām; pedagogi regulāri "
     "pilnveido profesionālo kompetenci.",
     "Sekot, lai ikviens pedagogs trijos gados apgūtu vismaz 36 stundas profesionālās pilnveides."},
};

static bool
demo_assessments(struct storage_db *db, int64_t school_id, int cur, struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_assessment);
    bool ok = true;
    for (int year = cur - 1; ok && year <= cur; year++)
        for (size_t i = 0; ok && i < forms_n_ikvd_indicators; i++) {
            char y[8];
            snprintf(y, sizeof y, "%d", year);
            forms_record_defaults(&rec);
            ok = core_demo_set(&rec, "year", y, err) &&
                 core_demo_set(&rec, "indicator_code", forms_ikvd_indicators[i].key, err);
            /* last year's is complete; of this year's the first criteria so far */
            bool is_written = year == cur - 1 || i < 12;
            for (size_t t = 0; ok && is_written && t < SK_ARRAY_LEN(assessment_texts); t++)
                if (strcmp(assessment_texts[t].criterion, forms_ikvd_criteria[i].key) == 0)
                    ok = core_demo_set(&rec, "strengths", assessment_texts[t].strengths, err) &&
                         core_demo_set(&rec, "development_needs", assessment_texts[t].needs, err);
            ok = ok && insert_new(db, school_id, &rec, err);
        }
    forms_record_fini(&rec);
    return ok;
}

/* ------------------------------------------------------------- priorities */

/* year: offset from the current school year (-1 = last year's, 2023./2024.
 * in the report) */
static const struct {
    int year;
    const char *priority, *qualitative, *quantitative, *result, *status;
} priority_rows[] = {
    {-1,
     "Sadarbības attīstīšana ar citām Latvijas un ārvalstu izglītības iestādēm, darba tirgus "
     "pārstāvjiem, nozaru ekspertu padomēm",
     "Turpināt aktīvu sadarbību ar nozaru uzņēmumiem, lai veicinātu darba vidē balstītu mācību "
     "īstenošanu.",
     "Organizēti pilnveides semināri; dalība profesionālās meistarības konkursos; DVB mācības.",
     "Sasniegts pilnībā: aktualizētas modulārās programmas “Komercdarbinieks” un “Gaisa kuģa "
     "mehāniķis”.",
     "achieved"},
    {-1, "Materiāli tehniskās bāzes pilnveidošana atbilstoši nozaru attīstībai",
     "Materiāli tehniskās bāzes pilnveidošanai tiek plānoti gan LVT budžeta līdzekļi, gan ārējais "
     "finansējums.",
     "Pilnveidotas mācību laboratorijas; piesaistīts granta finansējums.",
     "Sasniegts daļēji: vajadzības pārsniedz budžeta iespējas.", "partly_achieved"},
    {-1, "Drošība un labsajūta",
     "Aktualizēt iekšējās kārtības noteikumus; pilnveidot procedūras ārkārtas gadījumiem.",
     "Ieviesta atbalsta sistēma visos līmeņos.", "Procesā.", "in_progress"},
    {0,
     "Sadarbības attīstīšana ar citām Latvijas un ārvalstu izglītības iestādēm, darba tirgus "
     "pārstāvjiem, nozaru ekspertu padomēm",
     "Turpināt aktīvu sadarbību ar nozaru uzņēmumiem un izglītības iestādēm.",
     "Pilnveides semināri visu izglītības iestāžu pedagogiem; specialitāšu un metodisko komisiju "
     "darbība.",
     "", "in_progress"},
    {0, "Drošība un labsajūta", "Veicināt piederības sajūtu un vienoto LVT vērtību pieņemšanu.",
     "Izveidota sistēma, kas seko līdzi fiziskās drošības pārkāpumiem.", "", "in_progress"},
};

static bool
demo_priorities(struct storage_db *db, int64_t school_id, int cur, struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_priority);
    bool ok = true;
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(priority_rows); i++) {
        char year[16];
        snprintf(year, sizeof year, "%d", cur + priority_rows[i].year);
        forms_record_defaults(&rec);
        ok = core_demo_set(&rec, "year", year, err) &&
             core_demo_set(&rec, "priority", priority_rows[i].priority, err) &&
             core_demo_set(&rec, "qualitative_targets", priority_rows[i].qualitative, err) &&
             core_demo_set(&rec, "quantitative_targets", priority_rows[i].quantitative, err) &&
             core_demo_set(&rec, "result", priority_rows[i].result, err) &&
             core_demo_set(&rec, "status", priority_rows[i].status, err) &&
             insert_new(db, school_id, &rec, err);
    }
    forms_record_fini(&rec);
    return ok;
}

/* ------------------------------------------- projects, exams and cohorts */

/* Seed 000's 10.tabula (projects; one row per mobility), 11.tabula (exam
 * averages) and 14.tabula (cohorts started four years before). */
static const struct {
    const char *code, *name, *duration, *place, *staff, *pupils;
} project_rows[] = {
    {"2022-1-LV01-KA121-VET-000058677", "Personu mobilitātes mācību nolūkos", "7", "Kotka (Somija)",
     "8", NULL},
    {"2022-1-LV01-KA121-VET-000058677", "Personu mobilitātes mācību nolūkos", "3",
     "Narva (Igaunija)", "2", "3"},
    {"2022-1-LV01-KA121-VET-000058677", "Personu mobilitātes mācību nolūkos", "14",
     "Boloņa (Itālija)", "1", "6"},
    {"2023-1-LV01-KA121-VET-000139275", "Personu mobilitātes mācību nolūkos", "8",
     "Tenerife (Spānija)", "2", NULL},
    {"2023-1-LV01-KA121-VET-000139275", "Personu mobilitātes mācību nolūkos", "8",
     "Tenerife (Spānija)", "1", NULL},
    {"2023-1-LV01-KA121-VET-000139275", "Personu mobilitātes mācību nolūkos", "14",
     "Drēzdene (Vācija)", "2", "20"},
};

static const struct {
    const char *qualification, *country, *school;
} exam_rows[] = {
    {"Apdares darbu tehniķis", "6.79", "8.00"},
    {"Apdares darbu strādnieks", "7.42", "7.33"},
    {"Programmēšanas tehniķis", "6.91", "7.45"},
    {"Pavārs", "6.52", "6.80"},
};

static const struct {
    const char *qualification, *duration, *started, *graduated;
} cohort_rows[] = {
    {"Automehāniķis", "4", "29", "8"},
    {"Datorsistēmu tehniķis", "4", "26", "24"},
    {"Programmēšanas tehniķis", "4", "29", "19"},
    {"Pavārs", "4", "26", "13"},
    {"Gaisa kuģu uzbūve un materiāli", "1.5", "27", "14"},
    {"Metinātājs", "3", "26", "13"},
};

static bool
demo_report_data(struct storage_db *db, int64_t school_id, int cur, struct sk_error *err)
{
    char year[16], text[16];
    snprintf(year, sizeof year, "%d", cur - 1); /* last year's, as in the report */
    /* projects have no natural key: only a school without any gets them */
    struct storage_query q = {
        .kind = &forms_kind_project, .school_id = school_id, .sort_field = -1};
    int64_t n_projects = 0;
    if (!storage_count(db, &q, NULL, &n_projects, err))
        return false;
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_project);
    bool ok = true;
    for (size_t i = 0; ok && n_projects == 0 && i < SK_ARRAY_LEN(project_rows); i++) {
        forms_record_defaults(&rec);
        ok = core_demo_set(&rec, "year", year, err) &&
             core_demo_set(&rec, "code", project_rows[i].code, err) &&
             core_demo_set(&rec, "name", project_rows[i].name, err) &&
             core_demo_set(&rec, "duration", project_rows[i].duration, err) &&
             core_demo_set(&rec, "place", project_rows[i].place, err) &&
             core_demo_set(&rec, "staff", project_rows[i].staff, err) &&
             (!project_rows[i].pupils ||
              core_demo_set(&rec, "pupils", project_rows[i].pupils, err)) &&
             storage_record_insert(db, school_id, &rec, err);
    }
    forms_record_fini(&rec);
    forms_record_init(&rec, &forms_kind_exam_result);
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(exam_rows); i++) {
        forms_record_defaults(&rec);
        ok = core_demo_set(&rec, "year", year, err) &&
             core_demo_set(&rec, "qualification", exam_rows[i].qualification, err) &&
             core_demo_set(&rec, "country_average", exam_rows[i].country, err) &&
             core_demo_set(&rec, "school_average", exam_rows[i].school, err) &&
             insert_new(db, school_id, &rec, err);
    }
    forms_record_fini(&rec);
    forms_record_init(&rec, &forms_kind_cohort);
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(cohort_rows); i++) {
        forms_record_defaults(&rec);
        /* started so as to graduate in last year's school year */
        int64_t dur = strcmp(cohort_rows[i].duration, "1.5") == 0
                          ? 1500
                          : strtol(cohort_rows[i].duration, NULL, 10) * 1000;
        snprintf(text, sizeof text, "%d", cur - 1 - (int)((dur + 999) / 1000) + 1);
        ok = core_demo_set(&rec, "qualification", cohort_rows[i].qualification, err) &&
             core_demo_set(&rec, "year_started", text, err) &&
             core_demo_set(&rec, "duration", cohort_rows[i].duration, err) &&
             core_demo_set(&rec, "pupils_started", cohort_rows[i].started, err) &&
             core_demo_set(&rec, "pupils_graduated", cohort_rows[i].graduated, err) &&
             insert_new(db, school_id, &rec, err);
    }
    forms_record_fini(&rec);
    return ok;
}

/* ------------------------------------------------------------- programmes */

/* Seed 000's table 1.1 (2023./2024.): programme, code, licence, its date,
 * pupils at the start of the year and those who completed it. */
static const struct {
    const char *name, *code, *licence_no, *licence_date, *start, *completed;
} programme_rows[] = {
    {"Administratīvie un sekretāra pakalpojumi", "33346011", "P_5053", "2021-08-26", "35", "32"},
    {"Loģistika", "33840111", "P_6949", "2023-05-22", "82", "73"},
    {"Mehatronika", "33521061", "P_6077", "2022-06-02", "87", "79"},
    {"Ēdināšanas pakalpojumi", "33811021", "P_5060", "2021-08-26", "87", "73"},
    {"Programmēšana", "33484011", "P_5057", "2021-08-26", "118", "117"},
    {"Šūto izstrādājumu ražošanas tehnoloģija", "33542021", "P_6098", "2022-06-10", "69", "62"},
    {"Frizieru pakalpojumi", "33815021", "P_6892", "2023-04-11", "26", "26"},
    {"Viesnīcu pakalpojumi", "33811031", "P_5058", "2021-08-26", "59", "52"},
    {"Metālapstrāde", "32521011", "P_5174", "2021-09-06", "53", "44"},
};

static bool
demo_programmes(struct storage_db *db, int64_t school_id, int cur, struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_programme);
    bool ok = true;
    char year[16];
    snprintf(year, sizeof year, "%d", cur - 1); /* last year's, as in the report */
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(programme_rows); i++) {
        forms_record_defaults(&rec);
        ok = core_demo_set(&rec, "year", year, err) &&
             core_demo_set(&rec, "name", programme_rows[i].name, err) &&
             core_demo_set(&rec, "code", programme_rows[i].code, err) &&
             core_demo_set(&rec, "licence_no", programme_rows[i].licence_no, err) &&
             core_demo_set(&rec, "licence_date", programme_rows[i].licence_date, err) &&
             core_demo_set(&rec, "pupils_start", programme_rows[i].start, err) &&
             core_demo_set(&rec, "pupils_completed", programme_rows[i].completed, err) &&
             insert_new(db, school_id, &rec, err);
    }
    forms_record_fini(&rec);
    return ok;
}

/* ------------------------------------------------------------------ loans */

/* A loan for every device on loan (staff members and pupils' classes in
 * turn, a few overdue) and, for the devices' history, three loans
 * returned last school year. */
static bool
demo_loans(struct storage_db *db, int64_t school_id, const struct demo_names *dn, sk_date today,
           struct sk_error *err)
{
    const struct forms_keys *k = forms_keys();
    struct storage_query q = {.kind = &forms_kind_device, .school_id = school_id, .sort_field = -1};
    struct storage_iter *it = storage_iter_open(db, &q, err);
    if (!it)
        return false;
    struct forms_record dev, loan;
    forms_record_init(&dev, &forms_kind_device);
    forms_record_init(&loan, &forms_kind_loan);
    int64_t *lent = NULL, returned[3];
    char(*names)[48] = NULL;
    size_t n_lent = 0, n_returned = 0, cap = 0;
    char ret_names[3][48];
    int r;
    while ((r = storage_iter_next(it, &dev, err)) == 1) {
        const struct forms_value *st = &dev.values[k->device_status];
        const struct forms_value *inv = &dev.values[forms_field_index(dev.kind, "inventory_no")];
        bool on_loan = st->is_set && st->i == k->device_status_on_loan;
        bool in_use = st->is_set && st->i == k->device_status_in_use;
        if (on_loan) {
            if (n_lent == cap) {
                cap = cap ? cap * 2 : 16;
                lent = sk_xrealloc(lent, cap * sizeof *lent);
                names = sk_xrealloc(names, cap * sizeof *names);
            }
            snprintf(names[n_lent], sizeof names[n_lent], "%s", inv->s ? inv->s : "");
            lent[n_lent++] = dev.id;
        } else if (in_use && n_returned < SK_ARRAY_LEN(returned)) {
            snprintf(ret_names[n_returned], sizeof ret_names[n_returned], "%s",
                     inv->s ? inv->s : "");
            returned[n_returned++] = dev.id;
        }
    }
    storage_iter_close(it);
    bool ok = r == 0;
    static const char *const classes[] = {"9.a klase", "10.b klase", "Pupil-0417", "2.k kurss"};
    char day[16];
    for (size_t i = 0; ok && i < n_lent + n_returned; i++) {
        bool is_back = i >= n_lent;
        size_t j = is_back ? i - n_lent : i;
        forms_record_defaults(&loan);
        sk_date out =
            is_back ? today - 400 + (sk_date)(j * 40) : today - 10 - (sk_date)(i * 7 % 70);
        bool is_pupil = i % 3 == 2;
        const char *who = is_pupil || dn->n == 0 ? classes[i % SK_ARRAY_LEN(classes)]
                                                 : dn->names[(i * 5) % dn->n];
        ok = core_demo_set(&loan, "device", is_back ? ret_names[j] : names[j], err) &&
             core_demo_set(&loan, "borrower", who, err) &&
             core_demo_set(&loan, "borrower_kind", is_pupil || dn->n == 0 ? "pupil" : "staff", err);
        sk_date_format(out, true, day);
        ok = ok && core_demo_set(&loan, "out_on", day, err);
        sk_date_format(out + 30, true, day);
        ok = ok && core_demo_set(&loan, "due_on", day, err);
        if (ok && is_back) {
            sk_date_format(out + 21, true, day);
            ok = core_demo_set(&loan, "returned_on", day, err);
        }
        ok = ok && insert_new(db, school_id, &loan, err);
    }
    free(lent);
    free(names);
    forms_record_fini(&dev);
    forms_record_fini(&loan);
    return ok;
}

bool
core_demo_kinds(struct storage_db *db, int64_t school_id, int scale, sk_date today,
                struct sk_error *err)
{
    int cur = sk_date_school_year(today);
    /* consultations have no natural key: a demo run on a school that has
     * them already adds none (the demo is for new databases) */
    struct storage_query q = {
        .kind = &forms_kind_consultation, .school_id = school_id, .sort_field = -1};
    int64_t n_consultations = 0;
    if (!storage_count(db, &q, NULL, &n_consultations, err))
        return false;
    struct kinds_rng r = {.s = 0x57AFF2023D0C5EEDu};
    struct demo_names *dn = sk_xcalloc(1, sizeof *dn);
    bool ok = demo_staff(db, school_id, &r, dn, err) &&
              demo_trainings(db, school_id, &r, dn, cur, today, err) &&
              demo_vacancies(db, school_id, cur, today, err) &&
              (n_consultations > 0 ||
               demo_consultations(db, school_id, &r, dn, scale, cur, today, err)) &&
              demo_assessments(db, school_id, cur, err) &&
              demo_priorities(db, school_id, cur, err) &&
              demo_programmes(db, school_id, cur, err) && demo_loans(db, school_id, dn, today, err) &&
              demo_report_data(db, school_id, cur, err);
    free(dn);
    return ok;
}
