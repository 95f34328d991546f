/* Users and roles of a shared file (issue 14 §2): the table app_user
 * (migration step 17) maps OS logins to roles; a file with a row there is
 * shared, and every open resolves who is working. The role table below is
 * the one rule the command line and the interface both obey: every record
 * write, import, read for lists and exports, and every summary asks it
 * here in storage/, so no caller can forget. A personal file (no users)
 * allows everything, exactly as before. */
#include "storage/internal.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the rules */

/* The area of each kind, by the kind's key. A kind not listed (added later
 * and forgotten here) is SAREA_NONE: refused to every role of a shared
 * file until someone decides where it belongs. */
static const struct {
    const char *kind;
    enum storage_area area;
} kind_areas[] = {
    {"devices", SAREA_DEVICES},
    {"loans", SAREA_DEVICES},
    {"staff", SAREA_SCHOOL},
    {"vacancies", SAREA_SCHOOL},
    {"trainings", SAREA_SCHOOL},
    {"school-years", SAREA_SCHOOL},
    /* the school's licensed programmes: facts about the school, like its years */
    {"programmes", SAREA_SCHOOL},
    /* the report's projects, exam averages and cohorts: school data too */
    {"projects", SAREA_SCHOOL},
    {"exam-results", SAREA_SCHOOL},
    {"cohorts", SAREA_SCHOOL},
    {"observations", SAREA_OBSERVATIONS},
    {"consultations", SAREA_CONSULTATIONS},
    {"assessments", SAREA_QUALITY},
    {"priorities", SAREA_QUALITY},
};

/* The area of each aggregate (storage/aggregate.c); one added later and
 * not placed here is SAREA_NONE. */
static const enum storage_area agg_areas[SA_N] = {
    [SA_SCHOOL_YEAR] = SAREA_SCHOOL,
    [SA_DEVICES] = SAREA_DEVICES,
    [SA_STAFF] = SAREA_SCHOOL,
    [SA_STAFF_ROWS] = SAREA_SCHOOL,
    [SA_VACANCIES] = SAREA_SCHOOL,
    [SA_CONSULTATIONS] = SAREA_CONSULTATIONS,
    [SA_PUPIL_RECIPIENTS] = SAREA_CONSULTATIONS,
    [SA_ASSESSMENT] = SAREA_QUALITY,
    [SA_PRIORITIES] = SAREA_QUALITY,
    /* the yearly report's tables (core/report.c) */
    [SA_PROGRAMMES] = SAREA_SCHOOL,
    [SA_PROJECTS] = SAREA_SCHOOL,
    [SA_EXAM_RESULTS] = SAREA_SCHOOL,
    [SA_COHORTS] = SAREA_SCHOOL,
    [SA_PD_ROWS] = SAREA_SCHOOL,
    [SA_TEACHER_TRAININGS] = SAREA_SCHOOL,
    [SA_HEAD] = SAREA_SCHOOL,
};
/* every aggregate has an area: one without would be refused to every role */
_Static_assert(SA_HEAD + 1 == SA_N, "a new aggregate needs its area in agg_areas");

enum storage_area
storage_agg_area(enum storage_agg which)
{
    return (unsigned)which < SA_N ? agg_areas[which] : SAREA_NONE;
}

enum { R = SA_READ, W = SA_WRITE, RW = SA_READ | SA_WRITE };

/* What each role may do in each area (README "Working together"). */
static const unsigned char role_table[SR_VIEWER + 1][SAREA_N] = {
    /*              none dev school obs cons quality admin */
    [SR_HEAD] = {0, RW, RW, RW, RW, RW, RW}, [SR_DEPUTY] = {0, R, R, RW, 0, RW, 0},
    [SR_IT] = {0, RW, R, 0, 0, 0, 0},        [SR_SUPPORT] = {0, 0, R, 0, RW, 0, 0},
    [SR_VIEWER] = {0, 0, 0, 0, 0, 0, 0},
};

/* Role keys as stored in app_user.role (its CHECK) and given on the
 * command line; the labels are what people read. */
static const struct {
    const char *key;
    const char *label;
} roles[] = {
    [SR_PERSONAL] = {"personal", N_("personal file")},
    [SR_HEAD] = {"head", N_("head")},
    [SR_DEPUTY] = {"deputy", N_("deputy")},
    [SR_IT] = {"it", N_("IT administrator")},
    [SR_SUPPORT] = {"support", N_("support staff")},
    [SR_VIEWER] = {"viewer", N_("viewer")},
};

static const char *const area_labels[SAREA_N] = {
    [SAREA_NONE] = N_("records without a place in the role table"),
    [SAREA_DEVICES] = N_("devices and loans"),
    [SAREA_SCHOOL] = N_("staff, vacancies, trainings and school years"),
    [SAREA_OBSERVATIONS] = N_("lesson observations and their templates"),
    [SAREA_CONSULTATIONS] = N_("consultations"),
    [SAREA_QUALITY] = N_("self-assessment and priorities"),
    [SAREA_ADMIN] = N_("users, sharing, forgetting a person and merging a copy (skola merge)"),
};

const char *
storage_role_key(enum storage_role role)
{
    return (unsigned)role < SK_ARRAY_LEN(roles) ? roles[role].key : "?";
}

const char *
storage_role_label(enum storage_role role)
{
    return (unsigned)role < SK_ARRAY_LEN(roles) ? _(roles[role].label) : "?";
}

enum storage_role
storage_role_by_key(const char *key)
{
    for (size_t i = SR_HEAD; key && i < SK_ARRAY_LEN(roles); i++)
        if (strcmp(roles[i].key, key) == 0)
            return (enum storage_role)i;
    return SR_PERSONAL;
}

enum storage_area
storage_kind_area(const struct forms_kind *kind)
{
    for (size_t i = 0; kind && kind->key && i < SK_ARRAY_LEN(kind_areas); i++)
        if (strcmp(kind_areas[i].kind, kind->key) == 0)
            return kind_areas[i].area;
    return SAREA_NONE;
}

const struct storage_identity *
storage_identity(const struct storage_db *db)
{
    return &db->ident;
}

bool
storage_may_area(const struct storage_db *db, enum storage_area area, enum storage_access access)
{
    if (!db->ident.shared)
        return true;
    enum storage_role r = db->ident.role;
    if (r < SR_HEAD || r > SR_VIEWER || (unsigned)area >= SAREA_N)
        return false;
    return (role_table[r][area] & access) == (unsigned)access;
}

bool
storage_may(const struct storage_db *db, const struct forms_kind *kind, enum storage_access access)
{
    /* a personal file first: imports ask once per row */
    return !db->ident.shared || storage_may_area(db, storage_kind_area(kind), access);
}

bool
storage_may_summarize(const struct storage_db *db, enum storage_area area)
{
    if (!db->ident.shared)
        return true;
    switch (db->ident.role) {
    case SR_HEAD:
    case SR_DEPUTY:
    case SR_VIEWER:
        return area != SAREA_NONE;
    case SR_IT:
        return area == SAREA_DEVICES;
    case SR_SUPPORT:
        return area == SAREA_CONSULTATIONS;
    default:
        return false;
    }
}

/* "head or deputy": the roles whose table entry for area has `access`
 * (summary: may summarize it), into b. */
static void
roles_allowed(struct sk_buf *b, enum storage_area area, unsigned access, bool summary)
{
    static const enum storage_role summarizers[] = {SR_HEAD, SR_DEPUTY, SR_VIEWER};
    const char *names[SR_VIEWER + 1];
    size_t n = 0;
    for (int r = SR_HEAD; r <= SR_VIEWER; r++) {
        bool yes = (role_table[r][area] & access) == access;
        if (summary) {
            yes = (r == SR_IT && area == SAREA_DEVICES) ||
                  (r == SR_SUPPORT && area == SAREA_CONSULTATIONS);
            for (size_t i = 0; i < SK_ARRAY_LEN(summarizers); i++)
                yes = yes || (int)summarizers[i] == r;
        }
        if (yes && area != SAREA_NONE)
            names[n++] = roles[r].key;
    }
    if (n == 0) {
        sk_buf_adds(b, _("(none: ask the head to decide)"));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            sk_buf_adds(b, i + 1 == n ? _(" or ") : ", ");
        sk_buf_addf(b, "“%s”", names[i]);
    }
}

/* The refusal: what (a kind's or an area's label), which roles may, and
 * who the user is. */
static bool
refuse(const struct storage_db *db, const char *what, enum storage_area area, unsigned access,
       bool summary, struct sk_error *err)
{
    struct sk_buf who = {0};
    roles_allowed(&who, area, access, summary);
    const char *role = storage_role_key(db->ident.role);
    if (summary)
        sk_fail(err, SK_EINVAL,
                _("Refused: the figures of “%s” need the role %s; %s has the role “%s”."), what,
                who.s, SK_QUOTE(db->ident.login), role);
    else if (access & SA_WRITE)
        sk_fail(err, SK_EINVAL,
                _("Refused: changing “%s” needs the role %s; %s has the role “%s”."), what, who.s,
                SK_QUOTE(db->ident.login), role);
    else
        sk_fail(err, SK_EINVAL, _("Refused: viewing “%s” needs the role %s; %s has the role “%s”."),
                what, who.s, SK_QUOTE(db->ident.login), role);
    sk_buf_free(&who);
    return false;
}

bool
storage_require(const struct storage_db *db, const struct forms_kind *kind,
                enum storage_access access, struct sk_error *err)
{
    if (storage_may(db, kind, access))
        return true;
    return refuse(db, forms_kind_label(kind), storage_kind_area(kind), access, false, err);
}

bool
storage_require_area(const struct storage_db *db, enum storage_area area,
                     enum storage_access access, struct sk_error *err)
{
    if (storage_may_area(db, area, access))
        return true;
    unsigned a = (unsigned)area < SAREA_N ? (unsigned)area : SAREA_NONE;
    return refuse(db, _(area_labels[a]), (enum storage_area)a, access, false, err);
}

bool
storage_require_summary(const struct storage_db *db, enum storage_area area, struct sk_error *err)
{
    if (storage_may_summarize(db, area))
        return true;
    unsigned a = (unsigned)area < SAREA_N ? (unsigned)area : SAREA_NONE;
    return refuse(db, _(area_labels[a]), (enum storage_area)a, SA_READ, true, err);
}

bool
storage_require_everything(const struct storage_db *db, struct sk_error *err)
{
    for (int a = SAREA_DEVICES; a < SAREA_ADMIN; a++)
        if (!storage_require_summary(db, (enum storage_area)a, err))
            return false;
    return true;
}

void
storage_reading_for_figures(struct storage_db *db, bool on)
{
    if (on)
        db->figure_reads++;
    else if (db->figure_reads > 0)
        db->figure_reads--;
}

bool
storage_check_read(const struct storage_db *db, const struct forms_kind *kind, struct sk_error *err)
{
    if (!db->ident.shared)
        return true;
    if (db->figure_reads > 0 && storage_may_summarize(db, storage_kind_area(kind)))
        return true;
    return storage_require(db, kind, SA_READ, err);
}

bool
storage_check_figures(const struct storage_db *db, enum storage_area area, struct sk_error *err)
{
    if (!db->ident.shared || storage_may_summarize(db, area) || storage_may_area(db, area, SA_READ))
        return true;
    return storage_require_summary(db, area, err);
}

/* ------------------------------------------------------------- identity */

/* Whether the file has the users table (not before step 17: a rescue or a
 * schema built up to an older version). */
static bool
has_users_table(struct storage_db *db)
{
    sqlite3_stmt *st = NULL;
    bool has = false;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'app_user'",
                           -1, &st, NULL) == SQLITE_OK)
        has = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return has;
}

/* "SELECT u.login, u.role, u.staff_id, s.<name>, u.created_at, u.created_by
 * FROM app_user u LEFT JOIN <staff> s ..." with the staff kind's table and
 * name field from its descriptor; `where` appended. */
static sqlite3_stmt *
prepare_users(struct storage_db *db, const char *where, struct sk_error *err)
{
    const struct forms_kind *staff = forms_kind_by_key("staff");
    struct sk_buf b = {0};
    sk_buf_adds(&b, "SELECT u.login, u.role, u.staff_id, s.");
    storage_sql_add_ident(&b, staff->name_field);
    sk_buf_adds(&b, ", u.created_at, u.created_by FROM app_user u LEFT JOIN ");
    storage_sql_add_ident(&b, staff->table);
    sk_buf_adds(&b, " s ON s.id = u.staff_id ");
    sk_buf_adds(&b, where);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, b.s, -1, &st, NULL);
    sk_buf_free(&b);
    if (rc != SQLITE_OK) {
        storage_fail_db(db, rc, err);
        return NULL;
    }
    return st;
}

static void
read_user(sqlite3_stmt *st, struct storage_user *u)
{
    memset(u, 0, sizeof *u);
    const char *s = (const char *)sqlite3_column_text(st, 0);
    snprintf(u->login, sizeof u->login, "%s", s ? s : "");
    u->role = storage_role_by_key((const char *)sqlite3_column_text(st, 1));
    u->staff_id = sqlite3_column_int64(st, 2);
    s = (const char *)sqlite3_column_text(st, 3);
    snprintf(u->staff_name, sizeof u->staff_name, "%s", s ? s : "");
    s = (const char *)sqlite3_column_text(st, 4);
    snprintf(u->created_at, sizeof u->created_at, "%s", s ? s : "");
    s = (const char *)sqlite3_column_text(st, 5);
    snprintf(u->created_by, sizeof u->created_by, "%s", s ? s : "");
}

/* Reads the user `login` into *u; *found false when not registered. */
static bool
find_user(struct storage_db *db, const char *login, struct storage_user *u, bool *found,
          struct sk_error *err)
{
    *found = false;
    sqlite3_stmt *st = prepare_users(db, "WHERE u.login = ?1", err);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_user(st, u);
        *found = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE || storage_fail_db(db, rc, err);
}

/* One integer from sql with login bound as ?1 (NULL: none). */
static bool
count_of(struct storage_db *db, const char *sql, const char *login, int64_t *n,
         struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        if (login)
            sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || storage_fail_db(db, rc, err);
}

bool
storage_identity_resolve(struct storage_db *db, struct sk_error *err)
{
    free(db->ident_staff_name);
    db->ident_staff_name = NULL;
    db->ident = (struct storage_identity){.login = db->os_user, .role = SR_PERSONAL};
    if (!has_users_table(db))
        return true;
    int64_t n = 0;
    if (!count_of(db, "SELECT count(*) FROM app_user", NULL, &n, err))
        return false;
    if (n == 0)
        return true;
    db->ident.shared = true;
    struct storage_user u;
    bool found = false;
    if (!find_user(db, db->os_user, &u, &found, err))
        return false;
    if (!found)
        return sk_fail(err, SK_EINVAL,
                       _("%s is a shared file and the login %s is not one of its users: ask the "
                         "head to run “skola users add %s --role ROLE” (ROLE: head, deputy, it, "
                         "support or viewer)."),
                       db->path ? db->path : ":memory:", SK_QUOTE(db->os_user), db->os_user);
    db->ident.role = u.role;
    db->ident.staff_id = u.staff_id;
    if (u.staff_name[0])
        db->ident_staff_name = sk_xstrdup(u.staff_name);
    db->ident.staff_name = db->ident_staff_name;
    return true;
}

bool
storage_identity_login_as(struct storage_db *db, const char *login, struct sk_error *err)
{
    snprintf(db->os_user, sizeof db->os_user, "%s", login);
    return storage_identity_resolve(db, err);
}

/* ---------------------------------------------------------------- users */

bool
storage_users_list(struct storage_db *db, struct storage_user **out, size_t *n,
                   struct sk_error *err)
{
    *out = NULL;
    *n = 0;
    if (!has_users_table(db))
        return true;
    sqlite3_stmt *st = prepare_users(db, "ORDER BY u.login", err);
    if (!st)
        return false;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = sk_xrealloc(*out, cap * sizeof **out);
        }
        read_user(st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return storage_fail_db(db, rc, err);
    }
    return true;
}

/* Only a head of a shared file changes users; a personal file must be
 * shared first (then its runner is the head). */
static bool
require_head(struct storage_db *db, struct sk_error *err)
{
    if (!db->ident.shared)
        return sk_fail(err, SK_EINVAL, "%s",
                       _("This is a personal file: it has no users yet. Share it first with "
                         "“skola share --group GROUP”; you become its head."));
    return storage_require_area(db, SAREA_ADMIN, SA_WRITE, err);
}

/* A login as the host knows it: letters, digits, "._-" (and a trailing "$"
 * of machine accounts), not starting with "-". */
static bool
login_check(const char *login, struct sk_error *err)
{
    size_t n = login ? strlen(login) : 0;
    bool ok = n > 0 && n < 64 && login[0] != '-';
    for (size_t i = 0; ok && i < n; i++) {
        char c = login[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '.' || c == '-' || (c == '$' && i + 1 == n);
    }
    if (!ok)
        return sk_fail(err, SK_EINVAL,
                       _("%s is not a login name (letters, digits, “.”, “_” and “-”)."),
                       SK_QUOTE(login ? login : ""));
    if (!getpwnam(login))
        return sk_fail(err, SK_EINVAL,
                       _("There is no login %s on this computer; check the spelling (“getent "
                         "passwd %s”)."),
                       SK_QUOTE(login), login);
    return true;
}

/* The JSON of a user row for the audit log (db->text_buf, borrowed). */
static const char *
user_json(struct storage_db *db, const char *login, enum storage_role role, int64_t staff_id)
{
    struct sk_buf *b = &db->text_buf;
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
    /* logins are checked: no quotes or backslashes to escape */
    sk_buf_addf(b, "{\"login\":\"%s\",\"role\":\"%s\"", login, storage_role_key(role));
    if (staff_id)
        sk_buf_addf(b, ",\"staff_id\":%lld", (long long)staff_id);
    sk_buf_adds(b, "}");
    return b->s;
}

/* Runs sql with ?1 login, ?2 role key (when role), ?3 staff (when > 0),
 * ?4 now, ?5 the runner; *changes = rows changed. */
static bool
run_user_sql(struct storage_db *db, const char *sql, const char *login, enum storage_role role,
             int64_t staff_id, int *changes, struct sk_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        int n = sqlite3_bind_parameter_count(st);
        sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
        if (n >= 2 && role != SR_PERSONAL)
            sqlite3_bind_text(st, 2, storage_role_key(role), -1, SQLITE_STATIC);
        if (n >= 3 && staff_id > 0)
            sqlite3_bind_int64(st, 3, staff_id);
        if (n >= 4)
            sqlite3_bind_text(st, 4, db->now, -1, SQLITE_STATIC);
        if (n >= 5)
            sqlite3_bind_text(st, 5, db->os_user, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return storage_fail_db(db, rc, err);
    if (changes)
        *changes = sqlite3_changes(db->sql);
    return true;
}

/* The id of login's row (0 when none). */
static bool
user_id(struct storage_db *db, const char *login, int64_t *id, struct sk_error *err)
{
    *id = 0;
    int64_t n = 0;
    if (!count_of(db, "SELECT count(*) FROM app_user WHERE login = ?1", login, &n, err))
        return false;
    return n == 0 || count_of(db, "SELECT id FROM app_user WHERE login = ?1", login, id, err);
}

static bool
add_user(struct storage_db *db, const char *login, enum storage_role role, int64_t staff_id,
         struct sk_error *err)
{
    if (role < SR_HEAD || role > SR_VIEWER)
        return sk_fail(err, SK_EINVAL, "%s",
                       _("Unknown role; the roles are head, deputy, it, support and viewer."));
    int64_t id = 0;
    if (!user_id(db, login, &id, err))
        return false;
    if (id != 0)
        return sk_fail(err, SK_EINVAL,
                       _("%s is a user already; change the role with “skola users role %s "
                         "ROLE”."),
                       SK_QUOTE(login), login);
    if (staff_id > 0) {
        int64_t n = 0;
        const struct forms_kind *staff = forms_kind_by_key("staff");
        struct sk_buf q = {0};
        sk_buf_adds(&q, "SELECT count(*) FROM ");
        storage_sql_add_ident(&q, staff->table);
        sk_buf_adds(&q, " WHERE id = ?1");
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(db->sql, q.s, -1, &st, NULL);
        sk_buf_free(&q);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, staff_id);
            rc = sqlite3_step(st);
            n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW)
            return storage_fail_db(db, rc, err);
        if (n == 0)
            return sk_fail(err, SK_ENOTFOUND, "%s", _("The staff record does not exist."));
    }
    if (!run_user_sql(db,
                      "INSERT INTO app_user(login, role, staff_id, created_at, created_by)"
                      " VALUES (?1, ?2, ?3, ?4, ?5)",
                      login, role, staff_id, NULL, err) ||
        !user_id(db, login, &id, err))
        return false;
    return storage_audit_write(db, 0, "users", id, "insert", "*", NULL,
                               user_json(db, login, role, staff_id), err);
}

bool
storage_users_add(struct storage_db *db, const char *login, enum storage_role role,
                  int64_t staff_id, struct sk_error *err)
{
    if (!require_head(db, err) || !login_check(login, err))
        return false;
    bool own = false;
    if (!storage_op_begin(db, &own, err))
        return false;
    bool ok = add_user(db, login, role, staff_id, err);
    return storage_op_end(db, own, ok, err) && storage_identity_resolve(db, err);
}

bool
storage_users_share(struct storage_db *db, struct sk_error *err)
{
    if (db->ident.shared)
        return require_head(db, err); /* shared already: nothing to add */
    bool own = false;
    if (!storage_op_begin(db, &own, err))
        return false;
    int64_t n = 0;
    /* read again under the write lock: another skola may have shared it */
    bool ok = count_of(db, "SELECT count(*) FROM app_user", NULL, &n, err);
    ok = ok && (n > 0 || add_user(db, db->os_user, SR_HEAD, 0, err));
    if (!storage_op_end(db, own, ok, err))
        return false;
    if (!storage_identity_resolve(db, err))
        return false;
    return require_head(db, err);
}

/* Whether login is the last head: *last true when login is a head and no
 * other head remains. */
static bool
is_last_head(struct storage_db *db, const char *login, bool *last, struct sk_error *err)
{
    int64_t me = 0, heads = 0;
    *last = false;
    if (!count_of(db, "SELECT count(*) FROM app_user WHERE login = ?1 AND role = 'head'", login,
                  &me, err) ||
        !count_of(db, "SELECT count(*) FROM app_user WHERE role = 'head'", NULL, &heads, err))
        return false;
    *last = me > 0 && heads <= 1;
    return true;
}

bool
storage_users_remove(struct storage_db *db, const char *login, struct sk_error *err)
{
    if (!require_head(db, err))
        return false;
    bool own = false;
    if (!storage_op_begin(db, &own, err))
        return false;
    struct storage_user u;
    bool found = false, last = false;
    bool ok = find_user(db, login, &u, &found, err);
    if (ok && !found)
        ok = sk_fail(err, SK_ENOTFOUND, _("%s is not a user of this file."), SK_QUOTE(login));
    ok = ok && is_last_head(db, login, &last, err);
    if (ok && last)
        ok = sk_fail(err, SK_EINVAL,
                     _("%s is the last head of this file and cannot be removed: make another "
                       "user head first (“skola users role LOGIN head”)."),
                     SK_QUOTE(login));
    int64_t id = 0;
    ok = ok && user_id(db, login, &id, err) &&
         run_user_sql(db, "DELETE FROM app_user WHERE login = ?1", login, SR_PERSONAL, 0, NULL,
                      err) &&
         storage_audit_write(db, 0, "users", id, "delete", "*",
                             user_json(db, login, u.role, u.staff_id), NULL, err);
    return storage_op_end(db, own, ok, err) && storage_identity_resolve(db, err);
}

bool
storage_users_set_role(struct storage_db *db, const char *login, enum storage_role role,
                       struct sk_error *err)
{
    if (!require_head(db, err))
        return false;
    if (role < SR_HEAD || role > SR_VIEWER)
        return sk_fail(err, SK_EINVAL, "%s",
                       _("Unknown role; the roles are head, deputy, it, support and viewer."));
    bool own = false;
    if (!storage_op_begin(db, &own, err))
        return false;
    struct storage_user u;
    bool found = false, last = false;
    bool ok = find_user(db, login, &u, &found, err);
    if (ok && !found)
        ok = sk_fail(err, SK_ENOTFOUND, _("%s is not a user of this file."), SK_QUOTE(login));
    ok = ok && is_last_head(db, login, &last, err);
    if (ok && last && role != SR_HEAD)
        ok = sk_fail(err, SK_EINVAL,
                     _("%s is the last head of this file and must stay head: make another user "
                       "head first."),
                     SK_QUOTE(login));
    int64_t id = 0;
    if (ok && u.role != role)
        ok = user_id(db, login, &id, err) &&
             run_user_sql(db, "UPDATE app_user SET role = ?2 WHERE login = ?1", login, role, 0,
                          NULL, err) &&
             storage_audit_write(db, 0, "users", id, "update", "role", storage_role_key(u.role),
                                 storage_role_key(role), err);
    return storage_op_end(db, own, ok, err) && storage_identity_resolve(db, err);
}
