// Dynamic resolution for moving pictures (engine/render/moving_scale_control.hpp), against a frame-time model:
// a fixed cost plus a cost per pixel, pixels going with the scale squared.
#include <gtest/gtest.h>
#include "engine/core/error.hpp"
#include "engine/render/moving_scale_control.hpp"

namespace dermasim {
namespace {

constexpr double kTargetMs = 28.0;

double frame_ms(double fixed_ms, double full_size_ms, float scale) { return fixed_ms + full_size_ms * scale * scale; }

// Runs `frames` moving frames of a view costing fixed + full_size x scale^2, from half size.
float settle(double fixed_ms, double full_size_ms, int frames = 60) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs);
    for (int i = 0; i < frames; ++i) control.frame(frame_ms(fixed_ms, full_size_ms, control.scale()), true);
    return control.scale();
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
