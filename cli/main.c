/* skola — entry point: locale, global options, subcommand table, TUI. */
#include "cli/cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

/* The subcommands, in the order --help lists them. */
static const struct cli_command commands[] = {
    {"init", cli_cmd_init,
     "--school-code CODE --school-name NAME [--municipality M] [--group GROUP]",
     N_("Create the database and register the school; with --group a file shared with the "
        "OS group GROUP, you its head.")},
    {"demo", cli_cmd_demo, "[--scale N] [--if-new]",
     N_("Fill a new database with a realistic demo school.")},
    {"import", cli_cmd_import,
     "KIND FILE [--dry-run] [--mode insert|upsert] [--encoding "
     "auto|utf-8|cp1257|utf-16le|utf-16be] "
     "[--create-references] [--allow-duplicates] [--multiline-ok] [--strict]",
     N_("Import a CSV file; nothing is written if any row has an error.")},
    {"export", cli_cmd_export, "KIND [FILE|FILE.xlsx|-] [--year Y] [--profile rfc4180|excel]",
     N_("Export records as CSV (to standard output by default), or as a spreadsheet when FILE "
        "ends in .xlsx.")},
    {"summary", cli_cmd_summary, "[--year Y] [--format text|csv|xlsx] [-o FILE]",
     N_("Print the school's summary figures for a school year (xlsx: a spreadsheet, needs -o "
        "FILE).")},
    {"report", cli_cmd_report, "--year Y [--format html|xlsx] [-o FILE]",
     N_("Write the yearly self-evaluation tables as one HTML file, or a spreadsheet with one "
        "sheet per table (Latvian unless --lang en).")},
    {"print", cli_cmd_print, "observations [--year Y] [--teacher NAME] [--uid UID]... [-o FILE]",
     N_("Write observation sheets as one HTML file to print, one A4 page each (Latvian unless "
        "--lang en); with --teacher and no --year, the teacher's record first; --uid (repeatable) "
        "prints exactly the sheets with those ids. Drafts are marked as drafts.")},
    {"labels", cli_cmd_labels, "[--filter TEXT] -o FILE.html",
     N_("Write an A4 sheet of 3 × 8 device labels with QR codes (devices not written off).")},
    {"export-municipality", cli_cmd_export_municipality, "[DIR] --year Y",
     N_("Write the school's yearly package for the municipality into folder DIR (default "
        "skola-package-CODE-YEAR).")},
    {"consolidate", cli_cmd_consolidate, "OUT DIR...",
     N_("Merge the packages of many schools into city-wide tables in folder OUT.")},
    {"templates", cli_cmd_templates,
     "[list | import FILE --code CODE [--name NAME] [--title TEXT] [--methodology TEXT] "
     "[--dry-run] [--multiline-ok] | use CODE]",
     N_("List the observation criteria templates, add one from CSV, or choose the one new "
        "sheets use.")},
    {"history", cli_cmd_history, "KIND KEY",
     N_("Print a record's history, newest first; KEY is its natural key (parts joined by "
        "“/”), #N, its record number, or its uid; a deleted record's too.")},
    {"check", cli_cmd_check, "[--repair]",
     N_("Check the database file for damage; --repair refreshes outdated sort keys and search "
        "texts.")},
    {"backup", cli_cmd_backup, "FILE", N_("Write a consistent copy of the database to FILE.")},
    {"forget-person", cli_cmd_forget_person, "NAME [--dry-run]",
     N_("Replace a person's name by a pseudonym everywhere, the audit log included.")},
    {"share", cli_cmd_share, "--group GROUP",
     N_("Share this personal file with the OS group GROUP: file 0660, folder 2770, you its "
        "head.")},
    {"users", cli_cmd_users,
     "[list | add LOGIN --role ROLE [--staff \"FULL NAME\"] | remove LOGIN | role LOGIN ROLE]",
     N_("List the users of a shared file, or (head only) add one, remove one or change a "
        "role; ROLE: head, deputy, it, support or viewer.")},
    {"merge", cli_cmd_merge, "FILE [--dry-run] [--prefer this|other]",
     N_("Bring in the records of a copy made with “skola backup” and used elsewhere; a record "
        "changed in both files is a conflict that --prefer decides.")},
};

static void
print_help(FILE *out)
{
    fprintf(out, "%s\n\n", _("skola — school records for Latvian school administrators"));
    fprintf(out, "%s\n", _("Usage:"));
    fprintf(out, "  skola [--db FILE] [--lang lv|en] [--school CODE]\n");
    fprintf(out, "      %s\n", _("Open the interactive interface."));
    for (size_t i = 0; i < SK_ARRAY_LEN(commands); i++) {
        fprintf(out, "  skola %s%s%s\n", commands[i].name, *commands[i].usage ? " " : "",
                commands[i].usage);
        fprintf(out, "      %s\n", _(commands[i].help));
    }
    fprintf(out, "\n%s\n", _("KIND:"));
    fprintf(out, " ");
    for (size_t i = 0; i < forms_n_kinds; i++)
        fprintf(out, " %s", forms_kinds[i]->key);
    fprintf(out, "\n\n%s\n", _("Options:"));
    fprintf(out, "  --db FILE      %s\n",
            _("database file (default: $SKOLA_DB, a skola.conf or $XDG_DATA_HOME/skola/skola.db; "
              "see FILES in skola(1))"));
    fprintf(out, "  --lang lv|en   %s\n", _("language of messages and screens"));
    fprintf(out, "  --school CODE  %s\n", _("the school to work on, when the file holds several"));
    fprintf(out, "\n%s\n",
            _("Exit status: 0 ok, 1 data errors, 2 usage, 3 file or database error."));
}

void
cli_print_safe(FILE *out, const char *text)
{
    struct sk_buf b = {0};
    sk_buf_add_safe(&b, text);
    fputs(b.s, out);
    sk_buf_free(&b);
}

int
cli_fail(const struct cli_ctx *ctx, const struct sk_error *err)
{
    (void)ctx;
    fputs("skola: ", stderr);
    cli_print_safe(stderr, err->msg);
    fputc('\n', stderr);
    return sk_exit_code(err->code);
}

int
cli_usage(const struct cli_ctx *ctx, const char *cmd, const char *fmt, ...)
{
    (void)ctx;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = sk_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    if (n < 0 || vsnprintf(msg, (size_t)n + 1, fmt, ap) < 0)
        msg[0] = '\0';
    va_end(ap);
    fputs("skola: ", stderr);
    cli_print_safe(stderr, msg);
    fputc('\n', stderr);
    free(msg);
    for (size_t i = 0; i < SK_ARRAY_LEN(commands); i++)
        if (cmd && strcmp(commands[i].name, cmd) == 0)
            fprintf(stderr, "%s skola %s %s\n", _("Usage:"), cmd, commands[i].usage);
    fprintf(stderr, "%s\n", _("Try “skola --help” for more information."));
    return 2;
}

int
cli_opt_value(const struct cli_ctx *ctx, const char *cmd, int *i, const char *name,
              const char **val)
{
    const char *a = ctx->argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= ctx->argc) {
        cli_usage(ctx, cmd, _("%s needs a value."), name);
        return -1;
    }
    *val = ctx->argv[++*i];
    return 1;
}

bool
cli_parse_int(const struct cli_ctx *ctx, const char *cmd, const char *opt, const char *text,
              long min, long max, long *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < min || v > max) {
        cli_usage(ctx, cmd, _("%s needs a whole number from %ld to %ld, not “%s”."), opt, min, max,
                  SK_QUOTE(text));
        return false;
    }
    *out = v;
    return true;
}

int
cli_opt_year(const struct cli_ctx *ctx, const char *cmd, int *i, long *year)
{
    const char *v = NULL;
    int r = cli_opt_value(ctx, cmd, i, "--year", &v);
    if (r < 0 || (r > 0 && !cli_parse_int(ctx, cmd, "--year", v, 2000, 2100, year)))
        return -1;
    return r;
}

int
cli_open(struct cli_ctx *ctx, bool create, struct storage_db **db, struct storage_school *school)
{
    return cli_open_flags(ctx, create ? SO_CREATE : 0, db, school);
}

int
cli_open_read(struct cli_ctx *ctx, struct storage_db **db, struct storage_school *school)
{
    return cli_open_flags(ctx, SO_READ, db, school);
}

int
cli_open_flags(struct cli_ctx *ctx, unsigned flags, struct storage_db **db,
               struct storage_school *school)
{
    bool create = (flags & SO_CREATE) != 0;
    struct sk_error err = {0};
    if (!storage_db_path_check(ctx->db_path, &err))
        return cli_fail(ctx, &err);
    if (!storage_db_reachable(ctx->db_path, &err))
        return cli_fail(ctx, &err);
    if (!create && !storage_exists(ctx->db_path)) {
        fprintf(stderr, _("skola: there is no database at %s.\n"), SK_QUOTE(ctx->db_path));
        if (ctx->db_origin)
            fprintf(stderr, _("skola: (the file is named in %s.)\n"), SK_QUOTE(ctx->db_origin));
        fprintf(stderr, "%s\n",
                _("Create one with “skola init --school-code CODE --school-name NAME” "
                  "or try “skola demo”."));
        return 3;
    }
    *db = storage_open(ctx->db_path, flags, &err);
    if (!*db)
        return cli_fail(ctx, &err);
    if (school && !storage_school_get(*db, ctx->school_code, school, &err)) {
        int rc = cli_fail(ctx, &err);
        if (err.code == SK_EUSAGE || err.code == SK_ENOTFOUND) {
            /* name the schools there are, so the user can pick one */
            struct storage_school *all = NULL;
            size_t n = 0;
            struct sk_error e2 = {0};
            if (storage_school_list(*db, &all, &n, &e2) && n > 0) {
                fprintf(stderr, "%s", _("Schools in this file:"));
                for (size_t i = 0; i < n; i++)
                    fprintf(stderr, "%s %s (%s)", i ? "," : "", SK_QUOTE(all[i].code),
                            SK_QUOTE(all[i].name));
                fprintf(stderr, "\n%s\n", _("Choose one with --school CODE."));
                rc = 2;
            }
            free(all);
        }
        storage_close(*db);
        *db = NULL;
        return rc;
    }
    return 0;
}

/* Chooses the language: --lang wins, then the usual locale variables; a
 * Latvian locale that is not installed still gives Latvian messages. */
static void
setup_language(const char *lang)
{
    if (!setlocale(LC_ALL, "") || !strstr(setlocale(LC_CTYPE, NULL), "UTF-8"))
        if (!setlocale(LC_ALL, "C.UTF-8"))
            setlocale(LC_ALL, "C.utf8");
    /* Files (CSV, summary, package) always use '.'; the Latvian decimal comma
     * on screen comes from forms/, not from the C library's locale. */
    setlocale(LC_NUMERIC, "C");
    if (!lang) {
        const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        for (size_t i = 0; i < SK_ARRAY_LEN(vars) && !lang; i++) {
            const char *v = getenv(vars[i]);
            if (v && *v)
                lang = strncmp(v, "lv", 2) == 0 ? "lv" : "en";
        }
    }
    /* LANGUAGE is gettext's own override; messages follow it even in C.UTF-8. */
    setenv("LANGUAGE", lang && strcmp(lang, "lv") == 0 ? "lv" : "en", 1);
    char *dir = cli_locale_dir();
    bindtextdomain(SK_DOMAIN, dir);
    free(dir);
    bind_textdomain_codeset(SK_DOMAIN, "UTF-8");
    textdomain(SK_DOMAIN);
}

static int
run_tui(struct cli_ctx *ctx)
{
    struct storage_db *db = NULL;
    struct storage_school school;
    int rc = cli_open(ctx, false, &db, &school);
    if (rc)
        return rc;
    struct tui_options opts = {.db = db,
                               .db_path = ctx->db_path,
                               .school_id = school.id,
                               .year = sk_date_school_year(sk_date_today())};
    struct sk_error err = {0};
    int chosen = 0; /* the year chosen in the settings screen, if any */
    if (storage_current_year(db, school.id, &chosen, &err) && chosen)
        opts.year = chosen;
    sk_error_clear(&err);
    rc = tui_run(&opts, &err);
    if (rc)
        cli_fail(ctx, &err);
    storage_close(db);
    return rc;
}

/* Takes a global option at argv[*i] (also in the subcommand's arguments, so
 * `skola import devices x.csv --db f` works). Returns 1 taken, 0 not a global
 * option, -1 usage error printed. */
static int
take_global(struct cli_ctx *ctx, int argc, char **argv, int *i, const char **lang)
{
    static const char *const names[] = {"--db", "--lang", "--school"};
    for (size_t k = 0; k < SK_ARRAY_LEN(names); k++) {
        size_t n = strlen(names[k]);
        const char *a = argv[*i];
        const char *val = NULL;
        if (strcmp(a, names[k]) == 0) {
            if (*i + 1 >= argc) {
                cli_usage(ctx, NULL, _("%s needs a value."), names[k]);
                return -1;
            }
            val = argv[++*i];
        } else if (strncmp(a, names[k], n) == 0 && a[n] == '=') {
            val = a + n + 1;
        } else {
            continue;
        }
        if (k == 0) {
            ctx->db_path = val;
        } else if (k == 1) {
            if (strcmp(val, "lv") != 0 && strcmp(val, "en") != 0) {
                cli_usage(ctx, NULL, _("--lang takes lv or en, not “%s”."), SK_QUOTE(val));
                return -1;
            }
            *lang = val;
        } else {
            ctx->school_code = val;
        }
        return 1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    struct cli_ctx ctx = {.prog = argv[0]};
    const char *lang = NULL;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest)
        return 3;
    int n_rest = 0;
    bool help = false, version = false, man = false;
    /* First pass: language, so that usage errors are already translated. */
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[i + 1];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            lang = argv[i] + 7;
    setup_language(lang && (strcmp(lang, "lv") == 0 || strcmp(lang, "en") == 0) ? lang : NULL);
    /* the fields code reads by key exist (forms/keys.c); a broken build stops here */
    struct sk_error keys_err = {0};
    if (!forms_keys_check(&keys_err)) {
        fprintf(stderr, "%s: %s\n", argv[0], keys_err.msg);
        free(rest);
        return 3;
    }

    bool after_dashdash = false;
    for (int i = 1; i < argc; i++) {
        if (!after_dashdash && strcmp(argv[i], "--") == 0) {
            after_dashdash = true;
            continue;
        }
        if (!after_dashdash) {
            int t = take_global(&ctx, argc, argv, &i, &lang);
            if (t < 0) {
                free(rest);
                return 2;
            }
            if (t > 0)
                continue;
            if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                help = true;
                continue;
            }
            if (strcmp(argv[i], "--version") == 0) {
                version = true;
                continue;
            }
            /* not in --help: the build writes the manual page with it */
            if (strcmp(argv[i], "--man") == 0) {
                man = true;
                continue;
            }
        }
        rest[n_rest++] = argv[i];
    }
    if (help || (n_rest > 0 && strcmp(rest[0], "help") == 0)) {
        print_help(stdout);
        free(rest);
        return 0;
    }
    if (version) {
        /* the libraries loaded at run time, asked of the modules that use them */
        printf("skola %s\nSQLite %s, %s, %s\n", SKOLA_VERSION, storage_sqlite_version(),
               tui_curses_version(), core_libraries_version());
        free(rest);
        return 0;
    }
    if (man) {
        cli_man_write(stdout, commands, SK_ARRAY_LEN(commands));
        free(rest);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 3;
    }
    char *default_path = NULL;
    if (cli_db_resolve(&ctx, &default_path) != 0) {
        free(rest);
        return 2;
    }

    int rc;
    if (n_rest == 0) {
        rc = run_tui(&ctx);
    } else {
        const struct cli_command *cmd = NULL;
        for (size_t i = 0; i < SK_ARRAY_LEN(commands); i++)
            if (strcmp(commands[i].name, rest[0]) == 0)
                cmd = &commands[i];
        if (!cmd) {
            rc = cli_usage(&ctx, NULL, _("unknown command “%s”."), SK_QUOTE(rest[0]));
        } else {
            ctx.lang = lang;
            ctx.argc = n_rest - 1;
            ctx.argv = rest + 1;
            rc = cmd->run(&ctx);
        }
    }
    cli_db_release(&ctx, default_path);
    free(rest);
    return rc;
}
