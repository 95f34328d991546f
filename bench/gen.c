/* gen.c — deterministic benchmark data (SPEC §10): a device inventory CSV
 * of N rows in the rfc4180 profile, drawn from a seeded xorshift generator
 * so that every run on every machine writes the same bytes. Stand-alone
 * (no project libraries): `gen devices N SEED FILE`, `gen staff N FILE`,
 * `gen observations N SEED N_STAFF FILE`. Every row passes the
 * import's validation (dates in order, unique inventory and serial numbers,
 * a write-off date only on written-off devices). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*, as in core/demo.c. */
static uint64_t rng_state;

static uint64_t
rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static int
below(int n)
{
    return (int)((rng_next() >> 33) % (uint64_t)n);
}

#define PICK(a) (a)[below((int)(sizeof(a) / sizeof((a)[0])))]

struct model {
    const char *category, *manufacturer, *model, *os, *serial;
    int from, to, cost_min, cost_max;
};

static const struct model models[] = {
    {"laptop", "Dell", "Latitude 3420", "windows", "D3420", 2016, 2025, 620, 790},
    {"laptop", "HP", "ProBook 450 G8", "windows", "5CD1", 2016, 2025, 650, 820},
    {"laptop", "Lenovo", "ThinkPad L14", "windows", "PF2", 2016, 2025, 690, 880},
    {"laptop", "Acer", "Chromebook 314", "chromeos", "NXH", 2019, 2025, 279, 349},
    {"laptop", "Apple", "MacBook Air M1", "macos", "FVF", 2021, 2025, 999, 1149},
    {"desktop", "Dell", "OptiPlex 3080", "windows", "OPX", 2014, 2025, 560, 690},
    {"desktop", "HP", "ProDesk 400 G7", "windows", "CZC", 2014, 2025, 545, 680},
    {"desktop", "Lenovo", "ThinkCentre M70q", "windows", "MJ0", 2018, 2025, 590, 740},
    {"tablet", "Apple", "iPad (9th generation)", "ipados", "DMP", 2015, 2025, 369, 429},
    {"tablet", "Samsung", "Galaxy Tab A8", "android", "R9T", 2019, 2025, 199, 249},
    {"projector", "Epson", "EB-X49", NULL, "X4", 2014, 2025, 480, 590},
    {"projector", "BenQ", "MX535", NULL, "PD5", 2014, 2022, 390, 470},
    {"interactive_display", "Promethean", "ActivPanel 9 65\"", NULL, "AP9", 2019, 2025, 2100, 2900},
    {"interactive_whiteboard", "SMART", "Board M680", NULL, "SBM", 2014, 2017, 1300, 1800},
    {"monitor", "Dell", "P2419H", NULL, "CN0", 2016, 2025, 150, 210},
    {"printer", "HP", "LaserJet Pro M404dn", NULL, "PHB", 2016, 2025, 230, 320},
    {"multifunction_device", "Kyocera", "ECOSYS M2540dn", NULL, "VCF", 2016, 2025, 420, 560},
    {"web_camera", "Logitech", "C920 HD Pro", NULL, "LZ9", 2020, 2025, 69, 89},
    {"robotics_kit", "LEGO Education", "SPIKE Prime", NULL, "LSP", 2020, 2025, 390, 460},
    {"ups", "APC", "Back-UPS 700", NULL, "3B2", 2016, 2025, 90, 130},
    {"vr_headset", "Meta", "Quest 2", "android", "1WM", 2022, 2025, 349, 449},
};

static const char *const rooms[] = {
    "101",
    "102",
    "105",
    "112",
    "201",
    "204",
    "210",
    "301",
    "305",
    "312",
    "Bibliotēka",
    "Sporta zāle",
    "Aktu zāle",
    "Metālapstrādes darbnīca",
    "Šūšanas darbnīca",
    "Ēdināšanas mācību virtuve",
    "Skolotāju istaba",
};
static const char *const suppliers[] = {
    "SIA Dateks", "SIA Capital", "SIA Elko Grupa", "SIA Tet", "SIA RD Electronics",
};
static const char *const fundings[] = {"PF", "PF", "PF", "VF", "ES", "AF"};
static const char *const groups[] = {"pupils", "pupils", "teachers", "admin", "shared"};
static const char *const people[] = {
    "Anna Bērziņa",  "Jānis Kalniņš", "Ilze Ozoliņa", "Mārtiņš Liepiņš", "Līga Krūmiņa",
    "Andris Zariņš", "Inese Vītola",  "Dace Eglīte",  "Zane Grīnberga",  "Gatis Ābele",
};
static const char *const notes[] = {
    "Nomainīts akumulators",        "Jāmaina projektora lampa",      "Tastatūrai trūkst taustiņu",
    "Ekrānam skrāpējumi; darbojas", "Nodots servisā; gaida detaļas",
};

static void
devices(FILE *out, long n)
{
    fputs("inventory_no,category,os,manufacturer,model,serial,purchase_date,purchase_cost,"
          "funding,project,supplier,warranty_until,room,user_group,assigned_to,status,"
          "written_off_on,last_audit_on,notes\n",
          out);
    for (long i = 1; i <= n; i++) {
        const struct model *m = &PICK(models);
        int y = m->from + below(m->to - m->from + 1);
        int mo = 1 + below(12), d = 1 + below(28);
        int cost = m->cost_min + below(m->cost_max - m->cost_min + 1);
        int st = below(100);
        const char *status = st < 80   ? "in_use"
                             : st < 88 ? "in_storage"
                             : st < 91 ? "on_loan"
                             : st < 94 ? "in_repair"
                             : st < 96 ? "broken"
                                       : "written_off";
        const char *funding = PICK(fundings);
        fprintf(out, "INV-%07ld,%s,%s,%s,", i, m->category, m->os ? m->os : "", m->manufacturer);
        if (strchr(m->model, '"')) {
            fputc('"', out);
            for (const char *p = m->model; *p; p++) {
                if (*p == '"')
                    fputc('"', out);
                fputc(*p, out);
            }
            fputc('"', out);
        } else {
            fputs(m->model, out);
        }
        fprintf(out, ",%s%08ld,%04d-%02d-%02d,%d.%02d,%s,%s,%s,", m->serial, i * 7 + 13, y, mo, d,
                cost, below(100), funding, funding[0] == 'E' ? "8.1.2.0/17/I/001" : "",
                PICK(suppliers));
        if (below(4) != 0)
            fprintf(out, "%04d-%02d-%02d", y + 2 + below(3), mo, d);
        fprintf(out, ",%s,%s,%s,%s,", PICK(rooms), PICK(groups), below(5) == 0 ? PICK(people) : "",
                status);
        if (status[0] == 'w')
            fprintf(out, "%04d-12-31", y);
        fputc(',', out);
        if (below(3) == 0)
            fprintf(out, "2024-%02d-%02d", 1 + below(12), 1 + below(28));
        fputc(',', out);
        if (below(10) == 0)
            fputs(PICK(notes), out);
        fputc('\n', out);
    }
}

/* Staff names: first name × surname, unique for n <= 400. */
static const char *const first_names[] = {
    "Anna",     "Jānis", "Ilze",    "Mārtiņš", "Līga",   "Andris", "Inese",
    "Kristaps", "Dace",  "Edgars",  "Santa",   "Raivis", "Zane",   "Gatis",
    "Sanita",   "Ieva",  "Pēteris", "Laura",   "Oskars", "Baiba",
};
static const char *const surnames[] = {
    "Bērziņa", "Kalniņa", "Ozoliņa",  "Liepiņa", "Krūmiņa",   "Zariņa", "Vītola",
    "Eglīte",  "Balode",  "Jansone",  "Kļaviņa", "Grīnberga", "Ābele",  "Šmite",
    "Rozīte",  "Siliņa",  "Kārkliņa", "Avotiņa", "Priede",    "Lāce",
};

static void
staff_name(long i, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s %s", first_names[i % 20], surnames[(i / 20) % 20]);
}

static void
staff(FILE *out, long n)
{
    fputs("full_name,role,fte,employed_from\n", out);
    for (long i = 0; i < n; i++) {
        char name[64];
        staff_name(i, name, sizeof name);
        fprintf(out, "%s,%s,1,2010-09-01\n", name, i < 3 ? "deputy_head" : "teacher");
    }
}

static const char *const areas[] = {
    "STEM",
    "Valodas",
    "Tekstils",
    "Kultūras izpratne",
    "Sociālā un pilsoniskā",
    "Veselība un fiziskā aktivitāte",
    "Tehnoloģijas",
    "Ēdināšana",
    "Mehatronika",
};
static const char *const subjects[] = {
    "Matemātika", "Latviešu valoda", "Angļu valoda", "Šūšana",   "Fizika",
    "Ķīmija",     "Vēsture",         "Sports",       "Datorika", "Ēdienu gatavošana",
};
static const char *const purposes[] = {"quality", "experience", "group", "quality|group"};
static const char *const recs[] = {
    "", "", "content", "attitude", "material", "attitude|content", "other"};

/* Lesson observations of `n_staff` teachers (observers: the first three)
 * over the school years 2021..2024 (1 Sept 2021 .. 31 Aug 2025). */
static void
observations(FILE *out, long n, long n_staff)
{
    fputs("date,teacher,group,subject,area,pupils_present,pupils_in_group,observer,topic,purpose,"
          "crit_1_1,crit_1_2,crit_1_3,crit_2_1,crit_2_2,crit_2_3,crit_2_4,crit_3_1,crit_3_2,"
          "crit_3_3,crit_3_4,crit_4_1,crit_4_2,crit_4_3,crit_4_4,crit_4_5,crit_4_6,comment_1,"
          "improvements,recommendations,status\n",
          out);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (long i = 0; i < n; i++) {
        char teacher[64], observer[64];
        staff_name(3 + below((int)(n_staff - 3)), teacher, sizeof teacher);
        staff_name(below(3), observer, sizeof observer);
        int sy = 2021 + below(4), k = below(10); /* months Sept..June */
        int mo = (8 + k) % 12 + 1, y = mo >= 9 ? sy : sy + 1;
        int d = 1 + below(mdays[mo - 1]);
        int in_group = 12 + below(18);
        fprintf(out, "%04d-%02d-%02d,%s,T-%d%d,%s,%s,%d,%d,%s,Tēma %ld,%s", y, mo, d, teacher,
                1 + below(4), 1 + below(3), PICK(subjects), PICK(areas), in_group - below(4),
                in_group, observer, i % 97, PICK(purposes));
        for (int c = 0; c < 17; c++)
            fprintf(out, ",%d", below(10) < 8);
        fprintf(out, ",%s,%s,%s,final\n", below(3) == 0 ? "Skaidrs mērķis" : "",
                below(4) == 0 ? "Vairāk darba pāros" : "", PICK(recs));
    }
}

int
main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "staff") == 0) {
        FILE *out = fopen(argv[3], "w");
        if (!out)
            return perror(argv[3]), 3;
        staff(out, strtol(argv[2], NULL, 10));
        return fclose(out) == 0 ? 0 : 3;
    }
    if (argc == 6 && strcmp(argv[1], "observations") == 0) {
        rng_state = strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15u + 1;
        FILE *out = fopen(argv[5], "w");
        if (!out)
            return perror(argv[5]), 3;
        static char obuf[1 << 16];
        setvbuf(out, obuf, _IOFBF, sizeof obuf);
        observations(out, strtol(argv[2], NULL, 10), strtol(argv[4], NULL, 10));
        return fclose(out) == 0 ? 0 : 3;
    }
    if (argc != 5 || strcmp(argv[1], "devices") != 0) {
        fprintf(stderr, "usage: gen devices N SEED FILE\n"
                        "       gen staff N FILE\n"
                        "       gen observations N SEED N_STAFF FILE\n");
        return 2;
    }
    long n = strtol(argv[2], NULL, 10);
    rng_state = strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15u + 1;
    FILE *out = fopen(argv[4], "w");
    if (!out) {
        perror(argv[4]);
        return 3;
    }
    static char buf[1 << 16];
    setvbuf(out, buf, _IOFBF, sizeof buf);
    devices(out, n);
    if (fclose(out) != 0) {
        perror(argv[4]);
        return 3;
    }
    return 0;
}
