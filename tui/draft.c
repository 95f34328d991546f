/* Drafts of the record editor: when skola is ended by a signal (SIGTERM, or
 * SIGHUP when an SSH connection drops) the unsaved field texts of an open
 * editor go to a small file, 0600, in $XDG_STATE_HOME/skola/drafts (or
 * ~/.local/state/skola/drafts): one file per database, school, kind and
 * record (0 = a new record). Opening that record again offers them. The
 * texts are kept as typed, so that even a half-typed, invalid date is not
 * lost; nothing is written to the database without the user. */
#include "tui/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DRAFT_MAGIC "skola-draft 1"

/* Why drafts_dir last failed: an errno, or 0 when there is no HOME. */
static int dir_errno;

/* The drafts folder (owned), created 0700 when `create`; NULL when there
 * is no HOME either or it cannot be created (dir_errno says why). */
static char *
drafts_dir(bool create)
{
    dir_errno = 0;
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char *base;
    if (state && state[0] == '/')
        base = sk_xasprintf("%s/skola", state);
    else if (home && home[0])
        base = sk_xasprintf("%s/.local/state/skola", home);
    else
        return NULL;
    char *dir = sk_xasprintf("%s/drafts", base);
    if (create) {
        /* each level in turn; existing ones are fine */
        for (char *p = dir + 1; *p; p++)
            if (*p == '/') {
                *p = '\0';
                if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                    dir_errno = errno;
                    *p = '/';
                    free(base);
                    free(dir);
                    return NULL;
                }
                *p = '/';
            }
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            dir_errno = errno;
            free(base);
            free(dir);
            return NULL;
        }
    }
    free(base);
    return dir;
}

/* The draft file of (database, school, kind, id), owned, or NULL. */
static char *
draft_path(struct tui_app *app, const struct forms_kind *kind, int64_t id, bool create)
{
    char *dir = drafts_dir(create);
    if (!dir)
        return NULL;
    const char *db = app->opts->db_path ? app->opts->db_path : "";
    char real[PATH_MAX];
    if (realpath(db, real))
        db = real;
    /* FNV-1a of the database's full path and the school: drafts of another
     * file or school never show up here */
    uint64_t h = UINT64_C(14695981039346656037);
    char school[32];
    snprintf(school, sizeof school, "\n%lld", (long long)app->opts->school_id);
    for (const char *parts[] = {db, school}, **p = parts; p < parts + 2; p++)
        for (const unsigned char *c = (const unsigned char *)*p; *c; c++) {
            h ^= *c;
            h *= UINT64_C(1099511628211);
        }
    char *path = sk_xasprintf("%s/%s-%lld-%016llx.draft", dir, kind->key, (long long)id,
                              (unsigned long long)h);
    free(dir);
    return path;
}

/* Writes text with \, newline, CR and tab escaped (one field per line). */
static void
put_escaped(FILE *f, const char *text)
{
    for (const char *c = text; *c; c++) {
        switch (*c) {
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            fputc(*c, f);
        }
    }
}

static void
unescape(char *s)
{
    char *o = s;
    for (char *c = s; *c; c++) {
        if (*c == '\\' && c[1]) {
            c++;
            *o++ = *c == 'n' ? '\n' : *c == 'r' ? '\r' : *c == 't' ? '\t' : *c;
        } else {
            *o++ = *c;
        }
    }
    *o = '\0';
}

bool
tui_draft_write(struct tui_app *app, const struct forms_kind *kind, int64_t id, int64_t version,
                char *const *texts, struct sk_error *err)
{
    char *path = draft_path(app, kind, id, true);
    if (!path && dir_errno) {
        const char *state = getenv("XDG_STATE_HOME");
        return sk_fail(err, SK_EIO, _("the drafts folder cannot be made under %s: %s."),
                       SK_QUOTE(state && state[0] == '/' ? state : getenv("HOME")),
                       strerror(dir_errno));
    }
    if (!path)
        return sk_fail(err, SK_EIO, "%s", _("There is no folder to keep a draft in."));
    struct sk_atomic out;
    FILE *f = sk_atomic_open(&out, path, 0600, err);
    if (!f) {
        free(path);
        return false;
    }
    char stamp[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%d.%m.%Y %H:%M", &tm);
    fprintf(f, "%s\nkind\t%s\nid\t%lld\nversion\t%lld\nsaved\t%s\n", DRAFT_MAGIC, kind->key,
            (long long)id, (long long)version, stamp);
    for (size_t i = 0; i < kind->n_fields; i++) {
        if (!texts[i])
            continue;
        fprintf(f, "field\t%s\t", kind->fields[i].key);
        put_escaped(f, texts[i]);
        fputc('\n', f);
    }
    /* the one atomic writer: temp file, fsync, rename, fsync of the folder */
    bool ok = sk_atomic_commit(&out, err);
    free(path);
    return ok;
}

bool
tui_draft_read(struct tui_app *app, const struct forms_kind *kind, int64_t id, struct tui_draft *d)
{
    memset(d, 0, sizeof *d);
    char *path = draft_path(app, kind, id, false);
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (!f)
        return false;
    d->texts = sk_xcalloc(kind->n_fields + 1, sizeof *d->texts);
    d->n_texts = kind->n_fields;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool is_ours = false, is_first = true;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        if (is_first) {
            is_ours = strcmp(line, DRAFT_MAGIC) == 0;
            is_first = false;
            if (!is_ours)
                break;
            continue;
        }
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char *val = tab + 1;
        if (strcmp(line, "version") == 0) {
            d->version = strtoll(val, NULL, 10);
        } else if (strcmp(line, "saved") == 0) {
            snprintf(d->saved, sizeof d->saved, "%s", val);
        } else if (strcmp(line, "field") == 0) {
            char *tab2 = strchr(val, '\t');
            if (!tab2)
                continue;
            *tab2 = '\0';
            int i = forms_field_index(kind, val);
            if (i < 0)
                continue;
            unescape(tab2 + 1);
            free(d->texts[i]);
            d->texts[i] = sk_xstrdup(tab2 + 1);
        }
    }
    free(line);
    fclose(f);
    if (!is_ours)
        tui_draft_fini(d);
    return is_ours;
}

void
tui_draft_fini(struct tui_draft *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_texts; i++)
        free(d->texts[i]);
    free(d->texts);
    memset(d, 0, sizeof *d);
}

void
tui_draft_remove(struct tui_app *app, const struct forms_kind *kind, int64_t id)
{
    char *path = draft_path(app, kind, id, false);
    if (path)
        unlink(path);
    free(path);
}

bool
tui_draft_offer(struct tui_app *app, const struct forms_kind *kind, int64_t id, int64_t version,
                struct tui_draft *d)
{
    if (!tui_draft_read(app, kind, id, d))
        return false;
    bool is_changed_since = id != 0 && d->version != version;
    char *q = sk_xasprintf(
        is_changed_since ? _("Unsaved changes from %s were kept when skola was ended. Restore "
                             "them? (The record was changed since then.)")
                         : _("Unsaved changes from %s were kept when skola was ended. Restore "
                             "them?"),
        d->saved);
    bool is_restored = tui_confirm(app, q);
    free(q);
    if (app->is_quitting) {
        tui_draft_fini(d);
        return false; /* ended while asking: the draft stays */
    }
    tui_draft_remove(app, kind, id);
    if (!is_restored) {
        tui_draft_fini(d);
        tui_app_message(app, false, "%s", _("The kept changes were dropped."));
        return false;
    }
    tui_app_message(app, false, "%s", _("The kept changes are back; Ctrl-S saves them."));
    return true;
}

void
tui_draft_keep(struct tui_app *app, const struct forms_kind *kind, int64_t id, int64_t version,
               char **texts)
{
    struct sk_error err = {0};
    if (tui_draft_write(app, kind, id, version, texts, &err))
        app->n_drafts_kept++;
    else
        tui_draft_lost(app, &err);
    for (size_t i = 0; i < kind->n_fields; i++)
        free(texts[i]);
    free(texts);
}

void
tui_draft_lost(struct tui_app *app, const struct sk_error *err)
{
    if (app->n_drafts_lost++ == 0)
        snprintf(app->draft_error, sizeof app->draft_error, "%s",
                 err && err->msg[0] ? err->msg : _("the draft could not be written."));
}
