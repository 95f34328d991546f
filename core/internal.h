/* internal.h — helpers shared by the files of core/; nothing outside core/
 * includes this. */
#ifndef SKOLA_CORE_INTERNAL_H
#define SKOLA_CORE_INTERNAL_H

#include "core/core.h"

#include <iconv.h>

/* Bytes read from the input per step. */
#define CORE_CHUNK (64 * 1024)

/* The input of an import, preview or template import as a stream of UTF-8
 * chunks (core/encoding.c): the file, or standard input and other
 * non-regular files spooled to a temporary file (at most 1 GiB); a NUL byte
 * refuses the input at once; the encoding detected, the BOM removed,
 * Windows-1257 and UTF-16 converted. Opened by core_reader_open(), released
 * by core_reader_close(). */
struct core_reader {
    FILE *f;                /* owned unless it is stdin */
    bool owns_f;            /* close f in core_reader_close */
    enum core_encoding enc; /* never CE_AUTO once open */
    iconv_t cd;             /* CP1257 or UTF-16 -> UTF-8, or (iconv_t)-1 */
    bool at_start;          /* the BOM check is still to do */
    bool eof;               /* f is exhausted */
    char *raw;              /* owned: CORE_CHUNK (+ carry) bytes read from f */
    size_t carry;           /* UTF-16: bytes of a cut sequence at the start of raw */
    long long consumed;     /* bytes read from f so far */
    char *conv;             /* owned: converted bytes */
    size_t conv_cap;        /* bytes allocated in conv */
    core_error_fn on_problem; /* problems of lines found while opening; may be NULL */
    void *ctx;
    char sha256[65]; /* of the input's bytes as read (before any conversion) */
};

/* Opens `path` ("-" = stdin) for reading as `enc`. CE_AUTO detects: a
 * UTF-8 or UTF-16 BOM says it; else UTF-8 when it is valid, or when its
 * valid multi-byte sequences are at least as many as its invalid ones (then
 * each invalid byte goes to on_problem with its line and the open fails
 * with SK_EINVAL); else Windows-1257 (a byte it leaves undefined goes to
 * on_problem the same way). A NUL byte or a spool over the bound fails with
 * SK_EINVAL, a folder or I/O with SK_EIO. */
bool core_reader_open(struct core_reader *r, const char *path, enum core_encoding enc,
                      core_error_fn on_problem, void *ctx, struct sk_error *err);
/* Reads the next chunk of UTF-8 text. *out is borrowed until the next call;
 * *n == 0 means the end. Fails with SK_EIO (SK_EINVAL for bad UTF-16). */
bool core_reader_read(struct core_reader *r, const char **out, size_t *n, struct sk_error *err);
void core_reader_close(struct core_reader *r); /* accepts a zeroed reader */

/* The one CSV reader (core/csv_read.c) of every import, preview and
 * template import: a core_reader fed to libcsv one physical line at a
 * time, so that each record's first line is known; the separator detected
 * from the header line unless given; cells with CRLF turned into LF.
 * Quotes are checked: text after the closing quote of a quoted value
 * (a stray quote) and a quoted value that runs over a line that looks like
 * a record of its own (as many separators as the header) are problems that
 * stop the reading (core_csv_run fails with SK_EINVAL after on_problem). */
struct core_csv_state;
struct core_csv {
    struct core_reader in;
    char sep;           /* the separator used (after core_csv_run started) */
    long row_line;      /* physical line where the current record starts */
    size_t n;           /* cells of the current record */
    bool unterminated;  /* the record ends at EOF inside a quoted value */
    struct core_csv_state *st; /* owned */
};
/* Called for every record; returns false to stop reading. */
typedef bool (*core_csv_row_fn)(void *ctx, struct core_csv *c);
/* Opens the input (core_reader_open); problems go to on_problem(ctx). */
bool core_csv_open(struct core_csv *c, const char *path, enum core_encoding enc,
                   core_error_fn on_problem, void *ctx, struct sk_error *err);
/* Takes quoted values as written: no check for swallowed records
 * (--multiline-ok); stray quotes are still refused. */
void core_csv_multiline_ok(struct core_csv *c, bool on);
/* Reads every record into fn(ctx) (sep 0 = detect). */
bool core_csv_run(struct core_csv *c, char sep, core_csv_row_fn fn, void *ctx,
                  struct sk_error *err);
/* Cell i of the current record (NUL-terminated, writable) and its length. */
char *core_csv_text(struct core_csv *c, size_t i);
size_t core_csv_text_len(const struct core_csv *c, size_t i);
/* Whether every cell of the current record is blank (spaces, TAB, CR, LF). */
bool core_csv_row_blank(struct core_csv *c);
/* Whether the n bytes at s are only spaces, tabs and line breaks. */
bool core_is_blank(const char *s, size_t n);
void core_csv_close(struct core_csv *c); /* accepts a zeroed reader */

/* Whether the text field type gets CSV-injection neutralisation (a leading
 * apostrophe) in the Excel profile. */
bool core_csv_is_text_type(enum forms_type t);
/* Forgiving cells of an import (core/import_cells.c). A number cell of f
 * with thousands separators ("1,099.00", "1.099,00", "1,099,000") is
 * rewritten into out (cap bytes) for forms_value_parse: 1; not such a cell:
 * 0; a lone separator before three digits of money or a whole number
 * ("1,099": a thousand or a decimal?) fills err with a hint: -1. */
int core_cell_number(const struct forms_field *f, const char *text, char *out, size_t cap,
                     struct sk_error *err);
/* The message for a cell that is none of f's choices, naming the closest
 * one (edit distance on folded keys and labels) or listing them all. */
void core_cell_choice_error(const struct forms_field *f, const char *text, struct sk_error *err);
/* Number of apostrophes that start `s` if they are followed by one of
 * = + - @ TAB CR (the neutralised form), else 0. */
size_t core_csv_quote_run(const char *s);
/* Whether a text cell gets one leading apostrophe: an existing apostrophe
 * run (both profiles) or, in the Excel profile, a first character that
 * Excel would take for a formula. The one rule of export and consolidate. */
bool core_csv_neutralise(const char *s, bool excel);

/* ------------------------------------------------------------- summaries */

/* What every summary part gets: the school, the year and its dates. */
struct core_summary_ctx {
    struct storage_db *db;
    int64_t school_id;
    int year;           /* school year */
    sk_date ref_date;   /* devices and staff are counted as of this day */
    sk_date year_start; /* 1 Sept of year */
    sk_date year_end;   /* 1 Sept of year + 1 (exclusive) */
};
/* One part of the summary (core/summary_<part>.c): appends its figures with
 * core_summary_add. Registered in the `parts` table of core/summary.c. */
typedef bool (*core_summary_part_fn)(const struct core_summary_ctx *ctx, struct core_summary *out,
                                     struct sk_error *err);

/* Helpers of the summary parts (core/summary_util.c). */

/* The school_year row of one year: the denominators of the ratios. */
struct core_year_row {
    bool has_row;              /* a school_year record exists */
    bool has_pupils, has_teachers, has_teacher_fte;
    int64_t pupils, teachers;  /* persons */
    int64_t teacher_fte;       /* thousandths */
};
bool core_year_row_get(struct storage_db *db, int64_t school_id, int year,
                       struct core_year_row *out, struct sk_error *err);
/* Why pupils are missing (a user message into buf), or "" when they are not. */
const char *core_year_row_missing_pupils(const struct core_year_row *y, int year, char *buf,
                                         size_t cap);

/* Counts and sums per choice of an enum field; slot n is "no value or an
 * unknown key". Created by core_tally_init, released by core_tally_fini. */
struct core_tally {
    const struct forms_choice *choices; /* borrowed from the descriptor */
    size_t n;                           /* choices */
    double *num;                        /* owned, n + 1 counts */
    double *sum;                        /* owned, n + 1 sums */
};
void core_tally_init(struct core_tally *t, const struct forms_kind *kind, const char *field);
void core_tally_add(struct core_tally *t, const char *key, double num, double sum);
/* The dimension of slot i: the choice key, or "unknown". */
const char *core_tally_key(const struct core_tally *t, size_t i);
void core_tally_fini(struct core_tally *t);

/* Appends a figure without a value (n/d) because `missing` (a user message)
 * is missing, whatever its denominator. */
void core_summary_add_missing(struct core_summary *s, const char *metric, const char *dimension,
                              enum core_unit unit, double num, double den, const char *missing);
/* "YYYY-MM-DD" of a day. */
void core_iso(sk_date d, char buf[static 11]);

/* The summary parts (core/summary_<part>.c). */
bool core_summary_loans(const struct core_summary_ctx *ctx, struct core_summary *out,
                        struct sk_error *err);
bool core_summary_devices(const struct core_summary_ctx *ctx, struct core_summary *out,
                          struct sk_error *err);
bool core_summary_staff(const struct core_summary_ctx *ctx, struct core_summary *out,
                        struct sk_error *err);
bool core_summary_consultations(const struct core_summary_ctx *ctx, struct core_summary *out,
                                struct sk_error *err);
bool core_summary_assessment(const struct core_summary_ctx *ctx, struct core_summary *out,
                             struct sk_error *err);
bool core_summary_observations(const struct core_summary_ctx *ctx, struct core_summary *out,
                               struct sk_error *err);
/* Demo lesson observations (core/demo_observations.c): about 200 sheets
 * in the school year before today's and, up to `today`, in today's school
 * year, a few of them drafts; teachers and observers are looked up by name
 * and created when missing. */
bool core_demo_observations(struct storage_db *db, int64_t school_id, int scale, sk_date today,
                            struct sk_error *err);
/* The window of the 36-hour professional-development rule on a reference
 * date as a half-open range [from, until): forms_pd_window's three years
 * ending on the reference date, (reference - 3 years, reference]. */
void core_pd_window(sk_date reference, sk_date *from, sk_date *until);

/* Creates folder dir unless it exists (SK_EIO when it cannot). */
bool core_make_dir(const char *dir, struct sk_error *err);
/* Appends s to b as HTML text: < > & " escaped, line breaks as <br>,
 * carriage returns dropped (core/report.c; the printed sheets use it too). */
void core_html_esc(struct sk_buf *b, const char *s);
/* Appends one CSV cell, quoted when it holds sep, a quote or a line break. */
void core_csv_cell(struct sk_buf *b, const char *s, char sep);
/* The same for a text cell that may come from someone else's file: in the
 * Excel profile neutralised by core_csv_neutralise, as `export --profile excel`. */
void core_csv_text_cell(struct sk_buf *b, const char *s, char sep, bool excel);
/* UTC now as YYYY-MM-DDTHH:MM:SSZ; $SKOLA_NOW overrides it (tests). */
void core_now_utc(char *buf, size_t cap);

/* Sets field `key` of rec from text, like a CSV cell (core/demo.c). Fails
 * with SK_EINVAL for an unknown field or a text that does not parse. */
bool core_demo_set(struct forms_record *rec, const char *key, const char *text,
                   struct sk_error *err);
/* Demo data of the kinds after the devices (core/demo_kinds.c): staff,
 * trainings, vacancies, consultations, the self-assessment tables and the
 * priorities of the demo school, laid out around the school year of `today`
 * (dated no later than today); called by core_demo inside its transaction. */
bool core_demo_kinds(struct storage_db *db, int64_t school_id, int scale, sk_date today,
                     struct sk_error *err);

/* Which fields of kind an export writes (owned, one flag per field; NULL
 * with err filled on failure): core/csv_export.c. */
bool *core_export_fields(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                         struct sk_error *err);

/* consolidate's city tables (core/city.c): the packages' self-assessment,
 * priorities, devices and staff files (data[i][0..3], lens[i][0..3], in
 * core_package_files order after the summary) of the schools codes[0..n)
 * merged into one file each in out_dir with school_code first, and
 * load.sql for PostgreSQL (with the rows of these and of summary and
 * schools); with x, one typed sheet per table too. Every
 * file is read and checked first (known columns only; a value that is not
 * of its column's type fails with SK_EINVAL before anything is written). */
struct core_xlsx;
/* The same checks for one package (school code) alone, writing nothing:
 * consolidate reports a failure as a problem of that package. */
bool core_city_check(const char *code, const char *const data[4], const size_t lens[4],
                     struct sk_error *err);
/* A city CSV file's name and content; load.sql carries its rows. */
struct core_city_csv {
    const char *name;
    const char *data;
    size_t len;
};
bool core_city_tables(const char *out_dir, int year, const char *const *codes,
                      const char *const (*data)[4], const size_t (*lens)[4], size_t n,
                      struct core_xlsx *x, const struct core_city_csv *summary,
                      const struct core_city_csv *schools, struct sk_error *err);

/* ------------------------------------------------------------------ xlsx */

/* An .xlsx workbook (core/xlsx.c, libxlsxwriter) written through sk_atomic:
 * libxlsxwriter writes the locked temporary file by its name, the commit
 * renames it over the target. Cells go row by row into the current sheet;
 * text is always a string (never a formula, whatever its first character). */
struct core_xlsx;
/* Opens the workbook for path (checked with core_output_allowed first by
 * the caller). NULL with err filled when the temporary file cannot be made. */
struct core_xlsx *core_xlsx_open(const char *path, struct sk_error *err);
/* Starts a sheet named `name` (cut to Excel's 31 characters, []:*?/\ made
 * "-", a repeat numbered); with `title`, row 1 holds it. The next row is
 * the header row (core_xlsx_header). */
void core_xlsx_sheet(struct core_xlsx *x, const char *name, const char *title);
/* The header row: bold, frozen, the autofilter's first row. */
void core_xlsx_header(struct core_xlsx *x, const char *const *cells, size_t n);
/* Starts the next row (the first after the header is the first data row). */
void core_xlsx_row(struct core_xlsx *x);
void core_xlsx_text(struct core_xlsx *x, const char *s);
void core_xlsx_blank(struct core_xlsx *x);
/* A number shown with `places` decimals (0..3); `percent` appends " %". */
void core_xlsx_number(struct core_xlsx *x, double v, int places, bool percent);
/* A number with up to 3 decimals (FTE, hours). */
void core_xlsx_decimal(struct core_xlsx *x, double v);
/* Euros with two decimals and a thousands separator. */
void core_xlsx_money(struct core_xlsx *x, double euros);
/* An Excel date (DD.MM.YYYY in Latvian, YYYY-MM-DD in English). */
void core_xlsx_date(struct core_xlsx *x, sk_date d);
/* Finishes every sheet (autofilter, column widths), writes and commits. */
bool core_xlsx_close(struct core_xlsx *x, struct sk_error *err);
void core_xlsx_abort(struct core_xlsx *x);
/* One summary as a sheet (used by summary and consolidate). */
void core_xlsx_summary_sheet(struct core_xlsx *x, const char *name, const struct core_summary *s);

#endif
