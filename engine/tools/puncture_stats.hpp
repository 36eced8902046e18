#pragma once
// The numbers a treatment report gives about its punctures. A channel bleeds when it tears the capillary loops
// of the papillary dermis or the plexus at its base (engine/tools/bleeding.hpp, REFERENCE.md §1).
#include <array>
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include "engine/skin/layer.hpp"
#include "engine/tools/puncture.hpp"
#include "engine/tools/treated_area.hpp"

namespace dermasim {

struct RegionProfile;

struct DepthSummary {
    double mean = 0, p95 = 0, max = 0;  // micrometres
};

struct PunctureStats {
    double treated_area_cm2 = 0;
    std::size_t count = 0;             // all punctures (all lie on the patch)
    double density_per_cm2 = 0;        // punctures inside the treated area / its area
    double density_cv = 0;             // sd / mean of the counts in ~1 mm^2 cells of the treated area
    DepthSummary depth_um;
    std::array<std::size_t, kLayerCount> deepest_layer{};  // by the layer the channel's tip lies in
    std::size_t bleeding_points = 0;   // expected bleeding channels (sum of each channel's probability, rounded)
};

// The layer a channel of this depth ends in; a tip exactly on a boundary stays in the upper layer.
Layer deepest_layer_reached(const RegionProfile& region, double depth_mm);

PunctureStats compute_puncture_stats(const PunctureList& punctures, const RegionProfile& region,
                                     const TreatedArea& area = centred_treated_area());

// {"treated_area_cm2", "punctures": {"count", "density_per_cm2", "density_cv", "depth_um": {"mean","p95","max"},
//   "deepest_layer": {<layer key>: n, ...}, "bleeding_points"}}
nlohmann::json to_json(const PunctureStats& stats);

}  // namespace dermasim
