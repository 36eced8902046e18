#pragma once
// The simulated tissue and the punctures, sampled for the magnified view's shader (shaders/micro_view.frag):
// - a small image of the cut plane over the window (kMicroTexels), per texel the quantities the view draws, already
//   normalised to what the shader needs (fractions 0..1), so the shader only interpolates and draws;
// - the channels crossing the window, each with a profile down its axis: how much of its freshly made volume is
//   still open, and how much blood / clot it holds. These are read at the channel's own voxels, not on the plane,
//   because the grid's voxels are wider than a channel and it stores channels as volume fractions: the ratio to
//   the freshly stamped fraction of the same voxel (stamp_punctures_cpu) is the share of the channel still open.
// Without a tissue state (needling only) the fields are the untreated baseline and every channel is fresh.
#include <cstdint>
#include <vector>
#include <glm/vec4.hpp>
#include "engine/render/micro_view.hpp"
#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/tissue_state.hpp"
#include "engine/skin/region_profile.hpp"

namespace dermasim {

inline constexpr int kMicroTexelsX = 128, kMicroTexelsY = 96;  // the window's fields (smooth at voxel scale)
inline constexpr int kMicroMaxChannels = 48;
inline constexpr int kMicroProfileSamples = 64;                // down each channel, surface to tip
// Columns of the window, each listing the channels that can show in it. A CPU driver runs a loop's body for
// every channel a pixel's group of lanes looks at, whatever the body's branches decide, so each pixel looks only
// at the channels of its column.
inline constexpr int kMicroChannelBins = 32;
inline constexpr float kMicroChannelMarginMm = 0.02f;          // drawn this far beside a channel's wall, at most

struct MicroTexel {       // mirrors shaders/micro_view.frag (three vec4 texels)
    glm::vec4 cells;      // x: inflammatory signal (log scale, 0..1), y: fibroblasts (of the cap, 0..1),
                          // z: capillaries (of the papillary baseline), w: diffuse blood / clot (0..1)
    glm::vec4 collagen;   // x: collagen III, y: collagen I (of untreated dermal collagen),
                          // z, w: new collagen III / I over the untreated value (log scale, 0..1)
    glm::vec4 skin;       // x: how much thicker the viable epidermis over this column is (mm), yzw unused
};

struct MicroChannel {     // mirrors shaders/micro_view.frag (two vec4 texels)
    glm::vec4 pos_depth_radius;  // patch x at the surface, behind the plane (patch y - plane), depth, radius (mm)
    glm::vec4 tilt_bleed;        // tip drift per mm of depth (x, y), bleeds (0/1: engine/tools/bleeding.hpp), unused
};

struct MicroFields {
    std::vector<MicroTexel> texels;       // kMicroTexelsX * kMicroTexelsY, row by row from the window's top
    std::vector<MicroChannel> channels;   // at most kMicroMaxChannels, the nearest to the plane first
    std::vector<glm::vec4> profiles;      // kMicroProfileSamples per channel: x open share, y blood share (0..1),
                                          // blood only in the channels that bled
    std::vector<uint32_t> bin_start;      // kMicroChannelBins + 1: each column's first item, then the end
    std::vector<uint32_t> bin_items;      // indices into channels, column by column, nearest to the plane first
};

// `fresh`: the punctures stamped into an empty state of tissue's grid (make_fresh_channels), null without tissue.
MicroFields pack_micro_fields(const TissueState* tissue, const TissueState* fresh, const PunctureList& punctures,
                              const MicroLayout& layout, const RegionProfile& region,
                              const kernel::HealParams& params);

// The channels alone, as stamping leaves them in an untouched grid: the reference "fully open" of each voxel.
TissueState make_fresh_channels(const TissueGrid& grid, const PunctureList& punctures);

}  // namespace dermasim
