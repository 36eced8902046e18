#pragma once
// Punctures packed for the fragment shader: a flat array plus a 2D grid of cells over the patch listing which
// channels touch each cell, so a fragment only looks at the few channels near it.
#include <cstdint>
#include <vector>
#include <glm/vec4.hpp>
#include "engine/skin/region_profile.hpp"
#include "engine/tools/puncture.hpp"

namespace dermasim {

inline constexpr int kChannelCells = 40;            // per side, over the patch
inline constexpr float kChannelSectionMm = 0.25f;   // cut face shows channels within this distance (a thick section)

struct ChannelGpu {        // mirrors shaders/common/channels.glsl (two vec4 texels)
    glm::vec4 pos_depth_radius;  // patch x, patch y (mm), depth (mm), surface radius (mm)
    glm::vec4 tilt_bleed;        // tip drift per mm of depth (x, y), bleeds (0/1), unused
};

struct ChannelBins {
    std::vector<ChannelGpu> channels;
    std::vector<uint32_t> cell_start;  // kChannelCells^2 + 1 offsets into items
    std::vector<uint32_t> items;       // channel indices, grouped by cell
};

// A channel is drawn bleeding when it tore a vessel of the region's dermis (engine/tools/bleeding.hpp).
ChannelBins bin_channels(const PunctureList& punctures, const RegionProfile& region);

}  // namespace dermasim
