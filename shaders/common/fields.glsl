// The simulated tissue as the skin-block shader sees it (mirrors engine/render/field_volume.hpp): the overlay's
// quantities per voxel, already scaled to 0..1 of their full-scale colour, and the papillary redness per column.
// Requires common/scene.glsl (binding 0) and common/channels.glsl (bindings 1-3, kPatchMm).
layout(set = 0, binding = 4) uniform FieldUniforms {
    vec4 dims;        // nx, ny, nz, 1 when a tissue is shown
    vec4 spacing;     // dx, dy, dz (mm), number of overlay quantities (0..2)
    vec4 ramp[6];     // quantity q's colour stops at 0, 0.5, 1: ramp[3 q + s]
    vec4 redness;     // rgb: erythema colour, w: strongest blend into the skin
    vec4 opacity;     // x: overlay tint at full scale
} fields;
// Texel buffers, not storage buffers: engine/vk/texel_buffer.hpp says why.
layout(set = 0, binding = 5) uniform samplerBuffer overlay_voxels;    // vec2 per voxel
layout(set = 0, binding = 6) uniform samplerBuffer surface_erythema;  // float per column

vec2 overlay_voxel(int i) { return texelFetch(overlay_voxels, i).xy; }
float column_redness(int i) { return texelFetch(surface_erythema, i).x; }

bool has_tissue() { return fields.dims.w > 0.5; }

// Voxel-centre coordinates of a point along one axis: lower index, next index and the weight of the next.
void axis_lerp(float pos_mm, float size_mm, int n, out int i0, out int i1, out float f) {
    float u = clamp(pos_mm / size_mm - 0.5, 0.0, float(n - 1));
    i0 = int(floor(u));
    i1 = min(i0 + 1, n - 1);
    f = u - float(i0);
}

// Overlay quantities at patch position (x, y) and depth (mm), trilinear between voxel centres; zero below the grid.
vec2 overlay_at(vec2 patch_pos, float depth) {
    ivec3 n = ivec3(fields.dims.xyz);
    if (depth > float(n.z) * fields.spacing.z) return vec2(0.0);
    int x0, x1, y0, y1, z0, z1;
    float fx, fy, fz;
    axis_lerp(patch_pos.x, fields.spacing.x, n.x, x0, x1, fx);
    axis_lerp(patch_pos.y, fields.spacing.y, n.y, y0, y1, fy);
    axis_lerp(depth, fields.spacing.z, n.z, z0, z1, fz);
    vec2 v[2];
    for (int c = 0; c < 2; ++c) {
        int k = c == 0 ? z0 : z1;
        int row0 = (k * n.y + y0) * n.x, row1 = (k * n.y + y1) * n.x;
        vec2 a = mix(overlay_voxel(row0 + x0), overlay_voxel(row0 + x1), fx);
        vec2 b = mix(overlay_voxel(row1 + x0), overlay_voxel(row1 + x1), fx);
        v[c] = mix(a, b, fy);
    }
    return mix(v[0], v[1], fz);
}

vec3 overlay_ramp(int q, float t) {
    vec3 lo = fields.ramp[3 * q].rgb, mid = fields.ramp[3 * q + 1].rgb, hi = fields.ramp[3 * q + 2].rgb;
    return t < 0.5 ? mix(lo, mid, t * 2.0) : mix(mid, hi, t * 2.0 - 1.0);
}

// Two quantities' colours where both are present, weighted by their strengths, keeping the colour as vivid as
// its parts. A plain weighted mean of complementary colours is grey: where a treatment left young and mature
// collagen side by side (+4.5 % and +3 % four weeks after a 1.5 mm roller), the orange and the teal averaged to a
// grey wash that looked like no change at all. So the mean's distance from its own grey is raised back to the
// parts' mean distance: orange and teal together read as olive, neither of them and plainly not untreated.
const vec3 kLuma = vec3(0.299, 0.587, 0.114);  // Rec. 601 luma weights

vec3 blend_tints(vec3 a, float wa, vec3 b, float wb) {
    vec3 mean = (a * wa + b * wb) / (wa + wb);
    float chroma_parts = (length(a - dot(a, kLuma)) * wa + length(b - dot(b, kLuma)) * wb) / (wa + wb);
    vec3 grey = vec3(dot(mean, kLuma));
    float chroma = length(mean - grey);
    return clamp(grey + (mean - grey) * min(chroma_parts / max(chroma, 1e-4), 4.0), 0.0, 1.0);
}

// Tints a cut face's albedo with the overlay: each quantity's ramp colour, weighted by its strength when two
// overlap; the tint fades in over the bottom half of the (logarithmic) scale.
vec3 apply_overlay(vec3 albedo, vec2 patch_pos, float depth) {
    int count = int(fields.spacing.w + 0.5);
    if (!has_tissue() || count == 0) return albedo;
    vec2 t = overlay_at(patch_pos, depth);
    if (count == 1) t.y = 0.0;
    float strength = max(t.x, t.y);
    if (strength <= 0.0) return albedo;
    vec3 tint = blend_tints(overlay_ramp(0, t.x), t.x, overlay_ramp(1, t.y), t.y);
    // The tint keeps the tissue's own light and dark (fibres, cells, the layer boundaries) and never covers
    // more than about two thirds of it, so the anatomy stays readable under the strongest overlay.
    float lum = dot(albedo, kLuma);
    vec3 shaded = tint * (0.45 + 0.75 * lum);
    return mix(albedo, shaded, fields.opacity.x * 0.65 * smoothstep(0.0, 0.8, strength));
}

// Papillary erythema (0..1) under the skin surface at patch position: bilinear over the columns.
float surface_redness(vec2 patch_pos) {
    if (!has_tissue()) return 0.0;
    ivec3 n = ivec3(fields.dims.xyz);
    int x0, x1, y0, y1;
    float fx, fy;
    axis_lerp(patch_pos.x, fields.spacing.x, n.x, x0, x1, fx);
    axis_lerp(patch_pos.y, fields.spacing.y, n.y, y0, y1, fy);
    float a = mix(column_redness(y0 * n.x + x0), column_redness(y0 * n.x + x1), fx);
    float b = mix(column_redness(y1 * n.x + x0), column_redness(y1 * n.x + x1), fx);
    return mix(a, b, fy);
}
