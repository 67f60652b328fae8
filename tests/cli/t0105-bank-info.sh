#!/bin/bash
# bank-info: the share tree down from a bank (-t, -T), up to the root (-r,
# -u, and the current user by default), its four text forms and --json,
# -x, the '*' on the user's default bank, and bad trees (no root, two roots,
# cycles, 100,000 levels deep, text in a numeric column).
. "$(dirname "$0")/lib.sh"

# The root bank is "org", not "root", so that a test run as root does not
# also find its own name among the banks.
expect_ok create-db
expect_fail "No root bank found in bank_table" bank-info -t org
expect_ok add-bank org 1
for b in A B C; do expect_ok add-bank --parent-bank=org $b 1; done
expect_ok add-bank --parent-bank=C C1 3
expect_ok add-bank --parent-bank=C C2 1
expect_ok add-user --username=alice --userid=50001 --bank=A
expect_ok add-user --username=bob --userid=50002 --bank=A --shares=3
expect_ok add-user --username=carol --userid=50003 --bank=B
expect_ok add-user --username=alice --userid=50001 --bank=C1
expect_ok add-user --username=dave --userid=50004 --bank=C2
expect_ok delete-user dave C2 # inactive associations are shown too
sql "UPDATE bank_table SET job_usage = CASE bank WHEN 'org' THEN 200.0 WHEN 'A' THEN 150.0
       WHEN 'B' THEN 50.0 ELSE 0.0 END"
sql "UPDATE association_table SET job_usage = 100.0, fairshare = 0.25 WHERE username = 'alice' AND bank = 'A'"
sql "UPDATE association_table SET job_usage = 50.0, fairshare = 0.75 WHERE username = 'bob'"
sql "UPDATE association_table SET job_usage = 50.0, fairshare = 1.0 WHERE username = 'carol'"

expect_out bank-info/tree.txt bank-info -t org
expect_out bank-info/tree-no-users.txt bank-info -T org
expect_out bank-info/tree-verbose.txt bank-info --tree=org -v
expect_out bank-info/tree-parsable.txt bank-info -t org -P
expect_out bank-info/tree-verbose-parsable.txt bank-info -t org -v -P
expect_out bank-info/tree-C-noheader.txt bank-info -t C -n
expect_out bank-info/to-root.txt bank-info -r C2
expect_out bank-info/user-alice.txt bank-info -u alice
expect_out bank-info/user-alice-json.txt bank-info -u alice --json
expect_out bank-info/tree-exclude.txt bank-info -t org -x C
expect_out bank-info/tree-exclude-user.txt bank-info -t org -x bob -P
expect_out bank-info/user-alice-exclude.txt bank-info -u alice -x A
expect_eq " A*|1|0.333333|0.750000|--" "$(fa bank-info -u alice -P | sed -n 3p)" "default bank marked"
expect_eq "  C1|3|0.250000|0.000000|--" "$(fa bank-info -u alice -P | sed -n 7p)" "other bank unmarked"
expect_eq "    dave|1|0.083333|0.000000|0.500" "$(fa bank-info -u dave -P | tail -1)" "inactive user shown"

# No option: the user running the command, up to the root from each of
# their associations, the same as -u with their name.
me=$(id -un)
expect_fail "Could not find \"$me\"" bank-info
expect_ok add-user --username="$me" --userid="$(id -u)" --bank=B
expect_ok add-user --username="$me" --userid="$(id -u)" --bank=C2
expect_ok bank-info
expect_eq "$(fa bank-info -u "$me")" "$(cat "$WORK/out")" "default is the current user"
expect_eq 8 "$(wc -l <"$WORK/out")" "two paths and a header"
expect_eq " B*" "$(sed -n 3p "$WORK/out" | cut -c1-3)" "current user's default bank marked"

expect_fail 'Could not find "foo"' bank-info -t foo
expect_fail 'Could not find "foo"' bank-info -T foo
expect_fail 'Could not find "foo"' bank-info -r foo
expect_fail 'Could not find "nobody"' bank-info -u nobody
expect_fail "argument -t/--tree: expected one argument" bank-info -t
expect_fail "argument -T/--tree-no-users: expected one argument" bank-info -T
expect_fail "argument -u/--user: not allowed with argument -t/--tree" bank-info -t org -u alice
expect_fail "argument -r/--to-root: not allowed with argument -T/--tree-no-users" bank-info -T org -r A
expect_fail "argument -P/--parsable: not allowed with argument --json" bank-info --json -P -t org

# A cycle of parent banks (left by an older tool) is not reachable from the
# root: it is not shown and the command ends.
before=$(fa bank-info -t org)
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('X', 'Y', 1), ('Y', 'X', 1)"
timeout 10 "$FLUX_ACCOUNT" -p "$DB" bank-info -t org >"$WORK/cycle.out"
expect_eq 0 $? "bank-info on a file with a cycle ends"
expect_eq "$before" "$(cat "$WORK/cycle.out")" "cycle not shown"
expect_fail 'Could not find "X"' bank-info -t X
sql "DELETE FROM bank_table WHERE bank IN ('X', 'Y')"

# Two root banks: which one was meant is not ours to guess.
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('other', '', 1)"
expect_fail "bank_table has 2 root banks (parent_bank ''): org, other; there must be one" \
  bank-info -t org
sql "DELETE FROM bank_table WHERE bank = 'other'"

# A value an older tool stored as text is named, not misprinted.
sql "UPDATE bank_table SET shares = 'lots' WHERE bank = 'B'"
expect_fail "shares of bank B is not an integer: 'lots'" bank-info -t org
sql "UPDATE bank_table SET shares = 1 WHERE bank = 'B'"

# 100,000 banks in a chain: no recursion to overflow.
DB="$WORK/deep.db"
expect_ok create-db
sql "WITH RECURSIVE chain(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM chain WHERE i < 100000)
     INSERT INTO bank_table (bank, parent_bank, shares)
       SELECT 'b' || i, CASE i WHEN 1 THEN '' ELSE 'b' || (i - 1) END, 1 FROM chain"
expect_ok add-user --username=deepuser --userid=70000 --bank=b100000
# (Each line is indented by its depth, so the whole path would be 5 GB of
# text: -x and a subtree near the bottom keep the output small.)
expect_ok bank-info -u deepuser -n -x b2
expect_eq 0 "$(wc -c <"$WORK/out")" "deep path excluded"
expect_ok bank-info -t b1 -x b2 -P
expect_eq "Name|Shares|Norm_Shares|Norm_Usage|Norm_FS
b1|1|1.000000|1.000000|inf" "$(cat "$WORK/out")" "deep tree cut at b2"
expect_ok bank-info -t b99999 -P -n
expect_eq 3 "$(wc -l <"$WORK/out")" "deep subtree lines"
expect_eq "$(printf '%*s' 100001 '')deepuser|1|1.000000|0.000000|0.500" "$(tail -1 "$WORK/out")" \
  "deep user line"

finish
