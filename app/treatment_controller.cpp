#include "app/treatment_controller.hpp"

#include <cmath>

#include "engine/tools/pen_kinematics.hpp"
#include "engine/tools/roller_kinematics.hpp"

namespace dermasim::app {

TreatmentController::TreatmentController(const RegionProfile& region, RollerSpec roller, PenSpec pen)
    : region_(region), roller_(std::move(roller)), pen_(std::move(pen)) {
    needle_mm_ = roller_.needle.length_mm;
    rebuild_kinematics();
}

void TreatmentController::rebuild_kinematics() {
    RollerSpec roller = roller_;
    roller.needle.length_mm = needle_mm_;
    PenSpec pen = pen_;
    pen.depth_setting_mm = needle_mm_;
    pen.needle.length_mm = needle_mm_;
    if (device_ == DeviceKind::Roller) kinematics_ = std::make_unique<RollerKinematics>(roller, region_);
    else kinematics_ = std::make_unique<PenKinematics>(pen, region_);
    recording_.device = device_;
    recording_.needle_mm = needle_mm_;
    recording_.pressure = pressure_;
}

void TreatmentController::set_region(const RegionProfile& region) {
    region_ = region;
    clear();
}

void TreatmentController::set_device(DeviceKind kind) {
    if (kind == device_) return;
    device_ = kind;
    clear();
}

void TreatmentController::set_needle_mm(float mm) {
    if (mm == needle_mm_) return;
    needle_mm_ = mm;
    clear();  // one needle length per recorded session, as a stroke script holds
}

void TreatmentController::clear() {
    lift();
    punctures_ = std::make_shared<PunctureList>();
    ++version_;
    recording_.strokes.clear();
    passes_ = 0;
    stats_ = {};
    t0_ = -1;
    rebuild_kinematics();
}

void TreatmentController::replay(const StrokeScript& script) {
    device_ = script.device;
    needle_mm_ = script.needle_mm;
    clear();
    for (const Stroke& stroke : script.strokes) {
        const StrokePoint& first = stroke.points.front();
        pressure_ = first.pressure;
        put_down(first.pos_mm, first.t_s);
        for (size_t i = 1; i < stroke.points.size(); ++i) {
            pressure_ = stroke.points[i].pressure;
            move(stroke.points[i].pos_mm, stroke.points[i].t_s);
        }
        lift();
    }
    pressure_ = script.pressure;
    hide();
}

void TreatmentController::put_down(glm::vec2 pos_mm, double t) {
    if (t0_ < 0) t0_ = t;
    kinematics_->begin_pass(pos_mm, t - t0_);
    recording_.strokes.push_back({{{t - t0_, pos_mm, pressure_}}});
    ++passes_;
    stats_ = kinematics_->stats();
}

void TreatmentController::move(glm::vec2 pos_mm, double t) {
    if (!down()) return;
    double local = t - t0_;
    auto& points = recording_.strokes.back().points;
    if (local <= points.back().t_s) return;  // scripts need increasing time
    PunctureList made = kinematics_->move_to(pos_mm, local, pressure_);
    points.push_back({local, pos_mm, pressure_});
    if (!made.empty()) {
        auto next = std::make_shared<PunctureList>(*punctures_);
        next->insert(next->end(), made.begin(), made.end());
        punctures_ = std::move(next);  // the renderer may still hold the old list: never mutate a shared one
        ++version_;
    }
    stats_ = kinematics_->stats();
    hover_ = pos_mm;
}

void TreatmentController::lift() {
    if (kinematics_ && kinematics_->stats().down) kinematics_->lift();
    if (kinematics_) stats_ = kinematics_->stats();
    // A stroke of a single point taught nothing and is not a valid script stroke.
    if (!recording_.strokes.empty() && recording_.strokes.back().points.size() < 2) recording_.strokes.pop_back();
}

float TreatmentController::expected_depth_mm() const {
    NeedleSpec needle = device_ == DeviceKind::Roller ? roller_.needle : pen_.needle;
    needle.length_mm = needle_mm_;
    return NeedleDepthModel(needle, region_).mean_depth_mm(pressure_);
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
    return pose;
}

}  // namespace dermasim::app
