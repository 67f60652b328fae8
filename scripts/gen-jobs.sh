#!/bin/bash
# gen-jobs.sh START_EPOCH DAYS USER:UID:BANK… > jobs.jsonl
# Writes a deterministic, made-up month (or DAYS days) of finished Flux job
# records as JSON lines, the input of `flux account-fetch-job-records
# --jsonl`: each user runs a few jobs a day of 1–8 nodes with 4 cores each,
# lasting from ten minutes to a few hours; some users run more than others.
set -euo pipefail
start=$1 days=$2
shift 2
printf '%s\n' "$@" | awk -v start="$start" -v days="$days" -F: '
  { user[NR] = $1; uid[NR] = $2; bank[NR] = $3 }
  END {
    srand(42)
    seq = 0
    for (d = 0; d < days; d++) {
      for (u = 1; u <= NR; u++) {
        njobs = int(rand() * (1 + u % 4)) + (u % 3 == 0 ? 3 : 0)
        for (j = 0; j < njobs; j++) {
          nodes = 2 ^ int(rand() * 4)
          submit = start + d * 86400 + int(rand() * 80000)
          run = submit + int(rand() * 1800)
          elapsed = 600 + int(rand() * 3 * 3600)
          inactive = run + elapsed
          ranks = (nodes == 1) ? "0" : "0-" (nodes - 1)
          # FLUID-like: submit time (ms since the start) above a sequence number.
          seq++
          id = (submit - start) * 1000 * 1024 + seq % 1024
          printf("{\"id\": %.0f, \"userid\": %d, \"t_submit\": %d, \"t_run\": %d, \"t_inactive\": %d, ", id, uid[u], submit, run, inactive)
          printf("\"ranks\": \"%s\", ", ranks)
          printf("\"R\": {\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"%s\", \"children\": {\"core\": \"0-3\"}}], \"starttime\": %d, \"expiration\": %d}}, ", ranks, run, run + 14400)
          printf("\"jobspec\": {\"version\": 1, \"resources\": [{\"type\": \"node\", \"count\": %d, \"with\": [{\"type\": \"slot\", \"count\": 1, \"label\": \"task\", \"with\": [{\"type\": \"core\", \"count\": 4}]}]}], ", nodes)
          printf("\"tasks\": [{\"command\": [\"app\"], \"slot\": \"task\", \"count\": {\"per_slot\": 1}}], ")
          printf("\"attributes\": {\"system\": {\"duration\": 14400, \"bank\": \"%s\", \"queue\": \"batch\"}}}}\n", bank[u])
        }
      }
    }
  }'
