#!/bin/bash
# clear-usage: a leaf bank's associations start afresh, the bank ignores
# the jobs before the given time, a parent bank clears everything below it,
# and bad input changes nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/usage_lib.sh"

NOW0=$FLUXACCT_NOW
fa create-db
fa add-bank A 1
fa add-bank B 1 --parent-bank A
fa add-bank C 1 --parent-bank B
fa add-bank D 1 --parent-bank B
fa add-user -u alice -i 5001 -B C
fa add-user -u bob -i 5002 -B D
job 1 5001 C $((NOW0 + 100)) $((NOW0 + 300)) 0  # 200 node-seconds (upstream's t1014)
job 2 5002 D $((NOW0 + 100)) $((NOW0 + 150)) 0  # 50
at $((NOW0 + 1000)) update-usage
sql "UPDATE association_table SET fairshare = 0.9"
expect_eq 200.0 "$(usage alice C)" "alice before"
expect_eq 250.0 "$(bank_usage A)" "root before"

# ---- a leaf bank
at $((NOW0 + 2000)) clear-usage C && pass || fail "clear-usage C"
expect_eq 0.0 "$(usage alice C)" "association usage cleared"
expect_eq 0.5 "$(sql "SELECT fairshare FROM association_table WHERE username = 'alice'")" \
  "fairshare back to 0.5"
expect_eq 0.9 "$(sql "SELECT fairshare FROM association_table WHERE username = 'bob'")" \
  "other banks' associations untouched"
expect_eq 0.0,0.0,0.0,0.0 "$(bins alice C)" "bins cleared"
expect_eq 0.0 "$(last_job alice C)" "last_job_timestamp cleared"
expect_eq $((NOW0 + 2000)) "$(sql "SELECT ignore_older_than FROM bank_table WHERE bank = 'C'")" \
  "ignore_older_than: now by default"
expect_eq 0.0 "$(bank_usage C)" "bank C"
expect_eq 50.0 "$(bank_usage B)" "parent re-summed"
expect_eq 50.0 "$(bank_usage A)" "root re-summed"

# old jobs stay cleared; new ones count
job 3 5001 C $((NOW0 + 2500)) $((NOW0 + 2510)) 0
at $((NOW0 + 3000)) update-usage && pass || fail "update-usage after clear-usage"
expect_eq 10.0 "$(usage alice C)" "only jobs after the clear are charged"
# t1014: putting ignore_older_than back brings the old job back
at $((NOW0 + 3000)) clear-usage C --ignore-older-than 0 && pass || fail "clear-usage --ignore-older-than 0"
at $((NOW0 + 3000)) update-usage && pass || fail "update-usage, everything again"
expect_eq 210.0 "$(usage alice C)" "all of alice's jobs again"

# ---- --ignore-older-than takes the timestamp forms add-bank takes
at $((NOW0 + 4000)) clear-usage C --ignore-older-than "2026-01-01 00:05:00" && pass ||
  fail "clear-usage with a date"
expect_eq $((NOW0 + 300)) "$(sql "SELECT ignore_older_than FROM bank_table WHERE bank = 'C'")" \
  "a date"
at $((NOW0 + 4000)) update-usage
expect_eq 10.0 "$(usage alice C)" "the job that ended at the stored time is not charged again"

# ---- a parent bank clears everything below it
at $((NOW0 + 5000)) clear-usage B && pass || fail "clear-usage B"
expect_eq 0.0 "$(usage alice C)" "alice (in C, below B)"
expect_eq 0.0 "$(usage bob D)" "bob (in D, below B)"
expect_eq "$((NOW0 + 5000))|$((NOW0 + 5000))|$((NOW0 + 5000))" \
  "$(sql "SELECT group_concat(ignore_older_than, '|') FROM bank_table WHERE bank IN ('B', 'C', 'D')")" \
  "every bank below stops charging the old jobs"
expect_eq 0.0 "$(bank_usage A)" "root"
at $((NOW0 + 6000)) update-usage
expect_eq 0.0 "$(usage bob D)" "bob's old job is not charged again"

# ---- several banks at once
at $((NOW0 + 6000)) clear-usage C D && pass || fail "clear-usage C D"

# ---- errors: one line, the database unchanged
expect_fail "bank X not found in bank_table" clear-usage X
expect_fail "bank X not found in bank_table" clear-usage C X
expect_fail "invalid timestamp: 'soon'" clear-usage C --ignore-older-than soon
expect_fail "the following arguments are required: BANKS" clear-usage
expect_fail "Database file does not exist" -p "$WORK/none.db" clear-usage C
sql "PRAGMA user_version = 37"
expect_fail "flux-accounting database out of date" clear-usage C
finish
