#!/usr/bin/env bash
# Gathers what the app and the GPU tests need to run on another x86-64 Linux machine with a GPU but none of this
# project's packages (a lent GPU machine with only its vendor's driver): the stripped binaries, the shared
# libraries they link beyond glibc and libstdc++, Debian's Vulkan validation layer with a manifest that points
# beside it, DejaVu Sans (text measures differently without it, and every golden image fails on its text), and
# Debian's Vulkan loader package. scripts/gpu_checks.sh, run there from the repository's root, uses them.
# Usage: scripts/gpu_bundle.sh [BUILD_DIR]   (after scripts/build.sh; writes .gpu-bundle/, ignored by git)
set -euo pipefail
root=$(realpath "$(dirname "$0")/..")
build=$(realpath "${1:-$root/build}")
bundle=$root/.gpu-bundle
rm -rf "$bundle" && mkdir -p "$bundle"/{lib,layer,font,deb}
strip -o "$bundle/dermasim" "$build/app/dermasim"
strip -o "$bundle/gpu_tests" "$build/tests/dermasim_gpu_tests"
# Linked libraries other than the C and C++ runtimes, which any machine has (a newer one runs these binaries).
for binary in "$bundle/dermasim" "$bundle/gpu_tests"; do
    ldd "$binary" | awk '$3 ~ /^\// {print $3}'
done | sort -u | grep -Ev '/(libc|libm|libstdc\+\+|libgcc_s|libdl|libpthread|librt|ld-linux[^/]*)\.so' |
    grep -v libvulkan | xargs -I{} cp -L {} "$bundle/lib/"
cp /usr/lib/x86_64-linux-gnu/libVkLayer_khronos_validation.so "$bundle/layer/"
sed 's|"library_path": *"[^"]*"|"library_path": "./libVkLayer_khronos_validation.so"|' \
    /usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json > "$bundle/layer/VkLayer_khronos_validation.json"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$bundle/font/"
# The loader as a package, unpacked there (its own may be missing); downloaded for amd64 whatever this machine is.
lists=$(mktemp -d) && mkdir -p "$lists/partial"
apt_opts=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
apt-get "${apt_opts[@]}" update >/dev/null 2>&1 || true
(cd "$bundle/deb" && apt-get "${apt_opts[@]}" download libvulkan1 >/dev/null 2>&1) || true
rm -rf "$lists"
ls "$bundle"/deb/*.deb >/dev/null 2>&1 || { echo "gpu_bundle: could not download libvulkan1 (no network?)" >&2; exit 1; }
du -sh "$bundle"
