#pragma once
// TEMPORARY stand-in until the catalogue branch lands (same field names).
#include <string>
#include <vector>
#include "engine/core/asset_path.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/device_spec.hpp"

namespace dermasim {
struct Catalog {
    RegionTable regions;
    RollerSpec roller;
    PenSpec pen;
    HealParameters heal;
    std::string tables_hash = "unknown";
    std::vector<std::string> serum_names() const { return dermasim::serum_names(); }
    static Catalog load_default() {
        return {RegionTable::load_default(), load_roller(asset_path("devices/roller.json")),
                load_pen(asset_path("devices/pen.json")), load_default_heal_parameters()};
    }
};
}  // namespace dermasim
