#!/bin/bash
# ingest_bench.sh [BUILD_DIR] [JOBS]: whole-process timing of
# fetch-job-records --jsonl on JOBS (default 1,000,000) generated job records
# of 10,000 associations (one in a hundred never ran and is skipped), into a
# site database of those associations; then the same with a tenth of the
# records, to show that peak memory does not grow with the input (target:
# under 10 s for 1,000,000 records); a second run over the same input (all
# duplicates); --copy of the resulting database as a job archive; and
# view-job-records of one user's records through the auxiliary index.
# (The commands' summaries on stderr are discarded.)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
jobs=${2:-1000000}
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ingest_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

site=$work/site.db
"$here/make_site_db.sh" "$site" 10000 100

# gen N: N job records as JSON lines, shaped like Flux's (about 1 KB a line):
# users round-robin over the 10,000 associations; 1 to 8 nodes anywhere on
# a 10,000-node machine (tens of thousands of distinct R); jobspecs with
# the environment and shell options Flux records.
gen() {
  awk -v n="$1" 'BEGIN {
    split("600 1800 3600 7200 14400", dur, " ")
    for (i = 0; i < n; i++) {
      u = i % 10000
      submit = 1767000000 + i * 0.37
      first = (i * 7919) % 9992
      ranks = (i % 8 == 0) ? sprintf("%d", first) : sprintf("%d-%d", first, first + i % 8)
      if (i % 100 == 99) { run = 0; R = "\"\"" } else {
        run = submit + 10 + i % 300
        R = sprintf("{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"%s\", \"children\": {\"core\": \"0-47\", \"gpu\": \"0-3\"}}], \"starttime\": %.2f, \"expiration\": %.2f, \"nodelist\": [\"node[%s]\"]}}", ranks, run, run + 3600, ranks)
      }
      printf("{\"id\": %d, \"userid\": %d, \"t_submit\": %.2f, \"t_run\": %.2f, \"t_inactive\": %.2f, \"ranks\": \"%s\", \"R\": %s, ", 1000000000 + i, 100000 + u, submit, run, run + 60 + i % 3600, ranks, R)
      printf("\"jobspec\": {\"version\": 1, \"resources\": [{\"type\": \"node\", \"count\": %d, \"with\": [{\"type\": \"slot\", \"count\": 1, \"label\": \"task\", \"with\": [{\"type\": \"core\", \"count\": 48}]}]}], \"tasks\": [{\"command\": [\"app\", \"--in\", \"run%d.dat\"], \"slot\": \"task\", \"count\": {\"per_slot\": 1}}], ", i % 8 + 1, i)
      printf("\"attributes\": {\"system\": {\"duration\": %d, \"bank\": \"bank%04d\", \"queue\": \"%s\", \"cwd\": \"/home/user%06d/work\", ", dur[i % 5 + 1], u % 100, (i % 7 == 0) ? "debug" : "batch", u)
      printf("\"environment\": {\"HOME\": \"/home/user%06d\", \"USER\": \"user%06d\", \"PATH\": \"/usr/local/bin:/usr/bin:/bin\", \"SHELL\": \"/bin/bash\", \"LANG\": \"C.UTF-8\", \"FLUX_URI\": \"local:///run/flux/local\"}, ", u, u)
      printf("\"shell\": {\"options\": {\"rlimit\": {\"cpu\": -1, \"nofile\": 1024}}}}}}}\n")
    }
  }'
}

big=$work/jobs.jsonl
small=$work/jobs_small.jsonl
gen "$jobs" >"$big"
gen $((jobs / 10)) >"$small"
echo "input: $jobs records, $(du -h "$big" | cut -f1)"

db=$work/bench.db
echo -n "fetch-job-records --jsonl ($jobs records):   "
"$bench" -n 3 -w 0 --setup "cp $site $db" -- "$FLUX_ACCOUNT" -p "$db" fetch-job-records --jsonl "$big" 2>/dev/null
echo "  jobs recorded: $(sqlite3 "$db" 'SELECT count(*) FROM jobs')"
echo -n "fetch-job-records --jsonl ($((jobs / 10)) records):    "
"$bench" -n 3 -w 0 --setup "cp $site $db.small" -- "$FLUX_ACCOUNT" -p "$db.small" fetch-job-records --jsonl "$small" 2>/dev/null
echo -n "again, all duplicates ($jobs records):    "
"$bench" -n 1 -w 0 -- "$FLUX_ACCOUNT" -p "$db" fetch-job-records --jsonl "$big" 2>/dev/null

# A copy from a job archive: the 1,000,000-record database itself.
echo -n "fetch-job-records --copy ($jobs records):    "
"$bench" -n 1 -w 0 --setup "cp $site $db.copy" -- "$FLUX_ACCOUNT" -p "$db.copy" fetch-job-records --copy "$db" 2>/dev/null

# One user's records (about 100 of the 1,000,000) through the auxiliary
# index, as view-job-records finds them (target < 50 ms).
echo -n "view-job-records -u user004242 ($jobs records): "
"$bench" -n 5 -w 1 -- "$FLUX_ACCOUNT" -p "$db" view-job-records -u user004242
echo "  rows: $(($("$FLUX_ACCOUNT" -p "$db" view-job-records -u user004242 | wc -l) - 1))"
