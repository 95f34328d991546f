/* UTF-8 measuring, folding and Latvian collation. Everything here is
 * independent of the C locale: the TUI, the CLI and SQLite (collation and
 * folded-key functions) must agree whatever LANG says. */
#include "forms/forms.h"

#include <string.h>
#include <utf8proc.h>

#include "forms/internal.h"

size_t
forms_utf8_decode(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = -1;
        return 0;
    }
    unsigned c = u[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    if (n < len) {
        *cp = -1;
        return 1;
    }
    /* Byte by byte, so that a NUL (not a continuation byte) stops us before
     * reading past the end of a C string. */
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = v << 6 | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = -1;
        return 1;
    }
    *cp = (int32_t)v;
    return len;
}

bool
forms_utf8_is_control(int32_t cp)
{
    return (cp >= 0 && cp < 0x20) || (cp >= 0x7F && cp < 0xA0);
}

bool
forms_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        i += forms_utf8_decode(s + i, n - i, &cp);
        if (cp < 0)
            return false;
    }
    return true;
}

static int
cp_width(int32_t cp)
{
    if (cp < 0)
        return 1;
    if (cp >= 0x20 && cp < 0x7F)
        return 1;
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : w;
}

int
forms_utf8_width_n(const char *s, size_t n)
{
    int w = 0;
    size_t i = 0;
    while (i < n && s[i]) {
        int32_t cp;
        i += forms_utf8_decode(s + i, n - i, &cp);
        w += cp_width(cp);
    }
    return w;
}

int
forms_utf8_width(const char *s)
{
    return forms_utf8_width_n(s, strlen(s));
}

size_t
forms_utf8_len(const char *s)
{
    size_t n = strlen(s), i = 0, count = 0;
    while (i < n) {
        int32_t cp;
        i += forms_utf8_decode(s + i, n - i, &cp);
        count++;
    }
    return count;
}

size_t
forms_utf8_prefix_for_width(const char *s, int cols)
{
    size_t n = strlen(s), i = 0;
    int w = 0;
    while (i < n) {
        int32_t cp;
        size_t len = forms_utf8_decode(s + i, n - i, &cp);
        int cw = cp_width(cp);
        if (w + cw > cols)
            break;
        w += cw;
        i += len;
    }
    return i;
}

/* Appends the code point's UTF-8 bytes if they fit before out[cap-1]. */
static bool
put_cp(char *out, size_t cap, size_t *len, int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
    if (k <= 0 || *len + (size_t)k >= cap)
        return false;
    memcpy(out + *len, tmp, (size_t)k);
    *len += (size_t)k;
    return true;
}

size_t
forms_fold(const char *s, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    const utf8proc_option_t opts =
        UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPAT;
    size_t n = strlen(s), i = 0, len = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            /* The common case, without a table lookup. */
            if (len + 1 >= cap)
                break;
            out[len++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i++;
            continue;
        }
        int32_t cp;
        size_t k = forms_utf8_decode(s + i, n - i, &cp);
        if (cp < 0) {
            /* An invalid byte stays itself: the key stays distinct. */
            if (len + 1 >= cap)
                break;
            out[len++] = (char)c;
            i += k;
            continue;
        }
        utf8proc_int32_t dec[32];
        utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 32, opts, NULL);
        bool fits = true;
        if (nd < 0 || nd > 32) {
            fits = put_cp(out, cap, &len, cp);
        } else {
            for (utf8proc_ssize_t j = 0; j < nd && fits; j++)
                fits = put_cp(out, cap, &len, dec[j]);
        }
        if (!fits)
            break;
        i += k;
    }
    out[len] = '\0';
    return len;
}

/* ---------------------------------------------------------- collation */

/* Collation weights of one code point: primary (letter), secondary
 * (diacritic) and tertiary (case). Primary 0 = ignorable (combining marks). */
struct cweight {
    uint32_t p;
    uint8_t s;
    uint8_t t;
};

/* Primary ranks of the letters: the Latvian alphabet, with q w x y where
 * English puts them so that foreign names still sort sensibly. */
enum {
    W_SPACE = 0x01,       /* + ASCII code: space and punctuation first */
    W_OTHER = 0x100,      /* other punctuation and symbols */
    W_DIGIT = 0x200,      /* + digit */
    W_LETTER = 0x300,     /* + rank */
    W_FOREIGN = 0x1000,   /* + lower-case code point: scripts other than Latin */
    W_INVALID = 0x200000, /* + byte: invalid UTF-8 last */
};

/* Rank of a..z in the Latvian alphabet (č ģ ķ ļ ņ š ž take the ranks in
 * between). */
static const uint8_t ascii_rank[26] = {
    1,  /* a */ 2,  /* b */ 3,  /* c */ 5,  /* d */ 6,  /* e */ 7,  /* f */ 8,  /* g */
    10, /* h */ 11, /* i */ 12, /* j */ 13, /* k */ 15, /* l */ 17, /* m */ 18, /* n */
    20, /* o */ 21, /* p */ 22, /* q */ 23, /* r */ 24, /* s */ 26, /* t */ 27, /* u */
    28, /* v */ 29, /* w */ 30, /* x */ 31, /* y */ 32,                         /* z */
};

/* The Latvian letters of Latin Extended-A (U+0100..U+017F), upper and
 * lower case: their own primary rank, or their base letter's rank with a
 * secondary weight (long vowels). */
struct lv_letter {
    uint16_t lower;
    uint8_t rank;
    uint8_t secondary;
};
static const struct lv_letter lv_letters[] = {
    {0x0101, 1, 1},  /* ā */
    {0x010D, 4, 0},  /* č */
    {0x0113, 6, 1},  /* ē */
    {0x0123, 9, 0},  /* ģ */
    {0x012B, 11, 1}, /* ī */
    {0x0137, 14, 0}, /* ķ */
    {0x013C, 16, 0}, /* ļ */
    {0x0146, 19, 0}, /* ņ */
    {0x014D, 20, 1}, /* ō (old orthography) */
    {0x0157, 23, 1}, /* ŗ (old orthography) */
    {0x0161, 25, 0}, /* š */
    {0x016B, 27, 1}, /* ū */
    {0x017E, 33, 0}, /* ž */
};

static bool
lv_weight(int32_t cp, struct cweight *w)
{
    int32_t lower = utf8proc_tolower(cp);
    for (size_t i = 0; i < SK_ARRAY_LEN(lv_letters); i++) {
        if (lv_letters[i].lower == lower) {
            w->p = W_LETTER + lv_letters[i].rank;
            w->s = lv_letters[i].secondary;
            w->t = lower != cp;
            return true;
        }
    }
    return false;
}

static void
cp_weight(int32_t cp, struct cweight *w)
{
    w->s = 0;
    w->t = 0;
    if (cp < 0) {
        w->p = W_INVALID;
        return;
    }
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z') {
            w->p = W_LETTER + ascii_rank[cp - 'a'];
        } else if (cp >= 'A' && cp <= 'Z') {
            w->p = W_LETTER + ascii_rank[cp - 'A'];
            w->t = 1;
        } else if (cp >= '0' && cp <= '9') {
            w->p = W_DIGIT + (uint32_t)(cp - '0');
        } else {
            w->p = W_SPACE + (uint32_t)cp;
        }
        return;
    }
    if (cp >= 0x0100 && cp < 0x0180 && lv_weight(cp, w))
        return;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME) {
        w->p = 0;
        w->s = 2;
        return;
    }
    if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO) {
        w->p = cat == UTF8PROC_CATEGORY_ND ? W_DIGIT + 10 : W_OTHER;
        return;
    }
    /* A letter of another language: sort a Latin one with its base letter
     * (ö with o, é with e), anything else by its lower-case code point. */
    int32_t lower = utf8proc_tolower(cp);
    w->t = lower != cp;
    utf8proc_int32_t dec[8];
    utf8proc_ssize_t nd = utf8proc_decompose_char(
        lower, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK, NULL);
    if (nd >= 1 && nd <= 8 && dec[0] >= 'a' && dec[0] <= 'z') {
        w->p = W_LETTER + ascii_rank[dec[0] - 'a'];
        w->s = 2;
        return;
    }
    w->p = W_FOREIGN + (uint32_t)lower;
}

/* A cursor over one string's weights. */
struct citer {
    const char *s;
    size_t n, i;
};

/* Next weight with a non-zero primary (level 1) or any weight (levels 2, 3);
 * false at the end. */
static bool
next_weight(struct citer *it, int level, struct cweight *w)
{
    while (it->i < it->n) {
        int32_t cp;
        unsigned char c = (unsigned char)it->s[it->i];
        if (c < 0x80) {
            /* Fast path for ASCII: no decoding. */
            it->i++;
            cp = c;
        } else {
            it->i += forms_utf8_decode(it->s + it->i, it->n - it->i, &cp);
        }
        cp_weight(cp, w);
        if (level > 1 || w->p != 0)
            return true;
    }
    return false;
}

static int
compare_level(const char *a, size_t na, const char *b, size_t nb, int level)
{
    struct citer ia = {a, na, 0}, ib = {b, nb, 0};
    for (;;) {
        struct cweight wa, wb;
        bool has_a = next_weight(&ia, level, &wa);
        bool has_b = next_weight(&ib, level, &wb);
        if (!has_a || !has_b)
            return (int)has_a - (int)has_b;
        uint32_t va = level == 1 ? wa.p : level == 2 ? wa.s : wa.t;
        uint32_t vb = level == 1 ? wb.p : level == 2 ? wb.s : wb.t;
        if (va != vb)
            return va < vb ? -1 : 1;
    }
}

int
forms_collate(const char *a, size_t na, const char *b, size_t nb)
{
    if (na == nb && memcmp(a, b, na) == 0)
        return 0;
    for (int level = 1; level <= 3; level++) {
        int r = compare_level(a, na, b, nb, level);
        if (r)
            return r;
    }
    /* Equal at every level but different bytes: a total order still needs
     * an answer (SQLite requires it of a collation). */
    size_t n = na < nb ? na : nb;
    int r = memcmp(a, b, n);
    if (r)
        return r < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

/* ----------------------------------------------------------- sort keys */

/* One primary weight as 1 or 4 bytes, in the same order as the weights and
 * never starting with 0 (the level separator): the weights cp_weight()
 * gives below W_FOREIGN (space and punctuation, W_OTHER, digits, letters)
 * take one byte each, everything else 0xF0 and three big-endian bytes. */
static size_t
put_primary(uint32_t p, unsigned char *out)
{
    uint32_t c = 0;
    if (p >= 1 && p <= 0x80)
        c = p;
    else if (p == W_OTHER)
        c = 0x81;
    else if (p >= W_DIGIT && p <= W_DIGIT + 10)
        c = 0x82 + (p - W_DIGIT);
    else if (p > W_LETTER && p <= W_LETTER + 33)
        c = 0x8D + (p - W_LETTER - 1);
    if (c != 0) {
        out[0] = (unsigned char)c;
        return 1;
    }
    out[0] = 0xF0;
    out[1] = (unsigned char)(p >> 16);
    out[2] = (unsigned char)(p >> 8);
    out[3] = (unsigned char)p;
    return 4;
}

size_t
forms_lv_sort_key_max(size_t n)
{
    return 7 * n + 3;
}

/* Levels 2 and 3 take 2 bits per code point: weights 1..3, 0 closes the
 * level, and zero bits fill its last byte. Packed most significant first,
 * the bytes compare like the sequences, and equal levels end at the same
 * byte, so the next level starts aligned. */
struct packer {
    unsigned char *out;
    size_t len;
    unsigned acc; /* pending 2-bit digits */
    int n_acc;    /* how many, 0..3 */
};

static void
pack2(struct packer *pk, unsigned v)
{
    pk->acc = pk->acc << 2 | v;
    if (++pk->n_acc == 4) {
        pk->out[pk->len++] = (unsigned char)pk->acc;
        pk->acc = 0;
        pk->n_acc = 0;
    }
}

static void
pack_end(struct packer *pk)
{
    pack2(pk, 0);
    if (pk->n_acc > 0)
        pk->out[pk->len++] = (unsigned char)(pk->acc << (2 * (4 - pk->n_acc)));
    pk->acc = 0;
    pk->n_acc = 0;
}

/* Whether every character of s is ASCII or a Latvian letter: then the three
 * levels determine the text (each such character has its own weights and
 * none is ignorable), and no other text is equal to it on all three levels
 * (any other character brings a primary weight or a secondary 2 that these
 * never have), so its key needs no copy of the bytes. */
static bool
is_plain(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        struct cweight w;
        i += forms_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x0100 || cp >= 0x0180 || !lv_weight(cp, &w))
            return false;
    }
    return true;
}

size_t
forms_lv_sort_key(const char *s, size_t n, unsigned char *out)
{
    /* The empty text (and NULL) is the empty key: the lowest, like the
     * default of a row written by another program. */
    if (n == 0)
        return 0;
    struct packer pk = {out, 0, 0, 0};
    struct citer it = {s, n, 0};
    struct cweight w;
    /* Level 1: one sequence of non-zero bytes closed by a 0, so a shorter
     * sequence sorts first, as in compare_level(). */
    while (next_weight(&it, 1, &w))
        pk.len += put_primary(w.p, out + pk.len);
    out[pk.len++] = 0;
    for (int level = 2; level <= 3; level++) {
        it.i = 0;
        while (next_weight(&it, level, &w))
            pack2(&pk, 1u + (level == 2 ? w.s : w.t));
        pack_end(&pk);
    }
    /* forms_collate's last tie-breaker, the bytes (a prefix first), only
     * where the levels can tie. */
    if (is_plain(s, n))
        return pk.len;
    memcpy(out + pk.len, s, n);
    return pk.len + n;
}

size_t
forms_edit_distance(const char *a, const char *b)
{
    enum { CAP = 64 };
    size_t na = strlen(a), nb = strlen(b);
    if (na > CAP)
        na = CAP;
    if (nb > CAP)
        nb = CAP;
    size_t row[CAP + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}
