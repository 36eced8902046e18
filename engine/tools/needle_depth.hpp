#pragma once
// How deep a needle really goes. Skin tents (deforms) before it is pierced, so the channel is shallower than
// the needle is long; firmer pressure pushes it deeper (REFERENCE.md §2). The model, per device:
//
//   fraction(p) = F_max - (F_max - F_kalluri) * exp(-p / p0)     (p = pressure 0..1, 1 = firm)
//
//   F_kalluri = 152.5 / 770 = 0.198  Kalluri, Kolli & Banga 2011: a 770 um DermaRoller needle left a 152.5 um
//                                    channel in hairless rat skin -- loose skin, light rolling: the lower bound.
//   F_max     = 0.92                 estimated: even firm pressure leaves some tenting.
//   F(0.5), the normal (default) pressure, sets p0:
//     pen    460 / 600 = 0.767       Donnelly et al.: a 600 um array pressed perpendicularly into human skin in
//                                    vivo reached ~460 um (OCT). A pen stamps perpendicularly, motor-driven.
//     roller (0.198 + 0.767) / 2     estimated, 0.48: a roller's needles enter and leave at an angle and tear
//                                    rather than pierce (REFERENCE.md §2, pen maker's description), so it tents
//                                    more than a pressed array; the only roller measurement (Kalluri) is in
//                                    loose rat skin. Midway between the two measurements, marked estimated.
//   With the face's HFUS dermis (assets/regions.json) this keeps the lengths the charts recommend in the dermis
//   and sends only excessive lengths or firm pressure into fat (tests/unit/depth_layers_test.cpp, docs/MODEL.md).
//
// Region (estimated): a thick, soft fat pad tents more than skin over bone (REFERENCE.md §6: forehead fat
// ~2 mm). The tenting loss (1 - fraction) is scaled by (fat / 5 mm)^0.25, clamped to 0.8..1.25.
// Per-needle spread (deterministic): +-10.9 % uniform, i.e. the 6.3 % relative sd of Kalluri's 152.5 +- 9.6 um.
// The channel never goes deeper than the needle.
// Channel radius at the surface: Kalluri measured a 70.7 um wide channel from a 140 um needle base, so the
// channel is 0.505 x the needle's base diameter wide (skin recoils around the needle).
#include <cstdint>
#include "engine/skin/region_profile.hpp"
#include "engine/tools/device_spec.hpp"
#include "engine/tools/stroke_script.hpp"

namespace dermasim {

inline constexpr float kKalluriFraction = 152.5f / 770.0f;
inline constexpr float kDonnellyFraction = 460.0f / 600.0f;
inline constexpr float kRollerFraction = 0.5f * (kKalluriFraction + kDonnellyFraction);  // estimated, see above
inline constexpr float kMaxPenetrationFraction = 0.92f;  // estimated
inline constexpr float kChannelWidthPerBase = 70.7f / 140.0f;  // Kalluri 2011
inline constexpr float kDepthSpread = 0.109f;  // Kalluri 2011: sd/mean = 9.6/152.5, as a uniform half-width

// Region-neutral penetration fraction of a device; throws Error when pressure is not within 0..1.
float penetration_fraction(DeviceKind device, float pressure);
// Multiplier on the tenting loss for a region (1 at 5 mm of fat).
float region_tenting_factor(const RegionProfile& region);
// Deterministic value in [-1, 1] from a needle id and a time: no global RNG, same inputs -> same value.
float needle_jitter(std::uint32_t needle, double time_s);

struct ChannelShape {
    float depth_mm = 0;
    float radius_mm = 0;
};

class NeedleDepthModel {
public:
    NeedleDepthModel(DeviceKind device, const NeedleSpec& needle, const RegionProfile& region);
    // Mean channel depth for this pressure (no per-needle spread). Pressure 0 -> 0 (the needle does not enter).
    float mean_depth_mm(float pressure) const;
    // The channel of one needle entry, with its deterministic spread.
    ChannelShape channel(float pressure, std::uint32_t needle, double time_s) const;
    const NeedleSpec& needle() const { return needle_; }

private:
    DeviceKind device_;
    NeedleSpec needle_;
    float tenting_factor_ = 1;
};

}  // namespace dermasim
