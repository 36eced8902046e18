#pragma once
// The adaptive step chooser: minutes while channels are open, hours while the redness lasts, longer while
// fibroblasts are active, days when only slow remodelling is left. Deterministic: it depends only on the
// state's summary, the previous step and the time to the next event.
#include "engine/sim/heal_params.hpp"
#include "engine/sim/heal_step.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

// Maxima over the grid, each scaled so that ~1 means "a typical fresh treatment" (open and blood are divided
// by kernel.injury_reference). On the GPU: one max-reduction pass per step (or every few steps).
struct StateSummary {
    float open = 0;        // max open fraction / injury_reference
    float blood = 0;       // max blood / injury_reference
    float signal = 0;      // max signal
    float erythema = 0;    // max erythema
    float activation = 0;  // max fibroblast excess over rest, relative to (cap - rest), dermis
    float serum = 0;       // max serum
};
StateSummary summarize(const TissueState& state, const kernel::HealParams& params);

// The next step: dt capped by the phase (control.dt_*), by prev_dt_s * control.dt_growth (prev_dt_s <= 0:
// no cap) and by time_to_event_s; line solves are skipped for fields that are all (nearly) zero.
HealStepPlan plan_heal_step(const StateSummary& summary, const HealControl& control, float serum_surface,
                            double prev_dt_s, double time_to_event_s);

}  // namespace dermasim
