#pragma once
// A cheek profile built by hand, so the device tests do not depend on assets/regions.json (whose numbers may be
// revised): stratum corneum, epidermis, papillary, reticular dermis and fat in mm.
#include "engine/skin/region_profile.hpp"

namespace dermasim::tools_test {

inline RegionProfile cheek() {
    RegionProfile r;
    r.id = "cheek";
    const double mm[kLayerCount] = {0.0147, 0.0314, 0.201, 0.804, 3.5};
    for (int l = 0; l < kLayerCount; ++l) r.layers[l].mm = mm[l];
    return r;
}

}  // namespace dermasim::tools_test
