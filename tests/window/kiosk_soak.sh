#!/usr/bin/env bash
# The kiosk left running (its attract loop, with a visitor's try now and then) for SECONDS under Xvfb. It logs
# its resident memory and median frame time every 5 s; the run fails if memory grew: the last figure may be at
# most 10 % + 12 MB above the one after warming up (the second). Prints the figures at the start and the end.
# kiosk_soak.sh APP OUT SECONDS
set -u
app=$1; out=$2; seconds=$3
here=$(cd "$(dirname "$0")" && pwd); kiosk_assets=$(cd "$here/../../assets/kiosk" && pwd)
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME="$out/data"
cat > "$out/kiosk.json" <<JSON
{"pin": "1357", "idle_seconds": 4, "try_seconds": 6, "report_seconds": 5, "fullscreen": true,
 "attract": [{"session": "$kiosk_assets/attract_forehead.json", "speed": 8, "heal_days": 10},
             {"session": "$kiosk_assets/attract_cheek.json", "speed": 8, "heal_days": 10}]}
JSON
xvfb-run -a -s "-screen 0 640x360x24" bash -s "$app" "$out" "$seconds" <<'SH'
set -u
app=$1; out=$2; seconds=$3
"$app" --mode kiosk --kiosk-config "$out/kiosk.json" --size 640x360 < /dev/null > "$out/soak.log" 2>&1 &
pid=$!
xdotool search --sync --onlyvisible --name DermaSim >/dev/null
end=$(( $(date +%s) + seconds ))
while [ "$(date +%s)" -lt "$end" ]; do
  sleep 12
  # A visitor: a click, one pass, then gone (the try ends on time, the kiosk returns to its loop when idle).
  xdotool mousemove 320 200 click 1; sleep 0.5
  xdotool mousedown 1; for x in 200 260 320 380 440; do xdotool mousemove $x 210; sleep 0.05; done; xdotool mouseup 1
done
kill -TERM $pid; wait $pid; echo $? > "$out/soak.code"
SH
grep "soak t=" "$out/soak.log" > "$out/figures.txt"
[ "$(cat "$out/soak.code")" = 0 ] || { cat "$out/soak.log"; echo "the kiosk exited $(cat "$out/soak.code")"; exit 1; }
python3 - "$out/figures.txt" <<'PY'
import re, sys
rows = [tuple(map(float, re.search(r't=(\S+) s resident=(\S+) MB frame=(\S+) ms', l).groups())) for l in open(sys.argv[1])]
if len(rows) < 3:
    sys.exit(f'{len(rows)} soak figures, at least 3 needed')
t0, rss0, ms0 = rows[1]
t1, rss1, ms1 = rows[-1]
print(f'start (t={t0:.0f} s): resident {rss0:.1f} MB, frame {ms0:.1f} ms; end (t={t1:.0f} s): resident {rss1:.1f} MB, '
      f'frame {ms1:.1f} ms; peak resident {max(r[1] for r in rows):.1f} MB over {len(rows)} figures')
if rss1 > rss0 * 1.10 + 12:
    sys.exit(f'resident memory grew from {rss0:.1f} to {rss1:.1f} MB')
PY
