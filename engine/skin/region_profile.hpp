#pragma once
// A body region's skin: the thickness of each layer, each with the source it was taken from.
// Loaded from assets/regions.json (see that file for the sources of every number).
#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>
#include "engine/skin/layer.hpp"

namespace dermasim {

struct LayerThickness {
    double mm = 0;        // thickness in millimetres
    std::string source;   // citation (REFERENCE.md) or the reasoning behind an estimate
    bool estimated = false;
};

struct RegionProfile {
    std::string id;    // machine name, e.g. "cheek"
    std::string name;  // for people, e.g. "Cheek"
    std::array<LayerThickness, kLayerCount> layers;

    double thickness_mm(Layer l) const { return layers[static_cast<int>(l)].mm; }
    double top_of_mm(Layer l) const;     // depth of the layer's upper boundary below the surface
    double bottom_of_mm(Layer l) const;  // depth of its lower boundary
    double total_mm() const { return bottom_of_mm(Layer::Hypodermis); }
    Layer layer_at_depth(double depth_mm) const;  // below the fat: Hypodermis
};

class RegionTable {
public:
    // Throws Error naming the file and the problem (missing, not JSON, a field missing or out of range).
    static RegionTable load(const std::filesystem::path& file);

    // Throws Error "unknown region 'x' (known: a, b, ...)".
    const RegionProfile& find(std::string_view id) const;
    const std::vector<RegionProfile>& regions() const { return regions_; }

private:
    std::vector<RegionProfile> regions_;
};

}  // namespace dermasim
