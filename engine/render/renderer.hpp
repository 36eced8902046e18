#pragma once
// One renderer for window and headless runs: it draws a frame into its own offscreen FrameTarget (scene, then
// Dear ImGui on top) and leaves the colour image ready to be copied: TRANSFER_SRC_OPTIMAL, writes visible to
// transfers. The window blits it to the swapchain; a headless run copies it to a buffer and writes a PNG.
#include <memory>
#include <vulkan/vulkan.h>
#include "engine/render/device_pass.hpp"
#include "engine/render/frame_target.hpp"
#include "engine/render/micro_view_pass.hpp"
#include "engine/render/skin_block_pass.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/render/ui_context.hpp"
#include "engine/render/ui_overlay.hpp"

struct ImDrawData;

namespace dermasim {
namespace vk { class Context; }
struct Catalog;

class Renderer {
public:
    // The catalogue gives the device models and the healing parameters; it must outlive the renderer.
    Renderer(const vk::Context& context, const Catalog& catalog, int frame_slots);

    FrameTarget make_target(VkExtent2D extent) const;
    UiOverlay& ui() { return ui_; }
    // This renderer's own ImGui context: build its frames (NewFrame .. Render) inside a UiContext::Activate.
    UiContext& ui_context() { return ui_context_; }

    // Records one frame. The target must not be in use by the GPU (the caller waited on its slot's fence).
    void record(VkCommandBuffer cmd, int slot, FrameTarget& target, const SkinView& view, ImDrawData* ui);

private:
    // Clears colour and depth and opens the dynamic-rendering scope every scene pass draws in.
    void begin_scene(VkCommandBuffer cmd, const FrameTarget& target);

    const vk::Context& context_;
    const Catalog& catalog_;
    int frame_slots_;
    SkinBlockPass skin_;
    MicroViewPass micro_;
    UiContext ui_context_;  // before ui_: the Vulkan backend lives in this context and must go first
    UiOverlay ui_;
    std::unique_ptr<DevicePass> devices_;  // made on the first frame that shows a device (uploads the models)
};

}  // namespace dermasim
