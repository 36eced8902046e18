#include "engine/tools/stroke_script.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <memory>
#include <nlohmann/json.hpp>
#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/skin/tissue_grid.hpp"
#include "engine/tools/device_limits.hpp"
#include "engine/tools/json_fields.hpp"
#include "engine/tools/pen_kinematics.hpp"
#include "engine/tools/roller_kinematics.hpp"

namespace dermasim {

using json_fields::format_number;

std::string_view device_key(DeviceKind kind) { return kind == DeviceKind::Pen ? "pen" : "roller"; }

DeviceKind parse_device_kind(std::string_view key, const std::string& origin) {
    if (key == "roller") return DeviceKind::Roller;
    if (key == "pen") return DeviceKind::Pen;
    throw Error(origin + ": unknown device '" + std::string(key) + "' (known: roller, pen)");
}

namespace {

std::string where(const std::string& origin, std::size_t stroke, std::size_t point) {
    return origin + ": strokes[" + std::to_string(stroke) + "].points[" + std::to_string(point) + "]";
}

}  // namespace

void check_needle_setting(DeviceKind device, double mm, const std::string& origin) {
    if (device == DeviceKind::Roller) check_roller_needle_length(mm, origin, "needle_mm");
    else check_pen_depth(mm, origin, "needle_mm");
}

void validate_stroke_script(const StrokeScript& s, const std::string& origin, bool allow_empty) {
    check_needle_setting(s.device, s.needle_mm, origin);
    check_pressure(s.pressure, origin, "pressure");
    if (s.strokes.empty() && !allow_empty) throw Error(origin + ": strokes is empty (a script needs at least one stroke)");
    if (s.strokes.size() > kMaxStrokes)
        throw Error(origin + ": " + std::to_string(s.strokes.size()) + " strokes (at most " +
                    std::to_string(kMaxStrokes) + ")");
    std::size_t points = 0;
    for (const Stroke& stroke : s.strokes) points += stroke.points.size();
    if (points > kMaxStrokePoints)
        throw Error(origin + ": " + std::to_string(points) + " points (at most " + std::to_string(kMaxStrokePoints) +
                    " in all strokes)");
    const float lo = -kStrokeMarginMm, hi = kPatchSizeMm + kStrokeMarginMm;
    double previous_end = -INFINITY;
    for (std::size_t i = 0; i < s.strokes.size(); ++i) {
        const auto& pts = s.strokes[i].points;
        if (pts.empty()) throw Error(origin + ": strokes[" + std::to_string(i) + "] has an empty path (no points)");
        for (std::size_t j = 0; j < pts.size(); ++j) {
            const auto& p = pts[j];
            const std::string at = where(origin, i, j);
            if (!std::isfinite(p.t_s) || !std::isfinite(p.pos_mm.x) || !std::isfinite(p.pos_mm.y))
                throw Error(at + ": time and position must be finite numbers");
            if (p.t_s < 0) throw Error(at + ": time " + format_number(p.t_s) + " s is negative");
            if (p.t_s > kMaxScriptSeconds)
                throw Error(at + ": time " + format_number(p.t_s) + " s is out of range (at most " +
                            format_number(kMaxScriptSeconds) + " s)");
            check_pressure(p.pressure, at, "pressure");
            if (p.pos_mm.x < lo || p.pos_mm.x > hi || p.pos_mm.y < lo || p.pos_mm.y > hi)
                throw Error(at + ": (" + format_number(p.pos_mm.x) + ", " + format_number(p.pos_mm.y) +
                            ") mm is too far off the patch (allowed " + format_number(lo) + ".." + format_number(hi) + " mm)");
            if (j == 0 && p.t_s < previous_end)
                throw Error(at + ": stroke starts at " + format_number(p.t_s) + " s, before the previous stroke ended (" +
                            format_number(previous_end) + " s)");
            if (j > 0 && !(p.t_s > pts[j - 1].t_s))
                throw Error(at + ": time " + format_number(p.t_s) + " s does not increase (previous point " +
                            format_number(pts[j - 1].t_s) + " s)");
        }
        if (const double length_s = pts.back().t_s - pts.front().t_s; length_s > kMaxPassSeconds)
            throw Error(origin + ": strokes[" + std::to_string(i) + "] lasts " + format_number(length_s) +
                        " s (a pass may last at most " + format_number(kMaxPassSeconds) + " s)");
        previous_end = pts.back().t_s;
    }
}

StrokeScript parse_stroke_script(const nlohmann::json& doc, const std::string& origin) {
    json_fields::FieldReader top(doc, origin);
    top.reject_unknown({"device", "needle_mm", "pressure", "strokes", "description"});
    StrokeScript s;
    s.device = parse_device_kind(top.text("device"), origin);
    s.needle_mm = float(top.number("needle_mm", -INFINITY, INFINITY, "mm"));
    check_needle_setting(s.device, s.needle_mm, origin);
    if (top.has("pressure")) s.pressure = float(top.number("pressure", 0, 1, ""));
    s.strokes = parse_strokes(top.raw("strokes"), s.pressure, origin);
    validate_stroke_script(s, origin);
    return s;
}

std::vector<Stroke> parse_strokes(const nlohmann::json& strokes, float default_pressure, const std::string& origin) {
    if (!strokes.is_array()) throw Error(origin + ": strokes is not an array");
    std::vector<Stroke> out;
    for (std::size_t i = 0; i < strokes.size(); ++i) {
        const std::string stroke_at = origin + ": strokes[" + std::to_string(i) + "]";
        const auto& st = strokes[i];
        if (!st.is_object() || !st.contains("points") || !st.at("points").is_array())
            throw Error(stroke_at + " needs a \"points\" array");
        Stroke stroke;
        const auto& pts = st.at("points");
        for (std::size_t j = 0; j < pts.size(); ++j) {
            const auto& p = pts[j];
            const std::string at = where(origin, i, j);
            if (!p.is_array() || p.size() < 3 || p.size() > 4)
                throw Error(at + " must be [t_s, x_mm, y_mm] or [t_s, x_mm, y_mm, pressure]");
            for (const auto& v : p)
                if (!v.is_number()) throw Error(at + " holds a value that is not a number");
            StrokePoint sp;
            sp.t_s = p[0].get<double>();
            sp.pos_mm = {p[1].get<float>(), p[2].get<float>()};
            sp.pressure = p.size() == 4 ? p[3].get<float>() : default_pressure;
            stroke.points.push_back(sp);
        }
        out.push_back(std::move(stroke));
    }
    return out;
}

StrokeScript load_stroke_script(const std::filesystem::path& file) {
    return parse_stroke_script(read_json_file(file), file.filename().string());
}

nlohmann::json to_json(const StrokeScript& s) {
    nlohmann::json strokes = nlohmann::json::array();
    for (const auto& st : s.strokes) {
        nlohmann::json pts = nlohmann::json::array();
        for (const auto& p : st.points) pts.push_back({p.t_s, p.pos_mm.x, p.pos_mm.y, p.pressure});
        strokes.push_back({{"points", std::move(pts)}});
    }
    return {{"device", device_key(s.device)}, {"needle_mm", s.needle_mm}, {"pressure", s.pressure},
            {"strokes", std::move(strokes)}};
}

void save_stroke_script(const StrokeScript& s, const std::filesystem::path& file) {
    validate_stroke_script(s, file.filename().string());
    write_text_atomically(file, to_json(s).dump(1) + "\n");
}

RollerSpec roller_for(const StrokeScript& s, RollerSpec base) {
    if (s.device != DeviceKind::Roller) return base;  // a pen script leaves the roller as it is
    check_roller_needle_length(s.needle_mm, "stroke script", "needle_mm");
    base.needle.length_mm = s.needle_mm;
    return base;
}

PenSpec pen_for(const StrokeScript& s, PenSpec base) {
    if (s.device != DeviceKind::Pen) return base;  // a roller script leaves the pen as it is
    check_pen_depth(s.needle_mm, "stroke script", "needle_mm");
    base.depth_setting_mm = s.needle_mm;
    base.needle.length_mm = s.needle_mm;
    return base;
}

void check_puncture_budget(const StrokeScript& script, const PenSpec& pen, const std::string& origin) {
    if (script.device != DeviceKind::Pen) return;
    // A pen stamps at its frequency for as long as it is down, wherever it is: the most punctures it can make is
    // known before it moves.
    double down_s = 0;
    for (const auto& stroke : script.strokes)
        if (!stroke.points.empty()) down_s += stroke.points.back().t_s - stroke.points.front().t_s;
    const double most = down_s * pen.stamp_hz * pen.needle_count;
    if (most > double(kMaxPunctures))
        throw Error(origin + ": the strokes keep the pen down " + format_number(down_s) + " s: up to " +
                    std::to_string(static_cast<long long>(std::round(most))) + " punctures (at most " +
                    std::to_string(kMaxPunctures) + " in one treatment): fewer or shorter passes");
}

PunctureList run_stroke_script(const StrokeScript& script, const RegionProfile& region, const RollerSpec& roller,
                               const PenSpec& pen, StrokeStats* stats) {
    validate_stroke_script(script);
    check_puncture_budget(script, pen);
    std::unique_ptr<DeviceKinematics> device;
    if (script.device == DeviceKind::Roller) device = std::make_unique<RollerKinematics>(roller_for(script, roller), region);
    else device = std::make_unique<PenKinematics>(pen_for(script, pen), region);
    PunctureList all;
    for (const auto& stroke : script.strokes) {
        device->begin_pass(stroke.points.front().pos_mm, stroke.points.front().t_s);
        for (std::size_t j = 1; j < stroke.points.size(); ++j) {
            const auto& p = stroke.points[j];
            PunctureList step = device->move_to(p.pos_mm, p.t_s, p.pressure);
            if (all.size() + step.size() > kMaxPunctures)
                throw Error("the strokes make more than " + std::to_string(kMaxPunctures) +
                            " punctures (at most that many in one treatment): fewer or shorter passes");
            all.insert(all.end(), step.begin(), step.end());
        }
        device->lift();
    }
    if (stats) *stats = device->stats();
    return all;
}

}  // namespace dermasim
