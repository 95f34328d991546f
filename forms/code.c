/* Codes that name things (schools, criteria templates): a small safe set
 * of characters, because they end up in file names and in other schools'
 * tables, and two codes must not differ only in case or spacing. */
#include "forms/forms.h"

#include <stdlib.h>
#include <string.h>

static bool
is_code_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

char *
forms_trim_dup(const char *s)
{
    if (!s)
        s = "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    char *out = sk_xmalloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

bool
forms_code_check(const char *code, struct sk_error *err)
{
    if (!code || !*code)
        return sk_fail(err, SK_EINVAL, "%s", _("the code is empty"));
    /* control and invisible characters first: that message names them */
    if (!forms_text_check(code, strlen(code), false, true, err))
        return false;
    if (strlen(code) > 40)
        return sk_fail(err, SK_EINVAL, "%s", _("the code is longer than 40 characters"));
    if (code[0] == '.')
        return sk_fail(err, SK_EINVAL, _("“%s” starts with a dot; a code may not"), SK_QUOTE(code));
    for (const unsigned char *p = (const unsigned char *)code; *p; p++)
        if (!is_code_char(*p))
            return sk_fail(err, SK_EINVAL,
                           _("“%s” has a character a code may not have; use only Latin letters "
                             "without diacritics, digits, “-”, “_” and “.”"),
                           SK_QUOTE(code));
    /* a leading '-' reads as an option; a trailing '.' or ".." is lost or
     * means "the folder above" in file names on some systems */
    if (code[0] == '-')
        return sk_fail(err, SK_EINVAL, _("“%s” starts with “-”; a code may not"), SK_QUOTE(code));
    if (code[strlen(code) - 1] == '.' || strstr(code, ".."))
        return sk_fail(err, SK_EINVAL,
                       _("“%s” ends with a dot or has two dots together; a code may not"),
                       SK_QUOTE(code));
    return true;
}

char *
forms_code_file_part(const char *code)
{
    char *out = sk_xstrdup(code && *code ? code : "_");
    for (char *p = out; *p; p++)
        if (!is_code_char((unsigned char)*p) || (p == out && *p == '.'))
            *p = '_';
    return out;
}
