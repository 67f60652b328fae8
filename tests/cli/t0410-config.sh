#!/bin/bash
# config_table: add-config, view-config, list-configs, delete-config.
. "$(dirname "$0")/lib.sh"

expect_ok create-db

# The seven keys create-db seeds, as upstream lists them.
expect_out config/list.txt list-configs
expect_out config/list-json.txt list-configs --json
expect_out config/list-format.txt list-configs -o "{key}->{value}"
expect_out config/list-fields.txt list-configs --fields=value,key
expect_fail "invalid fields: foo" list-configs --fields=key,foo

# add-config KEY=VALUE: exactly one "=", a new key.
expect_ok add-config foo=bar
expect_ok add-config "motd=jobs over 1 day need approval"
expect_ok add-config empty=
expect_eq "foo|bar motd|jobs over 1 day need approval empty|" \
  "$(sql "SELECT key, value FROM config_table WHERE rowid > 7 ORDER BY rowid" | tr '\n' ' ' | sed 's/ $//')"
expect_fail "UNIQUE constraint failed: config_table.key" add-config foo=baz
expect_fail "key foo already exists in config_table" add-config foo=baz
expect_fail "key decay_factor already exists in config_table" add-config decay_factor=0.3
expect_fail 'key-value string must contain exactly one "="' add-config bad=format=foo
expect_fail 'key-value string must contain exactly one "="' add-config foobar
expect_fail "has an empty key" add-config =bar
expect_fail "the following arguments are required: KEY=VALUE" add-config
expect_fail "unrecognized arguments: b=2" add-config a=1 b=2

# view-config KEY: a table by default, --json, -o.
expect_out config/view-foo.txt view-config foo
expect_out config/view-foo-json.txt view-config foo --json
expect_out config/view-foo-format.txt view-config foo -o "{key}->{value}"
expect_out config/view-decay-factor.txt view-config decay_factor
expect_fail "key nope not found in config_table" view-config nope
expect_fail "Invalid column name in format string: name" view-config foo -o "{name}"
expect_out config/list-added.txt list-configs

# delete-config KEY: the seven seeded keys are protected.
for key in priority_usage_reset_period priority_decay_half_life decay_factor \
  node_weight core_weight gpu_weight deny_unknown_queues; do
  expect_fail "key-value pair is not allowed to be removed from config_table" delete-config $key
done
expect_ok delete-config foo
expect_fail "key foo not found in config_table" view-config foo
expect_fail "key foo not found in config_table" delete-config foo
expect_ok delete-config empty
expect_eq 8 "$(sql "SELECT count(*) FROM config_table")" "rows after deleting two keys"

# The changes are committed (upstream relied on a later commit).
expect_eq "motd" "$(sql "SELECT key FROM config_table WHERE value LIKE 'jobs%'")"

# Known keys are checked by add-config as by edit-config; adding a key the
# usage settings need (here after a foreign tool removed it) stores it in
# seconds and re-bins usage.
sql "DELETE FROM config_table WHERE key = 'priority_decay_half_life'"
expect_fail "invalid Flux standard duration for priority_decay_half_life: '2 weeks'" \
  add-config "priority_decay_half_life=2 weeks"
expect_ok add-config priority_decay_half_life=14d
expect_eq 1209600 "$(sql "SELECT value FROM config_table WHERE key = 'priority_decay_half_life'")"
expect_eq 1767225600 "$(sql "SELECT value FROM config_table WHERE key = 'reconfigure_time'")"
sql "DELETE FROM config_table WHERE key = 'deny_unknown_queues'"
expect_fail "deny_unknown_queues must be 'true' or 'false', got 'yes'" add-config deny_unknown_queues=yes
expect_ok add-config deny_unknown_queues=True
expect_eq true "$(sql "SELECT value FROM config_table WHERE key = 'deny_unknown_queues'")"

sql "DELETE FROM config_table"
expect_fail "no results found in query" list-configs

finish
