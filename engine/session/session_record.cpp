#include "engine/session/session_record.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/core/json_file.hpp"
#include "engine/tools/json_fields.hpp"

namespace dermasim {

bool SessionRecord::operator==(const SessionRecord& o) const {
    auto same_points = [](const Stroke& a, const Stroke& b) {
        if (a.points.size() != b.points.size()) return false;
        for (size_t i = 0; i < a.points.size(); ++i)
            if (a.points[i].t_s != b.points[i].t_s || a.points[i].pos_mm != b.points[i].pos_mm ||
                a.points[i].pressure != b.points[i].pressure)
                return false;
        return true;
    };
    if (input.device != o.input.device || input.needle_mm != o.input.needle_mm ||
        input.pressure != o.input.pressure || input.strokes.size() != o.input.strokes.size())
        return false;
    for (size_t i = 0; i < input.strokes.size(); ++i)
        if (!same_points(input.strokes[i], o.input.strokes[i])) return false;
    return app_version == o.app_version && tables_hash == o.tables_hash && created_utc == o.created_utc &&
           mode == o.mode && region == o.region && aftercare == o.aftercare && healing_days == o.healing_days &&
           lesson == o.lesson;
}

nlohmann::json to_json(const SessionRecord& s) {
    nlohmann::json doc = to_json(s.input);  // device, needle_mm, pressure, strokes
    doc["format"] = kSessionFormat;
    doc["version"] = kSessionVersion;
    doc["app_version"] = s.app_version;
    doc["tables_hash"] = s.tables_hash;
    doc["created"] = s.created_utc;
    doc["mode"] = s.mode;
    doc["region"] = s.region;
    doc["aftercare"] = {{"occluded", s.aftercare.occluded},
                        {"serum", s.aftercare.serum},
                        {"sessions", s.aftercare.sessions},
                        {"interval_days", s.aftercare.interval_days}};
    if (s.healing_days) doc["healing"] = {{"days", *s.healing_days}};
    if (s.lesson) doc["lesson"] = {{"id", s.lesson->id}, {"answers", s.lesson->answers}};
    return doc;
}

namespace {

std::string optional_text(const json_fields::FieldReader& r, const nlohmann::json& doc, const std::string& key) {
    if (!doc.contains(key)) return "";
    if (!doc.at(key).is_string()) r.fail(key, "is not a string");
    return doc.at(key).get<std::string>();
}

Aftercare parse_aftercare(const nlohmann::json& doc, const std::string& origin) {
    json_fields::FieldReader r(doc, origin, "aftercare.");
    r.reject_unknown({"occluded", "serum", "sessions", "interval_days"});
    Aftercare a;
    if (r.has("occluded")) {
        if (!doc.at("occluded").is_boolean()) r.fail("aftercare.occluded", "is not true or false");
        a.occluded = doc.at("occluded").get<bool>();
    }
    if (r.has("serum")) {
        if (!doc.at("serum").is_string()) r.fail("aftercare.serum", "is not a string");
        a.serum = doc.at("serum").get<std::string>();
    }
    if (r.has("sessions")) a.sessions = r.integer("sessions", 1, 20);
    if (r.has("interval_days")) a.interval_days = r.number("interval_days", 1, 365, "days");
    return a;
}

}  // namespace

SessionRecord parse_session(const nlohmann::json& doc, const std::string& origin) {
    json_fields::FieldReader top(doc, origin);
    SessionRecord s;
    if (!top.has("format")) {
        // A stroke script from before sessions existed: the input alone.
        s.input = parse_stroke_script(doc, origin);
        s.mode = "sandbox";
        return s;
    }
    if (doc.at("format") != kSessionFormat) top.fail("format", "is not \"dermasim-session\"");
    const int version = top.integer("version", 1, 1000000);
    if (version > kSessionVersion)
        throw Error(origin + ": was written by a newer DermaSim (session version " + std::to_string(version) +
                    "; this one reads version " + std::to_string(kSessionVersion) + "). Update DermaSim to open it");
    top.reject_unknown({"format", "version", "app_version", "tables_hash", "created", "mode", "region", "device",
                        "needle_mm", "pressure", "strokes", "description", "aftercare", "healing", "lesson"});
    s.app_version = optional_text(top, doc, "app_version");
    s.tables_hash = optional_text(top, doc, "tables_hash");
    s.created_utc = optional_text(top, doc, "created");
    s.mode = top.text("mode");
    s.region = top.text("region");
    // The input: a stroke script's fields, where a session just begun may hold no stroke yet.
    s.input.device = parse_device_kind(top.text("device"), origin + ": device");
    s.input.needle_mm = float(top.number("needle_mm", -INFINITY, INFINITY, "mm"));
    check_needle_setting(s.input.device, s.input.needle_mm, origin);
    if (top.has("pressure")) s.input.pressure = float(top.number("pressure", 0, 1, ""));
    s.input.strokes = parse_strokes(top.raw("strokes"), s.input.pressure, origin);
    validate_stroke_script(s.input, origin, /*allow_empty=*/true);
    if (top.has("aftercare")) s.aftercare = parse_aftercare(doc.at("aftercare"), origin);
    if (top.has("healing")) {
        json_fields::FieldReader h(doc.at("healing"), origin, "healing.");
        h.reject_unknown({"days"});
        s.healing_days = h.number("days", 0, 3650, "days");
    }
    if (top.has("lesson")) {
        json_fields::FieldReader l(doc.at("lesson"), origin, "lesson.");
        l.reject_unknown({"id", "answers"});
        LessonRecord lesson;
        lesson.id = l.text("id");
        if (l.has("answers")) {
            if (!doc.at("lesson").at("answers").is_object()) l.fail("lesson.answers", "is not a JSON object");
            lesson.answers = doc.at("lesson").at("answers");
        }
        s.lesson = std::move(lesson);
    }
    return s;
}

SessionRecord load_session(const std::filesystem::path& file, const std::string& fallback_region) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw Error(file.string() + ": is a folder, not a session file");
    const nlohmann::json doc = read_json_file(file);
    SessionRecord s = parse_session(doc, file.filename().string());
    if (!doc.is_object() || !doc.contains("format")) s.region = fallback_region;
    return s;
}

void save_session(const SessionRecord& session, const std::filesystem::path& file) {
    write_text_atomically(file, to_json(session).dump(1) + "\n");
}

std::string utc_timestamp() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

}  // namespace dermasim
