#!/usr/bin/env bash
# A session recorded in the window with the mouse (xdotool under Xvfb) and replayed headless:
#  1. forehead, roller, three passes, and a fourth taken back with ctrl+Z; SIGTERM saves and quits cleanly (no
#     validation message);
#  2. a new session killed with SIGKILL in the middle of a long pass: the file left is whole and at most a
#     few seconds behind;
#  3. the first session replayed headless to frames and a report, whose punctures and healing equal those of
#     'simulate --strokes' on the same file.
set -u
app=$1; out=$2
here=$(dirname "$0")
rm -rf "$out"; mkdir -p "$out/frames"
export XDG_DATA_HOME="$out/data"
sessions="$XDG_DATA_HOME/dermasim/sessions"

xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" <<'SH'
set -u
app=$1; out=$2
wait_window() { xdotool search --sync --onlyvisible --name DermaSim >/dev/null; sleep 1.5; }
# A pass: put down, move in steps (the app samples the mouse every frame), lift.
drag() {
  xdotool mousemove "$1" "$2" mousedown 1
  for i in $(seq 1 "$5"); do
    xdotool mousemove $(( $1 + ($3 - $1) * i / $5 )) $(( $2 + ($4 - $2) * i / $5 )); sleep 0.05
  done
  xdotool mouseup 1; sleep 0.3
}
"$app" --mode sandbox --region forehead --validate --size 1280x720 > "$out/record.log" 2>&1 &
pid=$!
wait_window
# On the block's kept half at 1280x720 (the sandbox fits the block between its panels the same way every time).
drag 480 345 850 300 12
drag 620 290 680 390 12
drag 500 365 880 330 12
drag 520 320 860 360 12
# Held for a few frames: a press and release between two frames would not reach ImGui 1.86 as a press.
xdotool keydown ctrl+z; sleep 0.5; xdotool keyup ctrl+z
sleep 4
kill -TERM $pid; wait $pid; echo $? > "$out/record.code"

"$app" --mode sandbox --region forehead --size 1280x720 > "$out/kill.log" 2>&1 &
pid=$!
wait_window
xdotool mousemove 480 300 mousedown 1
start=$(date +%s.%N)
for i in $(seq 1 100); do xdotool mousemove $(( 480 + 300 * (i % 20) / 20 )) $(( 300 + i / 2 )); sleep 0.06; done
killed=$(date +%s.%N)
kill -KILL $pid; wait $pid 2>/dev/null
echo "$start $killed" > "$out/kill.times"
SH

cat "$out/record.log"
[ "$(cat "$out/record.code")" = 0 ] || { echo "the recording run exited $(cat "$out/record.code")"; exit 1; }
first=$(grep -o "saving the session to .*" "$out/record.log" | head -1 | sed 's/saving the session to //')
[ -f "$first" ] || { echo "no session was saved while recording"; exit 1; }
killed_file=$(grep -o "saving the session to .*" "$out/kill.log" | head -1 | sed 's/saving the session to //')
[ -f "$killed_file" ] || { echo "no session was saved before the kill"; cat "$out/kill.log"; exit 1; }

python3 - "$first" "$killed_file" "$out/kill.times" <<'PY' || exit 1
import json, sys
first = json.load(open(sys.argv[1]))
assert first['format'] == 'dermasim-session' and first['region'] == 'forehead' and first['device'] == 'roller', first
assert len(first['strokes']) == 3, f"{len(first['strokes'])} passes saved, 4 made and the last taken back with ctrl+Z"
killed = json.load(open(sys.argv[2]))  # whole JSON: the kill left no partial file
start, end = map(float, open(sys.argv[3]).read().split())
last = killed['strokes'][-1]['points'][-1][0]
lost = (end - start) - last
print(f"recorded 3 passes; killed after {end - start:.1f} s of rolling, the file holds {last:.1f} s: {lost:.1f} s lost")
assert lost < 5.0, f"{lost:.1f} s of work lost"
PY

"$app" replay "$first" --speed 4 --days 2 --every 24 --size 320x180 --frames "$out/frames" --report "$out/replay.json" \
  --validate || { echo "headless replay failed"; exit 1; }
# Drawing frames, the replay heals with the GPU passes (the player is given the renderer's context), as simulate
# does without --cpu; the report alone (below) heals on the CPU twins, as simulate --cpu.
"$app" simulate --strokes "$first" --days 2 --report "$out/simulate.json" || exit 1
python3 - "$out/replay.json" "$out/simulate.json" "$out/frames" <<'PY' || exit 1
import json, os, sys
replay, simulate = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert replay['punctures'] == simulate['punctures'], f"replay {replay['punctures']} != simulate {simulate['punctures']}"
assert replay['region'] == 'forehead'
# The same healing: the replay heals in the app's time-lapse player, simulate in its own run; same numbers.
for key in ('channel_closure_h', 'erythema_peak_h', 'erythema_resolved_h'):
    assert replay['healing'][key] == simulate['healing'][key], f"healing.{key}: {replay['healing'][key]} != {simulate['healing'][key]}"
assert replay['curves'] == simulate['curves'], "the healing curves differ"
frames = sorted(os.listdir(sys.argv[3]))
assert any('_t' in f for f in frames) and sum('_day' in f for f in frames) == 3, frames
print(f"replay: {replay['punctures']['count']} punctures and the healing as simulate --strokes, {len(frames)} frames")
PY
# Beyond two weeks a run samples daily: the replay must follow the same rule as simulate.
"$app" replay "$first" --days 20 --report "$out/replay20.json" || exit 1
"$app" simulate --strokes "$first" --cpu --days 20 --report "$out/simulate20.json" || exit 1
python3 - "$out/replay20.json" "$out/simulate20.json" <<'PY' || exit 1
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a['curves'] == b['curves'] and a['healing']['erythema_resolved_h'] == b['healing']['erythema_resolved_h'], \
    "20-day healing differs between replay and simulate"
print(f"20 days: replay and simulate agree ({len(a['curves'])} samples)")
PY
echo "ok: recorded, autosaved, survived a kill, replayed headless"
