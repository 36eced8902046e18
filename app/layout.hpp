#pragma once
// Where the skin block goes on screen, as fractions of the image (x0, y0, x1, y1): what the panels, legend,
// ruler, labels and captions leave free. Window and headless images frame the block the same way (fitted to
// the free area), so both open on the whole block with its layers readable.
#include <algorithm>
#include <glm/vec2.hpp>
#include <glm/vec4.hpp>

namespace dermasim::app {

// Headless images: below the legend (top left), above the caption line, with room for the ruler and labels.
inline constexpr glm::vec4 kHeadlessArea{0.06f, 0.2f, 0.94f, 0.9f};

// The sandbox window: between the treatment panel (left, 372 px) and the skin panel (right, 330 px), below the
// mode bar. On a window too narrow for that, the panels fold and the whole width is used.
inline glm::vec4 sandbox_area(glm::vec2 window) {
    const float left = 384.0f, right = 342.0f;
    if (window.x - left - right < 320.0f) return kHeadlessArea;
    return {left / window.x, 0.1f, 1.0f - right / window.x, 0.97f};
}

}  // namespace dermasim::app
