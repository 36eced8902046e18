#!/usr/bin/env bash
# The HTML debrief and the xAPI export of a scored session: the page opens in headless Chromium with no console
# error and every embedded picture decoded, and every xAPI statement passes the Learning Locker validator.
# Usage: debrief.sh DERMASIM OUT_DIR DATA_DIR NODE VALIDATOR_JS
set -euo pipefail
bin=$1; out=$2; data=$3; node=$4; validator=$5
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME=$out/xdg
fail() { echo "FAIL: $*"; exit 1; }
"$bin" score --lesson forehead-fine-lines --device roller --needle-mm 0.5 --passes 12 \
  --answers "$data/answers_expert_forehead.json" --report "$out/report.json" --html "$out/debrief.html" \
  --xapi "$out/xapi.json" > /dev/null
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "chromium is not installed (scripts/setup.sh installs it)"
# --dump-dom prints the page after load, with the data-checked mark the page's own script sets; console
# messages go to stderr with --enable-logging.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 \
  --user-data-dir="$out/profile" --virtual-time-budget=5000 --dump-dom "file://$out/debrief.html" \
  > "$out/dom.html" 2> "$out/console.log" || { cat "$out/console.log"; fail "chromium failed"; }
if grep -E "CONSOLE|Uncaught|console.error" "$out/console.log" | grep -v "^$" ; then fail "console messages"; fi
grep -q 'data-checked="ok"' "$out/dom.html" || { grep -o 'data-checked="[a-z]*"' "$out/dom.html"; fail "the page's pictures did not all decode"; }
[ "$(grep -o '<img' "$out/dom.html" | wc -l)" -eq 2 ] || fail "expected the cut and the magnified view"
[ "$(grep -o '<polyline' "$out/dom.html" | wc -l)" -ge 3 ] || fail "expected healing curves"
grep -q 'id="rubric"' "$out/dom.html" || fail "no rubric table"
"$node" "$validator" "$out/xapi.json"
echo "ok: the debrief opens clean in chromium; the xAPI statements validate"
