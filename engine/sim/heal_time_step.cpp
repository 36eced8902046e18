#include "engine/sim/heal_time_step.hpp"

#include <algorithm>
#include "engine/sim/heal_voxel.hpp"

namespace dermasim {

StateSummary summarize(const TissueState& state, const kernel::HealParams& params) {
    StateSummary s;
    const TissueGrid& g = state.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    const float inv_ref = 1.0f / params.injury_reference;
    for (int k = 0; k < g.nz; ++k) {
        const int layer = static_cast<int>(g.layer_at(k));
        const bool dermis = kernel::heal_is_dermis(layer);
        const float rest = params.fibroblast_rest;
        for (std::size_t n = k * slice; n < (k + 1) * slice; ++n) {
            s.open = std::max(s.open, state.field(Field::OpenChannel)[n] * inv_ref);
            s.blood = std::max(s.blood, state.field(Field::Blood)[n] * inv_ref);
            s.signal = std::max(s.signal, state.field(Field::Signal)[n]);
            s.erythema = std::max(s.erythema, state.field(Field::Erythema)[n]);
            s.serum = std::max(s.serum, state.field(Field::Serum)[n]);
            if (dermis)
                s.activation = std::max(s.activation, (state.field(Field::Fibroblasts)[n] - rest) / (1.0f - rest));
        }
    }
    return s;
}

HealStepPlan plan_heal_step(const StateSummary& s, const HealControl& c, float serum_surface, double prev_dt_s,
                            double time_to_event_s) {
    const float thr = static_cast<float>(c.activity_threshold);
    double cap = c.dt_remodelling_s;
    if (s.activation > thr || s.blood > thr || s.signal > thr) cap = c.dt_proliferation_s;
    if (s.erythema > thr) {
        // Redness needs fine steps while it is visible (it follows the fast-decaying signal); once faint, the
        // error of a longer step is small in absolute terms, so the step grows as redness fades.
        const double faint = std::clamp(0.1 / double(s.erythema), 1.0, c.dt_proliferation_s / c.dt_inflammation_s);
        cap = c.dt_inflammation_s * faint;
    }
    if (s.open > thr) {
        // Closure is exponential: as the open volume falls, so does the error of a longer step.
        const double relax = std::clamp(1.0 / double(s.open), 1.0, c.dt_proliferation_s / c.dt_channels_s);
        cap = std::min(cap, c.dt_channels_s * relax);
    }
    if (serum_surface > 0) cap = c.dt_channels_s;
    double dt = cap;
    if (prev_dt_s > 0) dt = std::min(dt, prev_dt_s * c.dt_growth);
    if (time_to_event_s > 0) dt = std::min(dt, time_to_event_s);
    HealStepPlan plan;
    plan.dt_s = dt;
    plan.serum_surface = serum_surface;
    // Signal keeps diffusing while anything still feeds it; zero fields need no solve.
    plan.diffuse_signal = s.signal > 0 || s.open > 0 || s.blood > 0;
    plan.diffuse_fibroblasts = s.activation > 1e-6f;  // uniform rest density has no gradient
    plan.diffuse_serum = s.serum > 0 || serum_surface > 0;
    return plan;
}

}  // namespace dermasim
