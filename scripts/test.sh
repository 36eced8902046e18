#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (unit, GPU with validation on lavapipe, golden images, CLI,
# the window under Xvfb, glTF validation).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cd build
ctest --output-on-failure -j2 "$@"
