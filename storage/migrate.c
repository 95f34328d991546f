/* Schema migrations: one SQL step per user_version, run in order inside
 * BEGIN IMMEDIATE. History is never edited. Since step 14 (see
 * MIGRATE_KINDS_GENERATED) a new kind or field is not a step: its table,
 * column and indexes are generated from the descriptor (schema_gen.c).
 * Table columns are named exactly like the descriptor
 * fields (tests/unit/test_storage_schema.c checks that they match), and the
 * list indexes use exactly the sort-key expressions of
 * storage_sql_sort_key() (text: ifnull(col__sk,X'') since step 13, the
 * stored key of storage/sortkey.c; before, ifnull(col,'') COLLATE lv, which
 * made the file unusable without skola's collation; date, enum,
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
    /* 2: staff. */
    "CREATE TABLE staff (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  full_name TEXT,\n"
    "  role TEXT,\n"
    "  fte INTEGER,\n"
    "  areas TEXT,\n"
    "  email TEXT,\n"
    "  employed_from TEXT\n"
    "    CHECK (employed_from IS NULL OR employed_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  employed_until TEXT\n"
    "    CHECK (employed_until IS NULL OR employed_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  digcompedu TEXT CHECK (digcompedu IS NULL OR digcompedu IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),\n"
    "  digital_self_rating INTEGER,\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX staff_school ON staff(school_id);\n"
    "CREATE UNIQUE INDEX staff_natkey ON staff(school_id, full_name);\n"
    "CREATE INDEX staff_list_full_name ON staff(school_id, ifnull(full_name,'') COLLATE lv, id);\n"
    "CREATE INDEX staff_list_role ON staff(school_id, ifnull(role,''), id);\n"
    "CREATE INDEX staff_list_fte ON staff(school_id, ifnull(fte,-9223372036854775808), id);\n"
    "CREATE INDEX staff_list_areas ON staff(school_id, ifnull(areas,'') COLLATE lv, id);\n",
    /* 3: vacancies. */
    "CREATE TABLE vacancy (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  subject TEXT,\n"
    "  hours_per_week INTEGER,\n"
    "  open_since TEXT\n"
    "    CHECK (open_since IS NULL OR open_since GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  closed_on TEXT\n"
    "    CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  notes TEXT,\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX vacancy_school ON vacancy(school_id);\n"
    "CREATE UNIQUE INDEX vacancy_natkey ON vacancy(school_id, subject, open_since);\n"
    "CREATE INDEX vacancy_list_subject ON vacancy(school_id, ifnull(subject,'') COLLATE lv, id);\n"
    "CREATE INDEX vacancy_list_hours_per_week ON vacancy(school_id, ifnull(hours_per_week,-9223372036854775808), id);\n"
    "CREATE INDEX vacancy_list_open_since ON vacancy(school_id, ifnull(open_since,''), id);\n"
    "CREATE INDEX vacancy_list_closed_on ON vacancy(school_id, ifnull(closed_on,''), id);\n",
    /* 4: professional-development trainings. */
    "CREATE TABLE training (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  staff INTEGER REFERENCES staff(id),\n"
    "  date TEXT\n"
    "    CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  title TEXT,\n"
    "  provider TEXT,\n"
    "  hours INTEGER,\n"
    "  digital INTEGER CHECK (digital IS NULL OR digital IN (0, 1)),\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX training_school ON training(school_id);\n"
    "CREATE UNIQUE INDEX training_natkey ON training(school_id, staff, date, title);\n"
    "CREATE INDEX training_ref_staff ON training(staff);\n"
    "CREATE INDEX training_list_staff ON training(school_id, ifnull(staff,-9223372036854775808), id);\n"
    "CREATE INDEX training_list_date ON training(school_id, ifnull(date,''), id);\n"
    "CREATE INDEX training_list_title ON training(school_id, ifnull(title,'') COLLATE lv, id);\n"
    "CREATE INDEX training_list_provider ON training(school_id, ifnull(provider,'') COLLATE lv, id);\n"
    "CREATE INDEX training_list_hours ON training(school_id, ifnull(hours,-9223372036854775808), id);\n"
    "CREATE INDEX training_list_digital ON training(school_id, ifnull(digital,-9223372036854775808), id);\n",
    /* 5: support consultations. */
    "CREATE TABLE consultation (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  date TEXT\n"
    "    CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  consultant INTEGER REFERENCES staff(id),\n"
    "  recipient_kind TEXT CHECK (recipient_kind IS NULL OR recipient_kind IN ('pupil', 'teacher', 'parent', 'group', 'other')),\n"
    "  recipient TEXT,\n"
    "  \"group\" TEXT,\n"
    "  form TEXT CHECK (form IS NULL OR form IN ('individual', 'group', 'supervision', 'seminar', 'session')),\n"
    "  topic TEXT CHECK (topic IS NULL OR topic IN ('learning', 'behaviour', 'emotional', 'career', 'methodological', 'digital', 'other')),\n"
    "  minutes INTEGER,\n"
    "  initiator TEXT CHECK (initiator IS NULL OR initiator IN ('self', 'teacher', 'parent', 'administration', 'consultant')),\n"
    "  high_risk INTEGER CHECK (high_risk IS NULL OR high_risk IN (0, 1)),\n"
    "  follow_up_on TEXT\n"
    "    CHECK (follow_up_on IS NULL OR follow_up_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  notes TEXT,\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX consultation_school ON consultation(school_id);\n"
    "CREATE INDEX consultation_ref_consultant ON consultation(consultant);\n"
    "CREATE INDEX consultation_list_date ON consultation(school_id, ifnull(date,''), id);\n"
    "CREATE INDEX consultation_list_consultant ON consultation(school_id, ifnull(consultant,-9223372036854775808), id);\n"
    "CREATE INDEX consultation_list_recipient_kind ON consultation(school_id, ifnull(recipient_kind,''), id);\n"
    "CREATE INDEX consultation_list_recipient ON consultation(school_id, ifnull(recipient,'') COLLATE lv, id);\n"
    "CREATE INDEX consultation_list_group ON consultation(school_id, ifnull(\"group\",'') COLLATE lv, id);\n"
    "CREATE INDEX consultation_list_form ON consultation(school_id, ifnull(form,''), id);\n"
    "CREATE INDEX consultation_list_topic ON consultation(school_id, ifnull(topic,''), id);\n"
    "CREATE INDEX consultation_list_minutes ON consultation(school_id, ifnull(minutes,-9223372036854775808), id);\n"
    "CREATE INDEX consultation_list_high_risk ON consultation(school_id, ifnull(high_risk,-9223372036854775808), id);\n",
    /* 6: the yearly self-assessment table. */
    "CREATE TABLE assessment (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  year INTEGER,\n"
    "  indicator_code TEXT REFERENCES ikvd_indicator(code),\n"
    "  strengths TEXT,\n"
    "  development_needs TEXT,\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX assessment_school ON assessment(school_id);\n"
    "CREATE UNIQUE INDEX assessment_natkey ON assessment(school_id, year, indicator_code);\n"
    "CREATE INDEX assessment_list_year ON assessment(school_id, ifnull(year,-9223372036854775808), id);\n"
    "CREATE INDEX assessment_list_indicator_code ON assessment(school_id, ifnull(indicator_code,''), id);\n"
    "CREATE INDEX assessment_list_strengths ON assessment(school_id, ifnull(strengths,'') COLLATE lv, id);\n"
    "CREATE INDEX assessment_list_development_needs ON assessment(school_id, ifnull(development_needs,'') COLLATE lv, id);\n",
    /* 7: the yearly priorities. */
    "CREATE TABLE priority (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  year INTEGER,\n"
    "  priority TEXT,\n"
    "  qualitative_targets TEXT,\n"
    "  quantitative_targets TEXT,\n"
    "  result TEXT,\n"
    "  status TEXT CHECK (status IS NULL OR status IN ('achieved', 'partly_achieved', 'not_achieved', 'in_progress')),\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX priority_school ON priority(school_id);\n"
    "CREATE UNIQUE INDEX priority_natkey ON priority(school_id, year, priority);\n"
    "CREATE INDEX priority_list_year ON priority(school_id, ifnull(year,-9223372036854775808), id);\n"
    "CREATE INDEX priority_list_priority ON priority(school_id, ifnull(priority,'') COLLATE lv, id);\n"
    "CREATE INDEX priority_list_status ON priority(school_id, ifnull(status,''), id);\n",
    /* 8: the IKVD result indicators (data/ikvd-indicators.csv), reference data;
     * the rows are inserted from the compiled-in CSV (storage_refdata_ikvd). */
    "CREATE TABLE ikvd_indicator (\n"
    "  code TEXT PRIMARY KEY,\n"
    "  criterion_code TEXT NOT NULL,\n"
    "  criterion_name TEXT NOT NULL,\n"
    "  name TEXT NOT NULL\n"
    ") STRICT;\n",
    /* 9: per-school settings (the current school year chosen in the TUI). */
    "CREATE TABLE setting (\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  key TEXT NOT NULL,\n"
    "  value TEXT,\n"
    "  updated_at TEXT,\n"
    "  PRIMARY KEY (school_id, key)\n"
    ") STRICT;\n",
    /* 10: lesson observations (SPEC §3.2): the versioned criteria templates with
     * LVT-2023 (data/observation-criteria-lvt-2023.csv) as reference data, and
     * the sheets. A sheet without a template gets the one chosen for its school
     * (setting "observation_template"), else the newest. The criteria rows
     * of template 1 come from the compiled-in CSV (storage_refdata_lvt2023). */
    "CREATE TABLE observation_template (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  code TEXT NOT NULL UNIQUE,\n"
    "  name TEXT NOT NULL,\n"
    "  created_at TEXT\n"
    ") STRICT;\n"
    "CREATE TABLE observation_criterion (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  template_id INTEGER NOT NULL REFERENCES observation_template(id),\n"
    "  position INTEGER NOT NULL,\n"
    "  section_no INTEGER NOT NULL,\n"
    "  section_name TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE (template_id, code)\n"
    ") STRICT;\n"
    "CREATE INDEX observation_criterion_template ON observation_criterion(template_id, position);\n"
    "INSERT INTO observation_template(id, code, name, created_at)"
    " VALUES (1, 'LVT-2023', 'Liepājas Valsts tehnikums, 2023./2024.', '2023-09-01T00:00:00Z');\n"
    "CREATE TABLE observation (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  date TEXT\n"
    "    CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  teacher INTEGER REFERENCES staff(id),\n"
    "  \"group\" TEXT,\n"
    "  subject TEXT,\n"
    "  area TEXT,\n"
    "  pupils_present INTEGER,\n"
    "  pupils_in_group INTEGER,\n"
    "  observer INTEGER REFERENCES staff(id),\n"
    "  topic TEXT,\n"
    "  purpose TEXT,\n"
    "  crit_1_1 INTEGER CHECK (crit_1_1 IS NULL OR crit_1_1 IN (0, 1)),\n"
    "  crit_1_2 INTEGER CHECK (crit_1_2 IS NULL OR crit_1_2 IN (0, 1)),\n"
    "  crit_1_3 INTEGER CHECK (crit_1_3 IS NULL OR crit_1_3 IN (0, 1)),\n"
    "  crit_2_1 INTEGER CHECK (crit_2_1 IS NULL OR crit_2_1 IN (0, 1)),\n"
    "  crit_2_2 INTEGER CHECK (crit_2_2 IS NULL OR crit_2_2 IN (0, 1)),\n"
    "  crit_2_3 INTEGER CHECK (crit_2_3 IS NULL OR crit_2_3 IN (0, 1)),\n"
    "  crit_2_4 INTEGER CHECK (crit_2_4 IS NULL OR crit_2_4 IN (0, 1)),\n"
    "  crit_3_1 INTEGER CHECK (crit_3_1 IS NULL OR crit_3_1 IN (0, 1)),\n"
    "  crit_3_2 INTEGER CHECK (crit_3_2 IS NULL OR crit_3_2 IN (0, 1)),\n"
    "  crit_3_3 INTEGER CHECK (crit_3_3 IS NULL OR crit_3_3 IN (0, 1)),\n"
    "  crit_3_4 INTEGER CHECK (crit_3_4 IS NULL OR crit_3_4 IN (0, 1)),\n"
    "  crit_4_1 INTEGER CHECK (crit_4_1 IS NULL OR crit_4_1 IN (0, 1)),\n"
    "  crit_4_2 INTEGER CHECK (crit_4_2 IS NULL OR crit_4_2 IN (0, 1)),\n"
    "  crit_4_3 INTEGER CHECK (crit_4_3 IS NULL OR crit_4_3 IN (0, 1)),\n"
    "  crit_4_4 INTEGER CHECK (crit_4_4 IS NULL OR crit_4_4 IN (0, 1)),\n"
    "  crit_4_5 INTEGER CHECK (crit_4_5 IS NULL OR crit_4_5 IN (0, 1)),\n"
    "  crit_4_6 INTEGER CHECK (crit_4_6 IS NULL OR crit_4_6 IN (0, 1)),\n"
    "  comment_1 TEXT,\n"
    "  comment_2 TEXT,\n"
    "  comment_3 TEXT,\n"
    "  comment_4 TEXT,\n"
    "  improvements TEXT,\n"
    "  recommendations TEXT,\n"
    "  status TEXT CHECK (status IN ('draft', 'final')),\n"
    "  acknowledged_on TEXT\n"
    "    CHECK (acknowledged_on IS NULL OR acknowledged_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  template TEXT REFERENCES observation_template(code),\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX observation_school ON observation(school_id);\n"
    "CREATE INDEX observation_ref_teacher ON observation(teacher);\n"
    "CREATE INDEX observation_ref_observer ON observation(observer);\n"
    "CREATE INDEX observation_list_date ON observation(school_id, ifnull(date,''), id);\n"
    "CREATE INDEX observation_list_teacher ON observation(school_id, ifnull(teacher,-9223372036854775808), id);\n"
    "CREATE INDEX observation_list_group ON observation(school_id, ifnull(\"group\",'') COLLATE lv, id);\n"
    "CREATE INDEX observation_list_subject ON observation(school_id, ifnull(subject,'') COLLATE lv, id);\n"
    "CREATE INDEX observation_list_area ON observation(school_id, ifnull(area,'') COLLATE lv, id);\n"
    "CREATE INDEX observation_list_status ON observation(school_id, ifnull(status,''), id);\n"
    "CREATE TRIGGER observation_template_default AFTER INSERT ON observation\n"
    "  WHEN NEW.template IS NULL BEGIN\n"
    "  UPDATE observation SET template = coalesce(\n"
    "    (SELECT t.code FROM setting s JOIN observation_template t ON t.code = s.value\n"
    "      WHERE s.school_id = NEW.school_id AND s.key = 'observation_template'),\n"
    "    (SELECT code FROM observation_template ORDER BY id DESC LIMIT 1))\n"
    "  WHERE id = NEW.id;\n"
    "END;\n"
    "CREATE TRIGGER observation_template_keep AFTER UPDATE OF template ON observation\n"
    "  WHEN NEW.template IS NULL AND OLD.template IS NOT NULL BEGIN\n"
    "  UPDATE observation SET template = OLD.template WHERE id = NEW.id;\n"
    "END;\n",
    /* 11: a covering index for the observation summary (storage/observation.c):
     * the year's final sheets are one range of it, and every column the
     * statistics, areas and per-teacher counts read is in it, so a summary
     * never visits the table (bench/run: 2.9 s -> see README at 100 000 sheets). */
    "CREATE INDEX observation_summary ON observation(school_id, status, date, teacher, area,\n"
    "  recommendations, crit_1_1, crit_1_2, crit_1_3, crit_2_1, crit_2_2, crit_2_3, crit_2_4,\n"
    "  crit_3_1, crit_3_2, crit_3_3, crit_3_4, crit_4_1, crit_4_2, crit_4_3, crit_4_4, crit_4_5,\n"
    "  crit_4_6);\n",
    /* 12: the file is a standard SQLite database: text list columns are
     * sorted by a stored key (storage/sortkey.c) instead of the collation
     * "lv", which only skola has. The keys are written after this step
     * (storage_sortkeys_fill), then step 13 indexes them. */
    "ALTER TABLE device ADD COLUMN \"inventory_no__sk\" BLOB;\n"
    "ALTER TABLE device ADD COLUMN \"model__sk\" BLOB;\n"
    "ALTER TABLE device ADD COLUMN \"room__sk\" BLOB;\n"
    "ALTER TABLE staff ADD COLUMN \"full_name__sk\" BLOB;\n"
    "ALTER TABLE staff ADD COLUMN \"areas__sk\" BLOB;\n"
    "ALTER TABLE vacancy ADD COLUMN \"subject__sk\" BLOB;\n"
    "ALTER TABLE training ADD COLUMN \"title__sk\" BLOB;\n"
    "ALTER TABLE training ADD COLUMN \"provider__sk\" BLOB;\n"
    "ALTER TABLE consultation ADD COLUMN \"recipient__sk\" BLOB;\n"
    "ALTER TABLE consultation ADD COLUMN \"group__sk\" BLOB;\n"
    "ALTER TABLE assessment ADD COLUMN \"strengths__sk\" BLOB;\n"
    "ALTER TABLE assessment ADD COLUMN \"development_needs__sk\" BLOB;\n"
    "ALTER TABLE priority ADD COLUMN \"priority__sk\" BLOB;\n"
    "ALTER TABLE observation ADD COLUMN \"group__sk\" BLOB;\n"
    "ALTER TABLE observation ADD COLUMN \"subject__sk\" BLOB;\n"
    "ALTER TABLE observation ADD COLUMN \"area__sk\" BLOB;\n"
    "DROP INDEX device_list_inventory_no;\n"
    "DROP INDEX device_list_model;\n"
    "DROP INDEX device_list_room;\n"
    "DROP INDEX staff_list_full_name;\n"
    "DROP INDEX staff_list_areas;\n"
    "DROP INDEX vacancy_list_subject;\n"
    "DROP INDEX training_list_title;\n"
    "DROP INDEX training_list_provider;\n"
    "DROP INDEX consultation_list_recipient;\n"
    "DROP INDEX consultation_list_group;\n"
    "DROP INDEX assessment_list_strengths;\n"
    "DROP INDEX assessment_list_development_needs;\n"
    "DROP INDEX priority_list_priority;\n"
    "DROP INDEX observation_list_group;\n"
    "DROP INDEX observation_list_subject;\n"
    "DROP INDEX observation_list_area;\n",
    /* 13: the list indexes of step 12, on the keys. */
    "CREATE INDEX device_list_inventory_no ON device(school_id, ifnull(\"inventory_no__sk\",X''), id);\n"
    "CREATE INDEX device_list_model ON device(school_id, ifnull(\"model__sk\",X''), id);\n"
    "CREATE INDEX device_list_room ON device(school_id, ifnull(\"room__sk\",X''), id);\n"
    "CREATE INDEX staff_list_full_name ON staff(school_id, ifnull(\"full_name__sk\",X''), id);\n"
    "CREATE INDEX staff_list_areas ON staff(school_id, ifnull(\"areas__sk\",X''), id);\n"
    "CREATE INDEX vacancy_list_subject ON vacancy(school_id, ifnull(\"subject__sk\",X''), id);\n"
    "CREATE INDEX training_list_title ON training(school_id, ifnull(\"title__sk\",X''), id);\n"
    "CREATE INDEX training_list_provider ON training(school_id, ifnull(\"provider__sk\",X''), id);\n"
    "CREATE INDEX consultation_list_recipient ON consultation(school_id, ifnull(\"recipient__sk\",X''), id);\n"
    "CREATE INDEX consultation_list_group ON consultation(school_id, ifnull(\"group__sk\",X''), id);\n"
    "CREATE INDEX assessment_list_strengths ON assessment(school_id, ifnull(\"strengths__sk\",X''), id);\n"
    "CREATE INDEX assessment_list_development_needs ON assessment(school_id, ifnull(\"development_needs__sk\",X''), id);\n"
    "CREATE INDEX priority_list_priority ON priority(school_id, ifnull(\"priority__sk\",X''), id);\n"
    "CREATE INDEX observation_list_group ON observation(school_id, ifnull(\"group__sk\",X''), id);\n"
    "CREATE INDEX observation_list_subject ON observation(school_id, ifnull(\"subject__sk\",X''), id);\n"
    "CREATE INDEX observation_list_area ON observation(school_id, ifnull(\"area__sk\",X''), id);\n",
    /* 14: from here on the kinds' tables, columns and indexes are generated
     * from their descriptors (storage/schema_gen.c) after the last step;
     * the fingerprint of what was generated tells a later skola whether its
     * descriptors have changed since. */
    "CREATE TABLE generated_schema (\n"
    "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  fingerprint TEXT NOT NULL\n"
    ") STRICT;\n",
    /* 15: the ticks of a sheet are rows keyed by the criterion of the sheet's
     * template (storage/obs_ticks.c), so a template may add sections and
     * criteria; the crit_* columns go (the table is rebuilt with its sort-key
     * columns, list indexes and triggers). For the summary's one pass the
     * sheet keeps two derived bit sets, bit = position - 1 of the criterion
     * in its template (written with the rows, like the sort keys):
     * ticks_assessed (a row exists) and ticks_on (ticked), in the covering
     * index observation_summary. */
    "ALTER TABLE observation RENAME TO observation_old;\n"
    "CREATE TABLE observation (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER NOT NULL REFERENCES school(id),\n"
    "  date TEXT\n"
    "    CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  teacher INTEGER REFERENCES staff(id),\n"
    "  \"group\" TEXT,\n"
    "  subject TEXT,\n"
    "  area TEXT,\n"
    "  pupils_present INTEGER,\n"
    "  pupils_in_group INTEGER,\n"
    "  observer INTEGER REFERENCES staff(id),\n"
    "  topic TEXT,\n"
    "  purpose TEXT,\n"
    "  comment_1 TEXT,\n"
    "  comment_2 TEXT,\n"
    "  comment_3 TEXT,\n"
    "  comment_4 TEXT,\n"
    "  improvements TEXT,\n"
    "  recommendations TEXT,\n"
    "  status TEXT CHECK (status IN ('draft', 'final')),\n"
    "  acknowledged_on TEXT\n"
    "    CHECK (acknowledged_on IS NULL OR acknowledged_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  template TEXT REFERENCES observation_template(code),\n"
    "  created_at TEXT,\n"
    "  updated_at TEXT,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  search TEXT,\n"
    "  ticks_assessed INTEGER NOT NULL DEFAULT 0,\n"
    "  ticks_on INTEGER NOT NULL DEFAULT 0,\n"
    "  \"group__sk\" BLOB,\n"
    "  \"subject__sk\" BLOB,\n"
    "  \"area__sk\" BLOB\n"
    ") STRICT;\n"
    "INSERT INTO observation(id, school_id, date, teacher, \"group\", subject, area, pupils_present,\n"
    "  pupils_in_group, observer, topic, purpose, comment_1, comment_2, comment_3, comment_4,\n"
    "  improvements, recommendations, status, acknowledged_on, template, created_at, updated_at,\n"
    "  version, search, ticks_assessed, ticks_on, \"group__sk\", \"subject__sk\", \"area__sk\")\n"
    "  SELECT id, school_id, date, teacher, \"group\", subject, area, pupils_present,\n"
    "  pupils_in_group, observer, topic, purpose, comment_1, comment_2, comment_3, comment_4,\n"
    "  improvements, recommendations, status, acknowledged_on, template, created_at, updated_at,\n"
    "  version, search,\n"
    "  ifnull((SELECT sum((v IS NOT NULL) << (position - 1)) FROM (SELECT c.position,\n"
    "  (CASE c.code"
    " WHEN '1.1' THEN o.crit_1_1"
    " WHEN '1.2' THEN o.crit_1_2"
    " WHEN '1.3' THEN o.crit_1_3"
    " WHEN '2.1' THEN o.crit_2_1"
    " WHEN '2.2' THEN o.crit_2_2"
    " WHEN '2.3' THEN o.crit_2_3"
    " WHEN '2.4' THEN o.crit_2_4"
    " WHEN '3.1' THEN o.crit_3_1"
    " WHEN '3.2' THEN o.crit_3_2"
    " WHEN '3.3' THEN o.crit_3_3"
    " WHEN '3.4' THEN o.crit_3_4"
    " WHEN '4.1' THEN o.crit_4_1"
    " WHEN '4.2' THEN o.crit_4_2"
    " WHEN '4.3' THEN o.crit_4_3"
    " WHEN '4.4' THEN o.crit_4_4"
    " WHEN '4.5' THEN o.crit_4_5"
    " WHEN '4.6' THEN o.crit_4_6"
    " END) AS v FROM observation_criterion c JOIN observation_template t\n"
    "   ON t.id = c.template_id WHERE t.code = o.template)), 0),\n"
    "  ifnull((SELECT sum((v = 1) << (position - 1)) FROM (SELECT c.position,\n"
    "  (CASE c.code"
    " WHEN '1.1' THEN o.crit_1_1"
    " WHEN '1.2' THEN o.crit_1_2"
    " WHEN '1.3' THEN o.crit_1_3"
    " WHEN '2.1' THEN o.crit_2_1"
    " WHEN '2.2' THEN o.crit_2_2"
    " WHEN '2.3' THEN o.crit_2_3"
    " WHEN '2.4' THEN o.crit_2_4"
    " WHEN '3.1' THEN o.crit_3_1"
    " WHEN '3.2' THEN o.crit_3_2"
    " WHEN '3.3' THEN o.crit_3_3"
    " WHEN '3.4' THEN o.crit_3_4"
    " WHEN '4.1' THEN o.crit_4_1"
    " WHEN '4.2' THEN o.crit_4_2"
    " WHEN '4.3' THEN o.crit_4_3"
    " WHEN '4.4' THEN o.crit_4_4"
    " WHEN '4.5' THEN o.crit_4_5"
    " WHEN '4.6' THEN o.crit_4_6"
    " END) AS v FROM observation_criterion c JOIN observation_template t\n"
    "   ON t.id = c.template_id WHERE t.code = o.template)), 0),\n"
    "  \"group__sk\", \"subject__sk\", \"area__sk\" FROM observation_old o;\n"
    "CREATE TABLE observation_tick (\n"
    "  observation_id INTEGER NOT NULL REFERENCES observation(id) ON DELETE CASCADE,\n"
    "  criterion_id INTEGER NOT NULL REFERENCES observation_criterion(id),\n"
    "  ticked INTEGER NOT NULL CHECK (ticked IN (0, 1)),\n"
    "  PRIMARY KEY (observation_id, criterion_id)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "INSERT INTO observation_tick(observation_id, criterion_id, ticked)\n"
    "  SELECT o.id, c.id, CASE c.code"
    " WHEN '1.1' THEN o.crit_1_1"
    " WHEN '1.2' THEN o.crit_1_2"
    " WHEN '1.3' THEN o.crit_1_3"
    " WHEN '2.1' THEN o.crit_2_1"
    " WHEN '2.2' THEN o.crit_2_2"
    " WHEN '2.3' THEN o.crit_2_3"
    " WHEN '2.4' THEN o.crit_2_4"
    " WHEN '3.1' THEN o.crit_3_1"
    " WHEN '3.2' THEN o.crit_3_2"
    " WHEN '3.3' THEN o.crit_3_3"
    " WHEN '3.4' THEN o.crit_3_4"
    " WHEN '4.1' THEN o.crit_4_1"
    " WHEN '4.2' THEN o.crit_4_2"
    " WHEN '4.3' THEN o.crit_4_3"
    " WHEN '4.4' THEN o.crit_4_4"
    " WHEN '4.5' THEN o.crit_4_5"
    " WHEN '4.6' THEN o.crit_4_6"
    " END AS v\n"
    "  FROM observation_old o JOIN observation_template t ON t.code = o.template\n"
    "  JOIN observation_criterion c ON c.template_id = t.id\n"
    "  WHERE v IS NOT NULL;\n"
    "DROP TABLE observation_old;\n"
    "CREATE INDEX observation_school ON observation(school_id);\n"
    "CREATE INDEX observation_ref_teacher ON observation(teacher);\n"
    "CREATE INDEX observation_ref_observer ON observation(observer);\n"
    "CREATE INDEX observation_list_date ON observation(school_id, ifnull(date,''), id);\n"
    "CREATE INDEX observation_list_teacher ON observation(school_id, ifnull(teacher,-9223372036854775808), id);\n"
    "CREATE INDEX observation_list_status ON observation(school_id, ifnull(status,''), id);\n"
    "CREATE INDEX observation_list_group ON observation(school_id, ifnull(\"group__sk\",X''), id);\n"
    "CREATE INDEX observation_list_subject ON observation(school_id, ifnull(\"subject__sk\",X''), id);\n"
    "CREATE INDEX observation_list_area ON observation(school_id, ifnull(\"area__sk\",X''), id);\n"
    "CREATE INDEX observation_summary ON observation(school_id, status, date, teacher, area,\n"
    "  recommendations, template, ticks_assessed, ticks_on);\n"
    "CREATE TRIGGER observation_template_default AFTER INSERT ON observation\n"
    "  WHEN NEW.template IS NULL BEGIN\n"
    "  UPDATE observation SET template = coalesce(\n"
    "    (SELECT t.code FROM setting s JOIN observation_template t ON t.code = s.value\n"
    "      WHERE s.school_id = NEW.school_id AND s.key = 'observation_template'),\n"
    "    (SELECT code FROM observation_template ORDER BY id DESC LIMIT 1))\n"
    "  WHERE id = NEW.id;\n"
    "END;\n"
    "CREATE TRIGGER observation_template_keep AFTER UPDATE OF template ON observation\n"
    "  WHEN NEW.template IS NULL AND OLD.template IS NOT NULL BEGIN\n"
    "  UPDATE observation SET template = OLD.template WHERE id = NEW.id;\n"
    "END;\n",
    /* 16: an import is one audit entry, its batch (storage/batch.c):
     * who, when, which file (name and SHA-256) and how many records it
     * created; each record it created names the batch instead of having a
     * JSON copy in the audit table (its column import_batch is one of the
     * generated bookkeeping columns, storage/schema_gen.c). Later changes
     * keep their per-field rows. */
    "CREATE TABLE import_batch (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  school_id INTEGER REFERENCES school(id),\n"
    "  kind TEXT NOT NULL,\n"
    "  file_name TEXT NOT NULL,\n"
    "  sha256 TEXT,\n"
    "  rows INTEGER NOT NULL DEFAULT 0,\n"
    "  updated INTEGER NOT NULL DEFAULT 0,\n"
    "  first_id INTEGER,\n"
    "  last_id INTEGER,\n"
    "  audit_mark INTEGER NOT NULL DEFAULT 0,\n"
    "  login TEXT NOT NULL,\n"
    "  at TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX import_batch_school ON import_batch(school_id);\n",
    /* 17: the users of a shared file (storage/users.c): OS login, role and
     * an optional staff record; a file with a row here is shared. A staff
     * record deleted leaves the user without a link. */
    "CREATE TABLE app_user (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  login TEXT NOT NULL UNIQUE,\n"
    "  role TEXT NOT NULL CHECK (role = 'head' OR role = 'deputy' OR role = 'it' OR role = 'support'\n"
    "    OR role = 'viewer'),\n"
    "  staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  created_by TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX app_user_staff ON app_user(staff_id);\n",
    /* 18: the printed sheet's wording belongs to its template (issue 16):
     * a title and a methodology reference per template, a note under a
     * section's heading per criterion row (like section_name). LVT-2023's
     * wording comes from data/observation-wording-lvt-2023.csv
     * (storage_refdata_lvt2023_wording). */
    "ALTER TABLE observation_template ADD COLUMN title TEXT;\n"
    "ALTER TABLE observation_template ADD COLUMN methodology TEXT;\n"
    "ALTER TABLE observation_criterion ADD COLUMN section_note TEXT;\n",
    /* 19: merging a copy used elsewhere (storage/merge.c). file_identity:
     * this file's own id (a copy made by `skola backup` gets a new one);
     * merge_origin: in a copy, the file it was copied from and when;
     * merge_base: in a copy, every record's version at that moment (the
     * common ancestor of both files); merge_log: the copies merged into this
     * file and the last of their audit rows brought in. */
    "CREATE TABLE file_identity (\n"
    "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  uid TEXT NOT NULL\n"
    ") STRICT;\n"
    "INSERT INTO file_identity(id, uid) VALUES (1, lower(hex(randomblob(16))));\n"
    "CREATE TABLE merge_origin (\n"
    "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  source_uid TEXT NOT NULL,\n"
    "  taken_at TEXT NOT NULL,\n"
    "  audit_mark INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE TABLE merge_base (\n"
    "  kind TEXT NOT NULL,\n"
    "  uid TEXT NOT NULL,\n"
    "  school_id INTEGER NOT NULL,\n"
    "  record_id INTEGER NOT NULL,\n"
    "  version INTEGER NOT NULL,\n"
    "  PRIMARY KEY (kind, uid)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "CREATE INDEX merge_base_record ON merge_base(kind, record_id);\n"
    "CREATE TABLE merge_log (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  copy_uid TEXT NOT NULL,\n"
    "  audit_max INTEGER NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  login TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX merge_log_copy ON merge_log(copy_uid);\n"
    /* the records of a merged copy whose change was not taken (a conflict
     * decided for this file): merging the copy again does not ask again */
    "CREATE TABLE merge_kept (\n"
    "  copy_uid TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  uid TEXT NOT NULL,\n"
    "  other_version INTEGER,\n"
    "  PRIMARY KEY (copy_uid, kind, uid)\n"
    ") STRICT, WITHOUT ROWID;\n",
    /* 20: the list filter searches every text field (forms_search_text):
     * the search texts are recomputed after the kinds' sync
     * (MIGRATE_SEARCH_ALL_TEXT). Each OS login's last sort and field
     * filters of each list, restored when the list opens (storage/view.c):
     * in the file, so they follow the person to every computer that opens
     * it; `state` is the interface's own text. */
    "CREATE TABLE list_view (\n"
    "  login TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  state TEXT NOT NULL,\n"
    "  PRIMARY KEY (login, kind)\n"
    ") STRICT;\n",
    /* 21: a CHECK that lists choice keys as `x IN ('a', 'b', 'c')` makes
     * SQLite build a temporary table of the keys on every insert
     * (OpenEphemeral: 7-12 % of an import of devices); the same condition
     * written `(x = 'a' OR x = 'b' OR ...)` does not. The tables' texts are
     * rewritten in place, as SQLite's documentation allows for a CHECK the
     * rows already satisfy (here an equivalent one: nothing to rebuild, every
     * row, index and trigger stays). RESET makes this connection parse the
     * new text at once (and ends writable_schema): a later ALTER TABLE ADD
     * COLUMN splices into the stored text at offsets of the parsed one; the
     * CREATE and DROP change the schema cookie, so that other connections
     * read it again too.
     * storage_gen_column writes new CHECKs in this form. */
    "PRAGMA writable_schema = ON;\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''in_use'', ''in_storage'', ''on_loan'', ''in_repair'',\n"
    "                        ''broken'', ''written_off'')', '(status = ''in_use'' OR status = ''in_storage'' OR status = ''on_loan'' OR status = ''in_repair'' OR status = ''broken'' OR status = ''written_off'')') WHERE type = 'table' AND name = 'device';\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'action IN (''insert'', ''update'', ''delete'')', '(action = ''insert'' OR action = ''update'' OR action = ''delete'')') WHERE type = 'table' AND name = 'audit';\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'digcompedu IN (''A1'', ''A2'', ''B1'', ''B2'', ''C1'', ''C2'')', '(digcompedu = ''A1'' OR digcompedu = ''A2'' OR digcompedu = ''B1'' OR digcompedu = ''B2'' OR digcompedu = ''C1'' OR digcompedu = ''C2'')') WHERE type = 'table' AND name = 'staff';\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'recipient_kind IN (''pupil'', ''teacher'', ''parent'', ''group'', ''other'')', '(recipient_kind = ''pupil'' OR recipient_kind = ''teacher'' OR recipient_kind = ''parent'' OR recipient_kind = ''group'' OR recipient_kind = ''other'')') WHERE type = 'table' AND name = 'consultation';\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'form IN (''individual'', ''group'', ''supervision'', ''seminar'', ''session'')', '(form = ''individual'' OR form = ''group'' OR form = ''supervision'' OR form = ''seminar'' OR form = ''session'')') WHERE type = 'table' AND name = 'consultation';\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'topic IN (''learning'', ''behaviour'', ''emotional'', ''career'', ''methodological'', ''digital'', ''other'')', '(topic = ''learning'' OR topic = ''behaviour'' OR topic = ''emotional'' OR topic = ''career'' OR topic = ''methodological'' OR topic = ''digital'' OR topic = ''other'')') WHERE type = 'table' AND name = 'consultation';\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'initiator IN (''self'', ''teacher'', ''parent'', ''administration'', ''consultant'')', '(initiator = ''self'' OR initiator = ''teacher'' OR initiator = ''parent'' OR initiator = ''administration'' OR initiator = ''consultant'')') WHERE type = 'table' AND name = 'consultation';\n"
    "UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''achieved'', ''partly_achieved'', ''not_achieved'', ''in_progress'')', '(status = ''achieved'' OR status = ''partly_achieved'' OR status = ''not_achieved'' OR status = ''in_progress'')') WHERE type = 'table' AND name = 'priority';\n"
    "PRAGMA writable_schema = RESET;\n"
    "CREATE TABLE skola_schema_cookie(x INTEGER);\n"
    "DROP TABLE skola_schema_cookie;\n",
                                    };
/* clang-format on */

/* The step that adds the sort-key columns: their values are computed in C
 * (forms_lv_sort_key) before the next step indexes them. A later step that
 * adds a text list column adds its key column too and fills it the same way
 * (storage_sortkeys_fill skips key columns that do not exist yet). */
enum { MIGRATE_SORT_KEY_COLUMNS = 12 };
/* The steps whose reference-data rows are inserted from data/NAME.csv
 * compiled in (storage/refdata.c): one copy of the rows, and a file made
 * when the steps carried them as literal INSERTs holds the same rows. */
enum { MIGRATE_IKVD_ROWS = 8, MIGRATE_LVT2023_ROWS = 10, MIGRATE_LVT2023_TEMPLATE_ID = 1 };
/* From this version on, storage_kinds_sync() runs after the last step: a new
 * kind or field needs no step of its own, only its descriptor. Hand-written
 * steps (data, tables that are not a kind) still go at the end of the list;
 * they see the kinds' tables as the file had them before the sync. */
enum { MIGRATE_KINDS_GENERATED = 14 };
/* The step that moves the observation ticks into rows (observation_tick). */
enum { MIGRATE_TICK_ROWS = 15 };
_Static_assert(MIGRATE_TICK_ROWS <= SK_ARRAY_LEN(migrate_steps), "tick step exists");
/* The step that adds the users table (app_user): storage_identity_resolve
 * reads it only in files at this version or later. */
enum { MIGRATE_USERS = 17 };
_Static_assert(MIGRATE_USERS <= SK_ARRAY_LEN(migrate_steps), "users step exists");
/* The step that gives the templates their printed wording (issue 16). */
enum { MIGRATE_TEMPLATE_WORDING = STORAGE_MIGRATE_TEMPLATE_WORDING };
_Static_assert(MIGRATE_TEMPLATE_WORDING <= SK_ARRAY_LEN(migrate_steps), "wording step exists");
/* The step that adds file_identity and the merge tables (storage/merge.c):
 * `backup` marks its copy and `merge` reads it only at this version on. */
enum { MIGRATE_MERGE_TABLES = 19 };
_Static_assert(MIGRATE_MERGE_TABLES <= SK_ARRAY_LEN(migrate_steps), "merge step exists");

/* The step after which every row's search text is recomputed from all its
 * text fields (storage/search.c), once the kinds' tables are in sync. */
enum { MIGRATE_SEARCH_ALL_TEXT = 20 };
_Static_assert(MIGRATE_SEARCH_ALL_TEXT <= SK_ARRAY_LEN(migrate_steps), "search step exists");
_Static_assert(MIGRATE_CHECKS_WITHOUT_IN <= SK_ARRAY_LEN(migrate_steps), "CHECK step exists");

const int storage_schema_version = (int)SK_ARRAY_LEN(migrate_steps);

const char *
storage_migrate_step_sql(int version)
{
    if (version < 1 || version > storage_schema_version)
        return NULL;
    return migrate_steps[version - 1];
}

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
    return storage_migrate_to(db, storage_schema_version, err);
}

bool
storage_migrate_to(struct storage_db *db, int target, struct sk_error *err)
{
    if (!storage_exec(db, "BEGIN IMMEDIATE", err))
        return false;
    int version = 0;
    bool is_search_stale = false;
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
    for (int v = version; ok && v < target && v < storage_schema_version; v++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        ok = storage_exec(db, migrate_steps[v], err) && storage_exec(db, sql, err);
        if (ok && v + 1 == MIGRATE_SORT_KEY_COLUMNS)
            ok = storage_sortkeys_fill(db, err);
        if (ok && v + 1 == MIGRATE_IKVD_ROWS)
            ok = storage_refdata_ikvd(db, err);
        if (ok && v + 1 == MIGRATE_LVT2023_ROWS)
            ok = storage_refdata_lvt2023(db, MIGRATE_LVT2023_TEMPLATE_ID, err);
        if (ok && v + 1 == MIGRATE_TEMPLATE_WORDING)
            ok = storage_refdata_lvt2023_wording(db, err);
        /* a new file has no rows to refresh */
        if (v + 1 == MIGRATE_SEARCH_ALL_TEXT && version > 0)
            is_search_stale = true;
    }
    if (ok && target >= MIGRATE_KINDS_GENERATED)
        ok = storage_kinds_sync(db, true, NULL, err);
    int64_t n_refreshed = 0;
    if (ok && is_search_stale)
        ok = storage_search_fill(db, &n_refreshed, err);
    if (ok)
        return storage_exec(db, "COMMIT", err);
    storage_exec(db, "ROLLBACK", NULL);
    return false;
}
