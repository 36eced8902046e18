#pragma once
// The kiosk's configuration (assets/kiosk/kiosk.json, or --kiosk-config FILE): how to leave it (the PIN, on a
// pad the close request or ctrl+alt+<exit_key> brings up), its timings, and the shipped sessions its attract loop replays. Validated when loaded:
// every problem is an Error naming the file and the field, before the window opens.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/catalog.hpp"
#include "engine/session/session_record.hpp"

namespace dermasim::app {

struct AttractItem {
    std::filesystem::path file;
    SessionRecord session;
    double speed = 1;       // the passes play this many times as fast as recorded
    double heal_days = 30;  // then this much healing plays
};

// The PIN in assets/kiosk/kiosk.json as shipped: anyone who read it can leave a stand that keeps it, so it is
// refused for a fullscreen stand (the shipped configuration runs in a window).
inline constexpr std::string_view kShippedKioskPin = "2468";

struct KioskConfig {
    std::string pin;              // 4..8 digits
    char exit_key = 'Q';          // ctrl+alt+this brings up the PIN pad (staff with a keyboard)
    double idle_seconds = 45;     // untouched this long: back to the attract loop, the visitor's work gone
    double try_seconds = 60;      // a visitor's try lasts this long
    double try_heal_days = 30;    // the try's healing shown on the result screen, days
    bool fullscreen = true;
    double report_seconds = 60;   // how often memory and frame time are logged (soak runs read them)
    std::vector<AttractItem> attract;
};

// Session files are found relative to the config file's folder.
KioskConfig load_kiosk_config(const std::filesystem::path& file, const Catalog& catalog);
std::filesystem::path default_kiosk_config(const Catalog& catalog);  // <assets>/kiosk/kiosk.json

}  // namespace dermasim::app
