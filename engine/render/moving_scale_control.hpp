#pragma once
// Dynamic resolution for moving pictures: picks the moving scale (Renderer::set_moving_scale) from the time the
// frames that drew at it took, so that orbiting, rolling and a playing time-lapse hold a frame rate on a CPU
// driver, where every pixel is shaded on the CPU and the views differ tenfold in cost per pixel. Still pictures
// are drawn at full size whatever the scale, so a picture looked at, saved or shown to a client stays sharp.
//
// A frame's time is fixed + pixels, the pixels going with scale^2. Orbiting and rolling are mostly pixels; a
// time-lapse's new day is mostly not (its snapshot is expanded and uploaded, and while the year is computed the
// frame waits behind heal steps on a one-queue driver), and lowering its scale only blurs it. The pixels' part
// is measured: the GPU time of the passes drawn at the moving scale (render/moving_picture_timer.hpp), a frame
// or two late. The fixed part is what the frame took beyond it. The control aims the pixels at what the target
// leaves after the fixed part: all of it if that were 0, and a third of the target where the fixed part alone
// misses it (pixels are then not what makes the frame slow; the picture should not suffer for it). On a CPU
// driver, where the control runs, the passes' GPU time is CPU time the frame spends on them.
// A measurement is awaited for kAwaited moving frames (the window's two frame slots, and one more), the scale
// held meanwhile. Where none comes (a device that measures nothing, measurements that stopped), the whole frame
// is taken as pixels, the simplest model that errs towards the frame rate.
//
// Each figure is the median of the last three (the lower of the first two; the first alone), so one slow frame
// among fast ones (a page fault, another process) does not move the scale. Steps are at most a fifth down and a
// tenth up per frame, a quarter up after frames under half the target, within [lowest, highest]. Within 15 % of
// the target it stays put (unless the model puts the scale more than a fifth away), so the picture does not
// flicker between sizes on a noisy machine; fast frames never lower the scale.
#include <deque>

namespace dermasim {

// What the window aims a moving frame at: a little under 30 fps' 33 ms, leaving room for the frames around it.
inline constexpr double kMovingFrameTargetMs = 28.0;

class MovingScaleControl {
public:
    // Throws Error unless 0.25 <= lowest <= start <= highest <= 1 and target_ms > 0. `measured`: the pixels'
    // time will be reported (pixels_measured).
    MovingScaleControl(float start, float lowest, float highest, double target_ms, bool measured);

    // What an earlier frame's moving pictures took on the GPU, drawn at `scale` (Renderer::measured_moving).
    void pixels_measured(double ms, float scale);
    // One drawn frame: its wall time (from the previous frame's end), and whether it drew a moving picture.
    // Returns the scale for the next frame; frames that drew no moving picture leave it as it is.
    float frame(double frame_ms, bool drew_moving);
    float scale() const { return scale_; }

private:
    struct Frame {
        double area;  // scale^2: the share of a full-size frame's pixels
        double ms;
    };
    double wanted_scale(double ratio) const;  // where the measured parts (or, without them, the frames) put it

    static constexpr int kAwaited = 3;

    float scale_, lowest_, highest_;
    double target_ms_;
    bool measured_;
    int moving_since_measured_ = 0;  // moving frames since the last measurement came
    std::deque<Frame> frames_;              // the last three moving frames, newest at the back
    std::deque<double> full_size_pixels_;   // the last three measurements, as ms at full size
};

}  // namespace dermasim
