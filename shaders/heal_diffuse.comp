#version 450
// Heal step, diffusion: solves the backward-Euler line systems of one field along one axis (0 = x, 1 = y,
// 2 = depth) with the Thomas algorithm, in the order and float operations of heal_line_solve.cpp. The signal's
// x lines also add what the injury releases over the step to their right-hand side (heal_signal_all).
//   - Lines whose diffusivity depends on the layer alone read their elimination (a, m, c') from the table of
//     heal_line_coeffs.comp; the forward sweep keeps d' in the field itself, the back substitution overwrites
//     it: two reads and two writes of the field per voxel, nothing else.
//   - Lines whose diffusivity follows the open channels (the serum's depth lines) eliminate per voxel, keeping (c', d')
//     in the scratch buffer and the diffusivities in a rolling window of three (four columns at a time with
//     `quads`: the open channels, the field and the scratch move four voxels a texel).
// Each invocation solves `lines_per_invocation` lines, neighbouring invocations neighbouring lines.
// Each axis is two dispatches, `kSweep` 0 then 1: the forward elimination, then the back substitution. Split so
// that every read is of what an earlier dispatch wrote, and goes through a texel buffer, which lavapipe fetches
// as one vector gather (sim/heal_texels.glsl says why); the writes are storage-buffer stores.
// `kQuads`: when nx is a multiple of 4, the lines read and write four voxels a texel. The y and depth
// lines are solved four neighbours at a time (x, x+1, x+2, x+3 lie next to each other in memory, and lines from
// the table share its elimination), as a vec4. An x line reads four of its own voxels a texel and eliminates them one after
// the other. On lavapipe each store is a loop over the SIMD lanes, so a vec4 texel read and a vec4 store moved
// 2.9x as many floats per second as one float each (scripts/buffer_access.sh); the x lines took 13 % less of a
// step four voxels a texel than one.
// Summary: the depth lines' back substitution of the fibroblasts or the serum, the last write to the field in a
// step, also keeps the field's largest value over the depths summary_from .. summary_to - 1 (the dermis for the
// fibroblasts, every depth for the serum; an empty range otherwise), then one atomicMax on the float bits of
// what the step chooser keeps of it (heal_time_step.cpp: summarize; heal_react.comp takes the other maxima).
// Branch-free in the loop: a branch there on whether to summarise made every line solve 10-15 % slower on
// lavapipe, even with the summary off.
#extension GL_GOOGLE_include_directive : require
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"
#include "sim/heal_lines.glsl"

layout(local_size_x = 64) in;

// Which solve this pipeline runs, fixed when it is made (HealPass makes one pipeline per solve): lavapipe runs both
// sides of a branch, so with the solve chosen by push constants every dispatch paid for the code of all of them.
layout(constant_id = 0) const int kSweep = 0;          // 0: forward elimination, 1: back substitution
layout(constant_id = 1) const bool kQuads = false;     // four voxels a texel: y and depth lines four neighbours at
                                                       // a time, x lines four voxels
layout(constant_id = 2) const bool kXLines = false;    // axis 0
layout(constant_id = 3) const bool kPerVoxel = false;  // heal_diffusivity_uses_open(field, depth lines)

layout(std430, set = 0, binding = 0) writeonly buffer Field { float u[]; };  // read through field_before
layout(set = 0, binding = 1) uniform samplerBuffer open_channel;
layout(set = 0, binding = 2) uniform usamplerBuffer layer_of_slice;
layout(std140, set = 0, binding = 3) uniform Params { HealParams params; };  // uniform: lavapipe loads it once per workgroup
layout(std430, set = 0, binding = 4) writeonly buffer Scratch { vec2 scratch[]; };  // (c', d') per voxel
layout(set = 0, binding = 6) uniform samplerBuffer field_before;    // the field, as this dispatch found it
layout(set = 0, binding = 7) uniform samplerBuffer table;           // (a, m, c', 0)
layout(set = 0, binding = 8) uniform samplerBuffer scratch_before;  // the scratch, as the forward sweep left it
layout(set = 0, binding = 9) uniform samplerBuffer blood;           // with the open channels: the signal's sources
layout(std430, set = 0, binding = 10) writeonly buffer FieldQuads { vec4 u4[]; };  // the field, four voxels a store
layout(set = 0, binding = 11) uniform samplerBuffer field_before4;  // the field as field_before, four voxels a texel
layout(std430, set = 0, binding = 12) buffer Summary { uint summary_bits[6]; };  // StateSummary order
layout(set = 0, binding = 13) uniform samplerBuffer open_channel4;  // four voxels a texel (the x lines' release)
layout(set = 0, binding = 14) uniform samplerBuffer blood4;
layout(std430, set = 0, binding = 15) writeonly buffer ScratchQuads { vec4 scratch4[]; };  // c', then d', of a quad
layout(set = 0, binding = 16) uniform samplerBuffer scratch_before4;  // the same, as the forward sweep left it
#include "sim/heal_summary.glsl"

layout(push_constant) uniform Push {
    int nx, ny, nz;
    int axis;            // 0 x, 1 y, 2 depth
    int field;           // HEAL_DIFFUSE_*
    float dt;            // s
    float h;             // voxel size along the axis, mm
    float serum_surface; // serum on the skin (depth lines of the serum only)
    int n_max;           // table entries per (field, axis, layer)
    uint invocations;    // dispatched invocations: line = id + r * invocations
    int lines_per_invocation;
    int summary_from, summary_to;  // depths whose values the summary keeps (back substitution of depth lines)
    int slices_from, slices_to;    // the depths the field diffuses in (heal_line_solve.hpp: diffusing_slices)
} pc;

// The largest value kept so far, or 0 (as every maximum of heal_time_step.cpp's summarize starts), over the
// depths in `kept` (pc.summary_from, pc.summary_to, read into a local before the loop: lavapipe reloads a push
// constant after every store in a loop, and that cost the line solves 7 %).
float keep(float best, ivec2 kept, int s, float value) {
    return s >= kept.x && s < kept.y && value > best ? value : best;
}
float keep4(float best, ivec2 kept, int s, vec4 value) {
    return keep(keep(keep(keep(best, kept, s, value.x), kept, s, value.y), kept, s, value.z), kept, s, value.w);
}

uint line_first, line_stride;
int lateral_layer;
int first_slice;  // depth lines: the depth of the line's first voxel (0 for lateral lines)

uint voxel_at(int s) { return line_first + uint(s) * line_stride; }

// Sets line_first, line_stride, lateral_layer and first_slice; returns the line's length, 0 past the last line.
// Only the slices pc.slices_from .. pc.slices_to - 1 are solved: the lateral lines in them, the depth lines
// through them (the serum's, whose top row takes the surface flux, start at the surface). Lines are numbered over
// those, lateral ones slice after slice, so a dispatch is a few full workgroups: on lavapipe every workgroup
// costs about 6 us of its own, even with nothing to do, and one workgroup row per slice (206 workgroups for an
// axis's two sweeps on the CI grid) had cost more than the x lines' arithmetic.
int start_line(uint line) {
    uint width = kQuads ? 4u : 1u;  // lines per solve, neighbours in x (y and depth lines)
    if (pc.axis == 2) {  // depth lines: one per column
        int n = pc.slices_to - pc.slices_from;
        if (line * width >= uint(pc.nx * pc.ny) || n <= 0) return 0;
        line_stride = uint(pc.nx * pc.ny);
        line_first = line * width + uint(pc.slices_from) * line_stride;
        lateral_layer = 0;
        first_slice = pc.slices_from;
        return n;
    }
    first_slice = 0;
    uint per_slice = pc.axis == 0 ? uint(pc.ny) : uint(pc.nx) / width;
    uint k = uint(pc.slices_from) + line / per_slice, j = line % per_slice;
    if (k >= uint(pc.slices_to)) return 0;
    lateral_layer = int(texelFetch(layer_of_slice, int(k)).x);
    if (pc.axis == 0) {  // x lines: one per (k, j)
        line_first = (k * uint(pc.ny) + j) * uint(pc.nx);
        line_stride = 1u;
        return pc.nx;
    }
    line_first = k * uint(pc.ny) * uint(pc.nx) + j * width;  // y lines: one per (k, i)
    line_stride = uint(pc.nx);
    return pc.ny;
}

float field_at(uint v) { return texelFetch(field_before, int(v)).x; }

// Where the line's elimination starts in the table (a depth line's rows are indexed by depth).
int table_base() { return int(heal_line_table_base(pc.field, pc.axis, lateral_layer, pc.n_max)) + first_slice; }

// The summary's depths, counted along the line.
ivec2 kept_along_line() { return ivec2(pc.summary_from, pc.summary_to) - first_slice; }

// The right-hand side: the field, and for the signal's first solve (x lines, one layer each) what the injury
// releases over the step (heal_signal_all on the CPU).
float rhs_at(uint v, bool release, vec2 rates) {
    float u_old = field_at(v);
    if (!release) return u_old;
    int iv = int(v);
    return u_old + heal_signal_release(texelFetch(open_channel, iv).x, texelFetch(blood, iv).x, rates);
}

void forward_from_table(int n) {
    int base = table_base();
    bool release = pc.field == HEAL_DIFFUSE_SIGNAL && pc.axis == 0;
    vec2 rates = release ? heal_signal_release_rates(lateral_layer, pc.dt, params) : vec2(0.0f);
    float e_prev = 0.0f;
    for (int s = 0; s < n; ++s) {
        uint v = voxel_at(s);
        vec2 am = texelFetch(table, base + s).xy;
        e_prev = (rhs_at(v, release, rates) - am.x * e_prev) / am.y;
        u[v] = e_prev;
    }
}

// The back substitutions return the largest value they wrote at the summary's depths, or 0.
float back_from_table(int n) {
    int base = table_base();
    float next = field_at(voxel_at(n - 1));  // u(n-1) = d'(n-1), already in place
    ivec2 kept = kept_along_line();
    float best = keep(0.0f, kept, n - 1, next);
    for (int s = n - 2; s >= 0; --s) {
        uint v = voxel_at(s);
        next = field_at(v) - texelFetch(table, base + s).z * next;
        u[v] = next;
        best = keep(best, kept, s, next);
    }
    return best;
}

// The same two sweeps for four neighbouring lines at once (kQuads; voxel_at(s) is a multiple of 4). No release:
// that is on the x lines only.
void forward_quads_from_table(int n) {
    int base = table_base();
    vec4 e_prev = vec4(0.0f);
    for (int s = 0; s < n; ++s) {
        uint q = voxel_at(s) / 4u;
        vec2 am = texelFetch(table, base + s).xy;
        e_prev = (texelFetch(field_before4, int(q)) - am.x * e_prev) / am.y;
        u4[q] = e_prev;
    }
}

float back_quads_from_table(int n) {
    int base = table_base();
    vec4 next = texelFetch(field_before4, int(voxel_at(n - 1) / 4u));
    ivec2 kept = kept_along_line();
    float best = keep4(0.0f, kept, n - 1, next);
    for (int s = n - 2; s >= 0; --s) {
        uint q = voxel_at(s) / 4u;
        next = texelFetch(field_before4, int(q)) - texelFetch(table, base + s).z * next;
        u4[q] = next;
        best = keep4(best, kept, s, next);
    }
    return best;
}

// The x lines four voxels at a time along the line (kQuads on axis 0; nx is a multiple of 4, so a line starts
// at a whole texel): one texel fetch of the field and one store per four voxels, eliminated one after the other
// in registers, in the order and float operations of forward_from_table and back_from_table.
void forward_x_quads(int n) {
    int base = table_base();
    bool release = pc.field == HEAL_DIFFUSE_SIGNAL;
    vec2 rates = release ? heal_signal_release_rates(lateral_layer, pc.dt, params) : vec2(0.0f);
    int first = int(line_first / 4u);
    float e_prev = 0.0f;
    for (int s = 0; s < n; s += 4) {
        int q = first + s / 4;
        vec4 rhs = texelFetch(field_before4, q);
        if (release) {
            vec4 open = texelFetch(open_channel4, q), bleeding = texelFetch(blood4, q);
            rhs = vec4(rhs.x + heal_signal_release(open.x, bleeding.x, rates),
                       rhs.y + heal_signal_release(open.y, bleeding.y, rates),
                       rhs.z + heal_signal_release(open.z, bleeding.z, rates),
                       rhs.w + heal_signal_release(open.w, bleeding.w, rates));
        }
        vec2 a0 = texelFetch(table, base + s).xy, a1 = texelFetch(table, base + s + 1).xy;
        vec2 a2 = texelFetch(table, base + s + 2).xy, a3 = texelFetch(table, base + s + 3).xy;
        vec4 e;
        e.x = (rhs.x - a0.x * e_prev) / a0.y;
        e.y = (rhs.y - a1.x * e.x) / a1.y;
        e.z = (rhs.z - a2.x * e.y) / a2.y;
        e.w = (rhs.w - a3.x * e.z) / a3.y;
        u4[q] = e;
        e_prev = e.w;
    }
}

void back_x_quads(int n) {
    int base = table_base();
    int first = int(line_first / 4u);
    int q = first + n / 4 - 1;  // the last texel: u(n-1) = d'(n-1) stays as it is
    vec4 d = texelFetch(field_before4, q);
    d.z -= texelFetch(table, base + n - 2).z * d.w;
    d.y -= texelFetch(table, base + n - 3).z * d.z;
    d.x -= texelFetch(table, base + n - 4).z * d.y;
    u4[q] = d;
    float next = d.x;
    for (int s = n - 8; s >= 0; s -= 4) {
        q = first + s / 4;
        d = texelFetch(field_before4, q);
        d.w -= texelFetch(table, base + s + 3).z * next;
        d.z -= texelFetch(table, base + s + 2).z * d.w;
        d.y -= texelFetch(table, base + s + 1).z * d.z;
        d.x -= texelFetch(table, base + s).z * d.y;
        u4[q] = d;
        next = d.x;
    }
}

float diffusivity_at(int s, int field, bool along_depth, HealParams p) {
    int layer = along_depth ? int(texelFetch(layer_of_slice, first_slice + s).x) : lateral_layer;
    return heal_diffusivity(field, layer, texelFetch(open_channel, int(voxel_at(s))).x, along_depth ? 1 : 0, p);
}

// Lines whose diffusivity follows the open channels (heal_diffusivity_uses_open); the serum's depth lines add
// the surface flux to the top row. One line's elimination state: its rolling window of three diffusivities and
// the last (c', d').
struct Column { float d_prev, d_cur, d_next, c_prev, e_prev; };

// Row s of one column: eliminates it, keeps (c', d') and moves the column's window of diffusivities on by one.
vec2 eliminate_column(INOUT(Column) col, int s, int n, float u_old, float open_surface, float d_after, bool surface,
                      float h, float dt, HealParams p) {
    float lo = s > 0 ? heal_face_diffusivity(col.d_prev, col.d_cur) : 0.0f;
    float hi = s + 1 < n ? heal_face_diffusivity(col.d_cur, col.d_next) : 0.0f;
    vec4 row = heal_line_row(lo, hi, h, dt, u_old);
    if (s == 0 && surface) row = heal_serum_top_row(row, open_surface, pc.serum_surface, h, dt, p);
    vec4 k = heal_eliminate(row, col.c_prev);
    float e = (row.w - k.x * col.e_prev) / k.y;
    col.c_prev = k.z;
    col.e_prev = e;
    col.d_prev = col.d_cur;
    col.d_cur = col.d_next;
    col.d_next = d_after;
    return vec2(k.z, e);
}

void forward_per_voxel(int n) {
    HealParams p = params;  // locals: lavapipe reloads parameters and push constants after every store in a loop
    int field = pc.field;
    bool along_depth = pc.axis == 2;
    float h = pc.h, dt = pc.dt;
    bool surface = along_depth && field == HEAL_DIFFUSE_SERUM;
    float open_surface = texelFetch(open_channel, int(line_first)).x;
    Column col = Column(0.0f, diffusivity_at(0, field, along_depth, p),
                        n > 1 ? diffusivity_at(1, field, along_depth, p) : 0.0f, 0.0f, 0.0f);
    for (int s = 0; s < n; ++s) {
        uint v = voxel_at(s);
        float after = s + 2 < n ? diffusivity_at(s + 2, field, along_depth, p) : 0.0f;
        scratch[v] = eliminate_column(col, s, n, field_at(v), open_surface, after, surface, h, dt, p);
    }
}

float back_per_voxel(int n) {
    float next = texelFetch(scratch_before, int(voxel_at(n - 1))).y;  // u(n-1) = d'(n-1)
    u[voxel_at(n - 1)] = next;
    ivec2 kept = kept_along_line();
    float best = keep(0.0f, kept, n - 1, next);
    for (int s = n - 2; s >= 0; --s) {
        uint v = voxel_at(s);
        vec2 ce = texelFetch(scratch_before, int(v)).xy;
        next = ce.y - ce.x * next;
        u[v] = next;
        best = keep(best, kept, s, next);
    }
    return best;
}

// The same elimination for four neighbouring columns at once (kQuads; the serum's depth lines): a texel fetch
// of the field and of the open channels, and two stores of the scratch (c' of the four, then d'), per four
// voxels. The arithmetic stays one voxel at a time, in the same order: four calls with constant components, as
// in heal_react_main.glsl (a loop over the components put the vectors in scratch memory on lavapipe).
vec4 diffusivities_at(int s, int field, HealParams p) {
    int layer = int(texelFetch(layer_of_slice, first_slice + s).x);
    vec4 open = texelFetch(open_channel4, int(voxel_at(s) / 4u));
    return vec4(heal_diffusivity(field, layer, open.x, 1, p), heal_diffusivity(field, layer, open.y, 1, p),
                heal_diffusivity(field, layer, open.z, 1, p), heal_diffusivity(field, layer, open.w, 1, p));
}

void forward_quads_per_voxel(int n) {
    HealParams p = params;
    int field = pc.field;
    float h = pc.h, dt = pc.dt;
    bool surface = field == HEAL_DIFFUSE_SERUM;
    vec4 d0 = diffusivities_at(0, field, p), d1 = n > 1 ? diffusivities_at(1, field, p) : vec4(0.0f);
    Column cx = Column(0.0f, d0.x, d1.x, 0.0f, 0.0f), cy = Column(0.0f, d0.y, d1.y, 0.0f, 0.0f);
    Column cz = Column(0.0f, d0.z, d1.z, 0.0f, 0.0f), cw = Column(0.0f, d0.w, d1.w, 0.0f, 0.0f);
    vec4 open_surface = texelFetch(open_channel4, int(line_first / 4u));
    for (int s = 0; s < n; ++s) {
        uint q = voxel_at(s) / 4u;
        vec4 u_old = texelFetch(field_before4, int(q));
        vec4 after = s + 2 < n ? diffusivities_at(s + 2, field, p) : vec4(0.0f);
        vec2 x = eliminate_column(cx, s, n, u_old.x, open_surface.x, after.x, surface, h, dt, p);
        vec2 y = eliminate_column(cy, s, n, u_old.y, open_surface.y, after.y, surface, h, dt, p);
        vec2 z = eliminate_column(cz, s, n, u_old.z, open_surface.z, after.z, surface, h, dt, p);
        vec2 w = eliminate_column(cw, s, n, u_old.w, open_surface.w, after.w, surface, h, dt, p);
        scratch4[2u * q] = vec4(x.x, y.x, z.x, w.x);
        scratch4[2u * q + 1u] = vec4(x.y, y.y, z.y, w.y);
    }
}

float back_quads_per_voxel(int n) {
    uint q = voxel_at(n - 1) / 4u;
    vec4 next = texelFetch(scratch_before4, int(2u * q + 1u));  // u(n-1) = d'(n-1)
    u4[q] = next;
    ivec2 kept = kept_along_line();
    float best = keep4(0.0f, kept, n - 1, next);
    for (int s = n - 2; s >= 0; --s) {
        q = voxel_at(s) / 4u;
        next = texelFetch(scratch_before4, int(2u * q + 1u)) - texelFetch(scratch_before4, int(2u * q)) * next;
        u4[q] = next;
        best = keep4(best, kept, s, next);
    }
    return best;
}

void main() {
    float best = 0.0f;
    for (int r = 0; r < pc.lines_per_invocation; ++r) {
        int n = start_line(gl_GlobalInvocationID.x + uint(r) * pc.invocations);
        if (n == 0) break;
        if (kQuads && kXLines) {
            if (kSweep == 0) forward_x_quads(n);
            else back_x_quads(n);
        } else if (kQuads) {
            if (kSweep == 0) {
                if (kPerVoxel) forward_quads_per_voxel(n);
                else forward_quads_from_table(n);
            } else {
                best = max(best, kPerVoxel ? back_quads_per_voxel(n) : back_quads_from_table(n));
            }
        } else if (kSweep == 0) {
            if (kPerVoxel) forward_per_voxel(n);
            else forward_from_table(n);
        } else {
            best = max(best, kPerVoxel ? back_per_voxel(n) : back_from_table(n));
        }
    }
    // The activation rises with the density, so its largest value is that of the largest density.
    if (pc.field == HEAL_DIFFUSE_FIBROBLASTS) publish_maximum(4, summary_activation(best, params));
    else publish_maximum(5, best);
}
