#pragma once
// What the healing figures (engine/sim/healing_metrics.hpp) are made of: each depth slice's sum of the fields
// they use (the serum's maximum, for its depth), and the reddest papillary column. A few kilobytes, so a
// timeline on the GPU reads this after every step instead of the volume (engine/sim/tally_pass.hpp, whose CPU
// twin tally_tissue is). The figures of a sample inside a step come from the tallies on either side of it.
#include <utility>
#include <vector>
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

enum class Tallied : int {
    Open,          // every slice: sum of the open-channel fraction
    Serum,         // every slice: the largest serum concentration (the serum's depth is where it falls below)
    Erythema,      // from here on sums: papillary slices (0 elsewhere), the surface's redness
    Collagen1,     // ... the rest are tallied only when `full`; dermis slices
    Collagen3,
    Elastin,
    Capillaries,   // papillary slices
    Fibroblasts,
    Macrophages,
    Epidermis,     // papillary slices
    Count
};
inline constexpr int kTalliedCount = static_cast<int>(Tallied::Count);
// What a tally of every step needs (the recorder's per-step figures); a sample needs them all.
inline constexpr int kTalliedEveryStep = static_cast<int>(Tallied::Erythema) + 1;

struct TissueTally {
    double time_s = 0;
    bool full = false;
    std::vector<double> slices;  // nz × kTalliedCount, slice after slice
    double reddest_column = 0;   // the largest sum of erythema over one column's papillary slices

    double at(int k, Tallied t) const { return slices[std::size_t(k) * kTalliedCount + int(t)]; }
};

// The CPU twin of TallyPass: the same sums, in double. `full`: every Tallied; otherwise the first
// kTalliedEveryStep and the reddest column (the rest are 0).
TissueTally tally_tissue(const TissueState& state, bool full);

// The tally at time t between two tallies of the same grid (each figure linearly; the maxima too, where the
// state's own maximum could sit in another voxel by then: a sample between steps is an interpolation anyway).
void interpolate(const TissueTally& before, const TissueTally& after, double t, TissueTally& out);

// The papillary dermis's depth slices, [first, second). Throws Error where they are not one run (every grid
// make_tissue_grid builds has them in one), which the tally's column sums need.
std::pair<int, int> papillary_slices(const TissueGrid& grid);

}  // namespace dermasim
