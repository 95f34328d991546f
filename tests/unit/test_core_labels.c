/* core/labels.c: every label's QR code is the inventory number's (the SVG
 * path equals one drawn here from libqrencode's own symbol), its texts are
 * HTML-escaped, and 24 labels fill a page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <qrencode.h>

#include "core/core.h"
#include "testlib.h"

/* The path of text's symbol as core/labels.c should draw it. */
static char *
expected_path(const char *text)
{
    QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    assert_non_null(qr);
    struct sk_buf b = {0};
    sk_buf_adds(&b, "<path d=\"");
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1)
                sk_buf_addf(&b, "M%d %dh1v1h-1z", x + 2, y + 2);
    sk_buf_adds(&b, "\"/>");
    QRcode_free(qr);
    return b.s;
}

static char *
write_labels(struct test_fixture *fx, const int64_t *ids, size_t n, size_t *n_labels)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    struct sk_error err = {0};
    if (!core_labels_write(fx->db, fx->school, "Skola <A&B>", NULL, ids, n, f, n_labels, &err))
        fail_msg("%s", err.msg);
    fclose(f);
    return text;
}

static void
qr_codes_hold_the_inventory_numbers(void **state)
{
    struct test_fixture *fx = *state;
    int64_t ids[2];
    ids[0] = test_insert(fx->db, fx->school, &forms_kind_device,
                         (const char *const[]){"inventory_no", "LVT-000042", "category", "laptop",
                                               "model", "ThinkPad <L14>", "room", "Ķīmija", NULL});
    ids[1] =
        test_insert(fx->db, fx->school, &forms_kind_device,
                    (const char *const[]){"inventory_no", "INV-Ž-7", "category", "tablet", NULL});
    size_t n = 0;
    char *html = write_labels(fx, ids, 2, &n);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < 2; i++) {
        char *want = expected_path(i == 0 ? "LVT-000042" : "INV-Ž-7");
        assert_non_null(strstr(html, want));
        free(want);
    }
    /* the first label's code is not the second's */
    char *other = expected_path("LVT-000043");
    assert_null(strstr(html, other));
    free(other);
    assert_non_null(strstr(html, "ThinkPad &lt;L14&gt;"));
    assert_non_null(strstr(html, "Ķīmija"));
    assert_non_null(strstr(html, "Skola &lt;A&amp;B&gt;"));
    assert_null(strstr(html, "<L14>"));
    free(html);
}

static void
twenty_four_labels_a_page(void **state)
{
    struct test_fixture *fx = *state;
    int64_t ids[25];
    for (int i = 0; i < 25; i++) {
        char inv[16];
        snprintf(inv, sizeof inv, "P-%02d", i);
        ids[i] =
            test_insert(fx->db, fx->school, &forms_kind_device,
                        (const char *const[]){"inventory_no", inv, "category", "laptop", NULL});
    }
    size_t n = 0;
    char *html = write_labels(fx, ids, 24, &n);
    size_t pages = 0;
    for (const char *p = html; (p = strstr(p, "class=\"page\"")) != NULL; p++)
        pages++;
    assert_int_equal(pages, 1);
    free(html);
    html = write_labels(fx, ids, 25, &n);
    pages = 0;
    for (const char *p = html; (p = strstr(p, "class=\"page\"")) != NULL; p++)
        pages++;
    assert_int_equal(pages, 2);
    assert_int_equal(n, 25);
    free(html);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(qr_codes_hold_the_inventory_numbers, test_fixture_open,
                                        test_fixture_close),
        cmocka_unit_test_setup_teardown(twenty_four_labels_a_page, test_fixture_open,
                                        test_fixture_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
