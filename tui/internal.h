/* internal.h — shared inside tui/ only: actions, key-binding tables, the
 * screen interface, the application (screen stack, messages), the list
 * window arithmetic and the widgets. Nothing outside tui/ includes this. */
#ifndef SKOLA_TUI_INTERNAL_H
#define SKOLA_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/tui.h"

/* ---------------------------------------------------------------- actions */

/* Every user action of every screen, declared once. Keys map to actions,
 * never straight to code; handlers switch on these. */
enum tui_action {
    TA_NONE = 0,
    /* moving */
    TA_UP,
    TA_DOWN,
    TA_LEFT,
    TA_RIGHT,
    TA_PGUP,
    TA_PGDN,
    TA_HOME,
    TA_END,
    /* general */
    TA_SELECT, /* Enter: open, pick, accept */
    TA_BACK,   /* q / Esc: leave the screen */
    TA_CANCEL, /* Esc in dialogs and prompts */
    TA_HELP,
    TA_QUIT,
    TA_YES,
    TA_NO,
    /* lists */
    TA_NEW,
    TA_EDIT,
    TA_DELETE,
    TA_MARK,
    TA_UNMARK_ALL,
    TA_BULK,
    TA_SORT,
    TA_SORT_REVERSE,
    TA_FILTER,
    TA_IMPORT,
    TA_EXPORT,
    TA_YEAR, /* only the current school year / all years */
    TA_FILL, /* create the missing rows of the year's table */
    TA_ALL,    /* list: all records, or only the kind's usual ones (scope) */
    TA_LEND,   /* device list: lend the device (o) */
    TA_RETURN, /* device list: take the lent device back (r) */
    TA_LABELS, /* device list: labels of the marked devices (L) */
    /* forms and line editing */
    TA_SAVE,
    TA_NEXT_FIELD,
    TA_PREV_FIELD,
    TA_TOGGLE,   /* Space on a check box / flag / mark */
    TA_COMPLETE, /* Tab in a prompt: complete a file name */
    TA_LE_HOME,  /* Ctrl-A / Home in a text */
    TA_LE_END,   /* Ctrl-E / End in a text */
    TA_LE_BACKSPACE,
    TA_LE_DELETE,
    TA_LE_KILL_END,   /* Ctrl-K */
    TA_LE_KILL_START, /* Ctrl-U */
    TA_LE_DEL_WORD,   /* Ctrl-W */
    TA_LE_WORD_LEFT,
    TA_LE_WORD_RIGHT,
    /* import wizard */
    TA_MODE, /* insert / upsert */
    /* observations */
    TA_FINISH,       /* the sheet: mark final, save and close */
    TA_UNOBSERVED,   /* observation list: teachers not observed yet */
    TA_MINE,         /* observation/consultation list: only mine (observer = me) */
    TA_YEAR_PREV,    /* summaries: previous school year */
    TA_YEAR_NEXT,    /* summaries: next school year */
    TA_PRINT,        /* observation list/sheet: print the sheets (HTML) */
    TA_TEACHER,      /* staff/observation list, sheet: the teacher's record */
    /* export screen */
    TA_WRITE_REPORT,  /* the yearly self-evaluation tables (HTML) */
    TA_WRITE_PACKAGE, /* the municipality package */
    TA_WRITE_BOTH,
    /* history, field filters */
    TA_HISTORY,      /* the record's audit trail (tui/history.c) */
    TA_FIELD_FILTER, /* f: filter by one field's value, range or emptiness */
    /* issue 15 */
    TA_NUMBER, /* main menu: a digit (app->last_key) of an item's number */
    TA_VIEW,   /* v / F3: the whole text of what is cut to fit, wrapped */
    TA_COUNT_
};

/* One key of one screen. Tables are static const arrays, one per screen;
 * the help overlay and the status-line hints are generated from them. */
struct tui_binding {
    int key;                /* character, or KEY_* when `fkey` */
    bool fkey;              /* get_wch() returned KEY_CODE_YES */
    enum tui_action action; /* what the key does on this screen */
    const char *keyname;    /* as shown in help and status line (not translated) */
    const char *help;       /* N_()-marked sentence for the help overlay */
    const char *hint;       /* N_()-marked short label for the status line, or NULL */
    unsigned when;          /* TK_* the screen must have for the key to be its (0: always) */
};

/* What a list screen has (tui_list_features): a binding whose `when` names
 * one of these is the screen's only when it has it, so that its key table,
 * and so its help and hints, hold only its own keys. */
enum {
    TK_DEVICE = 1u << 0,  /* lend, return, labels */
    TK_OBS = 1u << 1,     /* observations: not observed yet, print */
    TK_TEACHER = 1u << 2, /* staff and observations: the teacher's record */
    TK_MINE = 1u << 3,    /* observations and consultations: only mine */
    TK_YEAR = 1u << 4,    /* records of a school year */
    TK_FILL = 1u << 5,    /* a yearly table to fill in (self-assessment) */
    TK_NO_FILL = 1u << 6, /* no yearly table: F clears the filters */
    TK_SCOPE = 1u << 7,   /* usual records / all (devices not written off, open loans) */
};

/* A screen's table with its count, and the shared table composed into it
 * (list navigation, tui_keys_nav), whose bindings come first. Walk all
 * bindings with tui_keymap_count/tui_keymap_at. */
struct tui_keymap {
    const char *name; /* for tests and messages */
    const struct tui_binding *keys;
    size_t n_keys;
    const struct tui_keymap *shared; /* composed in before keys, or NULL */
};

/* The tables (tui/keys.c). */
extern const struct tui_keymap tui_keys_menu;
extern const struct tui_keymap tui_keys_list;
extern const struct tui_keymap tui_keys_form;
extern const struct tui_keymap tui_keys_memo;
extern const struct tui_keymap tui_keys_help;
extern const struct tui_keymap tui_keys_pick;
extern const struct tui_keymap tui_keys_settings;
extern const struct tui_keymap tui_keys_unobserved;
extern const struct tui_keymap tui_keys_checklist;
extern const struct tui_keymap tui_keys_prompt;
extern const struct tui_keymap tui_keys_confirm;
extern const struct tui_keymap tui_keys_message;
extern const struct tui_keymap tui_keys_import;
extern const struct tui_keymap tui_keys_text;
extern const struct tui_keymap tui_keys_sheet;
extern const struct tui_keymap tui_keys_summary;
extern const struct tui_keymap tui_keys_export;
extern const struct tui_keymap tui_keys_history;
/* List navigation shared by every list screen: arrows, pages, Home/End;
 * nav_letters adds j and k (on top of nav) where letters are not text. */
extern const struct tui_keymap tui_keys_nav;
extern const struct tui_keymap tui_keys_nav_letters;
/* Every binding of map, the shared ones included; the i-th of them, shared
 * first (NULL past the end). */
size_t tui_keymap_count(const struct tui_keymap *map);
const struct tui_binding *tui_keymap_at(const struct tui_keymap *map, size_t i);
/* Every table, for the help test. */
extern const struct tui_keymap *const tui_keymaps[];
extern const size_t tui_n_keymaps;

/* Copies the bindings of map's own table that a screen with `features`
 * (TK_*) has into out (at most cap); returns how many. */
size_t tui_keys_filter(const struct tui_keymap *map, unsigned features, struct tui_binding *out,
                       size_t cap);
/* The TK_* features of kind's list screen. */
unsigned tui_list_features(const struct forms_kind *kind);

/* The action bound to (key, fkey) in map, or TA_NONE. */
enum tui_action tui_keys_lookup(const struct tui_keymap *map, int key, bool fkey);
/* Checks a table: no key bound twice, every entry has a key name and help.
 * Returns false and writes a description of the first problem into why. */
bool tui_keys_check(const struct tui_keymap *map, char *why, size_t cap);
/* The line-editing operation for an action, or -1 when it is none. */
int tui_keys_le_op(enum tui_action a);

/* ------------------------------------------------------- text (pure) */

/* Copies UTF-8 `in` to `out` (cap bytes, NUL-terminated) replacing control
 * characters (< 0x20, 0x7f, C1 U+0080..U+009F) and invalid bytes with '?',
 * so that escape sequences in data never reach the terminal. Newlines and
 * tabs become spaces unless keep_newlines. Returns the bytes written. */
size_t tui_sanitize(const char *in, char *out, size_t cap, bool keep_newlines);

/* Cuts the UTF-8 text in buf (cap bytes) in place to at most cols screen
 * columns: between whole characters (a combining mark stays with its
 * letter), ending in "…" when anything was cut. Returns its byte length. */
size_t tui_cut(char *buf, size_t cap, int cols);

/* One list column as the layout sees it. */
struct tui_col_spec {
    int min;      /* narrowest useful width: below it the column is left out */
    int want;     /* width at which neither the header nor a usual value is cut */
    int max;      /* spare width may grow it up to here (text: INT_MAX; else want) */
    int priority; /* higher stays longer; ties: the later column goes first */
    bool is_kept; /* never left out (the first and the natural-key columns) */
};

/* Lays out n columns in `avail` screen columns with one separator column
 * between shown columns: leaves out the lowest-priority columns (the later
 * of equals first) until the rest fit at their minimum, then widens the
 * shown columns towards `want` in column order, then shares what is left
 * among the columns that may grow past it (up to `max`). widths[i] receives
 * the width of column i, 0 when it is left out. Returns how many are shown. */
size_t tui_columns_layout(const struct tui_col_spec *cols, size_t n, int avail, int *widths);

/* ------------------------------------------ list window arithmetic (pure) */

/* The visible window of a list of n rows: which row the cursor is on and
 * which row is drawn first. Absolute 0-based positions. */
struct tui_win {
    int64_t n;      /* rows in the list */
    int64_t cursor; /* 0 <= cursor < n (0 when n == 0) */
    int64_t top;    /* first visible row */
    int height;     /* visible rows (>= 1) */
};

/* Restores the invariants after n, height or cursor changed: the cursor
 * inside the list, the cursor visible, no empty space below the last row. */
void tui_win_clamp(struct tui_win *w);
/* Moves the cursor by delta rows (clamped). */
void tui_win_move(struct tui_win *w, int64_t delta);
/* Page down (dir > 0) or up: cursor and top move by one page. */
void tui_win_page(struct tui_win *w, int dir);
void tui_win_home(struct tui_win *w);
void tui_win_end(struct tui_win *w);
/* Moves the cursor for TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_HOME and TA_END
 * (whichever the screen's key table binds). Returns whether `a` was one of them. */
bool tui_win_navigate(struct tui_win *w, enum tui_action a);
/* Puts the cursor on row pos and keeps it at the same screen row where
 * possible (after a reload that found the record elsewhere). */
void tui_win_goto(struct tui_win *w, int64_t pos);

/* How to fill the row buffer so that rows [top, top+height) are present. */
enum tui_fetch_kind {
    TF_NONE,   /* the buffer already holds them */
    TF_FIRST,  /* fetch from the start (buffer starts at 0) */
    TF_LAST,   /* fetch the last rows */
    TF_AFTER,  /* fetch after the buffered row at `anchor` (abs pos), buffer starts at anchor+1 */
    TF_BEFORE, /* fetch before the buffered row at `anchor`, buffer ends at anchor-1 */
};
struct tui_fetch_plan {
    enum tui_fetch_kind kind;
    int64_t anchor; /* absolute position of the anchor row (TF_AFTER/TF_BEFORE) */
    size_t limit;   /* rows to fetch */
};
/* Plans the fetch for window w given a buffer of buf_n rows starting at
 * absolute position buf_start (buf_n == 0: empty buffer). */
struct tui_fetch_plan tui_win_plan(const struct tui_win *w, int64_t buf_start, size_t buf_n);

/* ---------------------------------------------------------------- screens */

struct tui_app;
struct tui_screen;

/* What on_action did; app.c redraws or pops accordingly. */
enum tui_result {
    TUI_IGNORED, /* not handled: the app may try its own */
    TUI_HANDLED, /* handled, redraw the screen */
    TUI_CLOSE,   /* pop this screen */
};

/* The operations of a screen. All but draw may be NULL. */
struct tui_screen_ops {
    void (*draw)(struct tui_screen *s, struct tui_app *app);
    enum tui_result (*on_action)(struct tui_screen *s, struct tui_app *app, enum tui_action a);
    /* A printable character not bound in the table (utf8: one code point). */
    enum tui_result (*on_char)(struct tui_screen *s, struct tui_app *app, const char *utf8,
                               size_t n);
    /* The screen is on top again (a screen above it closed). */
    void (*on_resume)(struct tui_screen *s, struct tui_app *app);
    /* Frees the screen (it was popped). */
    void (*close)(struct tui_screen *s);
    /* No key for TUI_IDLE_MS (any screen on the stack; e.g. autosave). */
    void (*on_idle)(struct tui_screen *s, struct tui_app *app);
    /* Work that may take long (a list's exact count): offered after each
     * draw while no key is waiting (any screen on the stack, top first). It
     * gives up as soon as tui_app_should_stop says so, to be offered again
     * later. Returns true when it finished something that changes the
     * screen (the app then redraws and offers again), false otherwise. */
    bool (*on_work)(struct tui_screen *s, struct tui_app *app);
    /* skola is being ended (SIGTERM, SIGHUP: a dropped connection, or
     * Ctrl-C where it quits) and nobody can answer a question: keep the
     * unsaved work as a draft. Called for every screen on the stack, top
     * first, while modal screens are still open; then every modal loop
     * returns as cancelled (app->is_quitting) and the stack is closed. */
    void (*on_terminate)(struct tui_screen *s, struct tui_app *app);
    /* Just pushed by the list: offers the changes that on_terminate kept in
     * a draft file last time, if any (tui_draft_offer). */
    void (*offer_draft)(struct tui_screen *s, struct tui_app *app);
    /* The terminal was resized (any screen on the stack): lay out again. */
    void (*on_resize)(struct tui_screen *s, struct tui_app *app);
    /* No key for TUI_POLL_MS (the top screen only; e.g. a number typed in
     * the menu that waited for a second digit). True when it changed
     * something (the app redraws). */
    bool (*on_poll)(struct tui_screen *s, struct tui_app *app);
};
/* Milliseconds without a key after which on_idle runs. */
#define TUI_IDLE_MS 3000
/* How often the input loop looks at the signal flags while no key comes. */
#define TUI_POLL_MS 200

/* A screen: operations plus its key table. Concrete screens embed this
 * struct as their first member. */
struct tui_screen {
    const struct tui_screen_ops *ops;
    const struct tui_keymap *keys;
    bool is_modal;            /* drawn over the screen below it */
    bool is_done;             /* a modal loop ends when set */
    struct tui_screen *below; /* the screen under it on the stack (set by app) */
};

/* The running application. */
struct tui_app {
    const struct tui_options *opts;
    struct storage_school school;
    struct tui_screen *top; /* screen stack (linked through `below`) */
    char message[512];      /* shown in the message line until the next key */
    bool message_is_error;
    bool has_colors;
    bool is_too_small;
    bool is_quitting;
    int64_t saved_id;       /* set by the editor: the record just saved (the list goes there) */
    int year;               /* the current school year (settings; starts as opts->year) */
    int cursor_y, cursor_x; /* where the terminal cursor is shown; -1 = hidden */
    int end_signal;         /* the signal that ended the interface, or 0 */
    int n_drafts_kept;      /* drafts written by on_terminate */
    int n_drafts_lost;      /* drafts on_terminate could not write */
    char draft_error[512];  /* why the first of them could not be written */
    long long last_key_ms;  /* monotonic time of the last key or idle round */
    bool is_unchanged;      /* the last round only polled: no redraw needed */
    int last_key;           /* the key of the action being handled (TA_NUMBER: its digit) */
};

/* Pushes a screen (takes it). */
void tui_app_push(struct tui_app *app, struct tui_screen *s);
/* Pushes a modal screen and runs the input loop until it sets is_done or
 * closes; the screen is not freed (the caller owns it, usually on its stack). */
void tui_app_modal(struct tui_app *app, struct tui_screen *s);
/* Sets the message line (printf-formatted). */
void tui_app_message(struct tui_app *app, bool is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Redraws the whole stack now (used by long operations to show progress). */
void tui_app_redraw(struct tui_app *app);
/* Whether a key is waiting to be read; checked without blocking, and the
 * key stays queued for the input loop. */
bool tui_app_key_waiting(struct tui_app *app);
/* should_stop for long work (storage_count_cancellable): tui_app_key_waiting,
 * asked at most once a millisecond. ctx is the struct tui_app. */
bool tui_app_should_stop(void *ctx);

/* ------------------------------------------------- terminal (tui/term.c) */

/* Saves the terminal modes as found and installs the signal handlers;
 * call before curses starts. Registers an atexit safety net. */
bool tui_term_save(void);
/* Curses is running: remembers how to leave its screen after a crash. */
void tui_term_started(void);
/* Ends curses once (endwin), puts the saved modes back exactly and
 * restores the previous signal handlers; safe to call more than once. */
void tui_term_end(void);
/* The pending SIGTERM/SIGHUP/SIGQUIT (cleared), or 0. */
int tui_term_take_end_signal(void);
/* "SIGTERM", "SIGUSR1"... for an end signal's message. */
const char *tui_term_signal_name(int sig);
/* Whether SIGINT (Ctrl-C) came since the last call (cleared). */
bool tui_term_take_interrupt(void);
/* Whether any of them is pending (not cleared). */
bool tui_term_is_signalled(void);

/* ---------------------------------------------- drafts (tui/draft.c) */

/* Unsaved field texts of one record editor, kept in a file (0600) under
 * $XDG_STATE_HOME/skola/drafts when skola is ended by a signal, and
 * offered when that record (or a new record of the kind) is opened next. */
struct tui_draft {
    int64_t version; /* the record's version when editing began */
    char saved[32];  /* when the draft was written (DD.MM.YYYY HH:MM, local) */
    char **texts;    /* kind->n_fields, owned; NULL = not kept */
    size_t n_texts;
};
/* Writes the draft of record id (0 = new) of kind. */
/* A draft on_terminate could not write (err: why): counted, and the reason
 * told when skola ends. */
void tui_draft_lost(struct tui_app *app, const struct sk_error *err);
bool tui_draft_write(struct tui_app *app, const struct forms_kind *kind, int64_t id,
                     int64_t version, char *const *texts, struct sk_error *err);
/* on_terminate's end: writes the draft (counted as kept, or lost with the
 * reason) and frees texts (kind->n_fields owned strings or NULLs; takes). */
void tui_draft_keep(struct tui_app *app, const struct forms_kind *kind, int64_t id,
                    int64_t version, char **texts);
/* Reads it: true and *d filled when there is one (free with tui_draft_fini). */
bool tui_draft_read(struct tui_app *app, const struct forms_kind *kind, int64_t id,
                    struct tui_draft *d);
void tui_draft_fini(struct tui_draft *d);
/* Removes it (after the user restored or dropped it). */
void tui_draft_remove(struct tui_app *app, const struct forms_kind *kind, int64_t id);
/* Asks whether to restore the draft of record id of kind, if there is one
 * (saying so when the record's version is no longer the draft's). True with
 * *d filled (free with tui_draft_fini) when the user said yes; the file is
 * removed once answered, and the message line says what happened. */
bool tui_draft_offer(struct tui_app *app, const struct forms_kind *kind, int64_t id,
                     int64_t version, struct tui_draft *d);

/* Screens. */
struct tui_screen *tui_menu_new(struct tui_app *app);
struct tui_screen *tui_list_new(struct tui_app *app, const struct forms_kind *kind);
/* Opens the editor on a copy of rec (id 0 = new record). */
struct tui_screen *tui_form_new(struct tui_app *app, const struct forms_record *rec);
/* The import wizard for kind; returns NULL (message set) when cancelled. */
struct tui_screen *tui_import_new(struct tui_app *app, const struct forms_kind *kind);
/* Fills a new record (rec initialised for its kind) for the editor: the
 * descriptor's defaults, today in FF_TODAY dates, and the FF_REMEMBER fields
 * of the kind's last stored record (tui/quick.c). */
void tui_new_record_defaults(struct tui_app *app, struct forms_record *rec);
/* The settings box: the current school year (chosen from the school's
 * years, stored with storage_set_current_year) and what skola runs with. */
void tui_settings_show(struct tui_app *app);
/* The day staff and vacancies are counted at for app->year: today in the
 * current school year, else 1 September of the year (as in summaries). */
sk_date tui_reference_date(const struct tui_app *app);
/* Asks for a profile and a path and exports q. */
void tui_export_run(struct tui_app *app, const struct storage_query *q);
/* The observation sheet on a copy of rec (id 0 = a new draft); NULL with
 * the message set when its template cannot be read (tui/sheet.c). */
struct tui_screen *tui_sheet_new(struct tui_app *app, const struct forms_record *rec);
/* Shows the teachers not observed yet in app->year (and those below the
 * per-teacher target) with the summary's counts; Enter on one starts a
 * sheet for them (tui/unobserved.c). */
void tui_unobserved_show(struct tui_app *app);
/* The teacher's record (tui/teacher.c): staff member staff_id's sheets of
 * every year, the shares of the criteria beside the school's and the
 * comments in a scrollable box (Esc/q closes). */
void tui_teacher_show(struct tui_app *app, int64_t staff_id);
/* Asks for a file name (default as `skola print observations`) and prints
 * sheets ids[0..n) there as HTML, one A4 page each (tui/teacher.c). */
void tui_print_sheets(struct tui_app *app, const int64_t *ids, size_t n);
/* The export screen: the yearly report (HTML) and the municipality package
 * of a school year, with progress and the files written (tui/export_screen.c). */
struct tui_screen *tui_export_screen_new(struct tui_app *app);
/* The summaries screen of app->year: any struct core_summary, grouped by
 * metric, with bars for percentages (tui/summary.c). */
struct tui_screen *tui_summary_new(struct tui_app *app);

/* ---------------------------------------------------------------- drawing */

enum tui_style {
    TS_NORMAL,
    TS_TITLE,    /* top bar */
    TS_HINTS,    /* bottom key hints */
    TS_CURSOR,   /* selected row */
    TS_HEADER,   /* column headers */
    TS_MARKED,   /* marked row */
    TS_ERROR,    /* error text */
    TS_DISABLED, /* unavailable menu item */
    TS_FIELD,    /* value area of a form field */
    TS_BOX,      /* dialog frame */
    TS_COUNT_
};
/* Sets up the styles (tui/draw.c); colours when `colors`, else monochrome. */
void tui_draw_init_styles(bool colors);
/* The curses attribute for a style (colour pair or monochrome fallback). */
int tui_attr(enum tui_style st);
/* Draws sanitised UTF-8 text at (y, x), at most `cols` screen columns; pads
 * with spaces to `cols` when pad. A longer text is cut between characters
 * and ends in "…". Returns the columns drawn. */
int tui_put(int y, int x, const char *text, int cols, bool pad);
/* As tui_put, but a longer text is only clipped (no "…"): a line editor
 * scrolled sideways, whose cursor may stand in the last column. */
int tui_put_clip(int y, int x, const char *text, int cols, bool pad);
/* Fills a row segment with spaces. */
void tui_blank(int y, int x, int cols);
/* Writes a horizontal bar of `frac` (0..1) of `cols` columns into buf:
 * full blocks █ and an eighth ▏…▉ at the end. */
void tui_bar_text(double frac, int cols, char *buf, size_t cap);
/* Draws a frame with a title; the inside is cleared. */
void tui_box(int y, int x, int h, int w, const char *title);
/* The top bar with a title and the school/year, and the bottom hints. */
void tui_draw_frame(struct tui_app *app, const char *title, const struct tui_keymap *keys);
/* Draws the status-line hints from a key table. */
void tui_help_hints(const struct tui_keymap *keys, int y);
/* Shows the help overlay for a key table (modal, scrollable). */
void tui_help_show(struct tui_app *app, const struct tui_keymap *keys, const char *title);
/* ------------------------------------ list field filters (tui/list_filter.c) */

enum { TUI_MAX_CONDS = 8 };
/* A list's field filters (`f`), owned by the list: conds[0..n). */
struct tui_list_filters {
    struct storage_cond conds[TUI_MAX_CONDS];
    size_t n;
};
/* What tui_filters_ask did. */
enum tui_filters_change { TF_UNCHANGED, TF_CHANGED, TF_CLEAR_ALL };
/* `f`: asks for a field, then a value (choices), a range (dates, numbers)
 * or "empty"; replaces the field's filter or removes it. TF_CLEAR_ALL: the
 * user chose to clear every filter (the caller clears the text filter too). */
enum tui_filters_change tui_filters_ask(struct tui_app *app, const struct forms_kind *kind,
                                        struct tui_list_filters *fl, bool has_text_filter);
void tui_filters_clear(struct tui_list_filters *fl);
/* "Status: In use · Purchased ≥ 01.01.2020" into buf (empty when none). */
void tui_filters_title(const struct forms_kind *kind, const struct tui_list_filters *fl,
                       char *buf, size_t cap);
/* A list's remembered view (per OS login, storage_view_*): sort column tag
 * ('f' field key or 'h' computed column label), direction, text filter and
 * field filters as one text; decode ignores what no longer exists. */
char *tui_view_encode(const struct forms_kind *kind, char sort_tag, const char *sort_key,
                      bool is_reversed, const char *filter, const struct tui_list_filters *fl);
/* Fills what state holds: *sort_tag 0 when it has no sort; *filter owned or NULL. */
void tui_view_decode(const struct forms_kind *kind, const char *state, char *sort_tag,
                     char *sort_key, size_t key_cap, bool *is_reversed, char **filter,
                     struct tui_list_filters *fl);

/* Shows the history of record id of kind (modal, scrollable; tui/history.c);
 * name (may be NULL) names the record in the title. id 0: a message only. */
void tui_history_show(struct tui_app *app, const struct forms_kind *kind, int64_t id,
                      const char *name);

/* ----------------------------------------------------------------- device */

/* In the editor, before a device is saved: a device set to "written off"
 * without a date gets today's and is asked for its write-off act number.
 * Returns true when rec changed (the editor shows the values again). */
bool tui_device_write_off_ask(struct tui_app *app, struct forms_record *rec);
/* `o` on a device: asks the borrower, their kind and the due date, stores
 * the loan and sets the device on loan. True when something changed. */
bool tui_device_lend(struct tui_app *app, const struct forms_record *device);
/* `r` on a device: closes its open loan today, the device back in use. */
bool tui_device_return(struct tui_app *app, const struct forms_record *device);
/* `L` on marked devices: asks a file name and writes their labels sheet. */
void tui_device_labels(struct tui_app *app, const int64_t *ids, size_t n_ids);
/* The list title's part for a scoped list: "without written-off (a: all)"
 * written into buf; returns buf. */
const char *tui_list_scope_title(const struct forms_scope *scope, char *buf, size_t cap);

/* ---------------------------------------------------------------- widgets */

/* Completion callback of a prompt: replaces the text in le if it can;
 * may set the app message to show the alternatives. */
typedef void (*tui_complete_fn)(void *ctx, struct tui_app *app, struct forms_lineedit *le);
/* Called after each edit of a prompt (incremental filter). */
typedef void (*tui_change_fn)(void *ctx, struct tui_app *app, const char *text);

/* Asks for one line of text on the bottom rows. Returns an owned string, or
 * NULL when cancelled with Esc. */
char *tui_prompt(struct tui_app *app, const char *label, const char *initial,
                 tui_change_fn on_change, tui_complete_fn complete, void *ctx);
/* Asks a yes/no question; true for yes. */
bool tui_confirm(struct tui_app *app, const char *question);
/* A pick list; returns the chosen index or -1. `items` borrowed. */
int tui_pick(struct tui_app *app, const char *title, const char *const *items, size_t n,
             int initial);
/* tui_pick with the screen's own keys (help and hints) and, when `whole`
 * is not NULL, the whole text of each item for F3 (the items as shown
 * may be cut). */
int tui_pick_in(struct tui_app *app, const struct tui_keymap *keys, const char *title,
                const char *const *items, const char *const *whole, size_t n, int initial);
/* A check list: `checked` (n bools) is edited in place; true when accepted. */
bool tui_checklist(struct tui_app *app, const char *title, const char *const *items, size_t n,
                   bool *checked);
/* Shows lines of text in a scrollable box until the user leaves it. */
void tui_textbox(struct tui_app *app, const char *title, const char *const *lines, size_t n);
/* Edits multi-line text in a large box; returns true and replaces *text
 * (owned) when accepted. */
bool tui_memo_edit(struct tui_app *app, const char *title, char **text, size_t max_chars);
/* Hands the text of an open memo box to its owner (borrowed for the call). */
typedef void (*tui_memo_draft_fn)(void *ctx, struct tui_app *app, const char *text);
/* As tui_memo_edit; while the box is open, on_draft receives its text after
 * TUI_IDLE_MS without a key when it changed since the last time (so that the
 * owner can save a draft: a crash loses at most a few seconds of typing). */
bool tui_memo_edit_draft(struct tui_app *app, const char *title, char **text, size_t max_chars,
                         tui_memo_draft_fn on_draft, void *ctx);
/* Draws a line editor in a field of w columns, scrolled so that the
 * cursor is visible; with has_cursor the terminal cursor goes there. */
void tui_draw_lineedit(struct tui_app *app, int y, int x, int w, const struct forms_lineedit *le,
                       bool has_cursor);
/* Expands a leading "~/" with $HOME. Returns an owned string. */
char *tui_expand_home(const char *path);
/* File-name completion for prompts (ctx unused). */
void tui_complete_path(void *ctx, struct tui_app *app, struct forms_lineedit *le);

/* Computed list columns (tui/columns.c): a kind may add columns that are
 * not stored, e.g. a device's age. */
struct tui_column_hook {
    const char *after_key; /* shown after this field's column (NULL = at the end) */
    const char *label;     /* N_()-marked */
    int width;
    const char *sort_key; /* field sorted by when this column is chosen, or NULL */
    bool sort_reversed;   /* the column ascends when sort_key descends */
    /* Writes the cell text for rec into buf. */
    void (*format)(const struct forms_record *rec, char *buf, size_t cap);
    /* Instead of format, for values that need the database or the current
     * year (a staff member's PD hours): used when format is NULL. */
    void (*format_app)(struct tui_app *app, const struct forms_record *rec, char *buf, size_t cap);
};
/* One line of the main menu: a record kind's list, or another screen. */
enum tui_menu_area { TMA_KIND, TMA_SUMMARIES, TMA_EXPORT, TMA_SETTINGS };
struct tui_menu_item {
    const struct forms_kind *kind; /* TMA_KIND: the kind (its label is shown) */
    const char *label;             /* other screens: N_()-marked */
    enum tui_menu_area area;
};
enum { TUI_MENU_MAX = 32 };
/* The menu's lines in order (tui/menu.c): the kinds by menu_group and
 * menu_order, then summaries, export and settings. Returns the count
 * (at most cap). */
size_t tui_menu_items(struct tui_menu_item *out, size_t cap);
/* No two kinds share a place in the menu, and it fits TUI_MENU_MAX. */
bool tui_menu_check(struct sk_error *err);
/* The start-up check of the tables the screens are built from: field keys
 * (forms_keys_check), computed columns, the menu and the key tables.
 * False with err set ("Internal error: ...") on the first problem. */
bool tui_check_tables(struct sk_error *err);

/* The computed columns of kind (may be none), in screen order. Borrowed, static. */
const struct tui_column_hook *tui_columns_for(const struct forms_kind *kind, size_t *n);
/* Checks the computed-column table at start: every field key it names
 * exists in its kind, one entry per kind, one formatter per column. False
 * with err set otherwise. */
bool tui_columns_check(struct sk_error *err);

/* ------------------------------------------------ roles (tui/roles.c) */

/* Whether the role of whoever is working may read/change kind (always on
 * a personal file); storage/ enforces it, the interface only follows. */
bool tui_may(const struct tui_app *app, const struct forms_kind *kind, enum storage_access access);
/* When the role may not change kind: shows the refusal naming the role
 * needed on the message line and returns true. */
bool tui_refused(struct tui_app *app, const struct forms_kind *kind);
/* Whether the role may see the figures of some / every area (summaries, export). */
bool tui_may_summarize_any(const struct tui_app *app);
bool tui_may_summarize_all(const struct tui_app *app);
/* "Inese Kalna · deputy" (the login when no staff record is linked) on a
 * shared file, "" on a personal one; written into buf, returned. */
const char *tui_who(const struct tui_app *app, char *buf, size_t cap);
/* The field that says whose record it is (observer, consultant), or -1. */
int tui_mine_field(const struct forms_kind *kind);
/* Puts the staff record linked to the login into that field of a new record. */
void tui_prefill_me(struct tui_app *app, struct forms_record *rec);
/* The staff record linked to the login, or 0. */
int64_t tui_my_staff_id(const struct tui_app *app);

/* An observation sheet in a question or message: its date, teacher and
 * group ("03.10.2024, Anna Kalniņa, 7.b"; empty ones left out), into buf. */
void tui_sheet_describe(const struct forms_record *rec, char *buf, size_t cap);

/* ------------------------------------------ name picker (tui/picker.c) */

/* tui_pick over completed names of ref_kind; staff members are shown with
 * their role beside the name. Returns the index into names, or -1. */
int tui_pick_name(struct tui_app *app, const char *title, const char *ref_kind,
                  const char *const *names, size_t n);

#endif
