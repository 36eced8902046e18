// A lesson file (assets/lessons/*.json), checked against the shipped region table.
#include "engine/skin/region_profile.hpp"
#include "engine/training/lesson.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) {
    static const dermasim::RegionTable regions =
        dermasim::RegionTable::load(std::filesystem::path(DERMASIM_SOURCE_ASSET_DIR) / "regions.json");
    dermasim::load_lesson(file, regions);
})
