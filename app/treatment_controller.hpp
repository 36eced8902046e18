#pragma once
// The trainee's hands in the window: turns mouse/keyboard/gamepad input into device motion on the skin, keeps the
// punctures it makes and records the strokes in the stroke-script format (so a session can be saved and replayed).
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

    // Settings (take effect at the next put-down; changing the device or needle clears nothing).
    void set_region(const RegionProfile& region);
    void set_device(DeviceKind kind);
    void set_needle_mm(float mm);
    void set_pressure(float p) { pressure_ = p; }
    DeviceKind device() const { return device_; }
    float needle_mm() const { return needle_mm_; }
    float pressure() const { return pressure_; }

    // Input, in patch millimetres and seconds since the window opened.
    void put_down(glm::vec2 pos_mm, double t);
    void move(glm::vec2 pos_mm, double t);
    void lift();
    bool down() const { return kinematics_ && kinematics_->stats().down; }
    // The device hovering at pos without touching (for drawing).
    void hover(glm::vec2 pos_mm) { hover_ = pos_mm; }
    void hide() { hover_ = glm::vec2(-1.0f); }  // the cursor left the skin: draw no device

    void clear();
    // Replays a recorded stroke script at once (device and needle from the script).
    void replay(const StrokeScript& script);
    const StrokeStats& stats() const { return stats_; }
    int passes() const { return passes_; }
    std::shared_ptr<const PunctureList> punctures() const { return punctures_; }
    uint64_t punctures_version() const { return version_; }
    const StrokeScript& recording() const { return recording_; }
    float expected_depth_mm() const;  // mean channel depth at the current pressure

    std::optional<DevicePose> pose() const;

private:
    void rebuild_kinematics();
    RegionProfile region_;
    RollerSpec roller_;
    PenSpec pen_;
    DeviceKind device_ = DeviceKind::Roller;
    float needle_mm_ = 0.5f;
    float pressure_ = 0.5f;
    std::unique_ptr<DeviceKinematics> kinematics_;
    StrokeStats stats_;
    int passes_ = 0;
    glm::vec2 hover_{-1.0f};
    std::shared_ptr<PunctureList> punctures_ = std::make_shared<PunctureList>();
    uint64_t version_ = 1;
    StrokeScript recording_;
    double t0_ = -1;  // recordings start at t = 0
};

}  // namespace dermasim::app
