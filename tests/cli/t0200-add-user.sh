#!/bin/bash
# add-user: upstream's checks in upstream's order and words, defaults, the
# default bank and project rules, usage rows, reactivation, and (our fix)
# numeric validation. Every refusal leaves the database as it was.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-bank B 1 --parent-bank root
sql "INSERT INTO queue_table (queue) VALUES ('gold'), ('golden'), ('silver')"
sql "INSERT INTO project_table (project) VALUES ('p1'), ('p2')"

# Defaults, as view-user shows them.
expect_ok add-user -u alice -i 5001 -B A
expect_out users/add-user-defaults.json view-user alice

# The usage rows: one factor row, one zero bin per period (4 weeks / 1 week).
expect_eq "alice|5001|A|0.0" "$(sql 'SELECT * FROM job_usage_factor_table')" "factor row"
expect_eq "alice|5001|A|0|0.0 alice|5001|A|1|0.0 alice|5001|A|2|0.0 alice|5001|A|3|0.0" \
  "$(sql 'SELECT * FROM job_usage_per_association_table ORDER BY period' | tr '\n' ' ' | sed 's/ $//')" \
  "four zero bins"

# Every option, long and short, and abbreviations (--queue, --project).
expect_ok add-user --username=bob --userid 5002 --bank=B --shares 10 --fairshare 0.25 \
  --max-running-jobs 3 --max-active-jobs 4 -N 2 -c 16 --queue=gold,silver --project=p2,p1 \
  --max-sched-jobs 9
expect_eq "bob|5002|B|B|10|0.25|3|4|2|16|gold,silver|p2,p1,*|p2|9" \
  "$(sql "SELECT username, userid, bank, default_bank, shares, fairshare, max_running_jobs,
          max_active_jobs, max_nodes, max_cores, queues, projects, default_project,
          max_sched_jobs FROM association_table WHERE username = 'bob'")" "bob's row"
expect_eq "integer|real|integer|integer" \
  "$(sql "SELECT typeof(shares), typeof(fairshare), typeof(max_nodes), typeof(userid)
          FROM association_table WHERE username = 'bob'")" "numbers stored as numbers"

# "unlimited" (any case) is 2147483647 for the limits.
expect_ok add-user -u carol -i 5003 -B A --max-running-jobs UNLIMITED --max-nodes unlimited
expect_eq "2147483647|2147483647" \
  "$(sql "SELECT max_running_jobs, max_nodes FROM association_table WHERE username = 'carol'")"

# A second bank keeps the first one as the default bank.
expect_ok add-user -u alice -i 5001 -B B
expect_eq "A|A" "$(sql "SELECT group_concat(default_bank, '|') FROM association_table WHERE username = 'alice'")" \
  "default bank of both rows"

# Default project: the first listed project; a named default is appended.
expect_ok add-user -u dave -i 5004 -B A -P p1,p2
expect_eq "p1,p2,*|p1" "$(sql "SELECT projects, default_project FROM association_table WHERE username = 'dave'")"
expect_ok add-user -u erin -i 5005 -B A --default-project p2
expect_eq "*,p2|p2" "$(sql "SELECT projects, default_project FROM association_table WHERE username = 'erin'")"
expect_ok add-user -u frank -i 5006 -B A -P p1 --default-project p2
expect_eq "p1,*,p2|p2" "$(sql "SELECT projects, default_project FROM association_table WHERE username = 'frank'")"
expect_ok add-user -u gina -i 5007 -B A -P 'p1,*'
expect_eq "p1,*" "$(sql "SELECT projects FROM association_table WHERE username = 'gina'")" \
  "* is not appended twice"

# userid: from the password database (root is 0), else Flux's unknown user.
expect_ok add-user -u root -B A
expect_eq 0 "$(sql "SELECT userid FROM association_table WHERE username = 'root'")" "root's uid"
expect_ok add-user -u no-such-user-here -B A
expect_eq 4294967295 "$(sql "SELECT userid FROM association_table WHERE username = 'no-such-user-here'")"
expect_ok add-user -u zero -i 0 -B A
expect_eq 0 "$(sql "SELECT userid FROM association_table WHERE username = 'zero'")"

# Names are stored as given: quotes, semicolons, spaces, non-ASCII.
weird="o'brien\"; DROP TABLE bank_table; -- é"
expect_ok add-user -u "$weird" -i 5008 -B A
expect_eq "$weird|A" "$(sql "SELECT username, bank FROM association_table WHERE userid = 5008")" \
  "odd username stored verbatim"
expect_eq 3 "$(sql 'SELECT count(*) FROM bank_table')" "bank_table still there"

# Upstream's checks, in order.
expect_fail "association alice,A already active in association_table" add-user -u alice -B A
expect_fail "associations cannot be added to the same parent bank as a sub-bank" add-user -u zed -B root
expect_fail "Bank nope does not exist in bank_table" add-user -u zed -B nope
expect_fail "queue bronze does not exist in queue_table" add-user -u zed -B A -q gold,bronze
expect_fail "queue  does not exist in queue_table" add-user -u zed -B A -q gold,
expect_fail "project p9 does not exist in project_table" add-user -u zed -B A -P p1,p9
expect_fail "project p9 does not exist in project_table" add-user -u zed -B A --default-project p9
# The first failing check wins: an active association is reported before a bad bank.
expect_fail "association alice,A already active" add-user -u alice -B A -q bronze

# Option errors (argparse's words, exit status 2).
expect_fail "the following arguments are required: -u/--username, -B/--bank" add-user
expect_fail "the following arguments are required: -B/--bank" add-user -u zed
expect_fail "argument --fairshare: invalid float value: 'half'" add-user -u zed -B A --fairshare half
expect_fail "unrecognized arguments: --foo=1" add-user -u zed -B A --foo=1
fa add-user -u zed -B A --foo=1 2>/dev/null
expect_eq 2 $? "exit status of an option error"

# Numeric validation (upstream stores any text).
expect_fail "--shares must be a non-negative integer: 'abc'" add-user -u zed -B A --shares abc
expect_fail "--shares must be a non-negative integer: '-1'" add-user -u zed -B A --shares=-1
expect_fail "--shares must be a non-negative integer: '1.5'" add-user -u zed -B A --shares 1.5
expect_fail "--shares must be at most 2147483647: '2147483648'" add-user -u zed -B A --shares 2147483648
expect_fail "--fairshare must be a number from 0 to 1: '1.5'" add-user -u zed -B A --fairshare 1.5
expect_fail "--fairshare must be a number from 0 to 1: 'nan'" add-user -u zed -B A --fairshare nan
expect_fail "--max-running-jobs must be a non-negative integer or \"unlimited\": 'lots'" \
  add-user -u zed -B A --max-running-jobs lots
expect_fail "--max-active-jobs must be a non-negative integer or \"unlimited\": '-3'" \
  add-user -u zed -B A --max-active-jobs=-3
expect_fail "--max-nodes must be a non-negative integer or \"unlimited\": 'abc'" add-user -u zed -B A -N abc
expect_fail "--max-cores must be at most 2147483647 (or \"unlimited\"): '99999999999'" \
  add-user -u zed -B A -c 99999999999
expect_fail "--max-sched-jobs must be a non-negative integer or \"unlimited\": '1e3'" \
  add-user -u zed -B A --max-sched-jobs 1e3
expect_fail "--userid must be an integer from 0 to 4294967295: 'bob'" add-user -u zed -B A -i bob
expect_fail "--userid must be an integer from 0 to 4294967295: '4294967296'" add-user -u zed -B A -i 4294967296
expect_fail "--userid must be an integer from 0 to 4294967295: '-1'" add-user -u zed -B A -i=-1
expect_fail "--username must not be empty" add-user -u "" -B A
expect_fail "--default-project takes one project name: 'p1,p2'" add-user -u zed -B A --default-project p1,p2

# Reactivation: a disabled association comes back as it was; other values
# given are ignored (upstream), mod_time records the change.
expect_ok delete-user bob B
expect_eq 0 "$(sql "SELECT active FROM association_table WHERE username = 'bob'")"
FLUXACCT_NOW=1767300000 expect_ok add-user -u bob -B B --shares 99 -q nonexistent
expect_eq "1|10|gold,silver|1767300000" \
  "$(sql "SELECT active, shares, queues, mod_time FROM association_table WHERE username = 'bob'")" \
  "reactivated, values kept"
# ... but a bank with sub-banks is refused even then (upstream's order).
sql "INSERT INTO association_table (creation_time, username, bank, default_bank, active)
     VALUES (1, 'old', 'root', 'root', 0)"
expect_fail "associations cannot be added to the same parent bank as a sub-bank" add-user -u old -B root

# The bin count follows the config: ceil(reset / half-life); 4 when unset.
DB="$WORK/bins.db"
expect_ok create-db --priority-usage-reset-period 10d --priority-decay-half-life 3d
expect_ok add-bank root 1
expect_ok add-user -u u1 -i 1 -B root
expect_eq 4 "$(sql 'SELECT count(*) FROM job_usage_per_association_table')" "ceil(10/3) bins"
sql "UPDATE config_table SET value = '86400' WHERE key = 'priority_decay_half_life'"
expect_ok add-user -u u2 -i 2 -B root
expect_eq 10 "$(sql "SELECT count(*) FROM job_usage_per_association_table WHERE username = 'u2'")" "10 bins"
sql "DELETE FROM config_table WHERE key = 'priority_decay_half_life'"
expect_ok add-user -u u3 -i 3 -B root
expect_eq 4 "$(sql "SELECT count(*) FROM job_usage_per_association_table WHERE username = 'u3'")" \
  "fallback of 4 bins"

# Re-adding after a forced delete keeps the old usage rows, with the new userid.
sql "UPDATE job_usage_per_association_table SET value = 7.5 WHERE username = 'u1' AND period = 0"
expect_ok delete-user u1 root --force
expect_ok add-user -u u1 -i 11 -B root
expect_eq "11|7.5" "$(sql "SELECT userid, value FROM job_usage_per_association_table WHERE username = 'u1' AND period = 0")"
expect_eq 11 "$(sql "SELECT userid FROM job_usage_factor_table WHERE username = 'u1'")"

# Refusals on a missing database.
DB="$WORK/missing.db"
expect_fail "Database file does not exist" add-user -u a -B b

finish
