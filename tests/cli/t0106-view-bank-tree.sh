#!/bin/bash
# view-bank -t on trees an older tool or a big site may leave: 100,000 banks
# deep, a cycle of parent banks, a repeated bank name, a missing parent; and
# view-bank -t --json (fields, -c, -A, norm values, option errors, depth).
. "$(dirname "$0")/lib.sh"

# json_valid FILE: 1 when SQLite parses FILE as JSON (it refuses nesting
# deeper than 2,000 levels, so only for trees under 1,000 banks deep).
json_valid() { sqlite3 :memory: "SELECT json_valid(readfile('$1'))"; }
# json_at FILE PATH: the value at PATH ('$.children[0].name').
json_at() { sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')"; }

add_assoc() {
  sql "INSERT INTO association_table
         (creation_time, mod_time, username, bank, default_bank, shares, job_usage, fairshare, active)
       VALUES (0, 0, '$1', '$2', '$2', ${3:-1}, ${4:-0.0}, ${5:-0.5}, ${6:-1})"
}

# upstream's small_no_tie hierarchy with its usage and fair-share values,
# leaf.2.2 disabled so that -A has something to hide.
expect_ok create-db
expect_ok add-bank root 1000
expect_ok add-bank --parent-bank=root account1 1000
expect_ok add-bank --parent-bank=root account2 100
expect_ok add-bank --parent-bank=root account3 10
add_assoc leaf.1.1 account1 10000 100.0 0.285714
add_assoc leaf.1.2 account1 1000 11.0 0.142857
add_assoc leaf.1.3 account1 100000 10.0 0.428571
add_assoc leaf.2.1 account2 100000 8.0 0.714286
add_assoc leaf.2.2 account2 10000 3.0 0.571429 0
add_assoc leaf.3.1 account3 100 0.0 1.0
add_assoc leaf.3.2 account3 10 1.0 0.857143
sql "UPDATE bank_table SET job_usage = CASE bank WHEN 'root' THEN 133.0 WHEN 'account1' THEN 121.0
       WHEN 'account2' THEN 11.0 ELSE 1.0 END"

expect_out view-bank/tree-json.json view-bank root -t --json
expect_eq 1 "$(json_valid "$WORK/out")" "tree JSON valid"
expect_eq 1 "$(wc -l <"$WORK/out")" "tree JSON on one line"
# bank-info's numbers: account2 100/1110 of the root; leaf.2.1 100000/110000
# of that; usage over the root's 133 (SQLite prints 15 digits).
expect_eq "0.0900900900900901|0.0819000819000819|0.075187969924812" \
  "$(sqlite3 :memory: "SELECT json_extract(j, '\$.children[1].norm_shares') || '|' ||
       json_extract(j, '\$.children[1].children[0].norm_shares') || '|' ||
       json_extract(j, '\$.children[0].children[2].norm_usage')
     FROM (SELECT readfile('$WORK/out') AS j)")" "norm values as bank-info computes them"
expect_eq "$(fa bank-info -t account2 -v -P | sed -n 3p | cut -d'|' -f3)" \
  "$(printf '%.6f' "$(json_at "$WORK/out" '$.children[1].children[0].norm_shares')")" \
  "the same norm_shares as bank-info"
expect_out view-bank/tree-json-concise.json view-bank root -t --json -c
expect_eq "leaf.1.1 leaf.1.2 leaf.1.3 leaf.2.1 leaf.2.2 leaf.3.2" \
  "$(grep -o '"name": "leaf[^"]*"' "$WORK/out" | cut -d'"' -f4 | xargs)" "-c: users with usage"
expect_out view-bank/tree-json-active.json view-bank account2 --tree --active --json
expect_eq 1 "$(json_valid "$WORK/out")" "subtree JSON valid"
expect_eq "account2|root|leaf.2.1|account2|0.0819000819000819|none" \
  "$(sqlite3 :memory: "SELECT json_extract(j, '\$.name') || '|' || json_extract(j, '\$.parent') || '|' ||
       json_extract(j, '\$.children[0].name') || '|' || json_extract(j, '\$.children[0].parent') || '|' ||
       json_extract(j, '\$.children[0].norm_shares') || '|' ||
       coalesce(json_extract(j, '\$.children[1]'), 'none')
     FROM (SELECT readfile('$WORK/out') AS j)")" "-A: leaf.2.2 hidden, its shares still counted"

# --json without -t: the bank's row, as without it; -o still wins.
expect_eq "$(fa view-bank account1)" "$(fa view-bank account1 --json)" "--json without -t"
expect_eq "account1" "$(fa view-bank account1 -t --json -o '{bank}' | tail -1)" "-o wins"
expect_fail "argument -P/--parsable: not allowed with argument --json" view-bank root -t --json -P
expect_fail "argument --json: not allowed with argument -P/--parsable" view-bank root -t -P --json
expect_fail "argument --json: not allowed with argument -u/--users" view-bank root -u --json
expect_fail "--tree option does not support custom formatting" view-bank root -t --json --fields=bank
expect_fail "bank foo not found in bank_table" view-bank foo -t --json
# Numbers are needed for the norm values: text an older tool stored is
# named, as bank-info does (the text tree prints it as stored).
sql "UPDATE bank_table SET shares = 'lots' WHERE bank = 'account3'"
expect_fail "shares of bank account3 is not an integer: 'lots'" view-bank root -t --json
expect_ok view-bank root -t -P
expect_eq " account3||true|lots|1.0" "$(grep '^ account3' "$WORK/out")" "text tree prints it as stored"
sql "UPDATE bank_table SET shares = 10 WHERE bank = 'account3'"

# A missing parent: the bank's own tree still shows; its norm values are
# unknown (null), since it is not below the root.
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('lost', 'gone', 2)"
add_assoc lostuser lost
expect_ok view-bank lost -t -P
expect_eq "Bank|Username|Active|RawShares|RawUsage|Fairshare
lost||true|2|0.0
 lost|lostuser|true|1|0.0|0.5" "$(cat "$WORK/out")" "orphan bank tree"
expect_out view-bank/tree-json-orphan.json view-bank lost -t --json

# A cycle of parent banks (X under Y, Y under X) and a repeated name (a
# second account1 under account2): each bank is shown once and the command
# ends.
sql "INSERT INTO bank_table (bank, parent_bank, shares) VALUES ('X', 'Y', 1), ('Y', 'X', 1),
       ('account1', 'account2', 5)"
add_assoc xuser X
timeout 10 "$FLUX_ACCOUNT" -p "$DB" view-bank X -t -P >"$WORK/cycle.out"
expect_eq 0 $? "view-bank -t on a cycle ends"
expect_eq "Bank|Username|Active|RawShares|RawUsage|Fairshare
X||true|1|0.0
 Y||true|1|0.0" "$(cat "$WORK/cycle.out")" "cycle: each bank once"
timeout 10 "$FLUX_ACCOUNT" -p "$DB" view-bank Y -t --json >"$WORK/cycle.json"
expect_eq 0 $? "view-bank -t --json on a cycle ends"
expect_eq '{"name": "Y", "type": "bank", "parent": "X", "active": true, "shares": 1, "usage": 0.0, "norm_shares": null, "norm_usage": null, "children": [{"name": "X", "type": "bank", "parent": "Y", "active": true, "shares": 1, "usage": 0.0, "norm_shares": null, "norm_usage": null, "children": []}]}' \
  "$(cat "$WORK/cycle.json")" "cycle JSON: each bank once, norm values unknown"
# (account2 now has a sub-bank row, so, as any bank with sub-banks, it
# lists no associations.)
expect_ok view-bank root -t -P
expect_eq "Bank|Username|Active|RawShares|RawUsage|Fairshare
root||true|1000|133.0
 account1||true|1000|121.0
  account1|leaf.1.1|true|10000|100.0|0.285714
  account1|leaf.1.2|true|1000|11.0|0.142857
  account1|leaf.1.3|true|100000|10.0|0.428571
 account2||true|100|11.0
 account3||true|10|1.0
  account3|leaf.3.1|true|100|0.0|1.0
  account3|leaf.3.2|true|10|1.0|0.857143" "$(cat "$WORK/out")" "a repeated name is shown once"

# 100,000 banks in a chain, with one user at the bottom. The stack is cut to
# 1 MB so that a recursive walk fails here whatever its frame size. The text
# forms indent each line by its depth, so they are viewed from b80000: 20,001
# levels (200 MB of output, streamed and never held; from b1 it would be 5 GB),
# still far more than 1 MB of stack allows a recursive walk.
DB="$WORK/deep.db"
expect_ok create-db
sql "WITH RECURSIVE chain(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM chain WHERE i < 100000)
     INSERT INTO bank_table (bank, parent_bank, shares)
       SELECT 'b' || i, CASE i WHEN 1 THEN '' ELSE 'b' || (i - 1) END, 1 FROM chain"
expect_ok add-user --username=deepuser --userid=70000 --bank=b100000
deep() { (ulimit -s 1024 && "$FLUX_ACCOUNT" -p "$DB" view-bank "$@"); }

deep b80000 -t -P | tail -n 2 >"$WORK/deep.tail"
expect_eq "0 0" "${PIPESTATUS[*]}" "deep -t -P"
expect_eq "20001 b100000|deepuser|true|1|0.0|0.5" \
  "$(head -1 "$WORK/deep.tail" | awk '{ match($0, /^ */); print RLENGTH, substr($0, RLENGTH + 1) }')" \
  "deep -t -P last line: indented by its depth"
deep b80000 -t | wc -l >"$WORK/deep.count"
expect_eq "0 0" "${PIPESTATUS[*]}" "deep -t"
expect_eq 20004 "$(cat "$WORK/deep.count")" "deep -t: header, 20,001 banks, a user, a blank line"

deep b1 -t --json >"$WORK/deep.json"
expect_eq 0 $? "deep -t --json"
expect_eq 1 "$(wc -l <"$WORK/deep.json")" "deep JSON on one line"
expect_eq "100000 1" "$(grep -o '"type": "bank"' "$WORK/deep.json" | wc -l) $(grep -o '"type": "user"' "$WORK/deep.json" | wc -l)" \
  "deep JSON nodes"
expect_eq "100001 100001 100000 100000" \
  "$(for c in '{' '}' '[' ']'; do tr -cd "$c" <"$WORK/deep.json" | wc -c; done | xargs)" "deep JSON balanced"
start='{"name": "b1", "type": "bank", "parent": "", "active": true, "shares": 1, "usage": 0.0, "norm_shares": 1.0, "norm_usage": 1.0, "children": [{"name": "b2", '
expect_eq "$start" "$(head -c ${#start} "$WORK/deep.json")" "deep JSON start"
user='{"name": "deepuser", "type": "user", "parent": "b100000", "active": true, "shares": 1, "usage": 0.0, "fairshare": 0.5, "norm_shares": 1.0, "norm_usage": 0.0}'
expect_eq "$user" "$(tail -c $((${#user} + 200001)) "$WORK/deep.json" | head -c ${#user})" "deep JSON: the user last"
tail -c 200001 "$WORK/deep.json" >"$WORK/deep.end"
expect_eq "100000 1" "$(grep -o ']}' "$WORK/deep.end" | wc -l) $(tr -d ']}' <"$WORK/deep.end" | wc -c)" \
  "deep JSON: 100,000 banks closed"
# The last 900 levels parse (SQLite's own limit is 2,000 nesting levels).
expect_ok view-bank b99100 -t --json
expect_eq "1|b99101|deepuser" "$(json_valid "$WORK/out")|$(json_at "$WORK/out" '$.children[0].name')|$(
  grep -o '"name": "deepuser"' "$WORK/out" | cut -d'"' -f4)" "deep subtree JSON valid"

finish
