#include "engine/render/renderer.hpp"

#include <algorithm>

#include "engine/core/catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"

namespace dermasim {

Renderer::Renderer(const vk::Context& context, const Catalog& catalog, int frame_slots)
    : context_(context), catalog_(catalog), frame_slots_(frame_slots),
      skin_(context, frame_slots, catalog.heal.kernel),
      micro_(context, frame_slots, catalog.heal.kernel), ui_(context, ui_context_, frame_slots) {}

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

void Renderer::begin_scene(VkCommandBuffer cmd, const FrameTarget& target) {
    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = target.color.view();
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.clearValue.color = {{0.1f, 0.1f, 0.12f, 1.0f}};
    VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    depth.imageView = target.depth.view();
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    depth.clearValue.depthStencil = {1.0f, 0};
    VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
    rendering.renderArea = {{0, 0}, target.extent()};
    rendering.layerCount = 1;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachments = &color;
    rendering.pDepthAttachment = &depth;
    vkCmdBeginRendering(cmd, &rendering);
    VkViewport viewport{0, 0, float(target.extent().width), float(target.extent().height), 0, 1};
    VkRect2D scissor{{0, 0}, target.extent()};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
}

void Renderer::record(VkCommandBuffer cmd, int slot, FrameTarget& target, const SkinView& view, ImDrawData* ui) {
    using namespace vk::access;
    if (view.device) {
        check_device_pose(*view.device);  // before anything is recorded
        if (!devices_)  // uploads with its own submit
            devices_ = std::make_unique<DevicePass>(context_, frame_slots_, catalog_.roller_model, catalog_.pen_model);
    }
    // The previous frame on this target ended with a transfer read of colour: wait for it before overwriting
    // (the old contents are discarded, so UNDEFINED is fine). Depth: wait for the last frame's depth writes.
    vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, {TransferRead.stage, VK_ACCESS_2_NONE},
                      ColorWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
    vk::image_barrier(cmd, target.depth.get(), VK_IMAGE_ASPECT_DEPTH_BIT, target.depth_written ? DepthWrite : None,
                      DepthWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL);
    target.depth_written = true;

    begin_scene(cmd, target);
    // The magnified view alone fills the frame: the block under it would never be seen, so it is not drawn.
    const bool micro_only = view.micro && view.micro->fills_frame();
    if (!micro_only) skin_.draw(cmd, slot, target.extent(), view);
    if (view.device && !micro_only) {
        VkExtent2D extent = target.extent();
        float aspect = float(extent.width) / float(std::max(extent.height, 1u));
        devices_->draw(cmd, slot, view.camera.projection(aspect) * view.camera.view(), view.camera.eye(),
                       *view.device);
    }
    if (view.micro) micro_.draw(cmd, slot, target.extent(), view);  // an inset over the block, under the UI
    vkCmdEndRendering(cmd);
    ui_.record(cmd, target, ui);

    vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, ColorWrite, TransferRead,
                      VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
}

}  // namespace dermasim
