#version 450
// The step chooser's state summary (heal_time_step.cpp: summarize) of the volume as it is, each invocation
// reducing a stride of the grid (sim/heal_summary.glsl). A step takes it of what it writes (heal_react.comp);
// this pass is for a state no step wrote (the start, after a stamp or new parameters).
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"
#include "sim/heal_texels.glsl"

layout(local_size_x = 64) in;

layout(std140, set = 0, binding = 11) uniform Params { HealParams params; };  // uniform: lavapipe loads it once per workgroup
// open, blood, signal, erythema, activation, serum: the order of dermasim::StateSummary.
layout(std430, set = 0, binding = 12) buffer Summary { uint summary_bits[6]; };
#include "sim/heal_summary.glsl"

layout(push_constant) uniform Push {
    uint voxel_count;
    uint slice_voxels;
    uint invocations;  // total; each invocation strides over the grid by this
} pc;

void main() {
    SummaryMaxima m = no_maxima();
    for (uint v = gl_GlobalInvocationID.x; v < pc.voxel_count; v += pc.invocations) {
        bool dermis = heal_is_dermis(layer_of_voxel(v, pc.slice_voxels));
        float activation = dermis ? summary_activation(read_field(HEAL_FIELD_FIBROBLASTS, v), params) : 0.0f;
        m = keep_voxel(m, read_field(HEAL_FIELD_OPEN, v), read_field(HEAL_FIELD_BLOOD, v),
                       read_field(HEAL_FIELD_SIGNAL, v), read_field(HEAL_FIELD_ERYTHEMA, v), activation,
                       read_field(HEAL_FIELD_SERUM, v), params);
    }
    publish_summary(m);
}
