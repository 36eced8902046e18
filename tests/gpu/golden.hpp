#pragma once
// Golden-image comparison with a tolerance: at most 0.1 % of pixels may differ by more than 2/255 in any
// channel (lavapipe can differ by a unit between CPU types). Goldens are rewritten only when the environment
// variable DERMASIM_UPDATE_GOLDENS=1 is set (tests/update_goldens.sh), never by CI.
#include <string>
#include "engine/io/png.hpp"

namespace dermasim::test {

struct ImageDiff {
    double fraction_off = 0;  // pixels off by more than the per-channel tolerance
    int max_delta = 0;
};
ImageDiff compare_images(const RgbaImage& a, const RgbaImage& b, int tolerance = 2);

// Compares against tests/golden/<name>.png (or writes it in update mode); on failure writes the actual image
// and a diff next to the build's test output for inspection. Returns an empty string on success.
std::string check_golden(const std::string& name, const RgbaImage& actual);

}  // namespace dermasim::test
