# Roles in the interface, with real OS users on a shared file (the identity
# is the OS login): each role's menu shows only the areas it may open and
# marks the read-only ones; the keys that change records are refused with a
# message naming the role needed; the top bar says who is working; a user
# linked to a staff record is the observer of a new sheet and the consultant
# of a new consultation; `m` shows only my sheets (not those of a person
# whose name holds mine); a personal file shows none of it.
. "$(dirname "$0")/../lib/tui.sh"
. "$(dirname "$0")/../lib/users.sh"
users_need_root

# each run of skola gets a tmux server of its own: a server just killed may
# still be going away when the next one is asked for under the same name
N_SERVER=0
next_server() {
    tui_tmux kill-server >/dev/null 2>&1 || true
    N_SERVER=$((N_SERVER + 1))
    TUI_SOCKET="skola-test-$$-$N_SERVER"
}

# a personal file first: no one named in the top bar, every area, no mark
tui_db_init
tui_start "$SKOLA_BIN" --db "$DB" --lang en
tui_wait 'Main menu'
tui_expect_not '│'
tui_expect_not 'read only'
tui_expect 'Consultations'
tui_keys q
tui_wait '[skola exited] 0'
next_server

users_group G
users_add HEAD "$G"
users_add DEP "$G"
users_add IT "$G"
users_add SUP "$G"
users_add VIEW "$G"
users_tui_reachable
setpriv --reuid="$DEP" --regid="$(id -g "$DEP")" --init-groups -- "$SKOLA_BIN" --version >/dev/null 2>&1 ||
    { echo "SKIP: another user cannot run skola here (a closed temp folder?)"; exit 77; }

# the head makes the shared file (init --group), fills it and registers the others
S="$TUI_DIR/shared"
mkdir -p "$S" && chown "$HEAD" "$S" && chmod 0700 "$S"
DB="$S/skola.db"
as() { # USER CMD... — skola as USER
    local u=$1
    shift
    setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups -- "$SKOLA_BIN" --db "$DB" "$@" \
        >"$TUI_DIR/out" 2>&1 || { cat "$TUI_DIR/out" >&2; echo "FAIL: $u: skola $*" >&2; exit 1; }
}
as "$HEAD" init --school-code T1 --school-name "Testa skola" --group "$G"
cat >"$TUI_DIR/staff.csv" <<'CSV'
full_name,role
Inese Kalna,deputy_head
Inese Kalna-Ozola,deputy_head
Anna Ābele,teacher
Pēteris Liepiņš,teacher
CSV
cat >"$TUI_DIR/obs.csv" <<'CSV'
date,teacher,group,subject,observer,status
2024-10-01,Anna Ābele,T-21,Šūšana,Inese Kalna,draft
2024-10-02,Anna Ābele,T-22,Fizika,Inese Kalna-Ozola,draft
2024-10-03,Anna Ābele,T-23,Ķīmija,Inese Kalna,draft
2024-10-04,Anna Ābele,T-24,Vēsture,Inese Kalna-Ozola,draft
2024-10-05,Anna Ābele,T-25,Sports,Inese Kalna,draft
CSV
cat >"$TUI_DIR/cons.csv" <<'CSV'
date,consultant,recipient_kind,recipient,form,topic,minutes
2024-10-01,Anna Ābele,pupil,P-1,individual,emotional,40
CSV
chmod 0644 "$TUI_DIR"/*.csv
as "$HEAD" import staff "$TUI_DIR/staff.csv"
as "$HEAD" import observations "$TUI_DIR/obs.csv"
as "$HEAD" import consultations "$TUI_DIR/cons.csv"
as "$HEAD" users add "$DEP" --role deputy --staff "Inese Kalna"
as "$HEAD" users add "$IT" --role it
as "$HEAD" users add "$SUP" --role support --staff "Pēteris Liepiņš"
as "$HEAD" users add "$VIEW" --role viewer

start_as() { # USER LANG
    tui_start setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups -- \
        "$SKOLA_BIN" --db "$DB" --lang "$2"
    tui_wait 'skola — '
}
quit() {
    tui_keys q
    tui_wait '[skola exited] 0'
    next_server
}
menu() { tui_screen | sed -n 3,20p; }
# has "Label" / has "Label  (read only)" / lacks "Label": whole menu lines
has() {
    menu | grep -qE "^ +[0-9]+  $1\$" || tui_fail "the menu should have the line “$1”"
}
lacks() {
    if menu | grep -qE "^ +[0-9]+  $1( |\$)"; then tui_fail "the menu should not offer “$1”"; fi
}
open_item() { # LABEL — moves to the menu line and opens it
    local n
    n=$(menu | grep -E "^ +[0-9]+  $1( |\$)" | awk '{print $1}')
    [ -n "$n" ] || tui_fail "no menu line $1"
    tui_keys Home
    local i
    for ((i = 1; i < n; i++)); do tui_keys Down; done
    tui_keys Enter
}
RO='  \(read only\)'

# head: everything, nothing read-only; the top bar names the login (no staff link)
start_as "$HEAD" en
tui_expect "$HEAD · head │ Testa skola"
for l in Devices Staff Consultations Observations Self-assessment Summaries Export Settings; do
    has "$l"
done
tui_expect_not 'read only'
quit

# deputy: observations rw, devices and school data read-only, no consultations
start_as "$DEP" en
tui_expect "Inese Kalna · deputy │ Testa"
has Observations
has Self-assessment
has Priorities
has "Devices$RO"
has "Staff$RO"
has "School years$RO"
has Summaries
has Export
lacks Consultations
# a read-only list: the title says so, the keys that change are refused by name
open_item Staff
tui_wait 'Staff — '
tui_expect 'read only'
for k in n Enter d b i; do
    tui_keys "$k"
    tui_wait 'Refused: changing “Staff” needs the role “head”'
    tui_keys Down
done
tui_keys q
tui_wait 'Main menu'
# my sheets: 3 of Inese Kalna's, none of Inese Kalna-Ozola's
open_item Observations
tui_wait 'Observations — '
tui_wait '— 1 of 5'
tui_keys m
tui_wait '— 1 of 3 —'
tui_expect 'my sheets'
tui_expect 'Šūšana'
tui_expect 'Ķīmija'
tui_expect 'Sports'
tui_expect_not 'Fizika'
tui_expect_not 'Vēsture'
tui_keys m
tui_wait '— 1 of 5'
tui_expect_not 'my sheets'
tui_keys '?'
tui_wait 'Only my observations or consultations, or all again'
tui_keys q
# a new sheet has me as its observer
tui_keys n
tui_wait 'Observation sheet'
tui_screen | grep -qE '^ Observer +Inese Kalna *$' || tui_fail "the observer of a new sheet is not me"
tui_keys Escape
tui_wait 'Observations — '
tui_keys q
tui_wait 'Main menu'
quit

# the same in Latvian: the role's Latvian name
start_as "$DEP" lv
tui_expect "Inese Kalna · vietnieks │"
tui_expect 'tikai lasīšanai'
quit

# IT: devices rw, school data read-only, no observations, consultations or export
start_as "$IT" en
tui_expect "$IT · IT administrator"
has Devices
has "Staff$RO"
lacks Observations
lacks Consultations
lacks Self-assessment
lacks Export
has Summaries
open_item Devices
tui_wait 'Devices — '
tui_expect_not 'read only'
tui_keys n
tui_wait 'Inventory no.'
tui_expect_not 'Refused'
tui_keys Escape
tui_wait 'Devices — '
tui_keys q
tui_wait 'Main menu'
quit

# support: consultations rw (the consultant is me, not the last one saved), no devices
start_as "$SUP" en
tui_expect "Pēteris Liepiņš · support staff"
has Consultations
has "Staff$RO"
lacks Devices
lacks Observations
lacks Export
open_item Consultations
tui_wait 'Consultations — '
tui_keys m
tui_wait '— 0 of 0 — mine'
tui_keys m n
tui_wait 'Consultant'
tui_screen | grep -qE '^ +Consultant \* +Pēteris Liepiņš' || tui_fail "the consultant of a new consultation is not me"
tui_keys Escape
tui_wait 'Consultations — '
tui_keys q
tui_wait 'Main menu'
quit

# viewer: no record list at all; summaries and export
start_as "$VIEW" en
tui_expect "$VIEW · viewer"
for l in Devices Staff Consultations Observations Self-assessment Priorities; do lacks "$l"; done
has Summaries
has Export
has Settings
quit
echo "ok: the menu, top bar, refusals, prefill and my sheets of every role"
