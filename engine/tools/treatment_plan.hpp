#pragma once
// The default treatment a trainee is taught (REFERENCE.md §2, Singh & Yadav 2016: 15-20 passes in horizontal,
// vertical and oblique directions, lifting the roller between them). Pass n runs along
// horizontal, vertical, diagonal, anti-diagonal (repeating, so any count is natural: 15 passes end on a
// diagonal), as parallel lifted strokes spaced one swath apart (the drum width; the pen's needle pattern width)
// so each pass covers the treated area once.
#include "engine/tools/device_spec.hpp"
#include "engine/tools/stroke_script.hpp"
#include "engine/tools/treated_area.hpp"

namespace dermasim {

inline constexpr float kRollerSpeedMmS = 20.0f;  // estimated: a calm roll, 2 cm drum turn in ~3 s
inline constexpr float kPenSpeedMmS = 10.0f;     // estimated: slow gliding so 100 Hz stamps overlap
inline constexpr float kLiftSeconds = 0.5f;      // estimated: time to lift and reposition between strokes
// Protocols quote 15-20 passes; 100 is far beyond any protocol and keeps a typo from meaning hours of work.
inline constexpr int kMaxPasses = 100;

struct TreatmentPlanOptions {
    DeviceKind device = DeviceKind::Roller;
    float needle_mm = 0.5f;
    float pressure = 0.5f;
    int passes = 4;                 // 1..kMaxPasses
    TreatedArea area = centred_treated_area();
    float speed_mm_s = 0;           // 0: the device's default above
};

// Throws Error for an out-of-range pass count, a bad needle setting or pressure, or an area off the patch.
StrokeScript make_treatment_plan(const TreatmentPlanOptions& options, const RollerSpec& roller = {},
                                 const PenSpec& pen = {});

// Width of the band one stroke covers.
float swath_width_mm(DeviceKind device, const RollerSpec& roller, const PenSpec& pen);

}  // namespace dermasim
