#!/bin/bash
# view-queue (JSON by default, --parsable table, -o format) and list-queues
# (table by default, --json, --fields, -o); upstream's messages for unknown
# queues, empty listings, bad fields and bad placeholders.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_fail "no results found in query" list-queues
expect_fail "queue batch not found in queue_table" view-queue batch

expect_ok add-queue batch
expect_ok add-queue debug -N 2 -t 30 -P 1000 --max-running-jobs 2 -msn 4
expect_ok add-queue apple -P -10 --max-sched-jobs 4 --max-cores 0

# view-queue.
expect_out queues/view-queue.json view-queue debug
expect_out queues/view-queue.table view-queue debug --parsable
expect_out queues/view-queue.format view-queue debug \
  -o '{queue}: priority {priority}, {max_running_jobs} running, max_nodes={max_nodes}'
# -o wins over --parsable; an empty -o is no format.
expect_out queues/view-queue.format view-queue debug --parsable \
  -o '{queue}: priority {priority}, {max_running_jobs} running, max_nodes={max_nodes}'
expect_out queues/view-queue.json view-queue debug -o ''
expect_fail "queue nope not found in queue_table" view-queue nope
expect_fail "queue Debug not found in queue_table" view-queue Debug --parsable
expect_fail "queue % not found in queue_table" view-queue %
expect_fail "Invalid column name in format string: name. Available columns: queue,min_nodes_per_job" \
  view-queue debug -o '{name}'
expect_fail "the following arguments are required: QUEUE" view-queue

# list-queues: rows in the order the queues were added, whatever the columns.
expect_out queues/list-queues.table list-queues
expect_out queues/list-queues.json list-queues --json
expect_out queues/list-queues-fields.table list-queues --fields queue,priority
expect_out queues/list-queues-fields.json list-queues --fields=max_cores,queue --json
expect_out queues/list-queues-names.table list-queues --fields queue
expect_out queues/list-queues.format list-queues -o '{queue:<8}|{priority:>6}|{max_sched_jobs}'
expect_out queues/list-queues-fields.format list-queues --fie queue,max_nodes_per_job -o '{queue}={max_nodes_per_job}' --json
expect_fail "invalid fields: nope, name" list-queues --fields queue,nope,name
expect_fail "Invalid column name in format string: priority. Available columns: queue" \
  list-queues --fields queue -o '{queue} {priority}'
expect_fail "unrecognized arguments: batch" list-queues batch

finish
