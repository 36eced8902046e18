#pragma once
// A picture kept from frame to frame and copied into each one: drawn again only when what it shows changes.
// The window draws 30 or more frames a second, yet the block, the device and the magnified cut change only when
// someone moves something or the tissue heals. On a CPU driver (lavapipe) drawing them afresh every frame held
// the window at 3-18 fps; copying a kept picture costs a few milliseconds.
// While something moves, a picture may be drawn at a fraction of the frame's size (the layer's top-left part)
// and scaled up when copied; the next still frame draws it again sharp.
// One layer serves every frame slot: all its uses are ordered by pipeline barriers on the one queue, so a frame
// still copying it has finished before a later frame draws into it.
#include <optional>
#include <vulkan/vulkan.h>
#include "engine/vk/image.hpp"

namespace dermasim {
namespace vk { class Context; }

class CachedLayer {
public:
    // Images of `extent` (made again, after the device is idle, when it differs from the last call's).
    void ensure(const vk::Context& context, VkExtent2D extent, VkFormat color_format, bool with_depth);
    // This frame's plan: the size to draw the picture at, or none when the kept one will do. `changed`: what the
    // picture shows differs from the kept one. Two changed frames in a row are motion, drawn at `moving_scale` of
    // `full`; a change after a still frame, and the first still frame after motion, are drawn at full size.
    // `animating` (a playing time-lapse): every change is motion, and a picture is kept as drawn for
    // kStillFramesBeforeSharp frames, so a time-lapse that steps from snapshot to snapshot every few frames is
    // not drawn twice per step; one that holds a snapshot longer (later days, a slow speed) is then drawn sharp
    // while it waits for the next, instead of showing the client a coarse picture for seconds.
    std::optional<VkExtent2D> plan(bool changed, VkExtent2D full, float moving_scale, bool animating);
    static constexpr int kStillFramesBeforeSharp = 12;  // 0.1-0.4 s in the window on lavapipe
    // Opens a dynamic-rendering scope over the top-left `drawn` part, cleared to `clear` (depth to 1), with the
    // viewport and scissor set to it. The previous picture is discarded.
    void begin(VkCommandBuffer cmd, VkExtent2D drawn, VkClearColorValue clear);
    // Closes it and leaves the picture ready to be copied.
    void end(VkCommandBuffer cmd);
    // Copies the picture into `dst` (TRANSFER_DST_OPTIMAL) at `rect`, scaled with linear filtering when it was
    // drawn smaller than that. Needs a picture.
    void copy_to(VkCommandBuffer cmd, VkImage dst, VkRect2D rect) const;

    // Whether the last plan was for motion: drawn at the moving scale, even where that is 1 (the window's scale
    // control reads it, and must see motion at full size to know when to lower the scale again).
    bool planned_moving() const { return planned_moving_; }
    bool has_picture() const { return has_picture_; }
    VkExtent2D drawn() const { return drawn_; }
    VkExtent2D extent() const { return color_.extent(); }

private:
    vk::Image color_, depth_;
    VkExtent2D drawn_{};
    bool has_picture_ = false;    // colour holds a picture, in TRANSFER_SRC_OPTIMAL
    bool depth_written_ = false;  // depth held writes the next picture must wait for
    bool changed_last_ = false;   // the last frame's plan was for a changed picture
    int still_frames_ = 0;        // plans in a row for an unchanged picture
    bool planned_moving_ = false;
};

}  // namespace dermasim
