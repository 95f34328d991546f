# Text cut to fit ends in "…" (whole characters, diacritics kept) and can be
# seen whole: v (or F3) in a list shows the selected record wrapped, F3 in
# the editor the field, v or F3 in the observation sheet the criterion or
# comment; a comment longer than its rows ends in "…".
. "$(dirname "$0")/../lib/tui.sh"
# a database in a folder with a long name: the settings box cuts its path
DB="$TUI_DIR/a-folder-with-a-rather-long-name-for-the-school-database/skola.db"
mkdir -p "${DB%/*}"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
CSV="$TUI_DIR/long.csv"
printf '%s\n' 'inventory_no,category,manufacturer,model,status,notes' \
    'ZZ-LONG,laptop,Dell,Ļoti garš modeļa nosaukums ar garumzīmēm ŠČŽ ēūī un teksts BEIGAS,in_use,"Pirmā rinda' \
    'Otrā rinda ar “pēdiņām” BEIGAS2"' >"$CSV"
"$SKOLA_BIN" --db "$DB" import devices "$CSV" >/dev/null
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
# a pick list's item wider than the screen ends in "…"; F3 shows it whole
tui_menu Settings
tui_wait 'Database: '
tui_screen | grep -q 'Database: .*…' || tui_fail "the database path does not end in …"
tui_expect_not 'database/skola.db'
tui_keys Down Down Down
tui_keys F3
tui_wait 'tabase/skola.db'
tui_keys q
tui_wait_gone 'tabase/skola.db'
tui_expect 'Database: '
tui_keys q
tui_wait_gone 'Database: '
tui_menu Devices
tui_wait 'Devices — 1 of'
tui_keys /
tui_type ZZ-LONG
tui_keys Enter
tui_wait 'Devices — 1 of 1'
row=$(tui_screen | grep 'ZZ-LONG')
case "$row" in
*BEIGAS*) tui_fail "the model is not cut at 80 columns" ;;
*'Ļoti'*…*) ;;
*) tui_fail "the cut model does not end in …: $row" ;;
esac
# whole characters only: what stands before "…" is a letter of the text
model=$(printf '%s\n' "$row" | grep -o 'Ļoti[^…]*…')
case "Ļoti garš modeļa nosaukums ar garumzīmēm ŠČŽ ēūī un teksts BEIGAS" in
"${model%…}"*) ;;
*) tui_fail "the cut text is not a prefix of the model: $model" ;;
esac
tui_keys v
tui_wait 'Model: Ļoti garš modeļa nosaukums ar garumzīmēm ŠČŽ ēūī un teksts BEIGAS'
tui_expect '▼'                  # more below: the box scrolls
tui_keys End
tui_wait 'Notes: Pirmā rinda'
tui_expect 'Otrā rinda ar “pēdiņām” BEIGAS2'
tui_keys Enter
tui_wait_gone 'Model: Ļoti'
tui_keys F3
tui_wait 'Model: Ļoti garš'
tui_keys q
tui_wait_gone 'Model: Ļoti'
# the history: its rows are cut with "…" (the import's long path); v shows
# them whole
tui_keys h
tui_wait 'created by import of'
tui_screen | grep -q 'created by import of .*…$' || tui_fail "the history row does not end in …"
tui_expect_not 'long.csv” on'
tui_keys v
tui_wait 'long.csv” on'
tui_keys q
tui_wait_gone 'long.csv” on'
tui_keys q
tui_wait 'Devices — 1 of 1'
# the editor: the model field not focused is cut with "…"; F3 shows it
tui_keys Enter
tui_wait 'Inventory no.'
tui_screen | grep -q 'Model  .*Ļoti.*…' || tui_fail "the model field does not end in …"
tui_keys Down Down Down Down    # to the model
tui_wait '▸ Model'
tui_keys Home                   # the line editor at the start: the rest ends in "…"
tui_screen | grep -q '▸ Model  *Ļoti garš.*…$' || tui_fail "the edited model does not end in …"
tui_keys End
tui_screen | grep -q '▸ Model  .*teksts BEIGAS *$' || tui_fail "the end of the model is not shown"
tui_keys F3
tui_wait 'Ļoti garš modeļa nosaukums ar garumzīmēm ŠČŽ ēūī un teksts BEIGAS'
tui_keys Escape
tui_wait_gone 'Ļoti garš modeļa'
tui_keys Escape
tui_wait 'Devices — 1 of 1'
tui_keys q
tui_wait 'Main menu'
# the sheet at 80 columns: criterion 2.2 is cut with "…"; v shows it whole
tui_menu Observations
tui_wait 'Observations — 1 of'
tui_keys Enter
tui_wait 'Observation sheet'
tui_expect 'izvirzīto mērķu sasniegšan…'
tui_expect_not 'izmantojums izvirzīto mērķu sasniegšanai'
for i in $(seq 1 17); do tui_keys Down; done
tui_wait '[x] 2.2'
tui_keys v
tui_wait 'Criterion'
# wrapped at the box's width: the wording whole, over two rows
tui_screen | awk -F'│' 'NF > 2 { print $2 }' | tr '\n' ' ' | tr -s ' ' |
    grep -q '2.2 Mācību līdzekļu un materiālu izmantojums izvirzīto mērķu sasniegšanai' ||
    tui_fail "the criterion is not shown whole"
tui_expect 'sasniegšanai    '
tui_keys Enter
tui_wait_gone 'Criterion'
tui_keys F3
tui_wait 'sasniegšanai'
tui_keys Escape
tui_wait_gone 'Criterion'
tui_expect '[x] 2.2'
tui_expect_not 'ticked 14/17 *'   # viewing changed nothing
tui_keys Escape
tui_wait 'Observations — 1 of'
tui_keys q
tui_wait 'Main menu'
tui_quit_from_menu
