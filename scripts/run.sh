#!/usr/bin/env bash
# Sets up, builds and runs DermaSim: the window when there is a display, otherwise a headless render
# (out/skin.png). Extra arguments go to dermasim, e.g. scripts/run.sh --mode sandbox --region forehead; without a
# display only the view's (--region, --look, --cut, --yaw, --pitch, --zoom, --size) reach the render.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
scripts/setup.sh --app
scripts/build.sh dermasim
if [ -n "${DISPLAY:-}" ]; then  # Debian's GLFW speaks X11 (XWayland provides DISPLAY under Wayland)
  exec ./build/app/dermasim "$@"
fi
view=()
while [ $# -gt 0 ]; do
  case "$1" in
    --region|--look|--cut|--yaw|--pitch|--zoom|--size) [ $# -ge 2 ] && view+=("$1" "$2") && shift ;;
    --no-labels) view+=("$1") ;;
    *=*) case "${1%%=*}" in --region|--look|--cut|--yaw|--pitch|--zoom|--size) view+=("$1") ;; esac ;;
    --*) if [ $# -ge 2 ] && [ "${2#--}" = "$2" ]; then set -- "$1 $2" "${@:3}"; fi
         echo "run: no display: '$1' is for the window, left out of the render" ;;
    *) echo "run: no display: '$1' is for the window, left out of the render" ;;
  esac
  shift
done
mkdir -p out
echo "run: no display, so rendering headless to out/skin.png (for the window, run under a display or xvfb-run)"
./build/app/dermasim render --out out/skin.png "${view[@]}"
