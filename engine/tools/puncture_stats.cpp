#include "engine/tools/puncture_stats.hpp"

#include <algorithm>
#include <cmath>
#include <vector>
#include <nlohmann/json.hpp>
#include "engine/skin/region_profile.hpp"
#include "engine/tools/bleeding.hpp"

namespace dermasim {

Layer deepest_layer_reached(const RegionProfile& region, double depth_mm) {
    // Walk the layer thicknesses directly (only the inline accessor is needed).
    double bottom = 0;
    for (int l = 0; l < kLayerCount - 1; ++l) {
        bottom += region.thickness_mm(Layer(l));
        if (depth_mm <= bottom) return Layer(l);
    }
    return Layer::Hypodermis;
}

PunctureStats compute_puncture_stats(const PunctureList& punctures, const RegionProfile& region,
                                     const TreatedArea& area) {
    PunctureStats s;
    s.treated_area_cm2 = area.area_cm2();
    s.count = punctures.size();

    // Density over ~1 mm^2 cells (a whole number of cells across each side).
    const glm::vec2 size = area.size_mm();
    const int cx = std::max(1, int(std::lround(size.x))), cy = std::max(1, int(std::lround(size.y)));
    std::vector<int> cells(std::size_t(cx) * cy, 0);
    std::size_t inside = 0;
    for (const auto& p : punctures) {
        if (!area.contains(p.surface_mm)) continue;
        ++inside;
        const glm::vec2 u = (p.surface_mm - area.min_mm) / size;
        const int i = std::min(cx - 1, int(u.x * cx)), j = std::min(cy - 1, int(u.y * cy));
        ++cells[std::size_t(j) * cx + i];
    }
    if (s.treated_area_cm2 > 0) s.density_per_cm2 = double(inside) / s.treated_area_cm2;
    const double mean = double(inside) / cells.size();
    if (mean > 0) {
        double var = 0;
        for (int c : cells) var += (c - mean) * (c - mean);
        s.density_cv = std::sqrt(var / cells.size()) / mean;
    }

    if (!punctures.empty()) {
        std::vector<double> depths;
        depths.reserve(punctures.size());
        double expected_bleeding = 0;
        for (const auto& p : punctures) {
            depths.push_back(p.depth_mm * 1000.0);
            ++s.deepest_layer[int(deepest_layer_reached(region, p.depth_mm))];
            expected_bleeding += bleeding_probability(region, p.depth_mm);
        }
        s.bleeding_points = std::size_t(std::llround(expected_bleeding));
        std::sort(depths.begin(), depths.end());
        double sum = 0;
        for (double d : depths) sum += d;
        s.depth_um.mean = sum / depths.size();
        // Nearest-rank 95th percentile.
        const std::size_t rank = std::size_t(std::ceil(0.95 * depths.size()));
        s.depth_um.p95 = depths[std::max<std::size_t>(rank, 1) - 1];
        s.depth_um.max = depths.back();
    }
    return s;
}

nlohmann::json to_json(const PunctureStats& s) {
    nlohmann::json layers = nlohmann::json::object();
    for (int l = 0; l < kLayerCount; ++l) layers[std::string(kLayerKeys[l])] = s.deepest_layer[l];
    return {{"treated_area_cm2", s.treated_area_cm2},
            {"punctures",
             {{"count", s.count},
              {"density_per_cm2", s.density_per_cm2},
              {"density_cv", s.density_cv},
              {"depth_um", {{"mean", s.depth_um.mean}, {"p95", s.depth_um.p95}, {"max", s.depth_um.max}}},
              {"deepest_layer", layers},
              {"bleeding_points", s.bleeding_points}}}};
}

}  // namespace dermasim
