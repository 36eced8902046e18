#include "engine/render/moving_scale_control.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>
#include "engine/core/error.hpp"

namespace dermasim {

namespace {
constexpr size_t kRecent = 3;

// Of the last kRecent figures (at most that many are kept): the median of three, the lower of two, or the one.
double recent_median(std::vector<double> last) {
    std::sort(last.begin(), last.end());
    return last[last.size() == kRecent ? 1 : 0];
}
}  // namespace

MovingScaleControl::MovingScaleControl(float start, float lowest, float highest, double target_ms, bool measured)
    : scale_(start), lowest_(lowest), highest_(highest), target_ms_(target_ms), measured_(measured) {
    if (!(lowest >= 0.25f && lowest <= start && start <= highest && highest <= 1.0f) || !(target_ms > 0))
        throw Error("moving scale control: needs 0.25 <= lowest <= start <= highest <= 1 and a positive target "
                    "(got " + std::to_string(lowest) + ", " + std::to_string(start) + ", " + std::to_string(highest) +
                    ", " + std::to_string(target_ms) + " ms)");
}

void MovingScaleControl::pixels_measured(double ms, float scale) {
    if (!(ms >= 0) || !std::isfinite(ms) || !(scale > 0)) return;
    full_size_pixels_.push_back(ms / (double(scale) * scale));
    if (full_size_pixels_.size() > kRecent) full_size_pixels_.pop_front();
    moving_since_measured_ = 0;
}

double MovingScaleControl::wanted_scale(double ratio) const {
    if (full_size_pixels_.empty()) return scale_ / std::sqrt(ratio);  // all of the time taken as pixels
    const double full_size = recent_median({full_size_pixels_.begin(), full_size_pixels_.end()});
    if (full_size <= 0) return highest_;
    std::vector<double> fixed(frames_.size());  // each frame's time beyond its pixels
    std::transform(frames_.begin(), frames_.end(), fixed.begin(),
                   [&](const Frame& f) { return std::max(0.0, f.ms - full_size * f.area); });
    const double fixed_ms = recent_median(fixed);
    return std::sqrt(std::max(target_ms_ - fixed_ms, target_ms_ / 3.0) / full_size);
}

float MovingScaleControl::frame(double frame_ms, bool drew_moving) {
    if (!drew_moving || !(frame_ms > 0) || !std::isfinite(frame_ms)) return scale_;
    frames_.push_back({double(scale_) * scale_, frame_ms});
    if (frames_.size() > kRecent) frames_.pop_front();
    if (++moving_since_measured_ > kAwaited) full_size_pixels_.clear();  // none came: the frames alone
    else if (measured_ && full_size_pixels_.empty()) return scale_;       // on their way
    std::vector<double> times(frames_.size());
    std::transform(frames_.begin(), frames_.end(), times.begin(), [](const Frame& f) { return f.ms; });
    const double ratio = recent_median(times) / target_ms_;
    double wanted = wanted_scale(ratio);
    if (ratio < 1.0) wanted = std::max<double>(wanted, scale_);  // fast frames never lower the scale
    // Within 15 % of the target (unless the measured parts put the scale more than a fifth away), or a change
    // too small to be worth a new size: held.
    const double change = std::abs(wanted / scale_ - 1.0);
    const bool modelled = !full_size_pixels_.empty();
    if ((std::abs(ratio - 1.0) < 0.15 && !(modelled && change > 0.2)) || change < 0.05) return scale_;
    // Frames well under half the target rise faster: in a time-lapse only the frames that show a new snapshot
    // move, a few a second, and at a tenth each the picture stayed coarse for seconds after a slow patch.
    const double most_up = ratio < 0.5 ? 1.25 : 1.1;
    scale_ = std::clamp(static_cast<float>(scale_ * std::clamp(wanted / scale_, 0.8, most_up)), lowest_, highest_);
    return scale_;
}

}  // namespace dermasim
