/* The municipality's side (SPEC §6): merges the packages of many schools.
 * Every package is checked before anything is written — its manifest, the
 * checksum of every file, the summary's rows, one school once, one school
 * year for all — and every problem is reported. Pooled figures are sums of
 * numerators over sums of denominators, never means of ratios; a school
 * whose figure is n/d adds nothing to that figure. */
#include "core/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

const char *const core_headline_metrics[] = {
    "observations.count",
    "observations.teacher_coverage",
    "devices.count",
    "devices.computers_for_pupils",
    "devices.pupils_per_computer",
    "devices.out_of_warranty",
    "staff.persons",
    "staff.support_per_100_pupils",
    "staff.vacancies_long_term",
    "staff.pd_36h",
    "consultations.count",
    "consultations.pupils_reached",
    "consultations.high_risk",
    "assessment.indicators_filled",
};
const size_t core_n_headline_metrics = SK_ARRAY_LEN(core_headline_metrics);

/* Largest data file a package may hold (a safety limit, far above real ones). */
#define PKG_MAX_FILE ((size_t)1 << 30)

/* One package folder being merged. */
struct pkg {
    const char *dir; /* borrowed from the caller */
    struct core_manifest m;
    bool is_valid; /* manifest read and every checksum right */
    char *summary; /* owned: summary.csv */
    size_t summary_len;
    char (*headline)[24]; /* owned: core_n_headline_metrics values ("" = none) */
    const char *data[4];  /* owned: the other files in core_package_files order */
    size_t len[4];
};

/* One pooled figure. */
struct pooled {
    char *metric, *dimension; /* owned */
    enum core_unit unit;
    double num, den;
    bool has_value;      /* some school had a value */
    size_t metric_order; /* first appearance of the metric */
    size_t order;        /* first appearance of the figure */
};

struct pool {
    struct pooled *a;
    size_t n, cap;
    size_t *slots; /* open addressing: index + 1, 0 = empty */
    size_t n_slots;
    size_t n_metrics;
};

struct merge {
    core_error_fn on_problem;
    void *problem_ctx;
    size_t n_problems;
};

static void problem(struct merge *mg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void
problem(struct merge *mg, const char *fmt, ...)
{
    struct sk_error e = {.code = SK_EINVAL};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    mg->n_problems++;
    if (mg->on_problem)
        mg->on_problem(mg->problem_ctx, &e);
}

/* Reads a whole file (at most max bytes). Returns 0, ENOENT, EFBIG or errno. */
static int
read_all(const char *path, size_t max, char **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    struct sk_buf b = {0};
    char chunk[65536];
    size_t got;
    int rc = 0;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + got > max) {
            rc = EFBIG;
            break;
        }
        sk_buf_add(&b, chunk, got);
    }
    if (!rc && ferror(f))
        rc = EIO;
    fclose(f);
    if (rc) {
        sk_buf_free(&b);
        return rc;
    }
    if (!b.s)
        sk_buf_add(&b, "", 0);
    *out = b.s;
    *n = b.len;
    return 0;
}

static void
check_package(struct merge *mg, struct pkg *p)
{
    char *path = sk_xasprintf("%s/manifest.json", p->dir);
    char *text = NULL;
    size_t n = 0;
    int rc = read_all(path, CORE_MANIFEST_MAX_SIZE, &text, &n);
    free(path);
    if (rc == ENOENT) {
        problem(mg, _("%s: there is no manifest.json; is this a skola municipality package?"),
                SK_QUOTE(p->dir));
        return;
    }
    if (rc == EFBIG) {
        problem(mg, _("%s: manifest.json is too large to be a package manifest."),
                SK_QUOTE(p->dir));
        return;
    }
    if (rc) {
        problem(mg, _("%s: cannot read manifest.json: %s."), SK_QUOTE(p->dir), strerror(rc));
        return;
    }
    struct sk_error e = {0};
    bool ok = core_manifest_parse(text, n, &p->m, &e);
    free(text);
    if (!ok) {
        problem(mg, "%s: %s", SK_QUOTE(p->dir), e.msg);
        return;
    }
    bool is_valid = true;
    for (size_t k = 0; k < core_package_n_files; k++) {
        const char *name = core_package_files[k];
        const struct core_manifest_file *f = NULL;
        for (size_t i = 0; i < p->m.n_files; i++)
            if (strcmp(p->m.files[i].name, name) == 0)
                f = &p->m.files[i];
        if (!f) {
            problem(mg, _("%s: manifest.json does not list %s."), SK_QUOTE(p->dir), name);
            is_valid = false;
            continue;
        }
        char *fp = sk_xasprintf("%s/%s", p->dir, name);
        char *data = NULL;
        size_t len = 0;
        rc = read_all(fp, PKG_MAX_FILE, &data, &len);
        free(fp);
        if (rc) {
            if (rc == ENOENT)
                problem(mg, _("%s: %s is missing."), SK_QUOTE(p->dir), name);
            else
                problem(mg, _("%s: cannot read %s: %s."), SK_QUOTE(p->dir), name, strerror(rc));
            is_valid = false;
            continue;
        }
        char hex[65];
        core_sha256_hex(data, len, hex);
        if (strcmp(hex, f->sha256) != 0) {
            problem(mg,
                    _("%s: %s was changed after the package was made (its SHA-256 checksum "
                      "does not match manifest.json)."),
                    SK_QUOTE(p->dir), name);
            is_valid = false;
            free(data);
            continue;
        }
        /* skola writes UTF-8: other bytes would make city.xlsx a file
         * Excel cannot open and load.sql one PostgreSQL refuses */
        if (!forms_utf8_valid(data, len)) {
            problem(mg,
                    _("%s: %s is not UTF-8 text (as skola writes it); was it saved by another "
                      "program? Ask the school for the package again."),
                    SK_QUOTE(p->dir), name);
            is_valid = false;
            free(data);
            continue;
        }
        if (strcmp(name, "summary.csv") == 0) {
            p->summary = data;
            p->summary_len = len;
        } else if (k >= 1 && k <= 4) {
            p->data[k - 1] = data; /* for the city tables */
            p->len[k - 1] = len;
        } else {
            free(data);
        }
    }
    p->is_valid = is_valid;
}

/* ------------------------------------------------------------- pooling */

static uint64_t
hash3(const char *a, const char *b, unsigned u)
{
    uint64_t h = 1469598103934665603u;
    for (; *a; a++)
        h = (h ^ (unsigned char)*a) * 1099511628211u;
    h = (h ^ 0x1f) * 1099511628211u;
    for (; *b; b++)
        h = (h ^ (unsigned char)*b) * 1099511628211u;
    return (h ^ u) * 1099511628211u;
}

static struct pooled *
pool_get(struct pool *pl, const char *metric, const char *dim, enum core_unit unit)
{
    if (pl->n * 2 >= pl->n_slots) {
        size_t n_slots = pl->n_slots ? pl->n_slots * 2 : 1024;
        size_t *slots = sk_xcalloc(n_slots, sizeof *slots);
        for (size_t i = 0; i < pl->n; i++) {
            size_t h = (size_t)hash3(pl->a[i].metric, pl->a[i].dimension, pl->a[i].unit);
            while (slots[h & (n_slots - 1)])
                h++;
            slots[h & (n_slots - 1)] = i + 1;
        }
        free(pl->slots);
        pl->slots = slots;
        pl->n_slots = n_slots;
    }
    size_t h = (size_t)hash3(metric, dim, unit);
    for (;; h++) {
        size_t s = pl->slots[h & (pl->n_slots - 1)];
        if (!s)
            break;
        struct pooled *f = &pl->a[s - 1];
        if (f->unit == unit && strcmp(f->metric, metric) == 0 && strcmp(f->dimension, dim) == 0)
            return f;
    }
    if (pl->n == pl->cap) {
        pl->cap = pl->cap ? pl->cap * 2 : 256;
        pl->a = sk_xrealloc(pl->a, pl->cap * sizeof *pl->a);
    }
    struct pooled *f = &pl->a[pl->n];
    memset(f, 0, sizeof *f);
    f->metric = sk_xstrdup(metric);
    f->dimension = sk_xstrdup(dim);
    f->unit = unit;
    f->order = pl->n;
    f->metric_order = SIZE_MAX;
    for (size_t i = pl->n; i-- > 0;)
        if (strcmp(pl->a[i].metric, metric) == 0) {
            f->metric_order = pl->a[i].metric_order;
            break;
        }
    if (f->metric_order == SIZE_MAX)
        f->metric_order = pl->n_metrics++;
    pl->slots[h & (pl->n_slots - 1)] = ++pl->n;
    return f;
}

static void
pool_fini(struct pool *pl)
{
    for (size_t i = 0; i < pl->n; i++) {
        free(pl->a[i].metric);
        free(pl->a[i].dimension);
    }
    free(pl->a);
    free(pl->slots);
}

/* A number as the summary writes it: [-]digits[.digits], locale-free. */
static bool
parse_number(const char *s, double *out)
{
    if (!*s) {
        *out = 0;
        return true;
    }
    bool neg = *s == '-';
    if (neg)
        s++;
    double v = 0, scale = 1;
    bool digits = false, dot = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            digits = true;
            if (dot) {
                scale /= 10;
                v += (*s - '0') * scale;
            } else {
                v = v * 10 + (*s - '0');
            }
        } else if (*s == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    *out = neg ? -v : v;
    return digits;
}

/* Parsing one summary.csv with libcsv. */
struct sum_parse {
    struct merge *mg;
    struct pkg *p;
    struct pool *pl;
    char *cells[8];
    size_t n_cells;
    bool too_many;
    size_t line; /* records seen, header = 1 */
    bool is_bad; /* a problem was reported; the rest is skipped */
};

static const char *const summary_header[] = {"school_code", "year",      "metric",      "dimension",
                                             "value",       "numerator", "denominator", "unit"};

static void
sum_cell(void *s, size_t n, void *ctx)
{
    struct sum_parse *sp = ctx;
    if (sp->n_cells == 8) {
        sp->too_many = true;
        return;
    }
    sp->cells[sp->n_cells++] = sk_xstrndup(s ? s : "", n);
}

static void
sum_record(int c, void *ctx)
{
    (void)c;
    struct sum_parse *sp = ctx;
    sp->line++;
    struct pkg *p = sp->p;
    if (sp->is_bad)
        goto done;
    if (sp->too_many || sp->n_cells != 8) {
        problem(sp->mg, _("%s: summary.csv record %zu does not have 8 columns."), SK_QUOTE(p->dir),
                sp->line);
        sp->is_bad = true;
        goto done;
    }
    if (sp->line == 1) {
        for (size_t i = 0; i < 8; i++)
            if (strcmp(sp->cells[i], summary_header[i]) != 0) {
                problem(sp->mg, _("%s: summary.csv does not start with the summary header."),
                        SK_QUOTE(p->dir));
                sp->is_bad = true;
                break;
            }
        goto done;
    }
    char year[16];
    snprintf(year, sizeof year, "%d", p->m.year);
    enum core_unit unit;
    double num = 0, den = 0;
    if (strcmp(sp->cells[0], p->m.school_code) != 0 || strcmp(sp->cells[1], year) != 0) {
        problem(sp->mg, _("%s: summary.csv record %zu is not of school %s, year %d."),
                SK_QUOTE(p->dir), sp->line, SK_QUOTE(p->m.school_code), p->m.year);
        sp->is_bad = true;
    } else if (!core_unit_parse(sp->cells[7], &unit) || !parse_number(sp->cells[5], &num) ||
               !parse_number(sp->cells[6], &den) || !sp->cells[2][0]) {
        problem(sp->mg, _("%s: summary.csv record %zu is not a summary figure."), SK_QUOTE(p->dir),
                sp->line);
        sp->is_bad = true;
    } else {
        bool is_nd = strcmp(sp->cells[4], "n/d") == 0;
        struct pooled *f = sp->pl ? pool_get(sp->pl, sp->cells[2], sp->cells[3], unit) : NULL;
        if (f && !is_nd) {
            f->num += num;
            f->den += den;
            f->has_value = true;
        }
        if (!sp->cells[3][0])
            for (size_t i = 0; i < core_n_headline_metrics; i++)
                if (strcmp(core_headline_metrics[i], sp->cells[2]) == 0)
                    snprintf(p->headline[i], sizeof p->headline[i], "%s", sp->cells[4]);
    }
done:
    for (size_t i = 0; i < sp->n_cells; i++)
        free(sp->cells[i]);
    sp->n_cells = 0;
    sp->too_many = false;
}

/* Reads p's summary: with pl NULL only checks it; else adds it to the pool. */
static bool
read_summary(struct merge *mg, struct pkg *p, struct pool *pl)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL) != 0)
        return false;
    struct sum_parse sp = {.mg = mg, .p = p, .pl = pl};
    p->headline = sk_xcalloc(core_n_headline_metrics, sizeof *p->headline);
    bool ok = csv_parse(&parser, p->summary, p->summary_len, sum_cell, sum_record, &sp) ==
                  p->summary_len &&
              csv_fini(&parser, sum_cell, sum_record, &sp) == 0;
    for (size_t i = 0; i < sp.n_cells; i++)
        free(sp.cells[i]);
    csv_free(&parser);
    if (!ok && !sp.is_bad) {
        problem(mg, _("%s: summary.csv is not valid CSV."), SK_QUOTE(p->dir));
        sp.is_bad = true;
    }
    if (!sp.is_bad) {
        const struct core_manifest_file *f = NULL;
        for (size_t i = 0; i < p->m.n_files; i++)
            if (strcmp(p->m.files[i].name, "summary.csv") == 0)
                f = &p->m.files[i];
        if (f && sp.line != (size_t)f->rows + 1) {
            problem(mg, _("%s: summary.csv has %zu figures, but manifest.json says %lld."),
                    SK_QUOTE(p->dir), sp.line ? sp.line - 1 : 0, (long long)f->rows);
            sp.is_bad = true;
        }
    }
    return !sp.is_bad;
}

static int
cmp_pooled(const void *a, const void *b)
{
    const struct pooled *x = a, *y = b;
    if (x->metric_order != y->metric_order)
        return x->metric_order < y->metric_order ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int
cmp_pkg_code(const void *a, const void *b)
{
    const struct pkg *x = *(const struct pkg *const *)a, *y = *(const struct pkg *const *)b;
    int c = strcmp(x->m.school_code, y->m.school_code);
    return c ? c : strcmp(x->dir, y->dir);
}

/* ------------------------------------------------------------- output */

/* A figure value in the excel profile: decimal comma. */
static void
excel_number(struct sk_buf *b, const char *s)
{
    for (; *s; s++)
        sk_buf_add(b, *s == '.' ? "," : s, 1);
}

static char *
fmt_number(double v, char *buf, size_t cap)
{
    struct core_figure f = {.num = v, .unit = CU_FTE, .has_value = true};
    return (char *)core_figure_value(&f, false, buf, cap);
}

static void
write_summary(struct sk_buf *b, const struct core_summary *s, bool excel)
{
    const char sep = excel ? ';' : ',';
    const char *eol = excel ? "\r\n" : "\n";
    if (excel)
        sk_buf_adds(b, "\xef\xbb\xbfSkolas kods;Mācību gads;Rādītājs;Dimensija;Vērtība;"
                       "Skaitītājs;Saucējs;Mērvienība\r\n");
    else
        sk_buf_adds(b, "school_code,year,metric,dimension,value,numerator,denominator,unit\n");
    for (size_t i = 0; i < s->n; i++) {
        const struct core_figure *f = &s->figs[i];
        char value[32], num[32], den[32];
        bool ratio = f->unit == CU_PERCENT || f->unit == CU_RATIO;
        sk_buf_addf(b, "%c%d%c", sep, s->year, sep);
        core_csv_text_cell(b, f->metric, sep, excel);
        sk_buf_add(b, &sep, 1);
        core_csv_text_cell(b, f->dimension, sep, excel);
        sk_buf_add(b, &sep, 1);
        const char *cells[3] = {core_figure_value(f, false, value, sizeof value),
                                fmt_number(f->num, num, sizeof num),
                                ratio ? fmt_number(f->den, den, sizeof den) : ""};
        for (size_t k = 0; k < 3; k++) {
            if (excel)
                excel_number(b, cells[k]);
            else
                sk_buf_adds(b, cells[k]);
            sk_buf_add(b, &sep, 1);
        }
        sk_buf_adds(b, core_unit_name(f->unit));
        sk_buf_adds(b, eol);
    }
}

static void
write_schools(struct sk_buf *b, struct pkg *const *pk, size_t n, bool excel)
{
    const char sep = excel ? ';' : ',';
    const char *eol = excel ? "\r\n" : "\n";
    if (excel)
        sk_buf_adds(b, "\xef\xbb\xbfSkolas kods;Skola;Pašvaldība");
    else
        sk_buf_adds(b, "school_code,school_name,municipality");
    for (size_t i = 0; i < core_n_headline_metrics; i++) {
        sk_buf_add(b, &sep, 1);
        sk_buf_adds(b, core_headline_metrics[i]);
    }
    sk_buf_adds(b, eol);
    for (size_t k = 0; k < n; k++) {
        core_csv_text_cell(b, pk[k]->m.school_code, sep, excel);
        sk_buf_add(b, &sep, 1);
        core_csv_text_cell(b, pk[k]->m.school_name, sep, excel);
        sk_buf_add(b, &sep, 1);
        core_csv_text_cell(b, pk[k]->m.municipality, sep, excel);
        for (size_t i = 0; i < core_n_headline_metrics; i++) {
            double v;
            sk_buf_add(b, &sep, 1);
            if (excel && !parse_number(pk[k]->headline[i], &v) &&
                core_csv_neutralise(pk[k]->headline[i], true))
                core_csv_text_cell(b, pk[k]->headline[i], sep, true); /* not a number: text */
            else if (excel)
                excel_number(b, pk[k]->headline[i]);
            else
                sk_buf_adds(b, pk[k]->headline[i]);
        }
        sk_buf_adds(b, eol);
    }
}

static const char *const out_names[] = {
    "summary.csv",         "summary-excel.csv", "schools.csv", "schools-excel.csv", "city.xlsx",
    "self-assessment.csv", "priorities.csv",    "devices.csv", "staff.csv",         "load.sql"};
/* The CSV files of out_names written by the loop below (city.xlsx and the
 * city tables follow). */
#define N_OUT_LOOP 4

/* The first sheets of city.xlsx (issue 16): the pooled summary and the
 * schools, numbers as numbers; text from the packages is always a string.
 * core_city_tables adds the others. */
static void
city_xlsx_sheets(struct core_xlsx *x, const struct core_summary *sum, struct pkg *const *pk,
                 size_t n)
{
    core_xlsx_summary_sheet(x, _("Summary"), sum);
    core_xlsx_sheet(x, _("Schools"), NULL);
    const char **head = sk_xcalloc(3 + core_n_headline_metrics, sizeof *head);
    head[0] = _("School code");
    head[1] = _("School");
    head[2] = _("Municipality");
    for (size_t i = 0; i < core_n_headline_metrics; i++)
        head[3 + i] = core_summary_metric_label(core_headline_metrics[i]);
    core_xlsx_header(x, head, 3 + core_n_headline_metrics);
    free(head);
    for (size_t k = 0; k < n; k++) {
        core_xlsx_row(x);
        core_xlsx_text(x, pk[k]->m.school_code);
        core_xlsx_text(x, pk[k]->m.school_name);
        core_xlsx_text(x, pk[k]->m.municipality);
        for (size_t i = 0; i < core_n_headline_metrics; i++) {
            const char *v = pk[k]->headline[i];
            const char *dot = strchr(v, '.');
            double d;
            if (v[0] && parse_number(v, &d))
                core_xlsx_number(x, d, dot ? (int)strlen(dot + 1) : 0, false);
            else
                core_xlsx_text(x, v); /* n/d, or whatever a package says */
        }
    }
}

/* Refuses an output folder that would overwrite a package or the database. */
static bool
out_allowed(const char *const *dirs, size_t n, const char *out_dir, const char *db_path,
            struct sk_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (sk_path_within(out_dir, dirs[i]) || sk_path_within(dirs[i], out_dir))
            return sk_fail(err, SK_EUSAGE,
                           _("The output folder “%s” is, contains or lies inside the package "
                             "folder “%s”; nothing was written. Choose another output folder."),
                           out_dir, dirs[i]);
    if (!storage_output_allowed(db_path, out_dir, err))
        return false;
    /* a folder with a manifest is a package (another school's, maybe):
     * merging into it would replace its summary.csv. stat follows a link. */
    char *manifest = sk_xasprintf("%s/manifest.json", out_dir);
    struct stat sb;
    bool is_pkg = stat(manifest, &sb) == 0;
    free(manifest);
    if (is_pkg)
        return sk_fail(err, SK_EUSAGE,
                       _("The output folder “%s” holds a package (it has a manifest.json); "
                         "nothing was written. Choose another output folder."),
                       SK_QUOTE(out_dir));
    for (size_t k = 0; k < SK_ARRAY_LEN(out_names); k++) {
        char *path = sk_xasprintf("%s/%s", out_dir, out_names[k]);
        bool ok = storage_output_allowed(db_path, path, err);
        free(path);
        if (!ok)
            return false;
    }
    return true;
}

bool
core_consolidate(const char *const *dirs, size_t n, const char *out_dir, const char *db_path,
                 core_error_fn on_problem, void *problem_ctx, core_progress_fn progress, void *ctx,
                 struct core_consolidate_result *res, struct sk_error *err)
{
    if (n == 0)
        return sk_fail(err, SK_EUSAGE, "%s", _("Give at least one package folder."));
    if (!out_allowed(dirs, n, out_dir, db_path, err))
        return false;
    struct merge mg = {.on_problem = on_problem, .problem_ctx = problem_ctx};
    struct pkg *pkgs = sk_xcalloc(n, sizeof *pkgs);
    struct pkg **by_code = sk_xcalloc(n, sizeof *by_code);
    size_t n_valid = 0;
    int year = 0;
    const char *year_dir = NULL;
    for (size_t i = 0; i < n; i++) {
        if (progress)
            progress(ctx, i, n + 1, dirs[i]);
        pkgs[i].dir = dirs[i];
        check_package(&mg, &pkgs[i]);
        if (!pkgs[i].m.school_code[0])
            continue; /* no manifest: nothing more to say */
        if (!year_dir) {
            year = pkgs[i].m.year;
            year_dir = dirs[i];
        } else if (pkgs[i].m.year != year) {
            problem(&mg,
                    _("%s is for the school year %d./%d., but %s is for %d./%d.; consolidate "
                      "one school year at a time."),
                    SK_QUOTE(dirs[i]), pkgs[i].m.year, pkgs[i].m.year + 1, SK_QUOTE(year_dir), year,
                    year + 1);
            pkgs[i].is_valid = false;
        }
        if (pkgs[i].is_valid && !read_summary(&mg, &pkgs[i], NULL))
            pkgs[i].is_valid = false;
        struct sk_error ce = {0};
        if (pkgs[i].is_valid &&
            !core_city_check(pkgs[i].m.school_code, pkgs[i].data, pkgs[i].len, &ce)) {
            problem(&mg, "%s: %s", SK_QUOTE(dirs[i]), ce.msg);
            pkgs[i].is_valid = false;
        }
        by_code[n_valid++] = &pkgs[i];
    }
    if (n_valid > 1)
        qsort(by_code, n_valid, sizeof *by_code, cmp_pkg_code);
    for (size_t i = 1; i < n_valid; i++)
        if (strcmp(by_code[i]->m.school_code, by_code[i - 1]->m.school_code) == 0)
            problem(&mg, _("%s and %s are both packages of school %s; give each school only once."),
                    SK_QUOTE(by_code[i - 1]->dir), SK_QUOTE(by_code[i]->dir),
                    SK_QUOTE(by_code[i]->m.school_code));

    bool ok = mg.n_problems == 0;
    if (!ok)
        sk_fail(err, SK_EINVAL, "%s", _("Some packages cannot be merged; nothing was written."));
    struct pool pl = {0};
    struct core_summary sum = {0};
    sum.year = year;
    if (ok) {
        for (size_t i = 0; i < n_valid; i++) {
            free(by_code[i]->headline);
            by_code[i]->headline = NULL;
            read_summary(&mg, by_code[i], &pl);
        }
        if (pl.n > 1) /* pl.a is NULL when nothing was pooled */
            qsort(pl.a, pl.n, sizeof *pl.a, cmp_pooled);
        for (size_t i = 0; i < pl.n; i++) {
            const struct pooled *f = &pl.a[i];
            if (f->has_value)
                core_summary_add(&sum, f->metric, f->dimension, f->unit, f->num, f->den,
                                 _("no school has this figure"));
            else
                core_summary_add_missing(&sum, f->metric, f->dimension, f->unit, 0, 0,
                                         _("no school has this figure"));
        }
        if (progress)
            progress(ctx, n, n + 1, out_dir);
        ok = core_make_dir(out_dir, err);
        /* the city tables first: they read and check every package file
         * before anything is written */
        struct core_xlsx *xl = NULL;
        /* the four CSV files of the loop below, made first: load.sql
         * carries the rows of summary.csv and schools.csv too */
        struct sk_buf files[N_OUT_LOOP] = {{0}};
        for (size_t k = 0; k < N_OUT_LOOP; k++) {
            sk_buf_adds(&files[k], "");
            if (k < 2)
                write_summary(&files[k], &sum, k == 1);
            else
                write_schools(&files[k], by_code, n_valid, k == 3);
        }
        if (ok) {
            const char **codes = sk_xcalloc(n_valid + 1, sizeof *codes);
            const char *(*data)[4] = sk_xcalloc(n_valid + 1, sizeof *data);
            size_t(*lens)[4] = sk_xcalloc(n_valid + 1, sizeof *lens);
            for (size_t i = 0; i < n_valid; i++) {
                codes[i] = by_code[i]->m.school_code;
                memcpy(data[i], by_code[i]->data, sizeof data[i]);
                memcpy(lens[i], by_code[i]->len, sizeof lens[i]);
            }
            char *path = sk_xasprintf("%s/city.xlsx", out_dir);
            struct core_xlsx *x = core_xlsx_open(path, err);
            free(path);
            if (x)
                city_xlsx_sheets(x, &sum, by_code, n_valid);
            struct core_city_csv summary = {out_names[0], files[0].s, files[0].len};
            struct core_city_csv schools = {out_names[2], files[2].s, files[2].len};
            ok = x &&
                 core_city_tables(out_dir, year, codes, (const char *const(*)[4])data,
                                  (const size_t(*)[4])lens, n_valid, x, &summary, &schools, err);
            if (ok)
                xl = x;
            else
                core_xlsx_abort(x);
            free(codes);
            free(data);
            free(lens);
        }
        for (size_t k = 0; ok && k < N_OUT_LOOP; k++) {
            char *path = sk_xasprintf("%s/%s", out_dir, out_names[k]);
            ok = sk_write_file_atomic(path, files[k].s, files[k].len, 0600, err);
            free(path);
        }
        for (size_t k = 0; k < N_OUT_LOOP; k++)
            sk_buf_free(&files[k]);
        if (ok)
            ok = core_xlsx_close(xl, err);
        else
            core_xlsx_abort(xl);
        if (ok && progress)
            progress(ctx, n + 1, n + 1, "");
    }
    if (res) {
        res->n_packages = n_valid;
        res->year = year;
        res->n_figures = sum.n;
    }
    core_summary_fini(&sum);
    pool_fini(&pl);
    for (size_t i = 0; i < n; i++) {
        free(pkgs[i].summary);
        free(pkgs[i].headline);
        for (size_t k = 0; k < 4; k++)
            free((char *)pkgs[i].data[k]);
    }
    free(pkgs);
    free(by_code);
    return ok;
}
