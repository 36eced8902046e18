#!/usr/bin/env bash
# One fuzzing run of one target: run.sh FUZZER WORKDIR LIBFUZZER_FLAG SEED_FILE...
# The seeds are copied into WORKDIR/seeds (libFuzzer reads folders); new inputs go to WORKDIR/corpus, crashes to
# WORKDIR/findings. Prints "<target>: N executions in S s, F findings"; exits non-zero on a finding.
set -uo pipefail
fuzzer=$1 work=$2 limit=$3
shift 3
mkdir -p "$work/corpus" "$work/seeds" "$work/findings"
for seed in "$@"; do cp -f "$seed" "$work/seeds/"; done
start=$(date +%s.%N)
# -rss_limit_mb: a parser that allocates gigabytes for a small file is a finding too (runaway memory).
"$fuzzer" "$limit" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$work/findings/" \
  "$work/corpus" "$work/seeds" >"$work/log" 2>&1
rc=$?
end=$(date +%s.%N)
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$' | tail -1)
findings=$(find "$work/findings" -type f | wc -l)
printf '%s: %s executions in %.0f s, %s findings\n' "$(basename "$fuzzer")" "${runs:-?}" "$(awk "BEGIN{print $end - $start}")" "$findings"
if [ "$rc" -ne 0 ] || [ "$findings" -ne 0 ]; then
  tail -40 "$work/log"
  exit 1
fi
