/* A shared file lives on the host's own disk: the statfs magic numbers of
 * network and FUSE file systems are named, local ones are not, and the
 * check on a path of this machine's temp dir lets it through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "storage/storage.h"

static void
network_magic_numbers_are_named(void **state)
{
    (void)state;
    static const struct {
        unsigned long magic;
        const char *name;
    } cases[] = {
        {0x6969ul, "NFS"},           {0x517Bul, "SMB"},      {0xFF534D42ul, "CIFS"},
        {0xFE534D42ul, "SMB2/SMB3"}, {0x01021997ul, "9p"},   {0x5346414Ful, "AFS"},
        {0x6B414653ul, "AFS"},       {0x00C36400ul, "Ceph"}, {0x73757245ul, "Coda"},
        {0x7461636Ful, "OCFS2"},     {0x01161970ul, "GFS2"}, {0x0BD00BD0ul, "Lustre"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = storage_fs_magic_name(cases[i].magic);
        if (!got || strcmp(got, cases[i].name) != 0)
            fail_msg("0x%lX: expected %s, got %s", cases[i].magic, cases[i].name,
                     got ? got : "NULL");
    }
    /* sshfs, GlusterFS and every other FUSE file system share one number */
    const char *fuse = storage_fs_magic_name(0x65735546ul);
    assert_non_null(fuse);
    assert_non_null(strstr(fuse, "FUSE"));
}

static void
a_sign_extended_magic_is_still_known(void **state)
{
    (void)state;
    /* f_type is a signed long: CIFS's 0xFF534D42 may come as a negative 32-bit value */
    long cifs = (long)(int32_t)0xFF534D42u;
    assert_string_equal(storage_fs_magic_name((unsigned long)cifs), "CIFS");
    long smb2 = (long)(int32_t)0xFE534D42u;
    assert_string_equal(storage_fs_magic_name((unsigned long)smb2), "SMB2/SMB3");
}

static void
local_file_systems_are_not_network(void **state)
{
    (void)state;
    static const unsigned long local[] = {
        0xEF53ul,     /* ext2/3/4 */
        0x58465342ul, /* xfs */
        0x9123683Eul, /* btrfs */
        0x01021994ul, /* tmpfs: one below 9p's number */
        0x794C7630ul, /* overlay (containers) */
        0x6968ul,     /* one below NFS */
        0x696969ul,   /* NFS's digits, longer */
        0x4D44ul,     /* vfat */
        0x5346544Eul, /* ntfs3 */
        0x2011BAB0ul, /* exfat */
        0x0ul,
    };
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        if (storage_fs_magic_name(local[i]))
            fail_msg("0x%lX taken for a network file system (%s)", local[i],
                     storage_fs_magic_name(local[i]));
}

static void
a_temp_folder_passes_the_shared_check(void **state)
{
    (void)state;
    char dir[] = "/tmp/skola-test-fs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/not yet made.db", dir);
    /* the test machine's /tmp is local (tmpfs, overlay or a disk) */
    if (storage_fs_network_name(dir)) {
        rmdir(dir);
        skip();
    }
    struct sk_error err = {0};
    assert_null(storage_fs_network_name(path)); /* a file not made yet: its folder */
    assert_true(storage_fs_shared_check(path, &err));
    assert_int_equal(err.code, SK_OK);
    assert_null(storage_fs_network_name("/proc/self")); /* procfs is not network */
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(network_magic_numbers_are_named),
        cmocka_unit_test(a_sign_extended_magic_is_still_known),
        cmocka_unit_test(local_file_systems_are_not_network),
        cmocka_unit_test(a_temp_folder_passes_the_shared_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
