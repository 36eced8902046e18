#pragma once
// Reading a JSON data file with the messages every loader gives: a missing file, a folder, and a file that is
// not JSON (often one cut short by a crash or a full disk) each say so, naming the file.
#include <filesystem>
#include <nlohmann/json.hpp>

namespace dermasim {

nlohmann::json read_json_file(const std::filesystem::path& file);

}  // namespace dermasim
