#pragma once
// The trainee's panel: device, needle, pressure, aftercare, and live readouts of what the needles are doing.
// It reads the controller and returns what the user asked for; the mode applies it (asking first where work
// would be lost).
#include <optional>
#include <string>
#include <vector>

#include "app/treatment_controller.hpp"
#include "engine/session/session_record.hpp"

namespace dermasim::app {

struct TreatmentIntent {
    std::optional<DeviceKind> device;
    std::optional<float> needle_mm;
    std::optional<float> pressure;
    std::optional<Aftercare> aftercare;
    bool clear = false;
    bool undo = false;
    bool heal = false;  // start the healing time-lapse for what was done
};

// save_status: where the session is being saved, or why it is not (shown under the buttons).
TreatmentIntent draw_treatment_panel(const TreatmentController& treatment, const Aftercare& aftercare,
                                     const std::vector<std::string>& serums, const std::string& save_status,
                                     bool save_failed);

}  // namespace dermasim::app
