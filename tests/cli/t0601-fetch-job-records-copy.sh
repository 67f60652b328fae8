#!/bin/bash
# fetch-job-records --copy: job records from a flux-core job-archive
# database, checked and derived exactly as JSON lines are.
. "$(dirname "$0")/lib.sh"

fa create-db
R='{"version": 1, "execution": {"R_lite": [{"rank": "0-3", "children": {"core": "0-7"}}]}}'
JS='{"attributes": {"system": {"duration": 7200, "bank": "A", "project": "P"}}}'
A="$WORK/job-archive.sqlite"
# flux-core's job-archive table, with its extra columns.
sqlite3 "$A" <<SQL
CREATE TABLE jobs (id CHAR(16) PRIMARY KEY, userid INT, ranks TEXT, t_submit REAL, t_run REAL,
                   t_cleanup REAL, t_inactive REAL, eventlog TEXT, jobspec TEXT, R TEXT);
INSERT INTO jobs VALUES (11, 6001, '0-3', 1000.0, 1010.0, 1100.0, 1110.0, '', '$JS', '$R');
INSERT INTO jobs VALUES (12, 6001, '', 1000.0, NULL, NULL, 1010.0, '', '$JS', NULL);
INSERT INTO jobs VALUES (13, 6001, '', 1000.0, 0, NULL, 1010.0, '', '$JS', '');
INSERT INTO jobs VALUES ('ƒuzzybunny', 6002, '0', 1000, 1000, 1000, 1500, '', '{}', '$R');
INSERT INTO jobs VALUES (15, 6001, '0', 1000.0, 1010.0, 1100.0, 1110.0, '', X'7bff7d', '$R');
INSERT INTO jobs VALUES (16, 'bob', '0', 1000.0, 1010.0, 1100.0, 1110.0, '', '$JS', '$R');
INSERT INTO jobs VALUES (17, 6001, '0', 1000.0, 900.0, 1100.0, 1110.0, '', '$JS', '$R');
INSERT INTO jobs VALUES (18, 6001, '0', 1000.0, 1010.0, 1100.0, 1110.0, '', '$JS', '[]');
INSERT INTO jobs VALUES (-19, 6001, '0', 1000.0, 1010.0, 1100.0, 1110.0, '', '$JS', '$R');
SQL

fa fetch-job-records -v --copy "$A" >"$WORK/out" 2>"$WORK/err"
expect_eq 0 $? "exit status"
expect_eq "fetch-job-records: $A: job 12 skipped: never ran (no t_run)
fetch-job-records: $A: job 13 skipped: never ran (t_run is 0)
fetch-job-records: $A: job 15 skipped: not UTF-8 (text that is not UTF-8)
fetch-job-records: $A: job 16 skipped: bad field (userid bob is not a number)
fetch-job-records: $A: job 17 skipped: bad times (t_run 900 is before t_submit 1000)
fetch-job-records: $A: job 18 skipped: unparsable R (R is not a JSON object)
fetch-job-records: $A: job -19 skipped: bad job ID (id -19 is not a Flux job ID)
fetch-job-records: 2 added, 7 skipped (2 never ran, 1 bad field, 1 bad job ID, 1 bad times, 1 unparsable R, 1 not UTF-8)" \
  "$(cat "$WORK/err")" "verbose listing"
# Unlike upstream's --copy, bank, project and durations are derived.
expect_eq "11|6001|0-3|P|A|7200.0|100.0
6787342413402046|6002|0|||0.0|500.0" \
  "$(sql "SELECT id, userid, ranks, project, bank, requested_duration, actual_duration FROM jobs ORDER BY id")" \
  "copied rows"

# Again, from another accounting database (it has the same columns), and
# together with JSON lines: one summary for both, duplicates skipped.
echo "{\"id\": 21, \"userid\": 6001, \"t_submit\": 1, \"t_run\": 2, \"t_inactive\": 3, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}" >"$WORK/one.jsonl"
cp "$DB" "$WORK/other-site.db"
fa fetch-job-records --copy "$WORK/other-site.db" --jsonl "$WORK/one.jsonl" 2>"$WORK/err"
expect_eq "fetch-job-records: 1 added, 2 skipped (2 duplicate)" "$(cat "$WORK/err")" "copy of itself plus JSON lines"
expect_eq 3 "$(sql "SELECT count(*) FROM jobs")" "jobs"

# Files that are no job archive: one line, nothing written.
expect_fail "job archive $DB is the accounting database itself" fetch-job-records --copy "$DB"
ln -s "$DB" "$WORK/link.db"
expect_fail "job archive $WORK/link.db is the accounting database itself" fetch-job-records --copy "$WORK/link.db"
expect_fail "job archive $WORK/nope.db does not exist" fetch-job-records --copy "$WORK/nope.db"
expect_fail "job archive $WORK is a directory" fetch-job-records --copy "$WORK"
echo "just text" >"$WORK/text.db"
expect_fail "$WORK/text.db is not a job archive: file is not a database" fetch-job-records --copy "$WORK/text.db"
sqlite3 "$WORK/other.db" "CREATE TABLE t (x)"
expect_fail "$WORK/other.db is not a job archive: it has no jobs table" fetch-job-records --copy "$WORK/other.db"
sqlite3 "$WORK/cols.db" "CREATE TABLE jobs (id, userid, t_submit, t_run, t_inactive, ranks)"
expect_fail "$WORK/cols.db is not a job archive: its jobs table has no column R, jobspec" \
  fetch-job-records --copy "$WORK/cols.db"
# An error in the archive stops the whole command after it read some rows.
sqlite3 "$WORK/view.db" "CREATE TABLE base (x); INSERT INTO base VALUES (1), (2);
  CREATE VIEW jobs AS SELECT 31 + x AS id, 6001 AS userid, 1 AS t_submit, 2 AS t_run, 3 AS t_inactive,
    '0' AS ranks, '$R' AS R, CASE x WHEN 2 THEN abs(-9223372036854775807 - 1) ELSE '{}' END AS jobspec FROM base"
expect_fail "cannot read job archive $WORK/view.db: integer overflow" fetch-job-records --copy "$WORK/view.db"

finish
