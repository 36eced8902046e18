#!/usr/bin/env bash
# Installs what DermaSim needs on Debian 12 -- only what is missing -- and the Khronos glTF validator (npm) that
# the tests use. Safe to run again: it does nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config glslc libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers
          libglfw3-dev libglm-dev libimgui-dev libtinygltf-dev libgtest-dev libstb-dev nlohmann-json3-dev
          fonts-dejavu-core xvfb xauth xdotool libsqlite3-dev chromium ffmpeg clang libclang-rt-14-dev)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -d build/node/node_modules/gltf-validator ]; then
  echo "setup: installing gltf-validator (npm) into build/node"
  mkdir -p build/node
  # The package publishes only pre-releases (2.0.0-dev.*), so pin the exact version rather than a range.
  if ! log=$(npm install --prefix build/node --no-audit --no-fund gltf-validator@2.0.0-dev.3.10 2>&1); then
    echo "$log"
    echo "setup: could not install gltf-validator from npm (is the npm registry reachable?)" >&2
    exit 1
  fi
fi

# The Learning Locker xAPI statement validator checks the training mode's xAPI export in the tests.
if [ ! -d build/node/node_modules/@learninglocker/xapi-validation ]; then
  echo "setup: installing @learninglocker/xapi-validation (npm) into build/node"
  mkdir -p build/node
  if ! log=$(npm install --prefix build/node --no-audit --no-fund @learninglocker/xapi-validation@3.0.0 2>&1); then
    echo "$log"
    echo "setup: could not install @learninglocker/xapi-validation from npm (is the npm registry reachable?)" >&2
    exit 1
  fi
fi
