/* The application: terminal set-up, the screen stack and the only input
 * loop of the program (get_wch), resize handling, the message line, and the
 * screens' background work between keys. */
#include "tui/internal.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

enum { MIN_COLS = 80, MIN_LINES = 24 };

void
tui_app_message(struct tui_app *app, bool is_error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_is_error = is_error;
}

static void
draw_too_small(void)
{
    char msg[256];
    erase();
    snprintf(msg, sizeof msg, _("The terminal is too small (%d×%d)."), COLS, LINES);
    tui_put(LINES / 2 - 1, 0, msg, COLS, false);
    snprintf(msg, sizeof msg, _("skola needs at least %d×%d. Please enlarge the window."), MIN_COLS,
             MIN_LINES);
    tui_put(LINES / 2, 0, msg, COLS, false);
}

/* Draws s and, below it, the screens it is modal over (bottom first). */
static void
draw_from(struct tui_app *app, struct tui_screen *s)
{
    if (!s)
        return;
    if (s->is_modal)
        draw_from(app, s->below);
    else {
        erase();
        app->cursor_y = app->cursor_x = -1;
        if (app->message[0]) {
            attron(tui_attr(app->message_is_error ? TS_ERROR : TS_NORMAL));
            tui_put(LINES - 2, 0, app->message, COLS, true);
            attroff(tui_attr(app->message_is_error ? TS_ERROR : TS_NORMAL));
        }
    }
    s->ops->draw(s, app);
}

void
tui_app_redraw(struct tui_app *app)
{
    app->is_too_small = COLS < MIN_COLS || LINES < MIN_LINES;
    app->cursor_y = app->cursor_x = -1;
    if (app->is_too_small) {
        draw_too_small();
        curs_set(0);
    } else {
        draw_from(app, app->top);
        if (app->cursor_y >= 0) {
            curs_set(1);
            move(app->cursor_y, app->cursor_x);
        } else {
            curs_set(0);
        }
    }
    refresh();
}

void
tui_app_push(struct tui_app *app, struct tui_screen *s)
{
    s->below = app->top;
    app->top = s;
}

static void
pop_and_close(struct tui_app *app)
{
    struct tui_screen *s = app->top;
    app->top = s->below;
    if (s->ops->close)
        s->ops->close(s);
    if (app->top && app->top->ops->on_resume)
        app->top->ops->on_resume(app->top, app);
}

bool
tui_app_key_waiting(struct tui_app *app)
{
    (void)app;
    if (tui_term_is_signalled())
        return true; /* long work stops: the input loop handles the signal */
    int delay = wgetdelay(stdscr);
    wint_t wc = 0;
    timeout(0);
    int rc = get_wch(&wc);
    timeout(delay);
    if (rc == ERR)
        return false;
    if (rc == KEY_CODE_YES)
        ungetch((int)wc);
    else
        unget_wch((wchar_t)wc);
    return true;
}

bool
tui_app_should_stop(void *ctx)
{
    static struct timespec last;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long us =
        (long long)(now.tv_sec - last.tv_sec) * 1000000 + (now.tv_nsec - last.tv_nsec) / 1000;
    if (us >= 0 && us < 1000)
        return false;
    last = now;
    return tui_app_key_waiting(ctx);
}

/* Offers the screens their pending work while no key is waiting; redraws
 * after each piece that changed the screen. */
static void
run_background_work(struct tui_app *app)
{
    while (!app->is_too_small && !tui_app_key_waiting(app)) {
        bool is_changed = false;
        for (struct tui_screen *s = app->top; s && !is_changed; s = s->below)
            if (s->ops->on_work)
                is_changed = s->ops->on_work(s, app);
        if (!is_changed)
            return;
        tui_app_redraw(app);
    }
}

static long long
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool
is_terminal_gone(void)
{
    struct termios t;
    return tcgetattr(STDIN_FILENO, &t) != 0 && (errno == EIO || errno == ENOTTY || errno == EBADF);
}

/* skola is being ended without a question: every screen keeps what it can,
 * then every loop unwinds (modal loops return as cancelled). */
static void
terminate(struct tui_app *app, int sig)
{
    if (app->is_quitting)
        return;
    for (struct tui_screen *s = app->top; s; s = s->below)
        if (s->ops->on_terminate)
            s->ops->on_terminate(s, app);
    app->end_signal = sig;
    app->is_quitting = true;
}

/* A signal noticed by the input loop. Returns true when the key read (if
 * any) is to be dropped. Ctrl-C arrives as a signal (the terminal keeps
 * ISIG so that it also stops long work): it goes to the screen as the key
 * Ctrl-C, and where no table binds it, skola quits as with q. */
static bool
handle_signals(struct tui_app *app, int *key, bool *fkey, bool may_interrupt)
{
    int sig = tui_term_take_end_signal();
    if (sig) {
        terminate(app, sig);
        return true;
    }
    /* Ctrl-C comes after the keys typed before it (kept: NOFLSH) */
    if (!may_interrupt || !tui_term_take_interrupt())
        return false;
    if (app->is_too_small || tui_keys_lookup(app->top->keys, 3, false) == TA_NONE) {
        terminate(app, 0);
        return true;
    }
    *key = 3;
    *fkey = false;
    return false;
}

/* Reads one key and hands it to the top screen. Returns the screen's result. */
static enum tui_result
handle_one_key(struct tui_app *app)
{
    wint_t wc = 0;
    int key = 0;
    bool fkey = false;
    if (handle_signals(app, &key, &fkey, false))
        return TUI_IGNORED;
    long long before = now_ms();
    int rc = get_wch(&wc);
    /* a key read is handled first; the signal waits for the next round */
    if (rc == ERR && handle_signals(app, &key, &fkey, true))
        return TUI_IGNORED;
    /* no key at once: the terminal may be gone without a SIGHUP (one
     * ignored by whoever started skola); then end as on SIGHUP rather than
     * spin on a dead terminal */
    if (rc == ERR && !key && now_ms() - before < TUI_POLL_MS / 2 && is_terminal_gone()) {
        terminate(app, SIGHUP);
        return TUI_IGNORED;
    }
    if (rc == ERR && !key) {
        /* no key for TUI_IDLE_MS: let the screens save drafts */
        long long now = now_ms();
        if (now - app->last_key_ms < TUI_IDLE_MS) {
            if (!app->is_too_small && app->top->ops->on_poll &&
                app->top->ops->on_poll(app->top, app))
                return TUI_HANDLED;
            app->is_unchanged = true; /* a poll round: nothing to redraw */
            return TUI_IGNORED;
        }
        app->last_key_ms = now;
        for (struct tui_screen *s = app->top; s; s = s->below)
            if (s->ops->on_idle)
                s->ops->on_idle(s, app);
        return TUI_IGNORED;
    }
    app->last_key_ms = now_ms();
    if (!key) {
        fkey = rc == KEY_CODE_YES;
        key = (int)wc;
    } else {
        wc = (wint_t)key;
    }
    if (fkey && key == KEY_RESIZE) {
        for (struct tui_screen *s = app->top; s; s = s->below)
            if (s->ops->on_resize)
                s->ops->on_resize(s, app);
        return TUI_HANDLED;
    }
    if (app->is_too_small)
        return TUI_IGNORED; /* nothing is visible to act on */
    struct tui_screen *s = app->top;
    app->message[0] = '\0';
    enum tui_action a = tui_keys_lookup(s->keys, key, fkey);
    enum tui_result r = TUI_IGNORED;
    app->last_key = fkey ? 0 : key;
    if (a != TA_NONE) {
        if (s->ops->on_action)
            r = s->ops->on_action(s, app, a);
        if (r == TUI_IGNORED && a == TA_HELP) {
            tui_help_show(app, s->keys, NULL);
            r = TUI_HANDLED;
        }
    } else if (!fkey && wc >= 0x20 && wc != 0x7f && !(wc >= 0x80 && wc < 0xa0) && s->ops->on_char) {
        char mb[MB_LEN_MAX + 1];
        mbstate_t st;
        memset(&st, 0, sizeof st);
        size_t n = wcrtomb(mb, (wchar_t)wc, &st);
        if (n != (size_t)-1 && n > 0)
            r = s->ops->on_char(s, app, mb, n);
    }
    return r;
}

void
tui_app_modal(struct tui_app *app, struct tui_screen *s)
{
    s->is_modal = true;
    s->is_done = false;
    s->below = app->top;
    app->top = s;
    while (!s->is_done && !app->is_quitting) {
        if (!app->is_unchanged)
            tui_app_redraw(app);
        app->is_unchanged = false;
        run_background_work(app);
        if (handle_one_key(app) == TUI_CLOSE)
            s->is_done = true;
    }
    app->top = s->below;
}

/* Flow control would swallow Ctrl-S (save) and Ctrl-Q; turn it off while
 * keeping Ctrl-C working (cbreak, not raw). Ctrl-C must not throw away the
 * keys typed before it (NOFLSH): the editor asks, and they are part of the
 * text kept. The modes as found were saved before curses started
 * (tui_term_save) and are put back on the way out. */
static void
disable_flow_control(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0)
        return;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    t.c_lflag |= (tcflag_t)NOFLSH;
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

/* Home/End and friends as sent by tmux, screen, rxvt and the Linux
 * console, which terminfo entries of other terminals do not list: without
 * these, Home would arrive as Esc and leave the screen. */
static void
define_common_keys(void)
{
    static const struct {
        const char *seq;
        int key;
    } extra[] = {
        {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME},  {"\033[H", KEY_HOME},
        {"\033OH", KEY_HOME},  {"\033[4~", KEY_END},   {"\033[8~", KEY_END},
        {"\033[F", KEY_END},   {"\033OF", KEY_END},    {"\033[Z", KEY_BTAB},
        {"\033[3~", KEY_DC},   {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(extra); i++)
        if (key_defined(extra[i].seq) <= 0)
            define_key(extra[i].seq, extra[i].key);
}

static void
find_school(struct tui_app *app)
{
    struct storage_school *schools = NULL;
    size_t n = 0;
    struct sk_error err = {0};
    if (storage_school_list(app->opts->db, &schools, &n, &err)) {
        for (size_t i = 0; i < n; i++)
            if (schools[i].id == app->opts->school_id)
                app->school = schools[i];
    }
    free(schools);
    if (!app->school.name[0])
        snprintf(app->school.name, sizeof app->school.name, "%s", "?");
}

int
tui_run(const struct tui_options *opts, struct sk_error *err)
{
    /* the tables the screens are built from name existing fields */
    if (!tui_check_tables(err))
        return 3;
    struct tui_app app;
    memset(&app, 0, sizeof app);
    app.opts = opts;
    app.year = opts->year;
    app.cursor_y = app.cursor_x = -1;
    find_school(&app);

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        sk_fail(err, SK_EIO, "%s",
                _("The interface needs a terminal (use the subcommands in scripts)."));
        return 3;
    }
    const char *term = getenv("TERM");
    tui_term_save();
    SCREEN *scr = newterm(term && term[0] ? term : NULL, stdout, stdin);
    if (!scr) {
        tui_term_end();
        sk_fail(err, SK_EIO, _("The terminal type “%s” is unknown."), term ? term : "");
        return 3;
    }
    set_term(scr);
    tui_term_started();
    cbreak();
    disable_flow_control();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    define_common_keys();
    timeout(TUI_POLL_MS);
    app.last_key_ms = now_ms();
    app.has_colors = has_colors() && !getenv("NO_COLOR");
    if (app.has_colors) {
        start_color();
        use_default_colors();
    }
    tui_draw_init_styles(app.has_colors);

    tui_app_push(&app, tui_menu_new(&app));
    /* For the benchmark (bench/run): start-up to the first full screen. */
    bool exit_after_draw = getenv("SKOLA_EXIT_AFTER_DRAW") != NULL;
    while (app.top && !app.is_quitting) {
        if (!app.is_unchanged)
            tui_app_redraw(&app);
        app.is_unchanged = false;
        if (exit_after_draw)
            break;
        run_background_work(&app);
        if (handle_one_key(&app) == TUI_CLOSE)
            pop_and_close(&app);
    }
    while (app.top)
        pop_and_close(&app);

    tui_term_end();
    delscreen(scr);
    if (!app.end_signal)
        return 0;
    const char *name = tui_term_signal_name(app.end_signal);
    if (app.n_drafts_lost > 0)
        sk_fail(err, SK_EIO, _("Ended by %s. Unsaved changes could not be kept: %s"), name,
                app.draft_error);
    else if (app.n_drafts_kept > 0)
        sk_fail(err, SK_EIO, _("Ended by %s. Unsaved changes were kept as a draft."), name);
    else
        sk_fail(err, SK_EIO, _("Ended by %s."), name);
    return 128 + app.end_signal;
}
