/* CSV export (SPEC §4): the kind's columns, every record of a query, in the
 * rfc4180 profile (UTF-8, ',', ISO dates, '.', LF, keys as headers) or the
 * excel profile (BOM, ';', DD.MM.YYYY, decimal comma, CRLF, Latvian
 * headers, CSV injection neutralised). Output goes through one large buffer
 * written with fwrite, and what the import reads back gives the same bytes
 * again (see the apostrophe rule in csv_import.c). */
#include "core/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OUT_CAP (256 * 1024)

bool
core_profile_parse(const char *s, enum core_profile *out)
{
    if (!s)
        return false;
    if (strcasecmp(s, "rfc4180") == 0)
        *out = CP_RFC4180;
    else if (strcasecmp(s, "excel") == 0)
        *out = CP_EXCEL;
    else
        return false;
    return true;
}

bool
core_csv_is_text_type(enum forms_type t)
{
    return t == FT_TEXT || t == FT_MEMO || t == FT_REF;
}

static bool
is_trigger(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

size_t
core_csv_quote_run(const char *s)
{
    size_t n = 0;
    while (s[n] == '\'')
        n++;
    return n && is_trigger(s[n]) ? n : 0;
}

bool
core_csv_neutralise(const char *s, bool excel)
{
    return core_csv_quote_run(s) > 0 || (excel && is_trigger(s[0]));
}

/* The output buffer; the first write error sticks. */
struct out {
    FILE *f;
    char *b; /* owned, OUT_CAP bytes */
    size_t len;
    int error;      /* errno of the first failed write, or 0 */
    bool cell_crlf; /* in-cell line breaks written as CRLF (records end in LF) */
};

static void
out_flush(struct out *o)
{
    if (o->len && !o->error && fwrite(o->b, 1, o->len, o->f) != o->len)
        o->error = errno ? errno : EIO;
    o->len = 0;
}

static void
out_add(struct out *o, const char *s, size_t n)
{
    if (o->len + n > OUT_CAP) {
        out_flush(o);
        if (n > OUT_CAP) {
            if (!o->error && fwrite(s, 1, n, o->f) != n)
                o->error = errno ? errno : EIO;
            return;
        }
    }
    memcpy(o->b + o->len, s, n);
    o->len += n;
}

static void
out_char(struct out *o, char c)
{
    if (o->len == OUT_CAP)
        out_flush(o);
    o->b[o->len++] = c;
}

/* Text of a quoted cell. A line break inside a cell is written
 * differently from the record ends (rfc4180: records LF, in-cell CRLF;
 * excel: records CRLF, in-cell LF), so that the reader knows which line
 * breaks end records and skola's own files are never ambiguous (the reader
 * turns CRLF inside a value back into LF). */
static void
out_add_cell_text(struct out *o, const char *s, size_t n)
{
    const char *q;
    while (o->cell_crlf && (q = memchr(s, '\n', n)) != NULL) {
        out_add(o, s, (size_t)(q - s));
        out_add(o, "\r\n", 2);
        n -= (size_t)(q - s) + 1;
        s = q + 1;
    }
    out_add(o, s, n);
}

/* One cell, quoted when it holds the separator, a quote, CR or LF, or
 * starts or ends with a space or TAB (which an unquoted cell would lose). */
static void
out_cell(struct out *o, const char *s, char sep, bool neutralise)
{
    size_t n = strlen(s);
    bool quote = n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
    for (size_t i = 0; i < n && !quote; i++) {
        char c = s[i];
        quote = c == sep || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote && !neutralise) {
        out_add(o, s, n);
        return;
    }
    if (quote)
        out_char(o, '"');
    if (neutralise)
        out_char(o, '\'');
    if (!quote) {
        out_add(o, s, n);
        return;
    }
    const char *p = s;
    const char *q;
    while ((q = memchr(p, '"', n - (size_t)(p - s))) != NULL) {
        out_add_cell_text(o, p, (size_t)(q - p) + 1);
        out_char(o, '"');
        p = q + 1;
    }
    out_add_cell_text(o, p, n - (size_t)(p - s));
    out_char(o, '"');
}

/* Which fields an export writes (*keep owned, one per field): all but the
 * observation ticks of criteria that no template in use has, "in use" being
 * a template some sheet of the school was filled with, or the one its new
 * sheets get. A file with LVT-2023 alone thus keeps its 17 columns. */
struct used_tpl {
    struct storage_db *db;
    bool *keep;
    bool ok;
    struct sk_error *err;
};

static void
keep_template(struct used_tpl *u, const char *code)
{
    struct storage_obs_template t;
    struct sk_error e2 = {0};
    if (!u->ok || !code[0] || !storage_obs_template_get(u->db, code, &t, &e2)) {
        if (u->ok && e2.code != SK_OK && e2.code != SK_ENOTFOUND) {
            *u->err = e2;
            u->ok = false;
        }
        return;
    }
    for (size_t k = 0; k < t.n_crit; k++) {
        int f = forms_observation_crit_field(t.crit[k].code);
        if (f >= 0)
            u->keep[f] = true;
    }
    storage_obs_template_fini(&t);
}

static void
keep_sheets_template(void *ctx, const char *code, int64_t n)
{
    (void)n;
    keep_template(ctx, code);
}

bool *
core_export_fields(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                   struct sk_error *err)
{
    bool *keep = sk_xcalloc(kind->n_fields, sizeof *keep);
    bool has_rows = false;
    for (size_t i = 0; i < kind->n_fields; i++) {
        keep[i] = !(kind->fields[i].flags & FF_ROWS);
        has_rows = has_rows || !keep[i];
    }
    if (!has_rows)
        return keep;
    struct used_tpl u = {db, keep, true, err};
    char current[64] = "";
    struct sk_error e2 = {0};
    if (storage_obs_template_current(db, school_id, current, sizeof current, &e2))
        keep_template(&u, current);
    if (u.ok && !storage_obs_template_sheets(db, school_id, keep_sheets_template, &u, err))
        u.ok = false;
    if (!u.ok) {
        free(keep);
        return NULL;
    }
    return keep;
}

/* The excel profile names a choice by its label in the user's language (the
 * import accepts labels, so the file reads back); NULL for other fields. */
static const char *
excel_choice(const struct forms_field *f, const struct forms_value *v)
{
    if (f->type != FT_ENUM || !v->is_set || v->i < 0 || (size_t)v->i >= f->n_choices)
        return NULL;
    return forms_choice_label(&f->choices[v->i]);
}

bool
core_export(struct storage_db *db, const struct storage_query *q, FILE *out,
            enum core_profile profile, size_t *rows, struct sk_error *err)
{
    const struct forms_kind *kind = q->kind;
    bool excel = profile == CP_EXCEL;
    char sep = excel ? ';' : ',';
    const char *eol = excel ? "\r\n" : "\n";
    size_t eol_len = excel ? 2 : 1;
    enum forms_style style = excel ? FS_EXCEL : FS_CSV;
    size_t count = 0;
    if (rows)
        *rows = 0;

    bool *keep = core_export_fields(db, kind, q->school_id, err);
    if (!keep)
        return false;
    struct storage_iter *it = storage_iter_open(db, q, err);
    if (!it) {
        free(keep);
        return false;
    }
    struct out o = {.f = out, .b = sk_xmalloc(OUT_CAP), .cell_crlf = !excel};
    if (excel)
        out_add(&o, "\xef\xbb\xbf", 3);
    /* the stable id first: an import matches the row by it */
    out_cell(&o, CORE_UID_COLUMN, sep, false);
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (!keep[i])
            continue;
        out_char(&o, sep);
        const struct forms_field *f = &kind->fields[i];
        out_cell(&o, excel ? forms_field_label(f) : f->key, sep, false);
    }
    out_add(&o, eol, eol_len);

    struct forms_record rec;
    forms_record_init(&rec, kind);
    char buf[512];
    int r;
    while ((r = storage_iter_next(it, &rec, err)) == 1) {
        out_cell(&o, rec.uid, sep, false);
        for (size_t i = 0; i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            if (!keep[i])
                continue;
            out_char(&o, sep);
            const char *s = excel ? excel_choice(f, &rec.values[i]) : NULL;
            if (!s)
                s = forms_value_format(f, &rec.values[i], style, buf, sizeof buf);
            bool neutralise = core_csv_is_text_type(f->type) && core_csv_neutralise(s, excel);
            out_cell(&o, s, sep, neutralise);
        }
        out_add(&o, eol, eol_len);
        count++;
        if (o.error)
            break;
    }
    forms_record_fini(&rec);
    storage_iter_close(it);
    free(keep);
    out_flush(&o);
    free(o.b);
    if (r < 0)
        return false;
    if (!o.error && fflush(out) != 0)
        o.error = errno ? errno : EIO;
    if (o.error)
        return sk_fail(err, SK_EIO, _("Cannot write the export: %s."), strerror(o.error));
    if (rows)
        *rows = count;
    return true;
}

bool
core_export_path(struct storage_db *db, const struct storage_query *q, const char *path,
                 enum core_profile profile, size_t *rows, struct sk_error *err)
{
    if (strcmp(path, "-") == 0) /* `>> skola.db` would append to the live file */
        return core_output_allowed(db, "/dev/stdout", err) &&
               core_export(db, q, stdout, profile, rows, err);

    if (!core_output_allowed(db, path, err))
        return false;
    if (core_path_is_xlsx(path))
        return core_export_xlsx(db, q, path, rows, err);
    struct sk_atomic a;
    FILE *f = sk_atomic_open(&a, path, 0600, err);
    if (!f)
        return false;
    if (!core_export(db, q, f, profile, rows, err)) {
        sk_atomic_abort(&a);
        return false;
    }
    return sk_atomic_commit(&a, err);
}
