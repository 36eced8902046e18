#include "app/training_outputs.hpp"

#include <cstdio>

#include "app/treatment_report.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/core/version.hpp"
#include "engine/io/html_report.hpp"
#include "engine/training/history.hpp"
#include "engine/training/xapi.hpp"

namespace dermasim::app {

TrainingAssets load_training_assets(const Catalog& catalog) {
    return {load_lessons(catalog.root / "lessons", catalog.regions), load_rubric(catalog.root / "training" / "rubric.json")};
}

ScoredSession score_session(const TrainingAssets& assets, const Catalog& catalog, const Lesson& lesson,
                            const StrokeScript& script, const PunctureList& punctures, const TrainingAnswers& answers) {
    ScoredSession s;
    s.lesson = &lesson;
    s.answers = answers;
    s.script = script;
    s.punctures = punctures;
    const RegionProfile& region = catalog.regions.find(lesson.client.region);
    s.stats = compute_puncture_stats(punctures, region);
    s.coverage = coverage_grid(punctures, centred_treated_area(), lesson.protocol.density_per_cm2(script.device));
    s.score = score_training(assets.rubric, {lesson, region, script, punctures, answers});
    s.warnings = training_warnings(lesson, script, s.coverage, script.pressure, true);
    s.finished_utc = utc_timestamp();
    return s;
}

SessionRecord training_record(const Catalog& catalog, const ScoredSession& s, const std::string& created_utc) {
    SessionRecord r;
    r.app_version = kAppVersion;
    r.tables_hash = catalog.tables_hash;
    r.created_utc = created_utc;
    r.mode = "training";
    r.region = s.lesson->client.region;
    r.input = s.script;
    if (s.answers.serum) r.aftercare.serum = *s.answers.serum;
    r.lesson = LessonRecord{s.lesson->id, to_json(s.answers)};
    return r;
}

std::string treatment_summary(const StrokeScript& script) {
    if (script.strokes.empty()) return "no treatment";
    char line[128];
    std::snprintf(line, sizeof line, "%s %.2f mm, %zu strokes, pressure %.2f", std::string(device_key(script.device)).c_str(),
                  script.needle_mm, script.strokes.size(), script.pressure);
    return line;
}

nlohmann::json training_report(const ScoredSession& s) {
    nlohmann::json report = treatment_report(s.lesson->client.region, s.script, s.stats);
    report["lesson"] = {{"id", s.lesson->id}, {"title", s.lesson->title}, {"level", s.lesson->level}};
    report["answers"] = to_json(s.answers);
    report["score"] = to_json(s.score);
    report["warnings"] = nlohmann::json::array();
    for (const auto& w : s.warnings) report["warnings"].push_back({{"id", w.id}, {"message", w.message}});
    report["coverage"] = {{"cell_mm", s.coverage.cell_mm}, {"cols", s.coverage.cols}, {"rows", s.coverage.rows},
                          {"per_cm2", s.coverage.per_cm2}, {"cv", s.coverage.cv}};
    report["steps_completed"] = nlohmann::json::array();
    for (FlowStep step : completed_steps(s.answers, s.script)) report["steps_completed"].push_back(std::string(step_key(step)));
    report["finished"] = s.finished_utc;
    if (!s.session_file.empty()) report["session"] = s.session_file;
    return report;
}

void write_debrief(const std::string& path, const ScoredSession& s, const DebriefPictures& pictures) {
    std::vector<std::string> steps;
    for (FlowStep step : completed_steps(s.answers, s.script)) steps.emplace_back(step_name(step));
    DebriefReport report{*s.lesson, s.answers.trainee.value_or(""), s.finished_utc, s.session_file,
                         treatment_summary(s.script), s.score, s.coverage, s.warnings, steps,
                         pictures.cut, pictures.micro, pictures.healing};
    write_text_atomically(path, debrief_html(report));
}

void write_xapi(const std::string& path, const ScoredSession& s) {
    const XapiSession x{*s.lesson, s.answers.trainee.value_or(""),
                        s.session_file.empty() ? s.lesson->id + "/" + s.finished_utc : s.session_file,
                        s.finished_utc, completed_steps(s.answers, s.script), s.score};
    write_text_atomically(path, xapi_statements(x).dump(1) + "\n");
}

std::optional<std::string> record_in_history(const ScoredSession& s) {
    if (!s.answers.trainee) return std::nullopt;
    TrainingHistory history(default_history_file());
    nlohmann::json criteria = nlohmann::json::object();
    for (const auto& c : s.score.criteria)
        if (c.applicable) criteria[c.id] = c.score;
    history.add({0, *s.answers.trainee, s.lesson->id, s.finished_utc, s.score.overall, s.score.passed, criteria.dump(),
                 s.session_file});
    return history.file().string();
}

}  // namespace dermasim::app
