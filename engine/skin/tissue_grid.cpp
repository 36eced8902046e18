#include "engine/skin/tissue_grid.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.hpp"
#include "engine/skin/region_profile.hpp"

namespace dermasim {

namespace {

struct QualityPreset {
    Quality quality;
    std::string_view name;
    int lateral_voxels;  // nx = ny
    double dz_mm;        // fine enough that the ~50-80 µm epidermis spans a few slices at medium and high
};

constexpr QualityPreset kPresets[] = {
    {Quality::Ci, "ci", 48, 0.025},
    {Quality::Medium, "medium", 128, 0.015},
    {Quality::High, "high", 256, 0.010},
};

const QualityPreset& preset_of(Quality quality) {
    for (const auto& p : kPresets)
        if (p.quality == quality) return p;
    throw Error("tissue grid: quality value " + std::to_string(static_cast<int>(quality)) + " has no preset");
}

}  // namespace

const char* quality_name(Quality quality) {
    switch (quality) {
        case Quality::Ci: return "ci";
        case Quality::Medium: return "medium";
        case Quality::High: return "high";
    }
    return "?";
}

Quality parse_quality(std::string_view name) {
    std::string valid;
    for (const auto& p : kPresets) {
        if (p.name == name) return p.quality;
        valid += (valid.empty() ? "" : ", ") + std::string(p.name);
    }
    throw Error("unknown quality '" + std::string(name) + "' (valid: " + valid + ")");
}

TissueGrid make_tissue_grid(const RegionProfile& region, Quality quality) {
    for (int i = 0; i < kLayerCount; ++i) {
        const double mm = region.layers[i].mm;
        if (!std::isfinite(mm) || mm < 0)
            throw Error("tissue grid for region '" + region.id + "': " + std::string(kLayerKeys[i]) +
                        " thickness " + std::to_string(mm) + " mm is not a length");
    }
    const double dermis_bottom = region.bottom_of_mm(Layer::ReticularDermis);
    if (!(dermis_bottom > 0))
        throw Error("tissue grid for region '" + region.id + "': the skin above the fat has no thickness");

    const QualityPreset& p = preset_of(quality);
    TissueGrid grid;
    grid.nx = grid.ny = p.lateral_voxels;
    grid.dx_mm = grid.dy_mm = kPatchSizeMm / static_cast<float>(p.lateral_voxels);
    grid.dz_mm = static_cast<float>(p.dz_mm);

    // Deep enough that the longest needles still end inside the grid, but no deeper than the skin itself.
    const double depth = dermis_bottom + std::min<double>(kFatMarginMm, region.thickness_mm(Layer::Hypodermis));
    // Divide by the nominal decimal size (0.01, not the float 0.00999999978) and allow a relative 1e-6, so that a
    // depth that is a whole number of slices up to rounding does not gain one more.
    const double slices = depth / p.dz_mm;
    grid.nz = std::max(1, static_cast<int>(std::ceil(slices * (1 - 1e-6))));

    grid.layer_of_slice.resize(grid.nz);
    for (int k = 0; k < grid.nz; ++k) grid.layer_of_slice[k] = region.layer_at_depth((k + 0.5) * p.dz_mm);
    return grid;
}

}  // namespace dermasim
