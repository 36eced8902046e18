#pragma once
// The timeline's tissue on the GPU: stamp, heal and tally passes over a TissueVolumeGpu. Each step also takes
// the tally its observers need; the CPU copy of the state is refreshed only when an observer asks for it.
#include <functional>
#include "engine/sim/heal_pass.hpp"
#include "engine/sim/stamp_pass.hpp"
#include "engine/sim/tally_pass.hpp"
#include "engine/sim/timeline.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"

namespace dermasim {

class GpuStepper final : public TissueStepper {
public:
    using SessionPunctures = std::function<PunctureList(int session)>;
    GpuStepper(const vk::Context& context, const TissueState& initial, const kernel::HealParams& params,
               SessionPunctures punctures);

    StateSummary summarize(const kernel::HealParams& params) override;
    void step(const kernel::HealParams& params, const HealStepPlan& plan) override;
    void stamp(int session) override;
    const TissueState& state() override;
    TissueTally tally(bool full) override;
    const TissueGrid& grid() const override { return volume_.grid(); }
    double time_s() const override { return time_s_; }
    void set_time_s(double t) override { time_s_ = t; }

private:
    void use_params(const kernel::HealParams& params);
    const vk::Context& context_;
    TissueVolumeGpu volume_;
    StampPass stamp_;
    HealPass heal_;
    TallyPass tally_pass_;
    SessionPunctures punctures_;
    kernel::HealParams params_;
    TissueState cpu_;
    bool cpu_stale_ = false;
    StateSummary summary_;        // of the volume as it is now, when summary_fresh_
    bool summary_fresh_ = false;
    // The tally of the volume as it is now, when tally_fresh_: the partial one the last step took, or a full one
    // taken since (a step that holds a sample wants the full tally the step before it ended with).
    TissueTally tally_now_;
    bool tally_fresh_ = false;
    double time_s_ = 0;
};

}  // namespace dermasim
