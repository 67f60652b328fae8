#!/bin/bash
# The round trip: a rich database (odd names with commas, quotes, newlines
# and non-ASCII; inactive rows; edited config, factors and usage; queues,
# projects and jobs; gaps in the AUTOINCREMENT ids) is exported with
# export-db, loaded into a fresh create-db with pop-db -d, and then every
# table equals the original row for row, value for value, type for type.
# Exporting the copy gives byte-identical files.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok edit-config priority_decay_half_life=14d decay_factor=0.25 node_weight=2.5
expect_ok add-config site_note='a,b "c"'
expect_ok edit-factor --factor queue --weight 500
expect_ok add-queue batch -P 5 --max-running-jobs 20
expect_ok add-queue 'débug' --max-nodes 64
expect_ok add-project p1
expect_ok add-project 'proj "two"'
expect_ok add-project gone
expect_ok delete-project gone  # a gap in project_id: sqlite_sequence stays ahead

expect_ok add-bank root 1
expect_ok add-bank 'A,"quoted"' 3 --parent-bank root --priority 1.5
expect_ok add-bank "$(printf 'new\nline')" 2 --parent-bank root --ignore-older-than 1700000000
expect_ok add-bank 'bänk ✓' 1 --parent-bank root
expect_ok add-bank leaf 1 --parent-bank 'bänk ✓'
expect_ok add-bank old 1 --parent-bank root
expect_ok add-bank scrap 1 --parent-bank root
expect_ok delete-bank scrap --force  # a gap in bank_id
expect_ok delete-bank old            # inactive, kept

expect_ok add-user -u 'o,brien' -i 5001 -B 'A,"quoted"' -q batch -P p1
expect_ok add-user -u 'o,brien' -i 5001 -B leaf --max-running-jobs unlimited
expect_ok add-user -u 'say "hi"' -i 5002 -B "$(printf 'new\nline')" --fairshare 0.125
expect_ok add-user -u "$(printf 'two\r\nlines')" -i 5003 -B leaf -P 'proj "two",p1'
expect_ok add-user -u 'zoë 🚀' -i 5004 -B 'A,"quoted"' -q 'débug,batch' --max-cores 12
expect_ok add-user -u gone -i 5006 -B leaf
expect_ok delete-user gone leaf      # inactive association
expect_ok edit-user 'say "hi"' --shares 7 --max-nodes 3

sql <<'SQL'
UPDATE association_table SET job_usage = 123.456 WHERE username = 'o,brien' AND bank = 'leaf';
UPDATE association_table SET job_usage = 1e-7 WHERE username = 'zoë 🚀';
UPDATE job_usage_per_association_table SET value = 0.1 + period WHERE username = 'o,brien';
UPDATE job_usage_factor_table SET last_job_timestamp = 1767000000.25 WHERE username = 'o,brien';
UPDATE bank_table SET job_usage = 123.456 WHERE bank IN ('leaf', 'bänk ✓');
UPDATE t_half_life_period_table SET end_half_life_period = 1767830400.5;
INSERT INTO jobs VALUES ('1001', 5001, 1767000000.0, 1767000010.5, 1767003600.0, '0-3',
  '{"version": 1, "execution": {"R_lite": [{"rank": "0-3", "children": {"core": "0-7"}}]}}',
  '{"attributes": {"system": {"bank": "leaf", "duration": 3600.0}}, "tasks": [{"command": ["echo", "a,b\n\"c\""]}]}',
  'p1', 'leaf', 3600.0, 3589.5);
INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec)
  VALUES ('1002', 5002, 1.5, 2.5, 3.5, '', '{}', '{}');
SQL
expect_eq 6 "$(sql "SELECT count(*) FROM association_table")" "associations made"

# Every column of every row with its storage class, in rowid order.
dump() {
  local db=$1 t cols
  for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
    cols=$(sqlite3 "$db" "SELECT group_concat('quote(\"' || name || '\") || '':'' || typeof(\"' || name || '\")', ' || ''|'' || ') FROM pragma_table_info('$t')")
    echo "== $t"
    sqlite3 "$db" "SELECT $cols FROM \"$t\" ORDER BY rowid"
  done
}

expect_ok export-db -d "$WORK/export"
expect_eq 11 "$(ls "$WORK/export" | grep -c '\.csv$')" "one file per table"
expect_eq "" "$(ls -A "$WORK/export" | grep -v '\.csv$')" "no temporary files left"

ORIG=$DB
DB=$WORK/copy.db
expect_ok create-db
expect_ok pop-db -d "$WORK/export"
dump "$ORIG" >"$WORK/orig.dump"
dump "$DB" >"$WORK/copy.dump"
if diff -u "$WORK/orig.dump" "$WORK/copy.dump" >"$WORK/diff"; then pass; else
  fail "the copy differs from the original:"
  cat "$WORK/diff" >&2
fi
expect_eq "$(sqlite3 "$ORIG" 'PRAGMA user_version')" "$(sql 'PRAGMA user_version')" "user_version"
expect_eq 2 "$(sql "SELECT count(*) FROM job_usage_per_association_table WHERE username = 'gone'")" \
  "bins come from the files (2 with a two-week half-life)"

# New ids continue after the original's, not into its gaps.
expect_ok add-project next
expect_eq 5 "$(sql "SELECT project_id FROM project_table WHERE project = 'next'")" "next project_id"

# The copy exports to the same bytes.
DB=$ORIG
expect_ok add-project next
DB=$WORK/copy.db
expect_ok export-db -d "$WORK/export2"
DB=$ORIG
expect_ok export-db -d "$WORK/export1"
if diff -r "$WORK/export1" "$WORK/export2" >"$WORK/diff"; then pass; else
  fail "re-exported files differ:"
  cat "$WORK/diff" >&2
fi

# Python's csv module reads the files as we do (when Python is there).
if command -v python3 >/dev/null; then
  got=$(python3 -c '
import csv, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))
print(len(rows), rows[0][3], "|".join(r[3] for r in rows[1:]))' "$WORK/export1/association_table.csv")
  expect_eq "7 username o,brien|o,brien|say \"hi\"|two
lines|zoë 🚀|gone" "$(echo "$got" | tr -d '\r')" "python csv reads the export"
fi
finish
