// The reaction pass (heal_react.comp, heal_react_quads.comp): heal_react on every field of every voxel, and the
// step chooser's summary of what it writes. With HEAL_REACT_QUADS defined, the fields are read and written four
// neighbouring voxels at a time (heal_pass.cpp chooses it when nx is a multiple of 4, so the voxel count is too,
// and four neighbours in x share a slice and so a layer). The arithmetic stays one voxel at a time, in the same
// order, so both variants give the same floats. Why: on lavapipe the reaction's 13 texel fetches and 12 stores
// per voxel took about 60 % of its time (fetches alone 3.4 ms, with the stores 4.7 ms, in all 7.3 ms on the CI
// grid, one thread), and a vec4 fetch or store costs little more than a float's.
#define INOUT(T) inout T
#include "sim/heal_kernel.glsl"
#include "sim/heal_texels.glsl"

layout(local_size_x = 256) in;

// Outside the dermis, the fields that live in it (redness, fibroblasts, collagen III and I, elastin, capillaries,
// macrophages, the epidermis's thickening) are zero and stay zero: no layer there makes them (heal_react gives
// zero from zero), nothing moves them there (the fibroblasts do not diffuse out of the dermis), a stamp writes
// only the open channels and the blood; TissueVolumeGpu::upload notes whether a state keeps this, and on one
// that does not the whole reaction runs over the whole grid (HealPass::reacts_outside_dermis_apart). So a
// pipeline made for the slices outside the dermis reads and writes only the four fields that change there (5
// fetches and 4 stores a voxel instead of 13 and 12): on lavapipe the reaction is bound by its fetches and
// stores. heal_react still does the arithmetic, from zeros the compiler folds, so the results are those of the
// whole reaction, to the bit.
layout(constant_id = 0) const bool OUTSIDE_DERMIS = false;

#ifdef HEAL_REACT_QUADS
#define VOXELS vec4
#else
#define VOXELS float
#endif

// Bindings 0..9: the first ten fields in dermasim::Field order, written; 10: layer per slice; 11: parameters;
// 13: macrophages, 14: epidermis (fields added later sit after the summary's binding 12, so the older bindings
// keep their numbers); 12: the summary (float bits of six maxima); 15 and 16: the fields and layer table as
// texels, read (sim/heal_texels.glsl); 17: the signal as it was before this step's signal line solves, read;
// 18 and 19: the fields and that signal again, four voxels a texel (HEAL_REACT_QUADS).
layout(std430, set = 0, binding = 0) writeonly buffer F0 { VOXELS open_channel[]; };
layout(std430, set = 0, binding = 1) writeonly buffer F1 { VOXELS blood[]; };
layout(std430, set = 0, binding = 2) writeonly buffer F2 { VOXELS signal_[]; };
layout(std430, set = 0, binding = 3) writeonly buffer F3 { VOXELS erythema[]; };
layout(std430, set = 0, binding = 4) writeonly buffer F4 { VOXELS fibroblasts[]; };
layout(std430, set = 0, binding = 5) writeonly buffer F5 { VOXELS collagen3[]; };
layout(std430, set = 0, binding = 6) writeonly buffer F6 { VOXELS collagen1[]; };
layout(std430, set = 0, binding = 7) writeonly buffer F7 { VOXELS elastin[]; };
layout(std430, set = 0, binding = 8) writeonly buffer F8 { VOXELS capillaries[]; };
layout(std430, set = 0, binding = 9) writeonly buffer F9 { VOXELS serum[]; };
layout(std140, set = 0, binding = 11) uniform Params { HealParams params; };  // uniform: lavapipe loads it once per workgroup
layout(std430, set = 0, binding = 12) buffer Summary { uint summary_bits[6]; };
layout(std430, set = 0, binding = 13) writeonly buffer F10 { VOXELS macrophages[]; };
layout(std430, set = 0, binding = 14) writeonly buffer F11 { VOXELS epidermis[]; };
layout(set = 0, binding = 17) uniform samplerBuffer signal_before;
layout(set = 0, binding = 18) uniform samplerBuffer field_quads[HEAL_FIELD_COUNT];  // RGBA32F views
layout(set = 0, binding = 19) uniform samplerBuffer signal_before_quads;

layout(push_constant) uniform Push {
    uint voxel_count;      // of this dispatch
    uint slice_voxels;     // nx * ny
    uint unused;           // the summary pass's stride
    float dt;
    uint voxels_per_invocation;  // voxels, or quads of them (HEAL_REACT_QUADS)
    uint summary_mask;     // SUMMARY_* bits
    // This dispatch's items (voxels or quads) j are items first_item + j of the grid, and gap_items further on
    // from j = gap_at: the dermis's slices are one run of items; those outside it are two, above and below.
    uint first_item;
    uint gap_at;
    uint gap_items;
} pc;

#include "sim/heal_summary.glsl"

const uint SUMMARY_TAKE = 1u;         // take the summary at all
const uint SUMMARY_FIBROBLASTS = 2u;  // the fibroblasts are final here (no line solve follows)
const uint SUMMARY_SERUM = 4u;        // the serum is final here

// One voxel: its new state, and the maxima of what is final here, whether or not the summary is taken (a branch
// costs more than the max).
SummaryMaxima react_one(INOUT(VoxelState) s, float signal_at_start, int layer, SummaryMaxima m, HealParams p) {
    s = heal_react(s, signal_at_start, layer, pc.dt, p);
    bool fibroblasts_final = (pc.summary_mask & SUMMARY_FIBROBLASTS) != 0u;
    float activation = fibroblasts_final && heal_is_dermis(layer) ? summary_activation(s.fibroblasts, p) : 0.0f;
    float serum_final = (pc.summary_mask & SUMMARY_SERUM) != 0u ? s.serum : 0.0f;
    return keep_voxel(m, s.open, s.blood, s.signal, s.erythema, activation, serum_final, p);
}

#ifdef HEAL_REACT_QUADS
// Four neighbouring voxels' fields, component c of each.
struct QuadState {
    vec4 open, blood, signal, erythema, fibroblasts, collagen3, collagen1, elastin, capillaries, serum, macrophages,
        epidermis;
};

VoxelState voxel_of(QuadState q, int c) {
    return VoxelState(q.open[c], q.blood[c], q.signal[c], q.erythema[c], q.fibroblasts[c], q.collagen3[c],
                      q.collagen1[c], q.elastin[c], q.capillaries[c], q.serum[c], q.macrophages[c], q.epidermis[c]);
}

void set_voxel(inout QuadState q, int c, VoxelState v) {
    q.open[c] = v.open;
    q.blood[c] = v.blood;
    q.signal[c] = v.signal;
    q.erythema[c] = v.erythema;
    q.fibroblasts[c] = v.fibroblasts;
    q.collagen3[c] = v.collagen3;
    q.collagen1[c] = v.collagen1;
    q.elastin[c] = v.elastin;
    q.capillaries[c] = v.capillaries;
    q.serum[c] = v.serum;
    q.macrophages[c] = v.macrophages;
    q.epidermis[c] = v.epidermis;
}

SummaryMaxima react_component(inout QuadState q, int c, float at_start, int layer, SummaryMaxima m, HealParams p) {
    VoxelState s = voxel_of(q, c);
    m = react_one(s, at_start, layer, m, p);
    set_voxel(q, c, s);
    return m;
}

#endif

// The fields of item i: a voxel, or a quad of them.
#ifdef HEAL_REACT_QUADS
#define ITEM_STATE QuadState
#define READ(f) texelFetch(field_quads[f], int(i))
#else
#define ITEM_STATE VoxelState
#define READ(f) read_field(f, i)
#endif
#define READ_DERMAL(f) (OUTSIDE_DERMIS ? VOXELS(0.0f) : READ(f))
SummaryMaxima react_item(uint i, SummaryMaxima m, HealParams p) {
    ITEM_STATE q = ITEM_STATE(READ(HEAL_FIELD_OPEN), READ(HEAL_FIELD_BLOOD), READ(HEAL_FIELD_SIGNAL),
                              READ_DERMAL(HEAL_FIELD_ERYTHEMA), READ_DERMAL(HEAL_FIELD_FIBROBLASTS),
                              READ_DERMAL(HEAL_FIELD_COLLAGEN3), READ_DERMAL(HEAL_FIELD_COLLAGEN1),
                              READ_DERMAL(HEAL_FIELD_ELASTIN), READ_DERMAL(HEAL_FIELD_CAPILLARIES),
                              READ(HEAL_FIELD_SERUM), READ_DERMAL(HEAL_FIELD_MACROPHAGES),
                              READ_DERMAL(HEAL_FIELD_EPIDERMIS));
#ifdef HEAL_REACT_QUADS
    int layer = layer_of_voxel(i * 4u, pc.slice_voxels);
    vec4 at_start = texelFetch(signal_before_quads, int(i));
    // Four calls, not a loop: a loop's component, chosen at run time, sent the quads to scratch memory and made
    // the reaction slower than one voxel at a time (8.3-9.3 against 7.3 ms).
    m = react_component(q, 0, at_start.x, layer, m, p);
    m = react_component(q, 1, at_start.y, layer, m, p);
    m = react_component(q, 2, at_start.z, layer, m, p);
    m = react_component(q, 3, at_start.w, layer, m, p);
#else
    m = react_one(q, texelFetch(signal_before, int(i)).x, layer_of_voxel(i, pc.slice_voxels), m, p);
#endif
    open_channel[i] = q.open;
    blood[i] = q.blood;
    signal_[i] = q.signal;
    serum[i] = q.serum;
    if (!OUTSIDE_DERMIS) {
        erythema[i] = q.erythema;
        fibroblasts[i] = q.fibroblasts;
        collagen3[i] = q.collagen3;
        collagen1[i] = q.collagen1;
        elastin[i] = q.elastin;
        capillaries[i] = q.capillaries;
        macrophages[i] = q.macrophages;
        epidermis[i] = q.epidermis;
    }
    return m;
}
#undef READ_DERMAL
#undef READ
#undef ITEM_STATE

void main() {
    // A workgroup takes a block of voxels_per_invocation x 256 neighbouring items (voxels or quads), 256 at a
    // time: on a CPU driver each thread then streams through a block of its own.
    uint items = pc.voxel_count;
#ifdef HEAL_REACT_QUADS
    items /= 4u;
#endif
    uint group = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    uint first = group * gl_WorkGroupSize.x * pc.voxels_per_invocation + gl_LocalInvocationID.x;
    SummaryMaxima m = no_maxima();
    HealParams p = params;  // lavapipe reloads a uniform after every store in a loop: the reaction took 10 % longer
    for (uint r = 0u; r < pc.voxels_per_invocation; ++r) {
        uint j = first + r * gl_WorkGroupSize.x;
        if (j >= items) break;
        m = react_item(pc.first_item + j + (j >= pc.gap_at ? pc.gap_items : 0u), m, p);
    }
    if ((pc.summary_mask & SUMMARY_TAKE) != 0u) publish_summary(m);
}
