#pragma once
// What every way into training shares (the window's training mode, 'dermasim score', 'dermasim replay' of a
// training session): the lessons and rubric, scoring a session from its punctures and answers, and writing its
// report, HTML debrief, xAPI statements and history row. One path, so the window, score and replay can never
// score the same session differently.
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "engine/core/catalog.hpp"
#include "engine/io/png.hpp"
#include "engine/session/session_record.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "engine/tools/puncture_stats.hpp"
#include "engine/training/answers.hpp"
#include "engine/training/feedback.hpp"
#include "engine/training/lesson.hpp"
#include "engine/training/rubric.hpp"
#include "engine/training/scoring.hpp"

namespace dermasim::app {

// assets/lessons/*.json and assets/training/rubric.json, from the catalogue's asset folder.
struct TrainingAssets {
    std::vector<Lesson> lessons;
    Rubric rubric;
};
TrainingAssets load_training_assets(const Catalog& catalog);

// A finished (or, in the window, ongoing) training session and what it measured.
struct ScoredSession {
    const Lesson* lesson = nullptr;
    TrainingAnswers answers;
    StrokeScript script;      // empty when the client was turned away
    PunctureList punctures;
    PunctureStats stats;
    CoverageGrid coverage;
    TrainingScore score;
    std::vector<TrainingWarning> warnings;
    std::string finished_utc;
    std::string session_file;  // where the session was saved ("" when it was not)
};
ScoredSession score_session(const TrainingAssets& assets, const Catalog& catalog, const Lesson& lesson,
                            const StrokeScript& script, const PunctureList& punctures, const TrainingAnswers& answers);

// The session as a record (mode "training", the lesson and the answers as given).
SessionRecord training_record(const Catalog& catalog, const ScoredSession& s, const std::string& created_utc);

// The JSON report: the treatment report's fields, plus lesson, answers, score, warnings, coverage.
nlohmann::json training_report(const ScoredSession& s);

// "roller 0.50 mm, 18 strokes, pressure 0.50" (a stroke: from put-down to lift)
std::string treatment_summary(const StrokeScript& script);

struct DebriefPictures {
    std::optional<RgbaImage> cut, micro;
    std::optional<HealingMetrics> healing;
};
void write_debrief(const std::string& path, const ScoredSession& s, const DebriefPictures& pictures);
void write_xapi(const std::string& path, const ScoredSession& s);
// Adds the session to the trainee history (when the answers name a trainee); returns the database file.
std::optional<std::string> record_in_history(const ScoredSession& s);

}  // namespace dermasim::app
