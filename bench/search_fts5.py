#!/usr/bin/env python3
"""bench/search_fts5.py — the list filter's two candidate indexes, measured
(issue 15): the folded `search` column skola keeps (instr() over the rows in
list order, the first page stops at the first 44 matches) against an FTS5
trigram index over the same text (external content, built from `search`).

Usage: bench/search_fts5.py SKOLA GEN SIZE... (SKOLA the Release skola,
GEN skola-bench-gen, both from build-bench/). Needs Python's sqlite3 with
FTS5 (Debian's has it). For each size: generates the seeded device CSV,
imports it with skola (the folded column's cost is part of every import),
copies the file and builds the FTS5 index (`rebuild`: its cost on top of an
import), then times, as the list does, the first page (44 rows in list
order) and the exact count for each key typed while looking for a
manufacturer ("l" … "lenovo") and for a serial number (rare: one row), and
prints a table in Markdown. Timings are the median of 5 runs, warm cache.
"""
import os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

PAGE = 44
SQL_PAGE_FOLDED = ('SELECT id FROM device WHERE school_id = 1 AND instr(search, ?) > 0'
                   ' ORDER BY ifnull("inventory_no__sk", X\'\'), id LIMIT %d' % PAGE)
SQL_COUNT_FOLDED = 'SELECT count(*) FROM device WHERE school_id = 1 AND instr(search, ?) > 0'
SQL_PAGE_FTS = ('SELECT id FROM device WHERE school_id = 1 AND id IN'
                ' (SELECT rowid FROM device_fts WHERE device_fts MATCH ?)'
                ' ORDER BY ifnull("inventory_no__sk", X\'\'), id LIMIT %d' % PAGE)
SQL_COUNT_FTS = 'SELECT count(*) FROM device_fts WHERE device_fts MATCH ?'


def ms(f, runs=5):
    t = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        t.append((time.perf_counter() - t0) * 1000)
    return statistics.median(t)


def size_mb(path):
    return os.path.getsize(path) / 1e6


def main():
    skola, gen, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
    tmp = tempfile.mkdtemp(prefix="skola-fts5.")
    env = dict(os.environ, SKOLA_TODAY="2025-06-01", LANG="C.UTF-8")
    rows = []
    try:
        for n in sizes:
            csv = os.path.join(tmp, "devices.csv")
            subprocess.run([gen, "devices", str(n), "1", csv], check=True)
            db = os.path.join(tmp, "folded.db")
            for f in (db, db + "-wal", db + "-shm"):
                if os.path.exists(f):
                    os.remove(f)
            subprocess.run([skola, "--db", db, "init", "--school-code", "B1", "--school-name",
                            "Bench"], check=True, env=env, stdout=subprocess.DEVNULL)
            t0 = time.perf_counter()
            subprocess.run([skola, "--db", db, "import", "devices", csv], check=True, env=env,
                           stdout=subprocess.DEVNULL)
            import_s = time.perf_counter() - t0
            c = sqlite3.connect(db)
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            c.close()
            folded_mb = size_mb(db)
            search_mb = None
            c = sqlite3.connect(db)
            search_mb = c.execute("SELECT sum(length(search)) FROM device").fetchone()[0] / 1e6
            serial = c.execute("SELECT lower(serial) FROM device WHERE id = ?",
                               (n // 2 + 1,)).fetchone()[0]
            c.close()
            fts = os.path.join(tmp, "fts.db")
            shutil.copy(db, fts)
            c = sqlite3.connect(fts)
            t0 = time.perf_counter()
            c.execute("CREATE VIRTUAL TABLE device_fts USING fts5(search, content='device',"
                      " content_rowid='id', tokenize='trigram')")
            c.execute("INSERT INTO device_fts(device_fts) VALUES ('rebuild')")
            c.commit()
            fts_build_s = time.perf_counter() - t0
            c.execute("VACUUM")
            c.close()
            fts_mb = size_mb(fts)
            cf = sqlite3.connect(db)
            cs = sqlite3.connect(fts)
            keys = ["l", "le", "len", "leno", "lenov", "lenovo", serial[:6], serial]
            for k in keys:
                q = '"%s"' % k.replace('"', '""')
                pf = ms(lambda: cf.execute(SQL_PAGE_FOLDED, (k,)).fetchall())
                nf = ms(lambda: cf.execute(SQL_COUNT_FOLDED, (k,)).fetchone())
                count = cf.execute(SQL_COUNT_FOLDED, (k,)).fetchone()[0]
                if len(k) >= 3:  # a trigram index needs 3 characters
                    ps = ms(lambda: cs.execute(SQL_PAGE_FTS, (q,)).fetchall())
                    ns = ms(lambda: cs.execute(SQL_COUNT_FTS, (q,)).fetchone())
                else:
                    ps = ns = None
                rows.append((n, k, count, pf, nf, ps, ns))
            cf.close()
            cs.close()
            print(f"| {n} | import {import_s:.1f} s (folded column included) | FTS5 build "
                  f"+{fts_build_s:.1f} s | file {folded_mb:.0f} MB → {fts_mb:.0f} MB with FTS5 "
                  f"(search text {search_mb:.0f} MB) |", flush=True)
        print()
        print("| rows | key | matches | first page folded | count folded | first page FTS5 |"
              " count FTS5 |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        f = lambda v: "—" if v is None else f"{v:.2f} ms"
        for n, k, count, pf, nf, ps, ns in rows:
            print(f"| {n} | `{k}` | {count} | {f(pf)} | {f(nf)} | {f(ps)} | {f(ns)} |")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
