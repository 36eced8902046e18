#pragma once
// Live feedback while the trainee works, computed from what the device did (the strokes) and what the
// needles did (the punctures): the coverage map, the directions done, pressure and speed, and warnings named
// in the moment. The rubric scores the same measurements at the end, so what the trainee was told while
// working and what the score says never disagree.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/tools/puncture.hpp"
#include "engine/tools/stroke_script.hpp"
#include "engine/tools/treated_area.hpp"
#include "engine/training/lesson.hpp"

namespace dermasim {

struct RegionProfile;

// Punctures per cm2 in square cells over the treated area.
struct CoverageGrid {
    TreatedArea area;
    Range target;                 // the lesson's density for the device, punctures per cm2
    float cell_mm = 2.0f;
    int cols = 0, rows = 0;
    std::vector<double> per_cm2;  // row-major, rows along y
    double mean = 0, cv = 0;      // over the cells
    double gap_share = 0;         // cells below half the lesson's minimum density
    double over_share = 0;        // cells above twice its maximum
    double max = 0;
    double at(int col, int row) const { return per_cm2[size_t(row) * cols + col]; }
};
// A 2 mm cell holds about a dozen punctures at a typical density: fine enough to show a missed band, coarse
// enough not to turn the needle pattern itself into noise (estimated).
inline constexpr float kCoverageCellMm = 2.0f;
CoverageGrid coverage_grid(const PunctureList& punctures, const TreatedArea& area, const Range& target_per_cm2,
                           float cell_mm = kCoverageCellMm);

// A pass's direction on the patch, from where it was put down to where it was lifted (either way along a line).
enum class PassDirection { Horizontal, Vertical, Diagonal, AntiDiagonal };
inline constexpr std::array<std::string_view, 4> kPassDirectionNames = {"horizontal", "vertical", "diagonal",
                                                                         "anti-diagonal"};
std::optional<PassDirection> pass_direction(const Stroke& stroke);  // none: it hardly moved (< 2 mm)
// Passes per direction, indexed by PassDirection; the protocol asks for horizontal, vertical and diagonal
// (either diagonal).
std::array<int, 4> directions_done(const StrokeScript& script);
// The protocol's three directions, each done or not: what the live panel ticks and the score counts (the panel
// once indexed the counts in another order and ticked "diagonal" for vertical passes).
struct RequiredDirections {
    bool horizontal = false, vertical = false, diagonal = false;
    int count() const { return int(horizontal) + int(vertical) + int(diagonal); }
    std::string missing() const;  // "vertical and diagonal"; empty when all three are done
};
RequiredDirections required_directions(const std::array<int, 4>& done);

// A roller is lifted to change direction: a pass that turns back or sideways on the skin drags the needles
// through it (tearing, REFERENCE.md §2). A pen glides freely and is never "dragged".
bool dragged_without_lifting(const Stroke& stroke, DeviceKind device);

struct PressureSummary {
    double mean = 0, sd = 0;
    double heavy_share = 0;  // of samples above the lesson's pressure_max
    size_t samples = 0;
};
PressureSummary pressure_summary(const StrokeScript& script, double pressure_max);
// More of the samples than this above the limit is heavy pressure, for the score and the finished warnings.
inline constexpr double kHeavyPressureShare = 0.1;

// The device's speed over the last half second of a stroke, mm/s (0 with fewer than two samples).
double recent_speed_mm_s(const Stroke& stroke);
// A calm roll or glide (estimated, as kRollerSpeedMmS/kPenSpeedMmS in treatment_plan.hpp): slower leaves
// over-dense spots with a pen, faster skips with a roller.
Range good_speed_mm_s(DeviceKind device);

struct TrainingWarning {
    std::string id;       // needle_too_long, heavy_pressure_on_bone, dragged_without_lifting, over_treated, too_sparse
    std::string message;  // one line, naming the thing and what to do
};
// The warnings that hold now. pressure_now: the pressure the trainee is applying (the controller's setting),
// while rolling; a finished session is judged on its samples instead, as the score judges it.
std::vector<TrainingWarning> training_warnings(const Lesson& lesson, const StrokeScript& script,
                                               const CoverageGrid& grid, float pressure_now, bool finished);

}  // namespace dermasim
