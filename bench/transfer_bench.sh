#!/bin/bash
# transfer_bench.sh [BUILD_DIR]: whole-process timings of the import/export
# commands:
#   pop-db -c association_table.csv   100,000 rows into a fresh database,
#                                     with their usage-tracking rows (target < 2 s)
#   export-db                         a database with 1,000,000 job records
#                                     (target < 5 s; peak memory flat in the
#                                     row count: compare the 100,000-job run)
#   pop-db -d                         the 1,000,000-job export loaded back
#   export-json                       100,000 associations
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/transfer_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A site of 100,000 associations; its association_table.csv is the input.
site=$work/site.db
"$here/make_site_db.sh" "$site" 100000 1000
"$FLUX_ACCOUNT" -p "$site" export-db -d "$work/site"
csv=$work/site/association_table.csv
echo "association_table.csv: $(($(wc -l <"$csv") - 1)) rows, $(du -h "$csv" | cut -f1)"

fresh=$work/fresh.db
echo -n "pop-db -c (100000 associations):   "
"$bench" -n 5 -w 1 --setup "rm -f $fresh && $FLUX_ACCOUNT -p $fresh create-db" \
  -- "$FLUX_ACCOUNT" -p "$fresh" pop-db -c "$csv"
echo "  rows: $(sqlite3 "$fresh" 'SELECT count(*) FROM association_table') associations," \
  "$(sqlite3 "$fresh" 'SELECT count(*) FROM job_usage_per_association_table') usage bins"

echo -n "export-json (100000 associations): "
"$bench" -n 5 -- "$FLUX_ACCOUNT" -p "$site" export-json

# jobs DB N: a site database plus N job records with realistic R and jobspec.
make_jobs_db() {
  local db=$1 n=$2
  cp "$site" "$db"
  sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE j(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM j WHERE i + 1 < $n)
INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, project, bank,
                  requested_duration, actual_duration)
  SELECT 1000000000 + i, 100000 + i % 100000, 1767000000.0 + i * 0.37, 1767000010.0 + i * 0.37,
         1767003600.25 + i * 0.37, printf('%d-%d', i % 64, i % 64 + 3),
         printf('{"version": 1, "execution": {"R_lite": [{"rank": "%d-%d", "children": {"core": "0-47"}}], "starttime": %d.0, "expiration": %d.0, "nodelist": ["node[%d-%d]"]}}',
                i % 64, i % 64 + 3, 1767000010 + i, 1767003610 + i, i % 64, i % 64 + 3),
         printf('{"resources": [{"type": "node", "count": 4}], "tasks": [{"command": ["app", "--in", "run%d.dat"]}], "attributes": {"system": {"duration": 3600, "bank": "bank%04d", "cwd": "/home/u%d"}}}',
                i, i % 1000, i % 100000),
         '*', printf('bank%04d', i % 1000), 3600.0, 3590.25 + (i % 10) * 0.5 FROM j;
COMMIT;
SQL
}

big=$work/jobs1m.db
small=$work/jobs100k.db
make_jobs_db "$big" 1000000
make_jobs_db "$small" 100000
echo "jobs database: 1000000 job records, $(du -h "$big" | cut -f1)"

echo -n "export-db (1000000 jobs):          "
"$bench" -n 3 -w 1 --setup "rm -rf $work/out1m" -- "$FLUX_ACCOUNT" -p "$big" export-db -d "$work/out1m"
echo "  jobs.csv: $(du -h "$work/out1m/jobs.csv" | cut -f1)"
echo -n "export-db (100000 jobs):           "
"$bench" -n 3 -w 1 --setup "rm -rf $work/out100k" -- "$FLUX_ACCOUNT" -p "$small" export-db -d "$work/out100k"

echo -n "pop-db -d (1000000 jobs):          "
"$bench" -n 1 -w 0 --setup "rm -f $fresh && $FLUX_ACCOUNT -p $fresh create-db" \
  -- "$FLUX_ACCOUNT" -p "$fresh" pop-db -d "$work/out1m"
