#!/bin/bash
# view-job-records: the default table (upstream's 12 columns, widths from
# the values), every filter (all AND-ed, all in SQL), -o with flux's
# OutputFormat rules, --json, and upstream's error messages.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/reports_lib.sh"

setup_site
expect_out reports/vjr-empty.txt view-job-records
add_jobs

# Everything but the job whose R cannot be read (JOB1+4), in recorded order.
expect_out reports/vjr-all.txt view-job-records
expect_eq 8 "$(wc -l <"$WORK/out")" "header and seven jobs"

# -u: the password database (root), else association_table (user1), else a
# number is a uid, else nobody.
expect_out reports/vjr-user1.txt view-job-records -u user1
expect_out reports/vjr-root.txt view-job-records --user root
expect_out reports/vjr-uid.txt view-job-records -u 50002
expect_out reports/vjr-empty.txt view-job-records -u nosuchuser
expect_out reports/vjr-spaces.txt view-job-records -u "user three"

# -j: any job ID form gives the same job.
expect_out reports/vjr-job1.txt view-job-records -j "$JOB1"
for form in ƒuzzybunny fuzzybunny 0x181d0d4d850fbe 0018.1d0d.4d85.0fbe job.0018.1d0d.4d85.0fbe; do
  expect_out reports/vjr-job1.txt view-job-records --jobid "$form"
done
expect_fail "invalid job ID: 'nope!'" view-job-records -j 'nope!'

# -a: t_run after; -b: t_inactive before; timestamps in any accepted form.
expect_out reports/vjr-after.txt view-job-records -a 1767160000
expect_out reports/vjr-after.txt view-job-records -a "2025-12-31 05:46:40"
expect_out reports/vjr-before.txt view-job-records -b 1767153660
expect_out reports/vjr-window.txt view-job-records -a 1767150000 -b "Jan 1, 2026"
expect_fail "invalid timestamp: 'not a time'" view-job-records -a "not a time"
expect_fail "invalid timestamp: 'soon'" view-job-records --before-end-time soon

# --project, -B/--bank (names with spaces need no care).
expect_out reports/vjr-proj1.txt view-job-records --project proj1
expect_out reports/vjr-bigbank.txt view-job-records -B "big bank"
expect_out reports/vjr-bank-a-user2.txt view-job-records --bank A -u user2

# Duration expressions: one or several per option, all must hold.
expect_out reports/vjr-req-lt.txt view-job-records -d "< 1000"
expect_out reports/vjr-req-range.txt view-job-records -d "> 100" "<= 3600"
expect_out reports/vjr-act-ge.txt view-job-records -e ">= 3600"
expect_out reports/vjr-delta.txt view-job-records -D "> 0"
expect_out reports/vjr-delta-eq.txt view-job-records -D "= 999.5" -d "= 10000" -e "< 9001"
expect_fail "expression must start with <, <=, =, >=, or >" view-job-records -d "foo 60"
expect_fail "expression expects one operator and one value" view-job-records -d "< 60 120"
expect_fail "expression expects one operator and one value" view-job-records -e "<60"
expect_fail "expression expects to be compared with a number" view-job-records -D "< foo"
expect_fail "expression must start with <, <=, =, >=, or >" view-job-records \
  -d '<60;DROP\nTABLE\n\IF\nEXISTS\njobs;< 50'
expect_eq 8 "$(sql 'SELECT count(*) FROM jobs')" "jobs table intact"
expect_fail "expected at least one argument" view-job-records -d

# -o: flux OutputFormat.
expect_out reports/vjr-all.txt view-job-records -o ""  # upstream: an empty format is the default
expect_out reports/vjr-relative.txt view-job-records -a now-12h -b now+1d -d ">= 60"
expect_out reports/vjr-format.txt view-job-records -o "{jobid:<12} {username:>8} {nnodes} {ncores} {ngpus}"
expect_out reports/vjr-format-ids.txt view-job-records -u user1 \
  -o "{jobid.dec} {jobid.hex} {jobid.dothex} {jobid.kvs} {jobid.f58} {jobid.f58plain}"
expect_out reports/vjr-format-words.txt view-job-records -j "$JOB1" -o "{jobid.words} {jobid.emoji}"
expect_out reports/vjr-format-sort.txt view-job-records -o "sort:-userid,t_run {userid:<6} {t_run:.0f} {bank}"
expect_out reports/vjr-format-sort-id.txt view-job-records -o "sort:-jobid.dec {jobid.dec}"
# Every sort key is SQLite's (ORDER BY; counts of R and user names through
# our SQL functions, so that a million records are never held in memory):
# Python's order, a stable sort per key, last key first — here sort(1) -s
# of the unsorted lines, whose ties keep the recorded order too.
check_sorted() {  # KEYS FIELDS SORT-OPTIONS...
  local keys=$1 fields=$2
  shift 2
  fa view-job-records -o "$fields" | tail -n +2 | LC_ALL=C sort -s -t'|' "$@" >"$WORK/want"
  fa view-job-records -o "sort:$keys $fields" | tail -n +2 >"$WORK/got"
  expect_eq "$(cat "$WORK/want")" "$(cat "$WORK/got")" "sort:$keys"
}
check_sorted "-bank,jobid" "{bank}|{jobid.dec}|{project}" -k1,1r -k2,2n
check_sorted "project,-t_submit,jobid.hex" "{project}|{t_submit:.0f}|{jobid.dec}" -k1,1 -k2,2nr -k3,3n
check_sorted "-duration_delta,userid" "{duration_delta}|{userid}|{jobid.dec}" -k1,1gr -k2,2n
check_sorted "nnodes" "{nnodes}|{jobid.dec}" -k1,1n
check_sorted "-ncores,username" "{ncores}|{username}|{jobid.dec}" -k1,1nr -k2,2
check_sorted "username,-ngpus,-jobid" "{username}|{ngpus}|{jobid.dec}" -k1,1 -k2,2nr -k3,3nr
check_sorted "-username" "{username}|{jobid.dec}" -k1,1r
check_sorted "resources,-t_run" "{resources}|{t_run:.0f}|{jobid.dec}" -k1,1 -k2,2nr
expect_eq 4 "$(fa view-job-records -o 'sort:-nnodes {nnodes}' | sed -n 2p)" "most nodes first"
expect_out reports/vjr-format-keep.txt view-job-records -u user1 -o "{jobid} ?:{project} ?:{bank}|+:{bank}|"
expect_out reports/vjr-format-hide.txt view-job-records -j $((JOB1 + 7)) \
  -o "{jobid} ?:{project} ?:{bank}|+:{bank}|"
expect_out reports/vjr-format-conv.txt view-job-records -u user1 \
  -o "{t_run!D} {t_inactive!d:%H:%M::>6} {actual_duration!H:>8} {requested_duration!F}"
expect_out reports/vjr-format-r.txt view-job-records -j "$JOB1" -o "{resources}"
expect_fail "Unknown format field: bogus" view-job-records -o "{jobid} {bogus}"
expect_fail "Invalid sort key: bogus" view-job-records -o "sort:bogus {jobid}"
expect_fail "Unknown conversion specifier z" view-job-records -o "{jobid!z}"
expect_fail "Unknown format code 'f' for object of type 'str'" view-job-records -o "{bank:.2f}"

# --json: numbers stay numbers, the job ID is decimal.
expect_out reports/vjr-json.txt view-job-records --json -u user2
expect_out reports/vjr-json-empty.txt view-job-records --json -u nosuchuser
expect_fail "not allowed with argument" view-job-records --json -o "{jobid}"

# Bad database paths fail with one line.
expect_fail "does not exist" -p "$WORK/missing.db" view-job-records

finish
