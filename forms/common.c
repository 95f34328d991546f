/* Shared basics: errors, checked allocation and the growable buffer. */
#include "forms/forms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
sk_fail(struct sk_error *err, enum sk_code code, const char *fmt, ...)
{
    if (!err)
        return false;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
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
