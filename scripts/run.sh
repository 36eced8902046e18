#!/usr/bin/env bash
# Sets up, builds and runs DermaSim: the window when there is a display, otherwise a headless render
# (out/skin.png). Extra arguments go to dermasim, e.g. scripts/run.sh --region forehead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh dermasim
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/app/dermasim "$@"
fi
mkdir -p out
echo "run: no display, so rendering headless to out/skin.png (for the window, run under a display or xvfb-run)"
./build/app/dermasim render --out out/skin.png "$@"
