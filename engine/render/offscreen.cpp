#include "engine/render/offscreen.hpp"

#include <imgui.h>

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
    return render_frame([&]() -> const SkinView& { return view; });
}

RgbaImage OffscreenRenderer::render_frame(const std::function<const SkinView&()>& build) {
    Impl& m = *impl_;
    m.renderer.ui().begin_frame();
    m.ui.new_headless_frame(m.size);
    const SkinView& view = build();
    if (view.annotations) draw_annotations(ImGui::GetBackgroundDrawList(), view, m.size);
    ImGui::Render();

    m.commands.run([&](VkCommandBuffer cmd) {
        m.renderer.record(cmd, 0, m.target, view, ImGui::GetDrawData());
        record_color_readback(cmd, m.target, m.readback);
    });
    return image_from_readback(m.readback, m.size);
}

VkExtent2D OffscreenRenderer::size() const { return impl_->size; }

RgbaImage render_offscreen(const vk::Context& context, const SkinView& view, VkExtent2D size) {
    return OffscreenRenderer(context, size).render(view);
}

}  // namespace dermasim
