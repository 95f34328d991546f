/* The text the list filter searches in, from the descriptor: every text,
 * multi-line and reference field of the record (a serial number, a
 * supplier, the person a laptop is assigned to, an observer's name, the
 * comments of a sheet) and every other field shown as a list column, in all
 * the spellings a user may type. storage/ folds it into the `search` column. */
#include "forms/forms.h"

#include <string.h>

static void
add_word(struct sk_buf *b, const char *s)
{
    if (!s || !*s)
        return;
    if (b->len > 0)
        sk_buf_add(b, " ", 1);
    sk_buf_adds(b, s);
}

static void
add_choice(struct sk_buf *b, const struct forms_choice *c)
{
    add_word(b, c->key);
    add_word(b, c->label_lv);
    add_word(b, c->label_en);
}

bool
forms_field_is_searched(const struct forms_field *f)
{
    if (f->flags & (FF_ROWS | FF_NO_SEARCH))
        return false;
    switch (f->type) {
    case FT_TEXT:
    case FT_MEMO:
    case FT_REF:
        return true;
    default:
        return (f->flags & FF_LIST) != 0;
    }
}

void
forms_search_text(const struct forms_record *rec, struct sk_buf *b)
{
    const struct forms_kind *kind = rec->kind;
    sk_buf_reset(b);
    sk_buf_add(b, "", 0);
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        const struct forms_value *v = &rec->values[i];
        if (!forms_field_is_searched(f) || !v->is_set)
            continue;
        char csv[512], excel[512];
        switch (f->type) {
        case FT_TEXT:
        case FT_MEMO:
        case FT_REF:
            add_word(b, v->s);
            break;
        case FT_ENUM:
            if (v->i >= 0 && (size_t)v->i < f->n_choices)
                add_choice(b, &f->choices[v->i]);
            break;
        case FT_FLAGS:
            for (size_t c = 0; c < f->n_choices && c < 63; c++)
                if (v->i & (INT64_C(1) << c))
                    add_choice(b, &f->choices[c]);
            break;
        default: {
            const char *a = forms_value_format(f, v, FS_CSV, csv, sizeof csv);
            const char *e = forms_value_format(f, v, FS_EXCEL, excel, sizeof excel);
            add_word(b, a);
            if (strcmp(a, e) != 0)
                add_word(b, e);
            break;
        }
        }
    }
}
