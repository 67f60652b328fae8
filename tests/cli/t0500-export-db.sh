#!/bin/bash
# export-db: one <table>.csv per table (sqlite_sequence included) with a
# header row, RFC 4180 quoting, NULL as an empty field and '' as "", reals
# as Python prints them; into -d DIR (created) or the current directory;
# existing files replaced whole. -F prints the bank hierarchy as JSON.
# -u/-b write the 0.18.1 headerless files. Progress goes to stderr only on
# a terminal.
. "$(dirname "$0")/lib.sh"

# expect_file GOLDEN FILE: FILE must equal tests/cli/expected/GOLDEN byte for byte.
expect_file() {
  local golden=$EXPECTED_DIR/$1
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$(dirname "$golden")"
    cp "$2" "$golden"
  fi
  if cmp -s "$golden" "$2"; then pass; else
    fail "$2 differs from $1:"
    diff -u "$golden" "$2" | cat -A >&2
  fi
}

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank 'A,"quoted"' 3 --parent-bank root --priority 0.1
expect_ok add-bank "$(printf 'new\nline')" 2 --parent-bank root
expect_ok add-user -u 'o,brien' -i 5001 -B 'A,"quoted"'
expect_ok add-user -u 'zoë' -i 5002 -B "$(printf 'new\nline')"
sql "UPDATE association_table SET job_usage = 1e-7 WHERE username = 'zoë'"
sql "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, bank)
     VALUES ('12', 5001, 100.25, 101.0, 200, '0', '{\"a\": [1, 2]}', '{}', '')"

expect_ok export-db -d "$WORK/a/b"
expect_eq "" "$(cat "$WORK/out" "$WORK/err")" "nothing printed"
expect_eq "association_table bank_table config_table job_usage_factor_table job_usage_per_association_table jobs priority_factor_weight_table project_table queue_table sqlite_sequence t_half_life_period_table" \
  "$(ls -A "$WORK/a/b" | sed 's/\.csv$//' | tr '\n' ' ' | sed 's/ $//')" "one file per table, nothing else"
for t in association_table bank_table jobs sqlite_sequence t_half_life_period_table config_table; do
  expect_file "transfer/export/$t.csv" "$WORK/a/b/$t.csv"
done

# The current directory by default; an existing file is replaced whole.
mkdir "$WORK/here"
printf 'old content that is longer than the new file will be\n%.0s' $(seq 100) \
  >"$WORK/here/sqlite_sequence.csv"
(cd "$WORK/here" && expect_ok export-db)
expect_file transfer/export/sqlite_sequence.csv "$WORK/here/sqlite_sequence.csv"
expect_eq 11 "$(ls "$WORK/here" | wc -l)" "files in the current directory"

# A read-only database can be exported.
chmod 444 "$DB"
expect_ok export-db -d "$WORK/ro"
chmod 644 "$DB"
expect_eq 11 "$(ls "$WORK/ro" | wc -l)" "read-only export"

: >"$WORK/afile"
expect_fail "$WORK/afile exists and is not a directory" export-db -d "$WORK/afile"
expect_fail "not allowed with argument" export-db -F -d "$WORK/x"

# -F: the hierarchy (every bank, active or not; users before sub-banks).
expect_ok add-bank mid 1 --parent-bank root
expect_ok add-bank sub 1 --parent-bank mid
expect_ok add-bank gone 1 --parent-bank root
expect_ok delete-bank gone
expect_out transfer/fairshare.json export-db -F
expect_out transfer/fairshare.json export-db --fairshare-emulate

# 0.18.1 files.
expect_ok export-db -u "$WORK/users.csv" -b "$WORK/banks.csv"
expect_file transfer/legacy-users.csv "$WORK/users.csv"
expect_file transfer/legacy-banks.csv "$WORK/banks.csv"

# Progress: none when stderr is not a terminal (above: err was empty);
# "table: done/total rows" on a terminal, erased at the end.
if command -v script >/dev/null; then
  script -qec "'$FLUX_ACCOUNT' -p '$DB' export-db -d '$WORK/tty'" /dev/null >"$WORK/tty.out" </dev/null
  expect_eq 1 "$(grep -c 'export-db: jobs: 1/1 rows' "$WORK/tty.out")" "progress on a terminal"
  expect_eq "$(printf '\r\033[K')" "$(tail -c 4 "$WORK/tty.out")" "progress line erased"
  expect_file transfer/export/jobs.csv "$WORK/tty/jobs.csv"
fi

DB=$WORK/empty.db
expect_ok create-db
expect_fail "No root bank found in database" export-db -F
finish
