/* The yearly self-evaluation report (seed 000, IKVD format) as one
 * self-contained HTML document: inline CSS for screen and print (A4), no
 * scripts, no external resources, plain tables that paste into a word
 * processor, bar charts drawn with Unicode block characters so that they
 * survive copying. Headings come in Latvian or English from the pairs
 * below (not gettext: the document is Latvian by default whatever the
 * user's language); the school's own texts are written as entered. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The document being written. */
struct rep {
    struct storage_db *db;
    int64_t school_id;
    int year;
    bool lv;                 /* Latvian headings */
    struct sk_buf b;         /* the document */
    int table_no;            /* last table number used */
    struct core_summary sum; /* the year's figures */
    struct storage_school school;
    bool appendix;  /* the figure tables after table 14: numbered P1, P2, … */
    char head[256]; /* the head's name (staff list), "" when none */
};

#define L(r, text_lv, text_en) ((r)->lv ? (text_lv) : (text_en))

void
core_html_esc(struct sk_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<':
            sk_buf_adds(b, "&lt;");
            break;
        case '>':
            sk_buf_adds(b, "&gt;");
            break;
        case '&':
            sk_buf_adds(b, "&amp;");
            break;
        case '"':
            sk_buf_adds(b, "&quot;");
            break;
        case '\r':
            break;
        case '\n':
            sk_buf_adds(b, "<br>");
            break;
        default:
            sk_buf_add(b, s, 1);
        }
    }
}

static void
esc(struct sk_buf *b, const char *s)
{
    core_html_esc(b, s);
}

static const char css[] =
    "@page{size:A4;margin:18mm 16mm}\n"
    "body{font-family:'Times New Roman',Times,'Liberation Serif','DejaVu Serif',serif;"
    "font-size:11pt;line-height:1.3;color:#000;background:#fff;max-width:190mm;margin:0 auto;"
    "padding:8mm}\n"
    "h1{font-size:16pt;margin:0 0 2mm}h2,h3{font-size:13pt;margin:7mm 0 2mm;"
    "page-break-after:avoid;break-after:avoid}h3{font-size:11.5pt;margin-top:4mm}\n"
    "table.sign{margin-top:12mm;width:auto}table.sign td{border:none;padding:2mm 6mm 2mm 0}"
    "td.line{border-top:1px solid #000!important;min-width:50mm;font-size:9pt}\n"
    ".sub{margin:0 0 1mm}.caption{font-weight:bold;margin:4mm 0 1mm;page-break-after:avoid;"
    "break-after:avoid}\n"
    "table{border-collapse:collapse;width:100%;margin:0 0 3mm}\n"
    "th,td{border:1px solid #000;padding:1.2mm 1.8mm;vertical-align:top;text-align:left}\n"
    "th{background:#e8e8e8;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "thead{display:table-header-group}tr{page-break-inside:avoid;break-inside:avoid}\n"
    "td.n{text-align:right;white-space:nowrap}td.npk{width:4em}\n"
    ".bar{font-family:'DejaVu Sans Mono','Liberation Mono',monospace;color:#2b5797;"
    "white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    ".nd{color:#555;font-style:italic}.note{font-size:9pt;color:#333}\n"
    "@media print{body{padding:0;max-width:none}}\n";

static void
caption(struct rep *r, const char *title)
{
    r->table_no++;
    if (r->appendix)
        sk_buf_addf(&r->b, "<p class=\"caption\">P%d. ", r->table_no);
    else
        sk_buf_addf(&r->b,
                    r->lv ? "<p class=\"caption\">%d.tabula " : "<p class=\"caption\">Table %d. ",
                    r->table_no);
    esc(&r->b, title);
    sk_buf_adds(&r->b, "</p>\n");
}

/* Seed 000's own number for a table (its projects table repeats 10). */
static void
caption_no(struct rep *r, int no, const char *title)
{
    r->table_no = no - 1;
    caption(r, title);
}

/* The one line that stands for a table without data, so that the
 * numbering of the tables after it stays the seed's. */
static void
no_data_line(struct rep *r, const char *what)
{
    sk_buf_adds(&r->b, "<p class=\"nd\">");
    esc(&r->b, what);
    sk_buf_adds(&r->b, "</p>\n");
}

static void
head_row(struct rep *r, const char *const *cells, size_t n)
{
    sk_buf_adds(&r->b, "<table>\n<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        sk_buf_adds(&r->b, "<th>");
        esc(&r->b, cells[i]);
        sk_buf_adds(&r->b, "</th>");
    }
    sk_buf_adds(&r->b, "</tr></thead>\n<tbody>\n");
}

static void
end_table(struct rep *r)
{
    sk_buf_adds(&r->b, "</tbody>\n</table>\n");
}

static void
number(struct rep *r, double v, int places)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.*f", places, v);
    if (r->lv)
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
    sk_buf_adds(&r->b, buf);
}

/* The value of a figure as the report shows it ("n/d" in italics). */
static void
fig_value(struct rep *r, const struct core_figure *f)
{
    char buf[32];
    if (!f->has_value) {
        sk_buf_adds(&r->b, "<span class=\"nd\">");
        sk_buf_adds(&r->b, L(r, "nav datu", "no data"));
        sk_buf_adds(&r->b, "</span>");
        return;
    }
    core_figure_value(f, r->lv, buf, sizeof buf);
    sk_buf_adds(&r->b, buf);
    if (f->unit == CU_PERCENT)
        sk_buf_adds(&r->b, "&nbsp;%");
}

/* A bar of `frac` (0..1) of 25 character cells, in eighths. */
static void
bar(struct rep *r, double frac)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    if (!(frac > 0))
        frac = 0;
    if (frac > 1)
        frac = 1;
    long units = (long)(frac * 25 * 8 + 0.5);
    sk_buf_adds(&r->b, "<span class=\"bar\">");
    for (long i = 0; i < units / 8; i++)
        sk_buf_adds(&r->b, "█");
    sk_buf_adds(&r->b, eighths[units % 8]);
    sk_buf_adds(&r->b, "</span>");
}

static const struct core_figure *
find_fig(const struct rep *r, const char *metric, const char *dim)
{
    for (size_t i = 0; i < r->sum.n; i++)
        if (strcmp(r->sum.figs[i].metric, metric) == 0 &&
            strcmp(r->sum.figs[i].dimension, dim) == 0)
            return &r->sum.figs[i];
    return NULL;
}

/* The label of an enum key of kind.field in the report's language. */
static const char *
choice_label(const struct rep *r, const char *kind, const char *field, const char *key)
{
    const struct forms_kind *k = forms_kind_by_key(kind);
    int fi = k ? forms_field_index(k, field) : -1;
    if (fi >= 0)
        for (size_t i = 0; i < k->fields[fi].n_choices; i++)
            if (strcmp(k->fields[fi].choices[i].key, key) == 0)
                return r->lv ? k->fields[fi].choices[i].label_lv
                             : k->fields[fi].choices[i].label_en;
    if (strcmp(key, "unknown") == 0)
        return L(r, "nav norādīts", "not given");
    return key;
}

/* How a dimension of a metric reads in the report. */
typedef const char *(*dim_label_fn)(const struct rep *r, const char *dim, char *buf, size_t cap);

static const char *
dim_as_is(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    (void)r;
    (void)buf;
    (void)cap;
    return dim;
}

static const char *
dim_section(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    snprintf(buf, cap, r->lv ? "%s. sadaļa" : "Section %s", dim);
    return buf;
}

static const char *
dim_recommendation(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    (void)buf;
    (void)cap;
    return choice_label(r, "observations", "recommendations", dim);
}

static const char *
dim_form(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    (void)buf;
    (void)cap;
    return choice_label(r, "consultations", "form", dim);
}

static const char *
dim_topic(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    (void)buf;
    (void)cap;
    return choice_label(r, "consultations", "topic", dim);
}

static const char *
dim_role(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    (void)buf;
    (void)cap;
    return choice_label(r, "staff", "role", dim);
}

static const char *
dim_category(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    (void)buf;
    (void)cap;
    return choice_label(r, "devices", "category", dim);
}

static const char *
dim_age(const struct rep *r, const char *dim, char *buf, size_t cap)
{
    static const char *const keys[] = {"<3", "3-5", ">=5", "unknown"};
    static const char *const lv[] = {"mazāk nekā 3 gadi", "3–5 gadi", "5 gadi un vairāk",
                                     "iegādes datums nav zināms"};
    static const char *const en[] = {"less than 3 years", "3–5 years", "5 years or more",
                                     "purchase date unknown"};
    (void)buf;
    (void)cap;
    for (size_t i = 0; i < SK_ARRAY_LEN(keys); i++)
        if (strcmp(dim, keys[i]) == 0)
            return r->lv ? lv[i] : en[i];
    return dim;
}

/* A table of one metric's figures by dimension, with a bar per row (share
 * of the largest value, or the percentage itself). Returns whether any. */
static bool
metric_table(struct rep *r, const char *metric, const char *title, const char *dim_head,
             dim_label_fn label, const char *second_metric, const char *second_head)
{
    double max = 0;
    size_t n = 0;
    for (size_t i = 0; i < r->sum.n; i++) {
        const struct core_figure *f = &r->sum.figs[i];
        if (strcmp(f->metric, metric) == 0 && f->dimension[0]) {
            n++;
            double v = f->unit == CU_PERCENT ? (f->has_value ? f->num / f->den * 100 : 0) : f->num;
            if (v > max)
                max = v;
        }
    }
    caption(r, title);
    if (n == 0) { /* the appendix keeps its numbers P1… like tables 1–14 */
        no_data_line(r, L(r, "Šim rādītājam nav datu.", "No data for this figure."));
        return false;
    }
    const char *heads[4] = {dim_head, L(r, "Skaits / vērtība", "Count / value"),
                            second_head ? second_head : "", L(r, "Diagramma", "Chart")};
    if (second_head)
        head_row(r, heads, 4);
    else {
        const char *h3[3] = {heads[0], heads[1], heads[3]};
        head_row(r, h3, 3);
    }
    for (size_t i = 0; i < r->sum.n; i++) {
        const struct core_figure *f = &r->sum.figs[i];
        if (strcmp(f->metric, metric) != 0 || !f->dimension[0])
            continue;
        char buf[64];
        sk_buf_adds(&r->b, "<tr><td>");
        esc(&r->b, label(r, f->dimension, buf, sizeof buf));
        sk_buf_adds(&r->b, "</td><td class=\"n\">");
        fig_value(r, f);
        if (f->unit == CU_PERCENT && f->has_value) {
            sk_buf_adds(&r->b, " (");
            number(r, f->num, 0);
            sk_buf_adds(&r->b, "/");
            number(r, f->den, 0);
            sk_buf_adds(&r->b, ")");
        }
        sk_buf_adds(&r->b, "</td>");
        if (second_head) {
            const struct core_figure *g = find_fig(r, second_metric, f->dimension);
            sk_buf_adds(&r->b, "<td class=\"n\">");
            if (g)
                fig_value(r, g);
            sk_buf_adds(&r->b, "</td>");
        }
        sk_buf_adds(&r->b, "<td>");
        double v = f->unit == CU_PERCENT ? (f->has_value ? f->num / f->den * 100 : 0) : f->num;
        bar(r, f->unit == CU_PERCENT ? v / 100 : (max > 0 ? v / max : 0));
        sk_buf_adds(&r->b, "</td></tr>\n");
    }
    end_table(r);
    return true;
}

/* A two-column table of single figures (label, value). */
static void
figure_rows(struct rep *r, const char *title, const char *const *metrics,
            const char *const *labels_lv, const char *const *labels_en, size_t n)
{
    caption(r, title);
    const char *heads[2] = {L(r, "Rādītājs", "Figure"), L(r, "Vērtība", "Value")};
    head_row(r, heads, 2);
    for (size_t i = 0; i < n; i++) {
        const struct core_figure *f = find_fig(r, metrics[i], "");
        sk_buf_adds(&r->b, "<tr><td>");
        esc(&r->b, r->lv ? labels_lv[i] : labels_en[i]);
        sk_buf_adds(&r->b, "</td><td class=\"n\">");
        if (f) {
            fig_value(r, f);
            if ((f->unit == CU_PERCENT || f->unit == CU_RATIO) && f->has_value) {
                sk_buf_adds(&r->b, " (");
                number(r, f->num, f->num == (double)(int64_t)f->num ? 0 : 2);
                sk_buf_adds(&r->b, "/");
                number(r, f->den, f->den == (double)(int64_t)f->den ? 0 : 2);
                sk_buf_adds(&r->b, ")");
            } else if (!f->has_value && f->missing[0]) {
                sk_buf_adds(&r->b, "<br><span class=\"note\">");
                esc(&r->b, f->missing);
                sk_buf_adds(&r->b, "</span>");
            }
        } else {
            sk_buf_adds(&r->b, "<span class=\"nd\">");
            sk_buf_adds(&r->b, L(r, "nav datu", "no data"));
            sk_buf_adds(&r->b, "</span>");
        }
        sk_buf_adds(&r->b, "</td></tr>\n");
    }
    end_table(r);
}

/* ------------------------------------------------------------ sections */

static bool
general_data(struct rep *r, struct sk_error *err)
{
    struct core_year_row y[2];
    if (!core_year_row_get(r->db, r->school_id, r->year - 1, &y[0], err) ||
        !core_year_row_get(r->db, r->school_id, r->year, &y[1], err))
        return false;
    sk_buf_addf(&r->b, "<h2>1. %s</h2>\n",
                L(r, "Izglītības iestādes vispārīgs raksturojums", "General data of the school"));
    caption_no(r, 1, L(r, "Vispārīgie dati par izglītības iestādi", "General data of the school"));
    sk_buf_adds(&r->b, "<table>\n<tbody>\n<tr><th>");
    sk_buf_adds(&r->b, L(r, "Izglītības iestāde", "School"));
    sk_buf_adds(&r->b, "</th><td>");
    esc(&r->b, r->school.name);
    sk_buf_adds(&r->b, "</td></tr>\n<tr><th>");
    sk_buf_adds(&r->b, L(r, "Reģistrācijas numurs", "Registration number"));
    sk_buf_adds(&r->b, "</th><td>");
    esc(&r->b, r->school.code);
    sk_buf_adds(&r->b, "</td></tr>\n");
    if (r->school.municipality[0]) {
        sk_buf_adds(&r->b, "<tr><th>");
        sk_buf_adds(&r->b, L(r, "Pašvaldība", "Municipality"));
        sk_buf_adds(&r->b, "</th><td>");
        esc(&r->b, r->school.municipality);
        sk_buf_adds(&r->b, "</td></tr>\n");
    }
    if (r->head[0]) {
        sk_buf_adds(&r->b, "<tr><th>");
        sk_buf_adds(&r->b, L(r, "Iestādes vadītājs", "Head of the school"));
        sk_buf_adds(&r->b, "</th><td>");
        esc(&r->b, r->head);
        sk_buf_adds(&r->b, "</td></tr>\n");
    }
    /* one row per dated figure, so that each is a number in the .xlsx */
    for (int row = 0; row < 2; row++)
        for (int k = 0; k < 2; k++) {
            sk_buf_adds(&r->b, "<tr><th>");
            sk_buf_adds(&r->b, row == 0 ? L(r, "Izglītojamo skaits", "Pupils")
                                        : L(r, "Pedagogu skaits", "Teachers"));
            sk_buf_addf(&r->b, " 01.09.%d.</th><td class=\"v\">", r->year - 1 + k);
            bool has = row == 0 ? y[k].has_pupils : y[k].has_teachers;
            if (has)
                sk_buf_addf(&r->b, "%lld", (long long)(row == 0 ? y[k].pupils : y[k].teachers));
            else
                sk_buf_addf(&r->b, "<span class=\"nd\">%s</span>", L(r, "nav datu", "no data"));
            sk_buf_adds(&r->b, "</td></tr>\n");
        }
    sk_buf_adds(&r->b, "</tbody>\n</table>\n");
    return true;
}

struct vac_list {
    struct rep *r;
    sk_date ref;
    size_t n;
    struct sk_buf items;
};

static bool
vac_item(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct vac_list *v = ctx;
    sk_date open = SK_DATE_NONE, closed = SK_DATE_NONE;
    if (!row->key[1] || !sk_date_parse(row->key[1], &open))
        return true;
    if (row->key[2] && !sk_date_parse(row->key[2], &closed))
        closed = SK_DATE_NONE;
    if (!forms_vacancy_is_long_term(open, closed, v->ref))
        return true;
    v->n++;
    sk_buf_adds(&v->items, "<li>");
    esc(&v->items, row->key[0] ? row->key[0] : "");
    if (row->has[0]) {
        struct rep tmp = {.lv = v->r->lv};
        sk_buf_adds(&v->items, " – ");
        number(&tmp, (double)row->num[0] / 1000.0, row->num[0] % 1000 ? 1 : 0);
        sk_buf_adds(&v->items, tmp.b.s);
        sk_buf_free(&tmp.b);
        sk_buf_adds(&v->items, v->r->lv ? " st. nedēļā" : " h per week");
    }
    char since[11];
    sk_date_format(open, false, since);
    sk_buf_addf(&v->items, v->r->lv ? " (kopš %s)" : " (since %s)", since);
    sk_buf_adds(&v->items, "</li>");
    return true;
}

static bool
staffing(struct rep *r, struct sk_error *err)
{
    struct vac_list v = {.r = r, .ref = r->sum.ref_date};
    sk_buf_adds(&v.items, "");
    if (!storage_aggregate(r->db, SA_VACANCIES, r->school_id, NULL, 0, vac_item, &v, err)) {
        sk_buf_free(&v.items);
        return false;
    }
    char ref[11];
    sk_date_format(r->sum.ref_date, false, ref);
    sk_buf_addf(&r->b, "<h2>1.2. %s</h2>\n",
                L(r, "Pedagogu ilgstošās vakances un atbalsta personāla nodrošinājums",
                  "Long-term teacher vacancies and support staff"));
    caption_no(r, 3,
               L(r, "Pedagogu ilgstošās vakances un personāla nodrošinājums",
                 "Long-term vacancies and staffing"));
    const char *heads[4] = {L(r, "NPK", "No."), L(r, "Informācija", "Information"),
                            L(r, "Skaits", "Count"), L(r, "Komentāri", "Comments")};
    head_row(r, heads, 4);
    sk_buf_adds(&r->b, "<tr><td class=\"npk\">1.</td><td>");
    sk_buf_addf(&r->b,
                r->lv ? "Ilgstošās vakances izglītības iestādē (vairāk kā 1 mēnesi) uz %s"
                      : "Long-term vacancies (open more than 1 month) on %s",
                ref);
    sk_buf_addf(&r->b, "</td><td class=\"n\">%zu</td><td>", v.n);
    if (v.n)
        sk_buf_addf(&r->b, "<ul>%s</ul>", v.items.s);
    sk_buf_adds(&r->b, "</td></tr>\n<tr><td class=\"npk\">2.</td><td>");
    sk_buf_addf(&r->b,
                r->lv ? "Izglītības iestādē pieejamais atbalsta personāls uz %s"
                      : "Support staff available at the school on %s",
                ref);
    const struct core_figure *sup = find_fig(r, "staff.support_staff", "");
    sk_buf_addf(&r->b, "</td><td class=\"n\">%.0f</td><td><ul>", sup ? sup->num : 0.0);
    for (size_t i = 0; i < forms_n_staff_roles; i++) {
        if (!forms_staff_role_is_support(i))
            continue;
        const struct core_figure *f =
            find_fig(r, "staff.persons_by_role", forms_staff_roles[i].key);
        if (!f || f->num <= 0)
            continue;
        sk_buf_addf(&r->b, "<li>%.0f ", f->num);
        esc(&r->b, r->lv ? forms_staff_roles[i].label_lv : forms_staff_roles[i].label_en);
        sk_buf_adds(&r->b, "</li>");
    }
    sk_buf_adds(&r->b, "</ul></td></tr>\n");
    end_table(r);
    sk_buf_free(&v.items);
    return true;
}

struct prio_list {
    struct rep *r;
    size_t n;
};

static bool
prio_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct prio_list *p = ctx;
    struct rep *r = p->r;
    p->n++;
    sk_buf_addf(&r->b, "<tr><td class=\"npk\">%s%zu</td><td>", L(r, "Nr.", "No. "), p->n);
    esc(&r->b, row->key[1]);
    sk_buf_adds(&r->b, "</td><td>");
    if (row->key[2] && *row->key[2]) {
        sk_buf_addf(&r->b, "<b>a) %s</b><br>", L(r, "kvalitatīvi", "qualitative"));
        esc(&r->b, row->key[2]);
    }
    if (row->key[3] && *row->key[3]) {
        sk_buf_addf(&r->b, "%s<b>b) %s</b><br>", row->key[2] && *row->key[2] ? "<br>" : "",
                    L(r, "kvantitatīvi", "quantitative"));
        esc(&r->b, row->key[3]);
    }
    sk_buf_adds(&r->b, "</td><td>");
    esc(&r->b, row->key[4]);
    sk_buf_adds(&r->b, "</td><td>");
    esc(&r->b, row->key[0] ? choice_label(r, "priorities", "status", row->key[0]) : "");
    sk_buf_adds(&r->b, "</td></tr>\n");
    return true;
}

static bool
priorities(struct rep *r, int year, struct sk_error *err)
{
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    const char *args[] = {y};
    bool next = year != r->year;
    if (next)
        sk_buf_addf(&r->b,
                    r->lv ? "<h2>3.1. Darba prioritātes un sasniedzamie rezultāti %d./%d. "
                            "mācību gadam</h2>\n"
                          : "<h2>3.1. Priorities and targets for the school year %d./%d.</h2>\n",
                    year, year + 1);
    else
        sk_buf_addf(&r->b,
                    r->lv ? "<h2>3. Darba prioritātes un sasniegtie rezultāti %d./%d. mācību "
                            "gadā</h2>\n"
                          : "<h2>3. Priorities and results of the school year %d./%d.</h2>\n",
                    year, year + 1);
    char title[160];
    snprintf(title, sizeof title,
             r->lv ? "%d./%d. mācību gada prioritātes" : "Priorities of %d./%d.", year, year + 1);
    caption_no(r, next ? 5 : 4, title);
    const char *heads[5] = {L(r, "Nr.", "No."), L(r, "Prioritāte", "Priority"),
                            L(r, "Sasniedzamie rezultāti kvantitatīvi un kvalitatīvi",
                              "Targets (qualitative and quantitative)"),
                            L(r, "Sasniegtie rezultāti", "Results"), L(r, "Statuss", "Status")};
    head_row(r, heads, 5);
    struct prio_list p = {.r = r};
    if (!storage_aggregate(r->db, SA_PRIORITIES, r->school_id, args, 1, prio_row, &p, err))
        return false;
    if (p.n == 0)
        sk_buf_addf(&r->b, "<tr><td colspan=\"5\" class=\"nd\">%s</td></tr>\n",
                    L(r, "Prioritātes nav ievadītas.", "No priorities entered."));
    end_table(r);
    return true;
}

/* Assessment rows collected before writing (grouped by criterion). */
struct assess_item {
    size_t indicator; /* index into forms_ikvd_indicators */
    char *strengths, *needs;
};
struct assess_list {
    struct assess_item *a;
    size_t n, cap;
};

static bool
assess_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct assess_list *l = ctx;
    for (size_t i = 0; row->key[0] && i < forms_n_ikvd_indicators; i++) {
        if (strcmp(forms_ikvd_indicators[i].key, row->key[0]) != 0)
            continue;
        if (l->n == l->cap) {
            l->cap = l->cap ? l->cap * 2 : 32;
            l->a = sk_xrealloc(l->a, l->cap * sizeof *l->a);
        }
        l->a[l->n++] = (struct assess_item){i, sk_xstrdup(row->key[1] ? row->key[1] : ""),
                                            sk_xstrdup(row->key[2] ? row->key[2] : "")};
        break;
    }
    return true;
}

static int
cmp_assess(const void *a, const void *b)
{
    const struct assess_item *x = a, *y = b;
    return x->indicator < y->indicator ? -1 : x->indicator > y->indicator;
}

static bool
criteria(struct rep *r, struct sk_error *err)
{
    char y[16];
    snprintf(y, sizeof y, "%d", r->year);
    const char *args[] = {y};
    struct assess_list l = {0};
    if (!storage_aggregate(r->db, SA_ASSESSMENT, r->school_id, args, 1, assess_row, &l, err)) {
        for (size_t i = 0; i < l.n; i++) {
            free(l.a[i].strengths);
            free(l.a[i].needs);
        }
        free(l.a);
        return false;
    }
    if (l.n > 1) /* qsort(NULL, 0, …) is undefined */
        qsort(l.a, l.n, sizeof *l.a, cmp_assess);
    sk_buf_addf(&r->b, "<h2>4. %s</h2>\n",
                L(r, "Kritēriju izvērtējums", "Evaluation of the criteria"));
    /* seed 000's order: tables 6–10, one per criterion, each kept when empty */
    static const char *const order[] = {"2.5", "4.1", "4.2", "4.3", "2.2"};
    for (size_t c = 0; c < SK_ARRAY_LEN(order); c++) {
        const char *crit_name = order[c];
        for (size_t i = 0; i < forms_n_ikvd_indicators; i++)
            if (strcmp(forms_ikvd_criteria[i].key, order[c]) == 0) {
                crit_name = forms_ikvd_criteria[i].label_lv;
                break;
            }
        sk_buf_addf(&r->b, "<h3>4.%zu. ", c + 1);
        sk_buf_addf(&r->b, r->lv ? "Kritērija “%s” izvērtējums" : "Criterion “%s”", crit_name);
        sk_buf_adds(&r->b, "</h3>\n");
        char title[300];
        snprintf(title, sizeof title,
                 r->lv ? "Kritērija “%s” stiprās puses un turpmākās attīstības vajadzības"
                       : "Criterion “%s”: strengths and development needs",
                 crit_name);
        caption_no(r, 6 + (int)c, title);
        size_t rows = 0;
        for (size_t k = 0; k < l.n; k++)
            if (strcmp(forms_ikvd_criteria[l.a[k].indicator].key, order[c]) == 0)
                rows++;
        if (rows == 0) {
            no_data_line(r, L(r, "Šī kritērija rezultatīvie rādītāji nav ievadīti.",
                              "No indicator of this criterion has been entered."));
            continue;
        }
        const char *heads[4] = {L(r, "NPK", "No."),
                                L(r, "Rezultatīvā rādītāja nosaukums", "Indicator"),
                                L(r, "Stiprās puses", "Strengths"),
                                L(r, "Turpmākās attīstības vajadzības", "Development needs")};
        head_row(r, heads, 4);
        for (size_t k = 0; k < l.n; k++) {
            if (strcmp(forms_ikvd_criteria[l.a[k].indicator].key, order[c]) != 0)
                continue;
            const struct forms_choice *ind = &forms_ikvd_indicators[l.a[k].indicator];
            const char *name = ind->label_lv;
            size_t code_len = strlen(ind->key);
            if (strncmp(name, ind->key, code_len) == 0 && name[code_len] == ' ')
                name += code_len + 1;
            sk_buf_adds(&r->b, "<tr><td class=\"npk\">");
            esc(&r->b, ind->key);
            sk_buf_adds(&r->b, ".</td><td>");
            esc(&r->b, name);
            sk_buf_adds(&r->b, "</td><td>");
            esc(&r->b, l.a[k].strengths);
            sk_buf_adds(&r->b, "</td><td>");
            esc(&r->b, l.a[k].needs);
            sk_buf_adds(&r->b, "</td></tr>\n");
        }
        end_table(r);
    }
    for (size_t i = 0; i < l.n; i++) {
        free(l.a[i].strengths);
        free(l.a[i].needs);
    }
    free(l.a);
    return true;
}

static void
observations(struct rep *r)
{
    sk_buf_addf(&r->b, "<h3>%s</h3>\n", L(r, "Mācību stundu vērošana", "Lesson observations"));
    static const char *const m[] = {"observations.count", "observations.teachers_observed",
                                    "observations.teacher_coverage",
                                    "observations.with_recommendation"};
    static const char *const lv[] = {"Vērotās mācību stundas", "Vērotie pedagogi",
                                     "Vēroto pedagogu īpatsvars", "Vērojumi ar ieteikumiem"};
    static const char *const en[] = {"Lessons observed", "Teachers observed",
                                     "Share of teachers observed",
                                     "Observations with recommendations"};
    figure_rows(r, L(r, "Vērošanas apjoms", "Observations at a glance"), m, lv, en,
                SK_ARRAY_LEN(m));
    metric_table(r, "observations.by_area", L(r, "Vērojumi pa jomām", "Observations by area"),
                 L(r, "Joma", "Area"), dim_as_is, NULL, NULL);
    metric_table(r, "observations.section_all",
                 L(r, "Vērojumi, kuros izpildīti visi sadaļas kritēriji",
                   "Observations with every criterion of the section ticked"),
                 L(r, "Sadaļa", "Section"), dim_section, NULL, NULL);
    metric_table(r, "observations.recommendation",
                 L(r, "Ieteikumi pa kategorijām", "Recommendations by category"),
                 L(r, "Kategorija", "Category"), dim_recommendation, NULL, NULL);
}

static void
consultations(struct rep *r)
{
    sk_buf_addf(&r->b, "<h3>%s</h3>\n",
                L(r, "Atbalsta personāla konsultācijas", "Support consultations"));
    static const char *const m[] = {"consultations.count", "consultations.hours",
                                    "consultations.pupil_recipients",
                                    "consultations.pupils_reached", "consultations.high_risk"};
    static const char *const lv[] = {"Konsultācijas", "Konsultāciju stundas",
                                     "Konsultētie izglītojamie", "Sasniegto izglītojamo īpatsvars",
                                     "Augsta riska gadījumi"};
    static const char *const en[] = {"Consultations", "Consultation hours", "Pupils consulted",
                                     "Share of pupils reached", "High-risk cases"};
    figure_rows(r, L(r, "Konsultāciju apjoms", "Consultations at a glance"), m, lv, en,
                SK_ARRAY_LEN(m));
    metric_table(r, "consultations.by_form", L(r, "Konsultācijas pēc formas", "By form"),
                 L(r, "Forma", "Form"), dim_form, "consultations.hours_by_form",
                 L(r, "Stundas", "Hours"));
    metric_table(r, "consultations.by_topic", L(r, "Konsultācijas pēc temata", "By topic"),
                 L(r, "Temats", "Topic"), dim_topic, "consultations.hours_by_topic",
                 L(r, "Stundas", "Hours"));
    metric_table(r, "consultations.by_consultant_role",
                 L(r, "Konsultācijas pēc konsultanta amata", "By the consultant's role"),
                 L(r, "Amats", "Role"), dim_role, "consultations.hours_by_consultant_role",
                 L(r, "Stundas", "Hours"));
}

static void
devices(struct rep *r)
{
    char ref[11];
    sk_date_format(r->sum.ref_date, false, ref);
    sk_buf_addf(
        &r->b,
        r->lv ? "<h3>Digitālās ierīces (uz %s)</h3>\n" : "<h3>Digital devices (on %s)</h3>\n", ref);
    static const char *const m[] = {"devices.count", "devices.computers",
                                    "devices.computers_for_pupils", "devices.pupils_per_computer",
                                    "devices.out_of_warranty"};
    static const char *const lv[] = {"Ierīces lietošanā (nav norakstītas)", "Datori",
                                     "Datori izglītojamajiem", "Izglītojamie uz vienu datoru",
                                     "Ierīces bez garantijas"};
    static const char *const en[] = {"Devices (not written off)", "Computers",
                                     "Computers for pupils", "Pupils per computer",
                                     "Devices out of warranty"};
    figure_rows(r, L(r, "Ierīču nodrošinājums", "Devices at a glance"), m, lv, en, SK_ARRAY_LEN(m));
    metric_table(r, "devices.age", L(r, "Ierīču vecums", "Age of the devices"),
                 L(r, "Vecums", "Age"), dim_age, NULL, NULL);
    metric_table(r, "devices.by_category", L(r, "Ierīces pa kategorijām", "Devices by category"),
                 L(r, "Kategorija", "Category"), dim_category, NULL, NULL);
}

/* ------------------------------------------------- tables 2, 10–14 */

/* A plural phrase in the document's language: report_write switches
 * gettext to it for the time of writing (doc_language). */
static void
plural(struct rep *r, const char *format, int64_t n)
{
    sk_buf_addf(&r->b, format, (long long)n);
}

/* ngettext's count (never negative here: counts of rows) */
#define PN(n) ((unsigned long)((n) < 0 ? 0 : (n)))

/* Hours from thousandths with at most one decimal ("12", "7,5"). */
static void
hours(struct rep *r, int64_t thousandths)
{
    int64_t tenths = (thousandths + 50) / 100;
    number(r, (double)tenths / 10.0, tenths % 10 ? 1 : 0);
}

/* A cell of a number that may be missing. */
static void
num_cell(struct rep *r, const struct storage_agg_row *row, int i)
{
    sk_buf_adds(&r->b, "<td class=\"n\">");
    if (row->has[i])
        sk_buf_addf(&r->b, "%lld", (long long)row->num[i]);
    else
        sk_buf_adds(&r->b, "–");
    sk_buf_adds(&r->b, "</td>");
}

static void
text_cell(struct rep *r, const char *text)
{
    sk_buf_adds(&r->b, "<td>");
    esc(&r->b, text ? text : "");
    sk_buf_adds(&r->b, "</td>");
}

struct rows {
    struct rep *r;
    size_t n;
    int64_t sum[4];
};

static bool
programme_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct rows *w = ctx;
    struct rep *r = w->r;
    if (w->n++ == 0) {
        const char *heads[5] = {
            L(r, "Izglītības programmas nosaukums", "Programme"),
            L(r, "Izglītības programmas kods", "Code"), L(r, "Licence", "Licence"),
            L(r, "Izglītojamo skaits, uzsākot programmas apguvi vai mācību gadu",
              "Pupils at the start of the year"),
            L(r, "Izglītojamo skaits, noslēdzot programmas apguvi vai mācību gadu",
              "Pupils who completed it in the year")};
        head_row(r, heads, 5);
    }
    sk_buf_adds(&r->b, "<tr>");
    text_cell(r, row->key[0]);
    text_cell(r, row->key[1]);
    sk_buf_adds(&r->b, "<td>");
    esc(&r->b, row->key[2] ? row->key[2] : "");
    sk_date d;
    if (row->key[3] && sk_date_parse(row->key[3], &d)) {
        char buf[11];
        sk_date_format(d, false, buf);
        sk_buf_addf(&r->b, "%s%s", row->key[2] ? ", " : "", buf);
    }
    sk_buf_adds(&r->b, "</td>");
    num_cell(r, row, 0);
    num_cell(r, row, 1);
    sk_buf_adds(&r->b, "</tr>\n");
    for (int i = 0; i < 2; i++)
        w->sum[i] += row->has[i] ? row->num[i] : 0;
    return true;
}

static bool
programmes(struct rep *r, struct sk_error *err)
{
    char y[16];
    snprintf(y, sizeof y, "%d", r->year);
    const char *args[] = {y};
    sk_buf_addf(&r->b,
                r->lv ? "<h2>1.1. Izglītojamo skaits un īstenotās izglītības programmas "
                        "%d./%d. mācību gadā</h2>\n"
                      : "<h2>1.1. Pupils and programmes of the school year %d./%d.</h2>\n",
                r->year, r->year + 1);
    caption_no(r, 2, L(r, "Izglītojamo skaits un īstenotās programmas", "Pupils and programmes"));
    struct rows w = {.r = r};
    if (!storage_aggregate(r->db, SA_PROGRAMMES, r->school_id, args, 1, programme_row, &w, err))
        return false;
    if (w.n == 0) {
        no_data_line(r, L(r, "Izglītības programmas šim mācību gadam nav ievadītas.",
                          "No programmes entered for this school year."));
        return true;
    }
    sk_buf_addf(&r->b,
                "<tr><th colspan=\"3\">%s</th><td class=\"n\">%lld</td>"
                "<td class=\"n\">%lld</td></tr>\n",
                L(r, "Kopā", "Total"), (long long)w.sum[0], (long long)w.sum[1]);
    end_table(r);
    return true;
}

static bool
project_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct rows *w = ctx;
    struct rep *r = w->r;
    if (w->n++ == 0) {
        const char *heads[6] = {L(r, "Projekts", "Project"), L(r, "Nosaukums", "Name"),
                                L(r, "Ilgums", "Duration"),  L(r, "Vieta", "Place"),
                                L(r, "Darbinieki", "Staff"), L(r, "Audzēkņi", "Pupils")};
        head_row(r, heads, 6);
    }
    sk_buf_adds(&r->b, "<tr>");
    for (int i = 0; i < 4; i++)
        text_cell(r, row->key[i]);
    num_cell(r, row, 0);
    num_cell(r, row, 1);
    sk_buf_adds(&r->b, "</tr>\n");
    for (int i = 0; i < 2; i++)
        w->sum[i] += row->has[i] ? row->num[i] : 0;
    return true;
}

static bool
projects(struct rep *r, struct sk_error *err)
{
    char y[16];
    snprintf(y, sizeof y, "%d", r->year);
    const char *args[] = {y};
    char title[160];
    snprintf(title, sizeof title,
             r->lv ? "Īstenotie projekti %d./%d. mācību gadā"
                   : "Projects carried out in the school year %d./%d.",
             r->year, r->year + 1);
    sk_buf_addf(&r->b, "<h2>5. %s</h2>\n", title);
    caption_no(r, 10, title); /* seed 000 numbers it 10 again */
    struct rows w = {.r = r};
    if (!storage_aggregate(r->db, SA_PROJECTS, r->school_id, args, 1, project_row, &w, err))
        return false;
    if (w.n == 0) {
        no_data_line(r, L(r, "Projekti šim mācību gadam nav ievadīti.",
                          "No projects entered for this school year."));
        return true;
    }
    sk_buf_addf(&r->b,
                "<tr><th colspan=\"4\">%s</th><td class=\"n\">%lld</td>"
                "<td class=\"n\">%lld</td></tr>\n",
                L(r, "Kopā", "Total"), (long long)w.sum[0], (long long)w.sum[1]);
    end_table(r);
    return true;
}

static void
mark_cell(struct rep *r, const struct storage_agg_row *row, int i)
{
    sk_buf_adds(&r->b, "<td class=\"n\">");
    if (row->has[i])
        number(r, (double)row->num[i] / 1000.0, 2);
    else
        sk_buf_adds(&r->b, "–");
    sk_buf_adds(&r->b, "</td>");
}

static bool
exam_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct rows *w = ctx;
    struct rep *r = w->r;
    if (w->n++ == 0) {
        const char *heads[3] = {
            L(r, "Profesionālā kvalifikācija", "Qualification"),
            L(r, "Vidējais rezultāts valstī, ballēs", "Country's average mark"),
            L(r, "Vidējais rezultāts izglītības iestādē, ballēs", "School's average mark")};
        head_row(r, heads, 3);
    }
    sk_buf_adds(&r->b, "<tr>");
    text_cell(r, row->key[0]);
    mark_cell(r, row, 0);
    mark_cell(r, row, 1);
    sk_buf_adds(&r->b, "</tr>\n");
    return true;
}

static bool
exams(struct rep *r, struct sk_error *err)
{
    char y[16];
    snprintf(y, sizeof y, "%d", r->year);
    const char *args[] = {y};
    sk_buf_addf(&r->b, "<h2>9. %s</h2>\n",
                L(r, "Izglītības iestādes informācija par mācību rezultātiem", "Learning results"));
    char title[160];
    snprintf(title, sizeof title,
             r->lv ? "Profesionālās kvalifikācijas eksāmenu apkopojums %d./%d.m.g."
                   : "Qualification exams %d./%d.",
             r->year, r->year + 1);
    caption_no(r, 11, title);
    struct rows w = {.r = r};
    if (!storage_aggregate(r->db, SA_EXAM_RESULTS, r->school_id, args, 1, exam_row, &w, err))
        return false;
    if (w.n == 0)
        no_data_line(r, L(r, "Kvalifikācijas eksāmenu rezultāti šim mācību gadam nav ievadīti.",
                          "No exam results entered for this school year."));
    else
        end_table(r);
    return true;
}

static void
pd_line(struct rep *r, const char *label)
{
    sk_buf_addf(&r->b, "<tr><th>%d./%d.%s ", r->year, r->year + 1, L(r, "māc.g.", ""));
    esc(&r->b, label);
    sk_buf_adds(&r->b, "</th><td class=\"v\">"); /* a number in the .xlsx when it is one */
}

static bool
development(struct rep *r, struct sk_error *err)
{
    struct core_pd_table t;
    if (!core_report_pd(r->db, r->school_id, r->year, r->sum.ref_date, &t, err))
        return false;
    sk_buf_addf(&r->b, "<h2>10. %s</h2>\n",
                L(r, "Informācija par izglītības kvalitātes indikatoriem",
                  "Indicators of the quality of education"));
    sk_buf_addf(&r->b, "<h3>10.1. %s</h3>\n",
                L(r, "Pedagogu dalība profesionālās kompetences pilnveidē",
                  "Teachers' professional development"));
    caption_no(r, 12,
               L(r, "Pedagogu dalība profesionālās pilnveides pasākumos",
                 "Teachers taking part in professional development"));
    if (t.teachers == 0 && t.trainings == 0) {
        no_data_line(r, L(r, "Personāla sarakstā nav pedagogu un pilnveides nav ievadītas.",
                          "No teachers in the staff list and no trainings entered."));
        return true;
    }
    sk_buf_adds(&r->b, "<table>\n<tbody>\n");
    pd_line(r, L(r, "pedagogu skaits izglītības iestādē", "teachers at the school"));
    sk_buf_addf(&r->b, "%lld</td></tr>\n", (long long)t.teachers);
    pd_line(r, L(r, "profesionālo mācību priekšmetu pedagogu skaits izglītības iestādē",
                 "vocational teachers at the school"));
    sk_buf_addf(&r->b, "%lld", (long long)t.vocational);
    if (t.teachers > 0)
        sk_buf_addf(&r->b,
                    r->lv ? " (%lld%% no kopējā pedagogu skaita)" : " (%lld%% of all teachers)",
                    (long long)((t.vocational * 100 + t.teachers / 2) / t.teachers));
    sk_buf_adds(&r->b, "</td></tr>\n");
    pd_line(r, L(r,
                 "profesionālo mācību priekšmetu pedagogu skaits, kuri ir piedalījušies "
                 "profesionālās kompetences pilnveidē",
                 "vocational teachers who took part in professional development"));
    sk_buf_addf(&r->b, "%lld</td></tr>\n", (long long)t.vocational_trained);
    sk_buf_adds(&r->b, "<tr><th>");
    sk_buf_adds(&r->b, L(r, "Pedagogi, kuri 3 gadu laikā apguvuši vismaz 36 stundas",
                         "Teachers with at least 36 hours in 3 years"));
    sk_buf_adds(&r->b, "</th><td class=\"v\">");
    plural(r, ngettext("%lld teacher", "%lld teachers", PN(t.teachers_36h)), t.teachers_36h);
    sk_buf_addf(&r->b, r->lv ? " no %lld" : " of %lld", (long long)t.teachers);
    sk_buf_adds(&r->b, "</td></tr>\n");
    pd_line(r, L(r, "pedagogu pilnveides pasākumi", "teachers' trainings"));
    plural(r, ngettext("%lld training", "%lld trainings", PN(t.trainings)), t.trainings);
    sk_buf_adds(&r->b, "</td></tr>\n");
    /* the hours in a row of their own: a number of their own in the .xlsx */
    pd_line(r, L(r, "pedagogu pilnveides pasākumu stundas", "hours of the teachers' trainings"));
    hours(r, t.hours_thousandths);
    sk_buf_adds(&r->b, L(r, " st.", " h"));
    sk_buf_adds(&r->b, "</td></tr>\n");
    pd_line(r, L(r,
                 "ieguldītie līdzekļi izglītības iestādes pedagogu profesionālās "
                 "kompetences pilnveidē",
                 "money spent on the teachers' professional development"));
    if (t.has_cost) {
        number(r, (double)t.cost_cents / 100.0, 2);
        sk_buf_adds(&r->b, " EUR");
    } else
        sk_buf_addf(&r->b, "<span class=\"nd\">%s</span>", L(r, "nav datu", "no data"));
    sk_buf_adds(&r->b, "</td></tr>\n</tbody>\n</table>\n");
    return true;
}

struct cohort_rows {
    struct rep *r;
    size_t n;
    int64_t started, graduated;
    struct sk_buf rows;
};

static bool
cohort_row(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct cohort_rows *c = ctx;
    struct rep *r = c->r;
    if (!row->has[0] || !row->has[1] ||
        forms_cohort_graduation_year((int)row->num[0], row->num[1]) != r->year)
        return true;
    c->n++;
    c->started += row->has[2] ? row->num[2] : 0;
    c->graduated += row->has[3] ? row->num[3] : 0;
    sk_buf_adds(&c->rows, "<tr><td>");
    esc(&c->rows, row->key[0] ? row->key[0] : "");
    sk_buf_adds(&c->rows, "</td><td>");
    /* a duration with a fraction ("1,5 gadi") reads with the general plural */
    int64_t whole = row->num[1] % 1000 ? 2 : row->num[1] / 1000;
    struct rep dur = {.lv = r->lv};
    number(&dur, (double)row->num[1] / 1000.0, row->num[1] % 100 ? 2 : row->num[1] % 1000 ? 1 : 0);
    sk_buf_addf(&c->rows, ngettext("%s year", "%s years", (unsigned long)whole), dur.b.s);
    sk_buf_free(&dur.b);
    sk_buf_addf(&c->rows, "</td><td>%lld./%lld.</td>", (long long)row->num[0],
                (long long)row->num[0] + 1);
    for (int i = 2; i < 4; i++) {
        if (row->has[i])
            sk_buf_addf(&c->rows, "<td class=\"n\">%lld</td>", (long long)row->num[i]);
        else
            sk_buf_adds(&c->rows, "<td class=\"n\">–</td>");
    }
    sk_buf_adds(&c->rows, "</tr>\n");
    return true;
}

static bool
graduates(struct rep *r, struct sk_error *err)
{
    struct cohort_rows c = {.r = r};
    sk_buf_adds(&c.rows, "");
    if (!storage_aggregate(r->db, SA_COHORTS, r->school_id, NULL, 0, cohort_row, &c, err)) {
        sk_buf_free(&c.rows);
        return false;
    }
    sk_buf_addf(&r->b, "<h3>10.2. %s</h3>\n",
                L(r, "Profesionālo izglītību ieguvušo skaits", "Pupils who graduated"));
    caption_no(r, 13, L(r, "Izglītību ieguvušo audzēkņu skaits", "Graduates"));
    if (c.n == 0)
        no_data_line(r, L(r, "Šajā mācību gadā beidzošās uzņemšanas grupas nav ievadītas.",
                          "No cohort graduating in this school year has been entered."));
    else {
        sk_buf_adds(&r->b, "<table>\n<tbody>\n<tr><th>");
        sk_buf_addf(&r->b,
                    r->lv ? "%d./%d.māc.g. absolventu skaits (ieguvuši kvalifikāciju) "
                            "salīdzinājumā ar izglītojamiem, kas sākuši mācības"
                          : "Graduates of %d./%d. (qualification obtained) beside the pupils "
                            "who started",
                    r->year, r->year + 1);
        /* two cells: each figure a number of its own in the .xlsx */
        sk_buf_adds(&r->b, "</th><td class=\"v\">");
        plural(r, ngettext("%lld pupil started", "%lld pupils started", PN(c.started)), c.started);
        sk_buf_adds(&r->b, "</td><td class=\"v\">");
        plural(r, ngettext("%lld graduate", "%lld graduates", PN(c.graduated)), c.graduated);
        sk_buf_adds(&r->b, "</td></tr>\n</tbody>\n</table>\n");
    }
    caption_no(r, 14,
               L(r, "Mācību uzsākušo un absolventu skaits pa grupām",
                 "Starters and graduates by qualification"));
    if (c.n == 0)
        no_data_line(r, L(r, "Nav datu par uzsākušajiem un absolventiem pa kvalifikācijām.",
                          "No data on starters and graduates by qualification."));
    else {
        const char *heads[5] = {L(r, "Kvalifikācija", "Qualification"),
                                L(r, "Mācību ilgums", "Duration"),
                                L(r, "Mācības uzsāka (m.g.)", "Started in"),
                                L(r, "Uzsākuši", "Started"), L(r, "Absolvējuši", "Graduated")};
        head_row(r, heads, 5);
        sk_buf_adds(&r->b, c.rows.s);
        end_table(r);
    }
    sk_buf_free(&c.rows);
    return true;
}

static bool
head_name(void *ctx, const struct storage_agg_row *row, struct sk_error *err)
{
    (void)err;
    struct rep *r = ctx;
    snprintf(r->head, sizeof r->head, "%s", row->key[0] ? row->key[0] : "");
    return true;
}

static void
signature(struct rep *r)
{
    char today[11];
    sk_date_format(sk_date_today(), false, today);
    sk_buf_adds(&r->b, "<table class=\"sign\">\n<tbody>\n<tr><td>");
    sk_buf_adds(&r->b, L(r, "Izglītības iestādes vadītājs", "Head of the school"));
    sk_buf_adds(&r->b, "</td><td>");
    if (r->head[0])
        esc(&r->b, r->head);
    sk_buf_addf(&r->b,
                "</td><td class=\"line\">%s</td></tr>\n<tr><td>%s</td><td>%s</td>"
                "<td></td></tr>\n</tbody>\n</table>\n",
                L(r, "(paraksts)", "(signature)"), L(r, "Datums", "Date"), today);
}

/* Switches gettext to the document's language (LANGUAGE, as cli/main.c
 * sets it) so that ngettext gives the document's plural forms; glibc
 * re-reads catalogues when this counter changes. */
extern int _nl_msg_cat_cntr;
static void
doc_language(bool lv)
{
    setenv("LANGUAGE", lv ? "lv" : "en", 1);
    ++_nl_msg_cat_cntr;
}

static bool
report_write(struct storage_db *db, int64_t school_id, int year, bool lv, FILE *out,
             struct sk_error *err)
{
    struct rep r = {.db = db, .school_id = school_id, .year = year, .lv = lv};
    if (!storage_school_by_id(db, school_id, &r.school, err))
        return false;
    bool ok = core_summary_compute(db, school_id, year, SK_DATE_NONE, CS_ALL, &r.sum, err);
    if (ok) {
        char ref[11];
        core_iso(r.sum.ref_date, ref);
        const char *args[] = {ref};
        ok = storage_aggregate(db, SA_HEAD, school_id, args, 1, head_name, &r, err);
    }
    if (ok) {
        sk_buf_addf(&r.b,
                    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>",
                    lv ? "lv" : "en");
        esc(&r.b, r.school.name);
        sk_buf_addf(&r.b, " — %s %d./%d.</title>\n<style>\n%s</style>\n</head>\n<body>\n",
                    L(&r, "pašnovērtējums", "self-evaluation"), year, year + 1, css);
        sk_buf_addf(&r.b, "<h1>%s</h1>\n",
                    L(&r, "Izglītības iestādes pašnovērtējuma ziņojuma tabulas",
                      "Self-evaluation report tables of the school"));
        sk_buf_adds(&r.b, "<p class=\"sub\"><b>");
        esc(&r.b, r.school.name);
        sk_buf_addf(&r.b, "</b>, %d./%d. %s</p>\n", year, year + 1,
                    L(&r, "mācību gads", "school year"));
        char today[11];
        sk_date_format(sk_date_today(), false, today);
        sk_buf_addf(&r.b, "<p class=\"note\">%s %s (skola %s).</p>\n",
                    L(&r, "Sagatavots", "Prepared on"), today, SKOLA_VERSION);
        ok = general_data(&r, err) && programmes(&r, err) && staffing(&r, err) &&
             priorities(&r, year, err) && priorities(&r, year + 1, err) && criteria(&r, err) &&
             projects(&r, err) && exams(&r, err) && development(&r, err) && graduates(&r, err);
    }
    if (ok) {
        signature(&r);
        sk_buf_addf(
            &r.b, "<h2>%s</h2>\n",
            L(&r, "Pielikums. Rādītāji no ierakstiem", "Appendix. Figures from the records"));
        r.appendix = true;
        r.table_no = 0;
        observations(&r);
        consultations(&r);
        devices(&r);
        sk_buf_addf(&r.b, "<p class=\"note\">%s</p>\n</body>\n</html>\n",
                    L(&r,
                      "“nav datu” — trūkst ievaddatu (piemēram, izglītojamo skaita "
                      "mācību gada ierakstā).",
                      "“no data” — an input is missing (for example the number of pupils in "
                      "the school-year record)."));
        if (fwrite(r.b.s, 1, r.b.len, out) != r.b.len || fflush(out) != 0)
            ok = sk_fail(err, SK_EIO, "%s", _("Could not write the report."));
    }
    sk_buf_free(&r.b);
    core_summary_fini(&r.sum);
    return ok;
}

bool
core_report_write(struct storage_db *db, int64_t school_id, int year, bool lv, FILE *out,
                  struct sk_error *err)
{
    /* the whole school's tables: head, deputy, viewer (not it or support) */
    if (!storage_require_everything(db, err))
        return false;
    /* one snapshot: a concurrent import cannot land between two tables */
    bool own;
    if (!storage_read_begin(db, &own, err))
        return false;
    bool ui_lv = forms_lang_is_lv();
    if (ui_lv != lv)
        doc_language(lv);
    bool ok = report_write(db, school_id, year, lv, out, err);
    if (ui_lv != lv)
        doc_language(ui_lv);
    storage_read_end(db, own);
    return ok;
}

bool
core_report_path(struct storage_db *db, int64_t school_id, int year, bool lv, const char *path,
                 struct sk_error *err)
{
    if (!core_output_allowed(db, path, err))
        return false;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return sk_fail(err, SK_EIO, "%s", _("Could not write the report."));
    bool ok = core_report_write(db, school_id, year, lv, f, err);
    fclose(f);
    if (ok)
        ok = sk_write_file_atomic(path, text, len, 0600, err);
    free(text);
    return ok;
}
