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

RgbaImage render_offscreen(const vk::Context& context, const SkinView& view, VkExtent2D size) {
    UiContext ui;  // must outlive the renderer's ImGui Vulkan backend
    Renderer renderer(context, 1);
    FrameTarget target = renderer.make_target(size);
    vk::Buffer readback(context, VkDeviceSize(size.width) * size.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                        vk::MemoryUse::Readback);

    renderer.ui().begin_frame();
    ui.new_headless_frame(size);
    if (view.annotations) draw_annotations(ImGui::GetForegroundDrawList(), view, size);
    ImGui::Render();

    vk::OneShotCommands commands(context);
    commands.run([&](VkCommandBuffer cmd) {
        renderer.record(cmd, 0, target, view, ImGui::GetDrawData());
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = {size.width, size.height, 1};
        vkCmdCopyImageToBuffer(cmd, target.color.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback, 1, &region);
        vk::buffer_barrier(cmd, readback, vk::access::TransferWrite, vk::access::HostRead);
    });
    readback.invalidate();
    RgbaImage image{size.width, size.height, std::vector<uint8_t>(readback.size())};
    std::memcpy(image.pixels.data(), readback.mapped(), image.pixels.size());
    return image;
}

}  // namespace dermasim
