#!/bin/bash
# Loading config_table from a CSV file obeys the same rules as edit-config:
# known keys are checked (nothing is written when one is bad), and a file
# that changes the usage periods or the decay factor re-bins every
# association's usage, as edit-config would. A whole-directory restore
# brings its own bins and is not re-binned.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank --parent-bank=root A 1
expect_ok add-user -u alice -B A -i 1001
sql "UPDATE job_usage_per_association_table SET value = 10.0; UPDATE association_table SET job_usage = 40.0"
expect_eq 4 "$(sql 'SELECT count(*) FROM job_usage_per_association_table')" "bins before"

# A bad value for a known key: one line, nothing written.
printf 'key,value\ndecay_factor,1.5\n' >"$WORK/config_table.csv"
expect_fail "decay_factor" pop-db -c "$WORK/config_table.csv"
printf 'key,value\nnode_weight,heavy\n' >"$WORK/config_table.csv"
expect_fail "node_weight" pop-db -c "$WORK/config_table.csv"

# Same settings: no re-bin, usage kept; values stored in their one form.
printf 'key,value\npriority_decay_half_life,604800.0\ndeny_unknown_queues,TRUE\n' >"$WORK/config_table.csv"
expect_ok pop-db -c "$WORK/config_table.csv"
expect_eq "604800|true" "$(sql "SELECT group_concat(value, '|') FROM (SELECT value FROM config_table WHERE key IN ('priority_decay_half_life', 'deny_unknown_queues') ORDER BY rowid)")" "normalized values"
expect_eq 40.0 "$(sql 'SELECT job_usage FROM association_table')" "usage kept when nothing changed"
expect_eq 0 "$(sql "SELECT count(*) FROM config_table WHERE key = 'reconfigure_time'")" "no re-bin"

# A new half-life: 28 days / 14 days = 2 bins, usage zeroed, reconfigure_time set.
printf 'key,value\npriority_decay_half_life,1209600\n' >"$WORK/config_table.csv"
expect_ok pop-db -c "$WORK/config_table.csv"
expect_eq 2 "$(sql 'SELECT count(*) FROM job_usage_per_association_table')" "bins after a new half-life"
expect_eq 0.0 "$(sql 'SELECT sum(value) FROM job_usage_per_association_table')" "bins zeroed"
expect_eq 0.0 "$(sql 'SELECT job_usage FROM association_table')" "usage zeroed"
expect_eq "$FLUXACCT_NOW" "$(sql "SELECT value FROM config_table WHERE key = 'reconfigure_time'")" "reconfigure_time"

# A whole export restored into a fresh database keeps its bins as they were.
sql "UPDATE job_usage_per_association_table SET value = 7.0"
mkdir "$WORK/export"
expect_ok export-db -d "$WORK/export"
DB=$WORK/restored.db
expect_ok create-db
expect_ok pop-db -d "$WORK/export"
expect_eq "2|14.0" "$(sql 'SELECT count(*), sum(value) FROM job_usage_per_association_table')" "restored bins"
finish
