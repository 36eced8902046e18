#pragma once
// The healing time-lapse in the window: simulates the timeline on a worker thread (the window stays responsive)
// with the GPU passes when given a Vulkan context (their submissions share the window's queue under the context's
// lock), else with their CPU twins, and keeps snapshots of the tissue at chosen times, so playing and scrubbing
// from day 0 to day 365 only picks a snapshot. Snapshots are dense while things change fast (hours) and sparse during remodelling (weeks).
#include <atomic>
#include <condition_variable>
#include <memory>
#include <optional>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/sim/compact_tissue.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "engine/sim/tissue_state.hpp"
#include "engine/sim/treatment_sim.hpp"

namespace dermasim::app {

// The snapshot a view shows, with a version that changes exactly when the snapshot does: the renderer keeps its
// pictures while the version stays (SkinView::tissue_version). Holding the shown snapshot keeps its address from
// being reused by another one.
class ShownSnapshot {
public:
    uint64_t version_of(const std::shared_ptr<const TissueState>& snapshot) {
        if (snapshot != shown_) {
            shown_ = snapshot;
            ++version_;
        }
        return snapshot ? version_ : 0;
    }

private:
    std::shared_ptr<const TissueState> shown_;
    uint64_t version_ = 0;
};

class HealingPlayer {
public:
    // Both must outlive the player.
    explicit HealingPlayer(const Catalog& catalog, const vk::Context* gpu = nullptr) : catalog_(catalog), gpu_(gpu) {}
    ~HealingPlayer();
    // Starts simulating from the given punctures (the first session), replacing any earlier run.
    // days: after the last session.
    // sample_hours: how often the curves are sampled and snapshots can be kept (3 h: smooth on day 0).
    // keep_every_sample: keep a snapshot at every sample (headless frames, which forget_before() what they
    // have drawn) instead of the window's thinning schedule.
    void start(const RegionProfile& region, const PunctureList& punctures, double days, bool occluded,
               const std::string& serum, int sessions = 1, double interval_days = 28, double sample_hours = 3.0,
               bool keep_every_sample = false);
    void forget_before(double day);  // drops snapshots older than the latest one at or before day
    void stop();
    void reset() { stop(); started_ = false; }  // back to no time-lapse

    bool active() const { return started_; }
    double computed_days() const { return computed_days_.load(); }  // how far the worker has got
    double total_days() const { return total_days_; }
    bool failed(std::string* why) const;

    // The latest snapshot at or before day (null before the first one arrives). Snapshots are kept in half
    // precision (CompactTissue); the one asked for last is kept expanded, so asking again for it, as every
    // frame does, returns the same state at the same address.
    std::shared_ptr<const TissueState> snapshot_at(double day) const;
    // Curves computed so far (copied under the lock).
    std::vector<HealingSample> curves() const;
    // Open-channel volume at day relative to just after needling (0..1), for drawing the channels.
    double openness_at(double day) const;
    // Blocks until the worker has simulated up to day (or finished, failed or was stopped). Headless runs use
    // it so every frame shows a computed day; the window never waits, it says how far the run has got.
    void wait_until(double day) const;
    // The whole run's metrics, once finished.
    std::optional<HealingMetrics> metrics() const;

private:
    void run(TreatmentRequest request, PunctureList punctures);

    const Catalog& catalog_;
    const vk::Context* gpu_;
    std::thread worker_;
    std::atomic<bool> cancel_{false};
    std::atomic<double> computed_days_{0};
    std::atomic<double> sampled_days_{-1};  // the latest day whose sample (and snapshot) is stored
    bool keep_every_sample_ = false;
    bool started_ = false;
    double total_days_ = 0;
    mutable std::mutex mutex_;
    std::vector<std::pair<double, std::shared_ptr<const CompactTissue>>> snapshots_;  // (day, state), ascending
    mutable std::shared_ptr<const CompactTissue> expanded_from_;  // the snapshot_at cache: which, and
    mutable std::shared_ptr<const TissueState> expanded_;         // its state
    std::vector<std::pair<double, double>> openness_;                               // (day, open fraction)
    std::vector<HealingSample> curves_;
    std::optional<HealingMetrics> metrics_;
    std::string error_;
    std::atomic<bool> finished_{false};
    mutable std::condition_variable progressed_;
};

}  // namespace dermasim::app
