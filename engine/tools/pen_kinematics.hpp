#pragma once
// A motorised pen: while it is down its whole cartridge stamps straight into the skin stamp_hz times a second
// (the first stamp one period after touching down), wherever the pen is at that instant -- positions between
// two updates are interpolated along the path. The cartridge keeps its orientation on the patch.
#include <vector>
#include "engine/tools/device_spec.hpp"
#include "engine/tools/kinematics.hpp"
#include "engine/tools/needle_depth.hpp"

namespace dermasim {

class PenKinematics final : public DeviceKinematics {
public:
    PenKinematics(const PenSpec& spec, const RegionProfile& region);

    void begin_pass(glm::vec2 pos_mm, double time_s, std::optional<glm::vec2> heading = std::nullopt) override;
    PunctureList move_to(glm::vec2 pos_mm, double time_s, float pressure) override;
    void lift() override;
    const StrokeStats& stats() const override { return stats_; }

    glm::vec2 position_mm() const { return pos_; }
    const PenSpec& spec() const { return spec_; }

private:
    PenSpec spec_;
    std::vector<NeedleMount> mounts_;
    NeedleDepthModel depth_;
    StrokeStats stats_;
    glm::vec2 pos_{0};
    double time_s_ = 0;
    double pass_start_s_ = 0;
    long next_stamp_ = 1;  // index of the next stamp of this pass
};

}  // namespace dermasim
