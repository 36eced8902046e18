// Default treatment plans and the report numbers built from their punctures.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <nlohmann/json.hpp>
#include "engine/core/error.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/puncture_stats.hpp"
#include "engine/tools/treatment_plan.hpp"

#include "tests/unit/tools_test_region.hpp"

using namespace dermasim;

namespace {
using tools_test::cheek;
}  // namespace

TEST(ToolsPlan, PassesRunInTheFourDirectionsAndAreLifted) {
    TreatmentPlanOptions o;
    o.passes = 4;
    const StrokeScript s = make_treatment_plan(o);
    // 20 mm drum over a 20 mm square: 1 stroke across, 1 down, 2 along each diagonal (28 mm extent).
    ASSERT_EQ(s.strokes.size(), 6u);
    auto dir = [](const Stroke& st) { return st.points.back().pos_mm - st.points.front().pos_mm; };
    EXPECT_NEAR(dir(s.strokes[0]).y, 0.0f, 1e-4f);
    EXPECT_NEAR(dir(s.strokes[1]).x, 0.0f, 1e-4f);
    EXPECT_NEAR(dir(s.strokes[2]).x, dir(s.strokes[2]).y, 1e-3f);
    EXPECT_NEAR(dir(s.strokes[5]).x, -dir(s.strokes[5]).y, 1e-3f);
    for (std::size_t i = 1; i < s.strokes.size(); ++i)
        EXPECT_GT(s.strokes[i].points.front().t_s, s.strokes[i - 1].points.back().t_s);
}

// Singh & Yadav 2016 (REFERENCE.md §2): 15-20 passes in horizontal, vertical and oblique directions. Any count
// is a plan; the directions keep cycling H, V, diagonal, anti-diagonal.
TEST(ToolsPlan, AnyPassCountCyclesTheFourDirections_SinghYadav2016) {
    TreatmentPlanOptions o;
    auto dir = [](const Stroke& st) { return st.points.back().pos_mm - st.points.front().pos_mm; };
    o.passes = 1;
    const StrokeScript one = make_treatment_plan(o);
    ASSERT_EQ(one.strokes.size(), 1u);
    EXPECT_NEAR(dir(one.strokes[0]).y, 0.0f, 1e-4f);
    // Strokes per pass: H 1, V 1, diagonal 2, anti-diagonal 2. 15 passes = 3 full cycles + H, V, diagonal.
    o.passes = 15;
    const StrokeScript fifteen = make_treatment_plan(o);
    ASSERT_EQ(fifteen.strokes.size(), 3u * 6u + 4u);
    const glm::vec2 last = dir(fifteen.strokes.back());
    EXPECT_NEAR(last.x, last.y, 1e-3f);  // pass 15 runs along the diagonal
    EXPECT_GT(last.x, 0.0f);
    const glm::vec2 before = dir(fifteen.strokes[fifteen.strokes.size() - 3]);
    EXPECT_NEAR(before.x, 0.0f, 1e-4f);  // pass 14: vertical
    o.passes = 3;
    EXPECT_EQ(make_treatment_plan(o).strokes.size(), 4u);
}

TEST(ToolsPlan, OutOfRangePassCountsAreErrors) {
    TreatmentPlanOptions o;
    for (int n : {-1, 0, kMaxPasses + 1}) {
        o.passes = n;
        EXPECT_THROW(make_treatment_plan(o), Error) << n;
    }
    o.passes = 2;
    o.needle_mm = -1;
    EXPECT_THROW(make_treatment_plan(o), Error);
}

TEST(ToolsPlan, DensityPerPassFollowsFromTheDrumGeometry) {
    RollerSpec roller;
    TreatmentPlanOptions o;
    o.passes = 16;
    const PunctureList p = run_stroke_script(make_treatment_plan(o, roller), cheek(), roller);
    const PunctureStats st = compute_puncture_stats(p, cheek());
    // One turn of the drum puts all its needles on width x circumference.
    const double per_pass_cm2 =
        roller.needle_count() / (roller.drum_width_mm * std::numbers::pi * roller.drum_diameter_mm) * 100.0;
    EXPECT_NEAR(st.density_per_cm2 / o.passes, per_pass_cm2, 0.06 * per_pass_cm2);
    EXPECT_NEAR(st.treated_area_cm2, 4.0, 1e-9);
    EXPECT_LT(st.density_cv, 1.0);  // 16 passes in four directions spread the entries
}

TEST(ToolsPlan, SmallerCentredAreaGetsTheSameDensity) {
    TreatmentPlanOptions o;
    o.passes = 16;
    o.area = centred_treated_area(10.0f);
    const StrokeScript s = make_treatment_plan(o);
    const PunctureStats st = compute_puncture_stats(run_stroke_script(s, cheek()), cheek(), o.area);
    RollerSpec r;
    const double per_pass_cm2 = r.needle_count() / (r.drum_width_mm * std::numbers::pi * r.drum_diameter_mm) * 100.0;
    EXPECT_NEAR(st.density_per_cm2 / o.passes, per_pass_cm2, 0.10 * per_pass_cm2);
    EXPECT_NEAR(st.treated_area_cm2, 1.0, 1e-9);
}

TEST(ToolsPlan, PenPlanCoversTheArea) {
    TreatmentPlanOptions o;
    o.device = DeviceKind::Pen;
    o.passes = 2;
    const PunctureList p = run_stroke_script(make_treatment_plan(o), cheek());
    const PunctureStats st = compute_puncture_stats(p, cheek());
    EXPECT_GT(st.count, 1000u);
    EXPECT_LT(st.density_cv, 1.0);
}

TEST(ToolsStats, LayersBleedingAndDepthSummary) {
    const RegionProfile r = cheek();
    PunctureList p;
    // Tips in: viable epidermis, papillary dermis, reticular dermis, and one more in the papillary dermis.
    for (float d : {0.03f, 0.1f, 0.5f, 0.2f}) {
        Puncture q;
        q.surface_mm = {5, 5};
        q.depth_mm = d;
        p.push_back(q);
    }
    const PunctureStats st = compute_puncture_stats(p, r);
    EXPECT_EQ(st.count, 4u);
    EXPECT_EQ(st.deepest_layer[int(Layer::ViableEpidermis)], 1u);
    EXPECT_EQ(st.deepest_layer[int(Layer::PapillaryDermis)], 2u);
    EXPECT_EQ(st.deepest_layer[int(Layer::ReticularDermis)], 1u);
    // Expected bleeders: 0 (epidermis) + 0.04 + 0.96 (past the plexus) + 0.11 (engine/tools/bleeding.hpp) = 1.1.
    EXPECT_EQ(st.bleeding_points, 1u);
    EXPECT_NEAR(st.depth_um.mean, (30 + 100 + 500 + 200) / 4.0, 1e-3);
    EXPECT_NEAR(st.depth_um.max, 500, 1e-3);
    EXPECT_NEAR(st.depth_um.p95, 500, 1e-3);
    EXPECT_NEAR(st.density_per_cm2, 4 / 4.0, 1e-9);
    // All four in one 1 mm^2 cell of 400: cv = sd/mean of (4, 0, 0, ...).
    const double mean = 4.0 / 400, sd = std::sqrt((std::pow(4 - mean, 2) + 399 * mean * mean) / 400);
    EXPECT_NEAR(st.density_cv, sd / mean, 1e-9);
}

TEST(ToolsStats, JsonHasTheReportKeys) {
    const nlohmann::json j = to_json(compute_puncture_stats({}, cheek()));
    EXPECT_TRUE(j.contains("treated_area_cm2"));
    const auto& p = j.at("punctures");
    for (const char* k : {"count", "density_per_cm2", "density_cv", "bleeding_points"}) EXPECT_TRUE(p.contains(k)) << k;
    for (const char* k : {"mean", "p95", "max"}) EXPECT_TRUE(p.at("depth_um").contains(k)) << k;
    for (auto key : kLayerKeys) EXPECT_TRUE(p.at("deepest_layer").contains(std::string(key))) << key;
    EXPECT_EQ(p.at("deepest_layer").size(), std::size_t(kLayerCount));
}
