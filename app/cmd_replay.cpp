// dermasim replay: a saved session played back through the app itself: its passes as they were made, then its
// healing. In the window when there is no output to write; headless (offscreen renderer, fixed clock) to PNG
// frames and a JSON report otherwise.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <imgui.h>

#include "app/commands.hpp"
#include "app/frame_sink.hpp"
#include "app/modes/sandbox_mode.hpp"
#include "app/output_checks.hpp"
#include "app/platform/headless_platform.hpp"
#include "app/platform/window_platform.hpp"
#include "app/progress.hpp"
#include "app/training_outputs.hpp"
#include "app/treatment_report.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"
#include "engine/render/ui_context.hpp"
#include "engine/session/clock.hpp"
#include "engine/session/session_check.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim replay - play a saved session back: its passes as they were made, then its healing

Usage: dermasim replay SESSION [options]
  SESSION           a session file (saved by the window) or a stroke script
  --days D          heal D days after the passes (default: as long as the session's own time-lapse, or none)
  --speed X         play the passes X times as fast as they were made (default 1)
  --region R        the region for a stroke script (a session file names its own)
Headless (no window) when any of these is given:
  --report FILE     JSON report: punctures, the score of a training session, and the healing when --days > 0
                    (written atomically)
  --frames DIR      PNG frames: 10 a second while the passes play, then one every --every HOURS of healing
  --every HOURS     simulated hours between healing frames (default 24)
  --video FILE      an MP4 (H.264, via ffmpeg) of the same frames, with their captions; --fps N (default 10)
  --size WxH        frame size (default 1280x720; also the window's size)
  --look, --yaw, --pitch, --zoom, --no-labels, --plain-words as in render; --cut F as well (default: through
                    the channels)
  --view V          frames show the block, the magnified cut through the channels (micro), or both (default)
Window only: --frames-limit N quits after N frames, --screenshot FILE saves the last one (tests),
--render-scale S as in the window.
)";

constexpr double kReplayFps = 10.0;     // headless frames per second of playback

std::string frame_name(int index, const char* what, double value) {
    char name[64];
    std::snprintf(name, sizeof name, "frame_%05d_%s%07.2f.png", index, what, value);
    return name;
}

// Runs app frames without drawing them (a report alone needs no pictures): the UI still runs, so the
// same code path decides everything.
struct UiOnly {
    UiContext ui;
    void frame(App& app, VkExtent2D size) {
        UiContext::Activate active(ui);
        ui.new_headless_frame(size);
        app.frame(FrameInput{{float(size.width), float(size.height)}});
        ImGui::Render();
    }
};

// A training session's lesson and answers, found before the replay: a lesson renamed since, or a bad answer, is
// refused at once, not after minutes of replay and healing.
struct TrainingScoring {
    TrainingAssets training;
    const Lesson* lesson = nullptr;  // in training.lessons
    TrainingAnswers answers;
};
std::unique_ptr<TrainingScoring> training_scoring(const Catalog& catalog, const SessionRecord& session,
                                                  const std::string& file) {
    auto s = std::make_unique<TrainingScoring>();
    s->training = load_training_assets(catalog);
    try {
        s->lesson = &find_lesson(s->training.lessons, session.lesson->id);
    } catch (const Error& e) {
        throw Error(file + ": lesson.id: " + e.what());
    }
    s->answers = parse_answers(session.lesson->answers, file + ": lesson.answers", *s->lesson);
    return s;
}

// A training session's replay is scored as it was when it was made (the same punctures, the same answers).
void add_training_score(nlohmann::json& report, const Catalog& catalog, const SessionRecord& session,
                        const TrainingScoring& t, const PunctureList& punctures) {
    const ScoredSession scored = score_session(t.training, catalog, *t.lesson, session.input, punctures, t.answers);
    report["lesson"] = t.lesson->id;
    report["score"] = to_json(scored.score);
}

}  // namespace

int run_replay(const Argv& argv) {
    cli::Args args("dermasim replay", argv);
    if (args.help_requested()) {
        std::printf("%s%s", kHelp, kGpuFlagsHelp);
        return 0;
    }
    auto days_flag = args.value("--days");
    const double speed = args.number("--speed", 1.0, 0.01, 1000.0);
    auto region = args.value("--region");
    auto report_path = args.value("--report");
    FrameSink frames_out(args);
    const bool making_frames = frames_out.wanted();
    const double every_h = args.number("--every", 24.0, 0.25, 24.0 * 365);
    const int frames_limit = args.integer("--frames-limit", 0, 0, 1000000);
    auto screenshot = args.value("--screenshot");
    if (screenshot) check_output_file("--screenshot", *screenshot);
    VkExtent2D size = cli::parse_size(args.value_or("--size", "1280x720"));
    const Catalog catalog = load_catalog();
    AppServices services;
    services.catalog = &catalog;
    ViewRequest view_request = view_from_args(args, catalog.regions);
    view_request.picture = picture_view_from_args(args);
    services.start_view = view_request.view;
    services.start_zoom = view_request.zoom;
    vk::ContextOptions gpu = gpu_options(args);
    const std::optional<float> render_scale = render_scale_option(args);
    auto file_arg = args.positional();
    args.finish();
    if (!file_arg || file_arg->empty())
        throw Error("dermasim replay: which session? (dermasim replay SESSION; see 'dermasim replay --help')");
    const std::string file = *file_arg;
    check_distinct_files({{"the session", file}, {"--report", report_path}, {"--video", frames_out.video()},
                          {"--screenshot", screenshot}});
    try {  // a mistake in the flag is the flag's, not the file's
        if (region) catalog.regions.find(*region);
    } catch (const Error& e) {
        throw Error(std::string("--region: ") + e.what());
    }
    SessionRecord session = load_session(file, region.value_or("cheek"));
    if (region && session.region != *region)
        throw Error("--region " + *region + ": " + file + " is a session on the " + session.region +
                    " (--region is only for stroke scripts)");
    check_session_replayable(session, catalog, file);
    const auto scoring = session.lesson && report_path ? training_scoring(catalog, session, file) : nullptr;
    if (session.input.strokes.empty() && session.lesson && report_path && !making_frames) {
        // A client turned away at screening: nothing to play back, but the session still has its score.
        check_output_file("--report", *report_path);
        nlohmann::json report = {{"session", file}, {"region", session.region}, {"strokes", 0}};
        add_training_score(report, catalog, session, *scoring, {});
        write_text_atomically(*report_path, report_text(report));
        std::fprintf(stderr, "dermasim: wrote %s (no pass: the client was turned away)\n", report_path->c_str());
        return 0;
    }
    if (session.input.strokes.empty()) throw Error(file + ": the session holds no pass to replay");
    services.start_view.region = catalog.regions.find(session.region);
    if (!session.tables_hash.empty() && session.tables_hash != catalog.tables_hash)
        std::fprintf(stderr, "dermasim: note: %s was recorded with other parameter tables (%s, now %s): the punctures "
                     "replay the same, the healing may differ\n", file.c_str(), session.tables_hash.c_str(),
                     catalog.tables_hash.c_str());
    const double days = days_flag ? cli::parse_number("--days", *days_flag, 0, 3650) : session.healing_days.value_or(0);

    if (!report_path && !making_frames) {
        // In the window: the same replay, watched. New work on top of it goes to a new session file.
        WindowOptions options;
        options.size = size;
        options.frames = frames_limit;
        options.screenshot = screenshot;
        options.gpu = gpu;
        options.render_scale = render_scale;
        services.session_folder = default_session_folder();
        return run_window_app(options, services, "sandbox",
                              [&](App& app) { app.sandbox()->start_replay(session, speed, days); });
    }

    // Headless: check every output before any work.
    if (screenshot || frames_limit || render_scale)
        throw Error("--screenshot, --frames-limit and --render-scale are for the window (a replay without --report, "
                    "--frames or --video)");
    if (report_path) check_output_file("--report", *report_path);
    const double total_days = days + (session.aftercare.sessions - 1) * session.aftercare.interval_days * (days > 0);
    if (making_frames) {
        const double pass_frames = session.input.strokes.back().points.back().t_s / speed * kReplayFps;
        const double heal_frames = days > 0 ? total_days * 24.0 / every_h : 0;
        check_frames_folder(frames_out.folder(), pass_frames + heal_frames, "raise --speed or --every");
    }

    // Frames are drawn 10 a second of playback; a report alone needs no pacing, so its clock takes big steps
    // (the same samples reach the controller either way: a replay feeds every recorded sample in order).
    const double end_t = session.input.strokes.back().points.back().t_s;
    FixedStepClock clock(making_frames ? 1.0 / kReplayFps : std::max(1.0 / kReplayFps, end_t / speed / 100.0));
    services.clock = &clock;
    std::unique_ptr<vk::Context> context;
    std::unique_ptr<HeadlessPlatform> platform;
    std::unique_ptr<UiOnly> ui_only;
    if (making_frames) {
        context = std::make_unique<vk::Context>(gpu);
        services.gpu = context.get();
        platform = std::make_unique<HeadlessPlatform>(*context, catalog, size);
        frames_out.start(size);
    } else {
        ui_only = std::make_unique<UiOnly>();
    }
    App app(services, "sandbox");
    SandboxMode& sandbox = *app.sandbox();
    sandbox.show_panels = false;  // frames show the skin, not the controls
    sandbox.follow_work = !view_request.cut_given;
    sandbox.headless_sample_hours = headless_sample_hours(days, making_frames ? every_h : 1e300);
    if (view_request.picture == PictureView::Micro) sandbox.micro_rect = glm::vec4(0, 0, 1, 1);
    if (view_request.picture == PictureView::Both) {
        sandbox.micro_rect = kHeadlessInset;
        sandbox.headless_area = kHeadlessBlockBesideInset;
    }
    sandbox.start_replay(session, speed, days);
    auto frame = [&](const char* what, double value) {
        if (!platform) return ui_only->frame(app, size);
        frames_out.add(platform->frame(app), frame_name(frames_out.count(), what, value));
    };
    ProgressBar bar("replay");
    while (sandbox.state() == SandboxMode::State::Replaying) {
        clock.tick();
        frame("t", std::min(clock.now_s() * speed, end_t));
        bar.update(0.5 * std::min(1.0, clock.now_s() * speed / std::max(end_t, 1e-9)) * (days > 0 ? 1.0 : 2.0));
    }
    if (days > 0) {
        const HealingPlayer& player = sandbox.healing();
        const int steps = int(std::floor(total_days * 24.0 / every_h + 1e-9));
        for (int k = 0; k <= steps; ++k) {
            const double day = k * every_h / 24.0;
            if (platform) {
                TimelineIntent seek;
                seek.seek_day = day;
                sandbox.apply(seek);
                player.wait_until(day);
                frame("day", day);
            }
            bar.update(0.5 + 0.5 * day / std::max(total_days, 1e-9));
        }
        player.wait_until(total_days);
        std::string why;
        if (player.failed(&why)) throw Error("the healing simulation failed: " + why);
    }
    bar.done();
    if (making_frames) frames_out.finish();

    const TreatmentController& treatment = sandbox.treatment();
    if (treatment.passes() == 0)
        throw Error(file + ": no pass in it moved the device (every stroke has a single point): nothing to replay");
    if (report_path) {
        nlohmann::json report = treatment_report(session.region, session.input,
                                                 compute_puncture_stats(*treatment.punctures(), treatment.region()));
        report["session"] = file;
        report["app_version"] = session.app_version;
        report["tables_hash"] = catalog.tables_hash;
        if (scoring) add_training_score(report, catalog, session, *scoring, *treatment.punctures());
        if (days > 0) {
            auto metrics = sandbox.healing().metrics();
            if (!metrics) throw Error("the healing simulation ended without results");
            add_healing(report, *metrics, session.aftercare, days);
        }
        check_report_finite(report, (catalog.root / "heal_params.json").string());
        write_text_atomically(*report_path, report_text(report));
        std::fprintf(stderr, "dermasim: wrote %s\n", report_path->c_str());
    }
    std::fprintf(stderr, "dermasim: replayed %d passes, %zu punctures%s%s\n", treatment.passes(),
                 treatment.punctures()->size(), days > 0 ? ", healed" : "",
                 making_frames ? (", " + frames_out.summary()).c_str() : "");
    return context ? finish_validation(*context, 0) : 0;
}

}  // namespace dermasim::app
