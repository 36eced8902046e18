#include "engine/sim/heal_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <vector>
#include "engine/core/catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/copy_bandwidth.hpp"
#include "engine/sim/gpu_stepper.hpp"
#include "engine/sim/heal_line_solve.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/sim/heal_pass.hpp"
#include "engine/sim/heal_time_step.hpp"
#include "engine/sim/stamp_pass.hpp"
#include "engine/sim/tally_pass.hpp"
#include "engine/sim/timeline.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/stroke_script.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "engine/vk/context.hpp"

namespace dermasim {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr double kDayS = 86400.0;

// Lotfi et al.'s protocol (1.5 mm needles, 16 passes per session) on the roller.
const TreatmentPlanOptions kLotfiPlan = [] {
    TreatmentPlanOptions plan;
    plan.needle_mm = 1.5f;
    plan.passes = 16;
    return plan;
}();

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

HealStepPlan full_plan(const HealControl& control) {
    HealStepPlan plan;
    plan.dt_s = control.dt_channels_s;
    plan.serum_surface = 1.0f;
    plan.diffuse_signal = plan.diffuse_fibroblasts = plan.diffuse_serum = true;
    return plan;
}

}  // namespace

HealBenchResult run_heal_bench(const vk::Context& context, const Catalog& catalog, const HealBenchOptions& o) {
    if (o.gpu_steps < 1 || o.cpu_steps < 0 || o.copy_mib < 1 || o.copy_repeats < 1 || !(o.run_days >= 0) ||
        !std::isfinite(o.run_days) || o.protocol_sessions < 0 || o.protocol_sessions > 20)
        throw Error("heal bench: step counts, copy size and repeats must be positive, run_days finite and >= 0, "
                    "protocol sessions 0..20");
    const RegionProfile& region = catalog.regions.find(o.region);
    const HealParameters& params = catalog.heal;
    const TissueGrid grid = make_tissue_grid(region, o.quality);
    TreatmentPlanOptions treatment;
    treatment.needle_mm = 1.5f;
    const PunctureList punctures = run_stroke_script(make_treatment_plan(treatment), region);

    TissueState treated = make_baseline_state(grid, params.kernel);
    stamp_punctures_cpu(treated, punctures);

    HealBenchResult r;
    r.device = context.info().name;
    r.quality = o.quality == Quality::Ci ? "ci" : (o.quality == Quality::Medium ? "medium" : "high");
    r.voxels = grid.voxel_count();
    const HealStepPlan plan = full_plan(params.control);
    r.bytes_per_voxel_step = HealPass::bytes_per_voxel(plan, grid);

    {  // GPU throughput
        TissueVolumeGpu volume(context, grid);
        volume.upload(treated);
        HealPass pass(context, volume, params.kernel, o.lines);
        r.lines = o.lines == HealPass::Lines::Single ? "single" : "quads";
        r.tally_layout = o.tally_layout.value_or(TallyLayout::for_device(context));
        TallyPass tally(context, volume, r.tally_layout);
        vk::OneShotCommands commands(context);
        commands.run([&](VkCommandBuffer cmd) { pass.record_step(cmd, plan); });  // warm-up
        // GPU ms per step of `p` (gpu_steps of them in one submission), with the summary a step takes or not.
        auto ms_per_step = [&](const HealStepPlan& p, bool summary) {
            const auto t0 = Clock::now();
            commands.run([&](VkCommandBuffer cmd) {
                for (int n = 0; n < o.gpu_steps; ++n) {
                    if (summary) pass.record_step_with_summary(cmd, p);
                    else pass.record_step(cmd, p);
                }
            });
            return 1e3 * seconds_since(t0) / o.gpu_steps;
        };
        // Where a step's time goes: the reaction alone, then the reaction with one field's line solves (the
        // difference is that field's three solves and its share of the elimination table); and what the summary
        // adds to a step that takes it. Every kind of step is timed in each of five rounds, one after another, and
        // each figure is a median: a shared machine's load changes from one second to the next.
        auto only = [&](bool signal, bool fibroblasts, bool serum) {
            HealStepPlan p = plan;
            p.diffuse_signal = signal;
            p.diffuse_fibroblasts = fibroblasts;
            p.diffuse_serum = serum;
            return p;
        };
        const HealStepPlan kinds[] = {plan, plan, only(false, false, false), only(true, false, false),
                                      only(false, true, false), only(false, false, true)};
        std::vector<double> ms[std::size(kinds)];
        for (int round = 0; round < 5; ++round)
            for (std::size_t k = 0; k < std::size(kinds); ++k) ms[k].push_back(ms_per_step(kinds[k], k == 1));
        const double step_ms = median(ms[0]);
        r.gpu_voxel_steps_per_s = double(r.voxels) / std::max(step_ms / 1e3, 1e-12);
        r.summary_ms = std::max(median(ms[1]) - step_ms, 0.0);
        r.reaction_ms = median(ms[2]);
        for (int f = 0; f < 3; ++f) r.line_solve_ms[f] = std::max(median(ms[3 + f]) - r.reaction_ms, 0.0);
        // The passes of their own: the summary (after a stamp); the tally every step takes, and the full one a
        // sample takes. The tally is timed as a pass, not as what it adds to a step: that difference of two
        // medians swung from 0 to 18 % of a step from one run to the next, more than the tally itself.
        auto ms_per_pass = [&](const std::function<void(VkCommandBuffer)>& record) {
            const auto t0 = Clock::now();
            commands.run([&](VkCommandBuffer cmd) {
                for (int n = 0; n < o.gpu_steps; ++n) record(cmd);
            });
            return 1e3 * seconds_since(t0) / o.gpu_steps;
        };
        r.summary_pass_ms = ms_per_pass([&](VkCommandBuffer cmd) { pass.record_summary(cmd); });
        r.tally_ms = ms_per_pass([&](VkCommandBuffer cmd) { tally.record(cmd, false); });
        r.full_tally_ms = ms_per_pass([&](VkCommandBuffer cmd) { tally.record(cmd, true); });
        r.diffusing_fields = int(plan.diffuse_signal) + int(plan.diffuse_fibroblasts) + int(plan.diffuse_serum);
        r.gpu_field_voxel_updates_per_s = r.gpu_voxel_steps_per_s * r.diffusing_fields;
        const bool enabled[3] = {plan.diffuse_signal, plan.diffuse_fibroblasts, plan.diffuse_serum};
        for (int field = 0; field < 3; ++field)
            if (enabled[field])
                r.gpu_solved_field_voxel_updates_per_s += r.gpu_voxel_steps_per_s * diffusing_fraction(grid, field);
    }
    if (o.cpu_steps > 0) {
        TissueState s = treated;
        const auto start = Clock::now();
        for (int n = 0; n < o.cpu_steps; ++n) heal_step(s, params.kernel, plan);
        r.cpu_voxel_steps_per_s = double(r.voxels) * o.cpu_steps / std::max(seconds_since(start), 1e-9);
    }
    r.gpu_step_gb_s = r.gpu_voxel_steps_per_s * r.bytes_per_voxel_step / 1e9;
    // The copy moves as many bytes as a step does, and never less than copy_mib: a buffer that fits the GPU's
    // last-level cache would measure the cache, not the memory the step streams through.
    const double step_bytes = r.bytes_per_voxel_step * double(r.voxels);
    const VkDeviceSize copy_bytes = std::max(VkDeviceSize(o.copy_mib) << 20, VkDeviceSize(step_bytes / 2.0));
    const CopyBandwidth copy = measure_copy_bandwidth(context, copy_bytes, o.copy_repeats);
    r.copy_transfer_gb_s = copy.transfer_gb_s;
    r.copy_shader_gb_s = copy.shader_gb_s;
    r.copy_gb_s = copy.best_gb_s();
    r.fraction_of_copy = r.gpu_step_gb_s / r.copy_gb_s;

    if (o.run_days > 0) {
        r.run_days = o.run_days;
        const double end = o.run_days * kDayS;
        TimelineOptions timeline;
        timeline.session_times_s = {0.0};
        timeline.end_time_s = end;
        timeline.sample_interval_s = end;
        {  // GPU: stamp on the GPU, then per step one submission of step + summary (GpuStepper)
            const auto start = Clock::now();
            GpuStepper tissue(context, make_baseline_state(grid, params.kernel), params.kernel,
                              [&](int) { return punctures; });
            r.gpu_run_steps = run_timeline(tissue, params, timeline).steps;
            r.gpu_run_wall_s = seconds_since(start);
        }
        if (o.cpu_run) {
            const auto start = Clock::now();
            TissueState s = make_baseline_state(grid, params.kernel);
            const TimelineStats stats = run_timeline(
                s, params, timeline, [&](TissueState& state, int) { stamp_punctures_cpu(state, punctures); });
            r.cpu_run_steps = stats.steps;
            r.cpu_run_wall_s = seconds_since(start);
        }
    }
    if (o.protocol_sessions > 0) {
        TreatmentRequest request;
        request.region = region;
        request.quality = o.quality;
        request.script = make_treatment_plan(kLotfiPlan, catalog.roller, catalog.pen);
        request.sessions = o.protocol_sessions;
        request.interval_days = 28;
        request.days = 56;
        request.sample_hours = headless_sample_hours(request.days);
        const auto start = Clock::now();
        TreatmentObserver observer;
        observer.progress = o.protocol_progress;
        const TreatmentResult result = run_treatment(catalog, request, observer, &context);
        r.protocol_wall_s = seconds_since(start);
        r.protocol_sessions = o.protocol_sessions;
        r.protocol_steps = result.timeline.steps;
    }
    return r;
}

nlohmann::json to_json(const HealBenchResult& r) {
    return {{"device", r.device},
            {"quality", r.quality},
            {"voxels", r.voxels},
            {"lines", r.lines},
            {"tally_layout", {{"segments", r.tally_layout.segments}, {"column_runs", r.tally_layout.column_runs}}},
            {"heal_step",
             {{"gpu_voxel_steps_per_s", r.gpu_voxel_steps_per_s},
              {"diffusing_fields", r.diffusing_fields},
              {"gpu_field_voxel_updates_per_s", r.gpu_field_voxel_updates_per_s},
              {"gpu_solved_field_voxel_updates_per_s", r.gpu_solved_field_voxel_updates_per_s},
              {"cpu_voxel_steps_per_s", r.cpu_voxel_steps_per_s},
              {"gpu_over_cpu", r.cpu_voxel_steps_per_s > 0 ? r.gpu_voxel_steps_per_s / r.cpu_voxel_steps_per_s : 0.0},
              {"bytes_per_voxel_step", r.bytes_per_voxel_step},
              {"phase_ms",
               {{"reaction", r.reaction_ms},
                {"signal_line_solves", r.line_solve_ms[0]},
                {"fibroblast_line_solves", r.line_solve_ms[1]},
                {"serum_line_solves", r.line_solve_ms[2]},
                {"summary", r.summary_ms},
                {"summary_pass", r.summary_pass_ms},
                {"tally_pass", r.tally_ms},
                {"full_tally_pass", r.full_tally_ms}}},
              {"gpu_gb_s", r.gpu_step_gb_s}}},
            {"copy_bandwidth_gb_s", r.copy_gb_s},
            {"copy_transfer_gb_s", r.copy_transfer_gb_s},
            {"copy_shader_gb_s", r.copy_shader_gb_s},
            {"fraction_of_copy_bandwidth", r.fraction_of_copy},
            {"single_session_run",
             {{"days", r.run_days},
              {"gpu_steps", r.gpu_run_steps},
              {"gpu_wall_s", r.gpu_run_wall_s},
              {"cpu_steps", r.cpu_run_steps},
              {"cpu_wall_s", r.cpu_run_wall_s}}},
            {"protocol",
             {{"sessions", r.protocol_sessions},
              {"interval_days", 28},
              {"follow_up_days", 56},
              {"needle_mm", kLotfiPlan.needle_mm},
              {"passes", kLotfiPlan.passes},
              {"gpu_steps", r.protocol_steps},
              {"gpu_wall_s", r.protocol_wall_s}}}};
}

}  // namespace dermasim
