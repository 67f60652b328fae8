#!/bin/bash
# update-usage finds candidate job records either by one index seek per user
# or in one range of end times, whichever reads less (-v says which). Every
# way must charge each job exactly once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/usage_lib.sh"

NOW0=$FLUXACCT_NOW
T0=$((NOW0 + 10000))
fa create-db
fa add-bank root 1
fa add-bank F 1 --parent-bank root
fa add-bank G 1 --parent-bank root
for i in 1 2 3 4 5 6 7; do fa add-user -u s$i -i $((6000 + i)) -B G; done
for i in 1 2 3 4 5 6 7 8 9; do fa add-user -u a$i -i $((7000 + i)) -B F; done
plan() { grep -o "INFO: read .*" "$WORK/log"; }

# ---- every threshold is 0 and there are many records: one seek per user
id=1
for i in 1 2 3 4 5 6 7 8 9; do
  for n in $(seq 29 -1 0); do  # 30 one-second jobs, the last ending at T0
    job $id $((7000 + i)) F $((T0 - 10 * n - 1)) $((T0 - 10 * n)) 0
    id=$((id + 1))
  done
done
at $((T0 + 100)) update-usage -v 2>"$WORK/log" && pass || fail "update-usage"
expect_eq "INFO: read 270 job records: 16 users by an index seek each, 0 in one range of end times" \
  "$(plan)" "first run: seeks"
expect_eq 30.0 "$(usage a1 F)" "a1"
expect_eq 30.0 "$(usage a9 F)" "a9"
expect_eq 270.0 "$(bank_usage F)" "bank F"

# ---- both: the seven idle users (threshold 0) and one of the nine whose
# threshold is T0 seek; the other eight share the range after T0
for i in 1 2 3 4 5 6 7 8 9; do
  job $id $((7000 + i)) F $((T0 + 40)) $((T0 + 50)) 0  # 10 s each
  id=$((id + 1))
done
at $((T0 + 100)) update-usage -v 2>"$WORK/log" && pass || fail "update-usage, mixed"
expect_eq "INFO: read 9 job records: 8 users by an index seek each, 8 in one range of end times" \
  "$(plan)" "seeks for the idle users, a range for the busy ones"
for i in 1 2 3 4 5 6 7 8 9; do
  expect_eq 40.0 "$(usage a$i F)" "a$i charged once"
done
expect_eq 0.0 "$(usage s1 G)" "s1"

# ---- every threshold recent, one new job each: all in one range
fa edit-bank G --ignore-older-than $((T0 + 55))
for u in 6001 6002 6003 6004 6005 6006 6007 7001 7002 7003 7004 7005 7006 7007 7008 7009; do
  bank=F
  [ $u -lt 7000 ] && bank=G
  job $id $u $bank $((T0 + 69)) $((T0 + 70)) 0
  id=$((id + 1))
done
at $((T0 + 100)) update-usage -v 2>"$WORK/log" && pass || fail "update-usage, range"
expect_eq "INFO: read 16 job records: 0 users by an index seek each, 16 in one range of end times" \
  "$(plan)" "one range"
expect_eq 41.0 "$(usage a1 F)" "a1"
expect_eq 1.0 "$(usage s7 G)" "s7"

# ---- a long history after everyone's threshold, all one user's: seeks again
for n in $(seq 1 300); do
  job $id 6001 G $((T0 + 79)) $((T0 + 80)) 0
  id=$((id + 1))
done
at $((T0 + 100)) update-usage -v 2>"$WORK/log" && pass || fail "update-usage, seeks"
expect_eq "INFO: read 300 job records: 16 users by an index seek each, 0 in one range of end times" \
  "$(plan)" "one seek per user"
expect_eq 301.0 "$(usage s1 G)" "s1's 300 jobs"
expect_eq 41.0 "$(usage a1 F)" "a1 unchanged"
expect_eq 369.0 "$(bank_usage F)" "bank F"
expect_eq 307.0 "$(bank_usage G)" "bank G"

# ---- without the jobs indexes (a database upstream's tools wrote) they are created
sql "DROP INDEX fluxacct_jobs_userid; DROP INDEX fluxacct_jobs_t_inactive"
at $((T0 + 100)) update-usage && pass || fail "update-usage without indexes"
expect_eq 2 "$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'fluxacct_jobs_%'")" \
  "indexes created"
expect_eq 369.0 "$(bank_usage F)" "nothing charged twice"
finish
