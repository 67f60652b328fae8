#!/bin/bash
# delete-user: disable (or --force remove) one association; when it was the
# user's default bank, every row of the user moves to the earliest-created
# active bank. Usage rows are kept. An unknown association is an error.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
for b in A B C; do expect_ok add-bank $b 1 --parent-bank root; done
# alice joins A, then C, then B (creation order differs from name order).
FLUXACCT_NOW=1000 expect_ok add-user -u alice -i 1 -B A
FLUXACCT_NOW=2000 expect_ok add-user -u alice -i 1 -B C
FLUXACCT_NOW=3000 expect_ok add-user -u alice -i 1 -B B
FLUXACCT_NOW=1000 expect_ok add-user -u bob -i 2 -B A

defaults() { sql "SELECT group_concat(bank || ':' || active || ':' || default_bank, ' ') FROM
                  (SELECT * FROM association_table WHERE username = '$1' ORDER BY bank)"; }

# Not the default bank: only that row changes.
FLUXACCT_NOW=5000 expect_ok delete-user alice B
expect_eq "A:1:A B:0:A C:1:A" "$(defaults alice)" "non-default bank disabled"
expect_eq 5000 "$(sql "SELECT mod_time FROM association_table WHERE username = 'alice' AND bank = 'B'")" \
  "mod_time of the disabled row"

# The default bank: the earliest-created active bank (C) becomes the default.
expect_ok delete-user alice A
expect_eq "A:0:C B:0:C C:1:C" "$(defaults alice)" "default moved to C"

# The last active bank: nothing to move to; the default stays.
expect_ok delete-user alice C
expect_eq "A:0:C B:0:C C:0:C" "$(defaults alice)" "no active bank left"

# Disabling is repeatable; the rows stay, and so do the usage rows.
expect_ok delete-user alice C
expect_eq 12 "$(sql "SELECT count(*) FROM job_usage_per_association_table WHERE username = 'alice'")" \
  "usage bins kept"

# --force removes the row; rotation applies the same way.
expect_ok add-user -u alice -B A
expect_eq "A:1:C B:0:C C:0:C" "$(defaults alice)" "A reactivated"
expect_ok delete-user alice C --force
expect_eq "A:1:A B:0:A" "$(defaults alice)" "C removed, default moved to A"
expect_eq 3 "$(sql "SELECT count(*) FROM job_usage_factor_table WHERE username = 'alice'")" \
  "usage factor rows kept after --force"

# bob is untouched throughout.
expect_eq "A:1:A" "$(defaults bob)" "other users untouched"

# Errors.
expect_fail "association alice,C not found in association_table" delete-user alice C
expect_fail "association nobody,A not found in association_table" delete-user nobody A --force
expect_fail "the following arguments are required: BANK" delete-user alice
expect_fail "unrecognized arguments: extra" delete-user alice A extra

finish
