#include "engine/sim/gpu_stepper.hpp"

#include <cstring>

namespace dermasim {

GpuStepper::GpuStepper(const vk::Context& context, const TissueState& initial, const kernel::HealParams& params,
                       SessionPunctures punctures)
    : volume_(context, initial.grid), stamp_(context, volume_), heal_(context, volume_, params),
      punctures_(std::move(punctures)), params_(params), cpu_(initial), time_s_(initial.time_s) {
    volume_.upload(initial);
}

void GpuStepper::use_params(const kernel::HealParams& params) {
    if (std::memcmp(&params, &params_, sizeof params) == 0) return;
    params_ = params;
    heal_.set_params(params);
}

StateSummary GpuStepper::summarize(const kernel::HealParams& params) {
    use_params(params);
    return heal_.summarize();
}

void GpuStepper::step(const kernel::HealParams& params, const HealStepPlan& plan) {
    use_params(params);
    heal_.run_step(plan);
    time_s_ += plan.dt_s;
    cpu_stale_ = true;
}

void GpuStepper::stamp(int session) {
    stamp_.run(punctures_(session));
    cpu_stale_ = true;
}

const TissueState& GpuStepper::state() {
    if (cpu_stale_) {
        volume_.download(cpu_);
        cpu_stale_ = false;
    }
    cpu_.time_s = time_s_;
    return cpu_;
}

const TissueState& GpuStepper::step_state() {
    if (cpu_stale_) {
        static constexpr Field kObserved[] = {Field::OpenChannel, Field::Erythema, Field::Serum};
        volume_.download(cpu_, kObserved);  // cpu_ stays stale for the other fields
    }
    cpu_.time_s = time_s_;
    return cpu_;
}

}  // namespace dermasim
