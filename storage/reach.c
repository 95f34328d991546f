/* Why a database file cannot be reached: a shared file's folder is 2770
 * of its group (README "Working together"), so for a login outside the
 * group stat() fails with EACCES, which must not read as "there is no
 * database, create one". */
#include "storage/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool
storage_db_reachable(const char *path, struct sk_error *err)
{
    struct stat sb;
    bool denied = false;
    gid_t gid = 0;
    bool have_gid = false;
    if (stat(path, &sb) != 0) {
        denied = errno == EACCES;
        if (denied) { /* the folder is closed to us: its group is the file's */
            char *dir = sk_xstrdup(path);
            char *slash = strrchr(dir, '/');
            if (slash == dir)
                slash[1] = '\0';
            else if (slash)
                *slash = '\0';
            struct stat ds;
            if (stat(slash ? dir : ".", &ds) == 0) {
                gid = ds.st_gid;
                have_gid = true;
            }
            free(dir);
        }
    } else if (S_ISREG(sb.st_mode) && (sb.st_mode & S_IRGRP) && sb.st_uid != geteuid()) {
        /* a file its group may read (a shared one): membership is the cure;
         * other closed files get storage_open's words about their owner */
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0)
            close(fd);
        else if (errno == EACCES) {
            denied = true;
            gid = sb.st_gid;
            have_gid = true;
        }
    }
    if (!denied)
        return true;
    struct group *gr = have_gid ? getgrgid(gid) : NULL;
    if (gr && gr->gr_name)
        return sk_fail(err, SK_EIO,
                       _("%s cannot be opened: you lack permission to open the file or its "
                         "folder. A shared file needs membership of its group “%s”: ask for it, "
                         "then log in again."),
                       SK_QUOTE(path), SK_QUOTE(gr->gr_name));
    return sk_fail(err, SK_EIO,
                   _("%s cannot be opened: you lack permission to open the file or its folder. "
                     "A shared file needs membership of its group: ask for it, then log in "
                     "again."),
                   SK_QUOTE(path));
}
