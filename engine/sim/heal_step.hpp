#pragma once
// The CPU twin of one heal step, in the GPU pass's order (docs/MODEL.md, Numerics):
//   1. the signal: the injury's release added to it, then decay and diffusion together, by implicit
//      locally-one-dimensional line solves along x, then y, then depth (one Thomas solve per grid line);
//   2. the reaction: every voxel through heal_react, which reads the signal before and after step 1;
//   3. the implicit line solves of Fibroblasts and Serum.
// Unconditionally stable.
#include <vector>
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

// Step 1: the signal released over the step, then its line solves (x, y, depth).
void heal_signal_all(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan);

// Step 2: every voxel through kernel::heal_react; signal_before is the signal field before step 1.
void heal_react_all(TissueState& state, const kernel::HealParams& params, float dt_s,
                    const std::vector<float>& signal_before);

// Step 3: the line solves of the other enabled diffusing fields.
void heal_diffuse_rest(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan);

// One whole step (1, 2, 3); advances state.time_s by plan.dt_s.
void heal_step(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan);

}  // namespace dermasim
