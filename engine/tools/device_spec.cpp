#include "engine/tools/device_spec.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include "engine/io/json_file.hpp"
#include "engine/tools/device_limits.hpp"
#include "engine/tools/json_fields.hpp"

namespace dermasim {

using json_fields::FieldReader;
using json_fields::format_number;

// The limits are floats and a setting may come as a double: 0.1 typed by a user is a little below 0.1f.
constexpr double kLimitSlackMm = 1e-6;

void check_roller_needle_length(double mm, const std::string& origin, const std::string& field) {
    if (!std::isfinite(mm) || mm < kRollerNeedleMinMm - kLimitSlackMm || mm > kRollerNeedleMaxMm + kLimitSlackMm)
        throw Error(origin + ": " + field + " = " + format_number(mm) + " is out of range " +
                    format_number(kRollerNeedleMinMm) + ".." + format_number(kRollerNeedleMaxMm) + " mm");
}

void check_pen_depth(double mm, const std::string& origin, const std::string& field) {
    if (!std::isfinite(mm) || mm < 0 || mm > kPenDepthMaxMm + kLimitSlackMm)
        throw Error(origin + ": " + field + " = " + format_number(mm) + " is out of range 0.." +
                    format_number(kPenDepthMaxMm) + " mm");
    const double steps = mm / kPenDepthStepMm;
    if (std::abs(steps - std::round(steps)) > 1e-4)
        throw Error(origin + ": " + field + " = " + format_number(mm) + " is not a multiple of " +
                    format_number(kPenDepthStepMm) + " mm");
}

void check_pressure(double pressure, const std::string& origin, const std::string& field) {
    if (!std::isfinite(pressure) || pressure < 0 || pressure > 1)
        throw Error(origin + ": " + field + " = " + format_number(pressure) + " is out of range 0..1");
}

std::vector<NeedleMount> RollerSpec::needle_mounts() const {
    // Ring r sits at the centre of its slice of the drum width; its needles are evenly spaced around the drum
    // and the whole ring is turned by r * ring_stagger needle spacings so neighbouring rings do not line up.
    std::vector<NeedleMount> mounts;
    mounts.reserve(std::size_t(std::max(0, needle_count())));
    const double two_pi = 2.0 * std::numbers::pi;
    const double ring_pitch = drum_width_mm / rings;
    for (int r = 0; r < rings; ++r) {
        for (int n = 0; n < needles_per_ring; ++n) {
            double a = two_pi * (n + r * double(ring_stagger)) / needles_per_ring;
            a = std::fmod(a, two_pi);
            NeedleMount m;
            m.axial_mm = float(-0.5 * drum_width_mm + (r + 0.5) * ring_pitch);
            m.angle_rad = float(a);
            mounts.push_back(m);
        }
    }
    return mounts;
}

std::vector<NeedleMount> PenSpec::needle_mounts() const {
    // The needle_count square-lattice sites (pitch needle_spacing_mm, lattice offset by half a pitch so the
    // pattern has no needle exactly at the centre) nearest to the centre, re-centred on their centroid.
    // 12 needles give the familiar 4 x 4 square without its corners.
    struct Site { double x, y, r2, angle; };
    std::vector<Site> sites;
    const int half = int(std::ceil(std::sqrt(double(std::max(needle_count, 1))))) + 1;
    for (int iy = -half; iy < half; ++iy)
        for (int ix = -half; ix < half; ++ix) {
            const double x = ix + 0.5, y = iy + 0.5;
            sites.push_back({x, y, x * x + y * y, std::atan2(y, x)});
        }
    std::stable_sort(sites.begin(), sites.end(), [](const Site& a, const Site& b) {
        if (std::abs(a.r2 - b.r2) > 1e-9) return a.r2 < b.r2;
        return a.angle < b.angle;  // deterministic order among sites at the same distance
    });
    const int n = std::min<int>(needle_count, int(sites.size()));
    double cx = 0, cy = 0;
    for (int i = 0; i < n; ++i) { cx += sites[i].x; cy += sites[i].y; }
    if (n > 0) { cx /= n; cy /= n; }
    std::vector<NeedleMount> mounts;
    for (int i = 0; i < n; ++i) {
        NeedleMount m;
        m.axial_mm = float((sites[i].x - cx) * needle_spacing_mm);
        m.lateral_mm = float((sites[i].y - cy) * needle_spacing_mm);
        mounts.push_back(m);
    }
    return mounts;
}

namespace {

NeedleSpec read_needle(const FieldReader& doc, const std::string& origin, bool pen) {
    FieldReader needle(doc.raw("needle"), origin, "needle.");
    NeedleSpec spec;
    if (pen) {
        needle.reject_unknown({"base_diameter_mm", "tip_radius_mm"});  // the length is the depth setting
    } else {
        needle.reject_unknown({"length_mm", "base_diameter_mm", "tip_radius_mm"});
        spec.length_mm = float(needle.number("length_mm", -1e30, 1e30, "mm"));
        check_roller_needle_length(spec.length_mm, origin, "needle.length_mm");
    }
    spec.base_diameter_mm = float(needle.number("base_diameter_mm", 0.01, 1.0, "mm"));
    spec.tip_radius_mm = float(needle.number("tip_radius_mm", 0.0005, 0.1, "mm"));
    return spec;
}

}  // namespace

RollerSpec load_roller(const std::filesystem::path& file) {
    const auto doc_json = read_json_file(file);
    const std::string origin = file.filename().string();
    FieldReader doc(doc_json, origin);
    doc.reject_unknown({"id", "name", "description", "drum_width_mm", "drum_diameter_mm", "rings",
                        "needles_per_ring", "ring_stagger", "handle_length_mm", "needle"});
    RollerSpec spec;
    spec.id = doc.text("id");
    spec.name = doc.text("name");
    spec.drum_width_mm = float(doc.number("drum_width_mm", 5, 100, "mm"));
    spec.drum_diameter_mm = float(doc.number("drum_diameter_mm", 5, 100, "mm"));
    spec.rings = doc.integer("rings", 1, 200);
    spec.needles_per_ring = doc.integer("needles_per_ring", 1, 100);
    spec.ring_stagger = float(doc.number("ring_stagger", 0, 1, "needle spacings"));
    spec.handle_length_mm = float(doc.number("handle_length_mm", 0, 500, "mm"));
    spec.needle = read_needle(doc, origin, false);
    return spec;
}

PenSpec load_pen(const std::filesystem::path& file) {
    const auto doc_json = read_json_file(file);
    const std::string origin = file.filename().string();
    FieldReader doc(doc_json, origin);
    doc.reject_unknown({"id", "name", "description", "needle_count", "cartridge_diameter_mm", "needle_spacing_mm",
                        "depth_setting_mm", "stamp_hz", "body_length_mm", "needle"});
    PenSpec spec;
    spec.id = doc.text("id");
    spec.name = doc.text("name");
    spec.needle_count = doc.integer("needle_count", 1, 100);
    spec.cartridge_diameter_mm = float(doc.number("cartridge_diameter_mm", 1, 30, "mm"));
    spec.needle_spacing_mm = float(doc.number("needle_spacing_mm", 0.1, 10, "mm"));
    spec.depth_setting_mm = float(doc.number("depth_setting_mm", -1e30, 1e30, "mm"));
    check_pen_depth(spec.depth_setting_mm, origin, "depth_setting_mm");
    spec.stamp_hz = float(doc.number("stamp_hz", 1, 1000, "Hz"));
    spec.body_length_mm = float(doc.number("body_length_mm", 0, 500, "mm"));
    spec.needle = read_needle(doc, origin, true);
    spec.needle.length_mm = spec.depth_setting_mm;
    // Every needle must sit on the cartridge face.
    for (const auto& m : spec.needle_mounts()) {
        if (std::hypot(m.axial_mm, m.lateral_mm) > 0.5 * spec.cartridge_diameter_mm)
            throw Error(origin + ": needle_count = " + std::to_string(spec.needle_count) + " at needle_spacing_mm = " +
                        format_number(spec.needle_spacing_mm) + " does not fit a cartridge of " +
                        format_number(spec.cartridge_diameter_mm) + " mm");
    }
    return spec;
}

}  // namespace dermasim
