#!/bin/bash
# view-bank: JSON, -u tables, -o, --fields, the -t tree and its -P form,
# -c/--concise and -A/--active filters, and the option-combination errors.
. "$(dirname "$0")/lib.sh"

# add_assoc USER BANK [SHARES JOB_USAGE FAIRSHARE ACTIVE]: an association with
# usage and fair-share values (add-user cannot set those).
add_assoc() {
  sql "INSERT INTO association_table
         (creation_time, mod_time, username, bank, default_bank, shares, job_usage, fairshare, active)
       VALUES (0, 0, '$1', '$2', '$2', ${3:-1}, ${4:-0.0}, ${5:-0.5}, ${6:-1})"
}

# The hierarchy of upstream's bank tests: root > A B C D, D > E F.
expect_ok create-db
expect_ok add-bank root 1
for b in A B C D; do expect_ok add-bank --parent-bank=root $b 1; done
expect_ok add-bank --parent-bank=D E 1
expect_ok add-bank --parent-bank=D F 1
expect_ok add-user --username=user5011 --userid=5011 --bank=A
expect_ok add-user --username=user5012 --userid=5012 --bank=A
expect_ok add-user --username=user5013 --userid=5013 --bank=B
expect_ok add-user --username=user5014 --userid=5014 --bank=C

expect_fail "bank foo not found in bank_table" view-bank foo
expect_fail "bank foo not found in bank_table" view-bank foo -t
expect_fail "the following arguments are required: BANK" view-bank
expect_fail "--tree option does not support custom formatting" view-bank root --tree --fields=bank_id
expect_fail "-P/--parsable can only be passed with -t/--tree" view-bank root -P
expect_fail "-P/--parsable can only be passed with -t/--tree" view-bank root --parsable -u
expect_fail "invalid fields: foo, bar" view-bank root --fields=bank_id,foo,bar

expect_out view-bank/A.json view-bank A
expect_out view-bank/A-fields.json view-bank A --fields=shares,bank
expect_out view-bank/A-format.txt view-bank -o "{bank_id:<8} || {bank:<12} || {shares:<5}" A
expect_out view-bank/A-format.txt view-bank -t -o "{bank_id:<8} || {bank:<12} || {shares:<5}" A
expect_out view-bank/full-hierarchy.txt view-bank root -t
expect_out view-bank/A-users.txt view-bank A -u
expect_out view-bank/A-users-fields.txt view-bank A -u --fields=bank_id,bank
expect_out view-bank/F-tree.txt view-bank F -t
expect_out view-bank/F-users.txt view-bank F -u
expect_out view-bank/D-tree.txt view-bank D -t
expect_ok add-user --username=user5030 --userid=5030 --bank=E
expect_ok add-user --username=user5031 --userid=5031 --bank=E
expect_out view-bank/E-tree.txt view-bank E -t

# -A/--active and -c/--concise filter the associations (tree and -u).
sql "UPDATE association_table SET active = 0 WHERE username = 'user5012'"
sql "UPDATE association_table SET job_usage = 12.5 WHERE username = 'user5011'"
expect_out view-bank/A-tree-active.txt view-bank A --tree --active
expect_out view-bank/A-tree.txt view-bank A --tree
expect_out view-bank/A-parsable.txt view-bank A --tree --parsable
expect_out view-bank/A-parsable-active.txt view-bank A -t -P -A
expect_out view-bank/A-users-active.txt view-bank A --users --active
expect_out view-bank/root-concise.txt view-bank root -t -c
expect_out view-bank/A-users-concise.txt view-bank A -u -c
sql "UPDATE association_table SET active = 0 WHERE username = 'user5011'"
expect_out view-bank/A-users-none-active.txt view-bank A -u -A

# upstream's small_no_tie hierarchy with its usage and fair-share values.
DB="$WORK/small.db"
expect_ok create-db
expect_ok add-bank root 1000
expect_ok add-bank --parent-bank=root account1 1000
expect_ok add-bank --parent-bank=root account2 100
expect_ok add-bank --parent-bank=root account3 10
add_assoc leaf.1.1 account1 10000 100.0 0.285714
add_assoc leaf.1.2 account1 1000 11.0 0.142857
add_assoc leaf.1.3 account1 100000 10.0 0.428571
add_assoc leaf.2.1 account2 100000 8.0 0.714286
add_assoc leaf.2.2 account2 10000 3.0 0.571429
add_assoc leaf.3.1 account3 100 0.0 1.0
add_assoc leaf.3.2 account3 10 1.0 0.857143
sql "UPDATE bank_table SET job_usage = CASE bank WHEN 'root' THEN 133.0 WHEN 'account1' THEN 121.0
       WHEN 'account2' THEN 11.0 ELSE 1.0 END"
expect_out view-bank/small-no-tie.txt view-bank -t root
expect_out view-bank/small-no-tie-parsable.txt view-bank root -t -P
expect_out view-bank/small-no-tie-concise.txt view-bank root -t -P -c

# The top bank's usage is round(x, 2); the others print as stored.
sql "UPDATE bank_table SET job_usage = 2.675 WHERE bank = 'root'"
sql "UPDATE bank_table SET job_usage = 1.23456 WHERE bank = 'account3'"
expect_eq "root||true|1000|2.67" "$(fa view-bank root -t -P | sed -n 2p)" "root usage rounded"
expect_eq " account3||true|10|1.23456" "$(fa view-bank root -t -P | grep '^ account3')" "sub-bank usage raw"
expect_eq "account3||true|10|1.23" "$(fa view-bank account3 -t -P | sed -n 2p)" "top usage rounded"

finish
