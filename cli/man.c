/* skola(1): the manual page, written by the program from its own command
 * table, kinds, options and exit codes (`skola --man [--lang lv]`), so the
 * page cannot drift from the program. The build runs it once per language. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of the FILES or ENVIRONMENT section: a name and what it is. */
struct man_item {
    const char *name; /* file name or variable; not translated */
    const char *text; /* N_()-marked sentence */
};

static const struct man_item files[] = {
    {"$XDG_DATA_HOME/skola/skola.db",
     N_("The per-user database (see the order above); ~/.local/share/skola/skola.db when "
        "XDG_DATA_HOME is unset or not an absolute path.")},
    {"$XDG_CONFIG_HOME/skola/skola.conf",
     N_("The per-user settings file; ~/.config/skola/skola.conf when XDG_CONFIG_HOME is unset "
        "or not an absolute path. Lines of the form “db = /full/path/of/the.db”; a line "
        "starting with # is a comment; an unknown setting is warned about and ignored; a "
        "wrong line is named by file and line number and stops skola.")},
    {"$XDG_CONFIG_DIRS/skola/skola.conf, /etc/skola/skola.conf",
     N_("The system-wide settings files, in the same form: skola/skola.conf in each folder of "
        "XDG_CONFIG_DIRS (/etc/xdg when it is unset), then /etc/skola/skola.conf; the first "
        "that names a database counts. /etc is used whatever the prefix skola was installed "
        "under.")},
    {"FILE-wal, FILE-shm, FILE-journal",
     N_("SQLite's journal beside the database FILE while it is open; never delete them by hand.")},
    {"FILE.damaged",
     N_("Written beside the database FILE when skola finds it damaged; while it exists nothing "
        "is written into FILE. “skola backup” rescues what can be read; a clean “skola check” "
        "removes it.")},
    {"$XDG_STATE_HOME/skola/drafts/",
     N_("Unsaved changes kept when skola was ended by a signal, offered again when the record "
        "is opened; ~/.local/state/skola/drafts/ when XDG_STATE_HOME is unset.")},
    {"PREFIX/share/locale/lv/LC_MESSAGES/skola.mo",
     N_("The Latvian messages. skola looks in SKOLA_LOCALEDIR, then in ../share/locale beside "
        "its own program file, then in the locale folder of the build folder, then in the "
        "folder of the prefix it was configured for.")},
    {"FILE.xlsx",
     N_("A spreadsheet: export, summary and report write one when the file name ends in .xlsx "
        "(any case), with typed cells (dates, numbers) and no formulas.")},
    {"DIR/manifest.json",
     N_("The municipality package's manifest: row counts and SHA-256 checksums of its files, "
        "the reference date of the figures and the snapshot date the lists describe (31 August "
        "of a finished school year, or the day it was written).")},
    {"OUT/load.sql, OUT/city.xlsx",
     N_("Written by consolidate beside the city's CSV files: load.sql creates the city tables in "
        "PostgreSQL and loads them (cd OUT && psql -f load.sql); city.xlsx has them as one "
        "spreadsheet.")},
    {"PREFIX/share/skola/*.csv",
     N_("The reference tables skola was built with (device categories, IKVD indicators, "
        "support roles, observation criteria), for reading and as examples of the CSV "
        "format.")},
};

/* Every variable the program reads (tests/cli/man_page.sh checks the list
 * against the sources). */
static const struct man_item environment[] = {
    {"SKOLA_DB", N_("The database file when --db is not given.")},
    {"XDG_DATA_HOME", N_("The folder of the default database (see FILES).")},
    {"XDG_CONFIG_HOME, XDG_CONFIG_DIRS",
     N_("The folders of the per-user and the system-wide settings files (see FILES).")},
    {"XDG_STATE_HOME", N_("The folder of the drafts (see FILES).")},
    {"HOME",
     N_("The home folder: the default database and drafts are under it, and a file name typed "
        "in the interface may start with ~.")},
    {"LC_ALL, LC_MESSAGES, LANG",
     N_("Without --lang, a value starting with “lv” chooses Latvian, any other English (the "
        "first one set counts). skola sets LANGUAGE itself from the language chosen.")},
    {"SKOLA_LOCALEDIR", N_("A folder of message catalogues used instead of the installed one.")},
    {"NO_COLOR", N_("When set, the interface uses no colours.")},
    {"TERM", N_("The terminal type of the interface.")},
    {"TMPDIR",
     N_("The folder of the temporary copy made when an import reads a pipe (default /tmp).")},
    {"USER", N_("The login written to the audit log when the system has no name for the user.")},
    {"SKOLA_NOW, SKOLA_TODAY, SKOLA_BUSY_TIMEOUT, SKOLA_SPOOL_MAX, SKOLA_EXIT_AFTER_DRAW",
     N_("For the tests and the benchmark only: a fixed time and day, a shorter wait for a "
        "locked database, a smaller limit on the temporary copy of an import, and ending the "
        "interface after its first screen.")},
};

/* The roles of a shared file and what each may do (storage/users.c keeps
 * the rule; README "Working together" has the table). */
static const struct man_item roles[] = {
    {"head", N_("Everything: all records, the users, sharing, forget-person, merging a copy (skola "
                "merge).")},
    {"deputy", N_("Changes observations, criteria templates, self-assessment and priorities; reads "
                  "devices, staff, vacancies, trainings and school years; all summaries, the "
                  "report and the package.")},
    {"it", N_("Changes devices; reads staff, vacancies, trainings and school years; the devices' "
              "part of the summary.")},
    {"support", N_("Changes consultations; reads staff, vacancies, trainings and school years; "
                   "the consultations' part of the summary.")},
    {"viewer", N_("No records; all summaries, the report and the municipality package.")},
};

/* The exit statuses, each given by one error code through sk_exit_code so
 * that the numbers are the program's own. */
static const struct {
    enum sk_code code;
    const char *text;
} exits[] = {
    {SK_OK, N_("Success.")},
    {SK_EINVAL,
     N_("Errors in the data: an import with a wrong row (nothing is written), a record that "
        "is not there, a change that conflicts with someone else's, or problems that “check” "
        "found.")},
    {SK_EUSAGE, N_("The command line is wrong.")},
    {SK_EIO,
     N_("A file or database error: a file that cannot be read or written, a damaged or locked "
        "database.")},
};

/* C_() without a translation hands back "context\004msgid": the msgid. */
static const char *
untag(const char *text)
{
    const char *eot = strchr(text, '\004');
    return eot ? eot + 1 : text;
}

/* Writes text as roff: backslashes and hyphens escaped, characters beyond
 * ASCII as \[uXXXX] (so no input encoding is assumed), and a leading dot or
 * quote made harmless. `in_arg`: inside a quoted macro argument. */
static void
put_text(FILE *out, const char *text, bool in_arg)
{
    bool at_start = !in_arg;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        unsigned cp = *p;
        int len = 1;
        if (cp >= 0xF0 && p[1] && p[2] && p[3]) {
            cp = (cp & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
            len = 4;
        } else if (cp >= 0xE0 && p[1] && p[2]) {
            cp = (cp & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
            len = 3;
        } else if (cp >= 0xC0 && p[1]) {
            cp = (cp & 0x1Fu) << 6 | (p[1] & 0x3Fu);
            len = 2;
        }
        if (at_start && (cp == '.' || cp == '\''))
            fputs("\\&", out);
        at_start = false;
        if (cp == '\\')
            fputs("\\e", out);
        else if (cp == '-')
            fputs("\\-", out);
        else if (cp == '"' && in_arg)
            fputs("\\(dq", out);
        else if (cp == '\n') {
            fputc('\n', out);
            at_start = !in_arg;
        } else if (cp >= 0x80)
            fprintf(out, "\\[u%04X]", cp);
        else
            fputc((int)cp, out);
        p += len;
    }
}

/* A section heading. */
static void
put_section(FILE *out, const char *title)
{
    fputs(".SH \"", out);
    put_text(out, title, true);
    fputs("\"\n", out);
}

/* A paragraph of running text on its own line. */
static void
put_para(FILE *out, const char *text)
{
    put_text(out, text, false);
    fputc('\n', out);
}

/* A tagged paragraph: the tag in bold, then the text. */
static void
put_item(FILE *out, const char *tag, const char *rest, const char *text)
{
    fputs(".TP\n\\fB", out);
    put_text(out, tag, false);
    fputs("\\fR", out);
    if (rest && *rest) {
        fputc(' ', out);
        put_text(out, rest, true); /* not at a line start: no \& needed */
    }
    fputc('\n', out);
    put_para(out, text);
}

void
cli_man_write(FILE *out, const struct cli_command *commands, size_t n_commands)
{
    bool lv = forms_lang_is_lv();
    fputs(".\\\" skola(1), written by \"skola --man\" from the program's own tables.\n", out);
    fputs(".TH SKOLA 1 \"\" \"skola " SKOLA_VERSION "\" \"", out);
    put_text(out, untag(C_("man page", "User Commands")), true);
    fputs("\"\n", out);
    /* ragged right and no hyphens: the usage lines and paths stay whole */
    fputs(".ad l\n.nh\n", out);

    put_section(out, untag(C_("man page section", "NAME")));
    fputs("skola \\- ", out);
    put_para(out, _("school records for Latvian school administrators"));

    put_section(out, untag(C_("man page section", "SYNOPSIS")));
    fputs(".B skola\n[\\fB\\-\\-db\\fR \\fIFILE\\fR] [\\fB\\-\\-lang\\fR lv|en] "
          "[\\fB\\-\\-school\\fR \\fICODE\\fR]\n.br\n"
          ".B skola\n\\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]\n.br\n"
          ".B skola\n\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR\n",
          out);

    put_section(out, untag(C_("man page section", "DESCRIPTION")));
    put_para(out, _("skola keeps a school's records (staff, devices, observations, consultations, "
                    "vacancies, trainings and more) in one SQLite file and makes the yearly "
                    "self-evaluation tables and the municipality's package from them."));
    fputs(".PP\n", out);
    put_para(out, _("Without a command it opens the interactive interface in the terminal. The "
                    "commands below do the same work from scripts; the global options may stand "
                    "anywhere on the command line."));
    fputs(".PP\n", out);
    put_para(out, _("In the interface, p prints observation sheets to an HTML file (the marked "
                    "ones, the selected one or the open sheet) and t shows one teacher's "
                    "observations across years (from the staff list, the observation list or a "
                    "sheet)."));

    put_section(out, untag(C_("man page section", "COMMANDS")));
    for (size_t i = 0; i < n_commands; i++) {
        char *tag = sk_xasprintf("skola %s", commands[i].name);
        put_item(out, tag, commands[i].usage, _(commands[i].help));
        free(tag);
    }

    put_section(out, untag(C_("man page section", "ROLES")));
    put_para(out, _("A file shared with an OS group (“init --group”, “share”) lists its users; "
                    "each login has one role, which decides what skola shows it and lets it "
                    "change (the command line and the interface alike). A login that is not "
                    "listed is refused. A personal file has no users: everything is allowed."));
    for (size_t i = 0; i < SK_ARRAY_LEN(roles); i++)
        put_item(out, roles[i].name, NULL, _(roles[i].text));

    put_section(out, untag(C_("man page section", "KINDS")));
    put_para(out, _("KIND names the records a command works on:"));
    for (size_t i = 0; i < forms_n_kinds; i++) {
        const struct forms_kind *k = forms_kinds[i];
        put_item(out, k->key, NULL, lv ? k->label_lv : k->label_en);
    }

    put_section(out, untag(C_("man page section", "OPTIONS")));
    put_item(out, "--db", "FILE",
             _("database file (default: $SKOLA_DB, a skola.conf or $XDG_DATA_HOME/skola/skola.db; "
               "see FILES in skola(1))"));
    put_item(out, "--lang", "lv|en", _("language of messages and screens"));
    put_item(out, "--school", "CODE", _("the school to work on, when the file holds several"));
    put_item(out, "--help, -h", NULL, _("Print the commands and options, then exit."));
    put_item(out, "--version", NULL,
             _("Print the version of skola and of the libraries it uses (SQLite, ncurses, "
               "libcsv, utf8proc, Nettle), then exit."));

    put_section(out, untag(C_("man page section", "FILES")));
    put_para(out, _("Without --db, the database file is the first of: SKOLA_DB; the database "
                    "named in the per-user skola.conf; the per-user database, if it exists; the "
                    "database named in a system-wide skola.conf; the per-user database (created "
                    "by “skola init”)."));
    for (size_t i = 0; i < SK_ARRAY_LEN(files); i++)
        put_item(out, files[i].name, NULL, _(files[i].text));

    put_section(out, untag(C_("man page section", "ENVIRONMENT")));
    for (size_t i = 0; i < SK_ARRAY_LEN(environment); i++)
        put_item(out, environment[i].name, NULL, _(environment[i].text));

    put_section(out, untag(C_("man page section", "EXIT STATUS")));
    for (size_t i = 0; i < SK_ARRAY_LEN(exits); i++) {
        char tag[16];
        snprintf(tag, sizeof tag, "%d", sk_exit_code(exits[i].code));
        put_item(out, tag, NULL, _(exits[i].text));
    }
    put_item(out, "128+N", NULL,
             _("The interface was ended by signal N (SIGTERM, SIGHUP or SIGQUIT); changes "
               "not yet saved were kept as drafts (see FILES)."));

    put_section(out, untag(C_("man page section", "SEE ALSO")));
    fputs(".BR sqlite3 (1)\n", out);
}
