#!/usr/bin/env bash
# Screenshots of the training mode as a trainee meets it, under Xvfb, driven with xdotool: the lesson picker,
# screening, the device step, the passes with live feedback, aftercare, the results and the history plot.
# Usage: scripts/training_screens.sh OUT_DIR [DERMASIM]   (needs xvfb-run, xdotool and ffmpeg)
set -euo pipefail
out=$(realpath -m "${1:?usage: training_screens.sh OUT_DIR [DERMASIM]}")
app=$(realpath "${2:-$(dirname "$0")/../build/app/dermasim}")
mkdir -p "$out"
export XDG_DATA_HOME="$out/data" USER=ana  # the trainee's sessions and history stay in OUT_DIR
xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" <<'SH'
set -eu
app=$1; out=$2
shot() { sleep 1.2; ffmpeg -nostdin -loglevel error -y -f x11grab -video_size 1280x720 -i "$DISPLAY" -frames:v 1 "$out/$1.png"; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 1.5; }  # software rendering: a frame can take 0.3 s
drag() {  # a pass: put down, move in steps (the app samples the mouse every frame), lift
  xdotool mousemove "$1" "$2" mousedown 1
  for i in $(seq 1 "$5"); do xdotool mousemove $(( $1 + ($3 - $1) * i / $5 )) $(( $2 + ($4 - $2) * i / $5 )); sleep 0.15; done
  xdotool mouseup 1; sleep 0.6
}
"$app" --mode training --size 1280x720 < /dev/null > "$out/app.log" 2>&1 &
pid=$!
xdotool search --sync --onlyvisible --name DermaSim > /dev/null; sleep 3
shot training_0_lessons
click 307 307                                   # Start: Fine lines on the forehead
shot training_1_screening
xdotool mousemove 180 500; for i in $(seq 1 12); do xdotool click 5; sleep 0.15; done
click 74 689                                    # Treat this client
click 50 416                                    # needle 0.5 mm
shot training_2_device
click 39 538                                    # Next
click 144 461                                   # Apply the cream (45 min)
click 30 357; click 39 382                      # skin prepared, Next
for k in 0 1 2 3; do drag $((430+k*18)) $((365+k*22)) $((810+k*18)) $((285+k*22)) 14; done
for k in 0 1 2 3; do drag $((500+k*80)) $((330-k*18)) $((580+k*80)) $((440-k*18)) 10; done
drag 440 380 880 330 14; drag 560 300 700 440 12
xdotool mousemove 620 360 mousedown 1          # a pass turned back on the skin: dragged without lifting
for x in 660 700 740 700 660 620; do xdotool mousemove $x 350; sleep 0.08; done
shot training_3_passes
xdotool mouseup 1; sleep 0.3
click 177 474                                   # Done with the passes
click 31 407; click 39 482                      # hyaluronic acid, Next
for y in 391 428 465 490 515; do click 30 $y; done
shot training_4_aftercare
click 75 651                                    # Finish and score
shot training_5_results
click 295 619                                   # History
shot training_6_history
kill -TERM $pid; wait $pid || true
SH
ls "$out"/*.png
