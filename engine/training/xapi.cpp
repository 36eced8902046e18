#include "engine/training/xapi.hpp"

#include <cstdio>
#include <optional>

#include "engine/core/catalog.hpp"

namespace dermasim {

std::string uuid_from(std::string_view text) {
    const uint64_t a = fnv1a64(text), b = fnv1a64(text, a ^ 0x9e3779b97f4a7c15ull);
    char out[40];
    std::snprintf(out, sizeof out, "%08x-%04x-4%03x-%04x-%012llx", unsigned(a >> 32), unsigned((a >> 16) & 0xffff),
                  unsigned(a & 0xfff), unsigned(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffull));
    return out;
}

nlohmann::json xapi_statements(const XapiSession& s) {
    const std::string trainee = s.trainee.empty() ? "anonymous" : s.trainee;
    const std::string lesson_iri = std::string(kXapiActivityRoot) + "/lessons/" + s.lesson.id;
    const nlohmann::json actor = {{"objectType", "Agent"},
                                  {"name", trainee},
                                  {"account", {{"homePage", std::string(kXapiActivityRoot) + "/trainees"}, {"name", trainee}}}};
    const std::string registration = uuid_from("registration/" + s.session_key);
    const nlohmann::json context = {
        {"registration", registration},
        {"platform", "DermaSim"},
        {"language", "en-US"},
        {"contextActivities",
         {{"parent", nlohmann::json::array({{{"objectType", "Activity"}, {"id", lesson_iri}}})}}}};
    auto verb = [](const char* word) {
        return nlohmann::json{{"id", std::string("http://adlnet.gov/expapi/verbs/") + word}, {"display", {{"en-US", word}}}};
    };
    auto activity = [](const std::string& id, const std::string& name, const char* type) {
        return nlohmann::json{{"objectType", "Activity"},
                              {"id", id},
                              {"definition", {{"name", {{"en-US", name}}},
                                              {"type", std::string("http://adlnet.gov/expapi/activities/") + type}}}};
    };
    auto score_of = [](double score) {
        return nlohmann::json{{"scaled", score / 100.0}, {"raw", score}, {"min", 0}, {"max", 100}};
    };
    nlohmann::json out = nlohmann::json::array();
    auto add = [&](nlohmann::json verb_json, nlohmann::json object, std::optional<nlohmann::json> result) {
        nlohmann::json st = {{"id", uuid_from(s.session_key + "/" + std::to_string(out.size()))},
                             {"actor", actor},
                             {"verb", std::move(verb_json)},
                             {"object", std::move(object)},
                             {"context", context},
                             {"timestamp", s.timestamp_utc}};
        if (result) st["result"] = std::move(*result);
        out.push_back(std::move(st));
    };
    for (FlowStep step : s.completed)
        add(verb("completed"),
            activity(lesson_iri + "/steps/" + std::string(step_key(step)), std::string(step_name(step)), "interaction"),
            nlohmann::json{{"completion", true}});
    for (const CriterionScore& c : s.score.criteria) {
        if (!c.applicable) continue;
        add(verb("scored"), activity(lesson_iri + "/criteria/" + c.id, c.title, "objective"),
            nlohmann::json{{"score", score_of(c.score)}, {"response", c.measured}});
    }
    add(verb(s.score.passed ? "passed" : "failed"), activity(lesson_iri, s.lesson.title, "lesson"),
        nlohmann::json{{"score", score_of(s.score.overall)}, {"success", s.score.passed}, {"completion", true}});
    return out;
}

}  // namespace dermasim
