/* The printed observation sheet (issue 16; seed 000, 1.pielikums): one
 * self-contained HTML document, inline CSS, no scripts or external
 * resources, one A4 page per sheet. Each sheet lists the criteria of its
 * own template with ☑/☐, under the template's section names and notes,
 * with the template's title and methodology reference: a school's own
 * template prints its own wording. The fixed labels come in Latvian or
 * English from the pairs below (not gettext: the sheet is a Latvian
 * document whatever the user's language, as the report). With a teacher
 * and no year, the teacher's record (core/teacher.c) comes first. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define L(p, text_lv, text_en) ((p)->lv ? (text_lv) : (text_en))

/* Templates read so far (a few per file), by code. */
struct tpl_cache {
    struct storage_obs_template *t; /* owned, each with its criteria */
    size_t n;
};

/* The document being written. */
struct print {
    struct storage_db *db;
    int64_t school_id;
    bool lv;
    struct sk_buf b;
    struct storage_school school;
    struct tpl_cache tpl;
};

static const char css[] =
    "@page{size:A4;margin:9mm 12mm}\n"
    "body{font-family:'Times New Roman',Times,'Liberation Serif','DejaVu Serif',serif;"
    "font-size:9.5pt;line-height:1.15;color:#000;background:#fff;max-width:186mm;"
    "margin:0 auto}\n"
    ".sheet,.record{break-after:page;page-break-after:always}\n"
    ".sheet:last-child,.record:last-child{break-after:auto;page-break-after:auto}\n"
    ".school{text-align:center;font-weight:bold;margin:0}\n"
    "h1{font-size:12pt;text-align:center;margin:0 0 1.5mm}\n"
    "h2{font-size:10pt;margin:1.5mm 0 0.5mm}\n"
    "h3{font-size:9.5pt;margin:1.2mm 0 0.2mm;break-after:avoid;page-break-after:avoid}\n"
    "table{border-collapse:collapse;width:100%;margin:0 0 1.5mm}\n"
    "th,td{border:1px solid #000;padding:0.4mm 1.2mm;vertical-align:top;text-align:left}\n"
    ".head th{font-weight:normal;width:22%}\n"
    "td.n{text-align:right;white-space:nowrap;width:18%}\n"
    "p{margin:0.6mm 0}.note{font-style:italic;margin:0}\n"
    "ul{list-style:none;margin:0;padding:0 0 0 4mm}li{margin:0.1mm 0}\n"
    ".box{font-family:'DejaVu Sans','Segoe UI Symbol',sans-serif}\n"
    ".comment{margin:0.3mm 0 0;border-bottom:1px solid #000;min-height:4mm}\n"
    ".method{font-size:9pt;overflow-wrap:anywhere}\n"
    ".sign{margin:3mm 0 0;display:flex;flex-wrap:wrap;gap:3mm 12mm}.sign p{margin:0}\n"
    ".nd{color:#555;font-style:italic}\n"
    /* long unbroken words (a URL, a subject of one letter repeated) wrap
     * instead of pushing the right-hand columns off the page */
    ".head{table-layout:fixed}td,th,p,li,h1,h2,h3{overflow-wrap:anywhere}\n"
    ".end{break-inside:avoid;page-break-inside:avoid}\n"
    ".run{font-size:8pt;text-align:right;margin:1.5mm 0 0}\n"
    ".draft{text-align:center;font-weight:bold;font-size:12pt;letter-spacing:1pt;"
    "border:2px solid #000;margin:0 0 1.5mm;padding:0.5mm}\n";

static const char box_on[] = "☑", box_off[] = "☐";

static void
esc(struct print *p, const char *s)
{
    core_html_esc(&p->b, s);
}

static void
box(struct print *p, bool on, const char *label)
{
    sk_buf_addf(&p->b, "<span class=\"box\">%s</span> ", on ? box_on : box_off);
    esc(p, label);
}

/* The template `code` (borrowed from the cache until the document is done);
 * an unknown or empty code gives LVT-2023, the template of old sheets. */
static const struct storage_obs_template *
template_of(struct print *p, const char *code, struct sk_error *err)
{
    if (!code || !code[0])
        code = "LVT-2023";
    for (size_t i = 0; i < p->tpl.n; i++)
        if (strcmp(p->tpl.t[i].code, code) == 0)
            return &p->tpl.t[i];
    struct storage_obs_template t;
    struct sk_error e = {0};
    if (!storage_obs_template_get(p->db, code, &t, &e)) {
        if (e.code != SK_ENOTFOUND || strcmp(code, "LVT-2023") == 0) {
            *err = e;
            return NULL;
        }
        return template_of(p, "LVT-2023", err);
    }
    p->tpl.t = sk_xrealloc(p->tpl.t, (p->tpl.n + 1) * sizeof *p->tpl.t);
    p->tpl.t[p->tpl.n] = t;
    return &p->tpl.t[p->tpl.n++];
}

static const struct forms_value *
value(const struct forms_record *rec, const char *key)
{
    int f = forms_field_index(rec->kind, key);
    return f >= 0 ? &rec->values[f] : NULL;
}

/* The text of a text, reference or number field ("" when empty). */
static const char *
text(const struct forms_record *rec, const char *key, char *buf, size_t cap)
{
    const struct forms_value *v = value(rec, key);
    buf[0] = '\0';
    if (!v || !v->is_set)
        return buf;
    int f = forms_field_index(rec->kind, key);
    enum forms_type t = rec->kind->fields[f].type;
    if (t == FT_DATE) {
        sk_date_format((sk_date)v->i, false, buf);
        return buf;
    }
    if (t == FT_INT) {
        snprintf(buf, cap, "%lld", (long long)v->i);
        return buf;
    }
    return v->s ? v->s : "";
}

static void
cell(struct print *p, const struct forms_record *rec, const char *key)
{
    char buf[64];
    esc(p, text(rec, key, buf, sizeof buf));
}

/* Every choice of a flags field with its box, in the sheet's language. */
static void
flag_boxes(struct print *p, const struct forms_record *rec, const char *key)
{
    int f = forms_field_index(rec->kind, key);
    const struct forms_field *fd = &rec->kind->fields[f];
    const struct forms_value *v = &rec->values[f];
    for (size_t k = 0; k < fd->n_choices; k++) {
        sk_buf_adds(&p->b, k ? " &nbsp; " : "");
        box(p, v->is_set && (v->i >> k & 1),
            L(p, fd->choices[k].label_lv, fd->choices[k].label_en));
    }
}

static void
comment_line(struct print *p, const struct forms_record *rec, const char *key, const char *label)
{
    const struct forms_value *v = key ? value(rec, key) : NULL;
    sk_buf_adds(&p->b, "<p class=\"comment\">");
    if (label) {
        esc(p, label);
        sk_buf_adds(&p->b, " ");
    }
    if (v && v->is_set && v->s)
        esc(p, v->s);
    sk_buf_adds(&p->b, "</p>\n");
}

/* One sheet: one page, as 1.pielikums. */
static bool
sheet(struct print *p, const struct forms_record *rec, struct sk_error *err)
{
    char buf[64];
    const struct storage_obs_template *t =
        template_of(p, text(rec, "template", buf, sizeof buf), err);
    if (!t)
        return false;
    struct sk_buf *b = &p->b;
    sk_buf_adds(b, "<section class=\"sheet\">\n");
    /* a draft is printed (the record lists drafts too) but never looks like
     * a form to sign: the mark stands above the title and in the running
     * line of a continuation page */
    const struct forms_value *st = value(rec, "status");
    bool draft = !st || !st->is_set || st->i != 1;
    if (draft)
        sk_buf_addf(b, "<p class=\"draft\">%s</p>\n",
                    L(p, "MELNRAKSTS — nav parakstāms", "DRAFT — not for signing"));
    sk_buf_adds(b, "<p class=\"school\">");
    esc(p, p->school.name);
    sk_buf_adds(b, "</p>\n<h1>");
    esc(p, t->title[0] ? t->title
                       : L(p, "Nodarbības vērošanas un novērtējuma lapa",
                           "Lesson observation and assessment sheet"));
    sk_buf_adds(b, "</h1>\n<table class=\"head\">\n");
    /* the header as on paper: two fields a row where they are short */
    static const char *const rows[][6] = {
        {"date", "Datums", "Date", "group", "Grupa", "Group"},
        {"", "Izglītojamo skaits", "Pupils", "area", "Joma", "Area"},
        {"subject", "Mācību priekšmets/modulis", "Subject/module"},
        {"teacher", "Pedagogs", "Teacher", "observer", "Vērotājs", "Observer"},
        {"topic", "Tēma/ sasniedzamais rezultāts (SR)", "Topic/ learning outcome"},
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(rows); i++) {
        for (size_t h = 0; h < 2 && (h == 0 || rows[i][3]); h++) {
            sk_buf_adds(b, h ? "<th>" : "<tr><th>");
            esc(p, L(p, rows[i][3 * h + 1], rows[i][3 * h + 2]));
            sk_buf_adds(b, rows[i][3] ? "</th><td>" : "</th><td colspan=\"3\">");
            if (rows[i][3 * h][0]) {
                cell(p, rec, rows[i][3 * h]);
            } else {
                char pp[32], pg[32];
                sk_buf_addf(b, "%s ", L(p, "nodarbībā", "present"));
                esc(p, text(rec, "pupils_present", pp, sizeof pp));
                sk_buf_addf(b, ", %s ", L(p, "grupā", "in the group"));
                esc(p, text(rec, "pupils_in_group", pg, sizeof pg));
            }
            sk_buf_adds(b, "</td>");
        }
        sk_buf_adds(b, "</tr>\n");
    }
    sk_buf_addf(b, "</table>\n<p>%s ", L(p, "Nodarbības vērošanas mērķis:", "Purpose:"));
    flag_boxes(p, rec, "purpose");
    sk_buf_adds(b, "</p>\n");
    if (t->methodology[0]) {
        sk_buf_adds(b, "<p class=\"method\">");
        esc(p, t->methodology);
        sk_buf_adds(b, "</p>\n");
    }
    sk_buf_addf(b, "<h2>%s</h2>\n", L(p, "Nodarbības izvērtējums:", "Assessment of the lesson:"));
    int section = 0;
    for (size_t i = 0; i < t->n_crit; i++) {
        const struct storage_obs_criterion *c = &t->crit[i];
        if (c->section_no != section) {
            if (section) {
                sk_buf_adds(b, "</ul>\n");
                char key[16];
                snprintf(key, sizeof key, "comment_%d", section);
                comment_line(p, rec, section <= 4 ? key : NULL,
                             L(p, "Komentāri/piezīmes:", "Comments/notes:"));
            }
            section = c->section_no;
            sk_buf_addf(b, "<h3>%d. ", section);
            esc(p, forms_observation_section_label(section, c->section_name, p->lv));
            sk_buf_adds(b, "</h3>\n");
            if (c->section_note[0]) {
                sk_buf_adds(b, "<p class=\"note\">");
                esc(p, c->section_note);
                sk_buf_adds(b, "</p>\n");
            }
            sk_buf_adds(b, "<ul>\n");
        }
        int f = forms_observation_crit_field(c->code);
        const struct forms_value *v = f >= 0 ? &rec->values[f] : NULL;
        sk_buf_adds(b, "<li>");
        box(p, v && v->is_set && v->i, forms_observation_crit_text_label(c->code, c->text, p->lv));
        sk_buf_adds(b, "</li>\n");
    }
    if (section) {
        sk_buf_adds(b, "</ul>\n");
        char key[16];
        snprintf(key, sizeof key, "comment_%d", section);
        comment_line(p, rec, section <= 4 ? key : NULL,
                     L(p, "Komentāri/piezīmes:", "Comments/notes:"));
    }
    sk_buf_addf(
        b, "<h3>%d. %s</h3>\n", section + 1,
        L(p, "Nepieciešamie uzlabojumi, citi komentāri", "Improvements needed, other comments"));
    comment_line(p, rec, "improvements", NULL);
    /* the recommendations and signatures stay together, with the sheet's
     * key fields: a page they spill onto says whose sheet it is */
    sk_buf_adds(b, "<div class=\"end\">\n<p class=\"run\">");
    cell(p, rec, "date");
    sk_buf_adds(b, " · ");
    cell(p, rec, "teacher");
    sk_buf_adds(b, " · ");
    cell(p, rec, "group");
    if (draft)
        sk_buf_addf(b, " · %s", L(p, "MELNRAKSTS", "DRAFT"));
    sk_buf_addf(b, "</p>\n<p>%s ", L(p, "Ieteikumi:", "Recommendations:"));
    flag_boxes(p, rec, "recommendations");
    sk_buf_addf(b,
                "</p>\n<div class=\"sign\">\n<p>%s ________________________</p>\n"
                "<p>%s ________________________</p>\n<p>%s ",
                L(p, "Vērotāja paraksts", "Observer's signature"),
                L(p, "Pedagoga paraksts", "Teacher's signature"),
                L(p, "Iepazinos (datums)", "Seen (date)"));
    const char *seen = text(rec, "acknowledged_on", buf, sizeof buf);
    if (seen[0])
        esc(p, seen);
    else
        sk_buf_adds(b, "________________");
    sk_buf_adds(b, "</p>\n</div>\n</div>\n</section>\n");
    return true;
}

static void
share_cell(struct print *p, int64_t n, int64_t of)
{
    if (of == 0) {
        sk_buf_addf(&p->b, "<td class=\"n nd\">%s</td>", L(p, "nav datu", "no data"));
        return;
    }
    sk_buf_addf(&p->b, "<td class=\"n\">%.0f %% (%lld/%lld)</td>", 100.0 * (double)n / (double)of,
                (long long)n, (long long)of);
}

/* The teacher's record: the sheets, the shares beside the school's, the
 * comments (one page before the sheets). */
static bool
record_page(struct print *p, int64_t staff_id, struct sk_error *err)
{
    struct core_teacher_record r;
    if (!core_teacher_record(p->db, p->school_id, staff_id, p->lv, &r, err)) {
        core_teacher_record_fini(&r);
        return false;
    }
    struct sk_buf *b = &p->b;
    sk_buf_adds(b, "<section class=\"record\">\n<p class=\"school\">");
    esc(p, p->school.name);
    sk_buf_addf(b, "</p>\n<h1>%s: ", L(p, "Pedagoga vērotās nodarbības", "Observed lessons"));
    esc(p, r.name);
    sk_buf_addf(b, "</h1>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                L(p, "Datums", "Date"), L(p, "Vērotājs", "Observer"), L(p, "Grupa", "Group"),
                L(p, "Kritēriji izpildīti", "Criteria met"));
    for (size_t i = 0; i < r.n_sheets; i++) {
        const struct core_teacher_sheet *s = &r.sheets[i];
        char day[16] = "";
        if (s->date != SK_DATE_NONE)
            sk_date_format(s->date, false, day);
        sk_buf_adds(b, "<tr><td>");
        esc(p, day);
        if (!s->is_final)
            sk_buf_addf(b, " (%s)", L(p, "melnraksts", "draft"));
        sk_buf_adds(b, "</td><td>");
        esc(p, s->observer);
        sk_buf_adds(b, "</td><td>");
        esc(p, s->group);
        sk_buf_addf(b, "</td><td class=\"n\">%d/%d</td></tr>\n", s->met, s->of);
    }
    sk_buf_adds(b, "</table>\n");
    int year = 0;
    const char *tpl = "";
    for (size_t i = 0; i < r.n_shares; i++) {
        const struct core_teacher_share *s = &r.shares[i];
        if (s->year != year) {
            if (year)
                sk_buf_adds(b, "</table>\n");
            year = s->year;
            tpl = "";
            if (p->lv)
                sk_buf_addf(b, "<h2>%d./%d. mācību gads</h2>\n", year, year + 1);
            else
                sk_buf_addf(b, "<h2>School year %d./%d.</h2>\n", year, year + 1);
            sk_buf_addf(b, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                        L(p, "Kritērijs", "Criterion"), L(p, "Pedagogam", "This teacher"),
                        L(p, "Skolā", "The school"));
        }
        /* each template's criteria under its name: codes repeat across templates */
        if (strcmp(s->tpl, tpl) != 0) {
            tpl = s->tpl;
            sk_buf_addf(b,
                        "<tr><th colspan=\"3\" class=\"tpl\">%s: ", L(p, "Veidlapa", "Template"));
            esc(p, s->tpl_name[0] ? s->tpl_name : s->tpl);
            sk_buf_adds(b, " (");
            esc(p, s->tpl);
            sk_buf_adds(b, ")</th></tr>\n");
        }
        sk_buf_adds(b, "<tr><td>");
        esc(p, s->text);
        sk_buf_adds(b, "</td>");
        share_cell(p, s->ticked, s->assessed);
        share_cell(p, s->school_ticked, s->school_assessed);
        sk_buf_adds(b, "</tr>\n");
    }
    if (year)
        sk_buf_adds(b, "</table>\n");
    sk_buf_addf(b, "<h2>%s</h2>\n", L(p, "Komentāri", "Comments"));
    bool any = false;
    for (size_t i = 0; i < r.n_sheets; i++) {
        const struct core_teacher_sheet *s = &r.sheets[i];
        if (!s->comments || !s->comments[0])
            continue;
        any = true;
        char day[16] = "";
        if (s->date != SK_DATE_NONE)
            sk_date_format(s->date, false, day);
        sk_buf_adds(b, "<p><b>");
        esc(p, day);
        sk_buf_adds(b, "</b><br>");
        esc(p, s->comments);
        sk_buf_adds(b, "</p>\n");
    }
    if (!any)
        sk_buf_addf(b, "<p class=\"nd\">%s</p>\n", L(p, "Komentāru nav.", "No comments."));
    sk_buf_adds(b, "</section>\n");
    core_teacher_record_fini(&r);
    return true;
}

static bool
print_write(struct print *p, const struct core_print_sel *sel, size_t *n_sheets,
            struct sk_error *err)
{
    int64_t *ids = NULL;
    size_t n = 0;
    int64_t staff_id = 0;
    if (sel->n_ids == 0) {
        if (sel->teacher && sel->teacher[0] &&
            !core_teacher_find(p->db, p->school_id, sel->teacher, &staff_id, err))
            return false;
        sk_date from = sel->year ? sk_date_from_ymd(sel->year, 9, 1) : SK_DATE_NONE;
        sk_date to = sel->year ? sk_date_from_ymd(sel->year + 1, 9, 1) : SK_DATE_NONE;
        if (!storage_obs_sheet_ids(p->db, p->school_id, staff_id, from, to, &ids, &n, err))
            return false;
    }
    const int64_t *which = sel->n_ids ? sel->ids : ids;
    if (sel->n_ids)
        n = sel->n_ids;
    if (n == 0) {
        free(ids);
        if (sel->teacher && sel->teacher[0] && sel->year)
            return sk_fail(err, SK_ENOTFOUND,
                           _("%s has no observation sheet in %d./%d.; nothing was written."),
                           SK_QUOTE(sel->teacher), sel->year, sel->year + 1);
        if (sel->teacher && sel->teacher[0])
            return sk_fail(err, SK_ENOTFOUND,
                           _("%s has no observation sheet; nothing was written."),
                           SK_QUOTE(sel->teacher));
        if (sel->year)
            return sk_fail(err, SK_ENOTFOUND,
                           _("There is no observation sheet in %d./%d.; nothing was written."),
                           sel->year, sel->year + 1);
        return sk_fail(err, SK_ENOTFOUND, "%s",
                       _("There is no observation sheet to print; nothing was written."));
    }
    if (!storage_school_by_id(p->db, p->school_id, &p->school, err)) {
        free(ids);
        return false;
    }
    struct sk_buf *b = &p->b;
    sk_buf_addf(b,
                "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>",
                p->lv ? "lv" : "en");
    esc(p, p->school.name);
    sk_buf_addf(b, " — %s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
                L(p, "nodarbību vērošanas lapas", "lesson observation sheets"), css);
    bool ok = true;
    if (staff_id && !sel->year && sel->n_ids == 0)
        ok = record_page(p, staff_id, err);
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_observation);
    for (size_t i = 0; ok && i < n; i++)
        ok =
            storage_record_get(p->db, &forms_kind_observation, p->school_id, which[i], &rec, err) &&
            sheet(p, &rec, err);
    forms_record_fini(&rec);
    free(ids);
    sk_buf_adds(b, "</body>\n</html>\n");
    *n_sheets = ok ? n : 0;
    return ok;
}

bool
core_print_observations(struct storage_db *db, int64_t school_id, const struct core_print_sel *sel,
                        FILE *out, size_t *n_sheets, struct sk_error *err)
{
    *n_sheets = 0;
    struct print p = {.db = db, .school_id = school_id, .lv = sel->lv};
    bool own;
    if (!storage_read_begin(db, &own, err))
        return false;
    bool ok = print_write(&p, sel, n_sheets, err);
    storage_read_end(db, own);
    if (ok && (fwrite(p.b.s, 1, p.b.len, out) != p.b.len || fflush(out) != 0))
        ok = sk_fail(err, SK_EIO, "%s", _("Could not write the observation sheets."));
    sk_buf_free(&p.b);
    for (size_t i = 0; i < p.tpl.n; i++)
        storage_obs_template_fini(&p.tpl.t[i]);
    free(p.tpl.t);
    return ok;
}

bool
core_print_observations_path(struct storage_db *db, int64_t school_id,
                             const struct core_print_sel *sel, const char *path, size_t *n_sheets,
                             struct sk_error *err)
{
    *n_sheets = 0;
    /* elsewhere a name ending in .xlsx chooses a spreadsheet: an HTML file
     * under that name would only puzzle Excel */
    if (core_path_is_xlsx(path))
        return sk_fail(err, SK_EUSAGE,
                       _("“%s” ends in .xlsx, but observation sheets are a document to print, "
                         "written as HTML: give a name ending in .html. Nothing was written."),
                       SK_QUOTE(path));
    if (!core_output_allowed(db, path, err))
        return false;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return sk_fail(err, SK_EIO, "%s", _("Could not write the observation sheets."));
    bool ok = core_print_observations(db, school_id, sel, f, n_sheets, err);
    fclose(f);
    if (ok)
        ok = sk_write_file_atomic(path, buf, len, 0600, err);
    free(buf);
    if (!ok)
        *n_sheets = 0;
    return ok;
}

char *
core_print_default_name(const char *school_code, int year)
{
    char *part = forms_code_file_part(school_code);
    char *name = year ? sk_xasprintf("skola-observations-%s-%d.html", part, year)
                      : sk_xasprintf("skola-observations-%s.html", part);
    free(part);
    return name;
}
