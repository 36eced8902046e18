#include "engine/tools/bleeding.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace dermasim {

double vessels_met(const RegionProfile& region, double depth_mm) {
    const double top = region.top_of_mm(Layer::PapillaryDermis);
    const double thickness = region.thickness_mm(Layer::PapillaryDermis);
    if (!(depth_mm > top) || !(thickness > 0)) return 0.0;
    const double traversed = std::min(1.0, (depth_mm - top) / thickness);
    return kLoopsPerPapillaryDermis * traversed + (depth_mm > top + thickness ? kPlexusVessels : 0.0);
}

double bleeding_probability(const RegionProfile& region, double depth_mm) {
    return 1.0 - std::exp(-vessels_met(region, depth_mm));
}

namespace {
// splitmix64's finaliser: every input bit moves about half the output bits.
std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
}  // namespace

bool channel_bleeds(const RegionProfile& region, const Puncture& p) {
    const double probability = bleeding_probability(region, p.depth_mm);
    if (probability <= 0.0) return false;
    std::uint64_t h = mix64(std::bit_cast<std::uint32_t>(p.surface_mm.x));
    h = mix64(h ^ std::bit_cast<std::uint32_t>(p.surface_mm.y));
    h = mix64(h ^ std::bit_cast<std::uint64_t>(p.time_s));
    h = mix64(h ^ p.needle);
    const double u = double(h >> 11) * 0x1.0p-53;  // uniform in [0, 1)
    return u < probability;
}

}  // namespace dermasim
