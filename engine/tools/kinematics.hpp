#pragma once
// What every hand-held device shares: it is put down on the skin, moved (frame by frame from a window, or
// point by point from a stroke script), and lifted. Moving it returns the needles that entered the skin.
#include <cstddef>
#include <optional>
#include <glm/vec2.hpp>
#include "engine/tools/puncture.hpp"

namespace dermasim {

struct StrokeStats {
    int passes = 0;                // how many times the device was put down
    double distance_mm = 0;        // path length travelled while down
    double speed_mm_s = 0;         // speed over the last move
    glm::vec2 direction{1, 0};     // current heading (unit vector in patch coordinates)
    std::size_t punctures = 0;     // needle entries kept (inside the patch)
    bool down = false;
};

class DeviceKinematics {
public:
    virtual ~DeviceKinematics() = default;
    // Put the device down at pos_mm. heading: a fixed direction of travel (the drum axis stays perpendicular to
    // it); without one the heading follows the motion.
    virtual void begin_pass(glm::vec2 pos_mm, double time_s, std::optional<glm::vec2> heading = std::nullopt) = 0;
    // Move to pos_mm at time_s (not earlier than the previous update) with pressure 0..1 (1 = firm).
    // Throws Error on NaN positions, time going back or pressure out of range. Returns the new punctures,
    // in time order, only those inside the patch (no channel beyond the block).
    virtual PunctureList move_to(glm::vec2 pos_mm, double time_s, float pressure) = 0;
    virtual void lift() = 0;
    virtual const StrokeStats& stats() const = 0;
};

// True when a surface point lies on the patch (0..kPatchSizeMm in x and y).
bool on_patch(glm::vec2 surface_mm);

}  // namespace dermasim
