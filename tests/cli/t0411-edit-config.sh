#!/bin/bash
# edit-config K=V [K=V ...]: every known key's value is checked and stored in
# one form; any bad pair leaves the whole database as it was.
. "$(dirname "$0")/lib.sh"

value() { sql "SELECT value FROM config_table WHERE key = '$1'"; }

expect_ok create-db
expect_ok add-config key1=value1
expect_ok add-config key2=value2

# Free-text keys, several at once.
expect_ok edit-config key1=foo1 key2=foo2
expect_eq "foo1 foo2" "$(value key1) $(value key2)"
expect_ok edit-config "key1=two words" key2=
expect_eq "two words|" "$(value key1)|$(value key2)"

# Resource weights: non-negative floats, stored as Python prints them.
expect_ok edit-config node_weight=2 core_weight=0.5 gpu_weight=1e1
expect_eq "2.0 0.5 10.0" "$(value node_weight) $(value core_weight) $(value gpu_weight)"
expect_fail "node_weight must be a non-negative floating-point value, got 'foo'" edit-config node_weight=foo
expect_fail "gpu_weight must be a non-negative floating-point value, got '-1'" edit-config gpu_weight=-1
expect_fail "core_weight must be a non-negative floating-point value, got 'nan'" edit-config core_weight=nan
expect_fail "core_weight must be a non-negative floating-point value, got 'inf'" edit-config core_weight=inf

# deny_unknown_queues: true or false in any case, stored in lower case.
expect_ok edit-config deny_unknown_queues=True
expect_eq true "$(value deny_unknown_queues)"
expect_ok edit-config deny_unknown_queues=FALSE
expect_eq false "$(value deny_unknown_queues)"
expect_fail "deny_unknown_queues must be 'true' or 'false', got 'yes'" edit-config deny_unknown_queues=yes
expect_fail "deny_unknown_queues must be 'true' or 'false', got '1'" edit-config deny_unknown_queues=1

# decay_factor: strictly between 0 and 1, as create-db requires.
expect_ok edit-config decay_factor=0.9
expect_eq 0.9 "$(value decay_factor)"
for bad in 0 1 -0.1 1.1 foo; do
  expect_fail "decay_factor must be a floating-point value between 0 and 1 (exclusive), got '$bad'" \
    edit-config decay_factor=$bad
done

# The periods: Flux Standard Durations, stored in seconds as create-db writes
# them (upstream writes 900.0; both read back as the same number).
expect_ok edit-config priority_decay_half_life=15m priority_usage_reset_period=1h
expect_eq "900 3600" "$(value priority_decay_half_life) $(value priority_usage_reset_period)"
expect_ok edit-config priority_usage_reset_period=1234
expect_eq 1234 "$(value priority_usage_reset_period)"
expect_ok edit-config priority_decay_half_life=0.5s priority_usage_reset_period=100
expect_eq 0.5 "$(value priority_decay_half_life)"
expect_fail "invalid Flux standard duration for priority_usage_reset_period: 'foo'" \
  edit-config priority_usage_reset_period=foo
expect_fail "invalid Flux standard duration for priority_decay_half_life: '1w'" \
  edit-config priority_decay_half_life=1w
expect_fail "priority_decay_half_life must be greater than 0, got '0'" edit-config priority_decay_half_life=0
expect_fail "priority_usage_reset_period must be greater than 0, got '0s'" \
  edit-config priority_usage_reset_period=0s
expect_fail "priority_decay_half_life must be finite, got 'inf'" edit-config priority_decay_half_life=inf
# More than 1000 usage periods per association is refused.
expect_fail "priority_usage_reset_period / priority_decay_half_life = 2419200 / 1 would give 2419200 usage periods per association; at most 1000 are allowed" \
  edit-config priority_usage_reset_period=28d priority_decay_half_life=1s
expect_ok edit-config priority_usage_reset_period=1000 priority_decay_half_life=1
expect_ok edit-config priority_usage_reset_period=28d priority_decay_half_life=7d

# reconfigure_time, written by re-binning, must stay a number.
expect_ok edit-config reconfigure_time=1767225000
expect_eq 1767225000 "$(value reconfigure_time)"
expect_fail "reconfigure_time must be a non-negative number of seconds since the epoch, got 'yesterday'" \
  edit-config reconfigure_time=yesterday

# Unknown keys and malformed pairs.
expect_fail "key i_dont_exist not found in config_table" edit-config i_dont_exist=foo
expect_fail 'key-value string must contain exactly one "="' edit-config key1
expect_fail 'key-value string must contain exactly one "="' edit-config key1=a=b
expect_fail "the following arguments are required: KEY=VALUE" edit-config

# One transaction: when any pair is bad, nothing is written - not the good
# pairs before it, not a re-bin.
expect_fail "key nope not found in config_table" edit-config key1=changed nope=1
expect_fail "decay_factor must be a floating-point value between 0 and 1" \
  edit-config priority_decay_half_life=1d decay_factor=2
expect_fail "node_weight must be a non-negative floating-point value" \
  edit-config key1=changed node_weight=x key2=changed
expect_fail 'key-value string must contain exactly one "="' edit-config key1=changed key2
expect_eq "two words" "$(value key1)"

finish
