#version 450
// Heal step: the line solves' elimination coefficients, (a, m, c') per position along the line, for every
// diffusing field, axis and layer whose diffusivity depends on the layer alone (heal_lines.glsl). One
// invocation per (field, axis, layer) eliminates its line's rows in order, as heal_line_solve.cpp does on the CPU.
// Runs beside the reaction (it reads only the parameters and the layer table), before the diffusion.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"
#include "sim/heal_lines.glsl"

layout(local_size_x = 64) in;

layout(set = 0, binding = 2) uniform usamplerBuffer layer_texels;
layout(std140, set = 0, binding = 3) uniform Params { HealParams params; };  // uniform: lavapipe loads it once per workgroup
layout(std430, set = 0, binding = 5) writeonly buffer Table { vec4 elimination[]; };  // (a, m, c', 0)

layout(push_constant) uniform Push {
    int nx, ny, nz;
    int n_max;       // entries per (field, axis, layer)
    float dt;        // s
    float dx, dy, dz;
} pc;

void main() {
    int id = int(gl_GlobalInvocationID.x);
    int layer = id % HEAL_LAYER_COUNT;
    int axis = (id / HEAL_LAYER_COUNT) % 3;
    int field = id / (3 * HEAL_LAYER_COUNT);
    if (field >= 3 || (axis == 2 && layer != 0)) return;
    int along_depth = axis == 2 ? 1 : 0;
    if (heal_diffusivity_uses_open(field, along_depth)) return;
    int n = axis == 0 ? pc.nx : (axis == 1 ? pc.ny : pc.nz);
    float h = axis == 0 ? pc.dx : (axis == 1 ? pc.dy : pc.dz);
    uint base = heal_line_table_base(field, axis, layer, pc.n_max);
    float c_prev = 0.0f;
    for (int s = 0; s < n; ++s) {
        int lo = layer, mid = layer, hi = layer;
        if (along_depth != 0) {
            lo = int(texelFetch(layer_texels, max(s - 1, 0)).x);
            mid = int(texelFetch(layer_texels, s).x);
            hi = int(texelFetch(layer_texels, min(s + 1, n - 1)).x);
        }
        vec4 e = heal_eliminate(heal_table_row(field, axis, lo, mid, hi, s, n, h, pc.dt, params), c_prev);
        elimination[base + uint(s)] = e;
        c_prev = e.z;
    }
}
