#pragma once
// What the trainee answered in the treatment flow, as given (answers JSON, docs/LESSONS.md). A step that was
// not answered is absent (std::nullopt) and scores as skipped; a missing answers file skips them all.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace dermasim {

struct Lesson;

struct TrainingAnswers {
    std::optional<std::string> trainee;                         // who took the lesson (history, xAPI actor)
    std::optional<bool> proceed;                                // screening: treat this client today?
    std::optional<std::vector<std::string>> contraindications;  // screening: ids from the lesson's vocabulary
    std::optional<double> numbing_minutes;                      // 0: no numbing
    std::optional<bool> skin_prepared;                          // cleansed and disinfected before needling
    std::optional<std::string> serum;                           // "" none, else a serum name
    std::optional<std::vector<std::string>> aftercare;          // advice ids from the lesson
    bool operator==(const TrainingAnswers&) const = default;
};

// Every problem is an Error "<origin>: <field> <problem>"; ids must be in the lesson's vocabularies.
TrainingAnswers parse_answers(const nlohmann::json& doc, const std::string& origin, const Lesson& lesson);
TrainingAnswers load_answers(const std::filesystem::path& file, const Lesson& lesson);
nlohmann::json to_json(const TrainingAnswers& answers);

}  // namespace dermasim

namespace dermasim {
struct StrokeScript;
enum class FlowStep;
// The flow steps this session completed: answered, or (the passes) done.
std::vector<FlowStep> completed_steps(const TrainingAnswers& answers, const StrokeScript& script);
}  // namespace dermasim
