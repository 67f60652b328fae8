#!/bin/bash
# Installs, from Debian 12 packages, whatever the build and the tests need
# and the machine lacks. Quiet and quick when everything is there already.
set -euo pipefail

packages=(
  g++ make cmake pkg-config   # toolchain
  libsqlite3-dev              # the accounting database
  libfmt-dev                  # text formatting (std::format is not in g++ 12)
  nlohmann-json3-dev          # parsing R, jobspec and JSON-lines job records
  libgtest-dev                # unit tests
  libbenchmark-dev            # micro-benchmarks under bench/
  sqlite3                     # tests inspect databases with the sqlite3 shell
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "install-deps: need root to install: ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
