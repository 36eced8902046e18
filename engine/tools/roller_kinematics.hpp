#pragma once
// A dermaroller rolling without slipping over the patch. As the drum's contact point travels a distance s
// along its heading, the drum turns s / radius. A needle mounted at angle a around the drum points straight down
// when a + drum_angle is a multiple of 2 pi; it punctures when it passes that contact angle while the roller is
// down and pressed (pressure > 0). Rolling backwards turns the drum backwards (needles re-enter on the way back).
// Motion across the heading (a fixed heading held while moving sideways) skids without turning the drum.
//
// A rolling needle enters at an angle: its tip meets the surface ahead of the contact point and sweeps back to
// it at full depth. For a channel of depth d on a drum of radius R the tip enters at
//   psi = acos(R / (R + d)) before vertical, a distance  delta = (R + d) sin(psi) - R psi  ahead,
// so the Puncture's surface point is that entry point and its tilt is -delta/d per mm along the motion:
// the tip ends under the contact point.
#include <vector>
#include "engine/tools/device_spec.hpp"
#include "engine/tools/kinematics.hpp"
#include "engine/tools/needle_depth.hpp"

namespace dermasim {

float rolling_entry_offset_mm(float drum_radius_mm, float depth_mm);

class RollerKinematics final : public DeviceKinematics {
public:
    RollerKinematics(const RollerSpec& spec, const RegionProfile& region);

    void begin_pass(glm::vec2 pos_mm, double time_s, std::optional<glm::vec2> heading = std::nullopt) override;
    PunctureList move_to(glm::vec2 pos_mm, double time_s, float pressure) override;
    void lift() override;
    const StrokeStats& stats() const override { return stats_; }

    // For drawing: the drum's rotation (rad) and where it stands.
    double drum_angle_rad() const { return drum_angle_; }
    glm::vec2 position_mm() const { return pos_; }
    const RollerSpec& spec() const { return spec_; }

private:
    RollerSpec spec_;
    std::vector<NeedleMount> mounts_;
    NeedleDepthModel depth_;
    StrokeStats stats_;
    glm::vec2 pos_{0};
    double time_s_ = 0;
    double drum_angle_ = 0;      // kept across lifts: a lifted drum does not turn
    bool heading_fixed_ = false;
    bool heading_known_ = false;
};

}  // namespace dermasim
