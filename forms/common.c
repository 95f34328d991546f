/* Shared basics: errors, checked allocation and the growable buffer. */
#include "forms/forms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/internal.h"

/* A message cut by vsnprintf may end inside a UTF-8 sequence: cut it at a
 * character boundary instead and end it with "…". */
static void
end_with_ellipsis(char *msg, size_t size)
{
    static const char ellipsis[] = "…";
    size_t at = size - sizeof ellipsis; /* room for "…" and the NUL */
    while (at > 0 && ((unsigned char)msg[at] & 0xC0) == 0x80)
        at--;
    memcpy(msg + at, ellipsis, sizeof ellipsis);
}

static void make_safe(char *msg, size_t size);

bool
sk_fail(struct sk_error *err, enum sk_code code, const char *fmt, ...)
{
    if (!err)
        return false;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->msg)
        end_with_ellipsis(err->msg, sizeof err->msg);
    make_safe(err->msg, sizeof err->msg);
    return false;
}

void
sk_error_clear(struct sk_error *err)
{
    if (!err)
        return;
    err->code = SK_OK;
    err->msg[0] = '\0';
    err->field = NULL;
    err->line = 0;
    err->column = 0;
}

int
sk_exit_code(enum sk_code code)
{
    switch (code) {
    case SK_OK:
        return 0;
    case SK_EINVAL:
    case SK_ECONFLICT:
    case SK_ENOTFOUND:
    case SK_ECANCELLED:
        return 1;
    case SK_EUSAGE:
        return 2;
    case SK_EIO:
    case SK_EDB:
        return 3;
    }
    return 3;
}

/* Out of memory or a zero-byte request (a bug): neither can be handled
 * sensibly further up, and the database stays consistent through its
 * transactions, so stop here. */
static _Noreturn void
die_alloc(size_t n)
{
    fprintf(stderr, "skola: out of memory (%zu bytes)\n", n);
    abort();
}

void *
sk_xmalloc(size_t n)
{
    void *p = n ? malloc(n) : NULL;
    if (!p)
        die_alloc(n);
    return p;
}

void *
sk_xcalloc(size_t n, size_t size)
{
    void *p = n && size ? calloc(n, size) : NULL;
    if (!p)
        die_alloc(n * size);
    return p;
}

void *
sk_xrealloc(void *p, size_t n)
{
    void *q = n ? realloc(p, n) : NULL;
    if (!q)
        die_alloc(n);
    return q;
}

char *
sk_xstrdup(const char *s)
{
    return sk_xstrndup(s, strlen(s));
}

char *
sk_xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = sk_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static char *
xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        fprintf(stderr, "skola: bad format string \"%s\"\n", fmt);
        abort();
    }
    char *p = sk_xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *
sk_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

/* Makes room for `extra` more bytes plus the NUL. */
static void
buf_reserve(struct sk_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->s = sk_xrealloc(b->s, cap);
    b->cap = cap;
}

void
sk_buf_add(struct sk_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void
sk_buf_adds(struct sk_buf *b, const char *s)
{
    sk_buf_add(b, s, strlen(s));
}

void
sk_buf_addf(struct sk_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    } else {
        buf_reserve(b, 0);
        b->s[b->len] = '\0';
    }
    va_end(ap);
}

void
sk_buf_reset(struct sk_buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void
sk_buf_free(struct sk_buf *b)
{
    if (!b)
        return;
    free(b->s);
    b->s = NULL;
    b->len = 0;
    b->cap = 0;
}

/* ---------------------------------------------------------------- quoting */

/* Characters that change how the text around them looks without being seen
 * themselves (bidi controls, zero-width spaces, the BOM, line separators),
 * and spaces other than the plain one (NBSP...): a message shows them as
 * escapes, so that "B2" and "\ufeffB2", or "Anna Ozola" with a plain space
 * and with a no-break one, differ. */
static bool
is_invisible(int32_t cp)
{
    return cp == 0xAD || cp == 0x61C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F) ||
           forms_utf8_is_invisible(cp) || forms_utf8_is_space_sep(cp);
}

/* Whether the character decoded as cp (-1: a byte that is not UTF-8) is
 * shown as an escape; `keep_lines` lets line breaks and tabs through. */
static bool
is_escaped(int32_t cp, bool keep_lines)
{
    if (keep_lines && (cp == '\n' || cp == '\t'))
        return false;
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || is_invisible(cp);
}

/* Whether s[0..n) starts like the tail of an escape after its backslash:
 * x and 2, u and 4 or U and 8 hex digits. */
static bool
reads_as_escape(const char *s, size_t n)
{
    size_t digits = s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : s[0] == 'U' ? 8 : 0;
    if (digits == 0 || n < digits + 1)
        return false;
    for (size_t i = 1; i <= digits; i++)
        if (!strchr("0123456789abcdefABCDEF", s[i]) || s[i] == '\0')
            return false;
    return true;
}

/* The next character of s[0..n) as a message shows it: stores the text to
 * write in piece[] (at most 12 bytes) and its length in *len, and returns
 * the bytes of s it stands for. A backslash is doubled when what follows it
 * could make it read as the start of an escape (\\, \x1b, \u202e, \U000e0041
 * or a backslash before an escaped character): "C:\Users" stays as it is,
 * while "\x1b" typed by the user becomes "\\x1b". */
static size_t
quote_piece(const char *s, size_t n, bool keep_lines, bool double_backslash, char piece[16],
            size_t *len)
{
    int32_t cp;
    size_t k = forms_utf8_decode(s, n, &cp);
    if (cp < 0) {
        *len = (size_t)snprintf(piece, 16, "\\x%02x", (unsigned)(unsigned char)s[0]);
        return k;
    }
    if (is_escaped(cp, keep_lines)) {
        if (cp < 0x80)
            *len = (size_t)snprintf(piece, 16, "\\x%02x", (unsigned)cp);
        else if (cp <= 0xFFFF)
            *len = (size_t)snprintf(piece, 16, "\\u%04x", (unsigned)cp);
        else
            *len = (size_t)snprintf(piece, 16, "\\U%08x", (unsigned)cp);
        return k;
    }
    memcpy(piece, s, k);
    *len = k;
    if (cp == '\\' && double_backslash && k < n) {
        int32_t next;
        forms_utf8_decode(s + k, n - k, &next);
        if (next == '\\' || is_escaped(next, keep_lines) || reads_as_escape(s + k, n - k))
            piece[(*len)++] = '\\';
    }
    return k;
}

const char *
sk_quoten(const char *s, size_t n, char *buf, size_t size)
{
    static const char ellipsis[] = "…";
    const size_t n_ell = sizeof ellipsis - 1;
    if (size == 0)
        return buf;
    if (!s)
        s = "", n = 0;
    size_t o = 0;   /* bytes written */
    size_t cut = 0; /* where to cut so that "…" still fits after it */
    size_t i = 0;
    while (i < n) {
        char piece[16];
        size_t len;
        size_t k = quote_piece(s + i, n - i, false, true, piece, &len);
        if (o + len > size - 1) {
            if (cut + n_ell <= size - 1) {
                memcpy(buf + cut, ellipsis, n_ell);
                o = cut + n_ell;
            }
            break;
        }
        memcpy(buf + o, piece, len);
        o += len;
        if (o + n_ell <= size - 1)
            cut = o;
        i += k;
    }
    buf[o] = '\0';
    return buf;
}

const char *
sk_quote(const char *s, char *buf, size_t size)
{
    return sk_quoten(s, s ? strlen(s) : 0, buf, size);
}

void
sk_buf_add_safe(struct sk_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    buf_reserve(b, n);
    for (size_t i = 0; i < n;) {
        char piece[16];
        size_t len;
        i += quote_piece(s + i, n - i, true, false, piece, &len);
        sk_buf_add(b, piece, len);
    }
}

/* The safety net inside sk_fail: a message that holds a control character
 * (data that reached it without sk_quote) gets the escapes of
 * sk_buf_add_safe, so that no caller can show it raw. */
static void
make_safe(char *msg, size_t size)
{
    size_t n = strlen(msg);
    bool is_clean = true;
    for (size_t i = 0; i < n && is_clean;) {
        int32_t cp;
        i += forms_utf8_decode(msg + i, n - i, &cp);
        is_clean = !is_escaped(cp, true);
    }
    if (is_clean)
        return;
    struct sk_buf b = {0};
    sk_buf_add_safe(&b, msg);
    if (b.len < size) {
        memcpy(msg, b.s, b.len + 1);
    } else {
        memcpy(msg, b.s, size - 1);
        end_with_ellipsis(msg, size);
    }
    sk_buf_free(&b);
}
