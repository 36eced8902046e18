#pragma once
// The ranges a device setting may take (REFERENCE.md §2), shared by the device loaders, stroke scripts and the
// command line so that every entry point rejects the same values with the same message.
#include <string>

namespace dermasim {

inline constexpr float kRollerNeedleMinMm = 0.1f;  // Singh & Yadav 2016: needles 0.2-3.0 mm; 0.1 admits short cosmetic rollers
inline constexpr float kRollerNeedleMaxMm = 3.0f;
inline constexpr float kPenDepthMaxMm = 2.5f;      // SkinPen FDA summary: 0-2.5 mm in 0.25 mm steps
inline constexpr float kPenDepthStepMm = 0.25f;

// Throw Error "<origin>: <field> = x is out of range ..." when the value is not allowed.
void check_roller_needle_length(double mm, const std::string& origin, const std::string& field);
void check_pen_depth(double mm, const std::string& origin, const std::string& field);
void check_pressure(double pressure, const std::string& origin, const std::string& field);  // 0..1, finite

}  // namespace dermasim
