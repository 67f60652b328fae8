#!/bin/bash
# reports_bench.sh [BUILD_DIR]: whole-process timings of the report commands
# on a site of 10,000 associations in 100 banks with 1,000,000 job records
# (100 per user, realistic R), with and without the jobs(userid, t_inactive)
# and jobs(t_inactive) indexes that fetch-job-records creates:
#   view-job-records -u USER        one user's 100 jobs (target < 0.1 s with the index)
#   view-job-records -j ID          one job by primary key
#   view-job-records                all 1,000,000 (two passes; R counted once)
#   view-job-records -o 'sort:…'    all 1,000,000 sorted by SQLite's sorter: by a stored
#                                   column, by user name and by nodes (our SQL functions)
#   view-usage-report               one day of jobs; and all of them by bank
#   show-usage associations         the top 10 of 10,000
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/reports_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

db=$work/site.db
"$here/make_site_db.sh" "$db" 10000 100 >/dev/null
sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE j(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM j WHERE i + 1 < 1000000)
INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, project, bank,
                  requested_duration, actual_duration)
  SELECT 6787342413402046 + i, 100000 + i % 10000, 1767000000.0 + i * 0.37,
         1767000010.0 + i * 0.37, 1767003600.25 + i * 0.37, printf('%d-%d', i % 64, i % 64 + 3),
         printf('{"version": 1, "execution": {"R_lite": [{"rank": "%d-%d", "children": {"core": "0-47"}}], "starttime": %d.0, "expiration": %d.0, "nodelist": ["node[%d-%d]"]}}',
                i % 64, i % 64 + 3, 1767000010 + i, 1767003610 + i, i % 64, i % 64 + 3),
         '{"attributes": {"system": {"duration": 3600}}}',
         '*', printf('bank%04d', i % 100), 3600.0, 3590.25 + (i % 10) * 0.5 FROM j;
COMMIT;
SQL
echo "site: 10000 associations, 1000000 job records, $(du -h "$db" | cut -f1)"

run() {
  local label=$1
  shift
  printf '%-44s' "$label"
  "$bench" -n "${N:-5}" -w 1 -- "$FLUX_ACCOUNT" -p "$db" "$@"
}

for indexes in without with; do
  if [ $indexes = with ]; then
    sqlite3 "$db" "CREATE INDEX IF NOT EXISTS fluxacct_jobs_userid ON jobs (userid, t_inactive);
                   CREATE INDEX IF NOT EXISTS fluxacct_jobs_t_inactive ON jobs (t_inactive);"
  fi
  echo "-- $indexes the jobs indexes"
  run "view-job-records -u user004242" view-job-records -u user004242
  run "view-job-records -u user004242 -d '> 60'" view-job-records -u user004242 -d "> 60"
  run "view-job-records -j ID" view-job-records -j 6787342413902046
  run "view-usage-report (one day)" view-usage-report -s 1767100000 -e 1767186400
  N=3 run "view-usage-report -r bybank (all jobs)" view-usage-report -r bybank -s 0 -e now
done
N=3 run "view-job-records (1000000)" view-job-records
N=3 run "view-job-records -o 'sort:-t_run …' (1000000)" view-job-records -o "sort:-t_run {jobid} {t_run}"
N=3 run "view-job-records -o 'sort:username …' (1000000)" view-job-records -o "sort:username {jobid} {username}"
N=3 run "view-job-records -o 'sort:-nnodes …' (1000000)" view-job-records -o "sort:-nnodes {jobid} {nnodes}"
run "show-usage associations" show-usage associations
