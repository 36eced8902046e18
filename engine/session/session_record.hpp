#pragma once
// A session is data: everything needed to reproduce what a person did, in one versioned JSON record
// (docs/SESSION.md). The input part is a stroke script (device, needle, every input sample with its time,
// position and pressure, a stroke per pass from put-down to lift), so an old stroke script loads as a session,
// and replaying the record through the same kinematics gives the same punctures, bit for bit.
#include <filesystem>
#include <optional>
#include <string>
#include <nlohmann/json.hpp>

#include "engine/tools/stroke_script.hpp"

namespace dermasim {

inline constexpr int kSessionVersion = 1;
inline constexpr const char* kSessionFormat = "dermasim-session";

// How the treated skin is left to heal.
struct Aftercare {
    bool occluded = false;     // covered afterwards: channels close more slowly
    std::string serum;         // "" = none, else a serum name from assets/serums.json
    int sessions = 1;          // the treatment repeated this many times
    double interval_days = 28; // days between sessions
    bool operator==(const Aftercare&) const = default;
};

// A lesson taken in the session (the training mode fills it): its id and the trainee's answers as given.
struct LessonRecord {
    std::string id;
    nlohmann::json answers = nlohmann::json::object();
    bool operator==(const LessonRecord&) const = default;
};

struct SessionRecord {
    std::string app_version;            // the DermaSim that wrote it
    std::string tables_hash;            // the parameter tables it ran with (Catalog::tables_hash)
    std::string created_utc;            // ISO 8601, when the session began
    std::string mode = "sandbox";       // the app mode it was recorded in
    std::string region = "cheek";       // a region id from assets/regions.json
    StrokeScript input;                 // device, needle setting, the strokes as made
    Aftercare aftercare;
    std::optional<double> healing_days; // the healing time-lapse was started, over this many days
    std::optional<LessonRecord> lesson;
    bool operator==(const SessionRecord&) const;
};

nlohmann::json to_json(const SessionRecord& session);
// Every problem is an Error "<origin>: <field> <problem>"; a record from a newer DermaSim is refused by name.
SessionRecord parse_session(const nlohmann::json& doc, const std::string& origin);
// Reads a session file, or a stroke script (which knows no region: it gets fallback_region).
SessionRecord load_session(const std::filesystem::path& file, const std::string& fallback_region = "cheek");
void save_session(const SessionRecord& session, const std::filesystem::path& file);  // atomic

std::string utc_timestamp();  // now, ISO 8601 ("2026-11-30T14:03:22Z")

}  // namespace dermasim
