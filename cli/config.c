/* Which database file skola opens when --db is not given: SKOLA_DB, the
 * per-user skola.conf, an existing per-user database, the system-wide
 * skola.conf files, then the per-user default path (README "Which file"). */
#include "cli/cli.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The system-wide file is /etc/skola/skola.conf whatever the install prefix
 * (as Debian packages have it), so that the path the README names is the one
 * read; a build may choose another with -DSKOLA_SYSCONFDIR. */
#ifndef SKOLA_SYSCONFDIR
#define SKOLA_SYSCONFDIR "/etc"
#endif

/* A config line longer than this is refused rather than cut. */
enum { CONF_LINE_MAX = 4096 };

/* What one config file said: the db value, owned, and where. */
struct conf_db {
    char *path;   /* NULL when the file names no database */
    char *origin; /* "FILE:LINE" of the db line */
};

static void
conf_db_free(struct conf_db *c)
{
    free(c->path);
    free(c->origin);
    c->path = c->origin = NULL;
}

static char *
trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Prints "skola: FILE:LINE: message" to stderr. */
static void
conf_say(const char *file, long line, const char *msg)
{
    char *text = sk_xasprintf("%s:%ld: %s", file, line, msg);
    fputs("skola: ", stderr);
    cli_print_safe(stderr, text);
    fputc('\n', stderr);
    free(text);
}

/* Reads one skola.conf. Returns 0 (out filled when the file names a
 * database; a missing file names none), or 2 after printing a bad line. A
 * file that cannot be read is skipped with a warning: one member of staff
 * without access must not stop the others' defaults from working. */
static int
conf_read(const char *file, struct conf_db *out)
{
    out->path = out->origin = NULL;
    struct stat sb;
    if (stat(file, &sb) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        fprintf(stderr, _("skola: cannot read the settings file %s (%s); it is skipped.\n"),
                SK_QUOTE(file), strerror(errno));
        return 0;
    }
    if (!S_ISREG(sb.st_mode)) {
        fprintf(stderr, _("skola: the settings file %s is not an ordinary file; it is skipped.\n"),
                SK_QUOTE(file));
        return 0;
    }
    FILE *f = fopen(file, "r");
    if (!f) {
        fprintf(stderr, _("skola: cannot read the settings file %s (%s); it is skipped.\n"),
                SK_QUOTE(file), strerror(errno));
        return 0;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    long line = 0, db_line = 0;
    int rc = 0;
    while (rc == 0 && (got = getline(&buf, &cap, f)) >= 0) {
        line++;
        size_t n = (size_t)got;
        if (n > 0 && buf[n - 1] == '\n')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '\r')
            buf[--n] = '\0';
        char *s = buf;
        if (line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0) /* a BOM from Notepad */
            s += 3, n -= 3;
        if (strlen(s) != n || n > CONF_LINE_MAX) {
            conf_say(file, line,
                     _("the line holds a zero byte or is too long; a settings file is text "
                       "lines of the form “key = value”."));
            rc = 2;
            break;
        }
        s = trim(s);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            char *m = sk_xasprintf(_("“%s” is not a setting; write “key = value” (a line "
                                     "starting with # is a comment)."),
                                   SK_QUOTE(s));
            conf_say(file, line, m);
            free(m);
            rc = 2;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        size_t vn = strlen(val);
        if (vn >= 2 &&
            ((val[0] == '"' && val[vn - 1] == '"') || (val[0] == '\'' && val[vn - 1] == '\''))) {
            val[vn - 1] = '\0'; /* db = "/srv/my school/skola.db", as a shell would take it */
            val++;
        }
        if (strcmp(key, "db") != 0) {
            char *m = *key ? sk_xasprintf(_("unknown setting “%s” is ignored (skola knows: db)."),
                                          SK_QUOTE(key))
                           : sk_xasprintf("%s", _("a setting without a name before “=” is "
                                                  "ignored (skola knows: db)."));
            conf_say(file, line, m);
            free(m);
            continue;
        }
        if (db_line) {
            char *m =
                sk_xasprintf(_("db is set a second time (first on line %ld); keep one."), db_line);
            conf_say(file, line, m);
            free(m);
            rc = 2;
        } else if (val[0] != '/') {
            /* relative to what? the folder skola happens to start in differs
             * from one login to the next */
            char *m = *val ? sk_xasprintf(_("db needs the full path of the database file, "
                                            "starting with /, not “%s”."),
                                          SK_QUOTE(val))
                           : sk_xasprintf("%s", _("db needs the full path of the database file, "
                                                  "starting with /."));
            conf_say(file, line, m);
            free(m);
            rc = 2;
        } else {
            db_line = line;
            out->path = sk_xstrdup(val);
            out->origin = sk_xasprintf("%s:%ld", file, line);
        }
    }
    if (rc == 0 && ferror(f)) {
        fprintf(stderr, _("skola: cannot read the settings file %s (%s); it is skipped.\n"),
                SK_QUOTE(file), strerror(errno));
        conf_db_free(out);
    }
    free(buf);
    fclose(f);
    if (rc)
        conf_db_free(out);
    return rc;
}

/* The per-user settings file: $XDG_CONFIG_HOME/skola/skola.conf, else
 * ~/.config/skola/skola.conf. Owned. */
static char *
user_conf_path(void)
{
    const char *dir = getenv("XDG_CONFIG_HOME");
    if (dir && dir[0] == '/')
        return sk_xasprintf("%s/skola/skola.conf", dir);
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(geteuid());
        home = pw && pw->pw_dir ? pw->pw_dir : "/";
    }
    return sk_xasprintf("%s/.config/skola/skola.conf", home);
}

/* Reads the system-wide files in order until one names a database:
 * skola/skola.conf in each folder of $XDG_CONFIG_DIRS (default /etc/xdg;
 * relative entries are skipped, as the XDG rules say; each folder once),
 * then SKOLA_SYSCONFDIR/skola/skola.conf. Returns 0 or 2. */
static int
system_conf(struct conf_db *out)
{
    out->path = out->origin = NULL;
    const char *dirs = getenv("XDG_CONFIG_DIRS");
    char *list = sk_xstrdup(dirs && *dirs ? dirs : "/etc/xdg");
    /* every folder once ("/etc/xdg/" is /etc/xdg), SKOLA_SYSCONFDIR last */
    const char *seen[64];
    size_t n_seen = 0;
    int rc = 0;
    char *save = NULL;
    for (char *d = strtok_r(list, ":", &save); d && rc == 0 && !out->path;
         d = strtok_r(NULL, ":", &save)) {
        if (d[0] != '/')
            continue;
        for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
            d[n - 1] = '\0';
        bool again = strcmp(d, SKOLA_SYSCONFDIR) == 0;
        for (size_t i = 0; i < n_seen && !again; i++)
            again = strcmp(seen[i], d) == 0;
        if (again || n_seen == SK_ARRAY_LEN(seen))
            continue;
        seen[n_seen++] = d;
        char *file = sk_xasprintf("%s/skola/skola.conf", d);
        rc = conf_read(file, out);
        free(file);
    }
    free(list);
    if (rc == 0 && !out->path)
        rc = conf_read(SKOLA_SYSCONFDIR "/skola/skola.conf", out);
    return rc;
}

int
cli_db_resolve(struct cli_ctx *ctx, char **owned)
{
    *owned = NULL;
    if (ctx->db_path)
        return 0;
    const char *env = getenv("SKOLA_DB");
    if (env && *env) {
        ctx->db_path = env;
        return 0;
    }
    struct conf_db c;
    char *user = user_conf_path();
    int rc = conf_read(user, &c);
    free(user);
    if (rc)
        return rc;
    if (!c.path) {
        /* SKOLA_DB is unset or empty here: the per-user path */
        char *mine = storage_default_path();
        if (storage_exists(mine)) {
            ctx->db_path = *owned = mine;
            return 0;
        }
        rc = system_conf(&c);
        if (rc) {
            free(mine);
            return rc;
        }
        if (!c.path) {
            ctx->db_path = *owned = mine;
            return 0;
        }
        free(mine);
    }
    ctx->db_path = *owned = c.path;
    ctx->db_origin = c.origin; /* owned by ctx: freed with cli_db_release */
    return 0;
}

void
cli_db_release(struct cli_ctx *ctx, char *owned)
{
    free(owned);
    free(ctx->db_origin);
    ctx->db_origin = NULL;
}
