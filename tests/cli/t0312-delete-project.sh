#!/bin/bash
# delete-project: removes the project; warns on stdout when an association
# still lists it by its whole name or has it as its default project
# (upstream's LIKE '%p%' also warned for "physics2" when deleting
# "physics", spec §6.3 #18); "*" can never be deleted; unknown projects are
# an error.
. "$(dirname "$0")/lib.sh"

WARNING="WARNING: user(s) in the association_table still reference this project. Make sure to edit user rows to account for this deleted project."
projects() { sql "SELECT group_concat(project, ' ') FROM (SELECT project FROM project_table ORDER BY project_id)"; }

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
for p in physics physics2 chem bio geo math; do expect_ok add-project "$p"; done
expect_ok add-user -u alice -i 1001 -B A -P physics2
expect_ok add-user -u bob -i 1002 -B A -P chem,bio,physics2
expect_ok add-user -u carol -i 1003 -B A -P geo
expect_ok delete-user carol A
# A default project outside the list (an older tool could write one).
sql "UPDATE association_table SET default_project = 'math' WHERE username = 'alice'"

# Nobody names "physics" as a whole: deleted without a warning.
expect_ok delete-project physics
expect_eq "" "$(cat "$WORK/out")" "no warning for a substring"
expect_eq "* physics2 chem bio geo math" "$(projects)"

expect_ok delete-project chem
expect_eq "$WARNING" "$(cat "$WORK/out")" "first in a list"
expect_ok delete-project bio
expect_eq "$WARNING" "$(cat "$WORK/out")" "in the middle of a list"
expect_ok delete-project physics2
expect_eq "$WARNING" "$(cat "$WORK/out")" "listed and default"
expect_ok delete-project geo
expect_eq "$WARNING" "$(cat "$WORK/out")" "listed by a disabled association"
expect_ok delete-project math
expect_eq "$WARNING" "$(cat "$WORK/out")" "a default project only"
expect_eq "*" "$(projects)"

# A deleted project can no longer be given to users, and can be added again.
expect_fail "project chem does not exist in project_table" add-user -u dave -i 1004 -B A -P chem
expect_ok add-project chem
expect_eq "* chem" "$(projects)"

# Errors: one line, nothing deleted.
expect_fail "project * cannot be deleted: it stands for any project and is part of every association's project list" \
  delete-project '*'
expect_fail "project nope not found in project_table" delete-project nope
expect_fail "project Chem not found in project_table" delete-project Chem
expect_fail "project % not found in project_table" delete-project %
expect_fail "the following arguments are required: PROJECT" delete-project
expect_eq "* chem" "$(projects)"

finish
