#!/usr/bin/env bash
# The unit and CLI tests under AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer (CMakePresets.json
# "asan", built into build-asan/; any report fails the test). A second full build: about as long as the main one.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan "$@"
echo "sanitizer build and tests: $(( $(date +%s) - start )) s"
