/* CSV import (SPEC §4) through the one CSV reader (core/csv_read.c:
 * encoding, separator, physical line numbers, quote checks), header
 * matching by key or label, per-cell parsing
 * and per-record validation with every problem reported, natural-key
 * checks, and one transaction for the whole file (rolled back on any error
 * or in a dry run).
 *
 * Rows are streamed: the input is fed to libcsv one physical line at a time
 * (so that the line where each record starts is known), and every record is
 * validated and written as soon as it is complete. Only the natural keys seen
 * so far are kept (for "is also on line N"); the hot path allocates nothing
 * per row once the buffers have grown.
 *
 * CSV-injection apostrophes: the Excel profile of the export writes a text
 * value that starts with = + - @ TAB or CR with one extra leading apostrophe,
 * and a value that already starts with apostrophes followed by one of those
 * characters with one more apostrophe (both profiles), so the escaping is
 * reversible. The import therefore removes one leading apostrophe from a
 * text cell when apostrophes are followed by one of those characters, in
 * every file: export -> import -> export gives the same bytes in both
 * profiles, and a hand-written "'=SUM(A1)" from Excel arrives as "=SUM(A1)". */
#include "core/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ------------------------------------------------------- natural-key set */

/* The natural keys seen in the file and the line of each: an open-addressing
 * table over one arena of NUL-terminated keys (no allocation per key). */
struct key_slot {
    size_t off;    /* offset of the key in the arena + 1; 0 = empty slot */
    uint32_t hash; /* low bits of the key's hash */
    uint32_t line; /* line of the record that had it first */
};

struct key_set {
    struct key_slot *slots; /* owned, cap entries */
    size_t cap, n;          /* cap is a power of two */
    char *arena;            /* owned */
    size_t alen, acap;
};

static uint64_t
key_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3u;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h;
}

static void
key_set_grow(struct key_set *ks)
{
    size_t cap = ks->cap ? 2 * ks->cap : 1024;
    struct key_slot *slots = sk_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < ks->cap; i++) {
        if (!ks->slots[i].off)
            continue;
        size_t j = ks->slots[i].hash & (cap - 1);
        while (slots[j].off)
            j = (j + 1) & (cap - 1);
        slots[j] = ks->slots[i];
    }
    free(ks->slots);
    ks->slots = slots;
    ks->cap = cap;
}

/* Adds key (n bytes) seen on `line`. Returns 0 when it is new, else the
 * line where it was seen first. */
static long
key_set_add(struct key_set *ks, const char *key, size_t n, long line)
{
    if ((ks->n + 1) * 4 > ks->cap * 3)
        key_set_grow(ks);
    uint32_t h = (uint32_t)key_hash(key, n);
    size_t j = h & (ks->cap - 1);
    while (ks->slots[j].off) {
        const struct key_slot *sl = &ks->slots[j];
        if (sl->hash == h) {
            const char *k = ks->arena + sl->off - 1;
            if (strncmp(k, key, n) == 0 && k[n] == '\0')
                return sl->line ? (long)sl->line : 1;
        }
        j = (j + 1) & (ks->cap - 1);
    }
    if (ks->alen + n + 1 > ks->acap) {
        while (ks->alen + n + 1 > ks->acap)
            ks->acap = ks->acap ? 2 * ks->acap : 16384;
        ks->arena = sk_xrealloc(ks->arena, ks->acap);
    }
    memcpy(ks->arena + ks->alen, key, n);
    ks->arena[ks->alen + n] = '\0';
    ks->slots[j].off = ks->alen + 1;
    ks->slots[j].hash = h;
    ks->slots[j].line = line > 0 && line < (long)UINT32_MAX ? (uint32_t)line : 0;
    ks->alen += n + 1;
    ks->n++;
    return 0;
}

/* The line where key (n bytes) was added, or 0 when it was not. */
static long
key_set_find(const struct key_set *ks, const char *key, size_t n)
{
    if (ks->n == 0)
        return 0;
    uint32_t h = (uint32_t)key_hash(key, n);
    for (size_t j = h & (ks->cap - 1); ks->slots[j].off; j = (j + 1) & (ks->cap - 1)) {
        const struct key_slot *sl = &ks->slots[j];
        const char *k = ks->arena + sl->off - 1;
        if (sl->hash == h && strncmp(k, key, n) == 0 && k[n] == '\0')
            return sl->line ? (long)sl->line : 1;
    }
    return 0;
}

static void
key_set_free(struct key_set *ks)
{
    free(ks->slots);
    free(ks->arena);
}

/* ----------------------------------------------------------- record set */

/* Records by the hash of their encoding, for the duplicate check: 8 bytes
 * a record (the hash's top 32 bits, which also place it, and its id + 1),
 * where a set of encodings took 200 bytes (1 000 000 sheets: 187 MB). A
 * hit is confirmed by reading the record and comparing its encoding, so a
 * hash collision costs a read, never a wrong answer. */
struct id_set {
    uint64_t *slots; /* owned, cap entries; 0 = empty */
    size_t cap, n;
};

static size_t
id_set_pos(const struct id_set *s, uint32_t frag)
{
    return (size_t)(((uint64_t)frag * s->cap) >> 32);
}

static void
id_set_put(struct id_set *s, uint64_t slot)
{
    size_t j = id_set_pos(s, (uint32_t)(slot >> 32));
    while (s->slots[j])
        j = j + 1 == s->cap ? 0 : j + 1;
    s->slots[j] = slot;
}

static void
id_set_reserve(struct id_set *s, size_t cap)
{
    if (cap <= s->cap)
        return;
    uint64_t *old = s->slots;
    size_t old_cap = s->cap;
    s->slots = sk_xcalloc(cap, sizeof *s->slots);
    s->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            id_set_put(s, old[i]);
    free(old);
}

static uint32_t
id_set_frag(const struct sk_buf *enc)
{
    return (uint32_t)(key_hash(enc->s, enc->len) >> 32);
}

/* Adds record id (1 .. 2^32 - 2; others are not remembered) under frag. */
static void
id_set_add(struct id_set *s, uint32_t frag, int64_t id)
{
    if (id <= 0 || id >= (int64_t)UINT32_MAX)
        return;
    if ((s->n + 1) * 8 > s->cap * 7)
        id_set_reserve(s, s->cap ? s->cap + s->cap / 2 : 1024);
    id_set_put(s, (uint64_t)frag << 32 | (uint64_t)id);
    s->n++;
}

/* ----------------------------------------------------------------- import */

/* Everything one import needs while the rows stream past. */
struct import {
    struct storage_db *db;
    const struct forms_kind *kind;
    int64_t school_id;
    const struct core_import_opts *opts;
    struct core_import_result *res;
    bool check_utf8;              /* explicit --encoding utf-8: cells are checked */
    bool header_done;             /* the first record (the header) was read */
    size_t n_cols;                /* header cells */
    int *col_field;               /* owned, n_cols: field index or -1 (unnamed column) */
    long *field_col;              /* owned, n_fields: 1-based column or 0 (left out) */
    bool *parse_failed;           /* owned, n_fields: the cell of this row did not parse */
    bool *took_default;           /* owned, n_fields: the cell was empty and took the default */
    bool row_changed;             /* upsert: the row changes a value of the stored record */
    struct forms_record rec;      /* the row as read */
    struct forms_record old;      /* upsert: the stored record the row updates */
    struct forms_record defaults; /* values of the columns left out */
    struct key_set seen;          /* natural keys of the file */
    struct sk_buf key;            /* scratch: the natural key of the row (hash form) */
    struct sk_buf shown;          /* scratch: the natural key as shown in messages */
    long line;                    /* start line of the current record */
    size_t row_errors;            /* problems reported for the current record */
    struct sk_error *pending;     /* owned: the record's problems, sent in column order */
    size_t pending_cap;           /* slots allocated in pending */
    struct sk_error fatal;        /* an I/O or database error that stops the import */
    bool has_fatal;
    /* Insert mode keeps no set of every key (1 000 000 keys took 48 MB):
     * a key of the file is found in the database by the natural-key lookup,
     * and the line it came from through the id of the record this import
     * inserted; only the keys of rows that were not inserted (errors) are
     * kept in `failed`. */
    uint32_t *id_line; /* owned: line of the record with id first_id + i */
    size_t n_id_line, cap_id_line;
    int64_t first_id;      /* id of the first record inserted, 0 = none yet */
    struct key_set failed; /* natural keys of rows not inserted */
    /* Duplicates in kinds without a natural key (see duplicate_row). */
    bool check_dups;            /* no natural key, and duplicates not allowed */
    bool stored_loaded;         /* `stored` holds the school's records */
    struct id_set stored;       /* the school's records, by encoding */
    struct id_set rows_seen;    /* the records this import inserted, by encoding */
    uint32_t row_frag;          /* the hash of the current row's encoding */
    struct forms_record probe;  /* scratch: a record a hash hit names */
    struct sk_buf probe_enc;    /* scratch: its encoding */
    struct sk_buf enc;          /* scratch: the current row's encoding */
    struct key_set folded_keys; /* "given U+001F stored" -> index + 1 in res->folded */
    char obs_template[64];      /* observations: the template a new sheet gets */
    /* Names found by resolve_references (exactly or once folded), so that
     * a file naming the same people on every row looks each up once. */
    struct key_set ref_cache;        /* "ref_kind U+001F name" -> index + 1 in ref_hits */
    long uid_col;                    /* 1-based column of `uid`, 0 = none */
    char row_uid[FORMS_UID_LEN + 1]; /* the row's uid, "" = none (a new one) */
    struct key_set seen_uid;         /* upsert: the uids of the file */
    struct ref_hit {
        int64_t id;
        size_t folded; /* index + 1 in res->folded, 0 = exact */
    } * ref_hits;      /* owned */
    size_t n_ref_hits;
};

/* Problems of one record are collected and sent, ordered by column, when
 * the record is done (flush_errors), so that the user reads them left to
 * right whatever order the checks ran in. */
static void
report_at(struct import *im, long line, long column, const char *field, const char *msg)
{
    if (im->row_errors == im->pending_cap) {
        im->pending_cap = im->pending_cap ? 2 * im->pending_cap : 8;
        im->pending = sk_xrealloc(im->pending, im->pending_cap * sizeof *im->pending);
    }
    struct sk_error *e = &im->pending[im->row_errors++];
    *e = (struct sk_error){.code = SK_EINVAL, .field = field, .line = line, .column = column};
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    im->res->n_errors++;
}

/* Column order, with "no column" (0) last; insertion sort keeps it stable. */
static void
flush_errors(struct import *im)
{
    struct sk_error *a = im->pending;
    size_t n = im->row_errors;
    for (size_t i = 1; i < n; i++) {
        unsigned long key = (unsigned long)a[i].column - 1; /* 0 wraps to the end */
        size_t j = i;
        while (j > 0 && (unsigned long)a[j - 1].column - 1 > key)
            j--;
        if (j != i) {
            struct sk_error t = a[i];
            memmove(&a[j + 1], &a[j], (i - j) * sizeof *a);
            a[j] = t;
        }
    }
    if (im->opts->on_error)
        for (size_t i = 0; i < n; i++)
            im->opts->on_error(im->opts->ctx, &a[i]);
    im->row_errors = 0;
}

static void reportf(struct import *im, long line, long column, const char *field, const char *fmt,
                    ...) __attribute__((format(printf, 5, 6)));

static void
reportf(struct import *im, long line, long column, const char *field, const char *fmt, ...)
{
    char msg[sizeof((struct sk_error *)0)->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report_at(im, line, column, field, msg);
}

/* Column of a field in the file (0 when the file leaves it out). */
static long
column_of(const struct import *im, const char *key)
{
    if (!key)
        return 0;
    int fi = forms_field_index(im->kind, key);
    return fi < 0 ? 0 : im->field_col[fi];
}

/* A data error from forms/ or storage/ for the current record. */
static void
report_err(struct import *im, const struct sk_error *e)
{
    const char *field = NULL;
    if (e->field) {
        int fi = forms_field_index(im->kind, e->field);
        if (fi >= 0)
            field = im->kind->fields[fi].key; /* static, outlives e */
    }
    report_at(im, im->line, column_of(im, field), field, e->msg);
}

static void
on_validate_error(void *ctx, const struct sk_error *e)
{
    struct import *im = ctx;
    if (e->field) {
        int fi = forms_field_index(im->kind, e->field);
        if (fi >= 0 && im->parse_failed[fi])
            return; /* already reported: the cell did not parse */
    }
    report_err(im, e);
}

static void
set_fatal(struct import *im, const struct sk_error *e)
{
    if (im->has_fatal)
        return;
    im->fatal = *e;
    im->has_fatal = true;
}

/* col_field of the `uid` column (not a field of the kind). */
enum { COL_UID = -3 };
/* col_field of a header cell that names no field. */
enum { COL_UNNAMED = -1, COL_IGNORED = -2 /* an unknown name, without --strict */ };

/* Columns named one by one in warnings; the rest are counted in one. */
enum { WARN_COLUMNS_MAX = 10 };

/* An unknown column is left out with a warning (the supplier's extra
 * "Nr.p.k." column); --strict makes it an error. A file of thousands of
 * unknown columns gets WARN_COLUMNS_MAX warnings and one count. */
static void
warn_ignored_column(struct import *im, long col, const char *name)
{
    struct sk_error w = {.code = SK_OK, .line = im->line, .column = col};
    if (++im->res->n_warnings > WARN_COLUMNS_MAX)
        return;
    snprintf(w.msg, sizeof w.msg, _("column “%s” ignored"), SK_QUOTE(name));
    if (im->opts->on_warning)
        im->opts->on_warning(im->opts->ctx, &w);
}

static void
warn_ignored_rest(struct import *im)
{
    size_t more = im->res->n_warnings - WARN_COLUMNS_MAX;
    if (im->res->n_warnings <= WARN_COLUMNS_MAX || !im->opts->on_warning)
        return;
    struct sk_error w = {.code = SK_OK, .line = im->line, .column = 0};
    snprintf(w.msg, sizeof w.msg,
             dngettext(SK_DOMAIN, "%zu more unknown column ignored",
                       "%zu more unknown columns ignored", more),
             more);
    im->opts->on_warning(im->opts->ctx, &w);
}

static bool
import_header(struct import *im, struct core_csv *s)
{
    const struct forms_kind *kind = im->kind;
    im->header_done = true;
    im->n_cols = s->n;
    im->col_field = sk_xcalloc(s->n ? s->n : 1, sizeof *im->col_field);
    size_t before = im->res->n_errors;
    for (size_t c = 0; c < s->n; c++) {
        char *text = core_csv_text(s, c);
        size_t n = core_csv_text_len(s, c);
        while (n && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r'))
            text[--n] = '\0';
        while (*text == ' ' || *text == '\t')
            text++;
        long col = (long)c + 1;
        if (!*text) {
            im->col_field[c] = -1;
            continue;
        }
        if (strcasecmp(text, CORE_UID_COLUMN) == 0) {
            if (im->uid_col)
                reportf(im, im->line, col, CORE_UID_COLUMN,
                        _("column “%s” is given twice (also column %ld)"), SK_QUOTE(text),
                        im->uid_col);
            else
                im->uid_col = col;
            im->col_field[c] = COL_UID;
            continue;
        }
        int fi = forms_field_match(kind, text);
        if (fi < 0 && !im->opts->strict) {
            warn_ignored_column(im, col, text);
            im->col_field[c] = COL_IGNORED;
        } else if (fi < 0) {
            struct sk_buf known = {0};
            for (size_t i = 0; i < kind->n_fields; i++) {
                if (i)
                    sk_buf_adds(&known, ", ");
                sk_buf_adds(&known, kind->fields[i].key);
            }
            reportf(im, im->line, col, NULL, _("unknown column “%s”; known columns: %s"),
                    SK_QUOTE(text), known.s);
            sk_buf_free(&known);
            im->col_field[c] = -1;
        } else if (im->field_col[fi]) {
            reportf(im, im->line, col, kind->fields[fi].key,
                    _("column “%s” is given twice (also column %ld)"), SK_QUOTE(text),
                    im->field_col[fi]);
            im->col_field[c] = -1;
        } else {
            im->col_field[c] = fi;
            im->field_col[fi] = col;
        }
    }
    warn_ignored_rest(im);
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        /* A required field with a default (status: in_use) may be left out. */
        if ((f->flags & FF_REQUIRED) && !im->field_col[i] && !f->default_text)
            reportf(im, im->line, 0, f->key, _("the required column “%s” is missing"), f->key);
    }
    /* A broken header makes every row wrong in the same way: stop here. */
    return im->res->n_errors == before;
}

/* Builds the natural key of rec into im->key (hash form, fields joined by
 * U+001F) and im->shown (joined by ", "). False when a part is unset. */
static bool
natural_key(struct import *im, const struct forms_record *rec, const char **first_field)
{
    const struct forms_kind *kind = im->kind;
    char buf[512];
    bool any = false;
    sk_buf_reset(&im->key);
    sk_buf_reset(&im->shown);
    *first_field = NULL;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (!(f->flags & FF_NATKEY))
            continue;
        if (!rec->values[i].is_set || im->parse_failed[i])
            return false;
        const char *t = forms_value_format(f, &rec->values[i], FS_CSV, buf, sizeof buf);
        if (any) {
            sk_buf_add(&im->key, "\x1f", 1);
            sk_buf_adds(&im->shown, ", ");
        } else {
            *first_field = f->key;
        }
        sk_buf_adds(&im->key, t);
        sk_buf_adds(&im->shown, t);
        any = true;
    }
    return any;
}

/* --create-references: an FT_REF name that does not exist is created as a
 * record of the target kind (with role "teacher" when the kind has a role
 * field offering it). Kinds not known to forms/ are left to storage/, which
 * reports the unknown name. */
static bool
create_references(struct import *im, struct forms_record *rec)
{
    const struct forms_kind *kind = im->kind;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        struct forms_value *v = &rec->values[i];
        if (f->type != FT_REF || !v->is_set || v->i != 0 || !v->s || !f->ref_kind)
            continue;
        const struct forms_kind *target = forms_kind_by_key(f->ref_kind);
        if (!target || !target->name_field)
            continue;
        struct sk_error e = {0};
        int64_t id = 0;
        if (!storage_ref_resolve(im->db, f->ref_kind, im->school_id, v->s, &id, NULL, 0, &e)) {
            set_fatal(im, &e);
            return false;
        }
        if (id == 0) {
            struct forms_record ref;
            forms_record_init(&ref, target);
            forms_record_defaults(&ref);
            int name = forms_field_index(target, target->name_field);
            int role = forms_field_index(target, "role");
            bool ok =
                name >= 0 && forms_value_parse(&target->fields[name], v->s, &ref.values[name], &e);
            if (ok && role >= 0)
                forms_value_parse(&target->fields[role], "teacher", &ref.values[role], &e);
            if (ok)
                ok = storage_record_insert(im->db, im->school_id, &ref, &e);
            id = ref.id;
            forms_record_fini(&ref);
            if (!ok) {
                if (e.code == SK_EDB || e.code == SK_EIO) {
                    set_fatal(im, &e);
                    return false;
                }
                e.field = f->key;
                report_err(im, &e);
                continue;
            }
        }
        v->i = id;
    }
    return true;
}

/* References given by name are looked up here, before the natural key and
 * the duplicate check need them: an exact spelling wins; a name that
 * matches only once folded is accepted when it matches one record (and
 * noted in res->folded), and is an error when it matches several. Names
 * not found are left to --create-references or to storage's message.
 * Returns false on a database error (im->fatal set). */
static bool
resolve_references(struct import *im, struct forms_record *rec)
{
    const struct forms_kind *kind = im->kind;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        struct forms_value *v = &rec->values[i];
        if (f->type != FT_REF || !v->is_set || v->i != 0 || !v->s || !*v->s || !f->ref_kind ||
            im->parse_failed[i])
            continue;
        sk_buf_reset(&im->enc);
        sk_buf_adds(&im->enc, f->ref_kind);
        sk_buf_add(&im->enc, "\x1f", 1);
        sk_buf_adds(&im->enc, v->s);
        long hit = key_set_find(&im->ref_cache, im->enc.s, im->enc.len);
        if (hit) {
            const struct ref_hit *h = &im->ref_hits[hit - 1];
            v->i = h->id;
            if (h->folded)
                im->res->folded[h->folded - 1].rows++;
            continue;
        }
        /* remembered below under this key (im->enc is reused meanwhile) */
        char *cache_key = sk_xstrdup(im->enc.s);
        size_t cache_len = im->enc.len;
        struct sk_error e = {0};
        int64_t id = 0;
        enum storage_ref_how how = SR_NONE;
        char stored[256];
        if (!storage_ref_lookup(im->db, f->ref_kind, im->school_id, v->s, &id, &how, stored,
                                sizeof stored, NULL, 0, &e)) {
            free(cache_key);
            if (e.code == SK_EDB || e.code == SK_EIO) {
                set_fatal(im, &e);
                return false;
            }
            e.field = f->key;
            report_err(im, &e);
            im->parse_failed[i] = true;
            continue;
        }
        if (how == SR_NONE) {
            /* not cached: --create-references may create it on this row */
            free(cache_key);
            continue;
        }
        im->ref_hits = sk_xrealloc(im->ref_hits, (im->n_ref_hits + 1) * sizeof *im->ref_hits);
        im->ref_hits[im->n_ref_hits++] = (struct ref_hit){.id = id};
        key_set_add(&im->ref_cache, cache_key, cache_len, (long)im->n_ref_hits);
        free(cache_key);
        v->i = id;
        if (how == SR_EXACT)
            continue;
        sk_buf_reset(&im->enc);
        sk_buf_adds(&im->enc, v->s);
        sk_buf_add(&im->enc, "\x1f", 1);
        sk_buf_adds(&im->enc, stored);
        long at = key_set_find(&im->folded_keys, im->enc.s, im->enc.len);
        if (!at) {
            struct core_import_result *res = im->res;
            res->folded = sk_xrealloc(res->folded, (res->n_folded + 1) * sizeof *res->folded);
            res->folded[res->n_folded++] = (struct core_import_folded){
                .given = sk_xstrdup(v->s), .stored = sk_xstrdup(stored)};
            at = (long)res->n_folded;
            key_set_add(&im->folded_keys, im->enc.s, im->enc.len, at);
        }
        im->res->folded[at - 1].rows++;
        im->ref_hits[im->n_ref_hits - 1].folded = (size_t)at;
    }
    return true;
}

/* Appends the decimal digits of v (no printf: this runs for every cell of
 * every row of a kind without a natural key). */
static void
add_int(struct sk_buf *b, long long v)
{
    char d[24];
    size_t i = sizeof d;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        d[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        d[--i] = '-';
    sk_buf_add(b, d + i, sizeof d - i);
}

/* Free text as the duplicate check compares it (into b when b is not NULL;
 * returns its length): NFC keeps a no-break or other space, and zero-width
 * characters, that look like a space or nothing, so "Zvanīja\u00a0mātei"
 * would make a row that looks the same as a stored one a new record. Runs
 * of spaces of any kind (space, TAB, Unicode space separators, the
 * zero-width space) count as one space, none at the ends; the joiners, word
 * joiner, BOM and soft hyphen count as nothing. Line breaks and everything else count as they
 * are. Only compared, never stored. */
static size_t
fold_text(struct sk_buf *b, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = 0;
    bool space = false, any = false;
    while (*u) {
        int32_t cp = *u;
        size_t k = 1;
        if (u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
            cp = (u[0] & 0x1F) << 6 | (u[1] & 0x3F);
            k = 2;
        } else if (u[0] >= 0xE0 && u[0] <= 0xEF && (u[1] & 0xC0) == 0x80 &&
                   (u[2] & 0xC0) == 0x80) {
            cp = (u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
            k = 3;
        } else if (u[0] >= 0xF0 && u[0] <= 0xF4 && (u[1] & 0xC0) == 0x80 &&
                   (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
            cp = (u[0] & 0x07) << 18 | (u[1] & 0x3F) << 12 | (u[2] & 0x3F) << 6 | (u[3] & 0x3F);
            k = 4;
        }
        const char *at = (const char *)u;
        u += k;
        if (cp == ' ' || cp == '\t' || cp == 0x200B || forms_utf8_is_space_sep(cp)) {
            space = true;
            continue;
        }
        if (cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD)
            continue;
        if (space && any) {
            if (b)
                sk_buf_add(b, " ", 1);
            len++;
        }
        space = false;
        any = true;
        if (b)
            sk_buf_add(b, at, k);
        len += k;
    }
    return len;
}

/* The canonical encoding of rec's values as they would be stored, into b:
 * each field as "-" (no value), its length and text (text kinds, folded:
 * see fold_text), "#id"
 * (a resolved reference), "=name" (one not resolved yet) or its integer,
 * joined by U+001F. Equal encodings mean records that look the same. */
static void
encode_record(const struct forms_record *rec, struct sk_buf *b)
{
    sk_buf_reset(b);
    sk_buf_add(b, "", 0);
    for (size_t i = 0; i < rec->kind->n_fields; i++) {
        const struct forms_field *f = &rec->kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if (i)
            sk_buf_add(b, "\x1f", 1);
        if (!v->is_set) {
            sk_buf_add(b, "-", 1);
        } else if (f->type == FT_TEXT || f->type == FT_MEMO) {
            add_int(b, (long long)fold_text(NULL, v->s ? v->s : ""));
            sk_buf_add(b, ":", 1);
            fold_text(b, v->s ? v->s : "");
        } else if (f->type == FT_REF && v->i == 0) {
            sk_buf_add(b, "=", 1);
            sk_buf_adds(b, v->s ? v->s : "");
        } else if (f->type == FT_REF) {
            sk_buf_add(b, "#", 1);
            add_int(b, (long long)v->i);
        } else {
            add_int(b, (long long)v->i);
        }
    }
}

/* Reads the school's records of the kind once, into im->stored. */
static bool
load_stored(struct import *im)
{
    im->stored_loaded = true;
    struct sk_error te = {0};
    if (im->kind == &forms_kind_observation &&
        !storage_obs_template_current(im->db, im->school_id, im->obs_template,
                                      sizeof im->obs_template, &te)) {
        set_fatal(im, &te);
        return false;
    }
    struct storage_query q = {.kind = im->kind, .school_id = im->school_id, .sort_field = -1};
    struct sk_error e = {0};
    struct storage_iter *it = storage_iter_open(im->db, &q, &e);
    if (!it) {
        set_fatal(im, &e);
        return false;
    }
    struct forms_record rec;
    forms_record_init(&rec, im->kind);
    int r;
    while ((r = storage_iter_next(it, &rec, &e)) == 1) {
        encode_record(&rec, &im->enc);
        id_set_add(&im->stored, id_set_frag(&im->enc), rec.id);
    }
    forms_record_fini(&rec);
    storage_iter_close(it);
    if (r < 0) {
        set_fatal(im, &e);
        return false;
    }
    return true;
}

static void
keep_line(long *lines, size_t n, long line)
{
    if (n < CORE_IMPORT_LINES)
        lines[n] = line;
}

/* encode_record of rec as it will be stored, into im->enc: a sheet without
 * a template is stored with the current one (trigger
 * observation_template_default). */
static void
encode_row(struct import *im, struct forms_record *rec)
{
    int tf = im->kind == &forms_kind_observation ? forms_field_index(im->kind, "template") : -1;
    bool filled = tf >= 0 && !rec->values[tf].is_set && im->obs_template[0];
    if (filled)
        forms_value_set_text(&rec->values[tf], im->obs_template, strlen(im->obs_template));
    encode_record(rec, &im->enc);
    if (filled)
        forms_value_clear(&rec->values[tf]);
}

/* Kinds without a natural key have nothing to tell a new row from one
 * imported before, so importing the same file twice would double the
 * year's figures: a row identical to a stored record, or to an earlier
 * row of the file, is skipped and counted. Leaves the row's encoding in
 * im->enc. Returns 1 when the row is skipped, 0 when it is new, -1 on a
 * database error (im->fatal set). */
static long line_of_id(const struct import *im, int64_t id);

/* The record of set s whose encoding equals im->enc (hash im->row_frag):
 * its id, 0 when none, -1 on a database error (im->fatal set). */
static int64_t
find_same(struct import *im, const struct id_set *s)
{
    if (s->n == 0)
        return 0;
    uint32_t frag = im->row_frag;
    for (size_t j = id_set_pos(s, frag); s->slots[j]; j = j + 1 == s->cap ? 0 : j + 1) {
        if ((uint32_t)(s->slots[j] >> 32) != frag)
            continue;
        int64_t id = (int64_t)(s->slots[j] & 0xffffffffu);
        struct sk_error e = {0};
        if (!storage_record_get(im->db, im->kind, im->school_id, id, &im->probe, &e)) {
            if (e.code == SK_ENOTFOUND)
                continue;
            set_fatal(im, &e);
            return -1;
        }
        encode_record(&im->probe, &im->probe_enc);
        if (im->probe_enc.len == im->enc.len &&
            memcmp(im->probe_enc.s, im->enc.s, im->enc.len) == 0)
            return id;
    }
    return 0;
}

static int
duplicate_row(struct import *im, struct forms_record *rec)
{
    if (!im->stored_loaded && !load_stored(im))
        return -1;
    encode_row(im, rec);
    im->row_frag = id_set_frag(&im->enc);
    struct core_import_result *res = im->res;
    int64_t same = find_same(im, &im->stored);
    if (same < 0)
        return -1;
    if (same > 0) {
        keep_line(res->existing_lines, res->skipped_existing++, im->line);
        return 1;
    }
    same = find_same(im, &im->rows_seen);
    if (same < 0)
        return -1;
    if (same > 0) {
        long first = line_of_id(im, same);
        keep_line(res->repeated_of, res->skipped_repeated, first ? first : 1);
        keep_line(res->repeated_lines, res->skipped_repeated++, im->line);
        return 1;
    }
    return 0;
}

/* The line of the record with `id` if this import inserted it, else 0. */
static long
line_of_id(const struct import *im, int64_t id)
{
    if (im->first_id == 0 || id < im->first_id || (uint64_t)(id - im->first_id) >= im->n_id_line)
        return 0;
    return im->id_line[id - im->first_id];
}

static void
remember_id(struct import *im, int64_t id)
{
    if (im->first_id == 0)
        im->first_id = id;
    if (id < im->first_id)
        return;
    size_t i = (size_t)(id - im->first_id);
    if (i >= im->cap_id_line) {
        size_t cap = im->cap_id_line ? im->cap_id_line : 4096;
        while (cap <= i)
            cap *= 2;
        im->id_line = sk_xrealloc(im->id_line, cap * sizeof *im->id_line);
        im->cap_id_line = cap;
    }
    while (im->n_id_line <= i)
        im->id_line[im->n_id_line++] = 0;
    im->id_line[i] = im->line > 0 && im->line < (long)UINT32_MAX ? (uint32_t)im->line : 0;
}

/* Insert mode: the row's natural key must be new, in the file and in the
 * database. One index lookup answers both for the rows inserted so far;
 * the keys of rows that were not inserted are in im->failed. Returns false
 * on a database error (im->fatal set). */
static bool
check_new_key(struct import *im, const struct forms_record *rec)
{
    const struct forms_kind *kind = im->kind;
    const char *key_field = NULL;
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (!(kind->fields[i].flags & FF_NATKEY))
            continue;
        if (!rec->values[i].is_set || im->parse_failed[i])
            return true; /* no complete key: requiredness reports it */
        if (!key_field)
            key_field = kind->fields[i].key;
    }
    if (!key_field)
        return true;
    long first = 0;
    if (im->failed.n && natural_key(im, rec, &key_field))
        first = key_set_find(&im->failed, im->key.s, im->key.len);
    int64_t id = 0;
    if (!first) {
        struct sk_error e = {0};
        if (!storage_record_find_natkey(im->db, im->school_id, rec, &id, &e)) {
            set_fatal(im, &e);
            return false;
        }
        first = id ? line_of_id(im, id) : 0;
    }
    if (!first && !id)
        return true;
    natural_key(im, rec, &key_field);
    if (first)
        reportf(im, im->line, column_of(im, key_field), key_field, _("“%s” is also on line %ld"),
                SK_QUOTE(im->shown.s), first);
    else
        reportf(im, im->line, column_of(im, key_field), key_field,
                _("“%s” already exists in the database"), SK_QUOTE(im->shown.s));
    return true;
}

/* Insert mode: a row that was not inserted keeps its key in im->failed,
 * so that a later row with the same key is still reported. */
static void
remember_failed_key(struct import *im, const struct forms_record *rec)
{
    const char *key_field;
    if (im->opts->mode == CM_INSERT && natural_key(im, rec, &key_field) &&
        !key_set_find(&im->failed, im->key.s, im->key.len))
        key_set_add(&im->failed, im->key.s, im->key.len, im->line);
}

/* The `uid` cell of a row: empty (a new record), or a uid. */
static void
read_uid(struct import *im, const char *text, size_t n, long col)
{
    while (n && (*text == ' ' || *text == '\t')) {
        text++;
        n--;
    }
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r'))
        n--;
    if (n == 0)
        return;
    if (!forms_uid_parse(text, n, im->row_uid)) {
        im->row_uid[0] = '\0';
        reportf(im, im->line, col, CORE_UID_COLUMN,
                _("“%s” is not a record id (uid); a uid looks like "
                  "0f8fad5b-d9cb-469f-a165-70867728950e, or the cell is left empty"),
                SK_QUOTE(sk_quoten(text, n, (char[SK_QUOTE_SIZE]){0}, SK_QUOTE_SIZE)));
    }
}

/* How a stored record is named in a message: its natural key, else its
 * list columns. Uses im->probe. */
static void
record_shown(struct import *im, int64_t id, struct sk_buf *out)
{
    struct sk_error e = {0};
    sk_buf_reset(out);
    if (!storage_record_get(im->db, im->kind, im->school_id, id, &im->probe, &e)) {
        sk_buf_addf(out, "#%lld", (long long)id);
        return;
    }
    const struct forms_kind *kind = im->kind;
    bool natkey = false;
    for (size_t i = 0; i < kind->n_fields; i++)
        natkey |= (kind->fields[i].flags & FF_NATKEY) != 0;
    char buf[512];
    for (size_t i = 0, n = 0; i < kind->n_fields && n < 3; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (!(f->flags & (natkey ? FF_NATKEY : FF_LIST)) || !im->probe.values[i].is_set)
            continue;
        const char *t = forms_value_format(f, &im->probe.values[i], FS_CSV, buf, sizeof buf);
        if (!*t)
            continue;
        sk_buf_addf(out, "%s%s", n++ ? ", " : "", t);
    }
    if (!out->len)
        sk_buf_addf(out, "#%lld", (long long)id);
}

/* The row's uid: insert mode, it must be new (in the file and the
 * database); upsert, it names the record to update (*existing), if any.
 * False on a database error (im->fatal set). */
static bool
match_uid(struct import *im, int64_t *existing)
{
    long col = im->uid_col;
    if (im->opts->mode != CM_INSERT) {
        long first = key_set_add(&im->seen_uid, im->row_uid, FORMS_UID_LEN, im->line);
        if (first) {
            reportf(im, im->line, col, CORE_UID_COLUMN, _("uid %s is also on line %ld"),
                    im->row_uid, first);
            return true;
        }
    }
    int64_t id = 0, school = 0;
    struct sk_error e = {0};
    if (!storage_record_find_uid(im->db, im->kind, im->row_uid, &id, &school, &e)) {
        set_fatal(im, &e);
        return false;
    }
    if (!id)
        return true;
    if (school != im->school_id) {
        reportf(im, im->line, col, CORE_UID_COLUMN,
                _("uid %s belongs to a record of another school in this database"), im->row_uid);
        return true;
    }
    long first = line_of_id(im, id);
    if (im->opts->mode == CM_INSERT) {
        if (first) {
            reportf(im, im->line, col, CORE_UID_COLUMN, _("uid %s is also on line %ld"),
                    im->row_uid, first);
        } else {
            record_shown(im, id, &im->shown);
            reportf(im, im->line, col, CORE_UID_COLUMN,
                    _("uid %s already exists in the database (record “%s”); "
                      "use --mode upsert to update it"),
                    im->row_uid, SK_QUOTE(im->shown.s));
        }
        return true;
    }
    *existing = id;
    return true;
}

/* Writes one valid record: insert, or in upsert mode update `existing`. */
static void
write_record(struct import *im, int64_t existing)
{
    struct forms_record *rec = existing ? &im->old : &im->rec;
    if (im->opts->create_references && !create_references(im, rec))
        return;
    if (im->row_errors)
        return;
    if (existing && !im->row_changed) {
        im->res->unchanged++; /* nothing to write, nothing to audit */
        return;
    }
    struct sk_error e = {0};
    bool ok = existing ? storage_record_update(im->db, im->school_id, rec, &e)
                       : storage_record_insert_uid(im->db, im->school_id, rec, im->row_uid, &e);
    if (ok) {
        if (existing) {
            im->res->updated++;
        } else {
            im->res->inserted++;
            remember_id(im, rec->id);
        }
    } else if (e.code == SK_EDB || e.code == SK_EIO) {
        set_fatal(im, &e);
    } else {
        report_err(im, &e);
    }
}

/* "1,234,567" read as a number but out of range: that error (in `again`,
 * quoting the rewritten "1 234 567") says more than "not a number", so it
 * replaces it, quoting the cell as written. */
static void
number_range_error(const struct forms_field *f, const char *text, const char *number,
                   const struct sk_error *again, struct sk_error *e)
{
    struct forms_field plain = *f;
    struct forms_value v = {0};
    struct sk_error ignore = {0};
    plain.flags &= ~(unsigned)FF_RANGE;
    bool readable = forms_value_parse(&plain, number, &v, &ignore);
    forms_value_free(&v);
    const char *at = readable ? strstr(again->msg, number) : NULL;
    if (!at)
        return;
    struct sk_buf msg = {0};
    sk_buf_add(&msg, again->msg, (size_t)(at - again->msg));
    sk_buf_adds(&msg, text);
    sk_buf_adds(&msg, at + strlen(number));
    *e = *again;
    snprintf(e->msg, sizeof e->msg, "%s", msg.s ? msg.s : "");
    sk_buf_free(&msg);
}

/* A cell into its value, forgivingly: an empty cell of a field with a
 * default takes the default (an empty status is in_use; an upsert keeps a
 * stored record's value instead); only when the
 * cell does not parse as it is, a number with thousands separators
 * ("1,099.00") is read again and a choice that is none names the closest. */
static bool
parse_cell(struct import *im, int fi, const char *text, size_t n, struct sk_error *e)
{
    const struct forms_field *f = &im->kind->fields[fi];
    struct forms_value *v = &im->rec.values[fi];
    if (f->default_text && core_is_blank(text, n)) {
        forms_value_copy(v, &im->defaults.values[fi]);
        im->took_default[fi] = true;
        return true;
    }
    char number[128];
    struct sk_error again = {0};
    /* "1,000" would parse as 1.00: a single separator before three digits
     * is refused as ambiguous before the plain parse can guess */
    if ((f->type == FT_MONEY || f->type == FT_INT) &&
        memchr(text, ',', n) != memchr(text, '.', n) &&
        core_cell_number(f, text, number, sizeof number, e) < 0)
        return false;
    if (forms_value_parse(f, text, v, e))
        return true;
    if ((f->type == FT_ENUM) && !core_is_blank(text, n) && forms_choice_match(f, text) < 0) {
        core_cell_choice_error(f, text, e);
        return false;
    }
    int r = core_cell_number(f, text, number, sizeof number, &again);
    if (r < 0)
        *e = again;
    else if (r > 0 && forms_value_parse(f, number, v, &again))
        return true;
    else if (r > 0)
        number_range_error(f, text, number, &again, e);
    return false;
}

/* A loan not returned yet follows the interface's rules (core/loan.c):
 * no written-off device, no second open loan of a device, also against the
 * earlier rows of the file (already written in this transaction). False on
 * a database error. */
static bool
check_loan(struct import *im, const struct forms_record *loan)
{
    struct sk_error e = {0};
    int64_t other = 0;
    if (core_loan_check_open(im->db, im->school_id, loan, &other, &e))
        return true;
    if (e.code != SK_EINVAL) {
        set_fatal(im, &e);
        return false;
    }
    int fi = forms_keys()->loan_device;
    const char *key = forms_kind_loan.fields[fi].key;
    long first = other ? line_of_id(im, other) : 0;
    if (first)
        reportf(im, im->line, column_of(im, key), key,
                _("“%s” is lent on line %ld already, not returned there; a device has one open "
                  "loan at a time"),
                SK_QUOTE(loan->values[fi].s ? loan->values[fi].s : ""), first);
    else
        reportf(im, im->line, column_of(im, key), key, "%s", e.msg);
    return true;
}

static bool
import_record(struct import *im, struct core_csv *s)
{
    const struct forms_kind *kind = im->kind;
    if (!im->header_done)
        return import_header(im, s);
    if (core_csv_row_blank(s) && !s->unterminated)
        return true; /* ";;;;" rows that spreadsheets leave at the end */
    im->res->rows++;
    if (s->unterminated) {
        reportf(im, im->line, (long)s->n, NULL, "%s",
                _("a quoted value is not closed before the end of the file"));
        return true;
    }
    if (s->n != im->n_cols) {
        long col = s->n > im->n_cols ? (long)im->n_cols + 1 : (long)s->n;
        reportf(im, im->line, col, NULL,
                dngettext(SK_DOMAIN, "this row has %zu cell but the header has %zu",
                          "this row has %zu cells but the header has %zu", s->n),
                s->n, im->n_cols);
        return true;
    }

    struct forms_record *rec = &im->rec;
    rec->id = 0;
    rec->version = 0;
    im->row_uid[0] = '\0';
    for (size_t i = 0; i < kind->n_fields; i++) {
        im->parse_failed[i] = false;
        im->took_default[i] = false;
        if (!im->field_col[i])
            forms_value_copy(&rec->values[i], &im->defaults.values[i]);
    }
    for (size_t c = 0; c < s->n; c++) {
        int fi = im->col_field[c];
        char *text = core_csv_text(s, c);
        size_t n = core_csv_text_len(s, c);
        long col = (long)c + 1;
        if (fi == COL_UID) {
            read_uid(im, text, n, col);
            continue;
        }
        if (fi < 0) {
            if (fi == COL_UNNAMED && !core_is_blank(text, n))
                reportf(im, im->line, col, NULL, "%s",
                        _("there is a value in a column without a name"));
            continue;
        }
        const struct forms_field *f = &kind->fields[fi];
        if (memchr(text, '\0', n)) {
            reportf(im, im->line, col, f->key, "%s", _("the value contains a NUL byte"));
            im->parse_failed[fi] = true;
            continue;
        }
        if (im->check_utf8 && !forms_utf8_valid(text, n)) {
            reportf(im, im->line, col, f->key, "%s", _("the value is not valid UTF-8"));
            im->parse_failed[fi] = true;
            continue;
        }
        if (core_csv_is_text_type(f->type)) {
            while (*text == ' ')
                text++;
            if (core_csv_quote_run(text))
                text++;
        }
        struct sk_error e = {0};
        if (!parse_cell(im, fi, text, n, &e)) {
            reportf(im, im->line, col, f->key, "%s", e.msg);
            im->parse_failed[fi] = true;
            forms_value_clear(&rec->values[fi]);
        }
    }

    if (!resolve_references(im, rec))
        return false;

    /* The uid names the record, before and over the natural key. */
    int64_t existing = 0;
    if (im->row_uid[0] && !match_uid(im, &existing))
        return false;

    /* The natural key: unique inside the file, and (insert mode) new. */
    const char *key_field;
    if (im->opts->mode == CM_INSERT) {
        if (!check_new_key(im, rec))
            return false;
    } else if (natural_key(im, rec, &key_field)) {
        long first = key_set_add(&im->seen, im->key.s, im->key.len, im->line);
        if (first) {
            reportf(im, im->line, column_of(im, key_field), key_field,
                    _("“%s” is also on line %ld"), SK_QUOTE(im->shown.s), first);
        } else {
            struct sk_error e = {0};
            int64_t by_key = 0;
            if (!storage_record_find_natkey(im->db, im->school_id, rec, &by_key, &e)) {
                set_fatal(im, &e);
                return false;
            }
            if (existing && by_key && by_key != existing) {
                reportf(im, im->line, column_of(im, key_field), key_field,
                        _("“%s” is another record than the one with uid %s"), SK_QUOTE(im->shown.s),
                        im->row_uid);
                by_key = 0;
            }
            if (!existing)
                existing = by_key;
            if (existing && im->opts->mode == CM_INSERT) {
                reportf(im, im->line, column_of(im, key_field), key_field,
                        _("“%s” already exists in the database"), SK_QUOTE(im->shown.s));
                existing = 0;
            }
        }
    }

    /* Upsert of a stored record: the columns of the file over the stored
     * values; an empty cell of a field with a default keeps the stored value
     * (the default is for new records). */
    if (existing) {
        struct sk_error e = {0};
        if (!storage_record_get(im->db, kind, im->school_id, existing, &im->old, &e)) {
            set_fatal(im, &e);
            return false;
        }
        im->row_changed = false;
        for (size_t i = 0; i < kind->n_fields; i++) {
            if (!im->field_col[i] || im->parse_failed[i] || im->took_default[i])
                continue;
            im->row_changed |=
                !forms_value_equal(&kind->fields[i], &im->old.values[i], &rec->values[i]);
            forms_value_copy(&im->old.values[i], &rec->values[i]);
        }
    }
    forms_record_validate_all(existing ? &im->old : rec, on_validate_error, im);
    if (im->row_errors == 0 && kind == &forms_kind_loan &&
        !check_loan(im, existing ? &im->old : rec))
        return false;
    bool dup_checked = false;
    /* a row with its own uid is a record of its own, never a repeat */
    if (im->row_errors == 0 && im->check_dups && !existing && !im->row_uid[0]) {
        int d = duplicate_row(im, rec);
        if (d != 0)
            return d > 0;
        dup_checked = true;
    }
    if (im->row_errors == 0)
        write_record(im, existing);
    if (dup_checked && im->row_errors == 0 && !im->has_fatal) {
        /* again: --create-references may have just created a person, whom
         * the next identical row finds by name (else im->enc still holds
         * the row's encoding from duplicate_row) */
        if (im->opts->create_references) {
            encode_row(im, rec);
            im->row_frag = id_set_frag(&im->enc);
        }
        id_set_add(&im->rows_seen, im->row_frag, rec->id);
    }
    if (im->row_errors != 0)
        remember_failed_key(im, rec);
    return !im->has_fatal;
}

static bool
import_row(void *ctx, struct core_csv *s)
{
    struct import *im = ctx;
    im->line = s->row_line;
    im->row_errors = 0;
    bool go_on = import_record(im, s);
    flush_errors(im);
    return go_on;
}

/* Rows the input probably holds (for storage's bulk mode): its size over a
 * short row's length; 0 when the size is unknown. */
static size_t
expected_rows(struct core_reader *r)
{
    struct stat sb;
    if (!r->f || fstat(fileno(r->f), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0)
        return 0;
    return (size_t)sb.st_size / 128;
}

/* A problem the reader found (invalid bytes, a stray quote): one error of
 * its line, between records. */
static void
on_read_problem(void *ctx, const struct sk_error *e)
{
    struct import *im = ctx;
    report_at(im, e->line, e->column, NULL, e->msg);
    flush_errors(im);
}

bool
core_import_file(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                 const char *path, const struct core_import_opts *opts,
                 struct core_import_result *res, struct sk_error *err)
{
    static const struct core_import_opts no_opts = {.encoding = CE_AUTO};
    struct core_import_result local;
    if (!opts)
        opts = &no_opts;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);

    struct import im = {
        .db = db,
        .kind = kind,
        .school_id = school_id,
        .opts = opts,
        .res = res,
        .check_utf8 = opts->encoding == CE_UTF8,
    };
    struct core_csv r;
    bool ok = core_csv_open(&r, path, opts->encoding, on_read_problem, &im, err);
    if (ok)
        core_csv_multiline_ok(&r, opts->multiline_ok);
    res->encoding = r.in.enc;
    im.field_col = sk_xcalloc(kind->n_fields, sizeof *im.field_col);
    im.parse_failed = sk_xcalloc(kind->n_fields, sizeof *im.parse_failed);
    im.took_default = sk_xcalloc(kind->n_fields, sizeof *im.took_default);
    forms_record_init(&im.rec, kind);
    forms_record_init(&im.old, kind);
    forms_record_init(&im.defaults, kind);
    forms_record_init(&im.probe, kind);
    forms_record_defaults(&im.defaults);
    im.check_dups = !opts->allow_duplicates;
    for (size_t i = 0; i < kind->n_fields; i++)
        if (kind->fields[i].flags & FF_NATKEY)
            im.check_dups = false;
    /* sized once for the rows the file probably holds: growing copies it */
    if (ok && im.check_dups && !opts->dry_run)
        id_set_reserve(&im.rows_seen, expected_rows(&r.in) / 4 * 5 + 1024);

    /* One transaction in storage's bulk mode: every error below ends it
     * with a rollback. */
    if (ok)
        ok = storage_bulk_begin(db, kind, opts->dry_run ? 0 : expected_rows(&r.in), err);
    /* the import's one audit entry; the records it creates name it */
    if (ok && !storage_batch_begin(db, kind, school_id, path, err)) {
        storage_bulk_end(db, false, NULL);
        ok = false;
    }
    if (ok) {
        ok = core_csv_run(&r, opts->separator, import_row, &im, err);
        res->separator = r.sep;
        if (!ok && err && err->code == SK_EINVAL && res->n_errors > 0)
            ok = true; /* the reader's problems were reported: counted below */
        if (ok && im.has_fatal) {
            *err = im.fatal;
            ok = false;
        }
        if (ok && !im.header_done && res->n_errors == 0) {
            reportf(&im, 1, 0, NULL, "%s",
                    _("the file is empty; its first line must name the columns"));
            flush_errors(&im);
        }
        if (ok && res->n_errors > 0) {
            sk_fail(err, SK_EINVAL,
                    dngettext(SK_DOMAIN, "%zu error in the file; nothing was imported",
                              "%zu errors in the file; nothing was imported", res->n_errors),
                    res->n_errors);
            ok = false;
        }
        if (ok && !opts->dry_run) {
            ok = storage_batch_end(db, r.in.sha256, res->updated, err);
            if (ok)
                ok = storage_bulk_end(db, true, err);
            else
                storage_bulk_end(db, false, NULL);
        } else {
            storage_bulk_end(db, false, NULL);
        }
        if (!ok) {
            res->inserted = 0;
            res->updated = 0;
            res->unchanged = 0;
        }
    } else if (err && err->code == SK_EINVAL && res->n_errors > 0) {
        /* the input was refused while opening, its problems reported */
        sk_fail(err, SK_EINVAL,
                dngettext(SK_DOMAIN, "%zu error in the file; nothing was imported",
                          "%zu errors in the file; nothing was imported", res->n_errors),
                res->n_errors);
    }

    core_csv_close(&r);
    forms_record_fini(&im.rec);
    forms_record_fini(&im.old);
    forms_record_fini(&im.defaults);
    key_set_free(&im.seen);
    key_set_free(&im.seen_uid);
    key_set_free(&im.failed);
    free(im.stored.slots);
    free(im.rows_seen.slots);
    forms_record_fini(&im.probe);
    sk_buf_free(&im.probe_enc);
    key_set_free(&im.folded_keys);
    key_set_free(&im.ref_cache);
    free(im.ref_hits);
    sk_buf_free(&im.enc);
    free(im.id_line);
    sk_buf_free(&im.key);
    sk_buf_free(&im.shown);
    free(im.col_field);
    free(im.field_col);
    free(im.parse_failed);
    free(im.took_default);
    free(im.pending);
    return ok;
}

void
core_import_result_fini(struct core_import_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n_folded; i++) {
        free(res->folded[i].given);
        free(res->folded[i].stored);
    }
    free(res->folded);
    res->folded = NULL;
    res->n_folded = 0;
}

/* "2, 5, 9" from the first lines kept, with "…" when there were more. */
static void
add_lines(struct sk_buf *b, const long *lines, size_t n)
{
    for (size_t i = 0; i < n && i < CORE_IMPORT_LINES; i++)
        sk_buf_addf(b, i ? ", %ld" : "%ld", lines[i]);
    if (n > CORE_IMPORT_LINES)
        sk_buf_adds(b, ", …");
}

char *
core_import_notes(const struct core_import_result *res)
{
    struct sk_buf b = {0}, lines = {0};
    sk_buf_add(&b, "", 0);
    if (res->unchanged)
        sk_buf_addf(&b,
                    dngettext(SK_DOMAIN, "%zu row unchanged: the record already has these values\n",
                              "%zu rows unchanged: the records already have these values\n",
                              res->unchanged),
                    res->unchanged);
    if (res->skipped_existing) {
        sk_buf_add(&lines, "", 0);
        add_lines(&lines, res->existing_lines, res->skipped_existing);
        sk_buf_addf(&b,
                    dngettext(SK_DOMAIN,
                              "%zu row skipped (line %s): identical to a record already in the "
                              "database (use --allow-duplicates to import it anyway)\n",
                              "%zu rows skipped (lines %s): identical to records already in the "
                              "database (use --allow-duplicates to import them anyway)\n",
                              res->skipped_existing),
                    res->skipped_existing, lines.s);
        sk_buf_free(&lines);
    }
    if (res->skipped_repeated) {
        struct sk_buf pairs = {0};
        sk_buf_add(&pairs, "", 0);
        for (size_t i = 0; i < res->skipped_repeated && i < CORE_IMPORT_LINES; i++) {
            if (i)
                sk_buf_adds(&pairs, "; ");
            sk_buf_addf(&pairs, _("line %ld repeats line %ld"), res->repeated_lines[i],
                        res->repeated_of[i]);
        }
        if (res->skipped_repeated > CORE_IMPORT_LINES)
            sk_buf_adds(&pairs, "; …");
        sk_buf_addf(&b,
                    dngettext(SK_DOMAIN,
                              "%zu row skipped: identical to an earlier row of the file (%s; "
                              "use --allow-duplicates to import it anyway)\n",
                              "%zu rows skipped: identical to earlier rows of the file (%s; "
                              "use --allow-duplicates to import them anyway)\n",
                              res->skipped_repeated),
                    res->skipped_repeated, pairs.s);
        sk_buf_free(&pairs);
    }
    for (size_t i = 0; i < res->n_folded; i++)
        sk_buf_addf(&b,
                    dngettext(SK_DOMAIN, "%zu row: “%s” read as “%s”\n",
                              "%zu rows: “%s” read as “%s”\n", res->folded[i].rows),
                    res->folded[i].rows, res->folded[i].given, res->folded[i].stored);
    return b.s;
}

/* ---------------------------------------------------------------- preview */

struct preview {
    struct core_preview *out;
    size_t max_rows;
    size_t rows_cap;
};

static char **
preview_cells(struct core_csv *s, size_t n_cols)
{
    char **row = sk_xcalloc(n_cols ? n_cols : 1, sizeof *row);
    for (size_t c = 0; c < n_cols; c++) {
        if (c < s->n) {
            row[c] = sk_xstrndup(core_csv_text(s, c), core_csv_text_len(s, c));
        } else {
            row[c] = sk_xstrdup("");
        }
    }
    return row;
}

static bool
preview_row(void *ctx, struct core_csv *s)
{
    struct preview *pv = ctx;
    struct core_preview *p = pv->out;
    if (!p->header) {
        p->n_cols = s->n;
        p->header = preview_cells(s, s->n);
        return pv->max_rows > 0;
    }
    if (core_csv_row_blank(s))
        return true;
    if (p->n_rows == pv->rows_cap) {
        pv->rows_cap = pv->rows_cap ? 2 * pv->rows_cap : 16;
        p->rows = sk_xrealloc(p->rows, pv->rows_cap * sizeof *p->rows);
    }
    p->rows[p->n_rows++] = preview_cells(s, p->n_cols);
    return p->n_rows < pv->max_rows;
}

bool
core_import_preview(const char *path, enum core_encoding enc, size_t max_rows,
                    struct core_preview *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    struct core_csv r;
    if (!core_csv_open(&r, path, enc, NULL, NULL, err))
        return false;
    out->encoding = r.in.enc;
    struct preview pv = {.out = out, .max_rows = max_rows};
    bool ok = core_csv_run(&r, 0, preview_row, &pv, err);
    out->separator = r.sep;
    core_csv_close(&r);
    if (!ok)
        core_preview_fini(out);
    return ok;
}

void
core_preview_fini(struct core_preview *p)
{
    if (!p)
        return;
    if (p->header)
        for (size_t c = 0; c < p->n_cols; c++)
            free(p->header[c]);
    free(p->header);
    for (size_t r = 0; r < p->n_rows; r++) {
        for (size_t c = 0; c < p->n_cols; c++)
            free(p->rows[r][c]);
        free(p->rows[r]);
    }
    free(p->rows);
    memset(p, 0, sizeof *p);
}
