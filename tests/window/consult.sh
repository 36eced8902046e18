#!/usr/bin/env bash
# The consultation under Xvfb, driven like a presenter with the keyboard (xdotool): every story step and the
# "for this client" screen are saved with P (the take-home PNG), the before/after divider is dragged with the
# mouse. Checks: exit code 0 with no validation message; a picture per step; the note whole on every one; the
# skin block on screen; fixed story steps equal to their goldens within a tolerance.
set -u
app=$1; out=$2
here=$(cd "$(dirname "$0")" && pwd); golden=$here/../golden
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME="$out/data"
exports="$XDG_DATA_HOME/dermasim/exports"

xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" "${CONSULT_STEP_WAIT:-2}" <<'SH'
set -u
app=$1; out=$2; wait_s=$3
"$app" --mode consult --region cheek --validate --size 1280x720 < /dev/null > "$out/consult.log" 2>&1 &
pid=$!
# A window that never shows (the app failed to start) fails the run instead of waiting for ever.
wid=$(timeout 120 xdotool search --sync --onlyvisible --name DermaSim | head -1)
[ -n "$wid" ] || { echo "no DermaSim window appeared"; cat "$out/consult.log"; exit 1; }
sleep 2
xdotool mousemove 700 420 windowfocus --sync "$wid"
# Held for over a second: a frame takes up to a second on lavapipe on a busy machine, and a key pressed and released between two
# frames is not seen.
key() { xdotool keydown --window "$wid" "$1"; sleep 1.2; xdotool keyup --window "$wid" "$1"; sleep "${2:-1}"; }
for step in 1 2 3 4 5 6 7; do sleep "$wait_s"; key p; key Right; done
sleep "$wait_s"; key p           # for this client: the time-lapse
key b 2                          # before / after
xdotool mousemove 640 300 mousedown 1; sleep 0.8
for x in 620 580 540 500 460; do xdotool mousemove $x 300; sleep 0.4; done
xdotool mouseup 1; sleep 1
key p 2
kill -TERM $pid; wait $pid; echo $? > "$out/consult.code"
SH

cat "$out/consult.log"
[ "$(cat "$out/consult.code")" = 0 ] || { echo "consult exited $(cat "$out/consult.code")"; exit 1; }
mapfile -t shots < <(ls "$exports"/consult-*.png 2>/dev/null | sort)
[ "${#shots[@]}" -eq 9 ] || { echo "${#shots[@]} pictures saved, 9 expected"; ls -l "$exports"; exit 1; }
for shot in "${shots[@]}"; do
  python3 "$here/screen_check.py" "$shot" note:0.0,0.945,1.0,0.995:0.6 || { echo "$shot: the note is not whole"; exit 1; }
done
step() { ls "$exports"/consult-step$1-*.png | head -1; }
python3 "$here/screen_check.py" "$(step 1)" skin:0.1,0.3,0.55,0.7:0.25 panel:0.67,0.02,0.98,0.3:0.4 || exit 1
python3 "$here/screen_check.py" "$(step 7)" busy:0.49,0.2,0.65,0.8:60 || { echo "step 7: no depth scale"; exit 1; }
for s in 1 2 7; do python3 "$here/golden_check.py" "$(step $s)" "$golden/consult_step$s.png" || exit 1; done
echo "ok: consultation story, client screen and before/after saved; note whole; goldens match"
