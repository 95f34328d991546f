/* Build tool: turns one reference-data file data/NAME.csv into a C include
 * file of one macro call per row, MACRO("cell", "cell", ...), so the rows
 * exist once (in the CSV) and every C table that needs them is built from
 * the same generated list (forms/refdata.h). Runs on the build machine
 * only; it is not part of skola.
 *
 * usage: refdata_gen INPUT.csv OUTPUT.inc MACRO EXPECTED_HEADER
 *
 * The CSV is UTF-8 (a BOM is skipped), comma-separated, RFC 4180 quoting
 * ("" inside quotes), LF or CRLF; a cell that is not UTF-8 is refused. The header must equal
 * EXPECTED_HEADER, so a renamed or reordered column stops the build instead of shifting cells;
 * every row must have as many cells as the header. Cells are written as C
 * string literals: backslash, quote and '?' (trigraphs) are escaped; control
 * characters other than tab and line feed are refused. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CELLS = 16, MAX_CELL = 4096 };

struct row {
    char cells[MAX_CELLS][MAX_CELL];
    size_t n;
};

static const char *input_name;
static long line_no = 1;

static bool
fail(const char *msg)
{
    fprintf(stderr, "%s:%ld: %s\n", input_name, line_no, msg);
    return false;
}

/* Reads one record into `r`. Returns false at end of file (r->n == 0) or on
 * an error (message printed, *bad set). */
static bool
read_row(FILE *in, struct row *r, bool *bad)
{
    r->n = 0;
    int c = getc(in);
    if (c == EOF)
        return false;
    size_t len = 0;
    bool quoted = false, was_quoted = false;
    r->n = 1;
    for (;; c = getc(in)) {
        if (quoted) {
            if (c == EOF)
                return *bad = true, fail("unterminated quoted cell");
            if (c == '"') {
                int d = getc(in);
                if (d != '"') {
                    quoted = false;
                    ungetc(d, in);
                    continue;
                }
            }
        } else if (c == '"') {
            if (len != 0 || was_quoted)
                return *bad = true, fail("quote inside an unquoted cell");
            quoted = was_quoted = true;
            continue;
        } else if (c == ',' || c == '\n' || c == EOF || c == '\r') {
            if (c == '\r' && (c = getc(in)) != '\n')
                return *bad = true, fail("carriage return without line feed");
            r->cells[r->n - 1][len] = '\0';
            if (c != ',') {
                line_no++;
                return true;
            }
            if (r->n == MAX_CELLS)
                return *bad = true, fail("too many cells");
            r->n++;
            len = 0;
            was_quoted = false;
            continue;
        } else if (was_quoted) {
            return *bad = true, fail("text after a closing quote");
        }
        if (c == '\n')
            line_no++;
        if ((unsigned char)c < 0x20 && c != '\n' && c != '\t')
            return *bad = true, fail("control character in a cell");
        if (len + 1 >= MAX_CELL)
            return *bad = true, fail("cell too long");
        r->cells[r->n - 1][len++] = (char)c;
    }
}

/* Whether s is well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF): the data is compiled into Latvian text. */
static bool
is_utf8(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s++;
        size_t more;
        unsigned cp, min;
        if (c < 0x80)
            continue;
        if ((c & 0xe0) == 0xc0)
            more = 1, cp = c & 0x1f, min = 0x80;
        else if ((c & 0xf0) == 0xe0)
            more = 2, cp = c & 0x0f, min = 0x800;
        else if ((c & 0xf8) == 0xf0)
            more = 3, cp = c & 0x07, min = 0x10000;
        else
            return false;
        for (; more > 0; more--, s++) {
            if ((*s & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (*s & 0x3fu);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
    }
    return true;
}

static void
write_literal(FILE *out, const char *s)
{
    putc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\' || *s == '?')
            putc('\\', out);
        if (*s == '\n')
            fputs("\\n", out);
        else if (*s == '\t')
            fputs("\\t", out);
        else
            putc(*s, out);
    }
    putc('"', out);
}

static bool
generate(FILE *in, FILE *out, const char *macro, const char *expected)
{
    static struct row r;
    bool bad = false;
    int c0 = getc(in), c1 = getc(in), c2 = getc(in);
    if (!(c0 == 0xef && c1 == 0xbb && c2 == 0xbf))
        rewind(in); /* no BOM: read from the start */
    if (!read_row(in, &r, &bad))
        return bad ? false : fail("no header");
    char header[MAX_CELLS * 64] = "";
    for (size_t i = 0; i < r.n; i++) {
        if (i)
            strcat(header, ",");
        if (strlen(header) + strlen(r.cells[i]) + 2 > sizeof header)
            return fail("header too long");
        strcat(header, r.cells[i]);
    }
    if (strcmp(header, expected) != 0) {
        fprintf(stderr, "%s: header is \"%s\", expected \"%s\"\n", input_name, header, expected);
        return false;
    }
    size_t n_cols = r.n;
    fprintf(out, "/* Generated from %s by tools/refdata_gen.c; do not edit. */\n", input_name);
    size_t rows = 0;
    for (long start = line_no; read_row(in, &r, &bad); start = line_no) {
        if (r.n == 1 && r.cells[0][0] == '\0')
            continue; /* a blank line */
        long next = line_no;
        line_no = start; /* messages about the row name its first line */
        if (r.n != n_cols)
            return fail("row has a different number of cells than the header");
        for (size_t i = 0; i < r.n; i++)
            if (!is_utf8((const unsigned char *)r.cells[i]))
                return fail("cell is not UTF-8");
        fprintf(out, "%s(", macro);
        for (size_t i = 0; i < r.n; i++) {
            if (i)
                fputs(", ", out);
            write_literal(out, r.cells[i]);
        }
        fputs(")\n", out);
        rows++;
        line_no = next;
    }
    if (bad)
        return false;
    if (rows == 0)
        return fail("no rows");
    return true;
}

int
main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: refdata_gen INPUT.csv OUTPUT.inc MACRO EXPECTED_HEADER\n");
        return 2;
    }
    input_name = argv[1];
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        fclose(in);
        return 1;
    }
    bool ok = generate(in, out, argv[3], argv[4]);
    fclose(in);
    if (fclose(out) != 0)
        ok = false;
    if (!ok) {
        remove(argv[2]); /* no half file for the next build to trust */
        return 1;
    }
    return 0;
}
