#include "tests/gpu/golden.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "engine/core/error.hpp"

namespace dermasim::test {

ImageDiff compare_images(const RgbaImage& a, const RgbaImage& b, int tolerance) {
    if (a.width != b.width || a.height != b.height) return {1.0, 255};
    ImageDiff diff;
    size_t off = 0, pixels = size_t(a.width) * a.height;
    for (size_t p = 0; p < pixels; ++p) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(a.pixels[p * 4 + c]) - b.pixels[p * 4 + c]));
        diff.max_delta = std::max(diff.max_delta, worst);
        if (worst > tolerance) ++off;
    }
    diff.fraction_off = double(off) / double(pixels);
    return diff;
}

std::string check_golden(const std::string& name, const RgbaImage& actual) {
    namespace fs = std::filesystem;
    fs::path golden = fs::path(DERMASIM_GOLDEN_DIR) / (name + ".png");
    const char* update = std::getenv("DERMASIM_UPDATE_GOLDENS");
    if (update && std::strcmp(update, "1") == 0) {
        write_png(golden, actual);
        return "";
    }
    if (!fs::exists(golden))
        return "golden " + golden.string() + " is missing: create it with tests/update_goldens.sh and look at it";
    RgbaImage expected = read_png(golden);
    ImageDiff diff = compare_images(actual, expected);
    if (diff.fraction_off <= 0.001) return "";
    fs::path out = fs::path(DERMASIM_TEST_OUTPUT_DIR);
    fs::create_directories(out);
    write_png(out / (name + ".actual.png"), actual);
    std::ostringstream s;
    s << name << ": " << diff.fraction_off * 100.0 << " % of pixels differ by more than 2/255 (max "
      << diff.max_delta << "); actual image written to " << (out / (name + ".actual.png")).string();
    return s.str();
}

}  // namespace dermasim::test
