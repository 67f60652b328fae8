#!/bin/bash
# show-usage {associations|banks}: a bar chart of the largest job_usage
# values, sized to the terminal (COLUMNS), "█" bars in a UTF-8 locale and
# "#" otherwise.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reports_lib.sh"

export COLUMNS=60 LC_ALL=C.UTF-8
# No associations, no banks but the root: nothing to chart.
expect_ok create-db
expect_ok add-bank root 1
expect_out reports/su-none.txt show-usage associations
expect_out reports/su-none.txt show-usage banks
rm "$DB"
setup_site
expect_out reports/su-zero.txt show-usage banks

sql "UPDATE association_table SET job_usage = 120 WHERE username = 'user1'"
sql "UPDATE association_table SET job_usage = 60 WHERE username = 'user2' AND bank = 'B'"
sql "UPDATE association_table SET job_usage = 30.25 WHERE username = 'user three'"
sql "UPDATE bank_table SET job_usage = 210.25 WHERE bank = 'root'"
sql "UPDATE bank_table SET job_usage = 120 WHERE bank = 'A'"
sql "UPDATE bank_table SET job_usage = 60 WHERE bank = 'B'"
sql "UPDATE bank_table SET job_usage = 30.25 WHERE bank = 'big bank'"

expect_out reports/su-associations.txt show-usage associations
expect_out reports/su-associations-2.txt show-usage associations -n 2
expect_out reports/su-banks.txt show-usage banks
expect_out reports/su-banks-1.txt show-usage banks --limit 1
expect_out reports/su-none.txt show-usage banks -n 0
COLUMNS=120 expect_out reports/su-banks-wide.txt show-usage banks
COLUMNS=10 expect_out reports/su-banks-narrow.txt show-usage banks
LC_ALL=C expect_out reports/su-banks-ascii.txt show-usage banks
expect_out reports/su-associations-json.txt show-usage associations --json -n 2
expect_out reports/su-banks-json.txt show-usage banks --json

expect_fail "argument table: invalid choice: 'users'" show-usage users
expect_fail "argument -n/--limit: invalid int value: 'ten'" show-usage banks -n ten
expect_fail "the following arguments are required: table" show-usage

finish
