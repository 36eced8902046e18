// dermasim score: a lesson run end to end without a window: the answers of the flow, the passes (a recorded
// session, a stroke script, or a plan of N passes), the score on the rubric, and its report, debrief and xAPI.
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "app/commands.hpp"
#include "app/output_checks.hpp"
#include "app/progress.hpp"
#include "app/training_outputs.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/session/autosave.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/tools/treatment_plan.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim score - run a training lesson end to end and score it on the rubric

Usage: dermasim score --lesson ID (--strokes FILE | --device roller|pen --needle-mm L --passes N [--pressure P])
                      [--answers FILE] --report out.json [--html FILE] [--xapi FILE]
  --lesson ID        a lesson in assets/lessons (forehead-fine-lines, periorbital-crepey-skin, cheek-acne-scars,
                     neck-texture, abdomen-stretch-marks, client-to-turn-away)
  --strokes FILE     the passes: a session file (from the window; a training session brings its answers) or a
                     stroke script
  --device D         or a plan of lifted passes: roller or pen,
  --needle-mm L      needle length 0.1..3.0 mm (roller) or depth 0..2.5 mm in 0.25 steps (pen),
  --passes N         an even number of passes 2..40, alternating horizontal, vertical, diagonal, anti-diagonal,
  --pressure P       0 (barely touching) .. 1 (firm), default 0.5
  --answers FILE     the flow's answers (JSON): proceed (bool), contraindications (ids from the lesson),
                     numbing_minutes, skin_prepared (bool), serum, aftercare (advice ids), trainee (name).
                     Without it the steps it answers count as skipped. proceed = false ends the session at
                     screening: no pass is made.
  --report FILE      JSON: score.overall and score.criteria.NAME.{score, weight, measured, tip}, the punctures,
                     the coverage map, warnings (written atomically)
  --html FILE        the debrief: one self-contained HTML page with the rubric, coverage heatmap, the cut and the
                     magnified view, and 28 days of healing curves (needs a GPU, or lavapipe)
  --xapi FILE        the session as xAPI statements (JSON array)
The session is saved like the window's, in $XDG_DATA_HOME/dermasim/sessions (replay it with 'dermasim replay');
when the answers name a trainee it is added to their history ('dermasim history').
)";

constexpr double kDebriefHealDays = 28;  // one treatment interval (REFERENCE.md §3: every 4-6 weeks)
constexpr VkExtent2D kDebriefImage{960, 540};

StrokeScript passes_from_args(cli::Args& args, const std::optional<std::string>& file, const Lesson& lesson,
                              std::optional<TrainingAnswers>& session_answers) {
    auto device = args.value("--device");
    auto needle = args.value("--needle-mm");
    auto passes = args.value("--passes");
    auto pressure = args.value("--pressure");
    if (file) {
        if (file->empty()) throw Error("--strokes needs a file name");
        if (device || needle || passes || pressure)
            throw Error("--strokes gives the device, needle, passes and pressure itself; leave out --device, "
                        "--needle-mm, --passes and --pressure");
        SessionRecord session = load_session(*file, lesson.client.region);
        if (session.region != lesson.client.region)
            throw Error(*file + ": is a session on the " + session.region + ", lesson '" + lesson.id + "' is on the " +
                        lesson.client.region);
        if (session.lesson) {
            if (session.lesson->id != lesson.id)
                throw Error(*file + ": was recorded for lesson '" + session.lesson->id + "', not '" + lesson.id + "'");
            session_answers = parse_answers(session.lesson->answers, *file + ": lesson.answers", lesson);
        }
        return session.input;
    }
    if (!device || !needle || !passes)
        throw Error("dermasim score: give the passes, either --strokes FILE or --device, --needle-mm and --passes "
                    "(see 'dermasim score --help')");
    TreatmentPlanOptions plan;
    plan.device = parse_device_kind(*device, "--device");
    const bool roller = plan.device == DeviceKind::Roller;
    plan.needle_mm = float(cli::parse_number("--needle-mm", *needle, roller ? 0.1 : 0.0, roller ? 3.0 : 2.5));
    const double n = cli::parse_number("--passes", *passes, 2, 40);
    if (n != std::floor(n)) throw Error("--passes = '" + *passes + "' must be a whole number");
    plan.passes = int(n);
    if (plan.passes % 2) throw Error("--passes = " + *passes + " must be even (passes alternate direction)");
    plan.pressure = float(pressure ? cli::parse_number("--pressure", *pressure, 0.0, 1.0) : 0.5);
    StrokeScript script = make_treatment_plan(plan);
    validate_stroke_script(script, "the treatment");
    return script;
}

DebriefPictures debrief_pictures(const Catalog& catalog, const vk::ContextOptions& gpu_flags, const ScoredSession& s,
                                 std::unique_ptr<vk::Context>& context) {
    DebriefPictures pictures;
    context = std::make_unique<vk::Context>(gpu_flags);
    const RegionProfile& region = catalog.regions.find(s.lesson->client.region);
    if (!s.script.strokes.empty()) {
        TreatmentRequest request;
        request.region = region;
        request.script = s.script;
        request.days = kDebriefHealDays;
        request.serum = s.answers.serum.value_or("");
        request.sample_hours = headless_sample_hours(request.days);
        ProgressBar bar("healing for the debrief");
        TreatmentObserver observer;
        observer.progress = [&](double f) { bar.update(f); };
        // The CPU twins heal it: a 28-day run on the coarse grid is seconds on a CPU, while software Vulkan
        // (lavapipe, what machines without a GPU have) takes minutes; both run the same model.
        TreatmentResult result = run_treatment(catalog, request, observer, nullptr);
        bar.done();
        pictures.healing = result.healing;
    }
    OffscreenRenderer renderer(*context, catalog, kDebriefImage);
    auto picture = [&](PictureView what) {
        ViewRequest view;
        view.view.region = region;
        view.picture = what;
        view.view.punctures = std::make_shared<PunctureList>(s.punctures);
        view.view.punctures_version = 1;
        view.follow_work(s.punctures, kDebriefImage);
        return renderer.render(view.view);
    };
    pictures.cut = picture(PictureView::Block);
    if (!s.punctures.empty()) pictures.micro = picture(PictureView::Micro);
    return pictures;
}

}  // namespace

int run_score(const Argv& argv) {
    cli::Args args("dermasim score", argv);
    if (args.help_requested()) {
        std::printf("%s%s", kHelp, kGpuFlagsHelp);
        return 0;
    }
    const Catalog catalog = load_catalog();
    const TrainingAssets training = load_training_assets(catalog);
    const Lesson& lesson = find_lesson(training.lessons, args.required("--lesson"));
    const std::string report_path = args.required("--report");
    const auto strokes_file = args.value("--strokes");
    const auto answers_file = args.value("--answers");
    const auto html_path = args.value("--html");
    const auto xapi_path = args.value("--xapi");
    const vk::ContextOptions gpu = gpu_options(args);
    std::optional<TrainingAnswers> session_answers;
    StrokeScript script = passes_from_args(args, strokes_file, lesson, session_answers);
    args.finish();
    check_distinct_files({{"--strokes", strokes_file}, {"--answers", answers_file}, {"--report", report_path},
                          {"--html", html_path}, {"--xapi", xapi_path}});
    check_output_file("--report", report_path);
    if (html_path) check_output_file("--html", *html_path);
    if (xapi_path) check_output_file("--xapi", *xapi_path);
    // The answers file, else those a training session carries, else none: every answered step skipped.
    const TrainingAnswers answers = answers_file ? load_answers(*answers_file, lesson) : session_answers.value_or(TrainingAnswers{});
    try {
        if (answers.serum && !answers.serum->empty()) catalog.serum(*answers.serum);
    } catch (const Error& e) {
        const std::string where = answers_file ? *answers_file + ": serum" : *strokes_file + ": lesson.answers.serum";
        throw Error(where + ": " + e.what());
    }
    // The client turned away: a plan of passes is not made. A saved session's passes are scored as they were
    // made (treated, then turned away, scores as a treatment).
    if (answers.proceed == false && !strokes_file) script.strokes.clear();

    const RegionProfile& region = catalog.regions.find(lesson.client.region);
    const PunctureList punctures = script.strokes.empty()
                                       ? PunctureList{}
                                       : run_stroke_script(script, region, roller_for(script, catalog.roller),
                                                           pen_for(script, catalog.pen));
    ScoredSession scored = score_session(training, catalog, lesson, script, punctures, answers);

    // A training session given with --strokes is an attempt already kept (its file, and its history entry when it
    // named a trainee): scoring it again neither copies it nor counts it as another attempt.
    const bool rescore = strokes_file && session_answers && !answers_file;
    if (rescore) scored.session_file = std::filesystem::absolute(*strokes_file).string();
    // A headless training session is kept like the window's: a session file to replay.
    if (!rescore) try {
        const std::filesystem::path folder = default_session_folder();
        std::error_code ec;
        std::filesystem::create_directories(folder, ec);
        const SessionRecord record = training_record(catalog, scored, scored.finished_utc);
        scored.session_file =
            write_new_file_atomically(folder, session_file_stem(record), ".session.json", to_json(record).dump(1) + "\n").string();
        std::fprintf(stderr, "dermasim: saved the session to %s\n", scored.session_file.c_str());
    } catch (const Error& e) {
        std::fprintf(stderr, "dermasim: warning: the session was not saved (%s); the report is written anyway\n", e.what());
    }
    std::unique_ptr<vk::Context> context;
    if (html_path) write_debrief(*html_path, scored, debrief_pictures(catalog, gpu, scored, context));
    if (xapi_path) write_xapi(*xapi_path, scored);
    write_text_atomically(report_path, report_text(training_report(scored)));
    // After the report: a history that cannot be opened (locked, from a newer DermaSim) costs the entry, not
    // the report asked for.
    if (rescore && answers.trainee) {
        std::fprintf(stderr, "dermasim: %s was scored before: not added to the history again\n", strokes_file->c_str());
    } else if (!rescore) {
        try {
            if (auto db = record_in_history(scored))
                std::fprintf(stderr, "dermasim: added to %s's history (%s)\n", answers.trainee->c_str(), db->c_str());
        } catch (const Error& e) {
            std::fprintf(stderr, "dermasim: warning: not added to the history (%s); the report is written\n", e.what());
        }
    }
    std::printf("%s: %.0f / 100, %s\n", lesson.id.c_str(), scored.score.overall, scored.score.passed ? "passed" : "not passed");
    for (const auto& c : scored.score.criteria)
        std::printf("  %-22s %5s  %s\n", c.id.c_str(), c.applicable ? std::to_string(int(c.score + 0.5)).c_str() : "n/a",
                    c.measured.c_str());
    for (const auto& w : scored.warnings) std::printf("  warning: %s\n", w.message.c_str());
    std::fprintf(stderr, "dermasim: wrote %s\n", report_path.c_str());
    return context ? finish_validation(*context, 0) : 0;
}

}  // namespace dermasim::app
