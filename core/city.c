/* The city tables of consolidate (issue 16): the packages' self-assessment,
 * priorities, devices and staff files merged into one file each with the
 * school's code as the first column, and load.sql, which creates typed
 * PostgreSQL tables with keys and loads every city table with psql's
 * \copy. The types come from the kinds' descriptors (a date column is
 * `date`, money `numeric(12,2)`, …); a column a descriptor does not know is
 * text. The CSV files are loaded into all-text staging tables first and
 * cast in one INSERT each, so "n/d" and empty cells become NULL. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

/* One merged table being built. */
struct city_table {
    const char *file;              /* package and city file name */
    const char *sql;               /* PostgreSQL table name */
    const struct forms_kind *kind; /* column types; NULL = staff.csv */
    const char *label;             /* the sheet's name (N_) */
    char **cols;                   /* owned: the union of the packages' headers */
    size_t n_cols;
    struct sk_buf out; /* the city CSV without its header */
    size_t rows;
};

enum sql_type { ST_TEXT, ST_DATE, ST_INT, ST_DEC3, ST_MONEY, ST_BOOL };

static enum sql_type
col_type(const struct city_table *t, const char *col)
{
    if (!t->kind) /* staff.csv: role,fte,digcompedu,pd_hours_3y */
        return strcmp(col, "fte") == 0 || strcmp(col, "pd_hours_3y") == 0 ? ST_DEC3 : ST_TEXT;
    int f = forms_field_index(t->kind, col);
    if (f < 0)
        return ST_TEXT;
    switch (t->kind->fields[f].type) {
    case FT_DATE:
        return ST_DATE;
    case FT_INT:
        return ST_INT;
    case FT_DEC3:
        return ST_DEC3;
    case FT_MONEY:
        return ST_MONEY;
    case FT_BOOL:
        return ST_BOOL;
    default:
        return ST_TEXT;
    }
}

/* Parsing one package file. */
struct city_parse {
    struct city_table *t;
    const char *code;
    char **cells;
    size_t n, cap;
    size_t line;
    size_t *map; /* package column -> city column (SIZE_MAX: not loaded) */
    size_t n_map;
    char bad[256]; /* the first value that is not what its column says */
};

/* Whether a package column is one the city tables load: a non-private
 * field of the kind (staff.csv: its four columns). */
static bool
col_known(const struct city_table *t, const char *name)
{
    if (!t->kind)
        return strcmp(name, "role") == 0 || strcmp(name, "fte") == 0 ||
               strcmp(name, "digcompedu") == 0 || strcmp(name, "pd_hours_3y") == 0;
    int f = forms_field_index(t->kind, name);
    return f >= 0 && !(t->kind->fields[f].flags & FF_PRIVATE);
}

/* Whether s is a value of a column of type ty as skola's CSV writes it. */
static bool
value_fits(enum sql_type ty, const char *s)
{
    if (!s[0] || ty == ST_TEXT)
        return true;
    if (ty == ST_DATE) {
        sk_date d;
        return strlen(s) == 10 && s[4] == '-' && sk_date_parse(s, &d);
    }
    const char *p = s + (*s == '-');
    bool digits = false, dot = false;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits = true;
        else if (*p == '.' && !dot && ty != ST_INT && ty != ST_BOOL)
            dot = true;
        else
            return false;
    }
    return digits && (ty != ST_BOOL || strcmp(s, "0") == 0 || strcmp(s, "1") == 0);
}

static size_t
city_col(struct city_table *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strcmp(t->cols[i], name) == 0)
            return i;
    t->cols = sk_xrealloc(t->cols, (t->n_cols + 1) * sizeof *t->cols);
    t->cols[t->n_cols] = sk_xstrdup(name);
    return t->n_cols++;
}

static void
cp_cell(void *s, size_t n, void *ctx)
{
    struct city_parse *p = ctx;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->cells = sk_xrealloc(p->cells, p->cap * sizeof *p->cells);
    }
    p->cells[p->n++] = sk_xstrndup(s ? s : "", n);
}

/* Rows are kept as NUL-separated cells in city column order; the city
 * header may still grow, so a row records its cells by column index. */
static void
cp_record(int c, void *ctx)
{
    (void)c;
    struct city_parse *p = ctx;
    if (p->line++ == 0) {
        p->map = sk_xcalloc(p->n ? p->n : 1, sizeof *p->map);
        p->n_map = p->n;
        for (size_t i = 0; i < p->n; i++) {
            p->map[i] = col_known(p->t, p->cells[i]) ? city_col(p->t, p->cells[i]) : SIZE_MAX;
            for (size_t j = 0; j < i; j++)
                if (p->map[j] == p->map[i])
                    p->map[i] = SIZE_MAX; /* a repeated column: the first counts */
        }
    } else {
        /* school code, then (column index, cell) pairs: "code\0idx\0cell\0…\n" */
        struct sk_buf *b = &p->t->out;
        sk_buf_adds(b, p->code);
        sk_buf_add(b, "", 1);
        for (size_t i = 0; i < p->n && i < p->n_map; i++) {
            if (p->map[i] == SIZE_MAX)
                continue;
            if (!p->bad[0] && !value_fits(col_type(p->t, p->t->cols[p->map[i]]), p->cells[i]))
                snprintf(p->bad, sizeof p->bad, _("row %zu, column %s: %s"), p->line - 1,
                         p->t->cols[p->map[i]], SK_QUOTE(p->cells[i]));
            sk_buf_addf(b, "%zu", p->map[i]);
            sk_buf_add(b, "", 1);
            sk_buf_adds(b, p->cells[i]);
            sk_buf_add(b, "", 1);
        }
        sk_buf_adds(b, "\n");
        sk_buf_add(b, "", 1);
        p->t->rows++;
    }
    for (size_t i = 0; i < p->n; i++)
        free(p->cells[i]);
    p->n = 0;
}

static bool
city_add(struct city_table *t, const char *code, const char *data, size_t len, struct sk_error *err)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL) != 0)
        return false;
    struct city_parse p = {.t = t, .code = code};
    bool ok = csv_parse(&parser, data, len, cp_cell, cp_record, &p) == len &&
              csv_fini(&parser, cp_cell, cp_record, &p) == 0;
    for (size_t i = 0; i < p.n; i++)
        free(p.cells[i]);
    free(p.cells);
    free(p.map);
    csv_free(&parser);
    if (!ok)
        return sk_fail(err, SK_EINVAL, _("%s of school %s is not valid CSV."), t->file,
                       SK_QUOTE(code));
    if (p.bad[0])
        return sk_fail(err, SK_EINVAL, _("%s of school %s has a value of the wrong type (%s)."),
                       t->file, SK_QUOTE(code), p.bad);
    return true;
}

/* The field behind a city column, for its label and choices (staff.csv's
 * role, fte and digcompedu are the staff kind's). NULL = none. */
static const struct forms_field *
col_field(const struct city_table *t, const char *col)
{
    const struct forms_kind *kind = t->kind ? t->kind : &forms_kind_staff;
    int f = forms_field_index(kind, col);
    return f < 0 ? NULL : &kind->fields[f];
}

/* One cell of the workbook, typed as load.sql types the column. */
static void
sheet_cell(struct core_xlsx *x, const struct city_table *t, size_t c, const char *s)
{
    sk_date d;
    char *end;
    double v = s[0] ? strtod(s, &end) : 0;
    bool is_num = s[0] && *end == '\0';
    switch (col_type(t, t->cols[c])) {
    case ST_DATE:
        if (s[0] && sk_date_parse(s, &d)) {
            core_xlsx_date(x, d);
            return;
        }
        break;
    case ST_INT:
    case ST_BOOL:
        if (is_num) {
            core_xlsx_number(x, v, 0, false);
            return;
        }
        break;
    case ST_DEC3:
        if (is_num) {
            core_xlsx_decimal(x, v);
            return;
        }
        break;
    case ST_MONEY:
        if (is_num) {
            core_xlsx_money(x, v);
            return;
        }
        break;
    case ST_TEXT: {
        const struct forms_field *f = col_field(t, t->cols[c]);
        for (size_t k = 0; f && f->type == FT_ENUM && k < f->n_choices; k++)
            if (strcmp(f->choices[k].key, s) == 0) {
                core_xlsx_text(x, forms_choice_label(&f->choices[k]));
                return;
            }
        break;
    }
    }
    core_xlsx_text(x, s); /* text, or a value that is not what its column says */
}

static void
sheet_header(struct core_xlsx *x, const struct city_table *t)
{
    core_xlsx_sheet(x, _(t->label), NULL);
    const char **head = sk_xcalloc(t->n_cols + 1, sizeof *head);
    head[0] = _("School code");
    for (size_t i = 0; i < t->n_cols; i++) {
        const struct forms_field *f = col_field(t, t->cols[i]);
        head[i + 1] = f                                        ? forms_field_label(f)
                      : strcmp(t->cols[i], "pd_hours_3y") == 0 ? _("PD hours in 3 years")
                                                               : t->cols[i];
    }
    core_xlsx_header(x, head, t->n_cols + 1);
    free(head);
}

/* The city CSV: school_code and the union of the columns. */
static char *
city_csv(const struct city_table *t, struct core_xlsx *x, size_t *len)
{
    if (x)
        sheet_header(x, t);
    struct sk_buf b = {0};
    sk_buf_adds(&b, "school_code");
    for (size_t i = 0; i < t->n_cols; i++) {
        sk_buf_adds(&b, ",");
        core_csv_cell(&b, t->cols[i], ',');
    }
    sk_buf_adds(&b, "\n");
    const char **row = sk_xcalloc(t->n_cols + 1, sizeof *row);
    const char *p = t->out.s, *end = t->out.s + t->out.len;
    while (p && p < end) {
        const char *code = p;
        p += strlen(p) + 1;
        for (size_t i = 0; i < t->n_cols; i++)
            row[i] = "";
        while (*p != '\n') {
            size_t idx = (size_t)strtoul(p, NULL, 10);
            p += strlen(p) + 1;
            if (idx < t->n_cols)
                row[idx] = p;
            p += strlen(p) + 1;
        }
        p += 2; /* "\n\0" */
        core_csv_cell(&b, code, ',');
        for (size_t i = 0; i < t->n_cols; i++) {
            sk_buf_adds(&b, ",");
            core_csv_cell(&b, row[i], ',');
        }
        sk_buf_adds(&b, "\n");
        if (x) {
            core_xlsx_row(x);
            core_xlsx_text(x, code);
            for (size_t i = 0; i < t->n_cols; i++)
                sheet_cell(x, t, i, row[i]);
        }
    }
    free(row);
    *len = b.len;
    return b.s;
}

/* ------------------------------------------------------------- load.sql */

/* An SQL identifier: lower-case letters, digits and "_" ("devices.count"
 * becomes devices_count); quoted, so a key can never break out. */
static void
sql_ident(struct sk_buf *b, const char *s)
{
    sk_buf_adds(b, "\"");
    for (; *s; s++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (!ok)
            c = '_';
        sk_buf_add(b, &c, 1);
    }
    sk_buf_adds(b, "\"");
}

static const char *const sql_type_name[] = {"text",          "date",          "bigint",
                                            "numeric(14,3)", "numeric(14,2)", "boolean"};

/* The staging column c cast to its type; empty is NULL, and for a number
 * "n/d" too (text keeps it). */
static void
sql_cast(struct sk_buf *b, const char *col, enum sql_type ty)
{
    sk_buf_adds(b, ty == ST_TEXT ? "NULLIF(" : "NULLIF(NULLIF(");
    sql_ident(b, col);
    sk_buf_adds(b, ty == ST_TEXT ? ", '')" : ", ''), 'n/d')");
    if (ty != ST_TEXT)
        sk_buf_addf(b, "::%s", sql_type_name[ty]);
}

/* COPY's text format of one CSV file's rows (its header left out): cells
 * separated by tabs, a backslash, tab, line break or carriage return
 * escaped. Unlike CSV, this format carries every text exactly: a line of
 * a quoted CSV cell that is just "\." ends psql's \copy (and the server's
 * CSV reader) as if the data ended there. */
struct copy_text {
    struct sk_buf *b;
    size_t record, cell;
};

static void
ct_cell(void *s, size_t n, void *ctx)
{
    struct copy_text *c = ctx;
    if (c->record == 0)
        return;
    if (c->cell++)
        sk_buf_adds(c->b, "\t");
    const char *p = s ? s : "";
    for (size_t i = 0; i < n; i++) {
        switch (p[i]) {
        case '\\':
            sk_buf_adds(c->b, "\\\\");
            break;
        case '\t':
            sk_buf_adds(c->b, "\\t");
            break;
        case '\n':
            sk_buf_adds(c->b, "\\n");
            break;
        case '\r':
            sk_buf_adds(c->b, "\\r");
            break;
        default:
            sk_buf_add(c->b, p + i, 1);
        }
    }
}

static void
ct_record(int ch, void *ctx)
{
    (void)ch;
    struct copy_text *c = ctx;
    if (c->record++)
        sk_buf_adds(c->b, "\n");
    c->cell = 0;
}

/* One staging table, every column text, and its rows: \copy FROM stdin
 * reads them from load.sql itself, up to the line "\.", which escaped
 * data never is. */
static void
sql_stage(struct sk_buf *b, const char *table, const struct core_city_csv *csv,
          const char *const *cols, size_t n)
{
    sk_buf_adds(b, "CREATE TEMP TABLE ");
    sql_ident(b, table);
    sk_buf_adds(b, " (");
    for (size_t i = 0; i < n; i++) {
        sk_buf_adds(b, i ? ", " : "");
        sql_ident(b, cols[i]);
        sk_buf_adds(b, " text");
    }
    sk_buf_addf(b, ") ON COMMIT DROP;\n-- the rows of %s\n\\copy ", csv->name);
    sql_ident(b, table);
    sk_buf_adds(b, " FROM stdin WITH (FORMAT text)\n");
    struct csv_parser parser;
    struct copy_text c = {.b = b};
    if (csv_init(&parser, CSV_APPEND_NULL) == 0) {
        /* skola's own CSV, checked when the packages were read */
        csv_parse(&parser, csv->data, csv->len, ct_cell, ct_record, &c);
        csv_fini(&parser, ct_cell, ct_record, &c);
        csv_free(&parser);
    }
    sk_buf_adds(b, "\\.\n");
}

static void
sql_kind_table(struct sk_buf *b, const struct city_table *t, const struct core_city_csv *csv)
{
    sk_buf_addf(b, "\n-- %s: one row per row of the schools' %s\n", t->sql, t->file);
    sk_buf_adds(b, "CREATE TABLE ");
    sql_ident(b, t->sql);
    sk_buf_adds(b, " (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                   "  school_code text NOT NULL REFERENCES schools (school_code)");
    for (size_t i = 0; i < t->n_cols; i++) {
        sk_buf_adds(b, ",\n  ");
        sql_ident(b, t->cols[i]);
        sk_buf_addf(b, " %s", sql_type_name[col_type(t, t->cols[i])]);
    }
    /* the kind's natural key is unique within a school (the upsert key) */
    size_t n_key = 0, n_have = 0;
    for (size_t f = 0; t->kind && f < t->kind->n_fields; f++)
        if (t->kind->fields[f].flags & FF_NATKEY) {
            n_key++;
            for (size_t i = 0; i < t->n_cols; i++)
                n_have += strcmp(t->cols[i], t->kind->fields[f].key) == 0;
        }
    if (n_key && n_key == n_have) {
        sk_buf_adds(b, ",\n  UNIQUE (school_code");
        for (size_t f = 0; f < t->kind->n_fields; f++)
            if (t->kind->fields[f].flags & FF_NATKEY) {
                sk_buf_adds(b, ", ");
                sql_ident(b, t->kind->fields[f].key);
            }
        sk_buf_adds(b, ")");
    }
    sk_buf_adds(b, "\n);\n");
    const char **cols = sk_xcalloc(t->n_cols + 1, sizeof *cols);
    cols[0] = "school_code";
    for (size_t i = 0; i < t->n_cols; i++)
        cols[i + 1] = t->cols[i];
    char stage[64];
    snprintf(stage, sizeof stage, "stage_%s", t->sql);
    sql_stage(b, stage, csv, cols, t->n_cols + 1);
    free(cols);
    sk_buf_adds(b, "INSERT INTO ");
    sql_ident(b, t->sql);
    sk_buf_adds(b, " (school_code");
    for (size_t i = 0; i < t->n_cols; i++) {
        sk_buf_adds(b, ", ");
        sql_ident(b, t->cols[i]);
    }
    sk_buf_adds(b, ")\n  SELECT school_code");
    for (size_t i = 0; i < t->n_cols; i++) {
        sk_buf_adds(b, ", ");
        sql_cast(b, t->cols[i], col_type(t, t->cols[i]));
    }
    sk_buf_adds(b, " FROM ");
    sql_ident(b, stage);
    sk_buf_adds(b, ";\n");
}

static char *
load_sql(int year, struct city_table *tables, const struct core_city_csv *csv, size_t n_tables,
         const struct core_city_csv *summary, const struct core_city_csv *schools)
{
    struct sk_buf b = {0};
    sk_buf_addf(&b,
                "-- skola consolidate: the city tables of the school year %d./%d. for PostgreSQL.\n"
                "-- The rows are in this file (the CSV files' rows, in COPY's text format):\n"
                "--   psql -v ON_ERROR_STOP=1 -d DATABASE -f load.sql\n"
                "-- One transaction: all tables are created and loaded, or none.\n"
                "BEGIN;\nSET LOCAL client_encoding TO 'UTF8';\n",
                year, year + 1);

    sk_buf_adds(&b, "\n-- schools: one row per package, its headline figures (NULL = n/d)\n"
                    "CREATE TABLE schools (\n  school_code text PRIMARY KEY,\n"
                    "  school_name text NOT NULL,\n  municipality text");
    const char **cols = sk_xcalloc(3 + core_n_headline_metrics, sizeof *cols);
    cols[0] = "school_code";
    cols[1] = "school_name";
    cols[2] = "municipality";
    for (size_t i = 0; i < core_n_headline_metrics; i++) {
        cols[3 + i] = core_headline_metrics[i];
        sk_buf_adds(&b, ",\n  ");
        sql_ident(&b, core_headline_metrics[i]);
        sk_buf_adds(&b, " numeric");
    }
    sk_buf_adds(&b, "\n);\n");
    sql_stage(&b, "stage_schools", schools, cols, 3 + core_n_headline_metrics);
    sk_buf_adds(&b, "INSERT INTO schools SELECT school_code, coalesce(school_name, ''), "
                    "NULLIF(municipality, '')");
    for (size_t i = 0; i < core_n_headline_metrics; i++) {
        sk_buf_adds(&b, ", ");
        sql_cast(&b, core_headline_metrics[i], ST_DEC3);
    }
    sk_buf_adds(&b, " FROM stage_schools;\n");
    free(cols);

    static const char *const sum_cols[] = {"school_code", "year",      "metric",      "dimension",
                                           "value",       "numerator", "denominator", "unit"};
    sk_buf_adds(&b,
                "\n-- summary: the pooled figures (value = numerator / denominator for percent\n"
                "-- (× 100) and ratio; NULL = no school has the figure)\n"
                "CREATE TABLE summary (\n  year integer NOT NULL,\n  metric text NOT NULL,\n"
                "  dimension text NOT NULL,\n  value numeric,\n  numerator numeric NOT NULL,\n"
                "  denominator numeric,\n  unit text NOT NULL CHECK (unit IN "
                "('count', 'percent', 'ratio', 'hours', 'fte')),\n"
                "  PRIMARY KEY (metric, dimension, unit)\n);\n");
    sql_stage(&b, "stage_summary", summary, sum_cols, SK_ARRAY_LEN(sum_cols));
    sk_buf_adds(&b, "INSERT INTO summary SELECT year::integer, metric, coalesce(dimension, ''), ");
    sql_cast(&b, "value", ST_DEC3);
    sk_buf_adds(&b, ", numerator::numeric, ");
    sql_cast(&b, "denominator", ST_DEC3);
    sk_buf_adds(&b, ", unit FROM stage_summary;\n");

    for (size_t i = 0; i < n_tables; i++)
        sql_kind_table(&b, &tables[i], &csv[i]);
    sk_buf_adds(&b, "\nCOMMIT;\n");
    return b.s;
}

/* ---------------------------------------------------------------- entry */

static void
tables_init(struct city_table tables[static 4])
{
    const struct city_table init[] = {
        {.file = "self-assessment.csv",
         .sql = "self_assessment",
         .kind = &forms_kind_assessment,
         .label = N_("Self-assessment")},
        {.file = "priorities.csv",
         .sql = "priorities",
         .kind = &forms_kind_priority,
         .label = N_("Priorities")},
        {.file = "devices.csv",
         .sql = "devices",
         .kind = &forms_kind_device,
         .label = N_("Devices")},
        {.file = "staff.csv", .sql = "staff", .kind = NULL, .label = N_("Staff")},
    };
    _Static_assert(SK_ARRAY_LEN(init) == 4, "the four data files besides the summary");
    memcpy(tables, init, sizeof init);
}

static void
tables_fini(struct city_table tables[static 4])
{
    for (size_t k = 0; k < 4; k++) {
        for (size_t i = 0; i < tables[k].n_cols; i++)
            free(tables[k].cols[i]);
        free(tables[k].cols);
        sk_buf_free(&tables[k].out);
    }
}

bool
core_city_check(const char *code, const char *const data[4], const size_t lens[4],
                struct sk_error *err)
{
    struct city_table tables[4];
    tables_init(tables);
    bool ok = true;
    for (size_t k = 0; ok && k < 4; k++)
        ok = city_add(&tables[k], code, data[k], lens[k], err);
    tables_fini(tables);
    return ok;
}

bool
core_city_tables(const char *out_dir, int year, const char *const *codes,
                 const char *const (*data)[4], const size_t (*lens)[4], size_t n,
                 struct core_xlsx *x, const struct core_city_csv *summary,
                 const struct core_city_csv *schools, struct sk_error *err)
{
    struct city_table tables[4];
    tables_init(tables);
    struct core_city_csv csv[4] = {{0}};
    bool ok = true;
    /* every file read and checked before anything is written */
    for (size_t k = 0; ok && k < 4; k++)
        for (size_t i = 0; ok && i < n; i++)
            ok = city_add(&tables[k], codes[i], data[i][k], lens[i][k], err);
    for (size_t k = 0; ok && k < 4; k++) {
        csv[k].name = tables[k].file;
        csv[k].data = city_csv(&tables[k], x, &csv[k].len);
        char *path = sk_xasprintf("%s/%s", out_dir, tables[k].file);
        ok = sk_write_file_atomic(path, csv[k].data, csv[k].len, 0600, err);
        free(path);
    }
    if (ok) {
        char *sql = load_sql(year, tables, csv, 4, summary, schools);
        char *path = sk_xasprintf("%s/load.sql", out_dir);
        ok = sk_write_file_atomic(path, sql, strlen(sql), 0600, err);
        free(path);
        free(sql);
    }
    for (size_t k = 0; k < 4; k++)
        free((char *)csv[k].data);
    tables_fini(tables);
    return ok;
}
