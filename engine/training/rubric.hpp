#pragma once
// The rubric is data (assets/training/rubric.json, docs/LESSONS.md): the criteria a session is scored on, their
// weights in the overall score, and which are critical (a critical one failed caps the overall score, so a
// polished treatment of a client who should have been turned away never passes).
#include <filesystem>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace dermasim {

// The criteria the scoring knows how to measure (scoring.cpp), in report order.
inline constexpr const char* kCriterionIds[] = {"screening", "needle_choice", "numbing", "coverage_uniformity",
                                               "density", "directions", "pressure_consistency", "depth_safety",
                                               "aftercare"};

struct RubricCriterion {
    std::string id;     // one of kCriterionIds
    std::string title;  // for people
    double weight = 1;
    bool critical = false;
};

struct Rubric {
    std::vector<RubricCriterion> criteria;  // every known criterion, once
    double pass_mark = 80;                  // overall score needed to pass...
    double every_criterion_at_least = 50;   // ...with no applicable criterion under this
    double critical_fail_below = 50;        // a critical criterion under this...
    double critical_cap = 40;               // ...caps the overall score here
};

Rubric parse_rubric(const nlohmann::json& doc, const std::string& origin);
Rubric load_rubric(const std::filesystem::path& file);

}  // namespace dermasim
