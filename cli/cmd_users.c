/* skola users add|list|remove|role and skola share --group: the users and
 * roles of a shared file (storage/users.c) and giving a file to an OS
 * group (storage/share.c). The rules (only a head changes users, one head
 * always remains) live in storage/; this file parses and prints. */
#include "cli/cli.h"

#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The role named on the command line, or SR_PERSONAL after a usage error. */
static enum storage_role
parse_role(const struct cli_ctx *ctx, const char *text)
{
    enum storage_role r = storage_role_by_key(text);
    if (r == SR_PERSONAL)
        cli_usage(ctx, "users", _("the role is head, deputy, it, support or viewer, not “%s”."),
                  SK_QUOTE(text));
    return r;
}

/* The staff record called `name` in the school (exactly, or once case and
 * diacritics are folded, like every staff reference); 0 with err set when
 * there is none or several. */
static int64_t
find_staff(struct storage_db *db, int64_t school_id, const char *name, struct sk_error *err)
{
    int64_t id = 0;
    enum storage_ref_how how = SR_NONE;
    char suggest[512];
    if (!storage_ref_lookup(db, "staff", school_id, name, &id, &how, NULL, 0, suggest,
                            sizeof suggest, err))
        return 0;
    if (id == 0 && suggest[0])
        sk_fail(err, SK_EINVAL, _("No staff record is called %s; the closest: %s."), SK_QUOTE(name),
                suggest);
    else if (id == 0)
        sk_fail(err, SK_EINVAL, _("No staff record is called %s."), SK_QUOTE(name));
    return id;
}

static int
users_list(struct cli_ctx *ctx, struct storage_db *db)
{
    struct sk_error err = {0};
    if (!storage_identity(db)->shared) {
        printf("%s\n", _("This is a personal file: no users are registered, and whoever may "
                         "open the file may do everything. “skola share --group GROUP” makes "
                         "it shared, with you as its head."));
        return 0;
    }
    struct storage_user *u = NULL;
    size_t n = 0;
    if (!storage_require_area(db, SAREA_ADMIN, SA_READ, &err) ||
        !storage_users_list(db, &u, &n, &err))
        return cli_fail(ctx, &err);
    /* one line a user; the text through cli_print_safe: another program
     * may have written the table */
    struct sk_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        sk_buf_addf(&b, "%-16s %-8s", u[i].login, storage_role_key(u[i].role));
        if (u[i].staff_name[0])
            sk_buf_addf(&b, "  %s", SK_QUOTE(u[i].staff_name));
        sk_buf_addf(&b, _("  (added %s by %s)\n"), u[i].created_at, SK_QUOTE(u[i].created_by));
    }
    if (b.s)
        cli_print_safe(stdout, b.s);
    sk_buf_free(&b);
    free(u);
    return 0;
}

/* After adding login to a shared file: a login outside the file's group
 * cannot open it yet, so say what the administrator must do. */
static void
note_group(const char *db_path, const char *login)
{
    struct stat sb;
    struct passwd *pw = getpwnam(login);
    if (!pw || stat(db_path, &sb) != 0 || !(sb.st_mode & S_IRGRP) || sb.st_uid == pw->pw_uid)
        return;
    gid_t groups[256];
    int n = (int)SK_ARRAY_LEN(groups);
    bool member = pw->pw_gid == sb.st_gid;
    if (!member && getgrouplist(login, pw->pw_gid, groups, &n) >= 0)
        for (int i = 0; i < n && !member; i++)
            member = groups[i] == sb.st_gid;
    struct group *gr = getgrgid(sb.st_gid);
    if (member || !gr)
        return;
    printf(_("Note: %s is not a member of the group %s, so cannot open the file yet; the "
             "administrator adds them (“sudo usermod -aG %s %s”).\n"),
           SK_QUOTE(login), SK_QUOTE(gr->gr_name), gr->gr_name, login);
}

static int
users_add(struct cli_ctx *ctx, struct storage_db *db, int64_t school_id)
{
    const char *login = NULL, *role_text = NULL, *staff = NULL;
    for (int i = 1; i < ctx->argc; i++) {
        int r;
        if ((r = cli_opt_value(ctx, "users", &i, "--role", &role_text)) != 0 ||
            (r = cli_opt_value(ctx, "users", &i, "--staff", &staff)) != 0) {
            if (r < 0)
                return 2;
            continue;
        }
        if (login)
            return cli_usage(ctx, "users", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
        login = ctx->argv[i];
    }
    if (!login || !role_text)
        return cli_usage(ctx, "users", "%s", _("users add needs a LOGIN and --role ROLE."));
    enum storage_role role = parse_role(ctx, role_text);
    if (role == SR_PERSONAL)
        return 2;
    struct sk_error err = {0};
    int64_t staff_id = 0;
    if (staff && !(staff_id = find_staff(db, school_id, staff, &err)))
        return cli_fail(ctx, &err);
    if (!storage_users_add(db, login, role, staff_id, &err))
        return cli_fail(ctx, &err);
    if (staff)
        printf(_("Added %s with the role “%s”, linked to the staff record %s.\n"), SK_QUOTE(login),
               storage_role_key(role), SK_QUOTE(staff));
    else
        printf(_("Added %s with the role “%s”.\n"), SK_QUOTE(login), storage_role_key(role));
    note_group(ctx->db_path, login);
    return 0;
}

int
cli_cmd_users(struct cli_ctx *ctx)
{
    const char *sub = ctx->argc > 0 ? ctx->argv[0] : "list";
    bool is_list = strcmp(sub, "list") == 0, is_add = strcmp(sub, "add") == 0;
    bool is_remove = strcmp(sub, "remove") == 0, is_role = strcmp(sub, "role") == 0;
    if (!is_list && !is_add && !is_remove && !is_role)
        return cli_usage(ctx, "users", _("unknown users command “%s”."), SK_QUOTE(sub));
    if ((is_list && ctx->argc > 1) || (is_remove && ctx->argc != 2) || (is_role && ctx->argc != 3))
        return cli_usage(ctx, "users", "%s",
                         is_list     ? _("users list takes no arguments.")
                         : is_remove ? _("users remove needs exactly one LOGIN.")
                                     : _("users role needs a LOGIN and a ROLE."));
    enum storage_role role = SR_PERSONAL;
    if (is_role && (role = parse_role(ctx, ctx->argv[2])) == SR_PERSONAL)
        return 2;
    /* the school only to find the staff record of --staff */
    bool needs_school = false;
    for (int i = 1; is_add && i < ctx->argc; i++)
        needs_school = needs_school || strncmp(ctx->argv[i], "--staff", 7) == 0;
    struct storage_db *db = NULL;
    struct storage_school school = {0};
    int rc = is_add    ? cli_open(ctx, false, &db, needs_school ? &school : NULL)
             : is_list ? cli_open_read(ctx, &db, NULL)
                       : cli_open(ctx, false, &db, NULL);
    if (rc)
        return rc;
    struct sk_error err = {0};
    if (is_list)
        rc = users_list(ctx, db);
    else if (is_add)
        rc = users_add(ctx, db, school.id);
    else if (is_remove && !storage_users_remove(db, ctx->argv[1], &err))
        rc = cli_fail(ctx, &err);
    else if (is_role && !storage_users_set_role(db, ctx->argv[1], role, &err))
        rc = cli_fail(ctx, &err);
    else if (is_remove)
        printf(_("Removed the user %s.\n"), SK_QUOTE(ctx->argv[1]));
    else if (is_role)
        printf(_("%s has the role “%s” now.\n"), SK_QUOTE(ctx->argv[1]), storage_role_key(role));
    storage_close(db);
    return rc;
}

int
cli_share_file(struct cli_ctx *ctx, struct storage_db *db, const char *group)
{
    struct sk_error err = {0};
    if (!storage_users_share(db, &err) || !storage_share_apply(ctx->db_path, group, &err))
        return cli_fail(ctx, &err);
    printf(_("%s is shared with the group %s: its members may open it once the head has "
             "registered them (“skola users add LOGIN --role ROLE”). You (%s) are its head.\n"),
           SK_QUOTE(ctx->db_path), SK_QUOTE(group), SK_QUOTE(storage_identity(db)->login));
    return 0;
}

int
cli_cmd_share(struct cli_ctx *ctx)
{
    const char *group = NULL;
    for (int i = 0; i < ctx->argc; i++) {
        int r = cli_opt_value(ctx, "share", &i, "--group", &group);
        if (r < 0)
            return 2;
        if (r == 0)
            return cli_usage(ctx, "share", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
    }
    if (!group || !*group)
        return cli_usage(ctx, "share", "%s", _("share needs --group GROUP."));
    struct storage_db *db = NULL;
    int rc = cli_open(ctx, false, &db, NULL);
    if (rc)
        return rc;
    struct sk_error err = {0};
    /* a file shared already: only its head may share it again (which
     * mends the modes); the folder check comes after that refusal */
    if (storage_identity(db)->shared && storage_identity(db)->role != SR_HEAD)
        rc = storage_require_area(db, SAREA_ADMIN, SA_WRITE, &err) ? 0 : cli_fail(ctx, &err);
    else if (!storage_share_check(ctx->db_path, group, false, &err))
        rc = cli_fail(ctx, &err);
    else
        rc = cli_share_file(ctx, db, group);
    storage_close(db);
    return rc;
}
