# Two people editing at once in the interface on one shared file (issue 14),
# with real OS users (umask 077) in two terminals: the head and the IT
# administrator each change a different device while the other's editor is
# open, and both changes land, each audited under its own login; then both
# open the same device: the second save is told that someone else changed
# it and overwrites nothing. Every file beside the database stays the
# group's. Needs root (creates the users); exits 77 otherwise.
. "$(dirname "$0")/../lib/tui.sh"
. "$(dirname "$0")/../lib/users.sh"
users_need_root

users_group G
users_add HEAD "$G"
users_add IT "$G"
users_tui_reachable
users_run "$IT" "$SKOLA_BIN" --version >/dev/null 2>&1 ||
    { echo "SKIP: another user cannot run skola here (a closed temp folder?)"; exit 77; }

S="$TUI_DIR/shared"
mkdir -p "$S" && chown "$HEAD" "$S" && chmod 0700 "$S"
DB="$S/skola.db"
cp "$SKOLA_SRCDIR/tests/data/devices-clean.csv" "$TUI_DIR/dev.csv" && chmod 0644 "$TUI_DIR/dev.csv"
as() { # USER CMD... — skola as USER with umask 077
    local u=$1
    shift
    users_run "$u" sh -c 'umask 077; exec "$@"' sh "$SKOLA_BIN" --db "$DB" "$@" \
        >"$TUI_DIR/out" 2>&1 || { cat "$TUI_DIR/out" >&2; tui_fail "$u: skola $*"; }
}
as "$HEAD" init --school-code T1 --school-name "Testa skola" --group "$G"
as "$HEAD" import devices "$TUI_DIR/dev.csv"
as "$HEAD" users add "$IT" --role it

# each person's terminal is a tmux server of its own; on_a / on_b switch
# the helpers of tui.sh to it
open_terminal() { # USER — a new server running skola as USER, its socket in $TUI_SOCKET
    TUI_SOCKETS=$((TUI_SOCKETS + 1))
    TUI_SOCKET="$TUI_SOCKET_BASE-$TUI_SOCKETS"
    tui_start setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups -- \
        sh -c 'umask 077; exec "$@"' sh "$SKOLA_BIN" --db "$DB" --lang en
    tui_wait "Main menu"
}
open_terminal "$HEAD"
SOCK_A=$TUI_SOCKET
open_terminal "$IT"
SOCK_B=$TUI_SOCKET
on_a() { TUI_SOCKET=$SOCK_A; }
on_b() { TUI_SOCKET=$SOCK_B; }
# edit_model NTH — opens the NTH device of the list and types a new model
# (the editor stays open, unsaved)
edit_model() {
    tui_menu Devices
    tui_wait 'without written-off'
    local i
    for ((i = 1; i < $1; i++)); do tui_keys Down; done
    tui_keys Enter
    tui_wait "Devices — LVT-000$1"
    tui_keys Down Down Down Down C-u
    tui_type "$2"
}
# list_to_menu — from the device list (a save closes the editor) to the menu
list_to_menu() {
    tui_wait 'without written-off'
    tui_wait_gone 'Devices — LVT'
    tui_keys q
    tui_wait 'Main menu'
}
model_of() {
    sqlite3 "$DB" "SELECT model FROM device WHERE inventory_no = '$1'"
}

# different records at once: both land
on_a
edit_model 1 'Head model'
on_b
edit_model 2 'IT model'
on_a
tui_keys C-s
tui_wait 'Saved'
on_b
tui_keys C-s
tui_wait 'Saved'
[ "$(model_of LVT-0001)" = 'Head model' ] || tui_fail "the head's change: $(model_of LVT-0001)"
[ "$(model_of LVT-0002)" = 'IT model' ] || tui_fail "IT's change: $(model_of LVT-0002)"
who=$(sqlite3 "$DB" "SELECT os_user FROM audit WHERE field = 'model' AND new_value = 'Head model'")
[ "$who" = "$HEAD" ] || tui_fail "the head's change is audited as “$who”"
who=$(sqlite3 "$DB" "SELECT os_user FROM audit WHERE field = 'model' AND new_value = 'IT model'")
[ "$who" = "$IT" ] || tui_fail "IT's change is audited as “$who”"
list_to_menu
on_a
list_to_menu

# the same record at once: the later save overwrites nothing
edit_model 3 'Head again'
on_b
edit_model 3 'IT again'
on_a
tui_keys C-s
tui_wait 'Saved'
on_b
tui_keys C-s
tui_wait 'someone else changed this record'
tui_keys n
tui_wait 'Not saved: the record was changed by someone else.'
[ "$(model_of LVT-0003)" = 'Head again' ] || tui_fail "the first save was overwritten: $(model_of LVT-0003)"
tui_keys Escape
tui_wait 'Leave without saving?'
tui_keys y
list_to_menu
tui_quit_from_menu
on_a
list_to_menu
tui_quit_from_menu

# everything beside the database is the group's, read-write
for f in "$S"/* "$S"/.[!.]*; do
    [ -e "$f" ] || continue
    got=$(stat -c '%a %G' "$f")
    [ "$got" = "660 $G" ] || tui_fail "$(basename "$f"): “$got”, want “660 $G”"
done
[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || tui_fail "integrity"
echo "ok"
