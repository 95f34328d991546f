# The deputy head fills a whole observation sheet from the keyboard: the
# draft saves itself when idle and when a comment box closes, Ctrl-F makes
# it final, the list shows it with its ticks, and the summary changes.
. "$(dirname "$0")/../lib/tui.sh"
tui_db_init
"$SKOLA_BIN" --db "$DB" import staff "$SKOLA_SRCDIR/tests/data/observations-staff.csv" >/dev/null
printf 'year,teachers,observations_per_teacher_target\n2024,2,1\n' >"$TUI_DIR/years.csv"
"$SKOLA_BIN" --db "$DB" import school-years "$TUI_DIR/years.csv" >/dev/null

tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_keys End Up Up Enter            # Summaries
tui_wait 'Summaries 2024./2025.'
tui_expect 'Lesson observations'
tui_expect 'n/d    (no final observations'
tui_keys q
tui_wait 'Main menu'
tui_keys Home Down Down Down Down Down Down Down Enter
tui_wait 'No records yet'
tui_keys n
tui_wait 'Observation sheet (LVT-2023) — ticked 0/17'
tui_expect '15.11.2024'
tui_keys Tab
tui_type 'T-21'
tui_wait 'Draft saved.'                 # idle for a few seconds: the draft saved itself
tui_keys Tab; tui_type '14'
tui_keys Tab; tui_type '16'
tui_keys Tab; tui_type 'Šūšana'
tui_keys Tab; tui_type 'Tekstils'
tui_keys Tab; tui_type 'Ann'; tui_keys Enter
tui_wait 'Anna Ābele'
tui_keys Tab; tui_type 'Ieva'; tui_keys Enter
tui_wait 'Ieva Rozīte'
tui_keys Tab; tui_type 'Piedurknes konstrukcija'
tui_keys Tab Tab Space Tab Tab      # purpose: lesson quality
# section 1: three ticks, then its comment box
tui_keys Space Tab Space Tab Space Tab Enter
tui_wait 'Comments'
tui_type 'Mērķis nosaukts.'
tui_keys C-s
tui_wait 'Draft saved.'
tui_keys Tab Space Tab Space Tab Space Tab Space Tab Tab          # section 2
tui_keys Space Tab Space Tab Space Tab Space Tab Tab              # section 3
tui_keys Space Tab Space Tab Space Tab Space Tab Space Tab Space Tab Tab  # section 4
tui_wait 'ticked 17/17'
tui_keys Tab Space Tab Tab Space    # improvements; recommendations: attitude, content
tui_wait '[x] Teaching content'
tui_expect '[x] Pupils'
tui_keys C-f
tui_wait 'Saved (final).'
tui_wait '1 of 1'
tui_expect 'Anna Ābele'
tui_expect '17/17'
tui_expect 'Final'

# reopen: the sheet shows what was entered
tui_keys Enter
tui_wait 'ticked 17/17'
tui_expect 'Piedurknes konstrukcija'
tui_expect '[x] 1.1 Ievads'
tui_keys Escape
tui_wait '1 of 1'

# who is not observed yet
tui_keys w
tui_wait 'Teachers not observed yet'
tui_expect 'Bruno Bērziņš — not observed yet'
tui_expect_not 'Anna Ābele —'
tui_keys Escape
tui_keys q
tui_wait 'Main menu'
tui_keys End Up Up Enter
tui_wait 'Summaries 2024./2025.'
tui_expect 'Tekstils'
tui_expect '100.0 %'
tui_keys q
tui_wait "Main menu"
tui_quit_from_menu
