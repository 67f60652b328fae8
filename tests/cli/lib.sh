# Shared helpers for the CLI tests. Each test script sources this, runs the
# real flux-account binary as an administrator would, and compares output.
#
#   fa ARGS...               run flux-account on $DB
#   expect_out FILE ARGS...  output (stdout) must equal the golden FILE
#                            (tests/cli/expected/FILE); UPDATE_GOLDEN=1 rewrites it
#   expect_fail MSG ARGS...  must exit non-zero, print exactly one stderr line
#                            containing MSG, print nothing on stdout, and leave
#                            the database file byte-for-byte unchanged
#   expect_eq WANT GOT [WHAT]
#   sql QUERY                run a query on $DB with sqlite3
set -u
: "${FLUX_ACCOUNT:?FLUX_ACCOUNT must name the flux-account binary}"
: "${TESTS_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
EXPECTED_DIR="$TESTS_DIR/cli/expected"
TEST_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fluxacct-$TEST_NAME.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/FluxAccounting.db"
export FLUXACCT_NOW=${FLUXACCT_NOW:-1767225600}  # 2026-01-01 00:00:00 UTC
export TZ=UTC
FAILURES=0
CHECKS=0

fa() { "$FLUX_ACCOUNT" -p "$DB" "$@"; }

fail() {
  FAILURES=$((FAILURES + 1))
  echo "FAIL: $*" >&2
}

pass() { CHECKS=$((CHECKS + 1)); }

expect_eq() {
  local want=$1 got=$2 what=${3:-value}
  if [ "$want" == "$got" ]; then pass; else
    fail "$what: expected [$want] got [$got]"
  fi
}

expect_out() {
  local golden=$1
  shift
  local out="$WORK/out" err="$WORK/err"
  if ! fa "$@" >"$out" 2>"$err"; then
    fail "flux-account $* exited non-zero: $(cat "$err")"
    return
  fi
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$(dirname "$EXPECTED_DIR/$golden")"
    cp "$out" "$EXPECTED_DIR/$golden"
  fi
  if diff -u "$EXPECTED_DIR/$golden" "$out" >"$WORK/diff"; then pass; else
    fail "flux-account $* differs from $golden:"
    cat "$WORK/diff" >&2
  fi
}

# expect_ok ARGS...: must succeed; stdout is left in $WORK/out.
expect_ok() {
  if fa "$@" >"$WORK/out" 2>"$WORK/err"; then pass; else
    fail "flux-account $* failed: $(cat "$WORK/err")"
  fi
}

checksum() { [ -e "$1" ] && sha256sum "$1" | cut -d' ' -f1 || echo missing; }

expect_fail() {
  local msg=$1
  shift
  local before after rc
  before=$(checksum "$DB")
  fa "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  after=$(checksum "$DB")
  if [ $rc -eq 0 ]; then fail "flux-account $* succeeded; expected failure [$msg]"; return; fi
  if ! grep -qF -- "$msg" "$WORK/err"; then
    fail "flux-account $*: stderr [$(cat "$WORK/err")] lacks [$msg]"; return
  fi
  if [ "$(wc -l <"$WORK/err")" -ne 1 ]; then
    fail "flux-account $*: expected one stderr line, got: $(cat "$WORK/err")"; return
  fi
  if [ -s "$WORK/out" ]; then fail "flux-account $*: printed on stdout: $(cat "$WORK/out")"; return; fi
  if [ "$before" != "$after" ]; then fail "flux-account $*: changed the database"; return; fi
  pass
}

sql() { sqlite3 "$DB" "$@"; }

# Ends the test: the exit status tells ctest the verdict.
finish() {
  if [ "$FAILURES" -ne 0 ]; then
    echo "$TEST_NAME: $FAILURES of $((CHECKS + FAILURES)) checks failed" >&2
    exit 1
  fi
  echo "$TEST_NAME: $CHECKS checks passed"
  exit 0
}
