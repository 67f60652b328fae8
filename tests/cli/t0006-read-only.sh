#!/bin/bash
# A database the caller may read but not write: listings work, every change
# is refused with one line and the file stays as it was. As root (who may
# write anything) the commands run as the unprivileged user nobody.
. "$(dirname "$0")/lib.sh"

expect_ok create-db
expect_ok add-bank root 1
expect_ok add-bank --parent-bank=root A 1
expect_ok add-user -u alice -B A -i 1001

if [ "$(id -u)" -eq 0 ]; then
  if ! command -v setpriv >/dev/null; then
    echo "skip: running as root and setpriv (util-linux) is missing"
    exit 77
  fi
  chmod 755 "$WORK"
  chmod 644 "$DB"
  nobody=$(id -u nobody 2>/dev/null || echo 65534)
  fa() { setpriv --reuid="$nobody" --regid="$nobody" --clear-groups "$FLUX_ACCOUNT" -p "$DB" "$@"; }
else
  chmod 444 "$DB"
  chmod 555 "$WORK"
fi

expect_ok list-banks
expect_ok view-user alice
expect_ok list-users --json
expect_fail "readonly database" add-bank --parent-bank=root B 1
expect_fail "readonly database" edit-user alice --shares=3
expect_fail "readonly database" delete-user alice A
expect_fail "readonly database" edit-bank root --shares=4
chmod 755 "$WORK"
finish
