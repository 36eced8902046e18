#include "engine/io/png.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <string>
#include <system_error>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"

namespace dermasim {

void write_png(const std::filesystem::path& path, const RgbaImage& image) {
    if (image.width == 0 || image.height == 0 || image.pixels.size() != std::size_t(image.width) * image.height * 4)
        throw Error("cannot write PNG '" + path.string() + "': the image is empty or its size does not match");
    // Encoded in memory, then written by the atomic writer, which checks every write, flush and rename: stb's
    // own file writer ignores write errors, so a full disk gave a truncated PNG and success.
    std::string encoded;
    auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), std::size_t(size));
    };
    if (!stbi_write_png_to_func(append, &encoded, int(image.width), int(image.height), 4, image.pixels.data(),
                                int(image.width * 4)))
        throw Error("cannot write PNG '" + path.string() + "': encoding failed");
    write_text_atomically(path, encoded);
}

std::vector<uint8_t> encode_png(const RgbaImage& image) {
    std::vector<uint8_t> bytes;
    auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(context);
        out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    };
    if (!stbi_write_png_to_func(append, &bytes, int(image.width), int(image.height), 4, image.pixels.data(),
                                int(image.width * 4)))
        throw Error("cannot encode a PNG image");
    return bytes;
}

RgbaImage read_png(const std::filesystem::path& path) {
    int w = 0, h = 0, n = 0;
    stbi_uc* data = stbi_load(path.c_str(), &w, &h, &n, 4);
    if (!data) throw Error("cannot read PNG '" + path.string() + "': " + stbi_failure_reason());
    RgbaImage image{uint32_t(w), uint32_t(h), std::vector<uint8_t>(data, data + size_t(w) * h * 4)};
    stbi_image_free(data);
    return image;
}

}  // namespace dermasim
