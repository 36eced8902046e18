// Needle channels, binned over the patch (mirrors engine/render/channel_bins.hpp).
struct Channel {
    vec4 pos_depth_radius;  // patch x, y (mm), depth (mm), surface radius (mm)
    vec4 tilt_bleed;        // tip drift per mm of depth (x, y), bleeds (0/1)
};
// Texel buffers, not storage buffers: engine/vk/texel_buffer.hpp says why.
layout(set = 0, binding = 1) uniform samplerBuffer channel_texels;    // 2 per Channel
layout(set = 0, binding = 2) uniform usamplerBuffer cell_start_texels;  // first item of each cell, then the end
layout(set = 0, binding = 3) uniform usamplerBuffer cell_item_texels;   // channel indices, cell by cell

uint cell_start(int cell) { return texelFetch(cell_start_texels, cell).x; }
Channel cell_channel(uint item) {
    int c = int(texelFetch(cell_item_texels, int(item)).x);
    return Channel(texelFetch(channel_texels, 2 * c), texelFetch(channel_texels, 2 * c + 1));
}

const int kChannelCells = 40;
const float kPatchMm = 20.0;
const float kSectionMm = 0.25;

ivec2 channel_cell(vec2 pos) { return clamp(ivec2(floor(pos / (kPatchMm / float(kChannelCells)))), ivec2(0), ivec2(kChannelCells - 1)); }

// Channel radius at a depth: tapers from the surface radius to a fine tip.
float channel_radius(Channel c, float depth) {
    float d = c.pos_depth_radius.z;
    return mix(c.pos_depth_radius.w, 0.004, clamp(depth / max(d, 1e-4), 0.0, 1.0));
}

// Surface: x = strength of a puncture mark at this point (0..1), y = 1 if that channel bled.
vec2 surface_marks(vec2 pos, float openness) {
    ivec2 cell = channel_cell(pos);
    int idx = cell.y * kChannelCells + cell.x;
    vec2 best = vec2(0.0);
    for (uint i = cell_start(idx); i < cell_start(idx + 1); ++i) {
        Channel c = cell_channel(i);
        float r = c.pos_depth_radius.w * (0.6 + 1.4 * openness);  // a halo while open, a speck once closed
        float d = length(pos - c.pos_depth_radius.xy);
        float s = 1.0 - smoothstep(0.5 * r, r, d);
        if (s > best.x) best = vec2(s, c.tilt_bleed.z);
    }
    return best;
}

// Cut face at z = plane (patch y): x = how strongly a channel shows here (0..1), y = bleeds.
vec2 section_channels(vec2 cut_xd, float depth, float plane_y, float openness) {
    ivec2 cell = channel_cell(vec2(cut_xd.x, plane_y));
    int idx = cell.y * kChannelCells + cell.x;
    vec2 best = vec2(0.0);
    for (uint i = cell_start(idx); i < cell_start(idx + 1); ++i) {
        Channel c = cell_channel(i);
        float d = c.pos_depth_radius.z;
        if (depth > d) continue;
        vec2 centre = c.pos_depth_radius.xy + c.tilt_bleed.xy * depth;
        float behind = abs(centre.y - plane_y);
        if (behind > kSectionMm) continue;
        float r = channel_radius(c, depth) * openness;
        float s = (1.0 - smoothstep(0.7 * r, r + 0.004, abs(cut_xd.x - centre.x))) *
                  (1.0 - 0.7 * behind / kSectionMm);
        if (s > best.x) best = vec2(s, c.tilt_bleed.z);
    }
    return best;
}
