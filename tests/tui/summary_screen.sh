# The Summaries screen at 80x24 (issue 15): the school's name beside its
# code in the title, criteria with their wording, every dimension by its
# Latvian label ("nav zināms", the age buckets in words, no choice key),
# hours with at most one decimal and numerators/denominators with the
# decimal comma, the same as `skola summary` prints, ratios in words, and a
# long Latvian category label shown whole with the values of its metric in
# one column.
. "$(dirname "$0")/../lib/tui.sh"
"$SKOLA_BIN" --db "$DB" demo >/dev/null
code=$("$SKOLA_BIN" --db "$DB" summary --format csv | awk -F, 'NR == 2 {print $1}')
text=$("$SKOLA_BIN" --db "$DB" --lang lv summary)
# what the command line shows for two figures with decimals
target=$(printf '%s\n' "$text" | grep -A1 'observations.coverage_target\]' | grep -o '([0-9, /]*)')
hours=$(printf '%s\n' "$text" | grep -A1 'consultations.hours\]' | awk 'NR == 2 {print $NF}')
[ -n "$target" ] && [ -n "$hours" ] || tui_fail "no coverage target or hours in: $text"

tui_start "$SKOLA_BIN" --db "$DB" --lang lv
tui_wait 'Galvenā izvēlne'
tui_menu 'Kopsavilkumi'
tui_wait "Kopsavilkumi 2024./2025. — Liepājas Valsts tehnikums ($code)"
# every page of the screen, top to bottom
all=${SUMMARY_SCREENS:-$(mktemp "$TUI_DIR/screens.XXXXXX")}
tui_screen >>"$all"
for _ in $(seq 30); do
    tui_keys NPage
    sleep 0.05
    tui_screen >>"$all"
done
grep -qF '1.1. Ievads – tēmas aktualizācija' "$all" || tui_fail "no criterion wording"
grep -qF '2. Mācību metodes un rīki' "$all" || tui_fail "no section name"
grep -qF 'nav zināms' "$all" || tui_fail "no “nav zināms”"
grep -qF 'mazāk par 3 gadiem' "$all" || tui_fail "no age bucket in words"
grep -qF 'uz 100 izglītojamajiem (' "$all" || tui_fail "support staff not written as a ratio"
grep -qF 'izglītojamie uz vienu datoru (' "$all" || tui_fail "pupils per computer not in words"
grep -qF "$target" "$all" || tui_fail "coverage target $target not shown as on the command line"
grep -A1 -F 'Atbalsta konsultāciju stundas' "$all" | grep -qE " $hours\$" ||
    tui_fail "consultation hours $hours not shown as on the command line"
if grep -nE '(^|  )(unknown|<3|3-5|>=5|in_use|laptop)( |$)' "$all"; then
    tui_fail "a raw key on the screen"
fi
if grep -nE '[0-9][.,][0-9]{2}' "$all"; then
    tui_fail "a number with more than one decimal on the screen"
fi
# the long category label whole, and the category counts ending in one
# column (display width: wc -L in a UTF-8 locale)
grep -qF 'Digitālās ražošanas iekārtas (3D drukas iekārtas u.c.)  ' "$all" ||
    tui_fail "the long category label is cut"
cols=$(sed -n '/devices.by_category\]/,/devices.by_user_group\]/p' "$all" |
    grep -vF '[' | grep -E '^   ' |
    awk '{ if (match($0, /  +[0-9]+( |$)/)) { s = substr($0, 1, RSTART + RLENGTH - 1); sub(/ $/, "", s); print s } }' |
    while IFS= read -r s; do printf '%s' "$s" | wc -L; done | sort -u | wc -l)
[ "$cols" = 1 ] || tui_fail "the category counts end in $cols different columns"
tui_keys q
tui_wait 'Galvenā izvēlne'
tui_quit_from_menu
