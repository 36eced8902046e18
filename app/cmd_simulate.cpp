// dermasim simulate: a treatment without a window, to a JSON report (and optionally curves, images, frames).
#include <chrono>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/frame_sink.hpp"
#include "app/output_checks.hpp"
#include "app/progress.hpp"
#include "app/treatment_report.hpp"
#include "engine/session/session_record.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/tools/treatment_plan.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim simulate - a micro-needling treatment without a window, and the tissue's healing

Usage: dermasim simulate --report out.json [options]
Treatment (one session):
  --region R         body region, as in render (default: the --strokes session's, else cheek)
  --device D         roller (default) or pen
  --needle-mm L      roller needle length 0.1..3.0 mm, or pen depth 0..2.5 mm in 0.25 steps (default 0.5)
  --passes N         lifted passes, 1..100, cycling horizontal, vertical, diagonal, anti-diagonal (default 8)
  --pressure P       0 (barely touching) .. 1 (firm), default 0.5
  --strokes FILE     a session file or stroke script instead of the default passes; it names its own device
                     and needle (and a session its region and aftercare, unless the flags say otherwise)
Healing (off unless --days is given):
  --days D           simulated days after the last session (0..3650)
  --sessions N       sessions, each repeating the treatment (default 1)
  --interval-days I  days between sessions (default 28)
  --serum NAME       apply a serum after each session (peptide, vitamin_c, dextran_4kda, hyaluronic_acid)
  --occluded         cover the skin after each session (channels close more slowly)
  --quality Q        tissue grid: ci (default), medium, high
  --cpu              stamp and heal with the CPU twins instead of the GPU compute passes
Output:
  --report FILE      JSON report (written atomically)
  --curves FILE      the healing curves as CSV
  --image FILE       PNG of the cut through the treated area at the end of the needling
  --frames DIR       PNG frames of the cut while it heals, one every --every HOURS (default 24)
  --video FILE       an MP4 (H.264, via ffmpeg) of those frames, captioned with their day; --fps N (default 10)
  --overlay O        frames show: none, collagen (default), channels, serum, inflammation
  --view V           pictures show the block, the magnified cut through the channels (micro), or both (default)
  --size WxH         image and frame size (default 1280x720); --look/--cut/--yaw/--pitch/--zoom/--no-labels/
                     --plain-words as in render
)";

// A stroke script, or the input of a session file (whose region comes along, unless --region overrides it).
StrokeScript script_from_args(cli::Args& args, const std::optional<std::string>& file, const PenSpec& pen,
                              std::optional<std::string>& session_region, std::optional<Aftercare>& session_aftercare) {
    auto device = args.value("--device");
    auto needle = args.value("--needle-mm");
    auto passes = args.value("--passes");
    double pressure = args.number("--pressure", 0.5, 0.0, 1.0);
    if (file) {
        if (device || needle || passes || args.given("--pressure"))
            throw Error("--strokes gives the device, needle, passes and pressure itself; leave out --device, "
                        "--needle-mm, --passes and --pressure");
        if (file->empty()) throw Error("--strokes needs a file name");
        SessionRecord session = load_session(*file, "");
        if (!session.region.empty()) {  // a session file (a stroke script has no region and no aftercare)
            session_region = session.region;
            session_aftercare = session.aftercare;
        }
        if (session.input.strokes.empty()) throw Error(*file + ": the session holds no pass");
        check_puncture_budget(session.input, pen, *file);
        return session.input;
    }
    TreatmentPlanOptions plan;
    plan.device = parse_device_kind(device.value_or("roller"), "--device");
    plan.needle_mm = float(needle ? cli::parse_number("--needle-mm", *needle, plan.device == DeviceKind::Roller ? 0.1 : 0.0,
                                                      plan.device == DeviceKind::Roller ? 3.0 : 2.5)
                                  : 0.5);
    double passes_value = passes ? cli::parse_number("--passes", *passes, 1, kMaxPasses) : 8;
    if (passes_value != std::floor(passes_value)) throw Error("--passes = '" + *passes + "' must be a whole number");
    plan.passes = int(passes_value);
    plan.pressure = float(pressure);
    StrokeScript script = make_treatment_plan(plan);
    validate_stroke_script(script, "the treatment");
    return script;
}

}  // namespace

int run_simulate(const Argv& argv) {
    cli::Args args("dermasim simulate", argv);
    if (args.help_requested()) {
        std::printf("%s%s", kHelp, kGpuFlagsHelp);
        return 0;
    }
    const Catalog catalog = load_catalog();
    std::string report_path = args.required("--report");
    TreatmentRequest request;
    std::optional<std::string> session_region;
    std::optional<Aftercare> session_aftercare;
    const auto strokes_file = args.value("--strokes");
    request.script = script_from_args(args, strokes_file, catalog.pen, session_region, session_aftercare);
    const auto region_flag = args.value("--region");
    request.days = args.number("--days", 0.0, 0.0, 3650.0);
    // A session's own aftercare, unless the flags say otherwise.
    const Aftercare care = session_aftercare.value_or(Aftercare{});
    request.sessions = args.integer("--sessions", care.sessions, 1, 20);
    request.interval_days = args.number("--interval-days", care.interval_days, 1.0, 365.0);
    request.serum = args.value_or("--serum", care.serum);
    // An unknown name fails now, not after needling, and says where it came from: the flag or the session.
    const auto named_by = [&](const std::string& flag, const std::string& field) {
        return args.given(flag) || !strokes_file ? flag + ": " : *strokes_file + ": " + field + ": ";
    };
    try {
        if (!request.serum.empty()) catalog.serum(request.serum);
    } catch (const Error& e) {
        throw Error(named_by("--serum", "aftercare.serum") + e.what());
    }
    request.occluded = args.flag("--occluded") || care.occluded;
    request.quality = parse_quality(args.value_or("--quality", "ci"));
    auto curves_path = args.value("--curves");
    auto image_path = args.value("--image");
    FrameSink frames_out(args);
    const bool making_frames = frames_out.wanted();
    double every_h = args.number("--every", 24.0, 0.25, 24.0 * 365);
    Overlay overlay = parse_overlay(args.value_or("--overlay", "collagen"));
    VkExtent2D size = cli::parse_size(args.value_or("--size", "1280x720"));
    ViewRequest view_request = view_from_args(args, catalog.regions);
    try {
        view_request.view.region = catalog.regions.find(region_flag.value_or(session_region.value_or("cheek")));
    } catch (const Error& e) {
        throw Error(named_by("--region", "region") + e.what());
    }
    view_request.picture = picture_view_from_args(args);
    view_request.frame(size);
    SkinView& view = view_request.view;
    request.region = view.region;
    bool use_cpu = args.flag("--cpu");
    bool needs_gpu = image_path || making_frames || !use_cpu;
    // Curves: every 3 h for short runs, daily for long ones (the report's closure and erythema times come from
    // every step, not from these samples); frames need a sample at each frame time.
    request.sample_hours = headless_sample_hours(request.days, making_frames ? every_h : 1e300);
    vk::ContextOptions gpu = gpu_options(args);
    args.finish();
    // Find an unwritable output, or one that would take too many frames, before the simulation runs, not after.
    check_distinct_files({{"--strokes", strokes_file}, {"--report", report_path}, {"--curves", curves_path},
                          {"--image", image_path}, {"--video", frames_out.video()}});
    check_output_file("--report", report_path);
    if (curves_path) check_output_file("--curves", *curves_path);
    if (image_path) check_output_file("--image", *image_path);
    if ((curves_path || making_frames) && request.days == 0)
        throw Error("--curves and --frames need --days (so does --video: healing is simulated only when --days is given)");
    for (const char* care_flag : {"--sessions", "--interval-days", "--serum", "--occluded"})
        if (request.days == 0 && args.given(care_flag))
            throw Error(std::string(care_flag) + " is aftercare, and needs --days (healing is simulated only when "
                        "--days is given)");
    if (making_frames) {
        const double days = request.days + (request.sessions - 1) * request.interval_days;
        check_frames_folder(frames_out.folder(), days * 24.0 / every_h, "raise --every");
    }

    std::unique_ptr<vk::Context> context;
    std::unique_ptr<OffscreenRenderer> frames;
    if (needs_gpu) {
        context = std::make_unique<vk::Context>(gpu);
        frames = std::make_unique<OffscreenRenderer>(*context, catalog, size);
    }

    auto start = std::chrono::steady_clock::now();
    ProgressBar bar("healing");
    TreatmentObserver observer;
    observer.progress = [&](double f) { bar.update(f); };
    double next_frame_s = 0;
    int frame_index = 0;
    auto punctures = std::make_shared<PunctureList>();
    double open_at_session = 0;
    if (making_frames) {
        observer.sample = [&](const HealingSample& figures, const TissueState* sampled) {
            if (!sampled) return;  // every sample has one (wants_state is left unset)
            const TissueState& state = *sampled;
            const double open = figures.open_channels_mm3;
            open_at_session = std::max(open_at_session, open);
            if (state.time_s + 1e-6 < next_frame_s) return;
            next_frame_s += every_h * 3600.0;
            SkinView frame_view = view;
            frame_view.punctures = punctures;
            frame_view.punctures_version = 1;
            frame_view.channel_openness = open_at_session > 0 ? float(open / open_at_session) : 0.0f;
            frame_view.tissue = std::make_shared<const TissueState>(state);
            frame_view.tissue_version = uint64_t(frame_index) + 1;
            frame_view.overlay = overlay;
            frame_view.caption = healing_caption(state.time_s / 86400.0, request.sessions, request.interval_days,
                                                 device_label(request.script.device == DeviceKind::Pen,
                                                              request.script.needle_mm));
            char name[64];
            std::snprintf(name, sizeof name, "frame_%04d_day%06.2f.png", frame_index++, state.time_s / 86400.0);
            frames_out.add(frames->render(frame_view), name);
        };
        frames_out.start(size);
    }
    // The frames draw the first session's channels; the run hands them over before healing starts.
    observer.punctures = [&](const PunctureList& list) {
        *punctures = list;
        view_request.follow_work(list, size);
    };
    TreatmentResult result = run_treatment(catalog, request, observer, use_cpu ? nullptr : context.get());
    bar.done();
    if (making_frames) frames_out.finish();
    double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    nlohmann::json report = treatment_report(request.region.id, request.script, result.stats);
    report["quality"] = quality_name(request.quality);
    report["backend"] = use_cpu ? "cpu" : "gpu";
    report["tables_hash"] = catalog.tables_hash;  // which parameter tables produced these numbers
    if (result.healing) {
        add_healing(report, *result.healing, {request.occluded, request.serum, request.sessions, request.interval_days},
                    request.days);
        report["healing"]["steps"] = result.timeline.steps;
    }
    report["wall_time_s"] = wall_s;
    check_report_finite(report, (catalog.root / "heal_params.json").string());
    // The report is written last: if the curves or the image cannot be written, an earlier report stays as it was.
    if (curves_path && result.healing) write_text_atomically(*curves_path, to_csv(result.healing->curves));
    if (image_path) {
        view.punctures = std::make_shared<PunctureList>(result.punctures);
        view.punctures_version = 1;
        if (request.days == 0) {  // with healing the end state would not be "after needling"
            view.tissue = std::make_shared<const TissueState>(result.tissue);
            view.tissue_version = 1;
        }
        write_png(*image_path, frames->render(view));
    }
    write_text_atomically(report_path, report.dump(2) + "\n");
    std::fprintf(stderr, "dermasim: %zu punctures (%.0f per cm^2), depth mean %.0f um, %zu bleeding points%s; %.1f s\n",
                 result.stats.count, result.stats.density_per_cm2, result.stats.depth_um.mean,
                 result.stats.bleeding_points, result.healing ? ", healed" : "", wall_s);
    std::fprintf(stderr, "dermasim: wrote %s\n", report_path.c_str());
    if (making_frames) std::fprintf(stderr, "dermasim: %s\n", frames_out.summary().c_str());
    return context ? finish_validation(*context, 0) : 0;
}

}  // namespace dermasim::app
