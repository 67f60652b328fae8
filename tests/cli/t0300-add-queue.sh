#!/bin/bash
# add-queue: every option with its long and short flags, the schema's
# defaults for options not given, "unlimited", -1 for a default, negative
# priorities; names that an association's queue list could not hold are
# refused; the queues then work with add-user and edit-user.
. "$(dirname "$0")/lib.sh"

row() { sql "SELECT * FROM queue_table WHERE queue = '$1'"; }
DEFAULTS="1|1|60|0|100|2147483647|2147483647|2147483647|2147483647|2147483647|2147483647"

expect_ok create-db
expect_eq "" "$(sql "SELECT * FROM queue_table")" "no queues in a new database"

# Nothing given: every column takes its default.
expect_ok add-queue batch
expect_eq "" "$(cat "$WORK/out")" "add-queue prints nothing"
expect_eq "batch|$DEFAULTS" "$(row batch)" "defaults"
expect_out queues/add-queue-defaults.json view-queue batch

# Every option by its long name.
expect_ok add-queue long --min-nodes-per-job 2 --max-nodes-per-job 16 --max-time-per-job 720 \
  --priority 300 --max-running-jobs 20 --max-nodes-per-assoc 64 --max-sched-jobs 50 \
  --max-sched-nodes-per-assoc 128 --max-sched-cores-per-assoc 4096 --max-nodes 256 --max-cores 8192
expect_eq "long|2|16|720|300|20|64|50|128|4096|256|8192" "$(row long)" "every long option"

# The short flags (-N, -t, -P, -msn, -msc), --opt=value, -xVALUE and prefixes;
# options not given keep their defaults.
expect_ok add-queue short -N 8 -t 30 -P 5 -msn 12 -msc=96
expect_eq "short|1|8|30|5|100|2147483647|2147483647|12|96|2147483647|2147483647" "$(row short)" \
  "short flags"
expect_ok add-queue attached -N4 -t90 -P-3 --min-nodes=2 --max-sched-j 7
expect_eq "attached|2|4|90|-3|100|2147483647|7|2147483647|2147483647|2147483647|2147483647" \
  "$(row attached)" "-xVALUE, --opt=value and prefixes"

# "unlimited" (any case) is 2147483647 for the limits; -1 means the default.
expect_ok add-queue open --max-nodes-per-job UNLIMITED --max-running-jobs unlimited \
  --max-time-per-job -1 --priority -1 --max-cores=-1
expect_eq "open|1|2147483647|60|0|2147483647|2147483647|2147483647|2147483647|2147483647|2147483647|2147483647" \
  "$(row open)" "unlimited and -1"

# A negative priority lowers a queue's jobs (any integer other than -1);
# 0 is a real limit, not "unlimited".
expect_ok add-queue scavenger -P -100 --max-running-jobs 0 --max-sched-jobs 0
expect_eq "scavenger|1|1|60|-100|0|2147483647|0|2147483647|2147483647|2147483647|2147483647" \
  "$(row scavenger)" "negative priority, zero limits"
expect_ok add-queue extremes -P -2147483648 --min-nodes-per-job 0 -N 2147483647
expect_eq "-2147483648|0|2147483647" "$(sql "SELECT priority, min_nodes_per_job, max_nodes_per_job
  FROM queue_table WHERE queue = 'extremes'")" "range ends"

# Names are case-sensitive and may hold anything but a comma.
expect_ok add-queue Batch
expect_ok add-queue "o'queue %"
expect_eq "Batch o'queue %" "$(sql "SELECT group_concat(queue, ' ') FROM queue_table
  WHERE queue IN ('Batch', 'o''queue %')")" "odd names"

# Errors: one line, nothing written.
expect_fail "queue batch already exists in queue_table" add-queue batch
expect_fail "queue batch already exists in queue_table" add-queue batch -P 10
expect_eq "batch|$DEFAULTS" "$(row batch)" "a refused duplicate changes nothing"
expect_fail "queue name must not be empty" add-queue ''
expect_fail "queue name must not contain a comma (association rows list queues comma-separated): 'gold,silver'" \
  add-queue gold,silver
expect_fail "value must be a non-negative integer or -1 to reset to default (--max-running-jobs '-2')" \
  add-queue q --max-running-jobs -2
expect_fail "value must be a non-negative integer or -1 to reset to default (--min-nodes-per-job '-5')" \
  add-queue q --min-nodes-per-job=-5
expect_fail "value must be at most 2147483647 (or \"unlimited\") (--max-cores '2147483648')" \
  add-queue q --max-cores 2147483648
expect_fail "value must be at most 2147483647 (--min-nodes-per-job '9999999999')" \
  add-queue q --min-nodes-per-job 9999999999
expect_fail "priority must be an integer from -2147483648 to 2147483647 (--priority '-2147483649')" \
  add-queue q -P -2147483649
expect_fail "priority must be an integer from -2147483648 to 2147483647 (--priority '2147483648')" \
  add-queue q --priority 2147483648
# Text that is not an integer: argparse's error, exit status 2.
expect_fail "flux-account add-queue: error: argument -N/--max-nodes-per-job: invalid int value: 'many'" \
  add-queue q -N many
expect_fail "argument -t/--max-time-per-job: invalid int value: '1.5'" add-queue q -t 1.5
expect_fail "argument -P/--priority: invalid int value: 'unlimited'" add-queue q -P unlimited
expect_fail "argument --min-nodes-per-job: invalid int value: 'unlimited'" \
  add-queue q --min-nodes-per-job unlimited
expect_fail "argument -msc/--max-sched-cores-per-assoc: invalid int value: ''" add-queue q -msc ''
fa add-queue q -N many 2>/dev/null
expect_eq 2 $? "exit status of a non-integer value"
fa add-queue q -N -7 2>/dev/null
expect_eq 1 $? "exit status of an out-of-range value"
expect_fail "ambiguous option: --max-sched could match --max-sched-jobs, --max-sched-nodes-per-assoc, --max-sched-cores-per-assoc" \
  add-queue q --max-sched 3
expect_fail "the following arguments are required: QUEUE" add-queue
expect_fail "unrecognized arguments: extra" add-queue q extra
expect_eq "batch long short attached open scavenger extremes Batch o'queue %" \
  "$(sql "SELECT group_concat(queue, ' ') FROM (SELECT queue FROM queue_table ORDER BY rowid)")" "only the good queues were added"

# add-user and edit-user take the new queues; unknown ones stay refused.
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-user -u alice -i 1001 -B A -q long,short
expect_ok edit-user alice --add-queue scavenger
expect_eq "long,short,scavenger" "$(sql "SELECT queues FROM association_table WHERE username = 'alice'")"
expect_ok add-user -u bob -i 1002 -B A --queues "o'queue %,Batch"
expect_eq "o'queue %,Batch" "$(sql "SELECT queues FROM association_table WHERE username = 'bob'")"
expect_fail "queue nope does not exist in queue_table" add-user -u carol -i 1003 -B A -q long,nope
expect_fail "queue BATCH does not exist in queue_table" edit-user alice --add-queue BATCH

finish
