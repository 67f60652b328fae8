#!/bin/bash
# edit-bank: shares, parent (with cycle, root and associations guards),
# priority and ignore-older-than (parsed, stored as integer seconds); every
# refusal leaves the database unchanged.
. "$(dirname "$0")/lib.sh"

add_assoc() {
  sql "INSERT INTO association_table (creation_time, mod_time, username, bank, default_bank, job_usage)
       VALUES (0, 0, '$1', '$2', '$2', $3)"
}
rows() { sql "$1" | tr '\n' ' ' | sed 's/ $//'; }

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank --parent-bank=root A 1
expect_ok add-bank --parent-bank=root B 1
expect_ok add-bank --parent-bank=root D 1
expect_ok add-bank --parent-bank=D E 1
expect_ok add-bank --parent-bank=E F 1
add_assoc u1 A 4.0
add_assoc u2 F 6.0

expect_fail "no fields provided for update" edit-bank A
expect_fail "bank nope not found in bank_table" edit-bank nope --shares=5
expect_fail "new shares amount must be > 0" edit-bank A --shares=0
expect_fail "new shares amount must be > 0" edit-bank A --shares=-1000
expect_fail "argument --shares: invalid int value: 'lots'" edit-bank A --shares=lots
expect_fail "argument --priority: invalid float value: 'top'" edit-bank A --priority=top
expect_fail "priority must be a finite number, got '-inf'" edit-bank A --priority=-inf
expect_fail "invalid timestamp: 'soonish'" edit-bank A --ignore-older-than=soonish

# Parent changes.
expect_fail "parent bank nope not found in bank table" edit-bank E --parent-bank=nope
expect_fail "parent bank  not found in bank table" edit-bank E --parent-bank=
expect_fail "the root bank root cannot be moved under another bank" edit-bank root --parent-bank=A
expect_fail "bank D cannot be its own parent bank" edit-bank D --parent-bank=D
expect_fail "bank D cannot be moved under E: E is one of its own sub-banks" edit-bank D --parent-bank=E
expect_fail "bank D cannot be moved under F: F is one of its own sub-banks" edit-bank D --parent-bank=F
expect_fail "banks cannot be added to a bank that currently has associations in it" \
  edit-bank B --parent-bank=A
# One bad field refuses the whole edit.
expect_fail "parent bank nope not found in bank table" edit-bank E --shares=9 --parent-bank=nope

# Shares, priority, ignore-older-than.
expect_ok edit-bank A --shares=50
expect_ok edit-bank A --priority=5000
expect_eq '    "priority": 5000.0,' "$(fa view-bank A | grep priority)" "priority printed as a float"
expect_ok edit-bank A --ignore-older-than "2025-01-01 08:00:00"
expect_eq "50|5000.0|1735718400|integer" \
  "$(sql "SELECT shares, priority, ignore_older_than, typeof(ignore_older_than) FROM bank_table WHERE bank='A'")" \
  "A edited"
expect_ok edit-bank B --shares 3 --priority=-2.5 --ignore-older-than=1700000000
expect_eq "3|-2.5|1700000000" "$(sql "SELECT shares, priority, ignore_older_than FROM bank_table WHERE bank='B'")" \
  "several fields at once"

# Moving the current parent is a no-op; a real move re-sums bank usage.
expect_ok edit-bank E --parent-bank=D
expect_eq "0.0" "$(sql "SELECT job_usage FROM bank_table WHERE bank='root'")" "no recompute without a move"
expect_ok edit-bank F --parent-bank=B
expect_eq "root|10.0 A|4.0 B|6.0 D|0.0 E|0.0 F|6.0" \
  "$(rows "SELECT bank, job_usage FROM bank_table ORDER BY rowid")" "usage re-summed after a move"
expect_out edit-bank/after-move.txt view-bank root --tree
# D moves under B; B then cannot go under E, which is now below it.
expect_ok edit-bank D --parent-bank=B
expect_fail "bank B cannot be moved under E: E is one of its own sub-banks" edit-bank B --parent-bank=E

finish
