/* core.h — the interface of core/: CSV import/export (libcsv), demo data and
 * (later) summaries and the municipality package. No curses, no SQL text;
 * only core/ includes csv.h. Nothing here prints, prompts or exits. */
#ifndef SKOLA_CORE_H
#define SKOLA_CORE_H

#include <stdio.h>

#include "storage/storage.h"

/* ------------------------------------------------------------ CSV import */

enum core_encoding { CE_AUTO, CE_UTF8, CE_CP1257, CE_UTF16LE, CE_UTF16BE };
enum core_mode { CM_INSERT, CM_UPSERT };

/* Parses "auto", "utf-8"/"utf8", "cp1257"/"windows-1257", "utf-16le",
 * "utf-16be" (a UTF-16 file with a byte order mark is found by "auto"). */
bool core_encoding_parse(const char *s, enum core_encoding *out);
const char *core_encoding_name(enum core_encoding e);

/* Called once for every problem in the file, in file order. `e` is borrowed
 * for the call: e->line/e->column are the physical line where the record
 * starts and the 1-based column, e->field the field key (or NULL). */
typedef void (*core_error_fn)(void *ctx, const struct sk_error *e);

struct core_import_opts {
    enum core_encoding encoding; /* CE_AUTO detects UTF-8 (with/without BOM) vs Windows-1257 */
    char separator;              /* 0 = detect ',', ';' or TAB from the header line */
    enum core_mode mode;         /* insert: natural key must be new; upsert: update if it exists */
    bool dry_run;                /* validate everything, write nothing */
    bool create_references;      /* unknown staff names are created (role teacher) */
    bool allow_duplicates;       /* import rows identical to stored records (see below) */
    bool multiline_ok;           /* take quoted values with line breaks as written */
    bool strict;                 /* an unknown column is an error, not a warning */
    core_error_fn on_error;      /* every row error; may be NULL */
    core_error_fn on_warning;    /* an ignored column (code SK_OK); may be NULL */
    void *ctx;
};

/* The first column of every export: the record's stable id (issue 14). */
#define CORE_UID_COLUMN "uid"
enum { CORE_IMPORT_LINES = 10 }; /* lines of skipped rows kept for the summary */

struct core_import_result {
    size_t rows; /* data records read */
    size_t inserted;
    size_t updated;
    size_t unchanged;            /* upsert rows whose values equal the stored record's */
    size_t n_errors;             /* problems reported through on_error */
    size_t n_warnings;           /* columns ignored (reported through on_warning) */
    enum core_encoding encoding; /* what was used */
    char separator;              /* what was used */
    /* Kinds without a natural key (observations, consultations...): rows
     * identical to a stored record, or to an earlier row of the file, are
     * skipped unless opts->allow_duplicates. The first CORE_IMPORT_LINES
     * lines of each are kept (repeated_of: the line each repeats). */
    size_t skipped_existing;
    size_t skipped_repeated;
    long existing_lines[CORE_IMPORT_LINES];
    long repeated_lines[CORE_IMPORT_LINES];
    long repeated_of[CORE_IMPORT_LINES];
    /* References accepted only once case and diacritics were folded, one
     * per distinct spelling; owned: core_import_result_fini. */
    struct core_import_folded *folded;
    size_t n_folded;
};

/* A reference written differently from the stored name ("Ilze Bērzina"
 * for "Ilze Bērziņa") that matched it once folded. */
struct core_import_folded {
    char *given;  /* owned: as written in the file */
    char *stored; /* owned: the name it was read as */
    size_t rows;  /* rows that wrote it so */
};
void core_import_result_fini(struct core_import_result *res); /* accepts NULL */
/* The summary lines about skipped duplicate rows and folded references,
 * each ending in a newline ("" when there are none); owned. The CLI and
 * the TUI's import wizard both show them. */
char *core_import_notes(const struct core_import_result *res);

/* Imports a CSV file of `kind` into school_id, atomically: every row is
 * validated and every problem reported; if there is any, nothing is written
 * and the function returns false with err->code = SK_EINVAL. I/O problems
 * are SK_EIO, database ones SK_EDB. `path` "-" reads stdin. */
bool core_import_file(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                      const char *path, const struct core_import_opts *opts,
                      struct core_import_result *res, struct sk_error *err);
/* Details of core_import_file (core/csv_import.c):
 * - Header problems (a column given twice, a required column without a
 *   default left out, an unknown column with opts->strict) are reported on
 *   the header's line and stop the import after the header; a left-out
 *   column has column 0. Without strict an unknown column is a warning
 *   (on_warning) and its cells are not read. An empty header cell names no
 *   column; a value under it is an error.
 * - An empty cell of a field with a default takes the default. A number
 *   with thousands separators is read when unambiguous (core_cell_number);
 *   a value that is none of the choices names the closest one.
 * - A record's problems are reported together, ordered by column (column 0
 *   last). A row with a different number of cells than the header is one
 *   error and is not checked further; rows of empty cells are skipped.
 * - Columns left out take the field's default_text for new records; in
 *   upsert mode a stored record keeps its values for them. An empty cell is
 *   no value.
 * - A text cell that starts with apostrophes followed by = + - @ TAB or CR
 *   loses one apostrophe (the excel profile's CSV-injection escape), so an
 *   export reads back to the same data and bytes.
 * - The file is read by core/csv_read.c: a stray quote, a quoted value
 *   running over a record-like line, invalid bytes in a UTF-8 file and a
 *   NUL byte are reported like row problems (line, column or 0) and stop
 *   the reading; stdin and pipes are spooled (at most 1 GiB).
 * - On failure res->inserted/updated are 0 (nothing was written); in a dry
 *   run they say what a real import would do.
 * - A reference given by name is found exactly first; else, once case and
 *   diacritics are folded, if exactly one name matches (reported in
 *   res->folded); a name that matches several once folded is a row error.
 * - Kinds without a natural key: a row whose values (as they would be
 *   stored; references by the record they point to) equal a stored record
 *   of the school, or an earlier row of the same file, is skipped and
 *   counted (res->skipped_*), unless opts->allow_duplicates. The stored
 *   records are read once per import into a hash set. */

/* The first rows of a file as the import would see them (for the TUI's
 * preview): detected encoding and separator, the header cells and up to
 * max_rows data rows, all as UTF-8. Free with core_preview_fini. */
struct core_preview {
    enum core_encoding encoding;
    char separator;
    size_t n_cols;
    char **header; /* n_cols owned strings */
    size_t n_rows;
    char ***rows; /* n_rows rows of n_cols owned strings ("" when short) */
};
bool core_import_preview(const char *path, enum core_encoding enc, size_t max_rows,
                         struct core_preview *out, struct sk_error *err);
void core_preview_fini(struct core_preview *p);

/* ------------------------------------------------------------ CSV export */

enum core_profile {
    CP_RFC4180, /* UTF-8, ',', '.', LF, keys as headers, ISO dates */
    CP_EXCEL,   /* UTF-8 BOM, ';', decimal comma, CRLF, Latvian headers, DD.MM.YYYY */
};
bool core_profile_parse(const char *s, enum core_profile *out);

/* Writes every record of q (filter, sort and year respected) as CSV with the
 * kind's columns. *rows (may be NULL) receives the count. Excel profile
 * neutralises cells starting with = + - @ (CSV injection). */
/* Details (core/csv_export.c): only text fields (FT_TEXT, FT_MEMO, FT_REF)
 * are neutralised, with one leading apostrophe; negative numbers are not. A
 * text value that already starts with apostrophes followed by = + - @ TAB or
 * CR gets one more apostrophe in both profiles, so the import's rule (drop
 * one) is exact. core_export_path creates the file with mode 0600 (it may
 * hold private columns), fsyncs it and renames it over PATH. */
bool core_export(struct storage_db *db, const struct storage_query *q, FILE *out,
                 enum core_profile profile, size_t *rows, struct sk_error *err);
/* true when path may be written as an output; false (SK_EUSAGE, message
 * naming it) when it is the open database or its -wal, -shm or -journal.
 * Every core function that writes a file checks its paths with this. */
bool core_output_allowed(struct storage_db *db, const char *path, struct sk_error *err);
/* Same into a file path ("-" = stdout); the file is written to a temporary
 * name and renamed, so a failed export leaves no half file. */
bool core_export_path(struct storage_db *db, const struct storage_query *q, const char *path,
                      enum core_profile profile, size_t *rows, struct sk_error *err);

/* Spreadsheets (core/xlsx.c): whether path ends in ".xlsx" (any case) — the
 * file's extension chooses the format. core_export_path writes such a path
 * as a workbook: headers and choices in the user's language, dates as Excel
 * dates, money and decimals as numbers with their formats, text always a
 * string (never a formula), header row frozen, autofilter, column widths. */
bool core_path_is_xlsx(const char *path);
bool core_export_xlsx(struct storage_db *db, const struct storage_query *q, const char *path,
                      size_t *rows, struct sk_error *err);

/* ------------------------------------------------------------------ demo */

/* Fills the database with a realistic school like the one in seed 000
 * (Liepājas Valsts tehnikums): the school if missing, its school years and a
 * few hundred devices × scale. Deterministic (seeded). *school_id receives
 * the school. */
bool core_demo(struct storage_db *db, int scale, int64_t *school_id, struct sk_error *err);

/* ------------------------------------------ observation criteria templates */

/* One criteria template as `skola templates` and the settings screen show it
 * (core/templates.c). */
struct core_template_info {
    char code[48]; /* "LVT-2023" */
    char name[160];
    size_t n_crit;   /* criteria */
    int64_t sheets;  /* the school's sheets (drafts too) filled with it */
    bool is_current; /* the school's new sheets use it */
};
/* Every template, oldest first, with the school's use of it. *out owned
 * (free()); NULL when there are none. */
bool core_templates_list(struct storage_db *db, int64_t school_id, struct core_template_info **out,
                         size_t *n, struct sk_error *err);
/* Adds template `code` (name: NULL or "" = the code) from a CSV file with
 * the columns of data/observation-criteria-lvt-2023.csv: section_no,
 * section_name, criterion_code, criterion_text (any order). Encoding and
 * separator as in core_import_file; of opts only encoding, separator,
 * dry_run, on_error and ctx are used (opts may be NULL). Criterion codes
 * must be among the sheet's 17 tick columns (1.1–4.6) in their own section.
 * Every problem goes to opts->on_error with its line and column; if there is
 * any, nothing is written and the function fails with SK_EINVAL (*n_errors
 * says how many). A code that exists is SK_EINVAL before the file is read.
 * One transaction, audited. *n_crit receives the criteria read. */
bool core_template_import(struct storage_db *db, const char *path, const char *code,
                          const char *name, const struct core_import_opts *opts, size_t *n_crit,
                          size_t *n_errors, struct sk_error *err);
/* As core_template_import, with the printed sheet's wording: its title and
 * methodology reference (NULL = none); an optional column section_note of
 * the file gives a section's note (seed 000: "(…aktualizācija, apjēgšana,
 * refleksija)"). */
bool core_template_import_worded(struct storage_db *db, const char *path, const char *code,
                                 const char *name, const char *title, const char *methodology,
                                 const struct core_import_opts *opts, size_t *n_crit,
                                 size_t *n_errors, struct sk_error *err);

/* --------------------------------------------------------- yearly tables */

/* For a kind with a fill_field and an FT_INT year_field (the self-assessment:
 * one row per IKVD indicator and year): inserts the missing record of every
 * choice for `year`, other fields at their defaults, in one transaction with
 * audit. *added receives how many were created (0 when the year is complete).
 * SK_EINVAL for a kind without a yearly table (core/yearly.c). */
bool core_fill_year(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                    int year, size_t *added, struct sk_error *err);

/* ------------------------------------------------------------- summaries */

/* What a figure counts, written in the `unit` column of summary CSV. */
enum core_unit {
    CU_COUNT,   /* "count": value = numerator, no denominator */
    CU_PERCENT, /* "percent": value = numerator / denominator × 100, one decimal */
    CU_RATIO,   /* "ratio": value = numerator / denominator, one decimal (pupils per computer) */
    CU_HOURS,   /* "hours": value = numerator (a sum), no denominator */
    CU_FTE,     /* "fte": value = numerator (a sum of FTE), no denominator */
};

/* One figure of a summary (SPEC §5): every ratio keeps its numerator and
 * denominator so that the municipality can pool them (sum/sum). A ratio
 * whose denominator is missing or 0 is "n/d" (has_value false), never 0. */
struct core_figure {
    char metric[64];     /* stable key, e.g. "observations.by_area" */
    char dimension[160]; /* "" for a total; area text, criterion code, enum key … */
    double num;          /* numerator (count or sum) */
    double den;          /* denominator; meaningful for CU_PERCENT and CU_RATIO */
    enum core_unit unit;
    bool has_value;    /* false = n/d */
    char missing[160]; /* when !has_value: which input is missing (user message) */
    char shown[160];   /* the dimension for people when its part names it (a section's
                          name from the templates), else "" */
};

/* A school's summary for one school year. */
struct core_summary {
    char school_code[64];     /* "" in a pooled (consolidated) summary */
    char school_name[256];    /* "" when not known (pooled) */
    int year;                 /* school year (2023 = 2023./2024.) */
    sk_date ref_date;         /* the reference date used for devices and staff */
    struct core_figure *figs; /* owned, in output order */
    size_t n, cap;
};

/* Which parts to compute. */
enum {
    CS_OBSERVATIONS = 1u << 0,
    CS_DEVICES = 1u << 1,
    CS_STAFF = 1u << 2,
    CS_CONSULTATIONS = 1u << 3,
    CS_ASSESSMENT = 1u << 4,
    CS_LOANS = 1u << 5,
    CS_ALL = 0x3fu,
};

/* ------------------------------------------------------------- loans */

/* A new loan of a device (core/loan.c). */
struct core_loan_out {
    const char *borrower; /* a staff member's full name, a pupil's pseudonym or class */
    int borrower_kind;    /* choice index of the loan's borrower_kind */
    sk_date out_on;       /* the day it is lent (today) */
    sk_date due_on;       /* SK_DATE_NONE = no due date */
};
/* Lends device_id: stores the loan and sets the device's status to "on
 * loan", in one transaction. Refused (SK_EINVAL, a sentence naming the
 * device) when the device is written off or has a loan not returned yet. */
bool core_loan_lend(struct storage_db *db, int64_t school_id, int64_t device_id,
                    const struct core_loan_out *out, struct sk_error *err);
/* Takes device_id back on day `on`: its open loan gets returned_on, and a
 * device still "on loan" goes back "in use". SK_EINVAL when not on loan. */
bool core_loan_return(struct storage_db *db, int64_t school_id, int64_t device_id, sk_date on,
                      struct sk_error *err);
/* The device's loan not returned yet, copied into loan (initialised for
 * forms_kind_loan by the caller); *found false when there is none. */
bool core_loan_open_find(struct storage_db *db, int64_t school_id, int64_t device_id,
                         struct forms_record *loan, bool *found, struct sk_error *err);
/* The interface's rules for a loan not returned yet (loan->returned_on
 * empty), for the import: its device is not written off and has no other
 * open loan (loan->id, when stored, is not "other"). False with SK_EINVAL
 * and a sentence naming the device, *other = the open loan's id if that is
 * the reason; SK_EDB on a database error. A returned loan passes. */
bool core_loan_check_open(struct storage_db *db, int64_t school_id, const struct forms_record *loan,
                          int64_t *other, struct sk_error *err);
/* Whether a loan is out on `day` and was due before it. */
bool core_loan_is_overdue(const struct forms_record *loan, sk_date day);

/* ----------------------------------------------------------- labels */

/* Writes an A4 HTML sheet of 3 × 8 device labels (core/labels.c): the
 * devices of ids (n_ids of them, in that order) or, when ids is NULL, every
 * device of q (a devices query: its filter, sort and scope). `school` is
 * the name printed on each label. *n_labels gets the count. */
bool core_labels_write(struct storage_db *db, int64_t school_id, const char *school,
                       const struct storage_query *q, const int64_t *ids, size_t n_ids, FILE *out,
                       size_t *n_labels, struct sk_error *err);
/* The same into the file path (checked by core_output_allowed, written atomically). */
bool core_labels_path(struct storage_db *db, int64_t school_id, const char *school,
                      const struct storage_query *q, const int64_t *ids, size_t n_ids,
                      const char *path, size_t *n_labels, struct sk_error *err);

/* Computes the summary of school_id for `year`. ref_date SK_DATE_NONE = the
 * default: 1 September of the year, or today when the year is the current
 * one. Fills *out (initialised to zero by the caller; free with
 * core_summary_fini). */
bool core_summary_compute(struct storage_db *db, int64_t school_id, int year, sk_date ref_date,
                          unsigned parts, struct core_summary *out, struct sk_error *err);
void core_summary_fini(struct core_summary *s);

/* Appends a figure (the building block of every part). Numerator and
 * denominator are taken as given; den <= 0 on a CU_PERCENT/CU_RATIO figure
 * makes it n/d with `missing` as the reason (may be NULL). */
void core_summary_add(struct core_summary *s, const char *metric, const char *dimension,
                      enum core_unit unit, double num, double den, const char *missing);
/* The figure's value as text: "7.1", "15", "n/d" (one decimal for percent
 * and ratio; counts whole; hours and FTE with up to 3 decimals).
 * `decimal_comma` for Latvian text. buf >= 32 bytes. */
const char *core_figure_value(const struct core_figure *f, bool decimal_comma, char *buf,
                              size_t cap);
/* The figure's dimension for people: the label of a choice key in the
 * user's language ("Portatīvie datori" for `laptop`), "total" for a total,
 * else the dimension as it is. Borrowed (static or f->dimension). */
const char *core_figure_dimension_label(const struct core_figure *f);
/* The value for people (text output, Summaries screen): as
 * core_figure_value, but hours with at most one decimal (12.5, 12). */
const char *core_figure_value_text(const struct core_figure *f, bool decimal_comma, char *buf,
                                   size_t cap);
/* What follows the value for people: "(59 / 68)" for a percentage, the
 * ratio in words for a ratio ("per 100 pupils (13 / 1376)"), the missing
 * input of an n/d figure in parentheses, else "". Numbers with at most one
 * decimal. Returns buf. */
const char *core_figure_detail(const struct core_figure *f, bool decimal_comma, char *buf,
                               size_t cap);
const char *core_unit_name(enum core_unit u);
bool core_unit_parse(const char *s, enum core_unit *out);

/* Writes the summary as CSV rows
 * `school_code,year,metric,dimension,value,numerator,denominator,unit`
 * (header first when `header`), RFC 4180 profile. */
bool core_summary_write_csv(const struct core_summary *s, FILE *out, bool header,
                            struct sk_error *err);
/* Writes a readable table in the user's language, grouped by metric, with
 * the missing inputs of n/d figures named. */
bool core_summary_write_text(const struct core_summary *s, FILE *out, struct sk_error *err);
/* The readable name of a metric key in the user's language (the key itself
 * when it has none). Borrowed, static. */
const char *core_summary_metric_label(const char *key);
/* The summary as an .xlsx workbook (one sheet; values, numerators and
 * denominators as numbers). */
bool core_summary_xlsx_path(struct storage_db *db, const struct core_summary *s, const char *path,
                            struct sk_error *err);

/* ------------------------------------------------ municipality package */

/* Progress of a long operation: `done` of `total` steps, `what` names the
 * current step (a file name or a folder). May be NULL. */
typedef void (*core_progress_fn)(void *ctx, size_t done, size_t total, const char *what);

#define CORE_MANIFEST_FORMAT "skola-municipality-package"
#define CORE_MANIFEST_VERSION 2
/* The oldest format consolidate still reads (version 1: no snapshot_date). */
#define CORE_MANIFEST_MIN_VERSION 1
#define CORE_MANIFEST_MAX_FILES 8
/* manifest.json is refused when larger than this (bytes). */
#define CORE_MANIFEST_MAX_SIZE (64 * 1024)

/* One data file of a package as the manifest lists it. */
struct core_manifest_file {
    char name[64];   /* one of core_package_files */
    int64_t rows;    /* data rows (without the header) */
    char sha256[65]; /* 64 lowercase hex digits */
};

/* manifest.json of a municipality package (SPEC §6), written by
 * core_package_export and read back strictly by core_manifest_parse. */
struct core_manifest {
    char format[48];    /* CORE_MANIFEST_FORMAT */
    int format_version; /* CORE_MANIFEST_VERSION */
    char school_code[64];
    char school_name[256];
    char municipality[128];
    int year;                 /* school year (2023 = 2023./2024.) */
    char reference_date[11];  /* ISO: devices and staff were counted on this day */
    char snapshot_date[11];   /* ISO: the lists describe the year up to this day ("" in version 1) */
    char program_version[32]; /* skola's version that wrote it */
    char created[32];         /* UTC, YYYY-MM-DDTHH:MM:SSZ */
    struct core_manifest_file files[CORE_MANIFEST_MAX_FILES];
    size_t n_files;
};

/* The data files of a package, in the order they are written. */
extern const char *const core_package_files[];
extern const size_t core_package_n_files;

/* Parses manifest.json text (n bytes, need not be NUL-terminated): exactly
 * one JSON object with the keys of struct core_manifest ("files" an array of
 * {"name", "rows", "sha256"}), nothing else; strings within their field
 * sizes; integers non-negative. Fails with SK_EINVAL and a message saying
 * what is wrong. Safe on any input (fuzzed). */
bool core_manifest_parse(const char *text, size_t n, struct core_manifest *out,
                         struct sk_error *err);
/* The manifest as JSON text (owned string). */
char *core_manifest_format(const struct core_manifest *m);

/* SHA-256 of n bytes as 64 lowercase hex digits and a NUL. */
void core_sha256_hex(const void *data, size_t n, char out[static 65]);

/* Writes the municipality package of school_id for `year` into folder dir
 * (created if missing): summary.csv, self-assessment.csv, priorities.csv,
 * devices.csv (no assigned_to, no notes), staff.csv (role, FTE, DigCompEdu,
 * PD hours; no names) and manifest.json last. Every file goes through a
 * temporary name and a rename; nothing private (FF_PRIVATE) is written.
 * *manifest (may be NULL) receives what was written. */
bool core_package_export(struct storage_db *db, int64_t school_id, int year, const char *dir,
                         core_progress_fn progress, void *ctx, struct core_manifest *manifest,
                         struct sk_error *err);

/* What core_consolidate did. */
struct core_consolidate_result {
    size_t n_packages; /* packages merged */
    int year;
    size_t n_figures; /* pooled rows in summary.csv */
};

/* Merges 1..n municipality packages (folders) into out_dir: summary.csv
 * (pooled: numerators and denominators summed per metric and dimension;
 * school_code empty), schools.csv (one row per school, one column per
 * headline figure), and both again in the excel profile (summary-excel.csv,
 * schools-excel.csv). Every package is checked first — manifest, file
 * checksums and row counts, one school once, one school year — and every
 * problem is reported through on_problem (err->msg names the folder); if
 * there is any, nothing is written and the function fails with SK_EINVAL. */
/* out_dir must not be, lie inside or contain one of the packages, and
 * none of its files may be the database at db_path (may be NULL) or its
 * -wal etc.: refused with SK_EUSAGE before anything is read or written. */
bool core_consolidate(const char *const *dirs, size_t n, const char *out_dir, const char *db_path,
                      core_error_fn on_problem, void *problem_ctx, core_progress_fn progress,
                      void *ctx, struct core_consolidate_result *res, struct sk_error *err);
/* The headline figures (metric keys with an empty dimension) that are the
 * columns of schools.csv, in order. */
extern const char *const core_headline_metrics[];
extern const size_t core_n_headline_metrics;

/* ------------------------------------------------------ yearly report */

/* Writes the yearly self-evaluation tables of school_id for `year` as one
 * self-contained HTML document (no external resources, print CSS) to out:
 * general data, long-term vacancies and support staff (3.tabula), the
 * year's priorities, the criteria tables, observation, consultation and
 * device figures. `lv` chooses Latvian headings (else English); the data
 * are written as entered. */
/* The figures of the yearly report's table 12 (teachers' professional
 * development, core/report_pd.c) for school year `year` (1 Sep – 31 Aug):
 * teachers (role "teacher") employed on `ref`, those marked vocational,
 * vocational teachers with a training in the year, teachers with at least
 * 36 hours in the three years ending on `ref` (forms_pd_window), and the
 * teachers' trainings in the year: count, hours, cost. */
struct core_pd_table {
    int64_t teachers, vocational, vocational_trained, teachers_36h;
    int64_t trainings, hours_thousandths;
    int64_t cost_cents; /* valid when has_cost: some training has a cost */
    bool has_cost;
};
bool core_report_pd(struct storage_db *db, int64_t school_id, int year, sk_date ref,
                    struct core_pd_table *out, struct sk_error *err);

bool core_report_write(struct storage_db *db, int64_t school_id, int year, bool lv, FILE *out,
                       struct sk_error *err);
/* Same into a file through a temporary name and a rename. */
bool core_report_path(struct storage_db *db, int64_t school_id, int year, bool lv,
                      const char *path, struct sk_error *err);
/* The default name of a school's yearly output, the same in the CLI and the
 * interface: "skola-report-CODE-2023.html", "skola-package-CODE-2023" (ext
 * NULL); the code made safe for a file name. Owned. */
char *core_default_name(const char *what, const char *school_code, int year, const char *ext);
/* The same tables as an .xlsx workbook, one sheet per table (core/xlsx.c). */
bool core_report_xlsx_path(struct storage_db *db, int64_t school_id, int year, bool lv,
                           const char *path, struct sk_error *err);

/* ------------------------------------------------------------ history */

/* One line of a record's history (core/history.c), in the user's language. */
struct core_history_line {
    char when[32];  /* "15.11.2024 10:02" (UTC, as recorded) */
    char who[64];   /* the OS login */
    char field[96]; /* the field's label for a change, else "" */
    char *text;     /* owned: "In use → Written off", "created", "created by import of …" */
};
/* The history of record id of kind, newest first (storage_history): field
 * changes as old → new with labels and display values, then how it was
 * created; id < 0 (from core_history_find): the deleted record whose delete
 * audit row is -id. *out owned: core_history_free. */
bool core_history_lines(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                        int64_t id, struct core_history_line **out, size_t *n,
                        struct sk_error *err);
void core_history_free(struct core_history_line *lines, size_t n);
/* The record of kind that `key` names: its natural key (the parts of a key
 * of several fields joined by "/", e.g. "2024/1.1"), or "#N" the record
 * number (plain "N" too for kinds without a natural key), or its uid. A
 * deleted record is found by any of them from its audit rows (its history
 * starts "deleted on DATE by LOGIN"); by uid or key *id is then minus its
 * delete row's audit id, which core_history_lines takes (the record id may
 * be in use again). Fails with SK_ENOTFOUND when there is none, SK_EINVAL
 * when key cannot be one. */
bool core_history_find(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                       const char *key, int64_t *id, struct sk_error *err);

/* "libcsv 3.0.3, utf8proc 2.6.0, Nettle 3.8": the other libraries in use
 * (borrowed, static; not thread-safe on its first call). */
const char *core_libraries_version(void);

/* ------------------------------------------ who is observed (a year) */

/* The teachers of school year `year` (staff with role teacher employed in
 * it, plus anyone observed as a teacher then) and their final sheets; the
 * one count behind the summary's observations.teachers_observed,
 * .not_observed and .below_target and the "not observed yet" box
 * (core/obs_coverage.c). */
struct core_obs_coverage {
    struct storage_obs_teacher *teachers; /* owned; fewest observations first, then name */
    size_t n;
    size_t observed;     /* with at least one final sheet */
    size_t not_observed; /* with none */
    size_t below;        /* fewer than targets.per_teacher (0 when none is set) */
    struct storage_obs_targets targets;
};
bool core_obs_coverage(struct storage_db *db, int64_t school_id, int year,
                       struct core_obs_coverage *out, struct sk_error *err);
void core_obs_coverage_fini(struct core_obs_coverage *c);

/* ------------------------------------------- a teacher's observations */

/* One observation sheet of a teacher (core/teacher.c). */
struct core_teacher_sheet {
    int64_t id;         /* record id */
    sk_date date;       /* SK_DATE_NONE when undated */
    int year;           /* school year of the date; 0 when undated */
    char observer[128]; /* "" when none */
    char group[64];
    char tpl[48];   /* the code of its template (an empty or unknown one: LVT-2023) */
    bool is_final;  /* drafts are listed, but do not count in the shares */
    int met, of;    /* ticks set / criteria of the sheet assessed */
    char *comments; /* owned: the sheet's comments and improvements, one "label: text" per
                       line, labels in Latvian or English ("" none) */
};
/* One criterion of one template in one school year: this teacher's final
 * sheets of that template beside the school's final sheets of it. */
struct core_teacher_share {
    int year;
    char tpl[48];       /* the template's code */
    char tpl_name[160]; /* its name */
    int field;          /* index of the tick field in forms_kind_observation */
    char text[300];     /* "2.1. …" as the template words it */
    int64_t ticked, assessed;
    int64_t school_ticked, school_assessed;
};
/* A teacher's observations across years: the material for the yearly talk. */
struct core_teacher_record {
    int64_t staff_id;
    char name[128];
    struct core_teacher_sheet *sheets; /* owned, by date then id */
    size_t n_sheets;
    struct core_teacher_share *shares; /* owned, by year, template, criterion; only the criteria
                                          assessed on the teacher's final sheets of the year */
    size_t n_shares;
};
/* Fills *out for staff member staff_id (every sheet of theirs, every year;
 * lv: the comments' labels in Latvian). Free with core_teacher_record_fini
 * (also after a failure). */
bool core_teacher_record(struct storage_db *db, int64_t school_id, int64_t staff_id, bool lv,
                         struct core_teacher_record *out, struct sk_error *err);
void core_teacher_record_fini(struct core_teacher_record *r); /* accepts a zeroed record */
/* The staff id of the person named `name` (exactly, or once case and
 * diacritics are folded); SK_EINVAL naming the closest names when none. */
bool core_teacher_find(struct storage_db *db, int64_t school_id, const char *name,
                       int64_t *staff_id, struct sk_error *err);

/* ------------------------------------------ printed observation sheets */

/* Which sheets core_print_observations writes (core/print.c). */
struct core_print_sel {
    int year;            /* 0 = every year; else the school year year./year+1 */
    const char *teacher; /* NULL or "" = every teacher; else a staff member's name */
    const int64_t *ids;  /* n_ids > 0: exactly these sheets, in this order (year and
                            teacher ignored) */
    size_t n_ids;
    bool lv; /* Latvian labels (else English); the template's wording as it is */
};
/* Writes the selected sheets as one self-contained HTML document (inline
 * CSS, no external resources), one A4 page per sheet laid out like seed
 * 000's 1.pielikums, each with the criteria of its own template. With a
 * teacher and no year, a summary page (core_teacher_record) comes first.
 * *n_sheets receives the sheets written. No sheet matches: SK_ENOTFOUND. */
bool core_print_observations(struct storage_db *db, int64_t school_id,
                             const struct core_print_sel *sel, FILE *out, size_t *n_sheets,
                             struct sk_error *err);
/* As core_print_observations, into `path`: checked with core_output_allowed
 * and written atomically (sk_write_file_atomic, mode 0600); nothing is
 * written when no sheet matches. */
bool core_print_observations_path(struct storage_db *db, int64_t school_id,
                                  const struct core_print_sel *sel, const char *path,
                                  size_t *n_sheets, struct sk_error *err);
/* The default file name: "skola-observations-CODE[-YEAR].html" (owned). */
char *core_print_default_name(const char *school_code, int year);

#endif
