// The consultation driven headless: each story step shows its scene, "for this client" shows the split and the
// course, and the week-by-week words follow the simulated curves, not a script.
#include <gtest/gtest.h>

#include "app/modes/consult_mode.hpp"
#include "app/modes/kiosk_score.hpp"
#include "app/modes/what_to_expect.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "app_test_support.hpp"

using namespace dermasim;
using app::ConsultMode;

namespace {

ConsultMode& consult(test::AppRig& rig) { return dynamic_cast<ConsultMode&>(rig.app->host().current()); }

HealingSample sample(double day, double erythema, double collagen) {
    HealingSample s;
    s.day = day;
    s.erythema = erythema;
    s.collagen_pct_papillary = collagen;
    return s;
}

}  // namespace

TEST(ConsultMode, EachStoryStepShowsItsScene) {
    test::AppRig rig({}, 0.1, "consult", "cheek");
    ConsultMode& c = consult(rig);
    SkinView view = rig.frame();
    EXPECT_TRUE(view.annotations);  // what skin is made of: untreated, its layers named
    EXPECT_FALSE(view.tissue);
    c.go_to(1);
    c.course().wait_until(0.0);
    view = rig.frame();
    EXPECT_TRUE(view.device.has_value());  // the roller, over its channels
    EXPECT_TRUE(view.micro.has_value());
    EXPECT_GT(view.punctures->size(), 100u);
    c.go_to(app::kStorySteps - 1);
    view = rig.frame();
    EXPECT_EQ(view.region.id, "thigh");  // cellulite: the whole depth of the thigh's fat is shown
    EXPECT_NEAR(view.fat_shown_mm, view.region.layers[int(Layer::Hypodermis)].mm, 1e-4);
    EXPECT_FALSE(view.tissue);
}

// Each step that shows the client's course shows the moment it names, and that moment shows what its caption
// says: a step 2.4 h after the treatment once showed the snapshot of the treatment itself (the course keeps one
// every 3 h on day 0), so "serum goes deeper" showed no serum and "afterwards the skin is red" no redness.
TEST(ConsultMode, StoryStepsShowTheMomentTheyName) {
    test::AppRig rig({}, 0.1, "consult", "cheek");
    ConsultMode& c = consult(rig);
    const HealParameters& params = test::catalog().heal;
    for (int i = 0; i < app::kStorySteps; ++i) {
        const app::StoryStep& step = app::kStory[i];
        if (step.day < 0 || step.day > 60) continue;  // untreated, or months in (too long a wait for a unit test)
        SCOPED_TRACE(std::string(step.title));
        c.go_to(i);
        c.course().wait_until(step.day);
        const SkinView view = rig.frame();
        ASSERT_TRUE(view.tissue);
        EXPECT_NEAR(view.tissue->time_s / 86400.0, step.day, 1e-6);
        const HealingSample shown = sample_healing(*view.tissue, params);
        switch (step.scene) {
            case app::StoryScene::Serum: EXPECT_GT(shown.serum_depth_um, 200.0); break;
            case app::StoryScene::Feeling: EXPECT_GT(shown.redness_max, params.control.erythema_visible); break;
            case app::StoryScene::Repair:
                EXPECT_GT(shown.collagen_pct_papillary, 0.5);  // the overlay's scale starts at +0.5 %
                EXPECT_TRUE(view.micro.has_value());           // where the new fibres are plain to see
                break;
            default: break;
        }
    }
}

TEST(ConsultMode, ForThisClientSplitsBeforeAndAfterAtTheChosenWeek) {
    test::AppRig rig({}, 0.1, "consult", "forehead");
    ConsultMode& c = consult(rig);
    c.set_protocol({"forehead", 1, 28, 0.5f});
    c.go_to(app::kStorySteps);
    c.set_client_view(ConsultMode::ClientView::BeforeAfter);
    c.set_compare_day(7);
    c.course().wait_until(7);
    const SkinView view = rig.frame();
    ASSERT_TRUE(view.before_after_split.has_value());
    EXPECT_FLOAT_EQ(*view.before_after_split, 0.5f);
    ASSERT_TRUE(view.tissue);
    // The window's player keeps thinned snapshots: the latest at or before the day, within a day or two.
    EXPECT_LE(view.tissue->time_s / 86400.0, 7.0 + 1e-6);
    EXPECT_GE(view.tissue->time_s / 86400.0, 5.0);
    EXPECT_EQ(view.region.id, "forehead");
}

TEST(WhatToExpect, WordsFollowTheCurves) {
    // Redness at its peak on day 0, gone by week 2; collagen rising to 10 % by week 6, half of it by week 3.
    std::vector<HealingSample> curves;
    for (int d = 0; d <= 42; ++d)
        curves.push_back(sample(d, d < 2 ? 1.0 - 0.4 * d : 0.0, std::min(10.0, d * 10.0 / 42.0 * 2.0)));
    const auto rows = app::what_to_expect(curves, 1, 28, 26);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.front().first_week, 1);
    EXPECT_NE(rows.front().text.find("Session 1"), std::string::npos);
    EXPECT_NE(rows.front().text.find("red and warm"), std::string::npos);
    // Only the simulated weeks are described.
    EXPECT_EQ(rows.back().last_week, 6);
    int results_week = 0;
    for (const auto& r : rows)
        if (r.text.find("half of the new collagen is in place") != std::string::npos) results_week = r.first_week;
    EXPECT_EQ(results_week, 2);  // collagen passes 5 % (half of the final 10 %) during week 2
    // A slower course moves the words with it.
    for (auto& s : curves) s.collagen_pct_papillary = s.day * 10.0 / 42.0;
    int slower = 0;
    for (const auto& r : app::what_to_expect(curves, 1, 28, 26))
        if (r.text.find("half of the new collagen is in place") != std::string::npos) slower = r.first_week;
    EXPECT_EQ(slower, 4);
}

TEST(KioskScore, CoverageAndEvennessMakeTheStars) {
    PunctureList none;
    EXPECT_EQ(app::score_try(none, 20.0f).stars, 1);
    PunctureList everywhere;
    for (float x = 0.5f; x < 20.0f; x += 1.0f)
        for (float y = 0.5f; y < 20.0f; y += 1.0f) everywhere.push_back(Puncture{{x, y}});
    const app::TryScore full = app::score_try(everywhere, 20.0f);
    EXPECT_NEAR(full.coverage, 1.0, 1e-9);
    EXPECT_EQ(full.stars, 5);
    PunctureList strip;
    for (float x = 0.5f; x < 20.0f; x += 1.0f) strip.push_back(Puncture{{x, 10.5f}});
    const app::TryScore line = app::score_try(strip, 20.0f);
    EXPECT_NEAR(line.coverage, 0.1, 1e-9);
    EXPECT_LT(line.stars, full.stars);
}
