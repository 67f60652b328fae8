#!/bin/bash
# queues_bench.sh [BUILD_DIR]: whole-process timings of the queue and
# project commands on a site with 100,000 associations in 1,000 banks, 50
# queues and 200 projects (associations list queues and projects, so the
# tables the commands touch sit in a realistically large file).
# Target: median under 5 ms per command.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

db=$work/site.db
"$here/make_site_db.sh" "$db" 100000 1000
sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE q(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM q WHERE i + 1 < 50)
INSERT INTO queue_table (queue, priority, max_running_jobs) SELECT printf('queue%02d', i), i * 10, 10 + i FROM q;
WITH RECURSIVE p(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM p WHERE i + 1 < 200)
INSERT INTO project_table (project) SELECT printf('project%03d', i) FROM p;
UPDATE association_table SET queues = printf('queue%02d,queue%02d', rowid % 50, (rowid + 7) % 50),
                             projects = printf('project%03d,*', rowid % 200),
                             default_project = printf('project%03d', rowid % 200);
COMMIT;
SQL

run() {
  local label=$1
  shift
  printf '%-34s' "$label"
  "$bench" -n 50 "$@"
}

echo "site: 100000 associations, 1000 banks, 50 queues, 200 projects ($(du -h "$db" | cut -f1))"
run "view-queue queue25:" -- "$FLUX_ACCOUNT" -p "$db" view-queue queue25
run "add-queue (new queue, 3 options):" \
  --setup "sqlite3 $db \"DELETE FROM queue_table WHERE queue = 'newqueue'\"" \
  -- "$FLUX_ACCOUNT" -p "$db" add-queue newqueue -P 100 --max-running-jobs 20 -msn 64
run "edit-queue queue25 (2 options):" -- "$FLUX_ACCOUNT" -p "$db" edit-queue queue25 -P 7 -t 120
run "list-queues (50 rows):" -- "$FLUX_ACCOUNT" -p "$db" list-queues
run "view-project project100:" -- "$FLUX_ACCOUNT" -p "$db" view-project project100
run "add-project (new project):" \
  --setup "sqlite3 $db \"DELETE FROM project_table WHERE project = 'newproject'\"" \
  -- "$FLUX_ACCOUNT" -p "$db" add-project newproject
run "delete-queue (100000-row scan):" \
  --setup "sqlite3 $db \"INSERT OR IGNORE INTO queue_table (queue) VALUES ('gone')\"" \
  -- "$FLUX_ACCOUNT" -p "$db" delete-queue gone
