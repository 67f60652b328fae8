#!/bin/bash
# config_bench.sh [BUILD_DIR]: whole-process timings of the priority-factor
# and config commands on a site with 100,000 associations in 1,000 banks:
#   view-factor, edit-factor, list-factors, view-config,
#   edit-config of a non-period key, list-configs   median per process (target < 5 ms)
#   edit-config of the half-life                    re-bins all 100,000 associations
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
export FLUX_ACCOUNT=$build/flux-account
bench=$build/bench/proc_bench
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

db=$work/site.db
"$here/make_site_db.sh" "$db" 100000 1000
fa=("$FLUX_ACCOUNT" -p "$db")

echo "site: 100000 associations, 1000 banks, 4 usage bins each ($(du -h "$db" | cut -f1))"
echo -n "view-factor fairshare:             "
"$bench" -n 50 -- "${fa[@]}" view-factor fairshare
echo -n "edit-factor --factor=bank:         "
"$bench" -n 50 -- "${fa[@]}" edit-factor --factor=bank --weight=10
echo -n "list-factors:                      "
"$bench" -n 50 -- "${fa[@]}" list-factors
echo -n "view-config decay_factor:          "
"$bench" -n 50 -- "${fa[@]}" view-config decay_factor
echo -n "edit-config node_weight=2:         "
"$bench" -n 50 -- "${fa[@]}" edit-config node_weight=2
echo -n "list-configs:                      "
"$bench" -n 50 -- "${fa[@]}" list-configs

# Each timed run must change the half-life (writing the same value again does
# not re-bin), so an untimed setup puts back the site's 7-day half-life and
# its four bins per association first.
restore="sqlite3 $db \"BEGIN;
  UPDATE config_table SET value = '604800' WHERE key = 'priority_decay_half_life';
  DELETE FROM job_usage_per_association_table WHERE period >= 4;
  WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < 3)
  INSERT OR IGNORE INTO job_usage_per_association_table (username, userid, bank, period, value)
    SELECT username, userid, bank, n, 1.5 FROM association_table, p;
  UPDATE association_table SET job_usage = 42.0;
  COMMIT\""
echo -n "edit-config half-life 7d->14d (4->2 bins x 100000):  "
"$bench" -n 5 --setup "$restore" -- "${fa[@]}" edit-config priority_decay_half_life=14d
echo -n "edit-config half-life 7d->3.5d (4->8 bins x 100000): "
"$bench" -n 5 --setup "$restore" -- "${fa[@]}" edit-config priority_decay_half_life=3.5d
echo -n "edit-config decay_factor (4->4 bins x 100000):       "
"$bench" -n 5 --setup "$restore; sqlite3 $db \"UPDATE config_table SET value = '0.5' WHERE key = 'decay_factor'\"" \
  -- "${fa[@]}" edit-config decay_factor=0.25
echo "  after: $(sqlite3 "$db" "SELECT count(*) FROM job_usage_per_association_table") bins," \
  "usage $(sqlite3 "$db" "SELECT total(job_usage) FROM association_table")"
