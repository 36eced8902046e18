#include "engine/render/field_volume.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.hpp"
#include "engine/sim/baseline.hpp"

namespace dermasim {
namespace {

// Scales are display choices (estimated) from simulated runs: the bottom is about the smallest value worth
// seeing (a closing channel, serum a millimetre down, one session's first week of collagen), the top the largest
// a treatment course reaches (Lotfi 2013: +53 % papillary collagen after five sessions).
const OverlayStyle kStyles[] = {
    {"", 0, {}},
    {"Collagen: new matrix (log scale; olive = both)",
     2,
     {{{"collagen III", "new young collagen, laid down first", "% more than untreated skin", 0.5f, 50.0f,
        {glm::vec3(1.00f, 0.78f, 0.40f), glm::vec3(0.98f, 0.50f, 0.08f), glm::vec3(0.80f, 0.24f, 0.02f)}},
       {"collagen I", "mature collagen, remodelled from the young", "% more than untreated skin", 0.5f, 50.0f,
        {glm::vec3(0.45f, 0.88f, 0.88f), glm::vec3(0.04f, 0.55f, 0.68f), glm::vec3(0.02f, 0.22f, 0.50f)}}}}},
    {"Open channels (log scale)",
     1,
     {{{"open channel", "the needle's channel, still open (closes within hours)", "% of voxel", 0.1f, 10.0f,
        {glm::vec3(0.22f, 0.02f, 0.40f), glm::vec3(0.95f, 0.25f, 0.05f), glm::vec3(1.00f, 0.93f, 0.35f)}},
       {}}}},
    {"Serum (log scale)",
     1,
     {{{"serum", "how much has soaked in", "% of applied", 0.1f, 100.0f,
        {glm::vec3(0.55f, 0.95f, 0.95f), glm::vec3(0.04f, 0.80f, 0.85f), glm::vec3(0.02f, 0.70f, 0.28f)}},
       {}}}},
    {"Inflammation (log scale)",
     2,
     {{{"healing signals", "growth factors that call repair cells", "of a typical treatment's level", 0.01f, 1.0f,
        {glm::vec3(1.00f, 0.80f, 0.40f), glm::vec3(1.00f, 0.48f, 0.10f), glm::vec3(0.92f, 0.18f, 0.04f)}},
       {"blood / clot", "fills the channel, clears over days", "% of voxel", 0.1f, 10.0f,
        {glm::vec3(0.80f, 0.20f, 0.20f), glm::vec3(0.60f, 0.04f, 0.06f), glm::vec3(0.38f, 0.00f, 0.03f)}}}}},
};

void check_fields(const TissueState& t) {
    const TissueGrid& g = t.grid;
    if (g.nx <= 0 || g.ny <= 0 || g.nz <= 0 || int(g.layer_of_slice.size()) != g.nz)
        throw Error("field overlay: tissue grid is empty or its layer table does not match its depth");
    for (int f = 0; f < kFieldCount; ++f)
        if (t.fields[f].size() != g.voxel_count())
            throw Error("field overlay: tissue field '" + std::string(kFieldKeys[f]) + "' has " +
                        std::to_string(t.fields[f].size()) + " values for " + std::to_string(g.voxel_count()) +
                        " voxels");
}

void check_finite(float v, Field f, const TissueGrid& g, std::size_t n) {
    if (std::isfinite(v)) return;
    std::size_t slice = std::size_t(g.nx) * g.ny;
    throw Error("field overlay: tissue field '" + std::string(kFieldKeys[int(f)]) + "' is not finite at voxel (" +
                std::to_string(n % g.nx) + ", " + std::to_string(n % slice / g.nx) + ", " +
                std::to_string(n / slice) + ")");
}

}  // namespace

const OverlayStyle& overlay_style(Overlay overlay) { return kStyles[static_cast<int>(overlay)]; }

float overlay_fraction(const OverlayQuantity& quantity, float value) {
    if (!(value > quantity.lowest)) return 0.0f;
    float t = std::log(value / quantity.lowest) / std::log(quantity.full_scale / quantity.lowest);
    return std::min(t, 1.0f);
}

FieldUniforms field_uniforms_for(const SkinView& view) {
    FieldUniforms u{};
    const OverlayStyle& style = overlay_style(view.overlay);
    for (int q = 0; q < style.quantity_count; ++q)
        for (int s = 0; s < 3; ++s) u.ramp[q][s] = glm::vec4(style.quantities[q].ramp[s], 1.0f);
    u.redness = glm::vec4(kErythemaColour, kSurfaceRedness);
    u.opacity = glm::vec4(kOverlayOpacity, 0.0f, 0.0f, 0.0f);
    if (!view.tissue) return u;
    const TissueGrid& g = view.tissue->grid;
    u.dims = glm::vec4(float(g.nx), float(g.ny), float(g.nz), 1.0f);
    u.spacing = glm::vec4(g.dx_mm, g.dy_mm, g.dz_mm, float(style.quantity_count));
    return u;
}

FieldVolume pack_field_volume(const TissueState& t, Overlay overlay, const kernel::HealParams& params) {
    check_fields(t);
    const TissueGrid& g = t.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    FieldVolume v;

    // Redness under each surface point: the most dilated papillary slice (erythema lives there alone).
    v.surface_erythema.assign(slice, 0.0f);
    const std::vector<float>& erythema = t.field(Field::Erythema);
    for (int k = 0; k < g.nz; ++k) {
        if (g.layer_at(k) != Layer::PapillaryDermis) continue;
        for (std::size_t n = 0; n < slice; ++n) {
            float e = erythema[k * slice + n];
            check_finite(e, Field::Erythema, g, k * slice + n);
            v.surface_erythema[n] = std::max(v.surface_erythema[n], std::min(std::max(e, 0.0f), 1.0f));
        }
    }
    if (overlay == Overlay::None) return v;

    const OverlayStyle& style = overlay_style(overlay);
    v.overlay.resize(g.voxel_count());
    auto fill = [&](Field f0, Field f1, auto to_units) {  // to_units(value, field, slice k) -> legend units
        const std::vector<float>& a = t.field(f0);
        const std::vector<float>& b = t.field(f1);
        for (int k = 0; k < g.nz; ++k)
            for (std::size_t n = k * slice; n < (k + 1) * slice; ++n) {
                check_finite(a[n], f0, g, n);
                check_finite(b[n], f1, g, n);
                glm::vec2 q(overlay_fraction(style.quantities[0], to_units(a[n], f0, k)), 0.0f);
                if (style.quantity_count > 1) q.y = overlay_fraction(style.quantities[1], to_units(b[n], f1, k));
                v.overlay[n] = q;
            }
    };
    switch (overlay) {
        case Overlay::Collagen: {
            // Untreated collagen per slice (laterally uniform): gains are % of the slice's untreated total.
            std::vector<float> base3(g.nz), base1(g.nz), total(g.nz);
            for (int k = 0; k < g.nz; ++k) {
                kernel::VoxelState b = baseline_of(g.layer_at(k), params);
                base3[k] = b.collagen3;
                base1[k] = b.collagen1;
                total[k] = b.collagen3 + b.collagen1;
            }
            fill(Field::Collagen3, Field::Collagen1, [&](float value, Field f, int k) {
                if (total[k] <= 0.0f) return 0.0f;  // no dermis: no collagen to change
                float base = f == Field::Collagen3 ? base3[k] : base1[k];
                return 100.0f * (value - base) / total[k];
            });
            break;
        }
        case Overlay::Channels:
            fill(Field::OpenChannel, Field::OpenChannel, [](float value, Field, int) { return 100.0f * value; });
            break;
        case Overlay::Serum:
            fill(Field::Serum, Field::Serum, [](float value, Field, int) { return 100.0f * value; });
            break;
        case Overlay::Inflammation:
            fill(Field::Signal, Field::Blood,
                 [](float value, Field f, int) { return f == Field::Blood ? 100.0f * value : value; });
            break;
        case Overlay::None: break;
    }
    return v;
}

}  // namespace dermasim
