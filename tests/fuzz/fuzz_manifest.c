/* fuzz_manifest.c — the municipality package's manifest.json reader on
 * hostile bytes. A manifest that parses must format to JSON that parses back
 * to the same manifest. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct core_manifest m, back;
    struct sk_error err = {0};
    if (!core_manifest_parse((const char *)data, size, &m, &err))
        return 0;
    char *json = core_manifest_format(&m);
    if (!core_manifest_parse(json, strlen(json), &back, &err))
        abort();
    if (strcmp(m.school_code, back.school_code) != 0 || m.year != back.year ||
        m.n_files != back.n_files)
        abort();
    free(json);
    return 0;
}
