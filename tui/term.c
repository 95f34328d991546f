/* The terminal's own state and the signals that end the interface: the
 * modes are saved before curses starts and put back exactly on every way
 * out (quit, error, SIGTERM/SIGHUP/SIGQUIT and every other signal that
 * would end the process, Ctrl-C, a crash, exit()).
 * The handlers only set flags (the input loop polls them and runs the
 * normal way out, which keeps drafts); only a crash restores the modes from
 * the handler itself, with async-signal-safe calls, before dying. */
#include "tui/internal.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_in, saved_out; /* as found, before curses */
static bool has_saved_in, has_saved_out;
static volatile sig_atomic_t is_curses_on;      /* between start and endwin */
static volatile sig_atomic_t pending_end;       /* SIGTERM, SIGHUP or SIGQUIT received */
static volatile sig_atomic_t pending_interrupt; /* SIGINT (Ctrl-C) received */
static char reset_seq[256];                     /* leaves the alternate screen etc. */
static size_t reset_len;

/* Every signal whose default action ends the process is an end signal:
 * left to the default, SIGUSR1 or SIGPIPE would leave the terminal raw. */
static const int end_signals[] = {
    SIGTERM,   SIGHUP,  SIGQUIT, SIGINT,    SIGUSR1, SIGUSR2, SIGALRM,
    SIGXCPU,   SIGXFSZ, SIGPIPE, SIGVTALRM, SIGPROF, SIGIO,
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS, SIGTRAP};
static struct sigaction old_end[SK_ARRAY_LEN(end_signals)];
static struct sigaction old_crash[SK_ARRAY_LEN(crash_signals)];
static bool has_handlers;

/* The real-time signals (SIGRTMIN..SIGRTMAX, known only at run time) end
 * the process by default too. Linux has 33 of them; more are not handled. */
#ifdef SIGRTMIN
#define MAX_RT_SIGNALS 64
static struct sigaction old_rt[MAX_RT_SIGNALS];
#endif

static int
rt_count(void)
{
#ifdef SIGRTMIN
    int n = SIGRTMAX - SIGRTMIN + 1;
    return n < 0 ? 0 : n > MAX_RT_SIGNALS ? MAX_RT_SIGNALS : n;
#else
    return 0;
#endif
}

static void
put_back_modes(void)
{
    /* TCSADRAIN: what curses wrote reaches the terminal first; typed-ahead
     * input stays for the shell */
    if (has_saved_out)
        tcsetattr(STDOUT_FILENO, TCSADRAIN, &saved_out);
    if (has_saved_in)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_in);
}

static void
on_end_signal(int sig)
{
    if (sig == SIGINT)
        pending_interrupt = 1;
    else
        pending_end = sig;
}

/* A crash: nothing but async-signal-safe calls, then the handler there was
 * before (the default: die; a sanitizer's: its report) takes the signal. */
static void
on_crash_signal(int sig)
{
    if (is_curses_on) {
        if (reset_len)
            (void)!write(STDOUT_FILENO, reset_seq, reset_len);
        put_back_modes();
        is_curses_on = 0;
    }
    for (size_t i = 0; i < SK_ARRAY_LEN(crash_signals); i++)
        if (crash_signals[i] == sig)
            sigaction(sig, &old_crash[i], NULL);
    raise(sig);
}

static void
at_exit(void)
{
    tui_term_end();
}

static void
add_cap(const char *name)
{
    char *s = tigetstr(name);
    if (!s || s == (char *)-1)
        return;
    size_t n = strlen(s);
    if (reset_len + n < sizeof reset_seq) {
        memcpy(reset_seq + reset_len, s, n);
        reset_len += n;
    }
}

bool
tui_term_save(void)
{
    has_saved_in = tcgetattr(STDIN_FILENO, &saved_in) == 0;
    has_saved_out = tcgetattr(STDOUT_FILENO, &saved_out) == 0;
    static bool is_registered;
    if (!is_registered)
        is_registered = atexit(at_exit) == 0;
    /* before newterm: curses then leaves SIGINT/SIGTERM to us */
    pending_end = 0;
    pending_interrupt = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_end_signal;
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns at once */
    for (size_t i = 0; i < SK_ARRAY_LEN(end_signals); i++) {
        /* a signal ignored by whoever started skola (nohup) stays ignored */
        sigaction(end_signals[i], NULL, &old_end[i]);
        if (old_end[i].sa_handler != SIG_IGN)
            sigaction(end_signals[i], &sa, NULL);
    }
#ifdef SIGRTMIN
    for (int i = 0; i < rt_count(); i++) {
        sigaction(SIGRTMIN + i, NULL, &old_rt[i]);
        if (old_rt[i].sa_handler != SIG_IGN)
            sigaction(SIGRTMIN + i, &sa, NULL);
    }
#endif
    sa.sa_handler = on_crash_signal;
    sa.sa_flags = (int)SA_RESETHAND;
    for (size_t i = 0; i < SK_ARRAY_LEN(crash_signals); i++)
        sigaction(crash_signals[i], &sa, &old_crash[i]);
    has_handlers = true;
    return has_saved_in || has_saved_out;
}

void
tui_term_started(void)
{
    reset_len = 0;
    add_cap("sgr0");
    add_cap("cnorm");
    add_cap("rmkx");
    add_cap("rmcup");
    is_curses_on = 1;
}

void
tui_term_end(void)
{
    if (is_curses_on) {
        is_curses_on = 0;
        if (!isendwin())
            endwin();
    }
    put_back_modes();
    has_saved_in = has_saved_out = false; /* once: later changes are not ours */
    if (has_handlers) {
        for (size_t i = 0; i < SK_ARRAY_LEN(end_signals); i++)
            sigaction(end_signals[i], &old_end[i], NULL);
#ifdef SIGRTMIN
        for (int i = 0; i < rt_count(); i++)
            sigaction(SIGRTMIN + i, &old_rt[i], NULL);
#endif
        for (size_t i = 0; i < SK_ARRAY_LEN(crash_signals); i++)
            sigaction(crash_signals[i], &old_crash[i], NULL);
        has_handlers = false;
    }
}

int
tui_term_take_end_signal(void)
{
    int sig = pending_end;
    pending_end = 0;
    return sig;
}

bool
tui_term_take_interrupt(void)
{
    bool was = pending_interrupt != 0;
    pending_interrupt = 0;
    return was;
}

bool
tui_term_is_signalled(void)
{
    return pending_end != 0 || pending_interrupt != 0;
}

const char *
tui_term_signal_name(int sig)
{
    static const struct {
        int sig;
        const char *name;
    } names[] = {
        {SIGTERM, "SIGTERM"},     {SIGHUP, "SIGHUP"},       {SIGQUIT, "SIGQUIT"},
        {SIGINT, "SIGINT"},       {SIGUSR1, "SIGUSR1"},     {SIGUSR2, "SIGUSR2"},
        {SIGALRM, "SIGALRM"},     {SIGXCPU, "SIGXCPU"},     {SIGXFSZ, "SIGXFSZ"},
        {SIGPIPE, "SIGPIPE"},     {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"},
        {SIGIO, "SIGIO"},
#ifdef SIGPWR
        {SIGPWR, "SIGPWR"},
#endif
#ifdef SIGSTKFLT
        {SIGSTKFLT, "SIGSTKFLT"},
#endif
    };
    for (size_t i = 0; i < SK_ARRAY_LEN(names); i++)
        if (names[i].sig == sig)
            return names[i].name;
#ifdef SIGRTMIN
    if (sig >= SIGRTMIN && sig - SIGRTMIN < rt_count()) {
        static char rt_name[24];
        snprintf(rt_name, sizeof rt_name, "SIGRTMIN+%d", sig - SIGRTMIN);
        return rt_name;
    }
#endif
    return "a signal";
}
