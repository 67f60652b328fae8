#!/bin/bash
# fetch-job-records --jsonl: every record is checked by one rule; good ones
# are recorded once with their derived columns, bad ones skipped and counted.
. "$(dirname "$0")/lib.sh"

fa create-db
fa add-bank root 1
fa add-bank A 1 --parent-bank root
fa add-user -u alice -i 5001 -B A

R='{"version": 1, "execution": {"R_lite": [{"rank": "0-1", "children": {"core": "0-3"}}], "starttime": 0, "expiration": 0}}'
JS='{"version": 1, "resources": [], "tasks": [], "attributes": {"system": {"duration": 3600, "bank": "A", "project": "P1"}}}'
RS='"{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"3\", \"children\": {\"core\": \"0\"}}]}}"'
JSS='"{\"attributes\": {\"system\": {\"queue\": \"batch\"}}}"'
J="$WORK/jobs.jsonl"
{
  # 1: a good record; unknown keys are ignored
  echo "{\"id\": 1001, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 210.5, \"ranks\": \"0-1\", \"R\": $R, \"jobspec\": $JS, \"state\": \"INACTIVE\", \"extra\": {\"a\": [1, null, true]}}"
  # 2: id in f58, R and jobspec as strings holding JSON; no bank, project or duration
  echo "{\"id\": \"ƒuzzybunny\", \"userid\": 5002, \"t_submit\": 100, \"t_run\": 100, \"t_inactive\": 100, \"ranks\": \"3\", \"R\": $RS, \"jobspec\": $JSS}"
  # 3, 4: never ran
  echo "{\"id\": 1003, \"userid\": 5001, \"t_submit\": 100, \"t_inactive\": 120, \"ranks\": \"\", \"R\": null, \"jobspec\": $JS}"
  echo "{\"id\": 1004, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 0, \"t_inactive\": 120, \"ranks\": \"\", \"R\": \"\", \"jobspec\": $JS}"
  # 5: missing userid
  echo "{\"id\": 1005, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  # 6, 7: reversed and negative times
  echo "{\"id\": 1006, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 105, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  echo "{\"id\": 1007, \"userid\": 5001, \"t_submit\": -5, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  # 8, 9: R that cannot be counted; R that is not an object
  echo "{\"id\": 1008, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": {\"version\": 2}, \"jobspec\": $JS}"
  echo "{\"id\": 1009, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": 7, \"jobspec\": $JS}"
  # 10: a jobspec string that is not JSON
  echo "{\"id\": 1010, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": \"{nope\"}"
  # 11: the same id as record 1
  echo "{\"id\": 1001, \"userid\": 5009, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  # 12: a byte that is not UTF-8
  printf '{"id": 1012, "userid": 5001, "t_submit": 100, "t_run": 110, "t_inactive": 120, "ranks": "0\xff", "R": %s, "jobspec": %s}\n' "$R" "$JS"
  # 13, 14, 15: gigantic numbers (one beyond a double: the line is not JSON nlohmann reads)
  echo "{\"id\": 1013, \"userid\": 1e30, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  echo "{\"id\": 99999999999999999999999, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  echo "{\"id\": 1015, \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 1e400, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  # 16, 17: not one JSON object; then a blank line, which is ignored
  echo '{"id": 1016, "userid": 5001,'
  echo '[1, 2]'
  echo '   '
  # 18: a userid that is not a number
  echo "{\"id\": 1018, \"userid\": \"alice\", \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  # 19: an id that is no job ID
  echo "{\"id\": \"not-a-job\", \"userid\": 5001, \"t_submit\": 100, \"t_run\": 110, \"t_inactive\": 120, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
  # 20: an unknown user and bank are recorded (an association may come later);
  # escaped keys are keys; the last of repeated keys counts; no final newline
  printf '{"\\u0069d": "0x3f0", "userid": 1, "userid": 7777, "t_submit": 100, "t_run": 110, "t_inactive": 130, "ranks": "0", "R": %s, "jobspec": {"attributes": {"system": {"bank": "nobank", "duration": 60.5}}}}' "$R"
} >"$J"

fa fetch-job-records -v --jsonl "$J" >"$WORK/out" 2>"$WORK/err"
expect_eq 0 $? "exit status"
expect_eq "" "$(cat "$WORK/out")" "stdout"
sed "s|$J|JOBS|" "$WORK/err" >"$WORK/err.txt"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$WORK/err.txt" "$EXPECTED_DIR/jobs/fetch-verbose.txt"; fi
if diff -u "$EXPECTED_DIR/jobs/fetch-verbose.txt" "$WORK/err.txt" >&2; then pass; else fail "verbose listing"; fi

expect_eq "1001|5001|100.0|110.0|210.5|0-1|P1|A|3600.0|100.5
1008|7777|100.0|110.0|130.0|0||nobank|60.5|20.0
6787342413402046|5002|100.0|100.0|100.0|3|||0.0|0.0" \
  "$(sql "SELECT id, userid, t_submit, t_run, t_inactive, ranks, project, bank, requested_duration, actual_duration FROM jobs ORDER BY id")" \
  "recorded rows"
expect_eq "$R" "$(sql "SELECT R FROM jobs WHERE id = '1001'")" "R stored verbatim"
expect_eq '{"attributes": {"system": {"queue": "batch"}}}' \
  "$(sql "SELECT jobspec FROM jobs WHERE id = '6787342413402046'")" "a jobspec string stored as its JSON text"
expect_eq "text" "$(sql "SELECT DISTINCT typeof(id) FROM jobs")" "ids are decimal text"

# Idempotent: a second run adds nothing and changes no row.
before=$(sql "SELECT * FROM jobs ORDER BY id" | sha256sum)
fa fetch-job-records --jsonl "$J" 2>"$WORK/err"
expect_eq "fetch-job-records: 0 added, 20 skipped (2 never ran, 1 missing field, 1 bad field, 2 bad job ID, 1 out of range, 2 bad times, 2 unparsable R, 1 unparsable jobspec, 1 not UTF-8, 3 malformed JSON, 4 duplicate)" \
  "$(cat "$WORK/err")" "second run summary"
expect_eq "$before" "$(sql "SELECT * FROM jobs ORDER BY id" | sha256sum)" "second run changes nothing"

# Standard input, and the stand-alone command name.
echo "{\"id\": 2001, \"userid\": 5001, \"t_submit\": 1, \"t_run\": 2, \"t_inactive\": 3, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}" |
  fa fetch-job-records --jsonl - 2>"$WORK/err"
expect_eq "fetch-job-records: 1 added, 0 skipped" "$(cat "$WORK/err")" "stdin"
standalone="$(dirname "$FLUX_ACCOUNT")/flux-account-fetch-job-records"
echo "{\"id\": 2002, \"userid\": 5001, \"t_submit\": 1, \"t_run\": 2, \"t_inactive\": 3, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}" >"$WORK/one.jsonl"
"$standalone" -p "$DB" --jsonl "$WORK/one.jsonl" 2>"$WORK/err"
expect_eq "fetch-job-records: 1 added, 0 skipped" "$(cat "$WORK/err")" "stand-alone name"
expect_eq 5 "$(sql "SELECT count(*) FROM jobs")" "jobs after stdin and stand-alone"

# The auxiliary indexes: made by fetch-job-records, not by create-db; and
# one user's records are found through them.
expect_eq "fluxacct_jobs_t_inactive
fluxacct_jobs_userid" "$(sql "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'fluxacct%' ORDER BY name")" "indexes"
"$FLUX_ACCOUNT" -p "$WORK/fresh.db" create-db
expect_eq 0 "$(sqlite3 "$WORK/fresh.db" "SELECT count(*) FROM sqlite_master WHERE name LIKE 'fluxacct%'")" "create-db makes no extra index"
expect_eq 1 "$(sql "EXPLAIN QUERY PLAN SELECT * FROM jobs WHERE userid = 5001 ORDER BY rowid" | grep -c fluxacct_jobs_userid)" "query plan"

# Errors: one line, nothing written.
expect_fail "give a job-archive database with --copy JOB_ARCHIVE_DB or JSON lines with --jsonl FILE" fetch-job-records
expect_fail "cannot open $WORK/missing.jsonl: No such file or directory" fetch-job-records --jsonl "$WORK/missing.jsonl"
expect_fail "cannot open $WORK: it is a directory" fetch-job-records --jsonl "$WORK"
expect_fail "expected one argument" fetch-job-records --jsonl

# One transaction: a failure after some records were added leaves nothing.
sql "CREATE TRIGGER boom BEFORE INSERT ON jobs WHEN NEW.id = '3002' BEGIN SELECT RAISE(ABORT, 'boom'); END"
for id in 3001 3002; do
  echo "{\"id\": $id, \"userid\": 5001, \"t_submit\": 1, \"t_run\": 2, \"t_inactive\": 3, \"ranks\": \"0\", \"R\": $R, \"jobspec\": $JS}"
done >"$WORK/two.jsonl"
expect_fail "boom" fetch-job-records --jsonl "$WORK/two.jsonl"
sql "DROP TRIGGER boom"

# Progress on a terminal only.
if command -v script >/dev/null; then
  script -qec "'$FLUX_ACCOUNT' -p '$DB' fetch-job-records --jsonl '$WORK/two.jsonl'" /dev/null >"$WORK/tty.out" </dev/null
  expect_eq 1 "$(grep -c "fetch-job-records: $WORK/two.jsonl: 2 lines (100%)" "$WORK/tty.out")" "progress on a terminal"
fi
fa fetch-job-records --jsonl "$WORK/two.jsonl" 2>"$WORK/err"
expect_eq "fetch-job-records: 0 added, 2 skipped (2 duplicate)" "$(cat "$WORK/err")" "no progress off a terminal"

finish
