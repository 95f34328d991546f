/* tui.h — the interface of tui/: the ncursesw interface. Only tui/ includes
 * curses. Screens ask core/storage/forms for everything. */
#ifndef SKOLA_TUI_H
#define SKOLA_TUI_H

#include "core/core.h"

/* What the CLI hands to the interface. Everything is borrowed for the call. */
struct tui_options {
    struct storage_db *db; /* open database */
    const char *db_path;   /* shown in settings */
    int64_t school_id;     /* the school worked on */
    int year;              /* the current school year (e.g. 2024 = 2024./2025.) */
};

/* Runs the interface until the user quits. Returns the process exit code
 * (0 ok, 3 when the terminal could not be used, 128 + the signal when
 * SIGTERM, SIGHUP or SIGQUIT ended it, with err filled). The terminal's
 * modes are as they were before on return. */
int tui_run(const struct tui_options *opts, struct sk_error *err);

/* "ncurses 6.4.20221231": the curses library loaded at run time
 * (borrowed, static). */
const char *tui_curses_version(void);

#endif
