#pragma once
// What a healing run shows: per-session times (channel closure, erythema peak and resolution) taken at every
// step, and curves sampled at the timeline's sample times. Matrix values are % change from the untreated
// baseline over the same voxels (whole patch). See docs/MODEL.md for the definitions.
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "engine/sim/heal_params.hpp"
#include "engine/sim/timeline.hpp"

namespace dermasim {

struct HealingSample {
    double day = 0;
    double open_channels_mm3 = 0;    // open-channel volume
    double erythema = 0;             // mean erythema of the papillary dermis (what shows at the surface), 0..1
    double redness_max = 0;          // the reddest skin column's vasodilation, 0..1 (visible above erythema_visible)
    double macrophages = 0;          // mean macrophage density in the dermis, relative to the cap
    double fibroblasts = 0;          // mean fibroblast density in the dermis, relative to the cap
    double fibroblasts_fold = 0;     // the same relative to the resting density
    double collagen_I_pct = 0;       // dermis (papillary + reticular)
    double collagen_III_pct = 0;
    double collagen_pct = 0;         // I + III
    double collagen_I_pct_papillary = 0;
    double collagen_III_pct_papillary = 0;
    double collagen_pct_papillary = 0;
    double elastin_pct = 0;
    double elastin_pct_papillary = 0;
    double capillaries_pct_papillary = 0;
    double serum_depth_um = 0;       // centre depth of the deepest slice holding serum >= the threshold
    double epidermis_pct = 0;        // viable epidermis thicker than untreated, patch mean (Lotfi 2013: +50 %)
};

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
    void on_session(const TissueState& state, int session) override;
    void on_step(const TissueState& state, const HealStepPlan& plan) override;
    void on_sample(const TissueState& state) override;
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

// One sample of the state (used by the recorder; handy on its own).
HealingSample sample_healing(const TissueState& state, const HealParameters& params);
double open_channel_volume_mm3(const TissueState& state);
double surface_erythema(const TissueState& state);
// The largest vasodilation of any skin column (mean over its papillary dermis): what the eye picks out.
double reddest_column(const TissueState& state);
double mean_dermal_macrophages(const TissueState& state);
// Mean thickening of the viable epidermis over the patch's columns (0.5 = +50 %).
double epidermal_thickening(const TissueState& state);
double serum_depth_um(const TissueState& state, double threshold);

nlohmann::json to_json(const HealingMetrics& metrics);
std::string to_csv(const std::vector<HealingSample>& curves);  // header line + one line per sample

}  // namespace dermasim
