// Healing metrics: closure and erythema times from the step history, curves as JSON and CSV.
#include <gtest/gtest.h>
#include <sstream>
#include "engine/sim/healing_metrics.hpp"
#include "heal_test_helpers.hpp"
#include "tests/common/source_catalog.hpp"

namespace dermasim {
namespace {

constexpr double kDay = 86400.0;

TEST(HealMetrics, RednessIsVisibleUntilTheReddestColumnFallsBelowTheThreshold) {
    // One column red, the rest pale: the patch mean is small, but the eye sees the one red column.
    HealParameters p = test::source_catalog().heal;
    p.control.erythema_visible = 0.1;
    TissueState s = make_baseline_state(heal_test::make_test_grid(2, 2), p.kernel);
    auto redden = [&](float e) {
        for (int k = 0; k < s.grid.nz; ++k)
            if (s.grid.layer_at(k) == Layer::PapillaryDermis) s.at(Field::Erythema, 1, 0, k) = e;
    };
    HealingRecorder rec(p);
    rec.on_session(sample_healing(s, p), 0);
    EXPECT_EQ(rec.metrics().sessions[0].redness_visible_h, 0) << "not red yet: nothing to wait for";
    HealStepPlan plan;
    const float redness[] = {0.5f, 0.5f, 0.05f, 0.0f};
    for (int step = 0; step < 4; ++step) {
        redden(redness[step]);
        s.time_s = (step + 1) * 3600.0;
        rec.on_step(sample_healing(s, p), plan);
    }
    EXPECT_NEAR(sample_healing(s, p).redness_max, 0.0, 1e-9);
    const HealingMetrics& m = rec.finish();
    // Falls from 0.5 at 2 h to 0.05 at 3 h: crosses 0.1 at 2 + 0.4 / 0.45 h.
    EXPECT_NEAR(m.redness_visible_h, 2.0 + 0.4 / 0.45, 1e-6);
    EXPECT_LT(m.sessions[0].erythema_peak, 0.5) << "the patch mean is lower than the reddest column";
}

TEST(HealMetrics, ClosureTimeIsWhenNinetyPercentOfTheOpenVolumeHasClosed) {
    // Drive the recorder by hand: open volume halves every hour -> 90 % closed at log2(10) = 3.32 h.
    const HealParameters p = test::source_catalog().heal;
    TissueState s = make_baseline_state(heal_test::make_test_grid(2, 2), p.kernel);
    heal_test::stamp_channel(s, 0, 0, 0.5f, 0.5f);
    HealingRecorder rec(p);
    rec.on_session(sample_healing(s, p), 0);
    HealStepPlan plan;
    for (int h = 1; h <= 6; ++h) {
        for (float& v : s.field(Field::OpenChannel)) v *= 0.5f;
        s.time_s = h * 3600.0;
        rec.on_step(sample_healing(s, p), plan);
    }
    const HealingMetrics& m = rec.finish();
    // Linear interpolation between 3 h (12.5 % open) and 4 h (6.25 %): 3.4 h.
    EXPECT_NEAR(m.channel_closure_h, 3.4, 1e-3);
}

TEST(HealMetrics, CurvesExportAsJsonAndCsv) {
    const HealParameters p = test::source_catalog().heal;
    TissueState s = make_baseline_state(heal_test::make_test_grid(3, 3), p.kernel);
    HealingRecorder rec(p);
    TimelineOptions o = monthly_protocol(1, kDay, 3 * kDay, kDay);
    run_timeline(s, p, o, [&](TissueState& t, int) { heal_test::stamp_treatment(t, 0.6f, 0.02f); }, &rec);
    const HealingMetrics& m = rec.finish();
    ASSERT_EQ(m.curves.size(), 4u);  // days 0, 1, 2, 3
    const nlohmann::json j = to_json(m);
    for (const char* key : {"day", "open_channels", "erythema", "fibroblasts", "collagen_I_pct", "collagen_III_pct",
                            "elastin_pct", "serum_depth_um", "collagen_pct_papillary"})
        ASSERT_TRUE(j["curves"].contains(key)) << key;
    EXPECT_EQ(j["curves"]["day"].size(), 4u);
    EXPECT_TRUE(j["channel_closure_h"].is_number());
    const std::string csv = to_csv(m.curves);
    std::istringstream lines(csv);
    std::string header, line;
    std::getline(lines, header);
    EXPECT_EQ(header.rfind("day,open_channels,erythema,redness_max,macrophages,fibroblasts", 0), 0u) << header;
    int rows = 0;
    while (std::getline(lines, line)) ++rows;
    EXPECT_EQ(rows, 4);
    EXPECT_GT(m.curves[0].open_channels_mm3, 0.0);
    EXPECT_EQ(m.curves[3].open_channels_mm3, 0.0) << "all channels closed after 3 days";
}

}  // namespace
}  // namespace dermasim
