#!/bin/bash
# create-db makes schema 38 with upstream's seed rows, and refuses to touch
# an existing file.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_eq 38 "$(sql 'PRAGMA user_version')" "user_version"
expect_eq "fairshare|100000 queue|10000 bank|0 urgency|1000" \
  "$(sql 'SELECT factor, weight FROM priority_factor_weight_table ORDER BY rowid' | tr '\n' ' ' | sed 's/ $//')" \
  "factor weights"
expect_eq "priority_usage_reset_period|2419200 priority_decay_half_life|604800 decay_factor|0.5 node_weight|1.0 core_weight|0.0 gpu_weight|0.0 deny_unknown_queues|false" \
  "$(sql 'SELECT key, value FROM config_table ORDER BY rowid' | tr '\n' ' ' | sed 's/ $//')" \
  "config rows"
expect_eq "1|*" "$(sql 'SELECT project_id, project FROM project_table')" "project *"
expect_eq "cluster|1767830400.0" "$(sql 'SELECT cluster, end_half_life_period FROM t_half_life_period_table')" \
  "end of first half-life period"

expect_fail "already exists" create-db

# The seeded rows are upstream's, value for value and type for type.
fixture=${FLUXACCT_SHARED_DIR:-}/fixtures/flux-accounting/test_dbs/FluxAccountingv0-60-0.db
if [ -r "$fixture" ]; then
  for q in "SELECT key, value, typeof(value) FROM config_table ORDER BY rowid" \
    "SELECT factor, weight, typeof(weight) FROM priority_factor_weight_table ORDER BY rowid" \
    "SELECT project_id, project, usage FROM project_table" \
    "SELECT cluster, typeof(end_half_life_period) FROM t_half_life_period_table"; do
    expect_eq "$(sqlite3 "$fixture" "$q")" "$(sql "$q")" "$q"
  done
else
  echo "note: $fixture not found; skipping the comparison with upstream's seed rows"
fi

# Durations are Flux Standard Durations.
DB="$WORK/custom.db"
expect_ok create-db --priority-usage-reset-period=14d --priority-decay-half-life 2d --decay-factor 0.25
expect_eq "1209600|172800|0.25" "$(sql "SELECT group_concat(value, '|') FROM (SELECT value FROM config_table WHERE key IN ('priority_usage_reset_period','priority_decay_half_life','decay_factor') ORDER BY rowid)")"

DB="$WORK/bad.db"
expect_fail "invalid Flux standard duration: '2 weeks'" create-db --priority-decay-half-life "2 weeks"
expect_fail "Value must be between 0.0 and 1.0, but got 1.5" create-db --decay-factor 1.5
expect_fail "Value must be between 0.0 and 1.0, but got 0.0" create-db --decay-factor 0
expect_fail "invalid float value: 'half'" create-db --decay-factor half
expect_fail "would give more than 1000 usage periods per association" \
  create-db --priority-decay-half-life 1s --priority-usage-reset-period 1d
expect_eq missing "$(checksum "$DB")" "no file after a failed create-db"

# Parent directories are created.
DB="$WORK/a/b/c.db"
expect_ok create-db
expect_eq 38 "$(sql 'PRAGMA user_version')"

finish
