#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

namespace dermasim {

struct RgbaImage {
    uint32_t width = 0, height = 0;
    std::vector<uint8_t> pixels;  // RGBA8, rows top to bottom
};

// Writes atomically (temporary file beside the target, then rename): a failed write never leaves a
// half-written PNG. Throws Error naming the path if the folder is missing or not writable.
void write_png(const std::filesystem::path& path, const RgbaImage& image);
// The PNG file's bytes, in memory (for embedding an image in a report).
std::vector<uint8_t> encode_png(const RgbaImage& image);
RgbaImage read_png(const std::filesystem::path& path);  // for golden-image tests

}  // namespace dermasim
