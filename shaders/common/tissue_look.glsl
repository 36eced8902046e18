// How tissue looks at a point, in two looks: "illustrated" (textbook colours) and "histology" (H&E-like stain).
// Everything is a function of the 3D position, so every cut face through the block shows a consistent section.
// Requires common/noise.glsl and common/scene.glsl.

const int kStratumCorneum = 0, kEpidermis = 1, kPapillary = 2, kReticular = 3, kFat = 4;

// The look, fixed when the pipeline is made (render/look_pipelines.hpp says why it is not read from a uniform).
layout(constant_id = 0) const bool kHistologyLook = false;

// The dermal-epidermal junction undulates (rete ridges and dermal papillae); its mean stays at the table's depth.
float junction_offset(vec3 p) {
    float ridge = sin(p.x * 9.0 + 1.3 * sin(p.z * 4.0)) * sin(p.z * 9.0 + 1.1 * sin(p.x * 3.0));
    return 0.35 * (scene.layer_bottom.y - scene.layer_bottom.x) * ridge;
}

int layer_at(vec3 p, float depth) {
    if (depth < scene.layer_bottom.x) return kStratumCorneum;
    if (depth < scene.layer_bottom.y + junction_offset(p)) return kEpidermis;
    if (depth < scene.layer_bottom.z) return kPapillary;
    if (depth < scene.layer_bottom.w) return kReticular;
    return kFat;
}

// Hair follicles: a sparse lattice of slanted tubes from the surface into the reticular dermis, each with a
// sebaceous gland beside it. Returns 0 outside, 1 in the follicle wall/gland, 2 in the hair shaft.
int follicle_at(vec3 p, float depth) {
    const float spacing = 3.1;
    vec2 q = p.xz + vec2(0.35 * depth, 0.0);                       // slanted about 20 degrees
    vec2 cell = floor(q / spacing);
    vec2 centre = (cell + 0.3 + 0.4 * hash33(vec3(cell, 7.0)).xy) * spacing;
    float bulb = scene.layer_bottom.z + 0.75 * (scene.layer_bottom.w - scene.layer_bottom.z);
    if (depth > bulb) return 0;
    float r = length(q - centre);
    float widen = depth > bulb - 0.12 ? 1.6 : 1.0;                  // the hair bulb
    if (r < 0.025 * widen) return 2;
    if (r < 0.07 * widen) return 1;
    vec2 gland = centre + vec2(0.13, 0.05);
    float gland_depth = scene.layer_bottom.z + 0.15 * (scene.layer_bottom.w - scene.layer_bottom.z);
    if (length(vec3(q - gland, (depth - gland_depth) * 1.4)) < 0.09) return 1;
    return 0;
}

// Returns linear RGB.
vec3 illustrated_colour(vec3 p, int layer, int follicle) {
    float n = fbm(p * 6.0);
    // One cellular noise, at the scale of this point's layer: epidermal cells, capillary loops or fat lobules. Three
    // calls, one in each layer's branch, would cost every pixel three on a CPU driver, which runs every branch.
    vec3 c = cells(p * (layer == kEpidermis ? vec3(55.0) : layer == kPapillary ? vec3(9.0, 14.0, 9.0) : vec3(7.0)));
    if (follicle == 2) return vec3(0.20, 0.12, 0.07);
    if (follicle == 1) return vec3(0.78, 0.55, 0.42);
    if (layer == kStratumCorneum) {
        float flakes = 0.5 + 0.5 * sin(-p.y * 900.0 + n * 4.0);
        return mix(vec3(0.86, 0.78, 0.58), vec3(0.95, 0.88, 0.70), flakes);
    }
    if (layer == kEpidermis) {
        float wall = smoothstep(0.0, 0.12, c.y - c.x);
        float basal = smoothstep(0.04, 0.0, scene.layer_bottom.y + junction_offset(p) + p.y);  // darker basal row
        vec3 cell = mix(vec3(0.86, 0.62, 0.50), vec3(0.93, 0.70, 0.58), c.z);
        return mix(vec3(0.55, 0.35, 0.28), mix(cell, vec3(0.60, 0.38, 0.30), basal * 0.7), wall);
    }
    if (layer == kPapillary) {
        float fibres = 0.5 + 0.5 * sin(dot(p, vec3(30.0, 22.0, 17.0)) + 5.0 * n);
        // Capillary loops: small red dots reaching up into the papillae.
        vec3 tone = mix(vec3(0.94, 0.66, 0.66), vec3(0.98, 0.76, 0.74), fibres);
        return mix(tone, vec3(0.70, 0.08, 0.10), smoothstep(0.16, 0.10, c.x));
    }
    if (layer == kReticular) {
        // Thick, wavy collagen bundles running mostly parallel to the surface.
        float wave = sin(p.y * 70.0 + 3.0 * sin(p.x * 5.0 + p.z * 3.0) + 4.0 * n);
        float bundle = smoothstep(-0.2, 0.6, wave);
        return mix(vec3(0.78, 0.42, 0.42), vec3(0.90, 0.58, 0.55), bundle);
    }
    // Fat lobules: large pale-yellow cells separated by thin fibrous septa.
    float septum = 1.0 - smoothstep(0.02, 0.08, c.y - c.x);
    vec3 fat = mix(vec3(0.98, 0.86, 0.48), vec3(1.0, 0.92, 0.60), c.z);
    return mix(fat, vec3(0.85, 0.62, 0.50), septum);
}

vec3 histology_colour(vec3 p, int layer, int follicle) {
    const vec3 eosin = vec3(0.93, 0.55, 0.70), eosin_pale = vec3(0.98, 0.80, 0.88);
    const vec3 haematoxylin = vec3(0.30, 0.18, 0.50), white = vec3(0.98, 0.96, 0.97);
    float n = fbm(p * 8.0);
    // One cellular noise at the scale of this point's structure (as in illustrated_colour).
    vec3 c = cells(p * (follicle == 1                                 ? vec3(70.0)
                        : layer == kEpidermis                         ? vec3(60.0)
                        : layer == kPapillary || layer == kReticular ? vec3(40.0, 90.0, 40.0)
                                                                      : vec3(7.0)));
    if (follicle == 2) return vec3(0.45, 0.30, 0.35);
    if (follicle == 1) {
        return mix(mix(eosin, vec3(0.75, 0.55, 0.80), 0.5), haematoxylin, smoothstep(0.18, 0.10, c.x));
    }
    if (layer == kStratumCorneum) {
        // Basket-weave keratin: wisps of pink with clear gaps.
        float w = smoothstep(0.35, 0.65, value_noise(vec3(p.x * 40.0, p.y * 700.0, p.z * 40.0)));
        return mix(white, eosin * 1.05, w);
    }
    if (layer == kEpidermis) {
        float nucleus = smoothstep(0.22, 0.14, c.x);
        float basal = smoothstep(0.03, 0.0, scene.layer_bottom.y + junction_offset(p) + p.y);
        return mix(mix(vec3(0.85, 0.55, 0.75), eosin, 0.4), haematoxylin, max(nucleus, basal * 0.8) * 0.9);
    }
    if (layer == kPapillary || layer == kReticular) {
        float coarse = layer == kReticular ? 1.0 : 0.35;
        float fibre = smoothstep(0.2, 0.8, 0.5 + 0.5 * sin(p.y * (layer == kReticular ? 60.0 : 160.0) +
                                                     4.0 * sin(p.x * 6.0 + p.z * 4.0) + 5.0 * n));
        vec3 tone = mix(eosin_pale, eosin, mix(0.45, fibre, coarse));
        // Scattered fibroblast nuclei: small, dark, elongated.
        tone = mix(tone, haematoxylin, smoothstep(0.12, 0.06, c.x) * (c.z > 0.6 ? 1.0 : 0.0));
        if (layer == kPapillary) {
            vec3 loops = cells(p * vec3(9.0, 14.0, 9.0));
            tone = mix(tone, vec3(0.85, 0.25, 0.30), smoothstep(0.14, 0.09, loops.x));
        }
        return tone;
    }
    // Fat is washed out by processing: empty white cells with thin pink membranes.
    float membrane = 1.0 - smoothstep(0.01, 0.04, c.y - c.x);
    return mix(white, eosin, membrane);
}

vec3 tissue_colour(vec3 p, float depth) {
    int layer = layer_at(p, depth);
    int follicle = follicle_at(p, depth);
    return kHistologyLook ? histology_colour(p, layer, follicle) : illustrated_colour(p, layer, follicle);
}
