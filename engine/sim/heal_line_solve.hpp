#pragma once
// Implicit (backward-Euler) diffusion of one field by line solves: x lines, then y lines, then depth lines.
#include <optional>
#include <utility>

#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

struct HealStepPlan;

// field: kernel::HEAL_DIFFUSE_SIGNAL | _FIBROBLASTS | _SERUM. Neumann (no-flux) boundaries everywhere except
// the serum's top face, which takes the surface flux P(open) * (plan.serum_surface - c_top).
// The depth slices of the dermis, [first, second), where they are one run (as in every grid make_tissue_grid
// builds; an empty run where there is no dermis); nothing where another layer lies between them.
std::optional<std::pair<int, int>> dermis_run(const TissueGrid& g);

// The depth slices [first, second) whose values a field's diffusion can change, and so the only ones solved:
// the lateral lines in them, the depth lines through them. The fibroblasts move within the dermis only
// (kernel::heal_diffusivity is 0 elsewhere), so where it is one run they are solved there only. Outside it every
// row of their lines is the identity (a = -0, m = 1, c' = -0), and at its edges the elimination starts and ends
// as that of a line of its own, so the values are those of a solve of whole lines, to the bit (but for the sign
// of a zero, and for what a NaN outside would have spread). Every other field: all slices.
std::pair<int, int> diffusing_slices(const TissueGrid& g, int field);

// The share of the grid's voxels those slices hold: what a solve of the field touches.
double diffusing_fraction(const TissueGrid& g, int field);

void diffuse_field(TissueState& state, const kernel::HealParams& params, int field, const HealStepPlan& plan);

}  // namespace dermasim
