#!/bin/bash
# list-banks: active banks by default, --inactive, --fields, --json, -o.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_fail "no results found in query" list-banks
expect_fail "no results found in query" list-banks --inactive

expect_ok add-bank root 1
expect_ok add-bank --parent-bank=root A 1 --priority=2.5
expect_ok add-bank --parent-bank=root B 10 --ignore-older-than=1700000000
expect_ok add-bank --parent-bank=root C 1
expect_ok delete-bank B

expect_out list-banks/default.txt list-banks
expect_out list-banks/inactive.txt list-banks --inactive
expect_out list-banks/json.txt list-banks --json
expect_out list-banks/fields.txt list-banks --fields=bank_id,bank
expect_out list-banks/fields-json.txt list-banks --fields=bank,active --json --inactive
expect_out list-banks/format.txt list-banks -o "{bank_id:<7}||{bank:<7}||{shares:>2}"
# -o wins over --json.
expect_out list-banks/format.txt list-banks --json -o "{bank_id:<7}||{bank:<7}||{shares:>2}"
expect_fail "invalid fields: foo" list-banks --fields=bank_id,foo
expect_fail "unrecognized arguments: --bogus" list-banks --bogus

finish
