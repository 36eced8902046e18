// The tally of the volume as it is (engine/sim/tissue_tally.hpp; its CPU twin is tally_tissue): per depth slice
// the sums of the fields the healing figures use (the serum's maximum), and per run of columns the reddest
// column's sum of papillary erythema. Each invocation sums one segment of one slice, or one run of columns, in a
// fixed order, and writes its own partial results; the host adds them up in double. No atomics and no shared
// memory, so the result is the same on every run, and lavapipe runs a few full workgroups. A segment (a run) is
// every `segments`-th item of its slice (column), from its own: neighbouring lanes read neighbouring items, as a
// GPU wants.
//
// heal_tally.comp reads a voxel a texel; heal_tally_quads.comp (HEAL_TALLY_QUADS, slices a multiple of 4 voxels)
// four, as the step's own passes do.
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"
#include "sim/heal_texels.glsl"

layout(local_size_x = 32) in;

#ifdef HEAL_TALLY_QUADS
layout(set = 0, binding = 18) uniform samplerBuffer field_quads[HEAL_FIELD_COUNT];  // RGBA32F views
#define ITEMS vec4
#define READ(f, i) texelFetch(field_quads[f], int(i))
float total(vec4 v) { return (v.x + v.y) + (v.z + v.w); }
float largest(vec4 v) { return max(max(v.x, v.y), max(v.z, v.w)); }
#else
#define ITEMS float
#define READ(f, i) read_field(f, i)
float total(float v) { return v; }
float largest(float v) { return v; }
#endif

// Partial results: per slice and segment, kTalliedCount floats in dermasim::Tallied order; then one float per
// run of columns.
layout(std430, set = 0, binding = 0) writeonly buffer Partials { float partials[]; };

layout(push_constant) uniform Push {
    uint slice_items;          // voxels (or quads) per slice
    uint nz;
    uint segments;             // per slice
    uint column_runs;
    int papillary_from, papillary_to;  // depth slices, one run (tissue_tally.cpp: papillary_slices)
    uint full;                 // 0: only what a step's observers need (Tallied's first three)
} pc;

const uint TALLIED = 10;  // dermasim::kTalliedCount; sums[] below is in dermasim::Tallied's order

// Sums of one field over the items first, first + stride, ... < last, a block of 16 at a time: a float sum of a
// whole slice of values near 1 would lose a few parts per million, and the figures are changes of a few per
// cent from the baseline.
#define SUM(f, first, last, stride, out_sum)                                      \
    {                                                                             \
        ITEMS sum_ = ITEMS(0);                                                    \
        for (uint b_ = first; b_ < last; b_ += 16 * stride) {                     \
            ITEMS block_ = ITEMS(0);                                              \
            for (uint i_ = b_; i_ < min(b_ + 16 * stride, last); i_ += stride) block_ += READ(f, i_); \
            sum_ += block_;                                                       \
        }                                                                         \
        out_sum = total(sum_);                                                    \
    }

void tally_segment(uint k, uint segment, uint out_at) {
    const uint first = k * pc.slice_items + segment, last = (k + 1) * pc.slice_items, stride = pc.segments;
    const bool dermis = heal_is_dermis(int(texelFetch(layer_texels, int(k)).x));
    // Redness, capillaries and the epidermis show at the surface: the figures take them from the papillary
    // dermis alone.
    const bool papillary = int(k) >= pc.papillary_from && int(k) < pc.papillary_to;
    float sums[TALLIED] = float[](0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    SUM(HEAL_FIELD_OPEN, first, last, stride, sums[0]);
    ITEMS serum = ITEMS(0);
    for (uint i = first; i < last; i += stride) serum = max(serum, READ(HEAL_FIELD_SERUM, i));
    sums[1] = largest(serum);
    if (papillary) SUM(HEAL_FIELD_ERYTHEMA, first, last, stride, sums[2]);
    if (pc.full != 0 && dermis) {
        SUM(HEAL_FIELD_COLLAGEN1, first, last, stride, sums[3]);
        SUM(HEAL_FIELD_COLLAGEN3, first, last, stride, sums[4]);
        SUM(HEAL_FIELD_ELASTIN, first, last, stride, sums[5]);
        if (papillary) SUM(HEAL_FIELD_CAPILLARIES, first, last, stride, sums[6]);
        SUM(HEAL_FIELD_FIBROBLASTS, first, last, stride, sums[7]);
        SUM(HEAL_FIELD_MACROPHAGES, first, last, stride, sums[8]);
        if (papillary) SUM(HEAL_FIELD_EPIDERMIS, first, last, stride, sums[9]);
    }
    for (uint t = 0; t < TALLIED; ++t) partials[out_at * TALLIED + t] = sums[t];
}

// The largest papillary column sum of erythema over a run of columns (of column quads: four at a time).
void tally_columns(uint run, uint out_at) {
    float reddest = 0;
    for (uint c = run; c < pc.slice_items; c += pc.column_runs) {
        ITEMS column = ITEMS(0);
        for (int k = pc.papillary_from; k < pc.papillary_to; ++k)
            column += READ(HEAL_FIELD_ERYTHEMA, uint(k) * pc.slice_items + c);
        reddest = max(reddest, largest(column));
    }
    partials[out_at] = reddest;
}

void main() {
    const uint id = gl_GlobalInvocationID.x, segments = pc.nz * pc.segments;
    if (id < segments) tally_segment(id / pc.segments, id % pc.segments, id);
    else if (id < segments + pc.column_runs) tally_columns(id - segments, segments * TALLIED + (id - segments));
}
