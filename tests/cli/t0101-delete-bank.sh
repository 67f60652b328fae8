#!/bin/bash
# delete-bank: recursive soft delete (banks, sub-banks, their associations,
# with default-bank rotation), --force removal with the bank usage
# recomputed from the root, and an error for an unknown bank.
. "$(dirname "$0")/lib.sh"

# add_assoc USER BANK DEFAULT_BANK CREATION_TIME JOB_USAGE [ACTIVE]
add_assoc() {
  sql "INSERT INTO association_table
         (creation_time, mod_time, username, bank, default_bank, job_usage, active)
       VALUES ($4, $4, '$1', '$2', '$3', $5, ${6:-1})"
}
rows() { sql "$1" | tr '\n' ' ' | sed 's/ $//'; }

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank --parent-bank=root A 1
expect_ok add-bank --parent-bank=root D 1
expect_ok add-bank --parent-bank=D E 1
expect_ok add-bank --parent-bank=D F 1
expect_ok add-bank --parent-bank=E G 1
expect_ok add-bank --parent-bank=root K 1
add_assoc u1 A A 10 100.0
add_assoc u1 G A 20 10.0       # u1's default bank stays A
add_assoc u2 G G 10 20.0       # u2's default bank G rotates to A
add_assoc u2 A G 30 5.0
add_assoc u3 F F 10 1.5        # u3 has only banks under D
add_assoc u4 K K 10 7.0
add_assoc u5 A A 40 1000.0 0   # inactive: never counted in bank usage

expect_fail "bank nope not found in bank_table" delete-bank nope
expect_fail "bank nope not found in bank_table" delete-bank nope --force
expect_fail "the following arguments are required: BANK" delete-bank

# Soft delete: D and everything below it.
expect_ok delete-bank D
expect_eq "root|1 A|1 D|0 E|0 F|0 G|0 K|1" "$(rows "SELECT bank, active FROM bank_table ORDER BY rowid")" \
  "banks disabled recursively"
expect_eq "u1|A|1|A u1|G|0|A u2|G|0|A u2|A|1|A u3|F|0|F u4|K|1|K u5|A|0|A" \
  "$(rows "SELECT username, bank, active, default_bank FROM association_table ORDER BY rowid")" \
  "associations disabled, default banks rotated"
expect_eq "1767225600" "$(sql "SELECT mod_time FROM association_table WHERE username='u3'")" \
  "mod_time of a disabled association"
expect_out delete-bank/after-soft-delete.txt view-bank -t root
# Deleting a disabled bank again is harmless.
expect_ok delete-bank E
expect_eq "0|0" "$(rows "SELECT group_concat(active) FROM bank_table WHERE bank IN ('E','G')" | tr ',' '|')"

# Re-enable D's tree partly so --force has active and inactive parts to count.
sql "UPDATE bank_table SET active = 1 WHERE bank IN ('D', 'E', 'G')"
sql "UPDATE association_table SET active = 1 WHERE bank = 'G'"

# --force: rows go, and every bank's job_usage is recomputed from the root
# over active associations under active banks.
expect_ok delete-bank F --force
expect_eq "root A D E G K" "$(rows "SELECT bank FROM bank_table ORDER BY rowid")" "F removed"
expect_eq "" "$(sql "SELECT username FROM association_table WHERE bank='F'")" "F's association removed"
# A = u1 100 + u2 5 (u5 inactive); G = 10 + 20; E = G; D = E; K = 7.
expect_eq "root|142.0 A|105.0 D|30.0 E|30.0 G|30.0 K|7.0" \
  "$(rows "SELECT bank, job_usage FROM bank_table ORDER BY rowid")" "bank usage recomputed"

# An inactive sub-bank's usage does not count towards its parent.
sql "UPDATE bank_table SET active = 0 WHERE bank = 'K'"
expect_ok delete-bank G --force
expect_eq "root|105.0 A|105.0 D|0.0 E|0.0 K|7.0" \
  "$(rows "SELECT bank, job_usage FROM bank_table ORDER BY rowid")" \
  "inactive K not counted; leaf E with no associations is 0"
expect_eq "u1|A|A u2|A|A u4|K|K u5|A|A" \
  "$(rows "SELECT username, bank, default_bank FROM association_table ORDER BY rowid")" \
  "G's associations deleted, u2's default bank rotated"
# Usage history is kept, as with delete-user --force.
expect_eq "0" "$(sql "SELECT count(*) FROM association_table WHERE bank='G'")"

# --force on the root removes everything; nothing is left to recompute.
expect_ok delete-bank root --force
expect_eq "0|0" "$(sql "SELECT (SELECT count(*) FROM bank_table), (SELECT count(*) FROM association_table)")" \
  "everything removed"

# A cycle left by an older tool (upstream's edit-bank does not refuse one)
# neither hangs view-bank nor delete-bank.
DB="$WORK/cycle.db"
expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank --parent-bank=root X 1
expect_ok add-bank --parent-bank=X Y 1
sql "UPDATE bank_table SET parent_bank = 'Y' WHERE bank = 'X'"
expect_eq "0" "$(timeout 10 "$FLUX_ACCOUNT" -p "$DB" view-bank X -t >/dev/null; echo $?)" "tree of a cycle"
expect_eq "0" "$(timeout 10 "$FLUX_ACCOUNT" -p "$DB" delete-bank X --force; echo $?)" "delete a cycle"
expect_eq "root|0.0" "$(sql "SELECT bank, job_usage FROM bank_table")" "cycle removed"

finish
