// Small inputs that asked for unbounded work (issue 13): a pen stroke over 10^5 or 10^9 s, a million tiny strokes,
// a heal step of 1e-300 s, parameters that overflow a float. Each is refused before the work starts, and the
// message names the limit and the value that broke it.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "tests/common/error_of.hpp"
#include "tests/common/scratch_folder.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/sim/timeline.hpp"
#include "engine/tools/stroke_script.hpp"
#include "heal_test_helpers.hpp"
#include "tests/common/source_catalog.hpp"

namespace dermasim {
namespace {

namespace fs = std::filesystem;

using test::error_of;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

nlohmann::json pen_script(double end_s, double pressure) {
    return {{"device", "pen"}, {"needle_mm", 1.0}, {"pressure", pressure},
            {"strokes", {{{"points", {{0.0, 5.0, 5.0}, {end_s, 15.0, 15.0}}}}}}};
}

TEST(RunawayWork, PenStrokesOfDaysAndYearsAreRefusedAtOnce) {
    // The 95-byte scripts of the issue: 10^5 s asked for gigabytes, 10^9 s at pressure 0 never ended.
    const auto start = std::chrono::steady_clock::now();
    EXPECT_NE(error_of([] { parse_stroke_script(pen_script(1e5, 0.5), "long.json"); })
                  .find("long.json: strokes[0] lasts 100000 s (a pass may last at most 3600 s)"),
              std::string::npos);
    EXPECT_NE(error_of([] { parse_stroke_script(pen_script(1e9, 0.0), "year.json"); })
                  .find("year.json: strokes[0].points[1]: time 1e+09 s is out of range"),
              std::string::npos);
    EXPECT_LT(seconds_since(start), 1.0);
}

TEST(RunawayWork, APenHeldDownTooLongIsRefusedBeforeItStamps) {
    // Within the pass limit, but 3000 s at 100 Hz with 12 needles would be 3.6 M punctures.
    const StrokeScript script = parse_stroke_script(pen_script(3000, 1.0), "held.json");
    const auto start = std::chrono::steady_clock::now();
    const std::string message =
        error_of([&] { run_stroke_script(script, test::source_catalog().regions.find("cheek")); });
    EXPECT_NE(message.find("the strokes keep the pen down 3000 s: up to 3600000 punctures (at most 2000000"),
              std::string::npos)
        << message;
    EXPECT_LT(seconds_since(start), 1.0) << "refused before stamping";
}

TEST(RunawayWork, TooManyStrokesAreRefusedBeforeTheyRun) {
    nlohmann::json doc = pen_script(0.01, 0.5);
    nlohmann::json strokes = nlohmann::json::array();
    for (std::size_t i = 0; i <= kMaxStrokes; ++i)
        strokes.push_back({{"points", {{0.02 * double(i), 5.0, 5.0}, {0.02 * double(i) + 0.01, 5.1, 5.0}}}});
    doc["strokes"] = strokes;
    EXPECT_NE(error_of([&] { parse_stroke_script(doc, "many.json"); }).find("many.json: 10001 strokes (at most 10000)"),
              std::string::npos);
}

fs::path heal_variant(const std::string& name, const std::string& entry, double value, const std::string& unit) {
    std::ifstream in(test::source_asset("heal_params.json"));
    nlohmann::json doc = nlohmann::json::parse(in);
    doc[entry]["value"] = value;
    doc[entry]["unit"] = unit;
    const fs::path file = test::scratch_root() / ("heal_params_" + name + ".json");
    std::ofstream(file) << doc.dump();
    return file;
}

TEST(RunawayWork, HealStepsOutsideASecondToAMonthAreRefused) {
    const fs::path tiny = heal_variant("tiny_step", "dt_channels", 1e-300, "s");
    EXPECT_NE(error_of([&] { load_heal_parameters(tiny); })
                  .find(tiny.string() + ": parameter 'dt_channels' = 1e-300 s is out of range (1 s to 30 days)"),
              std::string::npos);
    const fs::path huge = heal_variant("huge_step", "dt_remodelling", 1e6, "day");
    EXPECT_NE(error_of([&] { load_heal_parameters(huge); }).find("'dt_remodelling'"), std::string::npos);
}

TEST(RunawayWork, ParametersThatOverflowAFloatAreRefused) {
    // 1e39 is a fine double; as the kernel's float it is infinity, and the report was full of nulls.
    const fs::path file = heal_variant("overflow", "signal_release_open", 1e39, "1/s");
    EXPECT_NE(error_of([&] { load_heal_parameters(file); }).find("'signal_release_open' = 1e+39 1/s"),
              std::string::npos);
    EXPECT_NE(error_of([&] { load_heal_parameters(file); }).find("is too large"), std::string::npos);
}

TEST(RunawayWork, AHealingRunThatWouldTakeTooManyStepsIsRefusedBeforeTheFirst) {
    HealParameters p = test::source_catalog().heal;
    p.control.dt_channels_s = 1.0;  // the smallest step the loader allows
    TissueState s = make_baseline_state(heal_test::make_test_grid(2, 2), p.kernel);
    TimelineOptions o;
    o.end_time_s = 3650 * 86400.0;
    o.sample_interval_s = 86400.0;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_NE(error_of([&] { run_timeline(s, p, o, nullptr); }).find("healing 3650 days could take"),
              std::string::npos);
    EXPECT_LT(seconds_since(start), 1.0);
    EXPECT_EQ(s.time_s, 0.0) << "no step was taken";
    // The shipped steps fit ten years.
    const HealParameters shipped = test::source_catalog().heal;
    TissueState quiet = make_baseline_state(heal_test::make_test_grid(1, 1), shipped.kernel);
    EXPECT_NO_THROW(run_timeline(quiet, shipped, o, nullptr));
}

}  // namespace
}  // namespace dermasim
