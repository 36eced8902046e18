#pragma once
// The trainee's panel: device, needle, pressure, and live readouts of what the needles are doing.
#include "app/treatment_controller.hpp"

namespace dermasim::app {

struct TreatmentPanelActions {
    bool heal = false;         // start the healing time-lapse for what was done
    bool save_strokes = false; // save the recorded strokes
};

TreatmentPanelActions draw_treatment_panel(TreatmentController& treatment, const RegionProfile& region);

}  // namespace dermasim::app
