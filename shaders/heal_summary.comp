#version 450
// The step chooser's state summary (heal_time_step.cpp: summarize) as a max-reduction: per voxel the same
// scaled values, reduced per invocation over a stride of the grid, then atomicMax on the float bits into six uints.
// Every quantity starts from 0 on the CPU, so clamping at 0 reduces identically, and non-negative floats order
// like their bit patterns.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 0) readonly buffer F0 { float open_channel[]; };
layout(std430, set = 0, binding = 1) readonly buffer F1 { float blood[]; };
layout(std430, set = 0, binding = 2) readonly buffer F2 { float signal_[]; };
layout(std430, set = 0, binding = 3) readonly buffer F3 { float erythema[]; };
layout(std430, set = 0, binding = 4) readonly buffer F4 { float fibroblasts[]; };
layout(std430, set = 0, binding = 9) readonly buffer F9 { float serum[]; };
layout(std430, set = 0, binding = 10) readonly buffer Layers { uint layer_of_slice[]; };
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
        int layer = int(layer_of_slice[v / pc.slice_voxels]);
        float values[6];
        values[0] = open_channel[v] * inv_ref;
        values[1] = blood[v] * inv_ref;
        values[2] = signal_[v];
        values[3] = erythema[v];
        values[4] = heal_is_dermis(layer) ? (fibroblasts[v] - rest) / (1.0f - rest) : 0.0f;
        values[5] = serum[v];
        // > 0 rather than max(x, 0): max(-0.0, 0.0) may return -0.0, whose bits would win every comparison.
        for (int q = 0; q < 6; ++q) best[q] = max(best[q], values[q] > 0.0f ? floatBitsToUint(values[q]) : 0u);
    }
    for (int q = 0; q < 6; ++q)
        if (best[q] != 0u) atomicMax(summary_bits[q], best[q]);
}
