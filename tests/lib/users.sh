# users.sh — real OS users and a group for the tests of shared files (the
# identity is the OS login). Sourced after cli.sh, tui.sh or reliability.sh.
#   users_need_root            exit 77 with "needs root" unless root with the tools
#   users_group VAR            creates a new group; its name in $VAR
#   users_add VAR [GROUP]      creates a new user (member of GROUP); its name in $VAR
#   users_run USER CMD...      runs CMD as USER (its groups), environment kept
#   users_tui_reachable        (TUI tests) lets the users reach skola, its
#                              messages and the test's folders
# Names are unique to this test process (sk<pid><letters>); a name that
# already exists is never taken over, and only what this test created is
# removed, on exit.
USERS_CREATED=()
GROUPS_CREATED=()
USERS_SEQ=0

users_need_root() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "SKIP: needs root (creates OS users and a group; CI runs as root)"
        exit 77
    fi
    local t
    for t in useradd groupadd userdel groupdel setpriv getent; do
        command -v "$t" >/dev/null || { echo "SKIP: needs $t to create test users"; exit 77; }
    done
    # tui.sh / cli.sh set their own EXIT trap: it runs first (it ends the
    # tmux server, and with it a skola still running as a test user)
    local prev
    prev=$(trap -p EXIT | sed "s/^trap -- '\(.*\)' EXIT$/\1/")
    # shellcheck disable=SC2064
    trap "${prev:+$prev; }users_cleanup" EXIT
}

users_cleanup() {
    local u g
    for u in "${USERS_CREATED[@]}"; do
        # a process of the user may take a moment to end; then remove it anyway
        users_retry userdel "$u" >/dev/null 2>&1 || userdel -f "$u" >/dev/null 2>&1 || true
    done
    for g in "${GROUPS_CREATED[@]}"; do groupdel "$g" >/dev/null 2>&1 || true; done
    USERS_CREATED=()
    GROUPS_CREATED=()
}

# users_new_name — a name no user or group has: sk<pid><a..z>.
users_new_name() {
    local letters=abcdefghijklmnopqrstuvwxyz name
    while :; do
        name="sk$$${letters:USERS_SEQ%26:1}$((USERS_SEQ / 26))"
        USERS_SEQ=$((USERS_SEQ + 1))
        getent passwd "$name" >/dev/null || getent group "$name" >/dev/null || break
    done
    printf '%s' "$name"
}

# useradd/groupadd lock /etc/passwd; another test doing the same may hold it
users_retry() {
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do
        "$@" 2>/dev/null && return 0
        sleep 0.3
    done
    "$@"
}

users_group() {
    local name
    name=$(users_new_name)
    users_retry groupadd "$name" || { echo "FAIL: groupadd $name" >&2; exit 1; }
    GROUPS_CREATED+=("$name")
    printf -v "$1" '%s' "$name"
}

users_add() {
    local name
    name=$(users_new_name)
    users_retry useradd -M -N -s /usr/sbin/nologin ${2:+-G "$2"} "$name" ||
        { echo "FAIL: useradd $name" >&2; exit 1; }
    USERS_CREATED+=("$name")
    printf -v "$1" '%s' "$name"
}

users_run() {
    local u=$1
    shift
    setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups -- "$@"
}

# The users must reach the program, its Latvian messages, the file and
# their state folder: a build in a closed folder (CI's clone under /root)
# is copied into the test's folder (SKOLA_BIN and SKOLA_LOCALEDIR follow).
users_tui_reachable() {
    chmod 0755 "$TUI_DIR" "$HOME" "$XDG_DATA_HOME"
    mkdir -p "$XDG_STATE_HOME" && chmod 1777 "$XDG_STATE_HOME"
    mkdir -p "$TUI_DIR/bin" && cp "$SKOLA_BIN" "$TUI_DIR/bin/skola" && SKOLA_BIN="$TUI_DIR/bin/skola"
    if [ -n "${SKOLA_LOCALEDIR:-}" ] && [ -d "$SKOLA_LOCALEDIR" ]; then
        cp -r "$SKOLA_LOCALEDIR" "$TUI_DIR/locale" && SKOLA_LOCALEDIR="$TUI_DIR/locale"
    fi
    chmod -R a+rX "$TUI_DIR/bin" "$TUI_DIR/locale" 2>/dev/null || true
}
