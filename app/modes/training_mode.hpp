#pragma once
// Training: a lesson taken step by step. The trainee picks a lesson, screens the client, chooses the device and
// needle, numbs (the wait skipped), prepares the skin, rolls the passes on the skin with live feedback (coverage
// heatmap, depth against the layers, pressure and speed meters, directions done, warnings), chooses a serum and
// gives aftercare advice; then the session is scored on the rubric, saved with its lesson and answers, and added
// to the trainee's history. The skin, the device input and the session file are the sandbox's, reused whole.
#include <ctime>
#include <optional>
#include <string>

#include "app/modes/mode.hpp"
#include "app/modes/sandbox_mode.hpp"
#include "app/panels/training_panel.hpp"
#include "app/training_outputs.hpp"

namespace dermasim::app {

class TrainingMode final : public Mode {
public:
    enum class Screen { Lessons, Flow, Results, History };

    explicit TrainingMode(const AppServices& services);
    std::string_view name() const override { return "training"; }
    void frame(const FrameInput& input, double dt_s, SkinView& view) override;
    std::string prepare_to_leave() override;
    bool asking() const override { return sandbox_.asking(); }

    // What the panels return, applied; tests drive the flow through it.
    void apply(const TrainingIntent& intent);

    Screen screen() const { return screen_; }
    FlowStep step() const { return step_; }
    const Lesson* lesson() const { return lesson_; }
    const TrainingAnswers& answers() const { return answers_; }
    const std::string& trainee() const { return trainee_; }
    const std::optional<ScoredSession>& result() const { return result_; }
    const std::string& load_error() const { return load_error_; }
    std::string status() const { return status_ + history_status_; }
    SandboxMode& sandbox() { return sandbox_; }
    LiveFeedback live_feedback() const;

private:
    void start_lesson(const std::string& id);
    void record_lesson();  // the lesson and its answers, into the session the sandbox saves
    void finish();
    void export_file(bool html);
    void show_history();
    std::filesystem::path output_path(const std::string& suffix) const;

    const AppServices& services_;
    SandboxMode sandbox_;
    TrainingAssets assets_;
    std::string load_error_;
    Screen screen_ = Screen::Lessons;
    Screen before_history_ = Screen::Lessons;
    FlowStep step_ = FlowStep::Screening;
    const Lesson* lesson_ = nullptr;
    TrainingAnswers answers_;
    std::string trainee_;
    std::optional<ScoredSession> result_;
    std::vector<HistoryEntry> history_;
    std::string history_error_;
    std::string status_;          // where the session was saved, and any export since
    std::string history_status_;  // whether it was added to the history
    std::time_t finished_at_ = 0;
};

}  // namespace dermasim::app
