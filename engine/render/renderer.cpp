#include "engine/render/renderer.hpp"

#include <algorithm>
#include <cstring>

#include "engine/core/catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"

namespace dermasim {

namespace {
// Checked before any pass is made with it.
VkFormat checked_color_format(VkFormat format) {
    if (format != VK_FORMAT_R8G8B8A8_UNORM && format != VK_FORMAT_B8G8R8A8_UNORM)
        throw Error("renderer: colour format " + std::to_string(int(format)) +
                    " is not 8-bit RGBA or BGRA (UNORM), which the shaders and readback expect");
    return format;
}
}  // namespace

Renderer::Renderer(const vk::Context& context, const Catalog& catalog, int frame_slots, VkFormat color_format)
    : context_(context), catalog_(catalog), frame_slots_(frame_slots), color_format_(checked_color_format(color_format)),
      skin_(context, frame_slots, catalog.heal.kernel, color_format_),
      micro_(context, frame_slots, catalog.heal.kernel, color_format_),
      ui_(context, ui_context_, frame_slots, color_format_) {}

FrameTarget Renderer::make_target(VkExtent2D extent) const {
    if (extent.width == 0 || extent.height == 0 || extent.width > 8192 || extent.height > 8192)
        throw Error("image size " + std::to_string(extent.width) + "x" + std::to_string(extent.height) +
                    " is out of range (1x1 to 8192x8192)");
    FrameTarget target;
    target.color = vk::Image(context_, extent, color_format_,
                             VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                                 VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                             VK_IMAGE_ASPECT_COLOR_BIT);
    ui_.make_framebuffer(target);
    return target;
}

void Renderer::set_moving_scale(float scale) {
    if (!(scale >= 0.25f && scale <= 1.0f))
        throw Error("render scale " + std::to_string(scale) + " is out of range (0.25 to 1)");
    moving_scale_ = scale;
}

bool Renderer::time_moving_pictures() {
    if (!timer_) timer_.emplace(context_, frame_slots_);
    return timer_->supported();
}

bool Renderer::SceneKey::operator==(const SceneKey& o) const {
    // The uniform blocks are vec4s and matrices only (no padding), so their bytes are their values.
    return std::memcmp(&scene, &o.scene, sizeof scene) == 0 && std::memcmp(&fields, &o.fields, sizeof fields) == 0 &&
           tissue == o.tissue && tissue_version == o.tissue_version && overlay == o.overlay &&
           punctures == o.punctures && punctures_version == o.punctures_version && device == o.device &&
           region == o.region;
}

void Renderer::draw_scene(VkCommandBuffer cmd, int slot, VkExtent2D extent, const SkinView& view) {
    scene_.begin(cmd, extent, {{0.1f, 0.1f, 0.12f, 1.0f}});
    skin_.draw(cmd, slot, extent, view);
    if (view.device) {
        float aspect = float(extent.width) / float(std::max(extent.height, 1u));
        devices_->draw(cmd, slot, view.camera.projection(aspect) * view.camera.view(), view.camera.eye(),
                       *view.device);
    }
    scene_.end(cmd);
}

void Renderer::record(VkCommandBuffer cmd, int slot, FrameTarget& target, const SkinView& view, ImDrawData* ui) {
    using namespace vk::access;
    if (view.device) {
        check_device_pose(*view.device);  // before anything is recorded
        if (!devices_)  // uploads with its own submit
            devices_ = std::make_unique<DevicePass>(context_, frame_slots_, catalog_.roller_model, catalog_.pen_model,
                                                    color_format_);
    }
    const VkExtent2D frame = target.extent();
    // The kept pictures, drawn again where what they show changed. The magnified view alone fills the frame: the
    // block under it would never be seen, so it is neither drawn nor copied (a full frame's scaled copy, 6-10 ms
    // of every moving frame on a slow day's lavapipe), and the block's kept picture stays for when it is seen again.
    const bool block = !(view.micro && view.micro->fills_frame());
    drew_moving_ = false;
    measured_moving_ = timer_ ? timer_->collect(slot) : std::nullopt;
    using Timed = MovingPictureTimer::Pass;
    auto time_begin = [&](Timed pass) {
        if (timer_) timer_->begin(cmd, slot, pass);
    };
    auto time_end = [&](Timed pass, bool moving) {
        if (timer_) timer_->end(cmd, slot, pass, moving, moving_scale_);
    };
    if (block) {
        SceneKey key{SkinBlockPass::uniforms_for(view, frame), field_uniforms_for(view), view.tissue.get(),
                     view.tissue_version, view.overlay, view.punctures.get(), view.punctures_version, view.device,
                     view.region.id};
        scene_.ensure(context_, frame, color_format_, true);
        if (auto drawn = scene_.plan(!scene_key_ || !(*scene_key_ == key), frame, moving_scale_, view.animating)) {
            time_begin(Timed::Scene);
            draw_scene(cmd, slot, *drawn, view);
            scene_key_ = key;
            drew_moving_ = scene_.planned_moving();
            time_end(Timed::Scene, drew_moving_);
        }
    }
    if (view.micro) {
        time_begin(Timed::Micro);
        const bool moving = micro_.prepare(cmd, slot, frame, view, moving_scale_);
        time_end(Timed::Micro, moving);
        drew_moving_ = drew_moving_ || moving;
    }

    // Compose: the scene, the magnified cut over it, then the UI. The frame's last contents were read by a
    // transfer (to the window or a readback) and are discarded.
    vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, {TransferRead.stage, VK_ACCESS_2_NONE},
                      TransferWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
    if (block) scene_.copy_to(cmd, target.color.get(), {{0, 0}, frame});
    if (view.micro) {
        if (block)
            vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, TransferWrite, TransferWrite,
                              VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
        micro_.composite(cmd, target.color.get());
    }
    vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, TransferWrite, ColorWrite,
                      VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
    ui_.record(cmd, target, ui);

    vk::image_barrier(cmd, target.color.get(), VK_IMAGE_ASPECT_COLOR_BIT, ColorWrite, TransferRead,
                      VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
}

}  // namespace dermasim
