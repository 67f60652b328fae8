#!/bin/bash
# edit-user: every option, -B to change one association, -1 resets,
# --add-queue/--delete-queue, validation, mod_time, unknown users, and the
# userid kept consistent in the usage tables.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-bank B 1 --parent-bank root
sql "INSERT INTO queue_table (queue) VALUES ('gold'), ('golden'), ('silver')"
sql "INSERT INTO project_table (project) VALUES ('p1'), ('p2')"
expect_ok add-user -u alice -i 1 -B A
expect_ok add-user -u alice -i 1 -B B
expect_ok add-user -u bob -i 2 -B A

col() { sql "SELECT group_concat(v, ' ') FROM (SELECT $1 AS v FROM association_table
             WHERE username = '${2:-alice}' ORDER BY bank)"; }

# Every option, on every row of the user; mod_time becomes now.
FLUXACCT_NOW=1800000000 expect_ok edit-user alice --default-bank B --shares 5 --fairshare 0.75 \
  --max-running-jobs 2 --max-active-jobs 3 -N 4 -c 8 -q gold,silver -P p1 \
  --default-project p1 --max-sched-jobs 6
expect_eq "B|5|0.75|2|3|4|8|gold,silver|p1,*|p1|6|1800000000 B|5|0.75|2|3|4|8|gold,silver|p1,*|p1|6|1800000000" \
  "$(col "default_bank || '|' || shares || '|' || fairshare || '|' || max_running_jobs || '|' ||
          max_active_jobs || '|' || max_nodes || '|' || max_cores || '|' || queues || '|' ||
          projects || '|' || default_project || '|' || max_sched_jobs || '|' || mod_time")" \
  "all fields on both rows"
expect_eq "A|1|1767225600" "$(sql "SELECT default_bank, shares, mod_time FROM association_table WHERE username = 'bob'")" \
  "bob untouched"

# -B: one association only (short options and abbreviations too).
FLUXACCT_NOW=1800000100 expect_ok edit-user alice -B A --shar 9 --queue=golden
expect_eq "9 5" "$(col shares)" "-B restricts shares"
expect_eq "golden gold,silver" "$(col queues)" "-B restricts queues"
expect_eq "1800000100 1800000000" "$(col mod_time)" "-B restricts mod_time"

# "unlimited" is 2147483647 for limits.
expect_ok edit-user alice --max-running-jobs unlimited --max-active-jobs Unlimited
expect_eq "2147483647 2147483647" "$(col max_running_jobs)"

# -1 resets to the column default; "unlimited" resets the list columns.
expect_ok edit-user alice --shares=-1 --fairshare=-1 --max-running-jobs=-1 --max-active-jobs=-1 \
  -N -1 -c -1 --max-sched-jobs=-1 -q -1 -P -1 --default-project=-1
expect_eq "1|0.5|5|7|2147483647|2147483647|2147483647|||*|* 1|0.5|5|7|2147483647|2147483647|2147483647|||*|*" \
  "$(col "shares || '|' || fairshare || '|' || max_running_jobs || '|' || max_active_jobs || '|' ||
          max_nodes || '|' || max_cores || '|' || max_sched_jobs || '|' || queues || '|' ||
          '|' || projects || '|' || default_project")" "resets"
expect_ok edit-user alice -q gold
expect_ok edit-user alice --queues UNLIMITED
expect_eq " " "$(col queues)" "queues=unlimited clears the list"

# Resets work even where an upgrade dropped ON CONFLICT REPLACE (the
# default is written, not NULL).
cp "$DB" "$WORK/keep.db"
sql "$(sql "SELECT sql FROM sqlite_master WHERE name = 'association_table'" |
  sed -e 's/ON CONFLICT REPLACE DEFAULT [^,]*//' -e 's/CREATE TABLE association_table/CREATE TABLE t2/');
  INSERT INTO t2 SELECT * FROM association_table; DROP TABLE association_table;
  ALTER TABLE t2 RENAME TO association_table;"
expect_eq 0 "$(sql "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%ON CONFLICT%' AND name = 'association_table'")" \
  "clause removed"
expect_ok edit-user alice --max-running-jobs 3
expect_ok edit-user alice --max-running-jobs=-1 --projects=-1
expect_eq "5 5" "$(col max_running_jobs)" "reset without ON CONFLICT REPLACE"
cp "$WORK/keep.db" "$DB"

# Projects: validated, "*" appended once.
expect_ok edit-user alice -P p2,p1
expect_eq "p2,p1,* p2,p1,*" "$(col projects)"
expect_ok edit-user alice -P '*'
expect_eq "* *" "$(col projects)"

# userid: written to the usage tables too (with -B, that association's rows only).
expect_ok edit-user alice -B B -i 1001
expect_eq "1 1001" "$(col userid)"
expect_eq "A|1 B|1001" "$(sql "SELECT group_concat(bank || '|' || userid, ' ') FROM job_usage_factor_table WHERE username = 'alice'")"
expect_eq "1001" "$(sql "SELECT DISTINCT userid FROM job_usage_per_association_table WHERE username = 'alice' AND bank = 'B'")"
expect_ok edit-user alice -i 1002
expect_eq "1002" "$(sql "SELECT group_concat(DISTINCT userid) FROM job_usage_per_association_table WHERE username = 'alice'")"
expect_eq 2 "$(sql "SELECT userid FROM job_usage_factor_table WHERE username = 'bob'")" "bob's usage rows untouched"

# --add-queue / --delete-queue: append, ignore duplicates, keep order.
expect_ok edit-user alice -q gold
expect_ok edit-user alice --add-queue silver
expect_ok edit-user alice --add-queue gold
expect_eq "gold,silver gold,silver" "$(col queues)"
expect_ok edit-user alice -B A --add-queue golden --delete-queue gold
expect_eq "silver,golden gold,silver" "$(col queues)"
expect_ok edit-user alice --delete-queue golden
expect_eq "silver gold,silver" "$(col queues)" "deleting a non-member is a no-op"
expect_ok edit-user alice --add-queue gold --shares 2
expect_eq "silver,gold|2 gold,silver|2" "$(col "queues || '|' || shares")" "add-queue with other fields"

# Upstream's messages.
expect_fail "no fields provided for update" edit-user alice
expect_fail "no fields provided for update" edit-user alice -B A
expect_fail "cannot specify --queues with --add-queue or --delete-queue; use either full replacement (--queues) or incremental operations (--add-queue/--delete-queue)" \
  edit-user alice -q gold --add-queue silver
expect_fail "cannot pass queue to both --add-queue and --delete-queue" edit-user alice --add-queue gold --delete-queue gold
expect_fail "user nobody not found in association_table" edit-user nobody --add-queue gold
expect_fail "queue bronze does not exist in queue_table" edit-user alice --add-queue bronze
expect_fail "queue bronze does not exist in queue_table" edit-user alice -q gold,bronze
expect_fail "project p9 does not exist in project_table" edit-user alice -P p9
expect_fail "default bank cannot be reset with -1; please specify a value" edit-user alice --default-bank=-1
expect_fail "default bank cannot be reset with -1; please specify a value" edit-user alice --default-bank unlimited

# Ours: unknown users and associations are errors (upstream: silent no-op).
expect_fail "user nobody not found in association_table" edit-user nobody --shares 2
expect_fail "association alice,C not found in association_table" edit-user alice -B C --shares 2
expect_fail "--add-queue takes one queue name: 'gold,silver'" edit-user alice --add-queue gold,silver
expect_fail "--delete-queue takes one queue name: 'gold,silver'" edit-user alice --delete-queue gold,silver
expect_fail "--default-project takes one project name: 'p1,p2'" edit-user alice --default-project p1,p2

# Numeric validation, with the reset hint.
expect_fail "--shares must be a non-negative integer (or -1 to reset it): 'many'" edit-user alice --shares many
expect_fail "--shares must be a non-negative integer (or -1 to reset it): 'unlimited'" edit-user alice --shares unlimited
expect_fail "--fairshare must be a number from 0 to 1 (or -1 to reset it): '2'" edit-user alice --fairshare 2
expect_fail "--max-nodes must be a non-negative integer or \"unlimited\" (or -1 to reset it): '-2'" edit-user alice -N=-2
expect_fail "--max-sched-jobs must be a non-negative integer or \"unlimited\" (or -1 to reset it): 'x'" \
  edit-user alice --max-sched-jobs x
expect_fail "--userid must be an integer from 0 to 4294967295: 'x'" edit-user alice -i x
expect_fail "userid cannot be reset with -1; please specify a value" edit-user alice -i=-1

# One transaction: a valid change followed by an invalid one changes nothing.
expect_fail "queue bronze does not exist in queue_table" edit-user alice --shares 3 -P p1 -q bronze
expect_fail "project p9 does not exist in project_table" edit-user alice --add-queue golden -P p9
expect_fail "ambiguous option: --max could match" edit-user alice --max 3

finish
