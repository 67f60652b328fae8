#!/bin/bash
# simulate: a workload of JSON lines replayed against the database's policy
# through the job manager model and the real priority engine. Jobs start in
# priority order; a user over max-running-jobs waits, and the output names
# the limit; --explain shows the `flux account jobs` row, the formula and
# why the job waited; cancel, urgency 0 (held) and 31, flux update; every
# rejection; --until, --json, standard input; the accounting cycle
# (--cycle) moving fair-shares, and with them the order jobs start in.
# Every malformed workload is one error line with nothing on stdout, and
# the database is never written.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-bank B 1 --parent-bank root
# Per-job queue limits generous enough that enforcing them changes nothing.
expect_ok add-queue batch --priority 0 --max-nodes-per-job 64 --max-time-per-job 1440
expect_ok add-queue debug --priority 1000 --max-nodes-per-job 64 --max-time-per-job 1440
expect_ok add-user -u alice -i 5001 -B A -q batch,debug --max-running-jobs 2
expect_ok add-user -u bob -i 5002 -B B -q batch --max-active-jobs 3
expect_ok add-user -u carol -i 5003 -B A -q batch
before=$(checksum "$DB")

# ---- priority order on a one-node machine --------------------------------
# alice's debug job (queue priority 1000) overtakes bob's older batch job.
cat >"$WORK/order.jsonl" <<'EOF'
{"t": 0, "user": "alice", "queue": "batch", "ncores": 4, "duration": 100}
{"t": 10, "user": "bob", "queue": "batch", "ncores": 4, "duration": 100}
{"t": 20, "user": "alice", "queue": "debug", "ncores": 4, "duration": "100s"}
{"t": 30, "user": "carol", "ncores": 4, "duration": "1h", "runtime": 50}
EOF
expect_out simulate/order.txt simulate --nodes 1 --cores 4 "$WORK/order.jsonl"
# The table's rows (up to the first blank line) by START: job numbers.
expect_eq "1 3 2 4" "$(sed -n '2,/^$/p' "$WORK/out" | awk 'NF { print $7, $1 }' | sort -n |
  awk '{ printf "%s%s", sep, $2; sep = " " }')" "start order"
expect_out simulate/order-explain.txt simulate --nodes 1 --cores 4 --explain 2 "$WORK/order.jsonl"
expect_out simulate/order.json simulate --nodes 1 --cores 4 --json "$WORK/order.jsonl"
# -p after the sub-command, the workload on standard input.
"$FLUX_ACCOUNT" simulate -p "$DB" --nodes 1 --cores 4 - <"$WORK/order.jsonl" >"$WORK/stdin.txt"
expect_eq "$(cat "$EXPECTED_DIR/simulate/order.txt")" "$(cat "$WORK/stdin.txt")" "workload from stdin"

# ---- limits, cancel, urgency, update, rejections ---------------------------
cat >"$WORK/limits.jsonl" <<'EOF'
# alice may run 2 jobs at once: her third waits for one to end
{"t": 0, "user": "alice", "queue": "batch", "duration": "10m"}
{"t": 0, "user": "alice", "queue": "batch", "duration": "10m", "runtime": 300}
{"t": 0, "user": "alice", "queue": "batch", "duration": "10m"}

# bob lacks queue debug; he may have 3 active jobs; one is held (urgency 0)
{"t": 5, "user": "bob", "queue": "debug", "duration": 60}
{"t": 5, "user": "bob", "duration": 60}
{"t": 5, "user": "bob", "duration": 60}
{"t": 5, "user": "bob", "urgency": 0, "duration": 60}
{"t": 5, "user": "bob", "duration": 60}
{"t": 10, "op": "cancel", "job": 1}
{"t": 20, "uid": 5003, "nnodes": 32, "duration": 60}
{"t": 30, "user": "carol", "bank": "B", "duration": 60}
{"t": 100, "op": "cancel", "job": 5}
{"t": 100, "op": "cancel", "job": 4}
{"t": 100, "op": "urgency", "job": 2, "urgency": 31}
{"t": 110, "op": "update", "job": 3, "queue": "debug"}
{"t": 200, "uid": 4242}
{"t": 200, "user": "carol", "runtime": 1000}
{"t": 250, "op": "cancel", "job": 12}
EOF
expect_out simulate/limits.txt simulate "$WORK/limits.jsonl"
grep -q '^7 .*still pending: held by its urgency (0)$' "$WORK/out" && pass || fail "urgency 0 holds"
grep -q '^8 .*rejected: user has max active jobs$' "$WORK/out" && pass || fail "max active jobs"
grep -q '^4 .*rejected: queue "debug" not valid for user; valid queues for user: batch$' \
  "$WORK/out" && pass || fail "queue the user lacks"
# Stopped at t=5: alice's third job is held by her max-running-jobs limit.
expect_out simulate/limits-until.txt simulate --until 5 --explain 3 "$WORK/limits.jsonl"
grep -q '^3 .*still pending: held: max-running-jobs-user-limit: running jobs of the association 2 of 2' \
  "$WORK/out" && pass || fail "the output names the limit"
# Run to the end, the held job starts when job 1 is cancelled at t=10.
expect_out simulate/limits-explain.txt simulate --explain 3 "$WORK/limits.jsonl"
expect_out simulate/limits-rejected.txt simulate --explain 4 --until 1m "$WORK/limits.jsonl"

# Urgency 0 then 16: the held job runs once its urgency is raised; an update
# moves a pending job to another queue and bank.
cat >"$WORK/release.jsonl" <<'EOF'
{"t": 0, "user": "bob", "urgency": 0, "duration": 60}
{"t": 0, "user": "alice", "ncores": 32, "duration": 60}
{"t": 0, "user": "alice", "ncores": 32, "duration": 60}
{"t": 0, "user": "alice", "ncores": 32, "duration": 60}
{"t": 30, "op": "urgency", "job": 1, "urgency": 16}
{"t": 40, "op": "update", "job": 3, "queue": "debug"}
{"t": 40, "op": "update", "job": 4, "bank": "B"}
EOF
expect_out simulate/release.txt simulate --nodes 1 "$WORK/release.jsonl"
expect_out simulate/release.json simulate --nodes 1 --json --explain 1 "$WORK/release.jsonl"

# ---- the accounting cycle: fair-share moves on the simulated clock ----------
# One node of two cores. alice's first job ends at 500; her second keeps a
# core busy until 1000, so her two-core job (t=10) and bob's (t=20) both
# wait for it. With equal fair-shares alice's goes first (submitted first);
# after the cycle at 600 charges her 500 node-seconds, bob's fair-share is
# above hers and his later job starts first. A second cycle runs at 1200,
# as the last job ends, and charges the rest (alice 1600, bob 100).
cat >"$WORK/cycle.jsonl" <<'EOF'
{"t": 0, "user": "alice", "queue": "batch", "ncores": 1, "duration": 500}
{"t": 0, "user": "alice", "queue": "batch", "ncores": 1, "duration": 1000}
{"t": 10, "user": "alice", "queue": "batch", "ncores": 2, "duration": 100}
{"t": 20, "user": "bob", "queue": "batch", "ncores": 2, "duration": 100}
EOF
starts() {  # the table's job numbers by START
  sed -n '2,/^$/p' "$WORK/out" | awk 'NF { print $7, $1 }' | sort -n |
    awk '{ printf "%s%s", sep, $2; sep = " " }'
}
expect_ok simulate --nodes 1 --cores 2 --cycle 0 "$WORK/cycle.jsonl"
expect_eq "1 2 3 4" "$(starts)" "fixed fair-shares: submit order"
grep -q '^accounting cycles' "$WORK/out" && fail "a cycle summary with --cycle 0" || pass
expect_out simulate/cycle.txt simulate --nodes 1 --cores 2 --cycle 600 "$WORK/cycle.jsonl"
expect_eq "1 2 4 3" "$(starts)" "after the cycle, bob's later job first"
grep -q '^alice  A     1600   0.5              0.333333$' "$WORK/out" && pass ||
  fail "alice's usage and fair-share movement: $(cat "$WORK/out")"
grep -q '^bob    B     100    0.5              1$' "$WORK/out" && pass ||
  fail "bob's fair-share movement"
# The default cycle is hourly: this workload is over before the first one.
expect_ok simulate --nodes 1 --cores 2 "$WORK/cycle.jsonl"
expect_eq "1 2 3 4" "$(starts)" "no cycle within the run"
expect_out simulate/cycle-explain.txt simulate --nodes 1 --cores 2 --cycle 10m --explain 4 \
  "$WORK/cycle.jsonl"
grep -q '^its fair-share when it started (t=1000): 1$' "$WORK/out" && pass ||
  fail "--explain: the fair-share the job started with"
expect_out simulate/cycle.json simulate --nodes 1 --cores 2 --cycle 600 --json "$WORK/cycle.jsonl"
expect_eq '0.5 0.5 0.333333 1.0' "$(sed 's/.*"fairshare":\([^,]*\),.*/\1/' "$WORK/out" | xargs)" \
  "--json: each job's fair-share at start"

# ---- bad input: one line on stderr, nothing on stdout ----------------------
bad() {  # MESSAGE LINE...: a workload of the lines, refused with MESSAGE
  local msg=$1
  shift
  printf '%s\n' "$@" >"$WORK/bad.jsonl"
  expect_fail "$msg" simulate "$WORK/bad.jsonl"
}
ok='{"t": 0, "user": "alice"}'
bad 'flux-account simulate: error: line 2: not valid JSON (at byte 9)' "$ok" '{"t": 1,'
bad 'line 1: not a JSON object' '[{"t": 0}]'
bad 'line 2: missing "t" (seconds from the start)' "$ok" '{"user": "alice"}'
bad 'line 2: t 1 is before the previous line'"'"'s t 5' '{"t": 5, "user": "alice"}' \
  '{"t": 1, "user": "alice"}'
bad 'line 1: t must be a number of seconds from 0 to 1000000000, got "soon"' \
  '{"t": "soon", "user": "alice"}'
bad 'line 2: op must be one of submit, cancel, urgency, update, got "kill"' "$ok" \
  '{"t": 1, "op": "kill", "job": 1}'
bad 'line 1: unknown key "nodes" for op submit' '{"t": 0, "user": "alice", "nodes": 2}'
bad 'line 2: unknown user "mallory" (no association)' "$ok" '{"t": 0, "user": "mallory"}'
bad 'line 2: job 2 has not been submitted (1 job submitted so far)' "$ok" \
  '{"t": 1, "op": "cancel", "job": 2}'
bad 'line 1: job 1 has not been submitted (0 jobs submitted so far)' \
  '{"t": 1, "op": "urgency", "job": 1, "urgency": 0}'
bad 'line 1: nnodes must be an integer from 1 to 2147483647, got -1' \
  '{"t": 0, "user": "alice", "nnodes": -1}'
bad 'line 1: ncores must be an integer from 1 to 2147483647, got 1e+30' \
  '{"t": 0, "user": "alice", "ncores": 1000000000000000000000000000000}'
bad 'line 1: not valid JSON (a number out of range)' '{"t": 1e999, "user": "alice"}'
bad 'line 1: t must be a number of seconds from 0 to 1000000000, got 1e+20' \
  '{"t": 1e20, "user": "alice"}'
bad 'line 1: duration must be a duration or seconds from 0 to 1000000000, got 99999999999' \
  '{"t": 0, "user": "alice", "duration": 99999999999}'
bad 'line 1: duration: invalid Flux standard duration "1 hour"' \
  '{"t": 0, "user": "alice", "duration": "1 hour"}'
bad 'line 1: urgency must be an integer from 0 to 31, got 40' \
  '{"t": 0, "user": "alice", "urgency": 40}'
bad 'line 2: an update line needs "bank" or "queue"' "$ok" '{"t": 0, "op": "update", "job": 1}'
# A bad line after good ones: nothing ran, nothing printed.
bad 'line 4: not valid JSON' "$ok" "$ok" "$ok" 'not json'

printf '%s\n' "$ok" >"$WORK/one.jsonl"
expect_fail '--explain: job 2 has not been submitted (the workload submits 1)' \
  simulate --explain 2 "$WORK/one.jsonl"
expect_fail '--nodes must be from 1 to 1000000, got 0' simulate --nodes 0 "$WORK/one.jsonl"
expect_fail '--cores must be from 1 to 1000000, got 2000000' simulate --cores 2000000 "$WORK/one.jsonl"
expect_fail "--until must be a time from 0 to 1000000000 seconds, got 'later'" \
  simulate --until later "$WORK/one.jsonl"
expect_fail "--cycle must be a time from 0 to 1000000000 seconds, got 'often'" \
  simulate --cycle often "$WORK/one.jsonl"
expect_fail "argument --nodes: invalid int value: 'many'" simulate --nodes many "$WORK/one.jsonl"
expect_fail 'cannot open' simulate "$WORK/missing.jsonl"
expect_fail 'the following arguments are required: FILE' simulate

# A database without associations has nothing to simulate.
DB=$WORK/empty.db
expect_ok create-db
expect_fail 'the database has no associations to simulate; add users with add-user first' \
  simulate "$WORK/one.jsonl"
DB=$WORK/FluxAccounting.db

expect_eq "$before" "$(checksum "$DB")" "the database is never written"

# The policy is the database's: with enforce_queue_job_limits on (a copy of
# the site), a job over its queue's max nodes per job is rejected.
cp "$DB" "$WORK/enforce.db"
DB=$WORK/enforce.db
expect_ok add-config enforce_queue_job_limits=true
printf '%s\n' '{"t": 0, "user": "alice", "queue": "batch", "nnodes": 65, "duration": 60}' \
  '{"t": 0, "user": "alice", "queue": "batch", "nnodes": 64, "duration": 60}' >"$WORK/big.jsonl"
expect_ok simulate --nodes 100 "$WORK/big.jsonl"
grep -q '^1 .*rejected: job size (65 node(s)) is greater than max nodes per job configured for queue (64 node(s))$' \
  "$WORK/out" && pass || fail "queue per-job limit enforced: $(cat "$WORK/out")"
grep -q '^2 .* completed$' "$WORK/out" && pass || fail "a job within the limit runs"

# A queue priority that takes the sum below 0 gives priority 0, which Flux
# never schedules: the job waits on an idle machine, and the output says so.
expect_ok add-queue standby --priority -10
expect_ok edit-user carol --add-queue standby
printf '%s\n' '{"t": 0, "user": "carol", "queue": "standby", "duration": 60}' >"$WORK/standby.jsonl"
expect_out simulate/standby.txt simulate --explain 1 "$WORK/standby.jsonl"
finish
