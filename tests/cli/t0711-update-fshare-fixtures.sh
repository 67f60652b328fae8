#!/bin/bash
# update-fshare on upstream's own test databases (small_no_tie.db,
# small_tie.db, small_tie_all.db, small_tie_zero_shares.db, written by its
# C++ tool) reproduces the fair-shares stored in them, after update-db.
. "$(dirname "$0")/lib.sh"
FIXTURES="${FLUXACCT_SHARED_DIR:-}/fixtures/flux-accounting/test_dbs"
if [ -z "${FLUXACCT_SHARED_DIR:-}" ] || ! ls "$FIXTURES"/small_*.db >/dev/null 2>&1; then
  echo "skipping: upstream fixtures not found under FLUXACCT_SHARED_DIR (${FLUXACCT_SHARED_DIR:-unset})"
  exit 77
fi

stored() { sql "SELECT username || ' ' || bank || ' ' || fairshare FROM association_table ORDER BY rowid"; }

count=0
for src in "$FIXTURES"/small_*.db; do
  name=$(basename "$src" .db)
  count=$((count + 1))
  cp "$src" "$DB"
  expect_ok update-db
  want=$(stored)
  # Forget the stored values, so that only update-fshare can bring them back.
  sql "UPDATE association_table SET fairshare = 0.5"
  expect_ok update-fshare
  expect_eq "$want" "$(stored)" "$name: fair-shares as upstream's update-fshare stored them"
done
expect_eq 4 "$count" "number of small_*.db fixtures"

finish
