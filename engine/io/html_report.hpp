#pragma once
// The training debrief as one self-contained HTML file: the score and the rubric table, the coverage heatmap
// (inline SVG, punctures per cm2), the cut and the magnified view (PNG embedded as data: URLs), the healing
// curves as SVG plots, the steps and the warnings. No network, no external file: it opens anywhere, and a
// small script checks on load that every picture decoded (a broken image is a console error a test catches).
#include <optional>
#include <string>
#include <vector>

#include "engine/io/png.hpp"
#include "engine/io/svg_plot.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "engine/training/feedback.hpp"
#include "engine/training/scoring.hpp"

namespace dermasim {

struct DebriefReport {
    const Lesson& lesson;
    std::string trainee;
    std::string finished_utc;
    std::string session_file;  // "" when not saved
    std::string treatment;     // "roller 0.50 mm, 8 passes, pressure 0.50"
    const TrainingScore& score;
    const CoverageGrid& coverage;
    std::vector<TrainingWarning> warnings;
    std::vector<std::string> steps_done;  // step names, in order
    std::optional<RgbaImage> cut_image;    // the block cut through the channels
    std::optional<RgbaImage> micro_image;  // the magnified cut
    std::optional<HealingMetrics> healing; // its curves are plotted
};

std::string debrief_html(const DebriefReport& report);

// Base64 (RFC 4648) of bytes, for data: URLs.
std::string base64(const std::vector<uint8_t>& bytes);

}  // namespace dermasim
