#include "engine/sim/timeline.hpp"

#include <algorithm>
#include <cmath>
#include "engine/core/error.hpp"
#include "engine/sim/heal_time_step.hpp"
#include "engine/sim/healing_metrics.hpp"

namespace dermasim {
namespace {

void check_options(const TimelineOptions& o, double start_s) {
    if (!(o.end_time_s > start_s) || !std::isfinite(o.end_time_s))
        throw Error("timeline: end_time_s must be finite and after the start");
    if (!(o.sample_interval_s > 0) || !std::isfinite(o.sample_interval_s))
        throw Error("timeline: sample_interval_s must be finite and > 0");
    for (std::size_t i = 0; i < o.session_times_s.size(); ++i) {
        const double t = o.session_times_s[i];
        if (!std::isfinite(t) || t < start_s || t >= o.end_time_s)
            throw Error("timeline: session " + std::to_string(i) + " time is outside the run");
        if (i > 0 && t < o.session_times_s[i - 1])
            throw Error("timeline: session times must be ascending");
    }
}

// The most steps a run can take: every step is at least the finest phase step long, unless an event (a sample,
// a session, the end of serum contact) cuts it short. Checked before the first step, so a run that would take
// days is refused at once.
void check_step_budget(const TimelineOptions& o, double start_s, const HealControl& c) {
    const double finest = std::min({c.dt_channels_s, c.dt_inflammation_s, c.dt_proliferation_s, c.dt_remodelling_s});
    const double length = o.end_time_s - start_s;
    // After each session the steps start at dt_session_start and grow by dt_growth up to the finest phase step.
    const double ramp = c.dt_growth > 1.0 ? std::max(0.0, std::ceil(std::log(finest / c.dt_session_start_s) /
                                                                     std::log(c.dt_growth)))
                                          : length / c.dt_session_start_s;
    const double events = length / o.sample_interval_s + (2.0 + ramp) * double(o.session_times_s.size()) + 2.0;
    const double bound = length / finest + 2.0 * events;
    if (!(bound <= double(kMaxHealSteps)))
        throw Error("healing " + std::to_string(int(length / 86400)) + " days could take " +
                    std::to_string(static_cast<long long>(std::min(bound, 9e18))) + " steps (at most " +
                    std::to_string(kMaxHealSteps) + "): fewer days, or longer steps (dt_*) in heal_params.json");
}

// The state at time t between `before` and `after` (each field linearly), for samples that fall inside a step.
void interpolate(const TissueState& before, const TissueState& after, double t, TissueState& out) {
    out.grid = after.grid;
    out.time_s = t;
    const float wf = static_cast<float>((t - before.time_s) / (after.time_s - before.time_s));
    for (int f = 0; f < kFieldCount; ++f) {
        const std::vector<float>& a = before.fields[f];
        const std::vector<float>& b = after.fields[f];
        out.fields[f].resize(b.size());
        for (std::size_t v = 0; v < b.size(); ++v) out.fields[f][v] = a[v] + wf * (b[v] - a[v]);
    }
}

}  // namespace

TimelineOptions monthly_protocol(int count, double interval_s, double follow_up_s, double sample_interval_s) {
    if (count < 1 || !(interval_s > 0) || !(follow_up_s > 0))
        throw Error("protocol: needs at least one session, a positive interval and a positive follow-up");
    TimelineOptions o;
    for (int i = 0; i < count; ++i) o.session_times_s.push_back(i * interval_s);
    o.end_time_s = (count - 1) * interval_s + follow_up_s;
    o.sample_interval_s = sample_interval_s;
    return o;
}

namespace {
// The CPU twin: the state in memory, stepped by heal_step.
class CpuStepper final : public TissueStepper {
public:
    CpuStepper(TissueState& state, const SessionHandler& stamp) : state_(state), stamp_(stamp) {}
    StateSummary summarize(const kernel::HealParams& p) override { return dermasim::summarize(state_, p); }
    void step(const kernel::HealParams& p, const HealStepPlan& plan) override { heal_step(state_, p, plan); }
    void stamp(int session) override {
        if (stamp_) stamp_(state_, session);
        check_tissue_state(state_);
    }
    const TissueState& state() override { return state_; }
    TissueTally tally(bool full) override { return tally_tissue(state_, full); }
    const TissueGrid& grid() const override { return state_.grid; }
    double time_s() const override { return state_.time_s; }
    void set_time_s(double t) override { state_.time_s = t; }

private:
    TissueState& state_;
    const SessionHandler& stamp_;
};
}  // namespace

TimelineStats run_timeline(TissueState& state, const HealParameters& params, const TimelineOptions& options,
                           const SessionHandler& stamp, TimelineObserver* observer) {
    check_tissue_state(state);
    CpuStepper stepper(state, stamp);
    return run_timeline(stepper, params, options, observer);
}

TimelineStats run_timeline(TissueStepper& tissue, const HealParameters& params, const TimelineOptions& options,
                           TimelineObserver* observer) {
    check_options(options, tissue.time_s());
    check_step_budget(options, tissue.time_s(), params.control);
    kernel::HealParams kp = params.kernel;
    kp.occluded = options.occluded ? 1.0f : 0.0f;
    const HealControl& c = params.control;

    // Events are compared with a small tolerance so that float round-off never leaves a sliver step.
    const double eps = 1e-6;
    std::size_t next_session = 0;
    double next_sample = std::ceil((tissue.time_s() - eps) / options.sample_interval_s) * options.sample_interval_s;
    double serum_until = -1;
    double prev_dt = 0;
    TimelineStats stats;
    TissueState before, between;  // kept across steps: no allocation per sample
    TissueTally tally_before, tally_between;
    auto figures = [&](const TissueTally& t) { return healing_figures(t, tissue.grid(), params); };

    while (true) {
        while (next_session < options.session_times_s.size() &&
               options.session_times_s[next_session] <= tissue.time_s() + eps) {
            tissue.stamp(static_cast<int>(next_session));
            if (options.apply_serum) serum_until = tissue.time_s() + c.serum_contact_s;
            // A fresh injury starts again from a short step: the signal rises within minutes of the stamp, a
            // stiff start that one backward-Euler step of dt_channels would cut to two thirds (docs/MODEL.md).
            prev_dt = c.dt_session_start_s / c.dt_growth;
            if (observer) observer->on_session(figures(tissue.tally(false)), static_cast<int>(next_session));
            ++next_session;
        }
        if (observer && next_sample <= tissue.time_s() + eps) {
            observer->on_sample(figures(tissue.tally(true)),
                                observer->wants_state_at(next_sample) ? &tissue.state() : nullptr);
            next_sample += options.sample_interval_s;
        }
        if (tissue.time_s() >= options.end_time_s - eps) break;

        // Samples do not stop the steps: one that falls inside a step is interpolated from the tallies (and
        // states) on either side (a forced step would cost as much as any other, and ~1 in 2 steps of a protocol
        // was one).
        double next_event = options.end_time_s;
        if (next_session < options.session_times_s.size())
            next_event = std::min(next_event, options.session_times_s[next_session]);
        if (serum_until > tissue.time_s() + eps) next_event = std::min(next_event, serum_until);
        const float serum_surface = serum_until > tissue.time_s() + eps ? 1.0f : 0.0f;

        // The phase's own step (not shortened by the event) sets how fast the next one may grow.
        HealStepPlan plan = plan_heal_step(tissue.summarize(kp), c, serum_surface, prev_dt, 0.0);
        const double natural_dt = plan.dt_s;
        plan.dt_s = std::min(natural_dt, next_event - tissue.time_s());
        const double step_end = tissue.time_s() + plan.dt_s;
        const bool sample_inside = observer && next_sample < step_end - eps;
        bool state_inside = false;  // whether a sample inside the step wants the state: then it is read on both sides
        if (sample_inside) {
            tally_before = tissue.tally(true);
            const double landed = std::abs(step_end - next_event) < eps ? next_event : step_end;  // as below
            for (double t = next_sample; t < landed - eps && !state_inside; t += options.sample_interval_s)
                state_inside = observer->wants_state_at(t);
            if (state_inside) before = tissue.state();
        }
        tissue.step(kp, plan);
        if (std::abs(tissue.time_s() - next_event) < eps) tissue.set_time_s(next_event);  // land exactly on events
        prev_dt = natural_dt;
        stats.min_dt_s = stats.steps == 0 ? plan.dt_s : std::min(stats.min_dt_s, plan.dt_s);
        stats.max_dt_s = std::max(stats.max_dt_s, plan.dt_s);
        ++stats.steps;
        if (!observer) continue;
        const TissueTally after = tissue.tally(sample_inside);
        for (; sample_inside && next_sample < tissue.time_s() - eps; next_sample += options.sample_interval_s) {
            interpolate(tally_before, after, next_sample, tally_between);
            const bool want_state = state_inside && observer->wants_state_at(next_sample);
            if (want_state) interpolate(before, tissue.state(), next_sample, between);
            observer->on_sample(figures(tally_between), want_state ? &between : nullptr);
        }
        observer->on_step(figures(after), plan);
    }
    return stats;
}

}  // namespace dermasim
