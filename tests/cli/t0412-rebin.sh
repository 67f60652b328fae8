#!/bin/bash
# Re-binning: changing a usage period or the decay factor gives every
# association a fresh set of zero usage bins - as many as the new periods
# call for - in the same transaction as the change.
. "$(dirname "$0")/lib.sh"

bins() { sql "SELECT count(*) FROM job_usage_per_association_table WHERE username = '$1'"; }
# "username:bins" for every association that has bins, in name order.
all_bins() {
  sql "SELECT username || ':' || count(*) FROM job_usage_per_association_table
       GROUP BY username, bank ORDER BY username" | tr '\n' ' ' | sed 's/ $//'
}
# Usage as update-usage leaves it, so that the re-bin has something to clear.
charge() {
  sql "UPDATE job_usage_per_association_table SET value = 10.0 * (period + 1);
       UPDATE job_usage_factor_table SET last_job_timestamp = 1767225000.5;
       UPDATE association_table SET job_usage = 100.0;
       UPDATE bank_table SET job_usage = 300.0;"
}
expect_cleared() {
  expect_eq "0.0|0.0|0.0|0.0" "$(sql "SELECT
      (SELECT total(value) FROM job_usage_per_association_table),
      (SELECT total(last_job_timestamp) FROM job_usage_factor_table),
      (SELECT total(job_usage) FROM association_table),
      (SELECT total(job_usage) FROM bank_table)")" "usage after re-bin ($1)"
}

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank --parent-bank=root A 1
expect_ok add-bank --parent-bank=root B 1
expect_ok add-user -u alice -B A -i 1001
expect_ok add-user -u bob -B A -i 1002
expect_ok add-user -u bob -B B -i 1002
expect_eq "alice:4 bob:4 bob:4" "$(all_bins)" "bins after add-user (28 days / 7 days)"
charge

# The values of upstream's t1018: 42d/14d -> 3 bins; 16h/8h -> 2; 1h/15m -> 4.
export FLUXACCT_NOW=1767312000  # a day after create-db
expect_ok edit-config priority_usage_reset_period=42d priority_decay_half_life=14d
expect_eq "alice:3 bob:3 bob:3" "$(all_bins)" "bins for 42d/14d"
expect_eq "0 1 2" "$(sql "SELECT period FROM job_usage_per_association_table WHERE username = 'alice'
                          ORDER BY period" | tr '\n' ' ' | sed 's/ $//')"
expect_cleared 42d/14d
expect_eq "$((1767312000 + 14 * 86400)).0" "$(sql "SELECT end_half_life_period FROM t_half_life_period_table")" \
  "end of the half-life period"
expect_eq 1767312000 "$(sql "SELECT value FROM config_table WHERE key = 'reconfigure_time'")"
expect_out config/rebin-view-user-J.txt view-user bob -J

charge
export FLUXACCT_NOW=1767398400
expect_ok edit-config priority_usage_reset_period=16h priority_decay_half_life=8h
expect_eq "alice:2 bob:2 bob:2" "$(all_bins)" "bins for 16h/8h"
expect_cleared 16h/8h
expect_eq 1767398400 "$(sql "SELECT value FROM config_table WHERE key = 'reconfigure_time'")"
expect_eq 1 "$(sql "SELECT count(*) FROM config_table WHERE key = 'reconfigure_time'")" "one reconfigure_time row"

charge
expect_ok edit-config priority_decay_half_life=15m priority_usage_reset_period=1h
expect_eq "alice:4 bob:4 bob:4" "$(all_bins)" "bins for 1h/15m"
expect_cleared 1h/15m
expect_eq "$((1767398400 + 900)).0" "$(sql "SELECT end_half_life_period FROM t_half_life_period_table")"
# A new association gets as many bins as the re-bin gave the others.
expect_ok add-user -u carol -B B -i 1003
expect_eq 4 "$(bins carol)" "bins of an association added after the re-bin"

# decay_factor alone re-bins too (same count).
charge
expect_ok edit-config decay_factor=0.1
expect_eq "alice:4 bob:4 bob:4 carol:4" "$(all_bins)"
expect_cleared decay_factor

# Writing the same value again is no change: usage stays.
charge
export FLUXACCT_NOW=1767484800
expect_ok edit-config priority_decay_half_life=900 priority_usage_reset_period=3600.0 decay_factor=.1
expect_eq 400.0 "$(sql "SELECT total(job_usage) FROM association_table")" "usage after an edit to the same values"
expect_eq 1767398400 "$(sql "SELECT value FROM config_table WHERE key = 'reconfigure_time'")"
# ... and neither are the other keys.
expect_ok edit-config node_weight=3 deny_unknown_queues=true
expect_eq 400.0 "$(sql "SELECT total(job_usage) FROM association_table")"

# Associations known only by their usage rows (force-deleted, or left by an
# older tool) are re-binned as well.
expect_ok delete-user carol B --force
sql "INSERT INTO job_usage_factor_table (username, userid, bank) VALUES ('dave', 1004, 'B')"
expect_ok edit-config priority_decay_half_life=20m
expect_eq "alice:3 bob:3 bob:3 carol:3 dave:3" "$(all_bins)" "bins for 1h/20m"

# A failure part-way rolls everything back, with one line naming the cause.
sql "CREATE TRIGGER no_new_bins BEFORE INSERT ON job_usage_per_association_table
     BEGIN SELECT RAISE(ABORT, 'out of disk'); END"
charge
expect_fail "failed to reconfigure usage bins, rolled back all changes: out of disk" \
  edit-config priority_decay_half_life=10m
expect_eq 1200 "$(sql "SELECT value FROM config_table WHERE key = 'priority_decay_half_life'")"
expect_eq "alice:3 bob:3 bob:3 carol:3 dave:3" "$(all_bins)"

finish
