#include "engine/render/cached_layer.hpp"

#include <algorithm>
#include <cmath>

#include "engine/render/frame_target.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"

namespace dermasim {

namespace {
// `full` scaled by `scale` (0 < scale <= 1), at least 1x1.
VkExtent2D scaled_extent(VkExtent2D full, float scale) {
    auto side = [scale](uint32_t n) { return std::max(1u, uint32_t(std::lround(double(n) * scale))); };
    return {side(full.width), side(full.height)};
}
}  // namespace

void CachedLayer::ensure(const vk::Context& context, VkExtent2D extent, VkFormat color_format, bool with_depth) {
    const bool same = color_.get() && color_.extent().width == extent.width &&
                      color_.extent().height == extent.height && color_.format() == color_format &&
                      bool(depth_.get()) == with_depth;
    if (same) return;
    // Frames in flight may still copy the old picture. Forgotten first, so a failure to make the new images
    // (out of memory) leaves no stale picture behind.
    if (color_.get()) context.wait_idle();
    has_picture_ = false;
    depth_written_ = false;
    drawn_ = {};
    color_ = vk::Image();
    depth_ = vk::Image();
    color_ = vk::Image(context, extent, color_format, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                       VK_IMAGE_ASPECT_COLOR_BIT);
    if (with_depth)
        depth_ = vk::Image(context, extent, kDepthFormat, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                           VK_IMAGE_ASPECT_DEPTH_BIT);
}

std::optional<VkExtent2D> CachedLayer::plan(bool changed, VkExtent2D full, float moving_scale, bool animating) {
    const bool moving = changed && (changed_last_ || animating);
    changed_last_ = changed;
    planned_moving_ = moving;
    still_frames_ = changed ? 0 : std::min(still_frames_ + 1, kStillFramesBeforeSharp);
    if (!changed && animating && has_picture_ && still_frames_ < kStillFramesBeforeSharp) return std::nullopt;
    const VkExtent2D want = moving ? scaled_extent(full, moving_scale) : full;
    if (!changed && has_picture_ && drawn_.width == want.width && drawn_.height == want.height) return std::nullopt;
    return want;
}

void CachedLayer::begin(VkCommandBuffer cmd, VkExtent2D drawn, VkClearColorValue clear) {
    using namespace vk::access;
    drawn_ = {std::min(drawn.width, extent().width), std::min(drawn.height, extent().height)};
    // The last picture was read by copies (or never drawn); it is discarded, hence UNDEFINED.
    vk::image_barrier(cmd, color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, {TransferRead.stage, VK_ACCESS_2_NONE},
                      ColorWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = color_.view();
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.clearValue.color = clear;
    VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
    rendering.renderArea = {{0, 0}, drawn_};
    rendering.layerCount = 1;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachments = &color;
    if (depth_.get()) {
        vk::image_barrier(cmd, depth_.get(), VK_IMAGE_ASPECT_DEPTH_BIT, depth_written_ ? DepthWrite : None,
                          DepthWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL);
        depth_written_ = true;
        depth.imageView = depth_.view();
        depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
        depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
        depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
        depth.clearValue.depthStencil = {1.0f, 0};
        rendering.pDepthAttachment = &depth;
    }
    vkCmdBeginRendering(cmd, &rendering);
    VkViewport viewport{0, 0, float(drawn_.width), float(drawn_.height), 0, 1};
    VkRect2D scissor{{0, 0}, drawn_};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
}

void CachedLayer::end(VkCommandBuffer cmd) {
    using namespace vk::access;
    vkCmdEndRendering(cmd);
    vk::image_barrier(cmd, color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, ColorWrite, TransferRead,
                      VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
    has_picture_ = true;
}

void CachedLayer::copy_to(VkCommandBuffer cmd, VkImage dst, VkRect2D rect) const {
    VkImageBlit blit{};
    blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    blit.srcOffsets[1] = {int32_t(drawn_.width), int32_t(drawn_.height), 1};
    blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    blit.dstOffsets[0] = {rect.offset.x, rect.offset.y, 0};
    blit.dstOffsets[1] = {rect.offset.x + int32_t(rect.extent.width), rect.offset.y + int32_t(rect.extent.height), 1};
    const bool same_size = drawn_.width == rect.extent.width && drawn_.height == rect.extent.height;
    vkCmdBlitImage(cmd, color_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                   1, &blit, same_size ? VK_FILTER_NEAREST : VK_FILTER_LINEAR);
}

}  // namespace dermasim
