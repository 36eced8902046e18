// Stamping one needle channel into the tissue volume: the per-voxel math shared, word for word, by the GPU
// compute pass and its CPU twin (engine/sim/channel_stamp.cpp). Common subset of GLSL 4.50 and C++/glm: no
// #version or layout here, float literals with 'f', integer literals with 'u', inout only through INOUT(T).
//
// A channel is a cone: radius radius_mm at the surface point surface_mm, tapering to a point at depth_mm, its
// axis drifting laterally by tilt mm per mm of depth. Channels are far narrower than a voxel, so a voxel stores
// the fraction of its volume the channel occupies. At each sampled depth the channel's disc is replaced by the
// square of the same area, whose overlap with a voxel's footprint is a product of two interval overlaps: the
// overlaps of all voxels of a slice add up to exactly the disc's area, and two-point Gauss-Legendre sampling
// over two halves of each slice integrates the cone's quadratic cross-section exactly, so the stamped volume
// is the cone's volume (pi r^2 d / 3) up to rounding.
//
// Order independence: each voxel's fraction becomes a fixed-point integer (x 65536, rounded) that is added
// atomically to a uint accumulator; a resolve step adds accumulator / 65536 to the field, capped at 1.
#ifndef DERMASIM_STAMP_KERNEL_GLSL
#define DERMASIM_STAMP_KERNEL_GLSL

const float kStampFixedOne = 65536.0f;     // fixed-point scale of the accumulators
const float kStampSqrtPiHalf = 0.886226925f;  // sqrt(pi) / 2: half side of the square with a unit disc's area
const float kStampGaussOffset = 0.288675135f; // 1 / (2 sqrt(3)): Gauss-Legendre nodes at mid +- h * this
const uint kStampFirstBleedingLayer = 2u;     // Layer::PapillaryDermis: its capillary loops bleed

// Length of the overlap of the intervals [a0, a1] and [b0, b1].
float stamp_overlap(float a0, float a1, float b0, float b1) {
    return max(0.0f, min(a1, b1) - max(a0, b0));
}

// The channel's radius at depth z below the surface.
float stamp_radius_at(float depth_mm, float radius_mm, float z) {
    return radius_mm * max(0.0f, 1.0f - z / depth_mm);
}

// Corners of the channel's bounding box in mm: (x, y, depth).
vec3 stamp_box_min_mm(vec2 surface_mm, float depth_mm, float radius_mm, vec2 tilt) {
    vec2 tip = surface_mm + tilt * depth_mm;
    return vec3(min(surface_mm.x, tip.x) - radius_mm, min(surface_mm.y, tip.y) - radius_mm, 0.0f);
}
vec3 stamp_box_max_mm(vec2 surface_mm, float depth_mm, float radius_mm, vec2 tilt) {
    vec2 tip = surface_mm + tilt * depth_mm;
    return vec3(max(surface_mm.x, tip.x) + radius_mm, max(surface_mm.y, tip.y) + radius_mm, depth_mm);
}

// Index of the cell holding coord_mm, clamped to 0..last_index.
int stamp_cell(float coord_mm, float cell_mm, int last_index) {
    return clamp(int(floor(coord_mm / cell_mm)), int(0u), last_index);
}

// Area of the channel's cross-section at depth z inside the voxel column [x0,x1] x [y0,y1].
float stamp_slice_area(vec2 surface_mm, float depth_mm, float radius_mm, vec2 tilt, float z,
                       float x0, float x1, float y0, float y1) {
    float half_side = kStampSqrtPiHalf * stamp_radius_at(depth_mm, radius_mm, z);
    vec2 c = surface_mm + tilt * z;
    return stamp_overlap(c.x - half_side, c.x + half_side, x0, x1) *
           stamp_overlap(c.y - half_side, c.y + half_side, y0, y1);
}

// Fraction (0..1) of voxel (i, j, k) of size voxel_mm occupied by the channel.
float stamp_voxel_fraction(vec2 surface_mm, float depth_mm, float radius_mm, vec2 tilt,
                           int i, int j, int k, vec3 voxel_mm) {
    float x0 = float(i) * voxel_mm.x;
    float y0 = float(j) * voxel_mm.y;
    float z0 = max(0.0f, float(k) * voxel_mm.z);
    float z1 = min(depth_mm, float(k) * voxel_mm.z + voxel_mm.z);
    if (!(z1 > z0) || !(radius_mm > 0.0f)) return 0.0f;
    float h = 0.5f * (z1 - z0);  // two halves, two Gauss points each
    float area_sum = 0.0f;
    for (uint half_index = 0u; half_index < 2u; ++half_index) {
        float mid = z0 + (float(half_index) + 0.5f) * h;
        area_sum += stamp_slice_area(surface_mm, depth_mm, radius_mm, tilt, mid - kStampGaussOffset * h,
                                     x0, x0 + voxel_mm.x, y0, y0 + voxel_mm.y);
        area_sum += stamp_slice_area(surface_mm, depth_mm, radius_mm, tilt, mid + kStampGaussOffset * h,
                                     x0, x0 + voxel_mm.x, y0, y0 + voxel_mm.y);
    }
    float volume = area_sum * 0.5f * h;  // each Gauss point weighs h / 2
    return min(1.0f, volume / (voxel_mm.x * voxel_mm.y * voxel_mm.z));
}

// The fixed-point amount one puncture adds to a voxel's accumulator.
uint stamp_fixed_amount(float fraction) {
    return uint(clamp(fraction, 0.0f, 1.0f) * kStampFixedOne + 0.5f);
}

// 1 where a channel fills with blood (papillary dermis and deeper), else 0.
float stamp_bleeds(uint layer) {
    return layer >= kStampFirstBleedingLayer ? 1.0f : 0.0f;
}

// Adds an accumulator to a field value, capped at 1; also clears the accumulator for the next batch.
float stamp_resolve(float value, INOUT(uint) accumulator) {
    float result = min(1.0f, value + float(accumulator) / kStampFixedOne);
    accumulator = 0u;
    return result;
}

#endif  // DERMASIM_STAMP_KERNEL_GLSL
