#!/bin/bash
# export-db -F feeds fairshare-emulate: on the same database the emulator
# gives every user the fair-share update-fshare stores (ties may be listed
# in another order; their values are the same).
. "$(dirname "$0")/lib.sh"

add_assoc() {
  sql "INSERT INTO association_table
         (creation_time, mod_time, username, bank, default_bank, shares, job_usage)
       VALUES (0, 0, '$1', '$2', '$2', $3, $4)"
}

# bank_usage: every bank's job_usage = the sum of the active associations
# below it (what update-fshare computes; export-db -F writes the stored value).
bank_usage() {
  sql "WITH RECURSIVE below(top, bank) AS (
         SELECT bank, bank FROM bank_table
         UNION ALL SELECT below.top, b.bank FROM below JOIN bank_table b ON b.parent_bank = below.bank)
       UPDATE bank_table SET job_usage = (
         SELECT COALESCE(SUM(a.job_usage), 0.0) FROM below JOIN association_table a
           ON a.bank = below.bank AND a.active = 1 WHERE below.top = bank_table.bank)"
}

# check NAME: update-fshare's stored values equal the emulator's, user by user.
check() {
  expect_ok update-fshare
  expect_ok export-db -F
  cp "$WORK/out" "$WORK/tree.json"
  "$(dirname "$FLUX_ACCOUNT")/flux-account-fairshare-emulate" -i "$WORK/tree.json" \
    -o "{username} {bank} {fairshare}" | sort >"$WORK/emulated"
  sql "SELECT username || ' ' || bank || ' ' || fairshare FROM association_table WHERE active = 1" |
    sort >"$WORK/stored"
  expect_eq "$(cat "$WORK/stored")" "$(cat "$WORK/emulated")" "$1"
}

# upstream's small_no_tie and small_tie trees, then a deeper one with ties.
expect_ok create-db
expect_ok add-bank root 1000
expect_ok add-bank --parent-bank=root account1 1000
expect_ok add-bank --parent-bank=root account2 100
expect_ok add-bank --parent-bank=root account3 10
add_assoc leaf.1.1 account1 10000 100.0
add_assoc leaf.1.2 account1 1000 11.0
add_assoc leaf.1.3 account1 100000 10.0
add_assoc leaf.2.1 account2 100000 8.0
add_assoc leaf.2.2 account2 10000 3.0
add_assoc leaf.3.1 account3 100 0.0
add_assoc leaf.3.2 account3 10 1.0
bank_usage
check small_no_tie
expect_eq "leaf.3.2 account3 0.857143" "$(grep leaf.3.2 "$WORK/emulated")" "small_no_tie value"

sql "UPDATE association_table SET job_usage = CASE username WHEN 'leaf.1.2' THEN 10.0
       WHEN 'leaf.2.1' THEN 10.0 WHEN 'leaf.2.2' THEN 1.0 ELSE job_usage END,
       shares = CASE username WHEN 'leaf.2.1' THEN 10000 WHEN 'leaf.2.2' THEN 1000 ELSE shares END"
add_assoc leaf.2.3 account2 100000 1.0
bank_usage
check small_tie
expect_eq "leaf.1.1 account1 0.5" "$(grep leaf.1.1 "$WORK/emulated")" "small_tie value"

sql "DELETE FROM association_table WHERE bank = 'account3'"
expect_ok add-bank --parent-bank=account3 deep1 1
expect_ok add-bank --parent-bank=root account4 10
expect_ok add-bank --parent-bank=account4 deep2 5
expect_ok add-bank --parent-bank=account4 deep3 5
add_assoc d.1 deep2 1 4.0
add_assoc d.2 deep3 1 4.0
add_assoc d.3 deep3 3 0.0
add_assoc d.4 deep1 1 1.0
add_assoc d.5 deep1 1 1.0
bank_usage
check "deeper tree with tied banks"

finish
