#include "engine/sim/baseline.hpp"

#include "engine/core/error.hpp"
#include "engine/sim/heal_voxel.hpp"

namespace dermasim {

kernel::VoxelState baseline_of(Layer layer, const kernel::HealParams& params) {
    return kernel::heal_baseline(static_cast<int>(layer), params);
}

TissueState make_baseline_state(const TissueGrid& grid, const kernel::HealParams& params) {
    if (grid.nx <= 0 || grid.ny <= 0 || grid.nz <= 0 || int(grid.layer_of_slice.size()) != grid.nz)
        throw Error("baseline: tissue grid is empty or its layer table does not match its depth");
    TissueState s;
    s.grid = grid;
    for (auto& f : s.fields) f.assign(grid.voxel_count(), 0.0f);
    const std::size_t slice = std::size_t(grid.nx) * grid.ny;
    for (int k = 0; k < grid.nz; ++k) {
        const kernel::VoxelState b = baseline_of(grid.layer_at(k), params);
        for (std::size_t n = 0; n < slice; ++n) store_voxel(s, k * slice + n, b);
    }
    return s;
}

}  // namespace dermasim
