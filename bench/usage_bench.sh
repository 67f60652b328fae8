#!/bin/bash
# usage_bench.sh [BUILD_DIR]: whole-process timings of update-usage on a site
# of 10,000 associations in 100 banks:
#   update-usage, 1,000,000 new job records    (target < 3 s)
#   update-usage, an hourly 10,000 more         (target < 100 ms; every association
#                                                charged, then 1,000 of them)
#   update-usage, nothing new                   (the cron job's usual case)
#   clear-usage of one bank, then update-usage
# Job records have realistic R (start and expiration times, node lists; 64
# shapes of R_lite) and jobspec text. The jobs indexes that fetch-job-records
# creates are built in the set-up, and timed separately (an upstream
# database's first update-usage builds them).
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/usage_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export FLUXACCT_NOW=1767225600  # create-db: the first half-life period ends a week later
DAY=86400

# add_jobs DB FIRST N T0 [USERS]: N job records, ids from FIRST, ending every 0.5 s
# from T0, spread over the first USERS (default all 10,000) associations.
add_jobs() {
  local spread=${5:-10000}
  sqlite3 "$1" <<SQL
BEGIN;
WITH RECURSIVE j(i) AS (SELECT $2 UNION ALL SELECT i + 1 FROM j WHERE i + 1 < $2 + $3)
INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, project, bank,
                  requested_duration, actual_duration)
  SELECT 1000000000 + i, 100000 + i % $spread, $4 + (i - $2) * 0.5 - 3700, $4 + (i - $2) * 0.5 - 60 - i % 3600,
         $4 + (i - $2) * 0.5, printf('%d-%d', i % 64, i % 64 + 1),
         printf('{"version": 1, "execution": {"R_lite": [{"rank": "%d-%d", "children": {"core": "0-3"}}], "starttime": %d.0, "expiration": %d.0, "nodelist": ["node[%d-%d]"]}}',
                i % 64, i % 64 + 1, $4 + i, $4 + i + 3600, i % 64, i % 64 + 1),
         printf('{"resources": [{"type": "node", "count": 2}], "tasks": [{"command": ["app", "run%d"]}], "attributes": {"system": {"duration": 3600, "bank": "bank%04d", "cwd": "/home/u%d"}}}',
                i, i % $spread % 100, i % $spread),
         '*', printf('bank%04d', i % $spread % 100), 3600.0, 60.0 + i % 3600 FROM j;
COMMIT;
SQL
}

base=$work/base.db
"$here/make_site_db.sh" "$base" 10000 100
T0=$((FLUXACCT_NOW + 600))
add_jobs "$base" 0 1000000 $T0
echo "site: 10000 associations, 100 banks, 1000000 job records, $(du -h "$base" | cut -f1)"
echo -n "jobs indexes (CREATE INDEX, 1000000 rows): "
"$bench" -n 1 -w 0 --setup "cp $base $work/idx.db" -- sqlite3 "$work/idx.db" \
  "CREATE INDEX IF NOT EXISTS fluxacct_jobs_userid ON jobs (userid, t_inactive);
   CREATE INDEX IF NOT EXISTS fluxacct_jobs_t_inactive ON jobs (t_inactive)"
mv "$work/idx.db" "$base"

db=$work/run.db
NOW1=$((T0 + 6 * DAY))  # after the last job, before the period's end
echo -n "update-usage (1000000 new jobs):   "
FLUXACCT_NOW=$NOW1 "$bench" -n 3 -w 0 --setup "cp $base $db" -- "$FLUX_ACCOUNT" -p "$db" update-usage
echo "  charged: $(sqlite3 "$db" 'SELECT count(*) FROM job_usage_factor_table WHERE last_job_timestamp > 0') associations," \
  "total usage $(sqlite3 "$db" "SELECT job_usage FROM bank_table WHERE bank = 'root'")"

# An hour later: 10,000 more records (20 per second... every 0.36 s).
cp "$db" "$work/charged.db"
cp "$db" "$work/after.db"
add_jobs "$work/after.db" 1000000 10000 $((NOW1 + 10))
NOW2=$((NOW1 + 3600 + 10))
echo -n "update-usage (10000 new jobs):     "
FLUXACCT_NOW=$NOW2 "$bench" -n 7 -w 1 --setup "cp $work/after.db $db && sync $db" -- "$FLUX_ACCOUNT" -p "$db" update-usage

# The same hour with the jobs of 1,000 associations (ten each): most of a
# site's associations run nothing in a given hour.
cp "$work/charged.db" "$work/after1k.db"
add_jobs "$work/after1k.db" 1000000 10000 $((NOW1 + 10)) 1000
echo -n "update-usage (10000 new, 1000 users): "
FLUXACCT_NOW=$NOW2 "$bench" -n 7 -w 1 --setup "cp $work/after1k.db $db && sync $db" -- "$FLUX_ACCOUNT" -p "$db" update-usage

echo -n "update-usage (nothing new):        "
FLUXACCT_NOW=$NOW2 "$FLUX_ACCOUNT" -p "$db" update-usage
FLUXACCT_NOW=$NOW2 "$bench" -n 7 -w 1 -- "$FLUX_ACCOUNT" -p "$db" update-usage

echo -n "update-usage (a period closes):    "
FLUXACCT_NOW=$((FLUXACCT_NOW + 8 * DAY)) "$bench" -n 5 -w 1 --setup "cp $work/after.db $db" -- "$FLUX_ACCOUNT" -p "$db" update-usage

echo -n "clear-usage (one bank):            "
"$bench" -n 5 -w 1 --setup "cp $work/after.db $db" -- "$FLUX_ACCOUNT" -p "$db" clear-usage bank0042
