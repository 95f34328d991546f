# The main menu is built from the kinds' table (menu_group, menu_order in
# each descriptor) plus summaries, export and settings, in both languages. The menu navigates with
# the shared navigation table (PgDn, Home), which its help lists.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init

menu_lines() {
    tui_screen | sed -n 3,19p | sed 's/[[:space:]]*$//'
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
      2  Loans
      3  School years
      4  Staff
      5  Vacancies
      6  Trainings
      7  Consultations
      8  Observations
      9  Self-assessment
     10  Priorities
     11  Education programmes
     12  Projects
     13  Exam results
     14  Cohorts
     15  Summaries
     16  Export
     17  Settings"
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
      2  Izsniegtās ierīces
      3  Mācību gadi
      4  Personāls
      5  Vakances
      6  Profesionālā pilnveide
      7  Atbalsta konsultācijas
      8  Stundu vērošana
      9  Pašvērtējums
     10  Prioritātes
     11  Izglītības programmas
     12  Projekti
     13  Kvalifikācijas eksāmeni
     14  Uzņemtie un absolventi
     15  Kopsavilkumi
     16  Eksports
     17  Iestatījumi"
tui_quit_from_menu
