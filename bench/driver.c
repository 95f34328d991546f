/* driver.c — the benchmark's measuring tool (SPEC §10), built only by
 * bench/run or with cmake -DSKOLA_BENCH=ON; never part of `make test`.
 *
 *   skola-bench run [-i IN] [-o OUT] -- CMD ARG...
 *       runs CMD (stdin from IN, stdout to OUT, default /dev/null) and
 *       prints "WALL_MS MAXRSS_KB EXIT CPU_MS" (wait4: the child's own peak
 *       RSS and user + system time).
 *   skola-bench pty -- CMD ARG...
 *       the same, with CMD on a fresh 80×24 pseudo-terminal (for the TUI
 *       started with SKOLA_EXIT_AFTER_DRAW=1: start-up to first screen).
 *   skola-bench list DB REPEAT [TEXT]
 *       white-box timing of the real device list (tui/list.c) at the
 *       database's size: curses writes to /dev/null, keys are queued with
 *       unget_wch, and each line printed is "OP MEDIAN_MS MAX_MS" for
 *       open (count + first page + draw), down, pgdn, end, home,
 *       filter (one character typed at the / prompt, then Enter: what the
 *       user waits for — filter set, first page fetched, drawn),
 *       filter_count (the exact count of the filter, which the list leaves
 *       to the time between keys: on_work) and unfilter; with TEXT also
 *       filter_hidden ("/", TEXT typed key by key, Enter: TEXT is found only
 *       in a field the list does not show, such as a serial number, so
 *       this is the all-field filter at work; each key abandons the scan of
 *       the one before) and filter_hidden_rest (what follows the last key
 *       while no key waits: the first page and the exact count); last
 *       "rss_kb N".
 *       Includes tui/internal.h on purpose, like the unit tests.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/internal.h"

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
usage(void)
{
    fprintf(stderr, "usage: skola-bench run [-i IN] [-o OUT] -- CMD ARG...\n"
                    "       skola-bench pty -- CMD ARG...\n"
                    "       skola-bench list DB REPEAT [TEXT]\n");
    return 2;
}

static void
report_child(pid_t pid, double t0)
{
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    double ms = now_ms() - t0;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    printf("%.3f %ld %d %.3f\n", ms, ru.ru_maxrss, code, cpu);
}

static int
cmd_run(int argc, char **argv)
{
    const char *in = "/dev/null", *out = "/dev/null";
    int i = 0;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
            in = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else
            return usage();
    }
    if (i + 1 >= argc)
        return usage();
    char **cmd = &argv[i + 1];
    fflush(stdout);
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        return perror("fork"), 3;
    if (pid == 0) {
        int fi = open(in, O_RDONLY);
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fi < 0 || fo < 0 || dup2(fi, 0) < 0 || dup2(fo, 1) < 0)
            _exit(126);
        execvp(cmd[0], cmd);
        _exit(127);
    }
    report_child(pid, t0);
    return 0;
}

static int
cmd_pty(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[0], "--") != 0)
        return usage();
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    int master = -1;
    fflush(stdout);
    double t0 = now_ms();
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0)
        return perror("forkpty"), 3;
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        execvp(argv[1], &argv[1]);
        _exit(127);
    }
    /* Drain the screen output so the child never blocks on a full pty. */
    char buf[65536];
    for (;;) {
        ssize_t n = read(master, buf, sizeof buf);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        break; /* EIO once the child has gone */
    }
    report_child(pid, t0);
    close(master);
    return 0;
}

/* ------------------------------------------------------------------ list */

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void
print_stat(const char *op, double *t, size_t n)
{
    qsort(t, n, sizeof *t, cmp_double);
    printf("%s %.3f %.3f\n", op, t[n / 2], t[n - 1]);
}

/* Queues keys so that the next get_wch calls return them in order. */
static void
queue_keys(const wint_t *keys, const bool *fkeys, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (fkeys[i])
            ungetch((int)keys[i]);
        else
            unget_wch((wchar_t)keys[i]);
    }
}

/* One action on the list plus the redraw that follows it, in ms. */
static double
timed_action(struct tui_app *app, enum tui_action a)
{
    double t0 = now_ms();
    app->top->ops->on_action(app->top, app, a);
    tui_app_redraw(app);
    return now_ms() - t0;
}

/* The all-field filter: "/", `text` typed key by key (the list filters
 * after each one), Enter, then the exact count that follows between keys;
 * each round on a fresh list. t and w hold n doubles. */
static void
time_hidden_filter(struct tui_app *app, const char *text, size_t n, double *t, double *w)
{
    size_t len = strlen(text);
    wint_t *keys = calloc(len + 2, sizeof *keys);
    bool *fkeys = calloc(len + 2, sizeof *fkeys);
    if (!keys || !fkeys) {
        free(keys);
        free(fkeys);
        return;
    }
    for (size_t k = 0; k < len; k++)
        keys[k] = (unsigned char)text[k];
    keys[len] = '\r';
    for (size_t i = 0; i < n; i++) {
        struct tui_screen *old = app->top;
        app->top = old->below;
        old->ops->close(old);
        tui_app_push(app, tui_list_new(app, &forms_kind_device));
        tui_app_redraw(app);
        queue_keys(keys, fkeys, len + 1);
        t[i] = timed_action(app, TA_FILTER);
        double t0 = now_ms();
        while (app->top->ops->on_work && app->top->ops->on_work(app->top, app))
            tui_app_redraw(app);
        w[i] = now_ms() - t0;
    }
    print_stat("filter_hidden", t, n);
    print_stat("filter_hidden_rest", w, n);
    free(keys);
    free(fkeys);
}

static int
cmd_list(int argc, char **argv)
{
    if (argc != 2 && argc != 3)
        return usage();
    const char *hidden = argc == 3 ? argv[2] : NULL;
    int repeat = atoi(argv[1]);
    if (repeat < 1)
        repeat = 1;
    struct sk_error err = {0};
    struct storage_db *db = storage_open(argv[0], SO_NO_CHECK, &err);
    struct storage_school school;
    if (!db || !storage_school_get(db, NULL, &school, &err)) {
        fprintf(stderr, "skola-bench: %s\n", err.msg);
        return 3;
    }
    setenv("LINES", "24", 1);
    setenv("COLUMNS", "80", 1);
    FILE *out = fopen("/dev/null", "w");
    FILE *in = fopen("/dev/null", "r");
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr) {
        fprintf(stderr, "skola-bench: no terminal description for xterm-256color\n");
        return 3;
    }
    set_term(scr);
    keypad(stdscr, TRUE);
    tui_draw_init_styles(false);
    struct tui_options opts = {.db = db, .db_path = argv[0], .school_id = school.id, .year = 2024};
    struct tui_app app;
    memset(&app, 0, sizeof app);
    app.opts = &opts;
    app.school = school;
    app.cursor_y = app.cursor_x = -1;

    size_t n = (size_t)repeat;
    double *t = calloc(n * 10 + 16, sizeof *t);
    double *u = calloc(n * 10 + 16, sizeof *u);
    char line[512];
    int len = 0;
    for (size_t i = 0; i < n; i++) {
        double t0 = now_ms();
        struct tui_screen *s = tui_list_new(&app, &forms_kind_device);
        tui_app_push(&app, s);
        tui_app_redraw(&app);
        t[i] = now_ms() - t0;
        if (i + 1 < n) {
            app.top = s->below;
            s->ops->close(s);
        }
    }
    print_stat("open", t, n);
    /* Down through several buffers' worth of rows: most presses find the
     * row buffered, some fetch the next page; the max shows the latter. */
    size_t n_down = n * 10;
    for (size_t i = 0; i < n_down; i++)
        t[i] = timed_action(&app, TA_DOWN);
    print_stat("down", t, n_down);
    for (size_t i = 0; i < n; i++)
        t[i] = timed_action(&app, TA_PGDN);
    print_stat("pgdn", t, n);
    for (size_t i = 0; i < n; i++) {
        t[i] = timed_action(&app, TA_END);
        u[i] = timed_action(&app, TA_HOME);
    }
    print_stat("end", t, n);
    print_stat("home", u, n);
    /* "/", one letter, Enter; the background count; then "/", Backspace,
     * Enter to clear it. Each round on a fresh list, which has no count of
     * the filter remembered yet. */
    static const wint_t type_a[] = {'a', '\r'};
    static const bool no_f[] = {false, false};
    static const wint_t clear[] = {KEY_BACKSPACE, '\r'};
    static const bool clear_f[] = {true, false};
    double *w = calloc(n + 1, sizeof *w);
    for (size_t i = 0; i < n; i++) {
        struct tui_screen *old = app.top;
        app.top = old->below;
        old->ops->close(old);
        tui_app_push(&app, tui_list_new(&app, &forms_kind_device));
        tui_app_redraw(&app);
        queue_keys(type_a, no_f, 2);
        t[i] = timed_action(&app, TA_FILTER);
        double t0 = now_ms();
        while (app.top->ops->on_work && app.top->ops->on_work(app.top, &app))
            tui_app_redraw(&app);
        w[i] = now_ms() - t0;
        queue_keys(clear, clear_f, 2);
        u[i] = timed_action(&app, TA_FILTER);
    }
    print_stat("filter", t, n);
    print_stat("filter_count", w, n);
    print_stat("unfilter", u, n);
    if (hidden)
        time_hidden_filter(&app, hidden, n, t, w);
    free(w);
    len = snprintf(line, sizeof line, "%s", app.message);
    (void)len;
    while (app.top) {
        struct tui_screen *s = app.top;
        app.top = s->below;
        s->ops->close(s);
    }
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    storage_close(db);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("rss_kb %ld\n", ru.ru_maxrss);
    if (line[0])
        fprintf(stderr, "skola-bench: message: %s\n", line);
    free(t);
    free(u);
    return 0;
}

int
main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(argv[1], "pty") == 0)
        return cmd_pty(argc - 2, argv + 2);
    if (strcmp(argv[1], "list") == 0)
        return cmd_list(argc - 2, argv + 2);
    return usage();
}
