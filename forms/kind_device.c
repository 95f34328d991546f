/* The device inventory (SPEC §3.3). */
#include "forms/forms.h"

#include <string.h>

/* data/device-categories.csv, compiled in (CMakeLists.txt, refdata_gen). */
const struct forms_choice forms_device_categories[] = {
#define REF_DEVICE_CATEGORY(code, name_lv, name_en, counts_as_computer) {code, name_lv, name_en},
#include "device-categories.inc"
#undef REF_DEVICE_CATEGORY
};
const size_t forms_n_device_categories = SK_ARRAY_LEN(forms_device_categories);

/* The counts_as_computer column, same order ("1" or "0"). */
static const char *const device_category_is_computer[] = {
#define REF_DEVICE_CATEGORY(code, name_lv, name_en, counts_as_computer) counts_as_computer,
#include "device-categories.inc"
#undef REF_DEVICE_CATEGORY
};

bool
forms_device_category_is_computer(size_t index)
{
    return index < SK_ARRAY_LEN(device_category_is_computer) &&
           strcmp(device_category_is_computer[index], "1") == 0;
}

static const struct forms_choice device_os[] = {
    {"windows", "Windows", "Windows"},     {"chromeos", "ChromeOS", "ChromeOS"},
    {"macos", "macOS", "macOS"},           {"ipados", "iPadOS", "iPadOS"},
    {"android", "Android", "Android"},     {"linux", "Linux", "Linux"},
    {"other", "Cita", "Other"},
};

static const struct forms_choice device_funding[] = {
    {"PF", "Pašvaldība", "Municipality"},
    {"VF", "Valsts", "State"},
    {"ES", "ES fondi", "EU funds"},
    {"AF", "Cits", "Other"},
};

static const struct forms_choice device_user_group[] = {
    {"pupils", "Izglītojamie", "Pupils"},
    {"teachers", "Pedagogi", "Teachers"},
    {"admin", "Administrācija", "Administration"},
    {"shared", "Koplietošana", "Shared"},
};

static const struct forms_choice device_status[] = {
    {"in_use", "Lietošanā", "In use"},
    {"in_storage", "Noliktavā", "In storage"},
    {"on_loan", "Izsniegta", "On loan"},
    {"in_repair", "Remontā", "In repair"},
    {"broken", "Bojāta", "Broken"},
    {"written_off", "Norakstīta", "Written off"},
};

#define CHOICES(a) .choices = (a), .n_choices = SK_ARRAY_LEN(a)

static const struct forms_field device_fields[] = {
    {.key = "inventory_no", .label_lv = "Inventāra nr.", .label_en = "Inventory no.",
     .type = FT_TEXT, .width = 12, .flags = FF_REQUIRED | FF_UNIQUE | FF_NATKEY | FF_LIST,
     .max_len = 40},
    {.key = "category", .label_lv = "Kategorija", .label_en = "Category", .type = FT_ENUM,
     .width = 18, .flags = FF_REQUIRED | FF_LIST, CHOICES(forms_device_categories)},
    {.key = "os", .label_lv = "Operētājsistēma", .label_en = "Operating system", .type = FT_ENUM,
     .width = 9, CHOICES(device_os)},
    {.key = "manufacturer", .label_lv = "Ražotājs", .label_en = "Manufacturer", .type = FT_TEXT,
     .width = 12, .max_len = 80},
    {.key = "model", .label_lv = "Modelis", .label_en = "Model", .type = FT_TEXT, .width = 18,
     .flags = FF_LIST, .max_len = 80},
    {.key = "serial", .label_lv = "Sērijas nr.", .label_en = "Serial no.", .type = FT_TEXT,
     .width = 14, .flags = FF_UNIQUE, .max_len = 80},
    {.key = "purchase_date", .label_lv = "Iegādes datums", .label_en = "Purchase date",
     .type = FT_DATE, .width = 10, .flags = FF_LIST},
    {.key = "purchase_cost", .label_lv = "Iegādes vērtība", .label_en = "Purchase cost",
     .type = FT_MONEY, .width = 10, .flags = FF_RANGE, .min = 0, .max = 100000000},
    {.key = "funding", .label_lv = "Finansējums", .label_en = "Funding", .type = FT_ENUM,
     .width = 10, CHOICES(device_funding)},
    {.key = "project", .label_lv = "Projekta kods", .label_en = "Project code", .type = FT_TEXT,
     .width = 14, .max_len = 60},
    {.key = "supplier", .label_lv = "Piegādātājs", .label_en = "Supplier", .type = FT_TEXT,
     .width = 16, .max_len = 120},
    {.key = "warranty_until", .label_lv = "Garantija līdz", .label_en = "Warranty until",
     .type = FT_DATE, .width = 10},
    {.key = "room", .label_lv = "Telpa", .label_en = "Room", .type = FT_TEXT, .width = 6,
     .flags = FF_LIST, .max_len = 40},
    {.key = "user_group", .label_lv = "Lietotāji", .label_en = "User group", .type = FT_ENUM,
     .width = 11, .flags = FF_LIST, CHOICES(device_user_group)},
    {.key = "assigned_to", .label_lv = "Nodota lietošanā", .label_en = "Assigned to",
     .type = FT_TEXT, .width = 18, .flags = FF_PRIVATE, .ref_kind = "staff", .max_len = 120},
    {.key = "status", .label_lv = "Statuss", .label_en = "Status", .type = FT_ENUM, .width = 11,
     .flags = FF_REQUIRED | FF_LIST, CHOICES(device_status), .default_text = "in_use"},
    {.key = "written_off_on", .label_lv = "Norakstīta", .label_en = "Written off on",
     .type = FT_DATE, .width = 10},
    {.key = "write_off_act", .label_lv = "Norakstīšanas akta nr.",
     .label_en = "Write-off act no.", .type = FT_TEXT, .width = 12, .max_len = 60},
    {.key = "last_audit_on", .label_lv = "Pēdējā inventarizācija", .label_en = "Last audit on",
     .type = FT_DATE, .width = 10},
    {.key = "notes", .label_lv = "Piezīmes", .label_en = "Notes", .type = FT_MEMO, .width = 30,
     .flags = FF_PRIVATE},
};

/* Rules that span fields: dates in order, a write-off date only on a
 * written-off device. */
static bool
device_validate(const struct forms_kind *kind, const struct forms_record *rec,
                struct sk_error *err)
{
    (void)kind;
    const struct forms_keys *k = forms_keys();
    if (k->device_purchase_date < 0 || k->device_warranty_until < 0 || k->device_status < 0 ||
        k->device_written_off_on < 0)
        return true; /* reported at start by forms_keys_check */
    const struct forms_value *bought = &rec->values[k->device_purchase_date];
    const struct forms_value *warranty = &rec->values[k->device_warranty_until];
    const struct forms_value *status = &rec->values[k->device_status];
    const struct forms_value *off = &rec->values[k->device_written_off_on];
    if (bought->is_set && warranty->is_set && warranty->i < bought->i) {
        sk_fail(err, SK_EINVAL, "%s", _("the warranty ends before the purchase date"));
        err->field = "warranty_until";
        return false;
    }
    if (bought->is_set && off->is_set && off->i < bought->i) {
        sk_fail(err, SK_EINVAL, "%s", _("the write-off date is before the purchase date"));
        err->field = "written_off_on";
        return false;
    }
    if (off->is_set && status->is_set && status->i != k->device_status_written_off) {
        sk_fail(err, SK_EINVAL, "%s",
                _("a write-off date needs the status “written off”"));
        err->field = "written_off_on";
        return false;
    }
    return true;
}

/* A device set to "written off" without a date was written off today. */
static void
device_complete(struct forms_record *rec, sk_date today)
{
    const struct forms_keys *k = forms_keys();
    if (k->device_status < 0 || k->device_written_off_on < 0)
        return;
    const struct forms_value *status = &rec->values[k->device_status];
    struct forms_value *off = &rec->values[k->device_written_off_on];
    if (status->is_set && status->i == k->device_status_written_off && !off->is_set)
        forms_value_set_int(off, today);
}

/* Written-off devices leave the default list (`a` shows them). */
static const struct forms_scope device_scope = {
    .field = "status",
    .not_choice = "written_off",
    .label_lv = "bez norakstītajām",
    .label_en = "without written-off",
};

const struct forms_kind forms_kind_device = {
    .key = "devices",
    .table = "device",
    .label_lv = "Ierīces",
    .label_en = "Devices",
    .fields = device_fields,
    .n_fields = SK_ARRAY_LEN(device_fields),
    .year_field = "purchase_date",
    .name_field = "inventory_no",
    .validate = device_validate,
    .complete = device_complete,
    .scope = &device_scope,
    .menu_group = FMG_SCHOOL,
    .menu_order = 1,
};

_Static_assert(SK_ARRAY_LEN(device_status) == 6, "status index 5 is written_off");
