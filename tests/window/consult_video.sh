#!/usr/bin/env bash
# The consultation's take-home video from the window under Xvfb. On the "for this client" screen the presenter
# asks for the time-lapse video (V, the button's key); a child 'dermasim simulate --video' makes it while the
# window stays live. Cancelled half way (V again), it leaves no video and no temporary file. With "full", a
# second export runs to the end and the MP4 in the exports folder must decode (ffprobe) with one frame per day
# of the six-month course; that takes minutes on lavapipe, so the suite runs the cancel only.
#   consult_video.sh DERMASIM OUTDIR [full]
set -u
app=$1; out=$2; full=${3:-}
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME="$out/data"
exports="$XDG_DATA_HOME/dermasim/exports"
fail() { echo "$1"; cat "$out/consult.log" 2>/dev/null; exit 1; }

xvfb-run -a -s "-screen 0 1280x720x24" bash -s "$app" "$out" "$exports" "$full" <<'SH'
set -u
app=$1; out=$2; exports=$3; full=$4
"$app" --mode consult --region cheek --validate --size 1280x720 < /dev/null > "$out/consult.log" 2>&1 &
pid=$!
wid=$(timeout 120 xdotool search --sync --onlyvisible --name DermaSim | head -1)
[ -n "$wid" ] || { echo "no DermaSim window appeared"; exit 1; }
sleep 2
xdotool mousemove 700 420 windowfocus --sync "$wid"
# Held for over a second: a frame can take that long on lavapipe on a busy machine.
key() { xdotool keydown --window "$wid" "$1"; sleep 1.2; xdotool keyup --window "$wid" "$1"; sleep 0.5; }
for step in 1 2 3 4 5 6 7; do key Right; done   # to "for this client"
key v                                          # an export...
for i in $(seq 1 120); do ls -a "$exports" 2>/dev/null | grep -q "encoding" && break; sleep 0.5; done
ls -a "$exports" > "$out/during_export.txt" 2>&1
sleep 1
key v                                          # ...cancelled half way
for i in $(seq 1 30); do grep -q "No video saved: cancelled" "$out/consult.log" && break; sleep 1; done
ls -a "$exports" > "$out/after_cancel.txt"
if [ -n "$full" ]; then
  key v                                        # and one to the end; the window keeps drawing meanwhile
  for i in $(seq 1 "${CONSULT_VIDEO_WAIT_S:-1200}"); do
    grep -q "dermasim: Video saved\|dermasim: No video saved: [^c]" "$out/consult.log" && break
    kill -0 $pid 2>/dev/null || break
    sleep 1
  done
fi
kill -TERM $pid; wait $pid; echo $? > "$out/consult.code"
SH

[ "$(cat "$out/consult.code" 2>/dev/null)" = 0 ] || fail "consult exited $(cat "$out/consult.code" 2>/dev/null)"
grep -q "encoding" "$out/during_export.txt" || fail "the export never started writing its video"
grep -q "No video saved: cancelled" "$out/consult.log" || fail "the export was not cancelled"
! grep -q "encoding\|\.mp4" "$out/after_cancel.txt" || fail "the cancelled export left a file: $(cat "$out/after_cancel.txt")"
if [ -z "$full" ]; then echo "ok: an export from the window started and cancelled, nothing left behind"; exit 0; fi
grep -q "dermasim: Video saved: $exports/consult-cheek-.*\.mp4" "$out/consult.log" || fail "the video was not saved"
mapfile -t videos < <(ls "$exports"/*.mp4 2>/dev/null)
[ "${#videos[@]}" -eq 1 ] || fail "${#videos[@]} videos in the exports folder, 1 expected"
! ls -a "$exports" | grep -q "encoding" || fail "the export left its temporary file"
info=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=codec_name,width,height,nb_read_frames \
  -show_entries format=duration -of default=nw=1 "${videos[0]}") || fail "ffprobe cannot decode ${videos[0]}"
echo "${videos[0]}:"; echo "$info" | sed 's/^/  /'
grep -qx "codec_name=h264" <<<"$info" || fail "not H.264"
# Six months (182 days) of the course, one frame a day from day 0: 183 frames, at 10 frames/s.
grep -qx "nb_read_frames=183" <<<"$info" || fail "not one frame per day of the course"
echo "ok: the consultation's video saved from the window, decodable; a cancelled export leaves nothing"
