#pragma once
// The JSON report that simulate and replay both write: what the needles did and, when it was simulated, the
// healing (curves apart, so they can also go to CSV).
#include <nlohmann/json.hpp>

#include "engine/session/session_record.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "engine/tools/puncture_stats.hpp"

namespace dermasim::app {

nlohmann::json treatment_report(const std::string& region_id, const StrokeScript& script, const PunctureStats& stats);
void add_healing(nlohmann::json& report, const HealingMetrics& metrics, const Aftercare& aftercare,
                 double days_after_last_session);
// Throws Error naming the first field that is not a finite number (JSON would write it as null): parameters
// that are each in range can still overflow together, and a report of nulls must not pass as a result.
void check_report_finite(const nlohmann::json& report, const std::string& tables);

}  // namespace dermasim::app
