#pragma once
// Simulated time from the first treatment to the end of follow-up, as one run: treatment sessions (the caller
// stamps punctures in a handler), adaptive heal steps in between, and samples at fixed times.
// Deterministic: the same state, parameters, options and handler give bit-identical results.
#include <functional>
#include <vector>
#include "engine/sim/heal_params.hpp"
#include "engine/sim/heal_step.hpp"
#include "engine/sim/heal_time_step.hpp"
#include "engine/sim/healing_sample.hpp"
#include "engine/sim/tissue_state.hpp"
#include "engine/sim/tissue_tally.hpp"

namespace dermasim {

// A run that could take more heal steps than this is refused before it starts (Error naming the limit): the
// default steps (10 min at the finest) bound ten years at about 540 000; 1 s steps over months would take days.
inline constexpr long long kMaxHealSteps = 5000000;

struct TimelineOptions {
    std::vector<double> session_times_s;  // ascending, >= 0, < end_time_s
    double end_time_s = 0;                // > 0
    double sample_interval_s = 0;         // > 0: samples at 0, interval, 2*interval, ... end; a sample inside a
                                          // step is interpolated linearly between the tallies (and states)
                                          // around it
    bool occluded = false;                // skin covered after each session (channels close more slowly)
    bool apply_serum = false;             // serum on the skin for control.serum_contact_s after each session
};

// Sessions 0..count-1, `interval_s` apart, starting at 0; end = last session + follow_up_s.
TimelineOptions monthly_protocol(int count, double interval_s, double follow_up_s, double sample_interval_s);

// What the timeline tells its observers: the healing figures (engine/sim/healing_metrics.hpp) and, to observers
// that ask for it, the state at each sample. All calls happen in time order.
class TimelineObserver {
public:
    virtual ~TimelineObserver() = default;
    // after_stamp: at least the figures of a step's tally (see on_step).
    virtual void on_session(const HealingSample& /*after_stamp*/, int /*session*/) {}
    // after_step: day, open_channels_mm3, erythema, redness_max and serum_depth_um (a step's tally); the others
    // may be there or 0.
    virtual void on_step(const HealingSample& /*after_step*/, const HealStepPlan& /*plan*/) {}
    // At each sample time, every figure: of the state itself where a step ends there, else interpolated between
    // the tallies on either side (see TimelineOptions). `state` is the state at that time (likewise interpolated)
    // where the observer wants_state_at that time, else null: on the GPU it costs a read of the whole volume (two,
    // and an interpolation, for a sample inside a step), so an observer asks only for the states it keeps.
    virtual void on_sample(const HealingSample& /*figures*/, const TissueState* /*state*/) {}
    virtual bool wants_state_at(double /*time_s*/) const { return false; }
};

// Stamps the punctures of one session into the state (OpenChannel, Blood). Called at each session time.
using SessionHandler = std::function<void(TissueState& state, int session)>;

// What a timeline advances: the tissue, on the CPU twin or on the GPU passes. The loop (steps, events,
// sessions, samples) is the same for both; only these operations differ.
class TissueStepper {
public:
    virtual ~TissueStepper() = default;
    virtual StateSummary summarize(const kernel::HealParams& params) = 0;
    virtual void step(const kernel::HealParams& params, const HealStepPlan& plan) = 0;  // advances time_s by dt
    virtual void stamp(int session) = 0;
    // The state as of now, for observers that want it and for checks (the GPU stepper downloads it when stale).
    virtual const TissueState& state() = 0;
    // The tally of the state as of now (engine/sim/tissue_tally.hpp): every field's when `full`, else at least
    // the few a step's observers need. Downloading even three fields after every GPU step cost more than the
    // step itself.
    virtual TissueTally tally(bool full) = 0;
    virtual const TissueGrid& grid() const = 0;
    virtual double time_s() const = 0;
    virtual void set_time_s(double t) = 0;
};

struct TimelineStats {
    int steps = 0;
    double min_dt_s = 0, max_dt_s = 0;
};

// Runs from state.time_s to options.end_time_s. Throws Error on bad options or state.
TimelineStats run_timeline(TissueState& state, const HealParameters& params, const TimelineOptions& options,
                           const SessionHandler& stamp, TimelineObserver* observer = nullptr);
TimelineStats run_timeline(TissueStepper& tissue, const HealParameters& params, const TimelineOptions& options,
                           TimelineObserver* observer = nullptr);

}  // namespace dermasim
