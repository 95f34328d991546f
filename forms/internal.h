/* internal.h — helpers shared by the files of forms/; nothing outside
 * forms/ includes this. */
#ifndef SKOLA_FORMS_INTERNAL_H
#define SKOLA_FORMS_INTERNAL_H

#include "forms/forms.h"

/* Decodes the code point at s (at most n bytes; a NUL stops it early).
 * Returns the bytes it spans (1 for an invalid byte, 0 only when n == 0)
 * and stores the code point, or -1 for an invalid byte, in *cp. */
size_t forms_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Display width of the n bytes at s (rules of forms_utf8_width). */
int forms_utf8_width_n(const char *s, size_t n);
/* Whether the code point is a C0/C1 control character or DEL. */
bool forms_utf8_is_control(int32_t cp);
/* Whether s[0..n) is ASCII that forms_text_normalize would leave as it
 * is (in a key: no space at either end, none doubled): the common case,
 * stored without a copy. */
bool forms_text_is_plain(const char *s, size_t n, bool is_key);
/* Unicode's Default_Ignorable_Code_Point property (forms/normalize.c). */
bool forms_utf8_is_ignorable(int32_t cp);
/* Whether cp is of general category Cf (format: U+FFF9, U+0600, U+13430...). */
bool forms_utf8_is_format(int32_t cp);
/* s normalised for finding a name in it (NFC, every run of spaces of any
 * kind one plain space), with map[i] the byte of s where byte i of the
 * result comes from (map[*out_n] = strlen(s)). Both owned. */
char *forms_name_text_normalize(const char *s, size_t **map, size_t *out_n);
/* Splits a date in any accepted form without checking that the day exists,
 * so that "31.02.2024" can get a better message than "not a date". */
bool forms_date_scan(const char *text, int *y, int *m, int *d);

/* One field (or, with `choice`, one choice of it) that code reads by key:
 * its resolved index is stored in *index (-1 when missing). */
struct forms_key_use {
    const struct forms_kind *kind;
    const char *field;
    const char *choice; /* NULL = the field itself */
    int *index;
};
/* Resolves the n uses; false with err set for the first that is missing
 * (all are still resolved). */
bool forms_key_uses_resolve(const struct forms_key_use *uses, size_t n, struct sk_error *err);

#endif
