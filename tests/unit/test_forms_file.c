/* forms/file.c: the atomic writer and path comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"

#include "forms/forms.h"

static char dir[64];

static char *
at(const char *name)
{
    return sk_xasprintf("%s/%s", dir, name);
}

static void
put(const char *name, const char *text)
{
    char *p = at(name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

static char *
get(const char *name)
{
    static char buf[256];
    char *p = at(name);
    FILE *f = fopen(p, "r");
    free(p);
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* number of ".NAME.tmp-*" entries in the folder */
static int
n_tmp(const char *name)
{
    char *cmd = sk_xasprintf("ls -a '%s' | grep -F '.%s.tmp-' | grep -c '^\\.'", dir, name);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = -1;
        pclose(p);
    }
    free(cmd);
    return n;
}

static int
setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/skola-file-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

static void
same_file_however_spelled(void **state)
{
    (void)state;
    put("s.db", "db");
    char *db = at("s.db"), *sub = at("sub"), *link = at("link.db");
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(symlink("s.db", link), 0);
    char *dotdot = at("sub/../s.db"), *dot = at("./s.db");
    assert_true(sk_path_same(db, db));
    assert_true(sk_path_same(db, link));
    assert_true(sk_path_same(db, dotdot));
    assert_true(sk_path_same(db, dot));
    /* not there yet: the same real folder and name */
    char *wal = at("s.db-wal"), *wal2 = at("sub/../s.db-wal");
    assert_true(sk_path_same(wal, wal2));
    /* names that only start alike are other files */
    char *longer = at("s.db.csv"), *wal_x = at("s.db-wal2");
    assert_false(sk_path_same(db, longer));
    assert_false(sk_path_same(wal, wal_x));
    assert_false(sk_path_same(db, wal));
    /* inside a folder */
    char *inner = at("sub/x/y");
    assert_false(sk_path_within(inner, sub)); /* sub/x does not exist: no real path */
    char *inner1 = at("sub/x");
    assert_true(sk_path_within(inner1, sub));
    assert_true(sk_path_within(sub, sub));
    char *subx = at("subx");
    assert_false(sk_path_within(subx, sub));
    assert_false(sk_path_within(sub, inner1));
    free(db), free(sub), free(link), free(dotdot), free(dot), free(wal), free(wal2);
    free(longer), free(wal_x), free(inner), free(inner1), free(subx);
}

static void
commit_replaces_abort_keeps(void **state)
{
    (void)state;
    put("t.csv", "old");
    char *t = at("t.csv");
    mode_t old = umask(0);
    struct sk_atomic a;
    struct sk_error err = {0};
    FILE *f = sk_atomic_open(&a, t, 0600, &err);
    assert_non_null(f);
    fputs("half", f);
    assert_int_equal(n_tmp("t.csv"), 1);
    assert_string_equal(get("t.csv"), "old");
    sk_atomic_abort(&a);
    assert_int_equal(n_tmp("t.csv"), 0);
    assert_string_equal(get("t.csv"), "old");

    assert_true(sk_write_file_atomic(t, "new", 3, 0600, &err));
    assert_string_equal(get("t.csv"), "new");
    struct stat st;
    assert_int_equal(stat(t, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600); /* whatever the umask */
    assert_int_equal(n_tmp("t.csv"), 0);
    umask(old);
    free(t);
}

static void
clean_removes_only_what_nobody_holds(void **state)
{
    (void)state;
    char *t = at("c.csv");
    struct sk_atomic live;
    struct sk_error err = {0};
    assert_non_null(sk_atomic_open(&live, t, 0600, &err));
    put(".c.csv.tmp-dead01", "stale");
    put(".c.csv.tmp-dead01-journal", "stale");
    put(".c.csv.tmp-live99-journal.x", "keep");
    put("c.csv.tmp-dead02", "keep");
    put(".c.csvx.tmp-dead03", "keep");
    assert_int_equal(n_tmp("c.csv"), 4); /* live, dead01, its journal, the .x */
    assert_int_equal(sk_atomic_clean(t), 2);
    assert_int_equal(n_tmp("c.csv"), 2); /* the live one (locked) and the .x */
    assert_null(get(".c.csv.tmp-dead01"));
    assert_non_null(get("c.csv.tmp-dead02"));
    assert_non_null(get(".c.csvx.tmp-dead03"));
    fputs("whole", live.f);
    assert_true(sk_atomic_commit(&live, &err));
    assert_string_equal(get("c.csv"), "whole");
    free(t);
}

static void
missing_folder_is_an_error(void **state)
{
    (void)state;
    char *t = at("no/such/f.csv");
    struct sk_error err = {0};
    assert_false(sk_write_file_atomic(t, "x", 1, 0600, &err));
    assert_int_equal(err.code, SK_EIO);
    assert_non_null(strstr(err.msg, "f.csv"));
    free(t);
}

/* The type of the node at name (S_IFMT bits of lstat), 0 when none. */
static unsigned
node_type(const char *name)
{
    char *p = at(name);
    struct stat sb;
    unsigned t = lstat(p, &sb) == 0 ? (unsigned)(sb.st_mode & S_IFMT) : 0;
    free(p);
    return t;
}

static void
non_regular_targets_are_never_replaced(void **state)
{
    (void)state;
    char *fifo = at("f.csv"), *folder = at("d.csv"), *dev = at("mynull");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(mkdir(folder, 0700), 0);
    bool has_dev = mknod(dev, S_IFCHR | 0666, makedev(1, 3)) == 0; /* root only */
    const char *names[] = {"f.csv", "d.csv", "mynull"};
    for (size_t i = 0; i < (has_dev ? 3u : 2u); i++) {
        unsigned before = node_type(names[i]);
        char *p = at(names[i]);
        struct sk_error err = {0};
        assert_false(sk_write_file_atomic(p, "x", 1, 0600, &err));
        assert_int_equal(err.code, SK_EIO);
        assert_non_null(strstr(err.msg, "not a regular file"));
        assert_int_equal(node_type(names[i]), before);
        assert_int_equal(n_tmp(names[i]), 0);
        free(p);
    }
    free(fifo);
    free(folder);
    free(dev);
}

static void
symlink_to_a_file_is_written_through(void **state)
{
    (void)state;
    put("real.csv", "old");
    char *link = at("l.csv"), *dangling = at("dangling.csv");
    assert_int_equal(symlink("real.csv", link), 0);
    struct sk_error err = {0};
    assert_true(sk_write_file_atomic(link, "new", 3, 0600, &err));
    assert_int_equal(node_type("l.csv"), (unsigned)S_IFLNK);
    assert_string_equal(get("real.csv"), "new");
    assert_int_equal(symlink("missing.csv", dangling), 0);
    assert_false(sk_write_file_atomic(dangling, "x", 1, 0600, &err));
    assert_int_equal(node_type("missing.csv"), 0);
    assert_int_equal(node_type("dangling.csv"), (unsigned)S_IFLNK);
    free(link);
    free(dangling);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(same_file_however_spelled, setup, teardown),
        cmocka_unit_test_setup_teardown(commit_replaces_abort_keeps, setup, teardown),
        cmocka_unit_test_setup_teardown(clean_removes_only_what_nobody_holds, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_folder_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(non_regular_targets_are_never_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(symlink_to_a_file_is_written_through, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
