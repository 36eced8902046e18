#!/usr/bin/env bash
# Frame times of the window, view by view, as a trainee drives it: the sandbox under Xvfb at 1280x720, driven
# with xdotool. Per phase, the frames drawn a second, the median of the window's own frame-time medians
# (DERMASIM_FRAME_STATS, every 15 frames) and the median of the moving scales logged, plus a screenshot of each
# phase in OUT_DIR.
# Phases: the sandbox idle, orbiting the block, orbiting the close-up, rolling a pass, orbiting with the magnified
# cut; then a replayed session's passes and its year's time-lapse, while the year is computed and once it is.
# Under Xvfb every frame's pixels go through the X socket: these are the window's times, present included, not
# the renderer's alone (`dermasim bench`). The X server's own CPU a frame is reported too. Xvfb as it comes takes
# about 20 ms of CPU a 1280x720 frame on this machine, most of it page faults: it grows its request buffer for
# each frame's image and glibc hands the memory back to the kernel after it (docs/PERFORMANCE.md, "Presenting
# through Xvfb"). This script starts the X server with glibc told to keep such buffers (MALLOC_MMAP_THRESHOLD_,
# MALLOC_TRIM_THRESHOLD_; the app runs without them), which leaves about 1.5 ms a frame, as an X server with
# shared memory would; STOCK_X=1 runs it as it comes.
# Usage: scripts/window_frames.sh OUT_DIR [DERMASIM]   (needs xvfb-run, xdotool and ffmpeg; about 2 minutes)
set -euo pipefail
out=$(realpath -m "${1:?usage: window_frames.sh OUT_DIR [DERMASIM]}")
app=$(realpath "${2:-$(dirname "$0")/../build/app/dermasim}")
session=$(realpath "$(dirname "$0")/../tests/data/strokes_crosshatch.json")
mkdir -p "$out"
export XDG_DATA_HOME="$out/data" DERMASIM_FRAME_STATS=15
x_env=(MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=268435456)
[ "${STOCK_X:-0}" = 1 ] && x_env=(STOCK_X=1)
env "${x_env[@]}" xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" "$session" <<'SH'
set -eu
unset MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_  # the X server's, not the app's
app=$1; out=$2; session=$3
marks=$out/phases.txt; : > "$marks"
xvfb=$(pgrep -f "Xvfb $DISPLAY " | head -1)
# A phase starts at this line of the log, with the X server's CPU time (clock ticks) so far and the time.
mark() { echo "$1 $log $(wc -l < "$log") $(awk '{print $14 + $15}' /proc/"$xvfb"/stat) $(date +%s.%N)" >> "$marks"; }
shot() { ffmpeg -nostdin -loglevel error -y -f x11grab -video_size 1280x720 -i "$DISPLAY" -frames:v 1 "$out/$1.png"; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 1.5; }  # software rendering: a frame can take 0.3 s
# Drags with button $1 back and forth across ($2,$3)-($4,$5) for $6 seconds: one xdotool chain moving the mouse
# every 10 ms, so that the view changes every frame as under a hand (a change after a still frame is drawn
# sharp, and a coarser drag would time sharp redraws instead of moving frames).
sweep() {
  local chain=() t
  for i in $(seq 0 $(( $6 * 100 - 1 ))); do
    t=$(( i % 80 )); [ $t -gt 40 ] && t=$(( 80 - t ))
    chain+=(mousemove $(( $2 + ($4 - $2) * t / 40 )) $(( $3 + ($5 - $3) * t / 40 )) sleep 0.01)
  done
  xdotool mousemove "$2" "$3" mousedown "$1" "${chain[@]}" mouseup "$1"
}
log=$out/sandbox.log
"$app" --mode sandbox --size 1280x720 < /dev/null > "$log" 2>&1 &
pid=$!
xdotool search --sync --onlyvisible --name DermaSim > /dev/null; sleep 4
mark idle; sleep 6; shot frames_0_idle
mark orbit_block; sweep 3 560 600 720 600 6; shot frames_1_orbit_block
click 1100 201                                  # Close-up of the cut
mark orbit_close_up; sweep 3 560 600 720 600 6; shot frames_2_orbit_close_up
click 992 201                                   # Overview
mark rolling; sweep 1 470 330 800 300 6; shot frames_3_rolling
click 968 151                                   # Magnified cut (1.5 mm)
mark orbit_with_magnified; sweep 3 560 600 720 600 6; shot frames_4_orbit_magnified
mark end
kill -TERM $pid; wait $pid || true
# The time-lapse from a replayed session: its passes (at 4x), then a year computed on the GPU passes and played.
log=$out/replay.log
"$app" replay "$session" --region forehead --speed 4 --days 365 --size 1280x720 \
  < /dev/null > "$log" 2>&1 &
pid=$!
xdotool search --sync --onlyvisible --name DermaSim > /dev/null
mark replayed_passes
for i in $(seq 300); do grep -q "healing" "$log" && break; sleep 0.2; done
mark time_lapse_computing; sleep 6; shot frames_5_time_lapse
sleep 4; mark time_lapse_later; sleep 8; shot frames_6_time_lapse_later
mark end
kill -TERM $pid; wait $pid || true
SH
# Per phase: frames a second over the whole phase, the median of the frame-time medians logged inside it, the
# median moving scale logged inside it (the scale moves within a phase), and the X server's CPU a frame.
python3 - "$out" <<'PY'
import os, re, statistics, sys
out = sys.argv[1]
tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
marks = [l.split() for l in open(f"{out}/phases.txt")]
print(f"{'phase':22} {'frames':>6} {'fps':>5} {'median ms':>10} {'scale':>6} {'X server ms a frame':>20}")
for (name, log, start, ticks, t0), (_, _, end, ticks_end, t1) in zip(marks, marks[1:]):
    if name == "end":
        continue
    lines = open(log).read().splitlines()[int(start):int(end)]
    stats = [m for m in (re.search(r"median ([\d.]+) ms.*moving scale ([\d.]+)", l) for l in lines) if m]
    if not stats:
        print(f"{name:22} {'-':>6}")
        continue
    frames = 15 * len(stats)
    ms = statistics.median(float(m.group(1)) for m in stats)
    x_ms = (int(ticks_end) - int(ticks)) * tick_ms / frames
    fps = frames / (float(t1) - float(t0))
    scale = statistics.median(float(m.group(2)) for m in stats)
    print(f"{name:22} {frames:6d} {fps:5.0f} {ms:10.1f} {scale:6.2f} {x_ms:20.1f}")
PY
