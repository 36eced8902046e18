#include "engine/tools/needle_depth.hpp"

#include <algorithm>
#include <cmath>
#include "engine/tools/device_limits.hpp"

namespace dermasim {

namespace {
// p0 such that fraction(0.5) is the device's normal-pressure fraction.
float pressure_scale(float normal_fraction) {
    return 0.5f / std::log((kMaxPenetrationFraction - kKalluriFraction) / (kMaxPenetrationFraction - normal_fraction));
}
constexpr float kReferenceFatMm = 5.0f;  // estimated
}  // namespace

float penetration_fraction(DeviceKind device, float pressure) {
    check_pressure(pressure, "needle depth", "pressure");
    static const float roller_scale = pressure_scale(kRollerFraction), pen_scale = pressure_scale(kDonnellyFraction);
    const float p0 = device == DeviceKind::Roller ? roller_scale : pen_scale;
    return kMaxPenetrationFraction - (kMaxPenetrationFraction - kKalluriFraction) * std::exp(-pressure / p0);
}

float region_tenting_factor(const RegionProfile& region) {
    const double fat = std::max(0.0, region.thickness_mm(Layer::Hypodermis));
    return float(std::clamp(std::pow(fat / kReferenceFatMm, 0.25), 0.8, 1.25));
}

float needle_jitter(std::uint32_t needle, double time_s) {
    // splitmix64 finaliser over (needle, time in microseconds)
    std::uint64_t x = (std::uint64_t(needle) << 40) ^ std::uint64_t(std::llround(time_s * 1e6));
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    return float(double(x >> 11) / double(1ull << 53) * 2.0 - 1.0);
}

NeedleDepthModel::NeedleDepthModel(DeviceKind device, const NeedleSpec& needle, const RegionProfile& region)
    : device_(device), needle_(needle), tenting_factor_(region_tenting_factor(region)) {}

float NeedleDepthModel::mean_depth_mm(float pressure) const {
    const float f = penetration_fraction(device_, pressure);
    if (pressure <= 0) return 0;
    const float loss = std::min(1.0f, (1.0f - f) * tenting_factor_);
    return needle_.length_mm * (1.0f - loss);
}

ChannelShape NeedleDepthModel::channel(float pressure, std::uint32_t needle, double time_s) const {
    ChannelShape c;
    const float mean = mean_depth_mm(pressure);
    if (mean <= 0) return c;
    c.depth_mm = std::min(needle_.length_mm, mean * (1.0f + kDepthSpread * needle_jitter(needle, time_s)));
    c.radius_mm = 0.5f * needle_.base_diameter_mm * kChannelWidthPerBase;
    return c;
}

}  // namespace dermasim
