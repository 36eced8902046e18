#include "engine/io/png.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <system_error>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"

namespace dermasim {

void write_png(const std::filesystem::path& path, const RgbaImage& image) {
    write_atomically(path, [&](const std::filesystem::path& temp) {
        if (!stbi_write_png(temp.c_str(), int(image.width), int(image.height), 4, image.pixels.data(),
                            int(image.width * 4)))
            throw Error("cannot write PNG '" + path.string() + "'");
    });
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
