/* The SQLite library in use, for `skola --version`. */
#include "storage/storage.h"

#include <sqlite3.h>

const char *
storage_sqlite_version(void)
{
    /* the library loaded at run time, which may be newer than the header */
    return sqlite3_libversion();
}
