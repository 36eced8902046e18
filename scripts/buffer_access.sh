#!/usr/bin/env bash
# How fast this Vulkan driver moves floats through each kind of shader binding: a compute shader reads one float
# and writes one, through a storage buffer, a storage buffer of vec4s, a texel buffer read with a storage-buffer
# write, a texel buffer read with a storage-texel-buffer write, and four floats at a time: a vec4 texel read with
# a vec4 store. Why the heal passes and the renderer read through texel buffers, and the line solves go four
# lines at a time (docs/PERFORMANCE.md): on Mesa 22.3's lavapipe a storage-buffer load or store is a loop over
# the SIMD lanes with a branch per lane, a texel fetch one vector gather.
#   scripts/buffer_access.sh        (uses the default Vulkan device; VK_DRIVER_FILES picks another)
set -euo pipefail
cd "$(dirname "$0")/buffer_access"
out=../../build/buffer_access
mkdir -p "$out"
for s in *.comp; do glslc -O "$s" -o "$out/${s%.comp}.spv"; done
g++ -std=c++20 -O2 buffer_access.cpp -o "$out/buffer_access" -lvulkan
cd "$out" && ./buffer_access
