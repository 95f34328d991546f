/* The municipality package (SPEC §6): the school's summary and the
 * non-personal data of one school year as CSV files plus manifest.json with
 * row counts and SHA-256 checksums. Each file is built in memory, hashed,
 * and written through a temporary name and a rename; the manifest comes
 * last, so a package interrupted half-way has no (or an old, mismatching)
 * manifest and is refused by core_consolidate. */
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool
core_output_allowed(struct storage_db *db, const char *path, struct sk_error *err)
{
    return storage_output_allowed(storage_db_path(db), path, err);
}

char *
core_default_name(const char *what, const char *school_code, int year, const char *ext)
{
    /* a code from an older file may hold "/" or "..": never a path */
    char *part = forms_code_file_part(school_code && *school_code ? school_code : "skola");
    char *name =
        sk_xasprintf("skola-%s-%s-%d%s%s", what, part, year, ext ? "." : "", ext ? ext : "");
    free(part);
    return name;
}

/* One folder: kept when it is one, made 0700 when missing. */
static bool
make_one_dir(const char *dir, struct sk_error *err)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return true;
        return sk_fail(err, SK_EIO, _("“%s” exists and is not a folder."), SK_QUOTE(dir));
    }
    /* 0700 whatever the umask: the folder holds the school's package */
    if (mkdir(dir, 0700) != 0) {
        if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return true; /* made by someone else meanwhile */
        return sk_fail(err, SK_EIO, _("Cannot create the folder “%s”: %s."), SK_QUOTE(dir),
                       strerror(errno));
    }
    if (chmod(dir, 0700) != 0)
        return sk_fail(err, SK_EIO, _("Cannot create the folder “%s”: %s."), SK_QUOTE(dir),
                       strerror(errno));
    return true;
}

bool
core_make_dir(const char *dir, struct sk_error *err)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return make_one_dir(dir, err);
    /* the missing parents too (newdir/sub/pkg), each 0700; the ones that
     * exist are left as they are */
    char *path = sk_xstrdup(dir);
    bool ok = true;
    for (char *p = path + 1; ok && *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        if (stat(path, &st) != 0)
            ok = make_one_dir(path, err);
        else if (!S_ISDIR(st.st_mode))
            ok = sk_fail(err, SK_EIO, _("“%s” exists and is not a folder."), SK_QUOTE(path));
        *p = '/';
    }
    free(path);
    return ok && make_one_dir(dir, err);
}

void
core_csv_cell(struct sk_buf *b, const char *s, char sep)
{
    if (!s)
        return;
    bool quote = false;
    for (const char *p = s; *p; p++)
        if (*p == sep || *p == '"' || *p == '\n' || *p == '\r')
            quote = true;
    if (!quote) {
        sk_buf_adds(b, s);
        return;
    }
    sk_buf_adds(b, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sk_buf_adds(b, "\"");
        sk_buf_add(b, p, 1);
    }
    sk_buf_adds(b, "\"");
}

void
core_csv_text_cell(struct sk_buf *b, const char *s, char sep, bool excel)
{
    if (!s || !excel || !core_csv_neutralise(s, true)) {
        core_csv_cell(b, s, sep);
        return;
    }
    char *t =
        sk_xasprintf("'%s", s); /* the apostrophe inside the quotes, as the export writes it */
    core_csv_cell(b, t, sep);
    free(t);
}

/* The school year a package describes (issue 16): its devices are those
 * bought by `until` (or of unknown date) and not written off before `from`. */
struct snapshot {
    sk_date from, until;
};

static bool
device_in_snapshot(const struct forms_record *rec, const struct snapshot *snap)
{
    const struct forms_keys *k = forms_keys();
    const struct forms_value *bought = &rec->values[k->device_purchase_date];
    const struct forms_value *gone = &rec->values[k->device_written_off_on];
    if (bought->is_set && bought->i > snap->until)
        return false;
    return !gone->is_set || gone->i >= snap->from;
}

/* The non-private columns of kind's records of the year (0 = all), RFC 4180;
 * with snap (devices), only those of the snapshot. */
static bool
kind_csv(struct storage_db *db, const struct forms_kind *kind, int64_t school_id, int year,
         const struct snapshot *snap, struct sk_buf *b, int64_t *rows, struct sk_error *err)
{
    bool first = true;
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (kind->fields[i].flags & FF_PRIVATE)
            continue;
        if (!first)
            sk_buf_adds(b, ",");
        core_csv_cell(b, kind->fields[i].key, ',');
        first = false;
    }
    sk_buf_adds(b, "\n");
    struct storage_query q = {.kind = kind, .school_id = school_id, .sort_field = -1, .year = year};
    struct storage_iter *it = storage_iter_open(db, &q, err);
    if (!it)
        return false;
    struct forms_record rec;
    forms_record_init(&rec, kind);
    int r;
    char buf[512];
    *rows = 0;
    while ((r = storage_iter_next(it, &rec, err)) == 1) {
        if (snap && !device_in_snapshot(&rec, snap))
            continue;
        first = true;
        for (size_t i = 0; i < kind->n_fields; i++) {
            const struct forms_field *f = &kind->fields[i];
            if (f->flags & FF_PRIVATE)
                continue;
            if (!first)
                sk_buf_adds(b, ",");
            core_csv_cell(b, forms_value_format(f, &rec.values[i], FS_CSV, buf, sizeof buf), ',');
            first = false;
        }
        sk_buf_adds(b, "\n");
        ++*rows;
    }
    forms_record_fini(&rec);
    storage_iter_close(it);
    return r == 0;
}

struct staff_csv {
    struct sk_buf *b;
    int64_t rows;
};

static void
thousandths(struct sk_buf *b, int64_t v)
{
    sk_buf_addf(b, "%lld", (long long)(v / 1000));
    if (v % 1000) {
        char frac[8];
        snprintf(frac, sizeof frac, "%03lld", (long long)(v % 1000));
        for (int k = 2; k > 0 && frac[k] == '0'; k--)
            frac[k] = '\0';
        sk_buf_addf(b, ".%s", frac);
    }
}

static bool
staff_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct staff_csv *s = ctx;
    core_csv_cell(s->b, row->key[0], ',');
    sk_buf_adds(s->b, ",");
    if (row->has[0])
        thousandths(s->b, row->num[0]);
    sk_buf_adds(s->b, ",");
    core_csv_cell(s->b, row->key[1], ',');
    sk_buf_adds(s->b, ",");
    thousandths(s->b, row->num[1]);
    sk_buf_adds(s->b, "\n");
    s->rows++;
    return true;
}

static bool
summary_csv(struct storage_db *db, int64_t school_id, int year, struct sk_buf *b, int64_t *rows,
            sk_date *ref, struct sk_error *err)
{
    struct core_summary sum = {0};
    if (!core_summary_compute(db, school_id, year, SK_DATE_NONE, CS_ALL, &sum, err)) {
        core_summary_fini(&sum);
        return false;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        core_summary_fini(&sum);
        return sk_fail(err, SK_EIO, "%s", _("Could not write the summary."));
    }
    bool ok = core_summary_write_csv(&sum, f, true, err);
    fclose(f);
    if (ok)
        sk_buf_add(b, text, len);
    free(text);
    *rows = (int64_t)sum.n;
    *ref = sum.ref_date;
    core_summary_fini(&sum);
    return ok;
}

static bool package_export(struct storage_db *db, int64_t school_id, int year, const char *dir,
                           core_progress_fn progress, void *ctx, struct core_manifest *manifest,
                           struct sk_error *err);

bool
core_package_export(struct storage_db *db, int64_t school_id, int year, const char *dir,
                    core_progress_fn progress, void *ctx, struct core_manifest *manifest,
                    struct sk_error *err)
{
    /* a package is the year as of its snapshot date, which for a year that
     * has not begun would lie before the year */
    if (sk_date_today() < sk_date_from_ymd(year, 9, 1)) {
        char start[11];
        sk_date_format(sk_date_from_ymd(year, 9, 1), false, start);
        return sk_fail(err, SK_EUSAGE,
                       _("The school year %d./%d. has not begun yet (it begins on %s); its "
                         "package can be written from that day. Nothing was written."),
                       year, year + 1, start);
    }
    /* the folder too: a folder named like the -journal would stop SQLite writing */
    if (!core_output_allowed(db, dir, err))
        return false;
    for (size_t i = 0; i <= core_package_n_files; i++) {
        char *path = sk_xasprintf(
            "%s/%s", dir, i < core_package_n_files ? core_package_files[i] : "manifest.json");
        bool allowed = core_output_allowed(db, path, err);
        free(path);
        if (!allowed)
            return false;
    }
    /* the whole school's figures: head, deputy, viewer; the records it
     * carries are read as figures (a viewer lists none of them) */
    if (!storage_require_everything(db, err))
        return false;
    /* every file from one snapshot: a concurrent import cannot land between them */
    bool own;
    if (!storage_read_begin(db, &own, err))
        return false;
    storage_reading_for_figures(db, true);
    bool ok = package_export(db, school_id, year, dir, progress, ctx, manifest, err);
    storage_reading_for_figures(db, false);
    storage_read_end(db, own);
    return ok;
}

static bool
package_export(struct storage_db *db, int64_t school_id, int year, const char *dir,
               core_progress_fn progress, void *ctx, struct core_manifest *manifest,
               struct sk_error *err)
{
    struct storage_school school;
    if (!storage_school_by_id(db, school_id, &school, err) || !core_make_dir(dir, err))
        return false;
    struct core_manifest m;
    memset(&m, 0, sizeof m);
    snprintf(m.format, sizeof m.format, "%s", CORE_MANIFEST_FORMAT);
    m.format_version = CORE_MANIFEST_VERSION;
    snprintf(m.school_code, sizeof m.school_code, "%s", school.code);
    snprintf(m.school_name, sizeof m.school_name, "%s", school.name);
    snprintf(m.municipality, sizeof m.municipality, "%s", school.municipality);
    m.year = year;
    snprintf(m.program_version, sizeof m.program_version, "%s", SKOLA_VERSION);
    core_now_utc(m.created, sizeof m.created);
    /* a finished year ends on 31 August; a running one is described as of today */
    struct snapshot snap = {sk_date_from_ymd(year, 9, 1), sk_date_from_ymd(year + 1, 8, 31)};
    sk_date today = sk_date_today();
    if (today < snap.until)
        snap.until = today;
    core_iso(snap.until, m.snapshot_date);

    size_t total = core_package_n_files + 1;
    struct sk_buf b = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < core_package_n_files; i++) {
        const char *name = core_package_files[i];
        if (progress)
            progress(ctx, i, total, name);
        sk_buf_reset(&b);
        sk_buf_adds(&b, "");
        int64_t rows = 0;
        if (strcmp(name, "summary.csv") == 0) {
            sk_date ref = SK_DATE_NONE;
            ok = summary_csv(db, school_id, year, &b, &rows, &ref, err);
            if (ok)
                core_iso(ref, m.reference_date);
        } else if (strcmp(name, "self-assessment.csv") == 0) {
            ok = kind_csv(db, &forms_kind_assessment, school_id, year, NULL, &b, &rows, err);
        } else if (strcmp(name, "priorities.csv") == 0) {
            ok = kind_csv(db, &forms_kind_priority, school_id, year, NULL, &b, &rows, err);
        } else if (strcmp(name, "devices.csv") == 0) {
            ok = kind_csv(db, &forms_kind_device, school_id, 0, &snap, &b, &rows, err);
        } else {
            sk_date ref = SK_DATE_NONE, from, until;
            sk_date_parse(m.reference_date, &ref);
            core_pd_window(ref, &from, &until);
            char r[11], fr[11], un[11];
            core_iso(ref, r);
            core_iso(from, fr);
            core_iso(until, un);
            const char *args[] = {r, fr, un};
            sk_buf_adds(&b, "role,fte,digcompedu,pd_hours_3y\n");
            struct staff_csv s = {.b = &b};
            ok = storage_aggregate(db, SA_STAFF_ROWS, school_id, args, 3, staff_row, &s, err);
            rows = s.rows;
        }
        if (!ok)
            break;
        struct core_manifest_file *f = &m.files[m.n_files++];
        snprintf(f->name, sizeof f->name, "%s", name);
        f->rows = rows;
        core_sha256_hex(b.s, b.len, f->sha256);
        char *path = sk_xasprintf("%s/%s", dir, name);
        ok = sk_write_file_atomic(path, b.s, b.len, 0600, err);
        free(path);
    }
    sk_buf_free(&b);
    if (ok) {
        if (progress)
            progress(ctx, total - 1, total, "manifest.json");
        char *json = core_manifest_format(&m);
        char *path = sk_xasprintf("%s/manifest.json", dir);
        ok = sk_write_file_atomic(path, json, strlen(json), 0600, err);
        free(path);
        free(json);
    }
    if (ok && progress)
        progress(ctx, total, total, "");
    if (ok && manifest)
        *manifest = m;
    return ok;
}
