#!/usr/bin/env bash
# The tests under AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer (CMakePresets.json "asan",
# built into build-asan/; any report fails the test). CI runs the unit and CLI tests this way (.ci/run).
#
#   scripts/sanitize.sh          the unit and CLI tests: builds only what they run
#   scripts/sanitize.sh --all    the whole suite (GPU, window, training, glTF tests too): a full second build
#   further arguments go to ctest (e.g. -R heal)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
start=$(date +%s)
scripts/setup.sh  # a fresh machine: the packages (clang's sanitizer runtime among them) before configuring
targets=(--target dermasim dermasim_unit_tests dermasim_app_tests)
tests=asan
if [ "${1:-}" = --all ]; then
  shift
  targets=()
  tests=asan-all  # a -L here would narrow the preset's own label filter, not widen it
fi
cmake --preset asan >/dev/null
# The glTF and xAPI validators (npm, installed by scripts/setup.sh into build/node) serve both builds.
[ "$tests" = asan-all ] && [ -d build/node ] && [ ! -e build-asan/node ] && ln -s ../build/node build-asan/node
cmake --build --preset asan "${targets[@]}"
ctest --preset "$tests" "$@"
echo "sanitizer build and tests: $(( $(date +%s) - start )) s"
