/* Sharing a database file with an OS group (issue 14 §1): the file 0660
 * and its folder 2770, both owned by the group, so that everything created
 * beside the file by any member keeps the group: SQLite gives a new -wal
 * and -shm the mode of the database file itself (whatever the umask), the
 * set-group-id folder gives them its group, and the files skola makes
 * beside a shared file (backups, rescue copies, damage marks) take the
 * file's mode and group here (storage_file_mode_for). A personal file keeps
 * 0600 and 0700.
 *
 * The folder must be the database's own: its mode lets every member create,
 * rename and remove files in it, so a folder that holds other files (a home
 * folder, Documents) is refused rather than opened to the group. */
#include "storage/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder of `path` (owned) and, in *name, its last part (borrowed). */
static char *
split_folder(const char *path, const char **name)
{
    char *dir = sk_xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash) {
        free(dir);
        *name = path;
        return sk_xstrdup(".");
    }
    *name = path + (slash - dir) + 1;
    slash[slash == dir] = '\0';
    return dir;
}

/* Whether the process is a member of gid (its own or a supplementary group). */
static bool
is_member(gid_t gid)
{
    if (getegid() == gid)
        return true;
    int n = getgroups(0, NULL);
    if (n <= 0)
        return false;
    gid_t *all = sk_xmalloc((size_t)n * sizeof *all);
    n = getgroups(n, all);
    bool found = false;
    for (int i = 0; i < n && !found; i++)
        found = all[i] == gid;
    free(all);
    return found;
}

/* Whether `entry` of the database's folder belongs to the database `name`:
 * itself, SQLite's companions, its damage mark, an atomic writer's
 * temporary file. */
static bool
is_own_entry(const char *entry, const char *name)
{
    static const char *const tails[] = {"", "-wal", "-shm", "-journal", ".damaged"};
    size_t n = strlen(name);
    if (strcmp(entry, ".") == 0 || strcmp(entry, "..") == 0)
        return true;
    if (strncmp(entry, name, n) == 0)
        for (size_t i = 0; i < SK_ARRAY_LEN(tails); i++)
            if (strcmp(entry + n, tails[i]) == 0)
                return true;
    return entry[0] == '.' && strncmp(entry + 1, name, n) == 0 &&
           strncmp(entry + 1 + n, ".tmp-", 5) == 0;
}

/* The first entry of dir that is not the database's, into other (cap). */
static bool
folder_has_others(const char *dir, const char *name, char *other, size_t cap)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    struct dirent *e;
    bool found = false;
    while (!found && (e = readdir(d)) != NULL)
        if (!is_own_entry(e->d_name, name)) {
            snprintf(other, cap, "%s", e->d_name);
            found = true;
        }
    closedir(d);
    return found;
}

/* Whether members of gid can pass through every folder above dir (x for
 * others, or for the group when the folder is the group's); else *closed
 * names the first that stops them (owned). */
static bool
reachable(const char *dir, gid_t gid, char **closed)
{
    char *p = sk_xstrdup(dir);
    bool ok = true;
    for (;;) {
        char *slash = strrchr(p, '/');
        if (!slash)
            break;
        slash[slash == p] = '\0'; /* the parent ("/" for "/srv") */
        struct stat sb;
        if (stat(p, &sb) == 0 && !(sb.st_mode & S_IXOTH) &&
            !((sb.st_mode & S_IXGRP) && sb.st_gid == gid)) {
            ok = false;
            *closed = sk_xstrdup(p);
            break;
        }
        if (strcmp(p, "/") == 0)
            break;
    }
    free(p);
    return ok;
}

bool
storage_share_check(const char *path, const char *group, bool creating, struct sk_error *err)
{
    struct group *gr = group && *group ? getgrnam(group) : NULL;
    if (!gr)
        return sk_fail(err, SK_EINVAL,
                       _("There is no group %s on this computer; the administrator creates it "
                         "(“sudo groupadd %s”) and adds the users to it."),
                       SK_QUOTE(group ? group : ""), group ? group : "GROUP");
    gid_t gid = gr->gr_gid;
    if (geteuid() != 0 && !is_member(gid)) {
        struct passwd *pw = getpwuid(geteuid());
        const char *me = pw && pw->pw_name ? pw->pw_name : "?";
        return sk_fail(err, SK_EINVAL,
                       _("You (%s) are not a member of the group %s, so you cannot share a file "
                         "with it: ask the administrator (“sudo usermod -aG %s %s”), then log in "
                         "again."),
                       SK_QUOTE(me), SK_QUOTE(group), group, me);
    }
    char *real = sk_path_canonical(path);
    if (!real) /* the folder is missing: only the last one may be */
        return sk_fail(err, SK_EINVAL,
                       _("The folder of %s does not exist; create it first (one folder for "
                         "the shared file, e.g. /srv/skola)."),
                       SK_QUOTE(path));
    const char *name;
    char *dir = split_folder(real, &name);
    struct stat sb;
    /* WAL's shared memory: only on the host's own disk */
    bool ok = storage_fs_shared_check(real, err);
    char other[256];
    if (!creating && stat(real, &sb) != 0)
        ok = sk_fail(err, SK_EIO, _("Cannot read %s: %s"), real, strerror(errno));
    bool is_group_folder = stat(dir, &sb) == 0 && sb.st_gid == gid && (sb.st_mode & S_ISGID);
    /* a folder shared before may hold its members' backups by now */
    if (ok && !is_group_folder && folder_has_others(dir, name, other, sizeof other))
        ok = sk_fail(err, SK_EINVAL,
                     _("The folder %s holds other files too (%s): a shared file needs a folder "
                       "of its own, because every member of the group may create and remove "
                       "files in it. Move the database into a new folder (e.g. /srv/skola) "
                       "and share it there."),
                     SK_QUOTE(dir), SK_QUOTE(other));
    char *closed = NULL;
    if (ok && !reachable(dir, gid, &closed)) {
        ok = sk_fail(err, SK_EINVAL,
                     _("The members of %s cannot reach %s: the folder %s above it is closed to "
                       "them. Put the shared file where they can reach it (e.g. /srv/skola), "
                       "or open that folder to them (“chmod o+x”)."),
                     SK_QUOTE(group), SK_QUOTE(dir), SK_QUOTE(closed));
        free(closed);
    }
    free(dir);
    free(real);
    return ok;
}

/* chown to gid and chmod to mode; ENOENT is fine when `optional`. */
static bool
give_group(const char *path, gid_t gid, mode_t mode, bool optional, struct sk_error *err)
{
    if (chown(path, (uid_t)-1, gid) == 0 && chmod(path, mode) == 0)
        return true;
    if (optional && errno == ENOENT)
        return true;
    if (errno == EPERM) {
        struct stat sb;
        struct passwd *pw = stat(path, &sb) == 0 ? getpwuid(sb.st_uid) : NULL;
        return sk_fail(err, SK_EIO,
                       _("Cannot give %s to the group: only its owner (%s) or the administrator "
                         "may; ask them to run the command."),
                       SK_QUOTE(path), pw && pw->pw_name ? pw->pw_name : "?");
    }
    return sk_fail(err, SK_EIO, _("Cannot give %s to the group: %s"), SK_QUOTE(path),
                   strerror(errno));
}

bool
storage_share_apply(const char *path, const char *group, struct sk_error *err)
{
    struct group *gr = group ? getgrnam(group) : NULL;
    if (!gr)
        return storage_share_check(path, group, true, err); /* names the problem */
    gid_t gid = gr->gr_gid;
    char *real = sk_path_canonical(path);
    if (!real)
        return sk_fail(err, SK_EIO, _("Cannot read %s: %s"), path, strerror(ENOENT));
    const char *name;
    char *dir = split_folder(real, &name);
    /* the folder first: from then on whatever SQLite creates in it gets the group */
    bool ok = give_group(dir, gid, 02770, false, err) && give_group(real, gid, 0660, false, err);
    static const char *const tails[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; ok && i < SK_ARRAY_LEN(tails); i++) {
        char *c = sk_xasprintf("%s%s", real, tails[i]);
        ok = give_group(c, gid, 0660, true, err);
        free(c);
    }
    free(dir);
    free(real);
    return ok;
}

unsigned
storage_file_mode_for(const char *db_path, long *gid)
{
    struct stat sb;
    *gid = -1;
    if (!db_path || stat(db_path, &sb) != 0 ||
        (sb.st_mode & (S_IRGRP | S_IWGRP)) != (S_IRGRP | S_IWGRP))
        return 0600;
    *gid = (long)sb.st_gid;
    return 0660;
}

void
storage_share_umask(const char *db_path)
{
    long gid = -1;
    if (storage_file_mode_for(db_path, &gid) != 0660)
        return;
    mode_t mask = umask(0);
    umask(mask & (mode_t) ~(S_IRGRP | S_IWGRP));
}

void
storage_file_share_like(int fd, const char *db_path)
{
    long gid = -1;
    if (fd < 0 || storage_file_mode_for(db_path, &gid) != 0660)
        return;
    /* a copy that cannot get the group stays the user's alone */
    if (fchown(fd, (uid_t)-1, (gid_t)gid) == 0)
        fchmod(fd, 0660);
    else
        fchmod(fd, 0600);
}
