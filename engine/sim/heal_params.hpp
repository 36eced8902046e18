#pragma once
// The healing model's parameters, loaded from assets/heal_params.json: every entry has a value, a unit, a
// source, and says whether it is estimated. Values are converted to the kernel's units (seconds, mm).
#include <filesystem>
#include <map>
#include <string>
#include "engine/sim/heal_kernel.hpp"

namespace dermasim {

struct HealParamEntry {
    double value = 0;   // as written in the file, in `unit`
    std::string unit;
    std::string source; // citation (REFERENCE.md) or, for an estimate, the one-line reason
    bool estimated = false;
};

// Numerical and protocol settings that the per-voxel kernel does not need (time steps, thresholds).
struct HealControl {
    double dt_channels_s = 0;       // step while channels are open or serum is on the skin
    double dt_inflammation_s = 0;   // step while signal / erythema / clot are active
    double dt_proliferation_s = 0;  // step while fibroblasts are activated
    double dt_remodelling_s = 0;    // step when only slow matrix turnover is left
    double dt_growth = 0;           // a step is at most this factor longer than the previous one
    double dt_session_start_s = 0;  // the first step after a session (then growing by dt_growth)
    double serum_contact_s = 0;     // how long the serum stays on the skin after a session
    double serum_depth_threshold = 0;  // concentration (of applied) that counts as "reached"
    double activity_threshold = 0;  // below this a process counts as finished (step chooser)
    double erythema_visible = 0;    // vasodilation (0..1) of a skin column that the eye sees as red
};

struct HealParameters {
    kernel::HealParams kernel{};  // occluded = 0; set per run
    HealControl control;
    std::map<std::string, HealParamEntry> entries;  // everything in the file, for reports and MODEL.md checks
};

// Throws Error naming the file and the entry (missing, wrong unit, not a number, out of range).
HealParameters load_heal_parameters(const std::filesystem::path& file);

}  // namespace dermasim
