/* The lesson-observation sheet, laid out like the paper sheet of seed 000
 * (1.pielikums): the header, the four sections with their criteria as tick
 * boxes and a comment per section, "5. Nepieciešamie uzlabojumi", the
 * recommendation categories, then status and acknowledgement. The criteria
 * come from the sheet's template in the database, so an old sheet keeps its
 * own. A draft is saved by itself after a few seconds without keys (also
 * while a comment box is open, with the box's text), after a comment box is
 * closed and when the sheet is left. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum item_kind {
    IK_HEADING, /* section title (not focusable) */
    IK_TEXT,    /* a one-line field edited in place (text, date, number, reference) */
    IK_MEMO,    /* a comment: Enter opens the box */
    IK_TICK,    /* a criterion: Space ticks */
    IK_FLAG,    /* one choice of a flag set (purpose, recommendations): Space ticks */
    IK_ENUM,    /* status: Space or Left/Right cycle */
};

/* One line of the sheet. */
struct item {
    enum item_kind kind;
    int field;        /* descriptor field, or -1 (heading) */
    int choice;       /* IK_FLAG: choice index */
    const char *text; /* heading or criterion text (borrowed from the template) */
    int height;       /* screen rows */
    int col;          /* 0 = whole width, 1/2 = left/right half (header on wide screens) */
};

struct sheet_screen {
    struct tui_screen base;
    struct forms_record rec;         /* the working copy */
    struct storage_obs_template tpl; /* the sheet's criteria */
    struct item *items;
    size_t n_items;
    size_t cur;                /* focused item */
    int top;                   /* first visible layout row */
    struct forms_lineedit le;  /* the focused IK_TEXT */
    struct forms_record saved; /* as stored (or as opened, for a new sheet) */
    struct forms_record blank; /* a new sheet as opened (kind NULL: opened a stored one) */
    char heads[STORAGE_OBS_MAX_SECTIONS + 1][160]; /* section headings */
};

static int
fidx(const char *key)
{
    return forms_field_index(&forms_kind_observation, key);
}

static const struct forms_field *
field_of(const struct sheet_screen *sh, int i)
{
    return &sh->rec.kind->fields[i];
}

static void
add_item(struct sheet_screen *sh, enum item_kind k, int field, int choice, const char *text,
         int col)
{
    sh->items = sk_xrealloc(sh->items, (sh->n_items + 1) * sizeof *sh->items);
    sh->items[sh->n_items++] = (struct item){
        .kind = k, .field = field, .choice = choice, .text = text, .height = 1, .col = col};
}

static bool
is_status_final(const struct sheet_screen *sh)
{
    const struct forms_value *v = &sh->rec.values[fidx("status")];
    return v->is_set && v->i == 1;
}

/* Builds the items from the template; wide terminals pair header fields. */
static void
build_items(struct sheet_screen *sh)
{
    free(sh->items);
    sh->items = NULL;
    sh->n_items = 0;
    bool wide = COLS >= 110;
    static const char *const header[] = {"date",    "group", "pupils_present", "pupils_in_group",
                                         "subject", "area",  "teacher",        "observer"};
    for (size_t i = 0; i < SK_ARRAY_LEN(header); i++)
        add_item(sh, IK_TEXT, fidx(header[i]), 0, NULL, wide ? (int)(i % 2) + 1 : 0);
    add_item(sh, IK_TEXT, fidx("topic"), 0, NULL, 0);
    int pf = fidx("purpose");
    add_item(sh, IK_HEADING, -1, 0, forms_field_label(field_of(sh, pf)), 0);
    for (size_t c = 0; c < sh->rec.kind->fields[pf].n_choices; c++)
        add_item(sh, IK_FLAG, pf, (int)c, NULL, 0);
    int section = 0;
    for (size_t k = 0; k < sh->tpl.n_crit; k++) {
        const struct storage_obs_criterion *c = &sh->tpl.crit[k];
        if (c->section_no != section) {
            if (section >= 1 && section <= 4) {
                char key[16];
                snprintf(key, sizeof key, "comment_%d", section);
                add_item(sh, IK_MEMO, fidx(key), 0, NULL, 0);
            }
            section = c->section_no;
            int s = section >= 1 && section <= STORAGE_OBS_MAX_SECTIONS ? section : 0;
            snprintf(sh->heads[s], sizeof sh->heads[s], "%d. %s", section, c->section_name);
            add_item(sh, IK_HEADING, -1, 0, sh->heads[s], 0);
        }
        int f = forms_observation_crit_field(c->code);
        if (f >= 0)
            add_item(sh, IK_TICK, f, 0, c->text, 0);
    }
    if (section >= 1 && section <= 4) {
        char key[16];
        snprintf(key, sizeof key, "comment_%d", section);
        add_item(sh, IK_MEMO, fidx(key), 0, NULL, 0);
    }
    add_item(sh, IK_MEMO, fidx("improvements"), 0, NULL, 0);
    int rf = fidx("recommendations");
    add_item(sh, IK_HEADING, -1, 0, NULL, 0); /* "Recommendations given" */
    for (size_t c = 0; c < sh->rec.kind->fields[rf].n_choices; c++)
        add_item(sh, IK_FLAG, rf, (int)c, NULL, 0);
    add_item(sh, IK_ENUM, fidx("status"), 0, NULL, 0);
    add_item(sh, IK_TEXT, fidx("acknowledged_on"), 0, NULL, 0);
    /* comments get more rows when the terminal is tall */
    int memo_h = LINES >= 40 ? 3 : LINES >= 32 ? 2 : 1;
    for (size_t i = 0; i < sh->n_items; i++)
        if (sh->items[i].kind == IK_MEMO)
            sh->items[i].height = memo_h;
    if (sh->cur >= sh->n_items || sh->items[sh->cur].kind == IK_HEADING)
        sh->cur = 0;
}

/* Layout row of item i (paired header items share a row). */
static int
item_row(const struct sheet_screen *sh, size_t i)
{
    int row = 0;
    for (size_t k = 0; k < i; k++)
        if (sh->items[k].col != 1)
            row += sh->items[k].height;
    return row;
}

/* Whether the sheet differs from what is stored: its values compared with
 * the saved ones, and the text being typed with its field's value, so that
 * typing a letter and deleting it changes nothing. */
static bool
sheet_changed(const struct sheet_screen *sh)
{
    const struct forms_kind *k = sh->rec.kind;
    for (size_t i = 0; i < k->n_fields; i++)
        if (!forms_value_equal(&k->fields[i], &sh->rec.values[i], &sh->saved.values[i]))
            return true;
    const struct item *it = &sh->items[sh->cur];
    if (it->kind != IK_TEXT)
        return false;
    char buf[512];
    const char *now = forms_value_format(field_of(sh, it->field), &sh->rec.values[it->field],
                                         FS_DISPLAY, buf, sizeof buf);
    return strcmp(now, sh->le.buf ? sh->le.buf : "") != 0;
}

static void
enter_item(struct sheet_screen *sh)
{
    const struct item *it = &sh->items[sh->cur];
    if (it->kind != IK_TEXT)
        return;
    char buf[512];
    const struct forms_field *f = field_of(sh, it->field);
    const char *t = forms_value_format(f, &sh->rec.values[it->field], FS_DISPLAY, buf, sizeof buf);
    forms_le_fini(&sh->le);
    forms_le_init(&sh->le, t, (size_t)forms_field_max_len(f));
}

/* Parses the focused text into the record. False (message set) when it is
 * not a valid value; the text stays for correcting. */
static bool
leave_item(struct sheet_screen *sh, struct tui_app *app)
{
    const struct item *it = &sh->items[sh->cur];
    if (it->kind != IK_TEXT)
        return true;
    const struct forms_field *f = field_of(sh, it->field);
    char buf[512];
    const char *old =
        forms_value_format(f, &sh->rec.values[it->field], FS_DISPLAY, buf, sizeof buf);
    if (strcmp(old, sh->le.buf ? sh->le.buf : "") == 0)
        return true;
    struct sk_error err = {0};
    struct forms_value v = {0};
    bool ok = forms_value_parse(f, sh->le.buf ? sh->le.buf : "", &v, &err);
    if (ok) {
        forms_value_copy(&sh->rec.values[it->field], &v);
    } else {
        tui_app_message(app, true, "%s: %s", forms_field_label(f), err.msg);
    }
    forms_value_free(&v);
    return ok;
}

static void
move_focus(struct sheet_screen *sh, struct tui_app *app, int dir, int steps)
{
    if (!leave_item(sh, app))
        return;
    size_t i = sh->cur;
    for (int s = 0; s < steps; s++) {
        size_t j = i;
        do {
            if (dir > 0 && j + 1 < sh->n_items)
                j++;
            else if (dir < 0 && j > 0)
                j--;
            else
                break;
        } while (sh->items[j].kind == IK_HEADING);
        if (sh->items[j].kind == IK_HEADING)
            break;
        i = j;
    }
    sh->cur = i;
    enter_item(sh);
}

/* Saves the working copy (insert or update). Returns true when saved. */
static bool
save(struct sheet_screen *sh, struct tui_app *app, bool quiet)
{
    if (!leave_item(sh, app))
        return false;
    struct sk_error err = {0};
    bool is_new = sh->rec.id == 0;
    bool ok = forms_record_validate(&sh->rec, &err) &&
              (is_new ? storage_record_insert(app->opts->db, app->opts->school_id, &sh->rec, &err)
                      : storage_record_update(app->opts->db, app->opts->school_id, &sh->rec, &err));
    if (!ok) {
        const char *label = "";
        int fi = err.field ? fidx(err.field) : -1;
        if (fi >= 0)
            label = forms_field_label(field_of(sh, fi));
        tui_app_message(app, true, quiet ? _("Draft not saved: %s%s%s") : "%s%s%s", label,
                        label[0] ? ": " : "", err.msg);
        return false;
    }
    forms_record_copy(&sh->saved, &sh->rec);
    app->saved_id = sh->rec.id;
    if (quiet)
        tui_app_message(app, false, "%s", _("Draft saved."));
    else
        tui_app_message(app, false, "%s",
                        is_status_final(sh) ? _("Saved (final).") : _("Saved as a draft."));
    return true;
}

static void
toggle(struct sheet_screen *sh, int dir)
{
    const struct item *it = &sh->items[sh->cur];
    struct forms_value *v = &sh->rec.values[it->field < 0 ? 0 : it->field];
    switch (it->kind) {
    case IK_TICK:
        forms_value_set_int(v, v->is_set && v->i ? 0 : 1);
        break;
    case IK_FLAG:
        forms_value_set_int(v, (v->is_set ? v->i : 0) ^ (INT64_C(1) << it->choice));
        if (v->i == 0)
            forms_value_clear(v);
        break;
    case IK_ENUM: {
        int64_t n = (int64_t)field_of(sh, it->field)->n_choices;
        forms_value_set_int(v, ((v->is_set ? v->i : 0) + n + dir) % n);
        break;
    }
    default:
        return;
    }
}

static void
complete(struct sheet_screen *sh, struct tui_app *app)
{
    const struct item *it = &sh->items[sh->cur];
    const struct forms_field *f = field_of(sh, it->field);
    bool is_ref = f->type == FT_REF;
    if (!is_ref && strcmp(f->key, "area") != 0 && strcmp(f->key, "subject") != 0 &&
        strcmp(f->key, "group") != 0)
        return;
    char **names = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    if (!storage_complete(app->opts->db, is_ref ? f->ref_kind : NULL, sh->rec.kind, f->key,
                          app->opts->school_id, sh->le.buf ? sh->le.buf : "", 50, &names, &n,
                          &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return;
    }
    if (n == 0) {
        tui_app_message(app, false, "%s", _("No names match what you typed."));
    } else {
        int i = n == 1 ? 0
                       : tui_pick_name(app, forms_field_label(f), is_ref ? f->ref_kind : NULL,
                                       (const char *const *)names, n);
        if (i >= 0)
            forms_le_set(&sh->le, names[i]);
    }
    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
}

/* Puts text into memo field i; true when that changed the record. */
static bool
set_memo(struct sheet_screen *sh, int i, const char *text)
{
    struct forms_value *v = &sh->rec.values[i];
    size_t n;
    char *norm = forms_text_normalize(text, strlen(text), false, true, &n); /* stored as NFC */
    bool is_changed = strcmp(norm, v->is_set && v->s ? v->s : "") != 0;
    if (is_changed && n > 0)
        forms_value_set_text(v, norm, n);
    else if (is_changed)
        forms_value_clear(v);
    free(norm);
    return is_changed;
}

/* The comment box being typed in. */
struct memo_draft {
    struct sheet_screen *sh;
    int field;
};

/* Idle while a comment box is open: the draft is saved with the box's text,
 * so that a crash or a closed terminal loses at most a few seconds. */
static void
memo_draft(void *ctx, struct tui_app *app, const char *text)
{
    struct memo_draft *d = ctx;
    if (is_status_final(d->sh))
        return;
    if (set_memo(d->sh, d->field, text))
        save(d->sh, app, true);
}

static void
edit_memo(struct sheet_screen *sh, struct tui_app *app)
{
    const struct item *it = &sh->items[sh->cur];
    const struct forms_field *f = field_of(sh, it->field);
    struct forms_value *v = &sh->rec.values[it->field];
    char *before = sk_xstrdup(v->is_set && v->s ? v->s : "");
    char *text = sk_xstrdup(before);
    struct memo_draft d = {sh, it->field};
    bool is_kept = tui_memo_edit_draft(app, forms_field_label(f), &text,
                                       (size_t)forms_field_max_len(f), memo_draft, &d);
    if (app->is_quitting) {
        /* skola is being ended: the draft took the box's text; keep it */
        free(text);
        free(before);
        return;
    }
    /* cancelled after a draft took the box's text: the comment is as before */
    bool is_changed = set_memo(sh, it->field, is_kept ? text : before);
    if ((is_changed || sheet_changed(sh)) && !is_status_final(sh))
        save(sh, app, true);
    free(text);
    free(before);
}

/* ---------------------------------------------------------------- drawing */

static void
draw_tick(int y, int x, int w, bool on, bool is_cur, const char *label)
{
    char line[600];
    snprintf(line, sizeof line, "[%s] %s", on ? "x" : " ", label);
    int attr = is_cur ? tui_attr(TS_CURSOR) : tui_attr(TS_NORMAL);
    attron(attr);
    tui_put(y, x, line, w, true);
    attroff(attr);
}

static void
draw_item(struct sheet_screen *sh, struct tui_app *app, size_t i, int y, int x, int w)
{
    const struct item *it = &sh->items[i];
    bool is_cur = i == sh->cur;
    const struct forms_field *f = it->field >= 0 ? field_of(sh, it->field) : NULL;
    const struct forms_value *v = f ? &sh->rec.values[it->field] : NULL;
    char buf[600];
    switch (it->kind) {
    case IK_HEADING:
        attron(tui_attr(TS_HEADER));
        tui_put(y, x, it->text ? it->text : _("Recommendations given (categories)"), w, true);
        attroff(tui_attr(TS_HEADER));
        return;
    case IK_TICK: {
        char code[16], label[400];
        forms_observation_crit_code((size_t)it->field, code, sizeof code);
        snprintf(label, sizeof label, "%s %s", code, it->text);
        draw_tick(y, x + 2, w - 2, v->is_set && v->i, is_cur, label);
        return;
    }
    case IK_FLAG:
        draw_tick(y, x + 2, w - 2, v->is_set && (v->i >> it->choice & 1), is_cur,
                  forms_choice_label(&f->choices[it->choice]));
        return;
    default:
        break;
    }
    const char *label = forms_field_label(f);
    int lw = it->kind == IK_MEMO ? w : w >= 60 ? 30 : w / 2; /* the longest Latvian label is 28 */
    if (it->kind == IK_MEMO) {
        int attr = is_cur ? tui_attr(TS_CURSOR) : tui_attr(TS_NORMAL);
        attron(attr);
        snprintf(buf, sizeof buf, "%s:", label);
        int used = tui_put(y, x, buf, w, false);
        attroff(attr);
        /* the text wrapped on the rows of the item, after the label */
        const char *t = v->is_set && v->s ? v->s : "";
        int row = 0, col = used + 1;
        attron(tui_attr(TS_FIELD));
        while (row < it->height) {
            int room = w - col;
            if (room <= 0)
                break;
            if (row == it->height - 1) {
                /* the last row takes the rest, ending in "…" when it is cut */
                tui_put(y + row, x + col, t, room, true);
                break;
            }
            const char *nl = strchr(t, '\n');
            size_t seg = nl ? (size_t)(nl - t) : strlen(t);
            char piece[600];
            snprintf(piece, sizeof piece, "%.*s", (int)(seg < 599 ? seg : 599), t);
            size_t fit = forms_utf8_prefix_for_width(piece, room);
            piece[fit] = '\0';
            tui_put(y + row, x + col, piece, room, true);
            t += fit;
            if (fit == seg && nl)
                t = nl + 1;
            else if (!*t)
                t = "";
            row++;
            col = 2;
            if (!*t) {
                for (; row < it->height; row++)
                    tui_blank(y + row, x + 2, w - 2);
                break;
            }
        }
        attroff(tui_attr(TS_FIELD));
        return;
    }
    attron(is_cur ? tui_attr(TS_CURSOR) : tui_attr(TS_NORMAL));
    tui_put(y, x, label, lw - 1, true);
    attroff(is_cur ? tui_attr(TS_CURSOR) : tui_attr(TS_NORMAL));
    int vx = x + lw, vw = w - lw;
    if (vw <= 0)
        return;
    if (is_cur && it->kind == IK_TEXT) {
        attron(tui_attr(TS_FIELD));
        tui_draw_lineedit(app, y, vx, vw, &sh->le, true);
        attroff(tui_attr(TS_FIELD));
        return;
    }
    const char *t = forms_value_format(f, v, FS_DISPLAY, buf, sizeof buf);
    attron(tui_attr(TS_FIELD));
    tui_put(y, vx, t, vw, true);
    attroff(tui_attr(TS_FIELD));
}

static void
sheet_draw(struct tui_screen *s, struct tui_app *app)
{
    struct sheet_screen *sh = (struct sheet_screen *)s;
    int met = 0, of = 0;
    forms_observation_ticks(&sh->rec, &met, &of);
    char title[256];
    snprintf(title, sizeof title, _("Observation sheet (%s) — ticked %d/%d%s"), sh->tpl.code, met,
             of, sheet_changed(sh) ? " *" : "");
    tui_draw_frame(app, title, s->keys);
    int body = LINES - 3; /* rows 1 .. LINES-3 */
    if (body < 1)
        return;
    int cur_row = item_row(sh, sh->cur);
    int cur_h = sh->items[sh->cur].height;
    if (cur_row < sh->top)
        sh->top = cur_row;
    if (cur_row + cur_h > sh->top + body)
        sh->top = cur_row + cur_h - body;
    /* grown (a larger terminal, a shorter layout): no empty rows below the
     * end while lines above are scrolled out of view */
    int total = item_row(sh, sh->n_items);
    if (sh->top > 0 && sh->top + body > total)
        sh->top = total - body > 0 ? total - body : 0;
    int half = (COLS - 2) / 2;
    for (size_t i = 0; i < sh->n_items; i++) {
        const struct item *it = &sh->items[i];
        int row = item_row(sh, i) - sh->top;
        if (row + it->height <= 0 || row >= body)
            continue;
        if (row < 0 || row + it->height > body)
            continue; /* partly visible: skip rather than draw out of bounds */
        int x = 1, w = COLS - 2;
        if (it->col == 1)
            w = half - 1;
        else if (it->col == 2)
            x = 1 + half, w = COLS - 2 - half;
        draw_item(sh, app, i, 1 + row, x, w);
    }
}

/* ---------------------------------------------------------------- actions */

/* Whether a sheet opened as new holds nothing more than when it was
 * opened (its drafts saved while idle taken back since). */
static bool
is_blank_new(const struct sheet_screen *sh)
{
    const struct forms_kind *k = sh->rec.kind;
    if (!sh->blank.kind)
        return false;
    for (size_t i = 0; i < k->n_fields; i++)
        if (!forms_value_equal(&k->fields[i], &sh->rec.values[i], &sh->blank.values[i]))
            return false;
    return true;
}

/* Leaving a new sheet with nothing entered: nothing is kept, and a draft
 * saved while idle goes again. True when the sheet may close. */
static bool
leave_blank(struct sheet_screen *sh, struct tui_app *app)
{
    if (sh->rec.id == 0)
        return true;
    struct sk_error err = {0};
    if (!storage_record_delete(app->opts->db, &forms_kind_observation, app->opts->school_id,
                               sh->rec.id, sh->rec.version, &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return false;
    }
    app->saved_id = 0;
    return true;
}

static enum tui_result
leave(struct sheet_screen *sh, struct tui_app *app)
{
    if (!leave_item(sh, app)) {
        /* a text that is no valid value (a malformed date) must not trap
         * the user: it cannot be kept, so leaving loses it (asked) */
        return tui_confirm(app, is_status_final(sh)
                                    ? _("Leave without saving?")
                                    : _("The draft cannot be saved. Leave and lose the changes?"))
                   ? TUI_CLOSE
                   : TUI_HANDLED;
    }
    if (is_blank_new(sh))
        return leave_blank(sh, app) ? TUI_CLOSE : TUI_HANDLED;
    if (!sheet_changed(sh))
        return TUI_CLOSE;
    if (!is_status_final(sh)) {
        /* a draft is saved on leaving; if it cannot be, ask */
        if (save(sh, app, true))
            return TUI_CLOSE;
        return tui_confirm(app, _("The draft cannot be saved. Leave and lose the changes?"))
                   ? TUI_CLOSE
                   : TUI_HANDLED;
    }
    /* Ctrl-C leaves after one question at most */
    if (app->last_key != 3 /* Ctrl-C */ &&
        tui_confirm(app, _("Save the changes to this final sheet?")))
        return save(sh, app, false) ? TUI_CLOSE : TUI_HANDLED;
    return tui_confirm(app, _("Leave without saving?")) ? TUI_CLOSE : TUI_HANDLED;
}

/* Ctrl-P prints the sheet as stored; Ctrl-T shows its teacher's record.
 * Unsaved changes are not on paper: the user saves first. */
static void
sheet_out(struct sheet_screen *sh, struct tui_app *app, enum tui_action a)
{
    if (a == TA_TEACHER) {
        const struct forms_value *v = &sh->rec.values[fidx("teacher")];
        if (!v->is_set || v->i == 0)
            tui_app_message(app, true, "%s", _("This sheet names no teacher."));
        else
            tui_teacher_show(app, v->i);
        return;
    }
    if (sh->rec.id == 0 || sheet_changed(sh)) {
        tui_app_message(app, true, "%s", _("Save the sheet first (Ctrl-S); then print it."));
        return;
    }
    tui_print_sheets(app, &sh->rec.id, 1);
}

/* F3 (v outside a text field): the focused line's whole text, wrapped,
 * for a criterion's wording or a comment cut to fit the screen. */
static void
view_line(struct sheet_screen *sh, struct tui_app *app)
{
    const struct item *it = &sh->items[sh->cur];
    const struct forms_field *f = it->field >= 0 ? field_of(sh, it->field) : NULL;
    char code[16], buf[4096];
    const char *title = f ? forms_field_label(f) : "";
    char *text;
    if (it->kind == IK_TICK) {
        forms_observation_crit_code((size_t)it->field, code, sizeof code);
        text = sk_xasprintf("%s %s", code, it->text);
        title = _("Criterion");
    } else if (it->kind == IK_FLAG) {
        text = sk_xstrdup(forms_choice_label(&f->choices[it->choice]));
    } else if (it->kind == IK_TEXT) {
        text = sk_xstrdup(sh->le.buf ? sh->le.buf : "");
    } else {
        text = sk_xstrdup(
            forms_value_format(f, &sh->rec.values[it->field], FS_DISPLAY, buf, sizeof buf));
    }
    const char *lines[] = {text};
    tui_textbox(app, title, lines, 1);
    free(text);
}

/* Ctrl-F on a sheet lacking what a final sheet needs: names every missing
 * field in the sheet's order and moves to the first. True when any is. */
static bool
finish_missing(struct sheet_screen *sh, struct tui_app *app)
{
    int missing[64];
    size_t n = forms_observation_missing(&sh->rec, missing, SK_ARRAY_LEN(missing));
    if (n > SK_ARRAY_LEN(missing))
        n = SK_ARRAY_LEN(missing);
    struct sk_buf list = {0};
    const char *labels[64];
    size_t n_labels = 0;
    size_t first = sh->n_items;
    for (size_t i = 0; i < sh->n_items; i++) {
        const struct item *it = &sh->items[i];
        if (it->kind == IK_HEADING || (it->kind == IK_FLAG && it->choice > 0))
            continue;
        for (size_t k = 0; k < n; k++) {
            if (missing[k] != it->field)
                continue;
            if (first == sh->n_items)
                first = i;
            else
                sk_buf_adds(&list, ", ");
            sk_buf_adds(&list, forms_field_label(field_of(sh, it->field)));
            if (n_labels < SK_ARRAY_LEN(labels))
                labels[n_labels++] = forms_field_label(field_of(sh, it->field));
        }
    }
    if (first == sh->n_items) {
        sk_buf_free(&list);
        return false; /* nothing missing that the sheet shows: validation speaks */
    }
    char *msg = sk_xasprintf(_("A final sheet needs: %s."), list.s);
    sk_buf_free(&list);
    sh->cur = first;
    enter_item(sh);
    if (forms_utf8_width(msg) >= COLS) /* too long for the message line: a box lists them */
        tui_textbox(app, _("A final sheet needs"), labels, n_labels);
    tui_app_message(app, true, "%s", msg);
    free(msg);
    return true;
}

static enum tui_result
sheet_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct sheet_screen *sh = (struct sheet_screen *)s;
    const struct item *it = &sh->items[sh->cur];
    int le_op = tui_keys_le_op(a);
    if (le_op >= 0 && it->kind == IK_TEXT) {
        forms_le_apply(&sh->le, (enum forms_le_op)le_op);
        return TUI_HANDLED;
    }
    int page = LINES - 4 > 1 ? LINES - 4 : 1;
    switch (a) {
    case TA_NEXT_FIELD:
    case TA_DOWN:
        move_focus(sh, app, 1, 1);
        return TUI_HANDLED;
    case TA_PREV_FIELD:
    case TA_UP:
        move_focus(sh, app, -1, 1);
        return TUI_HANDLED;
    case TA_PGDN:
        move_focus(sh, app, 1, page);
        return TUI_HANDLED;
    case TA_PGUP:
        move_focus(sh, app, -1, page);
        return TUI_HANDLED;
    case TA_LEFT:
    case TA_RIGHT:
        if (it->kind == IK_TEXT)
            forms_le_apply(&sh->le, a == TA_LEFT ? LE_LEFT : LE_RIGHT);
        else if (it->kind == IK_ENUM)
            toggle(sh, a == TA_LEFT ? -1 : 1);
        return TUI_HANDLED;
    case TA_TOGGLE:
        if (it->kind == IK_TEXT)
            forms_le_insert(&sh->le, " ", 1);
        else if (it->kind == IK_MEMO)
            edit_memo(sh, app);
        else
            toggle(sh, 1);
        return TUI_HANDLED;
    case TA_SELECT:
        if (it->kind == IK_MEMO)
            edit_memo(sh, app);
        else if (it->kind == IK_TEXT && (field_of(sh, it->field)->type == FT_REF ||
                                         strcmp(field_of(sh, it->field)->key, "area") == 0))
            complete(sh, app);
        else if (it->kind == IK_TEXT)
            move_focus(sh, app, 1, 1);
        else
            toggle(sh, 1);
        return TUI_HANDLED;
    case TA_COMPLETE:
        if (it->kind == IK_TEXT)
            complete(sh, app);
        return TUI_HANDLED;
    case TA_HISTORY: {
        char buf[64];
        int di = fidx("date");
        const char *day = forms_value_format(&forms_kind_observation.fields[di],
                                             &sh->rec.values[di], FS_DISPLAY, buf, sizeof buf);
        tui_history_show(app, &forms_kind_observation, sh->rec.id, day);
        return TUI_HANDLED;
    }
    case TA_SAVE:
        save(sh, app, false);
        return TUI_HANDLED;
    case TA_FINISH:
        if (!leave_item(sh, app) || finish_missing(sh, app))
            return TUI_HANDLED;
        forms_value_set_int(&sh->rec.values[fidx("status")], 1);
        if (!save(sh, app, false)) {
            forms_value_set_int(&sh->rec.values[fidx("status")], 0);
            return TUI_HANDLED;
        }
        return TUI_CLOSE;
    case TA_PRINT:
    case TA_TEACHER:
        sheet_out(sh, app, a);
        return TUI_HANDLED;
    case TA_VIEW:
        view_line(sh, app);
        return TUI_HANDLED;
    case TA_BACK:
        return leave(sh, app);
    default:
        return TUI_IGNORED;
    }
}

static enum tui_result
sheet_char(struct tui_screen *s, struct tui_app *app, const char *utf8, size_t n)
{
    struct sheet_screen *sh = (struct sheet_screen *)s;
    const struct item *it = &sh->items[sh->cur];
    if (it->kind == IK_TEXT) {
        forms_le_insert(&sh->le, utf8, n);
    } else if (n == 1 && (utf8[0] == 'p' || utf8[0] == 't')) {
        /* outside a text field, letters are free: p prints, t the record */
        sheet_out(sh, app, utf8[0] == 'p' ? TA_PRINT : TA_TEACHER);
    } else if (n == 1 && (utf8[0] == 'v' || utf8[0] == 'q')) {
        /* v shows the line whole; q leaves as Esc does */
        return sheet_action(s, app, utf8[0] == 'v' ? TA_VIEW : TA_BACK);
    }
    return TUI_HANDLED;
}

/* Idle for a few seconds: a dirty draft saves itself. The text being typed
 * is parsed first; if it is not valid yet, the rest is saved without it. */
static void
sheet_idle(struct tui_screen *s, struct tui_app *app)
{
    struct sheet_screen *sh = (struct sheet_screen *)s;
    if (!sheet_changed(sh) || is_status_final(sh))
        return;
    const struct item *it = &sh->items[sh->cur];
    const char *typed_now = sh->le.buf ? sh->le.buf : "";
    bool is_ready = true;
    if (it->kind == IK_TEXT) {
        /* a name half typed ("zvirb") is no name yet either */
        const struct forms_field *f = field_of(sh, it->field);
        struct sk_error err = {0};
        struct forms_value v = {0};
        is_ready = forms_value_parse(f, typed_now, &v, &err);
        forms_value_free(&v);
        int64_t id = 0;
        if (is_ready && f->type == FT_REF && typed_now[0])
            is_ready = storage_ref_resolve(app->opts->db, f->ref_kind, app->opts->school_id,
                                           typed_now, &id, NULL, 0, &err) &&
                       id != 0;
    }
    if (!is_ready) {
        /* the rest is saved without the text, which stays as typed; what
         * is wrong with it is said when the field is left */
        char *typed = sk_xstrdup(typed_now);
        enter_item(sh);
        if (sheet_changed(sh))
            save(sh, app, true);
        forms_le_set(&sh->le, typed);
        free(typed);
        return;
    }
    save(sh, app, true);
    enter_item(sh);
}

/* skola is being ended (SIGTERM, SIGHUP): a changed draft is saved as on
 * leaving. A final sheet is not changed without the user's word, so its
 * changes (and those of a draft that cannot be saved) go to a draft file,
 * offered when the sheet is opened again. */
static void
sheet_terminate(struct tui_screen *s, struct tui_app *app)
{
    struct sheet_screen *sh = (struct sheet_screen *)s;
    const struct item *it = &sh->items[sh->cur];
    char buf[512];
    bool is_typing = it->kind == IK_TEXT &&
                     strcmp(sh->le.buf ? sh->le.buf : "",
                            forms_value_format(field_of(sh, it->field), &sh->rec.values[it->field],
                                               FS_DISPLAY, buf, sizeof buf)) != 0;
    if (!sheet_changed(sh) && !is_typing)
        return;
    if (is_typing) {
        /* the typed text, when valid, is the field's value (as on leaving) */
        struct sk_error err = {0};
        struct forms_value v = {0};
        if (forms_value_parse(field_of(sh, it->field), sh->le.buf ? sh->le.buf : "", &v, &err)) {
            forms_value_copy(&sh->rec.values[it->field], &v);
            is_typing = false;
        }
        forms_value_free(&v);
    }
    if (!is_typing && is_blank_new(sh)) {
        leave_blank(sh, app); /* taken back to nothing: no draft of it either */
        return;
    }
    if (!is_status_final(sh) && save(sh, app, true)) {
        app->n_drafts_kept++;
        return;
    }
    const struct forms_kind *k = sh->rec.kind;
    char **texts = sk_xcalloc(k->n_fields + 1, sizeof *texts);
    for (size_t i = 0; i < k->n_fields; i++) {
        char vbuf[600];
        if (is_typing && (int)i == it->field)
            texts[i] = sk_xstrdup(sh->le.buf ? sh->le.buf : "");
        else
            texts[i] = sk_xstrdup(
                forms_value_format(&k->fields[i], &sh->rec.values[i], FS_CSV, vbuf, sizeof vbuf));
    }
    tui_draft_keep(app, k, sh->rec.id, sh->rec.version, texts);
}

/* Just opened: offers the changes sheet_terminate kept in a file, if any. */
static void
sheet_offer_draft(struct tui_screen *s, struct tui_app *app)
{
    struct sheet_screen *sh = (struct sheet_screen *)s;
    const struct forms_kind *k = sh->rec.kind;
    struct tui_draft d;
    if (!tui_draft_offer(app, k, sh->rec.id, sh->rec.version, &d))
        return;
    const struct item *it = &sh->items[sh->cur];
    const char *unparsed = NULL; /* the focused field's text, not valid yet */
    for (size_t i = 0; i < k->n_fields; i++) {
        if (!d.texts[i])
            continue;
        struct sk_error err = {0};
        struct forms_value v = {0};
        /* the sheet keeps values, not texts: a text not valid yet (typed
         * when skola was ended) survives only in the focused field */
        if (forms_value_parse(&k->fields[i], d.texts[i], &v, &err))
            forms_value_copy(&sh->rec.values[i], &v);
        else if (it->kind == IK_TEXT && (int)i == it->field)
            unparsed = d.texts[i];
        forms_value_free(&v);
    }
    if (sh->rec.id != 0)
        sh->rec.version = d.version; /* changed by someone else since: saving says so */
    enter_item(sh);
    if (unparsed)
        forms_le_set(&sh->le, unparsed);
    tui_draft_fini(&d);
}

static void
sheet_resize(struct sheet_screen *sh)
{
    size_t cur_field = (size_t)sh->items[sh->cur].field;
    enum item_kind k = sh->items[sh->cur].kind;
    int choice = sh->items[sh->cur].choice;
    build_items(sh);
    for (size_t i = 0; i < sh->n_items; i++)
        if ((size_t)sh->items[i].field == cur_field && sh->items[i].kind == k &&
            sh->items[i].choice == choice)
            sh->cur = i;
}

static void
sheet_resume(struct tui_screen *s, struct tui_app *app)
{
    (void)app;
    sheet_resize((struct sheet_screen *)s);
}

/* The terminal changed size: pairs of header fields and comment heights
 * follow the new size at once, not only when a box above closes. */
static void
sheet_on_resize(struct tui_screen *s, struct tui_app *app)
{
    (void)app;
    sheet_resize((struct sheet_screen *)s);
}

static void
sheet_close(struct tui_screen *s)
{
    struct sheet_screen *sh = (struct sheet_screen *)s;
    forms_record_fini(&sh->rec);
    forms_record_fini(&sh->saved);
    if (sh->blank.kind)
        forms_record_fini(&sh->blank);
    storage_obs_template_fini(&sh->tpl);
    forms_le_fini(&sh->le);
    free(sh->items);
    free(sh);
}

static const struct tui_screen_ops sheet_ops = {
    .draw = sheet_draw,
    .on_action = sheet_action,
    .on_char = sheet_char,
    .on_resume = sheet_resume,
    .on_resize = sheet_on_resize,
    .close = sheet_close,
    .on_idle = sheet_idle,
    .on_terminate = sheet_terminate,
    .offer_draft = sheet_offer_draft,
};

struct tui_screen *
tui_sheet_new(struct tui_app *app, const struct forms_record *rec)
{
    struct sheet_screen *sh = sk_xcalloc(1, sizeof *sh);
    sh->base.ops = &sheet_ops;
    sh->base.keys = &tui_keys_sheet;
    forms_record_init(&sh->rec, &forms_kind_observation);
    forms_record_copy(&sh->rec, rec);
    struct sk_error err = {0};
    int tf = fidx("template");
    char code[64] = "";
    if (sh->rec.values[tf].is_set && sh->rec.values[tf].s)
        snprintf(code, sizeof code, "%s", sh->rec.values[tf].s);
    else if (!storage_obs_template_current(app->opts->db, app->opts->school_id, code, sizeof code,
                                           &err))
        tui_app_message(app, true, "%s", err.msg);
    if (!code[0] || !storage_obs_template_get(app->opts->db, code, &sh->tpl, &err)) {
        tui_app_message(app, true, "%s", err.msg);
        sheet_close(&sh->base);
        return NULL;
    }
    if (sh->rec.id == 0) {
        /* A new sheet: a draft of today with the template's criteria unticked
         * (criteria outside the template stay empty). */
        forms_value_set_text(&sh->rec.values[tf], code, strlen(code));
        forms_value_set_int(&sh->rec.values[fidx("status")], 0);
        int df = fidx("date");
        if (!sh->rec.values[df].is_set)
            forms_value_set_int(&sh->rec.values[df], sk_date_today());
        for (size_t k = 0; k < sh->tpl.n_crit; k++) {
            int f = forms_observation_crit_field(sh->tpl.crit[k].code);
            if (f >= 0 && !sh->rec.values[f].is_set)
                forms_value_set_int(&sh->rec.values[f], 0);
        }
    }
    forms_record_init(&sh->saved, &forms_kind_observation);
    forms_record_copy(&sh->saved, &sh->rec);
    if (sh->rec.id == 0) {
        forms_record_init(&sh->blank, &forms_kind_observation);
        forms_record_copy(&sh->blank, &sh->rec);
    }
    build_items(sh);
    enter_item(sh);
    return &sh->base;
}

void
tui_sheet_describe(const struct forms_record *rec, char *buf, size_t cap)
{
    static const char *const keys[] = {"date", "teacher", "group"};
    struct sk_buf b = {0};
    for (size_t k = 0; k < SK_ARRAY_LEN(keys); k++) {
        int i = forms_field_index(rec->kind, keys[k]);
        char vbuf[256];
        const char *t = i >= 0 ? forms_value_format(&rec->kind->fields[i], &rec->values[i],
                                                    FS_DISPLAY, vbuf, sizeof vbuf)
                               : "";
        if (!t[0])
            continue;
        if (b.len)
            sk_buf_adds(&b, ", ");
        sk_buf_adds(&b, SK_QUOTE(t));
    }
    snprintf(buf, cap, "%s", b.s ? b.s : "");
    sk_buf_free(&b);
}
