#pragma once
// The trainee's hands: device motion on the skin in, punctures out, every input sample recorded in the
// stroke-script form a session keeps. Times are session seconds (0 = the session's first put-down), given by
// the caller from the app's one clock, so live input and a replay of its recording run the same code with the
// same numbers and make the same punctures, bit for bit.
#include <cstdint>
#include <memory>
#include <optional>

#include "engine/render/skin_view.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/device_spec.hpp"
#include "engine/tools/kinematics.hpp"
#include "engine/tools/needle_depth.hpp"
#include "engine/tools/stroke_script.hpp"

namespace dermasim::app {

class TreatmentController {
public:
    TreatmentController(const RegionProfile& region, RollerSpec roller, PenSpec pen);

    // Settings. Region, device and needle belong to the whole recording, so changing them clears it (the mode
    // asks first); pressure is recorded per sample.
    void set_region(const RegionProfile& region);
    void set_device(DeviceKind kind);
    void set_needle_mm(float mm);
    void set_pressure(float p) { pressure_ = p; }
    const RegionProfile& region() const { return region_; }
    DeviceKind device() const { return device_; }
    float needle_mm() const { return needle_mm_; }
    float pressure() const { return pressure_; }

    // Input in patch millimetres and session seconds (increasing).
    void put_down(glm::vec2 pos_mm, double t_s);
    void move(glm::vec2 pos_mm, double t_s);
    void lift();
    bool down() const { return kinematics_ && kinematics_->stats().down; }
    void hover(glm::vec2 pos_mm) { hover_ = pos_mm; }  // the device over pos without touching (for drawing)
    void hide() { hover_ = glm::vec2(-1.0f); }          // the cursor left the skin: draw no device

    void clear();
    // Takes back the last pass: the recording without it is run again, so the punctures are exactly those
    // the remaining passes made.
    void undo_last_pass();
    // Replaces everything with a recording, run at once (device, needle and pressures from it).
    void load(const StrokeScript& script);

    const StrokeStats& stats() const { return stats_; }
    int passes() const { return int(recording_.strokes.size()); }
    std::shared_ptr<const PunctureList> punctures() const { return punctures_; }
    uint64_t punctures_version() const { return punctures_version_; }
    size_t last_pass_first_puncture() const { return last_pass_first_; }  // the last pass made punctures from here
    const StrokeScript& recording() const { return recording_; }
    // Bumped by every change to the recording (a sample, a lift, a clear, an undo): what autosave watches.
    uint64_t revision() const { return revision_; }
    double last_time_s() const;  // the last recorded sample's time (0 when empty)
    float expected_depth_mm() const;  // mean channel depth at the current pressure

    std::optional<DevicePose> pose() const;

private:
    void rebuild_kinematics();
    void set_punctures(std::shared_ptr<PunctureList> list);

    RegionProfile region_;
    RollerSpec roller_;
    PenSpec pen_;
    DeviceKind device_ = DeviceKind::Roller;
    float needle_mm_ = 0.5f;
    float pressure_ = 0.5f;
    std::unique_ptr<DeviceKinematics> kinematics_;
    StrokeStats stats_;
    glm::vec2 hover_{-1.0f};
    std::shared_ptr<PunctureList> punctures_ = std::make_shared<PunctureList>();
    uint64_t punctures_version_ = 1;
    uint64_t revision_ = 0;
    size_t last_pass_first_ = 0;
    StrokeScript recording_;
};

}  // namespace dermasim::app
