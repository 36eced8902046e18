// The line solves' shared math (heal_diffuse.comp, heal_line_coeffs.comp and the CPU twin in
// heal_line_solve.cpp), in the common GLSL/C++ subset of heal_kernel.glsl, which must be included first.
//
// Why a table: for most (field, axis) pairs a voxel's diffusivity depends only on its layer, so every line of
// one layer (lateral lines) or every column (depth lines) has the same matrix. The Thomas algorithm's
// elimination coefficients then depend only on the position along the line: they are computed once per step,
// field, axis and layer (heal_line_coeffs.comp) instead of once per voxel, and the solve itself needs no
// division but the one by m, no scratch buffer and no diffusivity lookups.

const int HEAL_LAYER_COUNT = 5;  // HEAL_LAYER_STRATUM_CORNEUM .. HEAL_LAYER_HYPODERMIS

// Whether a field's diffusivity along these lines varies within a layer (it reads the open fraction). Must
// agree with heal_diffusivity: only the serum's depth lines follow the open channels.
HEAL_FN bool heal_diffusivity_uses_open(int field, int along_depth) {
    return field == HEAL_DIFFUSE_SERUM && along_depth != 0;
}

// Forward elimination of one row (a, b, c, d) given c' of the row before (0 for the first row): returns
// (a, m, c', 0) with m = b - a c'(s-1), c' = c / m. The right-hand side then eliminates as
// d' = (d - a d'(s-1)) / m. For the first row a = -0, so m = b and d' = d / b exactly, as the textbook form.
HEAL_FN vec4 heal_eliminate(vec4 row, float c_prev) {
    float m = row.y - row.x * c_prev;
    return vec4(row.x, m, row.z / m, 0.0f);
}

// Where the elimination of (field, axis, layer) starts in the coefficient table: n_max entries each, depth
// lines (axis 2) use layer 0 only (their rows follow the layer of each slice).
HEAL_FN uint heal_line_table_base(int field, int axis, int layer, int n_max) {
    return uint(((field * 3 + axis) * HEAL_LAYER_COUNT + layer) * n_max);
}

// Row s of a line of n voxels along an axis (0 x, 1 y, 2 depth) with a uniform-by-layer diffusivity: lateral
// lines lie in one layer; depth lines cross them (layer_at gives the layers of s-1, s, s+1 as lo_layer, layer,
// hi_layer).
HEAL_FN vec4 heal_table_row(int field, int axis, int lo_layer, int layer, int hi_layer, int s, int n, float h,
                            float dt, HealParams p) {
    int along_depth = axis == 2 ? 1 : 0;
    float d = heal_diffusivity(field, layer, 0.0f, along_depth, p);
    float lo = s > 0 ? heal_face_diffusivity(heal_diffusivity(field, lo_layer, 0.0f, along_depth, p), d) : 0.0f;
    float hi = s + 1 < n ? heal_face_diffusivity(d, heal_diffusivity(field, hi_layer, 0.0f, along_depth, p)) : 0.0f;
    vec2 step = field == HEAL_DIFFUSE_SIGNAL ? heal_signal_line_step(axis, dt, p) : vec2(dt, 0.0f);
    vec4 row = heal_line_row(lo, hi, h, step.x, 0.0f);
    row.y += step.y;
    return row;
}
