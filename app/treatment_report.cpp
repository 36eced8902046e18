#include "app/treatment_report.hpp"

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/render/skin_view.hpp"

namespace dermasim::app {

nlohmann::json treatment_report(const std::string& region_id, const StrokeScript& script, const PunctureStats& stats) {
    nlohmann::json report = to_json(stats);
    report["region"] = region_id;
    report["device"] = std::string(device_key(script.device));
    report["needle_mm"] = script.needle_mm;
    report["pressure"] = script.pressure;
    report["strokes"] = script.strokes.size();
    return report;
}

void add_healing(nlohmann::json& report, const HealingMetrics& metrics, const Aftercare& aftercare,
                 double days_after_last_session) {
    nlohmann::json healing = to_json(metrics);
    report["curves"] = healing["curves"];
    healing.erase("curves");
    healing["sessions_count"] = aftercare.sessions;
    healing["interval_days"] = aftercare.interval_days;
    healing["days_after_last_session"] = days_after_last_session;
    healing["occluded"] = aftercare.occluded;
    healing["serum"] = aftercare.serum;
    healing["notice"] = kIllustrationNotice;  // the figures travel without the pictures that say so
    report["healing"] = std::move(healing);
}

namespace {

// The report is ours, a few levels deep: recursion is bounded by its shape.
const std::string* first_non_finite(const nlohmann::json& value, const std::string& at, std::string& found) {
    if (value.is_number_float() && !std::isfinite(value.get<double>())) return &(found = at);
    if (value.is_object())
        for (const auto& [key, child] : value.items())
            if (first_non_finite(child, at.empty() ? key : at + "." + key, found)) return &found;
    if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i)
            if (first_non_finite(value[i], at + "[" + std::to_string(i) + "]", found)) return &found;
    return nullptr;
}

}  // namespace

void check_report_finite(const nlohmann::json& report, const std::string& tables) {
    std::string field;
    if (first_non_finite(report, "", field))
        throw Error("the simulation produced a value that is not a finite number (" + field +
                    "): the parameters in " + tables + " overflow together; nothing was written");
}

}  // namespace dermasim::app
