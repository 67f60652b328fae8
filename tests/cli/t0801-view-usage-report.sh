#!/bin/bash
# view-usage-report: node-time of the jobs that ended in [start, end), per
# association, bank or user, per job-size bin, computed from the database
# (names with spaces, users without a passwd entry and jobs that started long
# before the window all count).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reports_lib.sh"

setup_site
expect_out reports/vur-empty.txt view-usage-report
add_jobs

# Default window: yesterday 00:00 to today 00:00. JOB1+4 has no readable R,
# JOB1+6 ended after the window; JOB1+5 ran for 11.5 days (upstream's query
# looks back only 7 days before the start and would miss it).
expect_out reports/vur-default.txt view-usage-report
expect_out reports/vur-default.txt view-usage-report -s yesterday -e today -r byassociation -t sec -S 0
expect_out reports/vur-bybank.txt view-usage-report -r bybank
expect_out reports/vur-byuser-hour.txt view-usage-report --report-type byuser --time-unit hour
expect_out reports/vur-bins.txt view-usage-report -S 1,2,4 -t min
expect_out reports/vur-bins.txt view-usage-report -S 4,2,1,2 -t min
expect_out reports/vur-default-bins.txt view-usage-report -S default
# Jobs smaller than every bin count nowhere.
expect_out reports/vur-bins-2.txt view-usage-report -S 2,4

# Filters.
expect_out reports/vur-user2.txt view-usage-report -u user2
expect_out reports/vur-root.txt view-usage-report -u root -r byuser
expect_out reports/vur-bigbank.txt view-usage-report -b "big bank"
expect_out reports/vur-empty.txt view-usage-report -u nosuchuser
expect_out reports/vur-window.txt view-usage-report -s "2025-12-31 12:00" -e 1767230001

# --json.
expect_out reports/vur-json.txt view-usage-report --json -S 1,2 -t min
expect_out reports/vur-json-empty.txt view-usage-report --json -u nosuchuser

# Errors.
expect_fail "invalid timestamp: 'whenever'" view-usage-report -s whenever
expect_fail "invalid timestamp: 'later'" view-usage-report --end later
expect_fail "argument -r/--report-type: invalid choice: 'bygroup'" view-usage-report -r bygroup
expect_fail "argument -t/--time-unit: invalid choice: 'day'" view-usage-report -t day
expect_fail "invalid job size bin 'a' in '1,a'" view-usage-report -S 1,a

finish
