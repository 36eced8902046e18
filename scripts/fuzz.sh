#!/usr/bin/env bash
# The fuzzing campaign: every libFuzzer target in tests/fuzz, built with clang into build/fuzz, run from its seeds
# (tests/fuzz/seeds.txt) until it has made RUNS executions (default 10 million), one target after another.
#
#   scripts/fuzz.sh                 all targets, 10 M executions each
#   RUNS=200000 scripts/fuzz.sh gltf strokes     two targets, 200 000 executions each
#   SECONDS_PER_TARGET=600 scripts/fuzz.sh       all targets, ten minutes each instead of a count
#
# The corpus of each target grows in build/fuzz/campaign/<target>/corpus and is reused by the next campaign;
# crashes, leaks, timeouts and out-of-memory inputs land in build/fuzz/campaign/<target>/findings. A finding is
# fixed, then its input goes to tests/data (as a regression test in tests/unit) before the campaign is run again.
# Prints one line per target: executions, seconds, executions per second, findings; exits 1 if any target found
# something.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10000000}
seconds=${SECONDS_PER_TARGET:-0}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S tests/fuzz -B build/fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build build/fuzz -j2 >/dev/null || { echo "fuzz.sh: building the fuzz targets failed (clang-14 and libfuzzer-14-dev installed?)"; exit 1; }
failed=0
while read -r target patterns; do
  case "$target" in ''|\#*) continue ;; esac
  if [ $# -gt 0 ] && [[ " $* " != *" $target "* ]]; then continue; fi
  seeds=()
  for pattern in $patterns; do for f in $pattern; do [ -f "$f" ] && seeds+=("$f"); done; done
  flag=-runs=$runs
  [ "$seconds" -gt 0 ] && flag=-max_total_time=$seconds
  line=$(bash tests/fuzz/run.sh "build/fuzz/fuzz_$target" "build/fuzz/campaign/$target" "$flag" "${seeds[@]}")
  rc=$?
  echo "$line" | head -1 | awk '{ rate = ($5 > 0) ? $2 / $5 : 0; printf "%s  (%.0f executions/s)\n", $0, rate }'
  [ $rc -eq 0 ] || { failed=1; echo "$line" | tail -n +2; }
done < tests/fuzz/seeds.txt
exit $failed
