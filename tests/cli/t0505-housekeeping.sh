#!/bin/bash
# sync-userids: usage rows take their association's userid (matched by
# username and bank), with one line of notice when anything changed.
# scrub-old-jobs [NUM_WEEKS]: removes job records inactive for longer than
# NUM_WEEKS weeks (default 26); -v says how many.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-bank B 1 --parent-bank root
expect_ok add-user -u alice -i 5001 -B A
expect_ok add-user -u alice -i 5001 -B B
expect_ok add-user -u bob -i 5002 -B A

expect_ok sync-userids
expect_eq "" "$(cat "$WORK/out")" "nothing to say when consistent"

# A uid changed behind the tools' back, and one association with its own uid.
sql "UPDATE job_usage_factor_table SET userid = 1 WHERE username = 'alice'"
sql "UPDATE job_usage_per_association_table SET userid = 2 WHERE username = 'bob' AND period = 2"
sql "UPDATE association_table SET userid = 6001 WHERE username = 'alice' AND bank = 'B'"
expect_ok sync-userids
expect_eq "found inconsistent userids; updating to reflect what is in association_table" \
  "$(cat "$WORK/out")" "notice"
expect_eq "alice|5001|A alice|6001|B bob|5002|A" \
  "$(sql "SELECT username, userid, bank FROM job_usage_factor_table" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "alice|A|5001 alice|B|6001 bob|A|5002" "$(sql "SELECT DISTINCT username, bank, userid
  FROM job_usage_per_association_table" | tr '\n' ' ' | sed 's/ $//')" "every bin"
expect_ok sync-userids
expect_eq "" "$(cat "$WORK/out")" "consistent again"

# scrub-old-jobs: now is 2026-01-01 00:00:00 UTC (1767225600).
WEEK=604800
NOW=$FLUXACCT_NOW
add_job() { sql "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec)
                 VALUES ('$1', 5001, 0, 0, $2, '', '{}', '{}')"; }
add_job 1 $((NOW - 30 * WEEK))
add_job 2 $((NOW - 26 * WEEK - 1))
add_job 3 $((NOW - 26 * WEEK))
add_job 4 $((NOW - 2 * WEEK - 1))
add_job 5 $((NOW - 10))
jobs() { sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM jobs ORDER BY id)"; }

expect_ok scrub-old-jobs
expect_eq "" "$(cat "$WORK/out")" "quiet without -v"
expect_eq "3 4 5" "$(jobs)" "default: older than 26 weeks"
expect_ok scrub-old-jobs -v 2
expect_eq "removed 2 job records older than 2 weeks" "$(cat "$WORK/out")" "-v"
expect_eq "5" "$(jobs)" "2 weeks"
expect_ok scrub-old-jobs 2 --verbose
expect_eq "removed 0 job records older than 2 weeks" "$(cat "$WORK/out")" "nothing left to remove"
expect_ok scrub-old-jobs 0 -v
expect_eq "removed 1 job record older than 0 weeks" "$(cat "$WORK/out")" "0 weeks: every ended job"
expect_eq "" "$(jobs)" "none left"

expect_fail "NUM_WEEKS must be a non-negative integer, got -1" scrub-old-jobs -- -1
expect_fail "argument NUM_WEEKS: invalid int value: 'x'" scrub-old-jobs x
finish
