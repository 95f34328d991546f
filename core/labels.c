/* Device labels: an A4 sheet of 3 × 8 stickers (70 × 37 mm, the common
 * label sheets), each with the inventory number, model, room, school and a
 * QR code of the inventory number drawn as inline SVG (libqrencode). One
 * self-contained HTML file for the browser's print dialog. */
#include "core/internal.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LABELS_PER_PAGE = 24 };

/* The QR code of text as an SVG path: one "M x y h1 v1 h-1 z" square per
 * dark module, in a viewBox of the symbol's width plus a 2-module margin. */
static bool
add_qr(struct sk_buf *b, const char *text, struct sk_error *err)
{
    QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!qr)
        return sk_fail(err, SK_EINVAL, _("No QR code could be made of “%s”."), SK_QUOTE(text));
    int w = qr->width, m = 2;
    sk_buf_addf(b,
                "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                "shape-rendering=\"crispEdges\"><path d=\"",
                w + 2 * m, w + 2 * m);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            if (qr->data[y * w + x] & 1)
                sk_buf_addf(b, "M%d %dh1v1h-1z", x + m, y + m);
    sk_buf_adds(b, "\"/></svg>");
    QRcode_free(qr);
    return true;
}

static const char *
value_text(const struct forms_record *rec, const char *key, char *buf, size_t cap)
{
    int fi = forms_field_index(rec->kind, key);
    if (fi < 0 || !rec->values[fi].is_set)
        return "";
    return forms_value_format(&rec->kind->fields[fi], &rec->values[fi], FS_DISPLAY, buf, cap);
}

static bool
add_label(struct sk_buf *b, const struct forms_record *rec, const char *school, size_t n,
          struct sk_error *err)
{
    char tmp[256], inv[256], model[256], room[256];
    snprintf(inv, sizeof inv, "%s", value_text(rec, "inventory_no", tmp, sizeof tmp));
    if (n % LABELS_PER_PAGE == 0)
        sk_buf_adds(b, n ? "</div>\n<div class=\"page\">\n" : "<div class=\"page\">\n");
    sk_buf_adds(b, "<div class=\"label\">");
    if (!add_qr(b, inv, err))
        return false;
    sk_buf_adds(b, "<div class=\"text\"><div class=\"inv\">");
    core_html_esc(b, inv);
    sk_buf_adds(b, "</div><div>");
    core_html_esc(b, value_text(rec, "model", model, sizeof model));
    sk_buf_adds(b, "</div><div>");
    core_html_esc(b, value_text(rec, "room", room, sizeof room));
    sk_buf_adds(b, "</div><div class=\"school\">");
    core_html_esc(b, school);
    sk_buf_adds(b, "</div></div></div>\n");
    return true;
}

static void
add_head(struct sk_buf *b, const char *school)
{
    sk_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                forms_lang_is_lv() ? "lv" : "en");
    sk_buf_adds(b, "<title>");
    core_html_esc(b, school);
    sk_buf_adds(b,
                "</title>\n<style>\n"
                "@page { size: A4; margin: 0; }\n"
                "body { margin: 0; font-family: sans-serif; }\n"
                ".page { width: 210mm; height: 296mm; padding: 0.5mm 0 0 0; box-sizing: border-box;"
                " display: grid; grid-template-columns: repeat(3, 70mm);"
                " grid-template-rows: repeat(8, 37mm); page-break-after: always; }\n"
                ".page:last-child { page-break-after: auto; }\n"
                ".label { box-sizing: border-box; padding: 3mm; display: flex; gap: 2mm;"
                " align-items: center; overflow: hidden; }\n"
                ".qr { width: 28mm; height: 28mm; flex: none; }\n"
                ".text { font-size: 8pt; line-height: 1.25; overflow: hidden; }\n"
                ".inv { font-size: 11pt; font-weight: bold; }\n"
                ".school { font-size: 6.5pt; }\n"
                "</style>\n</head>\n<body>\n");
}

bool
core_labels_write(struct storage_db *db, int64_t school_id, const char *school,
                  const struct storage_query *q, const int64_t *ids, size_t n_ids, FILE *out,
                  size_t *n_labels, struct sk_error *err)
{
    struct sk_buf b = {0};
    struct forms_record rec;
    forms_record_init(&rec, &forms_kind_device);
    add_head(&b, school);
    size_t n = 0;
    bool ok = true;
    if (ids) {
        for (size_t i = 0; ok && i < n_ids; i++)
            ok = storage_record_get(db, &forms_kind_device, school_id, ids[i], &rec, err) &&
                 add_label(&b, &rec, school, n++, err);
    } else {
        struct storage_iter *it = storage_iter_open(db, q, err);
        ok = it != NULL;
        int r = 0;
        while (ok && (r = storage_iter_next(it, &rec, err)) == 1)
            ok = add_label(&b, &rec, school, n++, err);
        ok = ok && r == 0;
        storage_iter_close(it);
    }
    /* an empty sheet is no answer: like print observations, nothing is
     * written and the caller exits 1 */
    if (ok && n == 0)
        ok = q && q->filter && q->filter[0]
                 ? sk_fail(err, SK_ENOTFOUND,
                           _("No device (not written off) matches “%s”; nothing was written."),
                           SK_QUOTE(q->filter))
                 : sk_fail(err, SK_ENOTFOUND, "%s",
                           _("There is no device to label (not written off); nothing was "
                             "written."));
    if (n)
        sk_buf_adds(&b, "</div>\n");
    sk_buf_adds(&b, "</body>\n</html>\n");
    forms_record_fini(&rec);
    if (ok && fwrite(b.s, 1, b.len, out) != b.len)
        ok = sk_fail(err, SK_EIO, "%s", _("Could not write the labels."));
    sk_buf_free(&b);
    if (ok && n_labels)
        *n_labels = n;
    return ok;
}

bool
core_labels_path(struct storage_db *db, int64_t school_id, const char *school,
                 const struct storage_query *q, const int64_t *ids, size_t n_ids, const char *path,
                 size_t *n_labels, struct sk_error *err)
{
    /* elsewhere a name ending in .xlsx chooses a spreadsheet */
    if (core_path_is_xlsx(path))
        return sk_fail(err, SK_EUSAGE,
                       _("“%s” ends in .xlsx, but labels are a page to print, written as HTML: "
                         "give a name ending in .html. Nothing was written."),
                       SK_QUOTE(path));
    if (!core_output_allowed(db, path, err))
        return false;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return sk_fail(err, SK_EIO, "%s", _("Could not write the labels."));
    bool ok = core_labels_write(db, school_id, school, q, ids, n_ids, f, n_labels, err);
    fclose(f);
    if (ok)
        ok = sk_write_file_atomic(path, text, len, 0600, err);
    free(text);
    return ok;
}
