#include "engine/render/moving_scale_control.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include "engine/core/error.hpp"

namespace dermasim {

MovingScaleControl::MovingScaleControl(float start, float lowest, float highest, double target_ms)
    : scale_(start), lowest_(lowest), highest_(highest), target_ms_(target_ms) {
    if (!(lowest >= 0.25f && lowest <= start && start <= highest && highest <= 1.0f) || !(target_ms > 0))
        throw Error("moving scale control: needs 0.25 <= lowest <= start <= highest <= 1 and a positive target "
                    "(got " + std::to_string(lowest) + ", " + std::to_string(start) + ", " + std::to_string(highest) +
                    ", " + std::to_string(target_ms) + " ms)");
}

float MovingScaleControl::frame(double frame_ms, bool drew_moving) {
    if (!drew_moving || !(frame_ms > 0) || !std::isfinite(frame_ms)) return scale_;
    if (std::abs(frame_ms / target_ms_ - 1.0) < 0.15) return scale_;
    // Pixels go with the scale squared: the scale that would have met the target goes with the root of the ratio.
    // A frame well under half the target rises faster: in a time-lapse only the frames that show a new snapshot
    // move, a few a second, and at a tenth each the picture stayed coarse for many seconds after a slow patch.
    const double most_up = frame_ms < 0.5 * target_ms_ ? 1.25 : 1.1;
    const double step = std::clamp(std::sqrt(target_ms_ / frame_ms), 0.8, most_up);
    scale_ = std::clamp(static_cast<float>(scale_ * step), lowest_, highest_);
    return scale_;
}

}  // namespace dermasim
