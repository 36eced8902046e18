#pragma once
// A body region's skin: the thickness of each layer, each with the source it was taken from.
// Loaded from assets/regions.json (see that file for the sources of every number).
#include <array>
#include <filesystem>
#include <optional>
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

// The needle lengths the manufacturers' charts give for an area (REFERENCE.md §2), from the usual length to the
// longest they allow there (for scars, thick skin).
struct NeedleRange {
    double min_mm = 0;
    double max_mm = 0;
    std::string source;
};

struct RegionProfile {
    std::string id;          // machine name, e.g. "cheek"
    std::string name;        // for practitioners, e.g. "Periorbital (eyelid)"
    std::string plain_name;  // for clients and visitors, e.g. "Around the eyes" (the name where the file has none)
    std::array<LayerThickness, kLayerCount> layers;
    std::optional<NeedleRange> usual_needle;  // absent where no chart gives the area a figure

    const std::string& name_for(bool plain_words) const { return plain_words ? plain_name : name; }

    double thickness_mm(Layer l) const { return layers[static_cast<int>(l)].mm; }
    double top_of_mm(Layer l) const;     // depth of the layer's upper boundary below the surface
    double bottom_of_mm(Layer l) const;  // depth of its lower boundary
    double total_mm() const { return bottom_of_mm(Layer::Hypodermis); }
    Layer layer_at_depth(double depth_mm) const;  // below the fat: Hypodermis
};

// needle_mm moved into the region's usual_needle range (unchanged where it has none).
double needle_within_charts(double needle_mm, const RegionProfile& region);

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
