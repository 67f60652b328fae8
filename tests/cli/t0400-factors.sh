#!/bin/bash
# Priority factor weights: view-factor, edit-factor, list-factors, reset-factors.
. "$(dirname "$0")/lib.sh"

expect_ok create-db

# The four factors create-db seeds, in its order.
expect_out factors/list.txt list-factors
expect_out factors/list-json.txt list-factors --json
expect_out factors/list-fields.txt list-factors --fields=weight,factor
expect_out factors/list-format.txt list-factors -o "{factor:>10}: {weight}"
expect_fail "invalid fields: foo" list-factors --fields=factor,foo
expect_fail "unrecognized arguments: --bogus" list-factors --bogus

expect_out factors/view-fairshare.txt view-factor fairshare
expect_out factors/view-fairshare-json.txt view-factor fairshare --json
expect_out factors/view-fairshare-format.txt view-factor fairshare -o "{factor}={weight}"
# -o wins over --json; an empty -o means no format.
expect_out factors/view-fairshare-format.txt view-factor fairshare --json -o "{factor}={weight}"
expect_out factors/view-fairshare.txt view-factor fairshare -o ""
expect_fail "factor foo not found in priority_factor_weight_table" view-factor foo
expect_fail "Invalid column name in format string: name" view-factor queue -o "{name}"
expect_fail "the following arguments are required: FACTOR" view-factor

# edit-factor: both options required, an integer weight, one of the four factors.
expect_ok edit-factor --factor=bank --weight=500
expect_ok edit-factor --factor urgency --weight 0
expect_eq "bank|500" "$(sql "SELECT * FROM priority_factor_weight_table WHERE factor = 'bank'")"
expect_eq "urgency|0" "$(sql "SELECT * FROM priority_factor_weight_table WHERE factor = 'urgency'")"
expect_eq "integer" "$(sql "SELECT typeof(weight) FROM priority_factor_weight_table WHERE factor = 'bank'")"
expect_out factors/list-edited.txt list-factors
expect_fail "factor foo not found in priority_factor_weight_table; available factors are fairshare,queue,bank,urgency" \
  edit-factor --factor=foo --weight=1
expect_fail "edit-factor: error: argument --weight: invalid int value: 'foo'" edit-factor --factor=bank --weight=foo
expect_fail "argument --weight: invalid int value: '1.5'" edit-factor --factor=bank --weight=1.5
expect_fail "the following arguments are required: --factor, --weight" edit-factor
expect_fail "the following arguments are required: --weight" edit-factor --factor=bank
expect_fail "the following arguments are required: --factor" edit-factor --weight=1
# The plugin reads weights into a C int.
expect_fail "weight must be an integer between 0 and 2147483647, got -1" edit-factor --factor=bank --weight=-1
expect_fail "weight must be an integer between 0 and 2147483647, got 2147483648" \
  edit-factor --factor=bank --weight=2147483648
expect_ok edit-factor --factor=queue --weight=2147483647
# Like every listing, 2147483647 shows as "unlimited" (upstream's formatter).
expect_out factors/view-queue-max.txt view-factor queue

# reset-factors: the defaults again; a factor whose row was lost comes back.
sql "DELETE FROM priority_factor_weight_table WHERE factor = 'fairshare'"
expect_fail "factor fairshare not found in priority_factor_weight_table" view-factor fairshare
expect_ok reset-factors
# (the restored row comes last, as upstream's upsert leaves it)
expect_eq "queue|10000 bank|0 urgency|1000 fairshare|100000" \
  "$(sql "SELECT factor, weight FROM priority_factor_weight_table ORDER BY rowid" | tr '\n' ' ' | sed 's/ $//')" \
  "weights after reset-factors"
expect_fail "unrecognized arguments: x" reset-factors x
# edit-factor of a lost row puts it back.
sql "DELETE FROM priority_factor_weight_table WHERE factor = 'urgency'"
expect_ok edit-factor --factor=urgency --weight=7
expect_eq "urgency|7" "$(sql "SELECT * FROM priority_factor_weight_table WHERE factor = 'urgency'")"

# No rows at all.
sql "DELETE FROM priority_factor_weight_table"
expect_fail "no results found in query" list-factors

finish
