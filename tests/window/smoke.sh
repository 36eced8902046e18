#!/usr/bin/env bash
# The window under Xvfb: it must start, draw frames through a resize/minimise/restore cycle, save a screenshot,
# and quit with exit code 0 and no Vulkan validation message.
set -u
app=$1; shot=$2
rm -f "$shot"
log=$(xvfb-run -a -s "-screen 0 1280x720x24" "$app" --frames 24 --exercise-window --validate --size 640x360 \
      --screenshot "$shot" 2>&1); code=$?
echo "$log"
[ "$code" -eq 0 ] || { echo "exit code $code"; exit 1; }
grep -q "swapchain rebuilt" <<<"$log" || { echo "the resize did not rebuild the swapchain"; exit 1; }
[ -s "$shot" ] || { echo "no screenshot written"; exit 1; }
# The screenshot must show the skin block, not a blank frame: more than a handful of distinct colours.
python3 - "$shot" <<'PY' || exit 1
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', data[16:24])
idat = b''; i = 8
while i < len(data):
    n = struct.unpack('>I', data[i:i+4])[0]; t = data[i+4:i+8]
    if t == b'IDAT': idat += data[i+8:i+8+n]
    i += 12 + n
raw = zlib.decompress(idat)
colours = {raw[k:k+3] for k in range(1, len(raw), 4 * 7)}
print(f"screenshot {w}x{h}, {len(colours)} distinct sampled colours")
sys.exit(0 if len(colours) > 200 else 1)
PY

# Second run: a recorded session replayed through the treatment controller, then the healing time-lapse with its
# timeline, plots and overlays, all under validation.
strokes=$(dirname "$0")/../data/strokes_crosshatch.json
shot2="${shot%.png}_healing.png"
rm -f "$shot2"
log=$(xvfb-run -a -s "-screen 0 1280x720x24" "$app" --strokes "$strokes" --heal 20 --frames 40 --validate \
      --size 800x450 --screenshot "$shot2" 2>&1); code=$?
echo "$log"
[ "$code" -eq 0 ] || { echo "healing run: exit code $code"; exit 1; }
[ -s "$shot2" ] || { echo "healing run: no screenshot written"; exit 1; }
echo "ok: window started, resized, treated, healed and quit cleanly"
