/* storage.h — the interface of storage/: the SQLite file, its schema and
 * migrations, generic record CRUD and keyset paging driven by forms/
 * descriptors, the audit log and backup. Only storage/ includes sqlite3.h.
 * Nothing here prints, prompts or exits. */
#ifndef SKOLA_STORAGE_H
#define SKOLA_STORAGE_H

#include "forms/forms.h"

/* 'SKLA' in PRAGMA application_id. */
#define STORAGE_APPLICATION_ID 0x534b4c41
/* user_version this program writes; a newer file is refused. */
extern const int storage_schema_version;

/* One open database file and its statement cache; one thread only.
 * Created by storage_open(), released by storage_close(). */
struct storage_db;

enum {
    SO_CREATE = 1u << 0,   /* create the file (and its folder, 0700) if missing */
    SO_READONLY = 1u << 1, /* open read-only, no migrations */
};
/* Added for benchmarks and tools: skip PRAGMA quick_check on open (it reads
 * the whole file, which is slow on very large databases). */
enum { SO_NO_CHECK = 1u << 2 };
/* The caller only reads (check, summary, export, backup): the file is opened
 * read-only, so that this works on a full disk, a read-only mount or a file
 * the user may only read; an older file is still upgraded first (opened
 * writable then). */
enum { SO_READ = 1u << 3 };

/* Opens (or creates, with SO_CREATE) the database at `path`: file mode 0600,
 * foreign_keys on, busy_timeout, WAL (DELETE on network file systems),
 * application_id checked, migrations run in BEGIN IMMEDIATE, quick_check
 * (only on files up to 4 MiB: it reads the whole file; see storage/db.c).
 * ":memory:" works for tests. A file marked damaged (<path>.damaged, see
 * storage_check_progress) is refused unless opened read-only or SO_READ;
 * permission problems are named (SK_EIO) before SQLite tries. Returns an
 * owned handle or NULL with err set (SK_EIO for file problems, SK_EDB for a
 * foreign/newer/corrupt/damaged file). A shared file (users registered,
 * storage/users.c) refuses a login that is not one of its users (SK_EINVAL,
 * naming the `skola users add` to ask the head for). */
struct storage_db *storage_open(const char *path, unsigned flags, struct sk_error *err);
void storage_close(struct storage_db *db); /* accepts NULL */
/* The default database path: $SKOLA_DB, else $XDG_DATA_HOME/skola/skola.db,
 * else ~/.local/share/skola/skola.db. Returns an owned string. */
char *storage_default_path(void);
/* Whether the database file at path exists. */
bool storage_exists(const char *path);
/* False with err (SK_EIO) when the folder of path may not be passed, or the
 * file is group-readable but not by this login (EACCES): names the group a
 * shared file needs; true otherwise, also when there is no file (other
 * closed files are storage_open's to explain). */
bool storage_db_reachable(const char *path, struct sk_error *err);
/* Whether path can name a database file: not empty, not a folder; else
 * err (SK_EUSAGE) says so in words (SQLite would not). */
bool storage_db_path_check(const char *path, struct sk_error *err);
/* The name of the network (or FUSE) file system with statfs magic number
 * `magic` ("NFS", "CIFS", "9p"…), or NULL for a local one. Static string. */
const char *storage_fs_magic_name(unsigned long magic);
/* The network file system `path` (or, when it does not exist yet, its
 * folder) lies on, as storage_fs_magic_name, or NULL: local or unknown. */
const char *storage_fs_network_name(const char *path);
/* A shared file (several logins, WAL) must lie on the host's own disk:
 * false with err (SK_EIO) naming the file system when it does not. Run at
 * the open of a shared file and by `share` / `init --group`. */
bool storage_fs_shared_check(const char *path, struct sk_error *err);

/* Transactions. One user save is one transaction; imports use one too.
 * storage_begin uses BEGIN IMMEDIATE (waits busy_timeout for the lock). */
bool storage_begin(struct storage_db *db, struct sk_error *err);
bool storage_commit(struct storage_db *db, struct sk_error *err);
void storage_rollback(struct storage_db *db); /* no-op outside a transaction */
bool storage_in_transaction(const struct storage_db *db);

/* Read transactions: every read between storage_read_begin and
 * storage_read_end sees one snapshot of the file, so the files of a package
 * or the tables of a report agree even while another process imports.
 * *own tells storage_read_end whether this call started the transaction. */
bool storage_read_begin(struct storage_db *db, bool *own, struct sk_error *err);
void storage_read_end(struct storage_db *db, bool own);

/* Output paths (storage/output.c). The database file's path as SQLite has
 * it (absolute), or NULL for a database in memory. */
const char *storage_db_path(struct storage_db *db);
/* Whether writing `path` would overwrite the database at db_path or its
 * -wal, -shm or -journal: the same file (device and inode) when it exists,
 * the same canonical folder and name when it does not, so "./skola.db", a
 * symlink to it, "dir/../skola.db" and "skola.db-wal" are all caught. */
bool storage_path_is_database_file(const char *db_path, const char *path);
bool storage_path_is_database(struct storage_db *db, const char *path);
/* true when path may be written; else fails (SK_EUSAGE) with a message
 * naming the path. Every command that writes a file calls this first. */
bool storage_output_allowed(const char *db_path, const char *path, struct sk_error *err);

/* Bulk mode for one large import (storage/bulk.c): starts the import's
 * transaction (BEGIN IMMEDIATE, like storage_begin). Record operations then
 * skip their per-operation SAVEPOINT: a failed statement is still undone by
 * SQLite's statement journal, but a failed operation may leave its earlier
 * writes (a record without its audit row), so the caller MUST end with
 * keep = false after any error, as an import does. When `expected_rows` is
 * large (>= 20 000 and at least the rows already in kind's table), kind's
 * non-unique indexes are dropped and storage_bulk_end re-creates them with
 * one sorted CREATE INDEX each, in the same transaction: much faster than
 * updating them row by row; unique indexes stay and keep checking. Fails
 * with SK_EDB (nothing started). */
bool storage_bulk_begin(struct storage_db *db, const struct forms_kind *kind, size_t expected_rows,
                        struct sk_error *err);
/* Ends the bulk transaction: with `keep`, re-creates the dropped indexes
 * and commits (false with err set, rolled back, when either fails);
 * without, rolls everything back (then err is not touched). */
bool storage_bulk_end(struct storage_db *db, bool keep, struct sk_error *err);

/* Import batches (storage/batch.c): inside bulk mode, storage_batch_begin
 * writes the one audit entry of an import (OS user, time, file_name) and
 * from then on the inserts of `kind` write no audit row of their own: each
 * new record names the batch (column import_batch) and its stored values
 * are its first values. Updates keep their per-field audit rows.
 * storage_batch_end (before storage_bulk_end) records the file's SHA-256
 * (64 hex digits, or NULL), how many records were created (counted here)
 * and `updated`. A rolled-back import leaves no batch. */
bool storage_batch_begin(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                         const char *file_name, struct sk_error *err);
bool storage_batch_end(struct storage_db *db, const char *sha256, size_t updated,
                       struct sk_error *err);

/* One entry of a record's history (storage_history). Strings are borrowed
 * for the duration of the callback. */
struct storage_history_entry {
    char at[32];           /* ISO timestamp UTC */
    char user[64];         /* OS user */
    char action[8];        /* insert, update, delete or import */
    char field[64];        /* update: the field's key; else "" */
    const char *old_value; /* update/delete (JSON for delete); NULL = empty */
    const char *new_value; /* update/insert (JSON for insert); NULL = empty */
    /* import: the batch that created the record */
    int64_t batch_id;
    const char *file_name;
    char sha256[65];
    int64_t rows; /* records the import created */
};
/* Returns false to stop. */
typedef bool (*storage_history_fn)(void *ctx, const struct storage_history_entry *e);
/* The history of record id of kind, newest first: its field changes, then
 * how it was created (an insert entry with the JSON of its values, or
 * "import": created by the import of file_name at `at` by `user`). A
 * record deleted and its id used again: only the current record's entries. */
bool storage_history(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                     int64_t id, storage_history_fn fn, void *ctx, struct sk_error *err);
/* A deleted record of kind: the id of its newest delete audit row, by uid
 * (when not NULL; delete rows name it since this version) or else by the
 * natural key fields of `key`. *audit_id = 0 when there is none. */
bool storage_history_find_deleted(struct storage_db *db, const struct forms_kind *kind,
                                  int64_t school_id, const char *uid,
                                  const struct forms_record *key, int64_t *audit_id,
                                  struct sk_error *err);
/* The history of the record deleted by audit row audit_id, newest first:
 * the deletion, its field changes, its insert row or the import that
 * created it (named in the delete row). Right even when a newer record has
 * the same id since. */
bool storage_history_deleted(struct storage_db *db, const struct forms_kind *kind,
                             int64_t school_id, int64_t audit_id, storage_history_fn fn, void *ctx,
                             struct sk_error *err);

/* ---------------------------------------------------------------- schools */

struct storage_school {
    int64_t id;
    char code[64];
    char name[256];
    char municipality[128];
};

/* Creates a school; SK_EINVAL if the code exists already. */
bool storage_school_create(struct storage_db *db, const char *code, const char *name,
                           const char *municipality, int64_t *id, struct sk_error *err);
/* All schools ordered by code; *out is owned (free()). */
bool storage_school_list(struct storage_db *db, struct storage_school **out, size_t *n,
                         struct sk_error *err);
/* The school with `code`, or, when code is NULL, the only school of the file
 * (SK_ENOTFOUND when there is none, SK_EUSAGE when there are several). */
bool storage_school_get(struct storage_db *db, const char *code, struct storage_school *out,
                        struct sk_error *err);

/* The school with this id (SK_ENOTFOUND if none). */
bool storage_school_by_id(struct storage_db *db, int64_t id, struct storage_school *out,
                          struct sk_error *err);

/* ---------------------------------------------------------------- records */

/* All record operations work inside one school (school_id) and write the
 * audit log (OS user, time, kind, record, field, old, new) in the same
 * transaction. Each opens its own transaction unless one is already open. */

/* Inserts rec (id and version 0); sets rec->id and rec->version = 1.
 * FT_REF values with i == 0 are resolved by name first (SK_EINVAL naming the
 * closest names when unknown). A duplicate unique/natural key is SK_EINVAL
 * with err->field set. */
bool storage_record_insert(struct storage_db *db, int64_t school_id, struct forms_record *rec,
                           struct sk_error *err);
/* Updates rec where id and version match; version is incremented. A changed
 * version is SK_ECONFLICT, a missing row SK_ENOTFOUND. Audits changed fields. */
bool storage_record_update(struct storage_db *db, int64_t school_id, struct forms_record *rec,
                           struct sk_error *err);
/* Deletes one record (version 0 = any version). Refused (SK_EINVAL, message
 * says where) while other records refer to it. */
bool storage_record_delete(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                           int64_t id, int64_t version, struct sk_error *err);
/* Reads one record into rec (initialised for kind by the caller). */
bool storage_record_get(struct storage_db *db, const struct forms_kind *kind, int64_t school_id,
                        int64_t id, struct forms_record *rec, struct sk_error *err);
/* Finds the id of the record whose natural-key fields equal rec's; *id = 0
 * when there is none. */
/* storage_record_insert of a record that already has its uid elsewhere
 * (an exported row, a merged copy): uid in canonical form, or NULL/"" for a
 * new one. Both set rec->uid. */
bool storage_record_insert_uid(struct storage_db *db, int64_t school_id, struct forms_record *rec,
                               const char *uid, struct sk_error *err);
/* The record of kind whose uid is `uid` (canonical form, forms_uid_parse),
 * in any school: *id 0 when there is none. */
bool storage_record_find_uid(struct storage_db *db, const struct forms_kind *kind, const char *uid,
                             int64_t *id, int64_t *school_id, struct sk_error *err);
/* A new random uid (UUID text) into out. */
bool storage_uid_new(char out[FORMS_UID_LEN + 1], struct sk_error *err);
bool storage_record_find_natkey(struct storage_db *db, int64_t school_id,
                                const struct forms_record *rec, int64_t *id, struct sk_error *err);
/* Sets field `field` to `v` on every record in ids, in one transaction, with
 * audit. Returns false (nothing changed) if any record fails validation. */
bool storage_record_bulk_set(struct storage_db *db, const struct forms_kind *kind,
                             int64_t school_id, const int64_t *ids, size_t n_ids, int field,
                             const struct forms_value *v, struct sk_error *err);

/* Resolves a reference by the target kind's name field ("full_name").
 * *id = 0 when not found; then `suggest` (if not NULL, cap bytes) receives up
 * to three closest existing names, comma-separated. */
bool storage_ref_resolve(struct storage_db *db, const char *ref_kind, int64_t school_id,
                         const char *name, int64_t *id, char *suggest, size_t suggest_cap,
                         struct sk_error *err);
/* How storage_ref_lookup found a name. */
enum storage_ref_how {
    SR_NONE,   /* not found */
    SR_EXACT,  /* spelled exactly as stored */
    SR_FOLDED, /* only once case and diacritics are folded ("ilze berzina") */
};
/* As storage_ref_resolve, and says how the name was found; with SR_FOLDED,
 * `stored` (if not NULL, cap bytes) receives the name as stored. An exact
 * match always wins; a name that matches several records only once folded
 * is SK_EINVAL (*id = 0) with a message naming them all. storage_ref_resolve
 * and the record writes follow the same rule. */
bool storage_ref_lookup(struct storage_db *db, const char *ref_kind, int64_t school_id,
                        const char *name, int64_t *id, enum storage_ref_how *how, char *stored,
                        size_t stored_cap, char *suggest, size_t suggest_cap, struct sk_error *err);
/* Names of `ref_kind` (or distinct values of field `key` of `kind` when
 * ref_kind is NULL) starting with/containing the folded prefix (or each of
 * its words, in any order), for completion; up to `max` owned strings into *out (free each, then
 * *out). */
bool storage_complete(struct storage_db *db, const char *ref_kind, const struct forms_kind *kind,
                      const char *key, int64_t school_id, const char *prefix, size_t max,
                      char ***out, size_t *n, struct sk_error *err);

/* --------------------------------------------------------------- settings */

/* Per-school settings (storage/settings.c), e.g. "current_year". Reads the
 * value of `key` into buf (cap bytes); *found is false (buf "") when it was
 * never set. */
bool storage_setting_get(struct storage_db *db, int64_t school_id, const char *key, char *buf,
                         size_t cap, bool *found, struct sk_error *err);
/* Stores a setting (NULL value = unset) with an audit row (kind "settings"). */
bool storage_setting_set(struct storage_db *db, int64_t school_id, const char *key,
                         const char *value, struct sk_error *err);
/* The school year chosen in the settings screen, or 0 when none was chosen. */
bool storage_current_year(struct storage_db *db, int64_t school_id, int *year,
                          struct sk_error *err);
bool storage_set_current_year(struct storage_db *db, int64_t school_id, int year,
                              struct sk_error *err);

/* ------------------------------------------------------------ staff stats */

/* Professional-development hours (storage/staff_pd.c): the sum of the
 * `hours` of staff member staff_id's trainings dated first..last (both
 * inclusive), in thousandths of an hour (FT_DEC3). */
bool storage_staff_pd_hours(struct storage_db *db, int64_t school_id, int64_t staff_id,
                            sk_date first, sk_date last, int64_t *thousandths,
                            struct sk_error *err);

/* ----------------------------------------------------------------- paging */

/* What a list shows: one kind in one school, sorted by one field (or by id
 * when sort_field < 0), optionally filtered by folded text and a school year. */
/* One field filter of a list (`f`): the field's value, a range or
 * emptiness. Combined with each other and with the text filter by AND. */
enum storage_cond_op {
    SC_EQ,    /* = lo (flags: has the choice of lo's lowest bit; text: any case) */
    SC_RANGE, /* >= lo when lo is set, <= hi when hi is set (dates, numbers) */
    SC_EMPTY, /* no value */
};
struct storage_cond {
    int field; /* index into kind->fields (not an FF_ROWS field) */
    enum storage_cond_op op;
    struct forms_value lo, hi; /* owned by whoever owns the cond */
};
struct storage_query {
    const struct forms_kind *kind;
    int64_t school_id;
    int sort_field; /* index into kind->fields, or -1 = id */
    bool desc;      /* descending */
    const char
        *filter; /* NULL/"" = all; case/diacritic-insensitive substring of the searched fields */
    int year;    /* 0 = all; else records inside school year `year` (kind->year_field) */
    const struct storage_cond *conds; /* field filters (borrowed), AND-ed; NULL when n_conds 0 */
    size_t n_conds;
    bool is_scoped; /* only the rows of kind->scope (ignored without one) */
    /* With ref_id != 0: only records whose reference field ref_field (an
     * FT_REF index) holds ref_id ("my sheets": observer = me). Such pages
     * are prepared anew each time rather than cached. */
    int ref_field;
    int64_t ref_id;
};

enum storage_dir {
    SD_FIRST,  /* from the start of the order */
    SD_LAST,   /* the last `limit` rows, in order */
    SD_AFTER,  /* rows strictly after anchor */
    SD_BEFORE, /* rows strictly before anchor, returned in order */
};

/* A page of records; reused between fetches (values keep their memory). */
struct storage_page {
    struct forms_record *rows; /* owned; rows[0..n) valid, rows[n..cap) initialised spare */
    size_t n, cap;
};
void storage_page_fini(struct storage_page *page);

/* Fetches up to `limit` rows in query order relative to `anchor` (a record of
 * the same kind; only its id and sort value are used; NULL for SD_FIRST/LAST).
 * Keyset pagination: cost does not grow with the position. */
bool storage_page_fetch(struct storage_db *db, const struct storage_query *q,
                        const struct forms_record *anchor, enum storage_dir dir, size_t limit,
                        struct storage_page *page, struct sk_error *err);
/* As storage_page_fetch, for a first page that may take long (a filter
 * that matches few rows scans them all): abandoned with SK_ECANCELLED (page
 * empty) when should_stop(ctx) returns true, asked every
 * STORAGE_COUNT_CHECK_STEPS steps; should_stop may be NULL. */
bool storage_page_fetch_cancellable(struct storage_db *db, const struct storage_query *q,
                                    const struct forms_record *anchor, enum storage_dir dir,
                                    size_t limit, struct storage_page *page,
                                    bool (*should_stop)(void *ctx), void *ctx,
                                    struct sk_error *err);
/* Rows matching q; with anchor, rows strictly before it (its 0-based position). */
bool storage_count(struct storage_db *db, const struct storage_query *q,
                   const struct forms_record *anchor, int64_t *n, struct sk_error *err);
/* As storage_count, for counts that may take long (a filter scans every
 * row): every STORAGE_COUNT_CHECK_STEPS steps of the statement it calls
 * should_stop(ctx), and when that returns true it abandons the count and
 * fails with SK_ECANCELLED (nothing to show the user; ask again later).
 * should_stop may be NULL (never stops). */
enum { STORAGE_COUNT_CHECK_STEPS = 1000 };
bool storage_count_cancellable(struct storage_db *db, const struct storage_query *q,
                               const struct forms_record *anchor, int64_t *n,
                               bool (*should_stop)(void *ctx), void *ctx, struct sk_error *err);

/* Streams every row of q in order (for export). The iterator is owned;
 * storage_iter_close accepts NULL. rec is initialised by the caller. */
struct storage_iter;
struct storage_iter *storage_iter_open(struct storage_db *db, const struct storage_query *q,
                                       struct sk_error *err);
/* Returns 1 with rec filled, 0 at the end, -1 on error. */
int storage_iter_next(struct storage_iter *it, struct forms_record *rec, struct sk_error *err);
void storage_iter_close(struct storage_iter *it);

/* The remembered state of a list (its sort and filters) of the OS login
 * that opened db, for kind (a kind key): *state owned, NULL when none was
 * stored. storage_view_put replaces it. The text is the caller's own
 * (storage/view.c). Not audited; a read-only open cannot store it. */
bool storage_view_get(struct storage_db *db, const char *kind, char **state, struct sk_error *err);
bool storage_view_put(struct storage_db *db, const char *kind, const char *state,
                      struct sk_error *err);

/* ------------------------------------------------------------------ audit */

struct storage_audit_entry {
    int64_t id;
    char at[32];   /* ISO timestamp UTC */
    char user[64]; /* OS user */
    char kind[32]; /* kind key */
    int64_t record_id;
    char action[8];  /* insert, update, delete */
    char field[64];  /* "" for insert/delete */
    char *old_value; /* owned, NULL = empty */
    char *new_value; /* owned, NULL = empty */
};
/* Audit entries for one record (record_id 0 = all of the kind; kind NULL =
 * all), oldest first. *out owned: free with storage_audit_free. */
bool storage_audit_list(struct storage_db *db, const char *kind, int64_t record_id,
                        struct storage_audit_entry **out, size_t *n, struct sk_error *err);
void storage_audit_free(struct storage_audit_entry *e, size_t n);

/* ----------------------------------------------------------- maintenance */

/* Runs integrity_check and foreign_key_check; calls report(ctx, line) for
 * each problem found. Returns true when the file is healthy. */
bool storage_check(struct storage_db *db, void (*report)(void *ctx, const char *line), void *ctx,
                   struct sk_error *err);
/* Rows whose stored sort keys (the Latvian order of text list columns) do
 * not match their text, as after a write by another program: stale[k]
 * counts the rows of forms_kinds[k] (stale has forms_n_kinds elements). */
bool storage_sortkeys_check(struct storage_db *db, int64_t *stale, struct sk_error *err);
/* Recomputes every outdated sort key in one transaction; *n_fixed rows
 * changed. Touches neither versions, times nor the audit log. */
bool storage_sortkeys_repair(struct storage_db *db, int64_t *n_fixed, struct sk_error *err);
/* Rows without a uid (inserted by another program): missing[k] counts the
 * rows of forms_kinds[k] (missing has forms_n_kinds elements). */
bool storage_uids_check(struct storage_db *db, int64_t *missing, struct sk_error *err);
/* Rows whose uid is not one skola makes (36 characters, lowercase hex in
 * groups 8-4-4-4-12: another program changed it): bad[k] counts the rows of
 * forms_kinds[k]. Such a row cannot be matched by a merge or an import. */
bool storage_uids_check_forms(struct storage_db *db, int64_t *bad, struct sk_error *err);
/* Gives every row without a uid, or with one that is not a uid, a new one
 * in one transaction; *n_fixed rows changed. Rows without one are also
 * given theirs by every open for writing (storage_open). */
bool storage_uids_repair(struct storage_db *db, int64_t *n_fixed, struct sk_error *err);
/* Rows whose folded search text (what the list filter reads) does not
 * match their values, as after a write by another program: *stale counts
 * them over all kinds (storage/search.c). */
bool storage_search_check(struct storage_db *db, int64_t *stale, struct sk_error *err);
/* Recomputes every outdated search text in one transaction; *n_fixed rows
 * changed. Touches neither versions, times nor the audit log. */
bool storage_search_repair(struct storage_db *db, int64_t *n_fixed, struct sk_error *err);
/* Observation sheets whose tick bit sets (ticks_assessed, ticks_on: what the
 * summary reads) disagree with their tick rows, as when another program
 * changed observation_tick: *stale counts them, or with `repair` the sets
 * are recomputed and *stale counts the sheets fixed (storage/obs_ticks.c). */
bool storage_obs_ticks_check(struct storage_db *db, bool repair, int64_t *stale,
                             struct sk_error *err);
/* As storage_check; progress(ctx, percent) is called now and then during
 * the integrity check (percent: a rough estimate from the pages read, 0-99).
 * A damaged file gets the marker <file>.damaged (writes are refused while
 * it exists); a clean integrity check removes it. The schema is compared
 * with the one this release expects and differences are reported. */
bool storage_check_progress(struct storage_db *db, void (*report)(void *ctx, const char *line),
                            void (*progress)(void *ctx, int percent), void *ctx,
                            struct sk_error *err);
/* Copies the live database to `path` with the backup API (file 0600), then
 * verifies the copy (integrity check, row counts of every table); a copy
 * found damaged is removed, SK_EDB, and storage_found_damage() is true. */
bool storage_backup(struct storage_db *db, const char *path, struct sk_error *err);
/* Whether damage was seen through db (an SQLITE_CORRUPT error, a failed
 * check or backup verification). */
bool storage_found_damage(const struct storage_db *db);
/* Whether the file at `path` carries the damage marker <path>.damaged. */
bool storage_marked_damaged(const char *path);

/* What storage_rescue copied from a damaged file. */
struct storage_rescue_report {
    size_t tables;      /* tables recreated */
    size_t rows;        /* rows copied */
    size_t lost_ranges; /* unreadable stretches skipped */
};
/* Copies what can be read of the database file `src` (damaged, so that
 * storage_open refuses it) into a new database at `dst` (0600). The new
 * file gets skola's own schema from the migrations (every table, index and
 * trigger), up to src's version; then the rows are copied table by table,
 * row by row in rowid order (a WITHOUT ROWID table by its first key column),
 * skipping what cannot be read; then the file is
 * migrated to the current version. src is opened read-only and defensive,
 * and no SQL text from it is ever run. */
bool storage_rescue(const char *src, const char *dst, struct storage_rescue_report *out,
                    struct sk_error *err);

/* ------------------------------------------------------- forgetting a person */

/* One (kind, field) where a forgotten name was found. */
struct storage_forget_change {
    char kind[32];  /* kind key */
    char field[64]; /* field key */
    size_t records; /* records whose field held the name */
};
/* What storage_forget_person changed (or, in a dry run, would change). */
struct storage_forget_report {
    char name[256];     /* the name as stored (the staff record's spelling) */
    char pseudonym[32]; /* "Persona-7f3a" */
    int64_t staff_id;   /* the person's staff record, 0 = none */
    struct storage_forget_twin {
        int64_t staff_id;
        char pseudonym[32]; /* each its own: full names are unique */
    } * twins;              /* owned: other staff records with the same name once
                               normalised (NFD, a no-break space), also forgotten */
    size_t n_twins;
    struct storage_forget_change *changes; /* owned; storage_forget_report_fini */
    size_t n_changes;
    size_t audit_rows;       /* audit entries rewritten */
    bool scrub_pending;      /* another process holds the file: old copies of the
                                name remain in it until the next open finishes */
    char scrub_problem[512]; /* "" when scrub_pending is due to another process;
                                else why the wipe failed (e.g. the disk is full) */
};
/* Removes a person's name from the school's data on request: the staff
 * record named `name` (exactly, or case/diacritic-insensitively) gets a fresh
 * pseudonym and loses its other private fields (e-mail, notes) and its audit
 * history (replaced by one entry with what remains); in every text field of
 * every kind and in every audit row the name is replaced by the pseudonym.
 * Names are replaced only as whole names: "Līga Kalniņa" is not touched
 * inside "Līga Kalniņa-Ozola", nor inside another known person's longer name
 * ("Anna Līga Kalniņa", forms_name_find_except); twin staff records (the
 * same name in NFD or with a no-break space) are forgotten too.
 * One transaction; then the freed space and the write-ahead log are wiped.
 * When another connection (another skola, the sqlite3 tool) holds a read
 * transaction, the old page images cannot be wiped yet: out->scrub_pending
 * is set and a flag stored in the file makes the next storage_open finish
 * (storage_forget_finish).
 * SK_ENOTFOUND (with the closest names) when the name is nowhere. */
bool storage_forget_person(struct storage_db *db, int64_t school_id, const char *name, bool dry_run,
                           struct storage_forget_report *out, struct sk_error *err);
void storage_forget_report_fini(struct storage_forget_report *r);
/* Called by storage_open on a writable file: if a forget-person left old
 * copies of a name behind (see scrub_pending) and no other process holds
 * the file now, wipes them (checkpoint, VACUUM, checkpoint) and clears the
 * flag; otherwise leaves the flag for a later start. Never fails the open:
 * returns whether the file is clean now. */
bool storage_forget_finish(struct storage_db *db);

/* ------------------------------------------------------------- aggregates */

/* The aggregate questions the summaries, the yearly report and the
 * municipality package ask (storage/aggregate.c): each is one statement,
 * one pass over its table. Arguments are ISO dates or a year as text,
 * bound as ?2, ?3, ... after the school (?1). */
enum storage_agg {
    SA_SCHOOL_YEAR,   /* (year) -> num: pupils, teachers, teacher_fte (thousandths); 0 or 1 row */
    SA_DEVICES,       /* (ref, ref - 3 years, ref - 5 years) -> key: category, user_group,
                         status, age bucket (<3, 3-5, >=5, unknown); num: devices, out of
                         warranty. Devices not written off and bought by ref. */
    SA_STAFF,         /* (ref, PD from, PD until exclusive) -> key: role, digcompedu; num:
                         persons, FTE thousandths, persons with >= 36 PD hours in the window.
                         Staff employed on ref. */
    SA_STAFF_ROWS,    /* same arguments -> key: role, digcompedu; num: FTE thousandths, PD
                         hours thousandths; one row per person (never the name) */
    SA_VACANCIES,     /* () -> key: subject, open_since, closed_on; num: hours_per_week
                         thousandths; every vacancy */
    SA_CONSULTATIONS, /* (from, until exclusive) -> key: form, topic, consultant role,
                         recipient_kind; num: consultations, minutes, high-risk ones */
    SA_PUPIL_RECIPIENTS, /* (from, until exclusive) -> num: distinct pupil pseudonyms */
    SA_ASSESSMENT,       /* (year) -> key: indicator_code, strengths, development_needs */
    SA_PRIORITIES,       /* (year) -> key: status, priority, qualitative_targets,
                            quantitative_targets, result; in entry order */
    /* the yearly report's tables (core/report.c), rows in entry order */
    SA_PROGRAMMES,        /* (year) -> key: name, code, licence_no, licence_date; num:
                             pupils_start, pupils_completed */
    SA_PROJECTS,          /* (year) -> key: code, name, duration, place; num: staff, pupils */
    SA_EXAM_RESULTS,      /* (year) -> key: qualification; num: country and school average
                             (thousandths) */
    SA_COHORTS,           /* () -> key: qualification; num: year_started, duration
                             (thousandths), pupils_started, pupils_graduated */
    SA_PD_ROWS,           /* (ref, PD from, PD until excl., year from, year until excl.) -> key:
                             role; num: vocational (0/1), PD hours thousandths in the window,
                             trainings in the year; one row per person employed on ref */
    SA_TEACHER_TRAININGS, /* (from, until excl.) -> num: teachers' trainings, their hours
                             (thousandths), cost (cents; NULL when none has one), with a cost */
    SA_HEAD,              /* (ref) -> key: full name of the first head employed on ref */
    SA_N
};

/* One result row: text keys (NULL = no value) borrowed until the callback
 * returns, then the numbers; has[i] is false where num[i] was NULL. */
struct storage_agg_row {
    const char *key[6];
    int64_t num[4];
    bool has[4];
};
/* Called for each row; returning false (with err set) stops the query. */
typedef bool (*storage_agg_fn)(void *ctx, const struct storage_agg_row *row, struct sk_error *err);
/* Runs aggregate `which` for school_id with n_args text arguments and calls
 * fn for every row. Fails with SK_EDB (or fn's error). */
bool storage_aggregate(struct storage_db *db, enum storage_agg which, int64_t school_id,
                       const char *const *args, size_t n_args, storage_agg_fn fn, void *ctx,
                       struct sk_error *err);

/* ----------------------------------------------------- lesson observations */

/* One criterion of an observation template (storage/observation.c). */
struct storage_obs_criterion {
    int section_no;         /* 1..4 */
    char section_name[128]; /* "Mācību metodes un rīki" */
    char code[16];          /* "2.3"; its tick is the sheet's field crit_2_3 */
    char text[256];
    char section_note[256]; /* printed under the section's heading, or "" */
};

/* A versioned criteria template ("LVT-2023"). Sheets keep the code of the
 * template they were filled with. Free crit with storage_obs_template_fini. */
struct storage_obs_template {
    int64_t id;
    char code[48];
    char name[160];
    char title[160];                    /* the printed sheet's title ("" = the default title) */
    char methodology[512];              /* the printed sheet's methodology reference, or "" */
    struct storage_obs_criterion *crit; /* owned, in sheet order; NULL from _list */
    size_t n_crit;
};

/* The template with `code` and its criteria (SK_ENOTFOUND when none). */
bool storage_obs_template_get(struct storage_db *db, const char *code,
                              struct storage_obs_template *out, struct sk_error *err);
void storage_obs_template_fini(struct storage_obs_template *t); /* accepts NULL */
/* The code of the template new sheets of the school use: the one chosen
 * with storage_obs_template_use, else the newest. */
bool storage_obs_template_current(struct storage_db *db, int64_t school_id, char *code, size_t cap,
                                  struct sk_error *err);
bool storage_obs_template_use(struct storage_db *db, int64_t school_id, const char *code,
                              struct sk_error *err);
/* All templates, oldest first, with n_crit counted (crit NULL); *out owned. */
bool storage_obs_template_list(struct storage_db *db, struct storage_obs_template **out, size_t *n,
                               struct sk_error *err);
/* Adds a template (one transaction, audited). Every code must be a tick slot
 * of the sheet (1.1-1.3, 2.1-2.4, 3.1-3.4, 4.1-4.6) in its own section;
 * SK_EINVAL names the first problem. */
bool storage_obs_template_add(struct storage_db *db, const char *code, const char *name,
                              const struct storage_obs_criterion *crit, size_t n,
                              struct sk_error *err);
/* As storage_obs_template_add, with the printed sheet's wording: t->code,
 * t->name, t->title, t->methodology and t->crit[0..n_crit) (section notes
 * included). */
bool storage_obs_template_add_worded(struct storage_db *db, const struct storage_obs_template *t,
                                     struct sk_error *err);

/* The sheets (drafts too) of school_id per template code, ordered by code:
 * cb(ctx, code, n) for each code in use ("" = a sheet without a template).
 * (storage/obs_template.c) */
bool storage_obs_template_sheets(struct storage_db *db, int64_t school_id,
                                 void (*cb)(void *ctx, const char *code, int64_t n), void *ctx,
                                 struct sk_error *err);

#define STORAGE_OBS_MAX_CRIT          96 /* >= the 17 LVT-2023 ticks + FORMS_OBS_MAX_CRIT */
#define STORAGE_OBS_MAX_SECTIONS      16 /* sections 1 .. 16 of the templates */
#define STORAGE_OBS_N_RECOMMENDATIONS 4
#define STORAGE_OBS_TEMPLATE_MAX_CRIT 62 /* criteria of a template (bits of a sheet's tick sets)   \
                                          */
/* Final sheets dated in [from, to): one pass over the (school_id, date) index
 * and the sheets' tick rows. A criterion is "assessed" on a sheet with a tick
 * row for it; sections are those of the criteria of each sheet's template. */
struct storage_obs_stats {
    int64_t count;                                         /* final sheets */
    int64_t teachers_observed;                             /* distinct teachers */
    int64_t with_recommendation;                           /* any category */
    int64_t recommendation[STORAGE_OBS_N_RECOMMENDATIONS]; /* by choice index */
    int64_t ticked[STORAGE_OBS_MAX_CRIT];                  /* by tick field - first */
    int64_t assessed[STORAGE_OBS_MAX_CRIT];
    int64_t section_all[STORAGE_OBS_MAX_SECTIONS];      /* every assessed tick of it set */
    int64_t section_assessed[STORAGE_OBS_MAX_SECTIONS]; /* sheets assessing the section */
    bool has_section[STORAGE_OBS_MAX_SECTIONS]; /* a template of the file has section s + 1 */
};
bool storage_obs_stats(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                       struct storage_obs_stats *out, struct sk_error *err);
/* Final sheets in [from, to) per area ("" = none), most first: cb per area. */
bool storage_obs_by_area(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                         void (*cb)(void *ctx, const char *area, int64_t n), void *ctx,
                         struct sk_error *err);
/* One teacher and the final sheets observing them in the window. */
struct storage_obs_teacher {
    int64_t staff_id;
    char name[128];
    char areas[808]; /* the staff record's subjects and areas ("" = none) */
    int64_t count;
};
/* Staff with role teacher employed in [from, to) plus anyone observed as a
 * teacher then, fewest observations first, then by name. *out owned. */
bool storage_obs_teacher_counts(struct storage_db *db, int64_t school_id, sk_date from, sk_date to,
                                struct storage_obs_teacher **out, size_t *n, struct sk_error *err);
/* The school_year row's observation inputs (defaults when there is none). */
struct storage_obs_targets {
    bool has_year;     /* a school_year row exists */
    bool has_teachers; /* its `teachers` is filled in */
    int64_t teachers;
    int target_pct;  /* observation_target_pct (default 20) */
    int per_teacher; /* observations_per_teacher_target (default 0) */
};
bool storage_obs_year_targets(struct storage_db *db, int64_t school_id, int year,
                              struct storage_obs_targets *out, struct sk_error *err);

/* ------------------------------------------------------- users and roles */

/* Who may do what in a shared file (storage/users.c). The identity is the
 * OS login; a file with no user registered is personal: everything is
 * allowed, as before users existed. */
enum storage_role {
    SR_PERSONAL = 0, /* a personal file: no users registered, everything allowed as today */
    SR_HEAD,
    SR_DEPUTY,
    SR_IT,
    SR_SUPPORT,
    SR_VIEWER
};
enum storage_access { SA_READ = 1, SA_WRITE = 2 };
struct storage_identity {
    const char *login;      /* OS login, getpwuid(geteuid()) */
    enum storage_role role; /* SR_PERSONAL when the file is not shared */
    int64_t staff_id;       /* linked staff record, 0 when none */
    const char *staff_name; /* its full name, or NULL */
    bool shared;            /* users are registered in this file */
};
/* Who is working in this open file; borrowed, valid while db is open. */
const struct storage_identity *storage_identity(const struct storage_db *db);
/* Whether the identity may read/change records of kind (the role table). */
bool storage_may(const struct storage_db *db, const struct forms_kind *kind,
                 enum storage_access access);
/* The role's translated name ("vietnieks"/"deputy"…) and its key ("deputy"). */
const char *storage_role_label(enum storage_role role);
const char *storage_role_key(enum storage_role role);

/* The areas of the role table. A kind's area comes from a table in
 * storage/users.c keyed by the kind's key; a kind missing there is
 * SAREA_NONE, which no role of a shared file may open (fails closed). */
enum storage_area {
    SAREA_NONE = 0,
    SAREA_DEVICES,       /* devices, loans */
    SAREA_SCHOOL,        /* staff, vacancies, trainings, school years, programmes */
    SAREA_OBSERVATIONS,  /* observations, observation templates */
    SAREA_CONSULTATIONS, /* consultations */
    SAREA_QUALITY,       /* assessments, priorities */
    SAREA_ADMIN,         /* users, share, forget-person, merge, settings */
    SAREA_N
};
enum storage_area storage_kind_area(const struct forms_kind *kind);
/* Whether the identity may read/change the records of an area. */
bool storage_may_area(const struct storage_db *db, enum storage_area area,
                      enum storage_access access);
/* Whether the identity may see the summary metrics, report and package
 * figures of an area (viewer: all; it: devices; support: consultations). */
bool storage_may_summarize(const struct storage_db *db, enum storage_area area);
/* As storage_may / storage_may_area / summaries, but false with err
 * (SK_EINVAL: exit 1) naming the action's roles when refused. */
bool storage_require(const struct storage_db *db, const struct forms_kind *kind,
                     enum storage_access access, struct sk_error *err);
bool storage_require_area(const struct storage_db *db, enum storage_area area,
                          enum storage_access access, struct sk_error *err);
bool storage_require_summary(const struct storage_db *db, enum storage_area area,
                             struct sk_error *err);
/* The whole report or package (every area): head, deputy, viewer. */
bool storage_require_everything(const struct storage_db *db, struct sk_error *err);
/* Between on and off, record reads (storage_iter_open, storage_page_fetch,
 * storage_count, storage_record_get) of a kind whose figures the identity
 * may see are allowed although its records are not: the municipality
 * package carries the devices and self-assessment records a viewer may not
 * list. Nests; off after every on. */
void storage_reading_for_figures(struct storage_db *db, bool on);
/* The role with key ("head"…), or SR_PERSONAL when there is none. */
enum storage_role storage_role_by_key(const char *key);

/* One registered user. */
struct storage_user {
    char login[64];
    enum storage_role role;
    int64_t staff_id;     /* 0 = none */
    char staff_name[256]; /* "" when none */
    char created_at[32];
    char created_by[64];
};
/* Every registered user, by login; *out owned (free()). */
bool storage_users_list(struct storage_db *db, struct storage_user **out, size_t *n,
                        struct sk_error *err);
/* Registers login with role (and staff record staff_id, 0 = none). Head
 * only; the file must be shared already (storage_users_share). SK_EINVAL
 * for a login already registered. Audited (kind "users"). */
bool storage_users_add(struct storage_db *db, const char *login, enum storage_role role,
                       int64_t staff_id, struct sk_error *err);
/* Removes login / changes its role. Head only; the last head can neither
 * go nor lose the role. SK_ENOTFOUND for an unknown login. */
bool storage_users_remove(struct storage_db *db, const char *login, struct sk_error *err);
bool storage_users_set_role(struct storage_db *db, const char *login, enum storage_role role,
                            struct sk_error *err);
/* Makes a personal file shared: the runner is registered as head (a
 * shared file: only its head may call this again, a no-op then). */
bool storage_users_share(struct storage_db *db, struct sk_error *err);
/* The ids of school_id's sheets (drafts too) observing teacher_id (0 = any
 * teacher) dated in [from, to) (SK_DATE_NONE = no bound; a bound leaves out
 * undated sheets), by date then id. *ids owned (NULL when none).
 * (storage/obs_print.c) */
bool storage_obs_sheet_ids(struct storage_db *db, int64_t school_id, int64_t teacher_id,
                           sk_date from, sk_date to, int64_t **ids, size_t *n,
                           struct sk_error *err);

/* Sharing the file with an OS group (storage/share.c). Whether the
 * database at path may be shared with group: the group exists, the runner
 * is a member (root excepted), the folder holds nothing but this database's
 * files (unless it is the group's set-group-id folder already), and the
 * members can reach the folder. With `creating` the file need not exist
 * yet (its folder must). SK_EINVAL naming the problem. */
bool storage_share_check(const char *path, const char *group, bool creating, struct sk_error *err);
/* Gives the folder mode 2770, the file and its -wal/-shm/-journal 0660,
 * all owned by group. SK_EIO naming the file that could not be changed. */
bool storage_share_apply(const char *path, const char *group, struct sk_error *err);

/* "3.40.1": the SQLite library loaded at run time (borrowed, static). */
const char *storage_sqlite_version(void);

/* ------------------------------------------------------------- merge */

/* Merging a copy made by `skola backup` and used elsewhere (storage/merge.c):
 * records are matched by uid; what changed since the copy is told by each
 * record's version against the one the copy remembers (merge_base). */
enum storage_prefer { SP_NONE = 0, SP_THIS, SP_OTHER };
struct storage_merge_conflict {
    const struct forms_kind *kind;
    const char *uid;
    const char *record;      /* the record as shown (natural key or list fields) */
    const char *field;       /* the field's key, NULL: deleted on one side */
    const char *this_value;  /* NULL: deleted in this file */
    const char *other_value; /* NULL: deleted in the copy */
    const char *this_uid;    /* set: added on both sides with one natural key
                                (or unique value), this file's record's uid */
};
struct storage_merge_opts {
    bool dry_run;               /* report only: nothing is written */
    enum storage_prefer prefer; /* who wins a conflict; SP_NONE: nothing is merged then */
    void (*on_conflict)(void *ctx, const struct storage_merge_conflict *c);
    void *ctx;
};
struct storage_merge_result {
    size_t added, updated, deleted; /* records of this file */
    size_t conflicts, resolved;     /* records changed on both sides; decided by prefer */
    size_t kept;                    /* conflicts decided for this file */
    size_t audit_rows;              /* the copy's audit rows brought in */
};
/* Merges the copy at other_path into db in one transaction (only a head of
 * a shared file). Refuses a file of another school, one not copied from
 * this file, and (unless opts->prefer) any conflict: then nothing changes. */
bool storage_merge(struct storage_db *db, const char *other_path,
                   const struct storage_merge_opts *opts, struct storage_merge_result *res,
                   struct sk_error *err);

#endif
