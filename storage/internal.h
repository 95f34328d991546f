/* internal.h — what the files of storage/ share: the database handle, the
 * statement cache, SQL generation helpers and error mapping. Nothing outside
 * storage/ includes this header. */
#ifndef SKOLA_STORAGE_INTERNAL_H
#define SKOLA_STORAGE_INTERNAL_H

#include "storage/storage.h"

#include <sqlite3.h>

/* Fixed statements (SQL text in stmt.c), indexed by this enum. */
enum storage_stmt_id {
    STMT_SCHOOL_INSERT,
    STMT_SCHOOL_LIST,
    STMT_SCHOOL_BY_CODE,
    STMT_SCHOOL_BY_ID,
    STMT_SCHOOL_FIRST2,
    STMT_AUDIT_INSERT,
    STMT_AUDIT_ALL,
    STMT_AUDIT_KIND,
    STMT_AUDIT_RECORD,
    STMT_BEGIN,
    STMT_COMMIT,
    STMT_ROLLBACK,
    STMT_SAVEPOINT,
    STMT_RELEASE,
    STMT_ROLLBACK_TO,
    STMT_SETTING_GET,    /* settings.c */
    STMT_SETTING_SET,    /* settings.c */
    STMT_STAFF_PD_HOURS, /* staff_pd.c: training hours of one staff member in a window */
    STMT_N
};

/* What a statement generated from a kind's descriptor is for; with the kind
 * index and a variant (field index, paging shape) it keys the cache. */
enum storage_purpose {
    KP_INSERT = 1,
    KP_UPDATE,
    KP_GET,
    KP_DELETE,
    KP_NATKEY,   /* variant: 0 */
    KP_REFCOUNT, /* variant: referring field index; kind = referring kind */
    KP_BY_NAME,  /* id by name_field */
    KP_NAMES,    /* all names of the kind (suggestions, completion) */
    KP_DISTINCT, /* variant: field index; distinct values for completion */
    KP_PAGE,     /* variant: storage_page_variant() */
    KP_COUNT,    /* variant: storage_page_variant() */
    KP_UID,      /* id, school_id by uid (uid.c) */
};

/* One cached statement: key from storage_stmt_key(), statement owned by the
 * cache (finalized in storage_close). */
struct storage_stmt_slot {
    uint32_t key; /* 0 = empty slot */
    sqlite3_stmt *st;
};

/* The handle behind struct storage_db (see storage.h). */
struct storage_db {
    sqlite3 *sql;                    /* owned connection */
    char *path;                      /* owned file name; NULL for ":memory:" */
    bool found_damage;               /* SQLITE_CORRUPT or a failed check seen (db.c) */
    bool is_readonly;                /* opened with SO_READONLY */
    sqlite3_stmt *fixed[STMT_N];     /* owned, prepared on first use */
    struct storage_stmt_slot *slots; /* owned open-addressing table, n_slots a power of 2 */
    size_t n_slots, n_used;
    char os_user[64];       /* who writes the audit rows */
    char now[32];           /* timestamp of the current operation */
    int64_t now_second;     /* the time() `now` was made from; 0 = none */
    struct sk_buf sql_buf;  /* scratch: generated SQL */
    struct sk_buf text_buf; /* scratch: search text, audit JSON */
    struct sk_buf fold_buf; /* scratch: folded text */
    bool is_bulk;           /* inside storage_bulk_begin/_end: no per-operation savepoints */
    bool audit_copied;      /* merge.c: the change's audit rows come from the merged copy */
    bool is_temp_file;      /* bulk mode set temp_store = FILE (restored after it) */
    struct storage_obs_stash *obs_stash; /* owned: the last summary pass (observation.c) */
    struct storage_obs_tpls *obs_tpls;   /* owned: criteria of the templates used (obs_ticks.c) */
    char **bulk_index_sql; /* owned: CREATE INDEX texts of the indexes bulk mode dropped */
    size_t n_bulk_index;
    /* the import batch open in bulk mode (batch.c); 0 = none */
    int64_t batch_id;
    const struct forms_kind *batch_kind; /* the kind whose inserts it covers */
    int64_t batch_rows, batch_first, batch_last;
    /* PRAGMA schema_version when the foreign-trigger check last passed;
     * 0 = no check (memory, read-only), -1 = check at the next BEGIN;
     * compared at every BEGIN IMMEDIATE (db.c). */
    int64_t schema_checked;
    /* who is working (users.c); login points at os_user */
    struct storage_identity ident;
    char *ident_staff_name; /* owned: ident.staff_name */
    int figure_reads;       /* storage_reading_for_figures depth */
};

/* ----------------------------------------------------------------- stmt.c */

uint32_t storage_stmt_key(size_t kind_index, enum storage_purpose purpose, unsigned variant);
/* Named spaces of the generated-statement cache for statements that are not
 * a kind's: each file that caches SQL of its own has one, so keys of
 * different files cannot collide. A kind's statements use the space of its
 * index + 1 (below STORAGE_STMT_NAMED_BASE); named spaces follow it. */
enum storage_stmt_space {
    SSP_AGGREGATE,    /* aggregate.c: the report and summary aggregates */
    SSP_OBS_TEMPLATE, /* obs_template.c: sheets per template */
    SSP_OBSERVATION,  /* observation.c: templates and the summary pass */
    SSP_OBS_TICKS,    /* obs_ticks.c: the tick rows of observation sheets */
    SSP_OBS_PRINT,    /* obs_print.c: the sheets to print, a teacher's sheets */
    SSP_N
};
enum { STORAGE_STMT_NAMED_BASE = 200 };
/* The cache key of statement `which` (< 2^24) of a named space. */
uint32_t storage_stmt_space_key(enum storage_stmt_space space, unsigned which);
/* The space's name ("aggregate"), for messages and tests. */
const char *storage_stmt_space_name(enum storage_stmt_space space);
/* A fixed statement, prepared on first use. Borrowed until storage_close;
 * give it back with storage_stmt_release. NULL with err set on failure. */
sqlite3_stmt *storage_stmt(struct storage_db *db, enum storage_stmt_id id, struct sk_error *err);
/* The cached statement with `key`, or NULL when not prepared yet. Borrowed. */
sqlite3_stmt *storage_stmt_find(struct storage_db *db, uint32_t key);
/* Prepares `sql` (persistent) and caches it under `key`. Borrowed; NULL with err. */
sqlite3_stmt *storage_stmt_add(struct storage_db *db, uint32_t key, const char *sql,
                               struct sk_error *err);
/* Resets the statement and clears its bindings; accepts NULL. */
void storage_stmt_release(sqlite3_stmt *st);
/* Finalizes every cached statement (storage_close only). */
void storage_stmt_finalize_all(struct storage_db *db);

/* ------------------------------------------------------------------- db.c */

/* "file:" URI of a path with a query (NULL: none), for ATTACH */
char *storage_file_uri(const char *path, const char *query);
/* Whether a -wal file with content lies beside `path` */
bool storage_has_wal(const char *path);
/* Fills err from the connection's last error (busy → the "try again"
 * message); always returns false. */
bool storage_fail_db(struct storage_db *db, int rc, struct sk_error *err);
/* Appends `name` to b as a quoted SQL identifier ("a""b"): names come from
 * descriptors or from a schema read with bound values, never from user text. */
void storage_sql_add_ident(struct sk_buf *b, const char *name);
/* Records that the file is damaged (`why`, one line): sets db->found_damage
 * and writes the marker file <db>.damaged beside it (not inside the damaged
 * file), so that later writes are refused until a clean `check`. */
void storage_mark_damaged(struct storage_db *db, const char *why);
/* Opens ":memory:" (flags 0) or `path` like storage_open, but migrates a
 * new file only up to schema `target` (schema.c, rescue.c). */
struct storage_db *storage_open_at(const char *path, unsigned flags, int target,
                                   struct sk_error *err);
/* Replaces `name` by `pseudonym` again (a person forgotten before whose
 * name a merge brought back) in text fields and audit rows; the staff
 * record is left as it is. In the caller's transaction (storage/forget.c). */
bool storage_forget_again(struct storage_db *db, int64_t school_id, const char *name,
                          const char *pseudonym, struct sk_error *err);
/* Compares the schema of db with the one this release builds for the
 * file's version; report(ctx, line) for each object missing, different or
 * unknown; *n_problems counts them (schema.c). */
bool storage_schema_compare(struct storage_db *db, void (*report)(void *ctx, const char *line),
                            void *ctx, size_t *n_problems, struct sk_error *err);
/* Whether the file has only skola's own triggers (storage/schema.c): a
 * foreign one would run with every write skola makes. false with err
 * (SK_EDB) naming them otherwise. Builds the expected schema in memory. */
bool storage_schema_foreign_triggers(struct storage_db *db, struct sk_error *err);
/* Runs SQL without results (no bindings). */
bool storage_exec(struct storage_db *db, const char *sql, struct sk_error *err);
/* Starts one operation: BEGIN IMMEDIATE outside a transaction, else a
 * SAVEPOINT, so a failed operation inside an import can be undone alone.
 * Sets db->now. *own tells storage_op_end which it was. */
bool storage_op_begin(struct storage_db *db, bool *own, struct sk_error *err);
/* Commits/releases when ok, else rolls the operation back. Returns ok, or
 * false with err set when the commit fails. */
bool storage_op_end(struct storage_db *db, bool own, bool ok, struct sk_error *err);
/* Frees db->obs_stash (storage/observation.c); accepts NULL. */
void storage_obs_stash_free(struct storage_db *db);
/* Leaves bulk mode after its transaction ended (storage/bulk.c); accepts NULL. */
void storage_bulk_reset(struct storage_db *db);
/* Index of kind in forms_kinds, or -1 (err set). */
int storage_kind_index(const struct forms_kind *kind, struct sk_error *err);

/* -------------------------------------------------------------- refdata.c */

/* Inserts the rows of data/ikvd-indicators.csv (compiled in) into
 * ikvd_indicator (migration step 8). */
bool storage_refdata_ikvd(struct storage_db *db, struct sk_error *err);
/* Inserts data/observation-criteria-lvt-2023.csv (compiled in) as the
 * criteria of template `template_id`, positions 1.. in file order (step 10). */
bool storage_refdata_lvt2023(struct storage_db *db, int64_t template_id, struct sk_error *err);
/* The migration step that adds the templates' printed wording (renumber
 * here when steps are merged; test_storage_obs_wording opens a file of the
 * step before it). */
enum { STORAGE_MIGRATE_TEMPLATE_WORDING = 18 };
/* Fills the printed sheet's wording of template LVT-2023 (title,
 * methodology, section notes) from data/observation-wording-lvt-2023.csv. */
bool storage_refdata_lvt2023_wording(struct storage_db *db, struct sk_error *err);

/* ------------------------------------------------------------ obs_ticks.c */

/* Fields of kind that are table columns (all but the FF_ROWS ones). */
size_t storage_n_columns(const struct forms_kind *kind);
/* Appends to a SELECT list the one column that carries the FF_ROWS fields
 * of a row of kind (nothing for a kind without them). */
void storage_rows_columns(struct sk_buf *b, const struct forms_kind *kind);
/* Reads that column (number col) into rec's FF_ROWS fields. */
void storage_rows_read(sqlite3_stmt *st, int col, struct forms_record *rec);
/* Stores rec's FF_ROWS fields as the rows of record id (replacing its
 * rows unless is_new: just inserted); fails with err->field set for a tick whose criterion is not
 * on the sheet's template. True at once for a kind without them. */
bool storage_rows_write(struct storage_db *db, int64_t id, bool is_new,
                        const struct forms_record *rec, struct sk_error *err);
/* What a new row of a kind with FF_ROWS fields needs before it is written
 * (storage_rows_plan): the template the insert trigger would choose when
 * the sheet names none (bound with the row, so the trigger does not run),
 * the derived bit sets (bound with the row: no UPDATE after it) and the
 * tick rows in key order. */
struct storage_rows_pre {
    bool has_rows;          /* the kind has FF_ROWS fields; else nothing to do */
    int template_field;     /* field to bind template_code to, or -1: the record names one */
    char template_code[64]; /* the default template ("" = none) when template_field >= 0 */
    char tpl_code[64];      /* the template the ticks are checked against */
    uint64_t assessed, on;  /* ticks_assessed, ticks_on */
    int bad_field;          /* a tick the template lacks (reported after the insert), or -1 */
    size_t n_ticks;
    struct {
        int64_t criterion_id;
        int ticked;
    } ticks[FORMS_OBS_LVT_CRIT + FORMS_OBS_MAX_CRIT]; /* one per tick field at most */
};
/* Fills pre for inserting rec (of any kind). False with err set on a
 * database error. */
bool storage_rows_plan(struct storage_db *db, int64_t school_id, const struct forms_record *rec,
                       struct storage_rows_pre *pre, struct sk_error *err);
/* Writes the tick rows planned in pre for the new record id; fails with
 * err->field set for a tick whose criterion is not on the sheet's template. */
bool storage_rows_insert(struct storage_db *db, int64_t id, const struct forms_record *rec,
                         const struct storage_rows_pre *pre, struct sk_error *err);
/* The FF_ROWS fields of many records read at once (an export): NULL for a
 * kind without them (and then nothing to do) or with err set. */
struct storage_rows_cursor;
struct storage_rows_cursor *storage_rows_cursor_open(struct storage_db *db,
                                                     const struct forms_kind *kind,
                                                     struct sk_error *err);
/* Sets rec's FF_ROWS fields from the rows of record rec->id; fastest when
 * called in increasing id order. Returns SQLITE_OK or the error code.
 * Accepts a NULL cursor. */
int storage_rows_cursor_read(struct storage_rows_cursor *c, struct forms_record *rec);
/* Accepts NULL. */
void storage_rows_cursor_close(struct storage_rows_cursor *c);
/* Frees db->obs_tpls; accepts NULL. */
void storage_obs_tpls_free(struct storage_db *db);
/* Gives the observation kind a tick field for every criterion of every
 * template in the file (forms_observation_add_criterion). */
bool storage_obs_register_criteria(struct storage_db *db, struct sk_error *err);

/* --------------------------------------------------------------- record.c */

/* Appends "id, version, <fields...>, <ref names...>" for SELECTs of kind. */
void storage_sql_columns(struct sk_buf *b, const struct forms_kind *kind);
/* Reads the columns written by storage_sql_columns (starting at col 0). */
void storage_read_record(sqlite3_stmt *st, struct forms_record *rec);
/* Binds v (of field f) at parameter i (NULL when unset). */
int storage_bind_value(sqlite3_stmt *st, int i, const struct forms_field *f,
                       const struct forms_value *v);
/* The sort-key expression of field (or "id" when field < 0), as used in
 * ORDER BY, the keyset comparison and the list indexes of migrate.c. */
void storage_sql_sort_key(struct sk_buf *b, const struct forms_kind *kind, int field);
/* Text list columns are sorted by a stored key (forms_lv_sort_key) in the
 * column named like the field plus this suffix: a BLOB indexed with the
 * built-in collation, so the file needs no custom collation (storage/sortkey.c). */
#define STORAGE_SORT_KEY_SUFFIX "__sk"
/* Whether field f has a stored sort key: a text field shown in lists. */
bool storage_field_has_sort_key(const struct forms_field *f);
/* The number of kind's fields with a stored sort key. */
size_t storage_n_sort_keys(const struct forms_kind *kind);
/* Binds the sort key of `text` (NULL as "") as a BLOB at parameter i. */
int storage_bind_text_sort_key(sqlite3_stmt *st, int i, const char *text);
/* Binds the sort key of rec's field at parameter i, matching the expression above. */
int storage_bind_sort_key(sqlite3_stmt *st, int i, const struct forms_kind *kind, int field,
                          const struct forms_record *rec);
/* The cached statement for (kind, purpose, variant), generated and prepared
 * on first use. Borrowed; NULL with err set. */
sqlite3_stmt *storage_kind_stmt(struct storage_db *db, const struct forms_kind *kind,
                                enum storage_purpose purpose, unsigned variant,
                                struct sk_error *err);
/* Binds the row of rec to a KP_INSERT or KP_UPDATE statement: ?1 the
 * school, ?2… the fields, then the folded search text (db->fold_buf,
 * borrowed until the step), the time of the write and the sort keys of the
 * fields that have one. Returns the number of the last parameter bound. */
int storage_bind_row(struct storage_db *db, sqlite3_stmt *st, int64_t school_id,
                     const struct forms_record *rec);
/* The audit JSON of rec (db->text_buf, clobbered by storage_bind_row);
 * borrowed. */
const char *storage_record_json(struct storage_db *db, const struct forms_record *rec);
/* Fills db->fold_buf with the folded `text` and returns it (borrowed). */
const char *storage_fold(struct storage_db *db, const char *text);
/* The folded search text of rec (forms_search_text) in db->fold_buf; borrowed. */
const char *storage_search_text(struct storage_db *db, const struct forms_record *rec);

/* ----------------------------------------------------------------- page.c */

/* Shape bits of a paging statement; the sort field + 1 sits above them. */
enum {
    PV_DESC = 1u << 0,   /* ORDER BY ... DESC and '<' against the anchor */
    PV_ANCHOR = 1u << 1, /* keyset condition against (?2, ?3) */
    PV_FILTER = 1u << 2, /* instr(search, ?4) > 0 */
    PV_YEAR = 1u << 3,   /* school-year condition on ?5 (and ?6) */
    PV_SORT_SHIFT = 4,
    /* the kind's scope (forms_kind.scope), choice key on ?8; above the sort
     * field (masked off when it is read) */
    PV_SCOPE = 1u << 14,
    /* with PV_SCOPE, a count of the rows the scope leaves out (its choice,
     * on the field's list index) */
    PV_SCOPE_OUT = 1u << 15,
};
/* Count variant: every row of the table, no condition (one-school files). */
enum { PV_ALL_ROWS = 0xffffu };
/* Appends the SELECT (or count) for one paging shape. Parameters: ?1 school,
 * ?2 anchor sort key, ?3 anchor id, ?4 folded filter, ?5/?6 year bounds,
 * ?7 limit (page only), ?8 the scope's choice; with a storage_query, ?9 its
 * ref_id and ?10 on its field filters. */
void storage_sql_page(struct sk_buf *b, const struct forms_kind *kind, bool is_count,
                      unsigned variant);

/* ---------------------------------------------------------------- audit.c */

/* Writes one audit row with db->now and db->os_user. */
bool storage_audit_write(struct storage_db *db, int64_t school_id, const char *kind,
                         int64_t record_id, const char *action, const char *field,
                         const char *old_value, const char *new_value, struct sk_error *err);

/* Sets db->now (once a second at most; $SKOLA_NOW in the tests) (db.c). */
void storage_set_now(struct storage_db *db);

/* ---------------------------------------------------------------- batch.c */

/* Whether an import batch is open for inserts of kind: they then write no
 * audit row, name the batch and are counted by storage_batch_note. */
bool storage_batch_is_for(const struct storage_db *db, const struct forms_kind *kind);
void storage_batch_note(struct storage_db *db, int64_t id);
/* Yields the "import" history entry of batch (nothing when it is gone). */
/* Yields the audit rows of st (at, os_user, action, field, old_value,
 * new_value, ...) newest first, up to the record's creation (*created) or an
 * earlier record's deletion; `first`: a deletion as the first row is this
 * record's own. batch_col >= 0: the column holding the first row's import
 * batch, into *batch. *go_on turns false when fn stops. Returns SQLITE_DONE
 * or the failing step's code (batch.c). */
int storage_audit_walk(sqlite3_stmt *st, bool first, int batch_col, int64_t *batch,
                       storage_history_fn fn, void *ctx, bool *go_on, bool *created);
bool storage_batch_yield(struct storage_db *db, int64_t batch, storage_history_fn fn, void *ctx,
                         struct sk_error *err);

/* ---------------------------------------------------------------- users.c */

/* Reads who db->os_user is in the file (storage_open, after migrating):
 * personal when no user is registered; false with err (SK_EINVAL) for a
 * login that is not registered in a shared file. */
bool storage_identity_resolve(struct storage_db *db, struct sk_error *err);
/* Whether the identity may read records of kind for a list, an export or
 * (inside storage_reading_for_figures) a package; else err names the
 * roles (users.c). */
bool storage_check_read(const struct storage_db *db, const struct forms_kind *kind,
                        struct sk_error *err);
/* Whether the identity may compute figures of area: it may summarize the
 * area or read its records (the devices summary of "it" needs the
 * school year's pupils). */
bool storage_check_figures(const struct storage_db *db, enum storage_area area,
                           struct sk_error *err);
/* The area whose figures aggregate `which` computes (SAREA_NONE for one
 * not placed yet: refused in a shared file). */
enum storage_area storage_agg_area(enum storage_agg which);
/* The mode of files skola creates beside or from the database at db_path
 * (backups, rescue copies, damage marks): 0660 with *gid = the file's group
 * when the file is shared (group read-write), else 0600 (*gid = -1)
 * (share.c). */
unsigned storage_file_mode_for(const char *db_path, long *gid);
/* Gives the new file fd that mode and group; 0600 when the group cannot
 * be set. Exports and reports are not such files: they stay 0600. */
void storage_file_share_like(int fd, const char *db_path);
/* Before opening a shared file: lets the process's umask keep the group's
 * read and write bits. SQLite creates a -wal or -shm with the umask applied
 * and only then gives it the database's mode (fchmod), so with umask 077
 * another member opening the file in between was refused ("unable to open
 * database file"). Files skola creates itself set their mode explicitly,
 * so exports stay 0600. Changes the process's umask (share.c). */
void storage_share_umask(const char *db_path);
/* Tests only: works as `login` from now on (the audit rows name it too). */
bool storage_identity_login_as(struct storage_db *db, const char *login, struct sk_error *err);

/* -------------------------------------------------------------- migrate.c */

/* Brings the schema up to storage_schema_version (caller checked it is not
 * newer). Runs in BEGIN IMMEDIATE. */
bool storage_migrate(struct storage_db *db, struct sk_error *err);
/* As storage_migrate, up to schema `target` only (rescue copies rows into
 * the schema of the damaged file's version, then migrates on; `check`
 * builds the schema it expects of a file of that version). */
bool storage_migrate_to(struct storage_db *db, int target, struct sk_error *err);
/* The SQL of the migration step that brings a file to `version` (1 ..
 * storage_schema_version), else NULL; for tests that build old files. */
const char *storage_migrate_step_sql(int version);
/* The migration step that writes the choice-key CHECKs without IN lists. */
enum { MIGRATE_CHECKS_WITHOUT_IN = 21 };
/* ------------------------------------------------------------ schema_gen.c */

/* Appends the column definition of field f ("key" TYPE CHECK/REFERENCES). */
void storage_gen_column(struct sk_buf *b, const struct forms_kind *kind,
                        const struct forms_field *f);
/* Appends the CREATE TABLE of kind, as generated from its descriptor. */
void storage_gen_table(struct sk_buf *b, const struct forms_kind *kind);
/* Calls each(ctx, name, sql) for every index generated for kind. */
void storage_gen_indexes(const struct forms_kind *kind,
                         void (*each)(void *ctx, const char *name, const char *sql), void *ctx);
/* Whether two DDL texts are equal once runs of white space are one and
 * double quotes around names are left out. */
bool storage_same_ddl(const char *a, const char *b);
/* Compares the file with the kinds' descriptors: *in_sync (may be NULL) is
 * false when a kind's table, a column or an index is missing or an index
 * differs; with `apply`, adds them (inside the caller's transaction). */
bool storage_kinds_sync(struct storage_db *db, bool apply, bool *in_sync, struct sk_error *err);
/* The fingerprint (16 hex digits) of everything the descriptors generate;
 * storage_kinds_sync(apply) stores it in the file (table generated_schema). */
void storage_kinds_fingerprint(char out[17]);
/* Whether the file's stored fingerprint is this program's: when not, the
 * descriptors changed since the file was last brought up to them. A
 * generated index someone dropped does not change it (`check` names it). */
bool storage_kinds_fingerprint_matches(struct storage_db *db, bool *matches, struct sk_error *err);
/* Writes every sort key of every table (inside the caller's transaction). */
bool storage_sortkeys_fill(struct storage_db *db, struct sk_error *err);
/* uid.c: skola_uid() for SQL on a connection; the rows of kind's table that
 * have no uid yet (a file older than uids) get one. */
int storage_uid_register(sqlite3 *sql);
bool storage_uids_fill(struct storage_db *db, const struct forms_kind *kind, struct sk_error *err);

/* merge.c: marks a fresh backup copy for a later merge: the source file's
 * identity, the time and audit mark of the copy, every record's version. */
bool storage_merge_mark_copy(const char *copy_path, const char *taken_at, struct sk_error *err);
/* Counts (repair false) or rewrites (true) the stale derived columns of a
 * kind's rows, *n of them. */
typedef bool (*storage_scan_fn)(struct storage_db *db, const struct forms_kind *kind, bool repair,
                                int64_t *n, struct sk_error *err);
/* Rewrites the stale rows of every kind with scan in one transaction, where
 * the role may write each kind that has any (sortkey.c). */
bool storage_repair_kinds(struct storage_db *db, storage_scan_fn scan, int64_t *n_fixed,
                          struct sk_error *err);
/* After record `id` of kind was renamed: the search text of the records
 * that refer to it holds its name, so it is written again (search.c). */
bool storage_search_refresh_refs(struct storage_db *db, const struct forms_kind *kind, int64_t id,
                                 struct sk_error *err);
/* storage_search_repair inside the caller's transaction (the upgrade step
 * that makes the search text come from every text field). */
bool storage_search_fill(struct storage_db *db, int64_t *n_fixed, struct sk_error *err);

#endif
