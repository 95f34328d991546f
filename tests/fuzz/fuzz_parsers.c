/* fuzz_parsers.c — the value parsers of forms/ on hostile text: dates,
 * numbers (integer, FTE, money), enums, flag sets, booleans and texts of
 * every field of every kind, plus the UTF-8 helpers and the line editor.
 * Byte 0 picks the field; the rest is the text. A value that parses must
 * format (CSV and Excel style) to text that parses back to the same value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms.h"

static const struct forms_field *
pick_field(unsigned n)
{
    size_t total = 0;
    for (size_t k = 0; k < forms_n_kinds; k++)
        total += forms_kinds[k]->n_fields;
    if (total == 0)
        abort();
    n %= (unsigned)total;
    for (size_t k = 0; k < forms_n_kinds; k++) {
        if (n < forms_kinds[k]->n_fields)
            return &forms_kinds[k]->fields[n];
        n -= (unsigned)forms_kinds[k]->n_fields;
    }
    return NULL;
}

static void
round_trip(const struct forms_field *f, const struct forms_value *v, enum forms_style style)
{
    char buf[1024];
    const char *text = forms_value_format(f, v, style, buf, sizeof buf);
    struct forms_value back = {0};
    struct sk_error err = {0};
    if (!forms_value_parse(f, text, &back, &err))
        abort(); /* we wrote something we cannot read */
    if (f->type != FT_REF && !forms_value_equal(f, v, &back))
        abort();
    forms_value_free(&back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    size_t n = strlen(text);

    const struct forms_field *f = pick_field(data[0]);
    struct forms_value v = {0};
    struct sk_error err = {0};
    if (forms_value_parse(f, text, &v, &err) && v.is_set) {
        /* texts keep what they were given; formatting trims nothing */
        if (f->type != FT_TEXT && f->type != FT_MEMO) {
            round_trip(f, &v, FS_CSV);
            round_trip(f, &v, FS_EXCEL);
        }
        char buf[1024];
        (void)forms_value_format(f, &v, FS_DISPLAY, buf, sizeof buf);
    }
    forms_value_free(&v);

    sk_date day;
    if (sk_date_parse(text, &day)) {
        char iso[16];
        sk_date_format(day, true, iso);
        sk_date back;
        if (!sk_date_parse(iso, &back) || back != day)
            abort();
        (void)sk_date_school_year(day);
        (void)sk_date_add_months(day, (int)(data[0] % 25) - 12);
    }

    if (forms_utf8_valid(text, n)) {
        (void)forms_utf8_width(text);
        (void)forms_utf8_len(text);
        (void)forms_utf8_prefix_for_width(text, data[0] % 40);
        char folded[256];
        (void)forms_fold(text, folded, sizeof folded);
        (void)forms_collate(text, n, folded, strlen(folded));
        (void)forms_looks_like_full_name(text);
        struct forms_lineedit le;
        forms_le_init(&le, text, data[0] % 2 ? 0 : 50);
        le.multiline = data[0] & 4;
        for (size_t i = 0, steps = 0; i < n && steps < 64; steps++) {
            unsigned char c = (unsigned char)text[i];
            size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
            if (c < 16)
                forms_le_apply(&le, (enum forms_le_op)(c % (LE_DEL_WORD + 1)));
            else
                forms_le_insert(&le, text + i, len);
            (void)forms_le_cursor_col(&le);
            i += len;
        }
        forms_le_fini(&le);
    }
    free(text);
    return 0;
}
