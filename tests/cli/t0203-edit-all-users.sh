#!/bin/bash
# edit-all-users: long options only, one UPDATE over every association,
# -1 resets, the same validation as edit-user; --bank must exist.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-bank B 1 --parent-bank root
sql "INSERT INTO queue_table (queue) VALUES ('gold'), ('silver')"
sql "INSERT INTO project_table (project) VALUES ('p1')"
expect_ok add-user -u alice -i 1 -B A
expect_ok add-user -u bob -i 2 -B A
expect_ok add-user -u carol -i 3 -B A

all() { sql "SELECT group_concat(v, ' ') FROM (SELECT $1 AS v FROM association_table ORDER BY rowid)"; }

FLUXACCT_NOW=1800000000 expect_ok edit-all-users --shares 4 --fairshare 0.1 --max-running-jobs 1 \
  --max-active-jobs 2 --max-nodes 3 --max-cores unlimited --queues gold,silver --projects p1 \
  --default-project p1 --max-sched-jobs 5 --default-bank A
expect_eq "4|0.1|1|2|3|2147483647|gold,silver|p1,*|p1|5|A|1800000000" \
  "$(sql "SELECT DISTINCT shares || '|' || fairshare || '|' || max_running_jobs || '|' ||
          max_active_jobs || '|' || max_nodes || '|' || max_cores || '|' || queues || '|' ||
          projects || '|' || default_project || '|' || max_sched_jobs || '|' || default_bank ||
          '|' || mod_time FROM association_table")" "every row, every field"

expect_ok edit-all-users --shares=-1 --fairshare=-1 --max-running-jobs=-1 --max-active-jobs=-1 \
  --max-nodes=-1 --max-cores=-1 --queues=-1 --projects=-1 --default-project=-1 --max-sched-jobs=-1
expect_eq "1|0.5|5|7|2147483647|2147483647||*|*|2147483647" \
  "$(sql "SELECT DISTINCT shares || '|' || fairshare || '|' || max_running_jobs || '|' ||
          max_active_jobs || '|' || max_nodes || '|' || max_cores || '|' || queues || '|' ||
          projects || '|' || default_project || '|' || max_sched_jobs FROM association_table")" \
  "resets"

# --bank moves every association (and its usage rows); it becomes the default bank.
expect_ok edit-all-users --bank B
expect_eq "B B B" "$(all bank)"
expect_eq "B B B" "$(all default_bank)"
expect_eq "B" "$(sql 'SELECT DISTINCT bank FROM job_usage_factor_table')" "usage factor rows moved"
expect_eq "B|12" "$(sql 'SELECT bank, count(*) FROM job_usage_per_association_table GROUP BY bank')" "bins moved"

expect_fail "no fields provided for update" edit-all-users
expect_fail "Bank nope does not exist in bank_table" edit-all-users --bank nope
expect_fail "bank cannot be reset with -1; please specify a value" edit-all-users --bank=-1
expect_fail "default bank cannot be reset with -1; please specify a value" edit-all-users --default-bank=-1
expect_fail "queue bronze does not exist in queue_table" edit-all-users --queues bronze
expect_fail "project p9 does not exist in project_table" edit-all-users --shares 2 --projects p9
expect_fail "--shares must be a non-negative integer (or -1 to reset it): 'x'" edit-all-users --shares x
expect_fail "--max-cores must be a non-negative integer or \"unlimited\" (or -1 to reset it): '1.5'" \
  edit-all-users --max-cores 1.5
expect_fail "unrecognized arguments: -N" edit-all-users -N 3
expect_fail "--default-project takes one project name: 'p1,x'" edit-all-users --default-project p1,x
expect_fail "unrecognized arguments: --userid=3" edit-all-users --userid=3

# A user with two associations cannot have both moved to one bank.
expect_ok add-user -u alice -i 1 -B A
expect_fail "cannot move every association to bank A: user alice has more than one association" \
  edit-all-users --bank A

# With no associations at all there is nothing to change, and that is fine.
DB="$WORK/empty.db"
expect_ok create-db
expect_ok edit-all-users --shares 2

finish
