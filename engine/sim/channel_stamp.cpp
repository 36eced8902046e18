#include "engine/sim/channel_stamp.hpp"

#include <cstdint>
#include <string>
#include <glm/glm.hpp>
#include "engine/core/error.hpp"

// The shared kernel, compiled as C++ (see the file's header for the rules it follows).
namespace dermasim::kernel {
using namespace glm;
using uint = std::uint32_t;
#define INOUT(T) T&
#include "shaders/sim/stamp_kernel.glsl"
#undef INOUT
}  // namespace dermasim::kernel

namespace dermasim {

namespace {
glm::vec3 voxel_size(const TissueGrid& g) { return {g.dx_mm, g.dy_mm, g.dz_mm}; }

void check_grid(const TissueGrid& g) {
    if (g.nx <= 0 || g.ny <= 0 || g.nz <= 0 || !(g.dx_mm > 0) || !(g.dy_mm > 0) || !(g.dz_mm > 0) ||
        int(g.layer_of_slice.size()) != g.nz)
        throw Error("channel stamp: the tissue grid is empty or inconsistent (voxel counts, sizes, layer table)");
}
}  // namespace

StampFootprint stamp_footprint(const TissueGrid& g, const Puncture& p) {
    StampFootprint f;
    if (!(p.depth_mm > 0) || !(p.radius_mm > 0)) return f;
    const glm::vec3 lo = kernel::stamp_box_min_mm(p.surface_mm, p.depth_mm, p.radius_mm, p.tilt);
    const glm::vec3 hi = kernel::stamp_box_max_mm(p.surface_mm, p.depth_mm, p.radius_mm, p.tilt);
    if (hi.x < 0 || hi.y < 0 || lo.x > g.width_mm() || lo.y > g.length_mm()) return f;
    f.i0 = kernel::stamp_cell(lo.x, g.dx_mm, g.nx - 1);
    f.i1 = kernel::stamp_cell(hi.x, g.dx_mm, g.nx - 1);
    f.j0 = kernel::stamp_cell(lo.y, g.dy_mm, g.ny - 1);
    f.j1 = kernel::stamp_cell(hi.y, g.dy_mm, g.ny - 1);
    f.k0 = 0;
    f.k1 = kernel::stamp_cell(hi.z, g.dz_mm, g.nz - 1);
    return f;
}

float channel_fraction(const TissueGrid& g, const Puncture& p, int i, int j, int k) {
    return kernel::stamp_voxel_fraction(p.surface_mm, p.depth_mm, p.radius_mm, p.tilt, i, j, k, voxel_size(g));
}

void accumulate_puncture(const TissueGrid& g, const Puncture& p, StampAccumulators& acc) {
    const StampFootprint f = stamp_footprint(g, p);
    if (f.empty()) return;
    const glm::vec3 voxel = voxel_size(g);
    for (int k = f.k0; k <= f.k1; ++k) {
        const bool bleeds = kernel::stamp_bleeds(std::uint32_t(g.layer_of_slice[k])) > 0.0f;
        for (int j = f.j0; j <= f.j1; ++j)
            for (int i = f.i0; i <= f.i1; ++i) {
                const float fraction =
                    kernel::stamp_voxel_fraction(p.surface_mm, p.depth_mm, p.radius_mm, p.tilt, i, j, k, voxel);
                const std::uint32_t amount = kernel::stamp_fixed_amount(fraction);
                if (amount == 0u) continue;
                const std::size_t idx = g.index(i, j, k);
                acc.open[idx] += amount;
                if (bleeds) acc.blood[idx] += amount;
            }
    }
}

void resolve_stamps(TissueState& state, StampAccumulators& acc) {
    auto& open = state.field(Field::OpenChannel);
    auto& blood = state.field(Field::Blood);
    for (std::size_t v = 0; v < open.size(); ++v) {
        open[v] = kernel::stamp_resolve(open[v], acc.open[v]);
        blood[v] = kernel::stamp_resolve(blood[v], acc.blood[v]);
    }
}

void stamp_punctures_cpu(TissueState& state, const PunctureList& punctures) {
    check_grid(state.grid);
    const std::size_t n = state.grid.voxel_count();
    for (Field f : {Field::OpenChannel, Field::Blood}) {
        auto& field = state.field(f);
        if (field.empty()) field.assign(n, 0.0f);
        if (field.size() != n)
            throw Error("channel stamp: field " + std::string(kFieldKeys[int(f)]) + " has " +
                        std::to_string(field.size()) + " values for " + std::to_string(n) + " voxels");
    }
    StampAccumulators acc(n);
    for (const auto& p : punctures) accumulate_puncture(state.grid, p, acc);
    resolve_stamps(state, acc);
}

}  // namespace dermasim
