#include "engine/render/channel_bins.hpp"

#include <algorithm>
#include <cmath>
#include <glm/common.hpp>

#include "engine/skin/tissue_grid.hpp"
#include "engine/tools/bleeding.hpp"

namespace dermasim {

ChannelBins bin_channels(const PunctureList& punctures, const RegionProfile& region) {
    ChannelBins bins;
    const float cell = kPatchSizeMm / kChannelCells;
    std::vector<std::vector<uint32_t>> lists(kChannelCells * kChannelCells);
    for (const Puncture& p : punctures) {
        uint32_t index = uint32_t(bins.channels.size());
        bins.channels.push_back({glm::vec4(p.surface_mm, p.depth_mm, p.radius_mm),
                                 glm::vec4(p.tilt, channel_bleeds(region, p) ? 1.0f : 0.0f, 0.0f)});
        // Every cell the channel can touch: its surface disc, its tip, plus the cut-face section margin.
        glm::vec2 tip = p.surface_mm + p.tilt * p.depth_mm;
        float reach = p.radius_mm + kChannelSectionMm;
        glm::vec2 lo = glm::min(p.surface_mm, tip) - reach, hi = glm::max(p.surface_mm, tip) + reach;
        int x0 = std::max(0, int(std::floor(lo.x / cell))), x1 = std::min(kChannelCells - 1, int(std::floor(hi.x / cell)));
        int y0 = std::max(0, int(std::floor(lo.y / cell))), y1 = std::min(kChannelCells - 1, int(std::floor(hi.y / cell)));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) lists[y * kChannelCells + x].push_back(index);
    }
    bins.cell_start.reserve(lists.size() + 1);
    for (const auto& list : lists) {
        bins.cell_start.push_back(uint32_t(bins.items.size()));
        bins.items.insert(bins.items.end(), list.begin(), list.end());
    }
    bins.cell_start.push_back(uint32_t(bins.items.size()));
    return bins;
}

}  // namespace dermasim
