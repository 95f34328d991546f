/* Whole-name search and replace, for forgetting a person: "Līga Kalniņa" is
 * found in "met Līga Kalniņa, then" but not in "Līga Kalniņa-Ozola",
 * "Līga Kalniņas" or "ALīga Kalniņa". A name character is a letter, digit
 * or mark of any script (anything that is not space, punctuation or a
 * symbol); a hyphen or an apostrophe between name characters joins them
 * into one name. Another known person's longer name ("Anna Māra Liepiņa",
 * "Māra Liepiņa Ozola"), given by the caller, covers the hits inside its
 * own occurrences; any other neighbouring word does not matter ("Vakar
 * Māra Liepiņa paņēma", "MĀRA LIEPIŅA RĪGĀ" are the person). Capitals
 * and white space between the words do not matter ("MĀRA LIEPIŅA",
 * "Māra\nLiepiņa"). Pure string logic: no locale (Unicode's own tables),
 * so the answer is the same in every environment. */
#include "forms/internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Whether cp is a letter, digit or mark (of any script), i.e. not space,
 * punctuation, a symbol or a control character. Only the common non-name
 * blocks are listed: everything else outside ASCII is taken as a letter,
 * which errs towards "not a whole name" (the name is then left alone). */
static bool
is_name_cp(int32_t cp)
{
    if (cp < 0)
        return true; /* an invalid byte: never a boundary */
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
               cp == '_';
    if (cp <= 0xbf)
        return cp == 0xaa || cp == 0xb5 || cp == 0xba; /* ª µ º */
    if (cp == 0xd7 || cp == 0xf7)                      /* × ÷ */
        return false;
    if ((cp >= 0x2000 && cp <= 0x206f) || /* spaces, dashes, quotes, bidi marks */
        (cp >= 0x20a0 && cp <= 0x20cf) || /* currency */
        (cp >= 0x2100 && cp <= 0x2bff) || /* letterlike symbols, arrows, maths, boxes */
        (cp >= 0x2e00 && cp <= 0x2e7f) || /* supplemental punctuation */
        (cp >= 0x3000 && cp <= 0x303f) || /* CJK punctuation */
        (cp >= 0xfe10 && cp <= 0xfe6f) || /* vertical and small forms */
        (cp >= 0xff01 && cp <= 0xff0f) || /* full-width punctuation */
        (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
        (cp >= 0xff5b && cp <= 0xff65) || cp == 0xfeff || cp == 0xfffd ||
        (cp >= 0x1f000 && cp <= 0x1faff)) /* emoji and pictographs */
        return false;
    return true;
}

/* A hyphen or apostrophe: part of a name when a name character is on its
 * other side ("Kalniņa-Ozola", "O'Brien", "D’Artanjans"). */
static bool
is_joiner_cp(int32_t cp)
{
    return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2010 || cp == 0x2011;
}

/* The code point that ends just before p (s is the start); *at receives its
 * first byte. -2 when p == s. */
static int32_t
cp_before(const char *s, const char *p, const char **at)
{
    if (p == s) {
        *at = s;
        return -2;
    }
    const char *q = p - 1;
    for (int i = 0; i < 3 && q > s && ((unsigned char)*q & 0xc0) == 0x80; i++)
        q--;
    int32_t cp;
    size_t len = forms_utf8_decode(q, (size_t)(p - q), &cp);
    if (q + len != p) { /* stray continuation bytes */
        *at = p - 1;
        return -1;
    }
    *at = q;
    return cp;
}

static bool
is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* JSON text: whether the ASCII letter or digit just before p belongs to an
 * escape sequence (\n, \t, \u001f...), which stands for a control
 * character and so is a boundary. The backslash must not itself be
 * escaped (an odd run of backslashes). */
static bool
ends_json_escape(const char *s, const char *p)
{
    const char *bs = NULL;
    if (p - s >= 2 && p[-2] == '\\' && strchr("nrtbf", p[-1]))
        bs = p - 2;
    else if (p - s >= 6 && p[-6] == '\\' && p[-5] == 'u' && is_hex(p[-4]) && is_hex(p[-3]) &&
             is_hex(p[-2]) && is_hex(p[-1]))
        bs = p - 6;
    if (!bs)
        return false;
    size_t run = 0;
    for (const char *q = bs; q >= s && *q == '\\'; q--)
        run++;
    return run % 2 == 1;
}

static bool is_whole_word(const char *s, const char *p, size_t n, bool json);

/* Whether the hit at p (n bytes) in s stands as a whole name: not inside
 * a longer word, nor a JSON key. */
static bool
is_whole(const char *s, const char *p, size_t n, bool json)
{
    /* a JSON key (a string followed by a colon) is never a name */
    if (json && p[n] == '"' && p[n + 1 + strspn(p + n + 1, " ")] == ':')
        return false;
    return is_whole_word(s, p, n, json);
}

/* Whether the hit at p (n bytes) in s is not part of a longer word. */
static bool
is_whole_word(const char *s, const char *p, size_t n, bool json)
{
    const char *at;
    int32_t before = cp_before(s, p, &at);
    if (before != -2) {
        bool name = is_name_cp(before);
        if (name && json && before < 0x80 && ends_json_escape(s, p))
            name = false;
        if (!name && is_joiner_cp(before)) {
            const char *at2;
            int32_t b2 = cp_before(s, at, &at2);
            name = b2 != -2 && is_name_cp(b2) && !(json && b2 < 0x80 && ends_json_escape(s, at));
        }
        if (name)
            return false;
    }
    const char *e = p + n;
    if (!*e)
        return true;
    int32_t after;
    size_t len = forms_utf8_decode(e, strlen(e), &after);
    if (is_name_cp(after))
        return false;
    if (is_joiner_cp(after) && e[len]) {
        int32_t a2;
        forms_utf8_decode(e + len, strlen(e + len), &a2);
        if (is_name_cp(a2))
            return false;
    }
    return true;
}

/* The hits of `name` are looked for in the text normalised the way input is
 * (NFC, any run of spaces one plain space: forms_name_text_normalize), so
 * that a name stored before normalisation existed, in decomposed form or
 * with a no-break space between its words, is found all the same; then
 * folded (lowercase, any run of white space, tabs and line breaks and in
 * JSON their escapes included, one space) so that "MĀRA LIEPIŅA" and
 * "Māra\nLiepiņa" are found too. Whether a hit is a whole name is
 * decided on the normalised text, where capitals are still seen. */
struct name_search {
    char *norm;  /* the normalised text */
    size_t *map; /* byte of norm -> byte of the original where it starts */
    size_t len;
    char *fold;   /* norm folded */
    size_t *fmap; /* byte of fold -> byte of norm where it starts */
    char *needle; /* the name, normalised and folded */
    size_t n;
    char **others; /* other people's longer names, normalised and folded */
    size_t *n_other;
    size_t n_others;
};

static bool
is_white(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* s (n bytes) folded: lowercase, runs of white space one space; *map
 * receives for each byte of the result the byte of s where it starts. */
static char *
fold_text(const char *s, size_t n, bool json, size_t **map, size_t *out_n)
{
    struct sk_buf b = {0};
    sk_buf_add(&b, "", 0);
    size_t *m = sk_xmalloc((4 * n + 2) * sizeof *m); /* a letter grows to 4 bytes at most */
    bool in_space = false;
    for (size_t i = 0; i < n;) {
        size_t start = i, before = b.len;
        bool white = is_white(s[i]);
        size_t k = 1;
        if (!white && json && s[i] == '\\' && i + 1 < n) {
            white = s[i + 1] == 'n' || s[i + 1] == 't' || s[i + 1] == 'r';
            k = 2; /* an escape: \" and \\ kept as they are */
            if (!white)
                sk_buf_add(&b, s + i, 2);
        } else if (!white) {
            int32_t cp;
            k = forms_utf8_decode(s + i, n - i, &cp);
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t e = cp >= 0 ? utf8proc_encode_char(utf8proc_tolower(cp), enc) : 0;
            if (e > 0 && e <= 4)
                sk_buf_add(&b, (const char *)enc, (size_t)e);
            else
                sk_buf_add(&b, s + i, k);
        }
        i += k;
        if (white) {
            if (in_space)
                continue;
            sk_buf_add(&b, " ", 1);
        }
        in_space = white;
        for (size_t j = before; j < b.len; j++)
            m[j] = start;
    }
    m[b.len] = n;
    *map = m;
    *out_n = b.len;
    return b.s;
}

/* name normalised and folded as the text is; owned. */
static char *
fold_name(const char *name, bool json, size_t *n)
{
    size_t nn;
    char *nname = forms_text_normalize(name, strlen(name), true, false, &nn);
    size_t *nmap;
    char *f = fold_text(nname, nn, json, &nmap, n);
    free(nname);
    free(nmap);
    return f;
}

static bool
search_open(struct name_search *ns, const char *s, const char *name, bool json,
            const char *const *others, size_t n_others)
{
    memset(ns, 0, sizeof *ns);
    if (!s || !name || !*name)
        return false;
    ns->needle = fold_name(name, json, &ns->n);
    if (ns->n == 0) {
        free(ns->needle);
        return false;
    }
    size_t nn;
    if (n_others) {
        ns->others = sk_xmalloc(n_others * sizeof *ns->others);
        ns->n_other = sk_xmalloc(n_others * sizeof *ns->n_other);
    }
    for (size_t i = 0; i < n_others; i++) {
        if (!others[i])
            continue;
        char *o = fold_name(others[i], json, &nn);
        /* only a name longer than the person's, holding it */
        if (nn > ns->n && strstr(o, ns->needle)) {
            ns->others[ns->n_others] = o;
            ns->n_other[ns->n_others++] = nn;
        } else {
            free(o);
        }
    }
    ns->norm = forms_name_text_normalize(s, &ns->map, &ns->len);
    ns->fold = fold_text(ns->norm, ns->len, json, &ns->fmap, &nn);
    return true;
}

static void
search_close(struct name_search *ns)
{
    free(ns->norm);
    free(ns->map);
    free(ns->fold);
    free(ns->fmap);
    free(ns->needle);
    for (size_t i = 0; i < ns->n_others; i++)
        free(ns->others[i]);
    free(ns->others);
    free(ns->n_other);
}

/* The hit at p in ns->fold as a range [*from, *to) of ns->norm; whether it
 * is a whole name there. */
static bool
hit_is_whole(const struct name_search *ns, const char *p, bool json, size_t *from, size_t *to)
{
    *from = ns->fmap[p - ns->fold];
    *to = ns->fmap[(size_t)(p - ns->fold) + ns->n];
    if (!is_whole(ns->norm, ns->norm + *from, *to - *from, json))
        return false;
    /* inside an occurrence of another person's longer name? */
    size_t at = (size_t)(p - ns->fold);
    for (size_t i = 0; i < ns->n_others; i++) {
        const char *o = ns->others[i];
        size_t on = ns->n_other[i];
        for (const char *k = strstr(o, ns->needle); k; k = strstr(k + 1, ns->needle)) {
            size_t off = (size_t)(k - o);
            if (off > at || strncmp(ns->fold + at - off, o, on) != 0)
                continue;
            size_t of = ns->fmap[at - off], ot = ns->fmap[at - off + on];
            if (is_whole_word(ns->norm, ns->norm + of, ot - of, json))
                return false;
        }
    }
    return true;
}

const char *
forms_name_find(const char *s, const char *name, bool json)
{
    return forms_name_find_except(s, name, json, NULL, 0);
}

char *
forms_name_replace(const char *s, const char *name, const char *with, bool json)
{
    return forms_name_replace_except(s, name, with, json, NULL, 0);
}

const char *
forms_name_find_except(const char *s, const char *name, bool json, const char *const *others,
                       size_t n_others)
{
    struct name_search ns;
    if (!search_open(&ns, s, name, json, others, n_others))
        return NULL;
    const char *hit = NULL;
    size_t from, to;
    for (const char *p = strstr(ns.fold, ns.needle); p && !hit; p = strstr(p + 1, ns.needle))
        if (hit_is_whole(&ns, p, json, &from, &to))
            hit = s + ns.map[from];
    search_close(&ns);
    return hit;
}

char *
forms_name_replace_except(const char *s, const char *name, const char *with, bool json,
                          const char *const *others, size_t n_others)
{
    struct name_search ns;
    if (!search_open(&ns, s, name, json, others, n_others))
        return NULL;
    struct sk_buf b = {0};
    sk_buf_add(&b, "", 0);
    size_t done = 0; /* bytes of the original copied or replaced */
    bool any = false;
    size_t from, to;
    for (const char *p = strstr(ns.fold, ns.needle); p; p = strstr(p, ns.needle)) {
        if (!hit_is_whole(&ns, p, json, &from, &to)) {
            p++;
            continue;
        }
        sk_buf_add(&b, s + done, ns.map[from] - done);
        sk_buf_adds(&b, with);
        done = ns.map[to];
        any = true;
        p += ns.n;
    }
    search_close(&ns);
    if (!any) {
        sk_buf_free(&b);
        return NULL;
    }
    sk_buf_adds(&b, s + done);
    return b.s;
}
