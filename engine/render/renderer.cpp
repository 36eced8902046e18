#include "engine/render/renderer.hpp"

#include "engine/core/error.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"

namespace dermasim {

Renderer::Renderer(const vk::Context& context, int frame_slots)
    : context_(context), skin_(context, frame_slots), ui_(context, frame_slots) {}

FrameTarget Renderer::make_target(VkExtent2D extent) const {
    if (extent.width == 0 || extent.height == 0 || extent.width > 8192 || extent.height > 8192)
        throw Error("image size " + std::to_string(extent.width) + "x" + std::to_string(extent.height) +
                    " is out of range (1x1 to 8192x8192)");
    FrameTarget target;
    target.color = vk::Image(context_, extent, kColorFormat,
                             VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                             VK_IMAGE_ASPECT_COLOR_BIT);
    target.depth = vk::Image(context_, extent, kDepthFormat, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                             VK_IMAGE_ASPECT_DEPTH_BIT);
    ui_.make_framebuffer(target);
    return target;
}

void Renderer::record(VkCommandBuffer cmd, int slot, FrameTarget& target, const SkinView& view, ImDrawData* ui) {
    using namespace vk::access;
    // The previous frame on this target ended with a transfer read of colour: wait for it before overwriting
    // (the old contents are discarded, so UNDEFINED is fine). Depth: wait for the last frame's depth writes.
    vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, {TransferRead.stage, VK_ACCESS_2_NONE},
                      ColorWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
    vk::image_barrier(cmd, target.depth.get(), VK_IMAGE_ASPECT_DEPTH_BIT, target.depth_written ? DepthWrite : None,
                      DepthWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL);
    target.depth_written = true;

    skin_.record(cmd, slot, target, view);
    ui_.record(cmd, target, ui);

    vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, ColorWrite, TransferRead,
                      VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
}

}  // namespace dermasim
