/* Schema migrations: one SQL step per user_version, run in order inside
 * BEGIN IMMEDIATE. History is never edited: a new kind or column is a new
 * step at the end. Table columns are named exactly like the descriptor
 * fields (tests/unit/test_storage_schema.c checks that they match), and the
 * list indexes use exactly the sort-key expressions of
 * storage_sql_sort_key() (text: ifnull(col,'') COLLATE lv; date, enum,
 * flags: ifnull(col,''); numbers: ifnull(col,-9223372036854775808)), so
 * keyset paging stays on an index. */
#include "storage/internal.h"

#include <stdio.h>

/* clang-format off */
static const char *const migrate_steps[] = {
    /* 1: schools, school years, devices and the audit log. */
    "CREATE TABLE school (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  code TEXT NOT NULL UNIQUE,\n"
    "  name TEXT NOT NULL,\n"
    "  municipality TEXT,\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT\n"
    ") STRICT;\n"
    "CREATE TABLE school_year (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  year INTEGER,\n"
    "  pupils INTEGER,\n"
    "  teachers INTEGER,\n"
    "  teacher_fte INTEGER,\n"
    "  classrooms INTEGER,\n"
    "  internet_mbps INTEGER,\n"
    "  observation_target_pct INTEGER,\n"
    "  observations_per_teacher_target INTEGER,\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX school_year_school ON school_year(school_id);\n"
    "CREATE UNIQUE INDEX school_year_natkey ON school_year(school_id, year);\n"
    "CREATE INDEX school_year_list_year ON school_year(school_id, "
    "    ifnull(year,-9223372036854775808), id);\n"
    "CREATE INDEX school_year_list_pupils ON school_year(school_id, "
    "    ifnull(pupils,-9223372036854775808), id);\n"
    "CREATE INDEX school_year_list_teachers ON school_year(school_id, "
    "    ifnull(teachers,-9223372036854775808), id);\n"
    "CREATE INDEX school_year_list_teacher_fte ON school_year(school_id, "
    "    ifnull(teacher_fte,-9223372036854775808), id);\n"
    "CREATE INDEX school_year_list_classrooms ON school_year(school_id, "
    "    ifnull(classrooms,-9223372036854775808), id);\n"
    "CREATE INDEX school_year_list_internet_mbps ON school_year(school_id, "
    "    ifnull(internet_mbps,-9223372036854775808), id);\n"
    "CREATE TABLE device (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  inventory_no TEXT,\n"
    "  category TEXT,\n"
    "  os TEXT,\n"
    "  manufacturer TEXT,\n"
    "  model TEXT,\n"
    "  serial TEXT,\n"
    "  purchase_date TEXT\n"
    "    CHECK (purchase_date IS NULL OR purchase_date GLOB "
    "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  purchase_cost INTEGER,\n"
    "  funding TEXT,\n"
    "  project TEXT,\n"
    "  supplier TEXT,\n"
    "  warranty_until TEXT\n"
    "    CHECK (warranty_until IS NULL OR warranty_until GLOB "
    "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  room TEXT,\n"
    "  user_group TEXT,\n"
    "  assigned_to TEXT,\n"
    "  status TEXT CHECK (status IN ('in_use', 'in_storage', 'on_loan', 'in_repair',\n"
    "                        'broken', 'written_off')),\n"
    "  written_off_on TEXT\n"
    "    CHECK (written_off_on IS NULL OR written_off_on GLOB "
    "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  last_audit_on TEXT\n"
    "    CHECK (last_audit_on IS NULL OR last_audit_on GLOB "
    "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  notes TEXT,\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX device_school ON device(school_id);\n"
    "CREATE UNIQUE INDEX device_natkey ON device(school_id, inventory_no);\n"
    "CREATE UNIQUE INDEX device_unique_serial ON device(school_id, serial)\n"
    "  WHERE serial IS NOT NULL;\n"
    "CREATE INDEX device_list_inventory_no ON device(school_id, ifnull(inventory_no,'') "
    "    COLLATE lv, id);\n"
    "CREATE INDEX device_list_category ON device(school_id, ifnull(category,''), id);\n"
    "CREATE INDEX device_list_model ON device(school_id, ifnull(model,'') COLLATE lv, id);\n"
    "CREATE INDEX device_list_purchase_date ON device(school_id, ifnull(purchase_date,''), id);\n"
    "CREATE INDEX device_list_room ON device(school_id, ifnull(room,'') COLLATE lv, id);\n"
    "CREATE INDEX device_list_user_group ON device(school_id, ifnull(user_group,''), id);\n"
    "CREATE INDEX device_list_status ON device(school_id, ifnull(status,''), id);\n"
    "CREATE TABLE audit (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  at TEXT NOT NULL,\n"
    "  os_user TEXT NOT NULL,\n"
    "  school_id INTEGER REFERENCES school(id),\n"
    "  kind TEXT NOT NULL,\n"
    "  record_id INTEGER NOT NULL,\n"
    "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),\n"
    "  field TEXT,\n"
    "  old_value TEXT,\n"
    "  new_value TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX audit_record ON audit(kind, record_id, id);\n"
    "CREATE INDEX audit_school ON audit(school_id);\n",
};
/* clang-format on */

const int storage_schema_version = (int)SK_ARRAY_LEN(migrate_steps);

static bool
read_user_version(struct storage_db *db, int *out, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        sqlite3_finalize(st);
        return false;
    }
    sqlite3_finalize(st);
    return true;
}

bool
storage_migrate(struct storage_db *db, struct sk_error *err)
{
    if (!storage_exec(db, "BEGIN IMMEDIATE", err))
        return false;
    int version = 0;
    /* Read again under the lock: another skola may have migrated meanwhile. */
    bool ok = read_user_version(db, &version, err);
    if (ok && version > storage_schema_version)
        ok = sk_fail(err, SK_EDB,
                     _("This database was created by a newer skola (schema %d); this program "
                       "knows up to %d; please update skola."),
                     version, storage_schema_version);
    if (ok && version == 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORAGE_APPLICATION_ID);
        ok = storage_exec(db, sql, err);
    }
    for (int v = version; ok && v < storage_schema_version; v++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        ok = storage_exec(db, migrate_steps[v], err) && storage_exec(db, sql, err);
    }
    if (ok)
        return storage_exec(db, "COMMIT", err);
    storage_exec(db, "ROLLBACK", NULL);
    return false;
}
