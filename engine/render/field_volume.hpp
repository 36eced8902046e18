#pragma once
// The simulated tissue packed for the skin-block shader (shaders/common/fields.glsl): per voxel the overlay's one
// or two quantities as fractions of their full-scale colour, per surface column the papillary redness. The CPU
// does the normalising (change from baseline, full scale), so the shader only interpolates and blends, and the
// legend (annotations.cpp) reads the same styles as the packing.
#include <array>
#include <vector>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include "engine/render/skin_view.hpp"
#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

// One quantity an overlay shows, as its legend explains it. Its colour scale is logarithmic from `lowest` to
// `full_scale`: the fields span decades (a channel's open fraction, serum falling off with depth), and one
// session's few per cent of new collagen must show as well as a course's fifty.
struct OverlayQuantity {
    const char* name;     // "collagen III"
    const char* meaning;  // what the colour says
    const char* unit;     // of lowest and full_scale
    float lowest;         // the value (in unit) where the colour starts; below: no tint
    float full_scale;     // the value drawn at full colour
    std::array<glm::vec3, 3> ramp;  // linear RGB at the bottom, middle and top of the scale
};

// Where `value` (in the quantity's unit) sits on its colour scale: 0 at or below lowest .. 1 at full scale.
float overlay_fraction(const OverlayQuantity& quantity, float value);

struct OverlayStyle {
    const char* title;
    int quantity_count;  // 0 (None), 1 or 2
    std::array<OverlayQuantity, 2> quantities;
};
const OverlayStyle& overlay_style(Overlay overlay);

// Surface redness: the papillary erythema E (0..1) blends the skin towards this colour by kSurfaceRedness * sqrt(E)
// (a mild E of 0.2, a few hours after 1.5 mm needles, already reads as reddened skin).
inline constexpr glm::vec3 kErythemaColour{0.78f, 0.12f, 0.12f};
inline constexpr float kSurfaceRedness = 0.65f;
inline constexpr float kOverlayOpacity = 0.85f;  // tint over the tissue's own colour from mid-scale up

struct FieldUniforms {  // mirrors shaders/common/fields.glsl (std140: vec4 only)
    glm::vec4 dims;     // nx, ny, nz, 1 when a tissue is shown (else 0)
    glm::vec4 spacing;  // dx, dy, dz (mm), number of overlay quantities (0..2)
    glm::vec4 ramp[2][3];    // per quantity: colour stops at 0, 0.5, 1 (rgb; w unused)
    glm::vec4 redness;  // rgb: erythema colour, w: its strongest blend into the skin
    glm::vec4 opacity;  // x: overlay tint at full scale
};
static_assert(sizeof(FieldUniforms) == 16 * 10);

FieldUniforms field_uniforms_for(const SkinView& view);

struct FieldVolume {
    std::vector<glm::vec2> overlay;       // per voxel (grid.index order): quantities / full scale, clamped 0..1
    std::vector<float> surface_erythema;  // per column (j * nx + i): max erythema over the papillary slices
};

// Packs `tissue` for `overlay`. Collagen is shown as the gain over the untreated value of each slice (its layer's
// baseline from `params`) relative to that slice's untreated total collagen. Throws Error when the tissue's
// fields do not match its grid.
FieldVolume pack_field_volume(const TissueState& tissue, Overlay overlay, const kernel::HealParams& params);

}  // namespace dermasim
