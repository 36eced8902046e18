// Session files (and old stroke scripts opened as sessions).
#include "engine/session/session_record.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) { dermasim::load_session(file, "cheek"); })
