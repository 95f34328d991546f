/* Input encodings of CSV files: UTF-8 (with or without BOM) and
 * Windows-1257, which Latvian Excel writes. Detection reads the whole input
 * once (a regular file is rewound, stdin is spooled to a temporary file), so
 * a file whose first non-ASCII letter is on line 900 000 is still judged
 * right; conversion uses glibc iconv. */
#include "core/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char utf8_bom[3] = {'\xef', '\xbb', '\xbf'};

bool
core_encoding_parse(const char *s, enum core_encoding *out)
{
    if (!s)
        return false;
    if (strcasecmp(s, "auto") == 0)
        *out = CE_AUTO;
    else if (strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0)
        *out = CE_UTF8;
    else if (strcasecmp(s, "cp1257") == 0 || strcasecmp(s, "windows-1257") == 0)
        *out = CE_CP1257;
    else
        return false;
    return true;
}

const char *
core_encoding_name(enum core_encoding e)
{
    switch (e) {
    case CE_UTF8:
        return "utf-8";
    case CE_CP1257:
        return "cp1257";
    case CE_AUTO:
        break;
    }
    return "auto";
}

/* Length of the prefix of s[0..n) that ends on a code point boundary: at
 * most 3 bytes of an incomplete sequence are held back for the next chunk. */
static size_t
utf8_complete_prefix(const unsigned char *s, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char b = s[n - k];
        if ((b & 0xC0) == 0x80)
            continue;
        if (b < 0xC0)
            return n;
        size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        return need > k ? n - k : n;
    }
    return n;
}

/* forms_utf8_valid with a fast path over ASCII: only the runs of non-ASCII
 * bytes (which end before the next ASCII byte in valid text) are decoded. */
static bool
utf8_valid_fast(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && u[j] >= 0x80)
            j++;
        if (!forms_utf8_valid(s + i, j - i))
            return false;
        i = j;
    }
    return true;
}

/* Reads f to the end, copying it into `spool` when that is not NULL, and
 * tells whether it starts with a BOM and whether it is valid UTF-8. */
static bool
scan_input(FILE *f, FILE *spool, char *buf, bool *has_bom, bool *valid, struct sk_error *err)
{
    size_t carry = 0;
    bool first = true;
    *has_bom = false;
    *valid = true;
    for (;;) {
        size_t n = fread(buf + carry, 1, CORE_CHUNK, f);
        if (n == 0)
            break;
        if (spool && fwrite(buf + carry, 1, n, spool) != n)
            return sk_fail(err, SK_EIO, _("Cannot write a temporary file: %s."), strerror(errno));
        size_t len = carry + n;
        if (first && len >= 3 && memcmp(buf, utf8_bom, 3) == 0)
            *has_bom = true;
        first = false;
        size_t cut = utf8_complete_prefix((const unsigned char *)buf, len);
        if (*valid && !utf8_valid_fast(buf, cut))
            *valid = false;
        carry = len - cut;
        memmove(buf, buf + cut, carry);
        if (!*valid && !spool)
            break;
    }
    if (ferror(f))
        return sk_fail(err, SK_EIO, _("Cannot read the file: %s."), strerror(errno));
    if (carry)
        *valid = false; /* the input ends inside a sequence */
    return true;
}

bool
core_reader_open(struct core_reader *r, const char *path, enum core_encoding enc,
                 struct sk_error *err)
{
    memset(r, 0, sizeof *r);
    r->cd = (iconv_t)-1;
    r->at_start = true;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        if (!r->f)
            return sk_fail(err, SK_EIO, _("Cannot open “%s”: %s."), SK_QUOTE(path),
                           strerror(errno));
        r->owns_f = true;
    }
    r->raw = sk_xmalloc(CORE_CHUNK + 4);
    if (enc == CE_AUTO) {
        struct stat st;
        bool seekable = fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode);
        FILE *spool = NULL;
        if (!seekable) {
            spool = tmpfile();
            if (!spool) {
                sk_fail(err, SK_EIO, _("Cannot create a temporary file: %s."), strerror(errno));
                core_reader_close(r);
                return false;
            }
        }
        bool has_bom, valid;
        if (!scan_input(r->f, spool, r->raw, &has_bom, &valid, err)) {
            if (spool)
                fclose(spool);
            core_reader_close(r);
            return false;
        }
        if (spool) {
            if (r->owns_f)
                fclose(r->f);
            r->f = spool;
            r->owns_f = true;
        }
        if (fseeko(r->f, 0, SEEK_SET) != 0) {
            sk_fail(err, SK_EIO, _("Cannot read the file: %s."), strerror(errno));
            core_reader_close(r);
            return false;
        }
        enc = has_bom || valid ? CE_UTF8 : CE_CP1257;
    }
    r->enc = enc;
    if (enc == CE_CP1257) {
        r->cd = iconv_open("UTF-8", "CP1257");
        if (r->cd == (iconv_t)-1) {
            sk_fail(err, SK_EIO, _("Windows-1257 conversion is not available: %s."),
                    strerror(errno));
            core_reader_close(r);
            return false;
        }
        r->conv_cap = 3 * (size_t)CORE_CHUNK + 8;
        r->conv = sk_xmalloc(r->conv_cap);
    }
    return true;
}

/* Converts n Windows-1257 bytes into r->conv; a byte the code page leaves
 * undefined becomes U+FFFD. */
static size_t
convert_cp1257(struct core_reader *r, char *in, size_t n)
{
    char *out = r->conv;
    size_t out_left = r->conv_cap;
    while (n > 0) {
        size_t rc = iconv(r->cd, &in, &n, &out, &out_left);
        if (rc != (size_t)-1)
            break;
        if (errno != EILSEQ && errno != EINVAL)
            break; /* E2BIG cannot happen: 3 bytes out per byte in is enough */
        memcpy(out, "\xef\xbf\xbd", 3);
        out += 3;
        out_left -= 3;
        in++;
        n--;
    }
    return r->conv_cap - out_left;
}

bool
core_reader_read(struct core_reader *r, const char **out, size_t *n, struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    while (!r->eof) {
        size_t got = fread(r->raw, 1, CORE_CHUNK, r->f);
        if (got < CORE_CHUNK) {
            if (ferror(r->f))
                return sk_fail(err, SK_EIO, _("Cannot read the file: %s."), strerror(errno));
            r->eof = true;
        }
        char *p = r->raw;
        if (r->at_start) {
            r->at_start = false;
            if (r->enc == CE_UTF8 && got >= 3 && memcmp(p, utf8_bom, 3) == 0) {
                p += 3;
                got -= 3;
            }
        }
        if (got == 0)
            continue;
        if (r->enc == CE_CP1257) {
            *n = convert_cp1257(r, p, got);
            *out = r->conv;
        } else {
            *out = p;
            *n = got;
        }
        return true;
    }
    return true;
}

void
core_reader_close(struct core_reader *r)
{
    if (r->f && r->owns_f)
        fclose(r->f);
    r->f = NULL;
    if (r->cd != (iconv_t)-1 && r->cd != (iconv_t)0)
        iconv_close(r->cd);
    r->cd = (iconv_t)-1;
    free(r->raw);
    free(r->conv);
    r->raw = r->conv = NULL;
}
