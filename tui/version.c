/* The curses library in use, for `skola --version`. */
#include "tui/tui.h"

#include <curses.h>

const char *
tui_curses_version(void)
{
    /* "ncurses 6.4.20221231": the library loaded at run time */
    return curses_version();
}
