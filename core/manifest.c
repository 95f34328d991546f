/* manifest.json of the municipality package: the writer and a small strict
 * reader of exactly that format (one object, known keys, no extras), and
 * SHA-256 through nettle. The reader is fed untrusted files by the
 * municipality, so it checks every length and never recurses deeper than
 * the format does. */
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

const char *const core_package_files[] = {
    "summary.csv", "self-assessment.csv", "priorities.csv", "devices.csv", "staff.csv",
};
const size_t core_package_n_files = SK_ARRAY_LEN(core_package_files);
_Static_assert(SK_ARRAY_LEN(core_package_files) <= CORE_MANIFEST_MAX_FILES, "files fit");

void
core_sha256_hex(const void *data, size_t n, char out[static 65])
{
    struct sha256_ctx c;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, n, data);
    sha256_digest(&c, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}

/* ------------------------------------------------------------------ writer */

static void
json_string(struct sk_buf *b, const char *s)
{
    sk_buf_adds(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_addf(b, "\\%c", *p);
        else if (*p == '\n')
            sk_buf_adds(b, "\\n");
        else if (*p < 0x20 || *p == 0x7f)
            sk_buf_addf(b, "\\u%04x", *p);
        else
            sk_buf_add(b, (const char *)p, 1);
    }
    sk_buf_adds(b, "\"");
}

char *
core_manifest_format(const struct core_manifest *m)
{
    struct sk_buf b = {0};
    sk_buf_adds(&b, "{\n  \"format\": ");
    json_string(&b, m->format);
    sk_buf_addf(&b, ",\n  \"format_version\": %d,\n  \"school_code\": ", m->format_version);
    json_string(&b, m->school_code);
    sk_buf_adds(&b, ",\n  \"school_name\": ");
    json_string(&b, m->school_name);
    sk_buf_adds(&b, ",\n  \"municipality\": ");
    json_string(&b, m->municipality);
    sk_buf_addf(&b, ",\n  \"year\": %d,\n  \"reference_date\": ", m->year);
    json_string(&b, m->reference_date);
    if (m->format_version >= 2) {
        sk_buf_adds(&b, ",\n  \"snapshot_date\": ");
        json_string(&b, m->snapshot_date);
    }
    sk_buf_adds(&b, ",\n  \"program_version\": ");
    json_string(&b, m->program_version);
    sk_buf_adds(&b, ",\n  \"created\": ");
    json_string(&b, m->created);
    sk_buf_adds(&b, ",\n  \"files\": [");
    for (size_t i = 0; i < m->n_files; i++) {
        sk_buf_adds(&b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        json_string(&b, m->files[i].name);
        sk_buf_addf(&b, ", \"rows\": %lld, \"sha256\": ", (long long)m->files[i].rows);
        json_string(&b, m->files[i].sha256);
        sk_buf_adds(&b, "}");
    }
    sk_buf_adds(&b, "\n  ]\n}\n");
    return b.s;
}

/* ------------------------------------------------------------------ reader */

struct jp {
    const char *p, *end;
    struct sk_error *err;
};

static bool
jp_fail(struct jp *j, const char *what)
{
    return sk_fail(j->err, SK_EINVAL, _("manifest.json is not a valid package manifest: %s."),
                   what);
}

static void
jp_ws(struct jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static bool
jp_char(struct jp *j, char c)
{
    jp_ws(j);
    if (j->p < j->end && *j->p == c) {
        j->p++;
        return true;
    }
    return false;
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A JSON string into out (cap bytes with the NUL); too long is an error. */
static bool
jp_string(struct jp *j, char *out, size_t cap)
{
    if (!jp_char(j, '"'))
        return jp_fail(j, _("a text in quotes was expected"));
    size_t n = 0;
    for (;;) {
        if (j->p >= j->end)
            return jp_fail(j, _("a text is not closed"));
        unsigned char c = (unsigned char)*j->p++;
        char buf[4];
        size_t len = 1;
        if (c == '"')
            break;
        if (c < 0x20)
            return jp_fail(j, _("a text holds a control character"));
        buf[0] = (char)c;
        if (c == '\\') {
            if (j->p >= j->end)
                return jp_fail(j, _("a text is not closed"));
            char e = *j->p++;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                buf[0] = e;
                break;
            case 'b':
                buf[0] = '\b';
                break;
            case 'f':
                buf[0] = '\f';
                break;
            case 'n':
                buf[0] = '\n';
                break;
            case 'r':
                buf[0] = '\r';
                break;
            case 't':
                buf[0] = '\t';
                break;
            case 'u': {
                if (j->end - j->p < 4)
                    return jp_fail(j, _("a \\u escape is cut short"));
                unsigned cp = 0;
                for (int k = 0; k < 4; k++) {
                    int h = hexval(j->p[k]);
                    if (h < 0)
                        return jp_fail(j, _("a \\u escape is not hexadecimal"));
                    cp = cp << 4 | (unsigned)h;
                }
                j->p += 4;
                if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
                    return jp_fail(j, _("a \\u escape is not a character"));
                if (cp < 0x80) {
                    buf[0] = (char)cp;
                } else if (cp < 0x800) {
                    buf[0] = (char)(0xc0 | cp >> 6);
                    buf[1] = (char)(0x80 | (cp & 0x3f));
                    len = 2;
                } else {
                    buf[0] = (char)(0xe0 | cp >> 12);
                    buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
                    buf[2] = (char)(0x80 | (cp & 0x3f));
                    len = 3;
                }
                break;
            }
            default:
                return jp_fail(j, _("a text has an unknown escape"));
            }
        }
        if (n + len >= cap)
            return jp_fail(j, _("a text is too long"));
        memcpy(out + n, buf, len);
        n += len;
    }
    out[n] = '\0';
    if (!forms_utf8_valid(out, n))
        return jp_fail(j, _("a text is not UTF-8"));
    return true;
}

static bool
jp_int(struct jp *j, int64_t max, int64_t *out)
{
    jp_ws(j);
    const char *start = j->p;
    int64_t v = 0;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
        if (v > (max - (*j->p - '0')) / 10)
            return jp_fail(j, _("a number is too large"));
        v = v * 10 + (*j->p++ - '0');
    }
    if (j->p == start)
        return jp_fail(j, _("a whole number was expected"));
    if (j->p - start > 1 && *start == '0')
        return jp_fail(j, _("a number has a leading zero"));
    if (j->p < j->end && (*j->p == '.' || *j->p == 'e' || *j->p == 'E'))
        return jp_fail(j, _("a whole number was expected"));
    *out = v;
    return true;
}

static bool
is_hex64(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == 64;
}

static bool
jp_file(struct jp *j, struct core_manifest_file *f)
{
    if (!jp_char(j, '{'))
        return jp_fail(j, _("a file entry must be an object"));
    bool seen[3] = {false, false, false};
    for (;;) {
        char key[32];
        if (!jp_string(j, key, sizeof key))
            return false;
        if (!jp_char(j, ':'))
            return jp_fail(j, _("“:” was expected after a key"));
        int k = strcmp(key, "name") == 0     ? 0
                : strcmp(key, "rows") == 0   ? 1
                : strcmp(key, "sha256") == 0 ? 2
                                             : -1;
        if (k < 0)
            return jp_fail(j, _("a file entry has an unknown key"));
        if (seen[k])
            return jp_fail(j, _("a file entry repeats a key"));
        seen[k] = true;
        bool ok = k == 0   ? jp_string(j, f->name, sizeof f->name)
                  : k == 1 ? jp_int(j, INT64_C(999999999999), &f->rows)
                           : jp_string(j, f->sha256, sizeof f->sha256);
        if (!ok)
            return false;
        if (jp_char(j, ','))
            continue;
        if (jp_char(j, '}'))
            break;
        return jp_fail(j, _("“,” or “}” was expected"));
    }
    if (!seen[0] || !seen[1] || !seen[2])
        return jp_fail(j, _("a file entry lacks name, rows or sha256"));
    if (!is_hex64(f->sha256))
        return jp_fail(j, _("a checksum is not 64 hexadecimal digits"));
    bool known = false;
    for (size_t i = 0; i < core_package_n_files; i++)
        known = known || strcmp(core_package_files[i], f->name) == 0;
    if (!known)
        return jp_fail(j, _("a file of the package has an unknown name"));
    return true;
}

enum mkey {
    MK_FORMAT,
    MK_FORMAT_VERSION,
    MK_SCHOOL_CODE,
    MK_SCHOOL_NAME,
    MK_MUNICIPALITY,
    MK_YEAR,
    MK_REFERENCE_DATE,
    MK_SNAPSHOT_DATE,
    MK_PROGRAM_VERSION,
    MK_CREATED,
    MK_FILES,
    MK_N
};
static const char *const mkeys[] = {
    "format",         "format_version", "school_code",     "school_name", "municipality", "year",
    "reference_date", "snapshot_date",  "program_version", "created",     "files",
};
_Static_assert(SK_ARRAY_LEN(mkeys) == MK_N, "one name per manifest key");

static bool
jp_files(struct jp *j, struct core_manifest *m)
{
    if (!jp_char(j, '['))
        return jp_fail(j, _("“files” must be a list"));
    if (jp_char(j, ']'))
        return true;
    for (;;) {
        if (m->n_files == CORE_MANIFEST_MAX_FILES)
            return jp_fail(j, _("too many files are listed"));
        struct core_manifest_file *f = &m->files[m->n_files];
        if (!jp_file(j, f))
            return false;
        for (size_t i = 0; i < m->n_files; i++)
            if (strcmp(m->files[i].name, f->name) == 0)
                return jp_fail(j, _("a file is listed twice"));
        m->n_files++;
        if (jp_char(j, ','))
            continue;
        if (jp_char(j, ']'))
            return true;
        return jp_fail(j, _("“,” or “]” was expected"));
    }
}

bool
core_manifest_parse(const char *text, size_t n, struct core_manifest *out, struct sk_error *err)
{
    memset(out, 0, sizeof *out);
    struct jp j = {.p = text, .end = text + n, .err = err};
    if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        j.p += 3;
    if (!jp_char(&j, '{'))
        return jp_fail(&j, _("it does not start with “{”"));
    bool seen[MK_N] = {false};
    for (;;) {
        char key[32];
        if (!jp_string(&j, key, sizeof key))
            return false;
        if (!jp_char(&j, ':'))
            return jp_fail(&j, _("“:” was expected after a key"));
        int k = -1;
        for (int i = 0; i < MK_N; i++)
            if (strcmp(key, mkeys[i]) == 0)
                k = i;
        if (k < 0)
            return jp_fail(&j, _("it has an unknown key"));
        if (seen[k])
            return jp_fail(&j, _("it repeats a key"));
        seen[k] = true;
        int64_t v = 0;
        bool ok = true;
        switch ((enum mkey)k) {
        case MK_FORMAT:
            ok = jp_string(&j, out->format, sizeof out->format);
            break;
        case MK_FORMAT_VERSION:
            ok = jp_int(&j, 1000000, &v);
            out->format_version = (int)v;
            break;
        case MK_SCHOOL_CODE:
            ok = jp_string(&j, out->school_code, sizeof out->school_code);
            break;
        case MK_SCHOOL_NAME:
            ok = jp_string(&j, out->school_name, sizeof out->school_name);
            break;
        case MK_MUNICIPALITY:
            ok = jp_string(&j, out->municipality, sizeof out->municipality);
            break;
        case MK_YEAR:
            ok = jp_int(&j, 9999, &v);
            out->year = (int)v;
            break;
        case MK_REFERENCE_DATE:
            ok = jp_string(&j, out->reference_date, sizeof out->reference_date);
            break;
        case MK_SNAPSHOT_DATE:
            ok = jp_string(&j, out->snapshot_date, sizeof out->snapshot_date);
            break;
        case MK_PROGRAM_VERSION:
            ok = jp_string(&j, out->program_version, sizeof out->program_version);
            break;
        case MK_CREATED:
            ok = jp_string(&j, out->created, sizeof out->created);
            break;
        case MK_FILES:
            ok = jp_files(&j, out);
            break;
        case MK_N:
            break;
        }
        if (!ok)
            return false;
        if (jp_char(&j, ','))
            continue;
        if (jp_char(&j, '}'))
            break;
        return jp_fail(&j, _("“,” or “}” was expected"));
    }
    jp_ws(&j);
    if (j.p != j.end)
        return jp_fail(&j, _("there is text after the closing “}”"));
    /* version 1 (the previous release) has no snapshot date; later ones must */
    bool v1 = seen[MK_FORMAT_VERSION] && out->format_version == 1;
    if (v1 && seen[MK_SNAPSHOT_DATE])
        return jp_fail(&j, _("it has an unknown key"));
    for (int i = 0; i < MK_N; i++)
        if (!seen[i] && !(v1 && i == MK_SNAPSHOT_DATE)) {
            char what[96];
            snprintf(what, sizeof what, _("the key “%s” is missing"), mkeys[i]);
            return jp_fail(&j, what);
        }
    if (strcmp(out->format, CORE_MANIFEST_FORMAT) != 0)
        return jp_fail(&j, _("it is not a skola municipality package"));
    if (out->format_version < CORE_MANIFEST_MIN_VERSION ||
        out->format_version > CORE_MANIFEST_VERSION)
        return jp_fail(&j, _("it was written in a package format this program does not know"));
    if (!out->school_code[0])
        return jp_fail(&j, _("the school code is empty"));
    if (out->year < 2000 || out->year > 2100)
        return jp_fail(&j, _("the school year is not between 2000 and 2100"));
    sk_date snap;
    if (!v1 && (strlen(out->snapshot_date) != 10 || out->snapshot_date[4] != '-' ||
                !sk_date_parse(out->snapshot_date, &snap)))
        return jp_fail(&j, _("the snapshot date is not a date (YYYY-MM-DD)"));
    return true;
}
