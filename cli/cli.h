/* cli.h — shared by the files of cli/: the parsed command line and the
 * subcommand handlers. Only cli/ prints to stdout/stderr and exits. */
#ifndef SKOLA_CLI_H
#define SKOLA_CLI_H

#include "core/core.h"

/* Options that every subcommand understands. */
struct cli_ctx {
    const char *db_path;     /* --db, $SKOLA_DB or the default; owned by main */
    char *db_origin;         /* "FILE:LINE" of the skola.conf naming db_path, or NULL */
    const char *school_code; /* --school, or NULL */
    const char *prog;        /* argv[0] for messages */
    const char *lang;        /* --lang as given ("lv", "en"), or NULL */
    int argc;                /* the subcommand's own arguments (after its name) */
    char **argv;
};

/* One subcommand: name, handler, usage line and one help sentence. The
 * handler returns the exit status (0 ok, 1 data, 2 usage, 3 I/O/DB). */
struct cli_command {
    const char *name;
    int (*run)(struct cli_ctx *ctx);
    const char *usage; /* arguments after the name */
    const char *help;  /* N_()-marked sentence */
};

/* Chooses the database when --db did not (cli/config.c): SKOLA_DB, the
 * per-user skola.conf, an existing per-user database, the system-wide
 * skola.conf files, the per-user default path. Sets ctx->db_path (and
 * db_origin when a settings file named it; *owned is what to free with
 * cli_db_release). Returns 0, or 2 after printing a bad settings line. */
int cli_db_resolve(struct cli_ctx *ctx, char **owned);
void cli_db_release(struct cli_ctx *ctx, char *owned);
/* Writes text to out with control characters, invisible characters and
 * bytes that are not UTF-8 shown as escapes (sk_buf_add_safe): the last
 * safety net for messages that reach a terminal. Not for CSV or HTML data. */
void cli_print_safe(FILE *out, const char *text);
/* Prints "skola: message" to stderr and returns the exit code for err. */
int cli_fail(const struct cli_ctx *ctx, const struct sk_error *err);
/* Prints a usage error for the command and returns 2. */
int cli_usage(const struct cli_ctx *ctx, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Opens the database (create: with SO_CREATE) and selects the school given by
 * --school (or the only one). Returns 0 or an exit code after printing. */
int cli_open(struct cli_ctx *ctx, bool create, struct storage_db **db,
             struct storage_school *school);
/* As cli_open, for commands that only read (summary, export, report,
 * check, backup): the file is opened read-only (SO_READ), so they work on a
 * full disk, a read-only mount or a file the user may only read. */
int cli_open_read(struct cli_ctx *ctx, struct storage_db **db, struct storage_school *school);
/* As cli_open with storage_open flags. */
int cli_open_flags(struct cli_ctx *ctx, unsigned flags, struct storage_db **db,
                   struct storage_school *school);
/* Parses an integer option value; prints a usage error and returns false. */
bool cli_parse_int(const struct cli_ctx *ctx, const char *cmd, const char *opt, const char *text,
                   long min, long max, long *out);

/* Matches argv[*i] against option `name` given as "--name VALUE" or
 * "--name=VALUE"; advances *i past the value. Returns 1 matched (value in
 * *val), 0 not this option, -1 value missing (usage error printed). */
int cli_opt_value(const struct cli_ctx *ctx, const char *cmd, int *i, const char *name,
                  const char **val);
/* Matches argv[*i] against --year Y (a school year, 2000 to 2100) into
 * *year. Returns 1 matched, 0 not this option, -1 usage error printed. */
int cli_opt_year(const struct cli_ctx *ctx, const char *cmd, int *i, long *year);

int cli_cmd_init(struct cli_ctx *ctx);
int cli_cmd_demo(struct cli_ctx *ctx);
int cli_cmd_import(struct cli_ctx *ctx);
int cli_cmd_export(struct cli_ctx *ctx);
int cli_cmd_check(struct cli_ctx *ctx);
/* check's sort-key part (cli/check_sortkeys.c): names the kinds with outdated
 * sort keys (returns 1), or with `repair` first recomputes them. */
/* uids.c: rows of kind (any kind: NULL) without a uid; an open for
 * writing that gives them theirs (best effort). */
int64_t cli_missing_uids(struct storage_db *db, const struct forms_kind *kind);
void cli_fill_uids(struct cli_ctx *ctx);
int cli_check_sort_keys(struct cli_ctx *ctx, struct storage_db *db, bool repair);
int cli_cmd_summary(struct cli_ctx *ctx);
int cli_cmd_backup(struct cli_ctx *ctx);
int cli_cmd_merge(struct cli_ctx *ctx);
int cli_cmd_report(struct cli_ctx *ctx);
int cli_cmd_labels(struct cli_ctx *ctx);
int cli_cmd_export_municipality(struct cli_ctx *ctx);
int cli_cmd_consolidate(struct cli_ctx *ctx);
int cli_cmd_forget_person(struct cli_ctx *ctx);
int cli_cmd_templates(struct cli_ctx *ctx);
int cli_cmd_print(struct cli_ctx *ctx);
int cli_cmd_users(struct cli_ctx *ctx);
int cli_cmd_share(struct cli_ctx *ctx);
/* Makes the open file db (at ctx->db_path) shared with group: the runner
 * becomes head, then the file and its folder get the group's modes
 * (storage_share_check first). Prints what it did; returns the exit code. */
int cli_share_file(struct cli_ctx *ctx, struct storage_db *db, const char *group);
int cli_cmd_history(struct cli_ctx *ctx);
/* Opens the database without the quick check at open (for `check`, which
 * lists the problems itself). Returns 0 or an exit code after printing. */
int cli_open_unchecked(struct cli_ctx *ctx, bool for_writing, struct storage_db **db);
/* `backup` of a file that does not open (`why`): rescues what can be read
 * into ctx->argv[0]. Returns the exit code. */
int cli_backup_rescue(struct cli_ctx *ctx, const struct sk_error *why);

/* The folder of the message catalogues (owned): $SKOLA_LOCALEDIR when set,
 * else ../share/locale beside the running program (installed), else the
 * locale folder beside it (the build folder), each only when it holds the
 * Latvian catalogue; else the configured prefix's locale folder. */
char *cli_locale_dir(void);
/* Writes the manual page skola(1) as roff, in the language of the messages,
 * from the command table and the kinds (cli/man.c). */
void cli_man_write(FILE *out, const struct cli_command *commands, size_t n_commands);

#endif
