#version 450
// The step chooser's state summary (heal_time_step.cpp: summarize) as a max-reduction: per voxel the same
// scaled values, reduced per invocation over a stride of the grid, then atomicMax on the float bits into six uints.
// Every quantity starts from 0 on the CPU, so clamping at 0 reduces identically, and non-negative floats order
// like their bit patterns.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"
#include "sim/heal_texels.glsl"

layout(local_size_x = 64) in;

layout(std140, set = 0, binding = 11) uniform Params { HealParams params; };  // uniform: lavapipe loads it once per workgroup
// open, blood, signal, erythema, activation, serum: the order of dermasim::StateSummary.
layout(std430, set = 0, binding = 12) buffer Summary { uint summary_bits[6]; };

layout(push_constant) uniform Push {
    uint voxel_count;
    uint slice_voxels;
    uint invocations;  // total; each invocation strides over the grid by this
} pc;

// Each invocation reduces many voxels in registers and then makes at most six atomics: no shared memory and
// no barrier() (which lavapipe runs as a costly coroutine switch).
void main() {
    float inv_ref = 1.0f / params.injury_reference;
    float rest = params.fibroblast_rest;
    uint best[6] = uint[6](0u, 0u, 0u, 0u, 0u, 0u);
    for (uint v = gl_GlobalInvocationID.x; v < pc.voxel_count; v += pc.invocations) {
        int layer = layer_of_voxel(v, pc.slice_voxels);
        float values[6];
        values[0] = read_field(HEAL_FIELD_OPEN, v) * inv_ref;
        values[1] = read_field(HEAL_FIELD_BLOOD, v) * inv_ref;
        values[2] = read_field(HEAL_FIELD_SIGNAL, v);
        values[3] = read_field(HEAL_FIELD_ERYTHEMA, v);
        values[4] = heal_is_dermis(layer) ? (read_field(HEAL_FIELD_FIBROBLASTS, v) - rest) / (1.0f - rest) : 0.0f;
        values[5] = read_field(HEAL_FIELD_SERUM, v);
        // > 0 rather than max(x, 0): max(-0.0, 0.0) may return -0.0, whose bits would win every comparison.
        for (int q = 0; q < 6; ++q) best[q] = max(best[q], values[q] > 0.0f ? floatBitsToUint(values[q]) : 0u);
    }
    for (int q = 0; q < 6; ++q)
        if (best[q] != 0u) atomicMax(summary_bits[q], best[q]);
}
