#pragma once
// Dear ImGui drawn on top of the scene, in the same offscreen image, for the window and headless runs alike:
// the window's panels and the annotations (ruler, layer labels) both go through it.
// The renderer owns the ImGui context (the window binds the GLFW platform backend to it); this owns the Vulkan
// side, whose data ImGui keeps in that context: every backend call here runs with that context current.
#include <vulkan/vulkan.h>
#include "engine/render/frame_target.hpp"
#include "engine/render/ui_context.hpp"
#include "engine/vk/handle.hpp"

struct ImDrawData;

namespace dermasim {
namespace vk { class Context; }

class UiOverlay {
public:
    UiOverlay(const vk::Context& context, const UiContext& ui, int frame_slots, VkFormat color_format);
    ~UiOverlay();
    UiOverlay(const UiOverlay&) = delete;
    UiOverlay& operator=(const UiOverlay&) = delete;

    void begin_frame();  // ImGui_ImplVulkan_NewFrame
    void make_framebuffer(FrameTarget& target) const;
    // Draws ImGui's draw data over the target's colour (which must be in COLOR_ATTACHMENT_OPTIMAL).
    void record(VkCommandBuffer cmd, const FrameTarget& target, ImDrawData* draw_data) const;

private:
    const vk::Context& context_;
    const UiContext& ui_;
    vk::RenderPass render_pass_;
    vk::DescriptorPool pool_;
};

}  // namespace dermasim
