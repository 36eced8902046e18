#include "engine/sim/heal_params.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>
#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"

namespace dermasim {
namespace {

constexpr double kMinHealStepS = 1.0;
constexpr double kMaxHealStepS = 30.0 * 86400;

enum class Dim { Rate, Diffusivity, Velocity, Time, Fraction, Ratio };

// Accepted units per dimension and their factor to the kernel's units (s, mm).
const std::vector<std::pair<std::string, double>>& units_of(Dim d) {
    static const std::vector<std::pair<std::string, double>> rate = {
        {"1/s", 1.0}, {"1/min", 1.0 / 60}, {"1/h", 1.0 / 3600}, {"1/day", 1.0 / 86400}};
    static const std::vector<std::pair<std::string, double>> diff = {
        {"mm^2/s", 1.0}, {"cm^2/s", 100.0}, {"um^2/s", 1e-6}};
    static const std::vector<std::pair<std::string, double>> vel = {
        {"mm/s", 1.0}, {"cm/s", 10.0}, {"cm/h", 10.0 / 3600}, {"mm/h", 1.0 / 3600}};
    static const std::vector<std::pair<std::string, double>> time = {
        {"s", 1.0}, {"min", 60.0}, {"h", 3600.0}, {"day", 86400.0}};
    static const std::vector<std::pair<std::string, double>> fraction = {{"1", 1.0}};
    switch (d) {
        case Dim::Rate: return rate;
        case Dim::Diffusivity: return diff;
        case Dim::Velocity: return vel;
        case Dim::Time: return time;
        default: return fraction;
    }
}

struct Spec {
    const char* name;
    Dim dim;
    float kernel::HealParams::*kernel_field = nullptr;
    double HealControl::*control_field = nullptr;
    bool positive = false;  // must be > 0 (used as a divisor or a step)
};

const std::vector<Spec>& specs() {
    using K = kernel::HealParams;
    using C = HealControl;
    static const std::vector<Spec> s = {
        {"close_rate", Dim::Rate, &K::close_rate},
        {"close_dermis_factor", Dim::Fraction, &K::close_dermis_factor},
        {"occluded_factor", Dim::Fraction, &K::occluded_factor},
        {"blood_clear_rate", Dim::Rate, &K::blood_clear_rate},
        {"injury_reference", Dim::Fraction, &K::injury_reference, nullptr, true},
        {"signal_release_open", Dim::Rate, &K::signal_release_open},
        {"signal_release_blood", Dim::Rate, &K::signal_release_blood},
        {"signal_decay", Dim::Rate, &K::signal_decay},
        {"signal_diffusivity", Dim::Diffusivity, &K::signal_diffusivity},
        {"erythema_rate", Dim::Rate, &K::erythema_rate},
        {"erythema_fade_rate", Dim::Rate, &K::erythema_fade_rate},
        {"erythema_half_signal", Dim::Ratio, &K::erythema_half_signal, nullptr, true},
        {"macrophage_recruit", Dim::Rate, &K::macrophage_recruit},
        {"macrophage_half_signal", Dim::Ratio, &K::macrophage_half_signal, nullptr, true},
        {"macrophage_removal", Dim::Rate, &K::macrophage_removal},
        {"erythema_visible", Dim::Fraction, nullptr, &C::erythema_visible, true},
        {"fibroblast_rest", Dim::Fraction, &K::fibroblast_rest},
        {"fibroblast_recruit", Dim::Rate, &K::fibroblast_recruit},
        {"fibroblast_half_signal", Dim::Ratio, &K::fibroblast_half_signal, nullptr, true},
        {"fibroblast_proliferation", Dim::Rate, &K::fibroblast_proliferation},
        {"fibroblast_apoptosis", Dim::Rate, &K::fibroblast_apoptosis},
        {"fibroblast_diffusivity", Dim::Diffusivity, &K::fibroblast_diffusivity},
        {"collagen3_deposition", Dim::Rate, &K::collagen3_deposition},
        {"collagen_remodel_rate", Dim::Rate, &K::collagen_remodel_rate},
        {"collagen1_turnover", Dim::Rate, &K::collagen1_turnover},
        {"elastin_deposition", Dim::Rate, &K::elastin_deposition},
        {"elastin_turnover", Dim::Rate, &K::elastin_turnover},
        {"angiogenesis_rate", Dim::Rate, &K::angiogenesis_rate},
        {"capillary_regression", Dim::Rate, &K::capillary_regression},
        {"collagen1_papillary", Dim::Ratio, &K::collagen1_papillary},
        {"collagen3_papillary", Dim::Ratio, &K::collagen3_papillary},
        {"collagen1_reticular", Dim::Ratio, &K::collagen1_reticular},
        {"collagen3_reticular", Dim::Ratio, &K::collagen3_reticular},
        {"elastin_papillary", Dim::Ratio, &K::elastin_papillary},
        {"elastin_reticular", Dim::Ratio, &K::elastin_reticular},
        {"capillaries_papillary", Dim::Ratio, &K::capillaries_papillary},
        {"serum_perm_intact", Dim::Velocity, &K::serum_perm_intact},
        {"serum_perm_channel", Dim::Velocity, &K::serum_perm_channel},
        {"serum_diffusivity_tissue", Dim::Diffusivity, &K::serum_diffusivity_tissue},
        {"serum_diffusivity_channel", Dim::Diffusivity, &K::serum_diffusivity_channel},
        {"serum_clearance", Dim::Rate, &K::serum_clearance},
        {"epidermis_growth", Dim::Rate, &K::epidermis_growth},
        {"epidermis_turnover", Dim::Rate, &K::epidermis_turnover},
        {"dt_channels", Dim::Time, nullptr, &C::dt_channels_s, true},
        {"dt_inflammation", Dim::Time, nullptr, &C::dt_inflammation_s, true},
        {"dt_proliferation", Dim::Time, nullptr, &C::dt_proliferation_s, true},
        {"dt_remodelling", Dim::Time, nullptr, &C::dt_remodelling_s, true},
        {"dt_growth", Dim::Ratio, nullptr, &C::dt_growth, true},
        {"dt_session_start", Dim::Time, nullptr, &C::dt_session_start_s, true},
        {"serum_contact", Dim::Time, nullptr, &C::serum_contact_s},
        {"serum_depth_threshold", Dim::Fraction, nullptr, &C::serum_depth_threshold, true},
        {"activity_threshold", Dim::Fraction, nullptr, &C::activity_threshold, true},
    };
    return s;
}

HealParamEntry read_entry(const nlohmann::json& j, const std::string& name, const std::string& where) {
    if (!j.is_object()) throw Error(where + ": entry '" + name + "' is not an object");
    for (const char* key : {"value", "unit", "source", "estimated"})
        if (!j.contains(key)) throw Error(where + ": entry '" + name + "' has no '" + key + "'");
    if (!j["value"].is_number()) throw Error(where + ": entry '" + name + "' value is not a number");
    if (!j["unit"].is_string() || !j["source"].is_string() || !j["estimated"].is_boolean())
        throw Error(where + ": entry '" + name + "' unit/source must be strings and estimated a boolean");
    HealParamEntry e;
    e.value = j["value"].get<double>();
    e.unit = j["unit"].get<std::string>();
    e.source = j["source"].get<std::string>();
    e.estimated = j["estimated"].get<bool>();
    if (!std::isfinite(e.value)) throw Error(where + ": entry '" + name + "' value is not finite");
    if (e.source.empty()) throw Error(where + ": entry '" + name + "' has an empty source");
    return e;
}

}  // namespace

HealParameters load_heal_parameters(const std::filesystem::path& file) {
    const std::string where = file.string();
    const nlohmann::json doc = read_json_file(file);
    if (!doc.is_object()) throw Error(where + ": top level must be an object of parameters");

    HealParameters out;
    for (const auto& [name, value] : doc.items())
        if (name.empty() || name[0] != '_') out.entries[name] = read_entry(value, name, where);

    for (const Spec& s : specs()) {
        auto it = out.entries.find(s.name);
        if (it == out.entries.end()) throw Error(where + ": missing parameter '" + std::string(s.name) + "'");
        const HealParamEntry& e = it->second;
        double factor = 0;
        std::string accepted;
        for (const auto& [unit, f] : units_of(s.dim)) {
            if (unit == e.unit) factor = f;
            accepted += (accepted.empty() ? "" : ", ") + unit;
        }
        if (factor == 0)
            throw Error(where + ": parameter '" + s.name + "' has unit '" + e.unit + "' (expected " + accepted + ")");
        if (e.value < 0 || (s.positive && e.value == 0))
            throw Error(where + ": parameter '" + s.name + "' must be " + (s.positive ? "> 0" : ">= 0"));
        if (s.dim == Dim::Fraction && e.value > 1)
            throw Error(where + ": parameter '" + s.name + "' is a fraction and must be <= 1");
        double v = e.value * factor;
        // The kernel computes in float: a value that is fine as a double but overflows a float would fill the
        // fields with infinities and the report with nulls.
        if (!std::isfinite(v) || (s.kernel_field && !std::isfinite(static_cast<float>(v))))
            throw Error(where + ": parameter '" + s.name + "' = " + nlohmann::json(e.value).dump() + " " + e.unit +
                        " is too large (the healing kernel computes in single precision, at most 3.4e38)");
        // Steps outside seconds..a month are typing errors: 1e-300 s would never finish, 1e300 s skips healing.
        if (s.dim == Dim::Time && s.positive && (v < kMinHealStepS || v > kMaxHealStepS))
            throw Error(where + ": parameter '" + s.name + "' = " + nlohmann::json(v).dump() + " s is out of range (" +
                        std::to_string(int(kMinHealStepS)) + " s to " + std::to_string(int(kMaxHealStepS / 86400)) +
                        " days)");
        if (s.kernel_field) out.kernel.*s.kernel_field = static_cast<float>(v);
        if (s.control_field) out.control.*s.control_field = v;
    }
    if (out.kernel.fibroblast_rest >= 1.0f)
        throw Error(where + ": parameter 'fibroblast_rest' must be < 1 (the cap)");
    if (out.control.dt_growth < 1.0 || out.control.dt_growth > 10.0)
        throw Error(where + ": parameter 'dt_growth' = " + nlohmann::json(out.control.dt_growth).dump() +
                    " is out of range (1 to 10)");
    out.kernel.occluded = 0.0f;
    return out;
}

}  // namespace dermasim
