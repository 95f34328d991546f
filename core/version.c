/* The CSV, Unicode and hashing libraries in use, for `skola --version`. */
#include "core/core.h"

#include <stdio.h>

#include <csv.h>
#include <nettle/version.h>
#include <utf8proc.h>

const char *
core_libraries_version(void)
{
    /* libcsv has no run-time version call: its header's numbers are what
     * the program was built with (the soname pins the major one). */
    static char text[128];
    if (!text[0])
        snprintf(text, sizeof text, "libcsv %d.%d.%d, utf8proc %s, Nettle %d.%d", CSV_MAJOR,
                 CSV_MINOR, CSV_RELEASE, utf8proc_version(), nettle_version_major(),
                 nettle_version_minor());
    return text;
}
