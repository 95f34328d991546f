/* forms.h — the interface of forms/: shared basics (errors, allocation, dates,
 * UTF-8), record kinds as data, value parsing/formatting/validation and the
 * UTF-8 line-editing buffer. No SQLite, no curses, no CSV here. */
#ifndef SKOLA_FORMS_H
#define SKOLA_FORMS_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---------------------------------------------------------------- gettext */

#define SK_DOMAIN "skola"
#define _(s)      dgettext(SK_DOMAIN, s)
#define N_(s)     (s)
/* A msgid with a context (gettext's pgettext): C_("menu", "Export"). */
#define C_(ctx, s)      dgettext(SK_DOMAIN, ctx "\004" s)
#define SK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Two-letter code of the language messages are shown in ("lv" or "en"):
 * follows gettext (po/lv.po translates it), so it needs no state of its own. */
const char *forms_lang(void);
static inline bool
forms_lang_is_lv(void)
{
    const char *l = forms_lang();
    return l[0] == 'l' && l[1] == 'v';
}

/* ----------------------------------------------------------------- errors */

enum sk_code {
    SK_OK = 0,
    SK_EINVAL,     /* the user's data is wrong: exit 1 */
    SK_ECONFLICT,  /* someone else changed the record (optimistic version) */
    SK_ENOTFOUND,  /* no such record / school */
    SK_EUSAGE,     /* the command line is wrong: exit 2 */
    SK_EIO,        /* file system: exit 3 */
    SK_EDB,        /* database: exit 3 */
    SK_ECANCELLED, /* the caller asked to stop (storage_count_cancellable); not a failure */
};

/* One error, filled in by the callee; the caller decides how to show it. */
struct sk_error {
    enum sk_code code; /* SK_OK until something fails */
    char msg[512];     /* complete sentence in the user's language */
    const char *field; /* descriptor key of the offending field, or NULL */
    long line, column; /* CSV position (1-based); 0 when not from a file */
};

/* Fills `err` (which may be NULL) and returns false, so that callers can
 * `return sk_fail(...)`. The message is printf-formatted; a control
 * character that reaches it unquoted is shown as an escape (sk_buf_add_safe). */
bool sk_fail(struct sk_error *err, enum sk_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void sk_error_clear(struct sk_error *err);
/* Exit status for the CLI: 0 ok, 1 data, 2 usage, 3 I/O or database. */
int sk_exit_code(enum sk_code code);

/* Checked allocation: on failure print one line to stderr and abort()
 * (the only sane reaction to out-of-memory in a TUI; transactions keep the
 * database consistent). Asking for zero bytes is a bug. */
void *sk_xmalloc(size_t n);
void *sk_xcalloc(size_t n, size_t size);
void *sk_xrealloc(void *p, size_t n);
char *sk_xstrdup(const char *s);
char *sk_xstrndup(const char *s, size_t n);
/* printf into a new owned string. */
char *sk_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer with a sticky out-of-memory-free append (it aborts
 * through sk_xrealloc). `s` is always NUL-terminated once anything was added. */
struct sk_buf {
    char *s;    /* owned */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
};
void sk_buf_add(struct sk_buf *b, const char *s, size_t n);
void sk_buf_adds(struct sk_buf *b, const char *s);
void sk_buf_addf(struct sk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_buf_reset(struct sk_buf *b); /* len = 0, keeps the memory */
void sk_buf_free(struct sk_buf *b);

/* User data in a message (a cell, a file name, an argument, a school name
 * from a package): writes s into buf (size bytes) with every control
 * character (C0, DEL, C1), invisible character (bidi controls, zero-width
 * spaces, BOM) and byte that is not UTF-8 shown as an escape (\x1b, \u202e,
 * \xc4), a backslash doubled where it could be read as one, and a value too
 * long for buf cut at a character boundary with "…". Latvian letters and
 * other printable text stay as they are. Returns buf. NULL is "". */
const char *sk_quote(const char *s, char *buf, size_t size);
/* The same for the n bytes at s (NUL bytes included, shown as \x00). */
const char *sk_quoten(const char *s, size_t n, char *buf, size_t size);
/* sk_quote into a buffer that lives until the end of the enclosing block:
 * sk_fail(err, SK_EINVAL, _("“%s” is not a date"), SK_QUOTE(text)). */
#define SK_QUOTE_SIZE 160
#define SK_QUOTE(s)   sk_quote((s), (char[SK_QUOTE_SIZE]){0}, SK_QUOTE_SIZE)
/* Appends a whole message with the escapes of sk_quote (but line breaks,
 * tabs and backslashes kept, no length limit): the last safety net before
 * text reaches a terminal. */
void sk_buf_add_safe(struct sk_buf *b, const char *s);

/* ------------------------------------------------------------------ files */

/* One file written atomically (forms/file.c): a temporary ".NAME.tmp-XXXXXX"
 * beside the target, flock-ed while it exists; sk_atomic_commit fflushes,
 * fsyncs, renames it over the target and fsyncs the folder; sk_atomic_abort
 * removes it. Readers see the old file or the whole new one. */
struct sk_atomic {
    char *path; /* owned: the target */
    char *tmp;  /* owned: the temporary file's name (others may open it by name) */
    int fd;     /* holds the lock that marks the temporary file as in use */
    FILE *f;    /* owned stream for writing */
};
/* Opens a new temporary file for path with `mode` (e.g. 0600, whatever the
 * umask), after removing stale temporary files of the same target (see
 * sk_atomic_clean). Returns the stream, or NULL with err filled (SK_EIO). */
FILE *sk_atomic_open(struct sk_atomic *a, const char *path, unsigned mode, struct sk_error *err);
/* Makes the written file the target; false (SK_EIO) leaves the old target as it was. */
bool sk_atomic_commit(struct sk_atomic *a, struct sk_error *err);
void sk_atomic_abort(struct sk_atomic *a);
/* Writes data as the whole file path through sk_atomic. */
bool sk_write_file_atomic(const char *path, const char *data, size_t n, unsigned mode,
                          struct sk_error *err);
/* Removes ".NAME.tmp-XXXXXX" files of path's NAME that no process holds
 * (their writer died) and SQLite's -journal/-wal/-shm of removed ones; only
 * regular files of our own user. Returns how many it removed. */
size_t sk_atomic_clean(const char *path);
/* The real absolute path: realpath() when the file exists, else the real
 * folder plus the name. NULL when the folder does not exist. Owned. */
char *sk_path_canonical(const char *path);
/* Whether a and b name the same file: same device and inode when both
 * exist, same canonical path when neither does (symlinks, "./", "d/../"). */
bool sk_path_same(const char *a, const char *b);
/* Whether a is b or lies inside the folder b (canonical paths). */
bool sk_path_within(const char *a, const char *b);

/* ------------------------------------------------------------------ dates */

/* A calendar day as days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t sk_date;
#define SK_DATE_NONE INT32_MIN

bool sk_date_valid(int y, int m, int d);
sk_date sk_date_from_ymd(int y, int m, int d); /* caller checked sk_date_valid */
void sk_date_to_ymd(sk_date day, int *y, int *m, int *d);
sk_date sk_date_today(void); /* local time; $SKOLA_TODAY=YYYY-MM-DD overrides (tests) */
/* Parses YYYY-MM-DD, DD.MM.YYYY or D.M.YYYY (an optional trailing '.' is
 * allowed after the year). Returns false for anything else or an impossible day. */
bool sk_date_parse(const char *text, sk_date *out);
/* Writes "YYYY-MM-DD" (iso) or "DD.MM.YYYY" into buf (at least 11 bytes). */
void sk_date_format(sk_date day, bool iso, char *buf);
/* Same day `months` later (clamped to the month's last day). */
sk_date sk_date_add_months(sk_date day, int months);
/* Whole years from `from` to `to` (birthday rule; negative if to < from). */
int sk_date_years_between(sk_date from, sk_date to);
/* The school year (named by its starting year) that contains `day`:
 * 1 Sept Y .. 31 Aug Y+1 is year Y. */
int sk_date_school_year(sk_date day);

/* ------------------------------------------------------------------ codes */
/* Codes of schools and criteria templates (forms/code.c): Latin letters,
 * digits, "-", "_" and ".", not starting with "."; at most 40 bytes. false
 * with err (SK_EINVAL, a phrase to follow "School code: ") otherwise. */
bool forms_code_check(const char *code, struct sk_error *err);
/* code made safe as part of a file name (anything else becomes "_"). Owned. */
char *forms_code_file_part(const char *code);
/* s without leading and trailing ASCII white space. Owned. */
char *forms_trim_dup(const char *s);

/* ------------------------------------------------------------------ UTF-8 */

bool forms_utf8_valid(const char *s, size_t n);
/* Display width in terminal columns (combining marks 0, CJK 2). Invalid
 * bytes count as one column each. */
int forms_utf8_width(const char *s);
/* Number of code points. */
size_t forms_utf8_len(const char *s);
/* Byte length of the longest prefix of `s` whose width is <= cols. */
size_t forms_utf8_prefix_for_width(const char *s, int cols);
/* Whether code point cp is invisible in text and would make two keys that
 * look the same differ: BOM/ZWNBSP, zero-width space/joiners, soft hyphen,
 * word joiners, the bidi marks, embeddings, overrides and isolates, every
 * other default-ignorable code point (variation selectors, tag characters,
 * Hangul fillers), U+2028/U+2029 and the blank braille pattern U+2800. */
bool forms_utf8_is_invisible(int32_t cp);
/* Checks text typed or read for a text field: valid UTF-8, no control
 * character (C0, DEL, C1) except TAB and LF when `multi_line`, and no
 * invisible character (forms_utf8_is_invisible) when `is_key` (keys and
 * names). On failure fills err (SK_EINVAL, field left as it was) with a
 * message naming the character as U+XXXX. */
bool forms_text_check(const char *s, size_t n, bool multi_line, bool is_key, struct sk_error *err);
/* Whether cp is a Unicode space separator (category Zs) other than the
 * ASCII space: NBSP, U+2000..U+200A, U+202F, U+205F, U+3000... */
bool forms_utf8_is_space_sep(int32_t cp);
/* Text as it is stored (forms/normalize.c): Unicode NFC; with `is_key`
 * (keys and names) every space separator becomes a plain space, runs of
 * them one, and none is left at either end; with `multi_line` the line and
 * paragraph separators U+2028/U+2029 become line breaks. Invalid UTF-8 is
 * returned as it is (forms_text_check refuses it). Owned; *out_n is its
 * length. */
char *forms_text_normalize(const char *s, size_t n, bool is_key, bool multi_line, size_t *out_n);

/* Whole names (forms/names.c): the first place where `name` stands in `s`
 * as a whole name, not as part of a longer one ("Līga Kalniņa" is not in
 * "Līga Kalniņa-Ozola" or "Līga Kalniņas"), or NULL. A hyphen or
 * apostrophe between name characters joins them; letters and digits of any
 * script are name characters. `json`: s is JSON text, where an escape such
 * as \n before the name is a boundary. */
const char *forms_name_find(const char *s, const char *name, bool json);
/* s with every whole-name occurrence of `name` replaced by `with`: owned,
 * or NULL when the name does not occur as a whole name. */
char *forms_name_replace(const char *s, const char *name, const char *with, bool json);
/* The same, except that a hit inside an occurrence (itself a whole name) of
 * one of `others` is not the person: other known people's names that hold
 * the name as whole words ("Anna Māra Liepiņa", "Māra Liepiņa Ozola"); an
 * entry that is not longer or does not hold the name is ignored. */
const char *forms_name_find_except(const char *s, const char *name, bool json,
                                   const char *const *others, size_t n_others);
char *forms_name_replace_except(const char *s, const char *name, const char *with, bool json,
                                const char *const *others, size_t n_others);
/* Case- and diacritic-insensitive key: "Bērziņš" -> "berzins". Writes at most
 * cap-1 bytes and a NUL into `out`; returns the length written. */
size_t forms_fold(const char *s, char *out, size_t cap);
/* Levenshtein distance of two short strings in bytes (folded names, keys
 * and labels, for "did you mean" suggestions); only the first 64 bytes of
 * each count. */
size_t forms_edit_distance(const char *a, const char *b);
/* Latvian alphabetical comparison of two UTF-8 strings (a ā b c č ... z ž:
 * č ģ ķ ļ ņ š ž are letters of their own, long vowels sort with their base
 * letter; case is a tie-breaker). Like strcmp: <0, 0, >0. */
int forms_collate(const char *a, size_t na, const char *b, size_t nb);
/* The sort key of a UTF-8 string: memcmp order of two keys (a shorter key
 * that is a prefix first, as SQLite compares BLOBs) is exactly
 * forms_collate's order, so a stored key sorts Latvian with the built-in
 * BINARY collation. Writes at most forms_lv_sort_key_max(n) bytes into
 * `out`; returns the length (0 for the empty string). */
size_t forms_lv_sort_key(const char *s, size_t n, unsigned char *out);
size_t forms_lv_sort_key_max(size_t n);

/* ------------------------------------------------------------ record kinds */

enum forms_type {
    FT_TEXT,  /* one line of text */
    FT_MEMO,  /* multi-line text */
    FT_DATE,  /* sk_date; ISO in storage and CSV, DD.MM.YYYY on screen */
    FT_INT,   /* int64 */
    FT_DEC3,  /* decimal with 3 places, stored as thousandths (FTE) */
    FT_MONEY, /* euros, stored as integer cents */
    FT_ENUM,  /* one key of `choices` */
    FT_FLAGS, /* a set of keys of `choices` ('|'-joined in CSV and storage) */
    FT_BOOL,  /* 0/1 */
    FT_REF,   /* a record of `ref_kind`, named by its natural key in CSV */
};

enum {
    FF_REQUIRED = 1u << 0,   /* must have a value */
    FF_UNIQUE = 1u << 1,     /* unique per school when present */
    FF_NATKEY = 1u << 2,     /* part of the natural key (upsert matches on it) */
    FF_LIST = 1u << 3,       /* a column of the list screen, searched by the filter */
    FF_PRIVATE = 1u << 4,    /* personal or free text: never leaves the school */
    FF_RANGE = 1u << 5,      /* min/max apply (FT_INT, FT_DEC3, FT_MONEY) */
    FF_READONLY = 1u << 6,   /* computed or set by the program, not edited */
    FF_REMEMBER = 1u << 7,   /* a new record in the editor starts with the value of the
                                kind's last stored record (quick entry) */
    FF_TODAY = 1u << 8,      /* FT_DATE: a new record in the editor starts with today */
    FF_ROWS = 1u << 9,       /* not a column of the kind's table: storage keeps it in rows
                                of its own (an observation's ticks, observation_tick) */
    FF_NO_SEARCH = 1u << 10, /* a text field the list filter does not search: a code
                                every record shares (an observation's template, which
                                the database fills in itself) */
};

/* One allowed value of an enum or flag set. */
struct forms_choice {
    const char *key;      /* stored and written to CSV; never translated */
    const char *label_lv; /* shown in Latvian; accepted on import */
    const char *label_en; /* shown in English; accepted on import */
};

/* One field of a record kind. Descriptors are static const tables. */
struct forms_field {
    const char *key;      /* column and CSV header; never translated */
    const char *label_lv; /* Latvian label */
    const char *label_en; /* English label */
    enum forms_type type;
    int width;                          /* list column width in screen columns */
    unsigned flags;                     /* FF_* */
    const struct forms_choice *choices; /* FT_ENUM/FT_FLAGS, else NULL */
    size_t n_choices;
    const char *ref_kind;     /* FT_REF target kind key, or a completion source for FT_TEXT */
    int64_t min, max;         /* with FF_RANGE, in stored units */
    int max_len;              /* text: max code points; 0 = 200 (TEXT) / 4000 (MEMO) */
    const char *default_text; /* value of a new record / a column left out of a CSV */
};

/* One value of a field in memory. Which member is used depends on the type:
 * TEXT/MEMO: s;  DATE: i (sk_date);  INT/DEC3/MONEY/BOOL: i;  ENUM: i (choice
 * index);  FLAGS: i (bit n = choice n);  REF: i (row id, 0 = unresolved) and s
 * (the natural key text, e.g. the staff member's full name). */
struct forms_value {
    bool is_set; /* false = empty (NULL in storage) */
    int64_t i;
    char *s;    /* owned, reused across assignments; NULL until needed */
    size_t cap; /* bytes allocated in s */
};

struct forms_record;
struct forms_kind;
/* Cross-field rule of a kind; returns false and fills err (with err->field). */
typedef bool (*forms_validate_fn)(const struct forms_kind *kind, const struct forms_record *rec,
                                  struct sk_error *err);

/* Fills values that follow from others when a record is saved (a device
 * written off without a date was written off `today`); never clears one. */
typedef void (*forms_complete_fn)(struct forms_record *rec, sk_date today);

/* Something about a valid record the user should confirm before it is
 * saved interactively (not an error): returns true and writes a complete
 * sentence into msg (cap bytes) and, if not NULL, the field key into *field. */
typedef bool (*forms_warn_fn)(const struct forms_record *rec, char *msg, size_t cap,
                              const char **field);

/* One record kind: a table, its fields, its CLI name. */
/* The main menu's groups of record kinds, in menu order. */
enum forms_menu_group {
    FMG_NONE,            /* not placed: after the groups */
    FMG_SCHOOL,          /* the school itself: devices, school years */
    FMG_STAFF,           /* staff, vacancies, trainings */
    FMG_SUPPORT,         /* support consultations */
    FMG_TEACHING,        /* lesson observations */
    FMG_SELF_EVALUATION, /* the yearly self-evaluation tables */
};

/* The records a kind's list shows until `a` shows all of them: those whose
 * FT_ENUM `field` is not the choice `not_choice` (written-off devices are
 * left out), or, when not_choice is NULL, whose `field` is empty (loans not
 * returned yet). */
struct forms_scope {
    const char *field;
    const char *not_choice;
    const char *label_lv, *label_en; /* shown in the list's title: "not written off" */
};

struct forms_kind {
    const char *key;      /* CLI KIND: "devices" */
    const char *table;    /* SQL table: "device" */
    const char *label_lv; /* "Ierīces" */
    const char *label_en; /* "Devices" */
    const struct forms_field *fields;
    size_t n_fields;
    const char *year_field;     /* field whose date places a record in a school year
                                   (FT_DATE), or that is the year (FT_INT); NULL = none */
    const char *name_field;     /* field shown when another record refers to this one */
    forms_validate_fn validate; /* cross-field rules, or NULL */
    /* A FF_NATKEY FT_ENUM field that, with an FT_INT year_field, makes a
     * yearly table: one record per choice and year (the editor's "fill the
     * year" action creates the missing ones). NULL = none. */
    const char *fill_field;
    forms_warn_fn warn;              /* a doubt to confirm before an interactive save, or NULL */
    forms_complete_fn complete;      /* values that follow from others, or NULL */
    const struct forms_scope *scope; /* the list's default rows, or NULL = all */
    /* Place in the main menu: kinds are listed by group, then by order
     * within it (tui/menu.c). A kind without a group comes after the
     * grouped ones, in registry order, so a new kind is never hidden. */
    enum forms_menu_group menu_group;
    int menu_order;
};

/* All record kinds, in menu order. */
extern const struct forms_kind *const forms_kinds[];
extern const size_t forms_n_kinds;
extern const struct forms_kind forms_kind_device;
extern const struct forms_kind forms_kind_school_year;
/* Device categories (data/device-categories.csv); counts_as_computer in
 * forms_device_category_is_computer(). */
extern const struct forms_choice forms_device_categories[];
extern const size_t forms_n_device_categories;
bool forms_device_category_is_computer(size_t index);

const struct forms_kind *forms_kind_by_key(const char *key); /* NULL if unknown */
/* Index of the field with `key`, or -1. */
int forms_field_index(const struct forms_kind *kind, const char *key);
/* Indexes of the fields and choices that code reads by key (cross-field
 * rules, computed columns), resolved once from their keys (forms/keys.c);
 * -1 for one that does not exist, which forms_keys_check reports. */
struct forms_keys {
    int device_purchase_date, device_warranty_until, device_status, device_written_off_on;
    int device_status_written_off; /* choice index of "written_off" in status */
    int device_write_off_act, device_status_on_loan, device_status_in_use;
    int loan_device, loan_borrower, loan_borrower_kind, loan_out_on, loan_due_on, loan_returned_on;
    int staff_role, staff_email, staff_employed_from, staff_employed_until;
    int vacancy_open_since, vacancy_closed_on;
    int consultation_recipient_kind, consultation_recipient;
    int consultation_recipient_pupil; /* choice index of "pupil" in recipient_kind */
    int school_year_year;
};
/* The resolved indexes; borrowed, static. Resolves on the first call. */
const struct forms_keys *forms_keys(void);
/* Resolves every key code uses and checks that it exists (run at start).
 * False with err set ("Internal error: ...") naming the first missing one. */
bool forms_keys_check(struct sk_error *err);
/* Label in the current language. */
const char *forms_field_label(const struct forms_field *f);
const char *forms_kind_label(const struct forms_kind *k);
const char *forms_choice_label(const struct forms_choice *c);
const char *forms_scope_label(const struct forms_scope *s);
/* Finds a field by key or by its Latvian/English label, case- and
 * diacritic-insensitively ("Inventāra nr." == "inventara nr."). -1 if none. */
int forms_field_match(const struct forms_kind *kind, const char *header);
/* Finds a choice by key or label, case- and diacritic-insensitively. -1 if none. */
int forms_choice_match(const struct forms_field *f, const char *text);
/* Maximum code points of a text field. */
int forms_field_max_len(const struct forms_field *f);

/* ---------------------------------------------------------------- values */

/* Sets/clears a value. forms_value_set_text copies n bytes of s. */
void forms_value_set_text(struct forms_value *v, const char *s, size_t n);
void forms_value_set_int(struct forms_value *v, int64_t i);
void forms_value_clear(struct forms_value *v); /* is_set = false, keeps memory */
void forms_value_free(struct forms_value *v);  /* releases memory */
void forms_value_copy(struct forms_value *dst, const struct forms_value *src);
bool forms_value_equal(const struct forms_field *f, const struct forms_value *a,
                       const struct forms_value *b);

/* Parses user or CSV text into `out` (which keeps its memory). Surrounding
 * white space is ignored; empty text gives an unset value (requiredness is
 * checked by forms_record_validate). Accepts: dates as sk_date_parse; numbers
 * with decimal comma or point and spaces/NBSP as thousands separators
 * ("1 234,5"); enum and flag choices by key or Latvian/English label, flags
 * separated by '|' (or ','); booleans 1/0, jā/nē, yes/no, true/false, x.
 * FT_REF keeps the text in s with i = 0 (storage resolves it).
 * Checks what one value can check: FF_RANGE, text length, UTF-8 and control
 * characters (forms_record_validate checks them again, plus requiredness).
 * On failure returns false and fills err with a user message and err->field. */
bool forms_value_parse(const struct forms_field *f, const char *text, struct forms_value *out,
                       struct sk_error *err);

enum forms_style {
    FS_DISPLAY, /* screen: DD.MM.YYYY, decimal comma in Latvian, enum labels */
    FS_CSV,     /* rfc4180 profile: ISO dates, '.', enum keys */
    FS_EXCEL,   /* excel profile: DD.MM.YYYY, ',', enum keys */
};
/* Formats a value. Returns a borrowed string: v->s (text kinds), a static
 * string (enum keys and labels, booleans) or `buf`, which must hold at
 * least 64 bytes (more for flag sets: 512 is always enough). Unset values
 * give "". */
const char *forms_value_format(const struct forms_field *f, const struct forms_value *v,
                               enum forms_style style, char *buf, size_t cap);

/* --------------------------------------------------------------- records */

/* One record of a kind in memory: values[i] belongs to kind->fields[i]. */
/* A record's stable id (issue 14): canonical lowercase UUID text. */
enum { FORMS_UID_LEN = 36 };

struct forms_record {
    const struct forms_kind *kind;
    int64_t id;                  /* 0 = not stored yet */
    int64_t version;             /* optimistic lock; 0 = not stored yet */
    char uid[FORMS_UID_LEN + 1]; /* "" = storage makes one at insert */
    struct forms_value *values;  /* kind->n_fields, owned */
};
/* Whether the list filter searches field f: every text, multi-line and
 * reference field, and every other list column (forms/search.c). */
bool forms_field_is_searched(const struct forms_field *f);
/* The unfolded text the list filter searches in for rec, into b (reset
 * first): the searched fields' values, enum keys and both labels, dates as
 * ISO and DD.MM.YYYY, numbers with '.' and ','. */
void forms_search_text(const struct forms_record *rec, struct sk_buf *b);

void forms_record_init(struct forms_record *rec, const struct forms_kind *kind);
void forms_record_fini(struct forms_record *rec);  /* accepts a zeroed record */
void forms_record_clear(struct forms_record *rec); /* all unset, id/version 0 */
/* Clears rec and parses every field's default_text (a new record). */
void forms_record_defaults(struct forms_record *rec);
void forms_record_copy(struct forms_record *dst, const struct forms_record *src);
/* Reads a uid written as 8-4-4-4-12 hex digits (either case) into `out`
 * in canonical lowercase; false when s is anything else. */
bool forms_uid_parse(const char *s, size_t n, char out[FORMS_UID_LEN + 1]);
/* Checks required fields, ranges, text lengths, UTF-8 and the kind's
 * cross-field rule. Stops at the first problem (err->field says where). */
bool forms_record_validate(const struct forms_record *rec, struct sk_error *err);
/* Runs the kind's `complete` rule (if any) with today's date. */
void forms_record_complete(struct forms_record *rec);
/* Like forms_record_validate, but calls `cb` for every problem; returns the count. */
size_t forms_record_validate_all(const struct forms_record *rec,
                                 void (*cb)(void *ctx, const struct sk_error *e), void *ctx);

/* ------------------------------------------------------------ line editor */

enum forms_le_op {
    LE_LEFT,
    LE_RIGHT,
    LE_HOME,
    LE_END,
    LE_WORD_LEFT,
    LE_WORD_RIGHT,
    LE_BACKSPACE,
    LE_DELETE,
    LE_KILL_END,   /* Ctrl-K */
    LE_KILL_START, /* Ctrl-U */
    LE_DEL_WORD,   /* Ctrl-W */
};

/* A UTF-8 text being edited: moves by code point, never splits one. */
struct forms_lineedit {
    char *buf;  /* owned, NUL-terminated */
    size_t len; /* bytes */
    size_t cap;
    size_t cursor;    /* byte offset, always on a code point boundary */
    size_t max_chars; /* 0 = unlimited */
    bool multiline;   /* '\n' may be inserted */
};

void forms_le_init(struct forms_lineedit *le, const char *text, size_t max_chars);
void forms_le_fini(struct forms_lineedit *le);
void forms_le_set(struct forms_lineedit *le, const char *text); /* cursor at end */
/* Inserts one code point (UTF-8 bytes). Returns false when it would exceed
 * max_chars or is a control character (other than '\n' in multiline). */
bool forms_le_insert(struct forms_lineedit *le, const char *utf8, size_t n);
void forms_le_apply(struct forms_lineedit *le, enum forms_le_op op);
/* Display column of the cursor (width of the text before it on its line).
 * In a multi-line text, LE_HOME, LE_END and the kills act on the current line. */
int forms_le_cursor_col(const struct forms_lineedit *le);

/* ------------------------------------------------ the other record kinds */

extern const struct forms_kind forms_kind_staff;
extern const struct forms_kind forms_kind_vacancy;
extern const struct forms_kind forms_kind_training;
extern const struct forms_kind forms_kind_consultation;
extern const struct forms_kind forms_kind_assessment;
extern const struct forms_kind forms_kind_priority;
extern const struct forms_kind forms_kind_programme;
extern const struct forms_kind forms_kind_loan;
extern const struct forms_kind forms_kind_project;     /* forms/kind_report_data.c */
extern const struct forms_kind forms_kind_exam_result; /* forms/kind_report_data.c */
extern const struct forms_kind forms_kind_cohort;      /* forms/kind_report_data.c */
/* The school year a cohort graduates in: year_started + ⌈duration⌉ − 1. */
int forms_cohort_graduation_year(int year_started, int64_t duration_thousandths);
/* Staff roles: teacher, head, deputy_head, data/support-roles.csv, others. */
extern const struct forms_choice forms_staff_roles[];
extern const size_t forms_n_staff_roles;
/* Whether role `index` is a support role (support-roles.csv, special pedagogue). */
bool forms_staff_role_is_support(size_t index);
/* IKVD indicators (data/ikvd-indicators.csv) and, in the same order, the
 * criterion each belongs to (key = criterion code, label = its name). */
extern const struct forms_choice forms_ikvd_indicators[];
extern const size_t forms_n_ikvd_indicators;
extern const struct forms_choice forms_ikvd_criteria[];
/* A vacancy is long-term when it is open more than one month on `reference`
 * (SPEC §3.4; closed_on SK_DATE_NONE = still open). */
bool forms_vacancy_is_long_term(sk_date open_since, sk_date closed_on, sk_date reference);
/* Whether text looks like a person's full name (two capitalised words):
 * the consultation editor warns before storing one for a pupil. */
bool forms_looks_like_full_name(const char *text);
/* Professional development (SPEC §3.4): at least FORMS_PD_MIN_HOURS hours in
 * the last three years. The window for `reference` is the three years that
 * end on it: from the day after the same date three years earlier (29
 * February falls back to 28 February) to `reference`, both inclusive. */
#define FORMS_PD_MIN_HOURS 36
void forms_pd_window(sk_date reference, sk_date *first, sk_date *last);
/* Whether the 36-hour rule applies to staff role `index` (pedagogues: every
 * role but nurse, librarian, teacher's assistant, IT administrator, other). */
bool forms_staff_role_needs_pd(size_t index);
/* Whether text holds something shaped like a Latvian personal code
 * (personas kods: DDMMYY-NNNNN or 32NNNN-NNNNN, hyphen optional). */
bool forms_has_personal_code(const char *text);
/* Cross-field rule of the kinds about people (staff, consultations): no text
 * field may hold a personal code. Fails with err->field set. */
bool forms_check_personal_codes(const struct forms_record *rec, struct sk_error *err);

/* ------------------------------------------------ lesson observations */

/* The observation sheet (forms/kind_observation.c). Its tick criteria are
 * the FT_BOOL FF_ROWS fields [forms_observation_first_crit, + n_crit), keyed
 * `crit_1_1` .. `crit_4_6` for the LVT-2023 criteria and `crit_S_N` for every
 * further criterion code a template in an opened file has (one column each
 * in CSV). The field list grows at run time (forms_observation_add_criterion),
 * so the kind is not const; n_fields only grows. */
extern struct forms_kind forms_kind_observation;
extern size_t forms_observation_first_crit;
extern size_t forms_observation_n_crit;
#define FORMS_OBS_MAX_CRIT 64 /* criteria added beyond the built-in ones */
#define FORMS_OBS_LVT_CRIT 17 /* the built-in LVT-2023 tick fields, always the first */
/* Field index of the tick of criterion `code` ("2.3"), or -1 when the sheet
 * has no such slot. */
int forms_observation_crit_field(const char *code);
/* The criterion code ("2.3") of tick field `field` into buf ("" if none). */
const char *forms_observation_crit_code(size_t field, char *buf, size_t cap);
/* Whether `code` is a criterion code a sheet can hold: "S.N" with S and N
 * numbers of 1 to 3 digits (section S), e.g. "5.1". */
bool forms_observation_code_ok(const char *code);
/* Gives the sheet a tick field for criterion `code` (label "CODE. text") if
 * it has none yet; the new field comes after the others. Call it only while
 * no observation record is in memory (storage does when it opens a file).
 * False when the code is malformed or FORMS_OBS_MAX_CRIT are in use. */
bool forms_observation_add_criterion(const char *code, const char *text);
/* The fields a final sheet needs (the required ones, teacher, group,
 * subject, area) that rec leaves empty, in field order: up to cap indexes
 * into fields; returns how many there are. */
size_t forms_observation_missing(const struct forms_record *rec, int *fields, size_t cap);
/* Ticks of an observation record: *met ticked of *of criteria of its
 * template (set ticks). False when rec is not an observation. */
bool forms_observation_ticks(const struct forms_record *rec, int *met, int *of);
/* A criteria section's name in a language (lv: Latvian, else English):
 * the English name of a section of the built-in LVT-2023 template (stored
 * Latvian) in English, `name` itself otherwise (forms/obs_labels.c). */
const char *forms_observation_section_label(int no, const char *name, bool lv);
/* The same for a criterion's text ("Ievads – tēmas aktualizācija" of 1.1),
 * worded as its tick field's English label. */
const char *forms_observation_crit_text_label(const char *code, const char *text, bool lv);

#endif
