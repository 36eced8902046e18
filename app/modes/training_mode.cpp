#include "app/modes/training_mode.hpp"

#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "app/layout.hpp"
#include "engine/core/error.hpp"

namespace dermasim::app {
namespace {

// The trainee's name as last typed in this run of the app, so that "Another lesson" (a fresh mode) and coming
// back to training keep it. Not kept across runs: on a shared account the next person would inherit it.
std::string& remembered_trainee() {
    static std::string name;
    return name;
}

}  // namespace

TrainingMode::TrainingMode(const AppServices& services) : services_(services), sandbox_(services) {
    sandbox_.show_panels = false;  // the training panels replace the sandbox's
    try {
        assets_ = load_training_assets(*services.catalog);
    } catch (const Error& e) {  // shown on the lesson screen: the rest of the app goes on working
        load_error_ = e.what();
        std::fprintf(stderr, "dermasim: training: %s\n", e.what());
    }
    trainee_ = remembered_trainee();
    if (trainee_.empty()) {
        const char* user = std::getenv("USER");
        trainee_ = user && *user ? user : "trainee";
    }
}

// Answers given before the first pass are in no file yet: a session is autosaved from its first pass on (or when
// it ends, turned away at screening), so that choosing the device and needle leaves no files behind. Leaving
// saves them, with no pass: a quit, a switch of mode, a shutdown's SIGTERM, none of which can ask first.
std::string TrainingMode::prepare_to_leave() {
    const TrainingAnswers& a = answers_;
    const bool answered = a.proceed || a.contraindications || a.numbing_minutes || a.skin_prepared || a.serum ||
                          a.aftercare;
    if (screen_ == Screen::Flow && sandbox_.treatment().passes() == 0 && answered) {
        record_lesson();
        if (sandbox_.save_now() || sandbox_.autosaver().error().empty()) return "";
        return "This lesson's answers could not be saved (" + sandbox_.autosaver().error() +
               "). Leaving now loses them.";
    }
    return sandbox_.prepare_to_leave();
}

void TrainingMode::start_lesson(const std::string& id) {
    lesson_ = &find_lesson(assets_.lessons, id);
    answers_ = TrainingAnswers{};
    answers_.trainee = trainee_;
    result_.reset();
    step_ = FlowStep::Screening;
    screen_ = Screen::Flow;
    SkinIntent region;
    region.region = lesson_->client.region;
    sandbox_.apply(region);
    // The lesson opens on its protocol's first device with the shortest needle of its range.
    TreatmentIntent device;
    device.device = lesson_->protocol.devices.front();
    device.needle_mm = float(lesson_->protocol.needle_mm.min);
    sandbox_.apply(device);
}

LiveFeedback TrainingMode::live_feedback() const {
    LiveFeedback f;
    const TreatmentController& t = sandbox_.treatment();
    f.lesson = lesson_;
    f.region = &t.region();
    f.coverage = coverage_grid(*t.punctures(), centred_treated_area(), lesson_->protocol.density_per_cm2(t.device()));
    f.depth_mm = t.expected_depth_mm();
    f.needle_mm = t.needle_mm();
    f.pressure = t.pressure();
    f.speed_mm_s = t.stats().speed_mm_s;
    f.good_speed = good_speed_mm_s(t.device());
    f.down = t.down();
    f.passes = t.passes();
    f.directions = directions_done(t.recording());
    f.warnings = training_warnings(*lesson_, t.recording(), f.coverage, t.pressure(), false);
    return f;
}

void TrainingMode::apply(const TrainingIntent& i) {
    if (i.trainee) trainee_ = remembered_trainee() = *i.trainee;
    if (i.modes) switch_request = "start";
    if (i.restart) switch_request = "training";  // a fresh mode: a new session for the next lesson
    if (i.history) show_history();
    if (i.close_history) screen_ = before_history_;
    if (i.lesson) start_lesson(*i.lesson);
    if (!lesson_ || screen_ != Screen::Flow) {
        if (screen_ == Screen::Results && (i.export_html || i.export_xapi)) export_file(i.export_html);
        return;
    }
    if (i.contraindications) answers_.contraindications = *i.contraindications;
    if (i.numbing_minutes) answers_.numbing_minutes = *i.numbing_minutes;
    if (i.skin_prepared) answers_.skin_prepared = *i.skin_prepared;
    if (i.serum) answers_.serum = *i.serum;
    if (i.aftercare) answers_.aftercare = *i.aftercare;
    if (i.device || i.needle_mm || i.undo) {
        TreatmentIntent t;
        t.device = i.device;
        t.needle_mm = i.needle_mm;
        t.undo = i.undo;
        sandbox_.apply(t);
    }
    if (i.proceed) {
        answers_.proceed = *i.proceed;
        if (!answers_.contraindications) answers_.contraindications = std::vector<std::string>{};  // none ticked
        if (*i.proceed) step_ = FlowStep::Device;
        else finish();  // turned away: the session ends at screening
        return;
    }
    if (i.back && step_ != FlowStep::Screening) step_ = FlowStep(int(step_) - 1);
    if (i.next && step_ != FlowStep::Aftercare) step_ = FlowStep(int(step_) + 1);
    if (i.finish) finish();
}

void TrainingMode::record_lesson() { sandbox_.set_lesson("training", {lesson_->id, to_json(answers_)}); }

void TrainingMode::finish() {
    record_lesson();
    const TreatmentController& t = sandbox_.treatment();
    StrokeScript script = t.recording();
    script.pressure = t.pressure();
    result_ = score_session(assets_, *services_.catalog, *lesson_, script, *t.punctures(), answers_);
    finished_at_ = std::time(nullptr);
    if (sandbox_.save_now()) result_->session_file = sandbox_.autosaver().path().string();
    status_.clear();
    history_status_.clear();
    if (!sandbox_.autosaver().error().empty())
        status_ = "The session could not be saved: " + sandbox_.autosaver().error() + ".";
    else if (!result_->session_file.empty())
        status_ = "Saved to " + result_->session_file + ".";
    try {
        if (auto db = record_in_history(*result_)) history_status_ = " Added to your history.";
    } catch (const Error& e) {
        history_status_ = std::string(" Not added to the history: ") + e.what();
    }
    screen_ = Screen::Results;
}

std::filesystem::path TrainingMode::output_path(const std::string& suffix) const {
    const std::string saved = result_->session_file;
    if (!saved.empty()) {
        const std::string stem = saved.substr(0, saved.size() - std::string(".session.json").size());
        return stem + suffix;
    }
    // The session could not be saved (a full disk): where sessions go, under a name of its own, never over an
    // earlier trainee's export of the same lesson.
    std::filesystem::path folder = services_.session_folder;
    if (folder.empty()) folder = services_.session_file.has_parent_path() ? services_.session_file.parent_path() : ".";
    return folder / (lesson_->id + "_" + std::to_string(finished_at_) + suffix);
}

void TrainingMode::export_file(bool html) {
    const auto path = output_path(html ? ".debrief.html" : ".xapi.json");
    try {
        if (html) write_debrief(path.string(), *result_, {});
        else write_xapi(path.string(), *result_);
        status_ = "Wrote " + path.string() +
                  (html ? " (with the pictures and healing curves: dermasim score --strokes SESSION --html FILE)" : "");
    } catch (const Error& e) {
        status_ = std::string("Could not export: ") + e.what();
    }
}

void TrainingMode::show_history() {
    history_error_.clear();
    history_.clear();
    try {
        const auto file = default_history_file();
        std::error_code ec;
        if (std::filesystem::exists(file, ec)) history_ = TrainingHistory(file, TrainingHistory::Access::Read).entries(trainee_);
    } catch (const Error& e) {
        history_error_ = e.what();
    }
    if (screen_ != Screen::History) before_history_ = screen_;
    screen_ = Screen::History;
}

void TrainingMode::frame(const FrameInput& input, double dt_s, SkinView& view) {
    // The block sits between the flow panel and the feedback panel; the device touches the skin only while
    // the passes are being made.
    sandbox_.headless_area = sandbox_area(input.window_size);
    if (result_ && result_->session_file.empty() && sandbox_.autosaver().error().empty() &&
        !sandbox_.autosaver().path().empty()) {  // saving, retried since the score, has worked
        result_->session_file = sandbox_.autosaver().path().string();
        status_ = "Saved to " + result_->session_file + ".";
    }
    FrameInput skin_input = input;
    const bool rolling = screen_ == Screen::Flow && step_ == FlowStep::Passes;
    if (!rolling) {
        skin_input.left = skin_input.pressure_up = skin_input.pressure_down = skin_input.undo = false;
        skin_input.trigger.reset();
    }
    if (screen_ == Screen::Lessons || screen_ == Screen::History || screen_ == Screen::Results)
        skin_input.right = false, skin_input.wheel = 0;

    TrainingIntent intent;
    switch (screen_) {
        case Screen::Lessons: intent = draw_lesson_picker(assets_.lessons, trainee_, load_error_); break;
        case Screen::Flow:
            // The trainee sees a failing save as it happens (a full disk), not first at the score; a save that
            // works is said on the results screen, and takes no room from the steps.
            intent = draw_flow_panel(*lesson_, step_, answers_, sandbox_.treatment(), services_.catalog->serum_names(),
                                     sandbox_.autosaver().error().empty() ? "" : sandbox_.save_status());
            if (rolling) draw_feedback_panel(live_feedback());
            break;
        case Screen::Results: intent = draw_results_panel(*result_, status()); break;
        case Screen::History: intent = draw_history_panel(history_, assets_.lessons, trainee_, history_error_); break;
    }
    // The mode bar: where the trainee is, and the way out.
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 12.0f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::Begin("##modebar", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::Text("Training%s%s", lesson_ ? ": " : "", lesson_ ? lesson_->title.c_str() : "");
    ImGui::SameLine();
    if (ImGui::SmallButton("Modes")) switch_request = "start";
    ImGui::End();
    apply(intent);
    if (lesson_) record_lesson();
    sandbox_.frame(skin_input, dt_s, view);
    view.caption.reset();  // the panels say what is shown
    if (!rolling) view.device.reset();  // the device is in the hand only while the passes are made
}

}  // namespace dermasim::app
