/* skola init | demo | check | backup */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
cli_cmd_init(struct cli_ctx *ctx)
{
    const char *code = NULL, *name = NULL, *municipality = NULL, *group = NULL;
    for (int i = 0; i < ctx->argc; i++) {
        int r;
        if ((r = cli_opt_value(ctx, "init", &i, "--group", &group)) != 0 ||
            (r = cli_opt_value(ctx, "init", &i, "--school-code", &code)) != 0 ||
            (r = cli_opt_value(ctx, "init", &i, "--school-name", &name)) != 0 ||
            (r = cli_opt_value(ctx, "init", &i, "--municipality", &municipality)) != 0) {
            if (r < 0)
                return 2;
            continue;
        }
        return cli_usage(ctx, "init", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
    }
    if (!code || !*code || !name || !*name)
        return cli_usage(ctx, "init", "%s", _("init needs --school-code and --school-name."));
    struct sk_error err = {0};
    if (group && !storage_share_check(ctx->db_path, group, true, &err))
        return cli_fail(ctx, &err);
    struct storage_db *db = NULL;
    int rc = cli_open(ctx, true, &db, NULL);
    if (rc)
        return rc;
    int64_t id = 0;
    if (!storage_school_create(db, code, name, municipality, &id, &err)) {
        storage_close(db);
        return cli_fail(ctx, &err);
    }
    char *shown_code = forms_trim_dup(code), *shown_name = forms_trim_dup(name);
    printf(_("Created school %s “%s” in %s.\n"), SK_QUOTE(shown_code), SK_QUOTE(shown_name),
           SK_QUOTE(ctx->db_path));
    free(shown_code);
    free(shown_name);
    rc = group ? cli_share_file(ctx, db, group) : 0;
    storage_close(db);
    return rc;
}

int
cli_cmd_demo(struct cli_ctx *ctx)
{
    long scale = 1;
    bool if_new = false;
    for (int i = 0; i < ctx->argc; i++) {
        const char *v = NULL;
        int r = cli_opt_value(ctx, "demo", &i, "--scale", &v);
        if (r < 0)
            return 2;
        if (r > 0) {
            if (!cli_parse_int(ctx, "demo", "--scale", v, 1, 10000, &scale))
                return 2;
            continue;
        }
        if (strcmp(ctx->argv[i], "--if-new") == 0) {
            if_new = true;
            continue;
        }
        return cli_usage(ctx, "demo", _("unexpected argument “%s”."), SK_QUOTE(ctx->argv[i]));
    }
    if (if_new && storage_exists(ctx->db_path))
        return 0;
    struct storage_db *db = NULL;
    int rc = cli_open(ctx, true, &db, NULL);
    if (rc)
        return rc;
    struct sk_error err = {0};
    struct storage_school *schools = NULL;
    size_t n = 0;
    if (!storage_school_list(db, &schools, &n, &err)) {
        storage_close(db);
        return cli_fail(ctx, &err);
    }
    free(schools);
    if (n > 0) {
        storage_close(db);
        fprintf(stderr,
                _("skola: %s already holds data; the demo needs a new database "
                  "(use --db with a new file name).\n"),
                SK_QUOTE(ctx->db_path));
        return 1;
    }
    int64_t school_id = 0;
    if (!core_demo(db, (int)scale, &school_id, &err)) {
        storage_close(db);
        return cli_fail(ctx, &err);
    }
    storage_close(db);
    printf(_("Created the demo database %s.\n"), SK_QUOTE(ctx->db_path));
    return 0;
}

/* The progress line of a long check: on a terminal one line redrawn twice
 * a second once the check takes over a second; elsewhere (logs) a line
 * every 10 seconds. */
struct check_line {
    struct timespec start, last;
    bool is_tty, shown;
};

static double
seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
show_check_progress(void *arg, int percent)
{
    struct check_line *c = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double every = c->is_tty ? 0.5 : 10.0;
    if (seconds_between(&c->start, &now) < (c->is_tty ? 1.0 : 10.0) ||
        (c->shown && seconds_between(&c->last, &now) < every))
        return;
    c->last = now;
    c->shown = true;
    fprintf(stderr, _("skola: checked about %d %%…"), percent);
    fputs(c->is_tty ? "\r" : "\n", stderr);
    fflush(stderr);
}

/* A problem line of the check, after any progress line on the terminal. */
static void
print_check_problem(void *arg, const char *line)
{
    struct check_line *c = arg;
    if (c->is_tty && c->shown)
        fputs("\033[K", stderr); /* the progress line is overwritten */
    cli_print_safe(stderr, line);
    fputc('\n', stderr);
}

int
cli_cmd_check(struct cli_ctx *ctx)
{
    bool repair = ctx->argc >= 1 && strcmp(ctx->argv[0], "--repair") == 0;
    if (ctx->argc > (repair ? 1 : 0))
        return cli_usage(ctx, "check", _("unexpected argument “%s”."),
                         SK_QUOTE(ctx->argv[repair ? 1 : 0]));
    struct storage_db *db = NULL;
    int rc = cli_open_unchecked(ctx, repair, &db);
    if (rc)
        return rc;
    struct sk_error err = {0};
    struct check_line line = {.is_tty = isatty(STDERR_FILENO) != 0};
    clock_gettime(CLOCK_MONOTONIC, &line.start);
    bool ok = storage_check_progress(db, print_check_problem, show_check_progress, &line, &err);
    if (line.shown && line.is_tty)
        fputs("\033[K", stderr);
    bool is_damaged = storage_found_damage(db);
    /* only a sound file gets its sort keys checked (and repaired) */
    int keys_rc = ok ? cli_check_sort_keys(ctx, db, repair) : 0;
    storage_close(db);
    if (keys_rc)
        return keys_rc;
    if (!ok) {
        rc = cli_fail(ctx, &err);
        if (err.code == SK_EDB && is_damaged) /* problems found: say what to do */
            fprintf(stderr,
                    _("skola: %s is damaged; make a backup with “skola backup FILE” "
                      "(it rescues what can still be read) and ask for help.\n"),
                    SK_QUOTE(ctx->db_path));
        else if (err.code == SK_EDB) /* readable, but its schema or references are off */
            fprintf(stderr,
                    _("skola: %s is readable, but not as this skola expects it (see above); "
                      "keep a copy made with “skola backup FILE” and ask for help.\n"),
                    SK_QUOTE(ctx->db_path));
        return rc;
    }
    printf(_("%s: no problems found.\n"), SK_QUOTE(ctx->db_path));
    return 0;
}

int
cli_cmd_backup(struct cli_ctx *ctx)
{
    if (ctx->argc != 1)
        return cli_usage(ctx, "backup", "%s", _("backup needs exactly one FILE."));
    if (!storage_exists(ctx->db_path))
        return cli_open(ctx, false, NULL, NULL); /* says there is none */
    struct sk_error err = {0};
    if (!storage_db_reachable(ctx->db_path, &err))
        return cli_fail(ctx, &err);
    /* read-only: a backup to another disk works when this one is full */
    struct storage_db *db = storage_open(ctx->db_path, SO_READ, &err);
    if (db && cli_missing_uids(db, NULL) > 0) {
        /* the copy's merge base names records by uid: '' would name none */
        storage_close(db);
        cli_fill_uids(ctx);
        db = storage_open(ctx->db_path, SO_READ, &err);
    }
    if (!db && err.code == SK_EDB)
        return cli_backup_rescue(ctx, &err);
    if (!db)
        return cli_fail(ctx, &err);
    bool ok = storage_backup(db, ctx->argv[0], &err);
    /* the copy was found damaged (it is not kept): rescue instead */
    bool is_damaged = !ok && storage_found_damage(db);
    bool shared = storage_identity(db)->shared;
    storage_close(db);
    if (is_damaged)
        return cli_backup_rescue(ctx, &err);
    if (!ok)
        return cli_fail(ctx, &err);
    printf(_("Backup written to %s.\n"), SK_QUOTE(ctx->argv[0]));
    /* the copy keeps the users table: on a laptop only the same logins open it */
    if (shared)
        printf("%s\n", _("The copy keeps this file's users: elsewhere, work in it under the "
                         "same login name as here."));
    return 0;
}
