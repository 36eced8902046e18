#!/usr/bin/env bash
# Configures and builds into build/ (2 parallel jobs: the reference machines have 2 cores). Args: targets.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if [ $# -gt 0 ]; then
  for t in "$@"; do cmake --build build -j2 --target "$t"; done
else
  cmake --build build -j2
fi
