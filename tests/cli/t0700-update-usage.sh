#!/bin/bash
# update-usage: charging job records to associations (upstream's t1006
# numbers), bank totals, idempotence, closing several half-life periods in
# one run, and the first period's end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/usage_lib.sh"

NOW0=$FLUXACCT_NOW       # create-db
WEEK=604800
fa create-db
fa add-bank A 1
fa add-bank B 1 --parent-bank A
fa add-bank C 1 --parent-bank B
fa add-bank D 1 --parent-bank B
for u in 1001 1002; do fa add-user -u $u -i $u -B C; done
for u in 1003 1004; do fa add-user -u $u -i $u -B D; done
expect_eq $((NOW0 + WEEK)).0 "$(period_end)" "the first period ends one half-life after create-db"

# t1006's jobs: job i runs from T + 10000 i for 2000, 2100, ... seconds
# (the count restarting for each user's batch) on RANKS ranks.
T=$((NOW0 + 1000))
i=0
batch() {  # UID BANK RANKS COUNT
  local delta=2000 n
  for ((n = 0; n < $4; n++)); do
    job $((100 + i)) "$1" "$2" $((T + 10000 * i)) $((T + 10000 * i + delta)) "$3"
    i=$((i + 1))
    delta=$((delta + 100))
  done
}
batch 1001 C 0 2
batch 1002 C 0-1 3
batch 1002 C 0 2
batch 1003 D 0-2 3
batch 1004 D 0-3 4
batch 1004 D 0 4
set_bins 1002 C 256 64 16 8
set_bins 1001 C 4096 256 32 16

# ---- jobs in the current period: added to bin 0
NOW1=$((NOW0 + 200000))
at $NOW1 update-usage && pass || fail "update-usage"
expect_eq 17044.0 "$(usage 1002 C)" "1002/C usage (t1006: 16700 of jobs + 256 + 64 + 16 + 8)"
expect_eq 16956.0,64.0,16.0,8.0 "$(bins 1002 C)" "1002/C bins"
expect_eq 8500.0 "$(usage 1001 C)" "1001/C usage (t1006)"
expect_eq 18900.0 "$(usage 1003 D)" "1003/D: three 3-node jobs"
expect_eq 43000.0 "$(usage 1004 D)" "1004/D: four 4-node and four 1-node jobs"
expect_eq $((T + 90000 + 2200)).0 "$(last_job 1003 D)" "last_job_timestamp: the newest job's t_inactive"
expect_eq 25544.0 "$(bank_usage C)" "bank C"
expect_eq 61900.0 "$(bank_usage D)" "bank D"
expect_eq 87444.0 "$(bank_usage B)" "bank B"
expect_eq 87444.0 "$(bank_usage A)" "root bank"
expect_eq $((NOW0 + WEEK)).0 "$(period_end)" "no period has ended"

# ---- nothing new: nothing changes, not even the file
before=$(checksum "$DB")
at $NOW1 update-usage && pass || fail "second update-usage"
expect_eq "$before" "$(checksum "$DB")" "a run with nothing new leaves the file as it was"
at $((NOW0 + WEEK - 1)) update-usage && pass || fail "update-usage before the period's end"
expect_eq "$before" "$(checksum "$DB")" "one second before the period ends, still nothing"

# ---- three periods end before the next run, and a 200 node-second job
NOW3=$((NOW0 + 3 * WEEK + 1000))
job 200 1001 C $((NOW3 - 500)) $((NOW3 - 300)) 0
at $NOW3 update-usage -v 2>"$WORK/log" && pass || fail "update-usage after three periods"
grep -q "INFO: closed 3 half-life periods" "$WORK/log" && pass ||
  fail "-v names the periods closed: $(cat "$WORK/log")"
grep -q "INFO: charged 1 job to 1 association (of 4); 4 associations written" "$WORK/log" && pass ||
  fail "-v counts jobs and associations: $(cat "$WORK/log")"
grep -q "^....-..-.. ..:..:..: INFO: job-usage update for flux-accounting DB now complete$" \
  "$WORK/log" && pass || fail "-v log format: $(cat "$WORK/log")"
expect_eq 200.0,0.0,0.0,1024.5 "$(bins 1001 C)" "1001/C: bins moved 3 places, x0.5 each, then the job"
expect_eq 1224.5 "$(usage 1001 C)" "1001/C usage"
expect_eq 0.0,0.0,0.0,2119.5 "$(bins 1002 C)" "1002/C bins"
expect_eq 2119.5 "$(usage 1002 C)" "1002/C usage"
expect_eq 2362.5 "$(usage 1003 D)" "1003/D usage"
expect_eq 3344.0 "$(bank_usage C)" "bank C after the decay"
expect_eq 11081.5 "$(bank_usage A)" "root after the decay"
expect_eq $((NOW0 + 4 * WEEK)).0 "$(period_end)" "the end moved three periods on"
expect_eq $((NOW3 - 300)).0 "$(last_job 1001 C)" "1001/C last job"

# ---- one more period: the last bin falls off
at $((NOW0 + 4 * WEEK)) update-usage && pass || fail "update-usage, fourth period"
expect_eq 0.0,100.0,0.0,0.0 "$(bins 1001 C)" "1001/C: the oldest bin fell off"
expect_eq 100.0 "$(usage 1001 C)" "1001/C usage"
expect_eq $((NOW0 + 5 * WEEK)).0 "$(period_end)" "period end"

# ---- the stand-alone name
if [ -n "${FLUXACCT_BUILD_DIR:-}" ] && [ -x "$FLUXACCT_BUILD_DIR/flux-account-update-usage" ]; then
  FLUXACCT_NOW=$((NOW0 + 5 * WEEK + 10)) "$FLUXACCT_BUILD_DIR/flux-account-update-usage" -p "$DB" &&
    pass || fail "flux-account-update-usage -p DB"
  expect_eq 0.0,0.0,50.0,0.0 "$(bins 1001 C)" "the stand-alone command ran"
fi

# ---- progress on a terminal, erased at the end
if command -v script >/dev/null; then
  job 201 1002 C $((NOW0 + 5 * WEEK + 20)) $((NOW0 + 5 * WEEK + 30)) 0
  script -qec "FLUXACCT_NOW=$((NOW0 + 5 * WEEK + 40)) '$FLUX_ACCOUNT' -p '$DB' update-usage" \
    /dev/null >"$WORK/tty.out" </dev/null
  expect_eq 1 "$(grep -cE 'update-usage: [0-9]+ job records? read, 1 charged' "$WORK/tty.out")" \
    "progress on a terminal"
  expect_eq "$(printf '\r\033[K')" "$(tail -c 4 "$WORK/tty.out")" "progress line erased"
  expect_eq 10.0 "$(bins 1002 C | cut -d, -f1)" "charged under script"
fi

# ---- -h
fa update-usage -h >"$WORK/out" && grep -q -- "-v, --verbose" "$WORK/out" && pass ||
  fail "update-usage -h: $(cat "$WORK/out")"
finish
