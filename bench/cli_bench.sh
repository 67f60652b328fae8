#!/bin/bash
# cli_bench.sh [BUILD_DIR]: whole-process timings of flux-account on a site
# with 100,000 associations in 1,000 banks (issue #2's targets):
#   view-user, add-user     median wall time per process   (target < 5 ms)
#   list-users --json       wall time and peak memory for all 100,000 rows
#                           (target < 1 s; memory flat in the row count,
#                           shown by the same run on a 10,000-row site)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

db=$work/site.db
"$here/make_site_db.sh" "$db" 100000 1000
small=$work/small.db
"$here/make_site_db.sh" "$small" 10000 1000

echo "site: 100000 associations, 1000 banks ($(du -h "$db" | cut -f1))"
echo -n "view-user user050000:           "
"$bench" -n 50 -- "$FLUX_ACCOUNT" -p "$db" view-user user050000
echo -n "add-user (new association):     "
"$bench" -n 50 --setup "sqlite3 $db \"DELETE FROM association_table WHERE username='newuser'; DELETE FROM job_usage_factor_table WHERE username='newuser'; DELETE FROM job_usage_per_association_table WHERE username='newuser'\"" \
  -- "$FLUX_ACCOUNT" -p "$db" add-user -u newuser -B bank0500
echo -n "list-users --json (100000 rows): "
"$bench" -n 5 --stdout "$work/list.json" -- "$FLUX_ACCOUNT" -p "$db" list-users --json
echo "  output: $(grep -c '"username"' "$work/list.json") rows, $(du -h "$work/list.json" | cut -f1)"
echo -n "list-users --json (10000 rows):  "
"$bench" -n 5 -- "$FLUX_ACCOUNT" -p "$small" list-users --json
echo -n "list-users table (100000 rows):  "
"$bench" -n 5 -- "$FLUX_ACCOUNT" -p "$db" list-users
