#!/usr/bin/env bash
# The installed dermasim as a user meets it: installed.sh CMAKE BUILD_DIR OUTDIR.
# Installs the build into a fresh prefix, then renders from an unrelated folder with DERMASIM_ASSETS unset. The
# binary must find the installed assets (share/dermasim/assets beside bin/), not the source tree it was built
# from: it names the folder it used on stderr, and that must be the installed one.
set -u
cmake=$1; build=$2; out=$3
prefix=$out/install
rm -rf "$out"; mkdir -p "$out/elsewhere"
log=$("$cmake" --install "$build" --prefix "$prefix" 2>&1) || { echo "$log"; echo "cmake --install failed"; exit 1; }
[ -x "$prefix/bin/dermasim" ] || { echo "no $prefix/bin/dermasim"; exit 1; }
for f in regions.json devices/roller.json devices/pen.json models/roller.gltf models/pen.gltf heal_params.json \
         serums.json; do
  [ -s "$prefix/share/dermasim/assets/$f" ] || { echo "not installed: share/dermasim/assets/$f"; exit 1; }
done
installed=$(realpath "$prefix/share/dermasim/assets")

cd "$out/elsewhere" || exit 1
log=$(env -u DERMASIM_ASSETS "$prefix/bin/dermasim" render --size 160x90 --out skin.png 2>&1); code=$?
echo "$log"
[ "$code" -eq 0 ] || { echo "exit code $code"; exit 1; }
grep -qxF "dermasim: assets: $installed" <<<"$log" ||
  { echo "the installed binary did not use the installed assets ($installed)"; exit 1; }
[ -s skin.png ] || { echo "no PNG written"; exit 1; }
echo "ok: installed binary used $installed"
