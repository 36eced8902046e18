#pragma once
// The training mode's panels: the lesson picker, the treatment flow (one step at a time, with its plain-words
// explanation), the live feedback while rolling, the results with the rubric, and the trainee history. They
// read the mode's state and return what the trainee asked for; the mode applies it.
#include <optional>
#include <string>
#include <vector>

#include "app/treatment_controller.hpp"
#include "app/training_outputs.hpp"
#include "engine/training/history.hpp"

namespace dermasim::app {

struct TrainingIntent {
    std::optional<std::string> lesson;   // start this lesson
    std::optional<std::string> trainee;
    std::optional<bool> proceed;         // screening decided: treat, or turn the client away
    std::optional<std::vector<std::string>> contraindications;
    std::optional<DeviceKind> device;
    std::optional<float> needle_mm;
    std::optional<double> numbing_minutes;
    std::optional<bool> skin_prepared;
    std::optional<std::string> serum;
    std::optional<std::vector<std::string>> aftercare;
    bool next = false, back = false, finish = false, undo = false;
    bool restart = false, history = false, close_history = false, modes = false;
    bool export_xapi = false, export_html = false;
};

// What the feedback panel shows while the trainee rolls.
struct LiveFeedback {
    const Lesson* lesson = nullptr;
    const RegionProfile* region = nullptr;
    CoverageGrid coverage;
    float depth_mm = 0, needle_mm = 0, pressure = 0;
    double speed_mm_s = 0;
    Range good_speed;
    bool down = false;
    int passes = 0;
    std::array<int, 4> directions{};
    std::vector<TrainingWarning> warnings;
};

TrainingIntent draw_lesson_picker(const std::vector<Lesson>& lessons, const std::string& trainee,
                                  const std::string& load_error);
TrainingIntent draw_flow_panel(const Lesson& lesson, FlowStep step, const TrainingAnswers& draft,
                               const TreatmentController& treatment, const std::vector<std::string>& serums,
                               const std::string& save_failure);
TrainingIntent draw_feedback_panel(const LiveFeedback& feedback);
TrainingIntent draw_results_panel(const ScoredSession& result, const std::string& status);
TrainingIntent draw_history_panel(const std::vector<HistoryEntry>& entries, const std::vector<Lesson>& lessons,
                                  const std::string& trainee, const std::string& error);

}  // namespace dermasim::app
