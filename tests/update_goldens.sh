#!/usr/bin/env bash
# Rewrites the golden images from the current renderer. Run it only on purpose, then LOOK at every image in
# tests/golden/ before committing. CI never runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j2 --target dermasim_gpu_tests
lavapipe=$(ls /usr/share/vulkan/icd.d/lvp_icd.*.json | head -1)
DERMASIM_UPDATE_GOLDENS=1 VK_DRIVER_FILES=$lavapipe LP_NUM_THREADS=2 \
  ./build/tests/dermasim_gpu_tests --gtest_filter='*MatchesGolden*'
echo "Goldens rewritten in tests/golden/: look at them before committing."
# The consultation's fixed story steps, from the window under Xvfb (tests/window/consult.sh).
cmake --build build -j2 --target dermasim
DERMASIM_UPDATE_GOLDENS=1 VK_DRIVER_FILES=$lavapipe LP_NUM_THREADS=2 \
  bash tests/window/consult.sh build/app/dermasim "$PWD/build/tests/output/consult_goldens"
echo "Consultation goldens rewritten (tests/golden/consult_step*.png): look at them before committing."
