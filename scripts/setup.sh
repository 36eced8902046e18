#!/usr/bin/env bash
# Installs what DermaSim needs on Debian 12 -- only what is missing. Safe to run again: it does nothing when
# everything is there.
#   scripts/setup.sh          everything the test suite needs too: Xvfb and xdotool, chromium, ffmpeg, clang (the
#                             fuzzers and sanitizers), Python, and the glTF and xAPI validators (npm, into build/node)
#   scripts/setup.sh --app    only what building and running the app needs (no network beyond Debian's mirror)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --app) app_only=1 ;;
  "") app_only=0 ;;
  *) echo "setup: unknown argument '$1' (see scripts/setup.sh --help)" >&2; exit 2 ;;
esac

packages=(build-essential cmake pkg-config glslc libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers
          libglfw3-dev libglm-dev libimgui-dev libtinygltf-dev libgtest-dev libstb-dev nlohmann-json3-dev
          fonts-dejavu-core libsqlite3-dev ffmpeg)
if [ "$app_only" -eq 0 ]; then
  packages+=(xvfb xauth xdotool chromium clang libclang-rt-14-dev python3)
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "setup: installing packages needs root, and sudo is not installed: run it as root" \
           "(su -c 'scripts/setup.sh'), or install these yourself: ${missing[*]}" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  # A fresh machine's first boot often runs unattended upgrades: wait for dpkg's lock rather than fail.
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}"
fi
[ "$app_only" -eq 1 ] && exit 0

# The validators the tests run, every package (theirs included) pinned by tests/validators/package-lock.json and
# installed with npm ci, so every machine tests with the same validators. Installed again when the lock changes;
# the stamp is written only once npm ci has finished, so an interrupted install is done again.
if ! cmp -s tests/validators/package-lock.json build/node/installed.lock; then
  echo "setup: installing the tests' validators (npm ci, tests/validators/package-lock.json) into build/node"
  rm -rf build/node && mkdir -p build/node
  cp tests/validators/package.json tests/validators/package-lock.json build/node/
  if ! log=$(npm ci --prefix build/node --no-audit --no-fund 2>&1); then
    echo "$log"
    echo "setup: could not install the tests' validators from npm (is the npm registry reachable?)" >&2
    exit 1
  fi
  cp tests/validators/package-lock.json build/node/installed.lock
fi
