#version 450
// The magnified channel view: a close cut at the plane patch y = plane, drawn in the frame's rectangle. Every
// quantity comes from the packed fields (engine/render/micro_fields.hpp): the plane's fields per texel, and down
// each channel's axis how much of it is still open and how much blood / clot it holds.
#include "common/scene.glsl"
#include "common/noise.glsl"
#include "common/tissue_look.glsl"
#include "common/micro_look.glsl"
#include "common/srgb.glsl"

layout(set = 0, binding = 1) uniform MicroUniforms {
    vec4 window;  // patch x at the left edge (mm), depth at the top (mm), mm per pixel, border (px)
    vec4 rect;    // the rectangle in frame pixels: x, y, width, height
    vec4 counts;  // texels across, down, channels, profile samples per channel
    vec4 extent;  // window width, height (mm), papillary top (mm), 1 with a tissue state
} micro;
// The packed fields as vec4 texel buffers (engine/vk/texel_buffer.hpp says why not storage buffers).
struct Texel {
    vec4 cells;     // signal (0..1 log), fibroblasts (0..1), capillaries (of papillary baseline), blood (0..1)
    vec4 collagen;  // collagen III, collagen I (of untreated dermal collagen), new III, new I (0..1 log)
    vec4 skin;      // x: extra viable-epidermis thickness over this column (mm)
};
layout(set = 0, binding = 2) uniform samplerBuffer texels;  // 3 per Texel
struct Channel {
    vec4 pos_depth_radius;  // patch x at the surface, behind the plane (mm), depth (mm), radius (mm)
    vec4 tilt_bleed;        // tip drift per mm of depth (x, y), bleeds (0/1)
};
layout(set = 0, binding = 3) uniform samplerBuffer channels;  // 2 per Channel
layout(set = 0, binding = 4) uniform samplerBuffer profiles;  // x open, y blood share
// The channels that can show in each of kChannelBins columns across the window (micro_fields.hpp says why).
layout(set = 0, binding = 5) uniform usamplerBuffer bin_start;  // each column's first item, then the end
layout(set = 0, binding = 6) uniform usamplerBuffer bin_items;  // indices of channels, column by column
const int kChannelBins = 32;

Texel texel(int i) {
    return Texel(texelFetch(texels, 3 * i), texelFetch(texels, 3 * i + 1), texelFetch(texels, 3 * i + 2));
}
Channel channel(int i) { return Channel(texelFetch(channels, 2 * i), texelFetch(channels, 2 * i + 1)); }

layout(location = 0) out vec4 out_colour;

struct Palette {
    vec3 air, ground_papillary, ground_reticular, matrix, new3, new1, fibro_body, nucleus, vessel_wall, red_cells,
        lumen, clot, inflamed, immune;
};

Palette palette() {
    Palette p;
    if (scene.look.x < 0.5) {  // illustrated: textbook colours; new collagen as the block's collagen overlay
        p.air = vec3(0.80, 0.84, 0.89);
        p.ground_papillary = vec3(0.97, 0.82, 0.80);
        p.ground_reticular = vec3(0.95, 0.78, 0.74);
        p.matrix = vec3(0.80, 0.45, 0.44);
        p.new3 = vec3(0.98, 0.50, 0.08);
        p.new1 = vec3(0.04, 0.55, 0.68);
        p.fibro_body = vec3(0.55, 0.60, 0.92);
        p.nucleus = vec3(0.22, 0.18, 0.55);
        p.vessel_wall = vec3(0.75, 0.30, 0.30);
        p.red_cells = vec3(0.72, 0.04, 0.06);
        p.lumen = vec3(0.98, 0.95, 0.86);
        p.clot = vec3(0.42, 0.06, 0.05);
        p.inflamed = vec3(1.00, 0.80, 0.38);
        p.immune = vec3(0.45, 0.20, 0.60);
    } else {  // histology (H&E): collagen pink, nuclei purple, blood red, spaces white
        p.air = vec3(0.97, 0.96, 0.97);
        p.ground_papillary = vec3(0.98, 0.82, 0.90);
        p.ground_reticular = vec3(0.97, 0.78, 0.87);
        p.matrix = vec3(0.90, 0.40, 0.60);
        p.new3 = vec3(0.93, 0.68, 0.86);   // young collagen III: pale, fine, a little lilac
        p.new1 = vec3(0.80, 0.18, 0.45);   // mature collagen I: dense deep eosin
        p.fibro_body = vec3(0.85, 0.60, 0.80);
        p.nucleus = vec3(0.28, 0.15, 0.48);
        p.vessel_wall = vec3(0.78, 0.35, 0.55);
        p.red_cells = vec3(0.85, 0.10, 0.16);
        p.lumen = vec3(0.99, 0.97, 0.98);
        p.clot = vec3(0.62, 0.12, 0.22);
        p.inflamed = vec3(0.80, 0.62, 0.88);
        p.immune = vec3(0.30, 0.14, 0.50);
    }
    return p;
}

Texel field_at(float x, float depth) {
    vec2 t = vec2((x - micro.window.x) / micro.extent.x * micro.counts.x,
                  (depth - micro.window.y) / micro.extent.y * micro.counts.y) - 0.5;
    ivec2 n = ivec2(micro.counts.xy);
    ivec2 a = clamp(ivec2(floor(t)), ivec2(0), n - 1), b = min(a + 1, n - 1);
    vec2 f = clamp(t - vec2(a), 0.0, 1.0);
    Texel t00 = texel(a.y * n.x + a.x), t10 = texel(a.y * n.x + b.x);
    Texel t01 = texel(b.y * n.x + a.x), t11 = texel(b.y * n.x + b.x);
    Texel r;
    r.cells = mix(mix(t00.cells, t10.cells, f.x), mix(t01.cells, t11.cells, f.x), f.y);
    r.collagen = mix(mix(t00.collagen, t10.collagen, f.x), mix(t01.collagen, t11.collagen, f.x), f.y);
    r.skin = mix(mix(t00.skin, t10.skin, f.x), mix(t01.skin, t11.skin, f.x), f.y);
    return r;
}

// The dermis at cellular scale, everything in proportion to the fields.
vec3 dermis(vec2 q, bool papillary, Texel f, Palette pal) {
    vec3 c = papillary ? pal.ground_papillary : pal.ground_reticular;
    // The matrix already there: bundle density follows the total collagen (1 = untreated reticular dermis).
    float total = f.collagen.x + f.collagen.y;
    c = mix(c, pal.matrix, 0.75 * matrix_fibres(q, clamp(0.8 * total, 0.0, 0.95), papillary));
    // New collagen III: a fine loose mesh; new collagen I: thicker fibres along the surface.
    c = mix(c, pal.new3, 0.9 * new_fibres(q, f.collagen.z, 0.007, 0.35, 2.4, 41.0));
    c = mix(c, pal.new1, 0.9 * new_fibres(q, f.collagen.w, 0.011, 0.55, 0.5, 53.0));
    // Capillaries: about a third of 70 µm lattice sites hold one at the papillary baseline.
    vec2 v = capillaries(q, clamp(0.33 * f.cells.z, 0.0, 0.9));
    c = mix(c, pal.vessel_wall, v.x);
    c = mix(c, pal.red_cells, v.y);
    // Fibroblasts: one per 24 µm site at the cap, a tenth of the sites at rest (drawn a little large to read).
    vec2 cell = lattice_cells(q, 0.024, f.cells.y, 0.022, 3.0, 17.0);
    c = mix(c, pal.fibro_body, 0.8 * cell.x);
    c = mix(c, pal.nucleus, 0.9 * cell.y);
    return c;
}

// Blood and cells that the inflammatory signal brings, over any living layer.
vec3 inflammation(vec2 q, vec3 c, Texel f, Palette pal) {
    float s = f.cells.x;
    c = mix(c, pal.inflamed, 0.5 * s);
    vec2 immune = lattice_cells(q, 0.018, 0.5 * s, 0.009, 1.0, 61.0);  // round leukocytes
    c = mix(c, pal.immune, 0.85 * immune.x);
    vec2 spilled = lattice_cells(q, 0.012, clamp(2.0 * f.cells.w, 0.0, 0.6), 0.0065, 1.0, 73.0);  // red cells
    return mix(c, pal.red_cells, 0.8 * spilled.x);
}

vec2 profile_at(int i, float t) {
    float s = clamp(t * micro.counts.w - 0.5, 0.0, micro.counts.w - 1.0);
    int a = int(s), b = min(a + 1, int(micro.counts.w) - 1);
    int base = i * int(micro.counts.w);
    return mix(texelFetch(profiles, base + a).xy, texelFetch(profiles, base + b).xy, s - float(a));
}

// Needle channels crossing the window: the torn surface, the open lumen (with blood where it holds some), the
// closed part of the track (clot while blood remains), their walls.
vec3 channels_over(vec2 q, vec3 c, Palette pal, float epidermis_bottom) {
    int bin = clamp(int(floor((q.x - micro.window.x) / micro.extent.x * float(kChannelBins))), 0, kChannelBins - 1);
    int end = int(texelFetch(bin_start, bin + 1).x);
    for (int item = int(texelFetch(bin_start, bin).x); item < end; ++item) {
        int i = int(texelFetch(bin_items, item).x);
        Channel ch = channel(i);
        float d = ch.pos_depth_radius.z;
        if (q.y > d || q.y < 0.0) continue;
        float centre = ch.pos_depth_radius.x + ch.tilt_bleed.x * q.y;
        float r = mix(ch.pos_depth_radius.w, 0.004, q.y / d);  // tapers to the tip, as channels.glsl
        float dx = abs(q.x - centre);
        if (dx > r + 0.02) continue;
        vec2 prof = profile_at(i, q.y / d);
        float open = prof.x, blood = prof.y;
        // The open share is of the channel's area here, so the open radius goes with its square root.
        float lumen = r * sqrt(open);
        if (q.y < epidermis_bottom && open > 0.01) {
            // Torn stratum corneum and epidermis: ragged edges, the tear a little wider at the surface.
            lumen *= 1.0 + 0.5 * (1.0 - q.y / epidermis_bottom);
            lumen += 0.004 * (value_noise(vec3(q.y * 900.0, float(i) * 3.1, 2.0)) - 0.5) * open;
        }
        float behind = abs(ch.pos_depth_radius.y + ch.tilt_bleed.y * q.y);
        float strength = 1.0 - 0.35 * smoothstep(0.03, 0.1, behind);  // a thick section: deeper ones fainter
        if (dx < lumen) {
            float rbc = value_noise(vec3(q * 350.0, float(i)));
            vec3 blood_colour = pal.red_cells * (0.85 + 0.3 * rbc);
            vec3 inside = mix(pal.lumen, blood_colour, clamp(blood * 1.3, 0.0, 1.0));
            return mix(c, inside, strength);
        }
        if (dx < r && blood > 0.02) {  // closed but still clotted: fibrin and trapped red cells
            float fibrin = value_noise(vec3(q * 500.0, float(i) + 7.0));
            vec3 clot = pal.clot * (0.8 + 0.4 * fibrin);
            c = mix(c, clot, strength * clamp(blood * 1.5, 0.0, 0.9));
        }
        // The compressed wall of an open channel.
        if (open > 0.01 && dx < lumen + 0.005) c = mix(c, c * 0.7, strength * open);
    }
    return c;
}

void main() {
    Palette pal = palette();
    vec2 local = gl_FragCoord.xy - micro.rect.xy;
    float border = micro.window.w;
    if (border > 0.0 && (local.x < border || local.y < border || local.x > micro.rect.z - border ||
                         local.y > micro.rect.w - border)) {
        out_colour = vec4(to_srgb(vec3(0.85, 0.87, 0.90)), 1.0);
        return;
    }
    vec2 q = vec2(micro.window.x, micro.window.y) + local * micro.window.z;  // (patch x, depth) in mm
    float depth = q.y;
    vec3 c;
    if (depth < 0.0) {
        c = pal.air;
    } else {
        // After repeated sessions the viable epidermis is thicker: it is drawn stretched over `extra` more depth and
        // everything below it pushed down by as much (the skin's surface stays where it is).
        vec3 p = vec3(q.x, -depth, 0.0);  // the look helpers take a 3D point; the plane is fixed
        float extra = max(field_at(q.x, micro.extent.z).skin.x, 0.0);
        float sc = scene.layer_bottom.x, junction = scene.layer_bottom.y + junction_offset(p);
        float look_depth = depth < sc ? depth
                         : depth < junction + extra ? sc + (depth - sc) * (junction - sc) / (junction + extra - sc)
                                                    : depth - extra;
        vec3 look_p = vec3(q.x, -look_depth, 0.0);
        int layer = layer_at(look_p, look_depth);
        int follicle = follicle_at(look_p, look_depth);
        Texel f = field_at(q.x, depth);
        if ((layer == kPapillary || layer == kReticular) && follicle == 0)
            c = dermis(q, layer == kPapillary, f, pal);
        else
            c = tissue_colour(look_p, look_depth);
        if (layer != kStratumCorneum && layer != kFat) c = inflammation(q, c, f, pal);
        c = channels_over(q, c, pal, junction + extra);
    }
    out_colour = vec4(to_srgb(c), 1.0);
}
