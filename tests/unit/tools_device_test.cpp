// Device descriptions: the shipped roller and pen load, their needle layouts follow the drum / cartridge
// geometry, and bad files are rejected with a message naming file, field and range.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <numbers>
#include <set>
#include "tests/common/source_catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/tools/device_spec.hpp"
#include "tests/common/scratch_folder.hpp"

using namespace dermasim;

namespace {
std::filesystem::path write_temp(const std::string& name, const std::string& text) {
    auto file = test::scratch_root() / name;
    std::ofstream(file) << text;
    return file;
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

const char* kGoodRoller = R"({"id": "roller", "name": "r", "drum_width_mm": 20, "drum_diameter_mm": 20, "rings": 24,
  "needles_per_ring": 8, "ring_stagger": 0.5, "handle_length_mm": 120,
  "needle": {"length_mm": LEN, "base_diameter_mm": 0.1, "tip_radius_mm": 0.004}})";

std::string roller_with_length(const std::string& len) {
    std::string s = kGoodRoller;
    s.replace(s.find("LEN"), 3, len);
    return s;
}
}  // namespace

TEST(ToolsDevice, ShippedRollerIsTheStandard192NeedleRoller) {
    const RollerSpec r = load_roller(test::source_asset("devices/roller.json"));
    EXPECT_EQ(r.rings, 24);
    EXPECT_EQ(r.needles_per_ring, 8);
    EXPECT_EQ(r.needle_count(), 192);
    EXPECT_FLOAT_EQ(r.drum_width_mm, 20.0f);
    EXPECT_FLOAT_EQ(r.drum_diameter_mm, 20.0f);
    EXPECT_EQ(r.needle_mounts().size(), 192u);
}

TEST(ToolsDevice, ShippedPenHas12NeedlesAt100Hz) {
    const PenSpec p = load_pen(test::source_asset("devices/pen.json"));
    EXPECT_EQ(p.needle_count, 12);
    EXPECT_NEAR(p.stamp_hz, 100.0f, 10.0f);
    EXPECT_FLOAT_EQ(p.needle.length_mm, p.depth_setting_mm);
    EXPECT_EQ(p.needle_mounts().size(), 12u);
}

TEST(ToolsDevice, RollerRingsAreCentredAcrossTheWidthAndStaggered) {
    RollerSpec r;
    const auto m = r.needle_mounts();
    const float pitch = r.drum_width_mm / r.rings;
    const double spacing = 2 * std::numbers::pi / r.needles_per_ring;
    for (int ring = 0; ring < r.rings; ++ring) {
        for (int n = 0; n < r.needles_per_ring; ++n) {
            const auto& mount = m[ring * r.needles_per_ring + n];
            EXPECT_NEAR(mount.axial_mm, -0.5f * r.drum_width_mm + (ring + 0.5f) * pitch, 1e-5f);
            EXPECT_GE(mount.angle_rad, 0.0f);
            EXPECT_LT(mount.angle_rad, 2 * std::numbers::pi);
        }
        // Ring r is turned by r * stagger needle spacings relative to ring 0.
        const double expected = std::fmod(ring * r.ring_stagger * spacing, spacing);
        const double off = std::fmod(double(m[ring * r.needles_per_ring].angle_rad) - expected + 4 * spacing, spacing);
        EXPECT_LT(std::min(off, spacing - off), 1e-5) << "ring " << ring;  // circular distance
    }
    // Symmetric about the drum centre.
    EXPECT_NEAR(m.front().axial_mm, -m.back().axial_mm, 1e-5f);
}

TEST(ToolsDevice, PenNeedlesSitOnAPitchLatticeCentredOnTheCartridge) {
    PenSpec p;
    const auto m = p.needle_mounts();
    ASSERT_EQ(int(m.size()), p.needle_count);
    float cx = 0, cy = 0, min_gap = 1e9f;
    std::set<std::pair<long, long>> distinct;
    for (std::size_t a = 0; a < m.size(); ++a) {
        cx += m[a].axial_mm;
        cy += m[a].lateral_mm;
        EXPECT_LE(std::hypot(m[a].axial_mm, m[a].lateral_mm), 0.5f * p.cartridge_diameter_mm);
        distinct.insert({std::lround(m[a].axial_mm * 1000), std::lround(m[a].lateral_mm * 1000)});
        for (std::size_t b = a + 1; b < m.size(); ++b)
            min_gap = std::min(min_gap, std::hypot(m[a].axial_mm - m[b].axial_mm, m[a].lateral_mm - m[b].lateral_mm));
    }
    EXPECT_EQ(distinct.size(), m.size());
    EXPECT_NEAR(cx / m.size(), 0.0f, 1e-5f);
    EXPECT_NEAR(cy / m.size(), 0.0f, 1e-5f);
    EXPECT_NEAR(min_gap, p.needle_spacing_mm, 1e-4f);
}

TEST(ToolsDevice, RollerNeedleLengthOutOfRangeNamesFileFieldAndRange) {
    const auto file = write_temp("bad_roller.json", roller_with_length("-1"));
    const std::string msg = error_of([&] { load_roller(file); });
    EXPECT_NE(msg.find("bad_roller.json"), std::string::npos) << msg;
    EXPECT_NE(msg.find("needle.length_mm"), std::string::npos) << msg;
    EXPECT_NE(msg.find("0.1..3"), std::string::npos) << msg;
    EXPECT_NE(error_of([&] { load_roller(write_temp("long.json", roller_with_length("3.5"))); }), "");
    EXPECT_NO_THROW(load_roller(write_temp("ok.json", roller_with_length("1.5"))));
}

TEST(ToolsDevice, RollerFileProblemsAreErrors) {
    EXPECT_THROW(load_roller("/nonexistent/roller.json"), Error);
    EXPECT_THROW(load_roller(write_temp("notjson.json", "{ rings: ")), Error);
    std::string zero_rings = roller_with_length("0.5");
    zero_rings.replace(zero_rings.find("\"rings\": 24"), 11, "\"rings\": 0");
    EXPECT_NE(error_of([&] { load_roller(write_temp("zero.json", zero_rings)); }).find("rings"), std::string::npos);
    std::string typo = roller_with_length("0.5");
    typo.replace(typo.find("ring_stagger"), 12, "ring_stager");
    EXPECT_NE(error_of([&] { load_roller(write_temp("typo.json", typo)); }).find("ring_stager"), std::string::npos);
}

TEST(ToolsDevice, PenDepthMustBeAQuarterMillimetreStepUpTo2_5) {
    auto pen = [](const std::string& depth) {
        return std::string(R"({"id": "pen", "name": "p", "needle_count": 12, "cartridge_diameter_mm": 7,
          "needle_spacing_mm": 1.2, "depth_setting_mm": )") + depth +
               R"(, "stamp_hz": 100, "body_length_mm": 140, "needle": {"base_diameter_mm": 0.1, "tip_radius_mm": 0.004}})";
    };
    EXPECT_FLOAT_EQ(load_pen(write_temp("pen_ok.json", pen("1.25"))).needle.length_mm, 1.25f);
    EXPECT_NE(error_of([&] { load_pen(write_temp("pen_step.json", pen("0.3"))); }).find("depth_setting_mm"),
              std::string::npos);
    EXPECT_NE(error_of([&] { load_pen(write_temp("pen_deep.json", pen("2.75"))); }).find("0..2.5"), std::string::npos);
    EXPECT_THROW(load_pen(write_temp("pen_neg.json", pen("-0.25"))), Error);
}
