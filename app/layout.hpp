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

// Headless pictures with the magnified view as an inset: the block on the left, the inset on the right.
inline constexpr glm::vec4 kHeadlessBlockBesideInset{0.04f, 0.2f, 0.58f, 0.9f};
inline constexpr glm::vec4 kHeadlessInset{0.6f, 0.1f, 0.38f, 0.72f};  // x, y, w, h (MicroView::rect)

// The sandbox window: between the treatment or healing panel (left, 372 px) and the skin panel (right, 330 px),
// below the mode bar. On a window too narrow for that, the panels fold and the whole width is used.
inline glm::vec4 sandbox_area(glm::vec2 window) {
    const float left = 384.0f, right = 342.0f;
    if (window.x - left - right < 320.0f) return kHeadlessArea;
    return {left / window.x, 0.1f, 1.0f - right / window.x, 0.97f};
}

// The magnified view in the window: below the skin panel on the right, as wide as the panel.
inline glm::vec4 sandbox_inset(glm::vec2 window) {
    const float top = std::min(410.0f, 0.57f * window.y), width = 330.0f;
    return {(window.x - width - 12.0f) / window.x, top / window.y, width / window.x,
            std::max(80.0f, window.y - top - 12.0f) / window.y};
}

}  // namespace dermasim::app
