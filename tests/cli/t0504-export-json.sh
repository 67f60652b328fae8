#!/bin/bash
# export-json: the plugin's initialisation document on one line, as
# Python's json.dumps() writes it: associations (all 13 keys, active or
# not), queues (the 10 keys rec_q_update reads plus max_nodes and
# max_cores), projects, banks, config (deny_unknown_queues) and
# priority_factors, in that order, rows in table order.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_out transfer/export-json-empty.json export-json

expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root --priority 2.5
expect_ok add-bank 'B "two"' 1 --parent-bank root
expect_ok add-queue batch -P 100 --max-running-jobs 8 --max-nodes 16
expect_ok add-queue debug
expect_ok add-project p1
expect_ok add-user -u alice -i 5001 -B A -q batch,debug -P p1 --max-nodes 4 --fairshare 0.25
expect_ok add-user -u 'zoë' -i 5002 -B 'B "two"' --max-sched-jobs 3
expect_ok add-user -u alice -i 5001 -B 'B "two"'
expect_ok delete-user alice 'B "two"'
expect_ok edit-factor --factor bank --weight 10
expect_ok edit-config deny_unknown_queues=True
expect_out transfer/export-json.json export-json
expect_eq 1 "$(wc -l <"$WORK/out")" "one line"

# Python reads it back to the same text.
if command -v python3 >/dev/null; then
  expect_eq ok "$(python3 -c '
import json, sys
t = open(sys.argv[1]).read()
print("ok" if json.dumps(json.loads(t)) + "\n" == t else "differs")' "$WORK/out")" "json.dumps form"
fi

# Our engine option: off unless config_table says so (upstream's plugin
# ignores the key); only true or false may be stored.
expect_fail "enforce_queue_job_limits must be 'true' or 'false', got 'yes'" \
  add-config enforce_queue_job_limits=yes
expect_ok add-config enforce_queue_job_limits=TRUE
expect_eq true "$(sql "SELECT value FROM config_table WHERE key = 'enforce_queue_job_limits'")" \
  "stored in lower case"
expect_ok export-json
expect_eq 1 "$(grep -c ', "options": {"enforce_queue_job_limits": true}}$' "$WORK/out")" \
  "export-json carries the option"

# A value the plugin could not read is an error, not a broken document.
sql "UPDATE association_table SET max_nodes = 'lots' WHERE username = 'zoë'"
expect_fail 'association_table column max_nodes holds "lots", which is not an integer' export-json
finish
