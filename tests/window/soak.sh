#!/usr/bin/env bash
# The soak: the window under Xvfb with validation on, driven by xdotool for SECONDS: it rolls passes on the block,
# starts the healing time-lapse and scrubs its timeline, goes to the start screen and back (switching modes),
# resizes in storms, minimises and restores, in a loop. It must end with exit 0 and no validation message, and
# neither resident memory nor frame time may grow: the app prints both every 10 frames ($DERMASIM_FRAME_STATS),
# and the last third of the run is compared with the first third (after a warm-up).
#   soak.sh DERMASIM OUTDIR SECONDS
# The suite runs a short soak; the long one is `tests/window/soak.sh build/app/dermasim /tmp/soak 3600`.
set -u
app=$1; out=$2; seconds=$3
here=$(dirname "$0")
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME="$out/data"

xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" "$seconds" <<'SH'
set -u
app=$1; out=$2; seconds=$3
DERMASIM_FRAME_STATS=10 "$app" --mode sandbox --region cheek --validate --size 1024x576 --screenshot "$out/last_frame.png" \
  > "$out/soak.log" 2>&1 &
pid=$!
wid=$(xdotool search --sync --onlyvisible --name DermaSim | head -1)
sleep 2
# Positions are fractions of the window (the sandbox lays its panels out the same way at every size).
at() { xdotool mousemove --window "$wid" $(( W * $1 / 1000 )) $(( H * $2 / 1000 )); }
click() { at "$1" "$2"; sleep 0.1; xdotool click 1; sleep 0.4; }
drag() {  # x0 y0 x1 y1 (per mille of the window), in 10 steps
  at "$1" "$2"; xdotool mousedown 1
  for i in $(seq 1 10); do at $(( $1 + ($3 - $1) * i / 10 )) $(( $2 + ($4 - $2) * i / 10 )); sleep 0.2; done
  xdotool mouseup 1; sleep 0.3
}
size() { W=$1; H=$2; xdotool windowsize "$wid" "$W" "$H"; sleep 0.3; }
W=1024; H=576
end=$(( $(date +%s) + seconds ))
cycle=0
while [ "$(date +%s)" -lt "$end" ] && kill -0 $pid 2>/dev/null; do
  cycle=$((cycle + 1))
  # Two passes across the block, between the panels.
  drag 480 420 660 380; drag 470 520 650 480
  # Heal, scrub the timeline back and forth, and back to treatment.
  click 176 946
  sleep 2
  drag 40 573 340 573; drag 340 573 60 573
  click 80 887
  # To the start screen and back into the sandbox (the mode switch).
  click 530 47
  sleep 1
  click 287 665
  sleep 1
  # A resize storm, then minimise and restore.
  for s in 800x450 1200x675 640x360 1280x720 900x500 1024x576; do size ${s%x*} ${s#*x}; done
  xdotool windowminimize "$wid"; sleep 1
  xdotool windowmap "$wid"; xdotool windowactivate "$wid" 2>/dev/null; sleep 1
done
echo "$cycle" > "$out/cycles"
kill -TERM $pid; wait $pid; echo $? > "$out/code"
SH

cat "$out/soak.log" | grep -v "frames [0-9]*:" | tail -20
code=$(cat "$out/code" 2>/dev/null || echo none)
[ "$code" = 0 ] || { echo "the soaked window exited $code"; exit 1; }
! grep -q "VUID-\|SYNC-HAZARD\|Validation" "$out/soak.log" || { echo "validation messages during the soak"; exit 1; }
python3 - "$out/soak.log" "$(cat "$out/cycles")" <<'PY'
import re, statistics, sys
lines = [(int(n), float(ms), float(mb)) for n, ms, mb in
         re.findall(r"frames (\d+): median ([\d.]+) ms, resident ([\d.]+) MB", open(sys.argv[1]).read())]
cycles = int(sys.argv[2])
if len(lines) < 5:
    sys.exit(f"only {len(lines)} frame reports in {cycles} cycles: too short a soak to judge")
lines = lines[1:]  # the first frames include start-up
third = max(1, len(lines) // 3)
first, last = lines[:third], lines[-third:]
ms0, ms1 = statistics.median(l[1] for l in first), statistics.median(l[1] for l in last)
mb0, mb1 = statistics.median(l[2] for l in first), statistics.median(l[2] for l in last)
print(f"soak: {cycles} cycles, {lines[-1][0]} frames; median frame {ms0:.1f} ms -> {ms1:.1f} ms "
      f"(x{ms1 / ms0:.2f}); resident {mb0:.0f} MB -> {mb1:.0f} MB (+{mb1 - mb0:.0f} MB, peak {max(l[2] for l in lines):.0f} MB)")
# Noisy shared machine: frame time may wander, but not double; memory may settle, but not keep climbing. Frames
# of the kept pictures take 10-20 ms on lavapipe, where another test on the same two cores adds 10 ms of
# scheduling by itself: growth counts beyond that.
if ms1 > 2.0 * ms0 + 10.0:
    sys.exit("frame time grew")
if mb1 > mb0 * 1.10 + 30:
    sys.exit("resident memory grew")
PY
