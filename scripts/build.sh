#!/usr/bin/env bash
# Configures and builds into build/ (2 parallel jobs: the reference machines have 2 cores). Args: targets.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in -h|--help) echo "scripts/build.sh [TARGET...]: $(sed -n '2p' "$0" | sed 's/^# //')"; exit 0 ;; esac
# ccache, when installed, makes rebuilds in other checkouts (worktrees, clean clones) nearly free.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
if [ $# -gt 0 ]; then
  for t in "$@"; do cmake --build build -j2 --target "$t"; done
else
  cmake --build build -j2
fi
