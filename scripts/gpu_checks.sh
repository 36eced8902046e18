#!/usr/bin/env bash
# The checks a machine with a real GPU is for, in one run (from the repository's root, with .gpu-bundle/ made by
# scripts/gpu_bundle.sh beside it): the heal step's share of copy bandwidth on the high and medium grids, with
# the line and tally layouts a GPU may want beside the defaults; on the CI grid the runs, the protocol, the
# time-lapse and the frame times per view; then the GPU tests with validation, synchronization included. Figures
# and logs go to OUT_DIR, with the images of any golden test that failed (images.tgz). About two minutes on an
# NVIDIA H200. Run as root: it unpacks the Vulkan loader into / and installs the font where the app looks.
# Usage: scripts/gpu_checks.sh OUT_DIR
set -uo pipefail
out=$(realpath -m "${1:?usage: gpu_checks.sh OUT_DIR}")
root=$(realpath "$(dirname "$0")/..")
bundle=$root/.gpu-bundle
mkdir -p "$out"
[ -d "$bundle" ] || { echo "gpu_checks: $bundle is missing: run scripts/gpu_bundle.sh first" >&2; exit 2; }
ldconfig -p | grep -q libvulkan.so.1 || { for f in "$bundle"/deb/*.deb; do dpkg -x "$f" /; done; ldconfig; }
export LD_LIBRARY_PATH=$bundle/lib DERMASIM_ASSETS=$root/assets
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json  # where the lent NVIDIA machines keep it
[ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$nvidia_icd" ] && export VK_DRIVER_FILES=$nvidia_icd
mkdir -p /usr/share/fonts/truetype/dejavu && cp -n "$bundle/font/DejaVuSans.ttf" /usr/share/fonts/truetype/dejavu/
# The GPU tests find their goldens where they were built: point that path at this checkout.
golden=$(strings "$bundle/gpu_tests" | grep -m1 '/tests/golden$' || true)
if [ -n "$golden" ] && [ ! -e "$golden" ]; then mkdir -p "$(dirname "$(dirname "$golden")")"; ln -sfn "$root" "$(dirname "$(dirname "$golden")")"; fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version --format=csv | tee "$out/gpu.txt"

bench=("$bundle/dermasim" bench --cpu-steps 0)
# The default layouts, then the ones a GPU may want instead (HealPass::Lines, TallyLayout), alternating twice.
variants=("default" "--lines single" "--tally-layout 256,1024" "--tally-layout 1024,4096")
for quality in high medium; do
    for round in 1 2; do
        for n in "${!variants[@]}"; do
            flags=${variants[$n]}; [ "$flags" = default ] && flags=
            echo "== bench, $quality grid, ${variants[$n]} (round $round)"
            # shellcheck disable=SC2086  # the flags are words
            timeout 120 "${bench[@]}" --days 0 --protocol 0 --time-lapse 0 --frames 0 --quality $quality $flags \
                --json "$out/bench_${quality}_${n}_$round.json" 2>&1 | grep -Ev '^dermasim: (assets|using)'
        done
    done
done
echo "== bench, CI grid: runs, protocol, time-lapse, frames"
timeout 180 "${bench[@]}" --json "$out/bench_ci.json" 2>&1 | tee "$out/bench_ci.txt"

echo "== GPU tests with validation"
export VK_ADD_LAYER_PATH=$bundle/layer VK_LAYER_PATH=$bundle/layer
output=$(strings "$bundle/gpu_tests" | grep -m1 '/tests/output$' || echo "$out/none")
mkdir -p "$output"
timeout 300 "$bundle/gpu_tests" > "$out/gpu_tests.txt" 2>&1
echo "exit $?" >> "$out/gpu_tests.txt"
grep -E '^\[  (PASSED|FAILED) |validation\]|^exit' "$out/gpu_tests.txt"
ls "$output"/*.png >/dev/null 2>&1 && tar czf "$out/images.tgz" -C "$output" .
exit 0
