#pragma once
// Headless rendering: frames of a SkinView into images in memory, without any window system.
#include <functional>
#include <memory>
#include <optional>
#include <vulkan/vulkan.h>
#include "engine/io/png.hpp"
#include "engine/render/frame_target.hpp"
#include "engine/render/moving_picture_timer.hpp"
#include "engine/render/skin_view.hpp"

namespace dermasim {
namespace vk { class Context; }
struct Catalog;

// Keeps pipelines and the target between frames (time-lapse frames, tests). Owns its ImGui context (through its
// Renderer), so several can live beside each other and beside the window. The catalogue must outlive it.
class OffscreenRenderer {
public:
    // color_format: of the renderer's images (render/frame_target.hpp); the images come back in RGBA order.
    OffscreenRenderer(const vk::Context& context, const Catalog& catalog, VkExtent2D size,
                      VkFormat color_format = kColorFormat);
    ~OffscreenRenderer();
    RgbaImage render(const SkinView& view);
    // One frame of an app: build runs between ImGui::NewFrame and ImGui::Render (its widgets are drawn over the
    // scene) and returns the view to draw; the ruler and labels go under the widgets.
    RgbaImage render_frame(const std::function<const SkinView&()>& build);
    VkExtent2D size() const;
    // Renderer::set_moving_scale (headless frames are drawn at full size unless this is lowered).
    void set_moving_scale(float scale);
    bool drew_moving() const;  // Renderer::drew_moving, of the last render
    // Renderer::time_moving_pictures and measured_moving: with one frame slot, what the previous render's moving
    // pictures took.
    bool time_moving_pictures();
    std::optional<MovingPictureTimer::Measured> measured_moving() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

RgbaImage render_offscreen(const vk::Context& context, const Catalog& catalog, const SkinView& view, VkExtent2D size);

}  // namespace dermasim
