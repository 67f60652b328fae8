#!/bin/bash
# list-users: table by default, -j JSON, -o format, -f fields, filters
# (comma lists, AND-ed), whole-name matching of queues/projects (upstream
# matched substrings: "gold" found "golden"), and upstream's errors.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-bank B 1 --parent-bank root
sql "INSERT INTO queue_table (queue) VALUES ('gold'), ('golden'), ('silver')"
sql "INSERT INTO project_table (project) VALUES ('chem'), ('chemistry')"
expect_ok add-user -u alice -i 1 -B A -q gold,silver -P chem
expect_ok add-user -u bob -i 2 -B A -q golden --shares 2 -P chemistry
expect_ok add-user -u carol -i 3 -B B -q silver --max-nodes 4 --max-running-jobs 2
expect_ok add-user -u dave -i 4 -B B --shares 2
expect_ok delete-user dave B

names() { fa list-users -o '{username}' "$@" 2>&1 | tail -n +2 | tr '\n' ' ' | sed 's/ $//'; }

expect_out users/list-users.table list-users
expect_out users/list-users.json list-users -j --fields username,bank,active,max_nodes
expect_out users/list-users-fields.table list-users -f username,bank,queues,projects,default_project
expect_out users/list-users.format list-users -o '{username:<8}{bank:>3} {max_nodes}'

# Filters: exact match, comma lists (any of), AND-ed.
expect_eq "alice bob" "$(names -B A)" "-B"
expect_eq "alice bob carol dave" "$(names --bank A,B)" "bank list"
expect_eq "dave" "$(names --active 0)" "--active 0"
expect_eq "alice bob carol" "$(names --active 1)" "--active 1"
expect_eq "bob dave" "$(names --shares 2)" "--shares"
expect_eq "dave" "$(names --shares 2 -B B)" "filters AND-ed"
expect_eq "carol" "$(names -N 4)" "-N"
expect_eq "alice bob dave" "$(names --max-nodes unlimited)" "unlimited as a filter value"
expect_eq "carol" "$(names --max-running-jobs 2,3)" "limit list"
expect_eq "alice bob carol dave" "$(names -c unlimited --max-active-jobs 7 --max-sched-jobs unlimited)"

# Queues and projects match whole names.
expect_eq "alice" "$(names -q gold)" "gold does not match golden"
expect_eq "bob" "$(names --queues golden)" "golden"
expect_eq "alice carol" "$(names -q silver)" "silver in a list"
expect_eq "alice bob" "$(names -q gold,golden)" "either queue"
expect_eq "alice" "$(names -P chem)" "chem does not match chemistry"
expect_eq "bob" "$(names --default-project chemistry)" "default project"
expect_eq "carol dave" "$(names --default-project '*')" "default project *"
expect_eq "alice bob carol dave" "$(names --projects '*')" "* in every list"

# Errors.
expect_fail "no results found in query" list-users -q bronze
expect_fail "no results found in query" list-users -B A --active 0
expect_fail "invalid fields: nope" list-users -f username,nope
expect_fail "--active must be 0 or 1: 'yes'" list-users --active yes
expect_fail "--shares must be a non-negative integer: 'x'" list-users --shares x
expect_fail "--max-nodes must be a non-negative integer or \"unlimited\": 'lots'" list-users -N lots
expect_fail "--bank needs a value" list-users -B ,
expect_fail "unrecognized arguments: --userid" list-users --userid 3

DB="$WORK/empty.db"
expect_ok create-db
expect_fail "no results found in query" list-users

# Streaming: a large listing is produced row by row.
DB="$WORK/big.db"
expect_ok create-db
expect_ok add-bank root 1
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
     INSERT INTO association_table (creation_time, username, bank, default_bank)
     SELECT 0, 'user' || i, 'root', 'root' FROM n"
expect_ok list-users -j
expect_eq 20000 "$(grep -c '"username"' "$WORK/out")" "20000 JSON rows"
expect_ok list-users
expect_eq 20002 "$(wc -l <"$WORK/out")" "20000 table rows"

finish
