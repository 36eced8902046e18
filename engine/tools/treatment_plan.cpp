#include "engine/tools/treatment_plan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <glm/geometric.hpp>
#include "engine/core/error.hpp"

namespace dermasim {

float swath_width_mm(DeviceKind device, const RollerSpec& roller, const PenSpec& pen) {
    if (device == DeviceKind::Roller) return roller.drum_width_mm;
    // The needle rows of the pen's lattice: ceil(sqrt(n)) columns one pitch apart.
    return float(std::ceil(std::sqrt(double(pen.needle_count)))) * pen.needle_spacing_mm;
}

namespace {

// Along-travel extent of the part of the square inside the band  band_lo <= dot(p - c, n) <= band_hi.
bool band_extent(const TreatedArea& area, glm::vec2 d, glm::vec2 n, float band_lo, float band_hi, float& a_min,
                 float& a_max) {
    const glm::vec2 c = area.centre_mm();
    const std::array<glm::vec2, 4> corners = {area.min_mm, glm::vec2(area.max_mm.x, area.min_mm.y), area.max_mm,
                                              glm::vec2(area.min_mm.x, area.max_mm.y)};
    a_min = INFINITY;
    a_max = -INFINITY;
    auto take = [&](glm::vec2 p) {
        const float a = glm::dot(p - c, d);
        a_min = std::min(a_min, a);
        a_max = std::max(a_max, a);
    };
    for (int e = 0; e < 4; ++e) {
        const glm::vec2 p0 = corners[e], p1 = corners[(e + 1) % 4];
        const float q0 = glm::dot(p0 - c, n), q1 = glm::dot(p1 - c, n);
        // Clip the edge p0 + u (p1 - p0), u in [0,1], to the band.
        float u0 = 0, u1 = 1;
        if (std::abs(q1 - q0) < 1e-9f) {
            if (q0 < band_lo || q0 > band_hi) continue;
        } else {
            float ua = (band_lo - q0) / (q1 - q0), ub = (band_hi - q0) / (q1 - q0);
            if (ua > ub) std::swap(ua, ub);
            u0 = std::max(u0, ua);
            u1 = std::min(u1, ub);
            if (u0 > u1) continue;
        }
        take(p0 + u0 * (p1 - p0));
        take(p0 + u1 * (p1 - p0));
    }
    return a_min < a_max;
}

}  // namespace

StrokeScript make_treatment_plan(const TreatmentPlanOptions& o, const RollerSpec& roller, const PenSpec& pen) {
    if (o.passes < 1 || o.passes > kMaxPasses)
        throw Error("treatment plan: passes = " + std::to_string(o.passes) + " must be a whole number from 1 to " +
                    std::to_string(kMaxPasses));
    const glm::vec2 size = o.area.size_mm();
    if (!(size.x > 0) || !(size.y > 0) || o.area.min_mm.x < 0 || o.area.min_mm.y < 0 ||
        o.area.max_mm.x > kPatchSizeMm || o.area.max_mm.y > kPatchSizeMm)
        throw Error("treatment plan: the treated area must be a non-empty rectangle on the patch");
    const float speed = o.speed_mm_s > 0 ? o.speed_mm_s : (o.device == DeviceKind::Roller ? kRollerSpeedMmS : kPenSpeedMmS);
    if (!std::isfinite(speed) || speed > 1000) throw Error("treatment plan: speed_mm_s must be 0..1000 mm/s");

    StrokeScript script;
    script.device = o.device;
    script.needle_mm = o.needle_mm;
    script.pressure = o.pressure;
    const float swath = swath_width_mm(o.device, roller, pen);
    const float r = 1.0f / std::sqrt(2.0f);
    const std::array<glm::vec2, 4> directions = {glm::vec2(1, 0), glm::vec2(0, 1), glm::vec2(r, r), glm::vec2(-r, r)};
    const glm::vec2 c = o.area.centre_mm();
    // A hand never retraces the same lines: each repeat of a direction is shifted sideways by a fraction of the
    // needle-row pitch (golden-ratio steps, so repeats never coincide). Without it 16 passes put every channel
    // on the same 24 lines.
    const float pitch = o.device == DeviceKind::Roller ? roller.drum_width_mm / float(roller.rings) : pen.needle_spacing_mm;
    double t = 0;
    for (int pass = 0; pass < o.passes; ++pass) {
        const glm::vec2 d = directions[pass % 4];
        const glm::vec2 n{-d.y, d.x};
        const float repeat_shift = (std::fmod(0.618034f * float(pass / 4), 1.0f) - 0.5f) * pitch;
        // Half the area's extent across the travel, then just enough strokes to tile it.
        const float half_extent = 0.5f * (size.x * std::abs(n.x) + size.y * std::abs(n.y));
        const int strokes = std::max(1, int(std::ceil(2.0f * half_extent / swath - 1e-4f)));
        for (int s = 0; s < strokes; ++s) {
            const float offset = (float(s) - 0.5f * float(strokes - 1)) * swath + repeat_shift;
            float a0, a1;
            if (!band_extent(o.area, d, n, offset - 0.5f * swath, offset + 0.5f * swath, a0, a1)) continue;
            Stroke stroke;
            const glm::vec2 base = c + n * offset;
            const double duration = double(a1 - a0) / speed;
            stroke.points.push_back({t, base + d * a0, o.pressure});
            stroke.points.push_back({t + duration, base + d * a1, o.pressure});
            script.strokes.push_back(std::move(stroke));
            t += duration + kLiftSeconds;
        }
    }
    validate_stroke_script(script, "treatment plan");
    return script;
}

}  // namespace dermasim
