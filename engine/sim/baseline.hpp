#pragma once
// The untreated tissue: collagen I/III and elastin by dermal layer (papillary and reticular differ),
// capillaries in the papillary dermis, resting fibroblasts in the dermis, nothing else.
#include "engine/sim/heal_params.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

// A state over `grid` at time 0 holding the baseline of every voxel (heal_baseline of its layer).
TissueState make_baseline_state(const TissueGrid& grid, const kernel::HealParams& params);

// The baseline of one voxel of `layer`, as the kernel defines it (a fixed point of the reaction step).
kernel::VoxelState baseline_of(Layer layer, const kernel::HealParams& params);

}  // namespace dermasim
