#include "app/treatment_report.hpp"

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
    report["healing"] = std::move(healing);
}

}  // namespace dermasim::app
