#version 450
// Heal step, diffusion half: one invocation per grid line solves the backward-Euler line system of one field
// along one axis (0 = x, 1 = y, 2 = depth) with the Thomas algorithm, in the order and float operations of
// heal_line_solve.cpp (thomas_solve). The forward sweep keeps c' and d' per voxel in the scratch buffer and
// the voxel diffusivities in a rolling window of three; the back substitution writes the field.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 0) buffer Field { float u[]; };
layout(std430, set = 0, binding = 1) readonly buffer Open { float open_channel[]; };
layout(std430, set = 0, binding = 2) readonly buffer Layers { uint layer_of_slice[]; };
layout(std430, set = 0, binding = 3) readonly buffer Params { HealParams params; };
layout(std430, set = 0, binding = 4) buffer Scratch { vec2 elimination[]; };  // (c', d') per voxel

layout(push_constant) uniform Push {
    int nx, ny, nz;
    int axis;            // 0 x, 1 y, 2 depth
    int field;           // HEAL_DIFFUSE_*
    float dt;            // s
    float h;             // voxel size along the axis, mm
    float serum_surface; // serum on the skin (depth lines of the serum only)
} pc;

uint line_first, line_stride;
int lateral_layer;

uint voxel_at(int s) { return line_first + uint(s) * line_stride; }

float diffusivity_at(int s) {
    bool along_depth = pc.axis == 2;
    int layer = along_depth ? int(layer_of_slice[s]) : lateral_layer;
    // Only the serum's diffusivity depends on the open fraction: skip the read for the other fields.
    float open = pc.field == HEAL_DIFFUSE_SERUM ? open_channel[voxel_at(s)] : 0.0f;
    return heal_diffusivity(pc.field, layer, open, along_depth ? 1 : 0, params);
}

void main() {
    uint line = gl_GlobalInvocationID.x;
    int n;
    if (pc.axis == 0) {  // x lines: one per (j, k)
        if (line >= uint(pc.ny * pc.nz)) return;
        uint j = line % uint(pc.ny), k = line / uint(pc.ny);
        line_first = (k * uint(pc.ny) + j) * uint(pc.nx);
        line_stride = 1u;
        n = pc.nx;
        lateral_layer = int(layer_of_slice[k]);
    } else if (pc.axis == 1) {  // y lines: one per (i, k)
        if (line >= uint(pc.nx * pc.nz)) return;
        uint i = line % uint(pc.nx), k = line / uint(pc.nx);
        line_first = k * uint(pc.ny) * uint(pc.nx) + i;
        line_stride = uint(pc.nx);
        n = pc.ny;
        lateral_layer = int(layer_of_slice[k]);
    } else {  // depth lines: one per column
        if (line >= uint(pc.nx * pc.ny)) return;
        line_first = line;
        line_stride = uint(pc.nx * pc.ny);
        n = pc.nz;
        lateral_layer = 0;
    }
    bool serum_top = pc.axis == 2 && pc.field == HEAL_DIFFUSE_SERUM;

    float d_prev = 0.0f;
    float d_cur = diffusivity_at(0);
    float d_next = n > 1 ? diffusivity_at(1) : 0.0f;
    float c_prev = 0.0f, e_prev = 0.0f;  // c'(s-1), d'(s-1)
    for (int s = 0; s < n; ++s) {
        uint v = voxel_at(s);
        float lo = s > 0 ? heal_face_diffusivity(d_prev, d_cur) : 0.0f;
        float hi = s + 1 < n ? heal_face_diffusivity(d_cur, d_next) : 0.0f;
        vec4 row = heal_line_row(lo, hi, pc.h, pc.dt, u[v]);
        if (s == 0 && serum_top)
            row = heal_serum_top_row(row, open_channel[line_first], pc.serum_surface, pc.h, pc.dt, params);
        float c, e;
        if (s == 0) {
            c = row.z / row.y;
            e = row.w / row.y;
        } else {
            float m = row.y - row.x * c_prev;
            c = row.z / m;
            e = (row.w - row.x * e_prev) / m;
        }
        elimination[v] = vec2(c, e);
        c_prev = c;
        e_prev = e;
        d_prev = d_cur;
        d_cur = d_next;
        d_next = s + 2 < n ? diffusivity_at(s + 2) : 0.0f;
    }
    float next = e_prev;  // u(n-1) = d'(n-1)
    u[voxel_at(n - 1)] = next;
    for (int s = n - 2; s >= 0; --s) {
        uint v = voxel_at(s);
        vec2 ce = elimination[v];
        next = ce.y - ce.x * next;
        u[v] = next;
    }
}
