#version 450
// Stamp, second half: one invocation per voxel folds the accumulators into OpenChannel and Blood (capped at 1)
// and clears them for the next batch.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/stamp_kernel.glsl"

layout(local_size_x = 256) in;

layout(std430, set = 0, binding = 0) buffer Open { float open_channel[]; };
layout(std430, set = 0, binding = 1) buffer Blood { float blood[]; };
layout(std430, set = 0, binding = 2) buffer AccOpen { uint acc_open[]; };
layout(std430, set = 0, binding = 3) buffer AccBlood { uint acc_blood[]; };

layout(push_constant) uniform Push {
    uint voxel_count;
    uint row_invocations;  // see Dispatch2d
} pc;

void main() {
    uint v = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * pc.row_invocations;
    if (v >= pc.voxel_count) return;
    uint a = acc_open[v];
    open_channel[v] = stamp_resolve(open_channel[v], a);
    acc_open[v] = a;
    uint b = acc_blood[v];
    blood[v] = stamp_resolve(blood[v], b);
    acc_blood[v] = b;
}
