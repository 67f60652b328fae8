#!/bin/bash
# Quick start: install what is missing, build, and run the demo site.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
exec scripts/demo.sh build/flux-account "${1:-demo/FluxAccounting.db}"
