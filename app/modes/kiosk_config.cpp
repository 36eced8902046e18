#include "app/modes/kiosk_config.hpp"

#include <algorithm>
#include <cctype>

#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"
#include "engine/session/session_check.hpp"
#include "engine/tools/json_fields.hpp"

namespace dermasim::app {

std::filesystem::path default_kiosk_config(const Catalog& catalog) { return catalog.root / "kiosk" / "kiosk.json"; }

KioskConfig load_kiosk_config(const std::filesystem::path& file, const Catalog& catalog) {
    const std::string origin = file.string();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        throw Error(origin + ": cannot open the kiosk configuration (give one with --kiosk-config FILE)");
    const nlohmann::json doc = read_json_file(file);  // the limits every outside JSON file gets
    json_fields::FieldReader fields(doc, origin);
    fields.reject_unknown({"pin", "exit_key", "idle_seconds", "try_seconds", "try_heal_days", "fullscreen", "report_seconds",
                           "attract"});
    KioskConfig c;
    const nlohmann::json& pin = fields.raw("pin");
    if (!pin.is_string()) fields.fail("pin", "must be a string of 4 to 8 digits, in quotes");
    c.pin = pin.get<std::string>();
    if (c.pin.size() < 4 || c.pin.size() > 8 ||
        !std::all_of(c.pin.begin(), c.pin.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
        fields.fail("pin", "must be 4 to 8 digits");
    if (fields.has("exit_key")) {
        const std::string key = fields.text("exit_key");
        if (key.size() != 1 || !std::isalpha(static_cast<unsigned char>(key[0])))
            fields.fail("exit_key", "must be one letter (ctrl+alt+that letter brings up the PIN pad)");
        c.exit_key = char(std::toupper(static_cast<unsigned char>(key[0])));
        if (c.exit_key == 'W' || c.exit_key == 'S' || c.exit_key == 'Z')
            fields.fail("exit_key", "must not be W, S or Z (the pressure keys and ctrl+Z's undo)");
    }
    if (fields.has("idle_seconds")) c.idle_seconds = fields.number("idle_seconds", 2, 3600, "s");
    if (fields.has("try_seconds")) c.try_seconds = fields.number("try_seconds", 5, 600, "s");
    if (fields.has("try_heal_days")) c.try_heal_days = fields.number("try_heal_days", 1, 365, "days");
    if (fields.has("report_seconds")) c.report_seconds = fields.number("report_seconds", 1, 3600, "s");
    if (fields.has("fullscreen")) {
        const nlohmann::json& f = fields.raw("fullscreen");
        if (!f.is_boolean()) fields.fail("fullscreen", "must be true or false");
        c.fullscreen = f.get<bool>();
    }
    // A locked stand anyone can leave is not locked: the shipped PIN is printed in the README. The shipped
    // configuration runs in a window (a try-out on a desk); a fullscreen stand needs its own PIN.
    if (c.fullscreen && c.pin == kShippedKioskPin)
        fields.fail("pin", "is the shipped one (printed in the README), with which anyone can leave a fullscreen "
                           "stand: set your own, or \"fullscreen\": false to try the kiosk in a window");
    const nlohmann::json& attract = fields.raw("attract");
    if (!attract.is_array() || attract.empty()) fields.fail("attract", "must list at least one session to replay");
    for (size_t i = 0; i < attract.size(); ++i) {
        const std::string at = "attract[" + std::to_string(i) + "]";
        json_fields::FieldReader item(attract[i], origin, at + ".");
        item.reject_unknown({"session", "region", "speed", "heal_days"});
        AttractItem a;
        a.file = file.parent_path() / item.text("session");
        const std::string region = item.has("region") ? item.text("region") : "cheek";
        try {
            a.session = load_session(a.file, region);
            check_session_replayable(a.session, catalog, a.file.string());
        } catch (const Error& e) {
            throw Error(origin + ": " + at + ".session: " + e.what());
        }
        if (a.session.input.strokes.empty()) item.fail("session", "holds no pass to replay");
        if (item.has("speed")) a.speed = item.number("speed", 0.1, 100, "x");
        if (item.has("heal_days")) a.heal_days = item.number("heal_days", 1, 365, "days");
        c.attract.push_back(std::move(a));
    }
    return c;
}

}  // namespace dermasim::app
