#!/bin/bash
# fairshare-emulate (flux account-fairshare-emulate): upstream's t1098 cases,
# the four output forms, upstream's error lines, and inputs its emulator
# would crash on (wrong types, negative or non-finite numbers, 100,000
# levels of nesting).
. "$(dirname "$0")/lib.sh"

EMULATE="$(dirname "$FLUX_ACCOUNT")/flux-account-fairshare-emulate"
cd "$WORK" || exit 1

# emulate ARGS...: runs the stand-alone name; stdout in $WORK/out, stderr in $WORK/err.
emulate() {
  "$EMULATE" "$@" >"$WORK/out" 2>"$WORK/err"
}

# emulate_fail LINE ARGS...: exit 1, exactly LINE on stderr, nothing on stdout.
emulate_fail() {
  local line=$1
  shift
  emulate "$@"
  local rc=$?
  expect_eq 1 "$rc" "exit status of fairshare-emulate $*"
  expect_eq "$line" "$(cat "$WORK/err")" "stderr of fairshare-emulate $*"
  expect_eq "" "$(cat "$WORK/out")" "stdout of fairshare-emulate $*"
}

cat >small_no_tie.json <<'JSON'
{"root": {"bank": "root", "shares": 1000, "usage": 133, "children": [
  {"bank": "account1", "shares": 1000, "usage": 121, "children": [
    {"username": "leaf.1.1", "shares": 10000, "usage": 100},
    {"username": "leaf.1.2", "shares": 1000, "usage": 11},
    {"username": "leaf.1.3", "shares": 100000, "usage": 10}]},
  {"bank": "account2", "shares": 100, "usage": 11, "children": [
    {"username": "leaf.2.1", "shares": 100000, "usage": 8},
    {"username": "leaf.2.2", "shares": 10000, "usage": 3}]},
  {"bank": "account3", "shares": 10, "usage": 1, "children": [
    {"username": "leaf.3.1", "shares": 100, "usage": 0},
    {"username": "leaf.3.2", "shares": 10, "usage": 1}]}]}}
JSON
cat >small_tie.json <<'JSON'
{"root": {"bank": "root", "shares": 1000, "usage": 133, "children": [
  {"bank": "account1", "shares": 1000, "usage": 120, "children": [
    {"username": "leaf.1.1", "shares": 10000, "usage": 100},
    {"username": "leaf.1.2", "shares": 1000, "usage": 10},
    {"username": "leaf.1.3", "shares": 100000, "usage": 10}]},
  {"bank": "account2", "shares": 100, "usage": 12, "children": [
    {"username": "leaf.2.1", "shares": 10000, "usage": 10},
    {"username": "leaf.2.2", "shares": 1000, "usage": 1},
    {"username": "leaf.2.3", "shares": 100000, "usage": 1}]},
  {"bank": "account3", "shares": 10, "usage": 1, "children": [
    {"username": "leaf.3.1", "shares": 100, "usage": 0},
    {"username": "leaf.3.2", "shares": 10, "usage": 1}]}]}}
JSON
cat >small_tie_all.json <<'JSON'
{"root": {"bank": "root", "shares": 1000, "usage": 1332, "children": [
  {"bank": "account1", "shares": 1000, "usage": 120, "children": [
    {"username": "leaf.1.1", "shares": 10000, "usage": 100},
    {"username": "leaf.1.2", "shares": 1000, "usage": 10},
    {"username": "leaf.1.3", "shares": 100000, "usage": 10}]},
  {"bank": "account2", "shares": 100, "usage": 12, "children": [
    {"username": "leaf.2.1", "shares": 10000, "usage": 10},
    {"username": "leaf.2.2", "shares": 1000, "usage": 1},
    {"username": "leaf.2.3", "shares": 100000, "usage": 1}]},
  {"bank": "account3", "shares": 10000, "usage": 1200, "children": [
    {"username": "leaf.3.1", "shares": 10000, "usage": 1000},
    {"username": "leaf.3.2", "shares": 1000, "usage": 100},
    {"username": "leaf.3.3", "shares": 100000, "usage": 100}]}]}}
JSON

emulate -i small_no_tie.json -o "{username},{fairshare}"
expect_eq "leaf.3.1,1.0
leaf.3.2,0.857143
leaf.2.1,0.714286
leaf.2.2,0.571429
leaf.1.3,0.428571
leaf.1.1,0.285714
leaf.1.2,0.142857" "$(cat "$WORK/out")" "small_no_tie"

emulate -i small_tie.json -o "{username},{fairshare}"
expect_eq "leaf.3.1,1.0
leaf.3.2,0.875
leaf.1.3,0.75
leaf.2.3,0.75
leaf.1.2,0.5
leaf.2.2,0.5
leaf.1.1,0.5
leaf.2.1,0.5" "$(cat "$WORK/out")" "small_tie"

emulate -i small_tie_all.json -o "{username},{fairshare}"
expect_eq "leaf.1.3,1.0
leaf.2.3,1.0
leaf.3.3,1.0
leaf.1.2,0.666667
leaf.2.2,0.666667
leaf.3.2,0.666667
leaf.1.1,0.666667
leaf.2.1,0.666667
leaf.3.1,0.666667" "$(cat "$WORK/out")" "small_tie_all"

emulate -i small_tie_all.json -P
expect_eq "leaf.1.3|account1|100000|10|1.0
leaf.2.3|account2|100000|1|1.0
leaf.3.3|account3|100000|100|1.0
leaf.1.2|account1|1000|10|0.666667
leaf.2.2|account2|1000|1|0.666667
leaf.3.2|account3|1000|100|0.666667
leaf.1.1|account1|10000|100|0.666667
leaf.2.1|account2|10000|10|0.666667
leaf.3.1|account3|10000|1000|0.666667" "$(cat "$WORK/out")" "small_tie_all parsable"

# Golden outputs (the JSON one is upstream's small_tie_all_json.expected).
golden() {
  local file=$1
  shift
  if emulate "$@"; then pass; else fail "fairshare-emulate $* failed: $(cat "$WORK/err")"; fi
  [ "${UPDATE_GOLDEN:-0}" = 1 ] && cp "$WORK/out" "$EXPECTED_DIR/$file"
  if diff -u "$EXPECTED_DIR/$file" "$WORK/out" >&2; then pass; else fail "$* differs from $file"; fi
}
golden fairshare-emulate/small_tie_all.json -i small_tie_all.json --json
golden fairshare-emulate/small_tie_all.json -i small_tie_all.json -j -o "{username}"
golden fairshare-emulate/small_no_tie-table.txt -i small_no_tie.json
golden fairshare-emulate/small_no_tie-table.txt -i small_no_tie.json -o ""
golden fairshare-emulate/small_tie-format.txt -i small_tie.json -o "{username:>10} {bank:^10} {shares:>7} {usage:6.2f} {fairshare:.3f}"

# Defaults (shares 1, usage 0.0), floats rounded in the table, deep nesting.
cat >defaults.json <<'JSON'
{"root": {"bank": "root", "children": [
  {"bank": "a", "children": [{"username": "u1", "usage": 2.675}, {"username": "u2"},
                             {"username": "üser", "shares": 2, "usage": 1.23456789}]}]}}
JSON
golden fairshare-emulate/defaults-table.txt -i defaults.json
golden fairshare-emulate/defaults.json -i defaults.json --json

cat >single_user.json <<'JSON'
{"root": {"bank": "root", "shares": 1000, "usage": 100, "children": [
  {"bank": "account1", "shares": 1000, "usage": 100, "children": [
    {"username": "only.user", "shares": 1000, "usage": 100}]}]}}
JSON
emulate -i single_user.json -o "{username},{fairshare}"
expect_eq "only.user,1.0" "$(cat "$WORK/out")" "single user"

cat >deeply_nested.json <<'JSON'
{"root": {"bank": "root", "shares": 1000, "usage": 100, "children": [
  {"bank": "level1", "shares": 1000, "usage": 100, "children": [
    {"bank": "level2", "shares": 1000, "usage": 100, "children": [
      {"bank": "level3", "shares": 1000, "usage": 100, "children": [
        {"username": "deep.user1", "shares": 1000, "usage": 50},
        {"username": "deep.user2", "shares": 1000, "usage": 50}]}]}]}]}}
JSON
emulate -i deeply_nested.json -o "{username},{fairshare}"
expect_eq "deep.user1,1.0
deep.user2,1.0" "$(cat "$WORK/out")" "deeply nested"

cat >identical_weights.json <<'JSON'
{"root": {"bank": "root", "shares": 1000, "usage": 300, "children": [
  {"bank": "account1", "shares": 1000, "usage": 300, "children": [
    {"username": "user.a", "shares": 1000, "usage": 100},
    {"username": "user.b", "shares": 1000, "usage": 100},
    {"username": "user.c", "shares": 1000, "usage": 100}]}]}}
JSON
emulate -i identical_weights.json -o "{username},{fairshare}"
expect_eq "user.a,1.0
user.b,1.0
user.c,1.0" "$(cat "$WORK/out")" "identical weights"

# 100,000 banks nested in one another, a user at the bottom and one at the top.
python3 - >deep.json <<'PY'
depth = 100000
print('{"root": {"bank": "root", "children": [{"username": "top", "usage": 5}, ' +
      ''.join('{"bank": "b%d", "children": [' % i for i in range(depth)) +
      '{"username": "bottom", "usage": 1}' + ']}' * depth + ']}}')
PY
emulate -i deep.json -P
expect_eq "bottom|b99999|1|1|1.0
top|root|1|5|0.5" "$(cat "$WORK/out")" "100,000 levels"

# Errors: upstream's lines, exit 1, nothing on stdout.
emulate_fail "fairshare-emulate: FileNotFoundError: input file not found: foo.json" -i foo.json
printf '{\n\tthis sure is bad JSON\n}\n' >bad.json
emulate -i bad.json
expect_eq 1 $? "bad JSON exit status"
expect_eq "fairshare-emulate: JSONDecodeError: invalid JSON in input file: " \
  "$(cut -c1-64 "$WORK/err")" "bad JSON message"
emulate_fail "fairshare-emulate: ValueError: JSON must contain 'root' key" -i <(echo '{"top": {}}')
emulate_fail "fairshare-emulate: ValueError: JSON must contain 'root' key" -i <(echo '["root"]')
emulate_fail "fairshare-emulate: ValueError: Node must have 'username' or 'bank' key" \
  -i <(echo '{"root": {"shares": 1}}')
emulate_fail "fairshare-emulate: ValueError: Node must have 'username' or 'bank' key" \
  -i <(echo '{"root": {"bank": "r", "children": [{"username": ""}]}}')
cat >empty_hierarchy.json <<'JSON'
{"root": {"bank": "root", "shares": 1000, "usage": 0, "children": [
  {"bank": "account1", "shares": 1000, "usage": 0, "children": []}]}}
JSON
emulate_fail "fairshare-emulate: ValueError: no users found in input" -i empty_hierarchy.json
emulate_fail "fairshare-emulate: ValueError: no users found in input" -i empty_hierarchy.json --json
emulate_fail "fairshare-emulate: ValueError: Invalid format string key: 'invalid_field'" \
  -i single_user.json -o "{username},{invalid_field}"
emulate_fail "fairshare-emulate: ValueError: Unknown format code 'd' for object of type 'str'" \
  -i single_user.json -o "{username:d}"
# ... and inputs upstream's emulator would crash on or misread.
emulate_fail "fairshare-emulate: ValueError: Node must be an object, got \"x\"" \
  -i <(echo '{"root": {"bank": "r", "children": ["x"]}}')
emulate_fail "fairshare-emulate: ValueError: bank 'r': 'children' must be a list, got an object" \
  -i <(echo '{"root": {"bank": "r", "children": {"a": 1}}}')
emulate_fail "fairshare-emulate: ValueError: user 'u': a user cannot have 'children'" \
  -i <(echo '{"root": {"bank": "r", "children": [{"username": "u", "children": []}]}}')
emulate_fail "fairshare-emulate: ValueError: 'username' must be a string, got 5" \
  -i <(echo '{"root": {"bank": "r", "children": [{"username": 5}]}}')
emulate_fail "fairshare-emulate: ValueError: user 'u': 'shares' must be a finite non-negative number, got -1" \
  -i <(echo '{"root": {"bank": "r", "children": [{"username": "u", "shares": -1}]}}')
emulate_fail "fairshare-emulate: ValueError: user 'u': 'usage' must be a finite non-negative number, got \"7\"" \
  -i <(echo '{"root": {"bank": "r", "children": [{"username": "u", "usage": "7"}]}}')
emulate_fail "fairshare-emulate: ValueError: bank 'r': 'shares' must be a finite non-negative number, got true" \
  -i <(echo '{"root": {"bank": "r", "shares": true}}')
emulate_fail "fairshare-emulate: ValueError: user 'u': 'shares' must be a finite non-negative number, got null" \
  -i <(echo '{"root": {"bank": "r", "children": [{"username": "u", "shares": null}]}}')
emulate_fail "fairshare-emulate: ValueError: the root must be a bank, not a user ('username' u)" \
  -i <(echo '{"root": {"username": "u"}}')
# NaN is not JSON (Python's json would take it, then rank nonsense).
emulate -i <(echo '{"root": {"bank": "r", "children": [{"username": "u", "usage": NaN}]}}')
expect_eq 1 $? "NaN refused"
grep -q "^fairshare-emulate: JSONDecodeError: " "$WORK/err" && pass || fail "NaN: $(cat "$WORK/err")"
# 1,000,000 nested lists: parsed without recursion, then refused.
python3 -c 'print("{\"root\": " + "[" * 1000000 + "]" * 1000000 + "}")' >lists.json
emulate_fail "fairshare-emulate: ValueError: Node must be an object, got a list" -i lists.json
emulate_fail "fairshare-emulate: OSError: cannot read input file $WORK: Is a directory" -i "$WORK"
emulate_fail "fairshare-emulate: ValueError: Invalid format string key: ''" -i single_user.json -o "{}"
emulate -i
expect_eq 2 $? "missing -i value"
emulate
expect_eq "flux account-fairshare-emulate: error: the following arguments are required: -i/--input" \
  "$(cat "$WORK/err")" "-i required"

# The sub-command form is the same command.
expect_eq "$("$FLUX_ACCOUNT" fairshare-emulate -i small_tie.json -P)" \
  "$("$EMULATE" -i small_tie.json -P)" "sub-command form"

finish
