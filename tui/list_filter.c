/* Field filters of a list (`f` picks a field, then a value, a range or
 * "empty"; `F` clears them) and the remembered view of a list (sort and
 * filters per OS login, stored with storage_view_*). The SQL is storage's
 * (struct storage_cond); here are the questions and the title. */
#include "tui/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
cond_free(struct storage_cond *c)
{
    forms_value_free(&c->lo);
    forms_value_free(&c->hi);
    memset(c, 0, sizeof *c);
}

void
tui_filters_clear(struct tui_list_filters *fl)
{
    for (size_t i = 0; i < fl->n; i++)
        cond_free(&fl->conds[i]);
    fl->n = 0;
}

static void
cond_remove(struct tui_list_filters *fl, size_t i)
{
    cond_free(&fl->conds[i]);
    memmove(&fl->conds[i], &fl->conds[i + 1], (fl->n - i - 1) * sizeof fl->conds[0]);
    fl->n--;
    memset(&fl->conds[fl->n], 0, sizeof fl->conds[0]);
}

/* Puts c in place of the field's filter, or at the end (takes c's values). */
static void
cond_set(struct tui_list_filters *fl, struct storage_cond *c)
{
    for (size_t i = 0; i < fl->n; i++)
        if (fl->conds[i].field == c->field) {
            cond_free(&fl->conds[i]);
            fl->conds[i] = *c;
            return;
        }
    if (fl->n == TUI_MAX_CONDS) {
        cond_free(c);
        return;
    }
    fl->conds[fl->n++] = *c;
}

static bool
is_range_type(enum forms_type t)
{
    return t == FT_DATE || t == FT_INT || t == FT_DEC3 || t == FT_MONEY;
}

/* Reads one bound of a range: false when cancelled; an empty answer leaves
 * v unset (no bound). */
static bool
ask_bound(struct tui_app *app, const struct forms_field *f, const char *label,
          struct forms_value *v)
{
    for (;;) {
        char *text = tui_prompt(app, label, "", NULL, NULL, NULL);
        if (!text)
            return false;
        struct sk_error err = {0};
        forms_value_clear(v);
        bool ok = !*text || forms_value_parse(f, text, v, &err);
        free(text);
        if (ok)
            return true;
        tui_app_message(app, true, "%s", err.msg);
    }
}

/* Asks what to filter field fi by; false when cancelled (or removed: *removed). */
static bool
ask_cond(struct tui_app *app, const struct forms_kind *kind, int fi, bool has_cond,
         struct storage_cond *c, bool *removed)
{
    const struct forms_field *f = &kind->fields[fi];
    char title[256];
    snprintf(title, sizeof title, _("Show records whose “%s” is"), forms_field_label(f));
    const char *items[80];
    size_t n = 0, n_values = 0;
    const char *yes_no[2] = {_("Yes"), _("No")};
    if (f->type == FT_ENUM || f->type == FT_FLAGS) {
        for (size_t i = 0; i < f->n_choices && n < 64; i++)
            items[n++] = forms_choice_label(&f->choices[i]);
    } else if (f->type == FT_BOOL) {
        items[n++] = yes_no[0];
        items[n++] = yes_no[1];
    } else if (is_range_type(f->type)) {
        items[n++] = _("in a range (from … to …)");
    } else {
        items[n++] = _("a value…");
    }
    n_values = n;
    size_t i_empty = n;
    items[n++] = _("empty");
    size_t i_remove = has_cond ? n : (size_t)-1;
    if (has_cond)
        items[n++] = _("(remove this filter)");
    int pick = tui_pick(app, title, items, n, 0);
    if (pick < 0)
        return false;
    *c = (struct storage_cond){.field = fi};
    if ((size_t)pick == i_remove) {
        *removed = true;
        return false;
    }
    if ((size_t)pick == i_empty) {
        c->op = SC_EMPTY;
        return true;
    }
    (void)n_values;
    if (f->type == FT_ENUM) {
        c->op = SC_EQ;
        forms_value_set_int(&c->lo, pick);
        return true;
    }
    if (f->type == FT_FLAGS) {
        c->op = SC_EQ;
        forms_value_set_int(&c->lo, INT64_C(1) << pick);
        return true;
    }
    if (f->type == FT_BOOL) {
        c->op = SC_EQ;
        forms_value_set_int(&c->lo, pick == 0 ? 1 : 0);
        return true;
    }
    if (is_range_type(f->type)) {
        c->op = SC_RANGE;
        char label[300];
        snprintf(label, sizeof label, _("%s from (empty: no lower limit):"), forms_field_label(f));
        if (!ask_bound(app, f, label, &c->lo))
            return false;
        snprintf(label, sizeof label, _("%s to (empty: no upper limit):"), forms_field_label(f));
        if (!ask_bound(app, f, label, &c->hi)) {
            cond_free(c);
            return false;
        }
        if (!c->lo.is_set && !c->hi.is_set) {
            cond_free(c);
            return false;
        }
        return true;
    }
    c->op = SC_EQ;
    char label[300];
    snprintf(label, sizeof label, "%s:", forms_field_label(f));
    for (;;) {
        char *text = tui_prompt(app, label, "", NULL, NULL, NULL);
        if (!text)
            return false;
        struct sk_error err = {0};
        bool ok = *text && forms_value_parse(f, text, &c->lo, &err);
        free(text);
        if (ok && c->lo.is_set)
            return true;
        if (err.msg[0])
            tui_app_message(app, true, "%s", err.msg);
        else
            return false;
    }
}

enum tui_filters_change
tui_filters_ask(struct tui_app *app, const struct forms_kind *kind, struct tui_list_filters *fl,
                bool has_text_filter)
{
    int idx[128];
    const char *items[130];
    size_t n = 0;
    for (size_t i = 0; i < kind->n_fields && n < SK_ARRAY_LEN(idx); i++) {
        if (kind->fields[i].flags & FF_ROWS)
            continue;
        idx[n] = (int)i;
        items[n++] = forms_field_label(&kind->fields[i]);
    }
    size_t i_clear = (size_t)-1;
    if (fl->n > 0 || has_text_filter) {
        i_clear = n;
        items[n++] = _("(clear all filters)");
    }
    int pick = tui_pick(app, _("Filter by which field?"), items, n, 0);
    if (pick < 0)
        return TF_UNCHANGED;
    if ((size_t)pick == i_clear) {
        tui_filters_clear(fl);
        return TF_CLEAR_ALL;
    }
    int fi = idx[pick];
    bool has = false;
    for (size_t i = 0; i < fl->n; i++)
        has = has || fl->conds[i].field == fi;
    struct storage_cond c = {0};
    bool removed = false;
    if (!ask_cond(app, kind, fi, has, &c, &removed)) {
        if (!removed)
            return TF_UNCHANGED;
        for (size_t i = 0; i < fl->n; i++)
            if (fl->conds[i].field == fi) {
                cond_remove(fl, i);
                break;
            }
        return TF_CHANGED;
    }
    cond_set(fl, &c);
    return TF_CHANGED;
}

void
tui_filters_title(const struct forms_kind *kind, const struct tui_list_filters *fl, char *buf,
                  size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < fl->n && len < cap; i++) {
        const struct storage_cond *c = &fl->conds[i];
        const struct forms_field *f = &kind->fields[c->field];
        char a[512], b[512], part[1200];
        const char *lo = c->lo.is_set ? forms_value_format(f, &c->lo, FS_DISPLAY, a, sizeof a) : "";
        const char *hi = c->hi.is_set ? forms_value_format(f, &c->hi, FS_DISPLAY, b, sizeof b) : "";
        switch (c->op) {
        case SC_EMPTY:
            snprintf(part, sizeof part, _("%s: empty"), forms_field_label(f));
            break;
        case SC_EQ:
            snprintf(part, sizeof part, "%s: %s", forms_field_label(f), lo);
            break;
        case SC_RANGE:
            if (c->lo.is_set && c->hi.is_set)
                snprintf(part, sizeof part, "%s %s–%s", forms_field_label(f), lo, hi);
            else if (c->lo.is_set)
                snprintf(part, sizeof part, "%s ≥ %s", forms_field_label(f), lo);
            else
                snprintf(part, sizeof part, "%s ≤ %s", forms_field_label(f), hi);
            break;
        }
        char safe[1200];
        tui_sanitize(part, safe, sizeof safe, false);
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? " · " : "", safe);
    }
}

/* ------------------------------------------------------ remembered view */

/* Appends s with '%', tab and line breaks as %XX. */
static void
add_escaped(struct sk_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '%' || *s == '\t' || *s == '\n' || *s == '\r')
            sk_buf_addf(b, "%%%02X", (unsigned)(unsigned char)*s);
        else
            sk_buf_add(b, s, 1);
    }
}

/* The value of a hex digit, or -1. */
static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void
unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        int hi = *r == '%' && r[1] ? hex_digit(r[1]) : -1;
        int lo = hi >= 0 && r[2] ? hex_digit(r[2]) : -1;
        if (lo >= 0) {
            *w++ = (char)(hi * 16 + lo);
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static const char *const op_names[] = {"eq", "range", "empty"};

char *
tui_view_encode(const struct forms_kind *kind, char sort_tag, const char *sort_key,
                bool is_reversed, const char *filter, const struct tui_list_filters *fl)
{
    struct sk_buf b = {0};
    sk_buf_adds(&b, "skola-view 1\n");
    if (sort_tag && sort_key) {
        sk_buf_addf(&b, "sort\t%c\t", sort_tag);
        add_escaped(&b, sort_key);
        sk_buf_addf(&b, "\t%d\n", is_reversed ? 1 : 0);
    }
    if (filter && *filter) {
        sk_buf_adds(&b, "filter\t");
        add_escaped(&b, filter);
        sk_buf_adds(&b, "\n");
    }
    for (size_t i = 0; i < fl->n; i++) {
        const struct storage_cond *c = &fl->conds[i];
        const struct forms_field *f = &kind->fields[c->field];
        char a[512], z[512];
        sk_buf_addf(&b, "cond\t%s\t%s\t", f->key, op_names[c->op]);
        add_escaped(&b, c->lo.is_set ? forms_value_format(f, &c->lo, FS_CSV, a, sizeof a) : "");
        sk_buf_adds(&b, "\t");
        add_escaped(&b, c->hi.is_set ? forms_value_format(f, &c->hi, FS_CSV, z, sizeof z) : "");
        sk_buf_adds(&b, "\n");
    }
    return b.s;
}

/* Splits line at tabs into at most n parts (unescaped); returns the count. */
static size_t
split(char *line, char **parts, size_t n)
{
    size_t k = 0;
    char *p = line;
    while (k < n) {
        parts[k++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    for (size_t i = 0; i < k; i++)
        unescape(parts[i]);
    return k;
}

void
tui_view_decode(const struct forms_kind *kind, const char *state, char *sort_tag, char *sort_key,
                size_t key_cap, bool *is_reversed, char **filter, struct tui_list_filters *fl)
{
    *sort_tag = 0;
    *filter = NULL;
    if (!state || strncmp(state, "skola-view 1\n", 13) != 0)
        return;
    char *copy = sk_xstrdup(state + 13);
    for (char *line = copy, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *p[5];
        size_t n = split(line, p, 5);
        if (n == 4 && strcmp(p[0], "sort") == 0 && (p[1][0] == 'f' || p[1][0] == 'h')) {
            *sort_tag = p[1][0];
            snprintf(sort_key, key_cap, "%s", p[2]);
            *is_reversed = strcmp(p[3], "1") == 0;
        } else if (n == 2 && strcmp(p[0], "filter") == 0) {
            free(*filter);
            *filter = sk_xstrdup(p[1]);
        } else if (n == 5 && strcmp(p[0], "cond") == 0 && fl->n < TUI_MAX_CONDS) {
            int fi = forms_field_index(kind, p[1]);
            if (fi < 0 || (kind->fields[fi].flags & FF_ROWS))
                continue; /* a field that is gone */
            struct storage_cond c = {.field = fi, .op = SC_EMPTY};
            size_t op = 0;
            while (op < SK_ARRAY_LEN(op_names) && strcmp(op_names[op], p[2]) != 0)
                op++;
            if (op == SK_ARRAY_LEN(op_names))
                continue;
            c.op = (enum storage_cond_op)op;
            struct sk_error err = {0};
            const struct forms_field *f = &kind->fields[fi];
            bool ok = (!*p[3] || forms_value_parse(f, p[3], &c.lo, &err)) &&
                      (!*p[4] || forms_value_parse(f, p[4], &c.hi, &err));
            if (ok && (c.op == SC_EMPTY || c.lo.is_set || c.hi.is_set))
                cond_set(fl, &c);
            else
                cond_free(&c);
        }
    }
    free(copy);
}
