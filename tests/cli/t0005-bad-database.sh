#!/bin/bash
# Every command refuses a database it cannot trust, with one clear line and
# the file left as it was: missing, not SQLite, corrupt, not an accounting
# database, older than schema 38 (naming update-db), newer than 38.
. "$(dirname "$0")/lib.sh"

# One read and one write per command family.
commands=(
  "list-banks"
  "view-bank root"
  "add-bank root 1"
  "edit-bank root --shares=2"
  "delete-bank root"
  "list-users"
  "view-user alice"
  "add-user -u alice -B root"
  "edit-user alice --shares=2"
  "edit-all-users --shares=2"
  "delete-user alice root"
)

check_all() {
  local msg=$1
  for c in "${commands[@]}"; do
    # shellcheck disable=SC2086
    expect_fail "$msg" $c
  done
}

DB=$WORK/missing.db
check_all "Database file does not exist: $DB"
expect_eq missing "$(checksum "$DB")" "no file created"

DB=$WORK/text.db
printf 'this is not a database, just some text that is long enough to fill a header....\n%.0s' {1..20} >"$DB"
check_all "is not a flux-accounting database"

DB=$WORK/empty.db
: >"$DB"
check_all "is not a flux-accounting database"

DB=$WORK/other.db
sqlite3 "$DB" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
check_all "is not a flux-accounting database: it has no association_table"

DB=$WORK/corrupt.db
expect_ok create-db
expect_ok add-bank root 1
# Overwrite the middle of the file: the header survives, the pages do not.
dd if=/dev/urandom of="$DB" bs=1024 seek=2 count=8 conv=notrunc status=none
for c in "list-banks" "add-bank --parent-bank=root X 1"; do
  # shellcheck disable=SC2086
  expect_fail "malformed" $c
done

DB=$WORK/old.db
cp "$TESTS_DIR/data/FluxAccountingv0-60-0.db" "$DB"
chmod u+w "$DB"
check_all "flux-accounting database out of date; please update DB with 'flux account-update-db' before running commands"

DB=$WORK/new.db
expect_ok create-db
sql "PRAGMA user_version = 39"
check_all "database schema version 39 is newer than this flux-account understands (38)"

DB=$WORK/dir.db
mkdir "$DB"
expect_fail "is a directory" list-banks

finish
