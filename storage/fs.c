/* Which file system a database lies on: SQLite's WAL keeps its index in
 * shared memory (the -shm file, mmap'ed), which works only between
 * processes of one computer. A file several people share must therefore
 * live on the host's own disk; on a network file system a personal file
 * falls back to the DELETE journal (storage/db.c). */
#include "storage/internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

/* statfs f_type values (linux/magic.h and the file systems' sources) of
 * file systems whose files other computers can open too, or whose shared
 * memory is not the kernel's own (FUSE: sshfs, GlusterFS, s3fs…). */
static const struct {
    uint32_t magic;
    const char *name;
} network_fs[] = {
    {0x6969u, "NFS"},           {0x517Bu, "SMB"},        {0xFF534D42u, "CIFS"},
    {0xFE534D42u, "SMB2/SMB3"}, {0x01021997u, "9p"},     {0x65735546u, "FUSE (sshfs, GlusterFS…)"},
    {0x5346414Fu, "AFS"},       {0x6B414653u, "AFS"},    {0x00C36400u, "Ceph"},
    {0x73757245u, "Coda"},      {0x564Cu, "NCP"},        {0x7461636Fu, "OCFS2"},
    {0x01161970u, "GFS2"},      {0x0BD00BD0u, "Lustre"}, {0x47504653u, "GPFS"},
    {0x20030528u, "OrangeFS"},  {0x19830326u, "BeeGFS"}, {0x786F4256u, "vboxsf"},
};

const char *
storage_fs_magic_name(unsigned long magic)
{
    /* f_type is a signed long on some ABIs: 0xFF534D42 may arrive sign-
     * extended, so only the low 32 bits count */
    uint32_t m = (uint32_t)(magic & 0xFFFFFFFFu);
    for (size_t i = 0; i < SK_ARRAY_LEN(network_fs); i++)
        if (network_fs[i].magic == m)
            return network_fs[i].name;
    return NULL;
}

const char *
storage_fs_network_name(const char *path)
{
#ifdef __linux__
    struct statfs sfs;
    if (statfs(path, &sfs) != 0) {
        /* a file not made yet: its folder's file system */
        char *dir = sk_xstrdup(path);
        char *slash = strrchr(dir, '/');
        int rc = -1;
        if (slash) {
            slash[slash == dir ? 1 : 0] = '\0';
            rc = statfs(dir, &sfs);
        } else {
            rc = statfs(".", &sfs);
        }
        free(dir);
        if (rc != 0)
            return NULL;
    }
    return storage_fs_magic_name((unsigned long)sfs.f_type);
#else
    (void)path;
    return NULL;
#endif
}

bool
storage_fs_shared_check(const char *path, struct sk_error *err)
{
    const char *fs = storage_fs_network_name(path);
    if (!fs)
        return true;
    return sk_fail(err, SK_EIO,
                   _("%s lies on a network file system (%s). A shared school file lives on the "
                     "host's own disk: SQLite needs shared memory that only one computer has, "
                     "and over the network the file would be damaged. Move it to a local disk "
                     "of the host (such as /srv/skola) and let everyone log in to that host "
                     "(SSH)."),
                   SK_QUOTE(path), fs);
}
