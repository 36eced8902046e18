#!/usr/bin/env bash
# The window under Xvfb: it starts, draws frames through a resize/minimise/restore cycle, saves a screenshot,
# and quits with exit code 0 and no Vulkan validation message; the screenshot is decoded and must show what
# each screen is about.
set -u
app=$1; shot=$2
here=$(dirname "$0")
export XDG_DATA_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
run() { xvfb-run -a -s "-screen 0 1280x720x24" "$@" 2>&1; }

# The sandbox: the skin block in the middle, the skin panel top right, the treatment panel bottom left.
rm -f "$shot"
log=$(run "$app" --mode sandbox --frames 24 --exercise-window --validate --size 1024x576 --screenshot "$shot"); code=$?
echo "$log"
[ "$code" -eq 0 ] || { echo "exit code $code"; exit 1; }
grep -q "swapchain rebuilt" <<<"$log" || { echo "the resize did not rebuild the swapchain"; exit 1; }
python3 "$here/screen_check.py" "$shot" skin:0.4,0.3,0.6,0.55:0.3 panel:0.45,0.03,0.55,0.07:0.4 panel:0.02,0.35,0.35,0.95:0.3 \
  busy:0.01,0.75,0.5,0.99:40 || { echo "the sandbox screenshot does not show the block and its panels"; exit 1; }
[ -z "$(ls -A "$XDG_DATA_HOME" 2>/dev/null)" ] || { echo "a session was saved though nothing was done"; exit 1; }

# The start screen: a panel of modes in the middle, the block turning behind it.
start="${shot%.png}_start.png"
log=$(run "$app" --frames 6 --validate --size 800x450 --screenshot "$start"); code=$?
echo "$log"
[ "$code" -eq 0 ] || { echo "start screen: exit code $code"; exit 1; }
python3 "$here/screen_check.py" "$start" panel:0.3,0.5,0.7,0.9:0.5 busy:0.3,0.5,0.7,0.9:40 skin:0.35,0.12,0.6,0.35:0.3 ||
  { echo "the start screen does not show its modes over the block"; exit 1; }

# A stroke script replayed in the window, fast, then its healing time-lapse with its timeline panel.
healing="${shot%.png}_healing.png"
rm -f "$healing"
log=$(run "$app" replay "$here/../data/strokes_crosshatch.json" --region forehead --speed 40 --days 20 \
      --frames-limit 40 --validate --size 800x450 --screenshot "$healing"); code=$?
echo "$log"
[ "$code" -eq 0 ] || { echo "replay: exit code $code"; exit 1; }
grep -q "replayed 4 passes, 230 punctures; healing" <<<"$log" || { echo "the replay did not make the recorded passes"; exit 1; }
python3 "$here/screen_check.py" "$healing" panel:0.02,0.35,0.4,0.95:0.25 busy:0.02,0.35,0.4,0.95:60 ||
  { echo "the healing screenshot does not show the timeline panel"; exit 1; }
echo "ok: window started, resized, showed its screens, replayed, healed and quit cleanly"
