#pragma once
// A stroke script: a device, its needle length, and the strokes made with it, each stroke one pass between
// putting the device down and lifting it. Scripts drive headless runs and tests, and recorded sessions are
// saved in the same form.
//
//   {"device": "roller", "needle_mm": 0.5, "pressure": 0.5,
//    "strokes": [ {"points": [[t_s, x_mm, y_mm], [t_s, x_mm, y_mm, pressure], ...]}, ... ]}
//
// Points are in patch coordinates (0..kPatchSizeMm); a stroke may start or end up to kStrokeMarginMm beside the
// patch (a roller is put down beside the skin and rolled on). Times increase strictly within a stroke, and a
// stroke starts no earlier than the previous one ended.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>
#include <glm/vec2.hpp>
#include <nlohmann/json_fwd.hpp>
#include "engine/tools/device_spec.hpp"
#include "engine/tools/kinematics.hpp"
#include "engine/tools/puncture.hpp"

namespace dermasim {

struct RegionProfile;

enum class DeviceKind { Roller, Pen };
std::string_view device_key(DeviceKind kind);  // "roller" | "pen"
// Throws Error "<origin>: unknown device 'x' (known: roller, pen)".
DeviceKind parse_device_kind(std::string_view key, const std::string& origin = "device");

inline constexpr float kStrokeMarginMm = 10.0f;

// Limits checked before a script runs, so a small file cannot ask for hours of work or gigabytes of punctures.
// A real treatment is minutes long, tens of passes and tens of thousands of punctures; these leave wide room.
inline constexpr std::size_t kMaxStrokes = 10000;          // passes in one script or session
inline constexpr std::size_t kMaxStrokePoints = 2000000;   // input samples, all passes together (9 h at 60 Hz)
inline constexpr double kMaxPassSeconds = 3600;            // one pass, device down to lifted
inline constexpr double kMaxScriptSeconds = 366.0 * 86400; // a point's time (a kiosk's clock runs for days)
inline constexpr std::size_t kMaxPunctures = 2000000;      // needle entries a script may make (80 MB)

struct StrokePoint {
    double t_s = 0;
    glm::vec2 pos_mm{0};
    float pressure = 0.5f;  // resolved: the point's own value or the script's default
};

struct Stroke {
    std::vector<StrokePoint> points;
};

struct StrokeScript {
    DeviceKind device = DeviceKind::Roller;
    float needle_mm = 0.5f;  // roller: needle length (0.1..3.0); pen: depth setting (0..2.5 in 0.25 steps)
    float pressure = 0.5f;   // default for points without their own
    std::vector<Stroke> strokes;
};

// Throw Error naming the origin, the stroke and the point index for any invalid value.
StrokeScript parse_stroke_script(const nlohmann::json& doc, const std::string& origin = "stroke script");
StrokeScript load_stroke_script(const std::filesystem::path& file);
// allow_empty: a session that has just begun holds no stroke yet; a script to run needs at least one.
void validate_stroke_script(const StrokeScript& script, const std::string& origin = "stroke script",
                            bool allow_empty = false);
// The parts a session file shares with a stroke script: the "strokes" array (points without a pressure take
// default_pressure) and the needle setting for a device.
std::vector<Stroke> parse_strokes(const nlohmann::json& strokes, float default_pressure, const std::string& origin);
void check_needle_setting(DeviceKind device, double mm, const std::string& origin);
nlohmann::json to_json(const StrokeScript& script);
void save_stroke_script(const StrokeScript& script, const std::filesystem::path& file);

// Applies the script's needle setting to its own device's description (validated by that device's rule); the other
// device's description comes back unchanged.
RollerSpec roller_for(const StrokeScript& script, RollerSpec base = {});
PenSpec pen_for(const StrokeScript& script, PenSpec base = {});

// Throws Error "<origin>: ... up to N punctures (at most kMaxPunctures ...)" when a pen script could make more
// punctures than one treatment may (the roller's count is checked as it runs).
void check_puncture_budget(const StrokeScript& script, const PenSpec& pen, const std::string& origin = "stroke script");

// Runs every stroke through the device's kinematics; deterministic: the same script gives the same punctures.
// stats (optional) receives the device's final StrokeStats.
PunctureList run_stroke_script(const StrokeScript& script, const RegionProfile& region, const RollerSpec& roller = {},
                               const PenSpec& pen = {}, StrokeStats* stats = nullptr);

}  // namespace dermasim
