/* testlib.h — fixture code shared by the unit tests (compiled into each of
 * them by CMakeLists.txt): a fresh ":memory:" database with a school, and
 * records built from CSV text. Every helper fails the running test (cmocka
 * fail_msg) instead of returning an error, so test data must be valid.
 * Include after <cmocka.h> and its prerequisites. */
#ifndef SKOLA_TESTS_TESTLIB_H
#define SKOLA_TESTS_TESTLIB_H

#include "storage/storage.h"

#include <stddef.h>
#include <stdint.h>

/* The usual fixture: one database with one school. Allocated by
 * test_fixture_open(), released by test_fixture_close(). */
struct test_fixture {
    struct storage_db *db; /* owned; first member (see test_fixture_close) */
    int64_t school;        /* id of its school */
};

/* Opens a fresh ":memory:" database and creates the school (code, name and
 * city as given; city may be NULL). Returns the owned database and its id. */
struct storage_db *test_db_open(const char *code, const char *name, const char *city,
                                int64_t *school);
/* cmocka setup: *state = a struct test_fixture with the school "4513900001",
 * "Liepājas Valsts tehnikums", "Liepāja". */
int test_fixture_open(void **state);
/* cmocka teardown for any calloc'd fixture whose first member is its
 * struct storage_db *: closes the database and frees the fixture. */
int test_fixture_close(void **state);

/* Parses text into field `key` of rec. */
void test_set(struct forms_record *rec, const char *key, const char *text);
/* The CSV text of field `key` of rec (static buffer, valid until the next call). */
const char *test_get(const struct forms_record *rec, const char *key);
/* Inserts a record of `kind` into `school`: the defaults, then the pairs
 * key, text, key, text, …, NULL of kv. Returns the new id. */
int64_t test_insert(struct storage_db *db, int64_t school, const struct forms_kind *kind,
                    const char *const *kv);

/* One problem reported by an import (copied from its struct sk_error). */
struct test_seen_error {
    long line, column;
    char field[40];
    char msg[512];
};

/* A database with one school, a temporary folder for files and the
 * problems seen: cmocka setup test_csv_open, teardown test_csv_close. */
struct test_csv_fixture {
    struct storage_db *db; /* owned; first member (see test_fixture_close) */
    int64_t school;
    char dir[64];
    struct test_seen_error errors[64];
    size_t n_errors;
};
int test_csv_open(void **state);
int test_csv_close(void **state); /* removes the folder too */
/* core_error_fn collecting into the struct test_csv_fixture *ctx. */
void test_csv_collect(void *ctx, const struct sk_error *e);
/* Writes n bytes (strlen when n == 0) to DIR/name; returns the path (one
 * of 4 static buffers, reused in turn). */
const char *test_csv_write(struct test_csv_fixture *fx, const char *name, const char *bytes,
                           size_t n);

/* A fresh folder "/tmp/skola-TAG-XXXXXX" in dir (cap >= 64 bytes); fails
 * the running test when it cannot be made. */
void test_dir_make(char *dir, size_t cap, const char *tag);
/* Removes folder dir and everything in it (no shell: names may hold
 * quotes). 0, or -1 when something stayed (said on stderr). */
int test_dir_remove(const char *dir);

/* Removes the first column (`uid`, or a record's uid) from every line of
 * an export, in place: the uids are random, the rest can be compared. */
void test_strip_uids(char *csv);

#endif
