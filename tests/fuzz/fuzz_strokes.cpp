// Stroke scripts: parsed, then run through the device's kinematics on the cheek (a script that parses is work
// the app will do, so the limits on that work are fuzzed too).
#include "engine/skin/region_profile.hpp"
#include "engine/tools/stroke_script.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) {
    static const dermasim::RegionProfile cheek =
        dermasim::RegionTable::load(DERMASIM_SOURCE_ASSET_DIR "/regions.json").find("cheek");
    dermasim::run_stroke_script(dermasim::load_stroke_script(file), cheek);
})
