#pragma once
// Every JSON file DermaSim reads from outside (regions, devices, healing parameters, serums, stroke scripts,
// sessions) comes through here, so each gets the same limits before nlohmann parses it: a regular file, at most
// kMaxJsonBytes, nested at most kMaxJsonDepth deep. A file made to exhaust memory or the stack (a million
// nested brackets) is refused with a message naming it, never parsed.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <nlohmann/json.hpp>

namespace dermasim {

inline constexpr std::size_t kMaxJsonBytes = 64u << 20;  // a recorded hour of input is a few MB
inline constexpr int kMaxJsonDepth = 64;                  // our formats nest 5 deep at most

// The deepest nesting of arrays and objects in text (brackets inside strings do not count); stops counting
// once past limit, so it is linear in the text whatever the text holds.
int json_nesting_depth(std::string_view text, int limit = kMaxJsonDepth);

// Throws Error "<name>: nested more than 64 levels deep ..." when text nests deeper than kMaxJsonDepth.
void check_json_nesting(std::string_view text, const std::string& name);

// Parses text; throws Error "<name>: not valid JSON: ..." or "<name>: nested N deep (at most 64)".
nlohmann::json parse_json_text(std::string_view text, const std::string& name);

// Reads and parses a file; throws Error naming the file for a missing file, a folder, a file too large, a read
// error or bad JSON.
nlohmann::json read_json_file(const std::filesystem::path& file);

// A report's text, indented, ending in a newline. A string that is not UTF-8 (a file name from an old archive)
// is written with U+FFFD in its place instead of failing the whole report.
std::string report_text(const nlohmann::json& report);

// The bytes of a file, checked as read_json_file checks them (regular file, at most max_bytes).
std::string read_file_bytes(const std::filesystem::path& file, std::size_t max_bytes = kMaxJsonBytes);

}  // namespace dermasim
