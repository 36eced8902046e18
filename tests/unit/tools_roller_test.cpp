// Roller kinematics: rolling without slipping turns the drum s / R, so a pass of known length punctures as
// often as the drum geometry says; needles enter at an angle; nothing lands beyond the block.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>
#include "engine/core/error.hpp"
#include "engine/skin/tissue_grid.hpp"
#include "engine/tools/pen_kinematics.hpp"
#include "engine/tools/roller_kinematics.hpp"

#include "tests/unit/tools_test_region.hpp"

using namespace dermasim;

namespace {
using tools_test::cheek;

PunctureList roll(RollerKinematics& k, glm::vec2 from, glm::vec2 to, int steps, float pressure = 0.5f,
                  double t0 = 0, double duration = 1) {
    PunctureList all;
    k.begin_pass(from, t0);
    for (int s = 1; s <= steps; ++s) {
        const float u = float(s) / steps;
        auto step = k.move_to(from + u * (to - from), t0 + u * duration, pressure);
        all.insert(all.end(), step.begin(), step.end());
    }
    k.lift();
    return all;
}
}  // namespace

TEST(ToolsRoller, StraightPassGivesTheEntriesTheDrumGeometryPredicts) {
    RollerSpec spec;
    RollerKinematics k(spec, cheek());
    const float length = 15.0f;
    const PunctureList p = roll(k, {2.5f, 10}, {2.5f + length, 10}, 1);
    const double circumference = std::numbers::pi * spec.drum_diameter_mm;
    const double per_ring = spec.needles_per_ring * length / circumference;
    std::map<int, int> per_ring_count;
    for (const auto& q : p) ++per_ring_count[int(q.needle) / spec.needles_per_ring];
    for (int ring = 0; ring < spec.rings; ++ring)
        EXPECT_LE(std::abs(per_ring_count[ring] - per_ring), 1.0) << "ring " << ring;
    EXPECT_LE(std::abs(double(p.size()) - spec.rings * per_ring), spec.rings);
    EXPECT_NEAR(k.stats().distance_mm, length, 1e-4);
    EXPECT_EQ(k.stats().passes, 1);
    EXPECT_EQ(k.stats().punctures, p.size());
}

TEST(ToolsRoller, FrameByFrameFeedMatchesOneLongMove) {
    RollerKinematics a(RollerSpec{}, cheek()), b(RollerSpec{}, cheek());
    const PunctureList one = roll(a, {1, 4}, {19, 16}, 1);
    const PunctureList many = roll(b, {1, 4}, {19, 16}, 97);
    ASSERT_EQ(one.size(), many.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        EXPECT_EQ(one[i].needle, many[i].needle);
        EXPECT_NEAR(one[i].surface_mm.x, many[i].surface_mm.x, 1e-3f);
        EXPECT_NEAR(one[i].surface_mm.y, many[i].surface_mm.y, 1e-3f);
        EXPECT_NEAR(one[i].time_s, many[i].time_s, 1e-6);
    }
}

TEST(ToolsRoller, NeedleEntersAheadAndItsTipEndsUnderTheContactLine) {
    RollerSpec spec;
    spec.needle.length_mm = 1.5f;
    RollerKinematics k(spec, cheek());
    const PunctureList p = roll(k, {3, 10}, {17, 10}, 10);
    ASSERT_FALSE(p.empty());
    for (const auto& q : p) {
        EXPECT_LT(q.tilt.x, 0.0f);  // moving +x, the tip sweeps back
        EXPECT_NEAR(q.tilt.y, 0.0f, 1e-6f);
        const float ahead = rolling_entry_offset_mm(0.5f * spec.drum_diameter_mm, q.depth_mm);
        EXPECT_NEAR(-q.tilt.x * q.depth_mm, ahead, 1e-5f);
        EXPECT_GT(ahead, 0.0f);
        EXPECT_LT(ahead, q.depth_mm);  // a shallow angle, not a slice
    }
}

TEST(ToolsRoller, NoChannelBeyondTheBlock) {
    RollerKinematics k(RollerSpec{}, cheek());
    // Rolled diagonally, starting and ending beside the patch: half the drum hangs off it.
    const PunctureList p = roll(k, {-8, -8}, {28, 28}, 40);
    ASSERT_FALSE(p.empty());
    for (const auto& q : p) EXPECT_TRUE(on_patch(q.surface_mm)) << q.surface_mm.x << "," << q.surface_mm.y;
    // And the same roll with the drum across the far edge keeps fewer punctures than one wholly on the patch.
    RollerKinematics inside(RollerSpec{}, cheek()), edge(RollerSpec{}, cheek());
    EXPECT_LT(roll(edge, {5, 20}, {15, 20}, 1).size(), roll(inside, {5, 10}, {15, 10}, 1).size());
}

TEST(ToolsRoller, LiftedOrUnpressedRollerMakesNoChannels) {
    RollerKinematics k(RollerSpec{}, cheek());
    k.begin_pass({2, 10}, 0);
    k.lift();
    EXPECT_TRUE(k.move_to({18, 10}, 1, 0.5f).empty());
    k.begin_pass({2, 10}, 1);
    EXPECT_TRUE(k.move_to({18, 10}, 2, 0.0f).empty());
    EXPECT_FALSE(k.move_to({2, 10}, 3, 0.5f).empty());  // rolled back with pressure
}

TEST(ToolsRoller, RollingBackTurnsTheDrumBack) {
    RollerKinematics k(RollerSpec{}, cheek());
    k.begin_pass({5, 10}, 0);
    k.move_to({15, 10}, 1, 0.5f);
    const double forward = k.drum_angle_rad();
    EXPECT_NEAR(forward, 10.0 / 10.0, 1e-5);  // s / R
    EXPECT_NEAR(k.stats().direction.x, 1.0f, 1e-6f);
    const PunctureList back = k.move_to({5, 10}, 2, 0.5f);
    EXPECT_NEAR(k.drum_angle_rad(), 0.0, 1e-5);
    EXPECT_NEAR(k.stats().direction.x, 1.0f, 1e-6f);  // heading kept, drum turned back
    for (const auto& q : back) EXPECT_GT(q.tilt.x, 0.0f);
    EXPECT_NEAR(k.stats().distance_mm, 20.0, 1e-4);
}

TEST(ToolsRoller, FixedHeadingSkidsSidewaysWithoutTurning) {
    RollerKinematics k(RollerSpec{}, cheek());
    k.begin_pass({10, 5}, 0, glm::vec2(1, 0));
    EXPECT_TRUE(k.move_to({10, 15}, 1, 0.5f).empty());
    EXPECT_NEAR(k.drum_angle_rad(), 0.0, 1e-9);
}

TEST(ToolsRoller, BadInputIsAnError) {
    RollerKinematics k(RollerSpec{}, cheek());
    k.begin_pass({5, 5}, 1);
    EXPECT_THROW(k.move_to({std::nanf(""), 5}, 2, 0.5f), Error);
    EXPECT_THROW(k.move_to({6, 5}, 0.5, 0.5f), Error);  // time going back
    EXPECT_THROW(k.move_to({6, 5}, 2, 1.5f), Error);
    EXPECT_THROW(k.begin_pass({5, 5}, 3, glm::vec2(0, 0)), Error);
}

TEST(ToolsPen, StampsAllNeedlesAtItsRate) {
    PenSpec spec;
    PenKinematics k(spec, cheek());
    k.begin_pass({10, 10}, 0);
    PunctureList p;
    for (int f = 1; f <= 60; ++f) {  // one second of 60 Hz frames, held still
        auto step = k.move_to({10, 10}, f / 60.0, 0.5f);
        p.insert(p.end(), step.begin(), step.end());
    }
    EXPECT_EQ(p.size(), std::size_t(spec.stamp_hz) * spec.needle_count);
    for (const auto& q : p) {
        EXPECT_EQ(q.tilt, glm::vec2(0));
        EXPECT_LE(q.depth_mm, spec.depth_setting_mm);
    }
}

TEST(ToolsPen, StampPositionsAreInterpolatedAlongThePath) {
    PenSpec spec;
    spec.needle_count = 1;
    PenKinematics k(spec, cheek());
    k.begin_pass({5, 10}, 0);
    const PunctureList p = k.move_to({15, 10}, 1.0, 0.5f);  // 10 mm in 1 s: one stamp per 0.1 mm at 100 Hz
    ASSERT_EQ(p.size(), std::size_t(spec.stamp_hz));
    for (const auto& q : p) EXPECT_NEAR(q.surface_mm.x, 5.0 + 10.0 * q.time_s, 1e-3);
    k.lift();
    EXPECT_TRUE(k.move_to({15, 12}, 2.0, 0.5f).empty());
}
