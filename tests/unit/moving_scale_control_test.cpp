// Dynamic resolution for moving pictures (engine/render/moving_scale_control.hpp), against a frame-time model:
// a fixed cost plus a cost per pixel, pixels going with the scale squared, the pixels' GPU time reported two
// frames late as the window's two frame slots report it.
#include <gtest/gtest.h>
#include <algorithm>
#include <cmath>
#include <deque>
#include <random>
#include <utility>
#include <vector>
#include "engine/core/error.hpp"
#include "engine/render/moving_scale_control.hpp"

namespace dermasim {
namespace {

constexpr double kTargetMs = 28.0;
constexpr size_t kLate = 2;  // frames between a frame and its measurement: the window's frame slots

// Moving frames of a view costing fixed + full_size x scale^2.
struct View {
    double fixed_ms, full_size_ms;
};
struct Frames {
    std::vector<float> scales;  // each frame's scale
    std::vector<double> times;
};

// A window's frames into a control: each off the model by up to `noise` either way (a shared, noisy machine;
// the noise from std::mt19937's own numbers, which every standard library gives alike), its pixels' time
// (off by as much, separately) reported kLate frames later, unless the device measures nothing.
class Window {
public:
    explicit Window(float start, bool measures = true)
        : control(start, 0.25f, 1.0f, kTargetMs, measures), measures_(measures) {}

    Frames run(View view, int frames, double noise = 0.0, uint32_t seed = 1) {
        std::mt19937 random(seed);
        auto off = [&] { return 1.0 + noise * (2.0 * random() / 4294967296.0 - 1.0); };
        Frames out;
        for (int i = 0; i < frames; ++i) {
            const float scale = control.scale();
            const double pixels = view.full_size_ms * scale * scale;
            const double ms = (view.fixed_ms + pixels) * off();
            pending_.push_back({pixels * off(), scale});
            if (pending_.size() > kLate) {
                if (measures_) control.pixels_measured(pending_.front().first, pending_.front().second);
                pending_.pop_front();
            }
            out.scales.push_back(scale);
            out.times.push_back(ms);
            control.frame(ms, true);
        }
        return out;
    }

    MovingScaleControl control;

private:
    bool measures_;
    std::deque<std::pair<double, float>> pending_;  // pixels' ms and scale, not yet reported
};

Frames run_from(float start, View view, int frames, double noise = 0.0, uint32_t seed = 1) {
    return Window(start).run(view, frames, noise, seed);
}
template <typename T>
std::vector<T> last(std::vector<T> values, size_t n) {
    values.erase(values.begin(), values.end() - long(std::min(n, values.size())));
    return values;
}
template <typename T>
T median(std::vector<T> values) {
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    return values[values.size() / 2];
}
template <typename T>
T least(const std::vector<T>& values) { return *std::min_element(values.begin(), values.end()); }
template <typename T>
T most(const std::vector<T>& values) { return *std::max_element(values.begin(), values.end()); }

// The magnified cut on lavapipe: about 160 ms a frame at full size.
constexpr View kMagnified{12.0, 160.0};
// A playing time-lapse: each new day's frame spends 40 ms expanding and uploading its snapshot (more than the
// target on its own) and 8 ms on pixels at full size. Lowering the scale would only blur it.
constexpr View kTimeLapse{40.0, 8.0};
constexpr View kCheapOrbit{5.0, 15.0};

TEST(MovingScaleControl, AnExpensiveViewSettlesNearTheTarget) {
    for (double t : last(run_from(0.5f, kMagnified, 60).times, 40)) EXPECT_NEAR(t, kTargetMs, 0.15 * kTargetMs);
}

TEST(MovingScaleControl, ACheapViewRisesToFullSize) {
    EXPECT_EQ(least(last(run_from(0.5f, kCheapOrbit, 60).scales, 40)), 1.0f);
}

TEST(MovingScaleControl, AViewThatCannotMeetTheTargetStaysAtTheLowestScale) {
    EXPECT_EQ(most(last(run_from(0.5f, {40.0, 300.0}, 200).scales, 170)), 0.25f);
}

TEST(MovingScaleControl, FramesSlowForReasonsOtherThanPixelsAreDrawnSharp) {
    for (float start : {0.5f, 0.25f})
        EXPECT_EQ(least(last(run_from(start, kTimeLapse, 100).scales, 80)), 1.0f) << "from " << start;
}

TEST(MovingScaleControl, WhereFixedCostsMissTheTargetPixelsGetAThirdOfIt) {
    const float scale = run_from(0.5f, {30.0, 60.0}, 60).scales.back();
    EXPECT_NEAR(60.0 * scale * scale, kTargetMs / 3.0, 0.1 * kTargetMs);
}

TEST(MovingScaleControl, OnANoisyMachineAnExpensiveViewStillHoldsTheTarget) {
    for (uint32_t seed = 1; seed <= 5; ++seed)
        EXPECT_NEAR(median(last(run_from(0.5f, kMagnified, 300, 0.3, seed).times, 200)), kTargetMs, 0.2 * kTargetMs)
            << "seed " << seed;
}

TEST(MovingScaleControl, OnANoisyMachineATimeLapseStaysSharp) {
    // Where the control that took every frame's time for pixels sat at the lowest scale (0.25) throughout.
    for (uint32_t seed = 1; seed <= 5; ++seed) {
        const std::vector<float> scales = last(run_from(0.5f, kTimeLapse, 300, 0.3, seed).scales, 250);
        EXPECT_GE(least(scales), 0.8f) << "seed " << seed;
        EXPECT_EQ(median(scales), 1.0f) << "seed " << seed;
    }
}

// The year being computed: its first frames wait behind heal steps, 60 ms more at first and a fifth less each
// frame, whatever their scale; then a frame costs 24 ms of fixed work and 8 of pixels at full size. The waits
// are not pixels: the scale must not fall for them (the fitted control took them for pixels while the scale
// fell, and in one window run of two held the year at a third of full size).
TEST(MovingScaleControl, FramesSlowForAWhileForAnotherReasonDoNotLowerTheScale) {
    for (uint32_t seed = 1; seed <= 5; ++seed) {
        Window window(0.5f);
        std::vector<float> waiting;
        for (int i = 0; i < 30; ++i)
            waiting.push_back(window.run({24.0 + 60.0 * std::pow(0.8, i), 8.0}, 1, 0.1, seed * 100 + i).scales[0]);
        EXPECT_GE(least(waiting), 0.5f) << "seed " << seed;
        EXPECT_EQ(least(last(waiting, 20)), 1.0f) << "seed " << seed;
        EXPECT_EQ(least(window.run({24.0, 8.0}, 100, 0.1, seed).scales), 1.0f) << "seed " << seed;
    }
}

// The trainee leaves one view for another: within a few frames, frames near the target again.
TEST(MovingScaleControl, AfterAChangeOfViewTheTargetIsBackWithinAFewFrames) {
    struct Change {
        const char* what;
        View from, to;
    };
    for (const Change& c : {Change{"time-lapse to the magnified cut", kTimeLapse, kMagnified},
                            Change{"time-lapse to a view a quarter dearer", kTimeLapse, {12.0, 50.0}},
                            Change{"cheap orbit to the magnified cut", kCheapOrbit, kMagnified},
                            Change{"magnified cut to a cheap orbit", kMagnified, kCheapOrbit}}) {
        Window window(0.5f);
        window.run(c.from, 100, 0.1, 3);
        const Frames after = window.run(c.to, 40, 0.1, 4);
        EXPECT_LT(most(last(after.times, 28)), 1.3 * kTargetMs) << c.what;
        if (c.to.full_size_ms < kTargetMs) {
            EXPECT_EQ(least(last(after.scales, 28)), 1.0f) << c.what;
        }
    }
}

TEST(MovingScaleControl, OneOddMeasurementLeavesTheScaleAlone) {
    Window window(1.0f);
    window.run(kTimeLapse, 20);
    window.control.pixels_measured(400.0, 1.0f);  // a measurement of another view's frame, say
    EXPECT_FLOAT_EQ(window.control.frame(48.0, true), 1.0f);
}

TEST(MovingScaleControl, WithoutMeasurementsTheWholeFrameIsTakenForPixels) {
    // A device that cannot time its passes: an expensive view still meets the target, and a time-lapse's
    // fixed work, taken for pixels, holds it at the lowest scale (what the measurements are for).
    Window expensive(0.5f, false);
    for (double t : last(expensive.run({2.0, 160.0}, 60).times, 40)) EXPECT_NEAR(t, kTargetMs, 0.15 * kTargetMs);
    Window time_lapse(0.5f, false);
    EXPECT_EQ(most(last(time_lapse.run(kTimeLapse, 60).scales, 40)), 0.25f);
}

TEST(MovingScaleControl, UntilTheFirstMeasurementTheScaleHolds) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs, true);
    EXPECT_FLOAT_EQ(control.frame(200.0, true), 0.5f);
    EXPECT_FLOAT_EQ(control.frame(200.0, true), 0.5f);
    control.pixels_measured(2.0, 0.5f);  // 8 ms at full size: the frames' 198 ms more are not pixels
    EXPECT_FLOAT_EQ(control.frame(200.0, true), 0.55f);
}

TEST(MovingScaleControl, MeasurementsThatDoNotComeGiveWayToTheFrameTimes) {
    // Measurements promised, none reported: held for three moving frames, then the frames alone steer, and an
    // expensive view settles near the target.
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs, true);
    std::vector<double> times;
    for (int i = 0; i < 40; ++i) {
        const float scale = control.scale();
        if (i < 3) {
            EXPECT_FLOAT_EQ(scale, 0.5f) << "frame " << i;
        }
        times.push_back(2.0 + 160.0 * scale * scale);
        control.frame(times.back(), true);
    }
    for (double t : last(times, 20)) EXPECT_NEAR(t, kTargetMs, 0.15 * kTargetMs);
}

TEST(MovingScaleControl, MeasurementsThatAreNotTimesAreIgnored) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs, true);
    control.pixels_measured(-1.0, 0.5f);
    control.pixels_measured(std::nan(""), 0.5f);
    control.pixels_measured(INFINITY, 0.5f);
    EXPECT_FLOAT_EQ(control.frame(200.0, true), 0.5f) << "a measurement that is not a time was taken";
}

// Without measurements (a device that cannot time its passes, the tests below): the whole frame is pixels.
TEST(MovingScaleControl, StillFramesLeaveTheScaleAlone) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs, false);
    EXPECT_FLOAT_EQ(control.frame(500.0, false), 0.5f);
    EXPECT_FLOAT_EQ(control.frame(1.0, false), 0.5f);
}

TEST(MovingScaleControl, OneSlowFrameLowersTheScaleByAFifthAtMost) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs, false);
    EXPECT_FLOAT_EQ(control.frame(2000.0, true), 0.4f);
    EXPECT_FLOAT_EQ(control.frame(1.0, true), 0.5f);  // and a fast one raises it by a quarter at most
}

TEST(MovingScaleControl, OneSlowFrameAmongOthersLeavesTheScaleAlone) {
    MovingScaleControl control(1.0f, 0.25f, 1.0f, kTargetMs, false);
    for (int i = 0; i < 3; ++i) control.frame(14.0, true);
    EXPECT_FLOAT_EQ(control.frame(200.0, true), 1.0f) << "a page fault lowered a cheap view's scale";
    EXPECT_FLOAT_EQ(control.frame(14.0, true), 1.0f);
    control.frame(200.0, true);
    EXPECT_LT(control.frame(200.0, true), 1.0f) << "two slow frames of three did not lower it";
}

TEST(MovingScaleControl, AFrameJustUnderTheBandRaisesTheScaleByATenthAtMost) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs, false);
    EXPECT_FLOAT_EQ(control.frame(kTargetMs * 0.6, true), 0.55f);
}

TEST(MovingScaleControl, AFarCheaperViewRecoversFromTheLowestScaleInAFewMovingFrames) {
    // A time-lapse after the frames that waited behind the healing: few frames move, each must count.
    Window window(0.25f);
    const std::vector<float> scales = window.run(kCheapOrbit, 10).scales;
    EXPECT_EQ(scales.back(), 1.0f);
}

TEST(MovingScaleControl, NearTheTargetItHoldsStill) {
    MovingScaleControl control(0.5f, 0.25f, 1.0f, kTargetMs, false);
    EXPECT_FLOAT_EQ(control.frame(kTargetMs * 1.1, true), 0.5f);
    EXPECT_FLOAT_EQ(control.frame(kTargetMs * 0.9, true), 0.5f);
}

TEST(MovingScaleControl, BadSettingsAreAnError) {
    EXPECT_THROW(MovingScaleControl(0.5f, 0.1f, 1.0f, kTargetMs, false), Error);
    EXPECT_THROW(MovingScaleControl(0.2f, 0.25f, 1.0f, kTargetMs, false), Error);
    EXPECT_THROW(MovingScaleControl(0.5f, 0.25f, 1.5f, kTargetMs, false), Error);
    EXPECT_THROW(MovingScaleControl(0.5f, 0.25f, 1.0f, 0.0, false), Error);
}

}  // namespace
}  // namespace dermasim
