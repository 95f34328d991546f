/* The key-binding tables, one per screen. Keys map to actions; the help
 * overlay and the status-line hints are generated from these tables, so
 * there is no second list of keys anywhere. */
#include "tui/internal.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL_KEY(c) ((c)&0x1f)

/* List navigation, one table composed into every list screen's map (its
 * `base`): the arrows and page keys mean the same everywhere. */
static const struct tui_binding nav_keys[] = {
    {KEY_UP, true, TA_UP, "Up", N_("Move up"), NULL},
    {KEY_DOWN, true, TA_DOWN, "Down", N_("Move down"), NULL},
    {KEY_PPAGE, true, TA_PGUP, "PgUp", N_("Previous page"), NULL},
    {KEY_NPAGE, true, TA_PGDN, "PgDn", N_("Next page"), NULL},
    {KEY_HOME, true, TA_HOME, "Home", N_("First line"), NULL},
    {KEY_END, true, TA_END, "End", N_("Last line"), NULL},
};

/* j and k as well, on the lists where letters are not typed text. */
static const struct tui_binding nav_letter_keys[] = {
    {'k', false, TA_UP, "k", N_("Move up"), NULL},
    {'j', false, TA_DOWN, "j", N_("Move down"), NULL},
};

/* Other keys shared by several tables are repeated on purpose: a table is
 * data and each one says the whole truth about its screen. */

static const struct tui_binding menu_keys[] = {
    {'\n', false, TA_SELECT, "Enter", N_("Open the selected area"), N_("Open")},
    {'\r', false, TA_SELECT, "Enter", N_("Open the selected area"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Open the selected area"), NULL},
#define MENU_DIGIT(c, name)                                                                        \
    {                                                                                              \
        c, false, TA_NUMBER, name,                                                                 \
            N_("Open the item with that number (10 and above: type both digits quickly)"), NULL    \
    }
    MENU_DIGIT('1', "1–9"),
    MENU_DIGIT('2', "1–9"),
    MENU_DIGIT('3', "1–9"),
    MENU_DIGIT('4', "1–9"),
    MENU_DIGIT('5', "1–9"),
    MENU_DIGIT('6', "1–9"),
    MENU_DIGIT('7', "1–9"),
    MENU_DIGIT('8', "1–9"),
    MENU_DIGIT('9', "1–9"),
    MENU_DIGIT('0', "0"),
#undef MENU_DIGIT
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {'q', false, TA_QUIT, "q", N_("Quit skola"), N_("Quit")},
    {27, false, TA_QUIT, "Esc", N_("Quit skola"), NULL},
};

static const struct tui_binding list_keys[] = {
    {'n', false, TA_NEW, "n", N_("New record"), N_("New")},
    {'\n', false, TA_EDIT, "Enter", N_("Edit the selected record"), N_("Edit")},
    {'\r', false, TA_EDIT, "Enter", N_("Edit the selected record"), NULL},
    {KEY_ENTER, true, TA_EDIT, "Enter", N_("Edit the selected record"), NULL},
    {'d', false, TA_DELETE, "d", N_("Delete the selected record (asks first)"), N_("Delete")},
    {KEY_DC, true, TA_DELETE, "Del", N_("Delete the selected record (asks first)"), NULL},
    {' ', false, TA_MARK, "Space", N_("Mark or unmark the selected record"), N_("Mark")},
    {'u', false, TA_UNMARK_ALL, "u", N_("Unmark all records"), NULL},
    {'b', false, TA_BULK, "b", N_("Change one field of all marked records"), N_("Bulk change")},
    {'/', false, TA_FILTER, "/", N_("Filter (letters without diacritics also match)"),
     N_("Filter")},
    {'s', false, TA_SORT, "s", N_("Sort by the next column"), N_("Sort")},
    {'S', false, TA_SORT_REVERSE, "S", N_("Reverse the sort order"), NULL},
    {'i', false, TA_IMPORT, "i", N_("Import records from a CSV file"), N_("Import")},
    {'w', false, TA_UNOBSERVED, "w", N_("Teachers not observed yet this school year"), NULL,
     TK_OBS},
    {'m', false, TA_MINE, "m", N_("Only my observations or consultations, or all again"), NULL,
     TK_MINE},
    {'p', false, TA_PRINT, "p", N_("Print the marked sheets (or the selected one) to an HTML file"),
     NULL, TK_OBS},
    {'t', false, TA_TEACHER, "t", N_("The teacher's observations across years"), NULL, TK_TEACHER},
    {'x', false, TA_EXPORT, "x", N_("Export the records shown to a CSV file"), N_("Export")},
    {'h', false, TA_HISTORY, "h", N_("History of the selected record: who changed what, when"),
     N_("History")},
    {'y', false, TA_YEAR, "y", N_("Show only the current school year, or all years"), NULL,
     TK_YEAR},
    {'f', false, TA_FIELD_FILTER, "f",
     N_("Filter by a field: a value, a range (dates, numbers) or empty"), N_("Field filter")},
    {'F', false, TA_FILL, "F", N_("Add the missing rows of the year's table"), NULL, TK_FILL},
    {'F', false, TA_FILL, "F", N_("Clear every filter"), NULL, TK_NO_FILL},
    {'a', false, TA_ALL, "a",
     N_("Show all records, or only the usual ones (devices not written off, open loans)"), NULL,
     TK_SCOPE},
    {'o', false, TA_LEND, "o", N_("Lend the selected device"), NULL, TK_DEVICE},
    {'r', false, TA_RETURN, "r", N_("Take the lent device back"), NULL, TK_DEVICE},
    {'L', false, TA_LABELS, "L", N_("Write labels with QR codes of the marked devices"), NULL,
     TK_DEVICE},
    {'v', false, TA_VIEW, "v", N_("Show the whole selected record, nothing cut"), N_("View")},
    {KEY_F(3), true, TA_VIEW, "F3", N_("Show the whole selected record, nothing cut"), NULL},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {'q', false, TA_BACK, "q", N_("Back to the main menu"), N_("Back")},
    {27, false, TA_BACK, "Esc", N_("Back to the main menu"), NULL},
};

static const struct tui_binding form_keys[] = {
    {'\t', false, TA_NEXT_FIELD, "Tab", N_("Next field"), N_("Next field")},
    {KEY_BTAB, true, TA_PREV_FIELD, "Shift-Tab", N_("Previous field"), NULL},
    {KEY_DOWN, true, TA_NEXT_FIELD, "Down", N_("Next field"), NULL},
    {KEY_UP, true, TA_PREV_FIELD, "Up", N_("Previous field"), NULL},
    {KEY_PPAGE, true, TA_PGUP, "PgUp", N_("First field"), NULL},
    {KEY_NPAGE, true, TA_PGDN, "PgDn", N_("Last field"), NULL},
    {KEY_LEFT, true, TA_LEFT, "Left", N_("Move left in a text; previous choice of a list field"),
     NULL},
    {KEY_RIGHT, true, TA_RIGHT, "Right", N_("Move right in a text; next choice of a list field"),
     NULL},
    {KEY_HOME, true, TA_LE_HOME, "Home", N_("Start of the text"), NULL},
    {KEY_END, true, TA_LE_END, "End", N_("End of the text"), NULL},
    {CTRL_KEY('a'), false, TA_LE_HOME, "Ctrl-A", N_("Start of the text"), NULL},
    {CTRL_KEY('e'), false, TA_LE_END, "Ctrl-E", N_("End of the text"), NULL},
    {CTRL_KEY('k'), false, TA_LE_KILL_END, "Ctrl-K", N_("Delete to the end of the text"), NULL},
    {CTRL_KEY('u'), false, TA_LE_KILL_START, "Ctrl-U", N_("Delete to the start of the text"), NULL},
    {CTRL_KEY('w'), false, TA_LE_DEL_WORD, "Ctrl-W", N_("Delete the word before the cursor"), NULL},
    {127, false, TA_LE_BACKSPACE, "Backspace", N_("Delete the character before the cursor"), NULL},
    {CTRL_KEY('h'), false, TA_LE_BACKSPACE, "Ctrl-H", N_("Delete the character before the cursor"),
     NULL},
    {KEY_BACKSPACE, true, TA_LE_BACKSPACE, "Backspace",
     N_("Delete the character before the cursor"), NULL},
    {KEY_DC, true, TA_LE_DELETE, "Del", N_("Delete the character under the cursor"), NULL},
    {' ', false, TA_TOGGLE, "Space", N_("Tick or untick a check box (in text: a space)"), NULL},
    {'\n', false, TA_SELECT, "Enter",
     N_("Choose from a list (list, flag, reference and multi-line fields); else next field"),
     N_("Choose")},
    {'\r', false, TA_SELECT, "Enter",
     N_("Choose from a list (list, flag, reference and multi-line fields); else next field"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter",
     N_("Choose from a list (list, flag, reference and multi-line fields); else next field"), NULL},
    {KEY_F(3), true, TA_VIEW, "F3", N_("Show the whole text of the field, nothing cut"), NULL},
    {CTRL_KEY('s'), false, TA_SAVE, "Ctrl-S", N_("Save the record"), N_("Save")},
    {KEY_F(2), true, TA_SAVE, "F2", N_("Save the record"), NULL},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), N_("Help")},
    {27, false, TA_BACK, "Esc",
     N_("Leave the editor (asks when there are unsaved changes; also q outside a text field)"),
     N_("Leave")},
    {CTRL_KEY('c'), false, TA_BACK, "Ctrl-C",
     N_("Leave the editor (asks when there are unsaved changes; also q outside a text field)"),
     NULL},
};

static const struct tui_binding memo_keys[] = {
    {'\n', false, TA_SELECT, "Enter", N_("Start a new line"), NULL},
    {'\r', false, TA_SELECT, "Enter", N_("Start a new line"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Start a new line"), NULL},
    {KEY_LEFT, true, TA_LEFT, "Left", N_("Move left"), NULL},
    {KEY_RIGHT, true, TA_RIGHT, "Right", N_("Move right"), NULL},
    {KEY_UP, true, TA_UP, "Up", N_("Line up"), NULL},
    {KEY_DOWN, true, TA_DOWN, "Down", N_("Line down"), NULL},
    {KEY_HOME, true, TA_LE_HOME, "Home", N_("Start of the line"), NULL},
    {KEY_END, true, TA_LE_END, "End", N_("End of the line"), NULL},
    {CTRL_KEY('a'), false, TA_LE_HOME, "Ctrl-A", N_("Start of the line"), NULL},
    {CTRL_KEY('e'), false, TA_LE_END, "Ctrl-E", N_("End of the line"), NULL},
    {CTRL_KEY('k'), false, TA_LE_KILL_END, "Ctrl-K", N_("Delete to the end of the text"), NULL},
    {CTRL_KEY('u'), false, TA_LE_KILL_START, "Ctrl-U", N_("Delete to the start of the text"), NULL},
    {CTRL_KEY('w'), false, TA_LE_DEL_WORD, "Ctrl-W", N_("Delete the word before the cursor"), NULL},
    {127, false, TA_LE_BACKSPACE, "Backspace", N_("Delete the character before the cursor"), NULL},
    {CTRL_KEY('h'), false, TA_LE_BACKSPACE, "Ctrl-H", N_("Delete the character before the cursor"),
     NULL},
    {KEY_BACKSPACE, true, TA_LE_BACKSPACE, "Backspace",
     N_("Delete the character before the cursor"), NULL},
    {KEY_DC, true, TA_LE_DELETE, "Del", N_("Delete the character under the cursor"), NULL},
    {CTRL_KEY('s'), false, TA_SAVE, "Ctrl-S", N_("Keep the text and close the box"), N_("Keep")},
    {KEY_F(2), true, TA_SAVE, "F2", N_("Keep the text and close the box"), NULL},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), N_("Help")},
    {27, false, TA_CANCEL, "Esc", N_("Close the box without keeping the changes"), N_("Cancel")},
    {CTRL_KEY('c'), false, TA_CANCEL, "Ctrl-C", N_("Close the box without keeping the changes"),
     NULL},
};

static const struct tui_binding help_keys[] = {
    {KEY_UP, true, TA_UP, "Up", N_("Scroll up"), NULL},
    {KEY_DOWN, true, TA_DOWN, "Down", N_("Scroll down"), NULL},
    {KEY_PPAGE, true, TA_PGUP, "PgUp", N_("Previous page"), NULL},
    {KEY_NPAGE, true, TA_PGDN, "PgDn", N_("Next page"), NULL},
    {'q', false, TA_BACK, "q", N_("Close the help"), N_("Close")},
    {27, false, TA_BACK, "Esc", N_("Close the help"), NULL},
    {'?', false, TA_BACK, "?", N_("Close the help"), NULL},
    {KEY_F(1), true, TA_BACK, "F1", N_("Close the help"), NULL},
    {'\n', false, TA_BACK, "Enter", N_("Close the help"), NULL},
    {'\r', false, TA_BACK, "Enter", N_("Close the help"), NULL},
    {CTRL_KEY('c'), false, TA_BACK, "Ctrl-C", N_("Close the help"), NULL},
};

static const struct tui_binding pick_keys[] = {
    {'\n', false, TA_SELECT, "Enter", N_("Choose the selected item"), N_("Choose")},
    {'\r', false, TA_SELECT, "Enter", N_("Choose the selected item"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Choose the selected item"), NULL},
    {KEY_F(3), true, TA_VIEW, "F3", N_("Show the selected item whole, nothing cut"), N_("View")},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {27, false, TA_CANCEL, "Esc", N_("Cancel"), NULL},
    /* Latvian has no q: typing it to jump to an item is no loss */
    {'q', false, TA_CANCEL, "q", N_("Cancel"), N_("Cancel")},
    {CTRL_KEY('c'), false, TA_CANCEL, "Ctrl-C", N_("Cancel"), NULL},
};

/* The Settings screen (tui/settings.c): a pick list of settings. */
static const struct tui_binding settings_keys[] = {
    {'\n', false, TA_SELECT, "Enter", N_("Change the selected setting"), N_("Change")},
    {'\r', false, TA_SELECT, "Enter", N_("Change the selected setting"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Change the selected setting"), NULL},
    {KEY_F(3), true, TA_VIEW, "F3", N_("Show the selected line whole, nothing cut"), N_("View")},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {'q', false, TA_CANCEL, "q", N_("Back to the main menu"), N_("Back")},
    {27, false, TA_CANCEL, "Esc", N_("Back to the main menu"), NULL},
    {CTRL_KEY('c'), false, TA_CANCEL, "Ctrl-C", N_("Back to the main menu"), NULL},
};

/* The "not observed yet" box (tui/unobserved.c). */
static const struct tui_binding unobserved_keys[] = {
    {'\n', false, TA_SELECT, "Enter", N_("Start a new observation sheet for the selected teacher"),
     N_("New sheet")},
    {'\r', false, TA_SELECT, "Enter", N_("Start a new observation sheet for the selected teacher"),
     NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter",
     N_("Start a new observation sheet for the selected teacher"), NULL},
    {KEY_F(3), true, TA_VIEW, "F3", N_("Show the selected line whole, nothing cut"), N_("View")},
    {'v', false, TA_VIEW, "v", N_("Show the selected line whole, nothing cut"), NULL},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {'q', false, TA_CANCEL, "q", N_("Close the box"), N_("Close")},
    {27, false, TA_CANCEL, "Esc", N_("Close the box"), NULL},
    {CTRL_KEY('c'), false, TA_CANCEL, "Ctrl-C", N_("Close the box"), NULL},
};

static const struct tui_binding checklist_keys[] = {
    {' ', false, TA_TOGGLE, "Space", N_("Tick or untick the selected item"), N_("Tick")},
    {'\n', false, TA_SELECT, "Enter", N_("Keep the ticked items"), N_("OK")},
    {'\r', false, TA_SELECT, "Enter", N_("Keep the ticked items"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Keep the ticked items"), NULL},
    {KEY_F(3), true, TA_VIEW, "F3", N_("Show the selected item whole, nothing cut"), NULL},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {27, false, TA_CANCEL, "Esc", N_("Cancel"), NULL},
    {'q', false, TA_CANCEL, "q", N_("Cancel"), N_("Cancel")},
    {CTRL_KEY('c'), false, TA_CANCEL, "Ctrl-C", N_("Cancel"), NULL},
};

static const struct tui_binding prompt_keys[] = {
    {KEY_LEFT, true, TA_LEFT, "Left", N_("Move left"), NULL},
    {KEY_RIGHT, true, TA_RIGHT, "Right", N_("Move right"), NULL},
    {KEY_HOME, true, TA_LE_HOME, "Home", N_("Start of the text"), NULL},
    {KEY_END, true, TA_LE_END, "End", N_("End of the text"), NULL},
    {CTRL_KEY('a'), false, TA_LE_HOME, "Ctrl-A", N_("Start of the text"), NULL},
    {CTRL_KEY('e'), false, TA_LE_END, "Ctrl-E", N_("End of the text"), NULL},
    {CTRL_KEY('k'), false, TA_LE_KILL_END, "Ctrl-K", N_("Delete to the end of the text"), NULL},
    {CTRL_KEY('u'), false, TA_LE_KILL_START, "Ctrl-U", N_("Delete to the start of the text"), NULL},
    {CTRL_KEY('w'), false, TA_LE_DEL_WORD, "Ctrl-W", N_("Delete the word before the cursor"), NULL},
    {127, false, TA_LE_BACKSPACE, "Backspace", N_("Delete the character before the cursor"), NULL},
    {CTRL_KEY('h'), false, TA_LE_BACKSPACE, "Ctrl-H", N_("Delete the character before the cursor"),
     NULL},
    {KEY_BACKSPACE, true, TA_LE_BACKSPACE, "Backspace",
     N_("Delete the character before the cursor"), NULL},
    {KEY_DC, true, TA_LE_DELETE, "Del", N_("Delete the character under the cursor"), NULL},
    {'\t', false, TA_COMPLETE, "Tab", N_("Complete a file name"), N_("Complete")},
    {'\n', false, TA_SELECT, "Enter", N_("Accept"), N_("OK")},
    {'\r', false, TA_SELECT, "Enter", N_("Accept"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Accept"), NULL},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {27, false, TA_CANCEL, "Esc", N_("Cancel"), N_("Cancel")},
    {CTRL_KEY('c'), false, TA_CANCEL, "Ctrl-C", N_("Cancel"), NULL},
};

static const struct tui_binding confirm_keys[] = {
    {'y', false, TA_YES, "y", N_("Yes"), N_("Yes")},
    {'Y', false, TA_YES, "Y", N_("Yes"), NULL},
    {'j', false, TA_YES, "j", N_("Yes (jā)"), NULL},
    {'n', false, TA_NO, "n", N_("No"), N_("No")},
    {'N', false, TA_NO, "N", N_("No"), NULL},
    {27, false, TA_NO, "Esc", N_("No"), NULL},
    {'q', false, TA_NO, "q", N_("No"), NULL},
    {CTRL_KEY('c'), false, TA_NO, "Ctrl-C", N_("No"), NULL},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
};

static const struct tui_binding message_keys[] = {
    {'\n', false, TA_SELECT, "Enter", N_("Close"), N_("Close")},
    {'\r', false, TA_SELECT, "Enter", N_("Close"), NULL},
    {27, false, TA_CANCEL, "Esc", N_("Close"), NULL},
    {'q', false, TA_CANCEL, "q", N_("Close"), NULL},
    {CTRL_KEY('c'), false, TA_CANCEL, "Ctrl-C", N_("Close"), NULL},
};

static const struct tui_binding import_keys[] = {
    {'\n', false, TA_SELECT, "Enter", N_("Next step: check the file, then import it"),
     N_("Next step")},
    {'\r', false, TA_SELECT, "Enter", N_("Next step: check the file, then import it"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Next step: check the file, then import it"), NULL},
    {'m', false, TA_MODE, "m",
     N_("Switch between adding new records and also updating existing ones"), N_("Mode")},
    {KEY_LEFT, true, TA_LEFT, "Left", N_("Scroll the preview to the left"), NULL},
    {KEY_RIGHT, true, TA_RIGHT, "Right", N_("Scroll the preview to the right"), NULL},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), NULL},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), N_("Help")},
    {27, false, TA_CANCEL, "Esc", N_("Cancel the import (nothing is written)"), N_("Cancel")},
    {'q', false, TA_CANCEL, "q", N_("Cancel the import (nothing is written)"), NULL},
};

static const struct tui_binding text_keys[] = {
    {'\n', false, TA_BACK, "Enter", N_("Close"), NULL},
    {'\r', false, TA_BACK, "Enter", N_("Close"), NULL},
    {'q', false, TA_BACK, "q", N_("Close"), N_("Close")},
    {27, false, TA_BACK, "Esc", N_("Close"), NULL},
    {CTRL_KEY('c'), false, TA_BACK, "Ctrl-C", N_("Close"), NULL},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
};

/* The observation sheet (tui/sheet.c). */
static const struct tui_binding sheet_keys[] = {
    {'\t', false, TA_NEXT_FIELD, "Tab", N_("Next line of the sheet"), N_("Next")},
    {KEY_BTAB, true, TA_PREV_FIELD, "Shift-Tab", N_("Previous line of the sheet"), NULL},
    {KEY_DOWN, true, TA_DOWN, "Down", N_("Next line of the sheet"), NULL},
    {KEY_UP, true, TA_UP, "Up", N_("Previous line of the sheet"), NULL},
    {KEY_NPAGE, true, TA_PGDN, "PgDn", N_("One screen down"), NULL},
    {KEY_PPAGE, true, TA_PGUP, "PgUp", N_("One screen up"), NULL},
    {KEY_LEFT, true, TA_LEFT, "Left", N_("Move left in a text; previous status"), NULL},
    {KEY_RIGHT, true, TA_RIGHT, "Right", N_("Move right in a text; next status"), NULL},
    {KEY_HOME, true, TA_LE_HOME, "Home", N_("Start of the text"), NULL},
    {KEY_END, true, TA_LE_END, "End", N_("End of the text"), NULL},
    {CTRL_KEY('a'), false, TA_LE_HOME, "Ctrl-A", N_("Start of the text"), NULL},
    {CTRL_KEY('e'), false, TA_LE_END, "Ctrl-E", N_("End of the text"), NULL},
    {CTRL_KEY('k'), false, TA_LE_KILL_END, "Ctrl-K", N_("Delete to the end of the text"), NULL},
    {CTRL_KEY('u'), false, TA_LE_KILL_START, "Ctrl-U", N_("Delete to the start of the text"), NULL},
    {CTRL_KEY('w'), false, TA_LE_DEL_WORD, "Ctrl-W", N_("Delete the word before the cursor"), NULL},
    {127, false, TA_LE_BACKSPACE, "Backspace", N_("Delete the character before the cursor"), NULL},
    {CTRL_KEY('h'), false, TA_LE_BACKSPACE, "Ctrl-H", N_("Delete the character before the cursor"),
     NULL},
    {KEY_BACKSPACE, true, TA_LE_BACKSPACE, "Backspace",
     N_("Delete the character before the cursor"), NULL},
    {KEY_DC, true, TA_LE_DELETE, "Del", N_("Delete the character under the cursor"), NULL},
    {' ', false, TA_TOGGLE, "Space",
     N_("Tick or untick a criterion, purpose or recommendation; next status (in text: a space)"),
     N_("Tick")},
    {'\n', false, TA_SELECT, "Enter",
     N_("Teacher, observer, area: choose from the names and values known; comment: open the "
        "box; tick: tick"),
     N_("Choose")},
    {'\r', false, TA_SELECT, "Enter",
     N_("Teacher, observer, area: choose from the names and values known; comment: open the "
        "box; tick: tick"),
     NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter",
     N_("Teacher, observer, area: choose from the names and values known; comment: open the "
        "box; tick: tick"),
     NULL},
    {CTRL_KEY('s'), false, TA_SAVE, "Ctrl-S", N_("Save the sheet (its status stays)"), N_("Save")},
    {KEY_F(2), true, TA_SAVE, "F2", N_("Save the sheet (its status stays)"), NULL},
    {CTRL_KEY('f'), false, TA_FINISH, "Ctrl-F", N_("Mark the sheet final, save it and close it"),
     N_("Final")},
    {KEY_F(5), true, TA_FINISH, "F5", N_("Mark the sheet final, save it and close it"), NULL},
    {CTRL_KEY('p'), false, TA_PRINT, "Ctrl-P",
     N_("Print the saved sheet to an HTML file (also p outside a text field)"), NULL},
    {CTRL_KEY('t'), false, TA_TEACHER, "Ctrl-T",
     N_("The teacher's observations across years (also t outside a text field)"), NULL},
    {CTRL_KEY('r'), false, TA_HISTORY, "Ctrl-R", N_("History of the sheet: who changed what, when"),
     NULL},
    {KEY_F(3), true, TA_VIEW, "F3",
     N_("Show the whole text of the line, nothing cut (also v outside a text field)"), NULL},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), N_("Help")},
    {27, false, TA_BACK, "Esc",
     N_("Leave the sheet (a draft is saved; a changed final sheet asks; also q outside a text "
        "field)"),
     N_("Leave")},
    {CTRL_KEY('c'), false, TA_BACK, "Ctrl-C",
     N_("Leave the sheet (a draft is saved; a changed final sheet asks; also q outside a text "
        "field)"),
     NULL},
};

/* The history screen (tui/history.c). */
static const struct tui_binding history_keys[] = {
    {'v', false, TA_VIEW, "v", N_("Show the changes from the top line down, nothing cut"),
     N_("View")},
    {KEY_F(3), true, TA_VIEW, "F3", N_("Show the changes from the top line down, nothing cut"),
     NULL},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {'q', false, TA_BACK, "q", N_("Close the history"), N_("Close")},
    {27, false, TA_BACK, "Esc", N_("Close the history"), NULL},
};

/* The summaries screen (tui/summary.c). */
static const struct tui_binding summary_keys[] = {
    {KEY_LEFT, true, TA_YEAR_PREV, "Left", N_("Previous school year"), N_("Year -")},
    {KEY_RIGHT, true, TA_YEAR_NEXT, "Right", N_("Next school year"), N_("Year +")},
    {'w', false, TA_UNOBSERVED, "w", N_("Teachers not observed yet this school year"),
     N_("Not observed")},
    {'v', false, TA_VIEW, "v", N_("Show the metric at the top of the screen whole, nothing cut"),
     N_("View")},
    {KEY_F(3), true, TA_VIEW, "F3",
     N_("Show the metric at the top of the screen whole, nothing cut"), NULL},
    {'\n', false, TA_SELECT, "Enter",
     N_("Show the metric at the top of the screen whole, nothing cut"), NULL},
    {'\r', false, TA_SELECT, "Enter",
     N_("Show the metric at the top of the screen whole, nothing cut"), NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter",
     N_("Show the metric at the top of the screen whole, nothing cut"), NULL},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {'q', false, TA_BACK, "q", N_("Back to the main menu"), N_("Back")},
    {27, false, TA_BACK, "Esc", N_("Back to the main menu"), NULL},
};

/* The export screen (tui/export_screen.c): report and municipality package. */
static const struct tui_binding export_keys[] = {
    {KEY_LEFT, true, TA_LEFT, "Left", N_("Previous school year; the other report language"), NULL},
    {KEY_RIGHT, true, TA_RIGHT, "Right", N_("Next school year; the other report language"), NULL},
    {'\n', false, TA_SELECT, "Enter", N_("Change the selected line, or do the selected action"),
     N_("Change/Do")},
    {'\r', false, TA_SELECT, "Enter", N_("Change the selected line, or do the selected action"),
     NULL},
    {KEY_ENTER, true, TA_SELECT, "Enter", N_("Change the selected line, or do the selected action"),
     NULL},
    {'r', false, TA_WRITE_REPORT, "r", N_("Write the report (the yearly self-evaluation tables)"),
     N_("Report")},
    {'p', false, TA_WRITE_PACKAGE, "p", N_("Write the municipality package"), N_("Package")},
    {'a', false, TA_WRITE_BOTH, "a", N_("Write both the report and the package"), N_("Both")},
    {'?', false, TA_HELP, "?", N_("Show all keys of this screen"), N_("Help")},
    {KEY_F(1), true, TA_HELP, "F1", N_("Show all keys of this screen"), NULL},
    {'q', false, TA_BACK, "q", N_("Back to the main menu"), N_("Back")},
    {27, false, TA_BACK, "Esc", N_("Back to the main menu"), NULL},
};

#define KEYMAP(name, table)                                                                        \
    {                                                                                              \
        name, table, SK_ARRAY_LEN(table)                                                           \
    }
/* A screen's table with shared bindings composed in before its own. */
#define KEYMAP_ON(name, table, shared)                                                             \
    {                                                                                              \
        name, table, SK_ARRAY_LEN(table), shared                                                   \
    }

const struct tui_keymap tui_keys_nav = KEYMAP("nav", nav_keys);
const struct tui_keymap tui_keys_nav_letters =
    KEYMAP_ON("nav-letters", nav_letter_keys, &tui_keys_nav);

const struct tui_keymap tui_keys_menu = KEYMAP_ON("menu", menu_keys, &tui_keys_nav_letters);
const struct tui_keymap tui_keys_list = KEYMAP_ON("list", list_keys, &tui_keys_nav_letters);
const struct tui_keymap tui_keys_form = KEYMAP("form", form_keys);
const struct tui_keymap tui_keys_memo = KEYMAP("memo", memo_keys);
const struct tui_keymap tui_keys_help = KEYMAP("help", help_keys);
const struct tui_keymap tui_keys_pick = KEYMAP_ON("pick", pick_keys, &tui_keys_nav);
const struct tui_keymap tui_keys_checklist = KEYMAP_ON("checklist", checklist_keys, &tui_keys_nav);
const struct tui_keymap tui_keys_settings = KEYMAP_ON("settings", settings_keys, &tui_keys_nav);
const struct tui_keymap tui_keys_unobserved =
    KEYMAP_ON("unobserved", unobserved_keys, &tui_keys_nav);
const struct tui_keymap tui_keys_prompt = KEYMAP("prompt", prompt_keys);
const struct tui_keymap tui_keys_confirm = KEYMAP("confirm", confirm_keys);
const struct tui_keymap tui_keys_message = KEYMAP("message", message_keys);
const struct tui_keymap tui_keys_import = KEYMAP_ON("import", import_keys, &tui_keys_nav);
const struct tui_keymap tui_keys_text = KEYMAP_ON("text", text_keys, &tui_keys_nav);
const struct tui_keymap tui_keys_sheet = KEYMAP("sheet", sheet_keys);
const struct tui_keymap tui_keys_summary =
    KEYMAP_ON("summary", summary_keys, &tui_keys_nav_letters);
const struct tui_keymap tui_keys_export = KEYMAP_ON("export", export_keys, &tui_keys_nav_letters);
const struct tui_keymap tui_keys_history =
    KEYMAP_ON("history", history_keys, &tui_keys_nav_letters);

const struct tui_keymap *const tui_keymaps[] = {
    &tui_keys_menu,     &tui_keys_list,       &tui_keys_form,      &tui_keys_memo,
    &tui_keys_help,     &tui_keys_pick,       &tui_keys_checklist, &tui_keys_prompt,
    &tui_keys_confirm,  &tui_keys_message,    &tui_keys_import,    &tui_keys_text,
    &tui_keys_sheet,    &tui_keys_summary,    &tui_keys_export,    &tui_keys_history,
    &tui_keys_settings, &tui_keys_unobserved,
};
const size_t tui_n_keymaps = SK_ARRAY_LEN(tui_keymaps);

size_t
tui_keymap_count(const struct tui_keymap *map)
{
    size_t n = 0;
    for (; map; map = map->shared)
        n += map->n_keys;
    return n;
}

const struct tui_binding *
tui_keymap_at(const struct tui_keymap *map, size_t i)
{
    /* the shared tables come first: the help lists navigation at the top */
    if (map->shared) {
        size_t n_shared = tui_keymap_count(map->shared);
        if (i < n_shared)
            return tui_keymap_at(map->shared, i);
        i -= n_shared;
    }
    return i < map->n_keys ? &map->keys[i] : NULL;
}

enum tui_action
tui_keys_lookup(const struct tui_keymap *map, int key, bool fkey)
{
    size_t n = tui_keymap_count(map);
    for (size_t i = 0; i < n; i++) {
        const struct tui_binding *b = tui_keymap_at(map, i);
        if (b->key == key && b->fkey == fkey)
            return b->action;
    }
    return TA_NONE;
}

/* Whether no screen can have both bindings (F fills a yearly table or
 * clears the filters, never both). */
static bool
is_exclusive(const struct tui_binding *a, const struct tui_binding *b)
{
    unsigned both = a->when | b->when;
    return (both & TK_FILL) && (both & TK_NO_FILL) && ((a->when ^ b->when) & TK_FILL);
}

size_t
tui_keys_filter(const struct tui_keymap *map, unsigned features, struct tui_binding *out,
                size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < map->n_keys && n < cap; i++)
        if ((map->keys[i].when & ~features) == 0)
            out[n++] = map->keys[i];
    return n;
}

bool
tui_keys_check(const struct tui_keymap *map, char *why, size_t cap)
{
    size_t n = tui_keymap_count(map);
    for (size_t i = 0; i < n; i++) {
        const struct tui_binding *b = tui_keymap_at(map, i);
        if (!b->keyname || !b->keyname[0] || !b->help || !b->help[0] || b->action == TA_NONE) {
            snprintf(why, cap, "%s: entry %zu has no key name, help or action", map->name, i);
            return false;
        }
        /* a screen may not rebind a shared key either */
        for (size_t j = 0; j < i; j++)
            if (tui_keymap_at(map, j)->key == b->key && tui_keymap_at(map, j)->fkey == b->fkey &&
                !is_exclusive(tui_keymap_at(map, j), b)) {
                snprintf(why, cap, "%s: key %s is bound twice (entries %zu and %zu)", map->name,
                         b->keyname, j, i);
                return false;
            }
    }
    return true;
}

int
tui_keys_le_op(enum tui_action a)
{
    switch (a) {
    case TA_LEFT:
        return LE_LEFT;
    case TA_RIGHT:
        return LE_RIGHT;
    case TA_LE_HOME:
        return LE_HOME;
    case TA_LE_END:
        return LE_END;
    case TA_LE_BACKSPACE:
        return LE_BACKSPACE;
    case TA_LE_DELETE:
        return LE_DELETE;
    case TA_LE_KILL_END:
        return LE_KILL_END;
    case TA_LE_KILL_START:
        return LE_KILL_START;
    case TA_LE_DEL_WORD:
        return LE_DEL_WORD;
    case TA_LE_WORD_LEFT:
        return LE_WORD_LEFT;
    case TA_LE_WORD_RIGHT:
        return LE_WORD_RIGHT;
    default:
        return -1;
    }
}
