#pragma once
// One needle entering the skin: what the kinematics hand to the tissue.
#include <cstdint>
#include <vector>
#include <glm/vec2.hpp>

namespace dermasim {

struct Puncture {
    glm::vec2 surface_mm{0};   // entry point on the skin surface, patch coordinates (0..kPatchSizeMm)
    float depth_mm = 0;        // how deep the channel goes (perpendicular to the surface)
    float radius_mm = 0;       // channel radius at the surface; tapers to the tip
    glm::vec2 tilt{0};         // lateral drift of the tip per mm of depth (entry angle of a rolling needle)
    double time_s = 0;         // when it happened, seconds from the start of the session
    std::uint32_t needle = 0;  // which needle of the device made it
};

using PunctureList = std::vector<Puncture>;

}  // namespace dermasim
