#pragma once
// How fast the heal step runs: GPU pass and CPU twin throughput, the bytes the GPU step moves per voxel, the
// device's measured copy bandwidth and the fraction of it the step reaches, and the wall time of a whole
// single-session run (default 180 days) on a quality preset. For `dermasim bench`.
#include <cstddef>
#include <functional>
#include <string>
#include <optional>
#include <nlohmann/json.hpp>
#include "engine/sim/heal_pass.hpp"
#include "engine/sim/tally_pass.hpp"
#include "engine/skin/tissue_grid.hpp"

namespace dermasim {

namespace vk { class Context; }
struct Catalog;

struct HealBenchOptions {
    Quality quality = Quality::Ci;
    std::string region = "cheek";
    int gpu_steps = 20;          // steps per timing, recorded in one command buffer (after one warm-up step)
    int cpu_steps = 3;           // timed steps of the CPU twin (0: skip)
    // Layouts to compare on a new device, for the step and tally timings only (the runs use the defaults): how
    // the y and depth lines are handed out, and the tally's segments and runs (default: for the device).
    HealPass::Lines lines = HealPass::Lines::QuadsWherePossible;
    std::optional<TallyLayout> tally_layout;
    std::size_t copy_mib = 64;   // least buffer size for the copy-bandwidth probe (it also moves a step's bytes)
    int copy_repeats = 8;        // least copies (more until the timed copies last 50 ms)
    double run_days = 180;       // the single-session run (0: skip)
    bool cpu_run = true;         // also time the run on the CPU twin
    // The Lotfi protocol through the GPU passes, as `simulate` runs it: 1.5 mm roller, 16 passes, this many
    // monthly sessions, 56 days after the last (0: skip). Slow on a CPU driver: minutes on a busy 2-core machine.
    int protocol_sessions = 0;
    std::function<void(double fraction)> protocol_progress;  // 0..1 of the protocol's simulated time
};

struct HealBenchResult {
    std::string device;
    std::string quality;
    std::size_t voxels = 0;
    std::string lines;        // "quads" (where nx allows) or "single"
    TallyLayout tally_layout;  // what the tally was timed with
    // Throughput with every line solve enabled (signal, fibroblasts, serum): the heaviest step.
    double gpu_voxel_steps_per_s = 0;
    int diffusing_fields = 0;              // line-solved fields per step
    double gpu_field_voxel_updates_per_s = 0;  // diffusing field-voxel updates: voxel-steps x diffusing fields
    // Of those, the ones solved: the fibroblasts' lines are solved in the dermis only, where they move (outside
    // it their values cannot change; heal_line_solve.hpp: diffusing_slices).
    double gpu_solved_field_voxel_updates_per_s = 0;
    double cpu_voxel_steps_per_s = 0;  // 0 when skipped
    // GPU ms per step: the reaction, and each diffusing field's line solves (signal, fibroblasts, serum).
    double reaction_ms = 0;
    double line_solve_ms[3] = {0, 0, 0};
    // GPU ms the step chooser's max-summary adds to a step that takes it (as GpuStepper's steps do), and the
    // summary as a pass of its own (after a stamp).
    double summary_ms = 0;
    double summary_pass_ms = 0;
    // GPU ms of the tally every step takes for the timeline's observers (GpuStepper records it behind the step),
    // and of the full tally a sample takes; each timed as a pass of its own.
    double tally_ms = 0;
    double full_tally_ms = 0;
    double bytes_per_voxel_step = 0;       // counted from the GPU passes' loads and stores
    double gpu_step_gb_s = 0;              // bytes_per_voxel_step x voxel-steps/s
    // Copy bandwidth, bytes read + bytes written per second (copy_bandwidth.hpp): vkCmdCopyBuffer, a compute
    // shader, and the faster of the two, which the step is measured against.
    double copy_transfer_gb_s = 0;
    double copy_shader_gb_s = 0;
    double copy_gb_s = 0;
    double fraction_of_copy = 0;           // gpu_step_gb_s / copy_gb_s
    // The single-session run (stamp at t = 0, adaptive steps to run_days; GPU: step + summary per submit).
    double run_days = 0;
    int gpu_run_steps = 0;
    double gpu_run_wall_s = 0;
    int cpu_run_steps = 0;
    double cpu_run_wall_s = 0;  // 0 when skipped
    // The protocol (0 sessions when skipped): heal steps and wall time of the whole run, needling included.
    int protocol_sessions = 0;
    int protocol_steps = 0;
    double protocol_wall_s = 0;
};

// Throws Error for bad options (non-positive counts, unknown region) and for Vulkan failures. The region and
// the healing parameters come from the catalogue.
HealBenchResult run_heal_bench(const vk::Context& context, const Catalog& catalog, const HealBenchOptions& options);
nlohmann::json to_json(const HealBenchResult& result);

}  // namespace dermasim
