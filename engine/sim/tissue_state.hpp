#pragma once
// The tissue's fields over the grid, one float per voxel each (structure of arrays, the same layout the GPU
// buffers use). Values are dimensionless, normalised as described in docs/MODEL.md.
#include <array>
#include <string_view>
#include <vector>
#include "engine/skin/tissue_grid.hpp"

namespace dermasim {

enum class Field : int {
    OpenChannel,   // fraction of the voxel that is open channel (0..1)
    Blood,         // blood / clot in the voxel (0..1)
    Signal,        // inflammatory growth-factor signal, TGF-beta/PDGF proxy (0..)
    Erythema,      // vasodilation / redness contribution (0..1)
    Fibroblasts,   // fibroblast density relative to the cap (0..1)
    Collagen3,     // collagen III density relative to baseline dermal collagen
    Collagen1,     // collagen I density relative to baseline dermal collagen
    Elastin,       // elastin relative to baseline
    Capillaries,   // capillary density relative to papillary baseline
    Serum,         // topical serum concentration relative to the applied concentration (0..1)
    Macrophages,   // macrophage density relative to the cap (0..1), dermis
    Epidermis,     // thickening of the viable epidermis over the column (0.5 = +50 %), kept in its papillary dermis
    Count
};
inline constexpr int kFieldCount = static_cast<int>(Field::Count);
inline constexpr std::array<std::string_view, kFieldCount> kFieldKeys = {
    "open_channels", "blood", "signal", "erythema", "fibroblasts",
    "collagen_III", "collagen_I", "elastin", "capillaries", "serum", "macrophages",
    "epidermis"};

// The fields that live in the dermis only: outside it the model neither makes them nor moves them there
// (heal_react gives zero from zero, the fibroblasts do not diffuse out, a stamp writes the open channels and
// the blood), so in a state the model made they are zero there. The GPU reaction relies on it where an upload
// found it so (TissueVolumeGpu::dermis_fields_confined).
inline constexpr std::array<Field, 8> kDermisOnlyFields = {
    Field::Erythema, Field::Fibroblasts, Field::Collagen3, Field::Collagen1,
    Field::Elastin, Field::Capillaries, Field::Macrophages, Field::Epidermis};

struct TissueState {
    TissueGrid grid;
    double time_s = 0;  // simulated time since the start of the timeline
    std::array<std::vector<float>, kFieldCount> fields;

    std::vector<float>& field(Field f) { return fields[static_cast<int>(f)]; }
    const std::vector<float>& field(Field f) const { return fields[static_cast<int>(f)]; }
    float& at(Field f, int i, int j, int k) { return field(f)[grid.index(i, j, k)]; }
    float at(Field f, int i, int j, int k) const { return field(f)[grid.index(i, j, k)]; }
};

}  // namespace dermasim
