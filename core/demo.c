/* Demo data: a school like the one in seed 000 (Liepājas Valsts tehnikums,
 * self-evaluation report 2023/24: 1297 pupils and 116 teachers on
 * 01.09.2023, 1376 and 124 on 01.09.2024), its school years and a device
 * inventory drawn from a seeded xorshift generator, so that every run gives
 * the same database. Values go through forms_value_parse like a CSV cell, so
 * the demo cannot hold anything the editor would refuse. Running it again
 * adds nothing that is already there. */
#include "core/internal.h"

#include <stdio.h>
#include <string.h>

#define DEMO_CODE         "3343802726"
#define DEMO_NAME         "Liepājas Valsts tehnikums"
#define DEMO_MUNICIPALITY "Liepājas valstspilsēta"
#define DEMO_DEVICES      400

/* xorshift64*: small, fast and the same everywhere (no rand()). */
struct rng {
    uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Du;
}

/* Uniform in [0, n). */
static int
rng_below(struct rng *r, int n)
{
    return (int)((rng_next(r) >> 33) % (uint64_t)n);
}

/* Index into a table of weights. */
static size_t
rng_weighted(struct rng *r, const int *w, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    int x = rng_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* A device model and when the school bought it. */
struct model {
    const char *category;
    const char *manufacturer;
    const char *model;
    const char *os;         /* NULL = none */
    const char *serial;     /* serial number prefix */
    int from, to;           /* purchase years */
    int cost_min, cost_max; /* euros */
};

static const struct model models[] = {
    {"laptop", "Dell", "Latitude 3420", "windows", "D3420", 2021, 2023, 620, 790},
    {"laptop", "Dell", "Latitude E5470", "windows", "D5470", 2016, 2018, 680, 850},
    {"laptop", "HP", "ProBook 450 G8", "windows", "5CD1", 2021, 2024, 650, 820},
    {"laptop", "HP", "ProBook 450 G5", "windows", "5CD8", 2018, 2020, 600, 760},
    {"laptop", "Lenovo", "ThinkPad L14", "windows", "PF2", 2020, 2025, 690, 880},
    {"laptop", "Lenovo", "ThinkPad T440", "windows", "PB0", 2014, 2016, 720, 900},
    {"laptop", "Acer", "Chromebook 314", "chromeos", "NXH", 2019, 2025, 279, 349},
    {"laptop", "Apple", "MacBook Air M1", "macos", "FVF", 2021, 2023, 999, 1149},
    {"desktop", "Dell", "OptiPlex 3080", "windows", "OPX", 2020, 2022, 560, 690},
    {"desktop", "Dell", "OptiPlex 7010", "windows", "OPL", 2014, 2016, 540, 640},
    {"desktop", "HP", "ProDesk 400 G7", "windows", "CZC", 2019, 2022, 545, 680},
    {"desktop", "HP", "EliteDesk 800 G1", "windows", "CZE", 2014, 2017, 610, 720},
    {"desktop", "Lenovo", "ThinkCentre M70q", "windows", "MJ0", 2022, 2025, 590, 740},
    {"tablet", "Apple", "iPad (9th generation)", "ipados", "DMP", 2021, 2024, 369, 429},
    {"tablet", "Apple", "iPad Air 2", "ipados", "DLX", 2015, 2017, 449, 529},
    {"tablet", "Samsung", "Galaxy Tab A8", "android", "R9T", 2022, 2025, 199, 249},
    {"tablet", "Lenovo", "Tab M10", "android", "HA1", 2019, 2021, 169, 219},
    {"projector", "Epson", "EB-X49", NULL, "X4", 2018, 2022, 480, 590},
    {"projector", "Epson", "EB-W06", NULL, "W06", 2022, 2025, 420, 520},
    {"projector", "BenQ", "MX535", NULL, "PD5", 2014, 2018, 390, 470},
    {"interactive_display", "Promethean", "ActivPanel 9 65\"", NULL, "AP9", 2021, 2025, 2100, 2900},
    {"interactive_display", "Samsung", "Flip 2 WM65R", NULL, "FL2", 2020, 2023, 2400, 3100},
    {"interactive_whiteboard", "SMART", "Board M680", NULL, "SBM", 2014, 2017, 1300, 1800},
    {"monitor", "Dell", "P2419H", NULL, "CN0", 2018, 2022, 150, 210},
    {"monitor", "Philips", "243V7QDAB", NULL, "UK0", 2016, 2021, 110, 150},
    {"printer", "HP", "LaserJet Pro M404dn", NULL, "PHB", 2019, 2024, 230, 320},
    {"printer", "Brother", "HL-L2350DW", NULL, "E78", 2017, 2022, 130, 180},
    {"multifunction_device", "Kyocera", "ECOSYS M2540dn", NULL, "VCF", 2018, 2024, 420, 560},
    {"multifunction_device", "Canon", "i-SENSYS MF445dw", NULL, "RWC", 2016, 2021, 330, 420},
    {"copier", "Konica Minolta", "bizhub C258", NULL, "A7R", 2017, 2020, 3200, 4100},
    {"web_camera", "Logitech", "C920 HD Pro", NULL, "LZ9", 2020, 2021, 69, 89},
    {"sound_system", "Yamaha", "STAGEPAS 400BT", NULL, "YS4", 2019, 2023, 620, 760},
    {"robotics_kit", "LEGO Education", "SPIKE Prime", NULL, "LSP", 2021, 2024, 390, 460},
    {"charging_cabinet", "Leba", "NoteLocker 32", NULL, "LNL", 2019, 2023, 1900, 2500},
    {"ups", "APC", "Back-UPS 700", NULL, "3B2", 2016, 2024, 90, 130},
    {"digital_fabrication", "Prusa", "Original i3 MK3S+", NULL, "CZP", 2020, 2024, 790, 1050},
    {"vr_headset", "Meta", "Quest 2", "android", "1WM", 2022, 2023, 349, 449},
    {"cnc_machine", "Stepcraft", "D.840", NULL, "SC8", 2019, 2021, 3900, 4800},
};

/* Category mix of a vocational school: computer labs, laptops for pupils. */
static const char *const categories[] = {
    "laptop",
    "desktop",
    "tablet",
    "projector",
    "interactive_display",
    "interactive_whiteboard",
    "monitor",
    "printer",
    "multifunction_device",
    "copier",
    "web_camera",
    "sound_system",
    "robotics_kit",
    "charging_cabinet",
    "ups",
    "digital_fabrication",
    "vr_headset",
    "cnc_machine",
};
static const int category_weights[] = {
    34, 22, 10, 7, 4, 1, 6, 4, 3, 1, 1, 1, 1, 1, 2, 1, 1, 1,
};
_Static_assert(SK_ARRAY_LEN(categories) == SK_ARRAY_LEN(category_weights), "one weight each");

static const char *const rooms[] = {
    "101",
    "102",
    "105",
    "112",
    "118",
    "201",
    "204",
    "207",
    "210",
    "215",
    "301",
    "305",
    "310",
    "312",
    "Bibliotēka",
    "Sporta zāle",
    "Aktu zāle",
    "Metālapstrādes darbnīca",
    "Autotransporta darbnīca",
    "Šūšanas darbnīca",
    "Ēdināšanas mācību virtuve",
    "Mehatronikas laboratorija",
    "Skolotāju istaba",
    "Dienesta viesnīca",
};

static const char *const suppliers[] = {
    "SIA Dateks", "SIA Capital",        "SIA Elko Grupa",
    "SIA Tet",    "SIA RD Electronics", "SIA Datortehnika",
};

static const char *const es_projects[] = {
    "8.1.2.0/17/I/001",
    "8.1.3.0/16/I/001",
    "8.5.1.0/16/I/001",
    "5.2.1.1.i.0/2/24/I/CFLA/001",
};

/* Fictional staff names (teachers' own laptops). */
static const char *const staff_names[] = {
    "Anna Bērziņa",  "Jānis Kalniņš",  "Ilze Ozoliņa",       "Mārtiņš Liepiņš", "Līga Krūmiņa",
    "Andris Zariņš", "Inese Vītola",   "Kristaps Pētersons", "Dace Eglīte",     "Edgars Balodis",
    "Santa Jansone", "Raivis Kļaviņš", "Zane Grīnberga",     "Gatis Ābele",     "Sanita Šmite",
};

static const char *const repair_notes[] = {
    "Nomainīts akumulators",      "Salūzis ekrāna eņģes stiprinājums",
    "Jāmaina projektora lampa",   "Netiek ielādēta operētājsistēma; nodots servisā",
    "Tastatūrai trūkst taustiņu",
};

/* The demo is laid out relative to the school year of today (sk_date_today,
 * $SKOLA_TODAY in the tests): its current year is the one `make run` opens
 * on. DEMO_BASE_YEAR is the current year the figures were written for (the
 * report's 2024./2025.); at it the demo is exactly as it was first written,
 * and dates move by whole years with the current year. */
#define DEMO_BASE_YEAR 2024

/* The school years of the report, the last one the current year: offset
 * from the current year (figures of 2021./2022. … 2024./2025.). */
struct year_row {
    int offset;
    const char *pupils, *teachers, *fte, *classrooms, *mbps;
};
static const struct year_row years[] = {
    {-3, "1228", "109", "96,700", "86", "500"},
    {-2, "1254", "112", "98,450", "86", "500"},
    {-1, "1297", "116", "101,250", "88", "1000"},
    {0, "1376", "124", "106,800", "88", "1000"},
};

bool
core_demo_set(struct forms_record *rec, const char *key, const char *text, struct sk_error *err)
{
    int fi = forms_field_index(rec->kind, key);
    if (fi < 0)
        return sk_fail(err, SK_EINVAL, "demo: no field %s", key);
    return forms_value_parse(&rec->kind->fields[fi], text, &rec->values[fi], err);
}

static void
date_text(sk_date d, char *buf)
{
    sk_date_format(d, true, buf);
}

/* Inserts rec unless its natural key is stored already. */
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

static bool
demo_years(struct storage_db *db, int64_t school_id, int cur, struct sk_error *err)
{
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_school_year);
    bool ok = true;
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(years); i++) {
        const struct year_row *y = &years[i];
        char year[16];
        snprintf(year, sizeof year, "%d", cur + y->offset);
        forms_record_defaults(&rec);
        ok = core_demo_set(&rec, "year", year, err) &&
             core_demo_set(&rec, "pupils", y->pupils, err) &&
             core_demo_set(&rec, "teachers", y->teachers, err) &&
             core_demo_set(&rec, "teacher_fte", y->fte, err) &&
             core_demo_set(&rec, "classrooms", y->classrooms, err) &&
             core_demo_set(&rec, "internet_mbps", y->mbps, err) &&
             core_demo_set(&rec, "observation_target_pct", "20", err) &&
             insert_new(db, school_id, &rec, err);
    }
    forms_record_fini(&rec);
    return ok;
}

/* One device number `n` (1-based); the generator state carries on. The
 * dates are drawn for DEMO_BASE_YEAR and moved by `shift` whole years, so
 * the generator's stream (and every device at the base year) never changes. */
static bool
demo_device(struct storage_db *db, int64_t school_id, struct rng *r, int n, int shift,
            struct forms_record *rec, struct sk_error *err)
{
    char text[128], date[16];
    forms_record_defaults(rec);

    const char *cat = categories[rng_weighted(r, category_weights, SK_ARRAY_LEN(categories))];
    /* Purchase year 2014..2025, newer years a little more likely. */
    static const int year_w[] = {3, 4, 5, 6, 7, 8, 9, 12, 12, 11, 10, 6};
    int year = 2014 + (int)rng_weighted(r, year_w, SK_ARRAY_LEN(year_w));
    const struct model *cand[SK_ARRAY_LEN(models)];
    size_t nc = 0;
    for (size_t i = 0; i < SK_ARRAY_LEN(models); i++)
        if (strcmp(models[i].category, cat) == 0 && year >= models[i].from && year <= models[i].to)
            cand[nc++] = &models[i];
    if (nc == 0) {
        /* No model of that category was sold that year: take its first. */
        for (size_t i = 0; i < SK_ARRAY_LEN(models); i++)
            if (strcmp(models[i].category, cat) == 0) {
                cand[nc++] = &models[i];
                year = models[i].from + rng_below(r, models[i].to - models[i].from + 1);
                break;
            }
    }
    const struct model *m = cand[rng_below(r, (int)nc)];
    int month = 1 + rng_below(r, year == 2025 ? 6 : 12);
    int day = 1 + rng_below(r, 28);
    sk_date bought = sk_date_from_ymd(year + shift, month, day); /* day <= 28 */

    snprintf(text, sizeof text, "LVT-%06d", n);
    if (!core_demo_set(rec, "inventory_no", text, err) ||
        !core_demo_set(rec, "category", cat, err) ||
        !core_demo_set(rec, "manufacturer", m->manufacturer, err) ||
        !core_demo_set(rec, "model", m->model, err))
        return false;
    if (m->os && !core_demo_set(rec, "os", m->os, err))
        return false;
    if (rng_below(r, 10) != 0) {
        /* Multiplying by an odd constant is a bijection: serials never repeat. */
        snprintf(text, sizeof text, "%s%08X", m->serial, (unsigned)((uint32_t)n * 2654435761u));
        if (!core_demo_set(rec, "serial", text, err))
            return false;
    }
    date_text(bought, date);
    int cost = m->cost_min + rng_below(r, m->cost_max - m->cost_min + 1);
    snprintf(text, sizeof text, "%d.%s", cost, rng_below(r, 3) == 0 ? "99" : "00");
    if (!core_demo_set(rec, "purchase_date", date, err) ||
        !core_demo_set(rec, "purchase_cost", text, err))
        return false;

    static const char *const funding[] = {"PF", "VF", "ES", "AF"};
    static const int funding_w[] = {45, 20, 30, 5};
    const char *fund = funding[rng_weighted(r, funding_w, SK_ARRAY_LEN(funding_w))];
    if (!core_demo_set(rec, "funding", fund, err))
        return false;
    if (strcmp(fund, "ES") == 0 &&
        !core_demo_set(rec, "project", es_projects[rng_below(r, (int)SK_ARRAY_LEN(es_projects))],
                       err))
        return false;
    if (!core_demo_set(rec, "supplier", suppliers[rng_below(r, (int)SK_ARRAY_LEN(suppliers))], err))
        return false;
    date_text(sk_date_add_months(bought, rng_below(r, 2) ? 24 : 36), date);
    if (!core_demo_set(rec, "warranty_until", date, err))
        return false;
    if (!core_demo_set(rec, "room", rooms[rng_below(r, (int)SK_ARRAY_LEN(rooms))], err))
        return false;

    bool computer =
        strcmp(cat, "laptop") == 0 || strcmp(cat, "desktop") == 0 || strcmp(cat, "tablet") == 0;
    const char *group = "shared";
    if (computer) {
        static const char *const groups[] = {"pupils", "teachers", "admin", "shared"};
        static const int group_w[] = {62, 24, 9, 5};
        group = groups[rng_weighted(r, group_w, SK_ARRAY_LEN(group_w))];
    }
    if (!core_demo_set(rec, "user_group", group, err))
        return false;
    if (strcmp(group, "teachers") == 0 && strcmp(cat, "desktop") != 0 &&
        !core_demo_set(rec, "assigned_to",
                       staff_names[rng_below(r, (int)SK_ARRAY_LEN(staff_names))], err))
        return false;

    /* Status: old devices are the ones written off (about 5 % overall). */
    int age = 2025 - year;
    const char *status = "in_use";
    int x = rng_below(r, 100);
    if (age >= 6 && x < 18)
        status = "written_off";
    else if (x < 22)
        status = "in_use";
    else if (x < 26)
        status = "in_storage";
    else if (x < 28)
        status = "in_repair";
    else if (x < 30)
        status = "broken";
    else if (x < 33 && strcmp(cat, "laptop") == 0)
        status = "on_loan";
    if (!core_demo_set(rec, "status", status, err))
        return false;
    if (strcmp(status, "written_off") == 0) {
        sk_date off = sk_date_add_months(bought, 60 + rng_below(r, 48));
        sk_date last = sk_date_from_ymd(2025 + shift, 6, 30);
        date_text(off < last ? off : last, date);
        if (!core_demo_set(rec, "written_off_on", date, err))
            return false;
    } else {
        sk_date audit = rng_below(r, 4) ? sk_date_from_ymd(2024 + shift, 11, 12 + rng_below(r, 14))
                                        : sk_date_from_ymd(2023 + shift, 11, 14 + rng_below(r, 10));
        if (audit >= bought) {
            date_text(audit, date);
            if (!core_demo_set(rec, "last_audit_on", date, err))
                return false;
        }
    }
    if ((strcmp(status, "in_repair") == 0 || strcmp(status, "broken") == 0) &&
        !core_demo_set(rec, "notes", repair_notes[rng_below(r, (int)SK_ARRAY_LEN(repair_notes))],
                       err))
        return false;
    return insert_new(db, school_id, rec, err);
}

bool
core_demo(struct storage_db *db, int scale, int64_t *school_id, struct sk_error *err)
{
    if (scale < 1)
        scale = 1;
    struct storage_school school;
    struct sk_error lookup = {0};
    int64_t id = 0;
    if (!storage_begin(db, err))
        return false;
    if (storage_school_get(db, DEMO_CODE, &school, &lookup)) {
        id = school.id;
    } else if (lookup.code != SK_ENOTFOUND) {
        *err = lookup;
        storage_rollback(db);
        return false;
    } else if (!storage_school_create(db, DEMO_CODE, DEMO_NAME, DEMO_MUNICIPALITY, &id, err)) {
        storage_rollback(db);
        return false;
    }

    sk_date today = sk_date_today();
    int cur = sk_date_school_year(today);
    bool ok = demo_years(db, id, cur, err);
    struct rng r = {.s = 0x5EED2023C0FFEEu};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    for (int n = 1; ok && n <= DEMO_DEVICES * scale; n++)
        ok = demo_device(db, id, &r, n, cur - DEMO_BASE_YEAR, &rec, err);
    forms_record_fini(&rec);
    ok = ok && core_demo_kinds(db, id, scale, today, err);
    ok = ok && core_demo_observations(db, id, scale, today, err);
    if (ok)
        ok = storage_commit(db, err);
    if (!ok) {
        storage_rollback(db);
        return false;
    }
    if (school_id)
        *school_id = id;
    return true;
}
