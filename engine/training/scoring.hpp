#pragma once
// Scores a training session on the rubric, from what happened: the punctures (density, coverage, depth
// against the layers), the strokes (directions, pressure) and the flow answers (screening, needle, numbing,
// aftercare). Elapsed time is never a criterion. Every criterion comes with what was measured and a one-line tip.
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "engine/tools/puncture.hpp"
#include "engine/tools/stroke_script.hpp"
#include "engine/tools/treated_area.hpp"
#include "engine/training/answers.hpp"
#include "engine/training/lesson.hpp"
#include "engine/training/rubric.hpp"

namespace dermasim {

struct RegionProfile;

struct CriterionScore {
    std::string id, title;
    double score = 0;          // 0..100
    double weight = 0;
    bool critical = false;
    bool applicable = true;    // false: nothing to score (a client turned away)
    std::string measured;      // what happened, with its numbers
    std::string tip;           // one line: what to do next time
};

struct TrainingScore {
    double overall = 0;        // weighted mean of the applicable criteria, capped by a failed critical one
    bool passed = false;       // overall at the pass mark and no criterion under the rubric's floor
    bool capped = false;
    std::vector<CriterionScore> criteria;  // rubric order
    const CriterionScore& criterion(std::string_view id) const;
};

// What happened in a session.
struct TrainingOutcome {
    const Lesson& lesson;
    const RegionProfile& region;
    const StrokeScript& script;
    const PunctureList& punctures;
    const TrainingAnswers& answers;
    TreatedArea area = centred_treated_area();
};

TrainingScore score_training(const Rubric& rubric, const TrainingOutcome& outcome);

// {"overall", "passed", "capped", "criteria": {ID: {"title", "score", "weight", "critical", "applicable",
//  "measured", "tip"}}}
nlohmann::json to_json(const TrainingScore& score);

}  // namespace dermasim
