#pragma once
// Helpers for the healing tests: a small grid with realistic layers (cheek-like) and punctures written
// straight into OpenChannel / Blood as a stamp would, so the tests do not depend on the tools code.
#include <algorithm>
#include "engine/sim/baseline.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim::heal_test {

// nx x ny columns of 0.42 mm, 0.025 mm slices (the CI preset; finer for the convergence tests): stratum corneum
// 15 um, viable epidermis 60 um, papillary dermis 0.22 mm (a fifth of a 1.1 mm dermis), reticular dermis 0.88 mm,
// then 1 mm of fat (REFERENCE §1), 2.175 mm in all.
inline TissueGrid make_test_grid(int nx, int ny, float dx_mm = 0.42f, float dz_mm = 0.025f) {
    TissueGrid g;
    g.nx = nx, g.ny = ny, g.dx_mm = dx_mm, g.dy_mm = dx_mm, g.dz_mm = dz_mm;
    const double bottoms[] = {0.015, 0.075, 0.295, 1.175};
    g.nz = static_cast<int>(2.175 / dz_mm + 0.5);
    for (int k = 0; k < g.nz; ++k) {
        const double centre = (k + 0.5) * g.dz_mm;
        int layer = 0;
        while (layer < 4 && centre > bottoms[layer]) ++layer;
        g.layer_of_slice.push_back(static_cast<Layer>(layer));
    }
    return g;
}

// A vertical channel from the surface down to depth_mm in column (i, j), filling `fraction` of each voxel it
// crosses; it bleeds where it reaches the dermis (capillary loops of the papillary dermis and below).
inline void stamp_channel(TissueState& s, int i, int j, float depth_mm, float fraction) {
    for (int k = 0; k < s.grid.nz && k * s.grid.dz_mm < depth_mm; ++k) {
        float& open = s.at(Field::OpenChannel, i, j, k);
        open = std::min(1.0f, open + fraction);
        if (s.grid.layer_at(k) >= Layer::PapillaryDermis) {
            float& blood = s.at(Field::Blood, i, j, k);
            blood = std::min(1.0f, blood + fraction);
        }
    }
}

// A whole-patch treatment: every column gets the open fraction of a typical full treatment.
inline void stamp_treatment(TissueState& s, float depth_mm, float fraction) {
    for (int j = 0; j < s.grid.ny; ++j)
        for (int i = 0; i < s.grid.nx; ++i) stamp_channel(s, i, j, depth_mm, fraction);
}

}  // namespace dermasim::heal_test
