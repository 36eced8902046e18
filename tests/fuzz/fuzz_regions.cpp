// regions.json: the region table.
#include "engine/skin/region_profile.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) { dermasim::RegionTable::load(file); })
