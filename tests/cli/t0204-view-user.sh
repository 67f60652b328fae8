#!/bin/bash
# view-user: JSON by default, --parsable table, -o format, --fields,
# --list-banks, -J job usage; rows in bank order; upstream's errors.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-bank B 1 --parent-bank root
# Added to B first: rows still come out in bank order, as upstream's do.
expect_ok add-user -u alice -i 1001 -B B --shares 3 --max-nodes 8
FLUXACCT_NOW=1767225700 expect_ok add-user -u alice -i 1001 -B A --fairshare 0.125
expect_ok add-user -u bob -i 1002 -B A
expect_ok delete-user bob A
sql "UPDATE job_usage_per_association_table SET value = 12.5 WHERE username = 'alice' AND bank = 'B' AND period = 1"

expect_out users/view-user.json view-user alice
expect_out users/view-user.table view-user alice --parsable
expect_out users/view-user-disabled.table view-user bob --pars
expect_out users/view-user.format view-user alice -o '{username}|{bank}|{active}|{shares}|{max_nodes:>12}|{fairshare:.3f}'
expect_out users/view-user-fields.json view-user alice --fields bank,shares,max_nodes
expect_out users/view-user-fields.table view-user alice --fields=max_nodes,bank --parsable
expect_out users/view-user-banks.txt view-user alice --list-banks
# -o wins over --list-banks and --parsable.
expect_out users/view-user-banks.format view-user alice --list-banks --parsable -o '{bank}'
expect_out users/view-user-usage.json view-user alice -J
expect_out users/view-user-usage.table view-user alice -J --parsable
expect_out users/view-user-usage.format view-user alice --job-usage -o '{bank}:{period}:{value}'

# Names are looked up as given (bound, not spliced) and JSON is ASCII-escaped.
weird="o'brien; é"
expect_ok add-user -u "$weird" -i 7 -B A
expect_out users/view-user-weird.json view-user "$weird" --fields username,bank
expect_fail "user o'brien not found in association_table" view-user "o'brien"
expect_fail "user % not found in association_table" view-user "%"

# Errors.
expect_fail "user nobody not found in association_table" view-user nobody
expect_fail "user nobody not found in association_table" view-user nobody -J
expect_fail "user nobody not found in association_table" view-user nobody --list-banks
expect_fail "invalid fields: foo, bar" view-user alice --fields bank,foo,bar
expect_fail "argument -J/--job-usage: not allowed with argument --fields" view-user alice --fields bank -J
expect_fail "argument --fields: not allowed with argument -J/--job-usage" view-user alice -J --fields bank
expect_fail "the following arguments are required: USERNAME" view-user
# An association without usage rows (e.g. loaded by pop-db): upstream's message.
sql "INSERT INTO association_table (creation_time, username, bank, default_bank) VALUES (1, 'popped', 'A', 'A')"
expect_fail "no results found in query" view-user popped -J

# A bad placeholder names the available columns.
expect_fail "Invalid column name in format string: nope. Available columns: bank,shares" \
  view-user alice --fields bank,shares -o '{bank} {nope}'

finish
