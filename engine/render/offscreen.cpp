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
    Impl(const vk::Context& c, const Catalog& catalog, VkExtent2D s, VkFormat color_format)
        : context(c), size(s), renderer(c, catalog, 1, color_format), target(renderer.make_target(s)),
          readback(c, VkDeviceSize(s.width) * s.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, vk::MemoryUse::Readback),
          commands(c) {}
    const vk::Context& context;
    VkExtent2D size;
    Renderer renderer;
    FrameTarget target;
    vk::Buffer readback;
    vk::OneShotCommands commands;
};

OffscreenRenderer::OffscreenRenderer(const vk::Context& context, const Catalog& catalog, VkExtent2D size,
                                     VkFormat color_format)
    : impl_(std::make_unique<Impl>(context, catalog, size, color_format)) {}

OffscreenRenderer::~OffscreenRenderer() = default;

RgbaImage OffscreenRenderer::render(const SkinView& view) {
    return render_frame([&]() -> const SkinView& { return view; });
}

RgbaImage OffscreenRenderer::render_frame(const std::function<const SkinView&()>& build) {
    Impl& m = *impl_;
    // The whole frame, from NewFrame to recording the draw data, with this renderer's ImGui context current;
    // whatever was current before (the window's) is current again afterwards.
    UiContext::Activate active(m.renderer.ui_context());
    m.renderer.ui().begin_frame();
    m.renderer.ui_context().new_headless_frame(m.size);
    const SkinView& view = build();
    draw_annotations(ImGui::GetBackgroundDrawList(), view, m.size);
    ImGui::Render();

    m.commands.run([&](VkCommandBuffer cmd) {
        m.renderer.record(cmd, 0, m.target, view, ImGui::GetDrawData());
        record_color_readback(cmd, m.target, m.readback);
    });
    return image_from_readback(m.readback, m.target);
}

VkExtent2D OffscreenRenderer::size() const { return impl_->size; }

void OffscreenRenderer::set_moving_scale(float scale) { impl_->renderer.set_moving_scale(scale); }
bool OffscreenRenderer::drew_moving() const { return impl_->renderer.drew_moving(); }
std::optional<MovingPictureTimer::Measured> OffscreenRenderer::measured_moving() const {
    return impl_->renderer.measured_moving();
}
bool OffscreenRenderer::time_moving_pictures() { return impl_->renderer.time_moving_pictures(); }

RgbaImage render_offscreen(const vk::Context& context, const Catalog& catalog, const SkinView& view, VkExtent2D size) {
    return OffscreenRenderer(context, catalog, size).render(view);
}

}  // namespace dermasim
