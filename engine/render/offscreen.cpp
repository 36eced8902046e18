#include "engine/render/offscreen.hpp"

#include <imgui.h>

#include <cstring>

#include "engine/render/annotations.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/ui_context.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"

namespace dermasim {

struct OffscreenRenderer::Impl {
    Impl(const vk::Context& c, VkExtent2D s)
        : context(c), size(s), renderer(c, 1), target(renderer.make_target(s)),
          readback(c, VkDeviceSize(s.width) * s.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, vk::MemoryUse::Readback),
          commands(c) {}
    const vk::Context& context;
    VkExtent2D size;
    UiContext ui;  // declared before the renderer: must outlive its ImGui Vulkan backend
    Renderer renderer;
    FrameTarget target;
    vk::Buffer readback;
    vk::OneShotCommands commands;
};

OffscreenRenderer::OffscreenRenderer(const vk::Context& context, VkExtent2D size)
    : impl_(std::make_unique<Impl>(context, size)) {}

OffscreenRenderer::~OffscreenRenderer() = default;

RgbaImage OffscreenRenderer::render(const SkinView& view) {
    Impl& m = *impl_;
    m.renderer.ui().begin_frame();
    m.ui.new_headless_frame(m.size);
    if (view.annotations) draw_annotations(ImGui::GetForegroundDrawList(), view, m.size);
    ImGui::Render();

    m.commands.run([&](VkCommandBuffer cmd) {
        m.renderer.record(cmd, 0, m.target, view, ImGui::GetDrawData());
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = {m.size.width, m.size.height, 1};
        vkCmdCopyImageToBuffer(cmd, m.target.color.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, m.readback, 1,
                               &region);
        vk::buffer_barrier(cmd, m.readback, vk::access::TransferWrite, vk::access::HostRead);
    });
    m.readback.invalidate();
    RgbaImage image{m.size.width, m.size.height, std::vector<uint8_t>(m.readback.size())};
    std::memcpy(image.pixels.data(), m.readback.mapped(), image.pixels.size());
    return image;
}

RgbaImage render_offscreen(const vk::Context& context, const SkinView& view, VkExtent2D size) {
    return OffscreenRenderer(context, size).render(view);
}

}  // namespace dermasim
