#include "engine/training/feedback.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <glm/geometric.hpp>

#include "engine/tools/treatment_plan.hpp"

namespace dermasim {

CoverageGrid coverage_grid(const PunctureList& punctures, const TreatedArea& area, const Range& target, float cell_mm) {
    CoverageGrid g;
    g.area = area;
    g.target = target;
    g.cols = std::max(1, int(std::round(area.size_mm().x / cell_mm)));
    g.rows = std::max(1, int(std::round(area.size_mm().y / cell_mm)));
    g.cell_mm = area.size_mm().x / g.cols;
    std::vector<int> counts(size_t(g.cols) * g.rows, 0);
    for (const Puncture& p : punctures) {
        if (!area.contains(p.surface_mm)) continue;
        const glm::vec2 u = (p.surface_mm - area.min_mm) / area.size_mm();
        const int i = std::min(g.cols - 1, int(u.x * g.cols)), j = std::min(g.rows - 1, int(u.y * g.rows));
        ++counts[size_t(j) * g.cols + i];
    }
    const double cell_cm2 = double(area.size_mm().x / g.cols) * (area.size_mm().y / g.rows) / 100.0;
    double sum = 0, sum2 = 0;
    for (int c : counts) {
        const double d = c / cell_cm2;
        g.per_cm2.push_back(d);
        sum += d;
        sum2 += d * d;
        g.max = std::max(g.max, d);
        g.gap_share += d < 0.5 * target.min;
        g.over_share += d > 2.0 * target.max;
    }
    const double n = double(counts.size());
    g.mean = sum / n;
    g.cv = g.mean > 0 ? std::sqrt(std::max(0.0, sum2 / n - g.mean * g.mean)) / g.mean : 0;
    g.gap_share /= n;
    g.over_share /= n;
    return g;
}

std::optional<PassDirection> pass_direction(const Stroke& stroke) {
    if (stroke.points.size() < 2) return std::nullopt;
    const glm::vec2 d = stroke.points.back().pos_mm - stroke.points.front().pos_mm;
    if (glm::length(d) < 2.0f) return std::nullopt;
    double deg = std::atan2(double(d.y), double(d.x)) * 180.0 / M_PI;  // -180..180
    if (deg < 0) deg += 180.0;                                          // a line: either way along it
    const int bin = int(std::floor((deg + 22.5) / 45.0)) % 4;           // 0 horizontal, 1 diagonal, 2 vertical, 3 anti
    static constexpr PassDirection kBins[] = {PassDirection::Horizontal, PassDirection::Diagonal,
                                              PassDirection::Vertical, PassDirection::AntiDiagonal};
    return kBins[bin];
}

std::array<int, 4> directions_done(const StrokeScript& script) {
    std::array<int, 4> done{};
    for (const Stroke& s : script.strokes)
        if (auto d = pass_direction(s); d && !dragged_without_lifting(s, script.device))  // a turn: no direction
            ++done[int(*d)];
    return done;
}

RequiredDirections required_directions(const std::array<int, 4>& done) {
    RequiredDirections r;
    r.horizontal = done[int(PassDirection::Horizontal)] > 0;
    r.vertical = done[int(PassDirection::Vertical)] > 0;
    r.diagonal = done[int(PassDirection::Diagonal)] + done[int(PassDirection::AntiDiagonal)] > 0;
    return r;
}

std::string RequiredDirections::missing() const {
    std::vector<std::string> names;
    if (!horizontal) names.push_back("horizontal");
    if (!vertical) names.push_back("vertical");
    if (!diagonal) names.push_back("diagonal");
    std::string text;
    for (size_t i = 0; i < names.size(); ++i)
        text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return text;
}

bool dragged_without_lifting(const Stroke& stroke, DeviceKind device) {
    if (device != DeviceKind::Roller) return false;
    // Resample the path every 2 mm (hand tremor below that is not a turn), then look for a turn of more than
    // 60 degrees between consecutive pieces (estimated: a gentle curve stays under it, a back-and-forth does not).
    constexpr float kStepMm = 2.0f, kMaxTurnCos = 0.5f;
    std::vector<glm::vec2> pieces;
    glm::vec2 from = stroke.points.empty() ? glm::vec2(0) : stroke.points.front().pos_mm;
    for (const StrokePoint& p : stroke.points) {
        if (glm::length(p.pos_mm - from) < kStepMm) continue;
        pieces.push_back(glm::normalize(p.pos_mm - from));
        from = p.pos_mm;
    }
    for (size_t i = 1; i < pieces.size(); ++i)
        if (glm::dot(pieces[i - 1], pieces[i]) < kMaxTurnCos) return true;
    return false;
}

PressureSummary pressure_summary(const StrokeScript& script, double pressure_max) {
    PressureSummary s;
    double sum = 0, sum2 = 0;
    for (const Stroke& stroke : script.strokes)
        for (const StrokePoint& p : stroke.points) {
            sum += p.pressure;
            sum2 += double(p.pressure) * p.pressure;
            s.heavy_share += p.pressure > pressure_max;
            ++s.samples;
        }
    if (s.samples == 0) return s;
    s.mean = sum / s.samples;
    s.sd = std::sqrt(std::max(0.0, sum2 / s.samples - s.mean * s.mean));
    s.heavy_share /= s.samples;
    return s;
}

double recent_speed_mm_s(const Stroke& stroke) {
    if (stroke.points.size() < 2) return 0;
    const StrokePoint& last = stroke.points.back();
    size_t i = stroke.points.size() - 1;
    while (i > 0 && last.t_s - stroke.points[i - 1].t_s <= 0.5) --i;
    if (i == stroke.points.size() - 1) i = stroke.points.size() - 2;
    const StrokePoint& first = stroke.points[i];
    const double dt = last.t_s - first.t_s;
    return dt > 0 ? glm::length(last.pos_mm - first.pos_mm) / dt : 0;
}

Range good_speed_mm_s(DeviceKind device) {
    const double calm = device == DeviceKind::Roller ? kRollerSpeedMmS : kPenSpeedMmS;
    return {0.5 * calm, 2.0 * calm};
}

std::vector<TrainingWarning> training_warnings(const Lesson& lesson, const StrokeScript& script,
                                               const CoverageGrid& grid, float pressure_now, bool finished) {
    std::vector<TrainingWarning> out;
    char line[256];
    const Protocol& p = lesson.protocol;
    if (script.needle_mm > p.needle_mm.max) {
        std::snprintf(line, sizeof line, "Needle too long for the %s: %.2f mm, this lesson's range is %.2f-%.2f mm. "
                      "Choose a shorter one.", lesson.client.region.c_str(), script.needle_mm, p.needle_mm.min,
                      p.needle_mm.max);
        out.push_back({"needle_too_long", line});
    }
    if (p.thin_skin_over_bone && !finished && pressure_now > p.pressure_max) {
        std::snprintf(line, sizeof line, "Heavy pressure (%.2f, keep under %.2f) over thin skin on bone: tram-track "
                      "scar risk. Ease off.", pressure_now, p.pressure_max);
        out.push_back({"heavy_pressure_on_bone", line});
    }
    // Once finished, judged as the score judges it: the share of the passes' samples above the limit.
    const double heavy = finished ? pressure_summary(script, p.pressure_max).heavy_share : 0.0;
    if (p.thin_skin_over_bone && heavy > kHeavyPressureShare) {
        std::snprintf(line, sizeof line, "Heavy pressure (over %.2f) for %.0f %% of the passes over thin skin on bone: "
                      "tram-track scar risk. Keep it light.", p.pressure_max, 100.0 * heavy);
        out.push_back({"heavy_pressure_on_bone", line});
    }
    for (size_t i = 0; i < script.strokes.size(); ++i)
        if (dragged_without_lifting(script.strokes[i], script.device)) {
            std::snprintf(line, sizeof line, "Pass %zu turned on the skin: the roller was dragged without lifting. "
                          "Lift it to change direction.", i + 1);
            out.push_back({"dragged_without_lifting", line});
            break;
        }
    if (grid.over_share > 0) {
        int worst = int(std::max_element(grid.per_cm2.begin(), grid.per_cm2.end()) - grid.per_cm2.begin());
        const glm::vec2 at = grid.area.min_mm + (glm::vec2(worst % grid.cols, worst / grid.cols) + 0.5f) * grid.cell_mm;
        std::snprintf(line, sizeof line, "Over-treated zone near (%.0f, %.0f) mm: %.0f punctures/cm2, more than "
                      "twice the %.0f aimed for. Move on.", at.x, at.y, grid.max, grid.target.max);
        out.push_back({"over_treated", line});
    }
    if (finished && grid.mean < grid.target.min) {
        std::snprintf(line, sizeof line, "Too sparse: %.0f punctures/cm2 where %.0f-%.0f are aimed for. Add passes.",
                      grid.mean, grid.target.min, grid.target.max);
        out.push_back({"too_sparse", line});
    }
    return out;
}

}  // namespace dermasim
