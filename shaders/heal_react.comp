#version 450
// Heal step, reaction half: one invocation per voxel runs heal_react (shaders/sim/heal_kernel.glsl) on every
// field, exactly as heal_react_all does on the CPU.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"

layout(local_size_x = 256) in;

// Bindings 0..9: the first ten fields in dermasim::Field order; 10: layer per slice; 11: parameters;
// 13: macrophages, 14: epidermis (fields added later sit after the summary's binding 12, so the older bindings keep their numbers).
layout(std430, set = 0, binding = 0) buffer F0 { float open_channel[]; };
layout(std430, set = 0, binding = 1) buffer F1 { float blood[]; };
layout(std430, set = 0, binding = 2) buffer F2 { float signal_[]; };
layout(std430, set = 0, binding = 3) buffer F3 { float erythema[]; };
layout(std430, set = 0, binding = 4) buffer F4 { float fibroblasts[]; };
layout(std430, set = 0, binding = 5) buffer F5 { float collagen3[]; };
layout(std430, set = 0, binding = 6) buffer F6 { float collagen1[]; };
layout(std430, set = 0, binding = 7) buffer F7 { float elastin[]; };
layout(std430, set = 0, binding = 8) buffer F8 { float capillaries[]; };
layout(std430, set = 0, binding = 9) buffer F9 { float serum[]; };
layout(std430, set = 0, binding = 10) readonly buffer Layers { uint layer_of_slice[]; };
layout(std140, set = 0, binding = 11) uniform Params { HealParams params; };  // uniform: lavapipe loads it once per workgroup
layout(std430, set = 0, binding = 13) buffer F10 { float macrophages[]; };
layout(std430, set = 0, binding = 14) buffer F11 { float epidermis[]; };

layout(push_constant) uniform Push {
    uint voxel_count;
    uint slice_voxels;     // nx * ny
    uint row_invocations;  // see Dispatch2d
    float dt;
} pc;

void main() {
    uint v = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * pc.row_invocations;
    if (v >= pc.voxel_count) return;
    int layer = int(layer_of_slice[v / pc.slice_voxels]);
    VoxelState s;
    s.open = open_channel[v];
    s.blood = blood[v];
    s.signal = signal_[v];
    s.erythema = erythema[v];
    s.fibroblasts = fibroblasts[v];
    s.collagen3 = collagen3[v];
    s.collagen1 = collagen1[v];
    s.elastin = elastin[v];
    s.capillaries = capillaries[v];
    s.serum = serum[v];
    s.macrophages = macrophages[v];
    s.epidermis = epidermis[v];
    VoxelState n = heal_react(s, layer, pc.dt, params);
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
}
