#pragma once
// What a healing run shows: per-session times (channel closure, erythema peak and resolution) taken at every
// step, and curves sampled at the timeline's sample times. Matrix values are % change from the untreated
// baseline over the same voxels (whole patch). See docs/MODEL.md for the definitions.
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "engine/sim/heal_params.hpp"
#include "engine/sim/healing_sample.hpp"
#include "engine/sim/timeline.hpp"
#include "engine/sim/tissue_tally.hpp"

namespace dermasim {


struct SessionMetrics {
    double start_day = 0;
    double channel_closure_h = -1;   // until 90 % of the session's open volume has closed; -1: not reached
    double erythema_peak = 0;
    double erythema_peak_h = -1;
    double erythema_resolved_h = -1; // surface erythema below 10 % of its peak, after the peak; -1: not reached
    double redness_visible_h = -1;   // until no skin column is visibly red (0: never was); -1: not reached
    double serum_max_depth_um = 0;
};

struct HealingMetrics {
    // The first session's figures (the ones quoted for a single treatment); -1 where not reached.
    double channel_closure_h = -1, erythema_peak_h = -1, erythema_resolved_h = -1, redness_visible_h = -1;
    std::vector<SessionMetrics> sessions;
    std::vector<HealingSample> curves;
};

// Observes a timeline and builds HealingMetrics. Call finish() after run_timeline.
class HealingRecorder : public TimelineObserver {
public:
    explicit HealingRecorder(const HealParameters& params);
    void on_session(const HealingSample& figures, int session) override;
    void on_step(const HealingSample& figures, const HealStepPlan& plan) override;
    void on_sample(const HealingSample& figures, const TissueState* state) override;
    const HealingMetrics& finish();
    const HealingMetrics& metrics() const { return metrics_; }

private:
    void close_session();
    HealParameters params_;
    HealingMetrics metrics_;
    double session_start_s_ = 0, open0_ = 0, open_prev_ = 0, t_prev_ = 0;
    std::vector<std::pair<double, double>> erythema_;  // (hours since session, surface erythema)
    double redness_prev_ = 0;                          // reddest column at the previous step
};

// The figures of a tally (engine/sim/tissue_tally.hpp) of a state of `grid`. A tally that is not full gives
// only day, open_channels_mm3, erythema, redness_max and serum_depth_um; the rest stay 0.
HealingSample healing_figures(const TissueTally& tally, const TissueGrid& grid, const HealParameters& params);
// Every figure of one state.
HealingSample sample_healing(const TissueState& state, const HealParameters& params);
double open_channel_volume_mm3(const TissueState& state);

nlohmann::json to_json(const HealingMetrics& metrics);
std::string to_csv(const std::vector<HealingSample>& curves);  // header line + one line per sample

}  // namespace dermasim
