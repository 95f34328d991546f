/* skola_netfs BACKING MOUNTPOINT — a FUSE file system for the tests: it
 * shows the files of folder BACKING (one level, no subfolders) at
 * MOUNTPOINT and serves until it is unmounted. statfs() there says FUSE,
 * as on sshfs or GlusterFS, so a test can open a shared database on a
 * "network" file system without a network, libfuse or fusermount: the
 * kernel's protocol is spoken directly over /dev/fuse (root only). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fuse.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

enum { MAX_NODES = 256, MAX_WRITE = 128 * 1024, BUF_SIZE = MAX_WRITE + 64 * 1024 };

static int backing = -1;           /* the backing folder, O_PATH */
static char *names[MAX_NODES + 2]; /* node id → file name (1 = the folder) */
static int dev_fd = -1;

static uint64_t
node_of(const char *name)
{
    for (uint64_t i = 2; i < MAX_NODES + 2; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return i;
    for (uint64_t i = 2; i < MAX_NODES + 2; i++)
        if (!names[i]) {
            names[i] = strdup(name);
            return names[i] ? i : 0;
        }
    return 0;
}

/* lstat of a node: the folder itself or one of its files */
static int
stat_node(uint64_t node, struct stat *sb)
{
    int rc = node == FUSE_ROOT_ID ? fstat(backing, sb)
             : node < MAX_NODES + 2 && names[node]
                 ? fstatat(backing, names[node], sb, AT_SYMLINK_NOFOLLOW)
                 : (errno = ENOENT, -1);
    return rc == 0 ? 0 : -errno;
}

static void
fill_attr(uint64_t node, const struct stat *sb, struct fuse_attr *a)
{
    memset(a, 0, sizeof *a);
    a->ino = node;
    a->size = (uint64_t)sb->st_size;
    a->blocks = (uint64_t)sb->st_blocks;
    a->atime = (uint64_t)sb->st_atim.tv_sec;
    a->mtime = (uint64_t)sb->st_mtim.tv_sec;
    a->ctime = (uint64_t)sb->st_ctim.tv_sec;
    a->atimensec = (uint32_t)sb->st_atim.tv_nsec;
    a->mtimensec = (uint32_t)sb->st_mtim.tv_nsec;
    a->ctimensec = (uint32_t)sb->st_ctim.tv_nsec;
    a->mode = sb->st_mode;
    a->nlink = (uint32_t)sb->st_nlink;
    a->uid = sb->st_uid;
    a->gid = sb->st_gid;
    a->blksize = 4096;
}

static void
reply(uint64_t unique, int error, const void *body, size_t n)
{
    struct fuse_out_header h = {.len = (uint32_t)(sizeof h + n), .error = error, .unique = unique};
    char out[sizeof h + BUF_SIZE];
    memcpy(out, &h, sizeof h);
    if (n)
        memcpy(out + sizeof h, body, n);
    if (write(dev_fd, out, sizeof h + n) < 0 && errno != ENOENT) /* ENOENT: interrupted */
        perror("skola_netfs: reply");
}

static void
reply_entry(uint64_t unique, uint64_t node)
{
    struct stat sb;
    int rc = stat_node(node, &sb);
    if (rc) {
        reply(unique, rc, NULL, 0);
        return;
    }
    struct fuse_entry_out e = {.nodeid = node};
    fill_attr(node, &sb, &e.attr);
    reply(unique, 0, &e, sizeof e);
}

static void
reply_attr(uint64_t unique, uint64_t node)
{
    struct stat sb;
    int rc = stat_node(node, &sb);
    if (rc) {
        reply(unique, rc, NULL, 0);
        return;
    }
    struct fuse_attr_out a = {0};
    fill_attr(node, &sb, &a.attr);
    reply(unique, 0, &a, sizeof a);
}

static void
serve(const char *req, size_t n)
{
    const struct fuse_in_header *h = (const void *)req;
    const char *body = req + sizeof *h;
    uint64_t node = h->nodeid;
    const char *name = node < MAX_NODES + 2 ? names[node] : NULL;
    (void)n;
    switch (h->opcode) {
    case FUSE_INIT: {
        const struct fuse_init_in *in = (const void *)body;
        struct fuse_init_out o = {
            .major = FUSE_KERNEL_VERSION,
            .minor = in->minor < FUSE_KERNEL_MINOR_VERSION ? in->minor : FUSE_KERNEL_MINOR_VERSION,
            .max_readahead = in->max_readahead,
            .max_write = MAX_WRITE,
            .time_gran = 1,
            .max_background = 16,
            .congestion_threshold = 12};
        reply(h->unique, 0, &o, sizeof o);
        return;
    }
    case FUSE_LOOKUP:
        if (node != FUSE_ROOT_ID || strchr(body, '/')) {
            reply(h->unique, -ENOENT, NULL, 0);
            return;
        }
        reply_entry(h->unique, node_of(body));
        return;
    case FUSE_FORGET:
    case FUSE_BATCH_FORGET:
    case FUSE_INTERRUPT:
        return; /* no reply */
    case FUSE_GETATTR:
        reply_attr(h->unique, node);
        return;
    case FUSE_SETATTR: {
        const struct fuse_setattr_in *in = (const void *)body;
        int rc = 0;
        if (!name)
            rc = -EPERM;
        if (!rc && (in->valid & FATTR_SIZE)) {
            int fd = openat(backing, name, O_WRONLY | O_CLOEXEC);
            rc = fd < 0 || ftruncate(fd, (off_t)in->size) != 0 ? -errno : 0;
            if (fd >= 0)
                close(fd);
        }
        if (!rc && (in->valid & FATTR_MODE) && fchmodat(backing, name, in->mode & 07777, 0) != 0)
            rc = -errno;
        if (rc)
            reply(h->unique, rc, NULL, 0);
        else
            reply_attr(h->unique, node);
        return;
    }
    case FUSE_OPEN: {
        const struct fuse_open_in *in = (const void *)body;
        int fd =
            name ? openat(backing, name,
                          (int)(in->flags & ~(unsigned)(O_CREAT | O_EXCL | O_NOCTTY)) | O_CLOEXEC)
                 : (errno = EISDIR, -1);
        if (fd < 0) {
            reply(h->unique, -errno, NULL, 0);
            return;
        }
        struct fuse_open_out o = {.fh = (uint64_t)fd};
        reply(h->unique, 0, &o, sizeof o);
        return;
    }
    case FUSE_CREATE: {
        const struct fuse_create_in *in = (const void *)body;
        const char *nm = body + sizeof *in;
        if (node != FUSE_ROOT_ID) {
            reply(h->unique, -ENOENT, NULL, 0);
            return;
        }
        int fd = openat(backing, nm, (int)in->flags | O_CREAT | O_CLOEXEC, in->mode & 07777);
        if (fd < 0) {
            reply(h->unique, -errno, NULL, 0);
            return;
        }
        uint64_t id = node_of(nm);
        struct stat sb;
        fstat(fd, &sb);
        struct {
            struct fuse_entry_out e;
            struct fuse_open_out o;
        } r = {.e = {.nodeid = id}, .o = {.fh = (uint64_t)fd}};
        fill_attr(id, &sb, &r.e.attr);
        reply(h->unique, 0, &r, sizeof r);
        return;
    }
    case FUSE_READ: {
        const struct fuse_read_in *in = (const void *)body;
        static char data[BUF_SIZE];
        size_t want = in->size < sizeof data ? in->size : sizeof data;
        ssize_t got = pread((int)in->fh, data, want, (off_t)in->offset);
        if (got < 0)
            reply(h->unique, -errno, NULL, 0);
        else
            reply(h->unique, 0, data, (size_t)got);
        return;
    }
    case FUSE_WRITE: {
        const struct fuse_write_in *in = (const void *)body;
        ssize_t put = pwrite((int)in->fh, body + sizeof *in, in->size, (off_t)in->offset);
        if (put < 0) {
            reply(h->unique, -errno, NULL, 0);
            return;
        }
        struct fuse_write_out o = {.size = (uint32_t)put};
        reply(h->unique, 0, &o, sizeof o);
        return;
    }
    case FUSE_RELEASE: {
        const struct fuse_release_in *in = (const void *)body;
        close((int)in->fh);
        reply(h->unique, 0, NULL, 0);
        return;
    }
    case FUSE_FSYNC: {
        const struct fuse_fsync_in *in = (const void *)body;
        reply(h->unique, fsync((int)in->fh) == 0 ? 0 : -errno, NULL, 0);
        return;
    }
    case FUSE_FLUSH:
    case FUSE_ACCESS:
        reply(h->unique, 0, NULL, 0);
        return;
    case FUSE_UNLINK:
        if (node != FUSE_ROOT_ID) {
            reply(h->unique, -ENOENT, NULL, 0);
            return;
        }
        reply(h->unique, unlinkat(backing, body, 0) == 0 ? 0 : -errno, NULL, 0);
        return;
    case FUSE_STATFS: {
        struct statvfs v;
        struct fuse_statfs_out o = {0};
        if (fstatvfs(backing, &v) == 0) {
            o.st.blocks = v.f_blocks;
            o.st.bfree = v.f_bfree;
            o.st.bavail = v.f_bavail;
            o.st.files = v.f_files;
            o.st.ffree = v.f_ffree;
            o.st.bsize = (uint32_t)v.f_bsize;
            o.st.frsize = (uint32_t)v.f_frsize;
            o.st.namelen = 255;
        }
        reply(h->unique, 0, &o, sizeof o);
        return;
    }
    default:
        reply(h->unique, -ENOSYS, NULL, 0);
        return;
    }
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: skola_netfs BACKING MOUNTPOINT\n");
        return 2;
    }
    backing = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    dev_fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (backing < 0 || dev_fd < 0) {
        perror("skola_netfs: open");
        return 1;
    }
    char opts[128];
    snprintf(opts, sizeof opts, "fd=%d,rootmode=40000,user_id=0,group_id=0,default_permissions",
             dev_fd);
    if (mount("skola_netfs", argv[2], "fuse.skola_netfs", MS_NOSUID | MS_NODEV, opts) != 0) {
        perror("skola_netfs: mount");
        return 1;
    }
    static char req[BUF_SIZE];
    for (;;) {
        ssize_t n = read(dev_fd, req, sizeof req);
        if (n < 0) {
            if (errno == EINTR || errno == ENOENT || errno == EAGAIN)
                continue;
            if (errno == ENODEV) /* unmounted */
                return 0;
            perror("skola_netfs: read");
            return 1;
        }
        if ((size_t)n >= sizeof(struct fuse_in_header))
            serve(req, (size_t)n);
    }
}
