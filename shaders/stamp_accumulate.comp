#version 450
// Stamp, first half: one workgroup per puncture; its invocations stride over the puncture's footprint (computed
// on the CPU by stamp_footprint) and atomically add each voxel's fixed-point channel fraction to the
// accumulators. Integer atomics make the result independent of the order the punctures run in.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/stamp_kernel.glsl"

layout(local_size_x = 64) in;

struct StampJob {  // engine/sim/stamp_pass.cpp: StampJob
    vec2 surface_mm;
    float depth_mm;
    float radius_mm;
    vec2 tilt;
    int i0, j0, k0;
    int ni, nj, nk;
};

layout(std430, set = 0, binding = 0) readonly buffer Jobs { StampJob jobs[]; };
layout(std430, set = 0, binding = 1) buffer AccOpen { uint acc_open[]; };
layout(std430, set = 0, binding = 2) buffer AccBlood { uint acc_blood[]; };
layout(std430, set = 0, binding = 3) readonly buffer Layers { uint layer_of_slice[]; };

layout(push_constant) uniform Push {
    vec3 voxel_mm;
    uint first_job;
    uint job_count;
    int nx;
    int ny;
} pc;

void main() {
    uint job_index = pc.first_job + gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (job_index >= pc.job_count) return;
    StampJob p = jobs[job_index];
    uint count = uint(p.ni * p.nj * p.nk);
    for (uint n = gl_LocalInvocationID.x; n < count; n += gl_WorkGroupSize.x) {
        int i = p.i0 + int(n % uint(p.ni));
        int j = p.j0 + int((n / uint(p.ni)) % uint(p.nj));
        int k = p.k0 + int(n / uint(p.ni * p.nj));
        float fraction = stamp_voxel_fraction(p.surface_mm, p.depth_mm, p.radius_mm, p.tilt, i, j, k, pc.voxel_mm);
        uint amount = stamp_fixed_amount(fraction);
        if (amount == 0u) continue;
        uint idx = (uint(k) * uint(pc.ny) + uint(j)) * uint(pc.nx) + uint(i);
        atomicAdd(acc_open[idx], amount);
        if (stamp_bleeds(layer_of_slice[k]) > 0.0f) atomicAdd(acc_blood[idx], amount);
    }
}
