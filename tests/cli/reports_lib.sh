# A site with job records for the report tests (t08xx). Now is
# 2026-01-01 00:00:00 UTC, so view-usage-report's default window is
# 2025-12-31 00:00 (1767139200) to 2026-01-01 00:00 (1767225600).
#
#   uid 0 is root in the password database; 50001-50003 are not, so they
#   show as their numbers (user1, user2 and "user three" exist only in
#   association_table).
R1='{"version":1,"execution":{"R_lite":[{"rank":"0","children":{"core":"0-3"}}],"starttime":0,"expiration":0,"nodelist":["n0"]}}'
R2='{"version":1,"execution":{"R_lite":[{"rank":"0-1","children":{"core":"0-3","gpu":"0"}}],"starttime":0,"expiration":0,"nodelist":["n[0-1]"]}}'
R4='{"version":1,"execution":{"R_lite":[{"rank":"0-3","children":{"core":"0-7"}}],"starttime":0,"expiration":0,"nodelist":["n[0-3]"]}}'
JOB1=6787342413402046  # ƒuzzybunny

setup_site() {
  expect_ok create-db
  expect_ok add-bank root 1
  expect_ok add-bank A 1 --parent-bank root
  expect_ok add-bank B 1 --parent-bank root
  expect_ok add-bank "big bank" 1 --parent-bank root
  expect_ok add-user -u user1 -i 50001 -B A
  expect_ok add-user -u user2 -i 50002 -B A
  expect_ok add-user -u user2 -i 50002 -B B
  expect_ok add-user -u "user three" -i 50003 -B "big bank"
  expect_ok add-user -u root -i 0 -B B
  expect_ok add-project proj1
}

# add_job ID_OFFSET UID T_RUN T_INACTIVE R PROJECT BANK REQUESTED [ACTUAL]
add_job() {
  local id=$((JOB1 + $1)) actual=${9:-$(($4 - $3))}
  sql "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, project,
         bank, requested_duration, actual_duration)
       VALUES ('$id', $2, $3 - 60, $3, $4, '0', '$5', '{}', $6, $7, $8, $actual)"
}

add_jobs() {
  add_job 0 50001 1767150060 1767153660 "$R1" "'*'" "'A'" 3600
  add_job 1 50002 1767160000 1767160600 "$R2" "'proj1'" "'A'" 1800
  add_job 2 50002 1767170000 1767177200 "$R4" "'*'" "'B'" 7200
  add_job 3 0 1767100000 1767140000 "$R1" "'*'" "'B'" 36000
  add_job 4 50001 1767150000 1767150100 "not R" "'*'" "'A'" 100
  add_job 5 50003 1766200000 1767200000 "$R1" "'*'" "'big bank'" 0
  add_job 6 50001 1767220000 1767230000 "$R2" "'*'" "'A'" 10000 9000.5
  add_job 7 50002 1767180000 1767180030 "$R1" "NULL" "NULL" 60
}
