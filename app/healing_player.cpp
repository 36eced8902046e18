#include "app/healing_player.hpp"

#include <algorithm>

#include "engine/core/catalog.hpp"
#include "engine/core/error.hpp"

namespace dermasim::app {
namespace {
struct Cancelled {};

// Days at which a snapshot is kept: every 3 h on day 0, every 12 h in the first week, every 3 days in the first
// month, then every 2 weeks. About 50 snapshots for a year.
double next_keep_day(double day) {
    if (day < 1.0) return day + 0.125;
    if (day < 7.0) return day + 0.5;
    if (day < 28.0) return day + 3.0;
    return day + 14.0;
}

// Whether the sample at `day` (samples `sample_days` apart) keeps a snapshot: the first sample at or after each
// day of the schedule. From the day alone, so that the timeline reads back only the states kept: about 50 of a
// year's 2,920 samples every 3 h, each a read of the whole volume, two and an interpolation inside a step.
bool keeps_snapshot(double day, double sample_days) {
    double keep = 0;
    while (keep + sample_days <= day + 1e-9) keep = next_keep_day(keep);
    return keep <= day + 1e-9;
}
}  // namespace

HealingPlayer::~HealingPlayer() { stop(); }

void HealingPlayer::stop() {
    cancel_ = true;
    if (worker_.joinable()) worker_.join();
    cancel_ = false;
}

void HealingPlayer::start(const RegionProfile& region, const PunctureList& punctures, double days, bool occluded,
                          const std::string& serum, int sessions, double interval_days, double sample_hours,
                          bool keep_every_sample) {
    stop();
    {
        std::lock_guard lock(mutex_);
        snapshots_.clear();
        expanded_from_.reset();
        expanded_.reset();
        openness_.clear();
        curves_.clear();
        metrics_.reset();
        error_.clear();
    }
    finished_ = false;
    TreatmentRequest request;
    request.region = region;
    request.days = days;
    request.occluded = occluded;
    request.serum = serum;
    request.sessions = sessions;
    request.interval_days = interval_days;
    request.sample_hours = sample_hours;
    keep_every_sample_ = keep_every_sample;
    sampled_days_ = -1.0;
    total_days_ = days + (sessions - 1) * interval_days;
    computed_days_ = 0;
    started_ = true;
    worker_ = std::thread(&HealingPlayer::run, this, request, punctures);
}

void HealingPlayer::run(TreatmentRequest request, PunctureList punctures) {
    double open0 = 0;
    const HealParameters& params = catalog_.heal;
    TreatmentObserver observer;
    observer.progress = [&](double f) {
        {
            std::lock_guard lock(mutex_);
            computed_days_ = f * total_days_;
        }
        progressed_.notify_all();
        if (cancel_) throw Cancelled{};
    };
    observer.wants_state = [&](double day) {
        return keep_every_sample_ || keeps_snapshot(day, request.sample_hours / 24.0);
    };
    observer.sample = [&](const HealingSample& sample, const TissueState* state) {
        const double day = sample.day, open = sample.open_channels_mm3;
        open0 = std::max(open0, open);
        // Compacted before the lock is taken: the window's frames take it too.
        std::shared_ptr<const CompactTissue> snapshot;
        if (state) snapshot = std::make_shared<const CompactTissue>(*state, params.kernel);
        std::lock_guard lock(mutex_);
        openness_.emplace_back(day, open0 > 0 ? open / open0 : 0.0);
        curves_.push_back(sample);
        if (snapshot) snapshots_.emplace_back(day, std::move(snapshot));
        sampled_days_ = day;
        progressed_.notify_all();
    };
    try {
        TreatmentResult result = heal_punctures(catalog_, request, punctures, observer, gpu_);
        std::lock_guard lock(mutex_);
        metrics_ = std::move(result.healing);
        computed_days_ = total_days_;
    } catch (const Cancelled&) {
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        error_ = e.what();
    }
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
    }
    progressed_.notify_all();
}

void HealingPlayer::wait_until(double day) const {
    if (!started_) return;
    std::unique_lock lock(mutex_);
    // A frame needs the sample at its day stored, not just the step past it; the last day also waits for the
    // run to hand over its results.
    progressed_.wait(lock, [&] {
        return finished_.load() || (sampled_days_.load() + 1e-9 >= day && day < total_days_);
    });
}

void HealingPlayer::forget_before(double day) {
    std::lock_guard lock(mutex_);
    size_t keep_from = 0;
    for (size_t i = 0; i < snapshots_.size(); ++i)
        if (snapshots_[i].first <= day + 1e-9) keep_from = i;
    snapshots_.erase(snapshots_.begin(), snapshots_.begin() + std::ptrdiff_t(keep_from));
    bool shown_kept = false;  // the expanded snapshot goes with its compact one
    for (const auto& [d, snapshot] : snapshots_) shown_kept = shown_kept || snapshot == expanded_from_;
    if (!shown_kept) {
        expanded_from_.reset();
        expanded_.reset();
    }
}

std::optional<HealingMetrics> HealingPlayer::metrics() const {
    std::lock_guard lock(mutex_);
    return metrics_;
}

bool HealingPlayer::failed(std::string* why) const {
    std::lock_guard lock(mutex_);
    if (why) *why = error_;
    return !error_.empty();
}

std::shared_ptr<const TissueState> HealingPlayer::snapshot_at(double day) const {
    std::shared_ptr<const CompactTissue> best;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [d, s] : snapshots_)
            if (d <= day + 1e-9) best = s;
        if (!best) return nullptr;
        if (best == expanded_from_) return expanded_;
    }
    // About 6 ms on the CI grid, an allocation included: outside the lock, which the simulation takes per sample.
    auto expanded = std::make_shared<const TissueState>(best->expand());
    std::lock_guard lock(mutex_);
    if (best != expanded_from_) {
        expanded_ = std::move(expanded);
        expanded_from_ = best;
    }
    return expanded_;
}

std::vector<HealingSample> HealingPlayer::curves() const {
    std::lock_guard lock(mutex_);
    return curves_;
}

double HealingPlayer::openness_at(double day) const {
    std::lock_guard lock(mutex_);
    double value = 1.0;
    for (const auto& [d, o] : openness_)
        if (d <= day + 1e-9) value = o;
    return value;
}

}  // namespace dermasim::app
