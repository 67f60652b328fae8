#!/bin/bash
# `cmake --install` puts flux-account where Flux looks for sub-commands
# (libexec/flux/cmd, or flux-core's own directory when it is installed), with
# each stand-alone command as a link to it, and the links work.
. "$(dirname "$0")/lib.sh"
: "${FLUXACCT_BUILD_DIR:?}"

dest=$WORK/dest
if ! DESTDIR=$dest cmake --install "$FLUXACCT_BUILD_DIR" --prefix /usr >"$WORK/install.log" 2>&1; then
  fail "cmake --install failed: $(cat "$WORK/install.log")"
  finish
fi
bin=$(find "$dest" -name flux-account -type f | head -n1)
if [ -z "$bin" ]; then fail "flux-account not installed"; finish; fi
dir=$(dirname "$bin")
case "$dir" in
  */flux/cmd) pass ;;
  *) fail "flux-account installed in $dir, not a flux/cmd directory" ;;
esac
for name in update-db update-usage update-fshare priority-update fetch-job-records fairshare-emulate; do
  link=$dir/flux-account-$name
  if [ -L "$link" ] && [ "$(readlink "$link")" = flux-account ]; then pass; else
    fail "$link is not a link to flux-account"
  fi
done

# The installed binary runs, and under a stand-alone name picks its sub-command.
FLUX_ACCOUNT=$bin
expect_ok create-db
expect_eq 38 "$(sql 'PRAGMA user_version')"
"$dir/flux-account-update-db" --help >"$WORK/help" 2>&1 || true
if grep -q "usage: flux account-update-db" "$WORK/help"; then pass; else
  fail "flux-account-update-db --help: $(cat "$WORK/help")"
fi
finish
