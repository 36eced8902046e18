#pragma once
// Dynamic resolution for moving pictures: picks the moving scale (Renderer::set_moving_scale) from the time the
// frames that drew at it took, so that orbiting, rolling and a playing time-lapse hold a frame rate on a CPU
// driver, where every pixel is shaded on the CPU and the views differ tenfold in cost per pixel. Still pictures
// are drawn at full size whatever the scale, so a picture looked at, saved or shown to a client stays sharp.
//
// A frame's time is about fixed + per_pixel x scale^2. After each frame that drew at the moving scale, the scale
// moves towards sqrt(target / time) of itself, by at most a fifth down and a tenth up per frame (one slow frame,
// a page fault or another process, does not halve the resolution), a quarter up after a frame under half the
// target, within [lowest, highest]. Within 15 % of the target it stays put, so the picture does not flicker
// between sizes on a noisy machine.
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
    float scale_, lowest_, highest_;
    double target_ms_;
};

}  // namespace dermasim
