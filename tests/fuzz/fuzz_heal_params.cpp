// heal_params.json: the healing parameters.
#include "engine/sim/heal_params.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) { dermasim::load_heal_parameters(file); })
