// serums.json: the serum table.
#include "engine/core/catalog.hpp"
#include "engine/io/json_file.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) {
    dermasim::parse_serums(file, dermasim::read_file_bytes(file));
})
