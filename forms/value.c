/* Labels, values and records: turning user and CSV text into typed values,
 * back into text, and checking them against their descriptors. */
#include "forms/forms.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/internal.h"

/* Room for a folded label or header; longer text is compared truncated,
 * which cannot make it equal to a (shorter) label. */
enum { FOLD_CAP = 512 };
/* Offending text is quoted in messages up to this many bytes. */
enum { QUOTE_MAX = 60 };

/* ---------------------------------------------------------------- labels */

const char *
forms_lang(void)
{
    /* The Latvian catalogue translates this msgid to "lv"; without a
     * catalogue gettext hands the msgid back. */
    const char *t = C_("language code", "en");
    return strcmp(t, "lv") == 0 ? "lv" : "en";
}

static const char *
pick_label(const char *lv, const char *en)
{
    if (forms_lang_is_lv())
        return lv ? lv : en;
    return en ? en : lv;
}

const char *
forms_field_label(const struct forms_field *f)
{
    return pick_label(f->label_lv, f->label_en);
}

const char *
forms_kind_label(const struct forms_kind *k)
{
    return pick_label(k->label_lv, k->label_en);
}

const char *
forms_choice_label(const struct forms_choice *c)
{
    return pick_label(c->label_lv, c->label_en);
}

static bool
is_space_at(const char *s, size_t *len)
{
    unsigned char c = (unsigned char)*s;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        *len = 1;
        return true;
    }
    /* NBSP U+00A0 and narrow NBSP U+202F (Excel's thousands separators) */
    if (c == 0xC2 && (unsigned char)s[1] == 0xA0) {
        *len = 2;
        return true;
    }
    if (c == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF) {
        *len = 3;
        return true;
    }
    return false;
}

/* Trims white space at both ends: returns the start and sets *n. */
static const char *
trim(const char *s, size_t n, size_t *out_n)
{
    size_t k;
    while (n > 0 && is_space_at(s, &k) && k <= n) {
        s += k;
        n -= k;
    }
    for (;;) {
        if (n >= 1 && strchr(" \t\n\r\v\f", s[n - 1]) && s[n - 1] != '\0')
            n--;
        else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
            n -= 2;
        else if (n >= 3 && memcmp(s + n - 3, "\xE2\x80\xAF", 3) == 0)
            n -= 3;
        else
            break;
    }
    *out_n = n;
    return s;
}

/* Folds n bytes of s (trimmed) into out[FOLD_CAP]. */
static void
fold_n(const char *s, size_t n, char *out)
{
    char tmp[FOLD_CAP];
    size_t tn;
    const char *t = trim(s, n, &tn);
    if (tn >= sizeof tmp)
        tn = sizeof tmp - 1;
    memcpy(tmp, t, tn);
    tmp[tn] = '\0';
    forms_fold(tmp, out, FOLD_CAP);
}

static bool
folded_equals(const char *folded, const char *label)
{
    if (!label)
        return false;
    char f[FOLD_CAP];
    fold_n(label, strlen(label), f);
    return strcmp(folded, f) == 0;
}

int
forms_field_match(const struct forms_kind *kind, const char *header)
{
    char h[FOLD_CAP];
    fold_n(header, strlen(header), h);
    if (!h[0])
        return -1;
    /* Keys first: a key must win over another field's label. */
    for (size_t i = 0; i < kind->n_fields; i++)
        if (folded_equals(h, kind->fields[i].key))
            return (int)i;
    for (size_t i = 0; i < kind->n_fields; i++) {
        const struct forms_field *f = &kind->fields[i];
        if (folded_equals(h, f->label_lv) || folded_equals(h, f->label_en))
            return (int)i;
    }
    return -1;
}

static int
choice_match_n(const struct forms_field *f, const char *text, size_t n)
{
    char t[FOLD_CAP];
    fold_n(text, n, t);
    if (!t[0])
        return -1;
    for (size_t i = 0; i < f->n_choices; i++)
        if (folded_equals(t, f->choices[i].key))
            return (int)i;
    for (size_t i = 0; i < f->n_choices; i++) {
        const struct forms_choice *c = &f->choices[i];
        if (folded_equals(t, c->label_lv) || folded_equals(t, c->label_en))
            return (int)i;
    }
    return -1;
}

int
forms_choice_match(const struct forms_field *f, const char *text)
{
    return choice_match_n(f, text, strlen(text));
}

int
forms_field_max_len(const struct forms_field *f)
{
    if (f->max_len > 0)
        return f->max_len;
    return f->type == FT_MEMO ? 4000 : 200;
}

/* ---------------------------------------------------------------- values */

void
forms_value_set_text(struct forms_value *v, const char *s, size_t n)
{
    if (!v->s || v->cap < n + 1) {
        size_t cap = v->cap ? v->cap : 16;
        while (cap < n + 1)
            cap *= 2;
        /* `s` may point into v->s: copy before releasing it. */
        char *p = sk_xmalloc(cap);
        memcpy(p, s, n);
        free(v->s);
        v->s = p;
        v->cap = cap;
    } else {
        memmove(v->s, s, n);
    }
    v->s[n] = '\0';
    v->is_set = true;
}

void
forms_value_set_int(struct forms_value *v, int64_t i)
{
    v->i = i;
    v->is_set = true;
}

void
forms_value_clear(struct forms_value *v)
{
    v->is_set = false;
    v->i = 0;
    if (v->s)
        v->s[0] = '\0';
}

void
forms_value_free(struct forms_value *v)
{
    if (!v)
        return;
    free(v->s);
    v->s = NULL;
    v->cap = 0;
    v->i = 0;
    v->is_set = false;
}

void
forms_value_copy(struct forms_value *dst, const struct forms_value *src)
{
    if (dst == src)
        return;
    if (src->s)
        forms_value_set_text(dst, src->s, strlen(src->s));
    else if (dst->s)
        dst->s[0] = '\0';
    dst->i = src->i;
    dst->is_set = src->is_set;
}

static bool
is_text_type(enum forms_type t)
{
    return t == FT_TEXT || t == FT_MEMO;
}

bool
forms_value_equal(const struct forms_field *f, const struct forms_value *a,
                  const struct forms_value *b)
{
    if (a->is_set != b->is_set)
        return false;
    if (!a->is_set)
        return true;
    const char *sa = a->s ? a->s : "", *sb = b->s ? b->s : "";
    if (is_text_type(f->type))
        return strcmp(sa, sb) == 0;
    if (f->type == FT_REF) {
        /* Resolved references compare by row, unresolved ones by name. */
        if (a->i != 0 && b->i != 0)
            return a->i == b->i;
        return a->i == b->i && strcmp(sa, sb) == 0;
    }
    return a->i == b->i;
}

/* Quotes text for a message (sk_quoten: escapes, cut after about QUOTE_MAX
 * bytes). */
static const char *
quote(const char *s, size_t n, char *buf, size_t cap)
{
    return sk_quoten(s, n, buf, cap < QUOTE_MAX + 4 ? cap : QUOTE_MAX + 4);
}

static bool field_fail(const struct forms_field *f, struct sk_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* sk_fail for one field: the message plus err->field. */
static bool
field_fail(const struct forms_field *f, struct sk_error *err, const char *fmt, ...)
{
    if (!err)
        return false;
    err->code = SK_EINVAL;
    err->field = f->key;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return false;
}

/* Keys of the choices joined by ", " for a message. */
static void
choice_list(const struct forms_field *f, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < f->n_choices; i++) {
        int k = snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", f->choices[i].key);
        if (k < 0 || (size_t)k >= cap - len) {
            buf[len] = '\0';
            break;
        }
        len += (size_t)k;
    }
}

bool
forms_utf8_is_invisible(int32_t cp)
{
    if (cp == 0xFEFF || cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x180E ||
        (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069))
        return true;
    /* Also every default-ignorable code point (variation selectors, tag
     * characters, the Hangul fillers, the Khitan filler), the line and
     * paragraph separators and the blank braille pattern, which all look
     * like nothing, and every format character (category Cf: interlinear
     * annotation, Egyptian hieroglyph format controls, Arabic number signs,
     * the Syriac abbreviation mark...), which no key or name needs. */
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0000 && cp <= 0xE0FFF) || cp == 0x3164 ||
           cp == 0x115F || cp == 0x1160 || cp == 0xFFA0 || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x2800 || cp == 0x16FE4 || forms_utf8_is_ignorable(cp) || forms_utf8_is_format(cp);
}

bool
forms_text_check(const char *s, size_t n, bool multi_line, bool is_key, struct sk_error *err)
{
    if (!forms_utf8_valid(s, n))
        return sk_fail(err, SK_EINVAL, "%s", _("is not valid UTF-8 text"));
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        i += forms_utf8_decode(s + i, n - i, &cp);
        if (forms_utf8_is_control(cp)) {
            if (multi_line && (cp == '\n' || cp == '\t'))
                continue;
            if (cp == '\n')
                return sk_fail(err, SK_EINVAL, "%s", _("must be a single line"));
            return sk_fail(err, SK_EINVAL, _("contains the control character U+%04X; remove it"),
                           (unsigned)cp);
        }
        if (!multi_line && (cp == 0x2028 || cp == 0x2029))
            return sk_fail(err, SK_EINVAL, "%s", _("must be a single line"));
        if (is_key && forms_utf8_is_invisible(cp))
            return sk_fail(err, SK_EINVAL,
                           _("contains the invisible character U+%04X, which would make it "
                             "differ from the same text without it; remove it"),
                           (unsigned)cp);
    }
    return true;
}

/* Checks text of a text-like field: UTF-8, control characters, invisible
 * characters in keys and names (natural-key, unique and reference fields,
 * and text fields naming another record), length. */
static bool
is_key_field(const struct forms_field *f)
{
    return f->type == FT_REF || f->ref_kind || (f->flags & (FF_NATKEY | FF_UNIQUE));
}

static bool
check_text(const struct forms_field *f, const char *s, struct sk_error *err)
{
    size_t n = strlen(s);
    bool is_key = is_key_field(f);
    struct sk_error e = {0};
    if (!forms_text_check(s, n, f->type == FT_MEMO, is_key, &e))
        return field_fail(f, err, "%s", e.msg);
    size_t count = forms_utf8_len(s);
    int max = forms_field_max_len(f);
    if (count > (size_t)max)
        return field_fail(f, err, _("is longer than %d characters"), max);
    return true;
}

/* Parses a decimal number with `scale` decimal places into an integer of
 * that scale (12,50 at scale 2 -> 1250). Accepts a decimal comma or point,
 * and spaces (also NBSP) between groups of three digits. Refuses more
 * decimals than `scale` rather than rounding: money and FTE must be exact.
 * Whole numbers (scale 0) take no decimal separator at all, since "1.000"
 * may well mean a thousand. */
static bool
parse_decimal(const struct forms_field *f, const char *text, size_t n, int scale, int64_t *out,
              struct sk_error *err)
{
    char q[QUOTE_MAX + 8]; /* quoted only for a message: numbers are parsed per import row */
    size_t i = 0;
    bool neg = false;
    if (i < n && (text[i] == '-' || text[i] == '+')) {
        neg = text[i] == '-';
        i++;
    } else if (n - i >= 3 && memcmp(text + i, "\xE2\x88\x92", 3) == 0) {
        neg = true; /* U+2212 MINUS SIGN */
        i += 3;
    }
    uint64_t mag = 0;
    int int_digits = 0, group = -1, decimals = 0;
    bool in_frac = false, overflow = false, too_precise = false;
    while (i < n) {
        unsigned char c = (unsigned char)text[i];
        size_t sp;
        if (c >= '0' && c <= '9') {
            i++;
            if (in_frac) {
                if (decimals == scale) {
                    /* Zeros beyond the scale are exact ("1,500" as money). */
                    too_precise |= c != '0';
                    continue;
                }
                decimals++;
            } else {
                int_digits++;
                group += group >= 0;
            }
            if (mag > (UINT64_MAX - 9) / 10)
                overflow = true;
            else
                mag = mag * 10 + (c - '0');
        } else if (!in_frac && int_digits > 0 && is_space_at(text + i, &sp) && sp <= n - i) {
            /* A thousands separator: only between complete groups of three. */
            if ((group >= 0 && group != 3) || (group < 0 && int_digits > 3))
                return field_fail(f, err, _("“%s” is not a number"), quote(text, n, q, sizeof q));
            group = 0;
            i += sp;
        } else if (!in_frac && (c == ',' || c == '.') && int_digits > 0 && i + 1 < n) {
            if (scale == 0)
                return field_fail(f, err, _("“%s” is not a whole number"),
                                  quote(text, n, q, sizeof q));
            if (group >= 0 && group != 3)
                return field_fail(f, err, _("“%s” is not a number"), quote(text, n, q, sizeof q));
            in_frac = true;
            group = -1;
            i++;
        } else {
            return field_fail(f, err, _("“%s” is not a number"), quote(text, n, q, sizeof q));
        }
    }
    if (int_digits == 0 || (group >= 0 && group != 3))
        return field_fail(f, err, _("“%s” is not a number"), quote(text, n, q, sizeof q));
    if (too_precise)
        return field_fail(f, err, _("“%s” has more than %d decimal places"),
                          quote(text, n, q, sizeof q), scale);
    for (int d = decimals; d < scale && !overflow; d++) {
        if (mag > UINT64_MAX / 10)
            overflow = true;
        else
            mag *= 10;
    }
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (overflow || mag > limit)
        return field_fail(f, err, _("“%s” is too large"), quote(text, n, q, sizeof q));
    *out = neg ? (int64_t)(0 - mag) : (int64_t)mag;
    return true;
}

/* Formats an integer of `scale` decimals with `sep` as decimal separator.
 * min_decimals < scale trims trailing zeros down to that many. */
static const char *
format_decimal(int64_t v, int scale, int min_decimals, char sep, char *buf, size_t cap)
{
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    uint64_t div = 1;
    for (int i = 0; i < scale; i++)
        div *= 10;
    uint64_t whole = mag / div, frac = mag % div;
    char digits[24];
    int nd = scale < 20 ? scale : 20;
    for (int i = nd - 1; i >= 0; i--) {
        digits[i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    while (nd > min_decimals && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    /* By hand, not snprintf: export and import format millions of these. */
    char tmp[64];
    size_t len = 0;
    char rev[24];
    int nr = 0;
    do {
        rev[nr++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    if (v < 0)
        tmp[len++] = '-';
    while (nr > 0)
        tmp[len++] = rev[--nr];
    if (nd > 0) {
        tmp[len++] = sep;
        memcpy(tmp + len, digits, (size_t)nd);
        len += (size_t)nd;
    }
    if (cap == 0)
        return buf;
    if (len >= cap)
        len = cap - 1;
    memcpy(buf, tmp, len);
    buf[len] = '\0';
    return buf;
}

static int
type_scale(enum forms_type t)
{
    return t == FT_DEC3 ? 3 : t == FT_MONEY ? 2 : 0;
}

/* A number in the user's style, for range messages. */
static const char *
format_number(const struct forms_field *f, int64_t v, char *buf, size_t cap)
{
    char sep = forms_lang_is_lv() ? ',' : '.';
    if (f->type == FT_MONEY)
        return format_decimal(v, 2, 2, sep, buf, cap);
    return format_decimal(v, type_scale(f->type), 0, sep, buf, cap);
}

/* With FF_RANGE, min <= v <= max. `text` is what the user typed (quoted in
 * the message), or NULL when checking a stored record. */
static bool
check_range(const struct forms_field *f, int64_t v, const char *text, size_t n,
            struct sk_error *err)
{
    if (!(f->flags & FF_RANGE) || (v >= f->min && v <= f->max))
        return true;
    char lo[64], hi[64], q[QUOTE_MAX + 8];
    format_number(f, f->min, lo, sizeof lo);
    format_number(f, f->max, hi, sizeof hi);
    if (text)
        return field_fail(f, err, _("“%s” is not between %s and %s"), quote(text, n, q, sizeof q),
                          lo, hi);
    return field_fail(f, err, _("must be between %s and %s"), lo, hi);
}

static bool
parse_bool(const char *t, size_t n, int64_t *out)
{
    static const char *const yes[] = {"1", "ja", "yes", "true", "x", "y", "\xE2\x9C\x93"};
    static const char *const no[] = {"0", "ne", "no", "false", "n"};
    char folded[FOLD_CAP];
    fold_n(t, n, folded);
    for (size_t i = 0; i < SK_ARRAY_LEN(yes); i++)
        if (strcmp(folded, yes[i]) == 0)
            return *out = 1, true;
    for (size_t i = 0; i < SK_ARRAY_LEN(no); i++)
        if (strcmp(folded, no[i]) == 0)
            return *out = 0, true;
    return false;
}

/* Adds the choice named by text[0..n) to *bits, or fails naming the
 * allowed keys. */
static bool
add_flag(const struct forms_field *f, const char *text, size_t n, int64_t *bits,
         struct sk_error *err)
{
    size_t tn;
    const char *t = trim(text, n, &tn);
    if (tn == 0)
        return true; /* "a||b" or a trailing separator */
    int k = choice_match_n(f, t, tn);
    if (k < 0) {
        char q[QUOTE_MAX + 8], list[400];
        quote(t, tn, q, sizeof q);
        choice_list(f, list, sizeof list);
        return field_fail(f, err, _("“%s” is not one of: %s"), q, list);
    }
    *bits |= INT64_C(1) << k;
    return true;
}

static bool
parse_flags(const struct forms_field *f, const char *t, size_t n, struct forms_value *out,
            struct sk_error *err)
{
    int64_t bits = 0;
    char sep = memchr(t, '|', n) ? '|' : ',';
    /* A single label may itself contain a comma. */
    int whole = sep == ',' ? choice_match_n(f, t, n) : -1;
    if (whole >= 0) {
        bits = INT64_C(1) << whole;
    } else {
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i == n || t[i] == sep) {
                if (!add_flag(f, t + start, i - start, &bits, err))
                    return false;
                start = i + 1;
            }
        }
    }
    if (bits == 0) { /* only separators: no flags, the same as an empty cell */
        forms_value_clear(out);
        return true;
    }
    forms_value_set_int(out, bits);
    return true;
}

/* Normalises CRLF to LF in memo text from CSV files written on Windows. */
static void
strip_cr(struct forms_value *v)
{
    char *w = v->s;
    for (const char *r = v->s; *r; r++)
        if (!(r[0] == '\r' && r[1] == '\n'))
            *w++ = *r;
    *w = '\0';
}

bool
forms_value_parse(const struct forms_field *f, const char *text, struct forms_value *out,
                  struct sk_error *err)
{
    size_t n;
    const char *t = trim(text ? text : "", text ? strlen(text) : 0, &n);
    if (n == 0) {
        forms_value_clear(out);
        return true;
    }
    char q[QUOTE_MAX + 8];
    int64_t i = 0;
    switch (f->type) {
    case FT_TEXT:
    case FT_MEMO:
    case FT_REF: {
        /* Stored normalised (NFC, plain spaces in keys and names), so that
         * text that looks the same is the same. */
        size_t nn = n;
        if (forms_text_is_plain(t, n, is_key_field(f))) {
            forms_value_set_text(out, t, n);
        } else {
            char *norm = forms_text_normalize(t, n, is_key_field(f), f->type == FT_MEMO, &nn);
            forms_value_set_text(out, norm, nn);
            free(norm);
        }
        if (nn == 0) {
            forms_value_clear(out);
            return true;
        }
        if (f->type == FT_MEMO)
            strip_cr(out);
        out->i = 0;
        if (!check_text(f, out->s, err)) {
            forms_value_clear(out);
            return false;
        }
        return true;
    }
    case FT_DATE: {
        char tmp[32];
        sk_date day;
        int y, m, d;
        if (n >= sizeof tmp)
            return field_fail(f, err, _("“%s” is not a date; use DD.MM.YYYY"),
                              quote(t, n, q, sizeof q));
        memcpy(tmp, t, n);
        tmp[n] = '\0';
        if (!forms_date_scan(tmp, &y, &m, &d))
            return field_fail(f, err, _("“%s” is not a date; use DD.MM.YYYY"),
                              quote(t, n, q, sizeof q));
        if (!sk_date_parse(tmp, &day))
            return field_fail(f, err, _("“%s” is not a day of the calendar"),
                              quote(t, n, q, sizeof q));
        forms_value_set_int(out, day);
        return true;
    }
    case FT_INT:
    case FT_DEC3:
    case FT_MONEY: {
        const char *num = t;
        size_t nn = n;
        if (f->type == FT_MONEY) {
            /* "12,50 €" or "€12.50" */
            if (nn >= 3 && memcmp(num + nn - 3, "€", 3) == 0)
                num = trim(num, nn - 3, &nn);
            else if (nn >= 3 && memcmp(num, "€", 3) == 0)
                num = trim(num + 3, nn - 3, &nn);
        }
        if (nn == 0) /* nothing but a euro sign */
            return field_fail(f, err, _("“%s” is not a number"), quote(t, n, q, sizeof q));
        if (!parse_decimal(f, num, nn, type_scale(f->type), &i, err))
            return false;
        if (!check_range(f, i, t, n, err))
            return false;
        forms_value_set_int(out, i);
        return true;
    }
    case FT_ENUM: {
        int k = choice_match_n(f, t, n);
        if (k < 0) {
            char list[400];
            choice_list(f, list, sizeof list);
            return field_fail(f, err, _("“%s” is not one of: %s"), quote(t, n, q, sizeof q), list);
        }
        forms_value_set_int(out, k);
        return true;
    }
    case FT_FLAGS:
        return parse_flags(f, t, n, out, err);
    case FT_BOOL:
        if (!parse_bool(t, n, &i))
            return field_fail(f, err, _("“%s” is not yes or no; use 1 or 0"),
                              quote(t, n, q, sizeof q));
        forms_value_set_int(out, i);
        return true;
    }
    return field_fail(f, err, "%s", _("this field has an unknown type"));
}

/* Joins the keys (or labels) of the set bits with `sep`, as far as fits. */
static const char *
format_flags(const struct forms_field *f, int64_t bits, bool labels, const char *sep, char *buf,
             size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < f->n_choices && k < 63; k++) {
        if (!(bits & (INT64_C(1) << k)))
            continue;
        const char *name = labels ? forms_choice_label(&f->choices[k]) : f->choices[k].key;
        int w = snprintf(buf + len, cap - len, "%s%s", len ? sep : "", name);
        if (w < 0 || (size_t)w >= cap - len) {
            buf[len] = '\0';
            break;
        }
        len += (size_t)w;
    }
    return buf;
}

const char *
forms_value_format(const struct forms_field *f, const struct forms_value *v, enum forms_style style,
                   char *buf, size_t cap)
{
    if (cap > 0)
        buf[0] = '\0';
    if (!v->is_set)
        return is_text_type(f->type) || f->type == FT_REF ? "" : buf;
    bool display = style == FS_DISPLAY;
    char sep = style == FS_CSV || (display && !forms_lang_is_lv()) ? '.' : ',';
    switch (f->type) {
    case FT_TEXT:
    case FT_MEMO:
    case FT_REF:
        return v->s ? v->s : "";
    case FT_DATE: {
        if (cap >= 11) {
            sk_date_format((sk_date)v->i, style == FS_CSV, buf);
            return buf;
        }
        char d[16];
        sk_date_format((sk_date)v->i, style == FS_CSV, d);
        if (cap > 0) {
            memcpy(buf, d, cap - 1);
            buf[cap - 1] = '\0';
        }
        return buf;
    }
    case FT_INT:
        return format_decimal(v->i, 0, 0, '.', buf, cap);
    case FT_DEC3:
        return format_decimal(v->i, 3, 0, sep, buf, cap);
    case FT_MONEY:
        return format_decimal(v->i, 2, 2, sep, buf, cap);
    case FT_ENUM:
        if (v->i < 0 || (size_t)v->i >= f->n_choices)
            return buf;
        /* the static key or label itself (no copy: exports write millions) */
        return display ? forms_choice_label(&f->choices[v->i]) : f->choices[v->i].key;
    case FT_FLAGS:
        return format_flags(f, v->i, display, display ? ", " : "|", buf, cap);
    case FT_BOOL:
        if (display)
            return v->i ? "\xE2\x9C\x93" : "";
        return v->i ? "1" : "0";
    }
    return buf;
}

/* --------------------------------------------------------------- records */

void
forms_record_init(struct forms_record *rec, const struct forms_kind *kind)
{
    rec->kind = kind;
    rec->id = 0;
    rec->version = 0;
    rec->uid[0] = '\0';
    rec->values = sk_xcalloc(kind->n_fields, sizeof rec->values[0]);
}

void
forms_record_fini(struct forms_record *rec)
{
    if (!rec)
        return;
    if (rec->values && rec->kind)
        for (size_t i = 0; i < rec->kind->n_fields; i++)
            forms_value_free(&rec->values[i]);
    free(rec->values);
    rec->values = NULL;
    rec->kind = NULL;
    rec->id = 0;
    rec->version = 0;
}

void
forms_record_clear(struct forms_record *rec)
{
    for (size_t i = 0; i < rec->kind->n_fields; i++)
        forms_value_clear(&rec->values[i]);
    rec->id = 0;
    rec->version = 0;
    rec->uid[0] = '\0';
}

void
forms_record_defaults(struct forms_record *rec)
{
    forms_record_clear(rec);
    for (size_t i = 0; i < rec->kind->n_fields; i++) {
        const struct forms_field *f = &rec->kind->fields[i];
        /* Descriptor defaults are checked by the unit tests, so a failure
         * here just leaves the field empty. */
        if (f->default_text)
            forms_value_parse(f, f->default_text, &rec->values[i], NULL);
    }
}

void
forms_record_copy(struct forms_record *dst, const struct forms_record *src)
{
    if (dst == src)
        return;
    if (dst->kind != src->kind || !dst->values) {
        forms_record_fini(dst);
        forms_record_init(dst, src->kind);
    }
    for (size_t i = 0; i < src->kind->n_fields; i++)
        forms_value_copy(&dst->values[i], &src->values[i]);
    dst->id = src->id;
    dst->version = src->version;
    memcpy(dst->uid, src->uid, sizeof dst->uid);
}

bool
forms_uid_parse(const char *s, size_t n, char out[FORMS_UID_LEN + 1])
{
    if (n != FORMS_UID_LEN)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (c >= 'A' && c <= 'F') {
            c = (char)(c - 'A' + 'a');
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
        out[i] = c;
    }
    out[n] = '\0';
    return true;
}

/* Checks one value against its field; false with err filled. */
static bool
check_value(const struct forms_field *f, const struct forms_value *v, struct sk_error *err)
{
    bool has_text = v->s && v->s[0];
    bool empty = !v->is_set || ((is_text_type(f->type) || f->type == FT_REF) && !has_text &&
                                !(f->type == FT_REF && v->i != 0));
    if (empty) {
        if (f->flags & FF_REQUIRED)
            return field_fail(f, err, "%s", _("this field is required"));
        return true;
    }
    switch (f->type) {
    case FT_TEXT:
    case FT_MEMO:
        return check_text(f, v->s, err);
    case FT_REF:
        return !has_text || check_text(f, v->s, err);
    case FT_INT:
    case FT_DEC3:
    case FT_MONEY:
        return check_range(f, v->i, NULL, 0, err);
    case FT_ENUM:
        if (v->i < 0 || (size_t)v->i >= f->n_choices)
            return field_fail(f, err, "%s", _("has a value that is not one of the choices"));
        return true;
    case FT_FLAGS: {
        uint64_t allowed = f->n_choices >= 64 ? UINT64_MAX : (UINT64_C(1) << f->n_choices) - 1;
        if ((uint64_t)v->i & ~allowed)
            return field_fail(f, err, "%s", _("has a value that is not one of the choices"));
        return true;
    }
    case FT_BOOL:
        if (v->i != 0 && v->i != 1)
            return field_fail(f, err, "%s", _("must be yes or no"));
        return true;
    case FT_DATE: {
        int y, m, d;
        sk_date_to_ymd((sk_date)v->i, &y, &m, &d);
        if (v->i < INT32_MIN + 1 || v->i > INT32_MAX || !sk_date_valid(y, m, d))
            return field_fail(f, err, "%s", _("is not a date"));
        return true;
    }
    }
    return true;
}

bool
forms_record_validate(const struct forms_record *rec, struct sk_error *err)
{
    const struct forms_kind *k = rec->kind;
    for (size_t i = 0; i < k->n_fields; i++)
        if (!check_value(&k->fields[i], &rec->values[i], err))
            return false;
    if (k->validate)
        return k->validate(k, rec, err);
    return true;
}

size_t
forms_record_validate_all(const struct forms_record *rec,
                          void (*cb)(void *ctx, const struct sk_error *e), void *ctx)
{
    const struct forms_kind *k = rec->kind;
    size_t count = 0;
    struct sk_error e;
    for (size_t i = 0; i < k->n_fields; i++) {
        sk_error_clear(&e);
        if (!check_value(&k->fields[i], &rec->values[i], &e)) {
            count++;
            if (cb)
                cb(ctx, &e);
        }
    }
    sk_error_clear(&e);
    if (k->validate && !k->validate(k, rec, &e)) {
        count++;
        if (cb)
            cb(ctx, &e);
    }
    return count;
}
