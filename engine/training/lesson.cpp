#include "engine/training/lesson.hpp"

#include <algorithm>
#include <set>

#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/json_fields.hpp"
#include "engine/tools/stroke_script.hpp"

namespace dermasim {
namespace {

using json_fields::FieldReader;
inline constexpr int kLessonVersion = 1;
inline constexpr const char* kLessonFormat = "dermasim-lesson";

std::vector<std::string> texts(const FieldReader& r, const std::string& key, const std::string& path,
                               bool allow_empty) {
    const auto& list = r.raw(key);
    if (!list.is_array()) r.fail(path + key, "is not a list");
    if (list.empty() && !allow_empty) r.fail(path + key, "is empty");
    std::vector<std::string> out;
    for (size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string() || list[i].get<std::string>().empty())
            r.fail(path + key + "[" + std::to_string(i) + "]", "is not a non-empty string");
        out.push_back(list[i].get<std::string>());
    }
    return out;
}

Range range(const FieldReader& r, const std::string& key, const std::string& path, double lo, double hi,
            std::string_view unit) {
    const auto& v = r.raw(key);
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
        r.fail(path + key, "is not a [min, max] pair of numbers");
    Range out{v[0].get<double>(), v[1].get<double>()};
    if (out.min < lo || out.max > hi || out.min > out.max)
        r.fail(path + key, "= [" + json_fields::format_number(out.min) + ", " + json_fields::format_number(out.max) +
                               "] is not an increasing range within " + json_fields::format_number(lo) + ".." +
                               json_fields::format_number(hi) + " " + std::string(unit));
    return out;
}

template <class T>
std::vector<T> choices(const FieldReader& r, const std::string& origin, const std::string& key,
                       const std::string& path) {
    const auto& list = r.raw(key);
    if (!list.is_array() || list.empty()) r.fail(path + key, "is not a non-empty list");
    std::vector<T> out;
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + key + "[" + std::to_string(i) + "].";
        FieldReader c(list[i], origin, at);
        T choice;
        if constexpr (std::is_same_v<T, AdviceChoice>) {
            c.reject_unknown({"id", "label", "correct"});
            if (!c.raw("correct").is_boolean()) c.fail(at + "correct", "is not true or false");
            choice.correct = c.raw("correct").template get<bool>();
        } else {
            c.reject_unknown({"id", "label"});
        }
        choice.id = c.text("id");
        choice.label = c.text("label");
        if (!seen.insert(choice.id).second) r.fail(at + "id", "'" + choice.id + "' is given twice");
        out.push_back(std::move(choice));
    }
    return out;
}

Layer layer_from_key(const FieldReader& r, const std::string& field, const std::string& key) {
    for (int l = 0; l < kLayerCount; ++l)
        if (kLayerKeys[l] == key) return Layer(l);
    r.fail(field, "'" + key + "' is not a layer (stratum_corneum, viable_epidermis, papillary_dermis, "
                  "reticular_dermis, hypodermis)");
}

}  // namespace

Lesson parse_lesson(const nlohmann::json& doc, const std::string& origin, const RegionTable& regions) {
    FieldReader r(doc, origin);
    r.reject_unknown({"format", "version", "id", "title", "level", "client", "contraindications", "goals",
                      "protocol", "serums", "aftercare", "steps"});
    if (!r.raw("format").is_string() || r.raw("format").get<std::string>() != kLessonFormat)
        r.fail("format", std::string("is not \"") + kLessonFormat + "\"");
    const int version = r.integer("version", 1, 1000000);
    if (version > kLessonVersion)
        r.fail("version", "= " + std::to_string(version) + ": the lesson was written for a newer DermaSim (this one "
                          "reads lesson version " + std::to_string(kLessonVersion) + ")");
    Lesson lesson;
    lesson.id = r.text("id");
    lesson.title = r.text("title");
    lesson.level = r.text("level");
    if (lesson.level != "beginner" && lesson.level != "intermediate" && lesson.level != "advanced")
        r.fail("level", "'" + lesson.level + "' is not beginner, intermediate or advanced");

    FieldReader client(r.raw("client"), origin, "client.");
    client.reject_unknown({"name", "age", "skin_type", "region", "indication", "history"});
    lesson.client.name = client.text("name");
    lesson.client.age = client.integer("age", 16, 110);
    lesson.client.skin_type = client.text("skin_type");
    lesson.client.region = client.text("region");
    try {
        regions.find(lesson.client.region);
    } catch (const Error& e) {
        r.fail("client.region", e.what());
    }
    lesson.client.indication = client.text("indication");
    lesson.client.history = texts(client, "history", "client.", false);

    FieldReader contra(r.raw("contraindications"), origin, "contraindications.");
    contra.reject_unknown({"vocabulary", "present"});
    lesson.contraindication_vocabulary = choices<Choice>(contra, origin, "vocabulary", "contraindications.");
    lesson.contraindications = texts(contra, "present", "contraindications.", true);
    for (const auto& id : lesson.contraindications) {
        const auto& v = lesson.contraindication_vocabulary;
        if (std::none_of(v.begin(), v.end(), [&](const Choice& c) { return c.id == id; }))
            r.fail("contraindications.present", "names '" + id + "', which is not in contraindications.vocabulary");
    }
    lesson.goals = texts(r, "goals", "", false);

    FieldReader p(r.raw("protocol"), origin, "protocol.");
    p.reject_unknown({"devices", "needle_mm", "numbing_minutes", "density_per_cm2", "pressure_max",
                      "thin_skin_over_bone", "deepest_layer"});
    for (const auto& d : texts(p, "devices", "protocol.", false))
        lesson.protocol.devices.push_back(parse_device_kind(d, origin + ": protocol.devices"));
    lesson.protocol.needle_mm = range(p, "needle_mm", "protocol.", 0.0, 3.0, "mm");
    // The lesson opens on its first device at the range's shortest needle: that setting must exist.
    check_needle_setting(lesson.protocol.devices.front(), lesson.protocol.needle_mm.min,
                         origin + ": protocol.needle_mm (the shortest, on protocol.devices[0])");
    lesson.protocol.numbing_minutes = range(p, "numbing_minutes", "protocol.", 0.0, 180.0, "minutes");
    FieldReader density(p.raw("density_per_cm2"), origin, "protocol.density_per_cm2.");
    density.reject_unknown({"roller", "pen"});
    lesson.protocol.roller_density_per_cm2 = range(density, "roller", "protocol.density_per_cm2.", 1.0, 1e6, "per cm2");
    lesson.protocol.pen_density_per_cm2 = range(density, "pen", "protocol.density_per_cm2.", 1.0, 1e6, "per cm2");
    lesson.protocol.pressure_max = p.number("pressure_max", 0.05, 1.0, "");
    if (!p.raw("thin_skin_over_bone").is_boolean()) p.fail("protocol.thin_skin_over_bone", "is not true or false");
    lesson.protocol.thin_skin_over_bone = p.raw("thin_skin_over_bone").get<bool>();
    lesson.protocol.deepest_layer = layer_from_key(p, "protocol.deepest_layer", p.text("deepest_layer"));

    lesson.serums = texts(r, "serums", "", true);
    lesson.aftercare = choices<AdviceChoice>(r, origin, "aftercare", "");
    if (std::none_of(lesson.aftercare.begin(), lesson.aftercare.end(), [](const AdviceChoice& c) { return c.correct; }))
        r.fail("aftercare", "holds no correct advice");

    FieldReader steps(r.raw("steps"), origin, "steps.");
    steps.reject_unknown({kFlowStepKeys[0], kFlowStepKeys[1], kFlowStepKeys[2], kFlowStepKeys[3], kFlowStepKeys[4],
                          kFlowStepKeys[5], kFlowStepKeys[6]});
    static_assert(kFlowStepCount == 7, "name every step above");
    for (int s = 0; s < kFlowStepCount; ++s) {
        const std::string key(kFlowStepKeys[s]);
        FieldReader step(steps.raw(key), origin, "steps." + key + ".");
        step.reject_unknown({"explanation", "sources"});
        lesson.steps[s].explanation = step.text("explanation");
        if (step.has("sources")) lesson.steps[s].sources = texts(step, "sources", "steps." + key + ".", true);
    }
    return lesson;
}

Lesson load_lesson(const std::filesystem::path& file, const RegionTable& regions) {
    return parse_lesson(read_json_file(file), file.filename().string(), regions);
}

std::vector<Lesson> load_lessons(const std::filesystem::path& folder, const RegionTable& regions) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) throw Error(folder.string() + ": the lessons folder is missing");
    std::vector<Lesson> lessons;
    std::filesystem::directory_iterator entries(folder, ec);
    if (ec) throw Error(folder.string() + ": cannot read the lessons folder (" + ec.message() + ")");
    for (const auto& entry : entries) {
        if (entry.path().extension() != ".json") continue;
        Lesson lesson = load_lesson(entry.path(), regions);
        if (lesson.id != entry.path().stem().string())
            throw Error(entry.path().filename().string() + ": id '" + lesson.id + "' differs from the file name");
        lessons.push_back(std::move(lesson));
    }
    if (lessons.empty()) throw Error(folder.string() + ": holds no lesson (*.json)");
    auto rank = [](const Lesson& l) { return l.level == "beginner" ? 0 : l.level == "intermediate" ? 1 : 2; };
    std::sort(lessons.begin(), lessons.end(), [&](const Lesson& a, const Lesson& b) {
        return std::pair(rank(a), a.id) < std::pair(rank(b), b.id);
    });
    return lessons;
}

const Lesson& find_lesson(const std::vector<Lesson>& lessons, std::string_view id) {
    std::string known;
    for (const Lesson& l : lessons) {
        if (l.id == id) return l;
        known += (known.empty() ? "" : ", ") + l.id;
    }
    throw Error("unknown lesson '" + std::string(id) + "' (known: " + known + ")");
}

}  // namespace dermasim
