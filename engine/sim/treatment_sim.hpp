#pragma once
// A whole treatment, headless: device strokes -> punctures -> stamped into the tissue -> healing over a
// timeline of one or more sessions. The window, the simulate command and (later) lessons all run it this way.
#include <algorithm>
#include <functional>
#include <optional>
#include <string>

#include "engine/sim/healing_metrics.hpp"
#include "engine/sim/tissue_state.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/puncture_stats.hpp"
#include "engine/tools/stroke_script.hpp"

namespace dermasim {

// How often a headless run samples its curves (and, since samples are timeline events, where its steps fall):
// every 3 h for runs up to two weeks, daily beyond; frames need a sample at each frame time. Runs that should
// give the same numbers (simulate, replay) use this one rule.
inline double headless_sample_hours(double days, double frame_every_h = 1e300) {
    return std::min(days <= 14 ? 3.0 : 24.0, frame_every_h);
}

struct TreatmentRequest {
    RegionProfile region;
    StrokeScript script;                 // one session's strokes
    TreatedArea area = centred_treated_area();
    Quality quality = Quality::Ci;
    double days = 0;                     // simulated healing after the first session; 0: needling only
    int sessions = 1;                    // sessions repeat the script, interval_days apart
    double interval_days = 28;
    bool occluded = false;
    std::string serum;                   // "" = none; else a name in Catalog::serums
    double sample_hours = 6;             // curve sampling interval
};

struct TreatmentResult {
    PunctureList punctures;              // the first session's
    PunctureStats stats;
    StrokeStats strokes;
    std::optional<HealingMetrics> healing;
    TimelineStats timeline;
    TissueState tissue;                  // at the end
};

struct TreatmentObserver {
    std::function<void(double fraction)> progress;                 // 0..1 of simulated time
    // At every curve sample: its figures (the report's curve point) and the state, where wants_state(day) says so
    // (at every sample when it is unset), else null. On the GPU each state is a read of the whole volume.
    std::function<void(const HealingSample&, const TissueState*)> sample;
    std::function<bool(double day)> wants_state;
    std::function<void(const PunctureList&)> punctures;            // the first session's, before healing starts
};

namespace vk { class Context; }
struct Catalog;

// With a Vulkan context the tissue is stamped and healed by the GPU passes; without one, by their CPU twins.
// The catalogue gives the devices (roller, pen), the healing parameters and the serums.
TreatmentResult run_treatment(const Catalog& catalog, const TreatmentRequest& request,
                              const TreatmentObserver& observer = {}, const vk::Context* gpu = nullptr);

// Healing only, for punctures made elsewhere (the window). request.script is not used; result.stats is empty.
TreatmentResult heal_punctures(const Catalog& catalog, const TreatmentRequest& request, const PunctureList& punctures,
                               const TreatmentObserver& observer = {}, const vk::Context* gpu = nullptr);

// The punctures of session s: the same strokes, shifted sideways by a fixed per-session offset (a practitioner
// never lands on the same lines twice), wrapped around the patch so every session has the same count.
PunctureList session_punctures(const PunctureList& first, int session);

}  // namespace dermasim
