#!/usr/bin/env bash
# Frames tell their story: every frame written by 'replay --frames' and 'simulate --frames' carries its caption
# (a dark band with text along the bottom), and a plain render, which has none, does not pass the same check.
set -u
app=$1; out=$2
check=$(dirname "$0")/../window/screen_check.py
rm -rf "$out"; mkdir -p "$out/replay" "$out/simulate"
"$app" replay "$(dirname "$0")/../data/session_forehead.json" --speed 8 --days 1 --every 12 --size 480x270 \
  --view both --frames "$out/replay" || exit 1
"$app" simulate --region neck --cpu --passes 4 --days 1 --every 12 --size 480x270 --view micro \
  --frames "$out/simulate" --report "$out/simulate/r.json" || exit 1
n=0
for f in "$out"/replay/*.png "$out"/simulate/*.png; do
  python3 "$check" "$f" panel:0,0.93,1,1:0.6 busy:0.25,0.93,0.75,1:12 >/dev/null || { echo "no caption on $f"; exit 1; }
  n=$((n + 1))
done
[ "$n" -ge 10 ] || { echo "only $n frames written"; exit 1; }
"$app" render --size 480x270 --out "$out/plain.png" || exit 1
if python3 "$check" "$out/plain.png" panel:0,0.93,1,1:0.6 busy:0.25,0.93,0.75,1:12 >/dev/null; then
  echo "the caption check passes on a render without a caption: it tests nothing"; exit 1
fi
echo "ok: $n frames carry their captions"
