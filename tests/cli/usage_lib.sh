# Helpers for the usage tests (t07*): job records inserted with SQL, as
# fetch-job-records would leave them, and reading usage back.
#
#   R_of RANKS [CORES] [GPUS]     an R version 1 document: one R_lite entry
#   job ID UID BANK T_RUN T_INACTIVE RANKS [CORES] [GPUS]
#                                 inserts a job record (cores default 0-3)
#   usage USER BANK               association_table.job_usage
#   bins USER BANK                the bins, period order, comma-separated
#   bank_usage BANK               bank_table.job_usage
#   last_job USER BANK            job_usage_factor_table.last_job_timestamp
#   period_end                    t_half_life_period_table.end_half_life_period
#   at TIME ARGS...               runs flux-account with "now" = TIME

R_of() {
  local children="\"core\":\"${2:-0-3}\""
  [ -n "${3:-}" ] && children="$children,\"gpu\":\"$3\""
  printf '{"version":1,"execution":{"R_lite":[{"rank":"%s","children":{%s}}]}}' "$1" "$children"
}

job() {
  local id=$1 uid=$2 bank=$3 t_run=$4 t_inactive=$5 ranks=$6
  sql "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, project, bank)
       VALUES ('$id', $uid, $t_run, $t_run, $t_inactive, '$ranks',
               '$(R_of "$ranks" "${7:-0-3}" "${8:-}")', '{}', '*', '$bank')"
}

usage() { sql "SELECT job_usage FROM association_table WHERE username = '$1' AND bank = '$2'"; }
bins() {
  sql "SELECT group_concat(value, ',') FROM (SELECT value FROM job_usage_per_association_table
       WHERE username = '$1' AND bank = '$2' ORDER BY period)"
}
bank_usage() { sql "SELECT job_usage FROM bank_table WHERE bank = '$1'"; }
last_job() {
  sql "SELECT last_job_timestamp FROM job_usage_factor_table WHERE username = '$1' AND bank = '$2'"
}
period_end() { sql "SELECT end_half_life_period FROM t_half_life_period_table"; }
set_bins() {  # USER BANK V0 V1 V2 V3
  local user=$1 bank=$2 p=0
  shift 2
  for v in "$@"; do
    sql "UPDATE job_usage_per_association_table SET value = $v
         WHERE username = '$user' AND bank = '$bank' AND period = $p"
    p=$((p + 1))
  done
}
at() {
  local t=$1
  shift
  FLUXACCT_NOW=$t fa "$@"
}
