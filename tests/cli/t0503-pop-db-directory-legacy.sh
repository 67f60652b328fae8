#!/bin/bash
# pop-db -d: every <table>.csv of a directory in one transaction, in
# dependency order; usage-tracking rows are created for imported
# associations only when the directory does not bring them. pop-db -b/-u:
# the 0.18.1 headerless files, through add-bank and add-user (banks first).
. "$(dirname "$0")/lib.sh"

D=$WORK/dir
mkdir -p "$D"
expect_ok create-db

expect_fail "Database file does not exist" pop-db -d "$D" -p "$WORK/none.db"
expect_fail "no <table>.csv files in $D" pop-db -d "$D"
expect_fail "cannot read directory $WORK/nothere" pop-db -d "$WORK/nothere"

# Files in any order on disk; banks go in before associations.
printf 'creation_time,username,userid,bank,default_bank\r\n1,alice,5001,A,A\r\n' \
  >"$D/association_table.csv"
printf 'bank,parent_bank,shares\r\nroot,"",1\r\nA,root,1\r\n' >"$D/bank_table.csv"
printf 'username,userid,bank\r\nalice,5001,A\r\n' >"$D/job_usage_factor_table.csv"
printf 'key,value\r\npriority_decay_half_life,1209600\r\n' >"$D/config_table.csv"
printf 'not a table file\n' >"$D/notes.txt"

# A file naming no table, or a bad row in a later file: nothing is written.
printf 'a\r\n1\r\n' >"$D/extra.csv"
expect_fail 'pop-db: table "extra" does not exist in the database' pop-db -d "$D"
rm "$D/extra.csv"
printf 'id,userid\r\n1,x\r\n' >"$D/jobs.csv"
expect_fail "jobs.csv:1: column t_submit is missing" pop-db -d "$D"
rm "$D/jobs.csv"

expect_ok pop-db -d "$D"
expect_eq "root A" "$(sql "SELECT bank FROM bank_table" | tr '\n' ' ' | sed 's/ $//')" "banks"
expect_eq "alice|5001|A|0.0" "$(sql "SELECT * FROM job_usage_factor_table")" \
  "factor row from the file (not created twice)"
expect_eq "0 1" "$(sql "SELECT period FROM job_usage_per_association_table" | tr '\n' ' ' |
  sed 's/ $//')" "bins created from the imported config: ceil(4 weeks / 2 weeks)"

# With the bins file present, the file's bins are the only ones.
DB=$WORK/second.db
expect_ok create-db
printf 'username,userid,bank,period,value\r\nalice,5001,A,0,3.5\r\n' \
  >"$D/job_usage_per_association_table.csv"
expect_ok pop-db -d "$D"
expect_eq "0|3.5" "$(sql "SELECT period, value FROM job_usage_per_association_table")" \
  "bins from the file only"

# ---- the 0.18.1 files
DB=$WORK/legacy.db
expect_ok create-db
printf 'root,,1\nA,root,1\nB,root,2\n' >"$WORK/banks.csv"
printf 'alice,5001,A,,,,,\nbob,5002,B,3,2,4,10\ncarol,5003,A,1,unlimited,,,\n' >"$WORK/users.csv"
sql "INSERT INTO queue_table (queue) VALUES ('gold'), ('silver')"
printf '"o,brien",5004,B,1,1,1,1,"gold,silver"\n,,A\n' >"$WORK/users2.csv"
expect_fail "users2.csv:2: username must not be empty" pop-db -b "$WORK/banks.csv" -u "$WORK/users2.csv"
printf '"o,brien",5004,B,1,1,1,1,"gold,silver"\n' >"$WORK/users2.csv"
expect_ok pop-db -u "$WORK/users.csv" -b "$WORK/banks.csv"
expect_ok pop-db --users "$WORK/users2.csv"
expect_eq "alice|5001|A|1|5|7|2147483647| bob|5002|B|3|2|4|10| carol|5003|A|1|2147483647|7|2147483647| o,brien|5004|B|1|1|1|1|gold,silver" \
  "$(sql "SELECT username, userid, bank, shares, max_running_jobs, max_active_jobs, max_nodes,
          queues FROM association_table" | tr '\n' ' ' | sed 's/ $//')" "users through add-user"
expect_eq 16 "$(sql "SELECT count(*) FROM job_usage_per_association_table")" "add-user's bins"
expect_eq "1|root||1 2|A|root|1 3|B|root|2" \
  "$(sql "SELECT bank_id, bank, parent_bank, shares FROM bank_table" | tr '\n' ' ' | sed 's/ $//')"

# add-bank's and add-user's checks, with file and line.
printf 'C,root,1\nD,nosuch,1\n' >"$WORK/banks.csv"
expect_fail "banks.csv:2: parent bank nosuch not found in bank table" pop-db -b "$WORK/banks.csv"
printf 'C,root,x\n' >"$WORK/banks.csv"
expect_fail "banks.csv:1: shares must be a non-negative integer: 'x'" pop-db -b "$WORK/banks.csv"
printf 'C,root\n' >"$WORK/banks.csv"
expect_fail "banks.csv:1: row has 2 fields; a banks file has 3: bank,parent_bank,shares" \
  pop-db -b "$WORK/banks.csv"
printf 'dave,5005,A\ndave,5005,A\n' >"$WORK/users.csv"
expect_fail "users.csv:2: association dave,A already active in association_table" \
  pop-db -u "$WORK/users.csv"
printf 'dave,5005,A,1,1,1,1,nosuch\n' >"$WORK/users.csv"
expect_fail "users.csv:1: queue nosuch does not exist in queue_table" pop-db -u "$WORK/users.csv"
printf 'dave,abc,A\n' >"$WORK/users.csv"
expect_fail "users.csv:1: userid must be an integer from 0 to 4294967295: 'abc'" \
  pop-db -u "$WORK/users.csv"
printf 'dave,5005\n' >"$WORK/users.csv"
expect_fail "users.csv:1: row has 2 fields; a users file has 3 to 8" pop-db -u "$WORK/users.csv"

# What export-db -u/-b writes, pop-db -b/-u reads back.
expect_ok export-db -u "$WORK/out-users.csv" -b "$WORK/out-banks.csv"
DB=$WORK/legacy2.db
expect_ok create-db
sql "INSERT INTO queue_table (queue) VALUES ('gold'), ('silver')"
expect_ok pop-db -b "$WORK/out-banks.csv" -u "$WORK/out-users.csv"
expect_eq "$(sqlite3 "$WORK/legacy.db" "SELECT username, userid, bank, shares, max_running_jobs,
  max_active_jobs, max_nodes, queues FROM association_table")" \
  "$(sql "SELECT username, userid, bank, shares, max_running_jobs, max_active_jobs, max_nodes,
  queues FROM association_table")" "0.18.1 round trip"
finish
