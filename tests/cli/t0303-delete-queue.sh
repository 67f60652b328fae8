#!/bin/bash
# delete-queue: removes the row; warns on stdout when an association still
# lists the queue by its whole name (upstream's LIKE '%q%' also warned for
# "golden" when deleting "gold", spec §6.3 #18); unknown queues are an error.
. "$(dirname "$0")/lib.sh"

WARNING="WARNING: user(s) in the association_table still reference this queue. Make sure to edit user rows to account for this deleted queue."
queues() { sql "SELECT group_concat(queue, ' ') FROM (SELECT queue FROM queue_table ORDER BY rowid)"; }

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank A 1 --parent-bank root
for q in gold golden silver bronze old %; do expect_ok add-queue "$q"; done
expect_ok add-user -u alice -i 1001 -B A -q golden
expect_ok add-user -u bob -i 1002 -B A -q silver,bronze,golden
expect_ok add-user -u carol -i 1003 -B A -q old
expect_ok delete-user carol A

# Nobody lists "gold" as a whole name: deleted without a warning.
expect_ok delete-queue gold
expect_eq "" "$(cat "$WORK/out")" "no warning for a substring"
expect_eq "golden silver bronze old %" "$(queues)"
# "%" is a name, not a pattern.
expect_ok delete-queue %
expect_eq "" "$(cat "$WORK/out")" "no warning for %"

# Listed first, in the middle, last and alone: the row goes, with the warning.
expect_ok delete-queue silver
expect_eq "$WARNING" "$(cat "$WORK/out")" "first in a list"
expect_ok delete-queue bronze
expect_eq "$WARNING" "$(cat "$WORK/out")" "in the middle of a list"
expect_ok delete-queue golden
expect_eq "$WARNING" "$(cat "$WORK/out")" "last in a list and alone"
# A disabled association still names its queues (re-enabling brings them back).
expect_ok delete-queue old
expect_eq "$WARNING" "$(cat "$WORK/out")" "listed by a disabled association"
expect_eq "" "$(queues)" "every queue deleted"
# Associations keep their lists; the warning tells the administrator to edit them.
expect_eq "golden|silver,bronze,golden" \
  "$(sql "SELECT group_concat(queues, '|') FROM association_table WHERE username IN ('alice', 'bob')")"

# A deleted queue can no longer be given to users, and can be added again.
expect_fail "queue gold does not exist in queue_table" add-user -u dave -i 1004 -B A -q gold
expect_ok add-queue gold -P 5
expect_eq "5" "$(sql "SELECT priority FROM queue_table WHERE queue = 'gold'")"

# Errors: one line, nothing deleted.
expect_fail "queue nope not found in queue_table" delete-queue nope
expect_fail "queue Gold not found in queue_table" delete-queue Gold
expect_fail "queue golden not found in queue_table" delete-queue golden
expect_fail "the following arguments are required: QUEUE" delete-queue
expect_fail "unrecognized arguments: --force" delete-queue gold --force
expect_eq "gold" "$(queues)"

finish
