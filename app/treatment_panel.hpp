#pragma once
// The trainee's panel: device, needle, pressure, and live readouts of what the needles are doing.
#include <string>
#include <vector>
#include "app/treatment_controller.hpp"

namespace dermasim::app {

// How the treated skin is left to heal (chosen before "Heal").
struct AftercareChoice {
    bool occluded = false;    // covered skin: channels close more slowly
    int serum = 0;            // 0 = none, else index + 1 into serum_names()
    int sessions = 1;         // the same treatment repeated
    int interval_days = 28;
};

struct TreatmentPanelActions {
    bool heal = false;         // start the healing time-lapse for what was done
    bool save_strokes = false; // save the recorded strokes
};

TreatmentPanelActions draw_treatment_panel(TreatmentController& treatment, const RegionProfile& region,
                                           AftercareChoice& aftercare, const std::vector<std::string>& serums);

}  // namespace dermasim::app
