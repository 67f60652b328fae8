#!/bin/bash
# edit-queue: options not given are left alone (upstream #925), every
# option long and short, -1 resets a column to its default, "unlimited",
# negative priorities (spec §6.3 #12: upstream refuses -5 like a limit),
# and one clear error, with the database unchanged, for every bad input.
. "$(dirname "$0")/lib.sh"

row() { sql "SELECT * FROM queue_table WHERE queue = '${1:-batch}'"; }

expect_ok create-db
expect_ok add-queue batch --max-sched-jobs 5 -msn 10 -msc 20 -P 7 --max-nodes 64
expect_ok add-queue debug -P 1000
BEFORE="batch|1|1|60|7|100|2147483647|5|10|20|64|2147483647"
expect_eq "$BEFORE" "$(row)"

# Only the options given change.
expect_ok edit-queue batch --priority 42
expect_eq "" "$(cat "$WORK/out")" "edit-queue prints nothing"
expect_eq "batch|1|1|60|42|100|2147483647|5|10|20|64|2147483647" "$(row)" "one option"
expect_ok edit-queue batch -t 120 --max-cores 512
expect_eq "batch|1|1|120|42|100|2147483647|5|10|20|64|512" "$(row)" "two options"
expect_eq "debug|1|1|60|1000|100|2147483647|2147483647|2147483647|2147483647|2147483647|2147483647" \
  "$(row debug)" "other queues untouched"

# Every option by its long name, then by its short one.
expect_ok edit-queue batch --min-nodes-per-job 2 --max-nodes-per-job 16 --max-time-per-job 720 \
  --priority 300 --max-running-jobs 20 --max-nodes-per-assoc 64 --max-sched-jobs 50 \
  --max-sched-nodes-per-assoc 128 --max-sched-cores-per-assoc 4096 --max-nodes 256 --max-cores 8192
expect_eq "batch|2|16|720|300|20|64|50|128|4096|256|8192" "$(row)" "every long option"
expect_ok edit-queue batch -N 8 -t30 -P=9 -msn 3 -msc=4 --max-run 6
expect_eq "batch|2|8|30|9|6|64|50|3|4|256|8192" "$(row)" "short flags and prefixes"
expect_out queues/edit-queue-edited.table view-queue batch --parsable

# Negative priorities other than -1 are stored; -1 resets priority to 0.
expect_ok edit-queue batch -P -5
expect_eq "-5" "$(sql "SELECT priority FROM queue_table WHERE queue = 'batch'")" "priority -5"
expect_ok edit-queue batch --priority=-2147483648
expect_eq "-2147483648" "$(sql "SELECT priority FROM queue_table WHERE queue = 'batch'")" "lowest"
expect_ok edit-queue batch -P -1
expect_eq "0" "$(sql "SELECT priority FROM queue_table WHERE queue = 'batch'")" "priority reset"

# "unlimited" for limits.
expect_ok edit-queue batch --max-running-jobs unlimited -N Unlimited
expect_eq "2147483647|2147483647" \
  "$(sql "SELECT max_running_jobs, max_nodes_per_job FROM queue_table WHERE queue = 'batch'")"

# -1 resets every column to its default; the queue then equals a new one.
expect_ok edit-queue batch --min-nodes-per-job -1 -N -1 -t -1 -P -1 --max-running-jobs -1 \
  --max-nodes-per-assoc -1 --max-sched-jobs -1 -msn -1 -msc -1 --max-nodes -1 --max-cores -1
expect_ok add-queue fresh
expect_eq "$(row fresh | cut -d'|' -f2-)" "$(row | cut -d'|' -f2-)" "every column reset"
expect_out queues/edit-queue-reset.json view-queue batch

# Resets write the default, so they work even where an upgrade dropped
# ON CONFLICT REPLACE from the table (spec §6.3 #29).
cp "$DB" "$WORK/keep.db"
sql "$(sql "SELECT sql FROM sqlite_master WHERE name = 'queue_table'" |
  sed -e 's/ON CONFLICT REPLACE DEFAULT [0-9]*//' -e 's/CREATE TABLE queue_table/CREATE TABLE t2/');
  INSERT INTO t2 SELECT * FROM queue_table; DROP TABLE queue_table;
  ALTER TABLE t2 RENAME TO queue_table;"
expect_eq 0 "$(sql "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%ON CONFLICT%' AND name = 'queue_table'")" \
  "clause removed"
expect_ok edit-queue batch --max-running-jobs 3 -P 4
expect_ok edit-queue batch --max-running-jobs=-1 -P -1
expect_eq "100|0" "$(sql "SELECT max_running_jobs, priority FROM queue_table WHERE queue = 'batch'")" \
  "reset without ON CONFLICT REPLACE"
cp "$WORK/keep.db" "$DB"

# Errors: one line each, database unchanged.
expect_ok edit-queue batch -P 11
expect_fail "no fields provided for update" edit-queue batch
expect_fail "queue nope not found in queue_table" edit-queue nope -P 3
expect_fail "queue Batch not found in queue_table" edit-queue Batch -P 3
expect_fail "value must be a non-negative integer or -1 to reset to default (--max-nodes-per-job '-5')" \
  edit-queue batch -N -5
expect_fail "value must be a non-negative integer or -1 to reset to default (--max-running-jobs '-2')" \
  edit-queue batch -P 1 --max-running-jobs=-2
expect_fail "value must be a non-negative integer or -1 to reset to default (--min-nodes-per-job '-2')" \
  edit-queue batch --min-nodes-per-job -2
expect_fail "value must be at most 2147483647 (or \"unlimited\") (--max-sched-jobs '2147483648')" \
  edit-queue batch --max-sched-jobs 2147483648
expect_fail "priority must be an integer from -2147483648 to 2147483647 (--priority '-2147483649')" \
  edit-queue batch -P -2147483649
expect_fail "argument -N/--max-nodes-per-job: invalid int value: 'abc'" edit-queue batch -N abc
expect_fail "argument -P/--priority: invalid int value: 'high'" edit-queue batch -P high
expect_fail "argument --min-nodes-per-job: invalid int value: 'unlimited'" \
  edit-queue batch --min-nodes-per-job unlimited
expect_fail "argument -t/--max-time-per-job: expected one argument" edit-queue batch -t
expect_fail "the following arguments are required: QUEUE" edit-queue -P 3
# A bad value is refused even when the queue is unknown; an unknown queue
# is refused even when the values are good.
expect_fail "value must be a non-negative integer" edit-queue nope -N -5
expect_eq "11" "$(sql "SELECT priority FROM queue_table WHERE queue = 'batch'")" "failed edits changed nothing"

finish
