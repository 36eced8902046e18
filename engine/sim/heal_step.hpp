#pragma once
// The CPU twin of one heal step: a per-voxel reaction update (heal_react in shaders/sim/heal_kernel.glsl),
// then implicit diffusion of Signal, Fibroblasts and Serum by locally-one-dimensional backward-Euler line
// solves along x, then y, then depth (one Thomas solve per grid line). Unconditionally stable.
#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

struct HealStepPlan {
    double dt_s = 0;               // step length, seconds (> 0)
    float serum_surface = 0;       // serum on the skin, fraction of the applied concentration (0 = none)
    bool diffuse_signal = true;    // the chooser skips a field's line solves while the field is all zero
    bool diffuse_fibroblasts = true;
    bool diffuse_serum = true;
};

// Checks that every field has grid.voxel_count() values; throws Error naming the field otherwise.
void check_tissue_state(const TissueState& state);

// The reaction half: every voxel through kernel::heal_react.
void heal_react_all(TissueState& state, const kernel::HealParams& params, float dt_s);

// The diffusion half: x lines, then y lines, then depth lines, for each enabled field.
void heal_diffuse_all(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan);

// One whole step: reaction, then diffusion; advances state.time_s by plan.dt_s.
void heal_step(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan);

}  // namespace dermasim
