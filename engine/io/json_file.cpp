#include "engine/io/json_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "engine/core/error.hpp"

namespace dermasim {

int json_nesting_depth(std::string_view text, int limit) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

void check_json_nesting(std::string_view text, const std::string& name) {
    if (json_nesting_depth(text) > kMaxJsonDepth)
        throw Error(name + ": nested more than " + std::to_string(kMaxJsonDepth) +
                    " levels deep (arrays and objects); not a DermaSim file");
}

nlohmann::json parse_json_text(std::string_view text, const std::string& name) {
    // nlohmann's parser and the code that walks its result recurse once per level: check before parsing.
    check_json_nesting(text, name);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: ..."; keep the position.
        std::string what = e.what();
        if (auto close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos)
            what = what.substr(close + 2);
        throw Error(name + ": not valid JSON, the file may be truncated or damaged (" + what + ")");
    }
}

std::string read_file_bytes(const std::filesystem::path& file, std::size_t max_bytes) {
    const std::string name = file.string();
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) throw Error(name + ": cannot open it (No such file or directory)");
    if (std::filesystem::is_directory(status)) throw Error(name + ": is a folder, not a file");
    if (!std::filesystem::is_regular_file(status)) throw Error(name + ": is not a regular file");
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw Error(name + ": cannot read its size (" + ec.message() + ")");
    if (size > max_bytes)
        throw Error(name + ": is " + std::to_string(size) + " bytes, more than the " + std::to_string(max_bytes) +
                    " bytes allowed");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(name + ": cannot open it (" + std::strerror(errno) + ")");
    std::string bytes(size, '\0');
    in.read(bytes.data(), std::streamsize(size));
    if (in.gcount() != std::streamsize(size)) throw Error(name + ": read failed (the file changed while read?)");
    return bytes;
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
    return parse_json_text(read_file_bytes(file), file.string());
}

std::string report_text(const nlohmann::json& report) {
    return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace dermasim
