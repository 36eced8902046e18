#pragma once
// Stamping needle channels into the tissue: each puncture adds, to every voxel of its bounding box, the fraction
// of the voxel's volume its channel occupies (Field::OpenChannel), and the same amount of blood where the voxel
// lies in the papillary dermis or deeper (Field::Blood). The per-voxel math is shaders/sim/stamp_kernel.glsl,
// shared with the GPU pass; this is its CPU twin and follows the GPU's fixed-point scheme exactly:
//   per puncture and voxel: amount = round(fraction * 65536) added to a uint accumulator (order-independent),
//   then resolve: field = min(1, field + accumulator / 65536).
#include <cstdint>
#include <vector>
#include "engine/sim/tissue_state.hpp"
#include "engine/tools/puncture.hpp"

namespace dermasim {

// The voxels a puncture can touch: i0..i1, j0..j1, k0..k1 inclusive (clamped to the grid); empty when the
// channel has no depth or lies wholly outside the grid.
struct StampFootprint {
    int i0 = 0, j0 = 0, k0 = 0;
    int i1 = -1, j1 = -1, k1 = -1;
    bool empty() const { return i1 < i0 || j1 < j0 || k1 < k0; }
    std::size_t voxel_count() const {
        return empty() ? 0 : std::size_t(i1 - i0 + 1) * std::size_t(j1 - j0 + 1) * std::size_t(k1 - k0 + 1);
    }
};

StampFootprint stamp_footprint(const TissueGrid& grid, const Puncture& p);

// The fraction of voxel (i, j, k) that the puncture's channel occupies (kernel function, for tests and tools).
float channel_fraction(const TissueGrid& grid, const Puncture& p, int i, int j, int k);

// Fixed-point accumulators, one uint per voxel, as the GPU holds them.
struct StampAccumulators {
    std::vector<std::uint32_t> open;
    std::vector<std::uint32_t> blood;
    explicit StampAccumulators(std::size_t voxels = 0) : open(voxels, 0u), blood(voxels, 0u) {}
};

// Adds one puncture to the accumulators (the work one GPU invocation group does).
void accumulate_puncture(const TissueGrid& grid, const Puncture& p, StampAccumulators& acc);
// Folds the accumulators into the fields and clears them.
void resolve_stamps(TissueState& state, StampAccumulators& acc);

// The whole CPU stamp: accumulate every puncture, then resolve. Fields that are still empty are created
// (zero); a field of the wrong size is an Error.
void stamp_punctures_cpu(TissueState& state, const PunctureList& punctures);

}  // namespace dermasim
