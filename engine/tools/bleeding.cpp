#include "engine/tools/bleeding.hpp"

#include <algorithm>
#include <cmath>

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

}  // namespace dermasim
