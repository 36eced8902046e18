// One answer whatever the grid or step (issue 9, docs/MODEL.md "Convergence"): the reported times and the
// calibrated collagen gain must not depend on the numerical resolution by more than 10 %.
//  - In the suite: every step (dt_channels, dt_inflammation, dt_proliferation, dt_remodelling) refined 4x
//    against the shipped steps, on the small uniform grid of the literature tests (seconds).
//  - In the suite too: the same injury in fewer, finer columns (seconds), and the real pipeline's redness on the
//    CI grid with 4x finer steps (tens of seconds).
//  - Behind DISABLED_ (run with scripts/convergence.sh, many minutes on 2 cores): the medium grid against the CI
//    grid, eight weeks; and the Lotfi protocol (five monthly sessions) within 2 % of its run with 4x finer steps.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include "engine/core/catalog.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "engine/sim/timeline.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/unit/heal_test_helpers.hpp"

namespace dermasim {
namespace {

constexpr double kDay = 86400.0;

Catalog with_steps_refined(int factor) {
    Catalog c = test::source_catalog();
    HealControl& k = c.heal.control;
    k.dt_channels_s /= factor, k.dt_inflammation_s /= factor, k.dt_proliferation_s /= factor;
    k.dt_session_start_s /= factor;
    k.dt_remodelling_s /= factor;
    return c;
}

HealingMetrics heal(const Catalog& catalog, Quality quality, float needle_mm, int passes, double days,
                    int sessions = 1) {
    TreatmentPlanOptions plan;
    plan.needle_mm = needle_mm;
    plan.passes = passes;
    TreatmentRequest r;
    r.region = catalog.regions.find("cheek");
    r.script = make_treatment_plan(plan, catalog.roller, catalog.pen);
    r.quality = quality;
    r.days = days;
    r.sessions = sessions;
    r.sample_hours = 24;
    return *run_treatment(catalog, r).healing;
}

double fold_on(const HealingMetrics& m, double day) {
    for (const HealingSample& s : m.curves)
        if (std::abs(s.day - day) < 1e-6) return s.fibroblasts_fold;
    ADD_FAILURE() << "no sample on day " << day;
    return 0;
}

void expect_within(double value, double reference, double tolerance, const char* what) {
    std::printf("%-28s %10.3f vs %10.3f (%+.1f %%)\n", what, value, reference, 100.0 * (value / reference - 1));
    EXPECT_NEAR(value, reference, tolerance * std::abs(reference)) << what;
}

// One 1.5 mm-like session (0.79 mm channels) stamped into a column grid, healed for 8 weeks: evenly into every
// column, or, with `every` > 1, into every `every`-th column in x and y with as much more injury each, as a
// finer grid holds the same channels in fewer, smaller columns.
HealingMetrics heal_uniform(const HealParameters& params, const TissueGrid& grid, int every = 1) {
    TissueState state = make_baseline_state(grid, params.kernel);
    const TimelineOptions opts = monthly_protocol(1, 28 * kDay, 56 * kDay, kDay);
    HealingRecorder recorder(params);
    run_timeline(state, params, opts, [&](TissueState& s, int) {
        for (int j = 0; j < grid.ny; j += every)
            for (int i = 0; i < grid.nx; i += every)
                heal_test::stamp_channel(s, i, j, 0.79f, params.kernel.injury_reference * every * every);
    }, &recorder);
    return recorder.finish();
}
HealingMetrics heal_uniform(const HealParameters& params) {
    return heal_uniform(params, heal_test::make_test_grid(4, 4));
}

void expect_same_answer(const HealingMetrics& fine, const HealingMetrics& shipped) {
    ASSERT_GT(shipped.redness_visible_h, 0.0);
    expect_within(fine.channel_closure_h, shipped.channel_closure_h, 0.10, "channel_closure_h");
    expect_within(fine.redness_visible_h, shipped.redness_visible_h, 0.10, "redness_visible_h");
    expect_within(fold_on(fine, 3), fold_on(shipped, 3), 0.10, "fibroblasts_fold day 3");
    expect_within(fine.curves.back().collagen_pct_papillary, shipped.curves.back().collagen_pct_papillary, 0.10,
                  "papillary collagen % day 56");
    expect_within(fine.curves.back().epidermis_pct, shipped.curves.back().epidermis_pct, 0.10, "epidermis % day 56");
}

}  // namespace

TEST(HealConvergence, StepsRefined4xGiveTheSameAnswer) {
    const HealingMetrics shipped = heal_uniform(test::source_catalog().heal);
    const HealingMetrics fine = heal_uniform(with_steps_refined(4).heal);
    ASSERT_GT(shipped.redness_visible_h, 0.0);
    expect_within(fine.channel_closure_h, shipped.channel_closure_h, 0.10, "channel_closure_h");
    expect_within(fine.redness_visible_h, shipped.redness_visible_h, 0.10, "redness_visible_h");
    expect_within(fine.sessions[0].erythema_peak, shipped.sessions[0].erythema_peak, 0.10, "erythema_peak");
    expect_within(fold_on(fine, 3), fold_on(shipped, 3), 0.10, "fibroblasts_fold day 3");
    expect_within(fine.curves.back().collagen_pct_papillary, shipped.curves.back().collagen_pct_papillary, 0.10,
                  "papillary collagen % day 56");
}

// Depth resolution: the medium preset's 0.015 mm slices against the CI preset's 0.025 mm (measured: within 0.2 %).
TEST(HealConvergence, FinerSlicesGiveTheSameAnswer) {
    const HealParameters& params = test::source_catalog().heal;
    expect_same_answer(heal_uniform(params, heal_test::make_test_grid(4, 4, 0.42f, 0.015f)),
                       heal_uniform(params, heal_test::make_test_grid(4, 4)));
}

// Lateral resolution: a channel is a thin line source, and the finer the columns, the more of its injury one
// column holds. The same injury in a third of the columns (in each direction) of a grid 3x finer, as the medium
// grid sees the real stamp, must give the same fibroblasts, collagen and epidermis: the signal is released,
// decays and spreads in one implicit solve, so what the cells see is spread over its screening length
// sqrt(D_S / k_S) ~ 1 mm, not held in the column (before that change: collagen -28 %, epidermis -30 %). Not
// compared: the redness time, which is the reddest column's: point sources 0.42 mm apart leave a reddest column
// that a uniform injury has not (the real medium grid against the CI grid, below, agrees within 10 %).
TEST(HealConvergence, InjuryHeldInFewerFinerColumnsGivesTheSameCellsAndMatrix) {
    const HealParameters& params = test::source_catalog().heal;
    const HealingMetrics fine = heal_uniform(params, heal_test::make_test_grid(12, 12, 0.14f), 3);
    const HealingMetrics shipped = heal_uniform(params, heal_test::make_test_grid(4, 4));
    expect_within(fine.channel_closure_h, shipped.channel_closure_h, 0.10, "channel_closure_h");
    expect_within(fold_on(fine, 3), fold_on(shipped, 3), 0.10, "fibroblasts_fold day 3");
    expect_within(fine.curves.back().collagen_pct_papillary, shipped.curves.back().collagen_pct_papillary, 0.10,
                  "papillary collagen % day 56");
    expect_within(fine.curves.back().epidermis_pct, shipped.curves.back().epidermis_pct, 0.10, "epidermis % day 56");
}

// The real pipeline (plan, kinematics, stamp) on the CI grid, 1.0 mm x 8 passes, two days: the redness time and
// its peak with every step 4x finer (before the signal's decay moved into its line solves: -16 %).
TEST(HealConvergence, StepsRefined4xGiveTheSameRednessOnTheCiGrid) {
    const HealingMetrics shipped = heal(test::source_catalog(), Quality::Ci, 1.0f, 8, 2.0);
    const HealingMetrics fine = heal(with_steps_refined(4), Quality::Ci, 1.0f, 8, 2.0);
    ASSERT_GT(shipped.redness_visible_h, 0.0);
    expect_within(fine.channel_closure_h, shipped.channel_closure_h, 0.10, "channel_closure_h");
    expect_within(fine.redness_visible_h, shipped.redness_visible_h, 0.10, "redness_visible_h");
    expect_within(fine.sessions[0].erythema_peak, shipped.sessions[0].erythema_peak, 0.10, "erythema_peak");
}

TEST(HealConvergence, DISABLED_MediumGridGivesTheSameTimesAndCollagenAsTheCiGrid) {
    const Catalog& c = test::source_catalog();
    const HealingMetrics ci = heal(c, Quality::Ci, 1.5f, 16, 56.0);
    const HealingMetrics medium = heal(c, Quality::Medium, 1.5f, 16, 56.0);
    expect_within(medium.channel_closure_h, ci.channel_closure_h, 0.10, "channel_closure_h");
    expect_within(medium.redness_visible_h, ci.redness_visible_h, 0.10, "redness_visible_h");
    expect_within(fold_on(medium, 3), fold_on(ci, 3), 0.10, "fibroblasts_fold day 3");
    expect_within(medium.curves.back().collagen_pct_papillary, ci.curves.back().collagen_pct_papillary, 0.10,
                  "papillary collagen % day 56");
    const HealingMetrics fine = heal(with_steps_refined(4), Quality::Ci, 1.5f, 16, 56.0);
    expect_within(fine.curves.back().collagen_pct_papillary, ci.curves.back().collagen_pct_papillary, 0.10,
                  "collagen % day 56, steps/4");
}

// Issue 10's accuracy target: the Lotfi protocol (1.5 mm, 16 passes, monthly x 5, 56 days after the last) on the
// CI grid, every reported figure within 2 % of the same run with every step 4x finer. Measured 30 Nov 2026 with
// 4 h steps while red and the release's exact means (2 min on 2 cores): collagen +0.8 %, epidermis +0.8 %,
// redness time -0.8 %, redness resolved +0.3 %, its peak +0.1 %, closure +0.1 % (docs/MODEL.md, Convergence).
TEST(HealConvergence, DISABLED_LotfiProtocolWithin2PercentOfStepsRefined4x) {
    const HealingMetrics shipped = heal(test::source_catalog(), Quality::Ci, 1.5f, 16, 56.0, 5);
    const HealingMetrics fine = heal(with_steps_refined(4), Quality::Ci, 1.5f, 16, 56.0, 5);
    ASSERT_GT(shipped.redness_visible_h, 0.0);
    expect_within(shipped.channel_closure_h, fine.channel_closure_h, 0.02, "channel_closure_h");
    expect_within(shipped.redness_visible_h, fine.redness_visible_h, 0.02, "redness_visible_h");
    expect_within(shipped.erythema_resolved_h, fine.erythema_resolved_h, 0.02, "erythema_resolved_h");
    expect_within(shipped.sessions[0].erythema_peak, fine.sessions[0].erythema_peak, 0.02, "erythema_peak");
    expect_within(shipped.curves.back().collagen_pct_papillary, fine.curves.back().collagen_pct_papillary, 0.02,
                  "papillary collagen % end");
    expect_within(shipped.curves.back().epidermis_pct, fine.curves.back().epidermis_pct, 0.02, "epidermis % end");
}

}  // namespace dermasim
