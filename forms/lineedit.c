/* The text being edited in a form field: UTF-8 in, edit operations in, no
 * curses (tui/ translates keys into forms_le_op and draws the buffer). */
#include "forms/forms.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "forms/internal.h"

static void
le_reserve(struct forms_lineedit *le, size_t need)
{
    if (need + 1 <= le->cap)
        return;
    size_t cap = le->cap ? le->cap : 32;
    while (cap < need + 1)
        cap *= 2;
    le->buf = sk_xrealloc(le->buf, cap);
    le->cap = cap;
}

void
forms_le_init(struct forms_lineedit *le, const char *text, size_t max_chars)
{
    le->buf = NULL;
    le->len = 0;
    le->cap = 0;
    le->cursor = 0;
    le->max_chars = max_chars;
    le->multiline = false;
    forms_le_set(le, text);
}

void
forms_le_fini(struct forms_lineedit *le)
{
    if (!le)
        return;
    free(le->buf);
    le->buf = NULL;
    le->len = le->cap = le->cursor = 0;
}

void
forms_le_set(struct forms_lineedit *le, const char *text)
{
    /* Existing text longer than max_chars is kept whole: the editor must
     * not lose data; validation reports the length. */
    size_t n = text ? strlen(text) : 0;
    if (le->buf && text >= le->buf && text < le->buf + le->cap) {
        /* Part of our own buffer, which le_reserve may move. */
        memmove(le->buf, text, n + 1);
    } else {
        le_reserve(le, n);
        if (n)
            memcpy(le->buf, text, n);
    }
    le->buf[n] = '\0';
    le->len = n;
    le->cursor = n;
}

bool
forms_le_insert(struct forms_lineedit *le, const char *utf8, size_t n)
{
    int32_t cp;
    if (n == 0 || forms_utf8_decode(utf8, n, &cp) != n || cp < 0)
        return false;
    if (forms_utf8_is_control(cp) && !(le->multiline && (cp == '\n' || cp == '\t')))
        return false;
    if (le->max_chars && forms_utf8_len(le->buf) >= le->max_chars)
        return false;
    le_reserve(le, le->len + n);
    memmove(le->buf + le->cursor + n, le->buf + le->cursor, le->len - le->cursor + 1);
    memcpy(le->buf + le->cursor, utf8, n);
    le->len += n;
    le->cursor += n;
    return true;
}

/* Offset of the code point before `at` (invalid bytes are one each). */
static size_t
prev_cp(const struct forms_lineedit *le, size_t at)
{
    if (at == 0)
        return 0;
    size_t p = at - 1;
    while (p > 0 && at - p < 4 && ((unsigned char)le->buf[p] & 0xC0) == 0x80)
        p--;
    int32_t cp;
    if (forms_utf8_decode(le->buf + p, le->len - p, &cp) == at - p)
        return p;
    return at - 1;
}

static size_t
next_cp(const struct forms_lineedit *le, size_t at)
{
    if (at >= le->len)
        return le->len;
    int32_t cp;
    return at + forms_utf8_decode(le->buf + at, le->len - at, &cp);
}

static int32_t
cp_at(const struct forms_lineedit *le, size_t at)
{
    int32_t cp;
    forms_utf8_decode(le->buf + at, le->len - at, &cp);
    return cp;
}

/* Letters, digits and marks make words ("Bērziņš" is one word). */
static bool
is_word_cp(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static bool
is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 || cp == 0x202F;
}

static size_t
line_start(const struct forms_lineedit *le, size_t at)
{
    while (at > 0 && le->buf[at - 1] != '\n')
        at--;
    return at;
}

static size_t
line_end(const struct forms_lineedit *le, size_t at)
{
    while (at < le->len && le->buf[at] != '\n')
        at++;
    return at;
}

static size_t
word_left(const struct forms_lineedit *le, size_t at, bool (*in_word)(int32_t))
{
    while (at > 0 && !in_word(cp_at(le, prev_cp(le, at))))
        at = prev_cp(le, at);
    while (at > 0 && in_word(cp_at(le, prev_cp(le, at))))
        at = prev_cp(le, at);
    return at;
}

static size_t
word_right(const struct forms_lineedit *le, size_t at)
{
    while (at < le->len && !is_word_cp(cp_at(le, at)))
        at = next_cp(le, at);
    while (at < le->len && is_word_cp(cp_at(le, at)))
        at = next_cp(le, at);
    return at;
}

static bool
is_not_space_cp(int32_t cp)
{
    return !is_space_cp(cp);
}

/* Removes bytes [from, to) and leaves the cursor at `from`. */
static void
le_delete(struct forms_lineedit *le, size_t from, size_t to)
{
    if (to <= from)
        return;
    memmove(le->buf + from, le->buf + to, le->len - to + 1);
    le->len -= to - from;
    le->cursor = from;
}

void
forms_le_apply(struct forms_lineedit *le, enum forms_le_op op)
{
    size_t c = le->cursor;
    /* Home, End and the kills act on the current line of a multi-line
     * text; a single-line text is one line. */
    switch (op) {
    case LE_LEFT:
        le->cursor = prev_cp(le, c);
        break;
    case LE_RIGHT:
        le->cursor = next_cp(le, c);
        break;
    case LE_HOME:
        le->cursor = line_start(le, c);
        break;
    case LE_END:
        le->cursor = line_end(le, c);
        break;
    case LE_WORD_LEFT:
        le->cursor = word_left(le, c, is_word_cp);
        break;
    case LE_WORD_RIGHT:
        le->cursor = word_right(le, c);
        break;
    case LE_BACKSPACE:
        le_delete(le, prev_cp(le, c), c);
        break;
    case LE_DELETE:
        le_delete(le, c, next_cp(le, c));
        le->cursor = c;
        break;
    case LE_KILL_END:
        le_delete(le, c, line_end(le, c));
        le->cursor = c;
        break;
    case LE_KILL_START:
        le_delete(le, line_start(le, c), c);
        break;
    case LE_DEL_WORD:
        /* Like a shell's Ctrl-W: back to the previous white space, so
         * "e-pasts" goes at once. */
        le_delete(le, word_left(le, c, is_not_space_cp), c);
        break;
    }
}

int
forms_le_cursor_col(const struct forms_lineedit *le)
{
    size_t start = line_start(le, le->cursor);
    return forms_utf8_width_n(le->buf + start, le->cursor - start);
}
