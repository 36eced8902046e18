#version 450
// Shades the skin block: the top face is the skin surface; every other face is a cut through the tissue.
#include "common/scene.glsl"
#include "common/noise.glsl"
#include "common/tissue_look.glsl"
#include "common/channels.glsl"
#include "common/fields.glsl"
#include "common/srgb.glsl"

layout(location = 0) in vec3 in_world;
layout(location = 1) in vec3 in_normal;
layout(location = 0) out vec4 out_colour;

// Whether this pipeline draws the skin's surface (the top face) or the cut faces (render/skin_block_pass.cpp).
layout(constant_id = 1) const bool kSurface = false;

vec3 surface_colour(vec3 p, out vec3 normal) {
    // Micro-relief: a fine network of skin lines and pores perturbing the normal.
    float e = 0.02;
    float h = fbm(vec3(p.xz * 3.0, 0.0));
    float hx = fbm(vec3((p.xz + vec2(e, 0.0)) * 3.0, 0.0));
    float hz = fbm(vec3((p.xz + vec2(0.0, e)) * 3.0, 0.0));
    vec3 c = cells(vec3(p.xz * 2.2, 0.5));
    float line = 1.0 - smoothstep(0.0, 0.06, c.y - c.x);      // skin furrows along cell borders
    float pore = smoothstep(0.09, 0.04, c.x);
    normal = normalize(vec3(-(hx - h) / e * 0.05, 1.0, -(hz - h) / e * 0.05));
    vec3 tone = scene.look.x < 0.5 ? vec3(0.87, 0.64, 0.52) : vec3(0.93, 0.62, 0.74);
    tone *= 0.92 + 0.16 * h;
    tone = mix(tone, tone * 0.78, line * 0.6);
    return mix(tone, tone * 0.55, pore);
}


void main() {
    vec3 p = in_world;
    vec3 n = normalize(in_normal);
    float depth = -p.y;
    vec3 albedo;
    const bool top = kSurface;
    vec2 patch_pos = p.xz + vec2(0.5 * kPatchMm);
    // Before/after: left of the divider the same block untreated (no redness, marks, channels or overlay).
    bool treated = scene.split.x < 0.0 || gl_FragCoord.x >= scene.split.x;
    float openness = treated ? scene.look.w : 0.0;
    if (top) {
        albedo = surface_colour(p, n);
        if (treated) {
            // Redness of the dilated papillary capillaries shows through the epidermis.
            albedo = mix(albedo, fields.redness.rgb, fields.redness.w * sqrt(surface_redness(patch_pos)));
            // Puncture marks: pinpoint bleeding where a channel reached the capillaries, a pink speck elsewhere.
            vec2 mark = surface_marks(patch_pos, openness);
            vec3 mark_colour = mark.y > 0.5 ? vec3(0.45, 0.02, 0.03) : vec3(0.80, 0.38, 0.36);
            albedo = mix(albedo, mark_colour, mark.x * (0.35 + 0.65 * openness));
        }
    } else {
        albedo = tissue_colour(p, max(depth, 0.0));
        if (treated) albedo = apply_overlay(albedo, patch_pos, max(depth, 0.0));
        if (n.z > 0.5 && openness > 0.0) {
            // The cut face shows channels within a thin section behind it.
            vec2 ch = section_channels(vec2(patch_pos.x, depth), depth, patch_pos.y, openness);
            bool in_dermis = depth > scene.layer_bottom.y;
            vec3 lumen = ch.y > 0.5 && in_dermis ? vec3(0.50, 0.03, 0.05) : vec3(0.30, 0.16, 0.14);
            albedo = mix(albedo, lumen, ch.x);
        }
    }
    // The highlighted layer (UI hover / lesson focus) is tinted; the rest stays as is.
    if (!top && scene.look.z >= 0.0 && layer_at(p, depth) == int(scene.look.z + 0.5))
        albedo = mix(albedo, vec3(1.0, 0.95, 0.35), 0.35);

    vec3 l = normalize(scene.light_dir.xyz);
    vec3 v = normalize(scene.camera_pos.xyz - p);
    float diffuse = max(dot(n, l), 0.0);
    float fill = 0.5 + 0.5 * max(dot(n, normalize(vec3(-0.6, 0.3, 0.7))), 0.0);
    vec3 colour = albedo * (0.38 + 0.62 * diffuse) + albedo * 0.12 * fill;
    if (top) {
        vec3 h = normalize(l + v);
        colour += vec3(0.06) * pow(max(dot(n, h), 0.0), 40.0);  // a soft sheen of skin lipids
    }
    // Thin dark outline along the block's edges so its shape reads at any zoom.
    vec3 lo = p - scene.block_min.xyz, hi = scene.block_max.xyz - p;
    vec3 edge = min(lo, hi);
    float fw = max(fwidth(p.x), max(fwidth(p.y), fwidth(p.z))) * 1.5;
    float near_edge = 0.0;
    if (abs(n.x) > 0.5) near_edge = min(edge.y, edge.z);
    else if (abs(n.y) > 0.5) near_edge = min(edge.x, edge.z);
    else near_edge = min(edge.x, edge.y);
    colour *= mix(0.45, 1.0, smoothstep(0.0, fw, near_edge));
    out_colour = vec4(to_srgb(colour), 1.0);
}
