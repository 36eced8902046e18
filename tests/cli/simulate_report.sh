#!/usr/bin/env bash
# The simulate report as a user reads it: simulate_report.sh DERMASIM OUTDIR [EXTRA FLAGS...]
# Runs a short treatment with healing twice; checks that the report holds every key the issue names, that the
# two reports are the same apart from wall_time_s (determinism), that --curves wrote a CSV with a header line
# matching the report's curves, and that no Vulkan validation message was printed.
set -u
dermasim=$1; out=$2; shift 2
mkdir -p "$out"
rm -f "$out"/report_a.json "$out"/report_b.json "$out"/curves_a.csv
run() {  # run NAME: one simulate run, its output kept for the failure message
    local log
    log=$("$dermasim" simulate --region cheek --needle-mm 0.5 --passes 4 --days 2 --quality ci "$@" 2>&1)
    local code=$?
    if [ "$code" -ne 0 ]; then echo "simulate $* exited with $code:"; echo "$log"; exit 1; fi
    if grep -q "validation message" <<<"$log"; then echo "Vulkan validation messages:"; echo "$log"; exit 1; fi
}
run --report "$out/report_a.json" --curves "$out/curves_a.csv" "$@"
run --report "$out/report_b.json" "$@"

python3 - "$out/report_a.json" "$out/report_b.json" "$out/curves_a.csv" <<'EOF' || exit 1
import csv, json, math, os, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
problems = []
def get(doc, dotted):
    for part in dotted.split("."):
        if not isinstance(doc, dict) or part not in doc:
            return None
        doc = doc[part]
    return doc
numbers = ["treated_area_cm2", "punctures.count", "punctures.density_per_cm2", "punctures.density_cv",
           "punctures.depth_um.mean", "punctures.depth_um.p95", "punctures.depth_um.max", "punctures.bleeding_points",
           "healing.channel_closure_h", "healing.erythema_peak_h", "healing.redness_visible_h"]
# healing.erythema_resolved_h (10 % of the run's own peak) may be null: redness now fades over days.
if "erythema_resolved_h" not in a.get("healing", {}):
    problems.append("healing.erythema_resolved_h is missing")
numbers += ["punctures.deepest_layer." + l for l in
            ("stratum_corneum", "viable_epidermis", "papillary_dermis", "reticular_dermis", "hypodermis")]
for key in numbers:
    v = get(a, key)
    if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
        problems.append(f"{key} = {v!r} is not a finite number")
if isinstance(get(a, "punctures.count"), int) and a["punctures"]["count"] <= 0:
    problems.append("no punctures")
columns = ["day", "open_channels", "erythema", "redness_max", "macrophages", "fibroblasts", "collagen_I_pct", "collagen_III_pct", "elastin_pct",
           "serum_depth_um", "epidermis_pct"]
curves = a.get("curves", {})
lengths = set()
for c in columns:
    col = curves.get(c) if isinstance(curves, dict) else None
    if not isinstance(col, list) or not col or not all(isinstance(x, (int, float)) for x in col):
        problems.append(f"curves.{c} is not a list of numbers: {col!r:.80}")
    else:
        lengths.add(len(col))
if len(lengths) > 1:
    problems.append(f"curve columns differ in length: {sorted(lengths)}")
day = curves.get("day") if isinstance(curves, dict) else None
if isinstance(day, list) and day and abs(day[-1] - 2.0) > 1e-6:
    problems.append(f"curves.day ends at {day[-1]}, not at --days 2")
# Determinism as a user sees it: the same command gives the same report apart from the wall time.
for r in (a, b):
    r.pop("wall_time_s", None)
if a != b:
    diff = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    problems.append(f"the same command gave different reports in {diff}")
rows = list(csv.reader(open(sys.argv[3]))) if os.path.isfile(sys.argv[3]) else None
if rows is None:
    problems.append("--curves wrote no file")
elif not rows or rows[0][:1] != ["day"] or not set(columns) <= set(rows[0]):
    problems.append(f"curves CSV header is {rows[:1]}")
elif len(rows) - 1 != len(day or []):
    problems.append(f"curves CSV has {len(rows) - 1} rows, the report {len(day or [])} samples")
else:
    try:
        [float(x) for row in rows[1:] for x in row]
    except ValueError as e:
        problems.append(f"curves CSV holds a non-number: {e}")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"ok: {a['punctures']['count']} punctures, closure {a['healing']['channel_closure_h']:.2f} h, "
      f"{len(day)} curve samples, reports identical")
EOF
