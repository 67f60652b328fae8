#!/bin/bash
# demo.sh FLUX_ACCOUNT DB: builds a small site from scratch the way an
# administrator would, then shows it. The database is made anew each run.
set -euo pipefail
fa_bin=$1 db=$2
rm -f "$db" "$db.backup"
fa() {
  echo "\$ flux account $*"
  "$fa_bin" -p "$db" "$@"
}
quiet() { "$fa_bin" -p "$db" "$@"; }

fa create-db --priority-decay-half-life 7d --priority-usage-reset-period 28d
echo
echo "# Banks: a root, two divisions, four projects' banks"
fa add-bank root 1
fa add-bank --parent-bank=root physics 3
fa add-bank --parent-bank=root biology 2
fa add-bank --parent-bank=physics astro 2
fa add-bank --parent-bank=physics plasma 1
fa add-bank --parent-bank=biology genomics 1
fa add-bank --parent-bank=biology --priority=1.5 neuro 1
echo
echo "# Queues with their limits, projects, and the weight of the queue factor"
fa add-queue batch --priority=0 --max-nodes-per-job=64 --max-time-per-job=1440 --max-running-jobs=200
fa add-queue debug --priority=10000 --max-nodes-per-job=2 --max-time-per-job=30 --max-running-jobs=2
fa add-queue standby --priority=-5000 --max-nodes-per-job=128 --max-time-per-job=720
fa add-project climate
fa add-project fusion
fa edit-factor --factor=queue --weight=20000
echo
echo "# Users: a dozen associations; two users belong to two banks"
n=0
for spec in alice:5001:astro bob:5002:astro carol:5003:astro dave:5004:plasma erin:5005:plasma \
  frank:5006:genomics grace:5007:genomics heidi:5008:neuro ivan:5009:neuro judy:5010:neuro \
  alice:5001:plasma grace:5007:neuro; do
  IFS=: read -r user uid bank <<<"$spec"
  n=$((n + 1))
  quiet add-user --username="$user" --bank="$bank" --userid="$uid" --shares=$((1 + n % 3)) \
    --queues=batch,standby
done
echo "(added 12 associations with add-user)"
fa edit-user judy --max-running-jobs=10 --max-active-jobs=20
fa edit-user alice --bank=plasma --max-nodes=4 --add-queue=debug
fa edit-user dave --projects=fusion --default-project=fusion
fa edit-user frank --projects=climate
fa delete-user ivan neuro
echo
fa list-banks
echo
fa view-bank astro --users
echo
fa view-bank root --tree
fa list-users --fields=username,bank,default_bank,shares,max_running_jobs,max_active_jobs,max_nodes,active
echo
fa view-user alice --fields=username,bank,default_bank,queues,projects,default_project,max_nodes
echo
fa list-queues --fields=queue,priority,max_nodes_per_job,max_time_per_job,max_running_jobs
echo
fa list-projects
echo
fa list-factors
echo
echo "# A month of finished jobs (made up), ingested and charged as usage"
now=$(date +%s)
start=$((now - 30 * 86400))
jobs=$(dirname "$db")/jobs.jsonl
"$(dirname "$0")/gen-jobs.sh" "$start" 30 alice:5001:astro bob:5002:astro carol:5003:astro \
  dave:5004:plasma erin:5005:plasma frank:5006:genomics grace:5007:genomics heidi:5008:neuro \
  judy:5010:neuro alice:5001:plasma grace:5007:neuro >"$jobs"
fa fetch-job-records --jsonl "$jobs"
fa update-usage
echo
fa view-usage-report --start="$(date -d @"$start" '+%Y-%m-%d')" --end=now --report-type=bybank --time-unit=hour
echo
fa show-usage associations --limit=8
echo
fa show-usage banks
echo
echo "# Fair-share from the usage, and the tree that explains it"
fa update-fshare
fa view-bank root --tree
echo
fa bank-info -u alice -v
echo
fa bank-info -T root
echo
echo "# What if: a morning's jobs on a 4-node machine under this policy (nothing is written)"
workload=$(dirname "$db")/morning.jsonl
cat >"$workload" <<'EOF'
{"t": 0, "user": "bob", "queue": "batch", "nnodes": 4, "ncores": 32, "duration": "1h"}
{"t": 60, "user": "carol", "queue": "standby", "nnodes": 2, "duration": "1h"}
{"t": 120, "user": "dave", "queue": "batch", "nnodes": 2, "duration": "1h", "runtime": "40m"}
{"t": 180, "user": "alice", "bank": "plasma", "queue": "debug", "nnodes": 1, "duration": "20m"}
{"t": 240, "user": "erin", "queue": "debug", "duration": "20m"}
{"t": 300, "user": "frank", "queue": "batch", "nnodes": 1, "duration": "30m"}
{"t": 5400, "op": "cancel", "job": 2}
EOF
cat "$workload"
fa simulate --nodes 4 --cores 8 --explain 2 "$workload"
echo "# (carol's standby job never starts: queue priority -5000 x weight 20000 takes its"
echo "#  priority below 0, and Flux never schedules a job of priority 0)"
echo "demo database: $db"
