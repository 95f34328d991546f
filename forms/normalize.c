/* Unicode normalisation of text at input: every stored text is NFC, and a
 * key or name has its spaces made plain, so that two values that look the
 * same are the same bytes ("Anna Ozola" typed with NBSP, a doubled space or
 * in decomposed form from a Mac is one name, not three). */
#include "forms/internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool
forms_utf8_is_space_sep(int32_t cp)
{
    return cp > 0x7F && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Appends the NFC form of s[0..n) (valid UTF-8) to b. */
static void
add_nfc(struct sk_buf *b, const char *s, size_t n)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                                        UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (len < 0) {
        sk_buf_add(b, s, n); /* cannot happen on valid UTF-8: keep the text */
        return;
    }
    sk_buf_add(b, (const char *)out, (size_t)len);
    free(out);
}

/* Whether any byte of s[0..n) is outside ASCII: ASCII text is NFC. */
static bool
has_non_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

/* Whether s[0..n) (valid UTF-8) has only code points below U+0300: no
 * combining mark, and NFC changes none of them (the first character it
 * changes, U+0340, lies above), so such text — Latvian letters included — is
 * NFC as it is. A byte from 0xCC on is a lead byte of U+0300 or above. */
static bool
is_below_combining(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0xCC)
            return false;
    return true;
}

bool
forms_text_is_plain(const char *s, size_t n, bool is_key)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (is_key && c == ' ' && (i == 0 || i + 1 == n || s[i + 1] == ' ')))
            return false;
    }
    return true;
}

char *
forms_text_normalize(const char *s, size_t n, bool is_key, bool multi_line, size_t *out_n)
{
    struct sk_buf b = {0};
    sk_buf_add(&b, "", 0);
    if (!forms_utf8_valid(s, n)) { /* left to forms_text_check to refuse */
        sk_buf_add(&b, s, n);
        *out_n = b.len;
        return b.s;
    }
    if (has_non_ascii(s, n) && !is_below_combining(s, n))
        add_nfc(&b, s, n);
    else
        sk_buf_add(&b, s, n);
    if (!is_key && !multi_line) {
        *out_n = b.len;
        return b.s;
    }
    /* Second pass over the NFC text: line separators in memos become line
     * breaks; in keys every space separator is a plain space, runs of them
     * one, none at either end. */
    struct sk_buf o = {0};
    sk_buf_add(&o, "", 0);
    bool pending_space = false;
    size_t i = 0;
    while (i < b.len) {
        int32_t cp;
        size_t k = forms_utf8_decode(b.s + i, b.len - i, &cp);
        if (multi_line && (cp == 0x2028 || cp == 0x2029)) {
            sk_buf_add(&o, "\n", 1);
        } else if (is_key && (cp == ' ' || forms_utf8_is_space_sep(cp))) {
            pending_space = o.len > 0;
        } else {
            if (is_key && pending_space)
                sk_buf_add(&o, " ", 1);
            pending_space = false;
            sk_buf_add(&o, b.s + i, k);
        }
        i += k;
    }
    sk_buf_free(&b);
    *out_n = o.len;
    return o.s;
}

/* ------------------------------------------------- names in stored text */

/* Code points that, after a starter, belong to its composition sequence. */
static bool
is_nonstarter(int32_t cp)
{
    return cp >= 0x300 && utf8proc_get_property(cp)->combining_class != 0;
}

char *
forms_name_text_normalize(const char *s, size_t **map, size_t *out_n)
{
    size_t n = strlen(s);
    struct sk_buf b = {0};
    sk_buf_add(&b, "", 0);
    size_t cap = n + 16;
    size_t *m = sk_xmalloc(cap * sizeof *m);
    bool in_space = false;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = forms_utf8_decode(s + i, n - i, &cp);
        size_t start = i, before = b.len;
        if (cp == ' ' || forms_utf8_is_space_sep(cp)) {
            /* a run of spaces of any kind reads as one plain space */
            i += k;
            if (in_space)
                continue;
            in_space = true;
            sk_buf_add(&b, " ", 1);
        } else {
            in_space = false;
            size_t end = i + k;
            while (cp >= 0 && end < n) {
                int32_t next;
                size_t k2 = forms_utf8_decode(s + end, n - end, &next);
                if (!is_nonstarter(next))
                    break;
                end += k2;
            }
            if (cp >= 0x300 || end > i + k) /* below U+0300 NFC is the character itself */
                add_nfc(&b, s + i, end - i);
            else
                sk_buf_add(&b, s + i, end - i);
            i = end;
        }
        if (b.len + 1 > cap) {
            while (cap < b.len + 1)
                cap *= 2;
            m = sk_xrealloc(m, cap * sizeof *m);
        }
        for (size_t j = before; j < b.len; j++)
            m[j] = start;
    }
    if (b.len + 1 > cap)
        m = sk_xrealloc(m, (b.len + 1) * sizeof *m);
    m[b.len] = n;
    *map = m;
    *out_n = b.len;
    return b.s;
}

bool
forms_utf8_is_ignorable(int32_t cp)
{
    return cp >= 0 && cp <= 0x10FFFF && utf8proc_get_property(cp)->ignorable;
}

bool
forms_utf8_is_format(int32_t cp)
{
    return cp >= 0 && cp <= 0x10FFFF && utf8proc_category(cp) == UTF8PROC_CATEGORY_CF;
}
