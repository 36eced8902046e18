#!/usr/bin/env bash
# The figures docs/MODEL.md quotes for redness and bleeding by needle length, roller and pen: one simulate run
# per row (cheek, CI grid, CPU twins, normal pressure, 4 days of healing), printed as a Markdown table.
# Usage: scripts/model_figures.sh [REGION]   (takes a few minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
region=${1:-cheek}
app=build/app/dermasim
[ -x "$app" ] || scripts/build.sh dermasim >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| device | needle mm | passes | channels/cm² | mean depth µm | tip layer (most) | bleeding channels | redness peak | visibly red h | redness < 10 % of peak h |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for row in "roller 0.25 16" "roller 0.5 16" "roller 1.0 16" "roller 1.5 16" "roller 2.0 16" \
           "pen 0.25 2" "pen 0.5 2" "pen 1.0 2" "pen 1.5 2" "pen 2.0 2"; do
  set -- $row
  "$app" simulate --region "$region" --device "$1" --needle-mm "$2" --passes "$3" --days 4 --cpu \
    --report "$out/r.json" >/dev/null 2>"$out/log" || { cat "$out/log"; exit 1; }
  python3 - "$out/r.json" "$1" "$2" "$3" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); p = r["punctures"]; h = r["healing"]
layers = p["deepest_layer"]; most = max(layers, key=layers.get)
fmt = lambda v: "never visible" if v == 0 else ("not within 4 days" if v is None else f"{v:.1f}")
print(f"| {sys.argv[2]} | {sys.argv[3]} | {sys.argv[4]} | {p['density_per_cm2']:.0f} | {p['depth_um']['mean']:.0f} | "
      f"{most} ({100 * layers[most] / p['count']:.0f} %) | {100 * p['bleeding_points'] / p['count']:.0f} % | "
      f"{max(r['curves']['redness_max']):.2f} | {fmt(h['redness_visible_h'])} | {fmt(h['erythema_resolved_h'])} |")
PY
done
# The layer each needle length reaches in every face region (mean channel depth in mm, and the layer of its tip;
# * = the deepest channels reach fat), roller then pen, from the depth model (DepthLayers test, milliseconds).
tests=build/tests/dermasim_unit_tests
[ -x "$tests" ] || scripts/build.sh dermasim_unit_tests >/dev/null
echo
echo "| region | roller 0.25 | 0.5 | 1.0 | 1.5 | 2.0 | pen 0.25 | 0.5 | 1.0 | 1.5 | 2.0 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
"$tests" --gtest_filter='DepthLayers.PrintsTheLayerEachLengthReaches' | grep '^| '
