#!/usr/bin/env bash
# A lost GPU in the middle of work: the window (under Xvfb) rolls a pass, then a frame fails as a lost device
# (DERMASIM_INJECT_DEVICE_LOST, the only way to provoke one). The app must say in words what happened and what to
# do, exit non-zero, and have saved the session with the pass in it.
set -u
app=$1; out=$2
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME="$out/data"
xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" <<'SH'
set -u
app=$1; out=$2
DERMASIM_INJECT_DEVICE_LOST=8 "$app" --mode sandbox --region cheek --size 1024x576 > "$out/run.log" 2>&1 &
pid=$!
wid=$(xdotool search --sync --onlyvisible --name DermaSim | head -1)
sleep 1
xdotool mousemove --window "$wid" 430 260 mousedown 1
for i in $(seq 1 10); do xdotool mousemove --window "$wid" $(( 430 + 18 * i )) $(( 260 - 2 * i )); sleep 0.4; done
xdotool mouseup 1
wait $pid; echo $? > "$out/code"
SH
cat "$out/run.log"
code=$(cat "$out/code")
[ "$code" = 1 ] || { echo "exit code $code, expected 1"; exit 1; }
grep -q "error: the GPU stopped responding (device lost" "$out/run.log" || { echo "no plain message for the lost device"; exit 1; }
saved=$(grep -o "saving the session to .*" "$out/run.log" | head -1 | sed 's/saving the session to //')
[ -f "$saved" ] || { echo "the session was not saved"; exit 1; }
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); assert len(s['strokes']) >= 1, 'no pass saved'; print('saved', len(s['strokes']), 'pass(es) before reporting the lost device')" "$saved"
