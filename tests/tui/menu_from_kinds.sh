# The main menu is built from the kinds' table (menu_group, menu_order in
# each descriptor) plus summaries, export and settings, in both languages. The menu navigates with
# the shared navigation table (PgDn, Home), which its help lists.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init

menu_lines() {
    tui_screen | sed -n 3,18p | sed 's/[[:space:]]*$//'
}

expect_menu() { # LANG EXPECTED
    tui_start "$SKOLA_BIN" --db "$DB" --lang "$1"
    tui_wait 'skola — '
    local got
    got=$(menu_lines)
    if [ "$got" != "$2" ]; then
        printf 'menu (%s) differs:\n%s\n--- expected:\n%s\n' "$1" "$got" "$2" >&2
        exit 1
    fi
}

expect_menu en "      1  Devices
      2  School years
      3  Staff
      4  Vacancies
      5  Trainings
      6  Consultations
      7  Observations
      8  Self-assessment
      9  Priorities
     10  Education programmes
     11  Projects
     12  Exam results
     13  Cohorts
     14  Summaries
     15  Export
     16  Settings"
tui_keys NPage Enter          # the shared PgDn: to the last line, Settings
tui_wait 'Colours:'
tui_keys Escape
tui_keys Home Enter           # the shared Home: the first line, Devices
tui_wait 'Inventory no.'
tui_keys q
tui_wait 'Main menu'
tui_keys '?'
tui_wait 'Keys of this screen'
tui_expect 'Next page'
tui_expect 'Open the selected area'
tui_keys Escape
tui_wait_gone 'Keys of this screen'
tui_quit_from_menu
tui_tmux kill-server >/dev/null 2>&1 || true

expect_menu lv "      1  Ierīces
      2  Mācību gadi
      3  Personāls
      4  Vakances
      5  Profesionālā pilnveide
      6  Atbalsta konsultācijas
      7  Stundu vērošana
      8  Pašvērtējums
      9  Prioritātes
     10  Izglītības programmas
     11  Projekti
     12  Kvalifikācijas eksāmeni
     13  Uzņemtie un absolventi
     14  Kopsavilkumi
     15  Eksports
     16  Iestatījumi"
tui_quit_from_menu
