#!/bin/bash
# pop-db -c: one CSV file with a header into the table it is named after.
# Empty cells take the column's default, "" is the empty string; every cell
# is type-checked; required columns, duplicate keys and malformed CSV are
# refused with file:line; -f picks columns by name and reads each value from
# its own column (upstream shifts them, §6.3 #28); seeded and usage tables
# are upserted; everything happens in one transaction.
. "$(dirname "$0")/lib.sh"

D=$WORK/in
mkdir -p "$D"
# csv NAME LINE...: writes $D/NAME.csv with CRLF line ends.
csv() {
  local name=$1
  shift
  printf '%s\r\n' "$@" >"$D/$name.csv"
}

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root

# bank_table without ids: ids and the other columns come from the schema.
csv bank_table 'bank,parent_bank,shares,priority' 'B,root,2,' 'C,root,3,1.5'
expect_ok pop-db -c "$D/bank_table.csv"
expect_eq "" "$(cat "$WORK/out" "$WORK/err")" "quiet"
expect_eq "3|B|1|root|2|0.0|0.0|0 4|C|1|root|3|0.0|1.5|0" \
  "$(sql "SELECT * FROM bank_table WHERE bank_id > 2" | tr '\n' ' ' | sed 's/ $//')" "banks"
csv bank_table 'bank,parent_bank,shares' 'B,root,2'
expect_fail "bank_table.csv:2: bank 'B' already exists in bank_table" pop-db -c "$D/bank_table.csv"
csv bank_table 'bank_id,bank,parent_bank,shares' '4,D,root,2'
expect_fail "bank_table.csv:2: bank_table already has a row with bank_id 4" \
  pop-db -c "$D/bank_table.csv"

# Associations: defaults for what the file leaves out or leaves empty, ""
# for the empty string, and the usage-tracking rows add-user would create.
csv association_table \
  'creation_time,username,userid,bank,default_bank,shares,projects,default_project' \
  '1767225600,alice,5001,A,A,,,' \
  '1767225600,bob,5002,B,B,4,"",""' \
  '1767225600,"o,brien",5003,C,C,2,"p,*",*'
expect_ok pop-db --csv-file="$D/association_table.csv"
expect_eq "alice|5001|A|1|*|*|0|1|5|2147483647 bob|5002|B|4|||0|1|5|2147483647 o,brien|5003|C|2|p,*|*|0|1|5|2147483647" \
  "$(sql "SELECT username, userid, bank, shares, projects, default_project, mod_time, active,
          max_running_jobs, max_sched_jobs FROM association_table ORDER BY rowid" |
    tr '\n' ' ' | sed 's/ $//')" "associations with defaults"
expect_eq "alice|5001|A|0.0 bob|5002|B|0.0 o,brien|5003|C|0.0" \
  "$(sql "SELECT * FROM job_usage_factor_table ORDER BY rowid" | tr '\n' ' ' | sed 's/ $//')" \
  "factor rows"
expect_eq "12|0|1|2|3" "$(sql "SELECT count(*), (SELECT group_concat(period, '|') FROM
  job_usage_per_association_table WHERE username = 'bob') FROM job_usage_per_association_table")" \
  "four zero bins per association"

# -f: columns by name, each value from its own position (upstream took the
# first N cells of every row for the N chosen names).
csv association_table 'username,userid,max_nodes,bank,shares,creation_time,default_bank,queues' \
  'carol,5004,9,A,7,1767225600,A,ignored'
expect_ok pop-db -c "$D/association_table.csv" -f username,bank,shares,creation_time,default_bank,max_nodes
expect_eq "carol|65534|A|7|9|" "$(sql "SELECT username, userid, bank, shares, max_nodes, queues
  FROM association_table WHERE username = 'carol'")" "-f reads each column from its position"
expect_fail "--fields: nosuch is not a column of association_table" \
  pop-db -c "$D/association_table.csv" -f username,nosuch
expect_fail "--fields: column max_cores is not in the header of $D/association_table.csv" \
  pop-db -c "$D/association_table.csv" -f username,bank,max_cores
expect_fail "column creation_time is missing" pop-db -c "$D/association_table.csv" -f username,bank

# Type checks, with file and line.
csv association_table 'creation_time,username,bank,default_bank,shares,fairshare' \
  '1767225600,dave,A,A,1,0.5' '1767225600,erin,A,A,abc,0.5'
expect_fail "association_table.csv:3: column shares: 'abc' is not an integer" \
  pop-db -c "$D/association_table.csv"
csv association_table 'creation_time,username,bank,default_bank,shares' '1767225600,dave,A,A,1.5'
expect_fail "association_table.csv:2: column shares: '1.5' is not an integer" \
  pop-db -c "$D/association_table.csv"
csv association_table 'creation_time,username,bank,default_bank,fairshare' '1767225600,dave,A,A,half'
expect_fail "association_table.csv:2: column fairshare: 'half' is not a number" \
  pop-db -c "$D/association_table.csv"
csv association_table 'creation_time,username,bank,default_bank,shares' '1767225600,dave,A,A,99999999999999999999'
expect_fail "column shares: '99999999999999999999' is not an integer in range" \
  pop-db -c "$D/association_table.csv"
# Integral reals and spaces around numbers are fine.
csv association_table 'creation_time,username,bank,default_bank,shares,fairshare' \
  '1767225600.0,dave,A,A, 5.0 ,1e-1'
expect_ok pop-db -c "$D/association_table.csv"
expect_eq "1767225600|integer|5|integer|0.1|real" "$(sql "SELECT creation_time, typeof(creation_time),
  shares, typeof(shares), fairshare, typeof(fairshare) FROM association_table WHERE username = 'dave'")"

# Required values, duplicates in the database and in the file.
csv association_table 'creation_time,username,bank,default_bank' ',frank,A,A'
expect_fail "association_table.csv:2: column creation_time: a value is required (NOT NULL, no default)" \
  pop-db -c "$D/association_table.csv"
csv association_table 'creation_time,username,bank,default_bank' '1,alice,A,A'
expect_fail "association_table.csv:2: association_table already has a row with username 'alice', bank 'A'" \
  pop-db -c "$D/association_table.csv"
csv association_table 'creation_time,username,bank,default_bank' '1,frank,A,A' '1,gina,A,A' '1,frank,A,A'
expect_fail "association_table.csv:4: association_table already has a row with username 'frank', bank 'A'" \
  pop-db -c "$D/association_table.csv"

# Malformed files.
csv association_table 'creation_time,username,bank,default_bank' '1,frank,A' '1,gina,A,A'
expect_fail "association_table.csv:2: row has 3 fields, header has 4" pop-db -c "$D/association_table.csv"
csv association_table 'creation_time,username,bank,nosuch' '1,frank,A,A'
expect_fail "association_table.csv:1: 'nosuch' is not a column of association_table" \
  pop-db -c "$D/association_table.csv"
csv association_table 'creation_time,username,bank,username' '1,frank,A,A'
expect_fail "association_table.csv:1: column username appears twice in the header" \
  pop-db -c "$D/association_table.csv"
printf 'creation_time,username,bank,default_bank\n1,"frank,A,A\n1,gina,A,A\n' >"$D/association_table.csv"
expect_fail "association_table.csv:2: unterminated quoted field" pop-db -c "$D/association_table.csv"
printf 'creation_time,username,bank,default_bank\n1,fr"ank,A,A\n' >"$D/association_table.csv"
expect_fail "association_table.csv:2: quote in an unquoted field" pop-db -c "$D/association_table.csv"
printf 'creation_time,username,bank,default_bank\n1,caf\xe9,A,A\n' >"$D/association_table.csv"
expect_fail "association_table.csv:2: invalid UTF-8" pop-db -c "$D/association_table.csv"
: >"$D/association_table.csv"
expect_fail "association_table.csv: empty file (no header row)" pop-db -c "$D/association_table.csv"
expect_fail "cannot open $D/nothere.csv: No such file or directory" pop-db -c "$D/nothere.csv"
csv nosuch 'a,b' '1,2'
expect_fail 'pop-db: table "nosuch" does not exist in the database' pop-db -c "$D/nosuch.csv"

# One transaction: 2000 good rows and then a bad one write nothing.
{
  echo 'creation_time,username,bank,default_bank'
  for i in $(seq 1 2000); do echo "1,bulk$i,A,A"; done
  echo '1,bulkbad,A'
} >"$D/association_table.csv"
expect_fail "association_table.csv:2002: row has 3 fields, header has 4" \
  pop-db -c "$D/association_table.csv"

# LF line ends, a byte-order mark, blank lines, a file name with a path.
printf '\xef\xbb\xbfcreation_time,username,bank,default_bank\n\n1,hank,A,A\n\n' \
  >"$D/association_table.csv"
expect_ok pop-db -c "$D/association_table.csv"
expect_eq 1 "$(sql "SELECT count(*) FROM association_table WHERE username = 'hank'")" "BOM and LF"

# The usage tables are upserted over the tracking rows.
csv job_usage_per_association_table 'username,userid,bank,period,value' \
  'alice,5001,A,0,10.5' 'alice,5001,A,3,1.25' 'alice,5001,A,4,2.0'
expect_ok pop-db -c "$D/job_usage_per_association_table.csv"
expect_eq "0|10.5 1|0.0 2|0.0 3|1.25 4|2.0" "$(sql "SELECT period, value FROM
  job_usage_per_association_table WHERE username = 'alice' ORDER BY period" | tr '\n' ' ' | sed 's/ $//')"
csv job_usage_per_association_table 'username,userid,bank,period,value' \
  'alice,5001,A,0,1' 'alice,5001,A,0,2'
expect_fail "job_usage_per_association_table.csv:3: username 'alice', bank 'A', period 0 appears twice in the file (first on line 2)" \
  pop-db -c "$D/job_usage_per_association_table.csv"
csv job_usage_factor_table 'username,userid,bank,last_job_timestamp' 'alice,5001,A,17.5'
expect_ok pop-db -c "$D/job_usage_factor_table.csv"
expect_eq "17.5" "$(sql "SELECT last_job_timestamp FROM job_usage_factor_table WHERE username = 'alice'")"

# Seeded tables are upserted by key.
csv config_table 'key,value' 'decay_factor,0.3' 'site,"x,y"'
expect_ok pop-db -c "$D/config_table.csv"
expect_eq "decay_factor|0.3 site|x,y" "$(sql "SELECT * FROM config_table WHERE key IN
  ('decay_factor', 'site') ORDER BY rowid" | tr '\n' ' ' | sed 's/ $//')" "config upsert"
# The new decay factor re-binned usage, as edit-config would: reconfigure_time is set.
expect_eq 9 "$(sql "SELECT count(*) FROM config_table")" "one new key and reconfigure_time"
csv config_table 'key,value' 'a,1' 'a,2'
expect_fail "config_table.csv:3: key 'a' appears twice in the file (first on line 2)" \
  pop-db -c "$D/config_table.csv"
csv priority_factor_weight_table 'factor,weight' 'queue,7' 'urgency,abc'
expect_fail "priority_factor_weight_table.csv:3: column weight: 'abc' is not an integer" \
  pop-db -c "$D/priority_factor_weight_table.csv"
csv priority_factor_weight_table 'factor,weight' 'queue,7'
expect_ok pop-db -c "$D/priority_factor_weight_table.csv"
expect_eq "fairshare|100000 queue|7 bank|0 urgency|1000" \
  "$(sql "SELECT * FROM priority_factor_weight_table" | tr '\n' ' ' | sed 's/ $//')" "factor upsert"
# Projects by id, or by name when the file has no ids.
csv project_table 'project' '*' 'p9'
expect_ok pop-db -c "$D/project_table.csv"
expect_eq "1|* 2|p9" "$(sql "SELECT project_id, project FROM project_table" | tr '\n' ' ' | sed 's/ $//')"
csv project_table 'project_id,project,usage' '1,*,0.0' '7,p7,1.5'
expect_ok pop-db -c "$D/project_table.csv"
expect_eq "1|* 2|p9 7|p7" "$(sql "SELECT project_id, project FROM project_table" | tr '\n' ' ' | sed 's/ $//')"
csv project_table 'project_id,project' '1,*' ',*'
expect_fail "project_table.csv:3: project '*' appears twice in the file (first on line 2)" \
  pop-db -c "$D/project_table.csv"
csv project_table 'project_id,project' '8,p9'
expect_fail "project_table.csv:2: project 'p9' already exists in project_table" \
  pop-db -c "$D/project_table.csv"
# The half-life row is replaced; sequences only grow.
csv t_half_life_period_table 'cluster,end_half_life_period' 'cluster,1767830400.5'
expect_ok pop-db -c "$D/t_half_life_period_table.csv"
expect_eq "cluster|1767830400.5" "$(sql "SELECT * FROM t_half_life_period_table")" "half-life row"
csv t_half_life_period_table 'cluster,end_half_life_period' 'cluster,1' 'cluster,2'
expect_fail "t_half_life_period_table.csv:3: t_half_life_period_table holds a single row" \
  pop-db -c "$D/t_half_life_period_table.csv"
csv sqlite_sequence 'name,seq' 'bank_table,100' 'project_table,2'
expect_ok pop-db -c "$D/sqlite_sequence.csv"
expect_eq "project_table|7 bank_table|100" "$(sql "SELECT * FROM sqlite_sequence" | tr '\n' ' ' | sed 's/ $//')"
csv sqlite_sequence 'name,seq' 'nosuch,5'
expect_fail "sqlite_sequence.csv:2: there is no table 'nosuch' to hold a sequence for" \
  pop-db -c "$D/sqlite_sequence.csv"

# Jobs: NULL and the empty string kept apart.
csv jobs 'id,userid,t_submit,t_run,t_inactive,ranks,R,jobspec,project,bank' \
  '77,5001,1,2,3,"","{""a"": 1}",{},,""'
expect_ok pop-db -c "$D/jobs.csv"
expect_eq "'77'|'{\"a\": 1}'|NULL|''|0.0" "$(sql "SELECT quote(id), quote(R), quote(project),
  quote(bank), requested_duration FROM jobs")"

# Progress: rows and percent on a terminal only (the runs above printed nothing).
if command -v script >/dev/null; then
  csv queue_table 'queue,priority' 'q1,1' 'q2,2'
  script -qec "'$FLUX_ACCOUNT' -p '$DB' pop-db -c '$D/queue_table.csv'" /dev/null >"$WORK/tty.out" </dev/null
  expect_eq 1 "$(grep -c "pop-db: $D/queue_table.csv: 2 rows (100%)" "$WORK/tty.out")" "progress"
  expect_eq "q1|1 q2|2" "$(sql "SELECT queue, priority FROM queue_table" | tr '\n' ' ' | sed 's/ $//')"
fi

# Option errors.
expect_fail "one of the arguments -c/--csv-file -d/--directory -u/--users -b/--banks is required" pop-db
expect_fail "only applies with -c/--csv-file" pop-db -d "$D" -f a
expect_fail "not allowed with argument" pop-db -c "$D/jobs.csv" -d "$D"
finish
