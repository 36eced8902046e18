#include "engine/training/answers.hpp"

#include <algorithm>

#include "engine/io/json_file.hpp"
#include "engine/tools/json_fields.hpp"
#include "engine/training/lesson.hpp"

namespace dermasim {
namespace {

using json_fields::FieldReader;

template <class C>
std::vector<std::string> ids(const FieldReader& r, const std::string& key, const std::vector<C>& vocabulary) {
    const auto& list = r.raw(key);
    if (!list.is_array()) r.fail(key, "is not a list");
    std::vector<std::string> out;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = key + "[" + std::to_string(i) + "]";
        if (!list[i].is_string()) r.fail(at, "is not a string");
        const std::string id = list[i].get<std::string>();
        if (std::none_of(vocabulary.begin(), vocabulary.end(), [&](const C& c) { return c.id == id; })) {
            std::string known;
            for (const C& c : vocabulary) known += (known.empty() ? "" : ", ") + c.id;
            r.fail(at, "'" + id + "' is not one of this lesson's ids (" + known + ")");
        }
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    return out;
}

bool boolean(const FieldReader& r, const std::string& key) {
    if (!r.raw(key).is_boolean()) r.fail(key, "is not true or false");
    return r.raw(key).get<bool>();
}

std::string string_field(const FieldReader& r, const std::string& key) {
    if (!r.raw(key).is_string()) r.fail(key, "is not a string");
    return r.raw(key).get<std::string>();
}

}  // namespace

TrainingAnswers parse_answers(const nlohmann::json& doc, const std::string& origin, const Lesson& lesson) {
    FieldReader r(doc, origin);
    r.reject_unknown({"trainee", "proceed", "contraindications", "numbing_minutes", "skin_prepared", "serum",
                      "aftercare"});
    TrainingAnswers a;
    if (r.has("trainee")) a.trainee = r.text("trainee");
    if (r.has("proceed")) a.proceed = boolean(r, "proceed");
    if (r.has("contraindications")) a.contraindications = ids(r, "contraindications", lesson.contraindication_vocabulary);
    if (r.has("numbing_minutes")) a.numbing_minutes = r.number("numbing_minutes", 0.0, 240.0, "minutes");
    if (r.has("skin_prepared")) a.skin_prepared = boolean(r, "skin_prepared");
    if (r.has("serum")) a.serum = string_field(r, "serum");
    if (r.has("aftercare")) a.aftercare = ids(r, "aftercare", lesson.aftercare);
    return a;
}

TrainingAnswers load_answers(const std::filesystem::path& file, const Lesson& lesson) {
    return parse_answers(read_json_file(file), file.filename().string(), lesson);
}

nlohmann::json to_json(const TrainingAnswers& a) {
    nlohmann::json doc = nlohmann::json::object();
    if (a.trainee) doc["trainee"] = *a.trainee;
    if (a.proceed) doc["proceed"] = *a.proceed;
    if (a.contraindications) doc["contraindications"] = *a.contraindications;
    if (a.numbing_minutes) doc["numbing_minutes"] = *a.numbing_minutes;
    if (a.skin_prepared) doc["skin_prepared"] = *a.skin_prepared;
    if (a.serum) doc["serum"] = *a.serum;
    if (a.aftercare) doc["aftercare"] = *a.aftercare;
    return doc;
}

}  // namespace dermasim

namespace dermasim {

std::vector<FlowStep> completed_steps(const TrainingAnswers& a, const StrokeScript& script) {
    std::vector<FlowStep> steps;
    if (a.proceed && a.contraindications) steps.push_back(FlowStep::Screening);
    if (!script.strokes.empty()) steps.push_back(FlowStep::Device);  // the device and needle were used
    if (a.numbing_minutes) steps.push_back(FlowStep::Numbing);
    if (a.skin_prepared.value_or(false)) steps.push_back(FlowStep::Preparation);
    if (!script.strokes.empty()) steps.push_back(FlowStep::Passes);
    if (a.serum) steps.push_back(FlowStep::Serum);
    if (a.aftercare) steps.push_back(FlowStep::Aftercare);
    return steps;
}

}  // namespace dermasim
