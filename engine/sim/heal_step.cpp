#include "engine/sim/heal_step.hpp"

#include <cmath>
#include <string>
#include "engine/core/error.hpp"
#include "engine/sim/heal_line_solve.hpp"
#include "engine/sim/heal_voxel.hpp"

namespace dermasim {

void check_tissue_state(const TissueState& state) {
    const TissueGrid& g = state.grid;
    if (g.nx <= 0 || g.ny <= 0 || g.nz <= 0 || int(g.layer_of_slice.size()) != g.nz)
        throw Error("tissue state: grid is empty or its layer table does not match its depth");
    for (int f = 0; f < kFieldCount; ++f)
        if (state.fields[f].size() != g.voxel_count())
            throw Error("tissue state: field '" + std::string(kFieldKeys[f]) + "' has " +
                        std::to_string(state.fields[f].size()) + " values, grid has " +
                        std::to_string(g.voxel_count()));
}

void heal_signal_all(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan) {
    if (!plan.diffuse_signal) return;
    const TissueGrid& g = state.grid;
    const float dt = static_cast<float>(plan.dt_s);
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    std::vector<float>& signal = state.field(Field::Signal);
    const std::vector<float>& open = state.field(Field::OpenChannel);
    const std::vector<float>& blood = state.field(Field::Blood);
    for (int k = 0; k < g.nz; ++k) {
        const glm::vec2 rates = kernel::heal_signal_release_rates(static_cast<int>(g.layer_at(k)), dt, params);
        for (std::size_t n = k * slice; n < (k + 1) * slice; ++n)
            signal[n] = signal[n] + kernel::heal_signal_release(open[n], blood[n], rates);
    }
    diffuse_field(state, params, kernel::HEAL_DIFFUSE_SIGNAL, plan);
}

void heal_react_all(TissueState& state, const kernel::HealParams& params, float dt_s,
                    const std::vector<float>& signal_before) {
    const TissueGrid& g = state.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    for (int k = 0; k < g.nz; ++k) {
        const int layer = static_cast<int>(g.layer_at(k));
        for (std::size_t n = k * slice; n < (k + 1) * slice; ++n)
            store_voxel(state, n, kernel::heal_react(load_voxel(state, n), signal_before[n], layer, dt_s, params));
    }
}

void heal_diffuse_rest(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan) {
    if (plan.diffuse_fibroblasts) diffuse_field(state, params, kernel::HEAL_DIFFUSE_FIBROBLASTS, plan);
    if (plan.diffuse_serum) diffuse_field(state, params, kernel::HEAL_DIFFUSE_SERUM, plan);
}

void heal_step(TissueState& state, const kernel::HealParams& params, const HealStepPlan& plan) {
    if (!(plan.dt_s > 0) || !std::isfinite(plan.dt_s)) throw Error("heal step: time step must be finite and > 0");
    if (!(plan.serum_surface >= 0 && plan.serum_surface <= 1))
        throw Error("heal step: serum_surface must be within 0..1");
    check_tissue_state(state);
    const std::vector<float> signal_before = state.field(Field::Signal);
    heal_signal_all(state, params, plan);
    heal_react_all(state, params, static_cast<float>(plan.dt_s), signal_before);
    heal_diffuse_rest(state, params, plan);
    state.time_s += plan.dt_s;
}

}  // namespace dermasim
