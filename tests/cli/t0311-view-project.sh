#!/bin/bash
# view-project (JSON by default, --parsable table, -o format) and
# list-projects (table by default, --json, --fields, -o); upstream's
# messages for unknown projects, bad fields and bad placeholders.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
# "*" is always there.
expect_out projects/list-projects-new.table list-projects
expect_out projects/view-project-any.json view-project '*'

expect_ok add-project physics
expect_ok add-project chemistry
expect_ok add-project biology
expect_ok delete-project chemistry
# Usage as an older tool might have left it: shown as stored.
sql "UPDATE project_table SET usage = 12.5 WHERE project = 'biology'"

# view-project.
expect_out projects/view-project.json view-project biology
expect_out projects/view-project.table view-project biology --parsable
expect_out projects/view-project.format view-project biology -o '{project_id}. {project} ({usage})'
expect_out projects/view-project.format view-project biology --pars -o '{project_id}. {project} ({usage})'
expect_out projects/view-project.json view-project biology --format ''
expect_fail "project chemistry not found in project_table" view-project chemistry
expect_fail "project Biology not found in project_table" view-project Biology
expect_fail "project % not found in project_table" view-project %
expect_fail "Invalid column name in format string: name. Available columns: project_id,project,usage" \
  view-project biology -o '{name}'
expect_fail "the following arguments are required: PROJECT" view-project

# list-projects: in the order the projects were added.
expect_out projects/list-projects.table list-projects
expect_out projects/list-projects.json list-projects --json
expect_out projects/list-projects-fields.table list-projects --fields project
expect_out projects/list-projects-fields.json list-projects --fields usage,project_id --json
expect_out projects/list-projects.format list-projects -o '{project:<10}|{usage}'
expect_fail "invalid fields: name" list-projects --fields project,name
expect_fail "Invalid column name in format string: usage. Available columns: project" \
  list-projects --fields project -o '{usage}'

finish
