#pragma once
// The part of the patch a treatment covers: an axis-aligned square centred on the patch.
#include <glm/vec2.hpp>
#include "engine/skin/tissue_grid.hpp"

namespace dermasim {

struct TreatedArea {
    glm::vec2 min_mm{0};
    glm::vec2 max_mm{kPatchSizeMm};

    glm::vec2 size_mm() const { return max_mm - min_mm; }
    glm::vec2 centre_mm() const { return 0.5f * (min_mm + max_mm); }
    double area_cm2() const { return double(size_mm().x) * size_mm().y / 100.0; }
    bool contains(glm::vec2 p) const { return p.x >= min_mm.x && p.y >= min_mm.y && p.x <= max_mm.x && p.y <= max_mm.y; }
};

// A centred square of the given side (the whole patch by default).
inline TreatedArea centred_treated_area(float side_mm = kPatchSizeMm) {
    const float lo = 0.5f * (kPatchSizeMm - side_mm);
    return {glm::vec2(lo), glm::vec2(lo + side_mm)};
}

}  // namespace dermasim
