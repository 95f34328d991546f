/* Forgiving cell conversion for imports (core/csv_import.c calls these
 * before and after forms_value_parse): numbers written with thousands
 * separators, and a choice that is not one named by the closest one. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Digits (and a leading sign) only between start and end. */
static size_t
count_digits(const char *s, size_t n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += s[i] >= '0' && s[i] <= '9';
    return d;
}

int
core_cell_number(const struct forms_field *f, const char *text, char *out, size_t cap,
                 struct sk_error *err)
{
    if (f->type != FT_MONEY && f->type != FT_DEC3 && f->type != FT_INT)
        return 0;
    size_t n = strlen(text);
    const char *comma = strchr(text, ','), *point = strchr(text, '.');
    const char *last_comma = strrchr(text, ','), *last_point = strrchr(text, '.');
    if (n + 1 > cap)
        return 0;
    if (comma && point) {
        /* both: the later one is the decimal separator, the other groups
         * digits ("1,099.00", "1.099,00") */
        char group = last_comma > last_point ? '.' : ',';
        const char *dec = last_comma > last_point ? last_comma : last_point;
        if (strchr(dec, group))
            return 0; /* a group separator after the decimal one: not a number */
        memcpy(out, text, n + 1);
        for (char *p = out; *p; p++)
            if (*p == group)
                *p = ' '; /* forms_value_parse checks the groups of three */
        return 1;
    }
    const char *sep = comma ? comma : point;
    if (!sep)
        return 0;
    const char *last = comma ? last_comma : last_point;
    if (sep != last) {
        /* the same separator twice: it groups digits ("1,099,000") */
        memcpy(out, text, n + 1);
        for (char *p = out; *p; p++)
            if (*p == *sep)
                *p = ' ';
        return 1;
    }
    /* One separator before exactly three digits, with one to three digits
     * (and nothing else) before it: a thousand or a decimal? Quantities of
     * three decimals (FTE) are read as decimals. */
    size_t before = (size_t)(sep - text), after = n - before - 1;
    size_t lead = text[0] == '-' || text[0] == '+' ? 1 : 0;
    if (f->type == FT_DEC3 || after != 3 || count_digits(sep + 1, 3) != 3 || before <= lead ||
        before - lead > 3 || count_digits(text + lead, before - lead) != before - lead)
        return 0;
    if (before - lead == 1 && text[lead] == '0')
        return 0; /* "0,500" is no thousand */
    char whole[64];
    snprintf(whole, sizeof whole, "%.*s%s", (int)before, text, sep + 1);
    sk_fail(err, SK_EINVAL,
            _("“%s” is ambiguous: is “%c” a thousands separator or the decimal one? Write %s "
              "for the whole number, or give the decimals without thousands separators"),
            SK_QUOTE(text), *sep, whole);
    return -1;
}

/* How a choice is named to the user: its label in Latvian, its key otherwise
 * (the English CSV formats write keys). */
static const char *
choice_name(const struct forms_choice *c)
{
    return forms_lang_is_lv() ? c->label_lv : c->key;
}

void
core_cell_choice_error(const struct forms_field *f, const char *text, struct sk_error *err)
{
    char want[256], cand[256];
    forms_fold(text, want, sizeof want);
    size_t best = (size_t)-1, at = 0;
    for (size_t i = 0; i < f->n_choices; i++) {
        const char *names[] = {f->choices[i].key, f->choices[i].label_lv, f->choices[i].label_en};
        for (size_t k = 0; k < SK_ARRAY_LEN(names); k++) {
            forms_fold(names[k], cand, sizeof cand);
            size_t d = forms_edit_distance(want, cand);
            if (d < best) {
                best = d;
                at = i;
            }
        }
    }
    size_t len = strlen(want);
    if (f->n_choices && best <= (len > 6 ? len / 3 : 2)) {
        sk_fail(err, SK_EINVAL, _("“%s” is not a valid value; did you mean “%s”?"), SK_QUOTE(text),
                choice_name(&f->choices[at]));
        return;
    }
    struct sk_buf all = {0};
    for (size_t i = 0; i < f->n_choices; i++) {
        if (i)
            sk_buf_adds(&all, ", ");
        sk_buf_adds(&all, choice_name(&f->choices[i]));
    }
    sk_fail(err, SK_EINVAL, _("“%s” is not a valid value; choose one of: %s"), SK_QUOTE(text),
            all.s ? all.s : "");
    sk_buf_free(&all);
}
