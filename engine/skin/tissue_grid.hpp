#pragma once
// The voxel grid over a patch of skin. x and y run across the surface, k runs down into the skin
// (k = 0 is the top slice). Voxels are anisotropic: the lateral size is coarse (channels are narrower than a
// voxel and are stored as a volume *fraction*), the depth size is fine enough to resolve the epidermis.
// Because a region's skin is laterally uniform, the layer of a voxel depends on its depth alone: one table.
#include <cstddef>
#include <string_view>
#include <vector>
#include "engine/skin/layer.hpp"

namespace dermasim {

struct RegionProfile;

// Resolution presets: small for lavapipe/CI, large for discrete GPUs.
enum class Quality { Ci, Medium, High };
Quality parse_quality(std::string_view name);  // "ci" | "medium" | "high"; throws Error otherwise
const char* quality_name(Quality quality);

struct TissueGrid {
    int nx = 0, ny = 0, nz = 0;             // voxel counts: across x, across y, down into the skin
    float dx_mm = 0, dy_mm = 0, dz_mm = 0;  // voxel size
    std::vector<Layer> layer_of_slice;      // size nz: the layer at the centre depth of slice k

    std::size_t voxel_count() const { return std::size_t(nx) * ny * nz; }
    // x fastest, then y, then depth: a depth slice is contiguous.
    std::size_t index(int i, int j, int k) const { return (std::size_t(k) * ny + j) * nx + i; }
    float width_mm() const { return nx * dx_mm; }
    float length_mm() const { return ny * dy_mm; }
    float depth_mm() const { return nz * dz_mm; }
    Layer layer_at(int k) const { return layer_of_slice[k]; }
};

// The treated patch: kPatchSizeMm square (a 2 cm roller drum fits across it), as deep as the dermis plus
// kFatMarginMm of hypodermis so that the longest needles still end inside the grid.
inline constexpr float kPatchSizeMm = 20.0f;
inline constexpr float kFatMarginMm = 1.0f;
TissueGrid make_tissue_grid(const RegionProfile& region, Quality quality);

}  // namespace dermasim
