#!/bin/bash
# add-bank: upstream's checks and messages in order, reactivation, bank
# names unique across the whole tree, validated shares/priority/timestamps,
# and names stored verbatim.
. "$(dirname "$0")/lib.sh"

expect_fail "Database file does not exist" add-bank root 1
expect_ok create-db

expect_fail "the following arguments are required: BANK, SHARES" add-bank
expect_fail "the following arguments are required: SHARES" add-bank root
expect_fail "argument SHARES: invalid int value: 'many'" add-bank root many
expect_fail "argument SHARES: invalid int value: '1.5'" add-bank root 1.5
expect_fail "shares must be a non-negative integer, got -5" add-bank root -5
expect_fail "argument --priority: invalid float value: 'high'" add-bank root 1 --priority=high
expect_fail "priority must be a finite number, got 'nan'" add-bank root 1 --priority=nan
expect_fail "priority must be a finite number, got 'inf'" add-bank root 1 --priority inf
expect_fail "invalid timestamp: 'last tuesday-ish'" add-bank root 1 --ignore-older-than "last tuesday-ish"
expect_fail "parent bank nope not found in bank table" add-bank --parent-bank=nope A 1
expect_fail "bank name must not be empty" add-bank "" 1

# The root bank, then the single-root rule.
expect_ok add-bank root 1
expect_out add-bank/root.json view-bank root
expect_fail "bank_table already has a root bank" add-bank other 1
expect_fail "bank_table already has a root bank" add-bank root 1

expect_ok add-bank --parent-bank=root A 1
expect_ok add-bank --parent-bank root B 0
expect_eq "0" "$(sql "SELECT shares FROM bank_table WHERE bank='B'")" "zero shares accepted"
expect_eq "integer" "$(sql "SELECT typeof(shares) FROM bank_table WHERE bank='B'")" "shares stored as integer"

# Same name, same parent, active.
expect_fail "bank A already exists in bank_table" add-bank --parent-bank=root A 1
# Same name anywhere else (upstream accepts this and then mixes the two up).
expect_fail "bank A already exists in bank_table under parent bank root; bank names must be unique" \
  add-bank --parent-bank=B A 1
expect_fail "bank root already exists in bank_table as the root bank; bank names must be unique" \
  add-bank --parent-bank=A root 1
# Names are case-sensitive, as upstream.
expect_ok add-bank --parent-bank=B a 1

# A bank holding associations cannot get sub-banks.
expect_ok add-user --username=u1 --userid=5001 --bank=A
expect_fail "banks cannot be added to a bank that currently has associations in it" \
  add-bank --parent-bank=A A1 1
expect_ok delete-user u1 A
expect_fail "banks cannot be added to a bank that currently has associations in it" \
  add-bank --parent-bank=A A1 1

# Re-adding a disabled bank under the same parent re-enables it and changes
# nothing else (upstream ignores the other values too).
expect_ok add-bank --parent-bank=root C 7 --priority=3
expect_ok delete-bank C
expect_eq "0" "$(sql "SELECT active FROM bank_table WHERE bank='C'")" "C disabled"
expect_fail "bank C already exists in bank_table under parent bank root (inactive); bank names must be unique" \
  add-bank --parent-bank=B C 1
expect_ok add-bank --parent-bank=root C 99 --priority=5
expect_eq "1|7|3.0|1" "$(sql "SELECT active, shares, priority, count(*) FROM bank_table WHERE bank='C'")" \
  "C re-enabled, values kept, no second row"

# Priority and ignore-older-than.
expect_ok add-bank --parent-bank=root H 1 --priority=1000.567
expect_eq '    "priority": 1000.567,' "$(fa view-bank H | grep priority)" "priority in JSON"
expect_ok add-bank --parent-bank=root T1 1 --ignore-older-than "2025-01-01 08:00:00"
expect_ok add-bank --parent-bank=root T2 1 --ignore-older-than 1735689600.9
expect_ok add-bank --parent-bank=root T3 1 --ignore-older-than now
expect_ok add-bank --parent-bank=root T4 1 --ignore-older-than 01/01/2025
expect_eq "T1|1735718400|integer T2|1735689600|integer T3|1767225600|integer T4|1735689600|integer" \
  "$(sql "SELECT bank, ignore_older_than, typeof(ignore_older_than) FROM bank_table
          WHERE bank LIKE 'T_' ORDER BY bank" | tr '\n' ' ' | sed 's/ $//')" \
  "ignore_older_than stored as integer seconds"
expect_eq "0" "$(sql "SELECT ignore_older_than FROM bank_table WHERE bank='H'")" "default 0"

# Names with quotes, semicolons, spaces and non-ASCII are stored verbatim.
expect_ok add-bank --parent-bank=root "o'brien\"; DROP TABLE bank_table;--" 1
expect_ok add-bank --parent-bank=root "with space" 1
expect_ok add-bank --parent-bank="with space" "ünïcødé 银行" 2
expect_eq "o'brien\"; DROP TABLE bank_table;--|root" \
  "$(sql "SELECT bank, parent_bank FROM bank_table WHERE bank LIKE 'o''brien%'")" "quoted name"
expect_eq "ünïcødé 银行|with space|2" \
  "$(sql "SELECT bank, parent_bank, shares FROM bank_table WHERE parent_bank = 'with space'")" \
  "non-ASCII name"
expect_out add-bank/unicode-tree.txt view-bank -t "with space"
expect_fail "bank ünïcødé 银行 already exists in bank_table" \
  add-bank --parent-bank="with space" "ünïcødé 银行" 1

# A disabled root bank can be re-enabled by adding it again.
expect_ok delete-bank root
expect_fail "bank_table already has a root bank" add-bank other 1
expect_ok add-bank root 5
expect_eq "1|1" "$(sql "SELECT active, shares FROM bank_table WHERE bank='root'")" "root re-enabled"
expect_eq "1" "$(sql "SELECT count(*) FROM bank_table WHERE parent_bank=''")" "still one root"

finish
