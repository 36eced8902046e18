#pragma once
// A training session as xAPI statements (https://github.com/adlnet/xAPI-Spec): one "completed" per flow step
// completed, one "scored" per rubric criterion with its score, and one "passed" or "failed" for the lesson with
// the overall score. Ids are derived from the session, so exporting the same session twice gives the same
// statements (an LRS then sees duplicates, not new attempts).
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "engine/training/lesson.hpp"
#include "engine/training/scoring.hpp"

namespace dermasim {

inline constexpr const char* kXapiActivityRoot = "https://dermasim.app/xapi";

struct XapiSession {
    const Lesson& lesson;
    std::string trainee;            // "" becomes "anonymous"
    std::string session_key;        // identifies the session (its file name, or its creation time)
    std::string timestamp_utc;      // ISO 8601, when it was scored
    std::vector<FlowStep> completed;
    const TrainingScore& score;
};

nlohmann::json xapi_statements(const XapiSession& session);  // a JSON array

// A UUID (version 4 layout) derived from text: the same text always gives the same id.
std::string uuid_from(std::string_view text);

}  // namespace dermasim
