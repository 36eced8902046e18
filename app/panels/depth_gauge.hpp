#pragma once
#include "engine/skin/region_profile.hpp"

namespace dermasim::app {

// A small depth gauge: the region's layers stacked to scale, the needle's length and the expected channel depth
// marked on them, and (limit_mm > 0) the deepest a channel may go.
void draw_depth_gauge(const RegionProfile& region, float depth_mm, float needle_mm, float limit_mm = -1);

}  // namespace dermasim::app
