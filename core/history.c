/* A record's history for people: the audit trail of storage_history, newest
 * first, as lines "when, who, what" in the user's language (field labels,
 * choice labels, dates as DD.MM.YYYY), shared by the `h` screen and
 * `skola history`; and the record a KEY on the command line names. */
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lines_ctx {
    const struct forms_kind *kind;
    struct core_history_line *lines;
    size_t n, cap;
};

/* "2024-11-15T10:02:03Z" -> "15.11.2024 10:02" (as stored: UTC). */
static void
format_when(const char *at, char *out, size_t cap)
{
    /* the fixed layout YYYY-MM-DDTHH:MM, digits where digits belong */
    static const char shape[] = "dddd-dd-ddTdd:dd";
    bool ok = strlen(at) >= sizeof shape - 1;
    for (size_t i = 0; ok && i < sizeof shape - 1; i++)
        ok = shape[i] == 'd' ? at[i] >= '0' && at[i] <= '9' : at[i] == shape[i];
    if (ok)
        snprintf(out, cap, "%.2s.%.2s.%.4s %.2s:%.2s", at + 8, at + 5, at, at + 11, at + 14);
    else
        snprintf(out, cap, "%s", at);
}

/* An audit value (CSV style) as the screen shows it; "—" when empty. */
static char *
format_value(const struct forms_field *f, const char *csv)
{
    if (!csv || !*csv)
        return sk_xstrdup("—");
    if (!f)
        return sk_xstrdup(csv);
    struct forms_value v = {0};
    struct sk_error err = {0};
    char buf[512];
    char *out;
    if (forms_value_parse(f, csv, &v, &err) && v.is_set)
        out = sk_xstrdup(forms_value_format(f, &v, FS_DISPLAY, buf, sizeof buf));
    else
        out = sk_xstrdup(csv); /* a value an older version wrote: as it is */
    forms_value_free(&v);
    return out;
}

static bool
add_entry(void *arg, const struct storage_history_entry *e)
{
    struct lines_ctx *c = arg;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->lines = sk_xrealloc(c->lines, c->cap * sizeof *c->lines);
    }
    struct core_history_line *l = &c->lines[c->n++];
    memset(l, 0, sizeof *l);
    format_when(e->at, l->when, sizeof l->when);
    snprintf(l->who, sizeof l->who, "%s", e->user);
    if (strcmp(e->action, "update") == 0) {
        int fi = forms_field_index(c->kind, e->field);
        const struct forms_field *f = fi >= 0 ? &c->kind->fields[fi] : NULL;
        char *a = format_value(f, e->old_value), *b = format_value(f, e->new_value);
        snprintf(l->field, sizeof l->field, "%s", f ? forms_field_label(f) : e->field);
        l->text = sk_xasprintf("%s → %s", a, b);
        free(a);
        free(b);
    } else if (strcmp(e->action, "insert") == 0) {
        l->text = sk_xstrdup(_("created"));
    } else if (strcmp(e->action, "import") == 0) {
        char when[32];
        format_when(e->at, when, sizeof when);
        when[10] = '\0'; /* the date */
        char q[1024];
        l->text =
            sk_xasprintf(_("created by import of “%s” on %s by %s"),
                         sk_quote(e->file_name ? e->file_name : "-", q, sizeof q), when, e->user);
    } else if (strcmp(e->action, "delete") == 0) {
        char when[32];
        format_when(e->at, when, sizeof when);
        when[10] = '\0'; /* the date */
        l->text = sk_xasprintf(_("deleted on %s by %s"), when, e->user);
    } else {
        l->text = sk_xstrdup(e->action);
    }
    return true;
}

bool
core_history_lines(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                   int64_t id, struct core_history_line **out, size_t *n, struct sk_error *err)
{
    struct lines_ctx c = {.kind = kind};
    *out = NULL;
    *n = 0;
    bool ok = id < 0 ? storage_history_deleted(db, kind, school_id, -id, add_entry, &c, err)
                     : storage_history(db, kind, school_id, id, add_entry, &c, err);
    if (!ok) {
        core_history_free(c.lines, c.n);
        return false;
    }
    *out = c.lines;
    *n = c.n;
    return true;
}

void
core_history_free(struct core_history_line *lines, size_t n)
{
    for (size_t i = 0; lines && i < n; i++)
        free(lines[i].text);
    free(lines);
}

/* Whether text is a record id: "#12" always, "12" for a kind without a
 * natural key. */
static bool
parse_id(const char *text, bool is_hash_needed, int64_t *id)
{
    if (*text == '#')
        text++;
    else if (is_hash_needed)
        return false;
    if (!*text)
        return false;
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (*end || v <= 0)
        return false;
    *id = (int64_t)v;
    return true;
}

static bool
count_entry(void *arg, const struct storage_history_entry *e)
{
    (void)e;
    ++*(size_t *)arg;
    return true;
}

/* KEY as a uid: the record that has it, or a deleted one that had it. */
static bool
find_by_uid(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
            const char *uid, int64_t *id, struct sk_error *err)
{
    int64_t school = 0;
    if (!storage_record_find_uid(db, kind, uid, id, &school, err))
        return false;
    if (*id && school != school_id)
        *id = 0; /* another school's record is not shown here */
    int64_t audit = 0;
    if (!*id && !storage_history_find_deleted(db, kind, school_id, uid, NULL, &audit, err))
        return false;
    if (audit)
        *id = -audit; /* a deleted record: core_history_lines reads its delete row */
    if (!*id)
        return sk_fail(err, SK_ENOTFOUND, _("%s: no record with the uid %s."),
                       forms_kind_label(kind), uid);
    return true;
}

bool
core_history_find(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                  const char *key, int64_t *id, struct sk_error *err)
{
    *id = 0;
    char uid[FORMS_UID_LEN + 1];
    if (forms_uid_parse(key, strlen(key), uid))
        return find_by_uid(db, kind, school_id, uid, id, err);
    size_t n_nat = 0;
    for (size_t i = 0; i < kind->n_fields; i++)
        n_nat += (kind->fields[i].flags & FF_NATKEY) != 0;
    int64_t want = 0;
    if (parse_id(key, n_nat > 0, &want)) {
        struct forms_record rec;
        forms_record_init(&rec, kind);
        struct sk_error e2 = {0};
        bool found = storage_record_get(db, kind, school_id, want, &rec, &e2);
        forms_record_fini(&rec);
        if (found) {
            *id = want;
            return true;
        }
        if (e2.code != SK_ENOTFOUND && e2.code != SK_OK) {
            *err = e2;
            return false;
        }
        /* a deleted record: its audit rows (starting with the deletion) */
        size_t n_rows = 0;
        if (!storage_history(db, kind, school_id, want, count_entry, &n_rows, err))
            return false;
        if (n_rows) {
            *id = want;
            return true;
        }
        return sk_fail(err, SK_ENOTFOUND, _("%s has no record number %lld."),
                       forms_kind_label(kind), (long long)want);
    }
    if (n_nat == 0)
        return sk_fail(err, SK_EINVAL,
                       _("Records of “%s” have no natural key: give the record number as #N."),
                       forms_kind_label(kind));
    /* the natural key's parts in field order, separated by '/' */
    struct forms_record rec;
    forms_record_init(&rec, kind);
    char *copy = sk_xstrdup(key), *p = copy;
    bool ok = true;
    size_t part = 0;
    for (size_t i = 0; ok && i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (!(f->flags & FF_NATKEY))
            continue;
        char *slash = ++part < n_nat ? strchr(p, '/') : NULL;
        if (part < n_nat && !slash) {
            ok = sk_fail(err, SK_EINVAL, _("The key of “%s” has %zu parts separated by “/”."),
                         forms_kind_label(kind), n_nat);
            break;
        }
        if (slash)
            *slash = '\0';
        ok = forms_value_parse(f, p, &rec.values[i], err);
        p = slash ? slash + 1 : p + strlen(p);
    }
    free(copy);
    if (ok)
        ok = storage_record_find_natkey(db, school_id, &rec, id, err);
    /* not there: a deleted record's history, by its key in the delete row */
    int64_t audit = 0;
    if (ok && *id == 0)
        ok = storage_history_find_deleted(db, kind, school_id, NULL, &rec, &audit, err);
    if (audit)
        *id = -audit;
    forms_record_fini(&rec);
    if (ok && *id == 0)
        ok = sk_fail(err, SK_ENOTFOUND, _("%s: no record with the key “%s”."),
                     forms_kind_label(kind), SK_QUOTE(key));
    return ok;
}
