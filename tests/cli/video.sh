#!/usr/bin/env bash
# Videos and the before/after picture from the headless commands, checked from the outside:
#  simulate --video and replay --video: decodable H.264 MP4s (ffprobe) with the expected frame count and
#  duration; a cancelled export (SIGTERM) leaves neither the video nor its temporary file; render --compare-day
#  draws the untreated skin left of the divider and the treated skin right of it.
set -u
app=$1; out=$2
here=$(cd "$(dirname "$0")" && pwd); data=$here/../data
rm -rf "$out"; mkdir -p "$out"
fail() { echo "$1"; exit 1; }
probe() {  # frames, duration, codec, size of an MP4
  ffprobe -v error -count_frames -select_streams v:0 \
    -show_entries stream=codec_name,width,height,nb_read_frames -show_entries format=duration -of default=nw=1 "$1"
}
expect_video() {  # FILE FRAMES SECONDS WIDTH HEIGHT
  local info; info=$(probe "$1") || fail "$1: ffprobe cannot decode it"
  echo "$1:"; echo "$info" | sed 's/^/  /'
  grep -qx "codec_name=h264" <<<"$info" || fail "$1: not H.264"
  grep -qx "nb_read_frames=$2" <<<"$info" || fail "$1: $2 frames expected"
  grep -qx "width=$4" <<<"$info" && grep -qx "height=$5" <<<"$info" || fail "$1: not $4x$5"
  local d; d=$(sed -n 's/^duration=//p' <<<"$info")
  python3 -c "import sys; sys.exit(abs(float('$d') - $3) > 0.05)" || fail "$1: lasts $d s, $3 s expected"
}

# 2 days every 12 h: frames at 0, 12, 24, 36, 48 h = 5 frames; at 5 fps, 1.0 s. Run where an earlier run's
# frames lie: a video alone writes no PNG, so they are no reason to refuse it.
mkdir -p "$out/cwd" && printf 'an earlier frame' > "$out/cwd/frame_0000_day000.00.png"
(cd "$out/cwd" && exec "$app" simulate --region cheek --quality ci --cpu --passes 2 --days 2 --every 12 --size 160x90 --fps 5 \
  --video "$out/sim.mp4" --report "$out/sim.json") 2> "$out/sim.log" || { cat "$out/sim.log"; fail "simulate --video failed"; }
grep -q "5 frames, video $out/sim.mp4 (1.0 s)" "$out/sim.log" || { cat "$out/sim.log"; fail "simulate did not report its video"; }
expect_video "$out/sim.mp4" 5 1.0 160 90
# An odd size is padded to even.
"$app" replay "$data/session_forehead.json" --speed 5 --days 2 --every 12 --size 161x91 --video "$out/replay.mp4" \
  2> "$out/replay.log" || { cat "$out/replay.log"; fail "replay --video failed"; }
frames=$(sed -n 's/.*healed, \([0-9]*\) frames.*/\1/p' "$out/replay.log")
[ -n "$frames" ] || { cat "$out/replay.log"; fail "replay did not say how many frames"; }
expect_video "$out/replay.mp4" "$frames" "$(python3 -c "print($frames / 10)")" 162 92

# Cancelled: SIGTERM during a long export; nothing is left behind.
"$app" simulate --region cheek --quality ci --cpu --passes 2 --days 200 --every 12 --size 160x90 \
  --video "$out/cancelled.mp4" --report "$out/cancelled.json" 2> "$out/cancel.log" &
pid=$!
for i in $(seq 1 100); do ls -a "$out" | grep -q "^\.cancelled.mp4.encoding" && break; sleep 0.1; done
sleep 1; kill -TERM $pid; wait $pid; code=$?
[ "$code" -ne 0 ] || fail "a cancelled export exited 0"
grep -q "cancelled: no video written" "$out/cancel.log" || { cat "$out/cancel.log"; fail "the cancel was not reported"; }
[ ! -e "$out/cancelled.mp4" ] || fail "a cancelled export left a video"
! ls -a "$out" | grep -q "encoding" || fail "a cancelled export left its temporary file"

# Before/after: left of the divider the untreated skin, right of it the treated one an hour on (red, channels).
for split in 0.1 0.9; do
  "$app" render --region cheek --compare-day 0.05 --needle-mm 1.5 --cpu --overlay channels --split $split --size 480x270 \
    --out "$out/compare_$split.png" 2> "$out/compare.log" || { cat "$out/compare.log"; fail "render --compare-day failed"; }
done
python3 "$here/split_check.py" "$out/compare_0.1.png" "$out/compare_0.9.png" || fail "the split picture is not before | after"
echo "ok: videos decodable with their frame counts and durations, cancel clean, before/after split"
