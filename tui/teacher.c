/* The teacher's record (issue 16): one teacher's observation sheets of
 * every year (date, observer, group, ticks), each criterion's share on the
 * teacher's final sheets beside the school's share in the same year, and
 * the comments: the material for the yearly talk with the teacher, in a
 * scrollable box. The figures come from core_teacher_record; this file
 * only lays them out. Also the `p` of the observation list and sheet:
 * printing sheets to an HTML file (core_print_observations_path). */
#include "tui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lines being built for the box (owned strings). */
struct lines {
    char **v;
    size_t n;
};

static void
add_line(struct lines *l, char *owned)
{
    l->v = sk_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = owned;
}

/* Appends text cut or padded to cols screen columns. */
static void
add_cell(struct sk_buf *b, const char *text, int cols)
{
    size_t n = forms_utf8_prefix_for_width(text, cols);
    sk_buf_add(b, text, n);
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%.*s", (int)(n < sizeof tmp ? n : sizeof tmp - 1), text);
    for (int w = forms_utf8_width(tmp); w < cols; w++)
        sk_buf_adds(b, " ");
}

static void
share_text(char *buf, size_t cap, int64_t n, int64_t of)
{
    if (of == 0)
        snprintf(buf, cap, "%s", _("no data"));
    else
        snprintf(buf, cap, "%3.0f %% (%lld/%lld)", 100.0 * (double)n / (double)of, (long long)n,
                 (long long)of);
}

static void
build(const struct core_teacher_record *r, struct lines *out)
{
    struct sk_buf b = {0};
    const char *h_date = _("Date"), *h_obs = _("Observer"), *h_group = _("Group"),
               *h_ticks = _("Criteria met");
    sk_buf_adds(&b, "");
    add_cell(&b, h_date, 12);
    add_cell(&b, h_obs, 24);
    add_cell(&b, h_group, 10);
    sk_buf_adds(&b, h_ticks);
    add_line(out, b.s);
    for (size_t i = 0; i < r->n_sheets; i++) {
        const struct core_teacher_sheet *s = &r->sheets[i];
        struct sk_buf row = {0};
        char day[16] = "";
        if (s->date != SK_DATE_NONE)
            sk_date_format(s->date, false, day);
        sk_buf_adds(&row, "");
        add_cell(&row, day, 12);
        add_cell(&row, s->observer, 24);
        add_cell(&row, s->group, 10);
        sk_buf_addf(&row, "%d/%d%s", s->met, s->of, s->is_final ? "" : _(" (draft)"));
        add_line(out, row.s);
    }
    int year = 0;
    const char *tpl = "";
    for (size_t i = 0; i < r->n_shares; i++) {
        const struct core_teacher_share *s = &r->shares[i];
        if (s->year != year) {
            year = s->year;
            tpl = "";
            add_line(out, sk_xstrdup(""));
            struct sk_buf h = {0};
            char y[64];
            snprintf(y, sizeof y, _("%d./%d. school year"), year, year + 1);
            add_cell(&h, y, 39);
            add_cell(&h, _("This teacher"), 15);
            sk_buf_adds(&h, _("The school"));
            add_line(out, h.s);
        }
        /* each template's criteria under its name: codes repeat across templates */
        if (strcmp(s->tpl, tpl) != 0) {
            tpl = s->tpl;
            struct sk_buf th = {0};
            sk_buf_addf(&th, _("Template %s (%s)"), s->tpl_name[0] ? s->tpl_name : s->tpl, s->tpl);
            add_line(out, th.s);
        }
        struct sk_buf row = {0};
        char t[64], sc[64];
        share_text(t, sizeof t, s->ticked, s->assessed);
        share_text(sc, sizeof sc, s->school_ticked, s->school_assessed);
        sk_buf_adds(&row, "");
        add_cell(&row, s->text, 38);
        sk_buf_adds(&row, " ");
        add_cell(&row, t, 15);
        sk_buf_adds(&row, sc);
        add_line(out, row.s);
    }
    add_line(out, sk_xstrdup(""));
    add_line(out, sk_xstrdup(_("Comments")));
    bool any = false;
    for (size_t i = 0; i < r->n_sheets; i++) {
        const struct core_teacher_sheet *s = &r->sheets[i];
        if (!s->comments || !s->comments[0])
            continue;
        any = true;
        char day[16] = "-";
        if (s->date != SK_DATE_NONE)
            sk_date_format(s->date, false, day);
        add_line(out, sk_xstrdup(day));
        /* one box line per comment line */
        for (const char *p = s->comments; *p;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            add_line(out, sk_xasprintf("  %.*s", (int)len, p));
            p += len + (nl ? 1 : 0);
        }
    }
    if (!any)
        add_line(out, sk_xstrdup(_("No comments.")));
}

void
tui_teacher_show(struct tui_app *app, int64_t staff_id)
{
    struct core_teacher_record r;
    struct sk_error err = {0};
    if (!core_teacher_record(app->opts->db, app->opts->school_id, staff_id, forms_lang_is_lv(), &r,
                             &err)) {
        core_teacher_record_fini(&r);
        tui_app_message(app, true, "%s", err.msg);
        return;
    }
    struct lines l = {0};
    if (r.n_sheets == 0)
        add_line(&l, sk_xstrdup(_("No lesson of this teacher has been observed yet.")));
    else
        build(&r, &l);
    char *title =
        sk_xasprintf(ngettext("%s — %zu observed lesson", "%s — %zu observed lessons", r.n_sheets),
                     r.name, r.n_sheets);
    tui_textbox(app, title, (const char *const *)l.v, l.n);
    free(title);
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    core_teacher_record_fini(&r);
}

void
tui_print_sheets(struct tui_app *app, const int64_t *ids, size_t n)
{
    if (n == 0)
        return;
    char *name = core_print_default_name(app->school.code, 0);
    char *initial = sk_xasprintf("~/%s", name);
    free(name);
    char *label =
        sk_xasprintf(ngettext("Print %zu sheet to file:", "Print %zu sheets to file:", n), n);
    char *typed = tui_prompt(app, label, initial, NULL, tui_complete_path, NULL);
    free(label);
    free(initial);
    if (!typed || !typed[0]) {
        free(typed);
        tui_app_message(app, false, "%s", _("Printing cancelled."));
        return;
    }
    char *path = tui_expand_home(typed);
    free(typed);
    /* the sheet is a Latvian document, as the report (the export screen) */
    struct core_print_sel sel = {.ids = ids, .n_ids = n, .lv = true};
    struct sk_error err = {0};
    size_t done = 0;
    if (core_print_observations_path(app->opts->db, app->opts->school_id, &sel, path, &done, &err))
        tui_app_message(app, false,
                        ngettext("Wrote %zu observation sheet to %s.",
                                 "Wrote %zu observation sheets to %s.", done),
                        done, path);
    else
        tui_app_message(app, true, "%s",
                        err.msg[0] ? err.msg : _("The file could not be written."));
    free(path);
}
