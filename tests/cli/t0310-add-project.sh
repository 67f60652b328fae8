#!/bin/bash
# add-project: new projects get the next id and zero usage; duplicates
# (including "*", which create-db seeds) and names an association's project
# list could not hold are refused; add-user and edit-user take the projects.
. "$(dirname "$0")/lib.sh"

projects() { sql "SELECT group_concat(project_id || ':' || project || ':' || usage, ' ')
                  FROM (SELECT * FROM project_table ORDER BY project_id)"; }

expect_ok create-db
expect_eq "1:*:0.0" "$(projects)" "create-db seeds *"

expect_ok add-project physics
expect_eq "" "$(cat "$WORK/out")" "add-project prints nothing"
expect_ok add-project chemistry
expect_ok add-project Physics
expect_ok add-project "o'brien %"
expect_eq "1:*:0.0 2:physics:0.0 3:chemistry:0.0 4:Physics:0.0 5:o'brien %:0.0" "$(projects)"

# Errors: one line, nothing added.
expect_fail "project physics already exists in project_table" add-project physics
expect_fail "project * already exists in project_table" add-project '*'
expect_fail "project name must not be empty" add-project ''
expect_fail "project name must not contain a comma (association rows list projects comma-separated): 'a,b'" \
  add-project a,b
expect_fail "the following arguments are required: PROJECT" add-project
expect_fail "unrecognized arguments: more" add-project p1 more
expect_fail "unrecognized arguments: --usage=3" add-project p1 --usage=3
expect_eq "1:*:0.0 2:physics:0.0 3:chemistry:0.0 4:Physics:0.0 5:o'brien %:0.0" "$(projects)" \
  "failed adds changed nothing"

# add-user and edit-user take the new projects ("*" appended); unknown
# ones stay refused.
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
expect_ok add-user -u alice -i 1001 -B A -P physics,chemistry
expect_eq "physics,chemistry,*|physics" \
  "$(sql "SELECT projects, default_project FROM association_table WHERE username = 'alice'")"
expect_ok add-user -u bob -i 1002 -B A --default-project "o'brien %"
expect_eq "*,o'brien %|o'brien %" \
  "$(sql "SELECT projects, default_project FROM association_table WHERE username = 'bob'")"
expect_ok edit-user bob -P Physics --default-project Physics
expect_eq "Physics,*|Physics" \
  "$(sql "SELECT projects, default_project FROM association_table WHERE username = 'bob'")"
expect_fail "project biology does not exist in project_table" add-user -u carol -i 1003 -B A -P biology
expect_fail "project PHYSICS does not exist in project_table" edit-user alice -P PHYSICS

finish
