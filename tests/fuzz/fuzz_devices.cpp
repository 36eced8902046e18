// devices/roller.json and devices/pen.json: the same bytes through both loaders.
#include "engine/tools/device_spec.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) {
    try {
        dermasim::load_roller(file).needle_mounts();
    } catch (const dermasim::Error&) {
    }
    dermasim::load_pen(file).needle_mounts();
})
