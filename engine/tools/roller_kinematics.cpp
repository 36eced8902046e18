#include "engine/tools/roller_kinematics.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <glm/geometric.hpp>
#include "engine/core/error.hpp"
#include "engine/skin/tissue_grid.hpp"
#include "engine/tools/device_limits.hpp"

namespace dermasim {

bool on_patch(glm::vec2 p) { return p.x >= 0 && p.y >= 0 && p.x <= kPatchSizeMm && p.y <= kPatchSizeMm; }

float rolling_entry_offset_mm(float drum_radius_mm, float depth_mm) {
    if (depth_mm <= 0) return 0;
    const double r = drum_radius_mm, d = depth_mm;
    const double psi = std::acos(r / (r + d));
    return float((r + d) * std::sin(psi) - r * psi);
}

namespace {
void check_finite(glm::vec2 p, double t, const char* what) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(t))
        throw Error(std::string(what) + ": position or time is not a finite number");
}
}  // namespace

RollerKinematics::RollerKinematics(const RollerSpec& spec, const RegionProfile& region)
    : spec_(spec), mounts_(spec.needle_mounts()), depth_(DeviceKind::Roller, spec.needle, region) {}

void RollerKinematics::begin_pass(glm::vec2 pos_mm, double time_s, std::optional<glm::vec2> heading) {
    check_finite(pos_mm, time_s, "roller begin_pass");
    if (heading) {
        const float len = glm::length(*heading);
        if (!std::isfinite(len) || len <= 0) throw Error("roller begin_pass: heading must be a non-zero direction");
        stats_.direction = *heading / len;
    }
    heading_fixed_ = heading.has_value();
    heading_known_ = heading_fixed_;
    pos_ = pos_mm;
    time_s_ = time_s;
    stats_.down = true;
    stats_.passes += 1;
    stats_.speed_mm_s = 0;
}

void RollerKinematics::lift() { stats_.down = false; }

PunctureList RollerKinematics::move_to(glm::vec2 pos_mm, double time_s, float pressure) {
    check_finite(pos_mm, time_s, "roller move_to");
    check_pressure(pressure, "roller move_to", "pressure");
    if (time_s < time_s_) throw Error("roller move_to: time " + std::to_string(time_s) + " s is before the previous update");
    PunctureList out;
    const glm::vec2 delta = pos_mm - pos_;
    const float len = glm::length(delta);
    const double dt = time_s - time_s_;
    if (!stats_.down || len <= 1e-6f) {
        pos_ = pos_mm;
        time_s_ = time_s;
        return out;
    }
    if (!heading_fixed_) {
        // The drum axis stays perpendicular to the travel; moving backwards keeps the heading and rolls back.
        glm::vec2 dir = delta / len;
        if (heading_known_ && glm::dot(dir, stats_.direction) < 0) dir = -dir;
        stats_.direction = dir;
        heading_known_ = true;
    }
    const glm::vec2 heading = stats_.direction;
    const glm::vec2 axis{-heading.y, heading.x};
    const double radius = 0.5 * spec_.drum_diameter_mm;
    const double s = glm::dot(delta, heading);  // rolled distance, signed
    const double a0 = drum_angle_, a1 = drum_angle_ + s / radius;
    const double two_pi = 2.0 * std::numbers::pi;
    const glm::vec2 motion = s >= 0 ? heading : -heading;

    if (pressure > 0 && a1 != a0) {
        for (std::size_t n = 0; n < mounts_.size(); ++n) {
            const double th = mounts_[n].angle_rad;
            // Contact crossings a + th = 2 pi k inside (a0, a1] going forward, [a1, a0) going back.
            long k_first, k_last;
            if (a1 > a0) {
                k_first = long(std::floor((th + a0) / two_pi)) + 1;
                k_last = long(std::floor((th + a1) / two_pi));
            } else {
                k_first = long(std::ceil((th + a1) / two_pi));
                k_last = long(std::ceil((th + a0) / two_pi)) - 1;
            }
            for (long k = k_first; k <= k_last; ++k) {
                const double frac = (two_pi * double(k) - th - a0) / (a1 - a0);
                const double t = time_s_ + frac * dt;
                const glm::vec2 contact = pos_ + float(frac) * delta + axis * mounts_[n].axial_mm;
                const ChannelShape ch = depth_.channel(pressure, std::uint32_t(n), t);
                if (ch.depth_mm <= 0) continue;
                const float ahead = rolling_entry_offset_mm(float(radius), ch.depth_mm);
                Puncture p;
                p.surface_mm = contact + motion * ahead;
                p.depth_mm = ch.depth_mm;
                p.radius_mm = ch.radius_mm;
                p.tilt = -motion * (ahead / ch.depth_mm);
                p.time_s = t;
                p.needle = std::uint32_t(n);
                if (on_patch(p.surface_mm)) out.push_back(p);
            }
        }
        std::stable_sort(out.begin(), out.end(), [](const Puncture& a, const Puncture& b) {
            return a.time_s != b.time_s ? a.time_s < b.time_s : a.needle < b.needle;
        });
    }
    drum_angle_ = a1;
    stats_.distance_mm += len;
    if (dt > 0) stats_.speed_mm_s = len / dt;
    stats_.punctures += out.size();
    pos_ = pos_mm;
    time_s_ = time_s;
    return out;
}

}  // namespace dermasim
