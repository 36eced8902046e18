// The magnified view's procedural structures: collagen fibres, cells and vessels drawn at cellular scale. Each is
// seeded by a hash of its position (common/noise.glsl), so frames are stable, and each takes its amount from the
// simulated fields: the number of fibres, cells and vessels follows the field, their placement is the seed's.
// Coordinates q: (patch x, depth) in mm.

// Bundles of the existing matrix: wavy bands roughly parallel to the surface, broken into lengths. `density`
// (0..1) is the share of bands present. Returns fibre coverage 0..1.
float matrix_fibres(vec2 q, float density, bool papillary) {
    float spacing = papillary ? 0.011 : 0.024;  // mm between bundle centres: papillary fibres are fine and loose
    float wave = papillary ? 0.004 : 0.009;
    float phase = (q.y + wave * sin(q.x * 45.0 + 3.0 * value_noise(vec3(q * 25.0, 1.0)))) / spacing;
    float band = floor(phase);
    float across = abs(fract(phase) - 0.5) * 2.0;  // 0 at the bundle's centre, 1 between bundles
    float len = papillary ? 0.05 : 0.16;
    float seg = floor((q.x + hash13(vec3(band, 3.0, 5.0)) * len) / len);
    float present = step(hash13(vec3(band, seg, 11.0)), density);
    float thickness = papillary ? 0.45 : 0.75;
    return present * (1.0 - smoothstep(thickness - 0.25, thickness, across));
}

// Newly laid fibres: straight crimped lines in patches of 60 µm, each patch with its own direction (spread:
// how far directions stray from the surface's; young collagen III is laid down in a loose mesh, collagen I in
// parallel fibres). `amount` (0..1): the share of lines present.
float new_fibres(vec2 q, float amount, float spacing, float width, float spread, float seed) {
    vec2 cell = floor(q / 0.06);
    float h = hash13(vec3(cell, seed));
    float angle = (h - 0.5) * spread;
    vec2 dir = vec2(cos(angle), sin(angle));
    float u = dot(q, dir);
    float v = dot(q, vec2(-dir.y, dir.x)) + 0.003 * sin(u * 160.0 + h * 6.28);  // crimp
    float line = floor(v / spacing);
    float across = abs(fract(v / spacing) - 0.5) * 2.0;
    float present = step(hash13(vec3(line, cell.x * 7.0 + cell.y * 13.0, seed + 1.0)), amount);
    return present * (1.0 - smoothstep(0.6 * width, width, across));
}

// Cells on a jittered lattice of `pitch` mm: a cell is present where its hash falls under `share` (0..1).
// Returns x: body coverage (0..1), y: nucleus coverage (0..1). Spindles (fibroblasts) when elongation > 1.
vec2 lattice_cells(vec2 q, float pitch, float share, float length_mm, float elongation, float seed) {
    vec2 cell = floor(q / pitch);
    vec3 h = hash33(vec3(cell, seed));
    if (h.z >= share) return vec2(0.0);
    vec2 centre = (cell + 0.3 + 0.4 * h.xy) * pitch;
    float angle = (h.x - 0.5) * 1.2;  // mostly along the fibres, parallel to the surface
    vec2 d = q - centre;
    d = vec2(cos(angle) * d.x + sin(angle) * d.y, -sin(angle) * d.x + cos(angle) * d.y);
    float r = length(vec2(d.x, d.y * elongation)) / (0.5 * length_mm);
    return vec2(1.0 - smoothstep(0.85, 1.0, r), 1.0 - smoothstep(0.45, 0.58, r));
}

// Capillary cross-sections: x wall coverage, y lumen (red cells) coverage.
vec2 capillaries(vec2 q, float share) {
    const float pitch = 0.07;
    vec2 cell = floor(q / pitch);
    vec3 h = hash33(vec3(cell, 29.0));
    if (h.z >= share) return vec2(0.0);
    vec2 centre = (cell + 0.3 + 0.4 * h.xy) * pitch;
    float r = length((q - centre) * vec2(1.0, 1.3));
    float lumen = 1.0 - smoothstep(0.0055, 0.0065, r);
    float wall = (1.0 - smoothstep(0.0085, 0.0095, r)) - lumen;
    return vec2(wall, lumen);
}
