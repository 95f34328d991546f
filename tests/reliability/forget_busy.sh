#!/usr/bin/env bash
# forget-person while another process (the sqlite3 tool) holds a read
# transaction on the file: the command says that old copies of the name
# remain until that process closes; the next start of skola after it closes
# finishes the job, and the name is gone from the bytes of the file and its
# write-ahead log. Without another process: no such message, name gone at once.
. "$(dirname "$0")/../lib/reliability.sh"
export SKOLA_BUSY_TIMEOUT=300

expect_exit 0 "$SKOLA_BIN" init --school-code T1 --school-name "Testa skola"
printf 'full_name,role,email\nZelma Testiņa,teacher,zelma@skola.lv\nOtto Cits,teacher,\nRuta Trešā,teacher,\n' >"$T/staff.csv"
expect_exit 0 "$SKOLA_BIN" import staff "$T/staff.csv"
{
    echo 'date,consultant,recipient_kind,recipient,form,topic,minutes,notes'
    for i in $(seq 10 28); do
        echo "2024-09-$i,Zelma Testiņa,pupil,P-$i,individual,learning,30,Zelma Testiņa runāja ar Otto Cits"
    done
} >"$T/cons.csv"
expect_exit 0 "$SKOLA_BIN" import consultations "$T/cons.csv"

holds() { cat "$DB" "$DB-wal" 2>/dev/null | grep -acF -- "$1"; }
[ "$(holds 'Zelma Testiņa')" -gt 0 ] || fail "the name is not in the file to begin with"

# a reader with an open read transaction, fed through a fifo (read-only, so
# that closing it does not checkpoint the file itself: skola must)
mkfifo "$T/fifo"
sqlite3 -readonly "$DB" <"$T/fifo" >"$T/sq.out" 2>&1 &
sq=$!
exec 7>"$T/fifo"
echo "BEGIN; SELECT count(*) FROM audit;" >&7
for _ in $(seq 50); do [ -s "$T/sq.out" ] && break; sleep 0.1; done
grep -q '^[0-9]' "$T/sq.out" || { cat "$T/sq.out"; fail "sqlite3 did not start reading"; }

expect_exit 0 "$SKOLA_BIN" forget-person "Zelma Testiņa"
grep -q 'old copies of the name remain' "$T/out" ||
    { cat "$T/out"; fail "forget-person did not say that copies remain while another process reads"; }
"$SKOLA_BIN" export consultations - | grep -qF 'Zelma' && fail "the records still name her"

# a start while the reader still reads cannot finish: the flag stays
expect_exit 0 "$SKOLA_BIN" summary --year 2024
[ "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM setting WHERE key = 'forget_scrub_pending'")" = 1 ] ||
    fail "the pending flag is not in the file (or was cleared while the reader still read)"

# the reader closes; the next start of skola finishes the job
echo "COMMIT;" >&7
exec 7>&-
wait "$sq"
[ "$(holds 'Zelma Testiņa')" -gt 0 ] || fail "the name was gone before the next start (nothing tested)"
expect_exit 0 "$SKOLA_BIN" summary --year 2024
for needle in 'Zelma Testiņa' 'zelma@skola.lv'; do
    n=$(holds "$needle")
    [ "$n" -eq 0 ] || fail "the file still holds “$needle” $n times after the next start"
done
grep -acF 'Otto Cits' "$DB" >/dev/null || fail "the other person's name went too"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM setting WHERE key = 'forget_scrub_pending'")" = 0 ] ||
    fail "the pending flag was not cleared"
check_db "$DB"
expect_exit 0 "$SKOLA_BIN" check

# nobody else has the file open: no such message, and the name is gone at once
expect_exit 0 "$SKOLA_BIN" forget-person "Ruta Trešā"
grep -q 'old copies' "$T/out" && { cat "$T/out"; fail "a pending scrub reported with no other process"; }
[ "$(holds 'Ruta Trešā')" -eq 0 ] || fail "the file still holds “Ruta Trešā”"
echo ok
