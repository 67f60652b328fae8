#!/bin/bash
# update-usage: which jobs are charged to whom (ignore_older_than,
# reconfigure_time, last_job_timestamp, jobs without a bank, unreadable R,
# association_table's userid), resource weights, the bank totals' rule for
# inactive associations and banks, missing usage rows, and errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/usage_lib.sh"

NOW0=$FLUXACCT_NOW
fa create-db
fa add-bank root 1
fa add-bank F 1 --parent-bank root
fa add-bank G 1 --parent-bank root
fa add-user -u u1 -i 5001 -B F
fa add-user -u u2 -i 5002 -B F
fa add-user -u u3 -i 5003 -B F
fa add-user -u u3 -i 5003 -B G

# ---- a bank's ignore_older_than, then last_job_timestamp
fa edit-bank F --ignore-older-than $((NOW0 + 5000))
job 1 5001 F $((NOW0 + 3900)) $((NOW0 + 4000)) 0  # ends before F's ignore_older_than
job 2 5001 F $((NOW0 + 5990)) $((NOW0 + 6000)) 0  # 10 node-seconds
at $((NOW0 + 10000)) update-usage && pass || fail "update-usage"
expect_eq 10.0 "$(usage u1 F)" "a job that ended before the bank's ignore_older_than is not charged"
expect_eq $((NOW0 + 6000)).0 "$(last_job u1 F)" "u1 last job"
job 3 5001 F $((NOW0 + 5900)) $((NOW0 + 5999)) 0  # recorded late, ended before u1's last job
job 4 5001 F $((NOW0 + 6900)) $((NOW0 + 7000)) 0-1
at $((NOW0 + 10000)) update-usage && pass || fail "update-usage, late record"
expect_eq 210.0 "$(usage u1 F)" "only the job after last_job_timestamp is added (2 nodes x 100 s)"

# ---- reconfigure_time
fa add-config reconfigure_time=$((NOW0 + 20000))
job 5 5002 F $((NOW0 + 14000)) $((NOW0 + 15000)) 0  # before reconfigure_time
job 6 5002 F $((NOW0 + 24999)) $((NOW0 + 25000)) 0
at $((NOW0 + 30000)) update-usage && pass || fail "update-usage after reconfigure_time"
expect_eq 1.0 "$(usage u2 F)" "a job that ended before reconfigure_time is not charged"

# ---- jobs without a bank go to the user's default bank; other banks' to theirs
job 7 5003 "" $((NOW0 + 30000)) $((NOW0 + 30100)) 0
sql "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, bank)
     VALUES ('8', 5003, 0, $((NOW0 + 30000)), $((NOW0 + 30020)), '0', '$(R_of 0)', '{}', NULL)"
job 9 5003 G $((NOW0 + 30000)) $((NOW0 + 30003)) 0
job 10 5003 H $((NOW0 + 30000)) $((NOW0 + 30100)) 0  # no association in H
job 11 5003 G $((NOW0 + 30000)) $((NOW0 + 30100)) 0 # R unreadable below
sql "UPDATE jobs SET R = '{\"version\":1' WHERE id = '11'"
job 12 5009 F $((NOW0 + 30000)) $((NOW0 + 30100)) 0 # no such user
at $((NOW0 + 40000)) update-usage -v 2>"$WORK/log" && pass || fail "update-usage, banks"
expect_eq 120.0 "$(usage u3 F)" "jobs without a bank (empty or NULL) are charged to the default bank"
expect_eq 3.0 "$(usage u3 G)" "a job names its bank"
grep -q "INFO: skipped 1 job whose R could not be read" "$WORK/log" && pass ||
  fail "-v counts unreadable R: $(cat "$WORK/log")"
grep -q "INFO: skipped 1 job whose bank the user has no association in" "$WORK/log" && pass ||
  fail "-v counts jobs of unknown banks: $(cat "$WORK/log")"
expect_eq $((NOW0 + 30003)).0 "$(last_job u3 G)" "an unreadable job does not move last_job_timestamp"

# ---- jobs are matched by association_table's userid
sql "UPDATE job_usage_factor_table SET userid = 999 WHERE username = 'u2'"
job 13 5002 F $((NOW0 + 40000)) $((NOW0 + 40002)) 0
at $((NOW0 + 50000)) update-usage && pass || fail "update-usage, stale userid"
expect_eq 3.0 "$(usage u2 F)" "matched through association_table's userid"

# ---- weights
fa edit-config core_weight=1.0 gpu_weight=10.0
job 14 5001 F $((NOW0 + 50000)) $((NOW0 + 50100)) 0 0-3 0-1
at $((NOW0 + 60000)) update-usage && pass || fail "update-usage, weights"
expect_eq 2710.0 "$(usage u1 F)" "(1 node + 4 cores + 2 GPUs x 10) x 100 s added"
fa edit-config node_weight=0.5 core_weight=0.0 gpu_weight=0.0
job 15 5001 F $((NOW0 + 60000)) $((NOW0 + 60003)) 0-2
at $((NOW0 + 60010)) update-usage && pass || fail "update-usage, node weight"
expect_eq 2714.5 "$(usage u1 F)" "3 nodes x 0.5 x 3 s added"
fa edit-config node_weight=1.0

# ---- bank totals count active associations under active banks
expect_eq $(sql "SELECT sum(job_usage) FROM association_table WHERE bank = 'F'") "$(bank_usage F)" \
  "bank F"
fa delete-user u2 F
at $((NOW0 + 60010)) update-usage && pass || fail "update-usage, inactive association"
expect_eq 2834.5 "$(bank_usage F)" "an inactive association is not counted: u1 2714.5 + u3 120"
expect_eq 2837.5 "$(bank_usage root)" "root: F + G"
fa delete-bank G
at $((NOW0 + 60010)) update-usage && pass || fail "update-usage, inactive bank"
expect_eq 2834.5 "$(bank_usage root)" "an inactive bank is not counted"
expect_eq 3.0 "$(usage u2 F)" "an inactive association keeps its usage"

# ---- associations without usage rows get them
sql "DELETE FROM job_usage_factor_table WHERE username = 'u3' AND bank = 'F';
     DELETE FROM job_usage_per_association_table WHERE username = 'u3' AND bank = 'F'"
at $((NOW0 + 60010)) update-usage -v 2>"$WORK/log" && pass || fail "update-usage, missing rows"
grep -q "INFO: created usage bins for 1 association" "$WORK/log" && pass ||
  fail "-v counts created rows: $(cat "$WORK/log")"
expect_eq 4 "$(sql "SELECT count(*) FROM job_usage_per_association_table WHERE username = 'u3' AND bank = 'F'")" \
  "four bins"
expect_eq 5003 "$(sql "SELECT userid FROM job_usage_factor_table WHERE username = 'u3' AND bank = 'F'")" \
  "the factor row has the association's userid"
expect_eq 120.0 "$(usage u3 F)" "its jobs are counted again from the start"

# ---- two associations with one userid in one bank: the first is charged
fa add-user -u u1alias -i 5001 -B F
job 17 5001 F $((NOW0 + 60100)) $((NOW0 + 60101)) 0
at $((NOW0 + 60200)) update-usage -v 2>"$WORK/log" && pass || fail "update-usage, shared userid"
grep -q "INFO: not charged: 1 association with the userid and bank of an earlier association" \
  "$WORK/log" && pass || fail "-v names shared userids: $(cat "$WORK/log")"
expect_eq 2715.5 "$(usage u1 F)" "the first association is charged"
expect_eq 0.0 "$(usage u1alias F)" "the second is not"

# ---- a database without its half-life row starts a period now
sql "DELETE FROM t_half_life_period_table"
at $((NOW0 + 60200)) update-usage && pass || fail "update-usage without a half-life row"
expect_eq $((NOW0 + 60200 + 604800)).0 "$(period_end)" "the current period ends a half-life from now"
expect_eq 2715.5 "$(usage u1 F)" "nothing decayed"

# ---- errors: one line, the database unchanged
sql "UPDATE config_table SET value = 'abc' WHERE key = 'core_weight'"
expect_fail "config_table value of core_weight is not a number: 'abc'" update-usage
sql "UPDATE config_table SET value = '0.0' WHERE key = 'core_weight'"
sql "UPDATE bank_table SET ignore_older_than = 'garbage' WHERE bank = 'F'"
expect_fail "ignore_older_than of bank F is not a time: 'garbage'" update-usage
# upstream's edit-bank stored dates as typed: they are read as times
sql "UPDATE bank_table SET ignore_older_than = '2030-01-01' WHERE bank = 'F'"
job 16 5001 F $((NOW0 + 64000)) $((NOW0 + 65000)) 0  # after u1's last job
at $((NOW0 + 70000)) update-usage && pass || fail "update-usage with a date as ignore_older_than"
expect_eq 2715.5 "$(usage u1 F)" "a job before the stored date is not charged"
sql "UPDATE bank_table SET ignore_older_than = 0 WHERE bank = 'F'"
at $((NOW0 + 70000)) update-usage && pass || fail "update-usage without the date"
expect_eq 3715.5 "$(usage u1 F)" "the same job is charged without it"
sql "PRAGMA user_version = 37"
expect_fail "flux-accounting database out of date" update-usage
sql "PRAGMA user_version = 38"
expect_fail "Database file does not exist: $WORK/nothing.db" -p "$WORK/nothing.db" update-usage
expect_fail "unrecognized arguments: extra" update-usage extra
finish
