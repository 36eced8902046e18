#include "engine/tools/pen_kinematics.hpp"

#include <cmath>
#include <glm/geometric.hpp>
#include "engine/core/error.hpp"
#include "engine/tools/device_limits.hpp"

namespace dermasim {

PenKinematics::PenKinematics(const PenSpec& spec, const RegionProfile& region)
    : spec_(spec), mounts_(spec.needle_mounts()), depth_(DeviceKind::Pen, [&] {
          NeedleSpec n = spec.needle;
          n.length_mm = spec.depth_setting_mm;  // the depth setting is how far the needles protrude
          return n;
      }(), region) {
    if (!(spec_.stamp_hz > 0)) throw Error("pen: stamp_hz must be positive");
}

void PenKinematics::begin_pass(glm::vec2 pos_mm, double time_s, std::optional<glm::vec2> heading) {
    if (!std::isfinite(pos_mm.x) || !std::isfinite(pos_mm.y) || !std::isfinite(time_s))
        throw Error("pen begin_pass: position or time is not a finite number");
    if (heading && glm::length(*heading) > 0) stats_.direction = glm::normalize(*heading);
    pos_ = pos_mm;
    time_s_ = time_s;
    pass_start_s_ = time_s;
    next_stamp_ = 1;
    stats_.down = true;
    stats_.passes += 1;
    stats_.speed_mm_s = 0;
}

void PenKinematics::lift() { stats_.down = false; }

PunctureList PenKinematics::move_to(glm::vec2 pos_mm, double time_s, float pressure) {
    if (!std::isfinite(pos_mm.x) || !std::isfinite(pos_mm.y) || !std::isfinite(time_s))
        throw Error("pen move_to: position or time is not a finite number");
    check_pressure(pressure, "pen move_to", "pressure");
    if (time_s < time_s_) throw Error("pen move_to: time " + std::to_string(time_s) + " s is before the previous update");
    PunctureList out;
    const glm::vec2 delta = pos_mm - pos_;
    const float len = glm::length(delta);
    const double dt = time_s - time_s_;
    if (stats_.down) {
        // Stamp times are computed from the pass start (not accumulated) so long passes do not drift.
        for (;; ++next_stamp_) {
            const double t = pass_start_s_ + double(next_stamp_) / spec_.stamp_hz;
            if (t > time_s) break;
            const double frac = dt > 0 ? (t - time_s_) / dt : 1.0;
            const glm::vec2 centre = pos_ + float(frac) * delta;
            if (pressure <= 0) continue;
            for (std::size_t n = 0; n < mounts_.size(); ++n) {
                const ChannelShape ch = depth_.channel(pressure, std::uint32_t(n), t);
                if (ch.depth_mm <= 0) continue;
                Puncture p;
                p.surface_mm = centre + glm::vec2(mounts_[n].axial_mm, mounts_[n].lateral_mm);
                p.depth_mm = ch.depth_mm;
                p.radius_mm = ch.radius_mm;
                p.tilt = glm::vec2(0);  // pen needles enter perpendicular to the surface
                p.time_s = t;
                p.needle = std::uint32_t(n);
                if (on_patch(p.surface_mm)) out.push_back(p);
            }
        }
        stats_.distance_mm += len;
        if (dt > 0) stats_.speed_mm_s = len / dt;
        if (len > 1e-6f) stats_.direction = delta / len;
        stats_.punctures += out.size();
    }
    pos_ = pos_mm;
    time_s_ = time_s;
    return out;
}

}  // namespace dermasim
