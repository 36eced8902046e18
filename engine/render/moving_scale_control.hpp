#pragma once
// Dynamic resolution for moving pictures: picks the moving scale (Renderer::set_moving_scale) from the time the
// frames that drew at it took, so that orbiting, rolling and a playing time-lapse hold a frame rate on a CPU
// driver, where every pixel is shaded on the CPU and the views differ tenfold in cost per pixel. Still pictures
// are drawn at full size whatever the scale, so a picture looked at, saved or shown to a client stays sharp.
//
// A frame's time is about fixed + per_pixel x scale^2. Orbiting and rolling are mostly pixels; a time-lapse's
// new day is mostly not (its snapshot is expanded and uploaded, and while the year is computed the frame waits
// behind heal steps on a one-queue driver), and lowering its scale only blurs it. So the control fits both parts
// to the last moving frames (least squares in scale^2, once they span enough scales to tell the parts apart from
// a noisy machine's spread) and aims the pixels at what the target leaves after the fixed part: all of it if
// fixed were 0, and a third of the target where the fixed part alone misses it (pixels are then not what makes
// the frame slow; the picture should not suffer for it). A fit is kept while it predicts the last frames' time
// within a fifth on average; when it stops (another view) it is dropped with the frames behind it.
// Without a fit the whole time is taken as pixels, the simplest model that errs towards the frame rate. Held at
// one scale, frames at that scale alone cannot correct a wrong fit (frames slow for a while for another reason
// are taken for pixels), nor show at the lowest scale that pixels are not to blame: after 8 such frames one
// frame is drawn at 1.5 times the scale (at a 1.5th of full size where full size is over the target), then
// after 16, 32 and 64, until the fit is dropped.
//
// Each decision reads the median of the last three moving frames (the faster of the first two; the very first
// alone), so one slow frame among fast ones (a page fault, another process) does not lower the scale. Steps are
// at most a fifth down and a tenth up per frame, a quarter up after frames under half the target, within
// [lowest, highest]. Within 15 % of the target it stays put (unless the fit puts the scale more than a fifth
// away), so the picture does not flicker between sizes on a noisy machine, and it does not lower the scale after
// fast frames, nor raise it after slow ones unless the fit says the slowness is not pixels (or to probe).
#include <deque>
#include <optional>

namespace dermasim {

// What the window aims a moving frame at: a little under 30 fps' 33 ms, leaving room for the frames around it.
inline constexpr double kMovingFrameTargetMs = 28.0;

class MovingScaleControl {
public:
    // Throws Error unless 0.25 <= lowest <= start <= highest <= 1 and target_ms > 0.
    MovingScaleControl(float start, float lowest, float highest, double target_ms);

    // One drawn frame: its wall time (from the previous frame's end), and whether it drew a moving picture.
    // Returns the scale for the next frame; frames that drew no moving picture leave it as it is.
    float frame(double frame_ms, bool drew_moving);
    float scale() const { return scale_; }

private:
    struct Sample {
        double area;  // scale^2: the share of a full-size frame's pixels
        double ms;
    };
    struct Fit {
        double fixed_ms, full_size_ms;
        double at(double area) const { return fixed_ms + full_size_ms * area; }
    };
    // The two parts from the kept samples, or none while they span too few scales to tell them apart.
    std::optional<Fit> fit_samples() const;
    bool fit_explains_recent() const;  // the kept fit predicts the last frames (kChecked, kFitTolerance)
    double recent_ms() const;  // the median of the last three moving frames' times (the lower of two)
    // Drops a fit the last frames contradict (another view's) with the frames behind it, then refits if it can.
    void update_fit();
    double wanted_scale(double ratio) const;  // where the model (or, without one, the frames) put the scale

    static constexpr int kFirstProbeInterval = 8;  // held frames before the first probe; doubles after each

    float scale_, lowest_, highest_;
    double target_ms_;
    std::deque<Sample> samples_;  // the last moving frames, newest at the back
    std::optional<Fit> fit_;
    int held_ = 0;             // moving frames in a row at a held scale
    int probe_interval_ = kFirstProbeInterval;  // held frames before the next probe
    std::optional<float> probed_from_;  // the scale to return to after a probe's frame
};

}  // namespace dermasim
