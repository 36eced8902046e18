#include "engine/render/moving_scale_control.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include "engine/core/error.hpp"

namespace dermasim {

namespace {
constexpr size_t kKept = 16;  // moving frames the fit reads: half a second of orbiting
// Kept samples must span this much of scale^2 (0.4 to 0.52, or 0.8 to 0.86), or twice the least scale^2,
// before the two parts are told apart: moving frames of one view differ by a third on this machine, and closer
// scales leave the split to that.
constexpr double kLeastAreaSpread = 0.1;
// A kept fit is taken for another view's and dropped when the last kChecked moving frames took on average more
// than kFitTolerance more, or less, than it predicts: averaged, a noisy machine's frames (a third apart) stay
// well within it, and a view a quarter dearer is found out in a few frames.
constexpr size_t kChecked = 8;
constexpr double kFitTolerance = 0.2;
// A probe's frame is drawn at kProbeStep times the held scale (scale^2 2.25 times, enough for a fit); the wait
// before the next doubles after each, up to the longest: a frame in 64 of an expensive view.
constexpr float kProbeStep = 1.5f;
constexpr int kLongestProbeInterval = 64;
}  // namespace

MovingScaleControl::MovingScaleControl(float start, float lowest, float highest, double target_ms)
    : scale_(start), lowest_(lowest), highest_(highest), target_ms_(target_ms) {
    if (!(lowest >= 0.25f && lowest <= start && start <= highest && highest <= 1.0f) || !(target_ms > 0))
        throw Error("moving scale control: needs 0.25 <= lowest <= start <= highest <= 1 and a positive target "
                    "(got " + std::to_string(lowest) + ", " + std::to_string(start) + ", " + std::to_string(highest) +
                    ", " + std::to_string(target_ms) + " ms)");
}

std::optional<MovingScaleControl::Fit> MovingScaleControl::fit_samples() const {
    const double n = double(samples_.size());
    if (samples_.size() < 4) return std::nullopt;
    const auto [least, most] = std::minmax_element(samples_.begin(), samples_.end(),
                                                   [](const Sample& a, const Sample& b) { return a.area < b.area; });
    if (most->area - least->area < kLeastAreaSpread && most->area < 2.0 * least->area) return std::nullopt;
    double mean_area = 0, mean_ms = 0;
    for (const Sample& s : samples_) {
        mean_area += s.area / n;
        mean_ms += s.ms / n;
    }
    double area_area = 0, area_ms = 0;
    for (const Sample& s : samples_) {
        area_area += (s.area - mean_area) * (s.area - mean_area);
        area_ms += (s.area - mean_area) * (s.ms - mean_ms);
    }
    Fit fit;
    fit.full_size_ms = area_ms / area_area;
    fit.fixed_ms = std::max(0.0, mean_ms - fit.full_size_ms * mean_area);
    return fit;
}

bool MovingScaleControl::fit_explains_recent() const {
    const size_t n = std::min(samples_.size(), kChecked);
    double mean_over = 0;
    for (auto s = samples_.end() - n; s != samples_.end(); ++s)
        mean_over += s->ms / std::max(fit_->at(s->area), 1e-3) / n;
    return std::abs(mean_over - 1.0) <= kFitTolerance;
}

double MovingScaleControl::recent_ms() const {
    const size_t n = std::min<size_t>(samples_.size(), 3);
    std::array<double, 3> last{};
    std::transform(samples_.end() - n, samples_.end(), last.begin(), [](const Sample& s) { return s.ms; });
    std::sort(last.begin(), last.begin() + n);
    return last[n == 3 ? 1 : 0];
}

void MovingScaleControl::update_fit() {
    if (fit_ && !fit_explains_recent()) {
        // Another view's fit: it and the frames behind it go, all but the last three (drawn in this view).
        fit_.reset();
        samples_.erase(samples_.begin(), samples_.end() - std::min<size_t>(samples_.size(), 3));
        probe_interval_ = kFirstProbeInterval;
    }
    if (auto fresh = fit_samples()) fit_ = fresh;
}

double MovingScaleControl::wanted_scale(double ratio) const {
    if (!fit_) return scale_ / std::sqrt(ratio);  // all of the time taken as pixels
    if (fit_->full_size_ms <= 0) return highest_;  // pixels cost nothing the frames can show
    return std::sqrt(std::max(target_ms_ - fit_->fixed_ms, target_ms_ / 3.0) / fit_->full_size_ms);
}

float MovingScaleControl::frame(double frame_ms, bool drew_moving) {
    if (!drew_moving || !(frame_ms > 0) || !std::isfinite(frame_ms)) return scale_;
    samples_.push_back({double(scale_) * scale_, frame_ms});
    if (samples_.size() > kKept) samples_.pop_front();
    if (probed_from_) {
        // A probe's frame tells the fit about another scale; it is not a frame to steer by.
        scale_ = *std::exchange(probed_from_, std::nullopt);
        return scale_;
    }
    update_fit();
    const double ratio = recent_ms() / target_ms_;
    double wanted = wanted_scale(ratio);
    if (ratio < 1.0) wanted = std::max<double>(wanted, scale_);  // fast frames never lower the scale
    // Within 15 % of the target (unless the fit puts the scale more than a fifth away), or a change too small to
    // be worth a new size: held.
    const double change = std::abs(wanted / scale_ - 1.0);
    float next = scale_;
    if ((std::abs(ratio - 1.0) >= 0.15 || (fit_ && change > 0.2)) && change >= 0.05) {
        // Frames well under half the target rise faster: in a time-lapse only the frames that show a new
        // snapshot move, a few a second, and at a tenth each the picture stayed coarse for seconds after a slow
        // patch.
        const double most_up = ratio < 0.5 ? 1.25 : 1.1;
        next = std::clamp(static_cast<float>(scale_ * std::clamp(wanted / scale_, 0.8, most_up)), lowest_, highest_);
    }
    if (next != scale_) {
        held_ = 0;
        return scale_ = next;
    }
    // Held, with nothing in view but this one scale, the model may be wrong and cannot learn otherwise (frames
    // slow for a while for another reason, a year being computed, are taken for pixels and leave the scale low;
    // at full size over the target, pixels are taken to be cheap): now and then one frame at 1.5 times the
    // scale, or at full size and slow a frame at a 1.5th of it, less often each time (until another view).
    const bool up = scale_ < highest_;
    if (!(up || ratio >= 1.15) || ++held_ < probe_interval_) return scale_;
    held_ = 0;
    probe_interval_ = std::min(probe_interval_ * 2, kLongestProbeInterval);
    probed_from_ = scale_;
    return scale_ = up ? std::min(highest_, kProbeStep * scale_) : std::max(lowest_, scale_ / kProbeStep);
}

}  // namespace dermasim
