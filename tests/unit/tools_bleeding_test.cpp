// Bleeding from anatomy (engine/tools/bleeding.hpp): channels bleed when they tear the papillary dermis' capillary
// loops or the plexus at its base (REFERENCE.md §1). The two vessel counts are fitted to the clinical picture
// (0.25 mm hardly bleeds, 1.5 mm pinpoint bleeding), so these tests guard that fit and the anatomy's shape; the
// layer each needle reaches comes from the depth model, which was not fitted to bleeding.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/tools/bleeding.hpp"
#include "engine/tools/puncture_stats.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "tests/unit/tools_test_region.hpp"

using namespace dermasim;

TEST(ToolsBleeding, NoVesselsInTheEpidermisAndMoreTheDeeper) {
    const RegionProfile r = tools_test::cheek();
    EXPECT_EQ(bleeding_probability(r, 0.0), 0.0);
    EXPECT_EQ(bleeding_probability(r, r.bottom_of_mm(Layer::ViableEpidermis)), 0.0);
    double previous = 0;
    for (double d = 0.05; d < 1.0; d += 0.01) {
        const double p = bleeding_probability(r, d);
        EXPECT_GE(p, previous) << d;
        EXPECT_LE(p, 1.0);
        previous = p;
    }
    // The plexus at the papillary dermis' base is where bleeding becomes the rule.
    const double base = r.bottom_of_mm(Layer::PapillaryDermis);
    EXPECT_LT(bleeding_probability(r, base - 0.01), 0.3);
    EXPECT_GT(bleeding_probability(r, base + 0.01), 0.9);
}

namespace {
double bleeding_share(DeviceKind device, float needle_mm) {
    TreatmentPlanOptions o;
    o.device = device;
    o.needle_mm = needle_mm;
    o.passes = device == DeviceKind::Roller ? 4 : 1;
    const PunctureList p = run_stroke_script(make_treatment_plan(o), tools_test::cheek());
    const PunctureStats st = compute_puncture_stats(p, tools_test::cheek());
    return double(st.bleeding_points) / double(st.count);
}
}  // namespace

// REFERENCE.md §1 (capillary loops bleed; pinpoint bleeding is the endpoint of deeper treatments) and §7 (0.25 mm
// needles are below the pain threshold): the share of channels that bleed, roller and pen on the cheek.
TEST(ToolsBleeding, ShortNeedlesHardlyBleedAndLongOnesShowPinpointBleeding) {
    for (DeviceKind device : {DeviceKind::Roller, DeviceKind::Pen}) {
        const double short_needles = bleeding_share(device, 0.25f);
        const double long_needles = bleeding_share(device, 1.5f);
        EXPECT_LT(short_needles, 0.12) << device_key(device);
        EXPECT_GT(long_needles, 0.9) << device_key(device);
        EXPECT_LT(short_needles, bleeding_share(device, 1.0f));
    }
}

// The views draw blood in the channels channel_bleeds picks (engine/render/micro_fields.cpp, channel_bins.cpp):
// the same channels every time, and as many as the report's expected bleeding_points.
TEST(ToolsBleeding, EachChannelBleedsOrNotAlikeEveryTimeAndAsOftenAsTheReportSays) {
    for (float needle_mm : {0.25f, 0.5f, 1.0f}) {
        TreatmentPlanOptions o;
        o.needle_mm = needle_mm;
        o.passes = 4;
        const PunctureList p = run_stroke_script(make_treatment_plan(o), tools_test::cheek());
        const PunctureStats st = compute_puncture_stats(p, tools_test::cheek());
        std::size_t drawn = 0;
        double variance = 0;
        for (const Puncture& q : p) {
            const bool bleeds = channel_bleeds(tools_test::cheek(), q);
            EXPECT_EQ(bleeds, channel_bleeds(tools_test::cheek(), q));
            drawn += bleeds;
            const double prob = bleeding_probability(tools_test::cheek(), q.depth_mm);
            variance += prob * (1 - prob);
        }
        // Independent draws: within 4 standard deviations (and one channel) of the expectation.
        EXPECT_NEAR(double(drawn), double(st.bleeding_points), 4 * std::sqrt(variance) + 1) << needle_mm << " mm";
    }
}
