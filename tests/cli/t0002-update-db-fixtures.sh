#!/bin/bash
# update-db upgrades every database upstream ever shipped in its test suite
# (0.10 … 0.60) to schema 38, keeping every row, and the result works with
# the ordinary commands.
. "$(dirname "$0")/lib.sh"
FIXTURES="${FLUXACCT_SHARED_DIR:-}/fixtures/flux-accounting/test_dbs"
if [ -z "${FLUXACCT_SHARED_DIR:-}" ] || ! ls "$FIXTURES"/FluxAccountingv0-*.db >/dev/null 2>&1; then
  echo "skipping: upstream fixtures not found under FLUXACCT_SHARED_DIR (${FLUXACCT_SHARED_DIR:-unset})"
  exit 77
fi
. "$(dirname "$0")/update_db_lib.sh"

count=0
for src in "$FIXTURES"/FluxAccountingv0-*.db; do
  count=$((count + 1))
  check_upgrade "$src"
  name=$(basename "$src" .db)
  # Ordinary commands on the upgraded file.
  expect_ok add-bank --parent-bank=root "newbank" 1
  expect_ok add-user --username=newuser --userid=5001 --bank=newbank
  expect_eq "newuser|5001|newbank|newbank|1|2147483647|*" \
    "$(sql "SELECT username, userid, bank, default_bank, active, max_sched_jobs, default_project
            FROM association_table WHERE username = 'newuser'")" "$name: add-user on the upgraded file"
  expect_eq 4 "$(sql "SELECT count(*) FROM job_usage_per_association_table WHERE username = 'newuser'")" \
    "$name: usage bins of the new user"
  expect_eq ok "$(sql 'PRAGMA integrity_check')" "$name: integrity after add-bank/add-user"
done
expect_eq 26 "$count" "number of upstream fixtures"

finish
