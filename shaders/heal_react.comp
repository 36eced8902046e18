#version 450
// Heal step, reaction: heal_react (shaders/sim/heal_kernel.glsl) on every field of every voxel, exactly as
// heal_react_all does on the CPU, after the signal's line solves and before the other fields'. Each invocation
// takes `voxels_per_invocation` voxels, 256 apart (neighbouring invocations, neighbouring voxels).
// With `summary_mask` set it also takes the step chooser's summary (heal_time_step.cpp: summarize;
// sim/heal_summary.glsl) of what it writes. Open channels, blood, signal and redness are final here; the
// fibroblasts' and the serum's maxima are taken here only when no line solve follows this step, otherwise by
// their last back substitution (heal_diffuse.comp). That replaced a summary pass of its own, which read six
// fields again: 7-11 % of a step on lavapipe.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"
#include "sim/heal_texels.glsl"

layout(local_size_x = 256) in;

// Bindings 0..9: the first ten fields in dermasim::Field order, written; 10: layer per slice; 11: parameters;
// 13: macrophages, 14: epidermis (fields added later sit after the summary's binding 12, so the older bindings
// keep their numbers); 12: the summary (float bits of six maxima); 15 and 16: the fields and layer table as
// texels, read (sim/heal_texels.glsl); 17: the signal as it was before this step's signal line solves, read.
layout(std430, set = 0, binding = 0) writeonly buffer F0 { float open_channel[]; };
layout(std430, set = 0, binding = 1) writeonly buffer F1 { float blood[]; };
layout(std430, set = 0, binding = 2) writeonly buffer F2 { float signal_[]; };
layout(std430, set = 0, binding = 3) writeonly buffer F3 { float erythema[]; };
layout(std430, set = 0, binding = 4) writeonly buffer F4 { float fibroblasts[]; };
layout(std430, set = 0, binding = 5) writeonly buffer F5 { float collagen3[]; };
layout(std430, set = 0, binding = 6) writeonly buffer F6 { float collagen1[]; };
layout(std430, set = 0, binding = 7) writeonly buffer F7 { float elastin[]; };
layout(std430, set = 0, binding = 8) writeonly buffer F8 { float capillaries[]; };
layout(std430, set = 0, binding = 9) writeonly buffer F9 { float serum[]; };
layout(std140, set = 0, binding = 11) uniform Params { HealParams params; };  // uniform: lavapipe loads it once per workgroup
layout(std430, set = 0, binding = 12) buffer Summary { uint summary_bits[6]; };
layout(std430, set = 0, binding = 13) writeonly buffer F10 { float macrophages[]; };
layout(std430, set = 0, binding = 14) writeonly buffer F11 { float epidermis[]; };
layout(set = 0, binding = 17) uniform samplerBuffer signal_before;

layout(push_constant) uniform Push {
    uint voxel_count;
    uint slice_voxels;     // nx * ny
    uint unused;           // the summary pass's stride
    float dt;
    uint voxels_per_invocation;
    uint summary_mask;     // SUMMARY_* bits
} pc;

#include "sim/heal_summary.glsl"

const uint SUMMARY_TAKE = 1u;         // take the summary at all
const uint SUMMARY_FIBROBLASTS = 2u;  // the fibroblasts are final here (no line solve follows)
const uint SUMMARY_SERUM = 4u;        // the serum is final here

SummaryMaxima react_voxel(uint v, SummaryMaxima m, HealParams p) {
    int layer = layer_of_voxel(v, pc.slice_voxels);
    VoxelState s;
    s.open = read_field(HEAL_FIELD_OPEN, v);
    s.blood = read_field(HEAL_FIELD_BLOOD, v);
    s.signal = read_field(HEAL_FIELD_SIGNAL, v);
    s.erythema = read_field(HEAL_FIELD_ERYTHEMA, v);
    s.fibroblasts = read_field(HEAL_FIELD_FIBROBLASTS, v);
    s.collagen3 = read_field(HEAL_FIELD_COLLAGEN3, v);
    s.collagen1 = read_field(HEAL_FIELD_COLLAGEN1, v);
    s.elastin = read_field(HEAL_FIELD_ELASTIN, v);
    s.capillaries = read_field(HEAL_FIELD_CAPILLARIES, v);
    s.serum = read_field(HEAL_FIELD_SERUM, v);
    s.macrophages = read_field(HEAL_FIELD_MACROPHAGES, v);
    s.epidermis = read_field(HEAL_FIELD_EPIDERMIS, v);
    VoxelState n = heal_react(s, texelFetch(signal_before, int(v)).x, layer, pc.dt, p);
    open_channel[v] = n.open;
    blood[v] = n.blood;
    signal_[v] = n.signal;
    erythema[v] = n.erythema;
    fibroblasts[v] = n.fibroblasts;
    collagen3[v] = n.collagen3;
    collagen1[v] = n.collagen1;
    elastin[v] = n.elastin;
    capillaries[v] = n.capillaries;
    serum[v] = n.serum;
    macrophages[v] = n.macrophages;
    epidermis[v] = n.epidermis;
    // The maxima of what is final here, whether or not the summary is taken (a branch costs more than the max).
    bool fibroblasts_final = (pc.summary_mask & SUMMARY_FIBROBLASTS) != 0u;
    float activation = fibroblasts_final && heal_is_dermis(layer) ? summary_activation(n.fibroblasts, p) : 0.0f;
    float serum_final = (pc.summary_mask & SUMMARY_SERUM) != 0u ? n.serum : 0.0f;
    return keep_voxel(m, n.open, n.blood, n.signal, n.erythema, activation, serum_final, p);
}

void main() {
    // A workgroup takes a block of voxels_per_invocation x 256 neighbouring voxels, 256 at a time: on a CPU driver
    // each thread then streams through a block of its own.
    uint group = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    uint first = group * gl_WorkGroupSize.x * pc.voxels_per_invocation + gl_LocalInvocationID.x;
    SummaryMaxima m = no_maxima();
    HealParams p = params;  // lavapipe reloads a uniform after every store in a loop: the reaction took 10 % longer
    for (uint r = 0u; r < pc.voxels_per_invocation; ++r) {
        uint v = first + r * gl_WorkGroupSize.x;
        if (v >= pc.voxel_count) break;
        m = react_voxel(v, m, p);
    }
    if ((pc.summary_mask & SUMMARY_TAKE) != 0u) publish_summary(m);
}
