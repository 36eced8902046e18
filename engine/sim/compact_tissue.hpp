#pragma once
// A tissue snapshot in half the memory, for the healing time-lapse, which keeps about fifty of them for a year
// (11.4 MB each in floats on the CI grid). Every field is kept as IEEE half-precision differences from the
// untreated value of its slice's layer. Differences, not values, because the views draw differences: collagen
// as its gain over the baseline (a gain of 1 % of a value near 1 would keep only 2 of a half's 11 significant
// bits), the channels, blood, signal and serum as they are (their baseline is 0). A difference keeps its 11 bits:
// within 0.05 % of itself, and within 6e-8 where it is that small (docs/PERFORMANCE.md, Memory, says what the
// pictures then show).
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>
#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

class CompactTissue {
public:
    // Throws Error when the state's fields do not match its grid.
    CompactTissue(const TissueState& state, const kernel::HealParams& params);

    // The state again: each value its slice's baseline plus the kept difference.
    TissueState expand() const;
    double time_s() const { return time_s_; }
    std::size_t bytes() const;

private:
    TissueGrid grid_;
    double time_s_ = 0;
    std::array<std::vector<float>, kFieldCount> baseline_;  // per depth slice
    std::array<std::vector<std::uint16_t>, kFieldCount> fields_;  // binary16 bits, per voxel
};

}  // namespace dermasim
