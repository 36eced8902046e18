#include "engine/core/json_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/core/error.hpp"

namespace dermasim {

nlohmann::json read_json_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw Error(file.string() + ": is a folder, not a file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(file.string() + ": cannot open it (" + std::strerror(errno) + ")");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& e) {
        throw Error(file.string() + ": not valid JSON, the file may be truncated or damaged (" + e.what() + ")");
    }
}

}  // namespace dermasim
