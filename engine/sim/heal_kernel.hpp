#pragma once
// The healing model's per-voxel math for the CPU twin: the very file the compute shaders include
// (shaders/sim/heal_kernel.glsl), compiled as C++ over glm. See docs/MODEL.md.
#include <cstdint>
#include <glm/glm.hpp>

namespace dermasim::kernel {
using namespace glm;
using uint = std::uint32_t;
#define INOUT(T) T&
#define HEAL_FN inline
#include "shaders/sim/heal_kernel.glsl"
#include "shaders/sim/heal_lines.glsl"
#undef INOUT
#undef HEAL_FN
}  // namespace dermasim::kernel
