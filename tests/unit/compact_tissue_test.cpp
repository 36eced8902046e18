// The time-lapse's half-precision snapshots keep every field to within 0.05 % of its difference from the
// untreated value, exactly where the tissue is untouched, in half the memory.
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include "engine/core/error.hpp"
#include "engine/sim/compact_tissue.hpp"
#include "engine/sim/heal_step.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/unit/heal_test_helpers.hpp"

namespace dermasim {
namespace {

// A treated patch healed for three days in 12 h steps, and a fresh channel: every field has moved somewhere, by
// amounts from nothing to whole units, and most of the grid is untouched below the channels.
TissueState healing_patch(const kernel::HealParams& params) {
    TissueState s = make_baseline_state(heal_test::make_test_grid(12, 8), params);
    for (int j = 0; j < 8; j += 2)
        for (int i = 0; i < 12; i += 3) heal_test::stamp_channel(s, i, j, 1.0f, 0.6f);
    s.at(Field::Serum, 5, 5, 0) = 0.8f;
    HealStepPlan plan;
    plan.dt_s = 12 * 3600.0;
    plan.diffuse_signal = plan.diffuse_fibroblasts = plan.diffuse_serum = true;
    for (int n = 0; n < 6; ++n) heal_step(s, params, plan);
    heal_test::stamp_channel(s, 1, 1, 0.5f, 0.3f);  // and a fresh channel
    return s;
}

TEST(CompactTissue, KeepsEveryDifferenceFromTheBaselineToHalfPrecision) {
    const kernel::HealParams params = test::source_catalog().heal.kernel;
    const TissueState state = healing_patch(params);
    const TissueState base = make_baseline_state(state.grid, params);
    const TissueState back = CompactTissue(state, params).expand();
    EXPECT_EQ(back.time_s, state.time_s);
    ASSERT_EQ(back.grid.voxel_count(), state.grid.voxel_count());
    for (int f = 0; f < kFieldCount; ++f) {
        int moved = 0;
        for (std::size_t v = 0; v < state.grid.voxel_count(); ++v) {
            const float value = state.fields[f][v], baseline = base.fields[f][v], kept = back.fields[f][v];
            if (value == baseline) {
                EXPECT_EQ(kept, value) << kFieldKeys[f] << " voxel " << v;
                continue;
            }
            ++moved;
            // Half the last of 11 significant bits of the difference, or of the smallest subnormal half.
            const float bound = std::ldexp(std::abs(value - baseline), -11) + 3e-8f + 1e-6f * std::abs(baseline);
            EXPECT_LE(std::abs(kept - value), bound) << kFieldKeys[f] << " voxel " << v << ": " << value;
        }
        EXPECT_GT(moved, 0) << kFieldKeys[f] << " never moved: the test would check nothing for it";
    }
}

TEST(CompactTissue, TakesHalfTheMemory) {
    const kernel::HealParams params = test::source_catalog().heal.kernel;
    const TissueState state = make_baseline_state(heal_test::make_test_grid(48, 48), params);  // the CI grid's size
    const std::size_t floats = state.grid.voxel_count() * kFieldCount * sizeof(float);
    const std::size_t kept = CompactTissue(state, params).bytes();
    EXPECT_LT(kept, floats * 51 / 100);
}

TEST(CompactTissue, AFieldThatDoesNotMatchTheGridIsAnError) {
    const kernel::HealParams params = test::source_catalog().heal.kernel;
    TissueState state = make_baseline_state(heal_test::make_test_grid(4, 4), params);
    state.field(Field::Serum).pop_back();
    EXPECT_THROW(CompactTissue(state, params), Error);
}

}  // namespace
}  // namespace dermasim
