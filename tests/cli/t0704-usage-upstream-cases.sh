#!/bin/bash
# Upstream's usage tests replayed through the command line, on their clock
# (seconds from 0): t1019 (re-binning to other periods and another decay
# factor) and t1023 (resource weights, with clear-usage between cases).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/usage_lib.sh"

# ---- t1019: 15-minute periods over an hour, then 400 s over 1200 s
at 0 create-db --priority-decay-half-life=15m --priority-usage-reset-period=1h
at 0 add-bank root 1
at 0 add-bank A 1 --parent-bank root
at 0 add-user -u user1 -i 50001 -B A
job 1 50001 A 499 599 0 0-3 0  # 1 node, 100 s
at 600 update-usage && pass || fail "update-usage at 600"
expect_eq 100.0 "$(usage user1 A)" "t1019 test_01"
expect_eq 100.0,0.0,0.0,0.0 "$(bins user1 A)" "t1019 test_01 bins"

at 1600 edit-config priority_usage_reset_period=1200s priority_decay_half_life=400s
expect_eq 0.0,0.0,0.0 "$(bins user1 A)" "t1019 test_02: three empty bins"
expect_eq 0.0 "$(usage user1 A)" "t1019 test_02: usage cleared"

job 2 50001 A 2300 2400 0 0-3 0
at 2500 update-usage && pass || fail "update-usage at 2500"
expect_eq 100.0 "$(usage user1 A)" "t1019 test_03: only the job after the re-bin"
expect_eq 100.0,0.0,0.0 "$(bins user1 A)" "t1019 test_03 bins"
expect_eq 2800.0 "$(period_end)" "periods of 400 s from the re-bin at 1600"

at 2600 edit-config decay_factor=0.1
job 3 50001 A 2100 3100 0 0-3 0  # 1000 s
at 3200 update-usage && pass || fail "update-usage at 3200"
expect_eq 1000.0 "$(usage user1 A)" "t1019 test_05"
expect_eq 1000.0,0.0,0.0 "$(bins user1 A)" "t1019 test_05 bins"
at 3600 update-usage && pass || fail "update-usage at 3600"
expect_eq 100.0 "$(usage user1 A)" "t1019 test_06: decayed by 0.1"
expect_eq 0.0,100.0,0.0 "$(bins user1 A)" "t1019 test_06 bins"

# ---- t1023: weights; the period end set to 0 as upstream's test does
rm -f "$DB"
at 0 create-db --priority-decay-half-life=15m --priority-usage-reset-period=1h
sql "UPDATE t_half_life_period_table SET end_half_life_period = 0"
at 0 add-bank root 1
at 0 add-bank A 1 --parent-bank root
at 0 add-user -u user1 -i 50001 -B A
job 1 50001 A 499 599 0 0-3 0  # 1 node, 4 cores, 1 GPU, 100 s
at 600 update-usage && pass || fail "t1023 update-usage"
expect_eq 100.0 "$(usage user1 A)" "t1023 test_01: node-seconds by default"

next_case() {  # TIME WEIGHTS...: a fresh start, then new weights
  local t=$1
  shift
  sql "DELETE FROM jobs"
  at "$t" clear-usage A --ignore-older-than 0
  at "$t" edit-config "$@"
}
next_case 1200 core_weight=1.0
job 2 50001 A 1099 1199 0 0-3
at 1200 update-usage && pass || fail "t1023 test_02"
expect_eq 500.0 "$(usage user1 A)" "t1023 test_02: (1 + 4 cores) x 100"
next_case 2400 node_weight=1.0 core_weight=0.0 gpu_weight=10.0
job 3 50001 A 2299 2399 0 0-3 0-1
at 2400 update-usage && pass || fail "t1023 test_03"
expect_eq 2100.0 "$(usage user1 A)" "t1023 test_03: (1 + 2 GPUs x 10) x 100"
next_case 3600 node_weight=1.0 core_weight=0.5 gpu_weight=5.0
job 4 50001 A 3499 3599 0 0-7 0-1
at 3600 update-usage && pass || fail "t1023 test_04"
expect_eq 1500.0 "$(usage user1 A)" "t1023 test_04: (1 + 8 x 0.5 + 2 x 5) x 100"
# test_07: a weight missing from config_table falls back to its default
sql "DELETE FROM config_table WHERE key = 'node_weight'"
next_case 3700 core_weight=0.0 gpu_weight=0.0
job 5 50001 A 3599 3699 0 0-3
at 3700 update-usage && pass || fail "t1023 test_07"
expect_eq 100.0 "$(usage user1 A)" "t1023 test_07: node_weight 1.0 by default"
finish
