#!/usr/bin/env bash
# The kiosk under Xvfb, as a visitor and the staff meet it (xdotool; screenshots with ffmpeg's x11grab):
#  the attract loop plays; a click starts a try; three passes with the mouse; "I'm done" shows the score and the
#  healing; left alone it returns to the loop with the visitor's passes gone; the window's close request
#  (WM_DELETE_WINDOW) is refused; a wrong PIN typed on the keyboard is refused; the right PIN, tapped on the pad
#  as a touch screen delivers taps, leaves with exit code 0 and no
#  validation message. Screenshots: attract.png, try.png, result.png, back.png, pin.png in OUT.
set -u
app=$1; out=$2
here=$(cd "$(dirname "$0")" && pwd); kiosk_assets=$(cd "$here/../../assets/kiosk" && pwd)
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME="$out/data"
cat > "$out/kiosk.json" <<JSON
{"pin": "1357", "idle_seconds": 12, "try_seconds": 40, "report_seconds": 5, "fullscreen": true,
 "attract": [{"session": "$kiosk_assets/attract_forehead.json", "speed": 4, "heal_days": 20}]}
JSON

xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" "$here" <<'SH'
set -u
app=$1; out=$2; here=$3
grab() { ffmpeg -nostdin -loglevel error -f x11grab -video_size 1280x720 -i "$DISPLAY" -frames:v 1 -y "$out/$1"; }
drag() {
  xdotool mousemove "$1" "$2" mousedown 1
  for i in $(seq 1 10); do xdotool mousemove $(( $1 + ($3 - $1) * i / 10 )) $(( $2 + ($4 - $2) * i / 10 )); sleep 0.05; done
  xdotool mouseup 1; sleep 0.3
}
"$app" --mode kiosk --kiosk-config "$out/kiosk.json" --validate --size 800x450 < /dev/null > "$out/kiosk.log" 2>&1 &
pid=$!
wid=$(xdotool search --sync --onlyvisible --name DermaSim | head -1)
sleep 8; grab attract.png
xdotool mousemove 640 400 click 1; sleep 1.5
drag 380 330 900 330; drag 380 400 900 400; drag 640 250 640 520
grab try.png
xdotool mousemove 640 660 click 1; sleep 6
grab result.png
sleep 10; grab back.png      # idle: back to the loop
python3 "$here/send_close.py" "$wid"; sleep 2
kill -0 $pid 2>/dev/null && echo alive > "$out/after_close"
grab pin.png
xdotool windowfocus --sync "$wid" type --delay 150 1111; sleep 1.5
kill -0 $pid 2>/dev/null && echo alive > "$out/after_wrong_pin"
# The right PIN by touch: a tap on a touch screen reaches an X11 window as a pointer that jumps to the finger,
# presses and releases, with no hover before it (XInput2 pointer emulation); the pad's keys must take that.
# The keys' centres at 1280x720 (see pin.png): columns 535/639/743, rows 253/329/405/481.
tap_digit() {
  local d=$1 x y
  if [ "$d" = 0 ]; then x=639; y=481; else x=$(( 535 + 104 * ((d - 1) % 3) )); y=$(( 253 + 76 * ((d - 1) / 3) )); fi
  xdotool mousemove "$x" "$y" click 1; sleep 0.8
}
for d in 1 3 5 7; do tap_digit $d; done
for i in $(seq 1 150); do kill -0 $pid 2>/dev/null || break; sleep 0.2; done
if kill -0 $pid 2>/dev/null; then kill -TERM $pid; echo "still running" > "$out/after_pin"; fi
wait $pid; echo $? > "$out/kiosk.code"
SH

cat "$out/kiosk.log"
log=$(cat "$out/kiosk.log")
fail() { echo "$1"; exit 1; }
grep -q "a visitor's try starts" <<<"$log" || fail "a click did not start a try"
grep -qE "try finished: [1-9][0-9]* passes" <<<"$log" || fail "the visitor's passes were not made"
grep -qE "nobody touched it: back to the attract loop; the visitor's [1-9][0-9]* passes are gone" <<<"$log" ||
  fail "the kiosk did not return to its loop after the idle time, clearing the visitor's passes"
[ -f "$out/after_close" ] && grep -q "close request refused" <<<"$log" || fail "the close request was not refused"
[ -f "$out/after_wrong_pin" ] && grep -q "wrong PIN" <<<"$log" || fail "a wrong PIN was not refused"
grep -q "PIN accepted" <<<"$log" && [ ! -f "$out/after_pin" ] || fail "the PIN did not close the kiosk"
[ "$(cat "$out/kiosk.code")" = 0 ] || fail "the kiosk exited $(cat "$out/kiosk.code")"
grep -q "swapchain rebuilt at 1280x720" <<<"$log" || fail "the kiosk did not go fullscreen"
python3 "$here/screen_check.py" "$out/attract.png" skin:0.05,0.3,0.55,0.8:0.2 busy:0.0,0.0,1.0,0.15:40 || fail "attract loop"
python3 "$here/screen_check.py" "$out/back.png" skin:0.05,0.3,0.55,0.8:0.2 || fail "the loop after the idle reset"
python3 "$here/screen_check.py" "$out/pin.png" busy:0.38,0.2,0.62,0.8:40 || fail "no PIN pad"
echo "ok: loop, try, score, idle reset, close refused, PIN"
