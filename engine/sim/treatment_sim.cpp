#include "engine/sim/treatment_sim.hpp"

#include <cmath>
#include <glm/common.hpp>

#include "engine/core/catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/gpu_stepper.hpp"
#include "engine/sim/timeline.hpp"
#include "engine/tools/device_spec.hpp"

namespace dermasim {
namespace {

constexpr double kDay = 86400.0;

// The serum's molecule sets how fast it moves: its scale multiplies every serum transport rate.
void apply_serum(const SerumSpec& serum, kernel::HealParams& p) {
    const double scale = serum.diffusivity_scale;  // validated at load: 0 < scale < 10
    p.serum_diffusivity_tissue *= float(scale);
    p.serum_diffusivity_channel *= float(scale);
    p.serum_perm_intact *= float(scale);
    p.serum_perm_channel *= float(scale);
}

// Forwards timeline events to the metrics recorder and the caller.
class Observer : public TimelineObserver {
public:
    Observer(HealingRecorder& recorder, const TreatmentObserver& outer, double end_s)
        : recorder_(recorder), outer_(outer), end_s_(end_s) {}
    void on_session(const HealingSample& s, int session) override { recorder_.on_session(s, session); }
    void on_step(const HealingSample& s, const HealStepPlan& plan) override {
        recorder_.on_step(s, plan);
        if (outer_.progress) outer_.progress(std::min(1.0, s.day * kDay / end_s_));
    }
    void on_sample(const HealingSample& s, const TissueState* state) override {
        recorder_.on_sample(s, state);
        if (outer_.sample) outer_.sample(s, state);
    }
    bool wants_state_at(double time_s) const override {
        return outer_.sample && (!outer_.wants_state || outer_.wants_state(time_s / kDay));
    }

private:
    HealingRecorder& recorder_;
    const TreatmentObserver& outer_;
    double end_s_;
};

}  // namespace

PunctureList session_punctures(const PunctureList& first, int session) {
    if (session == 0) return first;
    // Offsets that are not multiples of the ring spacing, so sessions interleave rather than coincide.
    glm::vec2 offset(std::fmod(0.37f * session, 1.0f) + 0.11f * session, std::fmod(0.53f * session, 1.0f));
    PunctureList out = first;
    for (Puncture& p : out) {
        p.surface_mm = glm::mod(p.surface_mm + offset, glm::vec2(kPatchSizeMm));
        p.time_s = 0;
    }
    return out;
}

TreatmentResult run_treatment(const Catalog& catalog, const TreatmentRequest& request,
                              const TreatmentObserver& observer, const vk::Context* gpu) {
    RollerSpec roller = roller_for(request.script, catalog.roller);
    PenSpec pen = pen_for(request.script, catalog.pen);
    StrokeStats strokes;
    PunctureList punctures = run_stroke_script(request.script, request.region, roller, pen, &strokes);
    TreatmentResult result = heal_punctures(catalog, request, punctures, observer, gpu);
    result.strokes = strokes;
    result.stats = compute_puncture_stats(result.punctures, request.region, request.area);
    return result;
}

TreatmentResult heal_punctures(const Catalog& catalog, const TreatmentRequest& request, const PunctureList& punctures,
                               const TreatmentObserver& observer, const vk::Context* gpu) {
    if (!(request.days >= 0 && request.days <= 3650)) throw Error("--days must be in 0..3650");
    if (request.sessions < 1 || request.sessions > 20) throw Error("--sessions must be in 1..20");
    if (request.sessions > 1 && !(request.interval_days >= 1 && request.interval_days <= 365))
        throw Error("--interval-days must be in 1..365");

    TreatmentResult result;
    result.punctures = punctures;
    if (observer.punctures) observer.punctures(result.punctures);
    // Checked before anything runs, so a misspelt serum does not cost a simulation.
    const SerumSpec* serum = request.serum.empty() ? nullptr : &catalog.serum(request.serum);
    HealParameters params = catalog.heal;
    TissueGrid grid = make_tissue_grid(request.region, request.quality);
    result.tissue = make_baseline_state(grid, params.kernel);
    if (serum) apply_serum(*serum, params.kernel);
    if (request.days == 0) {
        if (gpu) {
            GpuStepper stepper(*gpu, result.tissue, params.kernel, [&](int) { return result.punctures; });
            stepper.stamp(0);
            result.tissue = stepper.state();
        } else {
            stamp_punctures_cpu(result.tissue, result.punctures);
        }
        return result;
    }

    TimelineOptions timeline;
    for (int s = 0; s < request.sessions; ++s) timeline.session_times_s.push_back(s * request.interval_days * kDay);
    timeline.end_time_s = timeline.session_times_s.back() + request.days * kDay;
    timeline.sample_interval_s = request.sample_hours * 3600.0;
    timeline.occluded = request.occluded;
    timeline.apply_serum = !request.serum.empty();

    HealingRecorder recorder(params);
    Observer forward(recorder, observer, timeline.end_time_s);
    if (gpu) {
        GpuStepper stepper(*gpu, result.tissue, params.kernel,
                           [&](int session) { return session_punctures(result.punctures, session); });
        result.timeline = run_timeline(stepper, params, timeline, &forward);
        result.tissue = stepper.state();
    } else {
        auto stamp = [&](TissueState& state, int session) {
            stamp_punctures_cpu(state, session_punctures(result.punctures, session));
        };
        result.timeline = run_timeline(result.tissue, params, timeline, stamp, &forward);
    }
    result.healing = recorder.finish();
    return result;
}

}  // namespace dermasim
