/* The generic form editor: one field per line, laid out from the kind's
 * descriptor. Text-like fields are edited with forms_lineedit, lists are
 * cycled or picked, check boxes toggled, references completed. Values are
 * parsed and validated by forms/; saving goes through storage/ with
 * optimistic locking. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per field: its text while edited and its current error. */
struct field_state {
    char *text;  /* owned; text-like and multi-line fields */
    char *error; /* owned message, or NULL */
};

struct form_screen {
    struct tui_screen base;
    const struct forms_kind *kind;
    struct forms_record rec;   /* the working copy */
    struct forms_record saved; /* as stored (or as a new record starts): what "changed" means */
    struct field_state *st;    /* kind->n_fields */
    size_t cur;                /* current field */
    struct forms_lineedit le;  /* edits st[cur].text on a text-like field */
    size_t scroll;             /* first field drawn */
    char *memo_pending;        /* owned: the text of the open memo box (for a draft), or NULL */
};

static bool
is_text_like(const struct forms_field *f)
{
    switch (f->type) {
    case FT_TEXT:
    case FT_DATE:
    case FT_INT:
    case FT_DEC3:
    case FT_MONEY:
    case FT_REF:
        return true;
    default:
        return false;
    }
}

static bool
has_completion(const struct forms_field *f)
{
    return f->type == FT_REF || (f->type == FT_TEXT && f->ref_kind);
}

static void
set_error(struct form_screen *fm, size_t i, const char *msg)
{
    free(fm->st[i].error);
    fm->st[i].error = msg ? sk_xstrdup(msg) : NULL;
}

/* Texts of all fields from the record (after loading or reloading). */
static void
texts_from_record(struct form_screen *fm)
{
    for (size_t i = 0; i < fm->kind->n_fields; i++) {
        const struct forms_field *f = &fm->kind->fields[i];
        char buf[512];
        free(fm->st[i].text);
        fm->st[i].text = NULL;
        set_error(fm, i, NULL);
        if (is_text_like(f) || f->type == FT_MEMO)
            fm->st[i].text =
                sk_xstrdup(forms_value_format(f, &fm->rec.values[i], FS_DISPLAY, buf, sizeof buf));
    }
}

/* Parses field i's text into the record; shows the problem beside it. */
static bool
parse_field(struct form_screen *fm, size_t i)
{
    const struct forms_field *f = &fm->kind->fields[i];
    if (!is_text_like(f) && f->type != FT_MEMO)
        return true;
    struct sk_error err = {0};
    if (!forms_value_parse(f, fm->st[i].text, &fm->rec.values[i], &err)) {
        set_error(fm, i, err.msg);
        return false;
    }
    set_error(fm, i, NULL);
    return true;
}

static void
enter_field(struct form_screen *fm, size_t i)
{
    fm->cur = i;
    const struct forms_field *f = &fm->kind->fields[i];
    if (is_text_like(f)) {
        forms_le_set(&fm->le, fm->st[i].text ? fm->st[i].text : "");
        fm->le.max_chars =
            f->type == FT_TEXT || f->type == FT_REF ? (size_t)forms_field_max_len(f) : 40;
    }
}

/* Leaves the current field: keeps its text and checks it. */
static void
leave_field(struct form_screen *fm)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    if (!is_text_like(f))
        return;
    const char *now = fm->le.buf ? fm->le.buf : "";
    if (!fm->st[fm->cur].text || strcmp(fm->st[fm->cur].text, now) != 0) {
        free(fm->st[fm->cur].text);
        fm->st[fm->cur].text = sk_xstrdup(now);
    }
    parse_field(fm, fm->cur);
}

/* Whether the record as edited differs from the stored one: a letter
 * typed and deleted again is no change (texts compared as shown, other
 * fields by value). */
static bool
form_changed(const struct form_screen *fm)
{
    for (size_t i = 0; i < fm->kind->n_fields; i++) {
        const struct forms_field *f = &fm->kind->fields[i];
        if (!is_text_like(f) && f->type != FT_MEMO) {
            if (!forms_value_equal(f, &fm->rec.values[i], &fm->saved.values[i]))
                return true;
            continue;
        }
        char buf[600];
        const char *was = forms_value_format(f, &fm->saved.values[i], FS_DISPLAY, buf, sizeof buf);
        const char *now = i == fm->cur && is_text_like(f) ? fm->le.buf : fm->st[i].text;
        if (strcmp(was, now ? now : "") != 0)
            return true;
    }
    return false;
}

static bool
editable(const struct form_screen *fm, size_t i)
{
    return !(fm->kind->fields[i].flags & FF_READONLY);
}

/* Moves to the next/previous editable field (dir = +1/-1), wrapping. */
static void
move_field(struct form_screen *fm, int dir)
{
    size_t n = fm->kind->n_fields;
    size_t i = fm->cur;
    for (size_t k = 0; k < n; k++) {
        i = (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
        if (editable(fm, i))
            break;
    }
    leave_field(fm);
    enter_field(fm, i);
}

static void
go_field(struct form_screen *fm, size_t i)
{
    leave_field(fm);
    enter_field(fm, i);
}

/* ------------------------------------------------------------------ draw */

/* The value of a non-text field as shown. */
static const char *
show_value(const struct form_screen *fm, size_t i, char *buf, size_t cap)
{
    const struct forms_field *f = &fm->kind->fields[i];
    const struct forms_value *v = &fm->rec.values[i];
    switch (f->type) {
    case FT_BOOL:
        snprintf(buf, cap, "[%s] %s", v->is_set && v->i ? "x" : " ",
                 v->is_set && v->i ? _("Yes") : _("No"));
        return buf;
    case FT_ENUM:
        if (!v->is_set || v->i < 0 || (size_t)v->i >= f->n_choices)
            return "";
        return forms_choice_label(&f->choices[v->i]);
    case FT_FLAGS: {
        size_t used = 0;
        buf[0] = '\0';
        for (size_t c = 0; c < f->n_choices && used + 1 < cap; c++)
            if (v->is_set && (v->i >> c) & 1)
                used += (size_t)snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
                                         forms_choice_label(&f->choices[c]));
        return buf;
    }
    case FT_MEMO: {
        const char *t = fm->st[i].text ? fm->st[i].text : "";
        const char *nl = strchr(t, '\n');
        if (!nl)
            return t;
        snprintf(buf, cap, "%.*s …", (int)(nl - t), t);
        return buf;
    }
    default:
        return fm->st[i].text ? fm->st[i].text : "";
    }
}

/* A short reminder of how to edit the current field. */
static const char *
field_tip(const struct forms_field *f)
{
    switch (f->type) {
    case FT_DATE:
        return _("DD.MM.YYYY");
    case FT_ENUM:
        return _("Left/Right or Enter: choose");
    case FT_FLAGS:
        return _("Enter: tick from a list");
    case FT_BOOL:
        return _("Space: tick");
    case FT_MEMO:
        return _("Enter: open the text");
    case FT_MONEY:
        return _("euros, e.g. 499,99");
    default:
        return has_completion(f) ? _("Enter: choose from the names used") : "";
    }
}

static int
field_rows(const struct form_screen *fm, size_t i)
{
    return fm->st[i].error ? 2 : 1;
}

static void
form_draw(struct tui_screen *s, struct tui_app *app)
{
    struct form_screen *fm = (struct form_screen *)s;
    const struct forms_kind *k = fm->kind;
    char title[512], buf[600];
    int nf = k->name_field ? forms_field_index(k, k->name_field) : -1;
    /* the record's name: the text being edited, or the value as shown (a
     * list field's label, e.g. the indicator "2.5.1 …") */
    const char *name = "";
    if (nf >= 0)
        name = fm->st[nf].text ? fm->st[nf].text
                               : forms_value_format(&k->fields[nf], &fm->rec.values[nf], FS_DISPLAY,
                                                    buf, sizeof buf);
    if (fm->rec.id == 0 || !name[0])
        snprintf(title, sizeof title, "%s — %s", forms_kind_label(k),
                 fm->rec.id == 0 ? _("new record") : _("record"));
    else
        snprintf(title, sizeof title, "%s — %s", forms_kind_label(k), name);
    if (form_changed(fm)) {
        size_t len = strlen(title);
        snprintf(title + len, sizeof title - len, " (%s)", _("not saved"));
    }
    tui_draw_frame(app, title, s->keys);

    int lw = 0;
    for (size_t i = 0; i < k->n_fields; i++) {
        int w = forms_utf8_width(forms_field_label(&k->fields[i])) + 2;
        if (w > lw)
            lw = w;
    }
    if (lw > 28)
        lw = 28;
    int vx = lw + 4;
    int vw = COLS - vx - 2 < 44 ? COLS - vx - 2 : 44;
    int top = 2, area = LINES - 4 - 1;

    /* keep the current field (and its error) visible */
    if (fm->cur < fm->scroll)
        fm->scroll = fm->cur;
    for (;;) {
        int used = 0;
        for (size_t i = fm->scroll; i <= fm->cur; i++)
            used += field_rows(fm, i);
        if (used <= area || fm->scroll == fm->cur)
            break;
        fm->scroll++;
    }
    int y = top;
    for (size_t i = fm->scroll; i < k->n_fields && y < top + area; i++) {
        const struct forms_field *f = &k->fields[i];
        bool is_cur = i == fm->cur;
        snprintf(buf, sizeof buf, "%s%s", forms_field_label(f), f->flags & FF_REQUIRED ? " *" : "");
        if (is_cur)
            attron(A_BOLD);
        tui_put(y, 1, is_cur ? "▸" : " ", 1, false);
        tui_put(y, 3, buf, lw, false);
        if (is_cur)
            attroff(A_BOLD);
        int attr = is_cur && !is_text_like(f) ? tui_attr(TS_CURSOR) : tui_attr(TS_FIELD);
        if (!editable(fm, i))
            attr = tui_attr(TS_DISABLED);
        attron(attr);
        if (is_cur && is_text_like(f)) {
            tui_draw_lineedit(app, y, vx, vw, &fm->le, true);
        } else {
            char vbuf[600];
            const char *text = show_value(fm, i, vbuf, sizeof vbuf);
            if (is_cur && f->type == FT_ENUM) {
                snprintf(buf, sizeof buf, "◂ %s ▸", text);
                text = buf;
            }
            tui_put(y, vx, text, vw, true);
        }
        attroff(attr);
        if (is_cur) {
            const char *tip = field_tip(f);
            attron(tui_attr(TS_DISABLED));
            if (COLS - (vx + vw + 2) > 6)
                tui_put(y, vx + vw + 2, tip, COLS - (vx + vw + 2) - 1, false);
            attroff(tui_attr(TS_DISABLED));
        }
        y++;
        if (fm->st[i].error && y < top + area) {
            attron(tui_attr(TS_ERROR));
            snprintf(buf, sizeof buf, "↑ %s", fm->st[i].error);
            tui_put(y, vx, buf, COLS - vx - 1, false);
            attroff(tui_attr(TS_ERROR));
            y++;
        }
    }
}

/* --------------------------------------------------------------- actions */

static void
cycle_enum(struct form_screen *fm, int dir)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    struct forms_value *v = &fm->rec.values[fm->cur];
    int64_t n = (int64_t)f->n_choices;
    bool may_be_empty = !(f->flags & FF_REQUIRED);
    /* positions: -1 = empty (when allowed), 0..n-1 = choices */
    int64_t pos = v->is_set ? v->i : -1;
    int64_t lo = may_be_empty ? -1 : 0;
    pos += dir;
    if (pos < lo)
        pos = n - 1;
    if (pos > n - 1)
        pos = lo;
    if (pos < 0)
        forms_value_clear(v);
    else
        forms_value_set_int(v, pos);
    set_error(fm, fm->cur, NULL);
}

static void
pick_enum(struct tui_app *app, struct form_screen *fm)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    struct forms_value *v = &fm->rec.values[fm->cur];
    bool may_be_empty = !(f->flags & FF_REQUIRED);
    size_t off = may_be_empty ? 1 : 0;
    const char **items = sk_xcalloc(f->n_choices + 1, sizeof *items);
    if (may_be_empty)
        items[0] = _("(none)");
    for (size_t c = 0; c < f->n_choices; c++)
        items[c + off] = forms_choice_label(&f->choices[c]);
    int initial = v->is_set ? (int)v->i + (int)off : 0;
    int i = tui_pick(app, forms_field_label(f), items, f->n_choices + off, initial);
    free(items);
    if (i < 0)
        return;
    if (may_be_empty && i == 0)
        forms_value_clear(v);
    else
        forms_value_set_int(v, i - (int)off);
    set_error(fm, fm->cur, NULL);
}

static void
pick_flags(struct tui_app *app, struct form_screen *fm)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    struct forms_value *v = &fm->rec.values[fm->cur];
    const char **items = sk_xcalloc(f->n_choices + 1, sizeof *items);
    bool *checked = sk_xcalloc(f->n_choices + 1, sizeof *checked);
    for (size_t c = 0; c < f->n_choices; c++) {
        items[c] = forms_choice_label(&f->choices[c]);
        checked[c] = v->is_set && (v->i >> c) & 1;
    }
    if (tui_checklist(app, forms_field_label(f), items, f->n_choices, checked)) {
        int64_t bits = 0;
        for (size_t c = 0; c < f->n_choices; c++)
            if (checked[c])
                bits |= (int64_t)1 << c;
        if (bits)
            forms_value_set_int(v, bits);
        else
            forms_value_clear(v);
        set_error(fm, fm->cur, NULL);
    }
    free(items);
    free(checked);
}

/* Appends the completions of (rk, field) to names[0..*n), skipping ones
 * already there. Returns false with err set. */
static bool
add_completions(struct tui_app *app, struct form_screen *fm, const char *rk, char ***names,
                size_t *n, struct sk_error *err)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    char **more = NULL;
    size_t n_more = 0;
    if (!storage_complete(app->opts->db, rk, fm->kind, f->key, app->opts->school_id,
                          fm->le.buf ? fm->le.buf : "", 50, &more, &n_more, err))
        return false;
    for (size_t k = 0; k < n_more; k++) {
        bool dup = false;
        for (size_t j = 0; j < *n && !dup; j++)
            dup = strcmp((*names)[j], more[k]) == 0;
        if (dup) {
            free(more[k]);
            continue;
        }
        *names = sk_xrealloc(*names, (*n + 1) * sizeof **names);
        (*names)[(*n)++] = more[k];
    }
    free(more);
    return true;
}

static void
complete_field(struct tui_app *app, struct form_screen *fm)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    /* A reference completes from the target's names; a text field that
     * names one (device assigned_to: a staff member or any text) also
     * offers the values already used in it. */
    const char *rk = f->ref_kind && forms_kind_by_key(f->ref_kind) ? f->ref_kind : NULL;
    char **names = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    if (!add_completions(app, fm, rk, &names, &n, &err) ||
        (rk && f->type != FT_REF && !add_completions(app, fm, NULL, &names, &n, &err))) {
        tui_app_message(app, true, "%s", err.msg);
    } else if (n == 0) {
        tui_app_message(app, false, "%s", _("No names match what you typed."));
    } else {
        int i = tui_pick_name(app, forms_field_label(f), rk, (const char *const *)names, n);
        if (i >= 0) {
            forms_le_set(&fm->le, names[i]);
        }
    }
    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
}

/* The memo box hands over its text (idle, or skola being ended): kept
 * aside for a draft only; the field changes when the box is accepted. */
static void
memo_draft(void *ctx, struct tui_app *app, const char *text)
{
    (void)app;
    struct form_screen *fm = ctx;
    free(fm->memo_pending);
    fm->memo_pending = sk_xstrdup(text);
}

static void
edit_memo(struct tui_app *app, struct form_screen *fm)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    char *text = sk_xstrdup(fm->st[fm->cur].text ? fm->st[fm->cur].text : "");
    bool is_kept = tui_memo_edit_draft(app, forms_field_label(f), &text,
                                       (size_t)forms_field_max_len(f), memo_draft, fm);
    free(fm->memo_pending);
    fm->memo_pending = NULL;
    if (is_kept) {
        free(fm->st[fm->cur].text);
        fm->st[fm->cur].text = text;
        parse_field(fm, fm->cur);
    } else {
        free(text);
    }
}

struct validate_ctx {
    struct form_screen *fm;
    size_t n;
    char general[512]; /* a problem not tied to a field */
};

static void
on_invalid(void *ctx, const struct sk_error *e)
{
    struct validate_ctx *vc = ctx;
    int i = e->field ? forms_field_index(vc->fm->kind, e->field) : -1;
    if (i >= 0) {
        if (!vc->fm->st[i].error)
            set_error(vc->fm, (size_t)i, e->msg);
    } else if (!vc->general[0]) {
        snprintf(vc->general, sizeof vc->general, "%s", e->msg);
    }
    vc->n++;
}

static bool
go_first_error(struct tui_app *app, struct form_screen *fm, const char *general)
{
    size_t n = 0, first = SIZE_MAX;
    for (size_t i = 0; i < fm->kind->n_fields; i++)
        if (fm->st[i].error) {
            n++;
            if (first == SIZE_MAX)
                first = i;
        }
    if (first != SIZE_MAX) {
        enter_field(fm, first);
        tui_app_message(app, true,
                        ngettext("Not saved: %zu field needs correcting.",
                                 "Not saved: %zu fields need correcting.", n),
                        n);
        return true;
    }
    if (general && general[0]) {
        tui_app_message(app, true, _("Not saved: %s"), general);
        return true;
    }
    return false;
}

static void
reload_record(struct tui_app *app, struct form_screen *fm)
{
    struct sk_error err = {0};
    if (!storage_record_get(app->opts->db, fm->kind, app->opts->school_id, fm->rec.id, &fm->rec,
                            &err)) {
        tui_app_message(app, true, "%s", err.msg);
        return;
    }
    texts_from_record(fm);
    forms_record_copy(&fm->saved, &fm->rec);
    enter_field(fm, fm->cur);
    tui_app_message(app, false, "%s",
                    _("Reloaded the record as it is now stored; your changes were discarded."));
}

/* Checks everything and stores the record. Returns true when saved. */
static bool
save(struct tui_app *app, struct form_screen *fm)
{
    leave_field(fm);
    /* every problem at once: unreadable values and broken rules (a field
     * keeps the first problem found for it) */
    for (size_t i = 0; i < fm->kind->n_fields; i++)
        parse_field(fm, i);
    if (tui_device_write_off_ask(app, &fm->rec))
        texts_from_record(fm);
    struct validate_ctx vc = {fm, 0, ""};
    forms_record_validate_all(&fm->rec, on_invalid, &vc);
    if (go_first_error(app, fm, vc.general))
        return false;

    if (fm->kind->warn) {
        char doubt[512];
        const char *key = NULL;
        if (fm->kind->warn(&fm->rec, doubt, sizeof doubt, &key) && !tui_confirm(app, doubt)) {
            int w = key ? forms_field_index(fm->kind, key) : -1;
            if (w >= 0)
                enter_field(fm, (size_t)w);
            tui_app_message(app, true, "%s", _("Not saved."));
            return false;
        }
    }
    struct sk_error err = {0};
    bool is_new = fm->rec.id == 0;
    bool ok = is_new ? storage_record_insert(app->opts->db, app->opts->school_id, &fm->rec, &err)
                     : storage_record_update(app->opts->db, app->opts->school_id, &fm->rec, &err);
    if (ok) {
        app->saved_id = fm->rec.id;
        tui_app_message(app, false, "%s", _("Saved."));
        return true;
    }
    if (is_new) {
        fm->rec.id = 0;
        fm->rec.version = 0;
    }
    if (err.code == SK_ECONFLICT) {
        if (tui_confirm(app, _("Not saved: someone else changed this record after you opened "
                               "it. Reload it as it is now? (Your changes will be lost.)")))
            reload_record(app, fm);
        else
            tui_app_message(app, true, "%s",
                            _("Not saved: the record was changed by someone else."));
        return false;
    }
    int i = err.field ? forms_field_index(fm->kind, err.field) : -1;
    if (i >= 0) {
        set_error(fm, (size_t)i, err.msg);
        go_first_error(app, fm, NULL);
    } else {
        tui_app_message(app, true, _("Not saved: %s"), err.msg);
    }
    return false;
}

/* F3: the current field's whole text (as typed so far), wrapped, with its
 * error if any: a value or a message cut to fit the line. */
static void
view_field(struct tui_app *app, struct form_screen *fm)
{
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    char vbuf[4096];
    const char *text = is_text_like(f) && fm->le.buf ? fm->le.buf
                       : f->type == FT_MEMO && fm->st[fm->cur].text
                           ? fm->st[fm->cur].text
                           : show_value(fm, fm->cur, vbuf, sizeof vbuf);
    const char *lines[2] = {text, fm->st[fm->cur].error};
    tui_textbox(app, forms_field_label(f), lines, lines[1] ? 2 : 1);
}

static enum tui_result
form_action(struct tui_screen *s, struct tui_app *app, enum tui_action a)
{
    struct form_screen *fm = (struct form_screen *)s;
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    bool text = is_text_like(f) && editable(fm, fm->cur);
    int op = tui_keys_le_op(a);
    if (text && op >= 0) {
        forms_le_apply(&fm->le, (enum forms_le_op)op);
        return TUI_HANDLED;
    }
    switch (a) {
    case TA_NEXT_FIELD:
        move_field(fm, 1);
        return TUI_HANDLED;
    case TA_PREV_FIELD:
        move_field(fm, -1);
        return TUI_HANDLED;
    case TA_PGUP:
        go_field(fm, 0);
        return TUI_HANDLED;
    case TA_PGDN:
        go_field(fm, fm->kind->n_fields - 1);
        return TUI_HANDLED;
    case TA_LEFT:
    case TA_RIGHT:
        if (!editable(fm, fm->cur))
            return TUI_HANDLED;
        if (f->type == FT_ENUM)
            cycle_enum(fm, a == TA_LEFT ? -1 : 1);
        else if (f->type == FT_BOOL) {
            struct forms_value *v = &fm->rec.values[fm->cur];
            forms_value_set_int(v, !(v->is_set && v->i));
        }
        return TUI_HANDLED;
    case TA_TOGGLE:
        if (!editable(fm, fm->cur))
            return TUI_HANDLED;
        if (text) {
            forms_le_insert(&fm->le, " ", 1);
        } else if (f->type == FT_BOOL) {
            struct forms_value *v = &fm->rec.values[fm->cur];
            forms_value_set_int(v, !(v->is_set && v->i));
        } else if (f->type == FT_ENUM) {
            cycle_enum(fm, 1);
        } else if (f->type == FT_FLAGS) {
            pick_flags(app, fm);
        }
        return TUI_HANDLED;
    case TA_SELECT:
        if (!editable(fm, fm->cur))
            move_field(fm, 1);
        else if (f->type == FT_ENUM)
            pick_enum(app, fm);
        else if (f->type == FT_FLAGS)
            pick_flags(app, fm);
        else if (f->type == FT_MEMO)
            edit_memo(app, fm);
        else if (text && has_completion(f))
            complete_field(app, fm);
        else
            move_field(fm, 1);
        return TUI_HANDLED;
    case TA_VIEW:
        view_field(app, fm);
        return TUI_HANDLED;
    case TA_SAVE:
        return save(app, fm) ? TUI_CLOSE : TUI_HANDLED;
    case TA_BACK:
        leave_field(fm);
        if (form_changed(fm) &&
            !tui_confirm(app, _("Leave without saving? Your changes will be lost.")))
            return TUI_HANDLED;
        return TUI_CLOSE;
    default:
        return TUI_IGNORED;
    }
}

static enum tui_result
form_char(struct tui_screen *s, struct tui_app *app, const char *utf8, size_t n)
{
    struct form_screen *fm = (struct form_screen *)s;
    const struct forms_field *f = &fm->kind->fields[fm->cur];
    if (n == 1 && utf8[0] == 'q' && !(is_text_like(f) && editable(fm, fm->cur)))
        return form_action(s, app, TA_BACK); /* q is no text here: it leaves, as Esc */
    if (!editable(fm, fm->cur))
        return TUI_HANDLED;
    if (is_text_like(f)) {
        if (!forms_le_insert(&fm->le, utf8, n))
            tui_app_message(app, true, "%s", _("The field is full."));
    } else if (f->type == FT_ENUM) {
        /* a letter jumps to the next choice starting with it */
        char want[16], have[16], typed[8];
        size_t k = n < 7 ? n : 7;
        memcpy(typed, utf8, k);
        typed[k] = '\0';
        forms_fold(typed, want, sizeof want);
        struct forms_value *v = &fm->rec.values[fm->cur];
        size_t start = v->is_set ? (size_t)v->i + 1 : 0;
        for (size_t j = 0; j < f->n_choices && want[0]; j++) {
            size_t c = (start + j) % f->n_choices;
            forms_fold(forms_choice_label(&f->choices[c]), have, sizeof have);
            if (have[0] == want[0]) {
                forms_value_set_int(v, (int64_t)c);
                break;
            }
        }
    }
    return TUI_HANDLED;
}

/* skola is being ended (SIGTERM, SIGHUP): the unsaved texts, as typed,
 * go to a draft file that is offered when the record is opened again. */
static void
form_terminate(struct tui_screen *s, struct tui_app *app)
{
    struct form_screen *fm = (struct form_screen *)s;
    const struct forms_kind *k = fm->kind;
    bool is_memo_open =
        fm->memo_pending &&
        strcmp(fm->memo_pending, fm->st[fm->cur].text ? fm->st[fm->cur].text : "") != 0;
    if (!form_changed(fm) && !is_memo_open)
        return;
    char **texts = sk_xcalloc(k->n_fields + 1, sizeof *texts);
    for (size_t i = 0; i < k->n_fields; i++) {
        const struct forms_field *f = &k->fields[i];
        char buf[600];
        if (i == fm->cur && is_text_like(f))
            texts[i] = sk_xstrdup(fm->le.buf ? fm->le.buf : "");
        else if (i == fm->cur && f->type == FT_MEMO && fm->memo_pending)
            texts[i] = sk_xstrdup(fm->memo_pending);
        else if (is_text_like(f) || f->type == FT_MEMO)
            texts[i] = sk_xstrdup(fm->st[i].text ? fm->st[i].text : "");
        else if (editable(fm, i))
            texts[i] =
                sk_xstrdup(forms_value_format(f, &fm->rec.values[i], FS_CSV, buf, sizeof buf));
    }
    tui_draft_keep(app, k, fm->rec.id, fm->rec.version, texts);
}

/* Just opened: offers the changes kept by form_terminate, if any. */
static void
form_offer_draft(struct tui_screen *s, struct tui_app *app)
{
    struct form_screen *fm = (struct form_screen *)s;
    const struct forms_kind *k = fm->kind;
    struct tui_draft d;
    if (!tui_draft_offer(app, k, fm->rec.id, fm->rec.version, &d))
        return;
    for (size_t i = 0; i < k->n_fields; i++) {
        const struct forms_field *f = &k->fields[i];
        if (!d.texts[i] || !editable(fm, i))
            continue;
        if (is_text_like(f) || f->type == FT_MEMO) {
            free(fm->st[i].text);
            fm->st[i].text = sk_xstrdup(d.texts[i]);
            parse_field(fm, i);
        } else {
            struct sk_error err = {0};
            struct forms_value v = {0};
            if (forms_value_parse(f, d.texts[i], &v, &err))
                forms_value_copy(&fm->rec.values[i], &v);
            forms_value_free(&v);
        }
    }
    /* a record changed by someone else since: saving says so */
    if (fm->rec.id != 0)
        fm->rec.version = d.version;
    enter_field(fm, fm->cur);
    tui_draft_fini(&d);
}

static void
form_close(struct tui_screen *s)
{
    struct form_screen *fm = (struct form_screen *)s;
    free(fm->memo_pending);
    for (size_t i = 0; i < fm->kind->n_fields; i++) {
        free(fm->st[i].text);
        free(fm->st[i].error);
    }
    free(fm->st);
    forms_le_fini(&fm->le);
    forms_record_fini(&fm->rec);
    forms_record_fini(&fm->saved);
    free(fm);
}

static const struct tui_screen_ops form_ops = {
    .draw = form_draw,
    .on_action = form_action,
    .on_char = form_char,
    .close = form_close,
    .on_terminate = form_terminate,
    .offer_draft = form_offer_draft,
};

struct tui_screen *
tui_form_new(struct tui_app *app, const struct forms_record *rec)
{
    (void)app;
    struct form_screen *fm = sk_xcalloc(1, sizeof *fm);
    fm->base.ops = &form_ops;
    fm->base.keys = &tui_keys_form;
    fm->kind = rec->kind;
    forms_record_init(&fm->rec, rec->kind);
    forms_record_copy(&fm->rec, rec);
    forms_record_init(&fm->saved, rec->kind);
    forms_record_copy(&fm->saved, rec);
    fm->st = sk_xcalloc(fm->kind->n_fields, sizeof *fm->st);
    forms_le_init(&fm->le, "", 0);
    texts_from_record(fm);
    size_t first = 0;
    while (first + 1 < fm->kind->n_fields && !editable(fm, first))
        first++;
    enter_field(fm, first);
    return &fm->base;
}
