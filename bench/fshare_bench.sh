#!/bin/bash
# fshare_bench.sh [BUILD_DIR]: whole-process timings of update-fshare on a
# site of 100,000 associations under 1,000 banks in three levels
# (make_tree_site_db.sh):
#   update-fshare, every fair-share new        (target < 0.5 s, writes 100,000 rows)
#   update-fshare, nothing changed             (the cron job's usual case)
# and, for comparison, the reads upstream's C++ tool makes: two queries per
# bank (its sub-banks; its active associations), run by the sqlite3 shell.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/fshare_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

base=$work/base.db
"$here/make_tree_site_db.sh" "$base" 100000
echo "site: 100000 associations, $(sqlite3 "$base" 'SELECT count(*) FROM bank_table') banks" \
  "in three levels, $(du -h "$base" | cut -f1)"

db=$work/run.db
echo -n "update-fshare (100000 values written): "
"$bench" -n 5 -w 1 --setup "cp $base $db" -- "$FLUX_ACCOUNT" -p "$db" update-fshare
echo "  distinct fair-shares: $(sqlite3 "$db" 'SELECT count(DISTINCT fairshare) FROM association_table')"
echo -n "update-fshare (nothing changed):       "
"$bench" -n 5 -w 1 -- "$FLUX_ACCOUNT" -p "$db" update-fshare

# Upstream's load: for every bank, its sub-banks by name; for every leaf bank,
# its active associations by username (association_table has no index on bank).
sqlite3 "$base" "SELECT 'SELECT bank, shares FROM bank_table WHERE parent_bank = ''' || bank ||
                        ''' ORDER BY bank;' FROM bank_table" >"$work/upstream.sql"
sqlite3 "$base" "SELECT 'SELECT username, shares, job_usage FROM association_table WHERE bank = ''' ||
                        bank || ''' AND active = 1 ORDER BY username;' FROM bank_table
                 WHERE bank NOT IN (SELECT parent_bank FROM bank_table)" >>"$work/upstream.sql"
echo -n "upstream's per-bank queries alone ($(wc -l <"$work/upstream.sql") statements): "
"$bench" -n 3 -w 0 --stdout /dev/null -- sqlite3 -bail "$base" ".read $work/upstream.sql"
