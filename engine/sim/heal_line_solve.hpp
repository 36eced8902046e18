#pragma once
// Implicit (backward-Euler) diffusion of one field by line solves: x lines, then y lines, then depth lines.
#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

struct HealStepPlan;

// field: kernel::HEAL_DIFFUSE_SIGNAL | _FIBROBLASTS | _SERUM. Neumann (no-flux) boundaries everywhere except
// the serum's top face, which takes the surface flux P(open) * (plan.serum_surface - c_top).
void diffuse_field(TissueState& state, const kernel::HealParams& params, int field, const HealStepPlan& plan);

}  // namespace dermasim
