// dermasim bench: speed figures of the heal step (GPU pass and CPU twin) and of a 180-day run.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/sim/heal_bench.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim bench - how fast the tissue heals on this machine

Usage: dermasim bench [options]
  --quality Q     tissue grid: ci (default), medium, high
  --region R      body region (default cheek)
  --steps N       timed GPU heal steps (default 20)
  --cpu-steps N   timed CPU-twin heal steps (default 3; 0 skips)
  --days D        length of the timed single-session run (default 180; 0 skips)
  --json FILE     also write the figures as JSON
Reports voxel-steps per second, bytes moved per voxel per step, the device's measured copy bandwidth and the
fraction of it the heal step reaches, and the wall time of the run. Shared machines are noisy: compare ratios.
)";
}  // namespace

int run_bench(const Argv& argv) {
    cli::Args args("dermasim bench", argv);
    if (args.help_requested()) {
        std::printf("%s%s", kHelp, kGpuFlagsHelp);
        return 0;
    }
    const Catalog catalog = load_catalog();
    HealBenchOptions options;
    options.quality = parse_quality(args.value_or("--quality", "ci"));
    options.region = args.value_or("--region", "cheek");
    options.gpu_steps = args.integer("--steps", 20, 1, 10000);
    options.cpu_steps = args.integer("--cpu-steps", 3, 0, 1000);
    options.cpu_run = options.cpu_steps > 0;
    options.run_days = args.number("--days", 180.0, 0.0, 3650.0);
    auto json_path = args.value("--json");
    vk::ContextOptions gpu = gpu_options(args);
    args.finish();

    vk::Context context(gpu);
    std::fprintf(stderr, "dermasim: benchmarking (this takes a little while)...\n");
    HealBenchResult r = run_heal_bench(context, catalog, options);
    std::printf("device                 %s\n", r.device.c_str());
    std::printf("grid                   %s, %zu voxels\n", r.quality.c_str(), r.voxels);
    std::printf("heal step, GPU         %.2f M voxel-steps/s\n", r.gpu_voxel_steps_per_s / 1e6);
    if (r.cpu_voxel_steps_per_s > 0)
        std::printf("heal step, CPU twin    %.2f M voxel-steps/s (GPU/CPU %.2fx)\n", r.cpu_voxel_steps_per_s / 1e6,
                    r.gpu_voxel_steps_per_s / r.cpu_voxel_steps_per_s);
    std::printf("bytes per voxel-step   %zu\n", r.bytes_per_voxel_step);
    std::printf("heal step traffic      %.2f GB/s = %.1f %% of measured copy bandwidth (%.2f GB/s)\n",
                r.gpu_step_gb_s, 100.0 * r.fraction_of_copy, r.copy_gb_s);
    if (r.run_days > 0) {
        std::printf("%.0f-day run, GPU       %d steps, %.2f s\n", r.run_days, r.gpu_run_steps, r.gpu_run_wall_s);
        if (r.cpu_run_wall_s > 0)
            std::printf("%.0f-day run, CPU twin  %d steps, %.2f s\n", r.run_days, r.cpu_run_steps, r.cpu_run_wall_s);
    }
    if (json_path) write_text_atomically(*json_path, to_json(r).dump(2) + "\n");
    return finish_validation(context, 0);
}

}  // namespace dermasim::app
