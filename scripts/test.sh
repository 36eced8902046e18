#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (unit, GPU with validation on lavapipe, golden images, CLI,
# the window under Xvfb, glTF validation).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in -h|--help) echo "scripts/test.sh [CTEST ARGS]"; sed -n '2,3p' "$0" | sed 's/^# //'; exit 0 ;; esac
scripts/setup.sh
scripts/build.sh
cd build
ctest --output-on-failure -j2 "$@"
