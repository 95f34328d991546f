/* internal.h — helpers shared by the files of core/; nothing outside core/
 * includes this. */
#ifndef SKOLA_CORE_INTERNAL_H
#define SKOLA_CORE_INTERNAL_H

#include "core/core.h"

#include <iconv.h>

/* Bytes read from the input per step. */
#define CORE_CHUNK (64 * 1024)

/* The input of an import or preview as a stream of UTF-8 chunks: the file
 * (or stdin, spooled to a temporary file when the encoding must be
 * detected), the detected encoding, the BOM removed and Windows-1257
 * converted. Opened by core_reader_open(), released by core_reader_close(). */
struct core_reader {
    FILE *f;                /* owned unless it is stdin */
    bool owns_f;            /* close f in core_reader_close */
    enum core_encoding enc; /* CE_UTF8 or CE_CP1257 once open */
    iconv_t cd;             /* CP1257 -> UTF-8, or (iconv_t)-1 */
    bool at_start;          /* the BOM check is still to do */
    bool eof;               /* f is exhausted */
    char *raw;              /* owned: CORE_CHUNK bytes read from f */
    char *conv;             /* owned: converted bytes (CP1257 only) */
    size_t conv_cap;        /* bytes allocated in conv */
};

/* Opens `path` ("-" = stdin) for reading as `enc` (CE_AUTO detects: a BOM or
 * a wholly valid UTF-8 input is UTF-8, anything else Windows-1257). Fails
 * with SK_EIO. */
bool core_reader_open(struct core_reader *r, const char *path, enum core_encoding enc,
                      struct sk_error *err);
/* Reads the next chunk of UTF-8 text. *out is borrowed until the next call;
 * *n == 0 means the end. Fails with SK_EIO. */
bool core_reader_read(struct core_reader *r, const char **out, size_t *n, struct sk_error *err);
void core_reader_close(struct core_reader *r); /* accepts a zeroed reader */

/* Whether the text field type gets CSV-injection neutralisation (a leading
 * apostrophe) in the Excel profile. */
bool core_csv_is_text_type(enum forms_type t);
/* Number of apostrophes that start `s` if they are followed by one of
 * = + - @ TAB CR (the neutralised form), else 0. */
size_t core_csv_quote_run(const char *s);

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

#endif
