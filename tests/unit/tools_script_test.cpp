// Stroke scripts: strict parsing (errors name the stroke and point), saving round-trips, and running a script
// is deterministic down to the report numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include "engine/core/error.hpp"
#include "tests/common/scratch_folder.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/puncture_stats.hpp"
#include "engine/tools/stroke_script.hpp"

#include "tests/unit/tools_test_region.hpp"

using namespace dermasim;

namespace {
std::filesystem::path data(const std::string& name) { return std::filesystem::path(DERMASIM_TEST_DATA_DIR) / name; }

using tools_test::cheek;

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

bool same_punctures(const PunctureList& a, const PunctureList& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::memcmp(&a[i], &b[i], sizeof(Puncture)) != 0) return false;
    return true;
}
}  // namespace

TEST(ToolsScript, LoadsTheExampleScripts) {
    const StrokeScript s = load_stroke_script(data("strokes_crosshatch.json"));
    EXPECT_EQ(s.device, DeviceKind::Roller);
    EXPECT_FLOAT_EQ(s.needle_mm, 1.0f);
    ASSERT_EQ(s.strokes.size(), 4u);
    EXPECT_EQ(s.strokes[0].points.size(), 3u);
    EXPECT_FLOAT_EQ(s.strokes[0].points[1].pressure, 0.5f);  // script default
    EXPECT_FLOAT_EQ(s.strokes[2].points[1].pressure, 0.7f);  // the point's own
    EXPECT_EQ(load_stroke_script(data("strokes_pen.json")).device, DeviceKind::Pen);
}

TEST(ToolsScript, BadScriptsAreErrorsNamingWhatIsWrong) {
    EXPECT_NE(error_of([] { load_stroke_script(data("strokes_bad_device.json")); }).find("unknown device 'stamp'"),
              std::string::npos);
    EXPECT_NE(error_of([] { load_stroke_script(data("strokes_bad_length.json")); }).find("needle_mm"), std::string::npos);
    EXPECT_NE(error_of([] { load_stroke_script(data("strokes_bad_empty_path.json")); }).find("strokes[1]"),
              std::string::npos);
    const std::string time = error_of([] { load_stroke_script(data("strokes_bad_time.json")); });
    EXPECT_NE(time.find("strokes[0].points[2]"), std::string::npos) << time;
    EXPECT_NE(error_of([] { load_stroke_script(data("strokes_bad_far_off.json")); }).find("points[1]"),
              std::string::npos);
    EXPECT_NE(error_of([] { load_stroke_script(data("strokes_bad_pressure.json")); }).find("pressure"),
              std::string::npos);
    EXPECT_THROW(load_stroke_script(data("does_not_exist.json")), Error);
}

TEST(ToolsScript, NaNAndStructuralProblemsAreErrors) {
    StrokeScript s = load_stroke_script(data("strokes_straight_pass.json"));
    StrokeScript nan_point = s;
    nan_point.strokes[0].points[1].pos_mm.x = std::nanf("");
    EXPECT_THROW(validate_stroke_script(nan_point), Error);
    StrokeScript nan_length = s;
    nan_length.needle_mm = std::nanf("");
    EXPECT_THROW(validate_stroke_script(nan_length), Error);
    StrokeScript none = s;
    none.strokes.clear();
    EXPECT_THROW(validate_stroke_script(none), Error);
    StrokeScript pen_step = s;
    pen_step.device = DeviceKind::Pen;
    pen_step.needle_mm = 0.6f;  // not a 0.25 mm step
    EXPECT_THROW(validate_stroke_script(pen_step), Error);
    EXPECT_THROW(parse_stroke_script(nlohmann::json::parse(R"({"device": "roller", "needle_mm": 0.5,
        "strokes": [{"points": [[0, 1]]}]})")), Error);
    EXPECT_THROW(parse_stroke_script(nlohmann::json::parse(R"({"device": "roller", "needle_mm": 0.5,
        "strokes": [{"points": [[0, 1, 2]]}], "colour": 3})")), Error);
}

TEST(ToolsScript, SavedScriptLoadsBackTheSame) {
    const StrokeScript s = load_stroke_script(data("strokes_crosshatch.json"));
    const auto file = test::scratch_root() / "roundtrip.json";
    save_stroke_script(s, file);
    const StrokeScript back = load_stroke_script(file);
    EXPECT_EQ(to_json(back), to_json(s));
    EXPECT_TRUE(same_punctures(run_stroke_script(back, cheek()), run_stroke_script(s, cheek())));
}

TEST(ToolsScript, SameScriptTwiceGivesTheSamePuncturesAndStats) {
    for (const char* name : {"strokes_crosshatch.json", "strokes_pen.json"}) {
        const StrokeScript s = load_stroke_script(data(name));
        StrokeStats st1, st2;
        const PunctureList a = run_stroke_script(s, cheek(), {}, {}, &st1);
        const PunctureList b = run_stroke_script(s, cheek(), {}, {}, &st2);
        ASSERT_FALSE(a.empty()) << name;
        EXPECT_TRUE(same_punctures(a, b)) << name;
        EXPECT_EQ(st1.punctures, a.size());
        EXPECT_EQ(st1.passes, int(s.strokes.size()));
        EXPECT_EQ(to_json(compute_puncture_stats(a, cheek())).dump(), to_json(compute_puncture_stats(b, cheek())).dump());
    }
}

TEST(ToolsScript, ScriptNeedleLengthReachesTheKinematics) {
    StrokeScript s = load_stroke_script(data("strokes_straight_pass.json"));
    float deepest_short = 0, deepest_long = 0;
    for (const auto& p : run_stroke_script(s, cheek())) deepest_short = std::max(deepest_short, p.depth_mm);
    s.needle_mm = 2.0f;
    for (const auto& p : run_stroke_script(s, cheek())) deepest_long = std::max(deepest_long, p.depth_mm);
    EXPECT_LE(deepest_short, 0.5f);
    EXPECT_GT(deepest_long, 0.5f);
    EXPECT_LE(deepest_long, 2.0f);
}
