#include "engine/render/moving_scale_control.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include "engine/core/error.hpp"

namespace dermasim {

namespace {
// Kept samples must span this much of scale^2 (0.25 to 0.31, or 0.5 to 0.53) before the two parts are told apart:
// closer scales leave the split to the machine's noise.
constexpr double kLeastAreaSpread = 0.03;
// Moving frames in a row at the lowest scale, over the target with no fit to explain it, before trying a step up.
constexpr int kSlowFramesBeforeProbe = 8;
}  // namespace

MovingScaleControl::MovingScaleControl(float start, float lowest, float highest, double target_ms)
    : scale_(start), lowest_(lowest), highest_(highest), target_ms_(target_ms) {
    if (!(lowest >= 0.25f && lowest <= start && start <= highest && highest <= 1.0f) || !(target_ms > 0))
        throw Error("moving scale control: needs 0.25 <= lowest <= start <= highest <= 1 and a positive target "
                    "(got " + std::to_string(lowest) + ", " + std::to_string(start) + ", " + std::to_string(highest) +
                    ", " + std::to_string(target_ms) + " ms)");
}

bool MovingScaleControl::fit(Fit& out) const {
    const int n = std::min(count_, kKept);
    if (n < 4) return false;
    double mean_area = 0, mean_ms = 0, least = 1, most = 0;
    for (int i = 0; i < n; ++i) {
        mean_area += samples_[i].area / n;
        mean_ms += samples_[i].ms / n;
        least = std::min(least, samples_[i].area);
        most = std::max(most, samples_[i].area);
    }
    if (most - least < kLeastAreaSpread) return false;
    double area_area = 0, area_ms = 0;
    for (int i = 0; i < n; ++i) {
        area_area += (samples_[i].area - mean_area) * (samples_[i].area - mean_area);
        area_ms += (samples_[i].area - mean_area) * (samples_[i].ms - mean_ms);
    }
    out.full_size_ms = area_ms / area_area;
    out.fixed_ms = std::max(0.0, mean_ms - out.full_size_ms * mean_area);
    return true;
}

double MovingScaleControl::recent_ms() const {
    const int n = std::min(count_, 3);
    std::array<double, 3> last{};
    for (int i = 0; i < n; ++i) last[i] = samples_[(count_ - 1 - i) % kKept].ms;
    std::sort(last.begin(), last.begin() + n);
    return last[n == 3 ? 1 : 0];
}

float MovingScaleControl::frame(double frame_ms, bool drew_moving) {
    if (!drew_moving || !(frame_ms > 0) || !std::isfinite(frame_ms)) return scale_;
    samples_[count_++ % kKept] = {double(scale_) * scale_, frame_ms};
    const double ratio = recent_ms() / target_ms_;
    if (std::abs(ratio - 1.0) < 0.15) {
        slow_at_lowest_ = 0;
        return scale_;
    }
    // The scale the model says meets the aim.
    double wanted;
    Fit parts;
    const bool fitted = fit(parts);
    if (fitted) {
        const double pixels_ms = std::max(target_ms_ - parts.fixed_ms, target_ms_ / 3.0);
        wanted = parts.full_size_ms > 0 ? std::sqrt(pixels_ms / parts.full_size_ms) : highest_;
    } else {
        wanted = scale_ / std::sqrt(ratio);  // all of the time taken as pixels
    }
    if (ratio < 1.0) wanted = std::max<double>(wanted, scale_);  // a fast frame never lowers the scale
    // Stuck at the lowest and slow with nothing to say whether pixels are to blame: a step up now and then.
    bool probe = false;
    if (ratio > 1.0 && !fitted && scale_ <= lowest_) {
        probe = ++slow_at_lowest_ >= kSlowFramesBeforeProbe;
        if (probe) slow_at_lowest_ = 0;
    } else {
        slow_at_lowest_ = 0;
    }
    // A frame well under half the target rises faster: in a time-lapse only the frames that show a new snapshot
    // move, a few a second, and at a tenth each the picture stayed coarse for many seconds after a slow patch.
    const double most_up = ratio < 0.5 || probe ? 1.25 : 1.1;
    if (probe) wanted = scale_ * most_up;
    if (std::abs(wanted / scale_ - 1.0) < 0.05) return scale_;  // too small a change to be worth a new size
    const double step = std::clamp(wanted / scale_, 0.8, most_up);
    scale_ = std::clamp(static_cast<float>(scale_ * step), lowest_, highest_);
    return scale_;
}

}  // namespace dermasim
