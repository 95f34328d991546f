/* Input encodings of CSV files: UTF-8 (with or without BOM) and
 * Windows-1257, which Latvian Excel writes. Detection reads the whole input
 * once (a regular file is rewound, stdin is spooled to a temporary file), so
 * a file whose first non-ASCII letter is on line 900 000 is still judged
 * right; conversion uses glibc iconv. */
#include "core/internal.h"

#include <nettle/sha2.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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
    else if (strcasecmp(s, "utf-16le") == 0)
        *out = CE_UTF16LE;
    else if (strcasecmp(s, "utf-16be") == 0)
        *out = CE_UTF16BE;
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
    case CE_UTF16LE:
        return "utf-16le";
    case CE_UTF16BE:
        return "utf-16be";
    case CE_AUTO:
        break;
    }
    return "auto";
}

/* Standard input and other non-regular files are copied to a temporary
 * file (the encoding is judged on the whole input) of at most this size. */
#define SPOOL_MAX ((long long)1 << 30)
/* Invalid UTF-8 sequences named one by one; the rest are counted. */
#define BAD_SHOWN 20

/* What one pass over the raw bytes found. */
struct scan {
    size_t valid_mb; /* valid multi-byte UTF-8 sequences */
    size_t invalid;  /* invalid UTF-8 sequences */
    long bad_line[BAD_SHOWN];
    long long bad_off[BAD_SHOWN];
    unsigned char bad_byte[BAD_SHOWN];
    long line;             /* line of the next byte */
    long long off;         /* offset of the next byte in the file */
    unsigned char hold[4]; /* bytes of a sequence cut by the chunk end */
    size_t n_hold;
    long long hi_end; /* offset just past an encoded high surrogate, or -1 */
    /* bytes Windows-1257 leaves undefined, each with its line and offset */
    size_t cp_bad;
    long cp_bad_line[BAD_SHOWN];
    long long cp_bad_off[BAD_SHOWN];
    unsigned char cp_bad_byte[BAD_SHOWN];
    long cp_line; /* line of the next byte, counted byte by byte */
};

/* Whether Windows-1257 leaves the byte c undefined (iconv refuses it). */
static bool
cp1257_undefined(unsigned char c)
{
    static const unsigned char undefined[] = {0x81, 0x83, 0x88, 0x8A, 0x8C, 0x90,
                                              0x98, 0x9A, 0x9C, 0x9F, 0xA1, 0xA5};
    return memchr(undefined, c, sizeof undefined) != NULL;
}

/* The length of the UTF-8 sequence at u[0..n) and whether it is valid,
 * like forms' decoder: no overlong forms, surrogates or code points over
 * U+10FFFF. An invalid one is as long as its lead byte and the continuation
 * bytes that follow it (a character cut short by one byte is one invalid
 * sequence, not two), overlong forms (\xc0\xaf), surrogates (CESU-8's
 * \xed\xa0\xbd) and code points over U+10FFFF (\xf4\x90\x80\x80) included:
 * each counts once against the valid letters of the file. */
static size_t
utf8_seq(const unsigned char *u, size_t n, bool *ok)
{
    unsigned c = u[0];
    size_t len;
    uint32_t v, min;
    *ok = false;
    if (c < 0x80) {
        *ok = true;
        return 1;
    }
    if (c >= 0xC0 && c <= 0xDF) /* 0xC0, 0xC1: always overlong */
        len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF7) /* 0xF5..0xF7: always over U+10FFFF */
        len = 4, v = c & 0x07, min = 0x10000;
    else
        return 1;
    for (size_t i = 1; i < len; i++) {
        if (i >= n || (u[i] & 0xC0) != 0x80)
            return i;
        v = v << 6 | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return len;
    *ok = true;
    return len;
}

static void
scan_bad(struct scan *sc, long long off, unsigned char byte)
{
    sc->hi_end = -1;
    if (sc->invalid < BAD_SHOWN) {
        sc->bad_line[sc->invalid] = sc->line;
        sc->bad_off[sc->invalid] = off;
        sc->bad_byte[sc->invalid] = byte;
    }
    sc->invalid++;
}

/* An invalid sequence of len bytes u[0..len) at off: CESU-8 writes one
 * character outside the BMP as two encoded surrogates (\xed\xa0-\xaf ..
 * then \xed\xb0-\xbf ..), which are one bad character, counted once. */
static void
scan_bad_seq(struct scan *sc, long long off, const unsigned char *u, size_t len)
{
    bool high = len == 3 && u[0] == 0xED && u[1] >= 0xA0 && u[1] <= 0xAF;
    bool low = len == 3 && u[0] == 0xED && u[1] >= 0xB0 && u[1] <= 0xBF;
    if (low && sc->hi_end == off) {
        sc->hi_end = -1; /* the second half of a pair already counted */
        return;
    }
    scan_bad(sc, off, u[0]);
    if (high)
        sc->hi_end = off + 3;
}

/* Scans n bytes (UTF-8 statistics, lines); false at a NUL byte, with
 * sc->off at it. */
static bool
scan_bytes(struct scan *sc, const unsigned char *u, size_t n, bool utf16)
{
    size_t i = 0;
    if (utf16) {
        sc->off += (long long)n;
        return true;
    }
    /* every byte once, for Windows-1257 (sc->off is the offset of u[0]) */
    for (size_t k = 0; k < n; k++) {
        if (u[k] == '\n')
            sc->cp_line++;
        else if (cp1257_undefined(u[k])) {
            if (sc->cp_bad < BAD_SHOWN) {
                sc->cp_bad_line[sc->cp_bad] = sc->cp_line;
                sc->cp_bad_off[sc->cp_bad] = sc->off + (long long)k;
                sc->cp_bad_byte[sc->cp_bad] = u[k];
            }
            sc->cp_bad++;
        }
    }
    /* A sequence cut by the previous chunk end: complete it first. */
    while (sc->n_hold > 0 && i < n) {
        unsigned char buf[8];
        memcpy(buf, sc->hold, sc->n_hold);
        size_t k = 0;
        while (sc->n_hold + k < 4 && i + k < n) {
            buf[sc->n_hold + k] = u[i + k];
            k++;
        }
        bool ok;
        size_t len = utf8_seq(buf, sc->n_hold + k, &ok);
        long long at = sc->off - (long long)sc->n_hold;
        if (!ok && len <= sc->n_hold) {
            scan_bad_seq(sc, at, buf, len);
            /* drop the held bytes it used and try again with the rest */
            sc->n_hold -= len;
            memmove(sc->hold, sc->hold + len, sc->n_hold);
            continue;
        }
        if (!ok) {
            scan_bad_seq(sc, at, buf, len);
            size_t used = len - sc->n_hold;
            sc->n_hold = 0;
            i += used;
            sc->off += (long long)used;
            continue;
        }
        sc->valid_mb++;
        size_t used = len - sc->n_hold;
        sc->n_hold = 0;
        i += used;
        sc->off += (long long)used;
    }
    while (i < n) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if (c == 0)
                return false;
            if (c == '\n')
                sc->line++;
            i++;
            sc->off++;
            continue;
        }
        bool ok;
        size_t len = utf8_seq(u + i, n - i, &ok);
        if (!ok && n - i < 4 && c >= 0xC0 && c <= 0xF7) {
            /* maybe cut by the chunk end: keep it for the next chunk */
            bool cont = true;
            for (size_t k = i + 1; k < n; k++)
                cont = cont && (u[k] & 0xC0) == 0x80;
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (cont && n - i < need) {
                memcpy(sc->hold, u + i, n - i);
                sc->n_hold = n - i;
                sc->off += (long long)(n - i);
                return true;
            }
        }
        if (!ok)
            scan_bad_seq(sc, sc->off, u + i, len);
        else
            sc->valid_mb++;
        i += len;
        sc->off += (long long)len;
    }
    return true;
}

/* A temporary file under $TMPDIR (mode 0600, already unlinked), for the
 * spool of a non-regular input. */
static FILE *
spool_open(struct sk_error *err)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir) + 32;
    char *path = sk_xmalloc(n);
    snprintf(path, n, "%s/skola-spool-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        sk_fail(err, SK_EIO, _("Cannot create a temporary file in %s: %s."), dir, strerror(errno));
        free(path);
        return NULL;
    }
    unlink(path);
    free(path);
    FILE *f = fdopen(fd, "w+b");
    if (!f) {
        sk_fail(err, SK_EIO, _("Cannot create a temporary file: %s."), strerror(errno));
        close(fd);
    }
    return f;
}

/* The spool bound; $SKOLA_SPOOL_MAX (bytes) lowers it for the tests. */
static long long
spool_max(void)
{
    const char *s = getenv("SKOLA_SPOOL_MAX");
    long long v = s && *s ? strtoll(s, NULL, 10) : 0;
    return v > 0 && v < SPOOL_MAX ? v : SPOOL_MAX;
}

/* The byte order mark at the start of buf: its encoding and length. */
static enum core_encoding
bom_of(const char *buf, size_t n, size_t *len)
{
    *len = 0;
    if (n >= 3 && memcmp(buf, utf8_bom, 3) == 0) {
        *len = 3;
        return CE_UTF8;
    }
    if (n >= 2 && (unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) {
        *len = 2;
        return CE_UTF16LE;
    }
    if (n >= 2 && (unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF) {
        *len = 2;
        return CE_UTF16BE;
    }
    return CE_AUTO;
}

/* Reads the input once, copying it into `spool` when that is not NULL:
 * refuses a NUL byte (a binary file) at once and a spool over the bound,
 * and gathers what the choice of the encoding needs. */
static bool
scan_input(struct core_reader *r, FILE *spool, enum core_encoding enc, enum core_encoding *bom,
           struct scan *sc, struct sk_error *err)
{
    bool first = true;
    long long max = spool_max();
    *bom = CE_AUTO;
    /* the input is read whole here anyway: its SHA-256 (the import's audit
     * entry names the file by it) costs no second pass */
    struct sha256_ctx hash;
    sha256_init(&hash);
    for (;;) {
        size_t n = fread(r->raw, 1, CORE_CHUNK, r->f);
        if (n == 0) {
            uint8_t digest[SHA256_DIGEST_SIZE];
            sha256_digest(&hash, sizeof digest, digest);
            static const char hex[] = "0123456789abcdef";
            for (size_t i = 0; i < sizeof digest; i++) {
                r->sha256[2 * i] = hex[digest[i] >> 4];
                r->sha256[2 * i + 1] = hex[digest[i] & 15];
            }
            r->sha256[64] = '\0';
            break;
        }
        sha256_update(&hash, n, (const uint8_t *)r->raw);
        if (first) {
            size_t len;
            *bom = bom_of(r->raw, n, &len);
            first = false;
        }
        /* UTF-16 has NUL bytes in its text: it is checked once converted */
        bool utf16 =
            *bom == CE_UTF16LE || *bom == CE_UTF16BE || enc == CE_UTF16LE || enc == CE_UTF16BE;
        long long before = sc->off;
        bool text = scan_bytes(sc, (const unsigned char *)r->raw, n, utf16);
        if (!text && r->on_problem) {
            struct sk_error e = {.code = SK_EINVAL, .line = sc->line};
            snprintf(e.msg, sizeof e.msg,
                     _("byte %lld of the file is a NUL byte: this is a binary file, not a CSV "
                       "text file; nothing was read"),
                     sc->off + 1);
            r->on_problem(r->ctx, &e);
            return sk_fail(err, SK_EINVAL, "%s", e.msg);
        }
        if (!text)
            return sk_fail(err, SK_EINVAL,
                           _("Line %ld has a NUL byte (byte %lld of the file): this is a binary "
                             "file, not a CSV text file; nothing was read."),
                           sc->line, sc->off + 1);
        if (spool) {
            if (before + (long long)n > max) {
                char size[32];
                if (max % SPOOL_MAX == 0)
                    snprintf(size, sizeof size, "%lld GiB", max >> 30);
                else
                    snprintf(size, sizeof size, "%lld MiB", max >> 20);
                return sk_fail(err, SK_EINVAL,
                               _("The input is larger than %s, the most skola reads from "
                                 "standard input or a pipe; save it to a file and import that."),
                               size);
            }
            if (fwrite(r->raw, 1, n, spool) != n)
                return sk_fail(err, SK_EIO, _("Cannot write a temporary file: %s."),
                               strerror(errno));
        }
    }
    if (ferror(r->f))
        return sk_fail(err, SK_EIO, _("Cannot read the file: %s."), strerror(errno));
    if (sc->n_hold > 0) /* the input ends inside a sequence: one invalid one */
        scan_bad(sc, sc->off - (long long)sc->n_hold, sc->hold[0]);
    return true;
}

/* A file that is mostly UTF-8 but has invalid bytes: each is a problem of
 * its line, and nothing is guessed. */
static bool
report_bad_utf8(struct core_reader *r, const struct scan *sc, struct sk_error *err)
{
    for (size_t i = 0; i < sc->invalid && i < BAD_SHOWN; i++) {
        struct sk_error e = {.code = SK_EINVAL, .line = sc->bad_line[i]};
        snprintf(e.msg, sizeof e.msg,
                 _("byte %lld of the file (0x%02X) is not valid UTF-8, but the rest of the "
                   "file is UTF-8: correct it, or give --encoding cp1257 if the file is "
                   "Windows-1257"),
                 sc->bad_off[i] + 1, sc->bad_byte[i]);
        if (r->on_problem)
            r->on_problem(r->ctx, &e);
    }
    if (sc->invalid > BAD_SHOWN && r->on_problem) {
        struct sk_error e = {.code = SK_EINVAL, .line = sc->bad_line[BAD_SHOWN - 1]};
        size_t more = sc->invalid - BAD_SHOWN;
        snprintf(e.msg, sizeof e.msg,
                 dngettext(SK_DOMAIN, "%zu more byte is not valid UTF-8",
                           "%zu more bytes are not valid UTF-8", more),
                 more);
        if (r->on_problem)
            r->on_problem(r->ctx, &e);
    }
    return sk_fail(err, SK_EINVAL,
                   dngettext(SK_DOMAIN,
                             "The file is UTF-8 except for %zu byte (line %ld); correct it, "
                             "or give --encoding cp1257 if the file is Windows-1257.",
                             "The file is UTF-8 except for %zu bytes (the first on line %ld); "
                             "correct them, or give --encoding cp1257 if the file is "
                             "Windows-1257.",
                             sc->invalid),
                   sc->invalid, sc->bad_line[0]);
}

/* A Windows-1257 file with bytes the code page leaves undefined: each is a
 * problem of its line, and nothing is read (no U+FFFD in the database). */
static bool
report_bad_cp1257(struct core_reader *r, const struct scan *sc, struct sk_error *err)
{
    for (size_t i = 0; i < sc->cp_bad && i < BAD_SHOWN; i++) {
        struct sk_error e = {.code = SK_EINVAL, .line = sc->cp_bad_line[i]};
        snprintf(e.msg, sizeof e.msg,
                 _("byte %lld of the file (0x%02X) is not a Windows-1257 character: correct "
                   "it, or give the right --encoding"),
                 sc->cp_bad_off[i] + 1, sc->cp_bad_byte[i]);
        if (r->on_problem)
            r->on_problem(r->ctx, &e);
    }
    return sk_fail(err, SK_EINVAL,
                   _("The file is read as Windows-1257, but %zu of its bytes are not "
                     "Windows-1257 characters (the first: line %ld, byte %lld); nothing was "
                     "read."),
                   sc->cp_bad, sc->cp_bad_line[0], sc->cp_bad_off[0] + 1);
}

bool
core_reader_open(struct core_reader *r, const char *path, enum core_encoding enc,
                 core_error_fn on_problem, void *ctx, struct sk_error *err)
{
    memset(r, 0, sizeof *r);
    r->cd = (iconv_t)-1;
    r->at_start = true;
    r->on_problem = on_problem;
    r->ctx = ctx;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        if (!r->f)
            return sk_fail(err, SK_EIO, _("Cannot open “%s”: %s."), SK_QUOTE(path),
                           strerror(errno));
        r->owns_f = true;
    }
    struct stat st;
    bool have_st = fstat(fileno(r->f), &st) == 0;
    if (have_st && S_ISDIR(st.st_mode)) {
        sk_fail(err, SK_EIO, _("Cannot read “%s”: it is a folder."), SK_QUOTE(path));
        core_reader_close(r);
        return false;
    }
    r->raw = sk_xmalloc(CORE_CHUNK + 8);
    bool seekable = have_st && S_ISREG(st.st_mode);
    FILE *spool = NULL;
    if (!seekable && !(spool = spool_open(err))) {
        core_reader_close(r);
        return false;
    }
    enum core_encoding bom;
    struct scan sc = {.line = 1, .hi_end = -1, .cp_line = 1};
    if (!scan_input(r, spool, enc, &bom, &sc, err)) {
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
    if (bom == CE_UTF16LE || bom == CE_UTF16BE)
        enc = bom; /* a UTF-16 byte order mark is never a Windows-1257 text */
    if (enc == CE_AUTO) {
        /* UTF-8 unless no valid multi-byte sequence outnumbers the invalid
         * ones: Windows-1257 letters next to each other or to ASCII are
         * hardly ever valid UTF-8, so such a file is Windows-1257, and a
         * UTF-8 file with a few bad bytes is refused, never turned into
         * mojibake. */
        if (bom == CE_UTF8 || sc.invalid == 0 || sc.valid_mb >= sc.invalid) {
            enc = CE_UTF8;
            if (sc.invalid > 0) {
                r->enc = enc;
                report_bad_utf8(r, &sc, err);
                core_reader_close(r);
                return false;
            }
        } else {
            enc = CE_CP1257;
        }
    }
    r->enc = enc;
    if (enc == CE_CP1257 && sc.cp_bad > 0) {
        report_bad_cp1257(r, &sc, err);
        core_reader_close(r);
        return false;
    }
    const char *from = enc == CE_CP1257    ? "CP1257"
                       : enc == CE_UTF16LE ? "UTF-16LE"
                       : enc == CE_UTF16BE ? "UTF-16BE"
                                           : NULL;
    if (from) {
        r->cd = iconv_open("UTF-8", from);
        if (r->cd == (iconv_t)-1) {
            sk_fail(err, SK_EIO, _("Conversion from %s is not available: %s."),
                    core_encoding_name(enc), strerror(errno));
            core_reader_close(r);
            return false;
        }
        r->conv_cap = 3 * (size_t)CORE_CHUNK + 16;
        r->conv = sk_xmalloc(r->conv_cap);
    }
    return true;
}

/* Converts n UTF-16 bytes (after r->carry held bytes at the start of
 * r->raw) into r->conv; an incomplete unit or pair at the end is kept for
 * the next chunk. Fails on an unpaired surrogate or a U+0000. */
static bool
convert_utf16(struct core_reader *r, size_t n, size_t *out_n, struct sk_error *err)
{
    char *in = r->raw;
    size_t in_left = n;
    char *out = r->conv;
    size_t out_left = r->conv_cap;
    size_t rc = iconv(r->cd, &in, &in_left, &out, &out_left);
    if (rc == (size_t)-1 && errno == EINVAL && !r->eof) {
        memmove(r->raw, in, in_left); /* cut by the chunk end */
        r->carry = in_left;
    } else if (rc == (size_t)-1 || in_left > 0) {
        return sk_fail(err, SK_EINVAL,
                       _("The file is not valid UTF-16 near byte %lld; save it again as UTF-8 "
                         "or as Unicode text."),
                       r->consumed - (long long)in_left + 1);
    } else {
        r->carry = 0;
    }
    *out_n = r->conv_cap - out_left;
    if (memchr(r->conv, '\0', *out_n))
        return sk_fail(err, SK_EINVAL, "%s",
                       _("The file has a NUL character: this is a binary file, not a CSV text "
                         "file; nothing was read."));
    return true;
}

/* Converts n Windows-1257 bytes into r->conv; a byte the code page leaves
 * undefined (refused when the file was opened) would become U+FFFD. */
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
        size_t got = fread(r->raw + r->carry, 1, CORE_CHUNK, r->f);
        if (got < CORE_CHUNK) {
            if (ferror(r->f))
                return sk_fail(err, SK_EIO, _("Cannot read the file: %s."), strerror(errno));
            r->eof = true;
        }
        r->consumed += (long long)got;
        char *p = r->raw;
        if (r->at_start) {
            r->at_start = false;
            size_t len;
            enum core_encoding bom = bom_of(p, got, &len);
            if (bom == r->enc) {
                memmove(p, p + len, got - len);
                got -= len;
            }
        }
        if (r->enc == CE_UTF16LE || r->enc == CE_UTF16BE) {
            if (!convert_utf16(r, r->carry + got, n, err))
                return false;
            if (*n == 0)
                continue;
            *out = r->conv;
            return true;
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
