// dermasim bench: speed figures of the heal step (GPU pass and CPU twin), of a 180-day run, of the window's
// time-lapse and of the window's frames.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/healing_player.hpp"
#include "app/output_checks.hpp"
#include "app/progress.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/render/device_pass.hpp"
#include "engine/render/moving_scale_control.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/heal_bench.hpp"
#include "engine/skin/tissue_grid.hpp"
#include "engine/tools/treatment_plan.hpp"

namespace dermasim::app {
namespace {

struct ViewTimes {
    std::string name;
    double still_ms = 0;          // nothing changes: the kept pictures are copied
    double moving_ms = 0;         // the picture changes every frame, drawn at full size
    double moving_scaled_ms = 0;  // the same at the window's moving scale
    double dynamic_ms = 0;        // the same with the scale following the frame time, as the window on a CPU driver
    float dynamic_scale = 0;      // where that scale settled
};

// A view and what changes in it from frame to frame while something moves.
struct TimedView {
    const char* name;
    SkinView view;
    std::function<void(SkinView&, int)> move;
};

// The median of `frames` timed frames. With a scale control, the scale follows each frame's time as in the
// window, and the frames before the timed ones let it settle.
double median_frame_ms(OffscreenRenderer& renderer, SkinView view, int frames,
                       const std::function<void(SkinView&, int)>& move, MovingScaleControl* control = nullptr) {
    if (move) move(view, 0);
    renderer.render(view);  // the first frame uploads and packs: not timed
    const int settling = control ? 3 * frames : 0;
    std::vector<double> ms;
    for (int i = 1; i <= settling + frames; ++i) {
        if (move) move(view, i);
        auto t0 = std::chrono::steady_clock::now();
        renderer.render(view);
        const double frame_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (i > settling) ms.push_back(frame_ms);
        if (!control) continue;
        if (auto pixels = renderer.measured_moving()) control->pixels_measured(pixels->ms, pixels->scale);
        renderer.set_moving_scale(control->frame(frame_ms, renderer.drew_moving()));
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// The channels the frames and the time-lapse are timed with: a four-pass 1 mm roller plan.
PunctureList bench_treatment(const Catalog& catalog, const RegionProfile& profile) {
    TreatmentPlanOptions plan;
    plan.needle_mm = 1.0f;
    return run_stroke_script(make_treatment_plan(plan, catalog.roller, catalog.pen), profile, catalog.roller,
                             catalog.pen);
}

// Median frame times of each view the app shows, offscreen, with channels from a four-pass 1 mm roller plan:
// still, and moving (the camera orbiting, the roller rolling, the tissue healing from frame to frame) at full
// size, at `moving_scale`, and with the scale following the frame time.
std::vector<ViewTimes> frame_times(const vk::Context& context, const Catalog& catalog, const std::string& region,
                                   VkExtent2D size, int frames, float moving_scale) {
    const RegionProfile& profile = catalog.regions.find(region);
    auto punctures = std::make_shared<PunctureList>(bench_treatment(catalog, profile));
    SkinView block;
    block.region = profile;
    block.punctures = punctures;
    block.punctures_version = 1;
    block.cut = cut_through_channels(*punctures, 0, block.width_mm, 0.5f);
    const float aspect = float(size.width) / float(size.height);
    block.fit_camera(aspect, kHeadlessArea);
    SkinView close_up = block;
    close_up.camera = block.default_camera();
    SkinView rolling = block;
    rolling.device = device_pose_on_patch(DevicePose::Roller, {10.0f, 8.0f}, {0.0f, 1.0f}, 0.3f, 0.0f);
    rolling.device->ghost = true;
    SkinView inset = block;
    inset.fit_camera(aspect, kHeadlessBlockBesideInset);
    inset.micro = micro_on_channels(inset, *punctures, kHeadlessInset);
    // Healing shows another day's tissue each frame: the block's overlay and the magnified cut are packed and
    // drawn again (the healing itself is timed above).
    auto tissue = std::make_shared<TissueState>(make_baseline_state(make_tissue_grid(profile, Quality::Ci), catalog.heal.kernel));
    stamp_punctures_cpu(*tissue, *punctures);
    SkinView alone = block;
    alone.micro = micro_on_channels(alone, *punctures, glm::vec4(0, 0, 1, 1));
    alone.tissue = tissue;
    alone.tissue_version = 1;
    SkinView time_lapse = inset;
    time_lapse.tissue = tissue;
    time_lapse.overlay = Overlay::Collagen;
    time_lapse.tissue_version = 1;

    auto orbit = [](SkinView& v, int i) { v.camera.yaw_deg += 0.5f * float(i % 2 ? 1 : -1); };
    auto roll = [](SkinView& v, int i) { v.device->position_mm.z += 0.2f * float(i % 2 ? 1 : -1); };
    auto heal = [](SkinView& v, int i) { v.tissue_version = uint64_t(i + 2); };
    const TimedView views[] = {{"block", block, orbit},
                               {"close-up", close_up, orbit},
                               {"rolling", rolling, roll},
                               {"block + magnified", inset, orbit},
                               {"magnified alone", alone, heal},
                               {"time-lapse", time_lapse, heal}};
    OffscreenRenderer renderer(context, catalog, size);
    std::vector<ViewTimes> out;
    for (const TimedView& v : views) {
        ViewTimes t{v.name};
        renderer.set_moving_scale(1.0f);
        t.still_ms = median_frame_ms(renderer, v.view, frames, {});
        t.moving_ms = median_frame_ms(renderer, v.view, frames, v.move);
        renderer.set_moving_scale(moving_scale);
        t.moving_scaled_ms = median_frame_ms(renderer, v.view, frames, v.move);
        MovingScaleControl control(0.5f, 0.25f, 1.0f, kMovingFrameTargetMs, renderer.time_moving_pictures());
        renderer.set_moving_scale(control.scale());
        t.dynamic_ms = median_frame_ms(renderer, v.view, frames, v.move, &control);
        t.dynamic_scale = control.scale();
        out.push_back(t);
    }
    return out;
}

// Seconds until the window's time-lapse of `days` is computed: the player heals the frames' treatment (a four-pass
// 1 mm roller plan) on the GPU passes as the sandbox starts it (3 h samples, its snapshots kept).
double time_lapse_seconds(const vk::Context& context, const Catalog& catalog, const std::string& region,
                          double days) {
    const RegionProfile& profile = catalog.regions.find(region);
    const PunctureList punctures = bench_treatment(catalog, profile);
    HealingPlayer player(catalog, &context);
    const auto start = std::chrono::steady_clock::now();
    player.start(profile, punctures, days, false, "");
    player.wait_until(days);
    std::string why;
    if (player.failed(&why)) throw Error("bench: the time-lapse failed: " + why);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const char* kHelp = R"(dermasim bench - how fast the tissue heals on this machine

Usage: dermasim bench [options]
  --quality Q     tissue grid: ci (default), medium, high (on a GPU: the CI grid is too small to fill it)
  --region R      body region (default cheek)
  --steps N       GPU heal steps per timing (default 20): each kind of step is timed five times, medians
  --cpu-steps N   timed CPU-twin heal steps (default 3; 0 skips)
  --days D        length of the timed single-session run (default 180; 0 skips)
  --protocol N    time the Lotfi protocol through the GPU passes as simulate runs it: 1.5 mm roller, 16
                  passes, N monthly sessions, 56 days after the last (default 5; 0 skips). Minutes on a CPU driver.
  --time-lapse D  time the window's time-lapse of D days (default 365; 0 skips): the frames' treatment
                  healed on the GPU passes with 3 h samples and the window's snapshots, until computed
  --frames N      timed frames per view (default 5; 0 skips): the block framed whole, its close-up, while
                  rolling (ghosted roller), with the magnified cut as an inset, the magnified cut alone, and a
                  time-lapse (block, inset and overlay of a tissue that changes every frame). Each view is timed
                  still (nothing changes: the kept pictures are copied), moving at full size, moving at the
                  render scale (the camera orbits, the roller rolls, the tissue heals), and moving with the scale
                  following the frame time towards 28 ms, as the window does on a CPU driver (3N frames to
                  settle, then N timed; the scale it settled at is shown)
  --lines L       how the step hands out its y and depth lines: quads (default: four neighbours an invocation
                  where the grid allows) or single (one each: four times the invocations, for a GPU)
  --tally-layout S,R  the tally's segments a slice and runs of columns (default: 1,16 on a CPU driver, 16,256
                  on a GPU); --lines and --tally-layout change the step and tally timings only
  --size WxH      frame size for those (default 1280x720)
  --render-scale S  the moving scale timed beside full size (default: as the window, 1 on a GPU, 0.5 on a
                  CPU driver)
  --json FILE     also write the figures as JSON (written atomically)
Frame times are medians of whole offscreen frames (record, draw, read back), so a window's are a little lower.
Reports voxel-steps and diffusing field-voxel updates per second, where a GPU step's time goes (the reaction
and each field's line solves), what the step chooser's summary adds to it, what the observers' tally costs,
bytes moved per voxel per step, the device's measured copy bandwidth and the fraction of it the heal step
reaches, and the wall time of the runs. The copy bandwidth is the faster of vkCmdCopyBuffer and a compute
shader's copy (on a GPU the first may run on a slower copy engine), over buffers half a step's traffic
(each copy moves a step's bytes, at most what a storage binding reaches).
Shared machines are noisy: compare ratios.
)";
// "SEGMENTS,RUNS", each a whole number from 1 to 65536.
TallyLayout parse_tally_layout(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos)
        throw Error("--tally-layout: '" + text + "' is not SEGMENTS,RUNS (two whole numbers, such as 16,256)");
    auto whole = [&](const std::string& part) {
        const double v = cli::parse_number("--tally-layout", part, 1, 65536);
        if (v != std::floor(v)) throw Error("--tally-layout: '" + text + "' holds a fraction; give whole numbers");
        return static_cast<uint32_t>(v);
    };
    return {whole(text.substr(0, comma)), whole(text.substr(comma + 1))};
}

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
    options.protocol_sessions = args.integer("--protocol", 5, 0, 20);
    const std::string lines = args.value_or("--lines", "quads");
    if (lines != "quads" && lines != "single") throw Error("--lines: '" + lines + "' is neither quads nor single");
    options.lines = lines == "single" ? HealPass::Lines::Single : HealPass::Lines::QuadsWherePossible;
    if (const auto layout = args.value("--tally-layout")) options.tally_layout = parse_tally_layout(*layout);
    const double time_lapse_days = args.number("--time-lapse", 365.0, 0.0, 3650.0);
    const int frames = args.integer("--frames", 5, 0, 1000);
    const VkExtent2D size = cli::parse_size(args.value_or("--size", "1280x720"));
    auto json_path = args.value("--json");
    const std::optional<float> render_scale = render_scale_option(args);
    vk::ContextOptions gpu = gpu_options(args);
    args.finish();
    if (json_path) check_output_file("--json", *json_path);  // now, not after minutes of measuring

    vk::Context context(gpu);
    std::fprintf(stderr, "dermasim: benchmarking (this takes a little while)...\n");
    ProgressBar protocol_bar("dermasim: protocol");
    options.protocol_progress = [&](double f) { protocol_bar.update(f); };
    HealBenchResult r = run_heal_bench(context, catalog, options);
    protocol_bar.done();
    std::printf("device                 %s\n", r.device.c_str());
    std::printf("grid                   %s, %zu voxels (lines: %s; tally: %u segments a slice, %u runs)\n",
                r.quality.c_str(), r.voxels, r.lines.c_str(), r.tally_layout.segments, r.tally_layout.column_runs);
    std::printf("heal step, GPU         %.2f M voxel-steps/s = %.2f M diffusing field-voxel updates/s (%d fields; "
                "%.2f M of them solved: the fibroblasts' in the dermis only)\n",
                r.gpu_voxel_steps_per_s / 1e6, r.gpu_field_voxel_updates_per_s / 1e6, r.diffusing_fields,
                r.gpu_solved_field_voxel_updates_per_s / 1e6);
    if (r.cpu_voxel_steps_per_s > 0)
        std::printf("heal step, CPU twin    %.2f M voxel-steps/s (GPU/CPU %.2fx)\n", r.cpu_voxel_steps_per_s / 1e6,
                    r.gpu_voxel_steps_per_s / r.cpu_voxel_steps_per_s);
    std::printf("step, GPU ms           reaction %.1f, line solves: signal %.1f, fibroblasts %.1f, serum %.1f\n",
                r.reaction_ms, r.line_solve_ms[0], r.line_solve_ms[1], r.line_solve_ms[2]);
    std::printf("summary, GPU ms        %.2f = %.1f %% of a step (taken by the step; a pass of its own: %.2f ms)\n",
                r.summary_ms, 100.0 * r.summary_ms * r.gpu_voxel_steps_per_s / double(r.voxels) / 1e3, r.summary_pass_ms);
    std::printf("tally, GPU ms          %.2f = %.1f %% of a step (every step's, a pass of its own; at a sample, every figure: %.2f ms)\n",
                r.tally_ms, 100.0 * r.tally_ms * r.gpu_voxel_steps_per_s / double(r.voxels) / 1e3, r.full_tally_ms);
    std::printf("bytes per voxel-step   %.0f\n", r.bytes_per_voxel_step);
    std::printf("heal step traffic      %.2f GB/s = %.1f %% of measured copy bandwidth (%.2f GB/s: the faster of "
                "vkCmdCopyBuffer %.2f and a shader copy %.2f)\n",
                r.gpu_step_gb_s, 100.0 * r.fraction_of_copy, r.copy_gb_s, r.copy_transfer_gb_s, r.copy_shader_gb_s);
    // The CI grid's quarter of a million voxels leave a GPU mostly idle: a step there is its dispatches' fixed
    // costs (an NVIDIA H200: 4 % of its copy bandwidth on this grid, 42 % on the high one).
    if (context.info().type != "CPU" && options.quality == Quality::Ci)
        std::printf("                       (the CI grid is too small to fill a GPU: --quality high measures the step "
                    "against its bandwidth)\n");
    if (r.run_days > 0) {
        std::printf("%.0f-day run, GPU       %d steps, %.2f s\n", r.run_days, r.gpu_run_steps, r.gpu_run_wall_s);
        if (r.cpu_run_wall_s > 0)
            std::printf("%.0f-day run, CPU twin  %d steps, %.2f s\n", r.run_days, r.cpu_run_steps, r.cpu_run_wall_s);
    }
    if (r.protocol_sessions > 0)
        std::printf("protocol, GPU          %d sessions + 56 days: %d steps, %.2f s\n", r.protocol_sessions,
                    r.protocol_steps, r.protocol_wall_s);
    nlohmann::json json = to_json(r);
    if (time_lapse_days > 0) {
        std::fprintf(stderr, "dermasim: computing the window's time-lapse...\n");
        const double s = time_lapse_seconds(context, catalog, options.region, time_lapse_days);
        std::printf("time-lapse, GPU        %.0f days as the window computes it: %.2f s\n", time_lapse_days, s);
        json["time_lapse"] = {{"days", time_lapse_days}, {"gpu_wall_s", s}};
    }
    if (frames > 0) {
        std::fprintf(stderr, "dermasim: timing frames...\n");
        const float scale = render_scale.value_or(default_render_scale(context));
        std::printf("frames at %ux%u        still          moving         moving at %.2f scale   "
                    "moving, scale following the frame time\n",
                    size.width, size.height, scale);
        for (const ViewTimes& t : frame_times(context, catalog, options.region, size, frames, scale)) {
            std::printf("  %-18s %7.1f ms %5.0f fps %6.1f ms %5.0f fps %6.1f ms %5.0f fps %6.1f ms %5.0f fps at %.2f\n",
                        t.name.c_str(), t.still_ms, 1000.0 / t.still_ms, t.moving_ms, 1000.0 / t.moving_ms,
                        t.moving_scaled_ms, 1000.0 / t.moving_scaled_ms, t.dynamic_ms, 1000.0 / t.dynamic_ms,
                        t.dynamic_scale);
            json["frame_ms"][t.name] = {{"still", t.still_ms},
                                        {"moving", t.moving_ms},
                                        {"moving_scaled", t.moving_scaled_ms},
                                        {"moving_dynamic", t.dynamic_ms},
                                        {"dynamic_scale", t.dynamic_scale}};
        }
        json["frame_size"] = std::to_string(size.width) + "x" + std::to_string(size.height);
        json["render_scale"] = scale;
    }
    if (json_path) write_text_atomically(*json_path, json.dump(2) + "\n");
    return finish_validation(context, 0);
}

}  // namespace dermasim::app
