#!/bin/bash
# The command line as upstream's users know it: help everywhere, argparse's
# error texts, option prefixes, -p before or after the sub-command, and the
# stand-alone names.
. "$(dirname "$0")/lib.sh"

# Help for the command and for every sub-command it lists.
"$FLUX_ACCOUNT" --help >"$WORK/help" || fail "flux-account --help failed"
subs=$(sed -n '/^subcommands:/,$p' "$WORK/help" | awk 'NR > 1 && NF {print $1}')
[ -n "$subs" ] && pass || fail "--help lists no sub-commands"
for s in $subs; do
  if "$FLUX_ACCOUNT" "$s" --help >"$WORK/sub" 2>&1 && grep -q "^usage: flux-account $s" "$WORK/sub"; then
    pass
  else
    fail "flux-account $s --help: $(head -3 "$WORK/sub")"
  fi
done
"$FLUX_ACCOUNT" add-user --h >"$WORK/sub" 2>&1 && grep -q "^usage: flux-account add-user" "$WORK/sub" &&
  pass || fail "--h is a prefix of --help"

# argparse's errors, one line each, exit status 2.
expect_fail "flux-account: error: the following arguments are required: SUBCOMMAND"
expect_fail "argument SUBCOMMAND: invalid choice: 'frobnicate'" frobnicate
expect_fail "flux-account add-user: error: the following arguments are required: -u/--username, -B/--bank" add-user
expect_fail "flux-account list-banks: error: unrecognized arguments: --foo=bar" list-banks --foo=bar
fa list-banks --foo=bar 2>/dev/null
expect_eq 2 $? "exit status of a usage error"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank --parent=root A 1
sql "INSERT INTO queue_table (queue) VALUES ('batch')"
# Unambiguous prefixes of long options, and --opt=value / --opt value / -xVALUE.
expect_fail "ambiguous option: --user could match --username, --userid" add-user --user=alice -B A
expect_ok add-user --usern=alice --ban A --queue=batch -i1001
expect_eq "alice|A|batch|1001" "$(sql "SELECT username, bank, queues, userid FROM association_table")"

# -p after the sub-command, as the stand-alone commands take it.
other=$WORK/other.db
"$FLUX_ACCOUNT" create-db -p "$other" && [ -f "$other" ] && pass || fail "create-db -p after the sub-command"
"$FLUX_ACCOUNT" list-banks --path="$other" 2>"$WORK/err"
grep -q "no results found in query" "$WORK/err" && pass || fail "list-banks --path after the sub-command: $(cat "$WORK/err")"

# Stand-alone names pick their sub-command from the link's name.
if [ -n "${FLUXACCT_BUILD_DIR:-}" ] && [ -x "$FLUXACCT_BUILD_DIR/flux-account-update-db" ]; then
  "$FLUXACCT_BUILD_DIR/flux-account-update-db" -p "$DB" && pass || fail "flux-account-update-db -p DB"
  ln -s "$FLUX_ACCOUNT" "$WORK/flux-account-no-such-command"
  "$WORK/flux-account-no-such-command" -p "$DB" 2>"$WORK/err"
  expect_eq 2 $? "exit status of a stand-alone name that is no command"
fi
finish
