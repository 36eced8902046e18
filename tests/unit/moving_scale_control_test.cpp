// Dynamic resolution for moving pictures (engine/render/moving_scale_control.hpp), against a frame-time model:
// a fixed cost plus a cost per pixel, pixels going with the scale squared.
#include <gtest/gtest.h>
#include <algorithm>
#include <random>
#include <vector>
#include "engine/core/error.hpp"
#include "engine/render/moving_scale_control.hpp"

namespace dermasim {
namespace {

constexpr double kTargetMs = 28.0;

double frame_ms(double fixed_ms, double full_size_ms, float scale) { return fixed_ms + full_size_ms * scale * scale; }

// Runs `frames` moving frames of a view costing fixed + full_size x scale^2, from `start`.
float settle(double fixed_ms, double full_size_ms, int frames = 60, float start = 0.5f) {
    MovingScaleControl control(start, 0.25f, 1.0f, kTargetMs);
    for (int i = 0; i < frames; ++i) control.frame(frame_ms(fixed_ms, full_size_ms, control.scale()), true);
    return control.scale();
}

// A shared, noisy machine: each frame's time off the model by up to `noise` either way (fixed seed).
struct NoisyView {
    double fixed_ms, full_size_ms;
};
struct NoisyRun {
    std::vector<float> scales;
    std::vector<double> times;
};
NoisyRun run_noisy(MovingScaleControl& control, NoisyView view, int frames, double noise, std::mt19937& random) {
    std::uniform_real_distribution<double> off(1.0 - noise, 1.0 + noise);
    NoisyRun run;
    for (int i = 0; i < frames; ++i) {
        const double ms = frame_ms(view.fixed_ms, view.full_size_ms, control.scale()) * off(random);
        run.scales.push_back(control.scale());
        run.times.push_back(ms);
        control.frame(ms, true);
    }
    return run;
}
template <typename T>
T median_of_last(std::vector<T> values, size_t last) {
    values.erase(values.begin(), values.end() - std::min(last, values.size()));
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

TEST(MovingScaleControl, AnExpensiveViewSettlesNearTheTarget) {
    // The magnified cut on lavapipe: about 160 ms a frame at full size.
    const float scale = settle(12.0, 160.0);
    EXPECT_LT(scale, 0.5f);
    EXPECT_NEAR(frame_ms(12.0, 160.0, scale), kTargetMs, 0.15 * kTargetMs);
}

TEST(MovingScaleControl, ACheapViewRisesToFullSize) {
    EXPECT_FLOAT_EQ(settle(5.0, 15.0), 1.0f);
}

TEST(MovingScaleControl, AViewThatCannotMeetTheTargetStopsAtTheLowestScale) {
    EXPECT_FLOAT_EQ(settle(40.0, 300.0), 0.25f);
}

// A playing time-lapse: each new day's frame spends 40 ms expanding and uploading its snapshot (more than the
// target on its own) and 8 ms on pixels at full size. Lowering the scale would only blur it.
TEST(MovingScaleControl, FramesSlowForReasonsOtherThanPixelsAreDrawnSharp) {
    EXPECT_FLOAT_EQ(settle(40.0, 8.0), 1.0f);
    // From the lowest scale too, where every frame is drawn at one scale and nothing yet tells the parts apart.
    EXPECT_FLOAT_EQ(settle(40.0, 8.0, 80, 0.25f), 1.0f);
}

TEST(MovingScaleControl, WhereFixedCostsMissTheTargetPixelsGetAThirdOfIt) {
    const float scale = settle(30.0, 60.0);
    EXPECT_NEAR(60.0 * scale * scale, kTargetMs / 3.0, 0.1 * kTargetMs);
}

TEST(MovingScaleControl, OnANoisyMachineAnExpensiveViewStillHoldsTheTarget) {
    std::mt19937 random(7);
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    const NoisyRun run = run_noisy(control, {12.0, 160.0}, 300, 0.3, random);
    EXPECT_NEAR(median_of_last(run.times, 200), kTargetMs, 0.2 * kTargetMs);
}

TEST(MovingScaleControl, OnANoisyMachineATimeLapseStaysSharp) {
    std::mt19937 random(11);
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    const NoisyRun run = run_noisy(control, {40.0, 8.0}, 300, 0.3, random);
    EXPECT_GE(median_of_last(run.scales, 200), 0.85f);
}

TEST(MovingScaleControl, FromATimeLapseToAnExpensiveOrbitTheTargetIsBackWithinAFewFrames) {
    std::mt19937 random(3);
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    run_noisy(control, {40.0, 8.0}, 100, 0.1, random);
    const NoisyRun orbit = run_noisy(control, {12.0, 160.0}, 30, 0.1, random);
    EXPECT_LE(median_of_last(orbit.times, 15), 1.2 * kTargetMs);
}

TEST(MovingScaleControl, StillFramesLeaveTheScaleAlone) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    EXPECT_FLOAT_EQ(control.frame(500.0, false), 0.5f);
    EXPECT_FLOAT_EQ(control.frame(1.0, false), 0.5f);
}

TEST(MovingScaleControl, OneSlowFrameLowersTheScaleByAFifthAtMost) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    EXPECT_FLOAT_EQ(control.frame(2000.0, true), 0.4f);
    EXPECT_FLOAT_EQ(control.frame(1.0, true), 0.5f);  // and a fast one raises it by a quarter at most
}

TEST(MovingScaleControl, OneSlowFrameAmongOthersLeavesTheScaleAlone) {
    MovingScaleControl control(1.0f, 0.25f, 1.0f, kTargetMs);
    for (int i = 0; i < 3; ++i) control.frame(14.0, true);
    EXPECT_FLOAT_EQ(control.frame(200.0, true), 1.0f) << "a page fault lowered a cheap view's scale";
    EXPECT_FLOAT_EQ(control.frame(14.0, true), 1.0f);
    control.frame(200.0, true);
    EXPECT_LT(control.frame(200.0, true), 1.0f) << "two slow frames of three did not lower it";
}

TEST(MovingScaleControl, AFrameJustUnderTheBandRaisesTheScaleByATenthAtMost) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    EXPECT_FLOAT_EQ(control.frame(kTargetMs * 0.6, true), 0.55f);
}

TEST(MovingScaleControl, AFarCheaperViewRecoversFromTheLowestScaleInAFewMovingFrames) {
    // A time-lapse after the frames that waited behind the healing: few frames move, each must count.
    MovingScaleControl control(0.25f, 0.25f, 1.0f, kTargetMs);
    int frames = 0;
    while (control.scale() < 1.0f && frames < 100) {
        control.frame(frame_ms(5.0, 15.0, control.scale()), true);
        ++frames;
    }
    EXPECT_LE(frames, 7);
}

TEST(MovingScaleControl, NearTheTargetItHoldsStill) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    EXPECT_FLOAT_EQ(control.frame(kTargetMs * 1.1, true), 0.5f);
    EXPECT_FLOAT_EQ(control.frame(kTargetMs * 0.9, true), 0.5f);
}

TEST(MovingScaleControl, BadSettingsAreAnError) {
    EXPECT_THROW(MovingScaleControl(0.5f, 0.1f, 1.0f, kTargetMs), Error);
    EXPECT_THROW(MovingScaleControl(0.2f, 0.25f, 1.0f, kTargetMs), Error);
    EXPECT_THROW(MovingScaleControl(0.5f, 0.25f, 1.5f, kTargetMs), Error);
    EXPECT_THROW(MovingScaleControl(0.5f, 0.25f, 1.0f, 0.0), Error);
}

}  // namespace
}  // namespace dermasim
