#include "app/treatment_controller.hpp"

#include <algorithm>
#include <cmath>

#include "engine/tools/device_limits.hpp"
#include "engine/tools/pen_kinematics.hpp"
#include "engine/tools/roller_kinematics.hpp"

namespace dermasim::app {

TreatmentController::TreatmentController(const RegionProfile& region, RollerSpec roller, PenSpec pen)
    : region_(region), roller_(std::move(roller)), pen_(std::move(pen)) {
    needle_mm_ = roller_.needle.length_mm;
    rebuild_kinematics();
}

void TreatmentController::rebuild_kinematics() {
    recording_.device = device_;
    recording_.needle_mm = needle_mm_;
    recording_.pressure = pressure_;
    if (device_ == DeviceKind::Roller) kinematics_ = std::make_unique<RollerKinematics>(roller_for(recording_, roller_), region_);
    else kinematics_ = std::make_unique<PenKinematics>(pen_for(recording_, pen_), region_);
    stats_ = kinematics_->stats();
}

void TreatmentController::set_punctures(std::shared_ptr<PunctureList> list) {
    punctures_ = std::move(list);  // the renderer may still hold the old list: never mutate a shared one
    ++punctures_version_;
}

void TreatmentController::set_region(const RegionProfile& region) {
    region_ = region;
    clear();
}

void TreatmentController::set_device(DeviceKind kind) {
    if (kind == device_) return;
    device_ = kind;
    // Keep the setting valid for the new device: rollers have no 0 mm needle, pens set depth in 0.25 mm steps.
    if (kind == DeviceKind::Roller) needle_mm_ = std::clamp(needle_mm_, 0.25f, kRollerNeedleMaxMm);
    else needle_mm_ = std::clamp(std::round(needle_mm_ / kPenDepthStepMm) * kPenDepthStepMm, 0.0f, kPenDepthMaxMm);
    clear();
}

void TreatmentController::set_needle_mm(float mm) {
    if (mm == needle_mm_) return;
    needle_mm_ = mm;
    clear();
}

void TreatmentController::clear() {
    recording_.strokes.clear();
    last_pass_first_ = 0;
    set_punctures(std::make_shared<PunctureList>());
    rebuild_kinematics();
    ++revision_;
}

void TreatmentController::load(const StrokeScript& script) {
    validate_stroke_script(script, "recording", /*allow_empty=*/true);
    device_ = script.device;
    needle_mm_ = script.needle_mm;
    const float pressure = script.pressure;
    clear();
    for (const Stroke& stroke : script.strokes) {
        pressure_ = stroke.points.front().pressure;
        put_down(stroke.points.front().pos_mm, stroke.points.front().t_s);
        for (size_t i = 1; i < stroke.points.size(); ++i) {
            pressure_ = stroke.points[i].pressure;
            move(stroke.points[i].pos_mm, stroke.points[i].t_s);
        }
        lift();
    }
    pressure_ = pressure;
    recording_.pressure = pressure;
    hide();
}

void TreatmentController::undo_last_pass() {
    lift();
    if (recording_.strokes.empty()) return;
    StrokeScript rest = recording_;
    rest.strokes.pop_back();
    const float pressure = pressure_;
    load(rest);
    pressure_ = pressure;
}

double TreatmentController::last_time_s() const {
    return recording_.strokes.empty() ? 0.0 : recording_.strokes.back().points.back().t_s;
}

void TreatmentController::put_down(glm::vec2 pos_mm, double t_s) {
    if (down()) lift();
    if (t_s < last_time_s()) t_s = last_time_s();  // a stroke never starts before the previous one ended
    kinematics_->begin_pass(pos_mm, t_s);
    last_pass_first_ = punctures_->size();
    recording_.strokes.push_back({{{t_s, pos_mm, pressure_}}});
    stats_ = kinematics_->stats();
    hover_ = pos_mm;
    ++revision_;
}

void TreatmentController::move(glm::vec2 pos_mm, double t_s) {
    if (!down()) return;
    auto& points = recording_.strokes.back().points;
    if (!(t_s > points.back().t_s)) return;  // scripts need increasing time
    PunctureList made = kinematics_->move_to(pos_mm, t_s, pressure_);
    points.push_back({t_s, pos_mm, pressure_});
    if (!made.empty()) {
        // Never mutate a list someone else holds (the renderer's last frame): copy it then. A list held by no one
        // else grows in place, so a long pass replayed without frames costs its punctures once, not squared.
        if (punctures_.use_count() > 1) punctures_ = std::make_shared<PunctureList>(*punctures_);
        punctures_->insert(punctures_->end(), made.begin(), made.end());
        ++punctures_version_;
    }
    stats_ = kinematics_->stats();
    hover_ = pos_mm;
    ++revision_;
}

void TreatmentController::lift() {
    if (!down()) return;
    kinematics_->lift();
    stats_ = kinematics_->stats();
    // A stroke of a single point made nothing and is not a valid script stroke.
    if (recording_.strokes.back().points.size() < 2) recording_.strokes.pop_back();
    ++revision_;
}

float TreatmentController::expected_depth_mm() const {
    NeedleSpec needle = device_ == DeviceKind::Roller ? roller_.needle : pen_.needle;
    needle.length_mm = needle_mm_;
    return NeedleDepthModel(device_, needle, region_).mean_depth_mm(pressure_);
}

std::optional<DevicePose> TreatmentController::pose() const {
    if (hover_.x < 0) return std::nullopt;
    DevicePose pose;
    pose.kind = device_ == DeviceKind::Roller ? DevicePose::Roller : DevicePose::Pen;
    pose.position_mm = glm::vec3(hover_.x - 0.5f * kPatchSizeMm, 0.0f, hover_.y - 0.5f * kPatchSizeMm);
    glm::vec2 d = stats_.direction;
    pose.heading_rad = std::atan2(d.x, d.y);  // heading 0 rolls along +z (patch +y)
    if (auto* roller = dynamic_cast<const RollerKinematics*>(kinematics_.get()))
        pose.drum_angle_rad = float(roller->drum_angle_rad());
    pose.lift_mm = down() ? 0.0f : 1.5f;
    pose.ghost = true;  // treating: the skin under the device must stay visible
    return pose;
}

}  // namespace dermasim::app
